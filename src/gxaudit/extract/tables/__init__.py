"""The official tables of an annual report, in canonical keys, from whatever layout was used.

`find_tables(blocks, year)` → ({"proactive" | "applications" | "review_litigation" |
"legacy_stats": Table}, warnings). Steps: locate each table's blocks by its part heading
(locate.py), turn table blocks (grid.py) or flattened text (flattened.py) into rows of cells,
map rows to canonical keys by header text and cell order (proactive.py, applications.py,
review.py), with labels and keys from templates.py.

Hooks for the other table readers (imported lazily; absent modules are simply skipped):

- `gxaudit.extract.tables.legacy.find_legacy_stats(blocks: list[Block])
  -> tuple[Table | None, list[str]]` — the 统计表 of free-form reports; its Table goes under
  "legacy_stats".
- `gxaudit.extract.tables.runtogether.read_runtogether(text: str, loc: Loc, year: int | None)
  -> tuple[dict[str, Table], list[str]]` — called once, with the text of all non-table blocks
  joined by newlines, when an official table is still missing after the layouts here (digits
  run together, as in pingtan page.txt; headings inside one long line). Only the tables still
  missing are taken from it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from gxaudit.extract.tables.applications import read_applications
from gxaudit.extract.tables.flattened import detect_layout, text_lines, to_rows
from gxaudit.extract.tables.grid import grid_rows
from gxaudit.extract.tables.locate import Region, classify_grid, find_regions
from gxaudit.extract.tables.proactive import read_proactive
from gxaudit.extract.tables.review import read_review
from gxaudit.extract.tables.rows import C
from gxaudit.extract.tables.templates import TABLE_KEYS, TABLE_TITLES
from gxaudit.model import Block, Table

NOT_AS_TEXT = "表格未以文字形式提供（可能是图片）"

__all__ = ["NOT_AS_TEXT", "find_tables", "read_rows"]


def read_rows(
    key: str, rows: Sequence[Sequence[C]], year: int | None, where: str, variant: str | None = None
):
    """Map rows of cells to one canonical table (the step after any layout reader)."""
    if key == "proactive":
        return read_proactive(rows, year, where)
    if key == "applications":
        return read_applications(rows, variant or _year_variant(year), where)
    if key == "review_litigation":
        return read_review(rows, where)
    raise KeyError(key)


def find_tables(blocks: list[Block], year: int | None = None) -> tuple[dict[str, Table], list[str]]:
    tables: dict[str, Table] = {}
    warnings: list[str] = []
    claimed: set[int] = set()
    unread: list[Region] = []
    for reg in find_regions(blocks):
        got = _read_region(reg, year, warnings)
        claimed.update(id(b) for b in reg.blocks if b.kind == "table")
        if got is not None:
            _merge(tables, got)
        else:
            unread.append(reg)
    for b in blocks:  # grids with no heading above them
        if b.kind != "table" or id(b) in claimed or not b.rows:
            continue
        key = classify_grid(b.rows)
        if key is None or key in tables:
            continue
        t, w = read_rows(key, grid_rows(b), year, _where(b, key))
        warnings += w
        if t is not None:
            _merge(tables, _stamp(t, "table", b))
    missing = [r for r in unread if r.table not in tables]
    if any(k not in tables for k in TABLE_KEYS):
        _hook_runtogether(blocks, tables, year, warnings)
    for reg in missing:
        if reg.table in tables:
            continue
        where = _where(reg.heading or (reg.blocks[0] if reg.blocks else None), reg.table)
        if any(b.kind == "table" for b in reg.blocks) or detect_layout(text_lines(reg.blocks)):
            warnings.append(f"{where}：表格内容无法对应到标准表格，未读取，请核对表头和行名")
        else:
            warnings.append(f"{where}：{NOT_AS_TEXT}，无法读取表内数据，请提供文字版表格")
    _cross_fill_variant(tables, year)
    _hook_legacy(blocks, tables, warnings)
    return tables, warnings


def _read_region(reg: Region, year: int | None, warnings: list[str]) -> Table | None:
    where = _where(reg.heading or (reg.blocks[0] if reg.blocks else None), reg.table)
    result: Table | None = None
    for b in reg.blocks:
        if b.kind != "table" or not b.rows:
            continue
        key = classify_grid(b.rows) or reg.table
        t, w = read_rows(key, grid_rows(b), year, _where(b, key))
        warnings.extend(w)
        if t is not None and key == reg.table:
            t = _stamp(t, "table", b)
            result = t if result is None else _combine(result, t)
    if result is not None:
        return result
    lines = text_lines(reg.blocks)
    layout = detect_layout(lines) if lines else None
    if layout is not None:
        t, w = read_rows(reg.table, to_rows(lines, layout), year, where)
        warnings.extend(w)
        if t is not None:
            return _stamp(t, "flattened", reg.heading or reg.blocks[0])
    return None


def _where(b: Block | None, key: str) -> str:
    if b is None:
        return f"“{TABLE_TITLES[key]}”"
    return f"{b.loc.short()}“{TABLE_TITLES[key]}”"


def _stamp(t: Table, source: str, b: Block) -> Table:
    return t.model_copy(update={"source": source, "loc": b.loc})


def _combine(a: Table, b: Table) -> Table:
    """A table printed as several grids (one per article): one canonical table."""
    cells = dict(a.cells)
    for k, v in b.cells.items():
        cells.setdefault(k, v)
    return a.model_copy(
        update={
            "cells": cells,
            "units": {**b.units, **a.units},
            "extra_rows": {**b.extra_rows, **a.extra_rows},
            "unplaced": a.unplaced + b.unplaced,
            "variant": a.variant or b.variant,
        }
    )


def _merge(tables: dict[str, Table], t: Table) -> None:
    tables[t.key] = _combine(tables[t.key], t) if t.key in tables else t


def _year_variant(year: int | None) -> str | None:
    if year is None or year < 2019:
        return None
    return "2021" if year >= 2021 else "2019"


def _cross_fill_variant(tables: dict[str, Table], year: int | None) -> None:
    known = next(
        (tables[k].variant for k in ("proactive", "applications") if k in tables and tables[k].variant), None
    )
    fill = known or _year_variant(year)
    for k in TABLE_KEYS:
        if k in tables and tables[k].variant is None and fill:
            tables[k] = tables[k].model_copy(update={"variant": fill})


def _optional(name: str, attr: str) -> Callable | None:
    try:
        mod = importlib.import_module(f"gxaudit.extract.tables.{name}")
    except ImportError:
        return None
    return getattr(mod, attr, None)


def _hook_runtogether(
    blocks: list[Block], tables: dict[str, Table], year: int | None, warnings: list[str]
) -> None:
    fn = _optional("runtogether", "read_runtogether")
    texts = [b for b in blocks if b.kind != "table" and b.text]
    if fn is None or not texts:
        return
    got, w = fn("\n".join(b.text for b in texts), texts[0].loc, year)
    have = [TABLE_TITLES[k] for k in TABLE_KEYS if k in tables]
    wanted = [TABLE_TITLES[k] for k in TABLE_KEYS if k not in tables]
    # its notes on a table already read from a grid or flattened text are about a reading not used
    warnings.extend(x for x in w if not any(h in x for h in have) or any(m in x for m in wanted))
    for key, t in got.items():
        if key in TABLE_KEYS and key not in tables and (t.cells or t.extra_rows):
            tables[key] = t  # a table with no cell found is "not present as text", not a table


def _hook_legacy(blocks: list[Block], tables: dict[str, Table], warnings: list[str]) -> None:
    fn = _optional("legacy", "find_legacy_stats")
    if fn is None:
        return
    t, w = fn(blocks)
    warnings.extend(w)
    if t is not None:
        tables["legacy_stats"] = t
