"""section_present — an official part (or a heading) is in the submission.

Good: a 2021-format report with the line "三、收到和处理政府信息公开申请情况" → pass.
Bad: a report that jumps from 五 to its signature, no "六、其他需要报告的事项" → fail.

`part: 3` uses the extractor's part numbering first, then the official title and its accepted
variants; `heading: [...]` gives the phrases yourself. Tolerant: spaces and brackets inside a
heading are ignored, and a short paragraph carrying the title counts when the extractor built
no section for it (flattened pages).
"""

from __future__ import annotations

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._common import PartScope, find_section, heading_line, para_evidence, scope_label
from gxaudit.rules.context import CheckContext


class Params(PartScope):
    pass


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    idx = find_section(sub, params)
    if idx is not None:
        s = sub.sections[idx]
        ev = Evidence(file=s.loc.file or sub.file, section=f"{s.number or ''}{s.title}",
                      line=s.loc.line, page=s.loc.page, quote=s.title[:60])
        return [CheckResult(outcome="pass", message=f"找到{what}", evidence=[ev])]
    para = heading_line(sub, params)
    if para is not None:
        return [CheckResult(outcome="pass", message=f"找到{what}（按正文标题行识别）",
                            evidence=[para_evidence(sub, para)])]
    return [CheckResult(outcome="fail", message=f"未找到{what}",
                        evidence=[Evidence(file=sub.file, detail=f"缺少{what}")])]
