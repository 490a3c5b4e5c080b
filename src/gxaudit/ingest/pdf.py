"""A .pdf: pypdfium2 for characters, rulings and the text-layer check; pdfplumber's table
finder on the pages that have a ruled grid (ECOSYSTEM §5). pdfminer never runs: it cost
~60 ms a page, pdfium ~1-3 ms.

A PDF without a text layer is a scan: `needs_ocr`, never an empty document. Tables that run
over a page break are stitched when the next page opens with a table of the same width.
"""

from __future__ import annotations

import bisect
import re
from types import SimpleNamespace

from gxaudit.ingest import pdfgeom
from gxaudit.ingest.common import Ctx, Parts, join_wrapped, unwrap
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import Placed, build
from gxaudit.model import Block

_PAGE_NO = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*页?(\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–\s]*$")
_NUMBER = re.compile(r"^[\s\d.,，．%％０-９\-—–]+$")
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
    for pno, ((found, _, rulings), count) in enumerate(zip(pages, counts), start=1):
        if count:
            _page(found, rulings, pno, ctx.name, parts)
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


def _page(found: list[pdfgeom.Char], rulings: list[dict], pno: int, name: str, parts: Parts) -> None:
    tables = find_tables(rulings, found)
    boxes = [box for box, _, _ in tables]
    items: list[tuple[float, str, object]] = [(box[1], "table", (rows, merged)) for box, rows, merged in tables if rows]

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
            rows, merged = obj
            if not (first and _stitch(parts, rows, merged)):
                parts.table(rows, merged, file=name, page=pno)
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


def _continues(prev: dict, line: dict, left: float, right: float, body: float) -> bool:
    """A wrapped line: the one before reached the right margin, this one is not indented,
    both are set in the same size."""
    same_size = abs((prev["bottom"] - prev["top"]) - (line["bottom"] - line["top"])) < 0.15 * body
    return same_size and prev["x1"] >= right - 4 * body and line["x0"] <= left + 0.5 * body


def _stitch(parts: Parts, rows, merged) -> bool:
    """Append a table that opens a page to the previous page's closing table of equal width."""
    last: Block | None = parts.blocks[-1] if parts.blocks else None
    if last is None or last.kind != "table" or not last.rows or len(last.rows[0]) != len(rows[0]):
        return False
    if rows and rows[0] == last.rows[0]:  # header row repeated on the new page
        rows, merged = rows[1:], merged[1:]
    if rows and is_cut_row(last.rows[-1], rows[0]):
        join_cut_row(last.rows, last.merged, rows[0])
        rows, merged = rows[1:], merged[1:]
    last.rows.extend(rows)
    if last.merged is not None:
        last.merged.extend(merged)
    return True


def is_cut_row(prev: list[str], first: list[str]) -> bool:
    """The first row of a continuation is the rest of a row the page break cut (ECOSYSTEM §5):
    it holds only wrapped words, each under a cell of the row above that has text, and is
    empty where that row has text elsewhere. A row of numbers under numbers, or one filling
    cells the row above left empty, is a row of its own."""
    filled = [i for i, v in enumerate(first) if v]
    if not filled or len(filled) == len(first):
        return False
    if any(not prev[i] or _NUMBER.match(first[i]) for i in filled):
        return False
    return any(prev[i] for i, v in enumerate(first) if not v)


def join_cut_row(rows: list[list[str]], merged: list[list[bool]] | None, first: list[str]) -> None:
    """Append the cut-off text to the last row; a cell merged down from above gets it too."""
    last = len(rows) - 1
    for c, tail in enumerate(first):
        if not tail:
            continue
        old = rows[last][c]
        new = join_wrapped(old, tail)
        r = last
        while r >= 0 and rows[r][c] == old:
            rows[r][c] = new
            if merged is None or not merged[r][c]:
                break
            r -= 1


def find_tables(rulings: list[dict], found: list[pdfgeom.Char]) -> list[tuple[tuple, list, list]]:
    """pdfplumber's table finder (lines strategy, default settings) on pdfium's rulings:
    (bbox, rows, merged) per table, top to bottom. Pages without a grid skip it."""
    if not pdfgeom.has_ruling(rulings):
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(SimpleNamespace(edges=rulings, bbox=(0, 0, 0, 0)))
    out = []
    for table in sorted(finder.tables, key=lambda t: (t.bbox[1], t.bbox[0])):
        rows, merged = table_grid(table, found)
        out.append((table.bbox, rows, merged))
    return out


def table_grid(table, found: list[pdfgeom.Char]) -> tuple[list[list[str]], list[list[bool]]]:
    """Cells from pdfplumber's bounding boxes: a box over two column bands is a colspan."""
    cells = [c for row in table.rows for c in row.cells if c is not None]
    if not cells:
        return [], []
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})
    boxes = [box for row in table.rows for box in row.cells if box is not None]
    texts = pdfgeom.texts_in(found, boxes)

    def idx(axis, v):
        return min(bisect.bisect_left(axis, round(v, 1) - 0.5), len(axis) - 1)

    placed = []
    for box, text in zip(boxes, texts):
        c0, c1 = idx(xs, box[0]), idx(xs, box[2])
        r0, r1 = idx(ys, box[1]), idx(ys, box[3])
        placed.append(Placed(r0, c0, unwrap(text), max(r1 - r0, 1), max(c1 - c0, 1)))
    return build(placed, nrows=len(ys) - 1)
