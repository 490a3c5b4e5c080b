"""Spreadsheets (.xlsx, .xls, .et) through python-calamine: one table block per sheet,
merged ranges expanded so a merged header reads the same as in docx or html."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import MAX_CELLS, Placed, build
from gxaudit.ingest.limits import check_zip, read_member


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
            _check_extent(zf, ctx)
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


_REF = re.compile(rb"<(?:\w+:)?(?:c|row)\b[^>]*?\sr=\"([A-Z]{0,3})([0-9]{1,7})\"")


def _check_extent(zf: zipfile.ZipFile, ctx: Ctx) -> None:
    """calamine fills a dense grid from the first used cell to the last: one cell at XFD1048576
    asks for 500 GB and aborts the process (a Rust allocation failure, not an exception).
    The cell references in each sheet's XML bound that grid before calamine sees it."""
    for info in zf.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        rows: list[int] = []
        cols: list[int] = []
        for letters, digits in _REF.findall(read_member(zf, info.filename, ctx.name, ctx.limits)):
            rows.append(int(digits))
            if letters:
                cols.append(_col(letters))
        if not rows:
            continue
        area = (max(rows) - min(rows) + 1) * ((max(cols) - min(cols) + 1) if cols else 1)
        if area > MAX_CELLS:
            raise fail(ctx.name, "too_large", f"工作表 {info.filename.rsplit('/', 1)[-1]} 的范围有 {area} 个单元格")


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def sheet_grid(values: list[list], ranges) -> tuple[list[list[str]], list[list[bool]]]:
    grid = [[cell_str(v) for v in row] for row in values]
    height, width = len(grid), max((len(r) for r in grid), default=0)
    spans = _spans(ranges)
    nrows = max([height] + [r + rs for (r, _), (rs, _) in spans.items()])
    ncols = max([width] + [c + cs for (_, c), (_, cs) in spans.items()])
    if nrows * ncols > MAX_CELLS:  # a merge far past the data is only formatting: clip it
        spans = _spans(ranges, height, width)
        nrows, ncols = height, width
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


def _spans(ranges, height: int | None = None, width: int | None = None) -> dict:
    """Merged ranges as origin -> (rowspan, colspan), clipped to height x width if given
    (calamine's values stop at the last value, so a merge may reach a little past them)."""
    out = {}
    for (r0, c0), (r1, c1) in ranges:
        if height is not None and width is not None:
            r1, c1 = min(r1, height - 1), min(c1, width - 1)
        if r0 <= r1 and c0 <= c1:
            out[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    return out


def _trim(rows, merged):
    """Drop trailing empty rows and columns (a formatted but empty sheet area)."""
    while rows and not any(rows[-1]):
        rows.pop(), merged.pop()
    if not rows:
        return [], []
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [r[:width] for r in rows], [m[:width] for m in merged]
