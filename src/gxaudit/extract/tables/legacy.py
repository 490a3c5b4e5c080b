"""The legacy 统计表 (政府信息公开情况统计表) of the free-form reports, 2008–2018.

Hook for `gxaudit.extract.tables.find_tables` (called lazily):

    find_legacy_stats(blocks: list[Block]) -> tuple[Table | None, list[str]]

returns the `legacy_stats` table (columns `year` 本年度 and `cumulative` 历年累计, the unit of
every row in `Table.units[row]`) and Chinese warnings, or None when the document has none.

A real table block (HTML, docx) is read as printed, columns found by their header text. Without
one, the table is looked for in the text, where a saved page ran its cells together:
`主动公开文件数条294981916`. The unit ends the label; the digits after it hold both columns and
are split only where one reading is possible: the digit count, or the in-table identities
(主动公开 = 网站 + 公报, 受理总数 = Σ申请方式, 答复总数 = Σ答复类型). What needs last year's
历年累计 is left in `Table.pending` for `crossyear.resolve_with_previous`. The sub-row number that
the flattening glued to the previous row (`41815092.政府公报公开`) is told apart by counting:
after row 1. comes 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gxaudit.extract.numbers import parse_number
from gxaudit.extract.tables import legacy_labels as LL
from gxaudit.extract.tables.runtogether import chunks_of, normalize, place
from gxaudit.extract.tables.splitter import TooMany, readings, solve
from gxaudit.model import Block, Cell, Loc, Table

_UNIT = re.compile(r"^(?P<label>.+?)(?P<unit>万元|人次|条|件|元|个|次|项|份)$")
_YEAR_HEAD = re.compile(r"(?:\d{4}\s*年度|本年度|本年)")
_NUMBERING = re.compile(r"^(\d{1,2})[.、．]")


@dataclass
class LegacyRow:
    label: str  # as printed, cleaned of 其中： and the number
    key: str | None
    unit: str | None
    run: str  # printed digits of both cells
    number: int | None = None
    note: str | None = None


def _split_unit(label: str) -> tuple[str, str | None]:
    if LL.key_of(label):
        return label, None
    m = _UNIT.match(label)
    return (m["label"], m["unit"]) if m else (label, None)


def _digits_of(nums: str) -> str:
    return re.sub(r"[^\d]", "", nums)


_LABEL_PIECE = re.compile(r"([^\d\s.\-—–/]+)")


def _cut_number(run: str, glued: bool, expected: int) -> tuple[str, int | None]:
    """Cut the next row's number `expected` off the end of `run` when the page glued it there."""
    if not glued:
        return run, None
    body = re.sub(r"[.．]\s*$", "", run).rstrip()
    if body.endswith(str(expected)):
        return body[: -len(str(expected))], expected
    return run, -1


def tokenize(body: str) -> list[LegacyRow]:
    """Rows of a run-together 统计表 body: label text, unit, then the digits of both cells."""
    parts = _LABEL_PIECE.split(body)  # numbers, label, numbers, label, ..., numbers
    rows: list[LegacyRow] = []
    prefix = ""
    number: int | None = None  # the number of the label about to be read
    for i in range(1, len(parts), 2):
        label, run = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        nxt = parts[i + 2] if i + 2 < len(parts) else ""
        glued = nxt.startswith("、") or bool(re.search(r"[.．]\s*$", run))
        cleaned = LL.clean_label((prefix + label).lstrip("、．."))
        if not LL.key_of(cleaned) and not _UNIT.match(cleaned):
            prefix += label  # e.g. 其中： before a numbered sub-row; its digits are the number
            digits = _digits_of(run)
            number = int(digits) if glued and digits and len(digits) <= 2 else number
            continue
        prefix = ""
        lab, unit = _split_unit(cleaned)
        row = LegacyRow(lab, LL.key_of(lab), unit, run, number)
        row.run, number = _cut_number(run, glued, (row.number or 0) + 1)
        if number == -1:
            row.note = f"行末序号无法确定（应为“{(row.number or 0) + 1}.”）"
            number = None
        rows.append(row)
    return rows


def _year_of(head: str) -> int | None:
    """The year a 统计表 header names ("2015年度"), the year its figures are for."""
    m = re.search(r"(\d{4})\s*年度", head)
    return int(m[1]) if m else None


def _header(norm: str) -> tuple[int, bool, int | None] | None:
    """Where the body starts after the header, whether 历年累计 comes before 本年度, the year."""
    m = re.search(r"指标名称", norm)
    if not m:
        return None
    head = norm[m.end() : m.end() + 60]
    cum = head.find("历年累计")
    yr = _YEAR_HEAD.search(head)
    if cum < 0 or yr is None:
        return None
    end = max(cum + len("历年累计"), yr.end())
    return m.end() + end, cum < yr.start(), _year_of(yr[0])


