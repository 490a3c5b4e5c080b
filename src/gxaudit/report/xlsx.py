"""The ranking workbook an office clerk opens in Excel or WPS.

Three sheets mirror the clerk's own hand-made sheet: 排名 (ranking with status and change),
得分明细 (agency × indicator group), 问题清单 (one row per finding with its evidence, basis and
fix, so every deduction can be checked). Charts are native Excel charts: Excel/WPS draw them
with the reader's fonts, so CJK labels need nothing embedded (ECOSYSTEM.md §15).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from gxaudit.model import RunResult
from gxaudit.report.view import (
    FAIL_GRADE,
    OUTCOME_LABELS,
    SEVERITY_LABELS,
    cards_by_agency,
    evidence_where,
    fmt_change,
    period_words,
    ranking_rows,
    status_label,
    write_bytes,
)

RANK_HEADERS = ["排名", "单位", "类别", "总分", "等级", "排名变化", "状态", "说明", "文件"]
FINDING_HEADERS = ["单位", "文件", "规则编号", "问题", "结果", "严重程度", "扣分", "次数", "说明", "证据位置",
                   "原文", "填报值", "计算值", "依据", "整改建议", "连续未整改"]


def render(result: RunResult) -> bytes:
    """The workbook as bytes; deterministic for the same result (fixed document dates)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    stamp = dt.datetime.combine(result.run.as_of or dt.date(2000, 1, 1), dt.time())
    _, _, period_text = period_words(result.run.period)
    wb.set_properties({"title": f"{period_text}政务公开评分", "created": stamp, "author": "gxaudit"})
    f = _formats(wb)
    _ranking_sheet(wb, f, result)
    _groups_sheet(wb, f, result)
    _findings_sheet(wb, f, result)
    wb.close()
    return buf.getvalue()


def write(result: RunResult, path: Path | str) -> Path:
    return write_bytes(path, render(result))


def _formats(wb) -> dict:
    base = {"font_name": "宋体", "font_size": 10, "valign": "top"}
    return {
        "head": wb.add_format({**base, "bold": True, "bg_color": "#dde6f3", "border": 1, "text_wrap": True,
                               "valign": "vcenter"}),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "num": wb.add_format({**base, "num_format": "0.0"}),
        "int": wb.add_format({**base, "num_format": "0"}),
        "bad_text": wb.add_format({**base, "font_color": "#c00000", "bold": True}),
        "bad_num": wb.add_format({**base, "num_format": "0.0", "font_color": "#c00000", "bold": True}),
        "grey": wb.add_format({**base, "font_color": "#7f7f7f"}),
    }


def _header(ws, f, headers: list[str], widths: list[int]) -> None:
    for col, (h, w) in enumerate(zip(headers, widths)):
        ws.write_string(0, col, h, f["head"])
        ws.set_column(col, col, w)
    ws.freeze_panes(1, 0)
    ws.set_row(0, 22)


def _ranking_sheet(wb, f, result: RunResult) -> None:
    ws = wb.add_worksheet("排名")
    _header(ws, f, RANK_HEADERS, [6, 22, 14, 8, 8, 9, 10, 40, 34])
    cards = cards_by_agency(result)
    rows = ranking_rows(result)
    for i, r in enumerate(rows, start=1):
        card = cards.get(r.agency)
        bad = r.grade == FAIL_GRADE or r.status in ("unreadable", "missing")
        if r.rank is not None:
            ws.write_number(i, 0, r.rank, f["int"])
        else:
            ws.write_blank(i, 0, None, f["text"])
        ws.write_string(i, 1, r.agency, f["bad_text"] if bad else f["text"])
        ws.write_string(i, 2, r.peer_group, f["text"])
        if r.total is not None:
            ws.write_number(i, 3, r.total, f["bad_num"] if r.grade == FAIL_GRADE else f["num"])
        else:
            ws.write_blank(i, 3, None, f["text"])
        ws.write_string(i, 4, r.grade or "", f["bad_text"] if r.grade == FAIL_GRADE else f["text"])
        ws.write_string(i, 5, fmt_change(r), f["text"])
        ws.write_string(i, 6, status_label(r.status), f["bad_text"] if bad else f["text"])
        reason = (card.status_reason if card else None) or ("名单内单位本期未报送材料" if r.status == "missing" else "")
        ws.write_string(i, 7, reason, f["wrap"])
        files = card.files if card else r.submission_ids
        ws.write_string(i, 8, "；".join(files), f["grey"])
    last = len(rows)
    ws.autofilter(0, 0, max(last, 1), len(RANK_HEADERS) - 1)
    scored = [i for i, r in enumerate(rows, start=1) if r.total is not None]
    if scored:
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({
            "name": "总分",
            "categories": ["排名", 1, 1, last, 1],
            "values": ["排名", 1, 3, last, 3],
            "data_labels": {"value": True, "num_format": "0.0"},
            "fill": {"color": "#3b7dd8"},
        })
        chart.set_title({"name": "各单位总分"})
        chart.set_x_axis({"min": 0, "max": 100})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": 620, "height": 40 + 22 * last})
        ws.insert_chart(1, len(RANK_HEADERS) + 1, chart)


