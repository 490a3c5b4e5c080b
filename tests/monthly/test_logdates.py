import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxaudit.extract.logdates import month_end, parse_log_date

D = dt.date(2026, 10, 8)


@pytest.mark.parametrize("raw", ["2026-10-08", "2026/10/8", "2026年10月8日", "[2026-10-08]", "2026-10-08 09:30",
                                 "2026-10-08T09:30:00.000Z", "2026.10.08", "２０２６－１０－０８", 46303, "46303"])
def test_real_export_forms_are_read(raw):
    assert parse_log_date(raw).date == D


@pytest.mark.parametrize("raw", ["", "无", None, "2026-13-01", "2026-02-30", "关于印发…的通知", "12", "1.5"])
def test_non_dates_are_no_date(raw):
    got = parse_log_date(raw)
    assert got.date is None and got.form == "none"


def test_month_without_day_keeps_its_precision():
    got = parse_log_date("2026-09")
    assert got.date == dt.date(2026, 9, 1) and got.precision == "month"


def test_month_end():
    assert month_end("2026-02") == dt.date(2026, 2, 28)
    assert month_end("2026-12") == dt.date(2026, 12, 31)


@given(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_every_printed_form_round_trips(d):
    forms = [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", f"[{d.isoformat()}]",
             f"{d.isoformat()} 00:00", (d - dt.date(1899, 12, 30)).days]
    assert all(parse_log_date(f).date == d for f in forms)
