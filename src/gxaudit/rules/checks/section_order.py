"""section_order — the official parts appear in their official order.

Good: 一 总体情况, 二 主动公开, 三 申请, 四 复议诉讼, 五 问题, 六 其他 → pass.
Bad: "五、存在的主要问题及改进情况" printed before "三、收到和处理…" → fail, naming both.

Parts that are missing are ignored here (section_present reports them); fewer than two parts
found means the order cannot be judged → cannot_evaluate.
"""

from __future__ import annotations

from itertools import pairwise

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import part_label
from gxaudit.rules.checks._common import Scope, Strict, find_section
from gxaudit.rules.context import CheckContext


class Params(Strict):
    parts: list[int] = Field(default_factory=lambda: [1, 2, 3, 4, 5, 6], min_length=2)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    found = [(p, find_section(sub, Scope(part=p))) for p in params.parts]
    found = [(p, i) for p, i in found if i is not None]
    if len(found) < 2:
        return [CheckResult(outcome="cannot_evaluate", message="找到的部分不足两个，无法判断顺序")]
    wrong = []
    for (p1, i1), (p2, i2) in pairwise(found):
        if i2 < i1:
            wrong.append((p1, p2, i2))
    if not wrong:
        return [CheckResult(outcome="pass", message="各部分顺序正确")]
    evidence = []
    for p1, p2, i2 in wrong:
        s = sub.sections[i2]
        evidence.append(Evidence(file=s.loc.file or sub.file, section=f"{s.number or ''}{s.title}",
                                 line=s.loc.line, page=s.loc.page,
                                 detail=f"{part_label(p2)}出现在{part_label(p1)}之前"))
    first = evidence[0].detail
    return [CheckResult(outcome="fail", count=len(wrong), evidence=evidence,
                        message=f"各部分顺序不符合规定格式：{first}" + (f"等 {len(wrong)} 处" if len(wrong) > 1 else ""))]
