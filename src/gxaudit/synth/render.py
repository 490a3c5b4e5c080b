"""Renderers: SpecBlocks to real txt, docx, html, pdf and xlsx files.

They exist to prove that the same report reads the same in every format, so each writes what
the real thing contains: python-docx merged cells and heading styles, a CMS page with chrome
around the article and real colspan/rowspan, XlsxWriter merged ranges, a reportlab PDF with
ruled tables.
"""

from __future__ import annotations

import html as _html
from pathlib import Path

from gxaudit.synth.spec import SpecBlock

FORMATS = ("txt", "docx", "html", "pdf", "xlsx")
TXT_LAYOUTS = ("pipe_cells", "pipe_rows", "tab", "spaces")


def write(path: Path, blocks: list[SpecBlock], fmt: str, table_layout: str = "grid", **opts) -> Path:
    """Write `blocks` as `fmt`. Options: txt `encoding`; html `charset` (declared; gb2312 is
    encoded as gb18030 like real sites), `title`, `published`, `container` ("zoom" or "none"),
    `word_markup`; pdf `font_size`, `font` ("embedded" Noto CJK subset, or "cid" for the
    non-embedded STSong-Light), `split_rows` (a tall row breaks across a page)."""
    path = Path(path)
    if fmt == "txt":
        layout = "pipe_rows" if table_layout == "grid" else table_layout
        path.write_bytes(render_txt(blocks, layout).encode(opts.get("encoding", "utf-8")))
    elif fmt == "docx":
        write_docx(path, blocks)
    elif fmt == "html":
        charset = opts.get("charset", "utf-8")
        page = render_html(blocks, charset=charset, title=opts.get("title"), published=opts.get("published"),
                           container=opts.get("container", "zoom"), word_markup=opts.get("word_markup", True))
        path.write_bytes(page.encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset))
    elif fmt == "pdf":
        from gxaudit.synth.render_pdf import write_pdf

        write_pdf(path, blocks, font_size=opts.get("font_size", 10.5), font=opts.get("font", "embedded"),
                  split_rows=opts.get("split_rows", False))
    elif fmt == "xlsx":
        write_xlsx(path, blocks)
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {FORMATS}")
    return path


# --------------------------------------------------------------------------- txt


def render_txt(blocks: list[SpecBlock], layout: str) -> str:
    if layout not in TXT_LAYOUTS:
        raise ValueError(f"unknown txt table layout {layout!r}; one of {TXT_LAYOUTS}")
    lines: list[str] = []
    for b in blocks:
        if b.kind != "table":
            lines.append(b.text)
            continue
        covered = b.origin()
        for r, row in enumerate(b.rows):
            # flattened text keeps a merged cell once, at its origin, as copy-paste does
            cells = ["" if (r, c) in covered else v for c, v in enumerate(row)]
            if layout == "pipe_cells":
                lines.extend(f"{v} |" if v else "|" for c, v in enumerate(cells) if (r, c) not in covered)
                lines.append("|||")
            elif layout == "pipe_rows":
                lines.append("| " + " | ".join(cells) + " |")
            elif layout == "tab":
                lines.append("\t".join(cells))
            else:
                lines.append("  ".join(cells))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- docx


def write_docx(path: Path, blocks: list[SpecBlock]) -> None:
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for b in blocks:
        if b.kind == "heading":
            doc.add_heading(b.text, level=min(max(b.level, 0), 9))
        elif b.kind == "paragraph":
            doc.add_paragraph(b.text)
        else:
            ncols = len(b.rows[0])
            table = doc.add_table(rows=len(b.rows), cols=ncols)
            table.style = "Table Grid"
            # `table.cell(r, c)` rebuilds the whole grid on every call (~1 s a report); the cells
            # fetched once stay valid through the merges, which only remove covered cells.
            cells = table._cells
            for r, c, rs, cs in b.spans:
                if rs > 1 or cs > 1:
                    cells[r * ncols + c].merge(cells[(r + rs - 1) * ncols + c + cs - 1])
            covered = b.origin()
            for r, row in enumerate(b.rows):
                for c, v in enumerate(row):
                    if (r, c) not in covered and v:
                        cells[r * ncols + c].text = v
    doc.save(str(path))


# --------------------------------------------------------------------------- html

