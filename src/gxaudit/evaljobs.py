"""Per-group work that runs in worker processes: peer digests, then evaluation.

Why a module of its own: a worker gets Refs and heads (spool.py), not documents, and loads
each document itself; the parent only ever sees Peers (rules/peers.py), Findings, and the
path of the file where the worker left the evaluated document for the history. Everything
here must be picklable and importable by a fresh worker.

Last year's report: the parent passes the chain of the same agency's earlier reports found in
this run (oldest first, as extract.series.link chose them on heads); the worker walks it,
deciding each year's run-together splits with the year before (`series.resolve_pending`),
and asks the history (read-only) for the year before the oldest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field

from gxaudit.extract import series
from gxaudit.model import Finding, Submission
from gxaudit.spool import Ref, hydrate


class Item(BaseModel):
    ref: Ref
    head: Submission


class EvalTask(BaseModel):
    agency: str
    item: Item
    chain: list[Item] = Field(default_factory=list)  # this agency's earlier reports in the run, oldest first


class Evaluated(BaseModel):
    findings: list[Finding]
    stored: str | None = None  # a file with the whole submission as evaluated (JSON), for the history
    whole: str | None = None  # that JSON itself, when the file could not be written


_SLIM = {"message": "", "basis": "", "fix": "", "data": {}, "evidence": []}


def slim(f: Finding) -> Finding:
    """A pass or a not-applicable travels as its rule and outcome: scoring counts them, no
    output lists them, and 60 rules × every report of a province would otherwise be the
    parent's largest holding."""
    return f if f.outcome in ("fail", "cannot_evaluate") else f.model_copy(update=_SLIM)


_PACKS: dict[str, list] = {}


def _packs(pack_source: tuple, pack_id: str, packs) -> list:
    """In a worker the packs are loaded there, once per process, from `pack_source` (selection,
    config), so rule objects never need to be pickled; inline, the caller passes its `packs`."""
    from gxaudit import rules

    if packs is not None:
        return packs
    if pack_id not in _PACKS:
        _PACKS.clear()
        _PACKS[pack_id] = rules.load_packs(*pack_source)
    return _PACKS[pack_id]


def digest_batch(items: list[Item], wanted: dict) -> list:
    """rules.peers.Peer of each submission: what its peers' checks need of it."""
    from gxaudit.rules.peers import peer_of

    return [peer_of(hydrate(i.ref, i.head), wanted) for i in items]


def _previous(db, agency: str, sub: Submission) -> Submission | None:
    from gxaudit.history import previous_submission

    year = sub.report_year.value
    if db is None or not isinstance(year, int) or isinstance(year, bool):
        return None
    return previous_submission(db, agency, year)


def _settled(items: list[Item], agency: str, db) -> Submission | None:
    """The newest of `items` (oldest first) as the years before it decide its run-together
    splits — reading back only as far as a year still has undecided splits (most have none:
    then a year is what was extracted, and no older year is read)."""
    if not items:
        return None
    read = hydrate(items[-1].ref, items[-1].head)
    if not any(t.pending for t in read.tables.values()):
        return read
    prev = _settled(items[:-1], agency, db) if len(items) > 1 else _previous(db, agency, read)
    return series.resolve_pending(read, prev) if prev is not None else read


def linked(task: EvalTask, db) -> tuple[Submission, Submission | None]:
    """(the submission as last year's figures decide it, last year's submission)."""
    read = hydrate(task.item.ref, task.item.head)
    prev = _settled(task.chain, task.agency, db) if task.chain else _previous(db, task.agency, read)
    return (series.resolve_pending(read, prev) if prev is not None else read), prev


def _store(sub: Submission, scratch: str) -> dict:
    """The evaluated Submission's JSON for the history, left in the scratch folder: the parent
    copies the bytes into the database and never parses them."""
    from gxaudit.report.atomic import write_text

    path = Path(scratch) / f"final-{hashlib.sha256(sub.id.encode()).hexdigest()[:32]}.json"
    text = sub.model_dump_json()
    try:
        write_text(path, text)
    except OSError:
        return {"whole": text}  # a full disk: it travels instead
    return {"stored": str(path)}


def evaluate_batch(tasks: list[EvalTask], peers: list, pack_source: tuple, pack_id: str,
                   as_of, period: str | None, history: str | None, settings: dict, scratch: str,
                   packs=None) -> list[Evaluated]:
    """Evaluate submissions of one peer group against the group's Peers.

    Every task sees the same list, its own agency's reports included (checks leave those
    out): one list per agency would cost agencies × peers references in a province's group."""
    from gxaudit import history as hist
    from gxaudit import rules
    from gxaudit.rules.context import CheckContext

    packs = _packs(pack_source, pack_id, packs)
    db = hist.read_only(history) if history else None
    try:
        out = []
        memo: dict = {}  # what checks derive from a peer, once per batch (CheckContext.memo)
        for t in tasks:
            sub, previous = linked(t, db)
            ctx = CheckContext(as_of=as_of, period=period, previous=previous,
                               history_available=history is not None or previous is not None,
                               peers=peers, settings=settings, memo=memo)
            found = rules.evaluate(sub, packs, ctx)
            out.append(Evaluated(findings=[slim(f) for f in found], **_store(sub, scratch)))
        return out
    finally:
        if db is not None:
            db.close()
