"""A .pdf: pypdfium2 for a quick page count and text-layer check, pdfplumber for text in
reading order and ruled tables (ECOSYSTEM §5).

A PDF without a text layer is a scan: `needs_ocr`, never an empty document. Tables that run
over a page break are stitched when the next page opens with a table of the same width.
"""

from __future__ import annotations

import bisect
import re

from gxaudit.ingest.common import Ctx, Parts, join_wrapped, unwrap
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import Placed, build
from gxaudit.model import Block

_PAGE_NO = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*页?(\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–\s]*$")
_MIN_CHARS = 10  # a page with images and fewer characters than this is a scan (stamped page numbers)


def triage(ctx: Ctx) -> tuple[int, list[int], bool]:
    """(page count, characters per page, any page images) without pdfminer's cost."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(str(ctx.path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise fail(ctx.name, "encrypted") from None
        raise fail(ctx.name, "corrupt", f"PDF 无法打开：{msg}") from None
    try:
        n = len(pdf)
        if n > ctx.limits.max_pdf_pages:
            raise fail(ctx.name, "too_many_pages", f"共{n}页，上限{ctx.limits.max_pdf_pages}页")
        counts, images = [], False
        for i in range(n):
            page = pdf[i]
            tp = page.get_textpage()
            counts.append(sum(1 for ch in tp.get_text_range() if not ch.isspace()))
            tp.close()
            if not images and counts[-1] < _MIN_CHARS:
                images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            page.close()
        return n, counts, images
    finally:
        pdf.close()


def read(ctx: Ctx) -> Parts:
    n, counts, images = triage(ctx)
    if n == 0 or sum(counts) == 0 or (images and sum(counts) < _MIN_CHARS * n):
        raise fail(ctx.name, "needs_ocr")
    blank = [i + 1 for i, c in enumerate(counts) if c == 0]
    if blank:
        ctx.warnings.append(f"{ctx.name}：第{'、'.join(map(str, blank[:10]))}页没有文字层（可能是扫描页），其内容未读取")
    import pdfplumber

    parts = Parts()
    with pdfplumber.open(str(ctx.path)) as doc:
        for pno, page in enumerate(doc.pages, start=1):
            if counts[pno - 1]:
                _page(page, pno, ctx.name, parts)
            page.close()
    return parts


def _page(page, pno: int, name: str, parts: Parts) -> None:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, object]] = []
    for t in tables:
        rows, merged = table_grid(t)
        if rows:
            items.append((t.bbox[1], "table", (rows, merged)))

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = text_page.extract_text_lines(layout=False, strip=True, return_chars=False)
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
    last.rows.extend(rows)
    if last.merged is not None:
        last.merged.extend(merged)
    return True


def table_grid(table) -> tuple[list[list[str]], list[list[bool]]]:
    """Cells from pdfplumber's bounding boxes: a box over two column bands is a colspan."""
    cells = [c for row in table.rows for c in row.cells if c is not None]
    if not cells:
        return [], []
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})
    text_rows = table.extract()

    def idx(axis, v):
        return min(bisect.bisect_left(axis, round(v, 1) - 0.5), len(axis) - 1)

    placed = []
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            text = text_rows[r][c] if r < len(text_rows) and c < len(text_rows[r]) else ""
            c0, c1 = idx(xs, box[0]), idx(xs, box[2])
            r0, r1 = idx(ys, box[1]), idx(ys, box[3])
            placed.append(Placed(r0, c0, unwrap(text or ""), max(r1 - r0, 1), max(c1 - c0, 1)))
    return build(placed, nrows=len(ys) - 1)

