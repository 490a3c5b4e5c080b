"""Ruled tables on a PDF page, and tables continued over a page break.

pdfplumber's TableFinder (lines strategy, default settings) runs on pdfium's rulings; cell
text comes from pdfium's chars. A table that opens a page continues the previous page's
closing table of the same width; a row the page break cut in two is joined back
(ECOSYSTEM §5).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from gxaudit.ingest import pdfgeom
from gxaudit.ingest.common import Parts, join_wrapped, unwrap
from gxaudit.ingest.grid import Placed, build

_NUMBER = re.compile(r"^[\s\d.,，．%％０-９\-—–]+$")
# a row label that starts a new item: （六） 六、 6. 6． (1)
_ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+\s*[.．、])")
MAX_RULINGS = 5000  # the finder is quadratic in rulings; a real page has a few hundred
_FULL = 2.0  # a cell's last line ending closer than this many font sizes to its right edge is full


@dataclass
class Found:
    bbox: tuple[float, float, float, float]
    rows: list[list[str]] = field(default_factory=list)
    merged: list[list[bool]] = field(default_factory=list)
    open_row: list[bool] = field(default_factory=list)  # bottom row: cell's last line runs to its edge


def find_tables(rulings: list[dict], found: list[pdfgeom.Char]) -> list[Found]:
    """Tables top to bottom; a page without two rulings each way skips the finder, and so
    does one drawn with thousands of strokes (a chart or a crafted file, not a table)."""
    if not pdfgeom.has_ruling(rulings) or len(rulings) > MAX_RULINGS:
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(SimpleNamespace(edges=rulings, bbox=(0, 0, 0, 0)))
    return [grid(t, found) for t in sorted(finder.tables, key=lambda t: (t.bbox[1], t.bbox[0]))]


def grid(table, found: list[pdfgeom.Char]) -> Found:
    """Cells from pdfplumber's bounding boxes: a box over two column bands is a colspan."""
    out = Found(bbox=table.bbox)
    boxes = [box for row in table.rows for box in row.cells if box is not None]
    if not boxes:
        return out
    xs = sorted({round(v, 1) for c in boxes for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in boxes for v in (c[1], c[3])})

    def idx(axis, v):
        return min(bisect.bisect_left(axis, round(v, 1) - 0.5), len(axis) - 1)

    placed = []
    ncols = len(xs) - 1
    out.open_row = [False] * ncols
    for box, cell in zip(boxes, pdfgeom.cells_in(found, boxes)):
        c0, c1 = idx(xs, box[0]), idx(xs, box[2])
        r0, r1 = idx(ys, box[1]), idx(ys, box[3])
        placed.append(Placed(r0, c0, unwrap(cell.text), max(r1 - r0, 1), max(c1 - c0, 1)))
        if r1 == len(ys) - 1 and cell.text:
            full = box[2] - cell.last_x1 < _FULL * cell.last_size
            for c in range(c0, min(max(c1, c0 + 1), ncols)):
                out.open_row[c] = full
    out.rows, out.merged = build(placed, nrows=len(ys) - 1)
    return out


def stitch(parts: Parts, table: Found, open_row: list[bool]) -> bool:
    """Append a table that opens a page to the previous page's closing table of equal width."""
    last = parts.blocks[-1] if parts.blocks else None
    rows, merged = table.rows, table.merged
    if last is None or last.kind != "table" or not last.rows or len(last.rows[0]) != len(rows[0]):
        return False
    if rows and rows[0] == last.rows[0]:  # header row repeated on the new page
        rows, merged = rows[1:], merged[1:]
    if rows and is_cut_row(last.rows[-1], rows[0], open_row):
        join_cut_row(last.rows, last.merged, rows[0])
        rows, merged = rows[1:], merged[1:]
    last.rows.extend(rows)
    if last.merged is not None:
        last.merged.extend(merged)
    return True


def is_cut_row(prev: list[str], first: list[str], open_row: list[bool] | None = None) -> bool:
    """The first row of a continuation is the rest of a row the page break cut: it holds
    only words, each under a cell of the row above whose last line ran to the cell's edge,
    none starting a new item, and it is empty where that row has text elsewhere. A row of
    numbers, a group label like （六）其他处理, or one filling cells left empty above is a row
    of its own."""
    filled = [i for i, v in enumerate(first) if v]
    if not filled or len(filled) == len(first):
        return False
    for i in filled:
        if not prev[i] or _NUMBER.match(first[i]) or _ITEM.match(first[i]):
            return False
        if open_row is not None and not (i < len(open_row) and open_row[i]):
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
