"""Rows of cells → the canonical `applications` table (三、收到和处理政府信息公开申请情况).

Row labels are matched inside their group: `1.属于国家秘密` only among 三（三）'s sub-rows,
whose group is known from the label column (grid, merged copy) or from the last group label
printed above (flattened text, where （三）不予公开 appears once). A group label printed with
its own numbers is a subtotal and is kept as an extra row (`refused_subtotal` …); （六）其他处理
with numbers is the 2019 single row `other` unless the 2021 sub-rows follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.grid import header_cells
from gxaudit.extract.tables.rows import (
    C,
    Leaf,
    applications_tree,
    assign,
    blank_row,
    expand_header,
    is_value,
    split_row,
    to_cell,
)
from gxaudit.extract.tables.templates import (
    APP_COL_GROUPS,
    APP_COLS,
    APP_ROW_GROUPS,
    APP_ROWS_2019,
    APP_ROWS_2021,
    SUBTOTAL_SUFFIX,
    Label,
)
from gxaudit.extract.tables.vertical import fix_header_rows
from gxaudit.model import Cell, Table

_ALL_ROWS = tuple({r.key: r for r in APP_ROWS_2021 + APP_ROWS_2019}.values())
_TOP_ROWS = tuple(r for r in _ALL_ROWS if r.group in (None, "results") and r.key != "other")
_SUBGROUPS = {g.key for g in APP_ROW_GROUPS if g.group == "results"}
_NUMBERED = re.compile(r"^\d")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+")


def read_applications(
    rows: Sequence[Sequence[C]], variant_hint: str | None, where: str
) -> tuple[Table | None, list[str]]:
    warnings: list[str] = []
    rows = fix_header_rows(rows, APP_COLS + APP_COL_GROUPS)
    start = _first_data_row(rows)
    if start is None:
        return None, []
    head = [header_cells(list(r)) for r in rows[:start]]
    leaves, notes = expand_header([h for h in head if h], applications_tree())
    warnings += [f"{where}：{n}" for n in notes]
    if not leaves:
        leaves = [Leaf(c.key, None) for c in APP_COLS]
        warnings.append(f"{where}：申请情况表未识别到表头，按标准列顺序读取，请核对")
    unknown = [lf for lf in leaves if lf.key.startswith("?")]
    for lf in unknown:
        warnings.append(f"{where}：申请情况表有非标准列“{lf.key[1:]}”（如“小计”），不计入标准列")
    cols = [lf.cell.col for lf in leaves if lf.cell is not None and lf.cell.col is not None]
    first_col = min(cols) if cols else None

    cells: dict[str, dict[str, Cell]] = {}
    extra: dict[str, dict[str, Cell]] = {}
    unplaced: list[str] = []
    group: str | None = None
    other_single: dict[str, Cell] | None = None
    for row in rows[start:]:
        labs, values = split_row(row, first_col)
        texts = [c.text for c in labs]
        key, group, is_group = _row_key(texts, group)
        if key is None and not texts and blank_row(values):
            continue
        if is_group and (not values or blank_row(values) and not _printed(values)):
            if key == "other" and values:
                other_single = other_single or _cells(assign(values, leaves)[0], leaves, labs)
            elif key == "other" and variant_hint == "2019":  # printed with no cells at all
                other_single = other_single or _cells({}, leaves, labs)
            continue  # a group label with no cells of its own (or the 2019 （六） row left blank)
        if key is not None and not any(not v.copy for v in values):
            cells.setdefault(key, _cells({}, leaves, labs))  # a row printed with no cells at all
            continue
        placed, problems = assign(values, leaves)
        row_cells = {k: to_cell(c) for k, c in placed.items() if not k.startswith("?")}
        label = "".join(t.strip() for t in texts) or "（无行名）"
        for p in problems:
            unplaced.append(f"{label}：{p}")
            warnings.append(f"{where}：申请情况表行“{label}”{p}")
        if is_group:
            if group == "other" and key == "other":
                other_single = row_cells
            else:
                extra[f"{key}{SUBTOTAL_SUFFIX}"] = row_cells
            continue
        if key is None:
            extra[label] = row_cells
            warnings.append(f"{where}：申请情况表行“{label}”无法对应到标准行，已单独保留，请核对行名")
            continue
        if key in cells:
            warnings.append(f"{where}：申请情况表行“{label}”重复出现，保留第一次")
            continue
        cells[key] = row_cells
    has_2021 = any(k in cells for k in ("other_1", "other_2", "other_3"))
    if other_single is not None:
        if has_2021 and not any(c.value is not None or c.raw for c in other_single.values()):
            pass  # the 2021 group label printed with empty cells
        elif has_2021:
            extra["other" + SUBTOTAL_SUFFIX] = other_single
        else:
            cells["other"] = other_single
    variant = "2021" if has_2021 else "2019" if "other" in cells else variant_hint
    if not cells and not extra:
        return None, warnings
    return Table(
        key="applications", variant=variant, cells=_ordered(cells), extra_rows=extra, unplaced=unplaced
    ), warnings


def _cells(placed: dict[str, C], leaves: Sequence[Leaf], labs: Sequence[C]) -> dict[str, Cell]:
    """A row's cells on every known column; a column with no printed cell is blank (None)."""
    loc = labs[0].loc if labs else None
    out = {k: to_cell(c) for k, c in placed.items() if not k.startswith("?")}
    for lf in leaves:
        if not lf.key.startswith("?") and lf.key not in out:
            out[lf.key] = Cell(value=None, raw="", loc=loc)
    return out


