"""Two renderings of one document: a saved page's flattened text beside its HTML.

Why: a portal archive keeps each report as `page.txt` (table cells run together, but the
page's 发布时间 line) and `body.html`/`page.html` (real `<table>`s, no header block). Read
alone, each loses something; scored alone, one report counts twice. So files of one folder
that are the same document are merged into ONE Submission:

- pairing: same folder, one text rendering (txt) and one HTML rendering (html/htm), each a
  single document, and nothing that says they differ — same file stem, or a compatible title
  (ignoring 度/spaces) and report year, or the same title/year with one side unknown;
- merge: the HTML reading is the base (its sections, paragraphs and table cells win);
  what the HTML lacks (published date, agency, url, a cell the grid did not give) is taken
  from the text, saying so; every table cell read on both sides with different values is a
  warning naming the cell and both values. A cell is never changed: the HTML value stands as
  printed there, the text value is only reported.

`Submission.renderings` lists the other files merged in; a Cell's `loc.file` tells which
rendering it was read from (the docs count them).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from gxaudit.extract.tables.legacy_labels import NAMES as LEGACY_NAMES
from gxaudit.model import Sourced, Submission, Table

__all__ = ["TABLE_NAMES", "cell_name", "merge", "merge_plan", "merge_results", "merge_submissions", "pair_key", "same_document"]

TEXT_FORMATS = {"txt"}
HTML_FORMATS = {"html", "htm"}
TABLE_NAMES = {"proactive": "主动公开情况表", "applications": "申请处理情况表",
               "review_litigation": "复议诉讼情况表", "legacy_stats": "统计表"}
_FIELDS = ("title", "agency", "agency_kind", "report_year", "period", "doc_type", "published_at")


def _norm_title(v: Any) -> str:
    return re.sub(r"[\s度（）()《》“”\"'·、，,。:：]", "", str(v or ""))


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def same_document(a: Submission, b: Submission) -> bool:
    """Nothing known says that a and b are different documents, and something says they are one."""
    ya, yb = a.report_year.value, b.report_year.value
    if ya is not None and yb is not None and ya != yb:
        return False
    ta, tb = _norm_title(a.title.value), _norm_title(b.title.value)
    if ta and tb and not (ta == tb or ta in tb or tb in ta):
        return False
    if _stem(a.file) == _stem(b.file):
        return True
    return bool((ta and tb) or (ya is not None and ya == yb))


def pair_key(sub: Submission) -> str:
    return posixpath.dirname(sub.file.replace("\\", "/"))


def cell_name(table: str, row: str, col: str) -> str:
    rname = LEGACY_NAMES.get(row, row) if table == "legacy_stats" else row
    return f"{TABLE_NAMES.get(table, table)}“{rname}”行“{col}”列"


def _fmt(v: float | None) -> str:
    if v is None:
        return "空白"
    return str(int(v)) if float(v).is_integer() else str(v)


def _merge_table(key: str, html: Table | None, text: Table | None, text_file: str,
                 warnings: list[str]) -> Table | None:
    if html is None and text is None:
        return None
    if html is None:
        warnings.append(f"{TABLE_NAMES.get(key, key)}在网页中未读出，取自文本版 {text_file}")
        return text
    if text is None:
        return html
    out = html.model_copy(deep=True)
    for row, cols in text.cells.items():
        for col, cell in cols.items():
            mine = out.cells.get(row, {}).get(col)
            if mine is None:
                out.cells.setdefault(row, {})[col] = cell.model_copy()
            elif mine.value != cell.value:
                warnings.append(f"{cell_name(key, row, col)}：网页表格为 {_fmt(mine.value)}，文本版 {text_file}"
                                f" 为 {_fmt(cell.value)}，以网页表格为准")
    for row, run in text.pending.items():  # still undecided only when the grid lacks the row too
        if row not in out.cells and row not in out.extra_rows:
            out.pending[row] = run
            out.unplaced += [u for u in text.unplaced if f"‘{run}’" in u]
    return out


def _take(base: Sourced, other: Sourced, name: str, other_file: str) -> Sourced:
    if base.value is not None or other.value is None:
        return base
    detail = f"取自同一文档的文本版 {other_file}" + (f"（{other.detail}）" if other.detail else "")
    return other.model_copy(update={"detail": detail})


def merge(html: Submission, text: Submission) -> Submission:
    """One Submission from the HTML and text renderings of one document; HTML wins."""
    warnings = list(html.warnings)
    update: dict[str, Any] = {}
    for name in _FIELDS:
        a, b = getattr(html, name), getattr(text, name)
        update[name] = _take(a, b, name, text.file)
        if a.value is not None and b.value is not None and a.value != b.value and name not in ("title", "period"):
            warnings.append(f"{html.file}：{name} 网页版为“{a.value}”，文本版 {text.file} 为“{b.value}”，以网页版为准")
    tables: dict[str, Table] = {}
    for key in sorted(set(html.tables) | set(text.tables)):
        t = _merge_table(key, html.tables.get(key), text.tables.get(key), text.file, warnings)
        if t is not None:
            tables[key] = t
    warnings.insert(0, f"{html.file} 与 {text.file} 是同一文档的两种存档，已合并为一份：表格以网页版为准，"
                       "网页版没有的信息取自文本版")
    return html.model_copy(update={
        **update, "url": html.url or text.url, "tables": tables, "warnings": warnings,
        "renderings": [*html.renderings, text.file, *text.renderings],
        "sections": html.sections or text.sections, "paragraphs": html.paragraphs or text.paragraphs,
    })


def merge_plan(subs: Sequence[Submission]) -> dict[str, str]:
    """HTML rendering's id → the id of the text rendering of the same document, within each
    folder; ambiguous pairings are left alone. Needs only metadata, so the pipeline plans on
    heads and merges the documents later (spool.hydrate)."""
    by_folder: dict[str, list[Submission]] = defaultdict(list)
    for s in subs:
        if s.failure is None and s.parts_in_file == 1:
            by_folder[pair_key(s)].append(s)
    plan: dict[str, str] = {}
    dropped: set[str] = set()
    for group in by_folder.values():
        htmls = [s for s in group if s.format in HTML_FORMATS]
        texts = [s for s in group if s.format in TEXT_FORMATS]
        for h in htmls:
            fits = [t for t in texts if t.id not in dropped and same_document(h, t)]
            if len(fits) != 1 or sum(same_document(x, fits[0]) for x in htmls) != 1:
                continue  # ambiguous: leave both as they are
            plan[h.id] = fits[0].id
            dropped.add(fits[0].id)
    return plan


def merge_submissions(subs: Sequence[Submission]) -> tuple[list[Submission], set[str]]:
    """Merge renderings within each folder; returns the list (merged in place of the HTML
    one, the text one dropped) and the ids of the dropped text renderings."""
    plan = merge_plan(subs)
    by_id = {s.id: s for s in subs}
    dropped = set(plan.values())
    return [merge(s, by_id[plan[s.id]]) if s.id in plan else s for s in subs if s.id not in dropped], dropped


def merge_results(results: list) -> list:
    """The same over FileResult-like objects (`.submissions`): a file whose document was
    merged into its HTML rendering stays in the list (it was read) with no submission."""
    flat = [s for r in results for s in r.submissions]
    kept, dropped = merge_submissions(flat)
    by_id = {s.id: s for s in kept}
    return [r.model_copy(update={"submissions": [by_id[s.id] for s in r.submissions if s.id not in dropped]})
            for r in results]
