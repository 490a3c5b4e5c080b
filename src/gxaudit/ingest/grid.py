"""Merged-cell expansion shared by the docx, html, pdf and xlsx readers.

Every reader describes a table as cells with spans; this module turns them into the grid the
model promises: a cell spanning three columns appears three times, copies marked in `merged`.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SPAN = 1000  # HTML caps colspan at 1000; a bigger number is junk or an attack
MAX_CELLS = 2_000_000  # one table; a real one has hundreds, a 10,000-row log 200,000


class GridTooLarge(ValueError):
    """Spans that would expand one table past MAX_CELLS: refused before allocating it."""


@dataclass
class Span:
    """A cell as a format states it: text plus how far it reaches."""

    text: str
    colspan: int = 1
    rowspan: int = 1  # 0 = to the end of the table (HTML)


@dataclass
class Placed:
    """A cell whose top-left grid position is already known (pdf, xlsx, docx)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def _clamp(n: int | None) -> int:
    try:
        n = int(n or 1)
    except (TypeError, ValueError):
        return 1
    return max(1, min(n, MAX_SPAN))


def place_rows(rows: list[list[Span]]) -> list[Placed]:
    """HTML table model: each cell goes to the next free column of its row."""
    taken: set[tuple[int, int]] = set()
    out: list[Placed] = []
    nrows = len(rows)
    area = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            cs = _clamp(cell.colspan)
            rs = nrows - r if cell.rowspan == 0 else _clamp(cell.rowspan)
            rs = min(rs, nrows - r)
            area += rs * cs
            if area > MAX_CELLS:
                raise GridTooLarge(f"{area} cells")
            out.append(Placed(r, c, cell.text, rs, cs))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
    return out


def build(cells: list[Placed], nrows: int | None = None) -> tuple[list[list[str]], list[list[bool]]]:
    """Fill a rectangular grid; where two spans overlap, the first one placed wins."""
    if not cells:
        return [], []
    nrows = nrows or max(p.row + p.rowspan for p in cells)
    ncols = max(p.col + p.colspan for p in cells)
    if nrows * ncols > MAX_CELLS:
        raise GridTooLarge(f"{nrows}×{ncols}")
    grid: list[list[str | None]] = [[None] * ncols for _ in range(nrows)]
    merged = [[False] * ncols for _ in range(nrows)]
    for p in cells:
        for dr in range(p.rowspan):
            for dc in range(p.colspan):
                r, c = p.row + dr, p.col + dc
                if r < nrows and grid[r][c] is None:
                    grid[r][c] = p.text
                    merged[r][c] = bool(dr or dc)
    rows = [[t if t is not None else "" for t in row] for row in grid]
    return rows, merged


def expand(rows: list[list[Span]]) -> tuple[list[list[str]], list[list[bool]]]:
    return build(place_rows(rows), nrows=len(rows))
