"""Checking a synthetic corpus against its truth.json: each file read, extracted and evaluated
with the shipped packs as a scoring run would (no history, no peers; a monthly period is
evaluated as of its last day), and the error/warning rules that fail compared with the file's
`must_fire` and `may_fire`. Shared by tests/synth and bench/synth_truth.py so that both judge
the corpus the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from pydantic import BaseModel

# (doc_type, rule id) -> why it fires on realistic input although nothing was planted. Each is a
# bug to be reproduced by a strict xfail test in tests/synth; remove when fixed. Reported apart from
# the extras, never folded into may_fire.
KNOWN_FALSE_POSITIVES: dict[tuple[str, str], str] = {}


class Verdict(BaseModel):
    """One file's comparison: what was planted but not found, what was found but not planted."""

    file: str
    format: str
    doc_type: str
    missed: list[str]
    extra: list[str]
    known: list[str]  # extras listed in KNOWN_FALSE_POSITIVES
    doc_types: list[str]  # as extracted; must be [doc_type]
    error: str = ""  # the file could not be read or evaluated

    @property
    def ok(self) -> bool:
        return not (self.missed or self.extra or self.error) and self.doc_types == [self.doc_type]

    def describe(self) -> str:
        if self.error:
            return f"{self.file}: {self.error}"
        return f"{self.file}: missed {self.missed} extra {self.extra} doc_type {self.doc_types}"


def as_of(period: str) -> dt.date | None:
    """A monthly period is judged on its last day; a yearly one on the day of the run."""
    if "-" not in period:
        return None
    y, m = (int(x) for x in period.split("-"))
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def fired_rules(folder: Path, entry: dict, packs) -> tuple[set[str], list[str]]:
    """Error/warning rules failing on the file, and the doc types its submissions were given."""
    from gxaudit.extract import extract
    from gxaudit.ingest import read_document
    from gxaudit.rules import evaluate
    from gxaudit.rules.context import CheckContext

    man = {k: entry[k] for k in ("agency", "kind", "period", "published_at") if entry[k]}
    subs = extract(read_document(folder / entry["file"]), man)
    ctx = CheckContext(as_of=as_of(entry["period"]), period=entry["period"])
    fired = {f.rule_id for s in subs for f in evaluate(s, packs, ctx)
             if f.outcome == "fail" and f.severity in ("error", "warning")}
    return fired, [str(s.doc_type.value) for s in subs]


def check(folder: Path, entry: dict, packs) -> Verdict:
    fired, doc_types = fired_rules(folder, entry, packs)
    must, may = set(entry["must_fire"]), set(entry["may_fire"])
    extra = fired - must - may
    known = {r for r in extra if (entry["doc_type"], r) in KNOWN_FALSE_POSITIVES}
    return Verdict(file=entry["file"], format=entry["format"], doc_type=entry["doc_type"],
                   missed=sorted(must - fired), extra=sorted(extra - known), known=sorted(known),
                   doc_types=doc_types)


# --------------------------------------------------------------------------- worker processes

_PACKS: list = []


def _init_worker() -> None:
    from gxaudit.rules import load_packs

    _PACKS[:] = load_packs(None)


def _check_batch(args: tuple[str, list[dict]]) -> list[Verdict]:
    folder, entries = args
    out = []
    for e in entries:
        try:
            out.append(check(Path(folder), e, _PACKS))
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others' verdicts
            out.append(Verdict(file=e["file"], format=e["format"], doc_type=e["doc_type"], missed=[], extra=[],
                               known=[], doc_types=[], error=f"{type(exc).__name__}: {exc}"))
    return out


def check_corpus(folder: Path, entries: list[dict], jobs: int = 1, batch: int = 20) -> list[Verdict]:
    """Verdicts for `entries` in their order, over `jobs` processes (packs loaded once in each)."""
    batches = [(str(folder), entries[i:i + batch]) for i in range(0, len(entries), batch)]
    if jobs <= 1:
        _init_worker()
        return [v for b in batches for v in _check_batch(b)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_init_worker) as pool:
        return [v for vs in pool.map(_check_batch, batches) for v in vs]
