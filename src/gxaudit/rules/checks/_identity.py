"""The identity engine behind table_formula and consistency_with_previous.

An identity is an `expect` expression over the canonical keys of one table, evaluated once per
column (names are row keys) or once per row (names are column keys). Failing columns collapse
into ONE result with a count and the first few cells (ANCHORS §10.12); each evidence item
carries the printed (left) and computed (right) values and the cell's location.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from gxaudit.model import CheckResult, Evidence, Table
from gxaudit.rules import expr as X
from gxaudit.rules.canon import COLS, ROWS, TABLE_LABELS, label
from gxaudit.rules.checks._common import Strict

TableKey = Literal["proactive", "applications", "review_litigation", "legacy_stats"]


class IdentityParams(Strict):
    ALLOW_PREV: ClassVar[bool] = False

    table: TableKey
    for_each: Literal["column", "row"] = "column"
    columns: list[str] | Literal["all"] = "all"
    rows: list[str] | Literal["all"] = "all"
    null: Literal["zero", "skip"] = "skip"
    tolerance: float = Field(default=0.0, ge=0)
    max_cells: int = Field(default=3, ge=1)
    expect: str
    _expr: X.Expr = PrivateAttr()

    @field_validator("expect")
    @classmethod
    def _parse(cls, v: str, info: ValidationInfo) -> str:
        table = info.data.get("table")
        if table is None:
            return v
        names = ROWS[table] if info.data.get("for_each", "column") == "column" else COLS[table]
        try:
            X.parse(v, names, allow_prev=cls.ALLOW_PREV)
        except X.ExprError as e:
            raise PydanticCustomError("gx_expr", "{message}", {"message": e.message, "offset": e.offset})
        return v

    @model_validator(mode="after")
    def _keys(self):
        for field, known in (("columns", COLS[self.table]), ("rows", ROWS[self.table])):
            value = getattr(self, field)
            if value != "all":
                bad = [k for k in value if k not in known]
                if bad:
                    raise ValueError(f"{field} 中有未知的键：{'、'.join(bad)}（可用：{'、'.join(known)}）")
        names = ROWS[self.table] if self.for_each == "column" else COLS[self.table]
        self._expr = X.parse(self.expect, names, allow_prev=self.ALLOW_PREV)
        return self


def _lines(t: Table, p: IdentityParams) -> list[str]:
    """The columns (or rows) to check, in canonical order."""
    if p.for_each == "column":
        chosen = p.columns
        present = {c for row in t.cells.values() for c in row}
        canon = COLS[p.table]
    else:
        chosen = p.rows
        present = set(t.cells)
        canon = ROWS[p.table]
    if chosen != "all":
        return list(chosen)
    return [k for k in canon if k in present] + sorted(present - set(canon))


def _resolver(t: Table, p: IdentityParams, line: str):
    keys = list(t.cells) if p.for_each == "column" else sorted({c for r in t.cells.values() for c in r})

    def value(name: str) -> float | None:
        v = t.value(name, line) if p.for_each == "column" else t.value(line, name)
        return 0.0 if v is None and p.null == "zero" else v

    def resolve(name: str) -> Any:
        if name.endswith("*"):
            return [value(k) for k in X.wild_matches(name, keys)]
        return value(name)

    return resolve


def _cell_loc(t: Table, p: IdentityParams, name: str | None, line: str):
    if not name:
        return t.loc
    row, col = (name, line) if p.for_each == "column" else (line, name)
    c = t.cells.get(row, {}).get(col)
    return (c.loc if c and c.loc else None) or t.loc


def check(t: Table, p: IdentityParams, file: str, prev: Table | None = None) -> CheckResult:
    e: X.Expr = p._expr
    left_names, _ = X.compare_names(e)
    lines = _lines(t, p)
    failing: list[Evidence] = []
    unevaluable: list[str] = []
    checked = 0
    for line in lines:
        resolve = _resolver(t, p, line)
        resolve_prev = _resolver(prev, p, line) if prev is not None else None
        try:
            ok = X.evaluate(e, resolve, resolve_prev, tolerance=p.tolerance)
        except X.EvalError:
            ok = None
        if ok is None:
            unevaluable.append(line)
            continue
        checked += 1
        if ok:
            continue
        lv, rv = X.sides(e, resolve, resolve_prev) or (None, None)
        name = left_names[0] if len(left_names) == 1 else None
        loc = _cell_loc(t, p, name, line)
        row, col = (name, line) if p.for_each == "column" else (line, name)
        failing.append(Evidence(
            file=(loc.file if loc else file), table=p.table, row=row, col=col,
            page=loc.page if loc else None, line=loc.line if loc else None,
            printed=_num(lv), computed=_num(rv), detail=p.expect,
        ))
    unit = "列" if p.for_each == "column" else "行"
    data = {"checked": checked, "failing": [ev.col if p.for_each == "column" else ev.row for ev in failing],
            "unevaluable": unevaluable}
    name = TABLE_LABELS[p.table]
    if failing:
        shown = "；".join(_describe(ev, p) for ev in failing[: p.max_cells])
        more = f"等 {len(failing)} {unit}" if len(failing) > p.max_cells else ""
        return CheckResult(
            outcome="fail", count=len(failing), evidence=failing[: p.max_cells], data=data,
            message=f"{name}有 {len(failing)} {unit}不满足“{p.expect}”：{shown}{more}",
        )
    if not checked:
        why = "表格中没有可核对的数据" if not lines else f"相关单元格为空，{len(unevaluable)} {unit}均无法核对"
        return CheckResult(outcome="cannot_evaluate", message=f"{name}：{why}", data=data)
    note = f"（{len(unevaluable)} {unit}因单元格为空未核对）" if unevaluable else ""
    return CheckResult(outcome="pass", message=f"{name}满足“{p.expect}”，共核对 {checked} {unit}{note}", data=data)


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _describe(ev: Evidence, p: IdentityParams) -> str:
    where = label(p.table, None, ev.col) if p.for_each == "column" else label(p.table, ev.row, None)
    where = where.removeprefix(TABLE_LABELS[p.table])
    if ev.printed is None or ev.computed is None:
        return where
    return f"{where}左边 {_fmt(ev.printed)} ≠ 右边 {_fmt(ev.computed)}"


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
