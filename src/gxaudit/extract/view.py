"""What the extractor saw, as the stable `gxaudit inspect` JSON and its Chinese text form.

The JSON is an interface (docs/inspect-json.md): keys are always present, in a fixed order
(a table's rows and columns in the order the official table prints them), values are plain JSON (dates as ISO strings, blanks as null). Nothing that differs between
two encodings of the same text (sha256, the detected encoding) is in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from gxaudit.extract.doctype import LABELS as DOC_TYPES
from gxaudit.extract.sections import LEGACY_PARTS, OFFICIAL_PARTS
from gxaudit.extract.tables.legacy_labels import COLS as LEGACY_COLS
from gxaudit.extract.tables.legacy_labels import LABELS as LEGACY_ROWS
from gxaudit.extract.tables.templates import SUBTOTAL_SUFFIX, col_keys, row_keys
from gxaudit.model import Loc, Sourced, Submission, Table

TABLE_KEYS = ("proactive", "applications", "review_litigation", "legacy_stats")
TABLE_NAMES = {"proactive": "主动公开情况表", "applications": "申请处理情况表",
               "review_litigation": "复议诉讼情况表", "legacy_stats": "统计表（2019年前）"}
SOURCE_NAMES = {"manifest": "清单", "title": "标题", "published_line": "发布时间行", "meta": "页面信息",
                "body": "正文", "file": "文件名", "config": "配置", "default": "未识别"}
_TABLE_SOURCES = {"table": "表格", "flattened": "扁平文本", "runtogether": "连写文本"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sourced(s: Sourced) -> dict[str, Any]:
    return {"value": _plain(s.value), "source": s.source, "detail": s.detail}


def location(loc: Loc) -> dict[str, Any]:
    return {"file": loc.file, "page": loc.page, "line": loc.line, "block": loc.block, "sheet": loc.sheet}


def _in_order(keys: Iterable[str], official: Iterable[str]) -> list[str]:
    """`keys` in the official order; a group's printed subtotal just before its first sub-row;
    keys no template knows last, sorted (so the order never depends on how a table was read)."""
    order: list[str] = []
    for k in official:
        if k.endswith("_1"):
            order.append(k[:-2] + SUBTOTAL_SUFFIX)
        order.append(k)
    have = set(keys)
    return [k for k in order if k in have] + sorted(have - set(order))


def _row_order(t: Table) -> tuple[str, ...]:
    if t.key == "legacy_stats":
        return tuple(LEGACY_ROWS)
    return row_keys(t.key, t.variant)


def _col_order(t: Table, row: str) -> tuple[str, ...]:
    if t.key == "legacy_stats":
        return tuple(LEGACY_COLS)
    return col_keys(t.key, t.variant, row) if t.key == "proactive" else col_keys(t.key, t.variant)


def table_view(t: Table | None) -> dict[str, Any] | None:
    if t is None:
        return None
    cells = {row: {col: t.cells[row][col].value for col in _in_order(t.cells[row], _col_order(t, row))}
             for row in _in_order(t.cells, _row_order(t))}
    return {
        "variant": t.variant,
        "source": t.source,
        "cells": cells,
        "units": dict(sorted(t.units.items())),
        "unplaced": list(t.unplaced),
        "extra_rows": sorted(t.extra_rows),
        "notes": list(t.notes),
    }


def submission_view(sub: Submission) -> dict[str, Any]:
    """One object of the inspect JSON list."""
    return {
        "file": sub.file,
        "id": sub.id,
        "parts_in_file": sub.parts_in_file,
        "format": sub.format,
        "title": sourced(sub.title),
        "agency": sourced(sub.agency),
        "agency_kind": sourced(sub.agency_kind),
        "report_year": sourced(sub.report_year),
        "period": sourced(sub.period),
        "doc_type": sourced(sub.doc_type),
        "published_at": sourced(sub.published_at),
        "url": sub.url,
        "sections": [
            {"number": s.number, "title": s.title, "level": s.level, "part": s.part, "location": location(s.loc)}
            for s in sub.sections
        ],
        "tables": {k: table_view(sub.tables.get(k)) for k in TABLE_KEYS},
        "paragraphs": len(sub.paragraphs),
        "warnings": list(sub.warnings),
        "error": {"reason": sub.failure.reason, "message": sub.failure.message} if sub.failure else None,
    }


# --------------------------------------------------------------------------- text form


def _line(label: str, s: dict[str, Any], shown: str | None = None) -> str:
    if s["value"] is None:
        return f"  {label}：未识别" + (f"（{s['detail']}）" if s.get("detail") else "")
    src = SOURCE_NAMES.get(s["source"], s["source"])
    detail = f"；{s['detail']}" if s.get("detail") and s["source"] not in ("title",) else ""
    return f"  {label}：{shown or s['value']}（来源：{src}{detail}）"


def _where(loc: dict[str, Any]) -> str:
    if loc.get("page") is not None:
        return f"第{loc['page']}页"
    if loc.get("line") is not None:
        return f"第{loc['line']}行"
    if loc.get("block") is not None:
        return f"第{loc['block'] + 1}段"
    return ""


def text_view(v: dict[str, Any]) -> str:
    """A reader's summary in Chinese of one submission view."""
    head = f"文件：{v['id']}"
    if v["parts_in_file"] > 1:
        head += f"（文件内共{v['parts_in_file']}篇）"
    out = [head]
    if v["error"]:
        out.append(f"  无法读取：{v['error']['message']}")
        return "\n".join(out)
    out.append(_line("标题", v["title"]))
    out.append(_line("单位", v["agency"]))
    out.append(_line("单位类别", v["agency_kind"]))
    out.append(_line("报告年度", v["report_year"]))
    dtype = v["doc_type"]["value"]
    out.append(_line("文种", v["doc_type"], DOC_TYPES.get(dtype, dtype)))
    out.append(_line("发布日期", v["published_at"]))
    official = str(dtype).startswith("annual_report_20")
    names = OFFICIAL_PARTS if official else LEGACY_PARTS
    if v["sections"]:
        out.append("  章节：")
        for s in v["sections"]:
            if s["level"] > 2:
                continue
            part = f" → 第{s['part']}部分（{names.get(s['part'], '')}）" if s["part"] else ""
            indent = "    " + "  " * (s["level"] - 1 if s["level"] else 0)
            out.append(f"{indent}{s['number'] or ''}{s['title']}{part}  {_where(s['location'])}")
    else:
        out.append("  章节：未识别到编号标题")
    found = sorted({s["part"] for s in v["sections"] if s["part"]})
    if official:
        missing = [n for n in range(1, 7) if n not in found]
        out.append("  官方六部分：" + ("齐全" if not missing else "缺少 " + "、".join(
            f"第{n}部分“{OFFICIAL_PARTS[n]}”" for n in missing)))
    elif dtype in ("annual_report_legacy", "work_summary"):
        have = "、".join(LEGACY_PARTS[n] for n in found) or "无"
        out.append(f"  条例规定内容项：{have}")
    tables = [f"{TABLE_NAMES[k]}（{t['variant'] or '版本不明'}，{_TABLE_SOURCES.get(t['source'], t['source'])}，"
              f"{sum(len(c) for c in t['cells'].values())}格）" for k, t in v["tables"].items() if t]
    out.append("  表格：" + ("；".join(tables) if tables else "未识别到官方表格"))
    for k, t in v["tables"].items():
        if t and t["unplaced"]:
            out.append(f"    {TABLE_NAMES[k]}未能定位：{'；'.join(t['unplaced'][:3])}")
    for w in v["warnings"]:
        out.append(f"  提示：{w}")
    return "\n".join(out)
