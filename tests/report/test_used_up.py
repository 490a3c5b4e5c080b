"""A finding that costs 0 because its indicator's points were already used up (扣完为止) must not
read "不扣分" (no penalty) in the circular: it says the indicator's points are gone."""

from __future__ import annotations

import docx

from gxaudit.model import Finding, Submission
from gxaudit.report import circular, circular_docx, circular_md, html
from gxaudit.report.view import cost_text, used_up
from gxaudit.rules.schema import RulePack
from gxaudit.scoring import scorecard

from .sample import finding, sample_result


def _scored(points: float, deducts: dict[str, float]) -> dict[str, Finding]:
    """Real scoring of one group with failing rules: the findings by rule id."""
    rules = [{"id": rid, "title": rid, "check": "section_present", "with": {"part": 1}, "basis": "依据",
              "fix": "整改", "deduct": d} for rid, d in deducts.items()]
    pack = RulePack.model_validate({"pack": "p", "title": "包", "version": "1", "basis": "依据",
                                    "groups": [{"id": "g", "title": "结构", "points": points, "rules": rules}]})
    found = [Finding(rule_id=rid, pack="p", group="g", title=rid, outcome="fail", message="") for rid in deducts]
    card = scorecard("青山县农业农村局", [Submission(id="a.txt", file="a.txt")], found, [pack])
    return {f.rule_id: f for f in card.findings}


def test_cost_follows_the_groups_cap_as_scoring_applies_it():
    got = _scored(10, {"A": 6, "B": 5, "C": 3})  # 6 + 4 (of 5) + 0 (of 3): the group is used up
    assert [got[r].deduction for r in "ABC"] == [6, 4, 0]
    assert cost_text(got["A"]) == "扣6分" and not used_up(got["A"])
    assert cost_text(got["B"]) == "扣4分，该项指标分值已扣完"
    assert cost_text(got["C"]) == "该项指标分值已扣完"
    clean = _scored(10, {"A": 6, "B": 3})
    assert [cost_text(clean[r]) for r in "AB"] == ["扣6分", "扣3分"]  # room left: plain costs


def test_a_rule_that_weighs_nothing_still_reads_no_penalty():
    f = finding("HY-09", "提示项", 0, severity="info")
    assert not used_up(f) and cost_text(f) == "不扣分"


def _result_with_used_up():
    result = sample_result()
    card = next(c for c in result.scorecards if c.agency == "东岭镇")
    gone = finding("AR21-C02", "未说明信息处理费收取情况", 0, group="content")
    card.findings.append(gone.model_copy(update={"data": {"nominal_deduction": 4.0}}))
    card.findings.append(finding("HY-09", "提示项", 0, group="content", severity="info"))
    return result


def test_circular_markdown_and_docx_say_used_up_not_no_penalty(tmp_path):
    data = circular.build(_result_with_used_up(), None)
    md = circular_md.render(data)
    assert "未说明信息处理费收取情况（该项指标分值已扣完）" in md
    assert "提示项（不扣分）" in md  # a real no-penalty line keeps its words
    assert "未说明信息处理费收取情况（不扣分）" not in md
    assert "扣10分，**连续未整改**" in md  # ordinary lines unchanged
    d = docx.Document(str(circular_docx.write(data, tmp_path / "c.docx")))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "未说明信息处理费收取情况（该项指标分值已扣完）。" in text
    assert "未说明信息处理费收取情况（不扣分）" not in text


def test_html_marks_the_used_up_finding_only():
    text = html.render(_result_with_used_up())
    assert text.count("该项指标分值已扣完") == 1
