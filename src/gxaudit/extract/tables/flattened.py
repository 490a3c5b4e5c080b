"""Tables flattened to text → rows of `C` cells, whatever the layout.

Layouts seen in real submissions (annual-report.md, "What real submissions do"):

- `pipe_cells`: one cell per line ending in ` |`, a lone `|` for an empty cell, rows ended by
  runs of `|` (seed 001). A lone `|` can also end a row; the mapper drops blanks beyond the
  column count, and a text cell after a value cell starts a new row.
- `pipe_rows`: `| a | b |` one row per line (Markdown-like).
- `tabs`: cells separated by tabs.
- `spaces`: cells separated by runs of 2+ spaces (or full-width spaces); a label followed by
  single-space-separated numbers is split too.

Lines that are not part of a table (a caption in prose) are skipped by the mapper because they
match no label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gxaudit.extract.tables.rows import C, is_value
from gxaudit.model import Block, Loc

Line = tuple[str, Loc]

_PIPE_RUN = re.compile(r"^\|{2,}$")
_PIPE_CELL = re.compile(r"^(.*?)\s*\|$")
_SEP_ROW = re.compile(r"^[|:\-\s]+$")
_SPACES = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)")


def text_lines(blocks: Sequence[Block]) -> list[Line]:
    """Every non-empty line of the paragraph/heading blocks, each with its own location."""
    out: list[Line] = []
    for b in blocks:
        if b.kind == "table":
            continue
        for k, line in enumerate((b.text or "").split("\n")):
            if not line.strip() and "\t" not in line:
                continue  # a row of empty tab-separated cells is still a row
            loc = b.loc
            if k and b.loc.line is not None:
                loc = b.loc.model_copy(update={"line": b.loc.line + k})
            out.append((line.rstrip("\r"), loc))
    return out


def detect_layout(lines: Sequence[Line]) -> str | None:
    score = {"pipe_cells": 0, "pipe_rows": 0, "tabs": 0, "spaces": 0}
    for text, _ in lines:
        t = text.strip()
        if t.startswith("|") and t.count("|") >= 3 and not _SEP_ROW.match(t) and not _PIPE_RUN.match(t):
            score["pipe_rows"] += 1
        elif t.endswith("|"):
            score["pipe_cells"] += 1
        elif "\t" in t:
            score["tabs"] += 1
        elif len(_SPACES.split(t)) >= 2 or _trailing_numbers(t) or _spaced_row(t):
            score["spaces"] += 1
    best = max(score, key=lambda k: score[k])
    return best if score[best] >= 2 else None


def to_rows(lines: Sequence[Line], layout: str | None = None) -> list[list[C]]:
    layout = layout or detect_layout(lines)
    if layout == "pipe_cells":
        return _pipe_cells(lines)
    rows: list[list[C]] = []
    for text, loc in lines:
        t = text.strip()
        if layout == "pipe_rows":
            if _SEP_ROW.match(t) and "-" in t or _PIPE_RUN.match(t):
                continue
            if t.startswith("|"):
                parts = t[1:-1].split("|") if t.endswith("|") else t[1:].split("|")
            else:
                parts = [t]
        elif layout == "tabs":
            parts = text.split("\t")
        else:
            parts = _split_spaces(t)
        rows.append([C(p.strip(), loc) for p in parts])
    return rows


def _pipe_cells(lines: Sequence[Line]) -> list[list[C]]:
    rows: list[list[C]] = []
    cur: list[C] = []
    has_value = False
    carry = ""  # a header word broken over lines: "商业" then "企业 |"

    def flush() -> None:
        nonlocal cur, has_value
        if cur:
            rows.append(cur)
        cur, has_value = [], False

    for text, loc in lines:
        t = text.strip()
        if _PIPE_RUN.match(t):
            flush()
            continue
        m = _PIPE_CELL.match(t)
        if not m:
            if len(t) <= 8 and not is_value(t):
                carry += t
            else:
                flush()
                carry = ""
            continue
        cell = (carry + m.group(1)).strip()
        carry = ""
        value = is_value(cell)
        if cell and not value and has_value:
            flush()  # a label after values starts the next row
        cur.append(C(cell, loc))
        has_value = has_value or value
    flush()
    return rows


def _trailing_numbers(t: str) -> bool:
    toks = t.split()
    return len(toks) >= 2 and not is_value(toks[0]) and all(is_value(x) for x in toks[1:])


def _spaced_row(t: str) -> bool:
    """A row of numbers, or of short header words or characters, with single spaces between."""
    toks = t.split()
    return len(toks) >= 3 and (all(is_value(x) for x in toks) or all(len(x) <= 10 for x in toks))


def _split_spaces(t: str) -> list[str]:
    parts = [p for p in _SPACES.split(t) if p.strip()]
    out: list[str] = []
    for p in parts:
        toks = p.split()
        k = len(toks)
        while k > 0 and is_value(toks[k - 1]):
            k -= 1
        if 0 < k < len(toks):
            out.append(" ".join(toks[:k]))
            out.extend(toks[k:])
        elif k == 0 and len(toks) > 1:
            out.extend(toks)
        else:
            out.append(p)
    return out
