"""Property tests: score bounds, monotonicity in parts, order independence, identity coverage."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules_build import APP_COLS, APP_ROWS, GOOD_PARTS, balanced_applications, sub, table

from gxaudit.model import Finding
from gxaudit.rules import evaluate
from gxaudit.rules.context import CheckContext
from gxaudit.rules.loader import load_pack_file
from gxaudit.rules.schema import RulePack
from gxaudit.scoring import scorecard

PACK_FILE = Path(__file__).parent / "packs" / "identities.yaml"
PACK = load_pack_file(PACK_FILE)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ score bounds


@st.composite
def pack_and_findings(draw):
    groups = []
    for gi in range(draw(st.integers(1, 4))):
        points = draw(st.integers(1, 40))
        rules = []
        for ri in range(draw(st.integers(1, 5))):
            rule = {"id": f"R{gi}-{ri}", "title": "t", "check": "section_present", "with": {"part": 1},
                    "basis": "b", "fix": "f", "experimental": draw(st.booleans()),
                    "severity": draw(st.sampled_from(["error", "warning", "info"]))}
            how = draw(st.sampled_from(["deduct", "per", "none", "bonus"]))
            if how == "deduct":
                rule["deduct"] = draw(st.integers(0, points))
            elif how == "per":
                rule["per"] = draw(st.integers(1, points))
                if draw(st.booleans()):
                    rule["cap"] = draw(st.integers(1, points))
            elif how == "bonus":
                rule["bonus"] = draw(st.integers(1, 5))
            if draw(st.integers(0, 5)) == 0:
                rule["veto"] = draw(st.sampled_from([{"cap_total": 59}, {"grade": "不合格"}]))
            rules.append(rule)
        groups.append({"id": f"g{gi}", "title": "组", "points": points, "rules": rules})
    pack = RulePack.model_validate({"pack": "p", "title": "t", "version": "1", "basis": "b",
                                    "grades": {"优秀": 90, "合格": 60}, "bonus_cap": draw(st.integers(0, 10)),
                                    "groups": groups})
    findings = [Finding(rule_id=r.id, pack="p", group=g.id, title=r.title, message="",
                        outcome=draw(st.sampled_from(["fail", "pass", "not_applicable", "cannot_evaluate"])),
                        count=draw(st.integers(1, 30)))
                for g, r in pack.rules()]
    return pack, findings


@FAST
@given(pack_and_findings())
def test_total_within_pack_points(data):
    pack, findings = data
    card = scorecard("单位", [sub(GOOD_PARTS)], findings, [pack])
    applicable = sum(g.points for g in card.groups)
    ceiling = 100.0 * (applicable + pack.bonus_cap) / applicable if applicable else 100.0
    assert 0.0 <= card.total <= ceiling + 0.005  # total is rounded to 2 decimals
    for g in card.groups:
        assert 0.0 <= g.score <= g.points and g.deducted <= g.points
        lost = sum(f.deduction for f in card.findings if f.group == g.id)
        assert abs(lost - g.deducted) < 1e-6  # every point lost is on a finding
    if pack.bonus_cap == 0:
        assert card.total <= 100.0


# ------------------------------------------------------------------ adding a part never lowers a score

PART_TEXT = st.sampled_from([
    None,  # use GOOD_PARTS
    "一是认识有待进一步提高；二是培训不足；三是工作不够到位，还需加强。",
    "2025年共处理申请4件，均按期答复。",
    "本年度未收取信息处理费。",
])


def _score(parts) -> float:
    s = sub(parts, tables={"applications": table("applications", balanced_applications())})
    return scorecard("单位", [s], evaluate(s, [PACK], CheckContext()), [PACK]).total


@FAST
@given(st.sets(st.integers(1, 6), max_size=5), st.integers(1, 6), st.lists(PART_TEXT, min_size=6, max_size=6))
def test_adding_a_missing_part_never_lowers_the_score(present, added, texts):
    body = {p: texts[p - 1] or GOOD_PARTS[p] for p in range(1, 7)}
    present = {p for p in present if p != added}
    before = _score({p: body[p] for p in present})
    after = _score({p: body[p] for p in present | {added}})
    assert after >= before


# ------------------------------------------------------------------ order independence


def _permuted(pack: RulePack, rnd: random.Random) -> RulePack:
    data = pack.dump()
    rnd.shuffle(data["groups"])
    for g in data["groups"]:
        rnd.shuffle(g["rules"])
    from gxaudit.rules.loader import compile_params

    p = RulePack.model_validate(data)
    p._sha256, p._path = pack._sha256, pack._path
    for _, r in p.rules():
        r._params = compile_params(r.check, r.with_)
    return p


@FAST
@given(st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_rule_or_file_order(rnd):
    vals = balanced_applications()
    vals["handled_total"]["natural"] += 1
    parts = {k: v for k, v in GOOD_PARTS.items() if k != 4}
    a = sub(parts, file="a.txt", tables={"applications": table("applications", vals)})
    b = sub(GOOD_PARTS, file="b.txt", sid="b.txt")
    first = [evaluate(s, [PACK], CheckContext()) for s in (a, b)]
    shuffled = _permuted(PACK, rnd)
    again = [evaluate(s, [shuffled], CheckContext()) for s in (a, b)]
    assert first == again
    flat = [f for fs in first for f in fs]
    card = scorecard("单位", [a, b], flat, [PACK])
    subs, mixed = [b, a], list(flat)
    rnd.shuffle(mixed)
    assert scorecard("单位", subs, mixed, [shuffled]).model_dump() == card.model_dump()


# ------------------------------------------------------------------ identities: exactly the ones a cell is in

IDENTITY_RULES = {"TI-D01", "TI-D02", "TI-D03"}
BALANCE_ROWS = {"new", "carried_in", "handled_total", "carried_out"}
RESULT_ROWS = set(APP_ROWS) - {"new", "carried_in", "carried_out"}


def expected_identities(row: str) -> set[str]:
    out = {"TI-D03"}  # every cell is in its row's total identity
    if row in BALANCE_ROWS:
        out.add("TI-D01")
    if row in RESULT_ROWS:
        out.add("TI-D02")
    return out


seeds = st.dictionaries(
    st.sampled_from([r for r in APP_ROWS if r not in ("new", "handled_total")]),
    st.dictionaries(st.sampled_from([c for c in APP_COLS if c != "total"]), st.integers(0, 50), max_size=3),
    max_size=6,
)


@FAST
@given(seeds, st.sampled_from(APP_ROWS), st.sampled_from(APP_COLS), st.integers(1, 9), st.booleans())
def test_identities_fire_exactly_where_a_cell_takes_part(seed, row, col, delta, negative):
    vals = balanced_applications(seed)
    clean = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    fails = {f.rule_id for f in evaluate(clean, [PACK], CheckContext()) if f.outcome == "fail"}
    assert not fails & IDENTITY_RULES
    vals[row][col] += -delta if negative else delta
    broken = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    found = {f.rule_id: f for f in evaluate(broken, [PACK], CheckContext()) if f.outcome == "fail"}
    assert set(found) & IDENTITY_RULES == expected_identities(row)
    for rid, f in found.items():
        if rid in ("TI-D01", "TI-D02"):
            assert f.count == 1 and f.data["failing"] == [col] and f.evidence[0].col == col
        if rid == "TI-D03":
            assert f.count == 1 and f.data["failing"] == [row] and f.evidence[0].row == row
