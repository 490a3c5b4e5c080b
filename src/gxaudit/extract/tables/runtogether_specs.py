"""What the run-together reader must know of each official table: labels, cells, identities.

The wordings and keys are those of `templates` (the one source of the official labels); what is
run-together-specific is kept here: labels become regular expressions over NFKC text with
whitespace between non-digits removed (`runtogether.normalize`), the group number and the
sub-row number cut off (`number` is the printed `2.` that the flattening glued to the end of the
previous row's digits) and punctuation optional, matched in row order, so a report that adds
words around them still reads. Column kinds say what a cell may look like: `int` counts,
`signed` the 2019 本年增/减, `decimal` amounts. A table counts as printed in the text only when
its column headers are there too (`headers`): a part heading followed by prose that names
规章 or 行政许可 is no table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from gxaudit.extract.tables import templates as T
from gxaudit.extract.tables.splitter import Constraint, col_sum, row_sum
from gxaudit.model import Table

APP_COLS = [c.key for c in T.APP_COLS]
APP_COL_NAMES = {c.key: c.label for c in T.APP_COLS}
RL_GROUPS = {g.key: g.label for g in T.REVIEW_GROUPS}
RL_COLS = [c.key for c in T.REVIEW_COLS]

# the cells that are not plain counts
_KINDS = {"change": "signed", "amount_wan": "decimal", "amount": "decimal"}
# rows whose label alone is too weak or too loosely known in run-together text
_TAIL = {"other_1": r"[^\d]*", "other_2": r"[^\d]*"}  # 2021 （六） wordings: matched loosely
_OVERRIDE = {"other_3": r"(?<=[.、．])其他(?=\s*[\d—–/])"}  # a bare 其他 only right after "3."
_OPTIONAL = {",": ",?", "、": "、?", "“": "“?", "”": "”?"}
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}\.)")


@dataclass
class RowSpec:
    key: str
    label: str  # regex
    printed: str
    cols: list[tuple[str, str]]
    number: str | None = None


@dataclass
class TableSpec:
    key: str
    variant: str
    printed: str
    start: str
    end: str
    rows: list[RowSpec] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # column-header regexes; two must be printed
    single_run: list[tuple[str, str]] | None = None  # one run holding every cell (review)
    after_last: str | None = None  # the run starts after the last match of this (header end)

    def constraints(self) -> list[Constraint]:
        if self.key == "applications":
            return _app_constraints(self)
        if self.key == "review_litigation":
            return [
                Constraint(
                    (("_all", f"{g}.total", -1),) + tuple(("_all", f"{g}.{c}", 1) for c in RL_COLS[:4]),
                    f"{name}：总计=维持+纠正+其他+尚未审结",
                )
                for g, name in RL_GROUPS.items()
            ]
        return []

    def unflatten(self, table: Table) -> None:
        """Move the one-run cells `_all.review.upheld` to row `review`, column `upheld`."""
        flat = table.cells.pop("_all", {})
        for key, cell in flat.items():
            g, c = key.split(".")
            table.cells.setdefault(g, {})[c] = cell
        if "_all" in table.pending:
            table.pending["all"] = table.pending.pop("_all")


def _app_constraints(spec: TableSpec) -> list[Constraint]:
    keys = [r.key for r in spec.rows]
    cons = [
        row_sum(r.key, "total", APP_COLS[:6], f"“{r.printed}”行：总计=自然人+法人或其他组织各列")
        for r in spec.rows
    ]
    results = [k for k in keys if k not in ("new", "carried_in", "handled_total", "carried_out")]
    for c in APP_COLS:
        cn = APP_COL_NAMES[c]
        cons.append(col_sum(c, "handled_total", results, f"“{cn}”列：（七）总计=各办理结果之和", "handled"))
        cons.append(
            Constraint(
                (("new", c, 1), ("carried_in", c, 1), ("handled_total", c, -1), ("carried_out", c, -1)),
                f"“{cn}”列：一+二=三（七）总计+四",
                family="balance",
            )
        )
    return cons


def _rx(text: str) -> str:
    """A printed wording as a regex over normalized text; commas, 、 and quotes optional."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    m = _ORDINAL.match(t)
    cut = m.end() if m else 0  # a heading's 二、 stays exact
    return re.escape(t[:cut]) + "".join(_OPTIONAL.get(ch, re.escape(ch)) for ch in t[cut:])


