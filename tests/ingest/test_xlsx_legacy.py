"""Spreadsheets through calamine; .doc/.wps through LibreOffice, or a clear message without it."""

from __future__ import annotations

import shutil

import pytest
from ingest_helpers import lo_convert

from gxaudit.ingest import ReadError, legacy, read_document, read_or_fail
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock


def test_xlsx_sheet_per_table_with_merged_ranges(tmp_path, report):
    p = tmp_path / "r.xlsx"
    extra = SpecBlock(kind="table", rows=[["指标", "数值"], ["主动公开", "128"]])
    write(p, [*report, extra], "xlsx")
    doc = read_document(p, display="r.xlsx")
    assert doc.format == "xlsx"
    assert [(b.kind, b.loc.sheet) for b in doc.blocks] == [("table", "表1"), ("table", "表2")]
    assert doc.blocks[0].rows == report[5].expanded()
    assert doc.blocks[0].merged == report[5].merged_mask()
    assert doc.blocks[1].rows == extra.rows


def test_numbers_and_dates_in_cells_read_as_printed(tmp_path):
    import datetime as dt

    import xlsxwriter

    p = tmp_path / "n.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("统计")
    ws.write_row(0, 0, ["件数", "金额", "日期"])
    ws.write_number(1, 0, 12)
    ws.write_number(1, 1, 12.5)
    ws.write_datetime(1, 2, dt.datetime(2024, 1, 20), wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.close()
    assert read_document(p).blocks[0].rows == [["件数", "金额", "日期"], ["12", "12.5", "2024-01-20"]]


@pytest.fixture(scope="module")
def soffice_doc(tmp_path_factory, report):
    """A real Word 97 .doc made by LibreOffice from a rendered docx."""
    d = tmp_path_factory.mktemp("lo")
    src = d / "report.docx"
    write(src, report, "docx")
    return lo_convert(src, "doc", d)


def test_et_is_xls_read_by_calamine(tmp_path, report, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)  # .et/.xls never need LibreOffice
    src = tmp_path / "report.xlsx"
    write(src, report, "xlsx")
    xls = lo_convert(src, "xls", tmp_path)
    et = tmp_path / "报表.et"
    shutil.copyfile(xls, et)
    doc = read_document(et)
    assert doc.format == "et"
    assert doc.blocks[0].rows == report[5].expanded()


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_without_libreoffice_says_what_to_do(soffice_doc, monkeypatch, tmp_path, suffix):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    monkeypatch.setattr(legacy, "find_catdoc", lambda: None)
    p = tmp_path / f"x{suffix}"
    shutil.copyfile(soffice_doc, p)
    failure = read_or_fail(p, display=f"旧报告{suffix}")
    assert failure.reason == "needs_conversion"
    assert failure.message.startswith(f"无法读取 旧报告{suffix}：")
    assert "另存为 .docx" in failure.message and "LibreOffice" in failure.message


@pytest.mark.parametrize("suffix", [".wps"])  # Word bytes named .wps, as WPS saves them
def test_doc_and_wps_converted_with_libreoffice(soffice_doc, tmp_path, report, suffix):
    p = tmp_path / f"旧报告{suffix}"
    shutil.copyfile(soffice_doc, p)
    doc = read_document(p)
    assert doc.format == suffix[1:]
    assert doc.meta["converted"] == "LibreOffice"
    assert [b.text for b in doc.blocks if b.kind != "table"] == [b.text for b in report if b.kind != "table"]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == report[5].expanded()


def test_failed_conversion_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: "/bin/true")  # exits 0, writes nothing
    p = tmp_path / "x.doc"
    p.write_bytes(b"{\\rtf1 hello}")
    with pytest.raises(ReadError) as err:
        read_document(p)
    assert err.value.failure.reason == "conversion_failed"


def fake_catdoc(tmp_path, body: str, code: int = 0):
    """A stand-in for catdoc that records its arguments and prints `body`."""
    script = tmp_path / "catdoc"
    (tmp_path / "body.txt").write_text(body, encoding="utf-8")
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/args"\ncat "{tmp_path}/body.txt"\nexit {code}\n')
    script.chmod(0o755)
    return str(script)


def test_doc_without_libreoffice_read_as_text_by_catdoc(soffice_doc, monkeypatch, tmp_path):
    body = "青山县教育局2024年政府信息公开工作年度报告\n\n一、总体情况\n\t申请人情况\n一、本年新收政府信息公开申请数量\t12\t3\n"
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    monkeypatch.setattr(legacy, "find_catdoc", lambda: fake_catdoc(tmp_path, body))
    p = tmp_path / "旧报告.doc"
    shutil.copyfile(soffice_doc, p)
    doc = read_document(p, display="旧报告.doc")
    assert (tmp_path / "args").read_text().split("\n")[:4] == ["-w", "-d", "utf-8", str(p)]
    assert doc.format == "doc" and doc.meta["converted"] == "catdoc"
    assert [(b.kind, b.text, b.loc.line) for b in doc.blocks] == [
        ("paragraph", "青山县教育局2024年政府信息公开工作年度报告", 1), ("paragraph", "一、总体情况", 3),
        ("paragraph", "\t申请人情况", 4), ("paragraph", "一、本年新收政府信息公开申请数量\t12\t3", 5)]
    assert any(w.startswith("旧报告.doc：本机未安装 LibreOffice，已用 catdoc") for w in doc.warnings)


@pytest.mark.parametrize(("body", "code"), [("", 0), ("部分文字", 1)])
def test_catdoc_failing_still_says_what_to_do(soffice_doc, monkeypatch, tmp_path, body, code):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    monkeypatch.setattr(legacy, "find_catdoc", lambda: fake_catdoc(tmp_path, body, code))
    p = tmp_path / "x.doc"
    shutil.copyfile(soffice_doc, p)
    failure = read_or_fail(p, display="旧报告.doc")
    assert failure.reason == "needs_conversion" and "另存为 .docx" in failure.message


def test_catdoc_only_for_word_binaries(monkeypatch, tmp_path):
    """An RTF named .doc is not catdoc's: without LibreOffice it needs conversion."""
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    monkeypatch.setattr(legacy, "find_catdoc", lambda: fake_catdoc(tmp_path, "不该被调用"))
    p = tmp_path / "x.doc"
    p.write_bytes(b"{\\rtf1 hello}")
    assert read_or_fail(p).reason == "needs_conversion"
    assert not (tmp_path / "args").exists()
