"""deadline — the report was published by the deadline for this kind of agency.

Good: a 县直部门's report on 2025 published 2026-01-20, deadline date(year+1, 1, 31) → pass.
Bad: published 2026-02-10 → fail "逾期 10 天", `data.days_late` = 10.

    check: deadline
    with:
      deadlines: {县直部门: "date(year+1, 1, 31)", 县级政府: "date(year+1, 3, 31)",
                  default: "date(year+1, 1, 31)"}

`year` is the report year. Kinds without an entry use `default`; with no default the rule is
not applicable to them. A missing publication date or report year → cannot_evaluate. Offices
change the dates in gxaudit.toml ([deadlines] 乡镇 = "date(year+1, 2, 20)").
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, get_args

from pydantic import AfterValidator, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from gxaudit.model import AgencyKind, CheckResult, Evidence, Submission
from gxaudit.rules import expr as X
from gxaudit.rules.checks._common import Strict
from gxaudit.rules.context import CheckContext

KINDS = set(get_args(AgencyKind)) | {"default"}


def _valid(v: str) -> str:
    try:
        X.parse(v, ["year"])
    except X.ExprError as e:
        raise PydanticCustomError("gx_expr", "{message}", {"message": e.message, "offset": e.offset})
    return v


class Params(Strict):
    deadlines: dict[str, Annotated[str, AfterValidator(_valid)]] = Field(min_length=1)
    _parsed: dict[str, X.Expr] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _kinds(self):
        bad = [k for k in self.deadlines if k not in KINDS]
        if bad:
            raise ValueError(f"deadlines 中有未知的单位类型：{'、'.join(bad)}（可用：{'、'.join(sorted(KINDS))}）")
        self._parsed = {k: X.parse(v, ["year"]) for k, v in self.deadlines.items()}
        return self


def as_date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def as_year(v) -> int | None:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, str) and v[:4].isdigit():
        return int(v[:4])
    return None


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    kind = sub.agency_kind.value
    key = kind if kind in params._parsed else "default"
    if key not in params._parsed:
        return [CheckResult(outcome="not_applicable", message=f"未规定“{kind or '未知类型'}”单位的发布时限")]
    year = as_year(sub.report_year.value)
    if year is None:
        return [CheckResult(outcome="cannot_evaluate", message="未能确定报告年度，无法判断是否按时发布")]
    published = as_date(sub.published_at.value)
    if published is None:
        return [CheckResult(outcome="cannot_evaluate", message="未找到发布日期，无法判断是否按时发布")]
    due = X.evaluate(params._parsed[key], X.mapping_resolver({"year": year}))
    if not isinstance(due, dt.date):
        raise X.EvalError(f"时限表达式“{params.deadlines[key]}”的结果不是日期")
    who = kind if key != "default" else f"{kind or '未知类型'}（按默认时限）"
    ev = Evidence(file=sub.file, quote=sub.published_at.detail, detail=f"发布日期 {published}，时限 {due}")
    data = {"published": published.isoformat(), "deadline": due.isoformat(), "agency_kind": who}
    late = (published - due).days
    if late > 0:
        data["days_late"] = late
        return [CheckResult(outcome="fail", evidence=[ev], data=data,
                            message=f"{year}年度报告于 {published} 发布，晚于{who}时限 {due}，逾期 {late} 天")]
    return [CheckResult(outcome="pass", evidence=[ev], data=data,
                        message=f"{year}年度报告于 {published} 发布，未超过时限 {due}")]
