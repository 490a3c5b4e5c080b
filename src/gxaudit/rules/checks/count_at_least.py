"""count_at_least: enough items published in the period (an office's monthly quota).

Good: 23 items in October for a department whose quota is 20.
Bad: 12 items (below 20), or none at all — `none_deduct` lets a pack weigh an empty
month more heavily (e.g. −10 instead of −5) through `data.none`.
"""

from __future__ import annotations

import fnmatch

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import check_day, effective_date, period_start
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: int = Field(ge=1)
    classes: list[str] = Field(default_factory=list, description="only these column classes (empty: all)")
    columns: list[str] = Field(default_factory=list, description="only columns matching these globs")


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    as_of = check_day(ctx)
    if as_of is None:
        return [CheckResult(outcome="cannot_evaluate", message="未给出月度期间或核查日期，无法统计本期发布数量")]
    start = period_start(ctx, as_of)
    n = 0
    for it in sub.items:
        if params.classes and (it.column_class or "other") not in params.classes:
            continue
        if params.columns and not any(fnmatch.fnmatchcase(it.column, g) or fnmatch.fnmatchcase(it.column_name or "", g)
                                      for g in params.columns):
            continue
        d = effective_date(it)
        if d is not None and start <= d <= as_of:
            n += 1
    span = f"{start.isoformat()}至{as_of.isoformat()}"
    if n >= params.min:
        return [CheckResult(outcome="pass", message=f"{span}发布{n}条（要求不少于{params.min}条）", data={"count": n})]
    return [CheckResult(outcome="fail", message=f"{span}仅发布{n}条，少于要求的{params.min}条",
                        evidence=[Evidence(file=sub.file, printed=float(n), computed=float(params.min),
                                           detail=f"本期发布{n}条")],
                        data={"count": n, "none": n == 0})]
