"""The terminal view: the ranking per peer group, then the most common problems.

A pure function of the RunResult (plain text, no colour codes), so it can be golden-tested
and piped into a file or an e-mail. tabulate with wcwidth aligns Chinese names.
"""

from __future__ import annotations

from tabulate import tabulate
from wcwidth import wcswidth, wcwidth

from gxaudit.model import RunResult
from gxaudit.report.csvout import STATUS_ZH, _num


def _change(v: int | None, status: str) -> str:
    if status != "scored":
        return ""
    if v is None:
        return "—"
    if v == 0:
        return "持平"
    return f"↑{v}" if v > 0 else f"↓{-v}"


def ranking_tables(result: RunResult, width: int | None = None) -> str:
    cards = {c.agency: c for c in result.scorecards}
    groups: dict[str, list] = {}
    for r in result.ranking:
        groups.setdefault(r.peer_group, []).append(r)
    parts = []
    for group, rows in groups.items():
        body = []
        for r in rows:
            card = cards.get(r.agency)
            note = STATUS_ZH.get(r.status, r.status) if r.status != "scored" else ""
            if card is not None:
                if card.veto:
                    note = "否决项"
                if card.status_reason:
                    note = card.status_reason if r.status != "scored" else f"{note} {card.status_reason}".strip()
                if card.cannot_evaluate and r.status == "scored":
                    note = f"{note} 无法评估 {card.cannot_evaluate} 项".strip()
            body.append(["" if r.rank is None else r.rank, r.agency, _num(r.total), r.grade or "",
                         _change(r.rank_change, r.status), _shorten(note, 60)])
        table = fitted(body, ["名次", "单位", "总分", "等级", "名次变化", "说明"], 5, width)
        parts.append(f"【{group}】\n{table}")
    return "\n\n".join(parts)


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _display_width(text: str) -> int:
    return max(wcswidth(text), len(text))


def _clip(text: str, columns: int) -> str:
    """`text` cut to `columns` terminal columns (a CJK character takes two), ending in …."""
    if _display_width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 1)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def fitted(body: list[list], headers: list[str], flexible: int, width: int | None, least: int = 12) -> str:
    """A simple table no wider than `width` terminal columns, by clipping the one free-text column
    (说明, 问题); the full text stays in the HTML/XLSX reports. None: as wide as the text."""
    table = tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True)
    widest = max(_display_width(line) for line in table.splitlines())
    if width is None or widest <= width:
        return table
    column = max([_display_width(headers[flexible])] + [_display_width(str(r[flexible])) for r in body])
    room = max(least, column - (widest - width))
    clipped = [[*r[:flexible], _clip(str(r[flexible]), room), *r[flexible + 1:]] for r in body]
    return tabulate(clipped, headers=headers, tablefmt="simple", disable_numparse=True)


def problems_table(result: RunResult, top: int = 10, width: int | None = None) -> str:
    common = result.summary.get("common_problems", [])[:top]
    if not common:
        return "常见问题：无"
    body = [[p["title"], p["rule_id"], len(p["agencies"]), p["occurrences"], p.get("repeated", 0) or ""]
            for p in common]
    table = fitted(body, ["问题", "规则", "单位数", "处数", "连续未整改"], 0, width)
    return f"常见问题（前 {len(common)} 项）\n{table}"


def render(result: RunResult, top: int = 10, width: int | None = None) -> str:
    """`width`: the terminal's columns (free text clipped to fit); None for files and goldens."""
    run = result.run
    counts = result.summary.get("counts", {})
    head = (f"期次：{run.period or '未指定'}　单位 {counts.get('agencies', len(result.ranking))} 个，"
            f"已评分 {counts.get('scored', 0)}，无法读取 {counts.get('unreadable', 0)}，"
            f"未报送 {counts.get('missing', 0)}")
    parts = [head, ranking_tables(result, width) if result.ranking else "（没有可排名的单位）",
             problems_table(result, top, width)]
    unreadable = result.summary.get("unreadable", [])
    if unreadable:
        parts.append("无法读取的文件\n" + "\n".join(
            f"  {u['message']}" if u["path"] in u["message"] else f"  {u['path']}：{u['message']}"
            for u in unreadable))
    if run.skipped:
        parts.append("已跳过的文件\n" + "\n".join(f"  {s['path']}：{s['reason']}" for s in run.skipped))
    if result.summary.get("previous_period") and not result.summary.get("rank_comparable"):
        parts.append(f"上期（{result.summary['previous_period']}）评分规则版本不同，不比较名次变化。")
    for w in result.summary.get("warnings", []):
        parts.append(f"注意：{w}")
    return "\n\n".join(parts) + "\n"