def _any_of(forms: Iterable[str]) -> str:
    """One regex for several wordings, the longest tried first."""
    pats = list(dict.fromkeys(_rx(f) for f in sorted(set(forms), key=len, reverse=True)))
    return pats[0] if len(pats) == 1 else "(?:" + "|".join(pats) + ")"


def _label_regex(lab: T.Label) -> str:
    """A row label without its ordinal (一、 2.): the ordinal is the previous run's end."""
    if lab.key in _OVERRIDE:
        return _OVERRIDE[lab.key]
    return _any_of(_ORDINAL.sub("", f) for f in lab.all) + _TAIL.get(lab.key, "")


def _headers(labels: Iterable[T.Label]) -> list[str]:
    """Column headers distinctive enough to tell a printed table from prose (not 其他, 总计)."""
    return [_any_of(f for f in lab.all if len(f) >= 3) for lab in labels if len(lab.label) >= 3]


def _app_rows(variant: str) -> list[RowSpec]:
    seven = [(c, "int") for c in APP_COLS]
    groups = {g.key: g.label for g in T.APP_ROW_GROUPS}
    rows = []
    for lab in T.APP_ROWS[variant]:
        m = re.match(r"(\d{1,2})\.", lab.label)
        printed = groups[lab.group] + lab.label if m and lab.group in groups else lab.label
        printed = re.sub(r"（区分处理的.*）$", "", printed)  # the official note, not the name
        rows.append(RowSpec(lab.key, _label_regex(lab), printed, seven, m[1] if m else None))
    return rows


def _proactive_rows(variant: str) -> list[RowSpec]:
    return [
        RowSpec(row.key, _label_regex(row), row.label, [(c.key, _KINDS.get(c.key, "int")) for c in art.cols])
        for art in T.PROACTIVE[variant]
        for row in art.rows
    ]


def _part(key: str) -> str:
    return _any_of(next(p for p in T.PARTS if p.key == key).all)


def specs(variant: str) -> list[TableSpec]:
    pro_cols = {c.key: c for art in T.PROACTIVE[variant] for c in art.cols}.values()
    return [
        TableSpec("proactive", variant, T.TABLE_TITLES["proactive"], _part("2"), _part("3"),
                  _proactive_rows(variant), headers=_headers(pro_cols)),
        TableSpec("applications", variant, T.TABLE_TITLES["applications"], _part("3"), _part("4"),
                  _app_rows(variant), headers=_headers(T.APP_COLS)),
        TableSpec("review_litigation", variant, T.TABLE_TITLES["review_litigation"], _part("4"), r"五、",
                  single_run=[(f"{g}.{c}", "int") for g in RL_GROUPS for c in RL_COLS], after_last=r"总计",
                  headers=_headers(T.REVIEW_COLS)),
    ]


def variant_of(norm: str, year: int | None) -> str | None:
    """The format the text is in: its column headers say it; the report year otherwise."""
    if "本年制发件数" in norm or "现行有效件数" in norm:
        return "2021"
    if "本年新制作数量" in norm or "对外公开总数量" in norm:
        return "2019"
    if year is None or year < 2019:
        return None
    return "2021" if year >= 2021 else "2019"


def segment(norm: str, spec: TableSpec) -> str | None:
    """The text of one table: from its part heading to the next part's."""
    m = re.search(spec.start, norm)
    if not m:
        return None
    e = re.search(spec.end, norm[m.end() :])
    seg = norm[m.end() : m.end() + e.start()] if e else norm[m.end() :]
    if sum(1 for h in spec.headers if re.search(h, seg)) < min(2, len(spec.headers)):
        return None  # a heading and prose, no table
    if spec.after_last:
        hits = list(re.finditer(spec.after_last, seg))
        if not hits:
            return None
        seg = seg[hits[-1].end() :]
    return seg
