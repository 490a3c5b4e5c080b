"""The section tree of a report and which official part each section is.

Part numbers (Section.part) — one numbering for every format, so a rule asking for "the
reconsideration part" asks for the same number whatever the year:

    1 总体情况 / 概述            5 存在的主要问题及改进情况
    2 主动公开政府信息情况        6 其他需要报告的事项
    3 收到和处理申请 / 依申请公开  7 收费及减免 (pre-2019 item; legacy reports only)
    4 行政复议、行政诉讼          8 政府信息公开情况统计表 (legacy reports only)

2019/2021-format reports: parts 1–6 are their six official parts, located on level-1
headings by their titles (wording tolerant: 四、因政府信息公开申请行政复议、提起行政诉讼的情况
is part 4). Pre-2019 (legacy) reports and work summaries: the 2007 条例 第三十二条 content
items, mapped onto the same numbers, 7 and 8 for what the later formats dropped. A part is
given to the first matching section only; in the official formats only level-1 headings
qualify, so "（二）依申请公开方面" inside 总体情况 never becomes part 3.

Saved portal pages hold the whole body in one line; there the level-1 headings are found
inside the running text, and inside each level-1 section its （一）（二）… headings where they
start sentences in order (see `expand_inline`); everything else works the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gxaudit.extract.body import Line
from gxaudit.extract.headings import CN_NUM, TABLE_LABELS, Heading, cn_value, parse_heading, split_title
from gxaudit.model import Paragraph, Section

OFFICIAL_PARTS = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
LEGACY_PARTS = {
    1: "概述",
    2: "主动公开政府信息情况",
    3: "依申请公开政府信息情况",
    4: "因政府信息公开申请行政复议、提起行政诉讼情况",
    5: "政府信息公开工作存在的主要问题及改进情况",
    6: "其他需要报告的事项",
    7: "政府信息公开的收费及减免情况",
    8: "政府信息公开情况统计表",
}

# Checked in this order: the first pattern that matches a title names its topic.
_TOPICS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (6, re.compile(r"其他需要?报告|其他事项|其他需报告")),
    (8, re.compile(r"统计表")),
    (4, re.compile(r"复议|诉讼")),
    (7, re.compile(r"收费|减免")),
    (5, re.compile(r"问题|不足|改进")),
    (3, re.compile(r"收到和处理|依申请|申请公开|公开申请")),
    (2, re.compile(r"主动公开")),
    (1, re.compile(r"总体情况|概述|概况|基本情况|^\S{0,14}工作(?:开展)?情况$")),
)

# Official part titles as compliant reports print them; used to end a heading in running text.
KNOWN_TITLES = sorted(
    {
        *OFFICIAL_PARTS.values(), *LEGACY_PARTS.values(), "概述", "总体情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况", "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施", "主要问题和改进措施", "政府信息依申请公开工作情况",
        "政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况",
    },
    key=len,
    reverse=True,
)


def topic(title: str) -> int | None:
    """The content item a heading's title names (numbers as in the module docstring)."""
    for number, rx in _TOPICS:
        if rx.search(title):
            return number
    return None


# --------------------------------------------------------------------------- running text

_INLINE = re.compile(r"(?<![第（(])([一二三四五六七八九十]{1,2})\s*、\s*")
_TITLE_RUN = re.compile(r"(?:\d{4}年度?)?[^\s。；;：:（(《\d]{1,40}")
_TITLE_END = re.compile(r".*?(?:情况统计表|统计表|情况|措施|事项|概述|概况|打算|计划)")


def _inline_title(text: str, start: int) -> str:
    tail = text[start:]
    for known in KNOWN_TITLES:
        if tail.startswith(known):
            return known
    m = _TITLE_RUN.match(tail)
    if not m:
        return ""
    title = m.group(0).rstrip("，,、")
    if len(title) > 24:
        end = _TITLE_END.match(title)
        title = end.group(0) if end else title[:24]
    return title


def inline_headings(text: str) -> list[tuple[int, int, str, int]]:
    """Level-1 headings inside one long line: (start, value, title, title_end), in order.

    Numerals must run 一, 二, 三 … (one may be missing); at each step a candidate whose title
    is a known part title wins over the first one seen, so the table row "四、结转下年度继续
    办理" never takes the place of "四、政府信息公开行政复议、行政诉讼情况".
    """
    cands = []
    for m in _INLINE.finditer(text):
        title = _inline_title(text, m.end())
        if len(title) < 2 or TABLE_LABELS.match(title):
            continue
        cands.append((m.start(), cn_value(m.group(1)), title, m.end() + len(title)))
    found: list[tuple[int, int, str, int]] = []
    pos, want = 0, 1
    while True:
        nxt = None
        for step in (0, 1):  # tolerate one missing numeral
            options = [c for c in cands if c[0] >= pos and c[1] == want + step]
            if options:
                known = [c for c in options if topic(c[2]) is not None]
                nxt = known[0] if known else options[0]
                # a known title further on beats an unknown one only if nothing lies between
                break
        if nxt is None:
            return found
        found.append(nxt)
        pos, want = nxt[3], nxt[1] + 1


