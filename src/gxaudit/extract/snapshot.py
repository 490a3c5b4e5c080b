"""A site snapshot: every column of a portal with the items its list page showed on one day.

Unknown is not empty. A list page that rendered nothing while the column holds documents
(filled by a script the saved page did not run), a landing page, a redirect, a page that was
not saved: these columns "could not be checked" and carry the reason; only a column whose
live total is 0 is empty (空白栏目). Items keep their printed date and where it came from
(`list_page:<form>`, or `list_page_made:<form>` where the column map says the list prints
成文日期 — an earlier day than publication, so such a column can only look staler, never
fresher, than it is); the newest date counts, not the first row, because pinned items and
ascending lists exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from gxaudit.extract.columnmap import ColumnMap
from gxaudit.extract.logdates import parse_log_date
from gxaudit.model import Block, ColumnInfo, Document, Loc, LogItem, Sourced, Submission

_REQUIRED = {"column_path", "status", "record_count"}

UNKNOWN_REASONS = {
    "empty_list": "列表页保存时未显示条目，但栏目存有{n}篇文档（列表由脚本加载），无法核查更新情况",
    "not_a_list": "栏目页不是文章列表（频道首页或跳转页），无法核查更新情况",
    "no_list_page": "未保存该栏目的列表页，无法核查更新情况",
}


def _norm(h: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", h)).lower()


def snapshot_table(doc: Document) -> Block | None:
    for block in doc.blocks:
        if block.kind == "table" and block.rows and _REQUIRED <= {_norm(h) for h in block.rows[0]}:
            return block
    return None


def _int(s: str) -> int | None:
    s = s.strip()
    return int(s) if s.isdigit() else None


def extract_snapshot(doc: Document, block: Block, manifest: dict[str, str] | None = None,
                     column_map: ColumnMap | None = None, site_agency: str | None = None,
                     site_kind: str | None = None) -> list[Submission]:
    """One submission per owning agency; columns no rule assigns belong to the site itself."""
    cmap = column_map or ColumnMap()
    manifest = manifest or {}
    header = [_norm(h) for h in block.rows[0]]
    col = {h: i for i, h in enumerate(header)}

    def get(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    site = manifest.get("agency") or site_agency or "本级门户网站"
    columns: dict[str, ColumnInfo] = {}
    items: dict[str, list[LogItem]] = defaultdict(list)
    owners: dict[str, tuple[str, str | None]] = {}
    for r, row in enumerate(block.rows[1:], start=2):
        path = get(row, "column_path")
        if not path:
            continue
        name = get(row, "column_name")
        if name == path:  # the archive prints the path when the page had no name
            name = ""
        name = name or cmap.name_for(path)
        if path not in columns:
            status = get(row, "status")
            total = _int(get(row, "record_count"))
            archive = _int(get(row, "archive_total"))
            info = ColumnInfo(path=path, name=name, column_class=cmap.classify(path, name), record_count=total)
            if status in UNKNOWN_REASONS:
                if total == 0:
                    info.status = "empty"
                else:
                    info.status = "unknown"
                    info.reason = UNKNOWN_REASONS[status].format(n=archive if archive is not None else "若干")
            elif total == 0:
                info.status = "empty"
            owner = cmap.owner(path, name)
            owners[path] = owner if owner else (site, manifest.get("kind") or site_kind)
            info.agency = owners[path][0]
            columns[path] = info
        title = get(row, "title")
        if get(row, "rank") or title:
            raw = get(row, "date")
            parsed = parse_log_date(raw)
            made = cmap.dates_of(path) == "made"  # the list prints 成文日期: kept as such, and as trigger
            items[path].append(LogItem(
                column=path, column_name=name or None, column_class=columns[path].column_class,
                title=title, published=parsed.date, date_raw=raw, trigger=parsed.date if made else None,
                date_source=f"{'list_page_made' if made else 'list_page'}:{parsed.form}",
                loc=Loc(file=doc.path, line=r, row=r - 1),
            ))
    by_agency: dict[str, list[str]] = defaultdict(list)
    for path, (agency, _kind) in owners.items():
        by_agency[agency].append(path)
    subs = []
    for k, agency in enumerate(sorted(by_agency), start=1):
        paths = sorted(by_agency[agency])
        kind = next((owners[p][1] for p in paths if owners[p][1]), None)
        sub = Submission(
            id=f"{doc.path}#{k}",
            file=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            agency=Sourced(value=agency, source="config" if agency != site else "manifest", detail="栏目归属映射"),
            agency_kind=Sourced(value=kind, source="config" if kind else "default"),
            doc_type=Sourced(value="site_snapshot", source="body", detail="栏目快照表头"),
            period=Sourced(value=manifest.get("period"), source="manifest") if manifest.get("period") else Sourced(),
            columns=[columns[p] for p in paths],
            items=[it for p in paths for it in items[p]],
            parts_in_file=len(by_agency),
        )
        subs.append(sub)
    return subs
