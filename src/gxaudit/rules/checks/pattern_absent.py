"""pattern_absent — phrases or patterns that must not appear (template leftovers, wrong basis).

Good: "2025年，我局共主动公开政府信息412条" → pass.
Bad: "20xx年，xx镇认真贯彻……" → fail, one evidence item per hit (line and quote), and `count`
the number of hits so that `per: 1, cap: 5` deducts per occurrence.

`part:` / `heading:` limit the search to one part; a part that is absent has nothing to find
(pass). The title is searched too when the whole text is, and with `include_tables: true` the
filled rows of the extracted tables (e.g. "xx" or "***" typed into a table cell).
"""

from __future__ import annotations

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Loc, Paragraph, Submission
from gxaudit.rules.checks._common import para_evidence, scope_label, scoped_paragraphs, snippet
from gxaudit.rules.checks._patterns import PatternParams, table_lines
from gxaudit.rules.context import CheckContext


class Params(PatternParams):
    max_evidence: int = Field(default=10, ge=1)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    paras = scoped_paragraphs(sub, params) or []
    if params.part is None and not params.heading and isinstance(sub.title.value, str):
        paras = [Paragraph(text=sub.title.value, loc=Loc(file=sub.file, line=None))] + paras
    hits: list[Evidence] = []
    for p in paras:
        for a, b in _spans(params, p.text):
            hits.append(para_evidence(sub, p, snippet(p.text, a, b), detail=p.text[a:b]))
    if params.include_tables and params.part is None and not params.heading:
        for text, ev in table_lines(sub):
            for a, b in _spans(params, text):
                hits.append(ev.model_copy(update={"quote": snippet(text, a, b), "detail": text[a:b]}))
    if not hits:
        return [CheckResult(outcome="pass", message=f"{scope_label(params)}未发现不应出现的内容")]
    found = sorted({h.detail for h in hits if h.detail})
    return [CheckResult(
        outcome="fail", count=len(hits), evidence=hits[: params.max_evidence],
        message=f"{scope_label(params)}出现不应有的内容 {len(hits)} 处：" + "、".join(f"“{f}”" for f in found[:5]),
        data={"matches": found},
    )]


def _spans(params: Params, text: str) -> list[tuple[int, int]]:
    """Match spans; overlapping matches of several patterns are one occurrence."""
    spans = sorted({(m.start(), m.end()) for rx in params._compiled for m in rx.finditer(text)},
                   key=lambda se: (se[0], -se[1]))
    out, end = [], -1
    for a, b in spans:
        if a >= end:
            out.append((a, b))
            end = b
    return out
