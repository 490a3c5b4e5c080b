"""Dates as reports print them inside running text: headers, 落款 and 发布时间 lines.

`logdates.parse_log_date` reads a cell that should hold exactly one date; reports instead
carry dates inside sentences ("时间：2012-04-11 00:00 微信…"), in Chinese numerals
("二〇一四年十二月十日") or as a placeholder ("20xx年1月"). Searching, not matching, is the job
here, and a placeholder is never a date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")
_CN = re.compile(r"([〇○零一二三四五六七八九OＯ]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def normalise(text: str) -> str:
    """Full-width digits and punctuation to half-width, so one pattern reads both."""
    return unicodedata.normalize("NFKC", text)


def _cn_number(s: str) -> int:
    """十二 → 12, 二十一 → 21, 三十 → 30, 九 → 9."""
    if "十" not in s:
        return _CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date in `text` with its span (in the NFKC-normalised text), in order."""
    norm = normalise(text)
    found: list[tuple[dt.date, int, int]] = []
    for m in _ARABIC.finditer(norm):
        d = _date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _CN.finditer(norm):
        year = int("".join(str(_CN_DIGITS.get(c, 0)) for c in m[1]))
        d = _date(year, _cn_number(m[2]), _cn_number(m[3]))
        if d:
            found.append((d, m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


def first_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0][0] if dates else None


_DATE_ONLY = re.compile(
    r"^\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*$"
)


def is_date_line(text: str) -> bool:
    """A line holding only a date, as a 落款 prints it (placeholders like 20xx年 excluded)."""
    return bool(_DATE_ONLY.match(normalise(text)))


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年")


def years_in(text: str) -> list[int]:
    """Four-digit years written as 'YYYY年' (not '20xx年', not phone numbers)."""
    return [int(m[1]) for m in _YEAR.finditer(normalise(text))]
