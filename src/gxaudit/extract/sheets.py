"""A report typed into a spreadsheet: its text rows back to paragraphs, its tables kept.

Ingest gives each sheet faithfully as one grid. Clerks who type a report into Excel put the
title, the headings and the prose one row each in a single cell (usually column A) and the
official tables in the rows between, so the grid is text and tables interleaved. Here a sheet
is cut into text rows (one Block each, heading or paragraph by its numbering) and table
regions (a Block per run of table rows), so that sections, metadata and the table reader all
see what a docx of the same report would give.

A row is text when it holds one value only (merged copies count once), that value is not just
digits (a row of zeros is data), and it either
- is a numbered heading that is not a table row label ("一、总体情况", not "（三）不予公开"),
- reads as prose (a sentence end, or 60+ characters: longer than any official row label), or
- stands apart from the tables (neither neighbour row is a table row: a title, a 落款).
Everything else stays in the table: a one-value row inside a table ("三、本年度办理结果",
"第二十条第（一）项" spread over a caption row) is part of that table. Only sheets are cut: a
docx or html table is a table its author drew.

Locations: a text row's Loc gets `line` = the sheet row (1-based) so messages read
"工作表“年报” 第3行"; a table region keeps the sheet's Loc with `line` = its first sheet row,
and its cells' `row` counts from that line.
"""

from __future__ import annotations

import re

from gxaudit.extract.headings import parse_heading
from gxaudit.model import Block

_PROSE = re.compile(r"[。！？；]")
_NUMERIC = re.compile(r"[\d\s.,%+\-—/／]*")
LONG_TEXT = 60  # a single value this long is prose (the longest official row label is 38)


def _single(row: list[str]) -> str | None:
    """The row's one value when it holds exactly one (copies of a merged cell included)."""
    values = {c.strip() for c in row} - {""}
    return values.pop() if len(values) == 1 else None


def _is_text(text: str, before: str | None, after: str | None) -> bool:
    """Whether a one-value row is body text; False keeps it in the table it sits in."""
    if _NUMERIC.fullmatch(text):
        return False  # a row of zeros is table data, however alone
    if parse_heading(text) is not None or _PROSE.search(text) or len(text) >= LONG_TEXT:
        return True
    return before != "table" and after != "table"


def split_sheet(block: Block) -> list[Block]:
    """The blocks a sheet's grid stands for, in row order (the grid itself when all is table)."""
    rows = block.rows or []
    merged = block.merged or [None] * len(rows)  # type: ignore[list-item]
    marks: list[str] = []  # per row: table | single | blank
    for row in rows:
        if not any(c.strip() for c in row):
            marks.append("blank")
        else:
            marks.append("single" if _single(row) is not None else "table")
    kinds = [
        mark == "single" and _is_text(_single(rows[i]) or "", marks[i - 1] if i else None,
                                      marks[i + 1] if i + 1 < len(marks) else None)
        for i, mark in enumerate(marks)
    ]
    if not any(kinds):
        return [block]
    out: list[Block] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            a = run[0]
            loc = block.loc.model_copy(update={"line": a + 1})
            out.append(Block(kind="table", rows=[rows[i] for i in run],
                             merged=[merged[i] for i in run] if block.merged else None, loc=loc))
            run.clear()

    for i, (mark, kind) in enumerate(zip(marks, kinds)):
        if kind:
            flush()
            text = _single(rows[i]) or ""
            out.append(Block(kind="paragraph", text=text, loc=block.loc.model_copy(update={"line": i + 1})))
        elif mark == "blank":
            flush()
        else:
            run.append(i)
    flush()
    return out


def is_sheet(block: Block) -> bool:
    return block.kind == "table" and block.loc.sheet is not None
