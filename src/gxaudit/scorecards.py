"""A run's scorecards: every agency's, whether its files were all read, some, or none.

Why apart from scoring.py: scoring turns one agency's findings into points; this decides what
a run reports for each agency around that — an agency whose every file failed to read gets an
'unreadable' card (ranked last), one with some unreadable files is scored on the rest and
says which, and a rule failed in the previous period too is marked as repeated (连续未整改).
"""

from __future__ import annotations

from gxaudit.model import Finding, Scorecard, Submission


def mark_repeated(findings: list[Finding], failed_before: set[str]) -> None:
    for f in findings:
        if f.outcome == "fail" and f.rule_id in failed_before:
            f.repeated = True


def failure_text(failed: list[Submission]) -> str:
    """The readers' messages, without a leading 无法读取 (the caller adds its own label)."""
    return "；".join(s.failure.message.removeprefix("无法读取").lstrip(" ：:") for s in failed if s.failure)


def unreadable_card(agency: str, failed: list[Submission], group: str) -> Scorecard:
    reasons = failure_text(failed)
    return Scorecard(agency=agency, submission_ids=[s.id for s in failed],
                     files=sorted({s.file for s in failed}), peer_group=group,
                     agency_kind=next((s.agency_kind.value for s in failed if s.agency_kind.value), None),
                     status="unreadable", status_reason=f"无法读取：{reasons}", total=0.0)


def score_all(by_agency: dict[str, list[Submission]], failed_by_agency: dict[str, list[Submission]],
              findings: dict[str, list[list[Finding]]], packs, groups: dict[str, str],
              failed_before: dict[str, set[str]], period: str | None,
              weights: dict[str, float] | None = None) -> list[Scorecard]:
    from gxaudit import scoring  # looked up at call time (tests swap the scoring stage)

    cards = []
    for agency in sorted(set(by_agency) | set(failed_by_agency)):
        subs, failed = by_agency.get(agency, []), failed_by_agency.get(agency, [])
        if not subs:
            cards.append(unreadable_card(agency, failed, groups[agency]))
            continue
        flat = [f for per_sub in findings.get(agency, []) for f in per_sub]
        mark_repeated(flat, failed_before.get(agency, set()))
        card = scoring.scorecard(agency, subs, flat, packs, weights=weights, peer_group=groups[agency])
        mark_repeated(card.findings, failed_before.get(agency, set()))
        update: dict = {"peer_group": groups[agency]}
        if card.period is None:
            update["period"] = period
        if card.agency_kind is None:
            update["agency_kind"] = next((s.agency_kind.value for s in subs if s.agency_kind.value), None)
        if failed:
            update["submission_ids"] = [*card.submission_ids, *(s.id for s in failed)]
            update["files"] = sorted({*card.files, *(s.file for s in failed)})
            reasons = failure_text(failed)
            update["status_reason"] = "；".join(x for x in (card.status_reason,
                                                             f"部分文件无法读取：{reasons}") if x)
        cards.append(card.model_copy(update=update))
    return cards
