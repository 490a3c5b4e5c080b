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


CUT = ("依据《中华人民共和国政府信息公开条例》第十五条，涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的"
       "政府信息，行政机关不得公开，但第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的予以公开")


def page_texts(p) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(p))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


@pytest.mark.parametrize("span", [False, True])
def test_row_cut_by_page_break_is_joined(tmp_path, span):
    """Word lets a tall row break across pages: the continuation's half-empty first row is the
    rest of that row, not a row of its own."""
    rows = [["序号", "事项", "事项", "件数"]] + [[str(i), f"第{i}项", f"第{i}项说明", str(i)] for i in range(1, 32)]
    rows += [["32", CUT, CUT if span else "不予公开", "7"], ["33", "末行", "末行说明", "1"]]
    spans = [(32, 1, 1, 2)] if span else []
    block = SpecBlock(kind="table", rows=rows, spans=spans)
    p = tmp_path / "cut.pdf"
    write(p, [block, SpecBlock(kind="paragraph", text="表后说明。")], "pdf", split_rows=True)
    first, second = page_texts(p)[:2]
    assert "依据" in first and "重大影响" in second and "重大影响" not in first  # the row really is cut
    doc = read_document(p)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows == block.expanded()
    assert tables[0].merged == block.merged_mask()
    assert doc.blocks[-1].text == "表后说明。" and doc.blocks[-1].loc.page == 2


def test_rows_that_only_look_cut_stay_rows():
    from gxaudit.ingest.pdftables import is_cut_row

    assert is_cut_row(["32", "依据条例第十五条，涉及", "7"], ["", "商业秘密的信息", ""])
    assert not is_cut_row(["合计", "5", "3"], ["", "2", "1"])  # numbers under numbers
    assert not is_cut_row(["（一）予以公开", "", "3"], ["", "部分公开", ""])  # fills a cell left empty above
    assert not is_cut_row(["1", "第1项", "3"], ["2", "第2项", "4"])  # a full row
    assert not is_cut_row(["1", "第1项", "3"], ["", "", ""])
    assert not is_cut_row(["5.要求行政机关确认或重新出具已获取信息", "0", "0"], ["（六）其他处理", "", ""])  # a new item
    # the words continue only a cell whose last line ran to its right edge
    assert not is_cut_row(["32", "依据条例第十五条，涉及", "7"], ["", "商业秘密的信息", ""], [False, False, False])
    assert is_cut_row(["32", "依据条例第十五条，涉及", "7"], ["", "商业秘密的信息", ""], [False, True, False])


def test_cid_font_pdf_reads_like_embedded(tmp_path, report):
    """A PDF that only names STSong-Light (not embedded) reads the same as one embedding its font."""
    seen = []
    for font in ("embedded", "cid"):
        p = tmp_path / f"{font}.pdf"
        write(p, report, "pdf", font=font)
        doc = read_document(p)
        seen.append([(b.kind, b.text, b.rows, b.loc.page) for b in doc.blocks])
    assert seen[0] == seen[1]
    assert any(b[0] == "table" for b in seen[0])


def test_scaled_text_sizes_like_its_effective_font_size(tmp_path):
    """Text drawn at 10 pt under a 2× transform is a 20 pt heading, as pdfminer would size it."""
    from reportlab.pdfgen import canvas

    from gxaudit.synth import cjkfont

    font = cjkfont.register("一、总体情况本年度我局主动公开政府信息条")
    p = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(p))
    c.saveState()
    c.translate(72, 700)
    c.scale(2, 2)
    c.setFont(font, 10)
    c.drawString(0, 0, "一、总体情况")
    c.restoreState()
    c.setFont(font, 10)
    for i in range(3):
        c.drawString(92, 650 - 40 * i, "本年度我局主动公开政府信息条")  # indented: three paragraphs
    c.save()
    doc = read_document(p)
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "一、总体情况")] + [("paragraph", "本年度我局主动公开政府信息条")] * 3


def test_libreoffice_pdf_rows_cut_by_page_breaks_read_whole(tmp_path):
    """A real exporter: LibreOffice lets rows break across pages (label and note cells cut
    mid-word); the table still reads back as the docx it came from, one table."""
    from ingest_helpers import lo_convert

    labels = ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
              "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]
    rows = [["项目", "说明", "自然人", "法人", "总计"]]
    rows += [[f"{i % 8 + 1}.{labels[i % 8]}", "依据条例有关规定办理，" * (1 + i % 3), str(i), "0", str(i)] for i in range(40)]
    src = tmp_path / "t.docx"
    write(src, [SpecBlock(kind="paragraph", text="表格如下。"), SpecBlock(kind="table", rows=rows)], "docx")
    pdf = lo_convert(src, "pdf", tmp_path)
    pages = page_texts(pdf)
    cut = [p for p in pages[1:] if not p.lstrip().startswith(tuple(f"{k}." for k in range(1, 9)))]
    assert len(pages) >= 3 and cut  # some page opens in the middle of a row
    tables = [b for b in read_document(pdf).blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].rows == rows
