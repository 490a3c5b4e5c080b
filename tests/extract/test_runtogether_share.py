"""Share of cells placed from every pingtan page.txt, alone and with last year's report.

Pinned counts (a change either way must be looked at): more placed cells means a new reading to
check by hand against the HTML; fewer means a regression. Every placed cell is also checked here
against the hand-typed 统计表 values or the HTML of the same report, through the issuer's chain.
"""

from __future__ import annotations

from pathlib import Path

from legacy_expected import EXPECTED
from test_legacy import chain_table, text_table
from test_runtogether import REPORTS, html_tables, read_page

from gxaudit.extract.tables.crossyear import resolve_with_previous
from gxaudit.extract.tables.legacy import find_legacy_stats
from gxaudit.model import Block, Loc

# report -> (cells in the printed table, placed from the page alone, placed with last year)
LEGACY_PINS = {
    "2011_ptx": (34, 34, 34), "2011_syq": (34, 34, 34), "2012_ptx": (34, 30, 34), "2012_syq": (32, 32, 32),
    "2013_ptx": (34, 30, 34), "2013_syq": (30, 30, 30), "2014_syq": (32, 32, 32), "2015_syq": (32, 28, 32),
    "2017_syq": (30, 26, 26), "2018_syq": (30, 26, 30),
}
# proactive, applications, review_litigation: (placed from the page alone, with last year)
OFFICIAL_PINS = {
    "2019_syq": ((3, 3), (161, 161), (15, 15)),
    "2020_syq": ((6, 8), (161, 161), (15, 15)),  # 上一年项目数量 = 2019's + 本年增/减 (2 cells)
    "2021_syq": ((7, 7), (175, 175), (15, 15)),
    "2023_syq": ((7, 7), (175, 175), (15, 15)),
    "2024_syq": ((7, 7), (175, 175), (15, 15)),
    "2025_syq": ((7, 7), (175, 175), (15, 15)),
}


def _count(table) -> int:
    return sum(len(c) for c in table.cells.values())


def test_legacy_shares(pingtan_dir):
    got = {}
    for name in LEGACY_PINS:
        alone = text_table(pingtan_dir, name)
        prev = chain_table(pingtan_dir, name)
        for row, cells in prev.cells.items():
            for col, cell in cells.items():
                assert cell.value == EXPECTED[name][row][0 if col == "year" else 1], (name, row, col)
        got[name] = (2 * len(EXPECTED[name]), _count(alone), _count(prev))
    assert got == LEGACY_PINS


def test_official_shares_and_chain_never_wrong(pingtan_dir):
    got, previous = {}, {}
    for name in sorted(OFFICIAL_PINS):
        year = int(name[:4])
        want = html_tables(pingtan_dir / "annual" / name / REPORTS[name], "2021" if year >= 2021 else "2019")
        tables, _ = read_page(pingtan_dir, name)
        counts = []
        for key in ("proactive", "applications", "review_litigation"):
            resolved, _ = resolve_with_previous(tables[key], previous.get((year - 1, key)))
            for row, cells in resolved.cells.items():
                for col, cell in cells.items():
                    assert cell.value == want[key][row][col], (name, key, row, col)
            previous[(year, key)] = resolved
            counts.append((_count(tables[key]), _count(resolved)))
        got[name] = tuple(counts)
    assert got == OFFICIAL_PINS


def test_not_a_report_and_prose_only_have_no_statistics_table(pingtan_dir):
    for name in ("2013_dsj", "2014_syq-han"):
        text = (pingtan_dir / "annual" / name / "page.txt").read_text(encoding="utf-8")
        assert find_legacy_stats([Block(kind="paragraph", text=text, loc=Loc(file=name))]) == (None, [])


def test_hooks_through_ingest_and_extract(pingtan_dir: Path):
    from gxaudit.extract import extract
    from gxaudit.ingest import read_document

    sub = extract(read_document(pingtan_dir / "annual" / "2015_syq" / "body.html"))[0]
    t = sub.tables["legacy_stats"]
    assert t.source == "table"
    assert {r: (c["year"].value, c["cumulative"].value) for r, c in t.cells.items()} == EXPECTED["2015_syq"]
    sub = extract(read_document(pingtan_dir / "annual" / "2024_syq" / "page.txt"))[0]
    assert sub.tables["applications"].source == "runtogether"
    assert sub.tables["applications"].value("new", "natural") == 217
