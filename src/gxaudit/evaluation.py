"""The parent's side of evaluation: what each worker is given, and what comes back.

Why apart from the pipeline: the parent holds heads only (spool.py), so evaluating means
planning — where each document lies (`spool_refs`), which earlier years lead to it (`chains`),
each peer group's Peers with their 雷同 digests (`group_peers`) — then handing batches to the
executor (evaljobs.py runs them) and streaming the evaluated documents into the history
(`finals`). Results come back in a fixed order whatever the executor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from gxaudit import spool
from gxaudit.discover import Discovery
from gxaudit.evaljobs import EvalTask, Evaluated, Item, digest_batch, evaluate_batch
from gxaudit.executors import Renewable, chunks, usable
from gxaudit.extract import renderings, series
from gxaudit.filejobs import FileResult, restore_submission
from gxaudit.model import Submission

Progress = Callable[[str, int, int], None]  # (stage label, done, total)


def spool_refs(results: list[FileResult], disc: Discovery) -> dict[str, spool.Ref]:
    """Where each submission's whole lies (its entry file, or itself when it travelled whole),
    with the text rendering merged into an HTML one attached (extract.renderings)."""
    by_display = {i.display: i for i in disc.inputs}
    refs: dict[str, spool.Ref] = {}
    for r in results:
        for i, s in enumerate(r.submissions):
            refs[s.id] = (spool.Ref(entry=r.entry, index=i, input=by_display.get(r.display)) if r.entry
                          else spool.Ref(inline=s))
    for html, text in renderings.merge_plan([s for r in results for s in r.submissions]).items():
        refs[html] = refs[html].model_copy(update={"partner": refs[text]})
    return refs


def chains(readable: list[Submission], context: list[Submission]) -> dict[str, list[Submission]]:
    """Per scored submission, the same agency's earlier reports in this run that lead to it,
    oldest first: what series.link would walk (it is run here on heads, without the history)."""
    previous, _ = series.link(readable + context, None)
    out = {}
    for s in readable:
        chain, x = [], s
        while x.id in previous:
            x = previous[x.id]
            chain.append(x)
        out[s.id] = chain[::-1]
    return out


def _run_jobs(fn, jobs: list[tuple], executor: Executor | None) -> list:
    if executor is None:
        return [fn(*job) for job in jobs]
    futures = [executor.submit(fn, *job) for job in jobs]
    return [f.result() for f in futures]


def group_peers(per_group: dict[str, list[EvalTask]], digests: dict[str, dict], packs,
                executor: Executor | None, workers: int) -> dict[str, list]:
    """rules.peers.Peer of every scored submission, per group: from its head and the digests
    made at extraction where those are all the group needs; else (a whole-text digest, a
    document merged from two renderings) the workers digest the document again."""
    from gxaudit.rules import peers

    out: dict[str, list] = {}
    jobs: list[tuple[list[Item], dict]] = []
    for group in sorted(per_group):
        items = [t.item for t in per_group[group]]
        wanted = peers.needed(packs, [i.head for i in items])
        row: list = []
        for i in items:
            known = digests.get(i.head.id, {}) if i.ref.partner is None else {}
            row.append(peers.peer_of(i.head, digests={k: known[k] for k in wanted})
                       if all(k in known for k in wanted) else i)
        out[group] = row
        later = [x for x in row if isinstance(x, Item)]
        jobs += [(chunk, wanted) for chunk in chunks(later, workers if executor is not None else 1) if chunk]
    made = {p.id: p for batch in _run_jobs(digest_batch, jobs, executor) for p in batch}
    return {g: [made[x.head.id] if isinstance(x, Item) else x for x in row] for g, row in out.items()}


def evaluate_all(by_agency: dict[str, list[Submission]], groups: dict[str, str], packs, pack_source: tuple,
                 settings: dict, period: str | None, as_of: dt.date | None, history: Path | None,
                 executor: Executor | None, progress: Progress | None,
                 refs: dict[str, spool.Ref], chain_of: dict[str, list[Submission]], scratch: Path,
                 workers: int = 1, digests: dict[str, dict] | None = None) -> dict[str, list[Evaluated]]:
    """Findings per agency, one Evaluated per readable submission, in submission order.

    Last year's Submission is found by the workers: in this run along `chain_of`, else in the
    history (read-only)."""
    per_group: dict[str, list[EvalTask]] = defaultdict(list)
    for agency in sorted(by_agency):
        for s in by_agency[agency]:
            chain = [Item(ref=refs[p.id], head=p) for p in chain_of.get(s.id, [])]
            per_group[groups[agency]].append(EvalTask(agency=agency, item=Item(ref=refs[s.id], head=s), chain=chain))
    if executor is not None and not usable(executor):  # a worker died while reading: a fresh pool,
        executor = executor if isinstance(executor, Renewable) and executor.renew() else None  # or here
    source_id = hashlib.sha256(pickle.dumps(pack_source)).hexdigest()
    total = sum(len(t) for t in per_group.values())
    if progress:
        progress("检查规则", 0, total)
    peers_of = group_peers(per_group, digests or {}, packs, executor, workers)
    args = (pack_source, source_id, as_of, period, str(history) if history else None, settings, str(scratch))
    jobs = []
    for group in sorted(per_group):
        # one batch per worker and group: each batch ships the group's peers once and prepares
        # them once (CheckContext.memo), so fewer batches is cheaper as long as all workers work
        for chunk in chunks(per_group[group], workers if executor is not None else 1):
            jobs.append((chunk, peers_of[group]))
    out: dict[str, list[Evaluated]] = defaultdict(list)
    if executor is None:
        results = (evaluate_batch(c, p, *args, packs=packs) for c, p in jobs)
    else:
        futures = [executor.submit(evaluate_batch, c, p, *args) for c, p in jobs]
        results = (f.result() for f in futures)
    done = 0
    for (chunk, _), found in zip(jobs, results):
        for task, evaluated in zip(chunk, found):
            out[task.agency].append(evaluated)
        done += len(chunk)
        if progress:
            progress("检查规则", done, total)
    return out


def stored_json(evaluated: dict[str, list[Evaluated]], by_agency: dict[str, list[Submission]]) -> dict[str, Evaluated]:
    """Submission id → where its JSON as evaluated is (evaljobs), findings left out."""
    return {s.id: e.model_copy(update={"findings": []}) for agency, subs in by_agency.items()
            for s, e in zip(subs, evaluated.get(agency, []))}


def finals(readable: list[Submission], stored: dict[str, Evaluated], refs: dict[str, spool.Ref]):
    """(head, JSON) of each scored Submission as evaluated, one at a time: the history copies
    the JSON; Outcome.submissions parses it. A file that vanished meanwhile (a temp cleaner)
    costs the history only what last year's figures decided; the document is read back."""
    for s in readable:
        e = stored[s.id]
        if e.whole is not None:
            yield s, e.whole
            continue
        try:
            yield s, Path(e.stored).read_text(encoding="utf-8")
        except OSError:
            yield s, spool.hydrate(refs[s.id], s).model_dump_json()


def whole(text: str) -> Submission:
    return restore_submission(Submission.model_validate_json(text))
