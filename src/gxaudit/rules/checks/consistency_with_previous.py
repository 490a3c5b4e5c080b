"""consistency_with_previous — this period's table agrees with the same agency's previous one.

Good: this year's 上年结转 (carried_in) total 2 == last year's 结转下年度继续办理 (carried_out) 2.
Bad: carried_in 0 while last year's report carried 2 forward → fail with both values.

    check: consistency_with_previous
    with: {table: applications, columns: [total], expect: "carried_in == prev.carried_out"}

Without history (ctx.history_available False, or no previous submission) the rule is
cannot_evaluate, never a pass, and says which year is missing and the two ways to supply it
("未找到本单位2023年度报告的数据，无法核对；请将上一年度报告一并放入评分目录，或先对上一年度
评分写入历史库"); `data["no_history"]` marks it for reports. When last year's report was in another
format (2018 free form → 2019 format, 2020 → 2021) and its table is missing or has none of the
cells the identity needs (2019's 表二 has no 现行有效 column), the rule is not_applicable: the
format changed, nothing is missing from either report. The applications table, the same in the
2019 and 2021 formats, is still compared across that change.
"""

from __future__ import annotations

from typing import ClassVar

from gxaudit.model import CheckResult, Submission
from gxaudit.rules.canon import TABLE_LABELS
from gxaudit.rules.checks._identity import IdentityParams, check
from gxaudit.rules.checks.format_year import NAMES
from gxaudit.rules.context import CheckContext

NO_HISTORY_FIX = "请将上一年度报告一并放入评分目录，或先对上一年度评分写入历史库"


def no_history_message(year: int | None) -> str:
    """The cannot_evaluate message naming the missing year (`year` = the previous report's)."""
    what = f"{year}年度" if year else "上一年度"
    return f"未找到本单位{what}报告的数据，无法核对；{NO_HISTORY_FIX}"


def previous_year(sub: Submission, ctx: CheckContext) -> int | None:
    """The year before the report's own (its report year, else the run's yearly period)."""
    for value in (sub.report_year.value, sub.period.value, ctx.period):
        text = str(value or "").strip()
        if len(text) == 4 and text.isdigit():
            return int(text) - 1
    return None


class Params(IdentityParams):
    ALLOW_PREV: ClassVar[bool] = True


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    if not ctx.history_available or ctx.previous is None:
        year = previous_year(sub, ctx)
        return [CheckResult(outcome="cannot_evaluate", message=no_history_message(year),
                            data={"no_history": True, "previous_year": year})]
    name = TABLE_LABELS[params.table]
    t = sub.tables.get(params.table)
    prev = ctx.previous.tables.get(params.table)
    if t is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"本期未找到{name}，无法与上一期比较")]
    other_format = ctx.previous.doc_type.value != sub.doc_type.value and ctx.previous.doc_type.value is not None
    changed = (f"上一期（{ctx.previous.file}）为{NAMES.get(ctx.previous.doc_type.value, ctx.previous.doc_type.value)}，"
               f"与本期格式不同，{name}不作跨年核对")
    if prev is None:
        if other_format:
            return [CheckResult(outcome="not_applicable", message=changed)]
        return [CheckResult(outcome="cannot_evaluate", message=f"上一期（{ctx.previous.file}）未找到{name}，未评估")]
    result = check(t, params, sub.file, prev=prev)
    if result.outcome == "cannot_evaluate" and other_format:
        return [CheckResult(outcome="not_applicable", message=changed, data=result.data)]
    if result.outcome == "fail":
        result.message = f"与上一期（{ctx.previous.file}）不一致：{result.message}"
    return [result]
