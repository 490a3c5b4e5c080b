"""Presentation helpers shared by the office renderers (XLSX, HTML, circular).

Renderers are pure functions of a `RunResult`; this module only labels, orders and formats
what the earlier stages computed, so that every output says the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from gxaudit.model import Evidence, Finding, PackStamp, RankRow, RunResult, Scorecard
from gxaudit.report.atomic import write_bytes  # noqa: F401  (re-exported for the renderers)

STATUS_LABELS = {
    "scored": "已评分",
    "unreadable": "无法读取",
    "missing": "未报送",
    "not_scored": "未评分",
}
OUTCOME_LABELS = {
    "fail": "未通过",
    "pass": "通过",
    "not_applicable": "不适用",
    "cannot_evaluate": "无法评估",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FAIL_GRADE = "不合格"
TABLE_LABELS = {
    "proactive": "主动公开情况表",
    "applications": "申请情况表",
    "review_litigation": "复议诉讼情况表",
    "legacy_stats": "统计表",
}
CELL_LABELS = {
    "total": "总计", "natural": "自然人", "commercial": "商业企业", "research": "科研机构",
    "nonprofit": "社会公益组织", "legal": "法律服务机构", "other_org": "其他",
    "new": "本年新收", "carried_in": "上年结转", "handled_total": "办理结果总计",
    "carried_out": "结转下年度", "granted": "予以公开", "partial": "部分公开",
    "review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉",
}


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "scored", status or "")


def fmt_score(value: float | None) -> str:
    """One decimal, as the offices' sheets print scores; blank stays blank."""
    return "" if value is None else f"{value:.1f}"


def fmt_change(row: RankRow) -> str:
    """Rank change as a reader expects it: ↑2 moved up two places. Blank when there is no
    comparable previous rank (new agency, or the previous period was scored under other rules)."""
    if row.prev_rank is None or row.rank is None:
        return ""
    change = row.prev_rank - row.rank
    if change == 0:
        return "持平"  # as the terminal says; a dash read as "no previous rank" there
    return f"↑{change}" if change > 0 else f"↓{-change}"


def cards_by_agency(result: RunResult) -> dict[str, Scorecard]:
    return {c.agency: c for c in result.scorecards}


def packs_applied(result: RunResult) -> tuple[list[PackStamp], list[PackStamp]]:
    """The run's pack stamps split into those that scored at least one agency and the rest:
    a header listing eleven hashes of which three mattered hides the three."""
    used = {p.id for c in result.scorecards for p in c.packs}
    stamps = result.run.packs
    return [p for p in stamps if p.id in used], [p for p in stamps if p.id not in used]


def ranking_rows(result: RunResult) -> list[RankRow]:
    """The ranking as the rank stage ordered it; agencies without a row are appended.

    A scorecard the ranking does not list must still appear (nothing is dropped), so it is
    added after the ranked rows with its own status.
    """
    rows = list(result.ranking)
    listed = {r.agency for r in rows}
    for c in result.scorecards:
        if c.agency not in listed:
            rows.append(
                RankRow(
                    agency=c.agency,
                    peer_group=c.peer_group,
                    total=c.total if c.status == "scored" else None,
                    grade=c.grade,
                    rank=None,
                    status=c.status,
                    submission_ids=c.submission_ids,
                )
            )
    return rows


def peer_groups(rows: Iterable[RankRow]) -> list[tuple[str, list[RankRow]]]:
    """Rows split by peer group, groups in order of first appearance."""
    groups: dict[str, list[RankRow]] = {}
    for r in rows:
        groups.setdefault(r.peer_group, []).append(r)
    return list(groups.items())


