"""pattern_present — required phrases appear (十有 items, a fee statement in part 六).

Good (有领导机构): "成立了以镇长为组长的政务公开工作领导小组" with phrases [领导小组] → pass.
Bad: no mention of 领导小组 anywhere → fail "未找到：领导小组".

`describe:` names what the patterns stand for ("申请收费及减免情况的说明"), so the message reads
"全文未找到申请收费及减免情况的说明" rather than listing regular expressions.
`mode: any` (default) passes on any phrase or pattern; `mode: all` needs every one. A scoped
part that is absent fails (the statement is not there). `include_tables: true` also accepts a
filled table row: a legacy report whose only fee statement is its 统计表 row
"政府信息公开收费减免金额 元 0 0" passes a fee rule with that row as evidence.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._common import para_evidence, scope_label, scoped_paragraphs, snippet
from gxaudit.rules.checks._patterns import PatternParams, readable, table_lines
from gxaudit.rules.context import CheckContext


class Params(PatternParams):
    mode: Literal["any", "all"] = "any"
    min_count: int = Field(default=1, ge=1)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    paras = scoped_paragraphs(sub, params)
    if paras is None:
        return [CheckResult(outcome="fail", message=f"未找到{what}，无法确认所需内容",
                            evidence=[Evidence(file=sub.file, detail=f"缺少{what}")])]
    found: dict[str, list[Evidence]] = {}
    for label, rx in zip(params.labels(), params._compiled):
        for p in paras:
            for m in rx.finditer(p.text):
                found.setdefault(label, []).append(para_evidence(sub, p, snippet(p.text, m.start(), m.end())))
        if params.include_tables and params.part is None and not params.heading:
            for text, ev in table_lines(sub):
                if rx.search(text):
                    found.setdefault(label, []).append(ev)
    enough = {k for k, v in found.items() if len(v) >= params.min_count}
    missing = [k for k in params.labels() if k not in enough]
    ok = not missing if params.mode == "all" else bool(enough)
    evidence = [ev for k in params.labels() for ev in found.get(k, [])[:1]]
    if ok:
        shown = params.describe or "：" + "、".join(sorted(enough))
        return [CheckResult(outcome="pass", message=f"{what}包含{shown}", evidence=evidence)]
    if params.describe:
        return [CheckResult(outcome="fail", evidence=evidence or [Evidence(file=sub.file, detail="未找到")],
                            message=f"{what}未找到{params.describe}", data={"missing": missing})]
    need = "全部" if params.mode == "all" else "任一"
    return [CheckResult(outcome="fail", evidence=evidence or [Evidence(file=sub.file, detail="未找到")],
                        message=f"{what}未找到所需内容（需{need}）：" + "、".join(map(readable, missing)))]
