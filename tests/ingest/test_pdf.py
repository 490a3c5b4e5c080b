"""pdf: text in reading order, ruled tables with merged cells, stitched across pages, scans."""

from __future__ import annotations

import pytest

from gxaudit.ingest import ReadError, read_document
from gxaudit.ingest.limits import Limits
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock


def test_rendered_report_reads_back(tmp_path, report):
    p = tmp_path / "r.pdf"
    write(p, report, "pdf")
    doc = read_document(p, display="r.pdf")
    assert doc.format == "pdf"
    assert [b.text for b in doc.blocks if b.kind != "table"] == [b.text for b in report if b.kind != "table"]
    assert [b.kind for b in doc.blocks][:2] == ["heading", "paragraph"]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == report[5].expanded()
    assert table.merged == report[5].merged_mask()
    assert all(b.loc.page == 1 for b in doc.blocks)


def test_long_table_is_stitched_across_pages(tmp_path):
    rows = [["序号", "栏目", "条数"]] + [[str(i), f"第{i}个栏目名称", str(i * 3)] for i in range(1, 71)]
    blocks = [SpecBlock(kind="paragraph", text="各栏目更新情况如下。"), SpecBlock(kind="table", rows=rows),
              SpecBlock(kind="paragraph", text="表后的说明文字。")]
    p = tmp_path / "long.pdf"
    write(p, blocks, "pdf")
    doc = read_document(p)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows == rows
    assert doc.blocks[-1].text == "表后的说明文字。" and doc.blocks[-1].loc.page > 1


def test_scan_without_text_layer_needs_ocr(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(img).rectangle([50, 50, 550, 120], outline=0, width=3)
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.drawImage(ImageReader(img), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    with pytest.raises(ReadError) as err:
        read_document(p, display="scan.pdf")
    f = err.value.failure
    assert f.reason == "needs_ocr"
    assert f.message == "无法读取 scan.pdf：PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）或提供文字版"


def test_page_limit(tmp_path, report):
    p = tmp_path / "r.pdf"
    write(p, report * 8, "pdf")
    with pytest.raises(ReadError) as err:
        read_document(p, limits=Limits(max_pdf_pages=1))
    assert err.value.failure.reason == "too_many_pages"


def test_docx_that_is_really_a_pdf_is_read_as_pdf(tmp_path, report):
    p = tmp_path / "报告.docx"
    write(p, report, "pdf")
    doc = read_document(p, display="报告.docx")
    assert doc.format == "pdf"
    assert doc.blocks[0].text == report[0].text
    assert any("报告.docx" in w and "PDF" in w for w in doc.warnings)
