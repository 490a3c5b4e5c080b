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


def needed(packs: Iterable, subs: Iterable[Submission] | None = None) -> dict[str, tuple[str, Any]]:
    """digest_key → (check kind, params) of the enabled peer-reading rules of the packs — of
    the packs that apply to at least one of `subs` (the reports to be compared), if given."""
    packs = [p for p in packs if hasattr(p, "rules")]
    if subs is not None:
        subs = list(subs)
        # `subs` may be heads (no tables, no sections): a pack's content predicates count as met
        packs = [p for p in packs
                 if any(applies(p.applies.model_copy(update={"has_table": None, "has_part": None}), s)[0]
                        is not False for s in subs)]
    out: dict[str, tuple[str, Any]] = {}
    for pack in packs:
        for _, rule in pack.rules():
            if rule.enabled and hasattr(checks.get(rule.check), "peer_digest"):
                out.setdefault(digest_key(rule.check, rule.params), (rule.check, rule.params))
    return dict(sorted(out.items()))


def scoped(wanted: dict[str, tuple[str, Any]]) -> dict[str, tuple[str, Any]]:
    """The digests of one part or heading: a few KB, cheap to make for every file while it is
    read. A whole-text digest (the legacy pack's 雷同) is ten times larger: it is made later,
    only for the reports of a group that needs it."""
    return {k: (kind, p) for k, (kind, p) in wanted.items()
            if getattr(p, "part", None) is not None or getattr(p, "heading", None)}


def digests_of(sub: Submission, wanted: dict[str, tuple[str, Any]]) -> dict[str, Any]:
    return {k: checks.get(kind).peer_digest(sub, params) for k, (kind, params) in wanted.items()}


def peer_of(sub: Submission, wanted: dict[str, tuple[str, Any]] | None = None,
            digests: dict[str, Any] | None = None) -> Peer:
    """`sub` may be a head when its `digests` were made where the document was in hand."""
    if digests is None:
        digests = digests_of(sub, wanted or {})
    return Peer(id=sub.id, file=sub.file, sha256=sub.sha256, agency=sub.agency.value, report_year=sub.report_year.value,
                digests=digests)


def meta(x: Peer | Submission) -> tuple[str, str, Any, Any]:
    """(id, file, agency, report year) of a Peer or a Submission."""
    if isinstance(x, Peer):
        return x.id, x.file, x.agency, x.report_year
    return x.id, x.file, x.agency.value, x.report_year.value
