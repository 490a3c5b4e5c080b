"""The monthly part of the HTML report: national counts, report timeliness, a log's heat map.

Reads only `result.summary["monthly"]` (gxaudit.monthly). The heat map is a table whose cell
shade grows with the month's count — people would rather look than read — with the number
printed in the cell so it still reads in black-and-white print. No script, no chart library.
"""

from __future__ import annotations

from gxaudit.model import RunResult

CLASS_NAMES = {"dynamic": "动态要闻", "notice_policy": "通知公告、政策文件", "personnel_planning": "人事、规划计划",
               "statistics": "统计数据", "budget": "财政预决算", "annual_report": "年报", "guide": "指南、制度",
               "topic": "专题", "other": "其他", None: ""}


def shade(n: int, top: int) -> str:
    """Background for a count: white for 0, deepening blue up to the busiest cell."""
    if n <= 0 or top <= 0:
        return "#ffffff"
    level = 0.18 + 0.82 * min(n / top, 1.0)
    r, g, b = (round(255 - (255 - c) * level) for c in (26, 86, 196))
    return f"#{r:02x}{g:02x}{b:02x}"


def view(result: RunResult) -> dict | None:
    monthly = result.summary.get("monthly")
    if not monthly:
        return None
    logs = []
    for log in monthly.get("logs", []):
        top = log.get("max", 0)
        rows = [{"name": c["name"], "class": CLASS_NAMES.get(c["class"], c["class"] or ""), "last": c["last"] or "—",
                 "total": c["total"],
                 "cells": [{"n": n, "bg": shade(n, top), "fg": "#ffffff" if top and n > top * 0.6 else "#202124"}
                           for n in c["counts"]]} for c in log["columns"]]
        logs.append({**log, "rows": rows, "month_labels": [m[2:] for m in log["months"]]})
    return {"as_of": monthly.get("as_of"), "thresholds": monthly.get("thresholds", {}),
            "snapshots": monthly.get("snapshots", []), "timeliness": monthly.get("report_timeliness"),
            "logs": logs, "class_names": CLASS_NAMES}
