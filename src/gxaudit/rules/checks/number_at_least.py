"""number_at_least — a figure reaches a minimum (a table cell, or a number written near a phrase).

Good: `cell: proactive.normative_docs.in_force, min: 1` with 现行有效件数 12 → pass.
Good: `near: [主动公开政府信息], min: 20` with "全年主动公开政府信息356条" → pass.
Bad: "本月主动公开信息8条" against `min: 20` → fail "8 < 20".

A blank or missing cell is cannot_evaluate by default (`blank: fail` or `blank: zero` to choose);
a phrase that is not found, or found without a number after it within `window` characters, fails.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import Field, model_validator

from gxaudit.model import CheckResult, Evidence, Submission
from gxaudit.rules.canon import COLS, ROWS, label
from gxaudit.rules.checks._common import Scope, para_evidence, scope_label, scoped_paragraphs, snippet
from gxaudit.rules.context import CheckContext

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百]+")
_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


class Params(Scope):
    min: float
    cell: str | None = None  # "table.row.col"
    near: list[str] | None = None
    window: int = Field(default=20, ge=1)
    blank: Literal["cannot_evaluate", "fail", "zero"] = "cannot_evaluate"

    @model_validator(mode="after")
    def _target(self):
        if (self.cell is None) == (not self.near):
            raise ValueError("需要 cell（表.行.列）或 near（短语）二者之一")
        if self.cell is not None:
            parts = self.cell.split(".")
            if len(parts) != 3 or parts[0] not in ROWS or parts[1] not in ROWS[parts[0]] or parts[2] not in COLS[parts[0]]:
                raise ValueError(f"cell“{self.cell}”应为 表.行.列 形式的标准键，如 applications.new.total")
        return self


def cn_number(s: str) -> float | None:
    s = unicodedata.normalize("NFKC", s).replace(",", "")
    if s[0].isdigit():
        return float(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN:
            cur = _CN[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
    return float(total + cur)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    if params.cell:
        return [_from_cell(sub, params)]
    return [_from_text(sub, params)]


def _verdict(value: float, params: Params, where: str, ev: Evidence) -> CheckResult:
    ev.printed = value
    shown = int(value) if value.is_integer() else value
    floor = int(params.min) if float(params.min).is_integer() else params.min
    if value >= params.min:
        return CheckResult(outcome="pass", message=f"{where}为 {shown}，不少于 {floor}", evidence=[ev], data={"value": value})
    return CheckResult(outcome="fail", message=f"{where}为 {shown}，少于要求的 {floor}", evidence=[ev], data={"value": value})


def _from_cell(sub: Submission, params: Params) -> CheckResult:
    table, row, col = params.cell.split(".")  # type: ignore[union-attr]
    where = label(table, row, col)
    t = sub.tables.get(table)
    if t is None:
        return CheckResult(outcome="cannot_evaluate", message=f"未找到{label(table)}，无法读取{where}")
    cell = t.cells.get(row, {}).get(col)
    value = None if cell is None else cell.value
    ev = Evidence(file=sub.file, table=table, row=row, col=col, quote=cell.raw if cell else None,
                  page=cell.loc.page if cell and cell.loc else None, line=cell.loc.line if cell and cell.loc else None)
    if value is None:
        if params.blank == "zero":
            value = 0.0
        else:
            return CheckResult(outcome=params.blank, message=f"{where}为空", evidence=[ev])
    return _verdict(value, params, where, ev)


def _from_text(sub: Submission, params: Params) -> CheckResult:
    paras = scoped_paragraphs(sub, params) or []
    phrases = params.near or []
    for p in paras:
        for ph in phrases:
            start = p.text.find(ph)
            while start >= 0:
                tail = p.text[start + len(ph): start + len(ph) + params.window]
                m = _NUM.search(tail)
                if m:
                    ev = para_evidence(sub, p, snippet(p.text, start, start + len(ph) + m.end()))
                    return _verdict(cn_number(m.group(0)), params, f"“{ph}”后的数字", ev)
                start = p.text.find(ph, start + 1)
    return CheckResult(outcome="fail", message=f"{scope_label(params)}未找到“{'”或“'.join(phrases)}”及其后的数字",
                       evidence=[Evidence(file=sub.file, detail="未找到")])
