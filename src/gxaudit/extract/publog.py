"""A publication log (one row per published item) as monthly submissions, one per agency.

Offices get these as CMS exports or from monitoring services, with Chinese or English
headers in any order. HEADER_MAP below is the documented mapping (docs/monthly.md); a
header that is not in it is ignored. A row that cannot be scored — no date, a date that is
not one of the forms real exports use, an agency not on the office's roster — is a bad row:
kept out of the items (so it neither freshens nor stales a column, nor counts toward a quota),
listed in `Submission.rejected` with its row number and reason, and the run goes on. The
`log_rows` check reports them so a clerk can fix the export.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from gxaudit.extract.columnmap import ColumnMap
from gxaudit.extract.logdates import parse_log_date
from gxaudit.model import Block, ColumnInfo, Document, Loc, LogItem, RejectedRow, Sourced, Submission

# field -> accepted headers (compared after NFKC, lower-case, spaces removed)
HEADER_MAP: dict[str, tuple[str, ...]] = {
    "agency": ("单位", "单位名称", "机构", "机构名称", "部门", "发布单位", "发布机构", "agency", "unit", "unit_path"),
    "column": ("栏目路径", "column_path", "column", "栏目编码"),
    "column_name": ("栏目", "栏目名称", "所属栏目", "column_name"),
    "title": ("标题", "信息标题", "文章标题", "名称", "title"),
    "published": ("发布日期", "发布时间", "公开日期", "上网日期", "日期", "published_at", "published", "pubdate", "date"),
    "month": ("月份", "month"),
    "trigger": ("成文日期", "批准日期", "批复日期", "形成日期", "trigger_date", "approved_at", "made_at"),
    "url": ("链接", "网址", "原文链接", "url", "doc_path", "link"),
}
_SNAPSHOT_HEADERS = {"record_count", "status", "rank"}


def _norm(h: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", h)).lower()


def header_fields(header: list[str]) -> dict[str, int]:
    """Map our field names to column indexes of a header row."""
    found: dict[str, int] = {}
    normed = [_norm(h) for h in header]
    for field, names in HEADER_MAP.items():
        for i, h in enumerate(normed):
            if h in {_norm(n) for n in names} and field not in found:
                found[field] = i
                break
    return found


def log_table(doc: Document) -> Block | None:
    """The document's log table, if it is one: a title column plus a date or month column."""
    for block in doc.blocks:
        if block.kind != "table" or not block.rows:
            continue
        fields = header_fields(block.rows[0])
        has_date = "published" in fields or "month" in fields
        if "title" in fields and has_date and not _SNAPSHOT_HEADERS <= {_norm(h) for h in block.rows[0]}:
            return block
    return None


def roster_name(given: str, roster: list[str]) -> str | None:
    """The roster name a log's agency cell means: exact, else the one name it is part of."""
    if given in roster:
        return given
    fits = [n for n in roster if given and (given in n or n in given)]
    return fits[0] if len(fits) == 1 else None


def _reject(doc: Document, loc: Loc, reason: str, raw: str, r: int) -> RejectedRow:
    what = {"no_date": "没有发布日期", "bad_date": f"发布日期“{raw}”无法识别",
            "unknown_agency": f"单位“{raw}”不在单位名单中"}[reason]
    fix = "请核对单位名称或在 agencies.csv 中补充" if reason == "unknown_agency" else \
        "请写成 2026-10-08、2026/10/8 或 2026年10月8日"
    return RejectedRow(loc=loc, reason=reason, raw=raw,
                       message=f"{doc.path} 第{r}行{what}，未计入评分；{fix}")


def extract_log(doc: Document, block: Block, manifest: dict[str, str] | None = None,
                column_map: ColumnMap | None = None, roster: list[str] | None = None) -> list[Submission]:
    """One submission per agency. Rows without a usable date, or (with a roster) of an agency not
    on it, are kept out of the items and listed in `rejected` with their row number."""
    cmap = column_map or ColumnMap()
    manifest = manifest or {}
    roster = roster or []
    fields = header_fields(block.rows[0])
    per_agency: dict[str, list[LogItem]] = defaultdict(list)
    rejected: dict[str, list[RejectedRow]] = defaultdict(list)
    kinds: dict[str, str | None] = {}
    for r, row in enumerate(block.rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        def get(f: str, row: list[str] = row) -> str:
            return row[fields[f]].strip() if f in fields and fields[f] < len(row) else ""
        path, name = get("column"), get("column_name")
        name = name or cmap.name_for(path)
        given = get("agency")
        # an agency given as a site path (unit_path) is named through the column map too
        owner = cmap.owner(given if "/" in given else path, name) if (path or name or given) else None
        agency = (given if "/" not in given else "") or (owner[0] if owner else "") or manifest.get("agency", "") or given
        loc = Loc(file=doc.path, line=r if doc.format == "csv" else None, row=r - 1, sheet=block.loc.sheet,
                  block=block.loc.block)
        if roster and agency:
            named = roster_name(agency, roster)
            if named is None:
                rejected[""].append(_reject(doc, loc, "unknown_agency", agency, r))
                continue
            agency = named
        if owner:
            kinds.setdefault(agency, owner[1])
        raw_date, date_field = (get("published"), "published") if get("published") else (get("month"), "month")
        parsed = parse_log_date(raw_date)
        if parsed.date is None:
            rejected[agency].append(_reject(doc, loc, "bad_date" if raw_date else "no_date", raw_date, r))
            per_agency.setdefault(agency, [])
            continue
        item = LogItem(
            column=path or name,
            column_name=name or None,
            column_class=cmap.classify(path, name),
            title=get("title"),
            published=parsed.date,
            date_raw=raw_date,
            date_source=f"{date_field}:{parsed.form}",
            url=get("url") or None,
            loc=loc,
        )
        if get("trigger"):
            item.trigger = parse_log_date(get("trigger")).date
        per_agency[agency].append(item)
    stray = rejected.pop("", [])
    if not per_agency and stray:
        per_agency[manifest.get("agency", "")] = []
    subs = []
    for k, agency in enumerate(sorted(per_agency), start=1):
        items = per_agency[agency]
        sub = Submission(
            id=f"{doc.path}#{k}" if len(per_agency) > 1 else doc.path,
            file=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            agency=Sourced(value=agency or None, source="manifest" if manifest.get("agency") == agency else "body",
                           detail="发布记录的单位列或栏目路径"),
            agency_kind=Sourced(value=manifest.get("kind") or kinds.get(agency),
                                source="manifest" if manifest.get("kind") else "config"),
            doc_type=Sourced(value="publication_log", source="body", detail="表头含标题与日期列"),
            period=Sourced(value=manifest.get("period"), source="manifest") if manifest.get("period") else Sourced(),
            items=items,
            columns=_columns_seen(items),
            rejected=rejected[agency],
            parts_in_file=len(per_agency),
        )
        sub.warnings.extend(x.message for x in rejected[agency][:50])
        sub.warnings.extend(x.message for x in stray[:50])  # rows of no known agency: every part says so
        subs.append(sub)
    return subs


def _columns_seen(items: list[LogItem]) -> list[ColumnInfo]:
    """Columns as the log shows them: those with items. A column seen only in rejected rows is
    not invented here (its items could not be dated), so it never becomes a stale finding."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    classes: dict[str, str | None] = {}
    for it in items:
        counts[it.column] += 1
        names.setdefault(it.column, it.column_name or "")
        classes.setdefault(it.column, it.column_class)
    return [ColumnInfo(path=c, name=names[c], column_class=classes[c], record_count=counts[c]) for c in sorted(counts)]
