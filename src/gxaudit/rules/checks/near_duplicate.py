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
from typing import Literal

import numpy as np
from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import PART_TITLES
from gxaudit.rules.checks._common import Scope, norm, scope_label, scoped_paragraphs
from gxaudit.rules.checks._shingle_index import EMPTY, index_for
from gxaudit.rules.context import CheckContext
from gxaudit.rules.peers import Peer, digest_key, meta

KIND = "near_duplicate"

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


_P = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, so the polynomial mixes every character


def _hashes(text: str, k: int) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's k-character shingles, computed for all
    shingles at once (a polynomial over the code points, modulo 2⁶⁴): a peer's set is a few
    KB, and digesting a whole report costs microseconds. Two different shingles share a hash
    about once in 10¹⁹ pairs, far below the threshold's grain."""
    if len(text) < k:
        return np.empty(0, dtype=np.uint64)
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(c) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _P + c[j: j + n]  # wraps modulo 2⁶⁴ (unsigned array arithmetic)
    return np.unique(h)


def _text(sub: Submission, params: Params) -> str | None:
    paras = scoped_paragraphs(sub, params)
    return None if paras is None else _clean("\n".join(p.text for p in paras), params)


def peer_digest(sub: Submission, params: Params) -> tuple[bool, bytes]:
    """What a peer contributes (rules.peers): has it text in scope, and its shingles, packed."""
    text = _text(sub, params)
    return bool(text), (_hashes(text, params.shingle) if text else np.empty(0, dtype=np.uint64)).tobytes()


def _array(x: Peer | Submission, params: Params, ctx: CheckContext) -> tuple[bool, np.ndarray]:
    """(has text, sorted shingle hashes) of a report or a peer, once per batch. Keyed by what
    the document is (id, file, content hash), not by the object: the memo must not keep whole
    Submissions alive for a whole batch, and a report and its Peer share one entry."""
    memo = ctx.memo.setdefault("near_duplicate", {})
    pid, pfile, _, _ = meta(x)
    key = (pid, pfile, x.sha256, id(params))
    if key not in memo:
        if isinstance(x, Peer) and digest_key(KIND, params) in x.digests:
            has, packed = x.digests[digest_key(KIND, params)]
        else:
            has, packed = peer_digest(x, params) if isinstance(x, Submission) else (False, b"")
        memo.setdefault("params", []).append(params)  # keeps id(params) from being reused
        memo[key] = (has, np.frombuffer(packed, dtype=np.uint64))
    return memo[key]


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    previous = ctx.previous if "previous" in params.against else None
    index = (index_for(ctx.peers, params, ctx.memo, meta, lambda p: _array(p, params, ctx))
             if "peers" in params.against and ctx.peers else None)
    year = sub.report_year.value
    if index is not None:
        compatible = index.compatible(year)
        left_out = compatible & index.excluded(sub.id, sub.file, sub.agency.value)
        others = compatible & ~left_out
    if previous is None and (index is None or not others.any()):
        return [CheckResult(outcome="cannot_evaluate", message="缺少上一期报告及同期其他单位报告，无法比对雷同")]
    mine = _text(sub, params)
    if mine is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"未找到{what}，无法比对雷同")]
    if len(mine) < params.min_chars:
        return [CheckResult(outcome="cannot_evaluate", message=f"{what}去除模板用语后不足 {params.min_chars} 字，不比对")]
    _, mine_arr = _array(sub, params, ctx)
    common = EMPTY
    if index is not None:  # shingles most of the group share: this office's template, not copying
        n = int(others.sum()) + 1
        need = params.common_share * n
        if n >= 3:
            common = mine_arr if need <= 1 else index.common(year, left_out, mine_arr, need)
    a = np.setdiff1d(mine_arr, common, assume_unique=True)
    best: tuple[float, str, Peer | Submission | None] = (0.0, "", None)
    if previous is not None and len(a):
        has, theirs = _array(previous, params, ctx)
        b = np.setdiff1d(theirs, common, assume_unique=True)
        if has and len(b):
            sim = _similarity(a, b)
            if sim > 0:
                best = (sim, "上一期", previous)
    if index is not None and len(a):
        inter = index.overlap(a)
        size_b = index.size - index.overlap(common)
        ok = others & index.has & (size_b > 0)
        if ok.any():
            sims = np.where(ok, inter / np.maximum(len(a) + size_b - inter, 1), -1.0)
            i = int(np.argmax(sims))
            if sims[i] > best[0]:
                best = (float(sims[i]), "同期单位", ctx.peers[i])
    sim, role, other = best
    data = {"similarity": round(sim, 3)}
    if other is None or sim < params.threshold:
        return [CheckResult(outcome="pass", message=f"{what}与比对对象最高相似度 {sim:.0%}，低于 {params.threshold:.0%}", data=data)]
    _, other_file, other_agency, _ = meta(other)
    data["other"] = other_file
    name = other_agency or other_file
    ev = Evidence(file=sub.file, section=what, detail=f"与{role}“{name}”（{other_file}）相似度 {sim:.0%}")
    return [CheckResult(outcome="fail", evidence=[ev], data=data,
                        message=f"{what}与{role}“{name}”的文本高度雷同（相似度 {sim:.0%}，阈值 {params.threshold:.0%}）")]
