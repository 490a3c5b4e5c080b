"""Several documents run together in one file, and where each starts.

Essay sites sell "年度工作总结（通用14篇）": fourteen summaries by different bodies pasted one
after another with no separator. Scoring that as one report would be wrong both ways, so the
file is cut into parts and each part is scored (and flagged) on its own.

Signals, strongest first:
- a line "篇一：…" / "第三篇" / "范文二";
- a title line ("20xx年…工作总结") after the previous document's body;
- the level-1 numbering restarting at 一、 after a document ran to 二、 or further. The new
  document begins at its introductory paragraph when the line before the restart reads like
  one ("20xx年，我局…", "…现总结如下："), at a 落款 date line, or at the heading itself. A restart
  right after a short lead line ending in a colon ("下一步工作打算：") is a list, not a new
  document.
"""

from __future__ import annotations

import re

from gxaudit.extract.body import Line
from gxaudit.extract.dates import is_date_line
from gxaudit.extract.headings import parse_heading

_PIECE_MARK = re.compile(r"^\s*(?:篇[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇|范文[一二三四五六七八九十\d]{1,3})\s*[:：、.]?")
_TITLE_LINE = re.compile(r"^.{0,24}(?:\d{4}|20[xX×_]{2}|20__)\s*年.{0,24}(?:工作总结|年度报告|工作报告|工作汇报)\s*$")
_INTRO_START = re.compile(
    r"^(?:\d{2}[\dxX×_]{2}\s*年|[xX]{1,2}年|今年|本年度|[我本](?:局|委|校|镇|乡|办|单位|站|院|所|中心|区|县|市|街道)|"
    r"[县市区州]\S{0,12}(?:局|委|办|院|中心|政府)|为|根据|按照|在)"
)
_INTRO_END = re.compile(r"(?:如下|以下\S{0,8}工作)[:：。.]?\s*$")
_CLOSING = re.compile(r"^(?:总之|综上|总的来看|一年来|今后|下一步|针对)")
COLLECTION = re.compile(r"[（(【\[]\s*(?:通用|精选|优选|热门|推荐|汇总|合集)?\s*(\d{1,3})\s*篇\s*[）)】\]]")

MIN_PART_CHARS = 60


def _is_intro(text: str) -> bool:
    if _CLOSING.match(text) or parse_heading(text):
        return False
    return bool(_INTRO_END.search(text) or _INTRO_START.match(text))


def split_points(lines: list[Line]) -> list[int]:
    """Indexes of the lines where a new document starts (never 0)."""
    points: list[int] = []
    top = 0  # highest level-1 value seen in the current document
    seen_body = False
    for i, ln in enumerate(lines):
        if ln.kind == "table":
            continue
        text = ln.text
        h = parse_heading(text)
        if seen_body and (_PIECE_MARK.match(text) or (h is None and _TITLE_LINE.match(text) and "。" not in text)):
            points.append(i)
            top, seen_body = 0, False
            continue
        if h is None or h.level != 1:
            seen_body = seen_body or len(text) > 20
            continue
        if h.value == 1 and top >= 2:
            prev = _prev_text(lines, i)
            if prev is not None and lines[prev].text.rstrip().endswith((":", "：")) and len(lines[prev].text) <= 30:
                continue  # a numbered list under a lead line, not a new document
            points.append(_start_of(lines, i))
            top = 1
        elif h.value == 1 and top == 1 and seen_body:
            points.append(_start_of(lines, i))
        else:
            top = max(top, h.value)
        seen_body = True
    return sorted({p for p in points if p > 0})


def _prev_text(lines: list[Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j].kind != "table":
            return j
    return None


def _start_of(lines: list[Line], i: int) -> int:
    """Where the document whose numbering restarts at line i begins."""
    j = _prev_text(lines, i)
    if j is None:
        return i
    if is_date_line(lines[j].text):
        return i
    if _is_intro(lines[j].text):
        k = _prev_text(lines, j)
        if k is not None and _TITLE_LINE.match(lines[k].text):
            return k
        return j
    return i


def split_lines(lines: list[Line]) -> list[list[Line]]:
    """The file's documents; parts too short to be a document are merged into the previous."""
    points = split_points(lines)
    parts: list[list[Line]] = []
    for a, b in zip([0] + points, points + [len(lines)]):
        part = lines[a:b]
        if parts and sum(len(x.text) for x in part) < MIN_PART_CHARS:
            parts[-1].extend(part)
        else:
            parts.append(part)
    return parts
