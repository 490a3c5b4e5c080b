"""Rows of cells → the canonical `review_litigation` table (四、行政复议、行政诉讼情况).

The printed table has a two- or three-row header (行政复议 | 行政诉讼 → 未经复议直接起诉 |
复议后起诉, each × 结果维持 … 总计) over a single data row of 15 numbers. The header is
expanded against the official column tree so the 15 cells land on group × result by header
text and order, whichever row a merged header cell was printed in.
"""

from __future__ import annotations

from collections.abc import Sequence

from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.grid import header_cells
from gxaudit.extract.tables.rows import (
    C,
    Leaf,
    assign,
    blank_row,
    expand_header,
    is_value,
    review_tree,
    split_row,
    to_cell,
)
from gxaudit.extract.tables.templates import REVIEW_COLS, REVIEW_GROUPS, REVIEW_PARENT
from gxaudit.extract.tables.vertical import fix_header_rows
from gxaudit.model import Cell, Table

_HEAD_LABELS = REVIEW_COLS + REVIEW_GROUPS + (REVIEW_PARENT,)


def read_review(rows: Sequence[Sequence[C]], where: str) -> tuple[Table | None, list[str]]:
    warnings: list[str] = []
    rows = fix_header_rows(rows, _HEAD_LABELS)
    start = None
    for i, row in enumerate(rows):
        vals = [c for c in row if not c.copy]
        texts = [c for c in vals if c.text.strip() and not is_value(c.text)]
        numeric = all(is_value(c.text) for c in vals[len(texts) :])
        if (
            len(vals) >= 3
            and numeric
            and not _is_header(texts)
            and (i > 0 or any(c.text.strip() for c in vals))
        ):
            start = i
            break
    if start is None:
        return None, []
    head = [header_cells(list(r)) for r in rows[:start]]
    leaves, notes = expand_header([h for h in head if h], review_tree())
    warnings += [f"{where}：{n}" for n in notes]
    if not any("." in lf.key for lf in leaves):
        leaves = [Leaf(f"{g.key}.{c.key}", None) for g in REVIEW_GROUPS for c in REVIEW_COLS]
        warnings.append(f"{where}：复议诉讼表未识别到表头，按标准列顺序读取，请核对")
    cols = [lf.cell.col for lf in leaves if lf.cell is not None and lf.cell.col is not None]
    first_col = min(cols) if cols else None
    cells: dict[str, dict[str, Cell]] = {}
    unplaced: list[str] = []
    seen = False
    for i, row in enumerate(rows[start:]):
        _, values = split_row(row, first_col)
        if i and (not values or blank_row(values) and not any(v.text.strip() for v in values)):
            continue  # an empty trailing row; the first data row is read even when all blank
        if seen:
            text = " ".join(c.text.strip() for c in row if not c.copy)
            unplaced.append(f"多余的数据行：{text[:60]}")
            warnings.append(f"{where}：复议诉讼表有多于一行的数据，只读取第一行，请核对")
            continue
        seen = True
        placed, problems = assign(values, leaves)
        for p in problems:
            unplaced.append(p)
            warnings.append(f"{where}：复议诉讼表{p}")
        for key, c in placed.items():
            if "." not in key:
                continue
            g, col = key.split(".", 1)
            cells.setdefault(g, {})[col] = to_cell(c)
    if not cells:
        return None, warnings
    order = [g.key for g in REVIEW_GROUPS]
    corder = [c.key for c in REVIEW_COLS]
    cells = {
        g: dict(sorted(cells[g].items(), key=lambda kv: corder.index(kv[0]) if kv[0] in corder else 99))
        for g in order
        if g in cells
    }
    return Table(key="review_litigation", variant=None, cells=cells, unplaced=unplaced), warnings


def _is_header(texts: list[C]) -> bool:
    return any(L.match(c.text, _HEAD_LABELS).key for c in texts)
