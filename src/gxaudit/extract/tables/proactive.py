"""Rows of cells → the canonical `proactive` table (二、主动公开政府信息情况), 2021 or 2019 variant.

The printed table is a stack of sub-tables, each a caption row (第二十条第（X）项), a header
row (信息内容 | column names) and data rows. The variant is decided by the labels printed
(本年制发件数 → 2021; 本年新制作数量 / 上一年项目数量 / 第二十条第（九）项 → 2019), falling back to
the report year. Header names cut short (`本年新`, `本年新`) are resolved by their position
among the article's known columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gxaudit.extract.numbers import clean
from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.grid import header_cells
from gxaudit.extract.tables.rows import C, Leaf, assign, blank_row, is_value, split_row, to_cell
from gxaudit.extract.tables.templates import (
    ARTICLE_CAPTIONS,
    INFO_HEADER,
    PROACTIVE,
    PROACTIVE_UNITS,
    VARIANT_MARKERS,
    Article,
    Label,
)
from gxaudit.model import Cell, Table

_CAPTIONS = tuple(Label(k, v) for k, v in ARTICLE_CAPTIONS.items())
_UNIT_IN_HEADER = re.compile(r"单位[:：]?\s*([^）)]+)")


def detect_variant(rows: Sequence[Sequence[C]], year: int | None) -> tuple[str | None, str]:
    """('2021' | '2019' | None, how): by printed labels, else by the report year."""
    votes = {"2021": 0, "2019": 0}
    markers = {v: {L.normalize(m) for m in ms} for v, ms in VARIANT_MARKERS.items()}
    for row in rows:
        for c in row:
            n = L.normalize(c.text)
            if not n or is_value(c.text):
                continue
            for v, ms in markers.items():
                if n in ms:
                    votes[v] += 1
    if votes["2021"] != votes["2019"]:
        return max(votes, key=lambda k: votes[k]), "labels"
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), "year"
    return None, "none"


def read_proactive(
    rows: Sequence[Sequence[C]], year: int | None, where: str
) -> tuple[Table | None, list[str]]:
    variant, _how = detect_variant(rows, year)
    warnings: list[str] = []
    if variant is None:
        variant = "2021"
        warnings.append(f"{where}：无法判断主动公开表的格式（2019或2021），按2021年格式读取")
    arts = PROACTIVE[variant]
    all_rows = tuple(r for a in arts for r in a.rows)
    cells: dict[str, dict[str, Cell]] = {}
    extra: dict[str, dict[str, Cell]] = {}
    unplaced: list[str] = []
    units = dict(PROACTIVE_UNITS[variant])
    art: Article | None = None
    head: list[C] | None = None
    for row in rows:
        texts = [c for c in row if c.text.strip()]
        if not texts:
            continue
        cap = L.match(texts[0].text, _CAPTIONS)
        if cap.key and all(not is_value(c.text) for c in texts):
            art = next((a for a in arts if a.key == cap.key), None)
            head = None
            if art is None:
                warnings.append(f"{where}：主动公开表“{texts[0].text.strip()}”不属于{variant}年格式")
            continue
        if L.match(texts[0].text, (INFO_HEADER,)).key or _all_headers(texts, arts):
            head = [c for c in header_cells(list(row)) if not L.match(c.text, (INFO_HEADER,)).key]
            continue
        first_col = min((c.col for c in head if c.col is not None), default=None) if head else None
        labs, values = split_row(row, first_col)
        if not labs:
            continue
        label = "".join(c.text.strip() for c in labs)
        m = L.match(label, art.rows if art else all_rows)
        if m.key is None and art is not None:
            m = L.match(label, all_rows)
        if m.key is None:
            if values and not blank_row(values) or any(v.text.strip() for v in values):
                extra[label] = _extra_cells(values, head, art)
                warnings.append(f"{where}：主动公开表行“{label}”无法对应到标准行，已单独保留，请核对行名")
            continue
        row_art = next(a for a in arts if m.key in {r.key for r in a.rows})
        if art is None or art.key != row_art.key:
            art, head = row_art, head if art is None else None
        leaves = _resolve_header(head, art)
        if leaves is None:
            leaves = [Leaf(c.key, None) for c in art.cols]
            if head:
                warnings.append(f"{where}：主动公开表{art.caption}的表头无法识别，按标准列顺序读取")
        placed, problems = assign(values, leaves)
        for p in problems:
            unplaced.append(f"{label}：{p}")
            warnings.append(f"{where}：主动公开表行“{label}”{p}")
        if m.key in cells:
            warnings.append(f"{where}：主动公开表行“{label}”重复出现，保留第一次")
            continue
        cells[m.key] = {k: to_cell(c) for k, c in placed.items()}
        for k, lf in zip([x.key for x in leaves], leaves):
            u = _header_unit(lf.cell.text) if lf.cell is not None else None
            if u:
                units[f"{m.key}.{k}"] = u
        for k, cell in cells[m.key].items():
            if cell.unit and f"{m.key}.{k}" not in units:
                units[f"{m.key}.{k}"] = cell.unit
    if not cells and not extra:
        return None, warnings
    order = [r.key for r in all_rows]
    cells = dict(sorted(cells.items(), key=lambda kv: order.index(kv[0])))
    units = {k: v for k, v in units.items() if k.split(".")[0] in cells}
    return (
        Table(
            key="proactive", variant=variant, cells=cells, units=units, extra_rows=extra, unplaced=unplaced
        ),
        warnings,
    )


def _extra_cells(values: list[C], head: list[C] | None, art: Article | None) -> dict[str, Cell]:
    """An unmapped row's cells keyed like the columns above it: the article's column key when
    the header is known, else the printed header word; the position only when nothing is."""
    if art is not None:
        leaves = _resolve_header(head, art) or [Leaf(c.key, None) for c in art.cols]
        placed, problems = assign(values, leaves)
        if placed and not problems:
            return {k: to_cell(c) for k, c in placed.items()}
    cells = [v for v in values if not v.copy]
    if head and len(head) == len(cells):
        return {h.text.strip(): to_cell(v) for h, v in zip(head, cells)}
    return {str(i): to_cell(v) for i, v in enumerate(cells)}


def _all_headers(texts: list[C], arts: Sequence[Article]) -> bool:
    cols = tuple({c.key + a.key: c._replace(key=c.key) for a in arts for c in a.cols}.values())
    return len(texts) >= 1 and all(not is_value(c.text) and L.match(c.text, cols).score >= 95 for c in texts)


def _header_unit(text: str) -> str | None:
    m = _UNIT_IN_HEADER.search(clean(text))
    return m.group(1) if m else None


def _resolve_header(head: list[C] | None, art: Article) -> list[Leaf] | None:
    """Header cells → the article's column keys, by text, then by position for cut-short names."""
    if not head:
        return None
    expected = art.cols
    items = [(c, L.match(c.text, expected)) for c in head]
    keys = [m.key for _, m in items]
    if all(keys) and len(set(keys)) == len(keys):
        return [Leaf(k, c) for (c, _), k in zip(items, keys)]
    # merged header repeated once per grid column (本年处理决定数量 ×3): collapse exact repeats
    collapsed: list[tuple[C, L.Match]] = []
    for c, m in items:
        if collapsed and m.key and collapsed[-1][1].key == m.key:
            prev = collapsed[-1][0]
            collapsed[-1] = (prev._replace(span=prev.span + max(1, c.span)), m)
        else:
            collapsed.append((c, m))
    if all(m.key for _, m in collapsed) and len({m.key for _, m in collapsed}) == len(collapsed):
        return [Leaf(m.key, c) for c, m in collapsed]
    if len(items) == len(expected):
        out = []
        for (c, m), exp in zip(items, expected):
            if m.key == exp.key or exp.key in m.tied or m.key is None and m.score >= 40:
                out.append(Leaf(exp.key, c))
            else:
                return None
        return out
    return None
