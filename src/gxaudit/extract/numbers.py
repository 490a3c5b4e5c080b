"""Number normalisation for table cells: what a report prints → value, unit, blank.

Reports print counts as full-width digits, with thousands separators, with a unit glued on
(`60127896元`, `12.5万元`), with a sign for 本年增/减, or with a marker for "nothing"
(`—`, `-`, `/`, `无`). The value is kept as printed with its unit (never scaled: `12.5万元`
stays 12.5 with unit 万元) so that a rule can see the unit the submitter used. A blank marker
keeps value None and its raw text: whether `无` means 0 is a rule's decision, not ours.

Chinese numerals are converted only when the whole token is a numeral (`二〇二三`,
`一百零八点五`, `贰万捌仟`); running text is never touched (see ECOSYSTEM.md §8 on cn2an).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple


class ParsedNumber(NamedTuple):
    value: float | None  # None for a blank or for text that is not a number
    unit: str | None = None
    blank: bool = False  # empty cell or a blank marker (—, -, /, 无 …)
    raw: str = ""  # the cell as printed

    @property
    def is_text(self) -> bool:
        """Neither a number nor a blank: a label or prose."""
        return self.value is None and not self.blank


BLANK_MARKERS = frozenset(
    {"", "-", "—", "——", "–", "―", "─", "--", "/", "\\", "无", "空", "－", "‐", "‑", "—-", "-—", "/-"}
)
# Longest first so that 万元 wins over 元 and 人次 over 人.
_UNIT_WORDS = "亿元 万元 千元 百元 元 人次 件次 万人 万 亿 % ‰ 件 个 项 条 次 人 家 份 篇 页 天 日 期 批 户"
UNITS = tuple(_UNIT_WORDS.split(" "))
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$|^\.\d+$")
_SIGNS = {"-": -1, "+": 1, "−": -1, "负": -1}

_CN_DIGITS = {
    ch: d
    for d, chars in enumerate(
        ("零〇○", "一壹", "二贰貳两兩", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
    )
    for ch in chars
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_TENS = {"廿": 20, "卅": 30, "卌": 40}
_CN_CHARS = set(_CN_DIGITS) | set(_CN_SMALL) | set(_CN_BIG) | set(_CN_TENS)


def clean(s: str) -> str:
    """NFKC, no zero-width characters, no spaces of any kind (they only pad cells)."""
    s = unicodedata.normalize("NFKC", s or "").translate(_ZERO_WIDTH)
    return _SPACES.sub("", s)


@lru_cache(maxsize=65536)
def parse_number(s: str) -> ParsedNumber:
    """Read one cell. Text that is not a number gives value None with blank False."""
    raw = s if s is not None else ""
    t = clean(raw)
    if t in BLANK_MARKERS or set(t) <= set("-—–―─/\\") and t:
        return ParsedNumber(None, None, True, raw)
    sign = 1
    if t[:1] in _SIGNS:
        sign, t = _SIGNS[t[:1]], t[1:]
    if t.startswith("百分之"):
        v = _number_token(t[3:])
        return ParsedNumber(None if v is None else sign * v, "%", False, raw) if v is not None else _text(raw)
    unit = None
    for u in UNITS:
        if t.endswith(u) and len(t) > len(u):
            head = t[: -len(u)]
            if u in ("万", "亿") and not head[-1:].isdigit():
                continue  # 二万 is a numeral, not 2 with unit 万
            if _number_token(head) is not None:
                t, unit = head, u
                break
    v = _number_token(t)
    if v is None:
        return _text(raw)
    return ParsedNumber(sign * v, unit, False, raw)


def _text(raw: str) -> ParsedNumber:
    return ParsedNumber(None, None, False, raw)


def _number_token(t: str) -> float | None:
    """A whole token as a number: Arabic (with separators), Chinese numerals, or '3万5千'."""
    if not t:
        return None
    if _PLAIN.match(t):
        return _dec(t)
    if _THOUSANDS.match(t):
        return _dec(t.replace(",", ""))
    if all(ch in _CN_CHARS or ch in "点點" for ch in t):
        return cn_to_number(t)
    if re.fullmatch(r"(\d+(\.\d+)?[万亿千百十])+\d*", t):
        return _mixed(t)
    return None


def _dec(t: str) -> float | None:
    try:
        return float(Decimal(t))
    except InvalidOperation:
        return None


def _mixed(t: str) -> float | None:
    """'3万5千' → 35000; '1亿2000万' → 120000000."""
    parts = re.findall(r"(\d+(?:\.\d+)?)([万亿千百十]?)", t)
    scale = {"亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2, "十": 10, "": 1}
    total = Decimal(0)
    section = Decimal(0)
    for num, mark in parts:
        n = Decimal(num) * Decimal(str(scale[mark]))
        if mark in ("万", "亿"):
            total += (section + Decimal(num)) * Decimal(str(scale[mark]))
            section = Decimal(0)
        else:
            section += n
    return float(total + section)


def cn_to_number(t: str) -> float | None:
    """A pure Chinese-numeral token to a number; None when it is not well formed."""
    if not t:
        return None
    for dot in "点點":
        if dot in t:
            whole, _, frac = t.partition(dot)
            w = cn_to_number(whole) if whole else 0
            digits = [_CN_DIGITS.get(ch) for ch in frac]
            if w is None or not digits or any(d is None for d in digits):
                return None
            return float(Decimal(f"{int(w)}.{''.join(str(d) for d in digits)}"))
    if all(ch in _CN_DIGITS for ch in t) and len(t) > 1:
        if any(ch in "两兩" for ch in t):
            return None
        return float(int("".join(str(_CN_DIGITS[ch]) for ch in t)))  # 二〇二三
    total = 0
    section = 0
    digit: int | None = None
    for ch in t:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row without a multiplier
            digit = _CN_DIGITS[ch]
        elif ch in _CN_TENS:
            section += _CN_TENS[ch]
            digit = None
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万 alone is not a numeral here, but 一万 is; keep 'X万' forms sane
            total = (total + section) * _CN_BIG[ch] if _CN_BIG[ch] > 10_000 else total + section * _CN_BIG[ch]
            section = 0
            digit = None
        else:
            return None
    section += digit or 0
    return float(total + section)


def is_number_like(s: str) -> bool:
    """True for a number or a blank marker: a value cell rather than a label."""
    p = parse_number(s)
    return p.value is not None or p.blank
