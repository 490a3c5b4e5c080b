"""Official tables read from body text whose cells RUN TOGETHER (no separator between cells).

Hook for `gxaudit.extract.tables.find_tables` (called lazily):

    read_runtogether(text: str, loc: Loc, year: int | None) -> tuple[dict[str, Table], list[str]]

returns the tables `proactive`, `applications`, `review_litigation` printed in `text`, with
`Table.source = "runtogether"`, and Chinese warnings (problems only: an identity the printed
figures break). A table is returned only when it is printed: its column headers and at least
one row label with digits; a part heading followed by prose gives none. How a split was decided
(the identity that left one reading) is evidence, kept in `Table.notes` beside the cells.

Saved pages flatten a table to `一、本年新收政府信息公开申请数量21710000218`. The row labels
are known and come in a known order, so the text between two labels is one row's cells; what
the printed characters cannot decide the identities of the table can (row sums, column sums,
group totals). A cell is placed only when every reading still possible agrees on it
(`splitter`); everything else is listed in `Table.unplaced` with the row and the reason, and its
printed run is kept in `Table.pending` so that last year's figures may still decide it
(`crossyear.resolve_with_previous`). Whitespace, a minus sign and a blank marker (—, /) in the
run always start a new cell: they are what the page printed between cells.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gxaudit.extract.tables import runtogether_specs as rt_specs
from gxaudit.extract.tables.splitter import Solution, TooMany, in_row_prune, row_readings, solve
from gxaudit.model import Cell, Loc, Table

_CJK = r"\u3400-\u9fff"
_BLANK_MARK = re.compile(rf"(?<![{_CJK}])[—–－/／](?![{_CJK}])")
_NON_CELL = re.compile(r"[^\d.\-\s—–－/／]+")


def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets), and no whitespace between two non-digits."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?m)^[ \t]*\|[ \t]*$", " — ", text)  # a line holding only "|" is an empty cell
    text = text.replace("|", " ")
    return re.sub(r"(?<=\D)\s+(?=\D)", "", text)


def chunks_of(run: str) -> list[str]:
    """The printed pieces of one row's cells: label text and units become separators."""
    run = _BLANK_MARK.sub(lambda m: " — ", run)
    run = _NON_CELL.sub(" ", run)
    out = []
    for piece in run.split():
        if piece == "—" or re.search(r"\d", piece):
            out.append(piece.strip("."))
    return [p for p in out if p]


@dataclass
class RowRun:
    key: str
    run: str  # printed text between this row's label and the next one's
    note: str | None = None  # why the row could not be read at all
    found: bool = True  # its label is printed


def strip_number(run: str, number: str) -> str | None:
    """Remove the next row's printed number (`2.`) from the end of this row's run."""
    m = re.search(rf"(?<!\.){re.escape(number)}\s*[.、．]\s*$", run)
    if m:
        return run[: m.start()]
    return None


def row_runs(seg: str, rows: list[rt_specs.RowSpec]) -> list[RowRun]:
    """Cut a table segment into one run per row, by finding the labels in their order."""
    found: list[tuple[rt_specs.RowSpec, re.Match[str] | None]] = []
    pos = 0
    for spec in rows:
        m = re.compile(spec.label).search(seg, pos)
        found.append((spec, m))
        if m:
            pos = m.end()
    out: list[RowRun] = []
    for i, (spec, m) in enumerate(found):
        if m is None:
            out.append(RowRun(spec.key, "", f"未找到行“{spec.printed}”", found=False))
            continue
        if i + 1 < len(found):
            nxt_spec, nxt = found[i + 1]
            if nxt is None:
                out.append(RowRun(spec.key, "", f"下一行“{nxt_spec.printed}”未找到，无法确定本行数字"))
                continue
            run = seg[m.end() : nxt.start()]
            if nxt_spec.number:
                cut = strip_number(run, nxt_spec.number)
                if cut is None and not re.search(r"\D\s*$", run):
                    out.append(RowRun(spec.key, run, f"下一行序号“{nxt_spec.number}.”未找到，无法确定本行数字"))
                    continue
                run = run if cut is None else cut
        else:
            run = seg[m.end() :]
        out.append(RowRun(spec.key, run))
    return out


