"""table_formula — an arithmetic identity (勾稽关系) holds in every column (or row) of a table.

Good: applications, column 总计: new 5 + carried_in 1 == handled_total 6 + carried_out 0 → pass.
Bad: the same column printing handled_total 7 → fail, one result for the rule with the failing
columns counted, each with printed (left side) and computed (right side) values and its cell.

    check: table_formula
    with: {table: applications, for_each: column, columns: all, null: skip,
           expect: "new + carried_in == handled_total + carried_out"}

Names are the canonical row keys (for_each: column) or column keys (for_each: row); `sum(refused_*)`
adds every matching row. `null: zero` reads blank cells as 0; `null: skip` leaves a column with a
blank cell unchecked (reported in the message, never as a pass of that column). A missing table
is cannot_evaluate (table_present reports it).
"""

from __future__ import annotations

from gxaudit.model import CheckResult, Submission
from gxaudit.rules.canon import TABLE_LABELS
from gxaudit.rules.checks._identity import IdentityParams, check
from gxaudit.rules.context import CheckContext


class Params(IdentityParams):
    pass


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    t = sub.tables.get(params.table)
    if t is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"未找到{TABLE_LABELS[params.table]}，无法核对")]
    return [check(t, params, sub.file)]