def _groups_sheet(wb, f, result: RunResult) -> None:
    ws = wb.add_worksheet("得分明细")
    titles: dict[str, str] = {}
    for c in result.scorecards:
        for g in c.groups:
            titles.setdefault(g.id, f"{g.title}（{g.points:g}分）")
    group_ids = list(titles)
    headers = ["单位", "类别", "状态"] + [titles[g] for g in group_ids] + ["加分", "总分", "等级", "否决",
                                                                        "通过", "不适用", "无法评估"]
    _header(ws, f, headers, [22, 14, 10] + [12] * len(group_ids) + [7, 8, 8, 6, 6, 7, 9])
    for i, c in enumerate(result.scorecards, start=1):
        ws.write_string(i, 0, c.agency, f["text"])
        ws.write_string(i, 1, c.peer_group, f["text"])
        ws.write_string(i, 2, status_label(c.status), f["bad_text"] if c.status != "scored" else f["text"])
        by_id = {g.id: g for g in c.groups}
        col = 3
        for gid in group_ids:
            g = by_id.get(gid)
            if g is None or c.status != "scored":
                ws.write_blank(i, col, None, f["text"])
            else:
                ws.write_number(i, col, g.score, f["num"])
            col += 1
        bonus = sum(g.bonus for g in c.groups)
        if c.status == "scored":
            ws.write_number(i, col, bonus, f["num"])
            ws.write_number(i, col + 1, c.total, f["bad_num"] if c.grade == FAIL_GRADE else f["num"])
        else:
            ws.write_blank(i, col, None, f["text"])
            ws.write_blank(i, col + 1, None, f["text"])
        ws.write_string(i, col + 2, c.grade or "", f["bad_text"] if c.grade == FAIL_GRADE else f["text"])
        ws.write_string(i, col + 3, "是" if c.veto else "", f["bad_text"])
        ws.write_number(i, col + 4, c.passed, f["int"])
        ws.write_number(i, col + 5, c.not_applicable, f["int"])
        ws.write_number(i, col + 6, c.cannot_evaluate, f["int"])
    ws.autofilter(0, 0, max(len(result.scorecards), 1), len(headers) - 1)


def _findings_sheet(wb, f, result: RunResult) -> None:
    ws = wb.add_worksheet("问题清单")
    _header(ws, f, FINDING_HEADERS, [18, 22, 11, 34, 8, 8, 6, 5, 44, 36, 30, 7, 7, 28, 34, 9])
    i = 0
    for c in result.scorecards:
        if c.status == "unreadable":
            i += 1
            ws.write_row(i, 0, [c.agency, "；".join(c.files), "", "材料无法读取", "无法读取", "", "", "",
                                c.status_reason or ""], f["wrap"])
            continue
        for fd in c.findings:
            i += 1
            ev = fd.evidence[0] if fd.evidence else None
            values = [
                c.agency, ev.file if ev else "；".join(c.files), fd.rule_id, fd.title,
                OUTCOME_LABELS.get(fd.outcome, fd.outcome), SEVERITY_LABELS.get(fd.severity, fd.severity),
            ]
            for col, v in enumerate(values):
                ws.write_string(i, col, v, f["bad_text"] if col == 4 and fd.outcome == "fail" else f["wrap"])
            ws.write_number(i, 6, fd.deduction, f["num"])
            ws.write_number(i, 7, fd.count, f["int"])
            ws.write_string(i, 8, fd.message, f["wrap"])
            ws.write_string(i, 9, "；".join(evidence_where(e) for e in fd.evidence), f["wrap"])
            ws.write_string(i, 10, "；".join(e.quote for e in fd.evidence if e.quote), f["wrap"])
            for col, val in ((11, ev.printed if ev else None), (12, ev.computed if ev else None)):
                if val is None:
                    ws.write_blank(i, col, None, f["text"])
                else:
                    ws.write_number(i, col, val, f["text"])
            ws.write_string(i, 13, fd.basis, f["wrap"])
            ws.write_string(i, 14, fd.fix, f["wrap"])
            ws.write_string(i, 15, "是" if fd.repeated else "", f["bad_text"])
    cards = cards_by_agency(result)
    for r in ranking_rows(result):
        if r.status == "missing" and r.agency not in cards:
            i += 1
            ws.write_row(i, 0, [r.agency, "", "", "名单内单位本期未报送材料", "未报送"], f["wrap"])
    ws.autofilter(0, 0, max(i, 1), len(FINDING_HEADERS) - 1)
