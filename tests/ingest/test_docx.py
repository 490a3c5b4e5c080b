"""docx: the lxml walk keeps what python-docx drops, expands merged cells, refuses hostile zips."""

from __future__ import annotations

import zipfile

import pytest

from gxaudit.ingest import ReadError, read_document
from gxaudit.ingest.limits import Limits
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def with_document_xml(tmp_path, body: str, name: str = "x.docx", prolog: str = "", parts: dict | None = None):
    """A real python-docx file whose word/document.xml is replaced by `body` (and other parts)."""
    parts = dict(parts or {})
    base = tmp_path / "base.docx"
    write(base, [SpecBlock(kind="paragraph", text="占位")], "docx")
    out = tmp_path / name
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        parts["word/document.xml"] = xml
        for item in src.infolist():
            data = parts.pop(item.filename).encode() if item.filename in parts else src.read(item)
            dst.writestr(item, data)
        for member, text in parts.items():
            dst.writestr(member, text)
    return out


def test_rendered_report_reads_back(tmp_path, report):
    p = tmp_path / "r.docx"
    write(p, report, "docx")
    doc = read_document(p, display="报告.docx")
    assert doc.path == "报告.docx" and doc.format == "docx"
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds[:3] == [("heading", 1), ("paragraph", None), ("heading", 2)]
    table = next(b for b in doc.blocks if b.kind == "table")
    spec = report[5]
    assert table.rows == spec.expanded()
    assert table.merged == spec.merged_mask()
    assert [b.loc.block for b in doc.blocks] == list(range(len(doc.blocks)))


def test_tracked_insertions_and_content_controls_kept_deletions_dropped(tmp_path):
    body = (
        "<w:p><w:r><w:t>本年新收申请</w:t></w:r><w:ins w:id='1' w:author='a'><w:r><w:t>17件</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>16件</w:delText></w:r></w:del></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc = read_document(with_document_xml(tmp_path, body))
    assert [b.text for b in doc.blocks] == ["本年新收申请17件", "控件里的段落"]


def test_chinese_heading_style_names_and_outline_levels(tmp_path):
    styles = (f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="a5">'
              '<w:name w:val="标题 3"/></w:style></w:styles>')
    body = (
        "<w:p><w:pPr><w:outlineLvl w:val='0'/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val='Heading2'/></w:pPr><w:r><w:t>（一）主动公开</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val='a5'/></w:pPr><w:r><w:t>1.公开平台</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
    )
    doc = read_document(with_document_xml(tmp_path, body, parts={"word/styles.xml": styles}))
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "一、总体情况"), ("heading", 2, "（一）主动公开"), ("heading", 3, "1.公开平台"),
        ("paragraph", None, "正文")]


def test_vmerge_and_gridspan_expand(tmp_path):
    def tc(text, span=1, vmerge=None):
        pr = (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "") + (
            f"<w:vMerge w:val='{vmerge}'/>" if vmerge == "restart" else ("<w:vMerge/>" if vmerge else ""))
        return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    body = ("<w:tbl>"
            f"<w:tr>{tc('三、办理结果', vmerge='restart')}{tc('予以公开')}{tc('8')}</w:tr>"
            f"<w:tr>{tc('', vmerge='continue')}{tc('部分公开')}{tc('2')}</w:tr>"
            f"<w:tr>{tc('合计', span=2)}{tc('10')}</w:tr>"
            "</w:tbl>")
    table = read_document(with_document_xml(tmp_path, body)).blocks[0]
    assert table.rows == [["三、办理结果", "予以公开", "8"], ["三、办理结果", "部分公开", "2"], ["合计", "合计", "10"]]
    assert table.merged == [[False] * 3, [True, False, False], [False, True, False]]


def test_corrupt_docx(tmp_path):
    p = tmp_path / "bad.docx"
    good = tmp_path / "good.docx"
    write(good, [SpecBlock(kind="paragraph", text="正文")], "docx")
    p.write_bytes(good.read_bytes()[:600])
    with pytest.raises(ReadError) as err:
        read_document(p, display="bad.docx")
    assert err.value.failure.reason == "corrupt"
    assert "bad.docx" in err.value.failure.message


def test_zip_bomb_refused_from_the_directory(tmp_path):
    """A 40 MB run of one byte compresses to ~40 KB: refused on its ratio before inflating."""
    p = tmp_path / "bomb.docx"
    base = tmp_path / "base.docx"
    write(base, [SpecBlock(kind="paragraph", text="正文")], "docx")
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        with dst.open("word/media/padding.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(40):
                fh.write(chunk)
    with pytest.raises(ReadError) as err:
        read_document(p, display="bomb.docx")
    assert err.value.failure.reason == "unsafe"
    assert "压缩比" in err.value.failure.message


def test_declared_size_over_limit_refused(tmp_path, report):
    p = tmp_path / "r.docx"
    write(p, report, "docx")
    with pytest.raises(ReadError) as err:
        read_document(p, limits=Limits(max_member_bytes=1000))
    assert err.value.failure.reason == "unsafe"


def test_billion_laughs_is_an_error_not_a_hang(tmp_path):
    ents = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    prolog = f"<!DOCTYPE w:document [{ents}]>"
    p = with_document_xml(tmp_path, "<w:p><w:r><w:t>&j;</w:t></w:r></w:p>", prolog=prolog)
    with pytest.raises(ReadError) as err:
        read_document(p, display="laughs.docx")
    assert err.value.failure.reason == "unsafe"
    assert "laughs.docx" in err.value.failure.message


def test_automatic_list_numbers_are_rendered(tmp_path):
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    p = with_document_xml(tmp_path, "".join(
        f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{lvl}'/><w:numId w:val='3'/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"
        for lvl, t in [(0, "总体情况"), (1, "主动公开"), (1, "依申请公开"), (0, "主动公开政府信息情况")]),
        parts={"word/numbering.xml": numbering})
    assert [b.text for b in read_document(p).blocks] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况"]
