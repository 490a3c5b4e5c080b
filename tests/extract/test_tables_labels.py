"""Label variants, odd headers and missing tables."""

from __future__ import annotations

import pytest
from tables_helpers import applications_spec, grid_of, review_spec

from gxaudit.extract.tables import NOT_AS_TEXT, find_tables
from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.locate import part_of
from gxaudit.extract.tables.templates import APP_COLS, APP_ROWS_2021, PROACTIVE_2019
from gxaudit.model import Block, Loc

REFUSED = [r for r in APP_ROWS_2021 if r.group == "refused"]


def lines(text: str, name: str = "t.txt") -> list[Block]:
    return [
        Block(kind="paragraph", text=t, loc=Loc(file=name, line=i)) for i, t in enumerate(text.split("\n"), 1)
    ]


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("1、属于国家秘密", "refused_1"),
        ("（1）属于国家秘密", "refused_1"),
        ("1.属于国家秘密", "refused_1"),
        ('3.危及"三安全一稳定"', "refused_3"),
        ("3.危及三安全一稳定", "refused_3"),
        ("7.属于行政执法案卷", "refused_7"),
        ("6 属于四类过程性信息", "refused_6"),
    ],
)
def test_numbered_rows_inside_their_group(printed, key):
    assert L.match(printed, REFUSED).key == key


@pytest.mark.parametrize(
    ("printed", "key"),
    [("商业\n企业", "commercial"), ("自\n然\n人", "natural"), ("其它", "other_org"), ("合 计", "total")],
)
def test_broken_and_variant_column_words(printed, key):
    assert L.match(printed, APP_COLS).key == key


def test_cut_short_header_is_a_tie_not_a_guess():
    cols = PROACTIVE_2019[0].cols
    m = L.match("本年新", cols)
    assert m.key is None and set(m.tied) == {"made", "published"}
    assert L.match("本年新制作", cols).key == "made"
    assert L.match("对外公开总数", cols).key == "total_public"  # 数量 dropped / cut


def test_unrelated_label_does_not_match():
    assert L.match("行政许可", REFUSED).key is None


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("二、主动公开政府信息情况", "2"),
        ("二.主动公开政府信息情况", "2"),
        ("三、收到和处理政府信息公开申请情况", "3"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "4"),
        ("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", "4"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "5"),
        ("四、结转下年度继续办理", None),
        ("一、本年新收政府信息公开申请数量 |", None),
        ("二、上年结转政府信息公开申请数量", None),
        ("三、本年度办理结果", None),
    ],
)
def test_part_headings_and_row_labels_told_apart(line, part):
    assert part_of(line) == part


def test_variant_labels_in_flattened_rows():
    text = "三、收到和处理政府信息公开申请情况\n| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| 一、本年新收政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 三、本年度办理结果 | | | | | | | |\n| (一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n| (二)部分公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 三、不予公开 | | | | | | | |\n| 1、属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 5、属于三类内部事务信息 | 1 | — | / | 无 | 0 | 0 | 1 |\n| (七)总计 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    tables, warnings = find_tables(lines(text), year=2022)
    t = tables["applications"]
    assert t.value("new", "total") == 3 and t.value("carried_in", "natural") == 1
    assert t.value("granted", "natural") == 2 and t.value("partial", "total") == 1
    assert t.value("refused_1", "total") == 0 and t.value("refused_5", "natural") == 1
    blanks = t.cells["refused_5"]
    assert [(blanks[c].value, blanks[c].raw) for c in ("commercial", "research", "nonprofit")] == [
        (None, "—"),
        (None, "/"),
        (None, "无"),
    ]
    assert t.value("handled_total", "total") == 4 and t.value("carried_out", "total") == 0
    assert t.variant == "2021"  # no 2019 single 其他处理 row; year says 2022
    assert not t.extra_rows, warnings


