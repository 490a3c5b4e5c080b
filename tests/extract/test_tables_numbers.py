"""Number normalisation: what reports print → value, unit, blank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxaudit.extract.numbers import parse_number

FULL = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("60127896元", 60127896, "元"),
        ("12.5万元", 12.5, "万元"),
        ("-9", -9, None),
        ("－９", -9, None),
        ("１２３", 123, None),
        ("1,234.5", 1234.5, None),
        ("１，２３４", 1234, None),
        ("80%", 80, "%"),
        (" 0 ", 0, None),
        ("\u00a05", 5, None),
        ("贰万捌仟", 28000, None),
        ("两千零二十三", 2023, None),
        ("二〇二三", 2023, None),
        ("一百零八点五", 108.5, None),
        ("负九", -9, None),
        ("壹佰万", 1_000_000, None),
        ("3万5千", 35000, None),
        ("廿三", 23, None),
        ("三万零五", 30005, None),
        ("百分之八十", 80, "%"),
    ],
)
def test_numbers(raw, value, unit):
    p = parse_number(raw)
    assert (p.value, p.unit, p.blank, p.raw) == (value, unit, False, raw)


@pytest.mark.parametrize("raw", ["", "  ", "—", "-", "/", "无", "——", "－"])
def test_blank_markers_stay_none_with_raw_kept(raw):
    p = parse_number(raw)
    assert p.value is None and p.blank and p.raw == raw


@pytest.mark.parametrize(
    "raw", ["规章", "第二十条第（一）项", "1.属于国家秘密", "一是加强领导", "12,5", "无法提供"]
)
def test_text_is_not_a_number(raw):
    p = parse_number(raw)
    assert p.value is None and not p.blank and p.is_text


@settings(max_examples=300, deadline=None)
@given(
    n=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    full=st.booleans(),
    sep=st.booleans(),
    unit=st.sampled_from(["", "元", "万元", "件", "个", "%"]),
    pad=st.sampled_from(["", " ", "\u3000", "\u00a0"]),
)
def test_printed_number_parses_back(n, full, sep, unit, pad):
    n = n.normalize() if n != 0 else Decimal(0)
    text = f"{n:,f}" if sep else f"{n:f}"
    if full:
        text = text.translate(FULL)
    raw = f"{pad}{text}{unit}{pad}"
    p = parse_number(raw)
    assert p.value == float(n)
    assert p.unit == (unit or None)
    assert not p.blank
