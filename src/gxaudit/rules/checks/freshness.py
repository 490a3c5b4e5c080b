"""freshness: the newest item of each column is no older than its class allows.

Good: a 工作动态 column whose newest item is 5 days old on the check day (threshold 14).
Bad: a 通知公告 column whose newest item is 200 days old (threshold 183) — one occurrence.
The newest *date* counts, not the first row, so pinned items and ascending lists do not
fool it. A column whose items carry no readable date counts as not updated. Columns that
could not be checked (status unknown) are never findings here. With `min_count` (the
national veto: stale dynamic + stale notice/policy columns ≥ 5) it fails only from that count.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._monthly import (
    CLASS_NAMES,
    check_day,
    column_label,
    effective_date,
    name_list,
    newest_items,
    shown_date,
)
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thresholds: dict[str, int] = Field(description="column class -> max days since the newest item")
    min_count: int = Field(1, ge=1, description="fail only when at least this many columns are stale (veto rules)")


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    as_of = check_day(ctx)
    if as_of is None:
        return [CheckResult(outcome="cannot_evaluate", message="未给出核查日期（--as-of）或月度期间，无法计算更新时效")]
    newest = newest_items(sub.items, as_of)
    undated = {it.column for it in sub.items if it.published is None}
    stale: list[Evidence] = []
    listed: list[dict] = []
    checked = 0
    for col in sub.columns:
        limit = params.thresholds.get(col.column_class or "other")
        if limit is None or col.status != "ok":
            continue
        checked += 1
        last = newest.get(col.path)
        label = column_label(col.name, col.path)
        cls = CLASS_NAMES.get(col.column_class or "", "")
        if last is None:
            why = "栏目条目均无可识别的发布日期，按未更新计" if col.path in undated else "核查日前无发布条目"
            stale.append(Evidence(file=sub.file, section=col.path, quote=col.name or None,
                                  detail=f"{label}{why}（{cls}，限{limit}天）"))
            listed.append({"path": col.path, "name": col.name, "class": col.column_class, "last": None,
                           "days": None, "limit": limit})
            continue
        days = (as_of - effective_date(last)).days  # type: ignore[operator]
        if days > limit:
            stale.append(Evidence(file=sub.file, section=col.path, quote=col.name or None,
                                  line=last.loc.line if last.loc else None,
                                  detail=f"{label}最新一条发布于{shown_date(last)}，距{as_of.isoformat()}已{days}天"
                                         f"（{cls}，限{limit}天）"))
            listed.append({"path": col.path, "name": col.name, "class": col.column_class,
                           "last": shown_date(last), "days": days, "limit": limit})
    data = {"stale": len(stale), "checked": checked, "as_of": as_of.isoformat(), "min_count": params.min_count,
            "columns": listed}
    if not checked:
        return [CheckResult(outcome="not_applicable", message="没有需按此时限核查的栏目", data=data)]
    if stale and len(stale) >= params.min_count:
        names = name_list([f"{column_label(c['name'], c['path'])}（最后更新{c['last'] or '无日期'}）" for c in listed])
        head = f"超期未更新栏目{len(stale)}个（达到{params.min_count}个的否决线）" if params.min_count > 1 else \
            f"{len(stale)}个栏目超期未更新"
        return [CheckResult(outcome="fail", count=len(stale), evidence=stale, message=f"{head}：{names}", data=data)]
    return [CheckResult(outcome="pass", message=f"核查{checked}个栏目，超期未更新{len(stale)}个", data=data)]
