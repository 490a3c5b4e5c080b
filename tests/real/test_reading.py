"""What gxaudit reads from the real Pingtan reports, checked against the pages themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.real.printed import numeric_cells

# folder → (doc type, report year, agency as printed, 发布时间 of page.txt); from the corpus
# README's table and the pages' own header lines.
EXPECTED = {
    "2011_syq": ("annual_report_legacy", 2011, "平潭综合实验区", "2012-04-11"),
    "2011_ptx": ("annual_report_legacy", 2011, "平潭县人民政府", "2012-04-18"),
    "2012_ptx": ("annual_report_legacy", 2012, "平潭县人民政府", "2013-01-17"),
    "2012_syq": ("annual_report_legacy", 2012, "平潭综合实验区", "2013-02-25"),
    "2013_ptx": ("annual_report_legacy", 2013, "平潭县人民政府", "2014-01-22"),
    "2013_syq": ("annual_report_legacy", 2013, "平潭综合实验区", "2014-01-10"),
    "2013_dsj": ("annual_report_legacy", 2013, "平潭综合实验区地方税务局", "2014-02-25"),
    "2014_syq-han": ("other", 2014, "平潭综合实验区管委会办公室", "2014-12-10"),
    "2014_syq": ("annual_report_legacy", 2014, "平潭综合实验区管委会", "2015-01-02"),
    "2015_syq": ("annual_report_legacy", 2015, "平潭综合实验区", "2016-01-12"),
    "2017_syq": ("annual_report_legacy", 2017, "平潭综合实验区", "2018-01-23"),
    "2018_syq": ("annual_report_legacy", 2018, "平潭综合实验区", "2019-01-10"),
    "2019_syq": ("annual_report_2019", 2019, "平潭综合实验区", "2020-01-20"),
    "2020_syq": ("annual_report_2019", 2020, "平潭综合实验区", "2021-03-05"),
    "2021_syq": ("annual_report_2021", 2021, "平潭综合实验区", "2022-02-08"),
    "2023_syq": ("annual_report_2021", 2023, "平潭综合实验区", "2024-03-08"),
    "2024_syq": ("annual_report_2021", 2024, "平潭综合实验区", "2025-03-10"),
    "2025_syq": ("annual_report_2021", 2025, "平潭综合实验区", "2026-03-10"),
}
WITH_HTML = [f for f in EXPECTED if f[:4] in ("2015", "2017", "2018", "2019", "2020", "2021", "2023", "2024", "2025")]


def test_every_document_of_the_column_is_here(readings):
    assert sorted(readings) == sorted(EXPECTED)


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_type_year_agency_and_published_date(readings, folder):
    per_file, merged = readings[folder]
    dtype, year, agency, published = EXPECTED[folder]
    assert len(merged) == 1, "each folder holds one document: its renderings are merged into one"
    for sub in [*merged, *(s for subs in per_file.values() for s in subs)]:
        assert sub.doc_type.value == dtype, sub.id
        assert sub.report_year.value == year, sub.id
    m = merged[0]
    assert m.agency.value == agency
    assert m.published_at.value == dt.date.fromisoformat(published)
    text = per_file[f"{folder}/page.txt"][0]
    assert text.published_at.source == "published_line" or text.published_at.source == "meta"
    assert text.published_at.value == dt.date.fromisoformat(published)


def test_the_letter_is_recognised_as_not_a_report(readings):
    _per_file, merged = readings["2014_syq-han"]
    sub = merged[0]
    assert sub.doc_type.value == "other" and "函" in str(sub.title.value)
    assert not sub.tables


def _grid_order(table):
    cells = [c for cols in table.cells.values() for c in cols.values()]
    return sorted(cells, key=lambda c: (c.loc.block, c.loc.row, c.loc.col))


@pytest.mark.parametrize("folder", WITH_HTML)
def test_every_html_cell_is_the_printed_cell(readings, folder, goldens):
    """Each table read from HTML, in grid order, is exactly the page's numeric cells."""
    per_file, merged = readings[folder]
    html_file = next(n for n in per_file if not n.endswith(".txt"))
    html_sub = per_file[html_file][0]
    printed = numeric_cells(goldens.ANNUAL / html_file)
    keys = ["legacy_stats"] if folder < "2019" else ["proactive", "applications", "review_litigation"]
    assert sorted(html_sub.tables) == sorted(keys)
    assert len(printed) == len(keys)
    for key, cells_printed in zip(keys, printed):
        t = html_sub.tables[key]
        assert t.source == "table" and not t.unplaced, (key, t.unplaced)
        got = [c.value for c in _grid_order(t)]
        assert [float(x) for x in cells_printed] == got, key
    # the merged document keeps every HTML cell as read there
    for key in keys:
        assert merged[0].tables[key].cells == html_sub.tables[key].cells


@pytest.mark.parametrize("folder", WITH_HTML)
def test_no_text_cell_is_wrong_and_zero_rows_are_placed(readings, folder):
    """page.txt runs cells together: what it places equals the HTML cell; rows printed all zero
    and rows the reader says an identity decided are placed in full."""
    per_file, merged = readings[folder]
    text = per_file[f"{folder}/page.txt"][0]
    html = next(v[0] for n, v in per_file.items() if not n.endswith(".txt"))
    assert not [w for w in merged[0].warnings if "以网页表格为准" in w]
    for key, t in text.tables.items():
        ref = html.tables[key]
        for row, cols in t.cells.items():
            for col, cell in cols.items():
                assert ref.cells[row][col].value == cell.value, (key, row, col)
        for row, cols in ref.cells.items():
            if cols and all(c.value == 0 for c in cols.values()):
                assert t.cells.get(row, {}).keys() == cols.keys(), (key, row, "all-zero row not placed")
    # rows an identity decided are named in the table's notes and placed in full, never unplaced
    decided = [(t, n) for t in text.tables.values() for n in t.notes if "行由恒等式唯一确定" in n]
    for t, note in decided:
        label = note.split("”")[0].lstrip("“")
        assert not any(label in u for u in t.unplaced), (note, t.unplaced)
    if int(folder[:4]) >= 2019:
        assert decided, "a run-together applications table is always partly decided by its row sums"
    assert all(not t.pending or t.unplaced for t in text.tables.values())


@pytest.mark.parametrize("folder", sorted(f for f in EXPECTED if f not in WITH_HTML))
def test_text_only_years_never_place_a_cell_twice_or_guess(readings, folder):
    """Without HTML: every cell placed came from one reading; what has several is left unplaced."""
    _per_file, merged = readings[folder]
    sub = merged[0]
    for t in sub.tables.values():
        assert t.source == "runtogether"
        for row in t.pending:
            assert any(t.pending[row] in u for u in t.unplaced), row