def test_subtotal_row_and_unknown_row_kept_as_extra_rows():
    text = "三、收到和处理政府信息公开申请情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n（三）不予公开\t2\t0\t0\t0\t0\t0\t2\n1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\n（四）无法提供\t\t\t\t\t\t\t\n1.本机关不掌握相关政府信息\t5\t0\t0\t0\t0\t0\t5\n其中：电话咨询\t9\t0\t0\t0\t0\t0\t9"
    tables, warnings = find_tables(lines(text))
    t = tables["applications"]
    assert t.extra_rows["refused_subtotal"]["total"].value == 2
    assert "unavailable_subtotal" not in t.extra_rows  # a group label with empty cells
    assert t.value("refused_1", "natural") == 2 and t.value("unavailable_1", "total") == 5
    assert t.extra_rows["其中：电话咨询"]["natural"].value == 9
    assert any("其中：电话咨询" in w and "无法对应" in w for w in warnings)


def test_subtotal_column_is_not_total():
    spec = [
        [("", 2, 1), ("自然人", 2, 1), ("法人或其他组织", 1, 6), ("总计", 2, 1)],
        [
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
            ("小计", 1, 1),
        ],
        [("一、本年新收政府信息公开申请数量", 1, 1)]
        + [(v, 1, 1) for v in ["4", "1", "0", "0", "0", "1", "2", "6"]],
    ]
    rows, merged = grid_of(spec)
    blocks = [
        Block(kind="paragraph", text="三、收到和处理政府信息公开申请情况", loc=Loc(file="a.docx", block=0)),
        Block(kind="table", rows=rows, merged=merged, loc=Loc(file="a.docx", block=1)),
    ]
    tables, warnings = find_tables(blocks)
    t = tables["applications"]
    assert [t.value("new", c.key) for c in APP_COLS] == [4, 1, 0, 0, 0, 1, 6]
    assert any("小计" in w for w in warnings)


def test_header_characters_broken_across_lines():
    spec = review_spec([1, 0, 0, 0, 1] + [0] * 10)
    spec[1] = [("\n".join(t), rs, cs) for t, rs, cs in spec[1]]
    spec[2] = [("\n".join(t), rs, cs) for t, rs, cs in spec[2]]
    rows, _merged = grid_of(spec)
    blocks = [
        Block(
            kind="paragraph",
            text="四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            loc=Loc(file="a.pdf", page=3),
        ),
        Block(kind="table", rows=rows, merged=None, loc=Loc(file="a.pdf", page=3)),
    ]
    tables, _ = find_tables(blocks)
    assert tables["review_litigation"].value("review", "upheld") == 1
    assert tables["review_litigation"].value("review", "total") == 1


def test_heading_followed_by_nothing_is_not_zeros():
    text = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n一是……"
    tables, warnings = find_tables(lines(text, "r.html"))
    assert tables == {}
    assert len([w for w in warnings if NOT_AS_TEXT in w]) == 3
    assert all(w.startswith("r.html") for w in warnings)


def test_grid_without_heading_is_claimed_by_its_header():
    values = {r.key: [1, 0, 0, 0, 0, 0, 1] for r in APP_ROWS_2021}
    rows, merged = grid_of(applications_spec(values, "2021"))
    tables, _ = find_tables(
        [Block(kind="table", rows=rows, merged=merged, loc=Loc(file="x.xlsx", sheet="表3"))]
    )
    assert tables["applications"].value("other_2", "total") == 1
    assert tables["applications"].variant == "2021"


def test_review_two_row_header_without_parent_group():
    res = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    text = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t未经复议直接起诉\t复议后起诉",
            "\t".join(res * 3),
            "1\t0\t0\t0\t1\t2\t0\t0\t1\t3\t0\t0\t0\t0\t0",
        ]
    )
    t = find_tables(lines(text))[0]["review_litigation"]
    assert [t.value("suit_direct", c) for c in ("upheld", "pending", "total")] == [2, 1, 3]
    assert t.value("review", "total") == 1 and t.value("suit_after_review", "total") == 0


