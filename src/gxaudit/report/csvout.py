"""CSV outputs for spreadsheets: one row per agency (ranking) and one row per finding.

UTF-8 with BOM, because Excel on Chinese Windows opens BOM-less UTF-8 as GBK and shows
mojibake. Numbers are written as they are in the JSON; nothing is computed here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gxaudit.model import RunResult
from gxaudit.report.atomic import write_text

STATUS_ZH = {"scored": "已评分", "not_scored": "未评分", "unreadable": "无法读取", "missing": "未报送"}
RANKING_HEAD = ["名次", "单位", "排名分组", "总分", "等级", "状态", "名次变化", "上期名次", "说明", "文件"]
FINDING_HEAD = ["单位", "规则", "规则包", "指标", "问题", "严重程度", "结果", "扣分", "处数",
                "连续未整改", "说明", "位置", "原文", "报告值", "计算值", "依据", "整改建议"]
OUTCOME_ZH = {"fail": "不符合", "pass": "符合", "not_applicable": "不适用", "cannot_evaluate": "无法评估"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:g}" if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def group_columns(result: RunResult) -> list[tuple[str, str]]:
    """(group id, header) for every indicator group seen, in first-seen order."""
    seen: dict[str, str] = {}
    for c in result.scorecards:
        for g in c.groups:
            seen.setdefault(g.id, f"{g.title}（{_num(g.points)}分）")
    return list(seen.items())


def _to_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + buf.getvalue()


def ranking_csv(result: RunResult) -> str:
    cards = {c.agency: c for c in result.scorecards}
    cols = group_columns(result)
    rows = [RANKING_HEAD + [h for _, h in cols]]
    for r in result.ranking:
        card = cards.get(r.agency)
        scores = {g.id: g.score for g in card.groups} if card else {}
        rows.append([
            "" if r.rank is None else str(r.rank), r.agency, r.peer_group, _num(r.total), r.grade or "",
            STATUS_ZH.get(r.status, r.status), "" if r.rank_change is None else f"{r.rank_change:+d}",
            "" if r.prev_rank is None else str(r.prev_rank),
            (card.status_reason or "") if card else "未报送材料",
            "；".join(card.files) if card else "",
        ] + [_num(scores.get(gid)) for gid, _ in cols])
    return _to_csv(rows)


def findings_csv(result: RunResult) -> str:
    rows = [FINDING_HEAD]
    order = {r.agency: i for i, r in enumerate(result.ranking)}
    for c in sorted(result.scorecards, key=lambda c: (order.get(c.agency, len(order)), c.agency)):
        if c.status == "unreadable":
            rows.append([c.agency, "", "", "", c.status_reason or "无法读取", "", "无法读取",
                         "", "", "", "", "；".join(c.files), "", "", "", "", "请重新提交可读取的文件"])
        for f in c.findings:
            ev = f.evidence[0] if f.evidence else None
            where = ""
            if ev is not None:
                bits = [ev.file, ev.section, ev.table, ev.row, ev.col,
                        f"第{ev.page}页" if ev.page else None, f"第{ev.line}行" if ev.line else None]
                where = " ".join(b for b in bits if b)
            rows.append([c.agency, f.rule_id, f.pack, f.group, f.title, SEVERITY_ZH.get(f.severity, f.severity),
                         OUTCOME_ZH.get(f.outcome, f.outcome), _num(f.deduction), str(f.count),
                         "是" if f.repeated else "", f.message, where, (ev.quote or "") if ev else "",
                         _num(ev.printed) if ev else "", _num(ev.computed) if ev else "", f.basis, f.fix])
    return _to_csv(rows)


def write(result: RunResult, path: Path | str) -> Path:
    """Ranking CSV at `path`."""
    return write_text(path, ranking_csv(result))


def write_findings(result: RunResult, path: Path | str) -> Path:
    return write_text(path, findings_csv(result))
