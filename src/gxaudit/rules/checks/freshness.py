"""freshness: the newest item of each column is no older than its class allows.

Good: a 工作动态 column whose newest item is 5 days old on the check day (threshold 14).
Bad: a 通知公告 column whose newest item is 200 days old (threshold 183) — one occurrence.
The newest *date* counts, not the first row, so pinned items and ascending lists do not
fool it. A column whose items carry no readable date counts as not updated. Columns that
could not be checked (status unknown) are never findings here.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import CLASS_NAMES, check_day, column_label, effective_date
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thresholds: dict[str, int] = Field(description="column class -> max days since the newest item")
    min_count: int = Field(1, ge=1, description="fail only when at least this many columns are stale (veto rules)")


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    as_of = check_day(ctx)
    if as_of is None:
        return [CheckResult(outcome="cannot_evaluate", message="未给出核查日期（--as-of）或月度期间，无法计算更新时效")]
    newest: dict[str, object] = {}
    undated: dict[str, int] = {}
    for it in sub.items:
        d = effective_date(it)
        if d is None:
            undated[it.column] = undated.get(it.column, 0) + 1
        elif d <= as_of and (it.column not in newest or d > newest[it.column]):  # type: ignore[operator]
            newest[it.column] = d
    stale: list[Evidence] = []
    checked = 0
    for col in sub.columns:
        limit = params.thresholds.get(col.column_class or "other")
        if limit is None or col.status != "ok":
            continue
        checked += 1
        last = newest.get(col.path)
        label = column_label(col.name, col.path)
        if last is None:
            why = "栏目条目均无可识别的发布日期，按未更新计" if undated.get(col.path) else "核查日前无发布条目"
            stale.append(Evidence(file=sub.file, section=col.path, quote=col.name or None,
                                  detail=f"{label}{why}（{CLASS_NAMES.get(col.column_class or '', '')}，限{limit}天）"))
            continue
        days = (as_of - last).days  # type: ignore[operator]
        if days > limit:
            stale.append(Evidence(file=sub.file, section=col.path, quote=col.name or None, printed=float(days),
                                  computed=float(limit),
                                  detail=f"{label}最新一条发布于{last.isoformat()}，距{as_of.isoformat()}已{days}天（限{limit}天）"))  # type: ignore[union-attr]
    if not checked:
        return [CheckResult(outcome="not_applicable", message="没有需按此时限核查的栏目")]
    if len(stale) >= params.min_count and stale:
        names = "、".join(e.quote or e.section or "" for e in stale[:5]) + ("等" if len(stale) > 5 else "")
        return [CheckResult(outcome="fail", count=len(stale), evidence=stale,
                            message=f"{len(stale)}个栏目超期未更新：{names}",
                            data={"stale": len(stale), "as_of": as_of.isoformat()})]
    return [CheckResult(outcome="pass", message=f"核查{checked}个栏目，超期未更新{len(stale)}个",
                        data={"stale": len(stale), "as_of": as_of.isoformat()})]
