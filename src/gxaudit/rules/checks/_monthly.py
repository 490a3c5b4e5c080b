"""Shared helpers of the monthly check kinds: the day a check is made and an item's date.

Kept apart from the kinds so each kind module stays one small function over a Submission.
"""

from __future__ import annotations

import datetime as dt

from gxaudit.extract.logdates import month_end
from gxaudit.model import LogItem
from gxaudit.rules.context import CheckContext

CLASS_NAMES = {
    "dynamic": "动态要闻类",
    "notice_policy": "通知公告、政策文件类",
    "personnel_planning": "人事、规划计划类",
    "statistics": "统计数据类",
    "budget": "财政预决算类",
    "annual_report": "年度报告类",
    "guide": "公开指南、制度类",
    "other": "其他",
}


def check_day(ctx: CheckContext) -> dt.date | None:
    """`--as-of` wins; a monthly period is checked on its last day; otherwise unknown."""
    if ctx.as_of:
        return ctx.as_of
    if ctx.period and len(ctx.period) == 7 and ctx.period[4] == "-":
        return month_end(ctx.period)
    return None


def period_start(ctx: CheckContext, as_of: dt.date) -> dt.date:
    if ctx.period and len(ctx.period) == 7 and ctx.period[4] == "-":
        y, m = (int(x) for x in ctx.period.split("-"))
        return dt.date(y, m, 1)
    return as_of.replace(day=1)


def effective_date(item: LogItem) -> dt.date | None:
    """A month-only date (a log's month folder) counts as that month's last day: the benefit
    of the doubt goes to the agency, never a finding made on a guessed day."""
    if item.published is None:
        return None
    if (item.date_source or "").endswith(":month"):
        return month_end(item.published.strftime("%Y-%m"))
    return item.published


def column_label(name: str | None, path: str) -> str:
    return f"“{name}”" if name else f"“{path}”"
