"""Last year's figures decide a split only when they are last year's, and only as a tie-breaker.

2019 format: 上一年项目数量(t) = 上一年项目数量(t−1) + 本年增/减(t−1) (research.md §11
`id.cross_prev_items`, warning level) chooses among the readings the digits allow."""

from __future__ import annotations

from pathlib import Path

from legacy_expected import EXPECTED
from test_legacy import text_table
from test_runtogether import REPORTS, html_tables, read_page

from gxaudit.extract.tables.crossyear import resolve_with_next, resolve_with_previous
from gxaudit.extract.tables.runtogether import read_runtogether
from gxaudit.model import Loc

HEAD = ("二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000"
        "规范性文件000第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量")
TAIL = ("第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费00第二十条第（九）项信息内容采购项目数量"
        "采购总金额政府集中采购00 三、收到和处理政府信息公开申请情况")


def _proactive(licensing: str, year: int):
    text = f"{HEAD}行政许可{licensing}其他对外管理服务事项000{TAIL}"
    tables, _ = read_runtogether(text, Loc(file=f"{year}.txt"), year)
    return tables["proactive"]


def test_prev_items_decided_by_last_years_items_and_change():
    prev = _proactive("396 0 181", 2019)  # spaced: read as printed
    cur = _proactive("396442278", 2020)  # 3|9|6442278 … 396|442|278 …: prev_items undecided
    assert "licensing" in cur.pending and "prev_items" not in cur.cells.get("licensing", {})
    out, notes = resolve_with_previous(cur, prev)
    assert out.cells["licensing"]["prev_items"].value == 396  # = 396 + 0
    assert "change" not in out.cells["licensing"]  # the rest is still the digits' to decide
    assert out.pending["licensing"] == "396442278"
    assert any("后一年的上一年项目数量=前一年的上一年项目数量+前一年的本年增/减" in n for n in notes)
    assert any("“上一年项目数量”列由恒等式确定" in n and "依据上年报告 2019.txt" in n for n in out.notes)


def test_prev_items_never_overrides_the_digits():
    # last year: 500 + 0; this year's digits cannot start with 500: the identity decides nothing
    prev = _proactive("500 0 181", 2019)
    cur = _proactive("396442278", 2020)
    out, notes = resolve_with_previous(cur, prev)
    assert "prev_items" not in out.cells.get("licensing", {})
    assert any("跨年恒等式与印出的数字矛盾" in n for n in notes)


def test_gap_year_decides_nothing():
    prev = _proactive("396 0 181", 2018)  # not the year before 2020
    cur = _proactive("396442278", 2020)
    assert resolve_with_previous(cur, prev) == (cur, [])
    # the years passed by the caller win over the tables' own
    prev.year = None
    assert resolve_with_previous(cur, prev, year=2020, previous_year=2018) == (cur, [])
    out, _ = resolve_with_previous(cur, prev, year=2020, previous_year=2019)
    assert out.cells["licensing"]["prev_items"].value == 396


def test_legacy_gap_year_by_the_statistics_table_header(pingtan_dir: Path):
    # 2015's 294981916 needs 2014's 历年累计; 2013's table is not last year's
    t15 = text_table(pingtan_dir, "2015_syq")
    assert (t15.year, text_table(pingtan_dir, "2014_syq").year) == (2015, 2014)
    assert resolve_with_previous(t15, text_table(pingtan_dir, "2013_syq")) == (t15, [])
    out, _ = resolve_with_previous(t15, text_table(pingtan_dir, "2014_syq"))
    assert out.cells["proactive_total"]["year"].value == 2949


def test_pingtan_2020_with_2019(pingtan_dir: Path):
    want = html_tables(pingtan_dir / "annual" / "2020_syq" / REPORTS["2020_syq"], "2019")["proactive"]
    t19, _ = read_page(pingtan_dir, "2019_syq")
    t20, _ = read_page(pingtan_dir, "2020_syq")
    out, _ = resolve_with_previous(t20["proactive"], t19["proactive"])
    new = {(r, c) for r, cols in out.cells.items() for c in cols} - {
        (r, c) for r, cols in t20["proactive"].cells.items() for c in cols}
    assert new == {("licensing", "prev_items"), ("other_services", "prev_items")}
    assert all(out.cells[r][c].value == want[r][c] for r, c in new)  # 396, 10


def test_next_years_report_decides_this_years_digits(pingtan_dir: Path):
    # 2019 alone: 3 of 22 cells; 2020's 上一年项目数量 (396, 10, 2648, 35) leaves one reading of
    # 2019's 行政许可 3960181, 其他对外管理服务事项 100153, 行政处罚 26480430, 行政事业性收费 350
    want = html_tables(pingtan_dir / "annual" / "2019_syq" / REPORTS["2019_syq"], "2019")["proactive"]
    t19, _ = read_page(pingtan_dir, "2019_syq")
    t20, _ = read_page(pingtan_dir, "2020_syq")
    out, notes = resolve_with_next(t19["proactive"], t20["proactive"])
    placed = {(r, c) for r, cols in out.cells.items() for c in cols}
    assert len(placed) == 14 and all(out.cells[r][c].value == want[r][c] for r, c in placed)
    assert set(out.pending) == {"normative_docs", "enforcement", "procurement"}  # 126|0|25 or 1260|2|5
    assert any("依据下一年报告 2020_syq/page.txt" in n for n in out.notes) and notes
    # a gap year decides nothing
    assert resolve_with_next(t19["proactive"], t20["proactive"], year=2019, next_year=2021) == (t19["proactive"], [])


def test_legacy_next_year_completes_2017(pingtan_dir: Path):
    # 2016 is not in the corpus: 2017's 212210037 is decided by 2018's 历年累计 12106 = x + 2069
    t17 = text_table(pingtan_dir, "2017_syq")
    out, _ = resolve_with_next(t17, text_table(pingtan_dir, "2018_syq"))
    got = {r: (c["year"].value, c["cumulative"].value) for r, c in out.cells.items() if len(c) == 2}
    assert got == EXPECTED["2017_syq"] and len(got) > len([c for c in t17.cells.values() if len(c) == 2])
