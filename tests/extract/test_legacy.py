"""The legacy 统计表: HTML read as printed; run-together page.txt never read wrong."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from legacy_expected import EXPECTED, MISSING, PREVIOUS, UNITS_2015

from gxaudit.extract.tables.crossyear import resolve_with_previous
from gxaudit.extract.tables.legacy import find_legacy_stats, read_legacy_text
from gxaudit.model import Block, Loc, Table

LEGACY = sorted(EXPECTED)


def html_blocks(path: Path) -> list[Block]:
    """Table blocks of a saved page, read with lxml alone (the test's own, independent reader)."""
    root = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    blocks = []
    for i, tb in enumerate(root.iter("table")):
        rows = [[td.text_content().replace("\xa0", " ").strip() for td in tr.iter("td", "th")] for tr in tb.iter("tr")]
        blocks.append(Block(kind="table", rows=rows, loc=Loc(file=path.name, block=i)))
    return blocks


def page_text(pingtan_dir: Path, name: str) -> str:
    return (pingtan_dir / "annual" / name / "page.txt").read_text(encoding="utf-8").split("正文 ====================", 1)[1]


def text_table(pingtan_dir: Path, name: str) -> Table:
    blocks = [Block(kind="paragraph", text=page_text(pingtan_dir, name), loc=Loc(file=f"{name}/page.txt", line=12))]
    table, _ = find_legacy_stats(blocks)
    assert table is not None, name
    return table


def cells_of(table: Table) -> dict[str, tuple[float | None, float | None]]:
    return {
        r: (c["year"].value if "year" in c else "?", c["cumulative"].value if "cumulative" in c else "?")
        for r, c in table.cells.items()
    }


@pytest.mark.parametrize("name", ["2015_syq", "2017_syq", "2018_syq"])
def test_html_statistics_table_equals_printed_cells(pingtan_dir, name):
    table, warnings = find_legacy_stats(html_blocks(pingtan_dir / "annual" / name / "body.html"))
    assert table is not None and table.source == "table"
    assert cells_of(table) == EXPECTED[name]
    assert table.extra_rows == {} and table.unplaced == [] and warnings == []
    if name == "2015_syq":
        assert {k: table.units[k] for k in UNITS_2015} == UNITS_2015
        assert table.cells["proactive_total"]["year"].raw == "2949"
        assert table.cells["proactive_total"]["year"].loc.row == 1


@pytest.mark.parametrize("name", LEGACY)
def test_page_txt_alone_never_reads_a_wrong_cell(pingtan_dir, name):
    table = text_table(pingtan_dir, name)
    exp = EXPECTED[name]
    for row, cells in table.cells.items():
        for col, cell in cells.items():
            want = exp[row][0 if col == "year" else 1]
            assert cell.value == want, (name, row, col, cell.raw)
    # every row that is not placed is said so, with its printed digits kept for later
    for row in exp:
        if row not in table.cells or len(table.cells[row]) < 2:
            assert row in table.pending or row in MISSING.get(name, []), (name, row)
            assert any(("‘" + table.pending.get(row, "?") + "’") in u or "不能读成" in u for u in table.unplaced)
    assert table.extra_rows == {}


@pytest.mark.parametrize("name", LEGACY)
def test_all_zero_rows_and_identity_rows_are_placed(pingtan_dir, name):
    table = text_table(pingtan_dir, name)
    for row, (y, c) in EXPECTED[name].items():
        if (y, c) == (0, 0) and row not in MISSING.get(name, []):
            assert cells_of(table)[row] == (0, 0), (name, row)


def test_issue_example_2949_81916_needs_last_years_cumulative(pingtan_dir):
    t15 = text_table(pingtan_dir, "2015_syq")
    assert t15.pending["proactive_total"] == "294981916"
    assert any("‘294981916’ 有" in u and "种读法" in u for u in t15.unplaced)
    t14 = text_table(pingtan_dir, "2014_syq")
    resolved, notes = resolve_with_previous(t15, t14)
    assert cells_of(resolved)["proactive_total"] == (2949, 81916)
    assert resolved.pending == {} and not any("294981916" in u for u in resolved.unplaced)
    assert any("历年累计=上年历年累计+本年度" in n for n in notes)


def test_split_decided_by_in_table_identity(pingtan_dir):
    # 2011_ptx: 4251516 / 4181509 / 77 — only 425|1516 = 418|1509 + 7|7
    table = text_table(pingtan_dir, "2011_ptx")
    assert cells_of(table)["proactive_total"] == (425, 1516)
    assert table.source == "runtogether"


def test_identity_that_fails_in_the_agencys_figures_decides_nothing(pingtan_dir):
    # 2013_ptx prints 1853|5395 = 1713|5017 + 0|7, which does not add up; a lone column would
    # match the wrong reading 1|8535395 = 1|7135017 + 0|7135…: the whole identity is dropped
    table = text_table(pingtan_dir, "2013_ptx")
    assert "proactive_total" not in table.cells
    assert table.pending["proactive_total"] == "18535395"


def chain_table(pingtan_dir: Path, name: str) -> Table:
    """The report's 统计表 read from page.txt, resolved year by year along its issuer's chain."""
    chain = [name]
    while chain[-1] in PREVIOUS:
        chain.append(PREVIOUS[chain[-1]])
    prev = None
    for n in reversed(chain):
        prev, _ = resolve_with_previous(text_table(pingtan_dir, n), prev)
    assert prev is not None
    return prev


@pytest.mark.parametrize("name", sorted(PREVIOUS))
def test_cross_year_chain_places_every_cell_correctly(pingtan_dir, name):
    got = cells_of(chain_table(pingtan_dir, name))
    want = {r: v for r, v in EXPECTED[name].items() if r not in MISSING.get(name, [])}
    assert got == want


def test_2018_is_decided_jointly_with_2017s_pending_digits(pingtan_dir):
    t17 = text_table(pingtan_dir, "2017_syq")
    assert "proactive_total" in t17.pending  # 212210037 alone: 2016 is not in the corpus
    t18, notes = resolve_with_previous(text_table(pingtan_dir, "2018_syq"), t17)
    assert cells_of(t18)["proactive_total"] == (2069, 12106)
    assert any("主动公开信息数" in n and "历年累计=上年历年累计+本年度" in n for n in notes)


def test_unknown_label_is_kept_under_its_printed_label():
    text = "统计表 指标名称计量单位2012年度历年累计主动公开信息数条59其中：1.网站公开条482.政府公报公开条11公开栏数个00"
    table, _ = read_legacy_text(text, Loc(file="x.txt"))
    assert table is not None
    assert cells_of(table)["proactive_website"] == (4, 8)  # the glued "2." went to the next row
    assert {k: (v["year"].value, v["cumulative"].value) for k, v in table.extra_rows.items()} == {"公开栏数": (0, 0)}
    assert table.units["公开栏数"] == "个"


def test_no_statistics_table_gives_none(pingtan_dir):
    blocks = [Block(kind="paragraph", text=page_text(pingtan_dir, "2013_dsj"), loc=Loc(file="p.txt"))]
    assert find_legacy_stats(blocks) == (None, [])
