"""column_present: no 空白栏目 — each column (or each required catalogue column) has items.

Good: every column of the agency's catalogue has at least one item.
Bad: a column whose live total is 0 (snapshot), or a required catalogue column with
nothing in the log — one occurrence each. A column that could not be checked (the saved
list page rendered nothing, a landing page, a page not saved) is listed as "could not be
checked" with its reason, never counted as empty and never a deduction.
"""

from __future__ import annotations

import fnmatch

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import column_label
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    required: list[str] = Field(default_factory=list,
                                description="catalogue columns that must have items: name or path globs")
    min_count: int = Field(1, ge=1, description="fail only when at least this many columns are empty (veto rules)")
    report_unknown: bool = Field(True, description="list columns that could not be checked")


def _matches(pattern: str, path: str, name: str) -> bool:
    return fnmatch.fnmatchcase(path, pattern) or (bool(name) and fnmatch.fnmatchcase(name, pattern))


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    empty: list[Evidence] = []
    for col in sub.columns:
        if col.status == "empty":
            empty.append(Evidence(file=sub.file, section=col.path, quote=col.name or None,
                                  detail=f"{column_label(col.name, col.path)}为空白栏目（条目总数为0）"))
    seen = {(c.path, c.name) for c in sub.columns if c.status != "empty"}
    for pattern in params.required:
        if not any(_matches(pattern, p, n) for p, n in seen):
            empty.append(Evidence(file=sub.file, section=pattern, quote=pattern,
                                  detail=f"目录要求的栏目“{pattern}”在本期没有任何条目"))
    results: list[CheckResult] = []
    if len(empty) >= params.min_count and empty:
        names = "、".join(e.quote or "" for e in empty[:5]) + ("等" if len(empty) > 5 else "")
        results.append(CheckResult(outcome="fail", count=len(empty), evidence=empty,
                                   message=f"{len(empty)}个空白栏目：{names}", data={"empty": len(empty)}))
    unknown = [c for c in sub.columns if c.status == "unknown"]
    if unknown and params.report_unknown:
        results.append(CheckResult(
            outcome="cannot_evaluate", count=len(unknown),
            message=f"{len(unknown)}个栏目无法核查（不计为空白栏目，不扣分）",
            evidence=[Evidence(file=sub.file, section=c.path, quote=c.name or None, detail=c.reason) for c in unknown],
            data={"unknown": len(unknown)}))
    if not results:
        if not sub.columns and not params.required:
            return [CheckResult(outcome="not_applicable", message="没有栏目信息")]
        results.append(CheckResult(outcome="pass", message="没有空白栏目", data={"empty": len(empty)}))
    return results
