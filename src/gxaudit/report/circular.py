"""The monthly circular (通报): facts from the RunResult, words from an editable template.

`build` turns a period's RunResult (and the previous period's, for the comparison sentence)
into `CircularData`: every sentence already filled in, every table already laid out. The
Markdown and DOCX writers only typeset it, so both say exactly the same thing. The wording
lives in `templates/circular.toml`; an office overrides any part of it with `--template`.

Placeholders are `{name}` and are filled by a plain substitution, never by `str.format`
(an office's template must not be able to reach attributes of the values).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from gxaudit.model import RankRow, RunResult, Scorecard
from gxaudit.report.view import (
    cards_by_agency,
    cost_text,
    failed,
    fmt_change,
    fmt_score,
    peer_groups,
    period_words,
    ranking_rows,
    status_label,
)

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "circular.toml"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class RankLine(BaseModel):
    rank: str
    agency: str
    total: str
    grade: str
    change: str
    status: str


class RankTable(BaseModel):
    name: str
    rows: list[RankLine]


class CommonProblem(BaseModel):
    rule_id: str
    title: str
    count: int
    agencies: list[str]
    text: str


class ProblemLine(BaseModel):
    rule_id: str
    text: str
    deduction: str
    repeated: bool = False
    cost: str = ""  # the words in brackets: 扣4分 / 不扣分 / 该项指标分值已扣完 (view.cost_text)


class AgencyProblems(BaseModel):
    agency: str
    peer_group: str
    note: str = ""  # unreadable / missing / clean
    items: list[ProblemLine] = Field(default_factory=list)


class AgencyGroup(BaseModel):
    name: str
    agencies: list[AgencyProblems]


class CircularData(BaseModel):
    """Everything the circular prints, in order; writers add only typography."""

    period: str
    issuer: str
    doc_number: str
    title: str
    recipients: str
    intro: str
    headings: dict[str, str]
    overview: list[str]
    ranking_intro: str
    ranking_tables: list[RankTable]
    good: str
    problems_intro: str
    common_problems: list[CommonProblem]
    agencies_intro: str
    agency_groups: list[AgencyGroup]
    rectify: list[str]
    signer: str
    date: dt.date
    date_text: str
    deadline: dt.date
    attachment_label: str
    attachment_title: str
    attachment: list[RankTable]
    chart: bool = True
    ranking: list[RankRow] = Field(default_factory=list)  # for the chart


def _rectify(text: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """The demands, plus the resubmission one only when some unit did not submit or could not be
    read: a circular telling every unit to resubmit when none has to reads as a form letter."""
    items = list(text["rectify"])
    if text.get("rectify_resubmit") and values.get("unreadable_count", 0) + values.get("missing_count", 0):
        items.append(text["rectify_resubmit"])
    return items


def load_template(path: Path | None = None) -> dict[str, Any]:
    """The default wording with an office's file laid over it, table by table."""
    with DEFAULT_TEMPLATE.open("rb") as fh:
        merged = tomllib.load(fh)
    if path is not None:
        with Path(path).open("rb") as fh:
            local = tomllib.load(fh)
        for key, value in local.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace {name} by values[name]; unknown names stay visible so the clerk notices."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """start + N working days, skipping Saturdays and Sundays (no holiday calendar)."""
    d = start
    left = days
    while left > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def date_text(d: dt.date) -> str:
    """成文日期 in Arabic numerals, as GB/T 9704-2012 prints it: 2025年12月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def default_date(result: RunResult) -> dt.date:
    """The run's as-of date; otherwise the first day after the period (deterministic)."""
    if result.run.as_of:
        return result.run.as_of
    year, month, _ = period_words(result.run.period)
    if year.isdigit() and month:
        y, m = int(year), int(month)
        return dt.date(y + (m == 12), m % 12 + 1, 1)
    if year.isdigit():
        return dt.date(int(year) + 1, 1, 1)
    return dt.date(2000, 1, 1)


def build(result: RunResult, previous: RunResult | None = None, template: Path | None = None,
          *, date: dt.date | None = None) -> CircularData:
    tpl = load_template(template)
    header, text, settings = tpl["header"], tpl["text"], tpl["settings"]
    cards = cards_by_agency(result)
    rows = ranking_rows(result)
    year, month, period_text = period_words(result.run.period)
    when = date or default_date(result)
    days = int(settings.get("rectify_working_days", 10))
    deadline = add_working_days(when, days)
    values: dict[str, Any] = {
        "year": year, "month": month, "period_text": period_text, "issuer": header["issuer"],
        "date": date_text(when), "deadline": date_text(deadline), "days": days,
        **_counts(rows),
    }
    overview = [fill(text["overview"], values)]
    if previous is not None:
        values.update(_comparison(result, previous))
        overview.append(fill(text["overview_previous"], values))
    title_key = "title_monthly" if month else "title_annual"
    headings = {k: fill(v, values) for k, v in tpl["headings"].items()}
    tables = [RankTable(name=name, rows=[_rank_line(r) for r in members]) for name, members in peer_groups(rows)]
    return CircularData(
        period=result.run.period or "",
        issuer=header["issuer"],
        doc_number=fill(header.get("doc_number", ""), values),
        title=fill(header[title_key], values),
        recipients=header["recipients"],
        intro=fill(text["intro"], values),
        headings=headings,
        overview=overview,
        ranking_intro=fill(text["ranking"], values),
        ranking_tables=tables,
        good=_good(rows, cards, text, values, int(settings.get("good_practice_max", 5))),
        problems_intro=fill(text["problems"], values),
        common_problems=_common(result, text, values, int(settings.get("common_problem_max", 8))),
        agencies_intro=fill(text["agencies"], values),
        agency_groups=[AgencyGroup(name=name, agencies=[_agency(r, cards.get(r.agency), text, values) for r in members])
                       for name, members in peer_groups(rows)],
        rectify=[fill(p, values) for p in _rectify(text, values)],
        signer=header["signer"],
        date=when,
        date_text=date_text(when),
        deadline=deadline,
        attachment_label=fill(text["attachment_label"], values),
        attachment_title=headings["attachment"],
        attachment=tables,
        chart=bool(settings.get("chart", True)),
        ranking=rows,
    )


