"""The row model every layout is reduced to, and the two layout-free steps on it.

Grid tables and flattened text both become rows of `C` cells (grid cells know their column,
span and whether they are a merged copy; text cells do not). Then:

- `expand_header` turns the header rows into the ordered leaf columns, using the official
  column tree (which group a column sits under), so that "自然人 | 法人或其他组织 | 总计" over
  "商业企业 … 其他" comes out in table order even though 总计 was printed before 商业企业;
- `assign` places a data row's value cells on those columns by cell order, falling back to
  the grid column when the order does not add up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gxaudit.extract.numbers import parse_number
from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.templates import (
    APP_COL_GROUPS,
    APP_COLS,
    REVIEW_COLS,
    REVIEW_GROUPS,
    REVIEW_PARENT,
    Label,
)
from gxaudit.model import Cell, Loc


class C(NamedTuple):
    text: str
    loc: Loc
    col: int | None = None  # grid column of the cell's left edge
    span: int = 1  # grid columns it covers
    copy: bool = False  # a merged-cell copy (grid only)
    row: int | None = None  # grid row (the block's loc gets row/col only when a Cell is made)


class Node(NamedTuple):
    key: str
    label: Label
    children: tuple[Node, ...] | None = None  # None for a leaf column


class Leaf(NamedTuple):
    key: str  # canonical column key; "?<text>" for a printed column we do not know (小计)
    cell: C | None  # the header cell it came from (None when filled in from the template)
    depth: int = 0  # header row it came from: deeper rows win a contested grid column


def is_value(text: str) -> bool:
    p = parse_number(text)
    return p.value is not None or p.blank


def is_blank(text: str) -> bool:
    return parse_number(text).blank


def to_cell(c: C) -> Cell:
    p = parse_number(c.text)
    raw = c.text.strip()
    loc = c.loc if c.col is None else c.loc.model_copy(update={"row": c.row, "col": c.col})
    return Cell(value=p.value, raw=raw, unit=p.unit, loc=loc)


# --------------------------------------------------------------------------- column trees


def _leaves(labels: Sequence[Label]) -> tuple[Node, ...]:
    return tuple(Node(lab.key, lab) for lab in labels)


def applications_tree() -> tuple[Node, ...]:
    org = Node("org", APP_COL_GROUPS[1], tuple(Node(c.key, c) for c in APP_COLS if c.group == "org"))
    kids = (Node("natural", APP_COLS[0]), org, Node("total", APP_COLS[-1]))
    return (Node("applicant", APP_COL_GROUPS[0], kids),)


def review_tree() -> tuple[Node, ...]:
    res = _leaves(REVIEW_COLS)
    suits = tuple(Node(g.key, g, res) for g in REVIEW_GROUPS[1:])
    return (Node("review", REVIEW_GROUPS[0], res), Node("suit", REVIEW_PARENT, suits))


def _all_nodes(nodes: Sequence[Node]) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        if n.children:
            out.extend(_all_nodes(n.children))
    return out


class _Placed:
    """A header cell placed in the tree while expanding."""

    __slots__ = ("cell", "depth", "kids", "node", "text")

    def __init__(self, node: Node | None, cell: C, depth: int):
        self.node, self.cell, self.depth, self.text = node, cell, depth, cell.text
        self.kids: list[_Placed] | None = None

    @property
    def is_group(self) -> bool:
        return self.node is not None and self.node.children is not None


def _match_node(text: str, nodes: Sequence[Node]) -> Node | None:
    by_key: dict[str, Node] = {}
    labs = []
    for n in nodes:
        if n.key not in by_key:
            by_key[n.key] = n
            labs.append(n.label._replace(key=n.key))
    m = L.match(text, labs)
    return by_key.get(m.key) if m.key else None


def expand_header(rows: Sequence[Sequence[C]], tree: tuple[Node, ...]) -> tuple[list[Leaf], list[str]]:
    """Ordered leaf columns from header rows (merged copies and blanks already dropped).

    Returns leaves whose key is `group.leaf` when the leaf name repeats under several groups
    (the review table) and the plain leaf key otherwise.
    """
    every = _all_nodes(tree)
    top: list[_Placed] = []
    notes: list[str] = []
    for depth, row in enumerate(rows):
        open_groups = [p for p in _walk(top) if p.is_group and p.kids is None]
        i = 0
        started = False
        pending: list[_Placed] = []
        for c in row:
            node = _match_node(c.text, every)
            if node is None and not started:
                continue  # a label-column header (信息内容, the caption) sits left of the columns
            started = True
            if not open_groups:
                if node is None or not _placed_anywhere(top, node.key):
                    top.append(_Placed(node, c, depth))
                continue
            placed = False
            j = i
            while j < len(open_groups):
                g = open_groups[j]
                allowed = {k.key for k in g.node.children}
                have = {k.node.key for k in (g.kids or []) if k.node}
                if node is None or (node.key in allowed and node.key not in have):
                    if g.kids is None:
                        g.kids = []
                    g.kids.append(_Placed(node, c, depth))
                    pending.append(g.kids[-1])
                    i = j
                    placed = True
                    break
                if _place_under_unprinted(g, node, c, depth):
                    i = j  # 商业企业 … under 申请人情况 with 法人或其他组织 not printed
                    placed = True
                    break
                j += 1
            if not placed and node is not None and not _placed_anywhere(top, node.key):
                top.append(_Placed(node, c, depth))
                notes.append(f"表头“{c.text.strip()}”位置不在标准表头结构中")
    leaves: list[Leaf] = []
    _collect(top, (), leaves)
    return leaves, notes


def _place_under_unprinted(g: _Placed, node: Node, c: C, depth: int) -> bool:
    """Place a leaf whose own group header was never printed inside that group, in order."""
    mid = next(
        (k for k in g.node.children or () if k.children and node.key in {x.key for x in k.children}), None
    )
    if mid is None:
        return False
    kids = g.kids if g.kids is not None else []
    holder = next((p for p in kids if p.node is not None and p.node.key == mid.key), None)
    if holder is None:
        holder = _Placed(mid, c, depth)
        holder.kids = []
        kids.append(holder)
    elif holder.kids is None or holder is not kids[-1]:
        return False  # the printed group already has its own columns, or others came after it
    if any(p.node is not None and p.node.key == node.key for p in holder.kids):
        return False
    holder.kids.append(_Placed(node, c, depth))
    g.kids = kids
    return True


def _walk(items: list[_Placed]):
    for p in items:
        yield p
        if p.kids:
            yield from _walk(p.kids)


def _placed_anywhere(items: list[_Placed], key: str) -> bool:
    return any(p.node is not None and p.node.key == key for p in _walk(items))


def _collect(items: list[_Placed], path: tuple[str, ...], out: list[Leaf]) -> None:
    for p in items:
        if p.node is None:
            out.append(Leaf("?" + L.normalize(p.text), p.cell, p.depth))
        elif p.node.children is None:
            out.append(Leaf(_leaf_key(path, p.node.key), p.cell, p.depth))
        elif p.kids:
            _collect(p.kids, path + (p.node.key,), out)
        else:  # a group whose sub-columns were never printed: take the template's
            _fill(p.node, path + (p.node.key,), p.cell, p.depth, out)


def _fill(node: Node, path: tuple[str, ...], cell: C, depth: int, out: list[Leaf]) -> None:
    for k in node.children or ():
        if k.children is None:
            out.append(Leaf(_leaf_key(path, k.key), cell, depth))
        else:
            _fill(k, path + (k.key,), cell, depth, out)


_REVIEW_GROUP_KEYS = {g.key for g in REVIEW_GROUPS}


def _leaf_key(path: tuple[str, ...], key: str) -> str:
    groups = [p for p in path if p in _REVIEW_GROUP_KEYS]
    return f"{groups[-1]}.{key}" if groups else key


# --------------------------------------------------------------------------- placing values


def assign(values: Sequence[C], leaves: Sequence[Leaf]) -> tuple[dict[str, C], list[str]]:
    """Place a data row's value cells on the leaf columns.

    Cell order first: merged copies dropped, trailing/leading blanks beyond the column count
    dropped. When the count still differs and the cells carry grid columns, place each by the
    header cell above it (deepest header row wins); a column that gets two different values is
    reported, not guessed.
    """
    logical = [v for v in values if not v.copy]
    n = len(leaves)
    if len(logical) == n:
        return {lf.key: v for lf, v in zip(leaves, logical)}, []
    on_grid = any(v.col is not None for v in values) and all(
        lf.cell is not None and lf.cell.col is not None for lf in leaves
    )
    if on_grid:
        return _by_column(values, leaves)
    trimmed = _trim_blanks(logical, n)
    if trimmed is not None:
        return {lf.key: v for lf, v in zip(leaves, trimmed)}, []
    grouped = _by_spans(logical, leaves)
    if grouped is not None:
        return grouped, []
    return {}, [f"有{len(logical)}个数值，表头有{n}列，无法确定对应关系"]


def _trim_blanks(cells: list[C], n: int) -> list[C] | None:
    if len(cells) <= n:
        return None
    extra = len(cells) - n
    if all(is_blank(c.text) for c in cells[n:]):
        return cells[:n]
    if all(is_blank(c.text) for c in cells[:extra]):
        return cells[extra:]
    return None


def _by_spans(cells: list[C], leaves: Sequence[Leaf]) -> dict[str, C] | None:
    """Text rendered from a grid repeats a merged value once per column it covers."""
    spans = [max(1, lf.cell.span if lf.cell else 1) for lf in leaves]
    if sum(spans) != len(cells):
        return None
    out: dict[str, C] = {}
    i = 0
    for lf, s in zip(leaves, spans):
        chunk = cells[i : i + s]
        if len({c.text.strip() for c in chunk}) != 1:
            return None
        out[lf.key] = chunk[0]
        i += s
    return out


def _by_column(values: Sequence[C], leaves: Sequence[Leaf]) -> tuple[dict[str, C], list[str]]:
    owner: dict[int, Leaf] = {}
    for lf in sorted(leaves, key=lambda x: x.depth):  # deeper header rows overwrite
        assert lf.cell is not None and lf.cell.col is not None
        for c in range(lf.cell.col, lf.cell.col + max(1, lf.cell.span)):
            owner[c] = lf
    got: dict[str, list[C]] = {}
    for v in values:
        lf = owner.get(v.col) if v.col is not None else None
        if lf is not None:
            got.setdefault(lf.key, []).append(v)
    out: dict[str, C] = {}
    problems: list[str] = []
    for key, cells in got.items():
        texts = {c.text.strip() for c in cells}
        if len(texts) == 1:
            out[key] = cells[0]
        else:
            problems.append(f"列“{key}”下有不同的数值（{'、'.join(sorted(texts))}），未读取")
    return out, problems


def split_row(row: Sequence[C], first_value_col: int | None = None) -> tuple[list[C], list[C]]:
    """Label cells (left, merged copies kept for context, repeats dropped) and value cells.

    Grid rows split at the first column the header gives a key; text rows at the first value
    cell after the labels (leading empty cells, left by a merged label column, are skipped).
    """
    labels: list[C] = []
    values: list[C] = []
    if first_value_col is not None and all(c.col is not None for c in row):
        for c in row:
            if c.col is not None and c.col < first_value_col:
                if c.text.strip() and (not labels or labels[-1].text.strip() != c.text.strip()):
                    labels.append(c)
            else:
                values.append(c)
        return labels, values
    i = 0
    while i < len(row) and not row[i].text.strip() and any(not is_value(c.text) for c in row[i:]):
        i += 1
    while i < len(row) and not is_value(row[i].text):
        if not labels or labels[-1].text.strip() != row[i].text.strip():
            labels.append(row[i])
        i += 1
    values = list(row[i:])
    return labels, values


def blank_row(values: Sequence[C]) -> bool:
    return all(is_blank(v.text) for v in values)