_INLINE_L2 = re.compile(r"[（(]\s*([一二三四五六七八九十]{1,2})\s*[）)]\s*[、.，,]?\s*")
_SENTENCE_END = "。；;！？!?：:"
_ASPECT = re.compile(r"[^。；;：:，,（(\s]{1,20}?方面")


# Sub-heading titles of the official 总体情况 and 问题及改进 parts, to end a title run into its text.
_KNOWN_SUB = re.compile(r"(?:基本情况|主要做法|存在的主要问题|存在问题|主要问题|改进措施)(?![及和与、])")
_SPACED = re.compile(r"([^。；;：:！？!?\s]{2,30})\s+\S")  # pages that keep paragraph breaks as spaces
_ENUM_START = re.compile(r"(?<=\S{2})(?:一是|1[.、．])")


def _sub_title(text: str, start: int) -> str:
    """A sub-heading's title in running text, or "" when it is not clear where the title ends.

    Up to 方面 ("主动公开方面平潭…"), a known sub-heading wording ("基本情况今年，我区…" →
    基本情况), or a space (pages that kept paragraph breaks as spaces); else the first clause
    when it ends within 30 characters (before any 一是 / 1. run on).
    """
    tail = text[start:]
    m = _ASPECT.match(tail) or _KNOWN_SUB.match(tail)
    if m:
        return m.group(0)
    m = _SPACED.match(tail)
    if m:
        return m.group(1)
    title, rest = split_title(tail, limit=30)
    if rest == tail.strip():
        return ""
    enum = _ENUM_START.search(title)  # "加强组织领导，健全工作机制一是高度重视。"
    return title[: enum.start()] if enum else title


def inline_subheadings(text: str, body_start: int = 0) -> list[tuple[int, int, str, int]]:
    """（一）-level headings inside a level-1 section's running text, as `inline_headings` gives them.

    Only where unambiguous: each （n） starts a sentence (follows 。；！？： or opens the section
    text at `body_start`), they run （一）, （二）, （三） … without a gap, at least two of them,
    and none is a table row label ("（一）予以公开" follows digits in a flattened table anyway).
    """
    found: list[tuple[int, int, str, int]] = []
    want, pos = 1, body_start
    for m in _INLINE_L2.finditer(text, body_start):
        if m.start() < pos or cn_value(m.group(1)) != want:
            continue
        before = text[body_start:m.start()].rstrip()
        if before and before[-1] not in _SENTENCE_END:
            continue
        title = _sub_title(text, m.end())
        if len(title) < 2 or TABLE_LABELS.match(title):
            continue
        found.append((m.start(), want, title, m.end() + len(title)))
        want, pos = want + 1, m.end() + len(title)
    return found if len(found) >= 2 else []


def _cut(ln: Line, text: str, cuts: list[tuple[int, str | None]]) -> list[Line]:
    """`text` cut at the given offsets, each piece a Line carrying the title found there."""
    out = []
    bounds = [c[0] for c in cuts[1:]] + [len(text)]
    for (a, title), b in zip(cuts, bounds):
        piece = text[a:b].strip()
        if piece:
            out.append(Line(text=piece, loc=ln.loc, kind="paragraph", block=ln.block, title=title))
    return out


def expand_inline(lines: list[Line], min_len: int = 300) -> list[Line]:
    """Cut long lines at the level-1 headings found inside them (≥2 in order, from 一), and each
    level-1 section at its （一）-level headings where those are unambiguous."""
    out: list[Line] = []
    for ln in lines:
        if ln.kind != "paragraph" or len(ln.text) < min_len:
            out.append(ln)
            continue
        heads = inline_headings(ln.text)
        if len(heads) < 2:
            out.append(ln)
            continue
        cuts: list[tuple[int, str | None]] = [(0, None)]
        for k, (start, _, title, title_end) in enumerate(heads):
            cuts.append((start, title))
            end = heads[k + 1][0] if k + 1 < len(heads) else len(ln.text)
            subs = inline_subheadings(ln.text[:end], title_end)
            cuts.extend((s, t) for s, _, t, _ in subs)
        out.extend(_cut(ln, ln.text, cuts))
    return out


