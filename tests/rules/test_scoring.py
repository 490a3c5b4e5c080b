"""Scoring mechanics on hand-written findings: caps, floors, vetoes, bonus, weights, statuses."""

from __future__ import annotations

from rules_build import GOOD_PARTS, sub

from gxaudit.model import Finding, ReadFailure
from gxaudit.rules.schema import RulePack
from gxaudit.scoring import scorecard


def rule(rid: str, **kw) -> dict:
    return {"id": rid, "title": f"{rid} 标题", "check": "section_present", "with": {"part": 1},
            "basis": "依据", "fix": "整改", **kw}


def pack(groups: list[tuple[str, float, list[dict]]], pid: str = "p", **kw) -> RulePack:
    return RulePack.model_validate({
        "pack": pid, "title": "包", "version": "1", "basis": "依据", "grades": {"优秀": 90, "良好": 80, "合格": 60},
        "groups": [{"id": g, "title": f"{g}组", "points": pts, "rules": rules} for g, pts, rules in groups], **kw})


def fnd(p: RulePack, rid: str, outcome: str = "fail", count: int = 1) -> Finding:
    group = next(g.id for g, r in p.rules() if r.id == rid)
    return Finding(rule_id=rid, pack=p.pack, group=group, title=rid, outcome=outcome, message="", count=count)


def card(p, findings, **kw):
    return scorecard("青山县农业农村局", [sub(GOOD_PARTS)], findings, p if isinstance(p, list) else [p], **kw)


def test_fixed_and_per_occurrence_with_cap():
    p = pack([("a", 30, [rule("A1", deduct=5), rule("A2", per=1, cap=4)]), ("b", 70, [rule("B1", deduct=10)])])
    c = card(p, [fnd(p, "A1"), fnd(p, "A2", count=9), fnd(p, "B1", "pass")])
    assert c.total == 91 and c.grade == "优秀"
    lost = {f.rule_id: f.deduction for f in c.findings}
    assert lost == {"A1": 5, "A2": 4}
    assert c.passed == 1 and [g.score for g in c.groups] == [21, 70]


def test_group_never_below_zero_and_deductions_add_up():
    p = pack([("a", 10, [rule("A1", deduct=8), rule("A2", deduct=6)]), ("b", 90, [rule("B1", deduct=1)])])
    c = card(p, [fnd(p, "A1"), fnd(p, "A2"), fnd(p, "B1", "pass")])
    a = next(g for g in c.groups if g.id == "a")
    assert (a.deducted, a.score) == (10, 0)
    assert sorted(f.deduction for f in c.findings) == [2, 8]
    assert next(f for f in c.findings if f.rule_id == "A2").data["nominal_deduction"] == 6
    assert c.total == 90


def test_veto_caps_total_or_forces_grade():
    p = pack([("a", 100, [rule("A1", deduct=1, veto={"cap_total": 59}), rule("A2", deduct=1)])])
    c = card(p, [fnd(p, "A1"), fnd(p, "A2", "pass")])
    assert c.total == 59 and c.veto and c.grade == "不合格"
    assert c.findings[0].veto
    p2 = pack([("a", 100, [rule("A1", veto={"grade": "不合格"})])])
    c2 = card(p2, [fnd(p2, "A1")])
    assert c2.total == 100 and c2.grade == "不合格" and c2.veto


def test_bonus_capped_and_experimental_and_info_weigh_nothing():
    p = pack([("a", 100, [rule("A1", bonus=3), rule("A2", bonus=4), rule("A3", deduct=5, experimental=True),
                          rule("A4", severity="info"), rule("A5", deduct=2, severity="info")])], bonus_cap=5)
    c = card(p, [fnd(p, "A1", "pass"), fnd(p, "A2", "pass"), fnd(p, "A3"), fnd(p, "A4"), fnd(p, "A5")])
    assert c.total == 100 - 2 + 5
    assert {f.rule_id: f.deduction for f in c.findings} == {"A3": 0, "A4": 0, "A5": 2}
    p_veto = pack([("a", 100, [rule("A1", deduct=5, experimental=True, veto={"cap_total": 10})])])
    assert card(p_veto, [fnd(p_veto, "A1")]).total == 100  # an experimental veto reports only


def test_cannot_evaluate_and_not_applicable_are_counted_never_passed():
    p = pack([("a", 50, [rule("A1", deduct=5), rule("A2", deduct=5)]), ("b", 50, [rule("B1", deduct=50)])])
    c = card(p, [fnd(p, "A1", "cannot_evaluate"), fnd(p, "A2", "pass"), fnd(p, "B1", "not_applicable")])
    assert (c.passed, c.cannot_evaluate, c.not_applicable) == (1, 1, 1)
    assert [f.rule_id for f in c.findings] == ["A1"]  # listed, with no deduction
    assert [g.id for g in c.groups] == ["a"]  # group b had nothing applicable: left out of the points
    assert c.groups[0].not_evaluated == 1 and c.total == 100


def test_packs_combined_by_weight_normalised_to_applicable_points():
    p1 = pack([("a", 100, [rule("A1", deduct=50)])], pid="one")
    p2 = pack([("b", 20, [rule("B1", deduct=10)])], pid="two")
    findings = [fnd(p1, "A1"), fnd(p2, "B1")]
    assert card([p1, p2], findings).total == round(100 * (50 + 10) / 120, 2)
    assert card([p1, p2], findings, weights={"two": 5}).total == round(100 * (50 + 5 * 10) / (100 + 5 * 20), 2)
    assert card([p1, p2], findings[:1]).total == 50  # pack two not applicable: not in the sums
    assert [s.id for s in card([p1, p2], findings).packs] == ["one", "two"]


def test_several_documents_worst_outcome_wins_and_counts_add():
    p = pack([("a", 100, [rule("A1", per=2, cap=20)])])
    c = card(p, [fnd(p, "A1", "pass"), fnd(p, "A1", count=3), fnd(p, "A1", count=2)])
    assert c.findings[0].count == 5 and c.total == 90


def test_unreadable_and_not_scored():
    broken = sub(GOOD_PARTS)
    broken.failure = ReadFailure(path="a.doc", reason="corrupt", message="a.doc 无法读取：文件已损坏")
    p = pack([("a", 100, [rule("A1", deduct=5)])])
    c = scorecard("某镇", [broken], [], [p])
    assert c.status == "unreadable" and c.total == 0 and c.grade is None and "已损坏" in c.status_reason
    c2 = scorecard("某镇", [sub(GOOD_PARTS)], [], [p])
    assert c2.status == "not_scored" and c2.grade is None
