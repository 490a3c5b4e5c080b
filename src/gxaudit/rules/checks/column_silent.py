"""column_silent: catalogue columns with nothing published in the last N months (沉默栏目).

Judged on whole months ending with the last month complete on the check day (a log gives only
the month of an item): as of 2026-09-10 with `months: 12`, the window is 2025-09 … 2026-08.
Good: every column of the agency's catalogue has an item in the window. Bad: 其他应主动公开的
政府信息 whose last item is in 2023-04 — one occurrence, named with its last month. The
catalogue is every column the log or snapshot shows plus the `required` ones; columns that
could not be checked are left out, and `classes` narrows the catalogue to some classes.
"""

from __future__ import annotations

import fnmatch

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import (
    check_day,
    column_label,
    effective_date,
    last_full_month,
    months_back,
    name_list,
    newest_items,
    shown_date,
)
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    months: int = Field(12, ge=1, le=120, description="window in whole months ending with the last complete month")
    classes: list[str] = Field(default_factory=list, description="only columns of these classes (empty: all)")
    required: list[str] = Field(default_factory=list, description="catalogue columns (name or path globs) even if absent")


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    day = check_day(ctx)
    if day is None:
        return [CheckResult(outcome="cannot_evaluate", message="未给出核查日期（--as-of）或月度期间，无法判断栏目是否沉默")]
    end = last_full_month(day)
    start = months_back(end, params.months)
    newest = newest_items(sub.items, end)
    span = f"{start.strftime('%Y-%m')}至{end.strftime('%Y-%m')}"
    silent: list[Evidence] = []
    listed: list[dict] = []
    catalogue = [c for c in sub.columns if c.status != "unknown"
                 and (not params.classes or (c.column_class or "other") in params.classes)]
    for col in catalogue:
        last = newest.get(col.path)
        if last is not None and effective_date(last) >= start:  # type: ignore[operator]
            continue
        when = shown_date(last) if last else None
        silent.append(Evidence(file=sub.file, section=col.path, quote=col.name or None,
                               detail=f"{column_label(col.name, col.path)}{span}无新发布，"
                                      + (f"最后一条在{when}" if when else "从未发布")))
        listed.append({"path": col.path, "name": col.name, "class": col.column_class, "last": when})
    for pattern in params.required:
        if not any(fnmatch.fnmatchcase(c.path, pattern) or fnmatch.fnmatchcase(c.name or "", pattern)
                   for c in sub.columns):
            silent.append(Evidence(file=sub.file, section=pattern, quote=pattern, detail=f"目录栏目“{pattern}”从未发布"))
            listed.append({"path": pattern, "name": pattern, "class": None, "last": None})
    size = len(catalogue) + sum(1 for c in listed if c["class"] is None and c["last"] is None and c["path"] in params.required)
    data = {"window": [start.isoformat(), end.isoformat()], "columns": listed, "catalogue": size}
    if not size:
        return [CheckResult(outcome="not_applicable", message="没有可核查的目录栏目", data=data)]
    if silent:
        names = name_list([f"{column_label(c['name'], c['path'])}（最后一条{c['last'] or '无'}）" for c in listed], limit=30)
        return [CheckResult(outcome="fail", count=len(silent), evidence=silent, data=data,
                            message=f"{span}有{len(silent)}个目录栏目没有发布：{names}")]
    return [CheckResult(outcome="pass", message=f"{span}目录{size}个栏目均有发布", data=data)]
