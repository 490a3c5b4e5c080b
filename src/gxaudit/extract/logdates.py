"""Dates as CMS exports and list pages print them.

Real exports mix `2026-10-08`, `2026/10/8`, `2026年10月8日`, `[2026-09-10]`, a time after the
date, Excel serial numbers, and a bare month (`2026-09`, the month folder of a document's
address). Anything else — `无`, blank, a title in the date column — is *no date*, which the
national indicators count as "not updated"; the caller lists such rows instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal, NamedTuple

Precision = Literal["day", "month"]


class LogDate(NamedTuple):
    date: dt.date | None
    precision: Precision | None
    form: str  # which printed form matched: iso, slash, cn, serial, month, bracket, none


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DAY = re.compile(r"^\[?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*\]?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$")
_MONTH = re.compile(r"^\[?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*\]?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def parse_log_date(raw: object) -> LogDate:
    """Read one printed date; a value that is not clearly a date gives `date=None`."""
    if raw is None:
        return LogDate(None, None, "none")
    if isinstance(raw, dt.datetime):
        return LogDate(raw.date(), "day", "native")
    if isinstance(raw, dt.date):
        return LogDate(raw, "day", "native")
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _from_serial(float(raw))
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return LogDate(None, None, "none")
    m = _DAY.match(text)
    if m:
        form = "bracket" if text.startswith("[") else ("cn" if "年" in text else ("slash" if "/" in text else "iso"))
        return _checked(int(m[1]), int(m[2]), int(m[3]), "day", form)
    m = _MONTH.match(text)
    if m:
        return _checked(int(m[1]), int(m[2]), 1, "month", "month")
    if _SERIAL.match(text):
        return _from_serial(float(text))
    return LogDate(None, None, "none")


def _from_serial(value: float) -> LogDate:
    # Excel serials for 1990..2100; anything else is not a date we believe.
    if not 32874 <= value <= 73415:
        return LogDate(None, None, "none")
    return LogDate(_EXCEL_EPOCH + dt.timedelta(days=int(value)), "day", "serial")


def _checked(y: int, m: int, d: int, precision: Precision, form: str) -> LogDate:
    try:
        return LogDate(dt.date(y, m, d), precision, form)
    except ValueError:
        return LogDate(None, None, "none")


def month_end(period: str) -> dt.date:
    """Last day of a `YYYY-MM` period, the day a monthly check is made by default."""
    y, m = (int(x) for x in period.split("-")[:2])
    first_next = dt.date(y + (m == 12), 1 if m == 12 else m + 1, 1)
    return first_next - dt.timedelta(days=1)
