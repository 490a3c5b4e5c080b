"""Row labels that join the group label and its first row in one cell or one line.

Word-exported tables and flattened text print "三、本年度办理结果（一）予以公开" or
"（三）不予公开 1.属于国家秘密" as one label. Each must land on the row it names, while a label
that is only the group label (a printed subtotal) stays a subtotal. Expected values are pinned
by hand: row n of the table below carries n under 自然人 and 总计.
"""

from __future__ import annotations

import pytest

from gxaudit.extract.tables import find_tables
from gxaudit.model import Block, Loc

HEAD = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
JOINED = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "（四）无法提供1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "（五）不予处理 1.信访举报投诉类申请",
    "2.重复申请",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
EXPECTED = {
    "new": 1,
    "carried_in": 2,
    "granted": 3,
    "partial": 4,
    "refused_1": 5,
    "refused_2": 6,
    "unavailable_1": 7,
    "unavailable_2": 8,
    "not_processed_1": 9,
    "not_processed_2": 10,
    "other_1": 11,
    "other_2": 12,
    "other_3": 13,
    "handled_total": 14,
    "carried_out": 15,
}


def _row(n: int) -> list[str]:
    return [str(n), "0", "0", "0", "0", "0", str(n)]


def _blocks(labels: list[str], layout: str) -> list[Block]:
    heading = "三、收到和处理政府信息公开申请情况"
    rows = [HEAD] + [[lab, *_row(i)] for i, lab in enumerate(labels, 1)]
    if layout == "grid":
        return [
            Block(kind="paragraph", text=heading, loc=Loc(file="t.docx", block=0)),
            Block(kind="table", rows=rows, loc=Loc(file="t.docx", block=1)),
        ]
    if layout == "tabs":
        lines = ["\t".join(r) for r in rows]
    elif layout == "spaces":  # one line per row, single spaces, as PDF text gives it
        lines = ["  ".join(HEAD[1:])] + [" ".join(r) for r in rows[1:]]
    elif layout == "pipe_rows":
        lines = ["| " + " | ".join(r) + " |" for r in rows]
    else:  # pipe_cells
        lines = []
        for r in rows:
            lines += [f"{t} |" if t else "|" for t in r] + ["||"]
    return [
        Block(kind="paragraph", text=t, loc=Loc(file="t.txt", line=i))
        for i, t in enumerate([heading, *lines], 1)
    ]


@pytest.mark.parametrize("layout", ["grid", "tabs", "spaces", "pipe_rows", "pipe_cells"])
def test_group_label_joined_to_first_row(layout):
    tables, warnings = find_tables(_blocks(JOINED, layout), year=2021)
    t = tables["applications"]
    got = {k: (t.value(k, "natural"), t.value(k, "total")) for k in t.cells}
    assert got == {k: (v, v) for k, v in EXPECTED.items()}, warnings
    assert t.variant == "2021"
    assert t.extra_rows == {}


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("三、本年度办理结果（一）予以公开", "granted"),
        ("三、本年度办理结果 (一)予以公开", "granted"),
        ("三、本年度办 理结果 （一）予以公开", "granted"),
        ("三、本年度办理结果（三）不予公开 1.属于国家秘密", "refused_1"),
        ("（三）不予公开 1.属于国家秘密", "refused_1"),
        ("(三)不予公开1、属于国家秘密", "refused_1"),
        ("不予公开 1.属于国家秘密", "refused_1"),
        ("（四）无法提供1.本机关不掌握相关政府信息", "unavailable_1"),
        ("（五）不予处理 1.信访举报投诉类申请", "not_processed_1"),
        ("（六）其他处理 1.申请人无正当理由逾期不补正…", "other_1"),
    ],
)
def test_each_joined_label_in_one_grid_cell(label, key):
    rows = [HEAD, [label, *_row(7)]]
    blocks = [
        Block(kind="paragraph", text="三、收到和处理政府信息公开申请情况", loc=Loc(file="t.docx", block=0)),
        Block(kind="table", rows=rows, loc=Loc(file="t.docx", block=1)),
    ]
    t = find_tables(blocks, year=2021)[0]["applications"]
    assert list(t.cells) == [key]
    assert t.value(key, "total") == 7
    assert t.extra_rows == {}


@pytest.mark.parametrize("layout", ["grid", "tabs", "spaces", "pipe_rows", "pipe_cells"])
def test_group_label_alone_with_numbers_is_still_a_subtotal(layout):
    labels = [
        "（三）不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "（四）无法提供 1.本机关不掌握相关政府信息",
    ]
    t = find_tables(_blocks(labels, layout), year=2021)[0]["applications"]
    assert t.extra_rows["refused_subtotal"]["total"].value == 1
    assert list(t.extra_rows) == ["refused_subtotal"]
    assert [t.value(k, "total") for k in ("refused_1", "refused_2", "unavailable_1")] == [2, 3, 4]
