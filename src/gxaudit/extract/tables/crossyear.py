"""Splits that only last year's figures can decide.

Hook, called by whatever holds the history of one issuer:

    resolve_with_previous(table: Table, previous: Table | None, *, year: int | None = None,
                          previous_year: int | None = None) -> tuple[Table, list[str]]
    resolve_with_next(table: Table, following: Table | None, *, year: int | None = None,
                      next_year: int | None = None) -> tuple[Table, list[str]]

`previous` must be the same issuer's table of the same key for the year immediately before.
The years are `year`/`previous_year` when the caller passes them, else `Table.year` (set by the
readers from the report year or the 统计表 header); when both are known and `previous` is not
of the year before (a gap year), nothing is decided, as if None had been passed. Rows of `table`
still in `Table.pending` are split again together with last year's rows, adding the identities
that link two years:

- legacy_stats: this year's 历年累计 == last year's 历年累计 + this year's 本年度, every row;
- proactive (2021 format): 现行有效件数 == last year's 现行有效件数 + 本年制发 − 本年废止;
- proactive (2019 format, research.md §11 `id.cross_prev_items`, a warning-level identity):
  上一年项目数量 == last year's 上一年项目数量 + last year's 本年增/减, for the 第二十条第（五）
  （六）（八）项 rows. Only a tie-breaker: it chooses among the readings the printed digits allow
  and never stands against them (contradicted, it decides nothing, as every cross-year one);
- applications: 上年结转[总计] == last year's 结转下年度继续办理[总计].

Last year's rows may themselves be pending (a run-together page on both sides): both years are
then solved jointly, and a split is accepted only when exactly one reading of this year's row
survives. The cross-year identities stand or fall together: when the printed digits contradict
one of them (the issuer restarted its 历年累计, say), none decides anything. The returned notes
name every row decided this way and the identity that decided it (the evidence; also put in
the returned table's `notes`, beside the cells), and any cross-year identity the printed digits
contradict.

`resolve_with_next` is the same joint solve read the other way: the next year's report (its
历年累计, its 上一年项目数量) may leave one reading of THIS year's pending digits. Either
direction only chooses among readings the digits allow.
"""

from __future__ import annotations

from decimal import Decimal

from gxaudit.extract.tables import legacy_labels as LL
from gxaudit.extract.tables import runtogether_specs as RS
from gxaudit.extract.tables import templates as T
from gxaudit.extract.tables.runtogether import chunks_of, place
from gxaudit.extract.tables.splitter import Constraint, TooMany, readings, solve
from gxaudit.model import Loc, Table

FAMILY = "crossyear"
PREV_ITEMS_ROWS = ("licensing", "other_services", "penalties", "enforcement", "fees")


def _kinds(table: Table, row: str) -> list[tuple[str, str]] | None:
    if table.key == "legacy_stats":
        kind = "decimal" if table.units.get(row) in ("元", "万元") else "int"
        return [("year", kind), ("cumulative", kind)]
    variant = table.variant or "2021"
    for spec in RS.specs(variant):
        if spec.key == table.key:
            for r in spec.rows:
                if r.key == row:
                    return r.cols
    return None


def _candidates(table: Table, prefix: str) -> dict[str, tuple[list[str], list]]:
    out: dict[str, tuple[list[str], list]] = {}
    rows = set(table.cells) | set(table.pending)
    for row in rows:
        kinds = _kinds(table, row)
        if kinds is None:
            continue
        cols = [c for c, _ in kinds]
        if row in table.pending:
            try:
                rds = readings(chunks_of(table.pending[row]), [k for _, k in kinds])
            except TooMany:
                continue
        else:
            cells = table.cells[row]
            if not all(c in cells for c in cols):
                continue
            vals = [cells[c].value for c in cols]
            rds = [tuple(None if v is None else Decimal(str(v)).normalize() for v in vals)]
        if rds:
            out[prefix + row] = (cols, rds)
    return out


def _in_table(table: Table, prefix: str, rows: set[str]) -> list[Constraint]:
    if table.key == "legacy_stats":
        base = LL.constraints({r.removeprefix(prefix) for r in rows if r.startswith(prefix)})
    else:
        spec = next((s for s in RS.specs(table.variant or "2021") if s.key == table.key), None)
        base = spec.constraints() if spec else []
    return [
        Constraint(tuple((prefix + r, c, k) for r, c, k in con.terms), prefix + con.name, con.const, con.family and prefix + con.family)
        for con in base
    ]


def _cross(table: Table, previous: Table) -> list[Constraint]:
    out: list[Constraint] = []
    if table.key == "legacy_stats":
        for row in set(table.cells) | set(table.pending):
            out.append(Constraint(
                (("cur:" + row, "cumulative", 1), ("prev:" + row, "cumulative", -1), ("cur:" + row, "year", -1)),
                f"“{LL.NAMES.get(row, row)}”行：历年累计=上年历年累计+本年度", family=FAMILY))
    elif table.key == "proactive" and table.variant == "2021" and previous.variant == "2021":
        for row in ("rules", "normative_docs"):
            out.append(Constraint(
                (("cur:" + row, "in_force", 1), ("prev:" + row, "in_force", -1),
                 ("cur:" + row, "issued", -1), ("cur:" + row, "repealed", 1)),
                f"“{_row_name(table, row)}”行：现行有效件数=上年现行有效件数+本年制发−本年废止", family=FAMILY))
    elif table.key == "proactive" and table.variant == "2019" and previous.variant == "2019":
        for row in PREV_ITEMS_ROWS:
            out.append(Constraint(
                (("cur:" + row, "prev_items", 1), ("prev:" + row, "prev_items", -1), ("prev:" + row, "change", -1)),
                f"“{_row_name(table, row)}”行：后一年的上一年项目数量=前一年的上一年项目数量+前一年的本年增/减", family=FAMILY))
    elif table.key == "applications":
        out.append(Constraint(
            (("cur:carried_in", "total", 1), ("prev:carried_out", "total", -1)),
            "上年结转[总计]=上年报告结转下年度继续办理[总计]", family=FAMILY))
    return out


