"""format_year — the submission uses the format in force for its report year.

Good: a report on 2023 in the 2021 format (doc_type annual_report_2021) → pass.
Bad: a report on 2022 still in the 2019 format → fail "应使用2021年格式"; a 政务公开工作总结
(work_summary) submitted where the annual report is expected → fail.

A work summary or other document without a report year still fails: it is not a report
whatever its year. Formats in force: report years ≤2018 free form (annual_report_legacy), 2019–2020 the 2019
format, ≥2021 the 2021 format. A missing report year or doc type → cannot_evaluate.
"""

from __future__ import annotations

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._common import Strict
from gxaudit.rules.checks.deadline import as_year
from gxaudit.rules.context import CheckContext

NAMES = {
    "annual_report_2021": "2021年格式年度报告", "annual_report_2019": "2019年格式年度报告",
    "annual_report_legacy": "2019年以前的自由格式年度报告", "work_summary": "工作总结",
    "publication_log": "公开台账", "site_snapshot": "网站栏目快照", "other": "其他文件",
}


class Params(Strict):
    accept: list[str] = Field(default_factory=list)  # further doc types accepted for any year


def expected(year: int) -> str:
    if year <= 2018:
        return "annual_report_legacy"
    return "annual_report_2019" if year <= 2020 else "annual_report_2021"


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    year = as_year(sub.report_year.value)
    doc_type = sub.doc_type.value
    if year is None and doc_type and not doc_type.startswith("annual_report") and doc_type not in params.accept:
        got = NAMES.get(doc_type, doc_type)  # not a report whatever its year
        ev = Evidence(file=sub.file, detail=f"文件类型：{got}（依据：{sub.doc_type.source}）", quote=sub.doc_type.detail)
        return [CheckResult(outcome="fail", evidence=[ev], data={"got": doc_type},
                            message=f"提交的是{got}，不是政府信息公开工作年度报告")]
    if year is None or not doc_type:
        return [CheckResult(outcome="cannot_evaluate", message="未能确定报告年度或文件类型，无法判断格式")]
    want = expected(year)
    got = NAMES.get(doc_type, doc_type)
    ev = Evidence(file=sub.file, detail=f"文件类型：{got}（依据：{sub.doc_type.source}）", quote=sub.doc_type.detail)
    if doc_type == want or doc_type in params.accept:
        return [CheckResult(outcome="pass", message=f"{year}年度报告使用{got}", evidence=[ev])]
    if not doc_type.startswith("annual_report"):
        msg = f"提交的是{got}，不是政府信息公开工作年度报告（{year}年度应使用{NAMES[want]}）"
    else:
        msg = f"{year}年度报告使用了{got}，应使用{NAMES[want]}"
    return [CheckResult(outcome="fail", message=msg, evidence=[ev], data={"expected": want, "got": doc_type})]