_CHROME_TOP = """<div class="header"><div class="logo">{site}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="left-menu"><ul><li><a href="/zwgk/zn/">政府信息公开指南</a></li><li><a href="/zwgk/zd/">政府信息公开制度</a></li><li><a href="/zwgk/nb/">政府信息公开年报</a></li></ul></div>
"""
_CHROME_BOTTOM = """<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a1.html">关于做好政务公开工作的通知</a></li><li><a href="/a2.html">政府信息公开指南（2024年版）</a></li></ul></div>
<div class="footer"><p>主办单位：{site}办公室 地址：示例路1号</p><p>网站标识码：3500000001 闽ICP备12345678号</p></div>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
"""


def _cell_html(text: str, word: bool) -> str:
    esc = _html.escape(text)
    if not word:
        return esc
    return f'<p class="MsoNormal" style="text-align:center"><span style="font-size:10.5pt;font-family:宋体">{esc}</span><span lang="EN-US"><o:p></o:p></span></p>'


def _table_html(b: SpecBlock, word: bool) -> str:
    covered = b.origin()
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">', "<tbody>"]
    for r, row in enumerate(b.rows):
        out.append('<tr style="height:20pt">')
        for c, v in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = b.span_at(r, c)
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            out.append(f'<td{attrs} style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">{_cell_html(v, word)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(blocks: list[SpecBlock], charset: str = "utf-8", title: str | None = None,
                published: str | None = None, container: str = "zoom", word_markup: bool = True) -> str:
    esc = _html.escape
    if title is None:
        title = next((b.text for b in blocks if b.kind == "heading"), "")
    site = "示例县人民政府"
    body: list[str] = []
    if word_markup:  # Word's conditional comment, escaped into visible text by a CMS editor
        body.append("<p>&lt;!--[if gte mso 9]&gt;&lt;xml&gt;&lt;w:WordDocument&gt;&lt;/w:WordDocument&gt;&lt;/xml&gt;&lt;![endif]--&gt;</p>")
    for b in blocks:
        if b.kind == "heading":
            lv = min(max(b.level, 1), 6)
            body.append(f"<h{lv}>{esc(b.text)}</h{lv}>")
        elif b.kind == "paragraph":
            if word_markup:
                body.append(f'<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span style="font-family:仿宋_GB2312;font-size:16pt">{esc(b.text)}</span><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>')
            else:
                body.append(f"<p>{esc(b.text)}</p>")
        else:
            body.append(_table_html(b, word_markup))
    inner = "\n".join(body)
    if container == "zoom":
        article = f'<div id="zoom" class="TRS_Editor">\n{inner}\n</div>'
    else:
        article = f'<div class="wz">\n{inner}\n</div>'
    info = f'<div class="info"><span>发布日期：{esc(published)}</span> <span>来源：{site}</span> <span>浏览次数：128</span></div>' if published else ""
    meta_pub = f'<meta name="PubDate" content="{esc(published)}">' if published else ""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{esc(title)}">{meta_pub}
<title>{esc(title)}_政府信息公开年报_{site}</title>
<style>.nav li {{ display:inline }} body {{ font-family: 宋体 }}</style>
<script>function printPage() {{ window.print(); }}</script>
</head><body>
{_CHROME_TOP.format(site=site)}<div class="main"><div class="article">
<h1 class="title">{esc(title)}</h1>
{info}
{article}
</div></div>
<!-- 页面底部 -->
{_CHROME_BOTTOM.format(site=site)}</body></html>
"""


# --------------------------------------------------------------------------- xlsx


def write_xlsx(path: Path, blocks: list[SpecBlock]) -> None:
    """One sheet per table (表1, 表2 …); a document without tables gets its text in column A."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    fmt = wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
    tables = [b for b in blocks if b.kind == "table"]
    for n, b in enumerate(tables, start=1):
        ws = wb.add_worksheet(f"表{n}")
        covered = b.origin()
        for r, row in enumerate(b.rows):
            for c, v in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, cs = b.span_at(r, c)
                if rs > 1 or cs > 1:
                    ws.merge_range(r, c, r + rs - 1, c + cs - 1, v, fmt)
                else:
                    ws.write_string(r, c, v, fmt)
    if not tables:
        ws = wb.add_worksheet("正文")
        for r, b in enumerate(x for x in blocks if x.text):
            ws.write_string(r, 0, b.text)
    wb.close()
