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

import numpy as np
from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import PART_TITLES
from gxaudit.rules.checks._common import Scope, norm, scope_label, scoped_paragraphs
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


def _prepared(x: Peer | Submission, params: Params, ctx: CheckContext) -> tuple[bool, frozenset[int]]:
    """(has text, shingles) of a report or a peer, once per batch: every report of a peer group
    is compared with every other, so this is the quadratic part. Keyed by what the document
    is (id, file, content hash), not by the object: the memo must not keep whole Submissions
    alive for a whole batch, and a report and its Peer share one entry."""
    memo = ctx.memo.setdefault("near_duplicate", {})
    pid, pfile, _, _ = meta(x)
    key = (pid, pfile, x.sha256, id(params))
    if key not in memo:
        if isinstance(x, Peer) and digest_key(KIND, params) in x.digests:
            has, packed = x.digests[digest_key(KIND, params)]
        else:
            has, packed = peer_digest(x, params) if isinstance(x, Submission) else (False, b"")
        memo.setdefault("params", []).append(params)  # keeps id(params) from being reused
        memo[key] = (has, frozenset(np.frombuffer(packed, dtype=np.uint64).tolist()))
    return memo[key]


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    what = scope_label(params)
    others: list[tuple[str, Peer | Submission]] = []
    if "previous" in params.against and ctx.previous is not None:
        others.append(("上一期", ctx.previous))
    if "peers" in params.against:
        others += [("同期单位", p) for p in peers(sub, ctx)]
    if not others:
        return [CheckResult(outcome="cannot_evaluate", message="缺少上一期报告及同期其他单位报告，无法比对雷同")]
    mine = _text(sub, params)
    if mine is None:
        return [CheckResult(outcome="cannot_evaluate", message=f"未找到{what}，无法比对雷同")]
    if len(mine) < params.min_chars:
        return [CheckResult(outcome="cannot_evaluate", message=f"{what}去除模板用语后不足 {params.min_chars} 字，不比对")]
    _, mine_shingles = _prepared(sub, params, ctx)
    common = _common(sub, mine_shingles, ctx, params)
    a = mine_shingles - common
    best: tuple[float, str, Peer | Submission | None] = (0.0, "", None)
    for role, other in others:
        has, their_shingles = _prepared(other, params, ctx)
        if not has:
            continue
        b = their_shingles - common
        if not a or not b:
            continue
        inter = len(a & b)
        sim = inter / (len(a) + len(b) - inter)
        if sim > best[0]:
            best = (sim, role, other)
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


def _compatible(sub: Submission, p: Peer | Submission) -> bool:
    """Same report year, or either unknown."""
    year, other = sub.report_year.value, meta(p)[3]
    return not (year is not None and other is not None and other != year)


def _excluded(sub: Submission, p: Peer | Submission) -> bool:
    """The report itself, another rendering of its file, or the same agency's other files."""
    pid, pfile, pagency, _ = meta(p)
    agency = sub.agency.value
    return pid == sub.id or pfile == sub.file or bool(agency and pagency == agency)


def peers(sub: Submission, ctx: CheckContext) -> list[Peer | Submission]:
    """Other bodies' reports on the same year (unknown year or agency: kept)."""
    return [p for p in ctx.peers if _compatible(sub, p) and not _excluded(sub, p)]


def _common(sub: Submission, mine: frozenset[int], ctx: CheckContext, params: Params) -> frozenset[int]:
    """Shingles most of the group [sub, *peers(sub)] share: boilerplate of this office's
    template, not copying.

    The counts over the year's peers are made once per peer list, rule and year; for each
    report the few peers it is not compared with (itself, its agency's files) are taken off
    and its own shingles added, looking only at shingles common enough to matter."""
    if "peers" not in params.against:
        return frozenset()
    year_peers = [p for p in ctx.peers if _compatible(sub, p)]
    left_out = [p for p in year_peers if _excluded(sub, p)]
    n = len(year_peers) - len(left_out) + 1
    if n < 3:
        return frozenset()
    need = params.common_share * n
    if need <= 1:  # every shingle of this report reaches the share with its own count
        base = frozenset(chain.from_iterable(_prepared(p, params, ctx)[1] for p in year_peers if p not in left_out))
        return base | mine
    memo = ctx.memo.setdefault("near_duplicate_counts", {})
    key = (id(ctx.peers), id(params), sub.report_year.value)
    if key not in memo:
        counts = Counter(chain.from_iterable(_prepared(p, params, ctx)[1] for p in year_peers))
        memo[key] = (ctx.peers, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    ranked = memo[key][1]
    off = Counter(chain.from_iterable(_prepared(p, params, ctx)[1] for p in left_out))
    common = set()
    for s, c in ranked:
        if c + 1 < need:
            break
        if c - off[s] + (s in mine) >= need:
            common.add(s)
    return frozenset(common)
