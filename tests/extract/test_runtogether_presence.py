"""A run-together table is a table only when it is printed: headings and prose make none.

Also: the labels come from `templates` (one source), so a part heading that templates knows in
another wording still starts the table."""

from __future__ import annotations

from gxaudit.extract.tables import templates as T
from gxaudit.extract.tables.runtogether import read_runtogether
from gxaudit.extract.tables.runtogether_specs import specs
from gxaudit.model import Loc

HEADINGS_ONLY = (
    "一、总体情况 本年度我区认真贯彻条例。二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 "
    "四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项 无。"
)
PROSE = (
    "二、主动公开政府信息情况 本年制发规章0件，行政规范性文件12件，办理行政许可1234件，行政处罚56件，"
    "行政强制7件，收取行政事业性收费3.5万元。三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请数量"
    "共15件，上年结转政府信息公开申请数量2件，（一）予以公开10件。四、政府信息公开行政复议、行政诉讼情况 "
    "本年度发生行政复议1件，总计1件。五、存在的主要问题及改进情况"
)
APP_2021 = (
    "三、收到和处理政府信息公开申请情况 自然人商业企业科研机构社会公益组织法律服务机构其他总计"
    "一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000"
)


def test_headings_without_a_table_give_no_table():
    tables, warnings = read_runtogether(HEADINGS_ONLY, Loc(file="a.txt"), 2021)
    assert tables == {} and warnings == []


def test_prose_under_a_heading_is_no_table():
    # row words (规章, 行政许可, 本年新收…) with digits, but no column header: prose, not a table
    tables, _ = read_runtogether(PROSE, Loc(file="a.txt"), 2021)
    assert tables == {}


def test_a_printed_table_still_reads():
    tables, _ = read_runtogether(APP_2021, Loc(file="a.txt"), 2021)
    assert set(tables) == {"applications"}
    assert tables["applications"].value("new", "natural") == 217
    assert tables["applications"].year == 2021


def test_labels_are_the_templates_labels():
    for variant in ("2019", "2021"):
        by_key = {s.key: s for s in specs(variant)}
        for key in ("proactive", "applications"):
            assert [r.key for r in by_key[key].rows] == list(T.row_keys(key, variant))
            assert by_key[key].printed == T.TABLE_TITLES[key]
        pro = by_key["proactive"]
        assert {r.key: [c for c, _ in r.cols] for r in pro.rows} == {
            k: list(T.col_keys("proactive", variant, k)) for k in T.row_keys("proactive", variant)
        }


def test_part_heading_in_a_wording_templates_knows():
    # templates' variant of part 四: 因政府信息公开工作被申请行政复议、提起行政诉讼情况
    text = ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
            "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
            "000000000000000 五、存在的主要问题及改进情况")
    tables, _ = read_runtogether(text, Loc(file="a.txt"), 2021)
    assert {g: tables["review_litigation"].value(g, "total") for g in ("review", "suit_direct")} == {
        "review": 0, "suit_direct": 0}
