"""item_deadline: an item of a given kind appears within N days of the date it runs from.

Good: a 部门预算 approved on 2026-02-01 and published on 2026-02-15 (limit 20 days).
Bad: published on 2026-03-05 — 32 days, 12 days late; one occurrence per late item.
Items whose log gives no trigger date cannot be judged and are counted as such. In a monthly
run only the items published in the month are judged (`in_period`), so a log exported with
its history does not raise last month's late item again.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import check_day, period_start
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title_pattern: str = Field(description="regular expression over the item title")
    days: int = Field(ge=0)
    working_days: bool = False
    in_period: bool = Field(True, description="only items published in the monthly period (when the run has one)")

    @field_validator("title_pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        re.compile(v)
        return v


def elapsed(start: dt.date, end: dt.date, working: bool) -> int:
    if not working:
        return (end - start).days
    days, d = 0, start
    while d < end:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            days += 1
    return days


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    rx = re.compile(params.title_pattern)
    late: list[Evidence] = []
    days_late: list[int] = []
    judged = unjudged = 0
    day = check_day(ctx) if params.in_period else None
    start = period_start(ctx, day) if day else None
    for it in sub.items:
        if not rx.search(it.title):
            continue
        if start and it.published and not start <= it.published <= day:  # type: ignore[operator]
            continue
        if it.trigger is None or it.published is None:
            unjudged += 1
            continue
        judged += 1
        took = elapsed(it.trigger, it.published, params.working_days)
        if took > params.days:
            unit = "个工作日" if params.working_days else "天"
            days_late.append(took - params.days)
            late.append(Evidence(file=sub.file, section=it.column, quote=it.title[:60], line=it.loc.line if it.loc else None,
                                 detail=f"{it.trigger.isoformat()}形成，{it.published.isoformat()}发布，用时{took}{unit}，"
                                        f"超期{took - params.days}{unit}"))
    if late:
        return [CheckResult(outcome="fail", count=len(late), evidence=late,
                            message=f"{len(late)}条信息未在{params.days}{'个工作日' if params.working_days else '天'}内公开："
                                    + "；".join(e.detail or "" for e in late[:5]),
                            data={"late": len(late), "days_late": days_late})]
    if judged:
        return [CheckResult(outcome="pass", message=f"{judged}条均按时公开")]
    if unjudged:
        return [CheckResult(outcome="cannot_evaluate", count=unjudged,
                            message=f"{unjudged}条相关信息缺少形成日期，无法判断是否按时公开")]
    return [CheckResult(outcome="not_applicable", message="本期没有此类信息")]