def place(
    table: Table,
    sol: Solution,
    runs: dict[str, str],
    loc: Loc,
    row_names: dict[str, str],
    raw_of: dict[str, list[list[str]]] | None = None,
) -> list[str]:
    """Put every cell all surviving readings agree on into `table`; note the rest.

    Returns the problems (an identity the printed digits break): warnings for the submission.
    How a split was decided is evidence, not a problem: it goes to `table.notes`, beside the
    cells it explains."""
    notes: list[str] = []
    for row, st in sol.rows.items():
        name = row_names.get(row, row)
        if not st.readings:
            continue
        cells = table.cells.setdefault(row, {})
        undecided = []
        for j, col in enumerate(st.cols):
            values = {rd[j] for rd in st.readings}
            if len(values) == 1:
                v = next(iter(values))
                raw = "" if v is None else str(v)
                cells[col] = Cell(value=None if v is None else float(v), raw=raw, loc=loc)
            else:
                undecided.append(col)
        if not cells:
            del table.cells[row]
        if undecided:
            table.pending[row] = runs[row]
            table.unplaced.append(
                f"无法唯一拆分：第“{name}”行 ‘{runs[row]}’ 有{len(st.readings)}种读法"
                + (f"（未定列：{'、'.join(undecided)}）" if len(undecided) < len(st.cols) else "")
            )
        elif len(st.readings) == 1 and st.decided_by:
            table.notes.append(f"“{name}”行由恒等式唯一确定：{'；'.join(st.decided_by)}")
    for name in sol.contradicted:
        notes.append(f"恒等式与印出的数字矛盾，未用于拆分：{name}")
    for because, names in sol.set_aside_groups():
        table.notes.append(
            f"同组恒等式（{'；'.join(because)}）与印出的数字矛盾，为免误拆，以下同组恒等式也未用于拆分"
            f"（单独看未与印出的数字矛盾）：{'；'.join(names)}"
        )
    return notes


def build_candidates(
    runs: list[RowRun],
    kinds: dict[str, list[tuple[str, str]]],
    table: Table,
    names: dict[str, str],
    constraints: list | None = None,
) -> tuple[dict[str, tuple[list[str], list]], dict[str, str]]:
    """Readings of every row that the printed characters allow; unreadable rows are noted."""
    cands: dict[str, tuple[list[str], list]] = {}
    printed: dict[str, str] = {}
    for rr in runs:
        cols = [c for c, _ in kinds[rr.key]]
        name = names.get(rr.key, rr.key)
        if rr.note:
            table.unplaced.append(f"第“{name}”行：{rr.note}")
            continue
        chunks = chunks_of(rr.run)
        printed[rr.key] = " ".join(chunks)
        if not chunks:
            table.unplaced.append(f"第“{name}”行没有数字")
            continue
        try:
            prune = in_row_prune(rr.key, cols, constraints or [])
            rds = row_readings(chunks, [k for _, k in kinds[rr.key]], prune)
        except TooMany:
            table.pending[rr.key] = printed[rr.key]
            table.unplaced.append(f"无法拆分：第“{name}”行 ‘{printed[rr.key]}’ 候选过多")
            continue
        if not rds:
            table.unplaced.append(
                f"无法拆分：第“{name}”行 ‘{printed[rr.key]}’ 不能读成{len(cols)}个数（数字不足或格式不符）"
            )
            continue
        cands[rr.key] = (cols, rds)
    return cands, printed


def read_table(seg: str, spec: rt_specs.TableSpec, loc: Loc, year: int | None = None) -> tuple[Table | None, list[str]]:
    """One table from its text segment; None when no row of it is printed there with digits
    (headings and words, no table: the caller says the table is not present as text)."""
    table = Table(key=spec.key, variant=spec.variant, source="runtogether", loc=loc, year=year)  # type: ignore[arg-type]
    names = {r.key: r.printed for r in spec.rows}
    if spec.single_run:
        runs = [RowRun("_all", seg)]
        kinds = {"_all": spec.single_run}
        names["_all"] = spec.printed
    else:
        runs = row_runs(seg, spec.rows)
        kinds = {r.key: r.cols for r in spec.rows}
    if not any(rr.found and chunks_of(rr.run) for rr in runs):
        return None, []
    cons = spec.constraints()
    cands, printed = build_candidates(runs, kinds, table, names, cons)
    sol = solve(cands, cons)
    notes = place(table, sol, printed, loc, names)
    if spec.single_run:
        spec.unflatten(table)
    return table, notes


def read_runtogether(text: str, loc: Loc, year: int | None) -> tuple[dict[str, Table], list[str]]:
    """Official tables from a run-together body text; see the module docstring."""
    norm = normalize(text)
    variant = rt_specs.variant_of(norm, year)
    tables: dict[str, Table] = {}
    warnings: list[str] = []
    if variant is None:
        return tables, warnings
    for spec in rt_specs.specs(variant):
        seg = rt_specs.segment(norm, spec)
        if seg is None:
            continue
        table, notes = read_table(seg, spec, loc, year)
        if table is None:
            continue
        tables[spec.key] = table
        warnings.extend(f"{loc.file}：{spec.printed}：{n}" for n in notes)
    return tables, warnings