def _printed(values: Sequence[C]) -> bool:
    """A group row whose cells are printed as 0/—: keep it (a subtotal), but not empty cells."""
    return any(v.text.strip() for v in values if not v.copy)


def _first_data_row(rows: Sequence[Sequence[C]]) -> int | None:
    for i, row in enumerate(rows):
        labs, _ = split_row(row)
        for c in labs[:2]:
            if L.match(c.text, APP_COLS + APP_COL_GROUPS).key:
                break  # a column header (自然人 / 总计), not a row label
            if _match_row(c.text, _TOP_ROWS).key or L.match(c.text, APP_ROW_GROUPS).key:
                return i
    for i, row in enumerate(rows):
        if any(is_value(c.text) and c.text.strip() for c in row):
            return i
    return None


def _match_row(text: str, cands: Sequence[Label]) -> L.Match:
    return L.match(text, cands)


def _row_key(texts: list[str], group: str | None) -> tuple[str | None, str | None, bool]:
    """(row key, group now in force, whether the row is a group label itself)."""
    parts: list[str] = []
    for t in texts:
        joined = _split_joined(t)
        if joined:  # "（三）不予公开 1.属于国家秘密" / "三、本年度办理结果（一）予以公开" in one cell
            parts.extend(joined)
        elif L.match(t, APP_ROW_GROUPS).key or _match_row(t, _ALL_ROWS).key:
            parts.append(t)
        else:
            parts.extend(p for p in t.split() if p)
    key: str | None = None
    is_group = False
    for t in parts:
        g = L.match(t, APP_ROW_GROUPS)
        if g.key == "results":
            group, key, is_group = "results", "results", True
            continue
        if g.key in _SUBGROUPS:
            group, key, is_group = g.key, g.key, True
            continue
        n = L.normalize(t)
        cands = _ALL_ROWS
        if group in _SUBGROUPS and _NUMBERED.match(n):
            cands = tuple(r for r in _ALL_ROWS if r.group == group)
        elif not _NUMBERED.match(n):
            cands = _TOP_ROWS
        m = _match_row(t, cands)
        if m.key is None and cands is not _ALL_ROWS:
            m = _match_row(t, _ALL_ROWS)
        key, is_group = m.key, False
        if m.key is not None:
            lab = next(r for r in _ALL_ROWS if r.key == m.key)
            if lab.group in (None, "results") and group in _SUBGROUPS:
                group = "results" if lab.group == "results" else None
            elif lab.group in _SUBGROUPS:
                group = lab.group
    return key, group, is_group


def _group_prefixes() -> tuple[tuple[str, str], ...]:
    """(group key, normalised label) with and without the ordinal, longest first."""
    out = []
    for g in APP_ROW_GROUPS:
        for text in g.all:
            n = L.normalize(text)
            out += [(g.key, n), (g.key, _ORDINAL.sub("", n))]
    return tuple(sorted(set(out), key=lambda kv: -len(kv[1])))


_GROUP_PREFIXES = _group_prefixes()


def _split_joined(text: str) -> list[str] | None:
    """A group label and the first row under it printed as one label, split in two.

    Only when what follows the group label is itself a row of that group: a cell that is
    the group label alone (a printed subtotal) or the label plus a note stays whole.
    """
    n = L.normalize(text)
    for key, prefix in _GROUP_PREFIXES:
        if not prefix or not n.startswith(prefix) or len(n) == len(prefix):
            continue
        rest = n[len(prefix) :]
        tail = _split_joined(rest) or [rest]
        inner = L.match(tail[0], APP_ROW_GROUPS).key
        if key == "results" and inner in _SUBGROUPS:
            return [prefix, *tail]
        cands = tuple(r for r in _ALL_ROWS if r.group == key)
        if cands and _match_row(tail[0], cands).key and len(tail) == 1:
            return [prefix, *tail]
    return None


def _ordered(cells: dict[str, dict[str, Cell]]) -> dict[str, dict[str, Cell]]:
    rows = APP_ROWS_2019 if "other" in cells else APP_ROWS_2021
    order = {k: i for i, k in enumerate(r.key for r in rows)}
    cols = {c.key: i for i, c in enumerate(APP_COLS)}
    return {
        k: dict(sorted(v.items(), key=lambda kv: cols.get(kv[0], 99)))
        for k, v in sorted(cells.items(), key=lambda kv: order.get(kv[0], 999))
    }