# --------------------------------------------------------------------------- the tree


@dataclass
class Outline:
    sections: list[Section]
    paragraphs: list[Paragraph]
    topics: list[int | None]  # per section


_LEADING_L1 = re.compile(rf"^([{CN_NUM}]{{1,2}})\s*、\s*")
_LEADING_L2 = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,2}})\s*[）)]\s*[、.，,]?\s*")


def _heading_of(ln: Line) -> Heading | None:
    if ln.kind == "table":
        return None
    h = parse_heading(ln.text) if ln.title is None else None
    m2 = _LEADING_L2.match(ln.text) if ln.title is not None else None
    if m2:  # a （一）-level heading found in running text, titled there
        rest = ln.text[m2.end() + len(ln.title):].lstrip("。；;：:，, ")
        return Heading(f"（{m2.group(1)}）", 2, cn_value(m2.group(1)), ln.title, rest, m2.end())
    m = _LEADING_L1.match(ln.text)
    if m and (ln.title is not None or (h is None and ln.kind == "paragraph")):
        # a heading in running text ("一、总体情况2021年，…"): title by the running-text rule
        title = ln.title or _inline_title(ln.text, m.end())
        if len(title) >= 2 and not TABLE_LABELS.match(title):
            rest = ln.text[m.end() + len(title):].strip()
            h = Heading(f"{m.group(1)}、", 1, cn_value(m.group(1)), title, rest, m.end())
    return h


def build_outline(lines: list[Line], skip: set[int] | None = None) -> Outline:
    """Sections and paragraphs; lines whose index is in `skip` (the title) are text only."""
    skip = skip or set()
    sections: list[Section] = []
    topics: list[int | None] = []
    paragraphs: list[Paragraph] = []
    contrib: list[tuple[str, int | None, str]] = []  # (text as section body, heading-of, full line) per line
    current: int | None = None
    for i, ln in enumerate(lines):
        if ln.kind == "table":
            continue
        h = None if i in skip else _heading_of(ln)
        if h is None and ln.kind == "heading" and i not in skip:
            sections.append(Section(number=None, title=ln.text.strip(), level=ln.level or 1, loc=ln.loc))
            topics.append(topic(ln.text))
            current = len(sections) - 1
            contrib.append(("", current, ln.text))
        elif h is not None:
            level = h.level if ln.kind != "heading" or ln.level is None else min(h.level, ln.level)
            sections.append(Section(number=h.number, title=h.title, level=level, loc=ln.loc))
            topics.append(topic(h.title))
            current = len(sections) - 1
            contrib.append((h.rest, current, ln.text))
        else:
            contrib.append((ln.text, None, ln.text))
        paragraphs.append(Paragraph(text=ln.text, loc=ln.loc, section=current))
    for idx, sec in enumerate(sections):
        start = next(k for k, c in enumerate(contrib) if c[1] == idx)
        texts = [contrib[start][0]]
        for own, head, full in contrib[start + 1:]:
            if head is not None and sections[head].level <= sec.level:
                break
            texts.append(full if head is not None else own)
        sec.text = "\n".join(t for t in texts if t)
    return Outline(sections, paragraphs, topics)


def assign_parts(outline: Outline, scheme: str) -> None:
    """Set Section.part by the scheme ('official' or 'legacy')."""
    for s in outline.sections:
        s.part = None
    taken: dict[int, int] = {}
    levels = (1,) if scheme == "official" else (1, 2)
    for level in levels:
        for idx, (sec, t) in enumerate(zip(outline.sections, outline.topics)):
            if t is None or sec.level != level or t in taken:
                continue
            if scheme == "official" and t > 6:
                continue
            taken[t] = idx
    for t, idx in taken.items():
        outline.sections[idx].part = t


def parts_found(sections: list[Section]) -> set[int]:
    return {s.part for s in sections if s.part is not None}


def official_parts(sections: list[Section]) -> set[int]:
    """Parts placed as the official format places them: 三、 is part 3, worded 收到和处理…申请.

    A free-form report that happens to have 三、主动公开… and 四、依申请公开… does not count.
    """
    found = set()
    for s in sections:
        if s.part is None or s.number != f"{CN_NUM[s.part - 1]}、":
            continue
        if s.part == 3 and "收到和处理" not in s.title:
            continue
        found.add(s.part)
    return found


def legacy_items(outline: Outline) -> set[int]:
    """The 第三十二条 content items a document covers, at any heading level (not 概述)."""
    return {t for t in outline.topics if t is not None and t in (2, 3, 4, 5, 6, 7)}