def test_unmapped_proactive_row_keyed_by_its_columns():
    printed = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "其中：党内规范性文件\t2\t1\t7",
        "第二十条第（六）项",
        "信息内容\t本年处理决定数量",
        "行政处罚\t12",
        "行政检查\t30",
    ]
    tables, warnings = find_tables(lines("\n".join(printed)), year=2022)
    t = tables["proactive"]
    assert t.value("rules", "in_force") == 0 and t.value("penalties", "decisions") == 12
    extra = {k: {c: cell.value for c, cell in v.items()} for k, v in t.extra_rows.items()}
    assert extra == {
        "其中：党内规范性文件": {"issued": 2, "repealed": 1, "in_force": 7},
        "行政检查": {"decisions": 30},
    }
    assert sum("无法对应到标准行" in w for w in warnings) == 2


def test_unmapped_proactive_row_before_any_article_keeps_printed_header_words():
    text = "二、主动公开政府信息情况\n信息内容\t本年发文\t其中公开\n发文情况\t40\t31"
    t = find_tables(lines(text), year=2022)[0]["proactive"]
    assert {c: v.value for c, v in t.extra_rows["发文情况"].items()} == {"本年发文": 40, "其中公开": 31}


@pytest.mark.parametrize("layout", ["grid", "grid_nomerge", "pipe_cells", "pipe_rows", "tabs", "spaces"])
@pytest.mark.parametrize(("variant", "blank"), [("2019", "other"), ("2021", "other_1"), ("2021", "new")])
def test_printed_row_left_all_blank_is_a_row_of_none(layout, variant, blank):
    """The 2019 （六）其他处理 row (one row, also a group label in 2021) printed with no numbers."""
    from test_tables_roundtrip import blocks_for

    from gxaudit.extract.tables.templates import APP_ROWS

    values = {r.key: [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0] for r in APP_ROWS[variant]}
    values[blank] = [None] * 7
    t = find_tables(blocks_for(applications_spec(values, variant), layout, "applications"))[0]["applications"]
    assert [t.value(blank, c.key) for c in APP_COLS] == [None] * 7
    assert len(t.cells[blank]) == 7
    assert t.variant == variant and list(t.cells) == [r.key for r in APP_ROWS[variant]]


def test_headings_with_prose_between_and_no_table_are_not_tables():
    printed = [
        "一、总体情况",
        "（一）主动公开。全年主动公开政府信息286条。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "一是政策解读形式单一。",
    ]
    tables, warnings = find_tables(lines("\n".join(printed), "r.html"), year=2021)
    assert tables == {}
    assert len([w for w in warnings if NOT_AS_TEXT in w]) == 3


def test_notes_of_the_run_together_reader_on_a_table_already_read_are_dropped():
    """A tab table whose numbers break the identities: the run-together reader, asked only for
    the missing tables, must not report on this one."""
    rows = [
        "三、收到和处理政府信息公开申请情况",
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
        "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t9",
        "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
        "（七）总计\t2\t0\t0\t0\t0\t0\t2",
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
    ]
    tables, warnings = find_tables(lines("\n".join(rows)), year=2021)
    assert tables["applications"].value("new", "total") == 9
    assert tables["applications"].source == "flattened"
    assert not any("三、收到和处理政府信息公开申请情况" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("year", "label", "key"), [(2022, "2.重复申请", "not_processed_2"), (2020, "（六）其他处理", "other")]
)
def test_row_printed_with_no_cells_at_all_is_a_row_of_none(year, label, key):
    """Text where a blank row lost its empty cells: the label alone on its line."""
    printed = [
        "三、收到和处理政府信息公开申请情况",
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
        label,
        "（七）总计\t3\t0\t0\t0\t0\t0\t3",
    ]
    tables, warnings = find_tables(lines("\n".join(printed)), year=year)
    t = tables["applications"]
    assert [t.cells[key][c.key].value for c in APP_COLS] == [None] * 7
    assert t.value("handled_total", "total") == 3
    assert t.variant == ("2019" if year == 2020 else "2021")
    assert not t.unplaced and not any("数值" in w for w in warnings), warnings