def total_note(card: Scorecard) -> str:
    """How the group scores become the total, in the card's own numbers: the groups of several
    packs add up to far more than 100 (a township's year: 280), so a −4 deduction moves the
    total by 1.4 and a reader needs the division to trust it. Figures only restate the card."""
    groups = [g for g in card.groups if g.points > 0]
    if card.status != "scored" or not groups:
        return ""
    earned = sum(g.weight * g.score for g in groups)
    points = sum(g.weight * g.points for g in groups)
    base = 100.0 * earned / points
    packs = len({g.pack for g in groups})
    weighted = "（按规则包权重加权）" if any(g.weight != 1 for g in groups) else ""
    text = (f"总分按百分制折算：{packs} 个规则包共 {len(groups)} 个指标，实得 {earned:g} 分 ÷ 满分 {points:g} 分"
            f" × 100 = {base:.1f}{weighted}")
    diff = round(card.total - round(base, 2), 2)
    if card.veto and diff < 0:
        text += f"；触发否决项，总分封顶为 {card.total:.1f}"
    elif diff >= 0.05:
        text += f"；加分 {diff:.1f}，总分 {card.total:.1f}"
    elif diff <= -0.05:
        return ""  # not explained by the groups shown: better no formula than a wrong one
    return text + "。"


def unevaluated_hint(card: Scorecard | None) -> str:
    """What to do about the usual 无法评估: last year's report was not there to compare with
    (every agency of a run with only this year's reports shows these two)."""
    if card is None:
        return ""
    years = sorted({f.data.get("previous_year") for f in card.findings
                    if f.outcome == "cannot_evaluate" and f.data.get("no_history")}, key=str)
    if not years:
        return ""
    year = str(years[0]) if len(years) == 1 and years[0] else "上一年份"
    return (f"与上年报告衔接的规则需要上一年度的数据：先用 gxaudit score --period {year} 评一次"
            "上一年度的年度报告（写入同一历史库），或按年度评分时把上一年度的年度报告放进同一文件夹，即可核对。")


def failed(card: Scorecard) -> list[Finding]:
    """Failed findings, the costly and severe ones first (Lighthouse: failing audits on top)."""
    items = [f for f in card.findings if f.outcome == "fail"]
    return sorted(items, key=lambda f: (-f.deduction, SEVERITY_ORDER.get(f.severity, 9), f.rule_id))


USED_UP = "该项指标分值已扣完"


def used_up(f: Finding) -> bool:
    """The finding cost less than its rule deducts because its group's points were already gone
    (扣完为止; scoring records the rule's own deduction as data["nominal_deduction"])."""
    nominal = f.data.get("nominal_deduction")
    return f.outcome == "fail" and isinstance(nominal, (int, float)) and f.deduction < nominal


def cost_text(f: Finding) -> str:
    """What a failed finding cost, in a circular's words: '扣4分', '不扣分' (a rule that weighs
    nothing), '该项指标分值已扣完' (0 only because the group was used up: not "no penalty")."""
    points = f"{f.deduction:.1f}".rstrip("0").rstrip(".") if f.deduction else "0"
    if used_up(f):
        return USED_UP if not f.deduction else f"扣{points}分，{USED_UP}"
    return "不扣分" if not f.deduction else f"扣{points}分"


def unevaluated(card: Scorecard) -> list[Finding]:
    return sorted((f for f in card.findings if f.outcome == "cannot_evaluate"), key=lambda f: f.rule_id)


def evidence_where(ev: Evidence) -> str:
    """A human locator for one piece of evidence: file, page/line, section, table cell."""
    parts = [ev.file]
    if ev.page is not None:
        parts.append(f"第{ev.page}页")
    if ev.line is not None:
        parts.append(f"第{ev.line}行")
    if ev.section:
        parts.append(f"“{ev.section}”")
    if ev.table:
        cell = TABLE_LABELS.get(ev.table, ev.table)
        if ev.row or ev.col:
            cell += "“" + "/".join(CELL_LABELS.get(x, x) for x in (ev.row, ev.col) if x) + "”"
        parts.append(cell)
    return " ".join(parts)


def printed_computed(ev: Evidence) -> str:
    if ev.printed is None and ev.computed is None:
        return ""
    return f"填报 {_num(ev.printed)}，应为 {_num(ev.computed)}"


def _num(v: float | None) -> str:
    if v is None:
        return "空白"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def period_words(period: str | None) -> tuple[str, str, str]:
    """('2025', '11', '2025年11月') for a month, ('2025', '', '2025年度') for a year."""
    p = (period or "").strip()
    if len(p) >= 7 and p[4] == "-":
        year, month = p[:4], str(int(p[5:7]))
        return year, month, f"{year}年{month}月"
    if p.isdigit():
        return p, "", f"{p}年度"
    return p, "", p
