"""Two renderings of one document, aliases, last year in the same run: on hand-built input."""

from __future__ import annotations

import datetime as dt

from gxaudit.discover import agency_folder
from gxaudit.extract.renderings import merge_submissions
from gxaudit.extract.series import apply_aliases, link, select_period
from gxaudit.model import Cell, Loc, Sourced, Submission, Table


def _sub(file, fmt, year=2024, title="某区2024年度政府信息公开工作年度报告", agency="某区", cells=None, published=None):
    t = Table(key="applications", variant="2021",
              cells={r: {c: Cell(value=v, loc=Loc(file=file)) for c, v in cols.items()} for r, cols in (cells or {}).items()})
    return Submission(id=file, file=file, format=fmt, title=Sourced(value=title, source="title"),
                      agency=Sourced(value=agency, source="title"), report_year=Sourced(value=year, source="title"),
                      period=Sourced(value=str(year)), doc_type=Sourced(value="annual_report_2021"),
                      published_at=Sourced(value=published, source="published_line" if published else "default"),
                      tables={"applications": t})


def test_html_wins_each_disagreeing_cell_is_a_warning_and_text_fills_gaps():
    html = _sub("r/body.html", "html", title=None, agency=None,
                cells={"new": {"natural": 5, "total": 5}, "carried_in": {"total": 0}})
    text = _sub("r/page.txt", "txt", published=dt.date(2025, 1, 20),
                cells={"new": {"natural": 5, "total": 6}, "carried_out": {"total": 1}})
    (m,), dropped = merge_submissions([text, html])
    assert dropped == {"r/page.txt"} and m.id == "r/body.html" and m.renderings == ["r/page.txt"]
    t = m.tables["applications"]
    assert t.value("new", "total") == 5  # as printed in the HTML, never "corrected"
    assert t.value("carried_out", "total") == 1 and t.cells["carried_out"]["total"].loc.file == "r/page.txt"
    bad = [w for w in m.warnings if "以网页表格为准" in w]
    assert len(bad) == 1 and "“new”行“total”列" in bad[0] and "为 5" in bad[0] and "为 6" in bad[0]
    assert m.published_at.value == dt.date(2025, 1, 20) and "page.txt" in m.published_at.detail
    assert m.agency.value == "某区"


def test_different_documents_in_one_folder_stay_apart():
    a = _sub("d/a.html", "html", year=2023)
    b = _sub("d/b.txt", "txt", year=2024)
    c = _sub("e/x.html", "html", title="某区2024年度政府信息公开工作年度报告")
    d = _sub("e/y.txt", "txt", title="关于某事的函")
    subs, dropped = merge_submissions([a, b, c, d])
    assert not dropped and len(subs) == 4
    two = [_sub("f/p.txt", "txt"), _sub("f/a.html", "html"), _sub("f/b.html", "html")]
    assert len(merge_submissions(two)[0]) == 3  # which HTML goes with the text is ambiguous


def test_alias_and_last_year_in_the_same_run():
    y1 = _sub("a/2023.txt", "txt", year=2023, agency="某区管委会", cells={"carried_out": {"total": 2}})
    y2 = _sub("a/2024.txt", "txt", year=2024, agency="某区", cells={"carried_in": {"total": 2}})
    other = _sub("b/2023.txt", "txt", year=2023, agency="某县人民政府")
    subs = [y2, y1, other]
    apply_aliases(subs, {"某区管委会": "某区"})
    assert y1.agency.value == "某区" and "某区管委会" in y1.agency.detail
    previous, _ = link(subs)
    assert previous == {"a/2024.txt": y1}
    scored, context = select_period(subs, "2024")
    assert scored == [y2] and sorted(s.id for s in context) == ["a/2023.txt", "b/2023.txt"]
    # nothing of the period at all: every agency on its latest year
    scored, context = select_period([y1, other], "2025")
    assert sorted(s.id for s in scored) == ["a/2023.txt", "b/2023.txt"] and not context


def test_year_folders_are_not_agencies():
    assert agency_folder(("2011_syq",)) is None
    assert agency_folder(("2025", "城关镇")) == "城关镇"
    assert agency_folder(("城关镇", "2025年")) == "城关镇"
    assert agency_folder(()) is None


def test_monthly_run_scores_each_agencys_newest_report_and_keeps_older_ones_as_context():
    """A monthly check over a folder where an agency left last year's report beside this year's:
    the newest is scored, the older one only feeds the cross-year checks (it is not a second
    report of the period), and other agencies and non-reports are untouched."""
    y1 = _sub("a/2023.txt", "txt", year=2023, agency="某区")
    y2 = _sub("a/2024.txt", "txt", year=2024, agency="某区")
    other = _sub("b/2023.txt", "txt", year=2023, agency="某县人民政府")
    log = Submission(id="c/log.csv", file="c/log.csv", agency=Sourced(value="某镇"),
                     doc_type=Sourced(value="publication_log"))
    scored, context = select_period([y1, y2, other, log], "2025-10")
    assert sorted(s.id for s in scored) == ["a/2024.txt", "b/2023.txt", "c/log.csv"]
    assert [s.id for s in context] == ["a/2023.txt"]


def test_period_inferred_on_a_tie_is_the_latest():
    from gxaudit.pipeline import infer_period

    subs = [_sub("a/2023.txt", "txt", year=2023), _sub("b/2024.txt", "txt", year=2024, agency="某县")]
    assert infer_period(subs) == "2024"
    subs.append(_sub("c/2023.txt", "txt", year=2023, agency="某镇"))
    assert infer_period(subs) == "2023"
