"""Split digits that a flattened page ran together, and only where one reading is possible.

A saved page may print a table row as `21710000218`: seven cells with the separators lost.
This module is the pure solver behind every such reader (official tables, the legacy 统计表,
cross-year resolution). It never guesses: it enumerates every reading the printed characters
allow (each cell a well-formed number, no leading zeros except "0" itself, whitespace and a
minus sign always start a new cell), filters the readings by linear identities the table must
satisfy, and reports a row as placed only when exactly one reading survives.

Public API:
- `readings(chunks, kinds, cap)` — every way to cut the printed chunks into cells.
- `Constraint` — a linear identity Σ coef·cell + const == 0 over (row, col) cells.
- `solve(candidates, constraints)` — arc-consistency to a fixed point; returns per row the
  surviving readings, and which identities removed readings from it (the evidence).

An identity that contradicts the printed digits (no reading of some row satisfies it) is
dropped and reported, so a reading forced by the digit count stands even when the agency's own
figures break the identity: checking identities is a later rule's job, not the reader's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["int", "signed", "decimal"]
Reading = tuple[Decimal | None, ...]

_PATTERNS: dict[str, re.Pattern[str]] = {
    "int": re.compile(r"(?:0|[1-9]\d*)"),
    "signed": re.compile(r"-?(?:0|[1-9]\d*)"),
    "decimal": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}
BLANK_TOKENS = frozenset({"—", "–", "－", "/", "／", "--", "——"})
DEFAULT_CAP = 20000
SUMSET_CAP = 200000


class TooMany(Exception):
    """More readings than the cap: the row is reported as 候选过多, never narrowed by chance."""


def _ok_cell(piece: str, kind: str) -> bool:
    if piece == "-0":
        return False
    return _PATTERNS[kind].fullmatch(piece) is not None


def readings(
    chunks: list[str],
    kinds: list[str],
    cap: int = DEFAULT_CAP,
    prune: Callable[[tuple[Decimal | None, ...]], bool] | None = None,
) -> list[Reading]:
    """Every way to cut `chunks` (whitespace-separated printed pieces) into len(kinds) cells.

    A chunk that is a blank marker (—, /) is exactly one blank cell (None). `prune(prefix)` may
    reject a partial reading early (e.g. a group identity checked once its five cells are cut).
    Raises TooMany past `cap` readings.
    """
    n = len(kinds)
    out: list[Reading] = []
    steps = [0]

    def rec(ci: int, pos: int, acc: tuple[Decimal | None, ...]) -> None:
        steps[0] += 1
        if steps[0] > cap * 10:
            raise TooMany  # partial readings explored without end (pruned enumeration)
        if prune is not None and acc and not prune(acc):
            return
        if ci == len(chunks):
            if len(acc) == n:
                out.append(acc)
                if len(out) > cap:
                    raise TooMany
            return
        k = len(acc)
        if k >= n:
            return
        chunk = chunks[ci]
        if pos == 0 and chunk in BLANK_TOKENS:
            rec(ci + 1, 0, acc + (None,))
            return
        # cells still needed after this one must fit in what is left (each takes ≥1 char)
        rest_chunks = len(chunks) - ci - 1
        for end in range(pos + 1, len(chunk) + 1):
            piece = chunk[pos:end]
            if not _ok_cell(piece, kinds[k]):
                continue
            need = rest_chunks + (0 if end == len(chunk) else 1)
            if n - (k + 1) < need:
                continue  # too few cells left for what follows
            if end == len(chunk):
                rec(ci + 1, 0, acc + (Decimal(piece),))
            else:
                rec(ci, end, acc + (Decimal(piece),))

    rec(0, 0, ())
    return out


@dataclass(frozen=True)
class Constraint:
    """Σ coef·cell(row, col) + const == 0; `name` is the identity as a reviewer reads it."""

    terms: tuple[tuple[str, str, int], ...]
    name: str
    const: Decimal = Decimal(0)
    # identities of one family (the same rule over several columns) stand or fall together:
    # when the printed digits contradict one member, none of them may decide a split, lest
    # the others pick a reading that only matches by chance
    family: str | None = None


def in_row_prune(row: str, cols: list[str], constraints: list[Constraint]) -> Callable[[tuple], bool] | None:
    """A check of the identities that lie within one row, applied as soon as a prefix fixes them.

    Only an optimisation of `solve`: it removes what `solve` would remove anyway, early enough
    that a 15-cell run (the review table) is not enumerated in full.
    """
    idx = {c: i for i, c in enumerate(cols)}
    own = [
        [(idx[c], k) for _, c, k in con.terms]
        for con in constraints
        if con.const == 0 and all(r == row and c in idx for r, c, _ in con.terms)
    ]
    if not own:
        return None
    ready = [(max(i for i, _ in t) + 1, t) for t in own]

    def check(acc: tuple) -> bool:
        for need, terms in ready:
            if len(acc) == need:
                vals = [acc[i] for i, _ in terms]
                if None not in vals and sum(k * v for (_, k), v in zip(terms, vals)) != 0:
                    return False
        return True

    return check


def row_readings(
    chunks: list[str], kinds: list[str], prune: Callable[[tuple], bool] | None = None, cap: int = DEFAULT_CAP
) -> list[Reading]:
    """`readings`; when there are too many, pruned by the in-row identities.

    Small rows are enumerated in full so that `solve` records which identity decided them;
    a pruned enumeration that leaves nothing means the identity fails, and then the row is
    too ambiguous to read anyway (TooMany).
    """
    try:
        return readings(chunks, kinds, min(cap, 2000))
    except TooMany:
        if prune is None:
            raise
    got = readings(chunks, kinds, cap, prune)
    if not got:
        raise TooMany
    return got


@dataclass
class RowState:
    cols: list[str]
    readings: list[Reading]
    decided_by: list[str] = field(default_factory=list)

    def value(self, reading: Reading, col: str) -> Decimal | None:
        return reading[self.cols.index(col)]


@dataclass
class Solution:
    rows: dict[str, RowState]
    dropped: list[str] = field(default_factory=list)  # identities not used: contradicted, or of their family
    # the dropped identities that the readings left really break; the others of their family
    # agree with the printed digits and were only set aside with them
    contradicted: list[str] = field(default_factory=list)
    set_aside: dict[str, list[str]] = field(default_factory=dict)  # name -> its family's contradicted

    def set_aside_groups(self) -> list[tuple[list[str], list[str]]]:
        """(contradicted, set aside with them) per dropped family, in the order dropped."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for name, because in self.set_aside.items():
            groups.setdefault(tuple(because), []).append(name)
        return [(list(k), v) for k, v in groups.items()]

    def unique(self, row: str) -> Reading | None:
        st = self.rows.get(row)
        return st.readings[0] if st is not None and len(st.readings) == 1 else None


