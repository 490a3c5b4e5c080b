"""A .pdf: pypdfium2 for characters, rulings and the text-layer check; pdfplumber's table
finder on the pages that have a ruled grid (ECOSYSTEM §5). pdfminer never runs: it cost
~60 ms a page, pdfium ~1-3 ms.

A PDF without a text layer is a scan: `needs_ocr`, never an empty document. Tables that run
over a page break are stitched by `pdftables`.
"""

from __future__ import annotations

import re

from gxaudit.ingest import pdfgeom, pdftables
from gxaudit.ingest.common import Ctx, Parts, join_wrapped
from gxaudit.ingest.errors import fail

_PAGE_NO = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*页?(\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–\s]*$")
_MIN_CHARS = 10  # a page with images and fewer characters than this is a scan (stamped page numbers)


def read(ctx: Ctx) -> Parts:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(ctx.path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise fail(ctx.name, "encrypted") from None
        raise fail(ctx.name, "corrupt", f"PDF 无法打开：{msg}") from None
    try:
        pages = _scan(pdf, ctx)
    finally:
        pdf.close()
    counts = [sum(1 for ch in found if not ch.text.isspace()) for found, _, _ in pages]
    n = len(pages)
    images = any(img for _, img, _ in pages)
    if n == 0 or sum(counts) == 0 or (images and sum(counts) < _MIN_CHARS * n):
        raise fail(ctx.name, "needs_ocr")
    blank = [i + 1 for i, c in enumerate(counts) if c == 0]
    if blank:
        ctx.warnings.append(f"{ctx.name}：第{'、'.join(map(str, blank[:10]))}页没有文字层（可能是扫描页），其内容未读取")
    parts = Parts()
    open_row: list[bool] = []  # the last table's bottom row: which cells end on a full line
    for pno, ((found, _, rulings), count) in enumerate(zip(pages, counts), start=1):
        if count:
            open_row = _page(found, rulings, pno, ctx.name, parts, open_row)
    return parts


def _scan(pdf, ctx: Ctx) -> list[tuple[list[pdfgeom.Char], bool, list[dict]]]:
    """Every page's characters, whether it is image-only, and its rulings."""
    import pypdfium2.raw as pdfium_c

    n = len(pdf)
    if n > ctx.limits.max_pdf_pages:
        raise fail(ctx.name, "too_many_pages", f"共{n}页，上限{ctx.limits.max_pdf_pages}页")
    out = []
    for i in range(n):
        page = pdf[i]
        try:
            height = page.get_height()
            tp = page.get_textpage()
            try:
                found = pdfgeom.chars(tp, height)
            finally:
                tp.close()
            inked = sum(1 for ch in found if not ch.text.isspace())
            images = inked < _MIN_CHARS and any(
                True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            rulings = pdfgeom.edges(page, height) if inked else []
        finally:
            page.close()
        out.append((found, images, rulings))
    return out


def _page(found: list[pdfgeom.Char], rulings: list[dict], pno: int, name: str, parts: Parts,
          open_row: list[bool]) -> list[bool]:
    """Blocks of one page in reading order; returns `open_row` for the next page's stitch."""
    tables = pdftables.find_tables(rulings, found)
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, object]] = [(t.bbox[1], "table", t) for t in tables if t.rows]

    def outside(ch: pdfgeom.Char) -> bool:
        return not any(x0 <= ch.cx <= x1 and top <= ch.cy <= bottom for x0, top, x1, bottom in boxes)

    lines = pdfgeom.lines([ch for ch in found if outside(ch)] if boxes else found)
    right = max((ln["x1"] for ln in lines), default=0)
    left = min((ln["x0"] for ln in lines), default=0)
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines)
    body = heights[len(heights) // 2] if heights else 10.0
    for ln in lines:
        items.append((ln["top"], "line", ln))
    items.sort(key=lambda it: it[0])
    for end in (-1, 0):  # a page number printed above or below the page body
        if items and items[end][1] == "line" and _PAGE_NO.match(items[end][2]["text"]):
            items.pop(end)
    first = True
    prev = None  # the previous line, while it may continue into the next one
    for _, kind, obj in items:
        if kind == "table":
            if not (first and pdftables.stitch(parts, obj, open_row)):
                parts.table(obj.rows, obj.merged, file=name, page=pno)
            open_row = obj.open_row
            prev = None
        else:
            height = obj["bottom"] - obj["top"]
            last = parts.blocks[-1] if parts.blocks else None
            if prev is not None and _continues(prev, obj, left, right, body) and last is not None:
                last.text = join_wrapped(last.text, obj["text"])
            elif height > 1.2 * body:
                parts.heading(obj["text"], None, file=name, page=pno)
            else:
                parts.para(obj["text"], file=name, page=pno)
            prev = obj
        first = False
    return open_row


def _continues(prev: dict, line: dict, left: float, right: float, body: float) -> bool:
    """A wrapped line: the one before reached the right margin, this one is not indented,
    both are set in the same size."""
    same_size = abs((prev["bottom"] - prev["top"]) - (line["bottom"] - line["top"])) < 0.15 * body
    return same_size and prev["x1"] >= right - 4 * body and line["x0"] <= left + 0.5 * body
