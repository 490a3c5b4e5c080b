"""Header words printed one character per row (PDF-to-HTML pages) or run onto one text line.

Values are pinned by hand; each test also checks that the header itself was understood (no
"read in standard column order" fallback), since a fallback can land on the right columns by
luck when the printed order is the standard one.
"""

from __future__ import annotations

import pytest

from gxaudit.extract.tables import find_tables
from gxaudit.model import Block, Loc

REVIEW_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REVIEW_VALUES = [str(v) for v in (1, 0, 2, 0, 3, 4, 0, 0, 1, 5, 0, 1, 0, 0, 1)]
REVIEW_EXPECTED = {
    "review": [1, 0, 2, 0, 3],
    "suit_direct": [4, 0, 0, 1, 5],
    "suit_after_review": [0, 1, 0, 0, 1],
}


def _down(words: list[str]) -> list[list[str]]:
    """The header as a PDF-to-HTML page prints it: row k holds the k-th character of each word."""
    depth = max(len(w) for w in words)
    return [[w[k] if k < len(w) else "" for w in words] for k in range(depth)]


def _lines(lines: list[str], name: str = "page9.html") -> list[Block]:
    return [Block(kind="paragraph", text=t, loc=Loc(file=name, line=i)) for i, t in enumerate(lines, 1)]


def _review(t) -> dict[str, list[float | None]]:
    return {g: [t.value(g, c) for c in ("upheld", "corrected", "other", "pending", "total")] for g in t.cells}


def _understood(warnings: list[str]) -> bool:
    return not any("未识别到表头" in w or "多余的数据行" in w for w in warnings)


@pytest.mark.parametrize("sep", [" ", "  "])
def test_review_header_one_character_per_line(sep):
    chars = [sep.join(c for c in row if c) for row in _down(RESULTS * 3)]
    assert chars[0] == sep.join("结结其尚总" * 3) and chars[2] == sep.join("维纠结审" * 3)
    lines = [REVIEW_HEADING, "行政复议" + sep + "行政诉讼", "未经复议直接起诉" + sep + "复议后起诉", *chars]
    lines.append(sep.join(REVIEW_VALUES))
    tables, warnings = find_tables(_lines(lines))
    assert _review(tables["review_litigation"]) == REVIEW_EXPECTED
    assert _understood(warnings), warnings


def test_review_header_one_character_per_grid_row():
    rows = [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        [""] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        *_down(RESULTS * 3),
        REVIEW_VALUES,
    ]
    blocks = [
        Block(kind="paragraph", text=REVIEW_HEADING, loc=Loc(file="page9.html", block=0)),
        Block(kind="table", rows=rows, merged=None, loc=Loc(file="page9.html", block=1)),
    ]
    tables, warnings = find_tables(blocks)
    t = tables["review_litigation"]
    assert _review(t) == REVIEW_EXPECTED
    assert _understood(warnings), warnings
    assert t.unplaced == []


def test_review_header_words_single_spaced_on_one_line():
    lines = [
        REVIEW_HEADING,
        "行政复议 未经复议直接起诉 复议后起诉",
        " ".join(RESULTS * 3),
        # a different order than the standard one: placed by the header, not by position
        " ".join(REVIEW_VALUES),
    ]
    tables, warnings = find_tables(_lines(lines))
    assert _review(tables["review_litigation"]) == REVIEW_EXPECTED
    assert _understood(warnings), warnings


def test_applications_header_one_character_per_line():
    cols = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    chars = [" ".join(c for c in row if c) for row in _down(cols)]
    assert chars[2:] == ["人 企 机 公 服", "业 构 益 务", "组 机", "织 构"]
    # 组 / 织 and 机 / 构 rows hold two characters: they too must go under 社会公益组织 and
    # 法律服务机构, the only words still growing
    lines = [
        "三、收到和处理政府信息公开申请情况",
        *chars,
        "一、本年新收政府信息公开申请数量 5 1 0 0 0 2 8",
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
    ]
    tables, warnings = find_tables(_lines(lines), year=2021)
    t = tables["applications"]
    keys = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
    assert [t.value("new", k) for k in keys] == [5, 1, 0, 0, 0, 2, 8]
    assert [t.value("carried_in", k) for k in keys] == [1, 0, 0, 0, 0, 0, 1]
    assert _understood(warnings), warnings


def test_a_column_of_blank_markers_is_not_a_header():
    """Rows of 无 are values left blank, never header characters."""
    lines = [
        REVIEW_HEADING,
        "行政复议  未经复议直接起诉  复议后起诉",
        "  ".join(RESULTS * 3),
        " ".join(["无"] * 15),
    ]
    tables, _ = find_tables(_lines(lines))
    t = tables["review_litigation"]
    assert [t.cells["review"][c].raw for c in ("upheld", "total")] == ["无", "无"]
    assert t.value("review", "upheld") is None


def test_leaf_columns_under_a_group_header_that_was_not_printed():
    """申请人情况 over the seven columns, 法人或其他组织 left out: columns keep printed order."""
    cols = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    lines = [
        "三、收到和处理政府信息公开申请情况",
        "\t申请人情况",
        "\t" + "\t".join(cols),
        "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t2\t8",
    ]
    tables, warnings = find_tables(_lines(lines, "a.txt"), year=2021)
    t = tables["applications"]
    keys = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
    assert [t.value("new", k) for k in keys] == [5, 1, 0, 0, 0, 2, 8]
    assert not any("位置不在标准表头结构中" in w for w in warnings), warnings