def _sumset(sets: Iterable[set[Decimal]]) -> set[Decimal] | None:
    acc: set[Decimal] = {Decimal(0)}
    for s in sets:
        acc = {a + b for a in acc for b in s}
        if len(acc) > SUMSET_CAP:
            return None
    return acc


def _contrib(st: RowState, reading: Reading, terms: list[tuple[str, int]]) -> Decimal | None:
    total = Decimal(0)
    for col, coef in terms:
        v = st.value(reading, col)
        if v is None:
            return None  # a blank cell takes no part in an identity
        total += coef * v
    return total


def _apply(con: Constraint, rows: dict[str, RowState]) -> tuple[bool, list[str]]:
    """Filter every row of `con` to readings that some choice of the others completes.

    Returns (consistent, rows changed). Skips (changes nothing) when a row is unknown, a cell
    is blank or the sum sets grow past the cap: skipping never removes a true reading.
    """
    by_row: dict[str, list[tuple[str, int]]] = {}
    for r, c, k in con.terms:
        if r not in rows or c not in rows[r].cols:
            return True, []
        by_row.setdefault(r, []).append((c, k))
    contribs: dict[str, list[Decimal | None]] = {
        r: [_contrib(rows[r], rd, t) for rd in rows[r].readings] for r, t in by_row.items()
    }
    if any(v is None for vs in contribs.values() for v in vs):
        return True, []
    names = list(by_row)
    sets = [set(contribs[r]) for r in names]  # type: ignore[arg-type]
    changed: list[str] = []
    for i, r in enumerate(names):
        others = _sumset(sets[:i] + sets[i + 1 :])
        if others is None:
            return True, changed
        keep = [rd for rd, v in zip(rows[r].readings, contribs[r]) if -(v + con.const) in others]  # type: ignore[operator]
        if not keep:
            return False, changed
        if len(keep) < len(rows[r].readings):
            rows[r].readings = keep
            rows[r].decided_by.append(con.name)
            contribs[r] = [_contrib(rows[r], rd, by_row[r]) for rd in keep]
            sets[i] = set(contribs[r])  # type: ignore[arg-type]
            changed.append(r)
    return True, changed


