"""report_timeliness: each year's annual report, as its column lists it, published on time.

Reads the agency's annual-report column (items of class `annual_report`): the report year
from the title, the publication date from the list. Good: the report on 2024 listed on
2025-01-23 for a department due by 31 January. Bad: listed on 2025-03-10 — 38 days late;
one occurrence per late year, and an agency late in `repeat_at` or more years is marked
as repeating (屡次逾期). A year with no report in the column is listed as missing.
A month-only date (a log's month folder) is late only when its month starts after the
deadline, and then by at least that many days: never a finding made on a guessed day.
A 函 that transmits the year's 年度报告 counts as its publication; work plans, self-checks
and "工作情况" letters do not.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gxaudit.model import CheckResult, Evidence, LogItem, Submission
from gxaudit.rules.checks._monthly import check_day, shown_date
from gxaudit.rules.context import CheckContext

_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?")
_REPORT = re.compile(r"年度报告|年报|工作报告")
_NOT_REPORT = re.compile(r"自查报告|要点|工作总结|工作思路")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    deadlines: dict[str, str] = Field(description="agency kind -> MM-DD of the following year; key 'default'")
    first_year: int = 2019
    last_year: int | None = None  # default: the year before the check day
    repeat_at: int = Field(2, ge=2)
    report_missing: bool = True
    report_late: bool = True

    @field_validator("deadlines")
    @classmethod
    def _valid(cls, v: dict[str, str]) -> dict[str, str]:
        for md in v.values():
            m, d = (int(x) for x in md.split("-"))
            dt.date(2001, m, d)  # raises on a bad day
        return v


def report_year(item: LogItem) -> int | None:
    if not _REPORT.search(item.title) or _NOT_REPORT.search(item.title):
        return None
    m = _YEAR.search(item.title)
    return int(m.group(1)) if m else None


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    kind = sub.agency_kind.value or "default"
    md = params.deadlines.get(kind, params.deadlines.get("default"))
    if md is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"未配置“{kind}”的年报发布期限")]
    reports: dict[int, LogItem] = {}
    for it in sub.items:
        if it.column_class != "annual_report":
            continue
        y = report_year(it)
        if y is None or it.published is None:
            continue
        if y not in reports or it.published < reports[y].published:  # type: ignore[operator]
            reports[y] = it
    if not any(it.column_class == "annual_report" for it in sub.items):
        return [CheckResult(outcome="not_applicable", message="没有年度报告栏目条目")]
    today = check_day(ctx)
    if today is None and params.last_year is None:
        return [CheckResult(outcome="cannot_evaluate", message="未给出核查日期（--as-of）或期间，无法确定核查到哪一年度")]
    last = params.last_year or today.year - 1  # type: ignore[union-attr]
    today = today or dt.date(last + 1, 12, 31)
    m, d = (int(x) for x in md.split("-"))
    late: list[Evidence] = []
    missing: list[int] = []
    table = []
    for y in range(params.first_year, last + 1):
        due = dt.date(y + 1, m, d)
        it = reports.get(y)
        if it is None:
            if due < today:
                missing.append(y)
            continue
        monthly = (it.date_source or "").endswith(":month")
        days = (it.published - due).days  # type: ignore[operator]
        if monthly and it.published <= due:  # type: ignore[operator]
            days = 0
        table.append({"year": y, "published": shown_date(it), "deadline": due.isoformat(),
                      "days_late": max(days, 0), "title": it.title[:60], "kind": kind})
        if days > 0:
            least = "至少" if monthly else ""
            late.append(Evidence(file=sub.file, section=it.column, quote=it.title[:60],
                                 line=it.loc.line if it.loc else None,
                                 detail=f"{y}年度报告{shown_date(it)}发布，期限{due.isoformat()}，逾期{least}{days}天"))
    data = {"reports": table, "missing": missing, "repeating": len(late) >= params.repeat_at}
    results = []
    if late and params.report_late:
        years = "、".join(f"{r['year']}年（逾期{r['days_late']}天）" for r in table if r["days_late"] > 0)
        rep = "（屡次逾期）" if data["repeating"] else ""
        results.append(CheckResult(outcome="fail", count=len(late), evidence=late, data=data,
                                   message=f"{years}的年度报告逾期发布{rep}"))
    if missing and params.report_missing:
        results.append(CheckResult(outcome="fail", count=len(missing), data=data,
                                   evidence=[Evidence(file=sub.file, detail=f"栏目中未见{y}年度报告") for y in missing],
                                   message="栏目中未见" + "、".join(f"{y}年" for y in missing) + "的年度报告"))
    return results or [CheckResult(outcome="pass", message="各年度报告均按期发布", data=data)]
