"""A report typed into a spreadsheet: text rows are sectioned, table regions stay tables."""

from __future__ import annotations

from gxaudit.extract import extract
from gxaudit.extract.sheets import split_sheet
from gxaudit.ingest import read_document
from gxaudit.model import Block, Document, Loc

LIUXI = "fixtures/county/2025-10/柳溪乡-2024年政府信息公开工作年度报告.xlsx"


def test_county_xlsx_report_has_its_six_parts_and_three_tables(repo_dir):
    doc = read_document(repo_dir / LIUXI, LIUXI)
    [sub] = extract(doc)
    assert sub.title.value == "青山县柳溪乡人民政府2024年政府信息公开工作年度报告"
    assert sub.agency.value == "青山县柳溪乡人民政府"
    assert sub.report_year.value == 2024
    assert sub.doc_type.value == "annual_report_2021"
    parts = {s.part: (s.title, s.loc.sheet, s.loc.line) for s in sub.sections if s.part}
    assert parts == {
        1: ("总体情况", "年报", 3),
        2: ("主动公开政府信息情况", "年报", 9),
        3: ("收到和处理政府信息公开申请情况", "年报", 24),
        4: ("政府信息公开行政复议、行政诉讼情况", "年报", 56),
        5: ("存在的主要问题及改进情况", "年报", 61),
        6: ("其他需要报告的事项", "年报", 63),
    }
    subs_of_1 = [s.title for s in sub.sections if s.level == 2]
    assert subs_of_1 == ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]
    # the tables between the text rows are read as tables, planted row-total error kept
    t = sub.tables
    assert t["proactive"].value("normative_docs", "in_force") == 1
    assert t["proactive"].value("licensing", "decisions") == 12
    assert t["applications"].value("new", "total") == 1
    assert t["applications"].value("handled_total", "natural") == 2
    assert t["applications"].value("handled_total", "total") == 3
    assert t["review_litigation"].value("review", "total") == 0
    assert t["applications"].loc.sheet == "年报"


def _sheet(rows: list[list[str]]) -> Block:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Block(kind="table", rows=rows, merged=[[False] * width for _ in rows], loc=Loc(file="a.xlsx", sheet="Sheet1"))


def test_rows_inside_a_table_stay_in_it_and_text_around_it_is_text():
    rows = [
        ["某镇人民政府2024年政府信息公开工作年度报告"] * 3,  # a merged title row
        ["三、收到和处理政府信息公开申请情况"],
        ["", "自然人", "总计"],
        ["一、本年新收政府信息公开申请数量", "1", "1"],
        ["三、本年度办理结果"],  # a group label: one value, inside the table
        ["（三）不予公开"],
        ["1.属于国家秘密", "0", "0"],
        ["0", "0", "0"],  # a row of zeros is data
        [],
        ["某镇人民政府"],  # the 落款, apart from the table
        ["2025年1月20日"],
    ]
    out = split_sheet(_sheet(rows))
    assert [(b.kind, b.loc.line) for b in out] == [
        ("paragraph", 1), ("paragraph", 2), ("table", 3), ("paragraph", 10), ("paragraph", 11)]
    assert out[0].text == "某镇人民政府2024年政府信息公开工作年度报告"
    table = out[2]
    assert [r[0] for r in table.rows] == ["", "一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（三）不予公开",
                                          "1.属于国家秘密", "0"]


def test_a_sheet_that_is_all_table_is_left_alone():
    block = _sheet([["标题", "发布日期"], ["关于某事的通知", "2025-01-02"]])
    assert split_sheet(block) == [block]


def test_docx_tables_are_not_cut():
    """Only sheets are typed reports; a one-column table in a docx stays a table."""
    rows = [["一、总体情况"], ["本年度，我镇认真贯彻条例。"]]
    doc = Document(path="a.docx", format="docx", sha256="x", size=1,
                   blocks=[Block(kind="table", rows=rows, loc=Loc(file="a.docx", block=0))])
    [sub] = extract(doc)
    assert sub.sections == []
