"""A missing official part costs its structure rule's points once: the content rules about that
part (`applies: {has_part: N}`) are not_applicable, not a second deduction for the same cause."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from rules_build import GOOD_PARTS, sub

from gxaudit.model import Loc, Paragraph
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.context import CheckContext
from gxaudit.rules.schema import Applies
from gxaudit.scoring import scorecard

CTX = CheckContext()


@pytest.fixture(scope="module")
def packs():
    return load_packs(["annual-report-2021", "annual-report-2019"])


def _outcomes(s, packs):
    return {f.rule_id: f for f in evaluate(s, packs, CTX)}


def _lost(s, packs) -> dict[str, float]:
    """Points lost per group of the 2021 pack, beyond what the clean GOOD_PARTS report loses."""
    def lost(x):
        card = scorecard("青山县农业农村局", [x], evaluate(x, packs, CTX), packs)
        return {g.id: g.deducted for g in card.groups if g.pack == "annual-report-2021"}
    mine, clean = lost(s), lost(sub(GOOD_PARTS))
    return {k: mine[k] - clean.get(k, 0) for k in mine}


def test_missing_part_six_deducts_once_in_structure_not_again_for_the_fee_statement(packs):
    s = sub({k: v for k, v in GOOD_PARTS.items() if k != 6})
    got = _outcomes(s, packs)
    assert got["AR21-S06"].outcome == "fail"
    c02 = got["AR21-C02"]
    assert c02.outcome == "not_applicable"
    assert "第六部分" in c02.message and "AR21-S06" in c02.message and "不重复扣分" in c02.message
    lost = _lost(s, packs)
    assert lost["structure"] == 5 and lost["content"] == 0


def test_part_six_without_a_fee_statement_still_deducts_in_content(packs):
    s = sub({**GOOD_PARTS, 6: "本年度无其他需要报告的事项。"})
    got = _outcomes(s, packs)
    assert got["AR21-S06"].outcome == "pass"
    assert got["AR21-C02"].outcome == "fail"
    assert got["AR21-C02"].evidence[0].file == "a.txt"
    lost = _lost(s, packs)
    assert lost["structure"] == 0 and lost["content"] == 4


def test_clean_report_runs_every_part_rule(packs):
    got = _outcomes(sub(GOOD_PARTS), packs)
    for rid in ("AR21-S08", "AR21-C01", "AR21-C02", "AR21-C03", "AR21-H03"):
        assert got[rid].outcome != "not_applicable", rid
    assert got["AR21-C02"].outcome == "pass"


def test_missing_part_five_leaves_its_content_rules_to_s05(packs):
    s = sub({k: v for k, v in GOOD_PARTS.items() if k != 5})
    got = _outcomes(s, packs)
    assert got["AR21-S05"].outcome == "fail"
    for rid in ("AR21-C01", "AR21-C03", "AR21-H03"):
        assert got[rid].outcome == "not_applicable", rid
        assert "AR21-S05" in got[rid].message
    s19 = sub({k: v for k, v in GOOD_PARTS.items() if k != 5}, doc_type="annual_report_2019", year=2020)
    got = _outcomes(s19, packs)
    assert got["AR19-S05"].outcome == "fail"
    assert {got[r].outcome for r in ("AR19-C01", "AR19-C02", "AR19-H03")} == {"not_applicable"}


def test_a_part_found_by_its_heading_line_counts_as_present(packs):
    """A flattened page: no section for 六, only its heading line; S06 passes, so C02 must run."""
    s = sub({k: v for k, v in GOOD_PARTS.items() if k != 6})
    s.paragraphs.append(Paragraph(text="六、其他需要报告的事项", loc=Loc(file="a.txt", line=90)))
    got = _outcomes(s, packs)
    assert got["AR21-S06"].outcome == "pass"
    assert got["AR21-C02"].outcome != "not_applicable"


def test_has_part_schema_accepts_one_or_a_list_and_refuses_nonsense():
    assert Applies.model_validate({"has_part": 6}).has_part == [6]
    assert Applies.model_validate({"has_part": [1, 5]}).has_part == [1, 5]
    for bad in (0, 10, "六", True):
        with pytest.raises(ValidationError):
            Applies.model_validate({"has_part": bad})


def test_every_shipped_rule_on_a_part_defers_to_the_structure_rule_of_that_part():
    """The invariant behind has_part: no shipped pack can deduct twice for one missing part."""
    missing = []
    for p in load_packs(None):
        structure = p.part_rules()
        for _, r in p.rules():
            part = r.with_.get("part")
            if r.check in ("section_present", "section_order") or part not in structure:
                continue
            if part not in (r.applies.has_part or []):
                missing.append(f"{p.pack}:{r.id}（第{part}部分）")
    assert not missing, "缺少 applies: {has_part: N}：" + "、".join(missing)