def _counts(rows: list[RankRow]) -> dict[str, Any]:
    scored = [r for r in rows if r.total is not None]
    grades = [r.grade for r in scored]
    return {
        "agency_count": len(rows),
        "scored_count": len(scored),
        "unreadable_count": sum(1 for r in rows if r.status == "unreadable"),
        "missing_count": sum(1 for r in rows if r.status == "missing"),
        "average": fmt_score(sum(r.total for r in scored) / len(scored)) if scored else "—",
        "excellent_count": grades.count("优秀"),
        "good_count": grades.count("良好"),
        "pass_count": grades.count("合格"),
        "fail_count": grades.count("不合格"),
    }


def _points(v: float) -> str:
    """10 → '10', 6.5 → '6.5': points as a circular prints them."""
    return f"{v:.1f}".rstrip("0").rstrip(".") if v else "0"


def _failed_rules(result: RunResult) -> dict[str, set[str]]:
    return {c.agency: {f.rule_id for f in failed(c)} for c in result.scorecards}


def _comparison(result: RunResult, previous: RunResult) -> dict[str, Any]:
    """Previous average, problems fixed since then (failed before, not failed now) and repeated."""
    now, before = _failed_rules(result), _failed_rules(previous)
    fixed = sum(len(rules - now.get(agency, set())) for agency, rules in before.items() if agency in now)
    repeated = sum(1 for c in result.scorecards for f in failed(c) if f.repeated)
    prev_counts = _counts(ranking_rows(previous))
    return {
        "prev_period_text": period_words(previous.run.period)[2],
        "prev_average": prev_counts["average"],
        "fixed_count": fixed,
        "repeated_count": repeated,
    }


def _rank_line(r: RankRow) -> RankLine:
    return RankLine(rank="" if r.rank is None else str(r.rank), agency=r.agency, total=fmt_score(r.total),
                    grade=r.grade or "", change=fmt_change(r), status=status_label(r.status))


def _good(rows: list[RankRow], cards: dict[str, Scorecard], text: dict, values: dict, limit: int) -> str:
    names = []
    for r in sorted((r for r in rows if r.total is not None), key=lambda r: -r.total):
        card = cards.get(r.agency)
        if card is None or card.status != "scored" or card.veto:
            continue
        if any(f.severity == "error" for f in failed(card)):
            continue
        names.append(r.agency)
    if not names:
        return fill(text["good_none"], values)
    return fill(text["good"], {**values, "agencies": "、".join(names[:limit])})


def _common(result: RunResult, text: dict, values: dict, limit: int) -> list[CommonProblem]:
    """Failed rules by how many agencies they hit, most common first; ties by rule id."""
    by_rule: dict[str, tuple[str, list[str]]] = {}
    for c in result.scorecards:
        for f in failed(c):
            title, agencies = by_rule.setdefault(f.rule_id, (f.title, []))
            if c.agency not in agencies:
                agencies.append(c.agency)
    ordered = sorted(by_rule.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))[:limit]
    out = []
    for rule_id, (title, agencies) in ordered:
        filled = fill(text["problem_item"], {**values, "title": title, "count": len(agencies),
                                             "agencies": "、".join(agencies)})
        out.append(CommonProblem(rule_id=rule_id, title=title, count=len(agencies), agencies=agencies, text=filled))
    return out


def _agency(r: RankRow, card: Scorecard | None, text: dict, values: dict) -> AgencyProblems:
    out = AgencyProblems(agency=r.agency, peer_group=r.peer_group)
    if r.status == "missing" or card is None:
        out.note = fill(text["agency_missing"], values)
        return out
    if card.status == "unreadable":
        out.note = fill(text["agency_unreadable"], {**values, "reason": card.status_reason or "未说明原因"})
        return out
    out.items = [ProblemLine(rule_id=f.rule_id, text=(f.message or f.title).rstrip("。；;."),
                             deduction=_points(f.deduction), repeated=f.repeated, cost=cost_text(f))
                 for f in failed(card)]
    if not out.items:
        out.note = fill(text["agency_clean"], values)
    return out
