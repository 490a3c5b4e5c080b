"""Phrase and regex matching shared by pattern_absent and pattern_present.

Phrases are literal; patterns are regular expressions, compiled at load time so that a bad one
is a rule-file error with its line, not a crash while scoring.

`include_tables: true` also searches the official tables, one line per filled row as
"<row label>：<cells as printed>" (unmapped rows under their printed label). Real legacy reports
state some items only in their 统计表 (e.g. the row 政府信息公开收费减免金额), which the
extractor takes out of the prose. A row whose cells are all blank is not searched: a printed
but empty row states nothing. Table text is searched only when the whole document is (a table
belongs to no part's prose).
"""

from __future__ import annotations

import re

from pydantic import Field, PrivateAttr, field_validator, model_validator

from gxaudit.model import Cell, Evidence, Loc, Submission
from gxaudit.rules.canon import ROW_LABELS
from gxaudit.rules.checks._common import Scope


class PatternParams(Scope):
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    ignore_case: bool = True
    include_tables: bool = False
    describe: str | None = None  # what the patterns stand for, shown in messages instead of regexes
    _compiled: list[re.Pattern] = PrivateAttr(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _compile(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"正则表达式“{p}”有误：{e}") from None
        return v

    @model_validator(mode="after")
    def _build(self):
        if not self.phrases and not self.patterns:
            raise ValueError("需要 phrases（短语）或 patterns（正则表达式）")
        flags = re.IGNORECASE if self.ignore_case else 0
        self._compiled = [re.compile(re.escape(p), flags) for p in self.phrases if p] + [
            re.compile(p, flags) for p in self.patterns
        ]
        return self

    def labels(self) -> list[str]:
        return [p for p in self.phrases if p] + list(self.patterns)


_GAPS = re.compile(r"(\[\^[^\]]*\]|\.)(\{\d*,?\d*\}|[*+?])")  # .{0,30}  [^。；]{0,20}  .*
_SHOWN = [
    (re.compile(r"\\d"), "X"),                                   # 20\d\d → 20XX
    (re.compile(r"\\[sb]\*?|[\^$]"), ""),
    (re.compile(r"\(\?:"), "("),
    (re.compile(r"\{\d*,?\d*\}|(?<!\\)[?*+]"), ""),             # optional/repeated: read as written once
    (re.compile(r"\\(.)"), r"\1"),
]


def readable(label: str) -> str:
    """A pattern as a reader can take it, for messages of rules without `describe:`:
    "办公室.{0,12}(负责|承担)" → "办公室…负责/承担". A phrase comes back unchanged."""
    text = _GAPS.sub("…", label)
    for rx, repl in _SHOWN:
        text = rx.sub(repl, text)
    return text.replace("(", "").replace(")", "").replace("|", "/")


def table_lines(sub: Submission) -> list[tuple[str, Evidence]]:
    """(text, evidence) per filled row of every extracted table, in table then row order."""
    out: list[tuple[str, Evidence]] = []
    for key in sorted(sub.tables):
        t = sub.tables[key]
        rows: list[tuple[str, str, dict[str, Cell]]] = [
            (r, ROW_LABELS.get(r, r), cells)
            for r, cells in t.cells.items()]
        rows += [(printed, printed, cells) for printed, cells in t.extra_rows.items()]
        for row, shown, cells in rows:
            filled = [c for c in cells.values() if c.value is not None or c.raw.strip()]
            if not filled:
                continue
            text = f"{shown}：" + " ".join(c.raw.strip() or _num(c.value) for c in filled)
            loc = next((c.loc for c in filled if c.loc), None) or t.loc or Loc(file=sub.file)
            out.append((text, Evidence(file=loc.file or sub.file, table=key, row=row, page=loc.page,
                                       line=loc.line, quote=text[:120])))
    return out


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
