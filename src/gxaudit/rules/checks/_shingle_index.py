"""A peer group's shingles, inverted: which peers carry each shingle (for near_duplicate).

Why: 雷同 compares every report with every other report of its group. Set by set, that is
n² set intersections in Python — a quarter of an hour for a province's 10,000 townships.
Inverted once per group, one report's overlaps with all peers are two `bincount`s over the
postings of its own shingles and of the group's common ones, in C. Everything here is exact:
the same counts the set-by-set definition gives (tests/rules/test_peer_digests.py checks).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

EMPTY = np.empty(0, dtype=np.uint64)


class GroupIndex:
    def __init__(self, metas: list[tuple[str, str, Any, Any]], arrays: list[tuple[bool, np.ndarray]]):
        """metas: (id, file, agency, report year) of each peer; arrays: (has text, sorted
        distinct shingle hashes) of each, in the same order."""
        self.n = len(metas)
        self.has = np.array([h for h, _ in arrays], dtype=bool)
        self.arrays = [a for _, a in arrays]
        self.size = np.array([len(a) for a in self.arrays], dtype=np.int64)
        self.years = _codes([m[3] for m in metas])
        self.agencies = _codes([m[2] or None for m in metas])
        self.by_id: dict[str, list[int]] = {}
        self.by_file: dict[str, list[int]] = {}
        for i, (pid, pfile, _, _) in enumerate(metas):
            self.by_id.setdefault(pid, []).append(i)
            self.by_file.setdefault(pfile, []).append(i)
        every = np.concatenate(self.arrays) if self.arrays else EMPTY
        owner = np.repeat(np.arange(self.n, dtype=np.int64), self.size)
        order = np.argsort(every, kind="stable")
        every, self.post = every[order], owner[order]
        self.vocab, first = np.unique(every, return_index=True)
        self.starts = np.append(first, len(every)).astype(np.int64)
        self._year_counts: dict[Hashable, tuple[np.ndarray, np.ndarray]] = {}

    # ---------------------------------------------------------------- who is compared

    def compatible(self, year: Any) -> np.ndarray:
        """Peers of the same report year, or of an unknown one (every peer for an unknown year)."""
        if year is None:
            return np.ones(self.n, dtype=bool)
        code = self.years[1].get(year, -2)
        return (self.years[0] == code) | (self.years[0] == -1)

    def excluded(self, sid: str, sfile: str, agency: Any) -> np.ndarray:
        """The report itself, another rendering of its file, its own agency's other files."""
        out = np.zeros(self.n, dtype=bool)
        out[self.by_id.get(sid, [])] = True
        out[self.by_file.get(sfile, [])] = True
        if agency:
            out |= self.agencies[0] == self.agencies[1].get(agency, -2)
        return out

    # ---------------------------------------------------------------- counting

    def _postings(self, shingles: np.ndarray) -> np.ndarray:
        """Peer indices carrying each of `shingles`, all concatenated."""
        if not len(shingles) or not len(self.vocab):
            return np.empty(0, dtype=np.int64)
        at = np.searchsorted(self.vocab, shingles)
        ok = at < len(self.vocab)
        ok[ok] = self.vocab[at[ok]] == shingles[ok]
        at = at[ok]
        begins, lens = self.starts[at], self.starts[at + 1] - self.starts[at]
        total = int(lens.sum())
        if not total:
            return np.empty(0, dtype=np.int64)
        offsets = np.repeat(begins - np.cumsum(lens) + lens, lens) + np.arange(total)
        return self.post[offsets]

    def overlap(self, shingles: np.ndarray) -> np.ndarray:
        """|shingles ∩ peer| for every peer."""
        return np.bincount(self._postings(shingles), minlength=self.n)

    def ranked(self, year: Any) -> tuple[np.ndarray, np.ndarray]:
        """(shingles, how many year-compatible peers carry each), most carried first."""
        if year not in self._year_counts:
            keep = self.compatible(year)[self.post]
            counts = np.add.reduceat(keep.astype(np.int64), self.starts[:-1]) if len(self.vocab) else \
                np.empty(0, dtype=np.int64)
            order = np.argsort(-counts, kind="stable")
            self._year_counts[year] = (self.vocab[order], counts[order])
        return self._year_counts[year]

    def common(self, year: Any, left_out: np.ndarray, mine: np.ndarray, need: float) -> np.ndarray:
        """Shingles carried by at least `need` of [this report, *compatible peers not left out]."""
        shingles, counts = self.ranked(year)
        k = int(np.searchsorted(-counts, -(need - 1), side="right"))  # counts[:k] >= need - 1
        cand, c = shingles[:k], counts[:k].copy()
        for i in np.flatnonzero(left_out):
            c -= np.isin(cand, self.arrays[i], assume_unique=True)
        c += np.isin(cand, mine, assume_unique=True)
        return np.sort(cand[c >= need])


def _codes(values: list) -> tuple[np.ndarray, dict]:
    """Each value as a small int (None → −1), and the value → int map."""
    table: dict = {}
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        out[i] = -1 if v is None else table.setdefault(v, len(table))
    return out, table


def index_for(peers: list, params: Any, memo: dict, meta: Callable, array: Callable) -> GroupIndex:
    """The index of one peer list and rule, once per evaluation batch (kept in the memo)."""
    key = ("index", id(peers), id(params))
    if key not in memo:
        memo[key] = (peers, params, GroupIndex([meta(p) for p in peers], [array(p) for p in peers]))
    return memo[key][2]
