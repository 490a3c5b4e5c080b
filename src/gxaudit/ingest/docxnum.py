"""Word's automatic list numbers (一、 （一） 1.) are not in the text runs; render them.

Reports number their sections with Word lists more often than by typing; without this the
section headings lose their numbers and extract cannot see the structure.
"""

from __future__ import annotations

import re

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_COUNT = 100_000
DIGITS = re.compile(r"^\s*([0-9]{1,12})\s*$")  # ASCII only: "²".isdigit() is True, int("²") fails


def chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def fmt_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    return str(n)


class Numbering:
    """Counters per list instance; `label(numId, ilvl)` advances and formats one paragraph."""

    def __init__(self, root: etree._Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iter(W + "abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = _small(lvl.get(W + "ilvl"), 0)
                if ilvl > 8:  # Word has nine levels; more is junk that would cost a loop each
                    continue
                fmt = _val(lvl.find(W + "numFmt")) or "decimal"
                text = _val(lvl.find(W + "lvlText")) or ""
                start = _small(_val(lvl.find(W + "start")), 1)
                lv[ilvl] = (fmt, text, start)
            abstract[an.get(W + "abstractNumId", "")] = lv
        for num in root.iter(W + "num"):
            ref = _val(num.find(W + "abstractNumId"))
            self.levels[num.get(W + "numId", "")] = abstract.get(ref or "", {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        fmt, text, start = levels[ilvl]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = min(counters.get(ilvl, start - 1) + 1, MAX_COUNT)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(ilvl + 1):
            lf, _, ls = levels.get(k, ("decimal", "", 1))
            text = text.replace(f"%{k + 1}", fmt_number(counters.get(k, ls), lf))
        return text


def _small(v: str | None, default: int) -> int:
    """A level or start number; junk reads as the default, and no list counts past 100,000
    (roman numerals are built by repeated subtraction)."""
    m = DIGITS.match(v or "")
    return min(int(m.group(1)), MAX_COUNT) if m else default


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W + "val")
