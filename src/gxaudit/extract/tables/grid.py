"""A table block's grid (merged cells repeated) → rows of `C` cells with copies marked.

The reader gives every grid cell; a cell spanning three columns appears three times. The
mapping works by header text and cell order, so here we only say which grid cells are copies
of a merged cell (from `Block.merged` when the reader kept it, otherwise inferred for text
cells: same text as the cell to the left or above) and how far each real cell reaches.
Values are never inferred to be copies: two equal numbers side by side are two cells unless
the reader said they were one.
"""

from __future__ import annotations

from gxaudit.extract.tables.rows import C, is_value
from gxaudit.model import Block


def grid_rows(block: Block) -> list[list[C]]:
    rows = block.rows or []
    merged = block.merged
    out: list[list[C]] = []
    for r, row in enumerate(rows):
        flags = _copy_flags(rows, merged, r)
        cells: list[C] = []
        for c, text in enumerate(row):
            text = text or ""
            span = 1
            if not flags[c]:
                k = c + 1
                while (
                    k < len(row)
                    and flags[k]
                    and (row[k] or "") == text
                    and not _from_above(rows, merged, r, k)
                ):
                    span += 1
                    k += 1
            cells.append(C(text, block.loc, c, span, flags[c], r))  # to_cell adds row/col to loc
        if any(not x.copy or x.text.strip() for x in cells):
            out.append(cells)
    return out


def _copy_flags(rows: list[list[str]], merged: list[list[bool]] | None, r: int) -> list[bool]:
    row = rows[r]
    if merged is not None and r < len(merged) and len(merged[r]) == len(row):
        return [bool(x) for x in merged[r]]
    flags = []
    for c, text in enumerate(row):
        t = (text or "").strip()
        if not t or is_value(t):
            flags.append(False)
            continue
        left = c > 0 and (row[c - 1] or "").strip() == t
        above = r > 0 and c < len(rows[r - 1]) and (rows[r - 1][c] or "").strip() == t
        flags.append(bool(left or above))
    return flags


def _from_above(rows: list[list[str]], merged: list[list[bool]] | None, r: int, c: int) -> bool:
    """A copy that came down from the row above (rowspan), not from the left (colspan)."""
    if r == 0 or c >= len(rows[r - 1]):
        return False
    above = (rows[r - 1][c] or "").strip()
    left = (rows[r][c - 1] or "").strip() if c > 0 else None
    return above == (rows[r][c] or "").strip() and left != above


def header_cells(row: list[C]) -> list[C]:
    """A header row as printed once: no merged copies, no empty cells."""
    return [c for c in row if not c.copy and c.text.strip()]
