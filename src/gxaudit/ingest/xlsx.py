"""Spreadsheets (.xlsx, .xls, .et) through python-calamine: one table block per sheet,
merged ranges expanded so a merged header reads the same as in docx or html."""

from __future__ import annotations

import datetime as dt
import zipfile

from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import Placed, build
from gxaudit.ingest.limits import check_zip


def cell_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ") if (v.hour or v.minute or v.second) else v.date().isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    return str(v).strip()


def read(ctx: Ctx) -> Parts:
    from python_calamine import CalamineWorkbook

    if zipfile.is_zipfile(ctx.path):
        with zipfile.ZipFile(ctx.path) as zf:
            check_zip(zf, ctx.name, ctx.limits)
    try:
        wb = CalamineWorkbook.from_path(str(ctx.path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        text = str(exc)
        reason = "encrypted" if "password" in text.lower() or "encrypt" in text.lower() else "corrupt"
        raise fail(ctx.name, reason, f"表格文件无法打开：{text[:120]}") from None
    parts = Parts()
    for sheet_name in wb.sheet_names:
        try:
            ws = wb.get_sheet_by_name(sheet_name)
            values = ws.to_python(skip_empty_area=False)
            ranges = ws.merged_cell_ranges or []
        except Exception as exc:  # noqa: BLE001
            ctx.warnings.append(f"{ctx.name}：工作表“{sheet_name}”无法读取（{str(exc)[:80]}）")
            continue
        rows, merged = sheet_grid(values, ranges)
        if rows:
            parts.table(rows, merged, file=ctx.name, sheet=sheet_name)
    return parts


def sheet_grid(values: list[list], ranges) -> tuple[list[list[str]], list[list[bool]]]:
    grid = [[cell_str(v) for v in row] for row in values]
    spans = {}
    for rng in ranges:
        (r0, c0), (r1, c1) = rng
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    nrows = max([len(grid)] + [r + rs for (r, _), (rs, _) in spans.items()])
    ncols = max([len(r) for r in grid] + [0] + [c + cs for (_, c), (_, cs) in spans.items()])
    covered = {(r + dr, c + dc) for (r, c), (rs, cs) in spans.items() for dr in range(rs) for dc in range(cs)}
    placed = []
    for r in range(nrows):
        row = grid[r] if r < len(grid) else []
        for c in range(ncols):
            text = row[c] if c < len(row) else ""
            if (r, c) in spans:
                placed.append(Placed(r, c, text, *spans[(r, c)]))
            elif (r, c) not in covered:
                placed.append(Placed(r, c, text))
    rows, merged = build(placed, nrows=nrows)
    return _trim(rows, merged)


def _trim(rows, merged):
    """Drop trailing empty rows and columns (a formatted but empty sheet area)."""
    while rows and not any(rows[-1]):
        rows.pop(), merged.pop()
    if not rows:
        return [], []
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [r[:width] for r in rows], [m[:width] for m in merged]
