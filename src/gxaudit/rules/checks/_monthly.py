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
    "topic": "专题专栏",
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


def shown_date(item: LogItem) -> str:
    """An item's date as a reader should see it: a month-only date stays a month."""
    if item.published is None:
        return item.date_raw or "无日期"
    if (item.date_source or "").endswith(":month"):
        return item.published.strftime("%Y-%m")
    return item.published.isoformat()


def last_full_month(as_of: dt.date) -> dt.date:
    """The last day of the last month complete on `as_of` (a month-precision log cannot be
    judged on a month still running): 2026-09-10 → 2026-08-31; 2026-08-31 → 2026-08-31."""
    if as_of == month_end(as_of.strftime("%Y-%m")):
        return as_of
    return as_of.replace(day=1) - dt.timedelta(days=1)


def months_back(end: dt.date, months: int) -> dt.date:
    """First day of the window of `months` months ending with `end`'s month."""
    y, m = end.year, end.month - (months - 1)
    while m <= 0:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def newest_items(items: list[LogItem], as_of: dt.date) -> dict[str, LogItem]:
    """Per column, the item with the newest effective date on or before `as_of` (pinned old
    items and ascending lists do not matter: dates decide, not positions)."""
    out: dict[str, LogItem] = {}
    for it in items:
        d = effective_date(it)
        if d is None or d > as_of:
            continue
        old = out.get(it.column)
        if old is None or d > effective_date(old):  # type: ignore[operator]
            out[it.column] = it
    return out


def name_list(labels: list[str], limit: int = 8) -> str:
    return "、".join(labels[:limit]) + (f"等{len(labels)}个" if len(labels) > limit else "")
