"""Label normalisation and matching: printed row/column labels → canonical keys.

Real labels drop brackets and 数量, use half-width punctuation or `1、` for `1.`, break words
over lines ("商业\n企业") or are cut short (`本年新`). We normalise both sides the same way,
try an exact hit, then a unique prefix (cut-short headers), then rapidfuzz — always inside the
small candidate set the caller passes (a group's numbered sub-rows, one article's columns),
and only with a margin over the runner-up. A near tie comes back as ambiguous, with the tied
keys, so the caller can decide by position instead of guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from gxaudit.extract.tables.templates import Label

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DROP_WORDS = ("数量",)


class Match(NamedTuple):
    key: str | None  # None when nothing matched or when it is ambiguous
    score: float = 0.0
    tied: tuple[str, ...] = ()  # keys too close to tell apart (cut-short headers …)
    how: str = ""  # exact | prefix | fuzzy | ""


@lru_cache(maxsize=8192)
def normalize(s: str) -> str:
    """NFKC, no whitespace, no brackets or punctuation, no 数量: the comparable core."""
    t = unicodedata.normalize("NFKC", s or "").translate(_ZERO_WIDTH)
    out = []
    for ch in t:
        if ch.isspace():
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "PSZC":
            continue
        out.append(ch)
    t = "".join(out)
    for w in _DROP_WORDS:
        t = t.replace(w, "")
    return t


@lru_cache(maxsize=512)
def _index(labels: tuple[Label, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for lab in labels:
        for text in lab.all:
            n = normalize(text)
            if n:
                pairs.append((lab.key, n))
    return tuple(pairs)


def match(text: str, labels: Sequence[Label], cutoff: float = 72.0, margin: float = 6.0) -> Match:
    """Best key for a printed label among `labels`, or an honest 'no' / 'tied'."""
    return _match(text, tuple(labels), cutoff, margin)


@lru_cache(maxsize=32768)
def _match(text: str, labels: tuple[Label, ...], cutoff: float, margin: float) -> Match:
    n = normalize(text)
    if not n:
        return Match(None)
    idx = _index(labels)
    exact = list(dict.fromkeys(k for k, v in idx if v == n))
    if len(exact) == 1:
        return Match(exact[0], 100.0, (), "exact")
    if len(exact) > 1:
        return Match(None, 100.0, tuple(exact), "exact")
    if len(n) >= 2:
        pref = list(dict.fromkeys(k for k, v in idx if v.startswith(n)))
        if len(pref) == 1:
            return Match(pref[0], 95.0, (), "prefix")
        if len(pref) > 1:
            return Match(None, 95.0, tuple(pref), "prefix")
    best: dict[str, float] = {}
    for k, v in idx:
        s = _score(n, v)
        if s > best.get(k, -1.0):
            best[k] = s
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < cutoff:
        return Match(None, ranked[0][1] if ranked else 0.0)
    top = ranked[0][1]
    tied = tuple(k for k, s in ranked if top - s < margin)
    if len(tied) == 1:
        return Match(tied[0], top, (), "fuzzy")
    return Match(None, top, tied, "fuzzy")


def _score(a: str, b: str) -> float:
    """ratio, lifted when one side is the other plus a short tail (a unit, a note)."""
    r = fuzz.ratio(a, b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and long_.startswith(short):
        r = max(r, 80.0 + 20.0 * len(short) / len(long_))
    return r


def is_label(text: str, labels: Sequence[Label]) -> bool:
    return match(text, labels).key is not None
