"""What a reader checks by hand in the HTML report: the total follows from the group scores
shown, and a group whose rules could not be run says so instead of looking fully earned."""

from __future__ import annotations

import re

from report.sample import sample_result

from gxaudit.report import html
from gxaudit.report.view import total_note


def _consistent(result):
    """The hand-built sample's totals are free-standing; make them what scoring would give."""
    for card in result.scorecards:
        if card.status == "scored" and not card.veto:
            card.total = round(100 * sum(g.score for g in card.groups) / sum(g.points for g in card.groups), 2)
    return result


def test_total_note_restates_the_division_behind_each_total():
    result = _consistent(sample_result())
    for card in (c for c in result.scorecards if c.status == "scored"):
        note = total_note(card)
        m = re.search(r"实得 ([\d.]+) 分 ÷ 满分 ([\d.]+) 分 × 100 = ([\d.]+)", note)
        assert m, note
        earned, points, shown = map(float, m.groups())
        assert earned == sum(g.score for g in card.groups) and points == sum(g.points for g in card.groups)
        if not card.veto:
            assert abs(shown - card.total) < 0.051, (note, card.total)


def test_bonus_and_veto_are_named_and_an_unexplained_total_gets_no_formula():
    card = next(c for c in _consistent(sample_result()).scorecards if c.status == "scored")
    card.total += 3
    assert "加分 3.0" in total_note(card)
    card.total -= 20
    assert total_note(card) == ""
    card.veto = True
    assert f"封顶为 {card.total:.1f}" in total_note(card)


def test_report_html_carries_the_note_and_unchecked_groups():
    result = _consistent(sample_result())
    card = next(c for c in result.scorecards if c.status == "scored")
    card.groups[0].not_evaluated = 2
    text = html.render(result)
    assert total_note(card) in text
    assert "2 项无法评估" in text


def test_no_note_for_an_unreadable_agency():
    result = sample_result()
    for card in result.scorecards:
        if card.status != "scored":
            assert total_note(card) == ""


def test_circular_says_scores_are_normalised():
    """Deductions listed per agency add up to more than 100 − score; the circular says why."""
    from gxaudit.report import circular, circular_md

    text = circular_md.render(circular.build(_consistent(sample_result()), None))
    assert "折算的百分制" in text


def test_resubmission_demand_only_when_someone_must_resubmit():
    from gxaudit.report import circular

    result = _consistent(sample_result())  # has an unreadable and a missing agency
    assert any("重新报送" in p for p in circular.build(result, None).rectify)
    result.ranking = [r for r in result.ranking if r.status == "scored"]
    result.scorecards = [c for c in result.scorecards if c.status == "scored"]
    rectify = circular.build(result, None).rectify
    assert rectify and not any("重新报送" in p for p in rectify)


def test_circular_headings_keep_with_what_follows(tmp_path):
    """Printed circular: a heading or an agency's name never sits alone at the foot of a page."""
    import docx

    from gxaudit.report import circular, circular_docx

    data = circular.build(_consistent(sample_result()), None)
    doc = docx.Document(str(circular_docx.write(data, tmp_path / "c.docx")))
    paras = {p.text: p for p in doc.paragraphs if p.text}
    for heading in ("二、排名情况", "五、各单位存在的问题", "（一）乡镇（街道）"):
        assert paras[heading].paragraph_format.keep_with_next, heading
    named = next(p for t, p in paras.items() if t.startswith("南山乡"))
    assert named.paragraph_format.keep_with_next


def test_missing_last_year_says_how_to_get_it_checked():
    from report.sample import finding

    from gxaudit.rules.checks.consistency_with_previous import no_history_message

    result = _consistent(sample_result())
    card = next(c for c in result.scorecards if c.status == "scored")
    f = finding("AR21-H01", "本年“上年结转”等于上年报告“结转下年度继续办理”", 0,
                outcome="cannot_evaluate", message=no_history_message(2024))
    card.findings.append(f.model_copy(update={"data": {"no_history": True, "previous_year": 2024}}))
    card.cannot_evaluate += 1
    text = html.render(result)
    assert "未找到本单位2024年度报告的数据，无法核对" in text  # the year, in the 无法评估 table
    assert "gxaudit score --period 2024" in text
    assert "上一年度的年度报告放进同一文件夹" in text
    assert text.count("上一年度的年度报告放进同一文件夹") == 1  # only the agency that lacks it
