"""Each check kind on hand-built Submissions: a planted defect fails with the right evidence,
the clean submission passes."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError
from rules_build import GOOD_PARTS, balanced_applications, sub, table

from gxaudit.model import Sourced
from gxaudit.rules.checks import KINDS, get
from gxaudit.rules.context import CheckContext

CTX = CheckContext()


def run(kind: str, s, ctx: CheckContext = CTX, **params):
    mod = get(kind)
    results = mod.run(s, mod.Params.model_validate(params), ctx)
    assert len(results) == 1
    return results[0]


def test_every_kind_has_params_run_and_examples():
    for kind in KINDS:
        mod = get(kind)
        assert hasattr(mod, "Params") and callable(mod.run), kind
        doc = mod.__doc__ or ""
        assert "Good" in doc and "Bad" in doc, f"{kind}: docstring needs a good and a bad example"


def test_section_present():
    assert run("section_present", sub(GOOD_PARTS), part=6).outcome == "pass"
    missing = {k: v for k, v in GOOD_PARTS.items() if k != 6}
    r = run("section_present", sub(missing), part=6)
    assert r.outcome == "fail" and "其他需要报告的事项" in r.message
    # tolerant: heading with spaces inside, found from a short paragraph when no section was built
    s = sub(extra=["六、其 他 需 要 报 告 的 事 项", "无"])
    assert run("section_present", s, part=6).outcome == "pass"
    assert run("section_present", sub(GOOD_PARTS), heading=["存在的主要问题"]).outcome == "pass"


def test_section_present_ignores_a_subheading_that_shares_words():
    from gxaudit.model import Loc, Section

    s = sub({k: v for k, v in GOOD_PARTS.items() if k != 3})
    s.sections.insert(1, Section(number="（二）", title="依申请公开", level=2, loc=Loc(file="a.txt", line=3)))
    s.paragraphs.append(s.paragraphs[0].model_copy(update={"text": "（二）依申请公开"}))
    assert run("section_present", s, part=3).outcome == "fail"


def test_section_order():
    assert run("section_order", sub(GOOD_PARTS)).outcome == "pass"
    s = sub(GOOD_PARTS)
    s.sections[2], s.sections[4] = s.sections[4], s.sections[2]
    r = run("section_order", s)
    assert r.outcome == "fail" and "之前" in r.message
    assert run("section_order", sub({1: "x"})).outcome == "cannot_evaluate"


def test_section_substance():
    assert run("section_substance", sub(GOOD_PARTS), part=5).outcome == "pass"
    stock = {**GOOD_PARTS, 5: "一是认识有待进一步提高；二是业务培训不足；三是工作不够到位，还需加强。"
                                    "四是公开质量有待进一步提升，信息发布的及时性和全面性还需加强。"}
    r = run("section_substance", sub(stock), part=5)
    assert r.outcome == "fail" and "套话" in r.message and "具体数字" in r.message
    assert r.evidence and r.evidence[0].line is not None
    missing = {k: v for k, v in GOOD_PARTS.items() if k != 5}
    assert run("section_substance", sub(missing), part=5).outcome == "fail"
    custom = run("section_substance", sub(stock), part=5, stock_phrases=["与本单位无关的词"], min_chars=10,
                 require_specifics=False)
    assert custom.outcome == "pass"


def test_table_present():
    full = table("applications", balanced_applications())
    assert run("table_present", sub(GOOD_PARTS, tables={"applications": full}), table="applications").outcome == "pass"
    r = run("table_present", sub(GOOD_PARTS), table="applications")
    assert r.outcome == "fail" and "未找到" in r.message
    blank = table("applications", {"new": {"total": None, "natural": None}})
    r = run("table_present", sub(GOOD_PARTS, tables={"applications": blank}), table="applications")
    assert r.outcome == "fail" and "表格未填写" in r.message
    lost = blank.model_copy(update={"cells": {}, "unplaced": ["一、本年新收政府信息公开申请数量：有1个数值，表头有7列，无法确定对应关系"]})
    for partial in (False, True):  # numbers the extractor could not put on columns: not "未填写"
        r = run("table_present", sub(GOOD_PARTS, tables={"applications": lost}), table="applications",
                fail_on_partial=partial)
        assert r.outcome == "cannot_evaluate" and "无法对应到列" in r.message


BALANCE = "new + carried_in == handled_total + carried_out"
RESULTS = ("handled_total == granted + partial + sum(refused_*) + sum(unavailable_*)"
           " + sum(not_processed_*) + sum(other_*)")


def test_table_formula_pass_and_one_result_per_table():
    vals = balanced_applications()
    s = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    assert run("table_formula", s, table="applications", expect=BALANCE).outcome == "pass"
    assert run("table_formula", s, table="applications", expect=RESULTS).outcome == "pass"
    assert run("table_formula", s, table="applications", for_each="row",
               expect="total == natural + commercial + research + nonprofit + legal + other_org").outcome == "pass"
    vals["handled_total"]["natural"] += 2
    vals["handled_total"]["total"] += 2
    s = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    r = run("table_formula", s, table="applications", expect=BALANCE)
    assert r.outcome == "fail" and r.count == 2  # natural and total columns, one result
    ev = r.evidence[0]
    assert (ev.table, ev.col, ev.row) == ("applications", "natural", None)
    assert ev.printed is not None and ev.computed == ev.printed + 2 and ev.line is not None
    r = run("table_formula", s, table="applications", expect=RESULTS, columns=["natural"])
    assert r.outcome == "fail" and r.count == 1 and r.evidence[0].row == "handled_total"
    assert r.evidence[0].printed == r.evidence[0].computed + 2


def test_table_formula_null_and_tolerance():
    vals = balanced_applications()
    vals["carried_out"]["natural"] = None
    s = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    skip = run("table_formula", s, table="applications", expect=BALANCE, columns=["natural"])
    assert skip.outcome == "cannot_evaluate"
    zero = run("table_formula", s, table="applications", expect=BALANCE, columns=["natural"], null="zero")
    assert zero.outcome == "fail"
    near = balanced_applications()
    near["new"]["total"] += 0.004
    s = sub(GOOD_PARTS, tables={"applications": table("applications", near)})
    assert run("table_formula", s, table="applications", expect=BALANCE, tolerance=0.01).outcome == "pass"
    assert run("table_formula", s, table="applications", expect=BALANCE).outcome == "fail"
    assert run("table_formula", sub(GOOD_PARTS), table="applications", expect=BALANCE).outcome == "cannot_evaluate"


def test_table_formula_params_checked_at_load():
    with pytest.raises(ValidationError, match="未知名称“carried”"):
        get("table_formula").Params.model_validate({"table": "applications", "expect": "new + carried == 1"})
    with pytest.raises(ValidationError, match="未知的键"):
        get("table_formula").Params.model_validate({"table": "applications", "expect": BALANCE, "columns": ["tot"]})


def test_pattern_absent_counts_every_hit():
    s = sub({**GOOD_PARTS, 1: "20xx年，xx镇认真贯彻落实。\n全年公开信息XX条。"})
    r = run("pattern_absent", s, patterns=[r"20[xX]{2}", r"(?<![A-Za-z])[xX]{2}(?![A-Za-z])"])
    assert r.outcome == "fail" and r.count == 3
    assert {e.line for e in r.evidence} == {2, 3} and all(e.quote for e in r.evidence)
    assert run("pattern_absent", sub(GOOD_PARTS), patterns=[r"20[xX]{2}"]).outcome == "pass"
    with pytest.raises(ValidationError, match="正则表达式"):
        get("pattern_absent").Params.model_validate({"patterns": ["20(xx"]})


def test_pattern_present_any_all_and_scope():
    s = sub({**GOOD_PARTS, 1: "成立了以局长为组长的政务公开工作领导小组。"})
    assert run("pattern_present", s, phrases=["领导小组"]).outcome == "pass"
    r = run("pattern_present", s, phrases=["领导小组", "保密审查"], mode="all")
    assert r.outcome == "fail" and "保密审查" in r.message
    assert run("pattern_present", s, phrases=["领导小组"], part=6).outcome == "fail"
    assert run("pattern_present", s, phrases=["信息处理费"], part=6).outcome == "pass"


def test_number_at_least_cell_and_text():
    vals = balanced_applications()
    s = sub(GOOD_PARTS, tables={"applications": table("applications", vals)})
    assert run("number_at_least", s, cell="applications.new.total", min=1).outcome == "pass"
    r = run("number_at_least", s, cell="applications.new.total", min=100)
    assert r.outcome == "fail" and r.evidence[0].printed == vals["new"]["total"]
    assert run("number_at_least", sub(GOOD_PARTS), cell="applications.new.total", min=1).outcome == "cannot_evaluate"
    assert run("number_at_least", s, near=["主动公开政府信息"], min=20).outcome == "pass"
    r = run("number_at_least", s, near=["主动公开政府信息"], min=300)
    assert r.outcome == "fail" and "286" in r.message
    cn = sub({1: "本月公开信息十二条。"})
    assert run("number_at_least", cn, near=["公开信息"], min=12).outcome == "pass"


DEADLINES = {"县直部门": "date(year+1, 1, 31)", "县级政府": "date(year+1, 3, 31)", "default": "date(year+1, 1, 31)"}


def test_deadline():
    on_time = sub(GOOD_PARTS, published=dt.date(2026, 1, 20))
    assert run("deadline", on_time, deadlines=DEADLINES).outcome == "pass"
    late = sub(GOOD_PARTS, published=dt.date(2026, 2, 10))
    r = run("deadline", late, deadlines=DEADLINES)
    assert r.outcome == "fail" and r.data["days_late"] == 10 and "逾期 10 天" in r.message
    gov = sub(GOOD_PARTS, published=dt.date(2026, 2, 10), kind="县级政府")
    assert run("deadline", gov, deadlines=DEADLINES).outcome == "pass"
    assert run("deadline", sub(GOOD_PARTS), deadlines=DEADLINES).outcome == "cannot_evaluate"
    town = sub(GOOD_PARTS, published=dt.date(2026, 2, 10), kind="乡镇")
    assert run("deadline", town, deadlines={"县直部门": "date(year+1, 1, 31)"}).outcome == "not_applicable"
    with pytest.raises(ValidationError, match="单位类型"):
        get("deadline").Params.model_validate({"deadlines": {"乡村": "date(year+1, 1, 31)"}})


def test_consistency_with_previous():
    prev_vals = balanced_applications()
    prev = sub(GOOD_PARTS, file="prev.txt", year=2024, tables={"applications": table("applications", prev_vals)})
    cur_vals = balanced_applications({"carried_in": {"natural": 1}, "carried_out": {"natural": 0},
                                      "granted": {"natural": 3}})
    cur = sub(GOOD_PARTS, tables={"applications": table("applications", cur_vals)})
    params = {"table": "applications", "expect": "carried_in == prev.carried_out"}
    ok = run("consistency_with_previous", cur, CheckContext(previous=prev, history_available=True), **params)
    assert ok.outcome == "pass"
    cur_vals["carried_in"]["natural"] = 0
    cur_vals["carried_in"]["total"] = 0
    cur = sub(GOOD_PARTS, tables={"applications": table("applications", cur_vals)})
    r = run("consistency_with_previous", cur, CheckContext(previous=prev, history_available=True), **params)
    assert r.outcome == "fail" and r.count == 2 and r.evidence[0].printed == 0 and r.evidence[0].computed == 1
    none = run("consistency_with_previous", cur, CheckContext(), **params)
    assert none.outcome == "cannot_evaluate" and none.data == {"no_history": True, "previous_year": 2024}
    assert none.message == "未找到本单位2024年度报告的数据，无法核对；请将上一年度报告一并放入评分目录，或先对上一年度评分写入历史库"
    undated = cur.model_copy(update={"report_year": Sourced(), "period": Sourced()})
    assert run("consistency_with_previous", undated, CheckContext(), **params).message.startswith("未找到本单位上一年度报告的数据")
    no_flag = run("consistency_with_previous", cur, CheckContext(previous=prev, history_available=False), **params)
    assert no_flag.outcome == "cannot_evaluate"


def test_format_year():
    assert run("format_year", sub(GOOD_PARTS, year=2023)).outcome == "pass"
    r = run("format_year", sub(GOOD_PARTS, year=2022, doc_type="annual_report_2019"))
    assert r.outcome == "fail" and "2021年格式" in r.message
    assert run("format_year", sub(GOOD_PARTS, year=2020, doc_type="annual_report_2019")).outcome == "pass"
    assert run("format_year", sub(GOOD_PARTS, year=2015, doc_type="annual_report_legacy")).outcome == "pass"
    r = run("format_year", sub(GOOD_PARTS, year=2024, doc_type="work_summary"))
    assert r.outcome == "fail" and "工作总结" in r.message
    assert run("format_year", sub(GOOD_PARTS, year=None)).outcome == "cannot_evaluate"


PROSE = ("本局坚持以公开为常态、不公开为例外，围绕乡村振兴、农业补贴、动物防疫等重点领域，"
         "持续加强政府信息公开工作，及时发布政策文件和解读材料，回应社会关切，"
         "全面推进决策、执行、管理、服务、结果公开，群众满意度不断提升。")
OTHER = ("全年围绕城市更新、住房保障、市政设施维护开展公开，编制城建领域标准目录，"
         "对物业服务投诉处理结果逐月公示，对老旧小区改造项目实行进度公开，"
         "并在社区公开栏同步张贴，接受居民监督，收到意见建议后逐条答复。")


def test_near_duplicate():
    mine = sub({1: PROSE}, file="2025.txt")
    copied_prev = sub({1: PROSE.replace("本局", "本局") }, file="2024.txt", year=2024)
    r = run("near_duplicate", mine, CheckContext(previous=copied_prev), part=1)
    assert r.outcome == "fail" and r.data["similarity"] >= 0.8 and "2024.txt" in r.evidence[0].detail
    # only the year changed: digits are ignored, still a copy
    year_only = sub({1: PROSE + "2024年"}, file="2024.txt", year=2024)
    assert run("near_duplicate", sub({1: PROSE + "2025年"}), CheckContext(previous=year_only), part=1).outcome == "fail"
    peer = sub({1: OTHER}, file="peer.txt", agency="青山县住建局")
    assert run("near_duplicate", mine, CheckContext(peers=[peer]), part=1).outcome == "pass"
    assert run("near_duplicate", mine, CheckContext(), part=1).outcome == "cannot_evaluate"


def test_content_rules_read_a_part_found_only_by_its_heading_line():
    """A flattened page can carry "六、其他需要报告的事项" as a line without a section: the part is
    present for section_present, so the content rules read the lines under it (up to the next
    part's heading line) instead of failing with "未找到第六部分"."""
    from gxaudit.model import Loc, Paragraph, Submission

    lines = ["五、存在的主要问题及改进情况", "本年度有3个栏目更新不及时。",
             "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    s = Submission(id="f.txt", file="f.txt",
                   paragraphs=[Paragraph(text=t, loc=Loc(file="f.txt", line=i + 1)) for i, t in enumerate(lines)])
    assert run("section_present", s, part=6).outcome == "pass"
    assert run("pattern_present", s, part=6, patterns=["信息处理费"]).outcome == "pass"
    # the text of part 五 is not part 六's
    got = run("pattern_present", s, part=6, patterns=["栏目更新不及时"])
    assert got.outcome == "fail" and "未找到第" not in got.message