def _row_name(table: Table, row: str) -> str:
    if table.key == "legacy_stats":
        return LL.NAMES.get(row, row)
    spec = next((s for s in RS.specs(table.variant or "2021") if s.key == table.key), None)
    return next((r.printed for r in spec.rows if r.key == row), row) if spec else row


def _col_name(table: Table, col: str) -> str:
    if table.key == "legacy_stats":
        return LL.COL_NAMES.get(col, col)
    if table.key == "applications":
        return RS.APP_COL_NAMES.get(col, col)
    labels = {c.key: c.label for art in T.PROACTIVE.get(table.variant or "2021", ()) for c in art.cols}
    return labels.get(col, col)


def _not_last_year(table: Table, previous: Table, year: int | None, previous_year: int | None) -> bool:
    y = year if year is not None else table.year
    py = previous_year if previous_year is not None else previous.year
    return y is not None and py is not None and py != y - 1


def resolve_with_previous(
    table: Table, previous: Table | None, *, year: int | None = None, previous_year: int | None = None
) -> tuple[Table, list[str]]:
    """Split pending rows of `table` with last year's figures; see the module docstring."""
    if previous is None or previous.key != table.key or _not_last_year(table, previous, year, previous_year):
        return table, []
    return _resolve(table, previous, "cur:", table, "上年报告")


def resolve_with_next(
    table: Table, following: Table | None, *, year: int | None = None, next_year: int | None = None
) -> tuple[Table, list[str]]:
    """Split pending rows of `table` with the NEXT year's figures (the same identities read the
    other way: next year's 历年累计 or 上一年项目数量 may leave one reading of this year's digits).

    For a caller that has the later report at hand (a series scored back to front, a history
    being filled); same rules as `resolve_with_previous`."""
    if following is None or following.key != table.key or _not_last_year(following, table, next_year, year):
        return table, []
    return _resolve(following, table, "prev:", table, "下一年报告")


def _resolve(cur: Table, prev: Table, side: str, table: Table, basis: str) -> tuple[Table, list[str]]:
    """Solve two consecutive years jointly and place the pending rows of `table` (side `side`)."""
    if not table.pending:
        return table, []
    cands = _candidates(cur, "cur:") | _candidates(prev, "prev:")
    rows = set(cands)
    cross = _cross(cur, prev)
    if not cross:
        return table, []
    sol = solve(cands, _in_table(cur, "cur:", rows) + _in_table(prev, "prev:", rows) + cross)
    other_side = "prev:" if side == "cur:" else "cur:"
    out = table.model_copy(deep=True)
    pending_rows = [r for r in table.pending if side + r in sol.rows]
    sub = type(sol)({r: sol.rows[side + r] for r in pending_rows})
    runs = {r: table.pending[r] for r in pending_rows}
    for r in pending_rows:
        out.pending.pop(r, None)
        out.unplaced = [u for u in out.unplaced if f"‘{runs[r]}’" not in u]
        st = sub.rows[r]
        st.decided_by = [d.removeprefix(side) for d in st.decided_by if not d.startswith(other_side)]
    names = {r: _row_name(table, r) for r in pending_rows}
    before = len(out.notes)
    place(out, sub, runs, table.loc or Loc(file=""), names)  # in-table contradictions: the reader's
    for r in pending_rows:  # a row only partly decided: say which cells the other year decided
        new = [c for c in out.cells.get(r, {}) if c not in table.cells.get(r, {})]
        if r in out.pending and new and sub.rows[r].decided_by:
            cols = "、".join(f"“{_col_name(table, c)}”" for c in new)
            out.notes.append(f"“{names[r]}”行{cols}列由恒等式确定：{'；'.join(sub.rows[r].decided_by)}")
    other = prev if table is cur else cur
    where = f"（依据{basis} {other.loc.file}）" if other.loc and other.loc.file else f"（依据{basis}）"
    decided = out.notes[before:]
    out.notes[before:] = [n + where for n in decided]
    cross_names = {c.name for c in cross}
    broken = [f"跨年恒等式与印出的数字矛盾，未用于拆分：{n}" for n in sol.contradicted if n in cross_names]
    for because, aside in sol.set_aside_groups():
        aside = [n for n in aside if n in cross_names]
        if aside and set(because) <= cross_names:
            out.notes.append(f"同组跨年恒等式（{'；'.join(because)}）与印出的数字矛盾，为免误拆，以下跨年恒等式也未用于拆分"
                             f"（单独看未与印出的数字矛盾）：{'；'.join(aside)}")
    return out, decided + broken