def read_legacy_text(text: str, loc: Loc) -> tuple[Table | None, list[str]]:
    norm = normalize(text)
    head = _header(norm)
    if head is None:
        return None, []
    start, swapped, year = head
    body = re.split(r"附件下载|附件[:：]", norm[start:])[0]
    rows = tokenize(body)
    cols = ["cumulative", "year"] if swapped else ["year", "cumulative"]
    table = Table(key="legacy_stats", variant="legacy", source="runtogether", loc=loc, year=year)
    names: dict[str, str] = {}
    cands: dict[str, tuple[list[str], list]] = {}
    printed: dict[str, str] = {}
    extra: set[str] = set()
    for r in rows:
        rk = r.key if r.key and r.key not in cands else f"extra:{r.label}"
        if rk.startswith("extra:"):
            extra.add(rk)
        names[rk] = r.label
        if r.unit:
            table.units[rk.removeprefix("extra:")] = r.unit
        if r.note:
            table.unplaced.append(f"第“{r.label}”行：{r.note}")
            continue
        chunks = chunks_of(r.run)
        printed[rk] = " ".join(chunks)
        kind = "decimal" if r.unit in ("元", "万元") else "int"
        try:
            rds = readings(chunks, [kind, kind])
        except TooMany:
            table.unplaced.append(f"无法拆分：第“{r.label}”行 ‘{printed[rk]}’ 候选过多")
            continue
        if not rds:
            table.unplaced.append(f"无法拆分：第“{r.label}”行 ‘{printed[rk]}’ 不能读成2个数（应有本年度、历年累计两格）")
            continue
        cands[rk] = (cols, rds)
    sol = solve(cands, LL.constraints(set(cands)))
    notes = place(table, sol, printed, loc, names)
    for rk in extra:
        if rk in table.cells:
            table.extra_rows[rk.removeprefix("extra:")] = table.cells.pop(rk)
        if rk in table.pending:
            table.pending[rk.removeprefix("extra:")] = table.pending.pop(rk)
    return table, notes


def _grid_cols(row: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for j, cell in enumerate(row):
        c = re.sub(r"\s+", "", cell)
        if "指标名称" in c and "label" not in found:
            found["label"] = j
        elif "计量单位" in c or c == "单位":
            found.setdefault("unit", j)
        elif "历年累计" in c or c == "累计":
            found.setdefault("cumulative", j)
        elif _YEAR_HEAD.search(c):
            found.setdefault("year", j)
    return found if {"year", "cumulative"} <= set(found) else None


def read_legacy_grid(rows: list[list[str]], loc: Loc) -> Table | None:
    """A 统计表 that is a real table: every cell read as printed, columns found by header."""
    for h, row in enumerate(rows):
        cols = _grid_cols(row)
        if cols:
            break
    else:
        return None
    year = _year_of(rows[h][cols["year"]]) if cols["year"] < len(rows[h]) else None
    table = Table(key="legacy_stats", variant="legacy", source="table", loc=loc, year=year)
    first_val = min(cols["year"], cols["cumulative"], cols.get("unit", 99))
    for i in range(h + 1, len(rows)):
        row = rows[i]
        label = "".join(dict.fromkeys(c.strip() for c in row[:first_val] if c.strip()))
        if not label:
            continue
        key = LL.key_of(label)
        lab = LL.clean_label(label)
        target = table.cells if key and key not in table.cells else table.extra_rows
        rk = key if target is table.cells else lab
        unit = row[cols["unit"]].strip() if "unit" in cols and cols["unit"] < len(row) else None
        cells: dict[str, Cell] = {}
        for col in ("year", "cumulative"):
            j = cols[col]
            raw = row[j] if j < len(row) else ""
            pn = parse_number(raw)
            cloc = loc.model_copy(update={"row": i, "col": j})
            cells[col] = Cell(value=pn.value, raw=raw.strip(), unit=pn.unit or unit or None, loc=cloc)
        target[rk] = cells
        if unit:
            table.units[rk] = unit
    return table


def find_legacy_stats(blocks: list[Block]) -> tuple[Table | None, list[str]]:
    """The legacy 统计表: from a table block when there is one, else from the text."""
    for b in blocks:
        if b.kind == "table" and b.rows:
            t = read_legacy_grid(b.rows, b.loc)
            if t is not None and (t.cells or t.extra_rows):
                return t, []
    texts = [b for b in blocks if b.kind != "table" and b.text]
    for i, b in enumerate(texts):
        if "指标名称" in normalize(b.text):
            joined = "\n".join(x.text for x in texts[i : i + 60])
            table, notes = read_legacy_text(joined, b.loc)
            if table is not None:
                return table, [f"{b.loc.short()}：统计表：{n}" for n in notes]
    return None, []
