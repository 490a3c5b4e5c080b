"""near_duplicate — a part's prose copied from last year's report or from another body (雷同).

Good: part 五 names this year's own problems → similarity to last year 0.2 → pass.
Bad: part 五 identical to last year's but for the year → similarity 1.0 ≥ 0.8 → fail, naming
the other file and the similarity.

Compares character shingles (Jaccard) after removing what every report shares: digits (so a
changed year does not hide a copy), whitespace and punctuation, the official headings and
template sentences (`template` param), and, with three or more peers, shingles that at least
half of the peers carry. `against: [previous, peers]` chooses what to compare with; with
nothing to compare the rule is cannot_evaluate.

A peer is another body's report on the same year: peers of another report year (a run over a
folder of several years) and the same agency's other files (one report saved as page.txt and
as body.html) are left out, since "同期其他单位" is what 雷同 means; last year's own report is
`previous`.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from typing import Literal

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import PART_TITLES
from gxaudit.rules.checks._common import Scope, norm, scope_label, scoped_paragraphs
from gxaudit.rules.context import CheckContext

TEMPLATE = [
    "本报告根据《中华人民共和国政府信息公开条例》", "根据《中华人民共和国政府信息公开条例》",
    "本报告中所列数据的统计期限自", "本年度报告中使用数据统计期限为", "如对本报告有任何疑问",
    "本报告的电子版可在", "政府信息公开工作年度报告",
] + [t for titles in PART_TITLES.values() for t in titles]
_DIGITS = re.compile(r"\d+")


class Params(Scope):
    threshold: float = Field(default=0.8, gt=0, le=1)
    against: list[Literal["previous", "peers"]] = Field(default_factory=lambda: ["previous", "peers"], min_length=1)
    shingle: int = Field(default=5, ge=2, le=20)
    min_chars: int = Field(default=80, ge=1)
    template: list[str] = Field(default_factory=lambda: list(TEMPLATE))
    common_share: float = Field(default=0.5, gt=0, le=1)


def _clean(text: str, params: Params) -> str:
    t = norm(text)
    for phrase in sorted((norm(p) for p in params.template), key=len, reverse=True):
        if phrase:
            t = t.replace(phrase, "")
    return _DIGITS.sub("", t)


def _shingles(text: str, k: int) -> set[str]:
    return {text[i: i + k] for i in range(max(len(text) - k + 1, 0))}


def _text(sub: Submission, params: Params) -> str | None:
    paras = scoped_paragraphs(sub, params)
    return None if paras is None else _clean("\n".join(p.text for p in paras), params)


def _prepared(sub: Submission, params: Params, ctx: CheckContext) -> tuple[str | None, set[str]]:
    """(cleaned text, its shingles), computed once per submission and rule for a whole batch:
    every report of a peer group is compared with every other, so this is the quadratic part.
    The memo holds `sub` and `params` themselves, so their id()s cannot be reused meanwhile."""
    memo = ctx.memo.setdefault("near_duplicate", {})
    key = (id(sub), id(params))
    if key not in memo:
        text = _text(sub, params)
        memo[key] = (sub, params, text, _shingles(text, params.shingle) if text else set())
    return memo[key][2], memo[key][3]


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    others: list[tuple[str, Submission]] = []
    if "previous" in params.against and ctx.previous is not None:
        others.append(("上一期", ctx.previous))
    if "peers" in params.against:
        others += [("同期单位", p) for p in peers(sub, ctx)]
    if not others:
        return [CheckResult(outcome="cannot_evaluate", message="缺少上一期报告及同期其他单位报告，无法比对雷同")]
    mine, mine_shingles = _prepared(sub, params, ctx)
    if mine is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"未找到{what}，无法比对雷同")]
    if len(mine) < params.min_chars:
        return [CheckResult(outcome="cannot_evaluate", message=f"{what}去除模板用语后不足 {params.min_chars} 字，不比对")]
    common = _common(sub, ctx, params)
    a = mine_shingles - common
    best = (0.0, "", None)
    for role, other in others:
        theirs, their_shingles = _prepared(other, params, ctx)
        if not theirs:
            continue
        b = their_shingles - common
        if not a or not b:
            continue
        sim = len(a & b) / len(a | b)
        if sim > best[0]:
            best = (sim, role, other)
    sim, role, other = best
    data = {"similarity": round(sim, 3)}
    if other is None or sim < params.threshold:
        return [CheckResult(outcome="pass", message=f"{what}与比对对象最高相似度 {sim:.0%}，低于 {params.threshold:.0%}", data=data)]
    data["other"] = other.file
    name = other.agency.value or other.file
    ev = Evidence(file=sub.file, section=what, detail=f"与{role}“{name}”（{other.file}）相似度 {sim:.0%}")
    return [CheckResult(outcome="fail", evidence=[ev], data=data,
                        message=f"{what}与{role}“{name}”的文本高度雷同（相似度 {sim:.0%}，阈值 {params.threshold:.0%}）")]


def peers(sub: Submission, ctx: CheckContext) -> list[Submission]:
    """Other bodies' reports on the same year (unknown year or agency: kept)."""
    year, agency = sub.report_year.value, sub.agency.value
    return [p for p in ctx.peers if p.id != sub.id and p.file != sub.file
            and not (year is not None and p.report_year.value is not None and p.report_year.value != year)
            and not (agency and p.agency.value == agency)]


def _common(sub: Submission, ctx: CheckContext, params: Params) -> set[str]:
    """Shingles most peers share: boilerplate of this office's template, not copying."""
    group = [sub, *peers(sub, ctx)]
    if "peers" not in params.against or len(group) < 3:
        return set()
    counts = Counter(chain.from_iterable(_prepared(p, params, ctx)[1] for p in group))
    need = params.common_share * len(group)
    return {s for s, n in counts.items() if n >= need}
