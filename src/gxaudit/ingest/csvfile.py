"""A CSV (publication logs, site exports) as one table block; encodings as for txt."""

from __future__ import annotations

import csv
import io

from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.txt import decode_file


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        return csv.excel


def read(ctx: Ctx) -> Parts:
    text, parts = decode_file(ctx)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:8192]))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    parts.table(rows, None, file=ctx.name)
    return parts
