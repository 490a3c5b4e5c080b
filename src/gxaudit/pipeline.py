"""The `score` job: discover → ingest → extract → evaluate → score → rank → store → RunResult.

The CLI calls `run()` and renders what it returns; nothing here prints. Work per file
(ingest + extract) and per peer group (evaluate) goes through a `concurrent.futures.Executor`
passed in by the caller — a process pool on one machine, a Dask client's executor on many,
or None to run inline. Results are collected in input order, so every executor gives the
same bytes.

Decisions documented in docs/result-json.md:
- as_of defaults to the last day of a monthly period (so a re-run next week gives the same
  result); for annual or unknown periods it stays None and each check decides (the
  monthly checks then report cannot_evaluate rather than guess a day).
- The period defaults to the most common period among the readable submissions.
- An agency whose files all failed to read is 'unreadable' (not scored, ranked last); one
  with some unreadable files is scored on the rest and says so in status_reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import shutil
import tempfile
from collections import Counter, defaultdict, deque
from concurrent.futures import BrokenExecutor, Executor
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gxaudit import __version__, crashpoints, monthly, parsecache, spool
from gxaudit.agencies import agency_groups, assign_agencies
from gxaudit.discover import Discovery, discover
from gxaudit.evaluation import Progress, chains, evaluate_all, finals, spool_refs, stored_json, whole
from gxaudit.executors import Renewable, chunks
from gxaudit.extract import renderings, series
from gxaudit.filejobs import FileResult, headed, process_batch, process_isolated
from gxaudit.history import History, normalise_period, pack_key, period_kind
from gxaudit.model import PackStamp, RunRecord, RunResult, Scorecard, Submission
from gxaudit.ranking import peer_group_for, rank
from gxaudit.scorecards import score_all

# files per extraction task: small enough for a smooth progress bar and a short worker
# result, large enough that scheduling (~1.7 ms a task on Dask) stays negligible
FILES_PER_BATCH = 64


class Options(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    dirs: list[Path]
    period: str | None = None
    as_of: dt.date | None = None
    packs: list[str] | None = None  # pack selection; None = every applicable pack
    config: dict = Field(default_factory=dict)  # office settings: [ranking], [history], [cache] …
    rules_config: Any = None  # gxaudit.rules.config.Config when the CLI loaded one; else `config`
    history: Path | None = None  # None: do not read or write history
    cache_dir: Path | None = None  # None: no extraction cache
    cache_max_bytes: int | None = None  # LRU bound of the cache (None: unbounded)
    roster: Path | None = None
    supported: set[str] | None = None  # default gxaudit.ingest.SUPPORTED
    keep_submissions: bool = False  # Outcome.submissions: the scored documents, whole (API, tests)


class Outcome(BaseModel):
    result: RunResult
    submissions: list[Submission] = Field(default_factory=list)  # only with Options.keep_submissions
    unreadable: list[str] = Field(default_factory=list)  # display paths


def period_end(period: str | None) -> dt.date | None:
    if not period:
        return None
    parts = period.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31)
        month = int(parts[1])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, IndexError):
        return None


def pack_weights(rules_config) -> dict[str, float]:
    """Per-pack weights from `[packs.<id>] weight = …` (default 1, applied by scoring)."""
    settings = getattr(rules_config, "pack_settings", None) or {}
    return {pid: float(v["weight"]) for pid, v in sorted(settings.items())
            if isinstance(v, dict) and "weight" in v}


def stamp_of(pack) -> PackStamp:
    """The PackStamp of a loaded RulePack (attribute names per the rules module)."""
    stamp = getattr(pack, "stamp", None)
    stamp = stamp() if callable(stamp) else stamp
    if isinstance(stamp, PackStamp):
        return stamp
    return PackStamp(id=getattr(pack, "pack", None) or pack.id,
                     version=str(getattr(pack, "version", "")),
                     sha256=getattr(pack, "sha256", "") or "",
                     overrides=list(getattr(pack, "overrides", []) or []))


# ------------------------------------------------------------------ stages


def extract_all(disc: Discovery, executor: Executor | None, cache_dir: Path | None,
                progress: Progress | None = None, workers: int = 1, wanted: dict | None = None) -> list[FileResult]:
    """Ingest + extract every input, in input order whatever the executor. The results hold
    heads (spool.py) of every file whose whole result sits in `cache_dir`, and the peer
    digests `wanted` by the rules (rules.peers)."""
    inputs = disc.inputs
    cache = str(cache_dir) if cache_dir else None
    total = len(inputs)
    if progress:
        progress("读取与提取", 0, total)
    if executor is None or total <= 1:
        out = []
        for inp in inputs:
            out.extend(process_batch([inp], cache, True, wanted))
            if progress:
                progress("读取与提取", len(out), total)
        return out
    batches = chunks(inputs, workers * 4, most=FILES_PER_BATCH)
    window = 2 * workers  # batches in flight: all a dead worker can take down with it
    flight: deque = deque()
    out: list[FileResult] = []
    done = 0

    def submit(i: int) -> None:
        flight.append((i, executor.submit(process_batch, batches[i], cache, True, wanted)))

    for i in range(min(window, len(batches))):
        submit(i)
    nxt = len(flight)
    while flight:
        i, fut = flight.popleft()
        try:
            found = fut.result()
        except BrokenExecutor:  # a worker died: its batch is among those in flight; find the file
            found = [headed(process_isolated(inp, cache), wanted) for inp in batches[i]]
            lost = [(j, f) for j, f in flight if f.exception() is not None]
            if lost and isinstance(executor, Renewable) and executor.renew():
                flight = deque((j, f) if f.exception() is None else
                               (j, executor.submit(process_batch, batches[j], cache, True, wanted)) for j, f in flight)
        out.extend(found)
        done += len(batches[i])
        if progress:
            progress("读取与提取", done, total)
        if nxt < len(batches):
            submit(nxt)
            nxt += 1
    return out


def summarise(cards: list[Scorecard], ranking, disc: Discovery, failed: list[Submission],
              previous_period: str | None, comparable: bool) -> dict:
    problems: dict[str, dict] = {}
    for c in cards:
        for f in c.findings:
            if f.outcome != "fail":
                continue
            p = problems.setdefault(f.rule_id, {"rule_id": f.rule_id, "title": f.title, "pack": f.pack,
                                                "agencies": [], "occurrences": 0, "repeated": 0})
            if c.agency not in p["agencies"]:
                p["agencies"].append(c.agency)
            p["occurrences"] += f.count
            p["repeated"] += int(f.repeated)
    common = sorted(problems.values(), key=lambda p: (-len(p["agencies"]), -p["occurrences"], p["rule_id"]))
    for p in common:
        p["agencies"] = sorted(p["agencies"])
    status = Counter(r.status for r in ranking)
    return {
        "counts": {"agencies": len(ranking), "files": len(disc.inputs), "skipped": len(disc.skipped),
                   **{k: status.get(k, 0) for k in ("scored", "not_scored", "unreadable", "missing")}},
        "common_problems": common,
        "unreadable": [{"path": s.file, "agency": s.agency.value, "message": s.failure.message}
                       for s in failed if s.failure],
        "previous_period": previous_period,
        "rank_comparable": comparable,
        "warnings": list(disc.warnings),
    }


def infer_period(subs: list[Submission]) -> str | None:
    counts = Counter(normalise_period(str(s.period.value)) for s in subs if s.period.value)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]  # most common; on a tie the latest


def run(opts: Options, executor: Executor | None = None, progress: Progress | None = None,
        workers: int = 1, created: dt.datetime | None = None) -> Outcome:
    """Score everything under opts.dirs; raises DiscoveryError, HistoryError, RuleFileError (exit 2)."""
    from gxaudit import ingest, rules

    # rule errors surface before any document is read
    packs = rules.load_packs(opts.packs, opts.rules_config if opts.rules_config is not None else opts.config)
    stamps = sorted((stamp_of(p) for p in packs), key=lambda s: s.id)
    supported = opts.supported if opts.supported is not None else set(ingest.SUPPORTED)
    disc = discover(opts.dirs, supported, opts.roster)
    monthly.prepare(disc, opts.config, opts.rules_config)  # [monthly] settings to table inputs
    # documents wait in the parse cache, or in this run's scratch folder without one (spool.py)
    if opts.cache_dir is not None:
        opts.cache_dir.mkdir(parents=True, exist_ok=True)
        parsecache.sweep(opts.cache_dir)
    scratch = Path(tempfile.mkdtemp(prefix=parsecache.SCRATCH_PREFIX, dir=opts.cache_dir))
    pool = Renewable(executor, workers) if executor is not None else None
    try:
        outcome = _score(opts, packs, stamps, disc, scratch, pool, progress, workers, created)
    finally:
        if pool is not None:
            pool.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
        spool.forget()
    parsecache.prune(opts.cache_dir, opts.cache_max_bytes)
    return outcome


def _score(opts: Options, packs, stamps: list[PackStamp], disc: Discovery, scratch: Path,
           executor: Executor | None, progress: Progress | None, workers: int,
           created: dt.datetime | None) -> Outcome:
    from gxaudit.rules.peers import needed, scoped

    results = extract_all(disc, executor, opts.cache_dir or scratch, progress, workers, scoped(needed(packs)))
    crashpoints.reached("extracted")
    refs = spool_refs(results, disc)
    digests = {sid: d for r in results for sid, d in r.digests.items()}
    results = renderings.merge_results(results)  # page.txt + body.html of one document: one Submission
    inputs = [{"path": r.display, "sha256": r.sha256} for r in results]
    subs = assign_agencies(results, disc)
    del results
    series.apply_aliases(subs, series.aliases_from(opts.config))
    readable = [s for s in subs if s.failure is None]
    failed = [s for s in subs if s.failure is not None]
    period = normalise_period(opts.period) or infer_period(readable)
    as_of = opts.as_of or (period_end(period) if period and period_kind(period) == "monthly" else None)
    readable, context = series.select_period(readable, period)  # other years: last years' reports
    digests = {s.id: digests[s.id] for s in readable if s.id in digests}  # peers are of this period
    if context:
        disc.warnings.append(series.context_note(context, period))
    mapping = dict(opts.config.get("ranking", {}).get("peer_groups", {}))
    groups = agency_groups(readable + failed, disc, mapping)
    chain_of = chains(readable, context)  # last year's report of the same agency in this run
    del subs, context

    history = History(opts.history) if opts.history else None
    try:
        prev = history.previous_period(period) if history and period else None
        failed_before = history.failed_rules(prev) if history and prev else {}
        comparable = bool(prev) and history.pack_key_of(prev) == pack_key(stamps)
        prev_ranks = history.ranks(prev) if comparable else {}
        by_agency: dict[str, list[Submission]] = defaultdict(list)
        failed_by_agency: dict[str, list[Submission]] = defaultdict(list)
        for s in readable:
            by_agency[s.agency.value].append(s)
        for s in failed:
            failed_by_agency[s.agency.value].append(s)
        source = (opts.packs, opts.rules_config if opts.rules_config is not None else opts.config)
        evaluated = evaluate_all(by_agency, groups, packs, source, dict(opts.config), period=period, as_of=as_of,
                                 history=opts.history, executor=executor, progress=progress, refs=refs,
                                 chain_of=chain_of, scratch=scratch, workers=workers, digests=digests)
        crashpoints.reached("evaluated")
        findings = {a: [e.findings for e in evs] for a, evs in evaluated.items()}
        stored = stored_json(evaluated, by_agency)
        del evaluated
        cards = score_all(by_agency, failed_by_agency, findings, packs, groups, failed_before, period,
                          pack_weights(opts.rules_config))
        del findings  # now inside the scorecards
        crashpoints.reached("scored")
        roster_missing = [(e.agency, e.peer_group or peer_group_for(e.kind, mapping))
                          for e in disc.roster if e.agency not in groups]
        if disc.roster:
            strangers = sorted(set(groups) - {e.agency for e in disc.roster})
            if strangers:
                disc.warnings.append(f"以下单位不在单位名单 agencies.csv 中（请核对名称或补充名单）：{'、'.join(strangers)}")
        ranking = rank(cards, prev_ranks, roster_missing, mapping)
        record = RunRecord(tool_version=__version__, period=period, as_of=as_of, packs=stamps,
                           inputs=inputs,
                           skipped=disc.skipped)
        result = RunResult(run=record, scorecards=cards, ranking=ranking,
                           summary=summarise(cards, ranking, disc, failed, prev, comparable))
        # summary["monthly"] reads the logs and snapshots themselves
        monthly_docs = [spool.hydrate(refs[s.id], s) if s.doc_type.value in monthly.MONTHLY_DOCS else s
                        for s in readable]
        monthly.add_to(result, cards, monthly_docs, packs, as_of, period)
        del monthly_docs
        if history is not None and period:
            crashpoints.arm_history(history.db)
            history.store(result, finals(readable, stored, refs), created=created)
            crashpoints.reached("stored")
        elif history is not None:
            result.summary["warnings"].append("未能确定期次，本次结果未写入历史库：请用 --period 指定，如 2025 或 2025-10")
    finally:
        if history is not None:
            history.close()
    kept = [whole(text) for _, text in finals(readable, stored, refs)] if opts.keep_submissions else []
    return Outcome(result=result, submissions=kept, unreadable=[s.file for s in failed])
