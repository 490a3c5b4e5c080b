"""A saved government page (.html/.htm): decode the bytes ourselves, keep the article.

lxml given bytes that declare gb2312 but hold GBK characters cuts the page short without a
word (ECOSYSTEM §6), so the page is decoded to str first. Word-exported markup (o:p, &nbsp;,
conditional comments, including ones escaped into visible text) is cleaned on the way.
"""

from __future__ import annotations

import re

from lxml import etree

from gxaudit.ingest.common import Ctx, Parts, squeeze
from gxaudit.ingest.encoding import decode_bytes, guess_note
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import Span, expand
from gxaudit.ingest.htmlpage import chrome_title, date_line, find_article, outside_text, page_meta

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "button",
         "select", "input", "textarea", "svg", "canvas", "nav", "link", "head")
_BLOCK = {"p", "div", "li", "ul", "ol", "section", "article", "blockquote", "pre", "center", "dl", "dt",
          "dd", "header", "footer", "main", "aside", "address", "figure", "figcaption", "caption", "hr",
          "tr", "tbody", "thead", "tfoot", "td", "th", "body", "html"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_COND = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->|<!-*\[(?:end)?if[^\]]*\]-*>|<!\[endif\]-->|<!--\[if[^\]]*\]>", re.DOTALL | re.IGNORECASE)
_PARSER = etree.HTMLParser(no_network=True, remove_pis=True, default_doctype=False)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def decode_page(data: bytes, ctx: Ctx) -> tuple[str, str]:
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    if declared in ("utf-8", "utf8"):
        try:
            return data.decode("utf-8").lstrip("\ufeff"), "utf-8"
        except UnicodeDecodeError:
            pass
    dec = decode_bytes(data, ctx.name)
    if dec.guessed:
        ctx.warnings.append(guess_note(ctx.name, dec))
    return dec.text, dec.encoding


def read(ctx: Ctx) -> Parts:
    text, encoding = decode_page(ctx.path.read_bytes(), ctx)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise fail(ctx.name, "empty", "页面没有内容")
    try:
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise fail(ctx.name, "corrupt", f"HTML 无法解析：{exc}") from None
    parts = Parts(meta={"encoding": encoding, **page_meta(root)})
    _clean(root)
    article, how = find_article(root)
    if how == "density":
        ctx.warnings.append(f"{ctx.name}：未找到已知的正文区域，按文字密度推断正文")
    walker = _Walker(ctx.name)
    walker.walk(article)
    walker.flush()
    _prepend_chrome(root, article, walker, parts)
    parts.blocks.extend(walker.parts.blocks)
    if not any(b.text or b.rows for b in parts.blocks):
        raise fail(ctx.name, "empty", "页面中没有正文")
    return parts


def _prepend_chrome(root, article, walker: _Walker, parts: Parts) -> None:
    """The title and 发布日期 line the CMS prints above the article, unless the body has them;
    the date line goes after the title wherever the title is."""
    head = walker.parts.blocks[:6]
    flat = [b.text.replace(" ", "") for b in head]
    title = parts.meta.get("title") or chrome_title(root, article)
    at = 0  # insert position in the walker's blocks
    if title:
        parts.meta.setdefault("title", title)
        key = title.replace(" ", "")
        joined = ""
        for i, t in enumerate(flat):
            joined += t
            if t and key.endswith(t) and key in joined:
                at = i + 1
                break
        else:
            parts.heading(title, 1, file=walker.name)
    line = date_line(outside_text(root, article))
    if line:
        parts.meta.setdefault("published", line[1])
        if line[1].replace(" ", "") not in "".join(flat):
            walker.parts.para(line[0], file=walker.name)
            walker.parts.blocks.insert(at, walker.parts.blocks.pop())


def _clean(root) -> None:
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for el in list(root.iter(*_DROP)):
        if el.tag == "head":
            continue
        _remove(el)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and (_HIDDEN.search(el.get("style") or "") or el.get("hidden") is not None):
            _remove(el)


def _remove(el) -> None:
    """Drop an element but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def clean_text(s: str) -> str:
    return squeeze(_COND.sub("", s))


class _Walker:
    """Walks the article in document order; inline text accumulates until a block boundary."""

    def __init__(self, name: str, cell_mode: bool = False):
        self.name = name
        self.parts = Parts()
        self.buf: list[str] = []
        self.level: int | None = None
        self.cell_mode = cell_mode
        self.lines: list[str] = []

    def flush(self) -> None:
        text = clean_text("".join(self.buf))
        self.buf = []
        if not text:
            return
        if self.cell_mode:
            self.lines.append(text)
        elif self.level is not None:
            self.parts.heading(text, self.level, file=self.name)
        else:
            self.parts.para(text, file=self.name)

    def walk(self, el) -> None:
        if el.text:
            self.buf.append(el.text)
        for kid in el:
            self.element(kid)

    def element(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag == "table" and not self._is_layout(el):
            self.flush()
            self._table(el)
        elif tag in _HEADINGS:
            self.flush()
            saved, self.level = self.level, _HEADINGS[tag]
            self.walk(el)
            self.flush()
            self.level = saved
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK or tag == "table":
            self.flush()
            self.walk(el)
            self.flush()
        else:
            self.walk(el)
        if el.tail:
            self.buf.append(el.tail)

    @staticmethod
    def _is_layout(table) -> bool:
        cells = table.xpath(".//td|.//th")
        return bool(table.xpath(".//table")) or len(cells) <= 1

    def _table(self, table) -> None:
        rows: list[list[Span]] = []
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            row = []
            for td in tr.xpath("./td|./th"):
                sub = _Walker(self.name, cell_mode=True)
                sub.walk(td)
                sub.flush()
                row.append(Span("\n".join(sub.lines), _int(td.get("colspan")), _int(td.get("rowspan"), zero=True)))
            rows.append(row)
        grid, merged = expand(rows)
        self.parts.table(grid, merged, file=self.name)


def _int(v: str | None, zero: bool = False) -> int:
    m = re.match(r"\s*(\d+)", v or "")
    if not m:
        return 1
    n = int(m.group(1))
    return n if (n or zero) else 1
