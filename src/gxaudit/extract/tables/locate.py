"""Which blocks belong to which official table.

A table's region runs from its part heading (二、主动公开政府信息情况 …, old wordings too) to
the next part heading. Table blocks outside any region are claimed by their header words
(申请人情况 / 行政复议 / 第二十条). A heading whose region holds neither a table block nor any
table-like text is reported as "table not present as text" — never read as zeros.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.templates import PARTS, TABLE_PART
from gxaudit.model import Block

_PART_NO = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．，,]")
_PART_TO_TABLE = {v: k for k, v in TABLE_PART.items()}


class Region(NamedTuple):
    table: str  # proactive | applications | review_litigation
    heading: Block | None  # None when claimed by header words only
    blocks: list[Block]


def part_of(text: str) -> str | None:
    """The official part number a heading line names, or None (row labels 一、本年新收… are not)."""
    t = (text or "").strip()
    if len(t) > 40 or not _PART_NO.match(t) or t.endswith("|"):
        return None
    m = L.match(t, PARTS, cutoff=80.0, margin=4.0)
    return m.key


def find_regions(blocks: Sequence[Block]) -> list[Region]:
    regions: list[Region] = []
    cur: Region | None = None
    for b in blocks:
        part = None
        if b.kind != "table":
            first = (b.text or "").strip().split("\n", 1)[0]
            part = part_of(first)
        if part is not None:
            if cur is not None:
                regions.append(cur)
            table = _PART_TO_TABLE.get(part)
            cur = Region(table, b, []) if table else None
            if cur is not None and "\n" in (b.text or "").strip():
                rest = b.text.strip().split("\n", 1)[1]
                cur.blocks.append(b.model_copy(update={"text": rest}))
            continue
        if cur is not None:
            cur.blocks.append(b)
    if cur is not None:
        regions.append(cur)
    return regions


def classify_grid(rows: list[list[str]]) -> str | None:
    """Which official table a grid is, from its header words."""
    words = "".join(L.normalize(t) for r in rows[:6] for t in r[:16])
    if "申请人情况" in words or ("自然人" in words and "法人" in words):
        return "applications"
    if "行政复议" in words and ("结果维持" in words or "行政诉讼" in words):
        return "review_litigation"
    if "第二十条" in words or "信息内容" in words or "规章" in words:
        return "proactive"
    return None