def solve(
    candidates: dict[str, tuple[list[str], list[Reading]]],
    constraints: list[Constraint],
    max_rounds: int = 50,
) -> Solution:
    """Propagate identities to a fixed point; drop (and report) any the digits contradict."""
    active = list(constraints)
    dropped: list[Constraint] = []
    triggers: list[Constraint] = []  # the identity whose failure dropped each family
    while True:
        rows = {r: RowState(list(cols), list(rds)) for r, (cols, rds) in candidates.items()}
        conflict = None
        for _ in range(max_rounds):
            any_change = False
            for con in active:
                ok, changed = _apply(con, rows)
                if not ok:
                    conflict = con
                    break
                any_change = any_change or bool(changed)
            if conflict is not None or not any_change:
                break
        if conflict is None:
            for st in rows.values():
                st.decided_by = list(dict.fromkeys(st.decided_by))
            broken = _contradicted(dropped, triggers, rows)
            aside = {
                c.name: [b.name for b in broken if b.family is not None and b.family == c.family]
                for c in dropped
                if c not in broken
            }
            return Solution(rows, [c.name for c in dropped], [c.name for c in broken], aside)
        gone = [c for c in active if c is conflict or (c.family and c.family == conflict.family)]
        active = [c for c in active if c not in gone]
        dropped.extend(gone)
        triggers.append(conflict)


def _contradicted(
    dropped: list[Constraint], triggers: list[Constraint], rows: dict[str, RowState]
) -> list[Constraint]:
    """The dropped identities that no reading left satisfies, each checked alone.

    A family can fail only jointly (each member satisfiable, not all at once); then the member
    whose failure dropped it is named, so that no drop goes unexplained."""
    out = []
    for con in dropped:
        trial = {r: RowState(st.cols, list(st.readings)) for r, st in rows.items()}
        if not _apply(con, trial)[0]:
            out.append(con)
    for trig in triggers:
        family = [c for c in dropped if c is trig or (trig.family and c.family == trig.family)]
        if not any(c in out for c in family):
            out.append(trig)
    return [c for c in dropped if c in out]


def row_sum(row: str, total: str, parts: list[str], name: str) -> Constraint:
    """total == Σ parts within one row."""
    terms = ((row, total, -1),) + tuple((row, p, 1) for p in parts)
    return Constraint(terms, name)


def col_sum(col: str, total: str, parts: list[str], name: str, family: str | None = None) -> Constraint:
    """row `total` == Σ rows `parts`, in column `col`."""
    terms = ((total, col, -1),) + tuple((p, col, 1) for p in parts)
    return Constraint(terms, name, family=family)
