"""pattern_absent — phrases or patterns that must not appear (template leftovers, wrong basis).

Good: "2025年，我局共主动公开政府信息412条" → pass.
Bad: "20xx年，xx镇认真贯彻……" → fail, one evidence item per hit (line and quote), and `count`
the number of hits so that `per: 1, cap: 5` deducts per occurrence.

`part:` / `heading:` limit the search to one part; a part that is absent has nothing to find
(pass). The title is searched too when the whole text is.
"""

from __future__ import annotations

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Loc, Paragraph, Submission
from gxaudit.rules.checks._common import para_evidence, scope_label, scoped_paragraphs, snippet
from gxaudit.rules.checks._patterns import PatternParams
from gxaudit.rules.context import CheckContext


class Params(PatternParams):
    max_evidence: int = Field(default=10, ge=1)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    paras = scoped_paragraphs(sub, params) or []
    if params.part is None and not params.heading and isinstance(sub.title.value, str):
        paras = [Paragraph(text=sub.title.value, loc=Loc(file=sub.file, line=None))] + paras
    hits: list[Evidence] = []
    for p in paras:
        spans = sorted({(m.start(), m.end()) for rx in params._compiled for m in rx.finditer(p.text)},
                       key=lambda se: (se[0], -se[1]))
        end = -1
        for a, b in spans:  # overlapping matches of several patterns are one occurrence
            if a >= end:
                hits.append(para_evidence(sub, p, snippet(p.text, a, b), detail=p.text[a:b]))
                end = b
    if not hits:
        return [CheckResult(outcome="pass", message=f"{scope_label(params)}未发现不应出现的内容")]
    found = sorted({h.detail for h in hits if h.detail})
    return [CheckResult(
        outcome="fail", count=len(hits), evidence=hits[: params.max_evidence],
        message=f"{scope_label(params)}出现不应有的内容 {len(hits)} 处：" + "、".join(f"“{f}”" for f in found[:5]),
        data={"matches": found},
    )]
