"""Reading one numbered heading: 一、 （一） 1. (1) ① in their full- and half-width forms.

Reports run a heading into its paragraph ("（一）切实落实责任。推进…"), pad it with spaces,
mix 、 . ， ． after the numeral, and flatten tables into lines that start with the same
numerals ("一、本年新收政府信息公开申请数量 |", "1.属于国家秘密 |"). A heading is therefore a
numbered line that is *not* a table row; its title is the first clause, the rest is text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# One-for-one width folding so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans({
    "（": "(", "）": ")", "．": ".", "，": ",", "：": ":", "；": ";", "、": "、", "　": " ",
    **{chr(0xFF10 + i): str(i) for i in range(10)},
})
CN_NUM = "一二三四五六七八九十"
_CN_VALUE = {c: i + 1 for i, c in enumerate(CN_NUM)}

_L1 = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.,:]\s*")
_L2 = re.compile(r"^\s*\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*[、.,]?\s*")
_L3 = re.compile(r"^\s*(\d{1,2})\s*[、.,](?!\d)\s*")
_L4 = re.compile(r"^\s*\(\s*(\d{1,2})\s*\)\s*[、.,]?\s*")
_L5 = re.compile(r"^\s*([①-⑳])\s*")

# Row labels of the official tables: numbered like headings, never headings.
TABLE_LABELS = re.compile(
    r"^(本年新收|上年结转|本年度办理结果|结转下年度|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计|"
    r"属于国家秘密|属于三类|属于四类|属于行政|其他法律行政法规|危及|保护第三方|本机关不掌握|没有现成信息|补正后|"
    r"信访举报|重复申请|要求提供公开出版物|无正当理由|要求行政机关确认|申请人无正当理由|申请人逾期|其他$|"
    r"当面申请|传真申请|电子邮件申请|网上申请|信函|其它形式申请|同意公开|同意部分公开|否决公开|不予公开答复|其他类型答复|"
    r"政府网站公开|政府公报公开)"
)
_NUMBERS_AFTER = re.compile(r"^\D{0,40}?(?:\s*[-\d.]+\s*(?:件|条|个|元|万元)?){2,}\s*$")
_BREAK = re.compile(r"[。；;:：！？!?]")


class Heading(NamedTuple):
    number: str  # normalised: 一、 / （一） / 1. / (1) / ①
    level: int
    value: int  # the numeral's value (一 → 1, ① → 1)
    title: str
    rest: str  # text run on after the title
    end: int  # offset in the line where the numbering ends


def fold(text: str) -> str:
    return text.translate(_FOLD)


def cn_value(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    if "十" not in s:
        return _CN_VALUE.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)


def split_title(rest: str, limit: int = 50) -> tuple[str, str]:
    """First clause as the title, the remainder as text."""
    rest = rest.strip()
    m = _BREAK.search(rest)
    if m and m.start() <= limit:
        return rest[: m.start()].strip(), rest[m.end():].strip()
    if len(rest) <= limit:
        return rest, ""
    comma = re.search(r"[,，]", rest)
    cut = comma.start() if comma and comma.start() <= 30 else 30
    return rest[:cut].strip(), rest


def is_table_row(text: str, title: str) -> bool:
    if "|" in text or "\t" in text.strip():
        return True
    if TABLE_LABELS.match(title):
        return True
    return bool(_NUMBERS_AFTER.match(fold(title)))


def parse_heading(text: str) -> Heading | None:
    """The numbered heading a line starts with, or None (plain text or a table row)."""
    folded = fold(text)
    for level, rx in ((2, _L2), (4, _L4), (1, _L1), (5, _L5), (3, _L3)):
        m = rx.match(folded)
        if not m:
            continue
        raw = m.group(1)
        if level in (1, 2):
            value = cn_value(raw)
            number = f"{raw}、" if level == 1 else f"（{raw}）"
        elif level == 5:
            value = ord(raw) - ord("①") + 1
            number = raw
        else:
            value = int(raw)
            number = f"{value}." if level == 3 else f"({value})"
        title, rest = split_title(text[m.end():])
        if not title or is_table_row(text, title):
            return None
        return Heading(number, level, value, title, rest, m.end())
    return None
