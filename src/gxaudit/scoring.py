"""Findings to points: one agency's Scorecard for one period.

The model (team brief, and the real sheets in shared/domain/research.md §7):
- a failed rule deducts `deduct` once, or `per` × occurrences up to `cap`; a group never goes
  below 0 (扣完为止). Experimental rules and rules without a deduction weigh 0;
- a failed veto rule caps the total (`cap_total`) or forces a grade (`grade: 不合格`);
- a passed bonus rule adds `bonus`, up to the pack's `bonus_cap`;
- several packs (and several documents of one agency) combine as
  total = 100 × Σ w·(earned + bonus) / Σ w·points, over applicable groups only: a group whose
  every rule is not applicable leaves both sums (the "normalised to applicable points" formula);
- cannot_evaluate costs nothing and is never a pass: it is counted and listed.

Each failed finding carries the points it actually cost: deductions are attributed largest
first until the group's points are used up, so they add up to what the group lost.

Unreadable agencies (every submission failed to read) get status "unreadable", total 0 and no
grade; rankings put them last. Agencies with no applicable pack get status "not_scored".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gxaudit.model import Finding, GroupScore, Scorecard, Submission

_RANK = {"fail": 0, "cannot_evaluate": 1, "pass": 2, "not_applicable": 3}
PEER_GROUPS = {"乡镇": "乡镇（街道）", "街道": "乡镇（街道）", "县直部门": "县直部门"}


def merge(findings: Iterable[Finding]) -> dict[tuple[str, str], Finding]:
    """One finding per (pack, rule) over all documents: worst outcome wins, fail counts add up."""
    out: dict[tuple[str, str], Finding] = {}
    for f in sorted(findings, key=_order):
        key = (f.pack, f.rule_id)
        old = out.get(key)
        if old is None or _RANK[f.outcome] < _RANK[old.outcome]:
            out[key] = f.model_copy(deep=True)
        elif f.outcome == old.outcome == "fail":
            old.count += f.count
            old.evidence += f.evidence
            if f.message and f.message not in old.message:
                old.message = f"{old.message}；{f.message}"
    return out


def _order(f: Finding) -> tuple:
    """Input order must not matter: merge in a fixed order of documents."""
    return (f.pack, f.rule_id, _RANK[f.outcome], tuple(e.file for e in f.evidence), f.message, f.count)


def _deduction(rule, count: int) -> float:
    if not rule.weighs():
        return 0.0
    if rule.deduct is not None:
        return float(rule.deduct)
    return rule.per * count if rule.cap is None else min(rule.per * count, rule.cap)


def _grade(total: float, grades: dict[str, float]) -> str | None:
    if not grades:
        return None
    for name, floor in sorted(grades.items(), key=lambda kv: -kv[1]):
        if total >= floor:
            return name
    return "不合格"


def scorecard(agency: str, subs: list[Submission], findings: list[Finding], packs,
              weights: dict[str, float] | None = None, peer_group: str | None = None) -> Scorecard:
    readable = sorted((s for s in subs if s.failure is None), key=lambda s: s.id)
    kind = next((s.agency_kind.value for s in readable or subs if s.agency_kind.value), None)
    periods = Counter(str(s.period.value) for s in readable if s.period.value)
    card = Scorecard(
        agency=agency, submission_ids=sorted(s.id for s in subs), files=sorted({s.file for s in subs}),
        agency_kind=kind, peer_group=peer_group or PEER_GROUPS.get(kind or "", kind or "其他"),
        period=min(periods, key=lambda p: (-periods[p], p)) if periods else None,
        doc_type=next((s.doc_type.value for s in readable if s.doc_type.value), None),
    )
    if subs and not readable:
        reasons = "；".join(s.failure.message for s in subs if s.failure)
        return card.model_copy(update={"status": "unreadable", "status_reason": f"无法读取：{reasons}"})
    merged = merge(findings)
    used = [p for p in packs if any(k[0] == p.pack for k in merged)]
    if not used:
        return card.model_copy(update={"status": "not_scored", "status_reason": "没有适用于所提交文件的规则包"})
    weights = weights or {}
    earned_w = points_w = 0.0
    groups: list[GroupScore] = []
    shown: list[Finding] = []
    vetoes: list = []
    for pack in sorted(used, key=lambda p: p.pack):
        w = float(weights.get(pack.pack, pack.weight))
        earned, points, pack_bonus = 0.0, 0.0, 0.0
        for group in pack.groups:
            rows = [(r, merged[(pack.pack, r.id)]) for r in group.rules if (pack.pack, r.id) in merged]
            if not rows or all(f.outcome == "not_applicable" for _, f in rows):
                continue
            lost = _group(group, rows)
            bonus = sum(r.bonus for r, f in rows if f.outcome == "pass" and r.bonus and not r.experimental)
            pack_bonus += bonus
            vetoes += [(r, f) for r, f in rows if f.outcome == "fail" and r.veto and not r.experimental]
            not_eval = sum(1 for _, f in rows if f.outcome == "cannot_evaluate")
            groups.append(GroupScore(id=group.id, title=group.title, points=group.points, deducted=lost,
                                     score=group.points - lost, bonus=bonus, not_evaluated=not_eval,
                                     pack=pack.pack, weight=w))
            earned += group.points - lost
            points += group.points
            shown += [f for r, f in rows if r.weighs() or r.veto or not r.bonus]  # a missed bonus is no fault
        earned_w += w * (earned + min(pack_bonus, pack.bonus_cap))
        points_w += w * points
    total = 100.0 * earned_w / points_w if points_w > 0 else 0.0
    grade_pack = max(used, key=lambda p: (float(weights.get(p.pack, p.weight)) * p.total_points, p.pack))
    for rule, f in vetoes:
        f.veto = True
        if rule.veto.cap_total is not None:
            total = min(total, rule.veto.cap_total)
    total = round(max(total, 0.0), 2)
    grade = _grade(total, grade_pack.grades)
    forced = [r.veto.grade for r, _ in vetoes if r.veto.grade]
    if forced:
        grade = min(forced)
    counts = Counter(f.outcome for f in merged.values())
    listed = sorted((f for f in shown if f.outcome in ("fail", "cannot_evaluate")),
                    key=lambda f: (f.pack, f.group, f.rule_id))
    return card.model_copy(update={
        "packs": [p.stamp() for p in sorted(used, key=lambda p: p.pack)],
        "groups": sorted(groups, key=lambda g: (g.pack, g.id)),
        "total": total, "grade": grade, "veto": bool(vetoes), "findings": listed,
        "passed": counts["pass"], "not_applicable": counts["not_applicable"],
        "cannot_evaluate": counts["cannot_evaluate"],
    })


def _group(group, rows) -> float:
    """Points the group lost (≤ its points); sets each failed finding's actual deduction."""
    left = group.points
    fails = sorted(((r, f) for r, f in rows if f.outcome == "fail"),
                   key=lambda rf: (-_deduction(rf[0], rf[1].count), rf[0].id))
    for r, f in fails:
        nominal = _deduction(r, f.count)
        f.deduction = round(min(nominal, left), 4)
        if f.deduction < nominal:
            f.data = {**f.data, "nominal_deduction": nominal}
        left -= f.deduction
    return round(group.points - left, 4)
