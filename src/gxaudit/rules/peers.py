"""What a check may know of a peer: a few fields and a small digest, never the whole document.

Why: 雷同 (`near_duplicate`) compares a report with every other report of its peer group. A
province's group holds thousands of reports; holding them all as Submissions (≈ 300 KB each
once read back) is what made memory grow with the run. A check kind that reads peers exposes
`peer_digest(sub, params)` — for near_duplicate, the hashed shingles of the part it compares,
a few KB — and the pipeline computes those in the workers, once per report, then hands each
evaluation batch only `Peer`s. Checks accept a Submission wherever a Peer is expected (rule
cases and tests pass Submissions), so the digest is computed on the fly there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gxaudit.model import Submission
from gxaudit.rules import checks
from gxaudit.rules.evaluate import applies


@dataclass(frozen=True)
class Peer:
    id: str
    file: str
    sha256: str = ""
    agency: str | None = None
    report_year: Any = None
    digests: dict[str, Any] = field(default_factory=dict, compare=False)  # digest_key → digest


def digest_key(kind: str, params: Any) -> str:
    """Rules with equal parameters (the 2019 and 2021 packs' 雷同 rules) share one digest."""
    dump = params.model_dump_json() if hasattr(params, "model_dump_json") else repr(params)
    return f"{kind}:{dump}"


def needed(packs: Iterable, subs: Iterable[Submission]) -> dict[str, tuple[str, Any]]:
    """digest_key → (check kind, params) of the enabled peer-reading rules of every pack that
    applies to at least one of `subs` (the reports that will be compared)."""
    packs, subs = [p for p in packs if hasattr(p, "rules")], list(subs)
    # `subs` may be heads (no tables, no sections): a pack's content predicates count as met
    live = [p for p in packs
            if any(applies(p.applies.model_copy(update={"has_table": None, "has_part": None}), s)[0] is not False
                   for s in subs)]
    out: dict[str, tuple[str, Any]] = {}
    for pack in live:
        for _, rule in pack.rules():
            if rule.enabled and hasattr(checks.get(rule.check), "peer_digest"):
                out.setdefault(digest_key(rule.check, rule.params), (rule.check, rule.params))
    return dict(sorted(out.items()))


def peer_of(sub: Submission, wanted: dict[str, tuple[str, Any]] | None = None) -> Peer:
    digests = {k: checks.get(kind).peer_digest(sub, params) for k, (kind, params) in (wanted or {}).items()}
    return Peer(id=sub.id, file=sub.file, sha256=sub.sha256, agency=sub.agency.value, report_year=sub.report_year.value,
                digests=digests)


def meta(x: Peer | Submission) -> tuple[str, str, Any, Any]:
    """(id, file, agency, report year) of a Peer or a Submission."""
    if isinstance(x, Peer):
        return x.id, x.file, x.agency, x.report_year
    return x.id, x.file, x.agency.value, x.report_year.value
