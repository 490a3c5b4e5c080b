from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gxaudit.model import Finding, Scorecard
from gxaudit.ranking import group_order, peer_group_for, rank

TOWN = "乡镇（街道）"
DEPT = "县直部门"


def card(agency, total, group=TOWN, veto=0, errors=0, status="scored"):
    findings = [Finding(rule_id=f"V{i}", pack="p", group="g", title="t", outcome="fail", message="", veto=True,
                        severity="warning") for i in range(veto)]
    findings += [Finding(rule_id=f"E{i}", pack="p", group="g", title="t", outcome="fail", message="")
                 for i in range(errors)]
    return Scorecard(agency=agency, peer_group=group, total=total, findings=findings, status=status)


def test_competition_ranks_and_stable_tie_order():
    rows = rank([card("丁", 85), card("乙", 90, errors=2), card("丙", 90, errors=1), card("甲", 95),
                 card("戊", 90, veto=1)])
    assert [(r.agency, r.rank) for r in rows] == [("甲", 1), ("丙", 2), ("乙", 2), ("戊", 2), ("丁", 5)]


def test_ties_on_rounded_total_then_codepoint_order():
    rows = rank([card("b", 80.004), card("a", 79.996), card("c", 70)])
    assert [(r.agency, r.rank) for r in rows] == [("a", 1), ("b", 1), ("c", 3)]


def test_peer_groups_rank_apart_and_unranked_rows_last():
    rows = rank([card("局A", 70, DEPT), card("镇A", 60), card("坏局", 0, DEPT, status="unreadable"),
                 card("街道B", 99)], prev_ranks={(TOWN, "镇A"): 1, (DEPT, "局A"): 3},
                missing=[("未交局", DEPT)])
    assert [(r.peer_group, r.agency, r.rank, r.status) for r in rows] == [
        (TOWN, "街道B", 1, "scored"), (TOWN, "镇A", 2, "scored"),
        (DEPT, "局A", 1, "scored"), (DEPT, "坏局", None, "unreadable"), (DEPT, "未交局", None, "missing")]
    by = {r.agency: r for r in rows}
    assert (by["镇A"].prev_rank, by["镇A"].rank_change) == (1, -1)
    assert (by["局A"].prev_rank, by["局A"].rank_change) == (3, 2)
    assert by["坏局"].total is None and by["街道B"].rank_change is None


def test_peer_group_mapping():
    assert peer_group_for("乡镇") == peer_group_for("街道") == TOWN
    assert peer_group_for("县直部门") == DEPT
    assert peer_group_for(None) == "其他"
    assert peer_group_for("学校", {"学校": DEPT}) == DEPT
    assert group_order(["其他", "学校", DEPT, TOWN]) == [TOWN, DEPT, "学校", "其他"]


scores = st.lists(st.tuples(st.sampled_from([TOWN, DEPT]), st.integers(0, 20).map(lambda x: x * 5.0),
                            st.integers(0, 2), st.integers(0, 3)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(scores, st.randoms())
def test_permuting_input_changes_nothing(items, rnd):
    cards = [card(f"单位{i:02d}", t, g, v, e) for i, (g, t, v, e) in enumerate(items)]
    expected = rank(cards)
    shuffled = list(cards)
    rnd.shuffle(shuffled)
    assert rank(shuffled) == expected
    # competition ranks: rank = 1 + number of strictly better totals in the same group
    for r in expected:
        better = sum(1 for c in cards if c.peer_group == r.peer_group and c.total > r.total)
        assert r.rank == 1 + better
