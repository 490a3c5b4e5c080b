"""log_rows: every row of a publication log could be scored.

Bad rows — no date, a date in none of the forms real exports use, an agency not on the
office's roster — were kept out of the score by the extractor (`Submission.rejected`); this
check lists them with their row numbers so the clerk can fix the export. Good: none. Bad:
"第7行发布日期“10月8日”无法识别" — one occurrence per row. Not applicable to anything but a log.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.context import CheckContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    listed: int = Field(50, ge=1, description="rows named in the evidence (the count covers all)")


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    if sub.doc_type.value != "publication_log":
        return [CheckResult(outcome="not_applicable", message="不是发布记录")]
    if not sub.rejected:
        return [CheckResult(outcome="pass", message=f"发布记录{len(sub.items)}行均可计入")]
    rows = [r.loc.line or (r.loc.row + 1 if r.loc.row is not None else None) if r.loc else None for r in sub.rejected]
    shown = "、".join(str(r) for r in rows[:10] if r) + ("等" if len(rows) > 10 else "")
    return [CheckResult(
        outcome="fail", count=len(sub.rejected),
        message=f"发布记录有{len(sub.rejected)}行未计入评分（第{shown}行）：缺少或无法识别发布日期、单位不在名单中",
        evidence=[Evidence(file=sub.file, line=r.loc.line if r.loc else None, quote=r.raw or None, detail=r.message)
                  for r in sub.rejected[:params.listed]],
        data={"rows": [{"row": n, "reason": r.reason, "raw": r.raw} for n, r in zip(rows, sub.rejected)]})]
