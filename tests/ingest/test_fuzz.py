"""Hostile input: whatever the bytes, `read_or_fail` returns a Document or a ReadFailure,
raises nothing and does not hang (a hang would come back as a `timeout` failure)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxaudit.ingest import legacy, read_or_fail
from gxaudit.ingest.limits import Limits
from gxaudit.model import Document, ReadFailure
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock

LIMITS = Limits(seconds=20)
SUFFIXES = [".txt", ".csv", ".html", ".docx", ".pdf", ".xlsx", ".xls", ".doc", ".wps", ".et"]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _no_converters(monkeypatch):
    """No LibreOffice/catdoc runs here: they are tested elsewhere and cost seconds a file."""
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    monkeypatch.setattr(legacy, "find_catdoc", lambda: None)


@cache
def valid(fmt: str) -> bytes:
    blocks = [SpecBlock(kind="heading", text="青山县教育局2024年政府信息公开工作年度报告"),
              SpecBlock(kind="paragraph", text="一、总体情况。本年度主动公开政府信息128条。"),
              SpecBlock(kind="table", rows=[["项目", "件数", "件数"], ["新收", "12", "3"], ["结转", "1", "0"]],
                        spans=[(0, 1, 1, 2)])]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"r.{fmt}"
        write(p, blocks, fmt)
        return p.read_bytes()


def check(data: bytes, suffix: str) -> ReadFailure | Document:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"f{suffix}"
        p.write_bytes(data)
        got = read_or_fail(p, display=f"f{suffix}", limits=LIMITS)
    assert isinstance(got, (Document, ReadFailure))
    if isinstance(got, ReadFailure):
        assert got.reason != "timeout", got.message
        assert got.message.startswith(f"无法读取 f{suffix}：")
    return got


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    check(data, suffix)


@FUZZ
@given(st.sampled_from(["txt", "html", "docx", "pdf", "xlsx"]), st.floats(0, 1), st.sampled_from(SUFFIXES))
def test_truncated_valid_files(fmt, frac, suffix):
    data = valid(fmt)
    check(data[: int(len(data) * frac)], suffix)


@FUZZ
@given(st.sampled_from(["docx", "pdf", "xlsx", "html"]), st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)),
                                                                min_size=1, max_size=12))
def test_valid_files_with_bytes_overwritten(fmt, edits):
    data = bytearray(valid(fmt))
    for where, junk in edits:
        at = int((len(data) - 1) * where)
        data[at:at + len(junk)] = junk
    check(bytes(data), f".{fmt}")


def rezip(fmt: str, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(valid(fmt)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                zf.writestr(name, data)
    return out.getvalue()


XML_JUNK = st.one_of(
    st.binary(max_size=512),
    st.text(alphabet="<>/=\"' wabc:1-", max_size=300).map(str.encode),
    st.sampled_from([
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><a>&b;</a>',
        b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/hostname">]><a>&x;</a>',
        b"<a>" * 5000,
    ]),
)


@FUZZ
@given(st.sampled_from(["docx", "xlsx"]), st.data())
def test_valid_zip_with_garbage_members(fmt, data):
    names = zipfile.ZipFile(io.BytesIO(valid(fmt))).namelist()
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    check(rezip(fmt, {n: data.draw(XML_JUNK) for n in chosen}), f".{fmt}")


def _docx_with(tmp_path, body_prefix: bytes = b"", replace: tuple[bytes, bytes] | None = None,
               numbering: bytes | None = None) -> Path:
    doc = zipfile.ZipFile(io.BytesIO(valid("docx"))).read("word/document.xml")
    if replace:
        assert replace[0] in doc
        doc = doc.replace(replace[0], replace[1], 1)
    doc = doc.replace(b"<w:body>", b"<w:body>" + body_prefix, 1)
    members = {"word/document.xml": doc} | ({"word/numbering.xml": numbering} if numbering else {})
    p = tmp_path / "x.docx"
    p.write_bytes(rezip("docx", members))
    return p


NUMBERING = (b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b'<w:abstractNum w:abstractNumId="1">'
             b'<w:lvl w:ilvl="999999999"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
             b'<w:lvl w:ilvl="0"><w:start w:val="99999999999999"/><w:numFmt w:val="lowerRoman"/>'
             b'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
             b'<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def _numbered(ilvl: bytes, text: bytes) -> bytes:
    return (b'<w:p><w:pPr><w:numPr><w:ilvl w:val="' + ilvl + b'"/><w:numId w:val="7"/></w:numPr></w:pPr>'
            b"<w:r><w:t>" + text + b"</w:t></w:r></w:p>")


@pytest.mark.parametrize("case", ["gridSpan", "gridBefore", "ilvl", "start", "superscript digits"])
def test_crafted_docx_numbers_cost_nothing(tmp_path, case):
    """Counts from the XML are bounded: a gridSpan of 10^9 would allocate 8 GB per row, an ilvl
    or a list start of 10^9 would loop that many times (all seen before the fix)."""
    if case == "gridSpan":
        p = _docx_with(tmp_path, replace=(b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr>'))
    elif case == "gridBefore":
        p = _docx_with(tmp_path, replace=(b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>'))
    elif case == "ilvl":
        p = _docx_with(tmp_path, _numbered(b"999999999", "甲".encode()), numbering=NUMBERING)
    elif case == "start":
        p = _docx_with(tmp_path, _numbered(b"0", "乙".encode()), numbering=NUMBERING)
    else:
        p = _docx_with(tmp_path, _numbered("²".encode(), "丙".encode()), numbering=NUMBERING)
    doc = read_or_fail(p, limits=LIMITS)
    assert isinstance(doc, Document), doc
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert texts[0].endswith(("甲", "乙", "丙")) or case.startswith("grid")
    if case == "gridSpan":
        assert max(len(b.rows[0]) for b in doc.blocks if b.kind == "table") <= 1000 + 3


def test_xlsx_reaching_the_last_cell_is_refused_before_calamine(tmp_path):
    """calamine allocates first-to-last used cell densely: XFD1048576 aborted the process
    ("memory allocation of 549755813888 bytes failed") before the extent check."""
    z = zipfile.ZipFile(io.BytesIO(valid("xlsx")))
    sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    data = z.read(sheet).replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')
    p = tmp_path / "x.xlsx"
    p.write_bytes(rezip("xlsx", {sheet: data}))
    failure = read_or_fail(p, display="x.xlsx", limits=LIMITS)
    assert isinstance(failure, ReadFailure) and failure.reason == "too_large" and "sheet1.xml" in failure.message


def test_xlsx_merge_over_the_whole_sheet_is_clipped_to_the_data(tmp_path):
    z = zipfile.ZipFile(io.BytesIO(valid("xlsx")))
    sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    data = z.read(sheet)
    import re

    data = re.sub(rb"<mergeCells.*?</mergeCells>", b"", data, flags=re.DOTALL).replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    p = tmp_path / "x.xlsx"
    p.write_bytes(rezip("xlsx", {sheet: data}))
    doc = read_or_fail(p, limits=LIMITS)
    assert isinstance(doc, Document)
    rows = doc.blocks[0].rows
    assert len(rows) < 10 and {v for r in rows for v in r} == {rows[0][0]}  # one merged cell over the data


def test_html_spans_expanding_past_the_cell_cap_are_refused(tmp_path):
    p = tmp_path / "x.html"
    cells = '<td colspan="1000" rowspan="1000">x</td>' * 30
    p.write_text("<html><body><div id='zoom'><table>" + f"<tr>{cells}</tr>" * 80 + "</table></div></body></html>",
                 encoding="utf-8")
    failure = read_or_fail(p, display="x.html", limits=LIMITS)
    assert isinstance(failure, ReadFailure) and failure.reason == "too_large"


def test_pdf_page_of_thousands_of_strokes_skips_the_table_finder(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "x.pdf"
    c = canvas.Canvas(str(p))
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "A chart drawn with strokes")
    for i in range(6000):
        x, y = 50 + (i % 100) * 5, 50 + (i // 100) * 11
        c.line(x, y, x + 4, y)
        c.line(x, y, x, y + 10)
    c.save()
    doc = read_or_fail(p, limits=LIMITS)
    assert isinstance(doc, Document) and [b.text for b in doc.blocks] == ["A chart drawn with strokes"]


def test_sniffing_a_crafted_ole_directory_is_a_read_error(tmp_path):
    """Sniffing runs inside the guarded block: whatever olefile raises becomes `corrupt`."""
    head = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\xff" * 480
    p = tmp_path / "x.doc"
    p.write_bytes(head + b"\x00" * 1024)
    from gxaudit.ingest import ReadError, read_document

    with pytest.raises(ReadError):
        read_document(p, limits=LIMITS)
