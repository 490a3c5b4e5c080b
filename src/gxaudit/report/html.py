"""The single-file HTML report, laid out like Lighthouse's (ANCHORS.md §2, §10 item 14).

One offline file: inline CSS, inline SVG charts, no script, no CDN. Ranking per peer group
with a bar chart, then each agency's scorecard: group gauges, failed findings first with their
deduction, evidence, basis and fix, and the counts of passed / not applicable / cannot-evaluate
rules collapsed. Jinja2 autoescape is on (it is off by default, ECOSYSTEM.md §18): everything
from a submission is escaped, and the only markup marked safe is SVG built by `charts`, which
escapes its own labels.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from gxaudit.model import RunResult, Scorecard
from gxaudit.report import charts, monthly_view
from gxaudit.report.view import (
    FAIL_GRADE,
    OUTCOME_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    USED_UP,
    cards_by_agency,
    evidence_where,
    failed,
    fmt_change,
    fmt_score,
    packs_applied,
    peer_groups,
    period_words,
    printed_computed,
    ranking_rows,
    status_label,
    total_note,
    unevaluated,
    unevaluated_hint,
    used_up,
    write_bytes,
)

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default_for_string=True,
                                            default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(score=fmt_score, status=status_label, where=evidence_where, pc=printed_computed,
                       change=fmt_change)
    env.globals.update(outcome_labels=OUTCOME_LABELS, severity_labels=SEVERITY_LABELS, fail_grade=FAIL_GRADE,
                       used_up=used_up, used_up_label=USED_UP)
    return env


def render(result: RunResult) -> str:
    """The report as a string; the same result always gives the same text."""
    cards = cards_by_agency(result)
    rows = ranking_rows(result)
    anchors = {r.agency: f"a{i}" for i, r in enumerate(rows, start=1)}
    groups = []
    for name, members in peer_groups(rows):
        chart = charts.bars_svg(members, status_words=STATUS_LABELS)
        groups.append({"name": name, "rows": members, "chart": Markup(chart)})
    agencies = [_agency_view(r, cards.get(r.agency), anchors[r.agency]) for r in rows]
    _, _, period_text = period_words(result.run.period)
    scored = [r.total for r in rows if r.total is not None]
    counts = {
        "agencies": len(rows),
        "scored": len(scored),
        "unreadable": sum(1 for r in rows if r.status == "unreadable"),
        "missing": sum(1 for r in rows if r.status == "missing"),
        "average": fmt_score(sum(scored) / len(scored)) if scored else "",
        "failed_findings": sum(len(a["failed"]) for a in agencies),
    }
    packs_used, packs_unused = packs_applied(result)
    return environment().get_template("report.html.j2").render(
        run=result.run, period_text=period_text, groups=groups, agencies=agencies, anchors=anchors,
        counts=counts, monthly=monthly_view.view(result), packs_used=packs_used, packs_unused=packs_unused,
    )


def write(result: RunResult, path: Path | str) -> Path:
    return write_bytes(path, render(result).encode("utf-8"))


def _agency_view(row, card: Scorecard | None, anchor: str) -> dict:
    gauges = []
    if card is not None and card.status == "scored":
        gauges = [{"title": g.title, "score": g.score, "points": g.points, "bonus": g.bonus,
                   "not_evaluated": g.not_evaluated,
                   "svg": Markup(charts.gauge_svg(g.score, g.points, label=g.title))} for g in card.groups]
    total_svg = Markup(charts.gauge_svg(row.total, 100.0, size=96, label="总分"))
    return {
        "row": row,
        "card": card,
        "anchor": anchor,
        "total_svg": total_svg,
        "gauges": gauges,
        "total_note": total_note(card) if card else "",
        "failed": failed(card) if card else [],
        "unevaluated": unevaluated(card) if card else [],
        "unevaluated_hint": unevaluated_hint(card),
        "reason": (card.status_reason if card else None) or ("名单内单位本期未报送材料" if row.status == "missing" else ""),
    }
