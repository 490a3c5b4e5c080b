"""Hostile input: every bad file is a marked 无法读取 row in every output, the run goes on,
exit code 3, and no agency name ever becomes a path."""

from __future__ import annotations

import html as htmlmod
import sqlite3

import openpyxl
import pytest
from docx import Document as Docx
from lxml import html as lxml_html

from .builders import EVIL_AGENCY
from .conftest import files_under, read_csv

JOBS = (1, 2)


@pytest.mark.parametrize("jobs", JOBS)
def test_run_goes_on_and_exits_3(hostile, jobs):
    run = hostile["runs"][jobs]
    assert run["exit"] == 3, run["stderr"]
    cards = {c["agency"]: c for c in run["json"]["scorecards"]}
    for agency in hostile["normal"]:  # the good reports were scored despite their neighbours
        assert cards[agency]["status"] == "scored", cards[agency]


@pytest.mark.parametrize("jobs", JOBS)
def test_each_hostile_file_is_unreadable_with_a_reason(hostile, jobs):
    cards = {c["agency"]: c for c in hostile["runs"][jobs]["json"]["scorecards"]}
    for file, agency in hostile["hostile"].items():
        card = cards[agency]
        assert card["status"] == "unreadable", (file, card)
        assert card["status_reason"].startswith("无法读取："), card["status_reason"]
        assert file in card["files"]
    reasons = {a: cards[a]["status_reason"] for a in hostile["hostile"].values()}
    assert "超过1秒" in reasons["超时局"]  # the never-ending parse was cut off
    assert "压缩" in reasons["压缩炸弹局"] and "DOCTYPE" in reasons["实体扩展局"]
    assert "MB" in reasons["巨型文件局"]
    assert "删除" in reasons["消失局"] and "不是普通文件" in reasons["目录局"] and "不是普通文件" in reasons["管道局"]
    unreadable = {u["path"] for u in hostile["runs"][jobs]["json"]["summary"]["unreadable"]}
    assert set(hostile["hostile"]) <= unreadable


def test_parallel_run_gives_the_same_json(hostile):
    one, two = (hostile["runs"][j]["json"] for j in JOBS)
    assert one == two


def _hostile_agencies(hostile):
    return list(hostile["hostile"].values())


def test_marked_in_the_terminal_table(hostile):
    table = hostile["runs"][1]["table"]
    assert table.count("无法读取") >= len(hostile["hostile"])
    assert "压缩炸弹局" in table and "超时局" in table


def test_marked_in_csv(hostile):
    rows = read_csv(hostile["runs"][1]["out"] / "ranking.csv")
    header = rows[0]
    agency_col = header.index(next(h for h in header if "单位" in h))
    marked = {r[agency_col] for r in rows[1:] if any("无法读取" in c for c in r)}
    assert set(_hostile_agencies(hostile)) <= marked


def test_marked_in_xlsx(hostile):
    wb = openpyxl.load_workbook(hostile["runs"][1]["out"] / "report.xlsx", read_only=True)
    rows = [[str(c) if c is not None else "" for c in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
    marked = {cell for r in rows if any("无法读取" in c for c in r) for cell in r}
    for agency in _hostile_agencies(hostile):
        assert agency in marked, agency


def test_marked_and_escaped_in_html(hostile):
    text = (hostile["runs"][1]["out"] / "report.html").read_text(encoding="utf-8")
    assert '<img src=x onerror="alert(1)">' not in text  # the name is text, never markup
    tree = lxml_html.fromstring(text)
    assert not tree.xpath("//img[@onerror]")
    rows = [" ".join(tr.itertext()) for tr in tree.iter("tr")]
    for agency in _hostile_agencies(hostile):
        shown = agency.replace("\n", " ")
        assert any(" ".join(shown.split()) in " ".join(r.split()) and "无法读取" in r for r in rows), agency
    assert htmlmod.escape(EVIL_AGENCY, quote=False) in text or "&lt;img" in text


def test_marked_in_the_circular_from_history(hostile):
    run = hostile["runs"][1]
    assert run["circular_exit"] == 0, run["circular_output"]
    md = next(run["circular"].glob("*.md")).read_text(encoding="utf-8")
    docx_text = "\n".join(p.text for p in Docx(next(run["circular"].glob("*.docx"))).paragraphs)
    for doc in (md, docx_text):
        assert "无法读取" in doc
        for agency in ("压缩炸弹局", "超时局", "管道局"):
            assert agency in doc, agency


def test_history_holds_the_unreadable_rows(hostile):
    db = sqlite3.connect(hostile["runs"][1]["history"])
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        status = dict(db.execute("SELECT agency, status FROM scorecards"))
    finally:
        db.close()
    for agency in _hostile_agencies(hostile):
        assert status[agency] == "unreadable"


def test_nothing_written_outside_out(hostile):
    base = hostile["base"]
    new = files_under(base) - hostile["before"]
    allowed = ("jobs1/out/", "jobs2/out/", "jobs1/history/", "jobs2/history/", "jobs1/circular/", "jobs2/circular/")
    assert new and all(p.startswith(allowed) for p in new), sorted(p for p in new if not p.startswith(allowed))
    assert not any("逃逸局" in p for p in files_under(base.parent))
