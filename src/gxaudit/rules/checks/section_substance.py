"""section_substance — a part says something specific, not only stock phrases.

Good (part 五): "2025年共有3个栏目超过6个月未更新，已于4月前完成整改；《公开指南》已按新机构更新。"
Bad (part 五): "一是认识有待进一步提高；二是培训不足；三是工作不够到位，还需加强。" → fail:
no number, date or named item, and every sentence is a stock phrase.

A part that is missing fails too (it says nothing specific), so adding a part can only help.
Specific = digits, dates, 《named documents》, “quoted items”, or counted items (三项, 两次).
"""

from __future__ import annotations

import re

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.checks._common import PartScope, norm, para_evidence, scope_label, scoped_paragraphs
from gxaudit.rules.context import CheckContext

STOCK = ["有待进一步", "认识不深", "认识还不够", "培训不足", "不够到位", "还需加强", "有待加强", "有待提高",
         "仍需加强", "不够及时", "不够全面", "不够规范", "进一步加强", "进一步提升"]
_SPECIFIC = re.compile(
    r"\d+|《[^》]{2,}》|“[^”]{2,}”|[一二三四五六七八九十两]+(?:个|项|件|次|条|期|篇|名|人|家|类|批)"
)
_SENT = re.compile(r"[。；;！!？?\n]+")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[)）、.．])")


class Params(PartScope):
    min_chars: int = Field(default=60, ge=0)
    require_specifics: bool = True
    stock_phrases: list[str] = Field(default_factory=lambda: list(STOCK))
    max_stock_share: float = Field(default=0.5, ge=0, le=1)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    paras = scoped_paragraphs(sub, params)
    if not paras:
        return [CheckResult(outcome="fail", message=f"未找到{what}或其内容为空，无法体现具体内容",
                            evidence=[Evidence(file=sub.file, detail=f"缺少{what}")])]
    text = "\n".join(p.text for p in paras)
    sentences = [s for s in (_ORDINAL.sub("", x.strip()) for x in _SENT.split(text)) if len(norm(s)) >= 4]
    stock = [s for s in sentences if any(ph in s for ph in params.stock_phrases)]
    specifics = _SPECIFIC.findall(text)
    share = len(stock) / len(sentences) if sentences else 1.0
    reasons = []
    if len(norm(text)) < params.min_chars:
        reasons.append(f"内容过短（{len(norm(text))} 字，要求至少 {params.min_chars} 字）")
    if params.require_specifics and not specifics:
        reasons.append("没有具体数字、日期或具名事项")
    if share > params.max_stock_share:
        reasons.append(f"{len(stock)}/{len(sentences)} 句为套话（如“{_hit(stock[0], params)}”）" if stock
                       else "没有成句的内容")
    data = {"chars": len(norm(text)), "sentences": len(sentences), "stock": len(stock),
            "specifics": len(specifics)}
    if not reasons:
        return [CheckResult(outcome="pass", message=f"{what}内容具体", data=data)]
    evidence = [para_evidence(sub, p) for p in paras if any(ph in p.text for ph in params.stock_phrases)][:3]
    evidence = evidence or [para_evidence(sub, paras[0])]
    return [CheckResult(outcome="fail", message=f"{what}内容空泛：" + "；".join(reasons),
                        evidence=evidence, data=data)]


def _hit(sentence: str, params: Params) -> str:
    return next(ph for ph in params.stock_phrases if ph in sentence)
