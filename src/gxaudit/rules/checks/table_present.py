"""table_present — an official table is there and filled in.

Good: the applications table read with its cells (zeros are numbers, they count) → pass.
Bad: the heading "三、收到和处理政府信息公开申请情况" followed by nothing (the table was an
image) → fail "未找到表格"; a table whose every cell is blank → fail "表格未填写". A table whose
numbers could not be put on columns (a space-flattened copy that lost its blank cells) is
cannot_evaluate, not "未填写".

A missing table is never scored as a table of zeros. With `fail_on_partial`, a mix of blank and
filled cells also fails (some offices count it as incomplete).
"""

from __future__ import annotations

from typing import Literal

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import TABLE_LABELS
from gxaudit.rules.checks._common import Strict
from gxaudit.rules.context import CheckContext


class Params(Strict):
    table: Literal["proactive", "applications", "review_litigation", "legacy_stats"]
    fail_on_partial: bool = False


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    name = TABLE_LABELS[params.table]
    t = sub.tables.get(params.table)
    if t is None:
        return [CheckResult(outcome="fail", message=f"未找到{name}（缺失，或以图片形式提供而无法读取）",
                            evidence=[Evidence(file=sub.file, table=params.table, detail="表格缺失")])]
    cells = [c for row in t.cells.values() for c in row.values()]
    filled = [c for c in cells if c.value is not None]
    loc = t.loc
    ev = Evidence(file=(loc.file if loc else sub.file), table=params.table,
                  page=loc.page if loc else None, line=loc.line if loc else None)
    data = {"cells": len(cells), "filled": len(filled)}
    if not filled and t.unplaced:  # numbers there, but not on columns (blank cells lost in flattening)
        return [CheckResult(outcome="cannot_evaluate", evidence=[ev], data={**data, "unplaced": len(t.unplaced)},
                            message=f"找到{name}，但其中 {len(t.unplaced)} 行的数值无法对应到列（如“{t.unplaced[0]}”），"
                                    f"无法判断各格是否填写；请提供保留表格的原文件")]
    if not filled:
        return [CheckResult(outcome="fail", message=f"{name}表格未填写（{len(cells)} 个单元格均为空）",
                            evidence=[ev], data=data)]
    if params.fail_on_partial and len(filled) < len(cells):
        blank = len(cells) - len(filled)
        return [CheckResult(outcome="fail", message=f"{name}填写不完整：{blank} 个单元格为空",
                            evidence=[ev], data=data, count=1)]
    return [CheckResult(outcome="pass", message=f"找到{name}", evidence=[ev], data=data)]
