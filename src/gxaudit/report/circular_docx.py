"""The circular as a Word document in the layout of Chinese official documents (GB/T 9704-2012).

A4 with margins 37/35/28/26 mm (top/bottom/left/right); red 发文机关标志 and 发文字号 above a
red rule; 方正小标宋简体 2号 title; 3号 仿宋_GB2312 body at a fixed 28.9 pt line spacing with a
two-character first-line indent; 黑体 first-level and 楷体_GB2312 second-level headings;
page numbers `— 1 —` in the footer. python-docx sets only the Latin font through
`run.font.name`, so every run and style also gets `w:rFonts/@w:eastAsia`, and docDefaults
carry `w:lang w:eastAsia="zh-CN"` (ECOSYSTEM.md §16). On Linux these font names exist only
through the alias file `gxaudit/data/fontconfig.xml`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from gxaudit.report.circular import CircularData, RankTable
from gxaudit.report.view import write_bytes

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
RED = RGBColor(0xE6, 0x00, 0x12)
BODY_PT = 16  # 3号
LINE_PT = 28.9
CN_NUMBERS = "一二三四五六七八九十"


def render(data: CircularData) -> bytes:
    doc = Document()
    _page_setup(doc)
    _defaults(doc, data)
    _head(doc, data)
    _body(doc, data)
    _attachment(doc, data)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write(data: CircularData, path: Path | str) -> Path:
    return write_bytes(path, render(data))


# --------------------------------------------------------------------------- document setup


def _set_fonts(rpr_parent, name: str) -> None:
    """Latin and East Asian font on a run or style (python-docx sets only the Latin one)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _page_setup(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(37), Mm(35)
    s.left_margin, s.right_margin = Mm(28), Mm(26)
    s.footer_distance = Mm(18)
    _page_number_footer(s)


def _defaults(doc, data: CircularData) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element, FANGSONG)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.space_before = pf.space_after = Pt(0)
    props = doc.core_properties
    props.title = data.title
    props.author = data.signer
    props.last_modified_by = "gxaudit"
    props.comments = ""
    stamp = dt.datetime.combine(data.date, dt.time())
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", SONGTI, 14)
    run = _run(p, "", SONGTI, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _run(p, " —", SONGTI, 14)


# --------------------------------------------------------------------------- building blocks


def _run(p, text: str, font: str = FANGSONG, size: float = BODY_PT, *, bold: bool = False, color=None):
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    _set_fonts(r._r, font)
    if color is not None:
        r.font.color.rgb = color
    return r


def _para(doc, text: str = "", font: str = FANGSONG, size: float = BODY_PT, *, indent: bool = True,
          align=None, bold: bool = False, color=None, line: float | None = None):
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if align is not None:
        p.alignment = align
    if line is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    if text:
        _run(p, text, font, size, bold=bold, color=color)
    return p


def _red_rule(p) -> None:
    """The red separator under the 版头 as a paragraph bottom border."""
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "E60012")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def _head(doc, data: CircularData) -> None:
    mark = _para(doc, data.issuer, XIAOBIAOSONG, 36 if len(data.issuer) <= 9 else 26, indent=False,
                 align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, line=60)
    mark.paragraph_format.space_before = Pt(12)
    _para(doc, "", indent=False)
    number = _para(doc, data.doc_number, FANGSONG, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(number)
    _para(doc, "", indent=False)
    _para(doc, data.title, XIAOBIAOSONG, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=35)
    _para(doc, "", indent=False)
    _para(doc, data.recipients, indent=False)


def _heading1(doc, text: str) -> None:
    # a heading never ends a page alone (二、排名情况 at the foot of page 1, its table on page 2)
    _para(doc, text, HEITI).paragraph_format.keep_with_next = True


def _heading2(doc, index: int, text: str) -> None:
    num = CN_NUMBERS[index] if index < len(CN_NUMBERS) else str(index + 1)
    _para(doc, f"（{num}）{text}", KAITI).paragraph_format.keep_with_next = True


def _body(doc, data: CircularData) -> None:
    h = data.headings
    _para(doc, data.intro)
    _heading1(doc, h["overview"])
    for p in data.overview:
        _para(doc, p)
    _heading1(doc, h["ranking"])
    _para(doc, data.ranking_intro)
    for i, t in enumerate(data.ranking_tables):
        _heading2(doc, i, t.name)
        _rank_table(doc, t)
        if data.chart:
            _chart(doc, data, t.name)
    _heading1(doc, h["good"])
    _para(doc, data.good)
    _heading1(doc, h["problems"])
    _para(doc, data.problems_intro)
    for i, p in enumerate(data.common_problems, start=1):
        _para(doc, f"{i}. {p.text}")
    _heading1(doc, h["agencies"])
    _para(doc, data.agencies_intro)
    for gi, group in enumerate(data.agency_groups):
        _heading2(doc, gi, group.name)
        for a in group.agencies:
            p = _para(doc)
            _run(p, a.agency, FANGSONG, bold=True)
            if a.note:
                _run(p, "：" + a.note)
            p.paragraph_format.keep_with_next = bool(a.items)  # the name stays with its first item
            for i, item in enumerate(a.items, start=1):
                line = _para(doc, f"{i}. {item.text}（{item.cost}")
                if item.repeated:
                    _run(line, "，")
                    _run(line, "连续未整改", bold=True, color=RED)
                _run(line, "）。")
    _heading1(doc, h["rectify"])
    for i, p in enumerate(data.rectify, start=1):
        _para(doc, f"{i}. {p}")
    _para(doc, "")
    _para(doc, data.attachment_label)
    _para(doc, "")
    _para(doc, "")
    for text in (data.signer, data.date_text):
        p = _para(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(BODY_PT * 4)


def _rank_table(doc, t: RankTable) -> None:
    headers = ["排名", "单位", "得分", "等级", "排名变化", "状态"]
    widths = [Cm(1.6), Cm(5.6), Cm(2.0), Cm(2.0), Cm(2.2), Cm(2.2)]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w
    for cell, text, w in zip(table.rows[0].cells, headers, widths):
        _cell(cell, text, HEITI, w)
    for r in t.rows:
        cells = table.add_row().cells
        values = [r.rank, r.agency, r.total, r.grade, r.change, r.status]
        for cell, text, w in zip(cells, values, widths):
            bad = text in ("不合格", "无法读取", "未报送")
            _cell(cell, text, FANGSONG, w, color=RED if bad else None)


def _cell(cell, text: str, font: str, width, *, color=None) -> None:
    cell.width = width
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(20)
    _run(p, text, font, 12, color=color)


def _chart(doc, data: CircularData, group: str) -> None:
    from gxaudit.report import charts  # matplotlib is imported only when a chart is drawn

    rows = [r for r in data.ranking if r.peer_group == group and r.total is not None]
    if not rows:
        return
    png = charts.bars_png(rows, title=f"{group}得分")
    p = _para(doc, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.add_run().add_picture(io.BytesIO(png), width=Cm(14))


def _attachment(doc, data: CircularData) -> None:
    doc.add_section(WD_SECTION.NEW_PAGE)
    _para(doc, "附件", HEITI, indent=False)
    _para(doc, "")
    _para(doc, data.attachment_title, XIAOBIAOSONG, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=35)
    _para(doc, "")
    for i, t in enumerate(data.attachment):
        _heading2(doc, i, t.name)
        _rank_table(doc, t)
