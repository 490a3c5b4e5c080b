"""manifest.csv: what the office already knows about each submitted file.

A clerk who collects reports knows who sent each file, for which period, and when it went
online; that beats anything inferred from the text (DESIGN: metadata from a manifest beats
inference). The file is written in Excel by hand, so it comes as UTF-8 (with or without BOM)
or GBK, with Chinese or English headers. Every problem is reported with its row number, in
Chinese, before any document is read, so the clerk can fix the sheet in one pass.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path, PurePosixPath

from gxaudit.extract.dates import first_date
from gxaudit.extract.logdates import parse_log_date

MANIFEST_NAME = "manifest.csv"

# field -> accepted headers (compared after NFKC, lower case, spaces removed)
HEADERS: dict[str, tuple[str, ...]] = {
    "file": ("文件", "文件名", "文件路径", "file", "path", "filename"),
    "agency": ("单位", "单位名称", "报送单位", "发布机构", "agency", "unit"),
    "kind": ("类型", "单位类型", "单位类别", "kind", "agency_kind"),
    "period": ("期间", "年度", "报告年度", "统计期间", "period", "year"),
    "published_at": ("发布日期", "发布时间", "公开日期", "published_at", "published", "date"),
    "url": ("链接", "网址", "原文链接", "url", "link"),
}
KINDS = ("乡镇", "街道", "县直部门", "县级政府", "市级部门", "学校", "其他")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


class ManifestError(ValueError):
    """Raised with every problem of a manifest, one Chinese line each."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


def _norm(h: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", h)).lower()


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ManifestError(path, [f"{path}：无法识别编码（既不是 UTF-8 也不是 GBK），请用 Excel“另存为 CSV UTF-8”后重试。"])


def parse_manifest(text: str, path: str = MANIFEST_NAME) -> dict[str, dict[str, str]]:
    """Rows keyed by their `file` value (as written, '/' separators); raises ManifestError."""
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ManifestError(path, [f"{path}：文件为空，至少需要表头行和一行数据（表头：文件,单位,类型,期间,发布日期,链接）。"])
    header = [_norm(h) for h in rows[0]]
    cols: dict[str, int] = {}
    for field, names in HEADERS.items():
        wanted = {_norm(n) for n in names}
        for i, h in enumerate(header):
            if h in wanted:
                cols[field] = i
                break
    if "file" not in cols:
        raise ManifestError(path, [f"{path}：第1行表头缺少“文件”列（可写作 文件/文件名/file），无法对应到报送文件。"])
    problems: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for n, row in enumerate(rows[1:], start=2):
        rec = {f: (row[i].strip() if i < len(row) else "") for f, i in cols.items()}
        name = rec.pop("file").replace("\\", "/")
        if not name:
            problems.append(f"{path}：第{n}行“文件”为空，请填写文件名或删除该行。")
            continue
        if name in out:
            problems.append(f"{path}：第{n}行文件“{name}”与前面的行重复，请只保留一行。")
            continue
        problems.extend(_check_row(rec, n, path))
        out[name] = {k: v for k, v in rec.items() if v}
    if problems:
        raise ManifestError(path, problems)
    return out


def _check_row(rec: dict[str, str], n: int, path: str) -> list[str]:
    problems = []
    kind = rec.get("kind", "")
    if kind and kind not in KINDS:
        problems.append(f"{path}：第{n}行“类型”为“{kind}”，应为 {'、'.join(KINDS)} 之一。")
    period = unicodedata.normalize("NFKC", rec.get("period", "")).replace("年", "").replace("度", "")
    if period:
        m = _PERIOD.match(period)
        if not m or (m[2] and not 1 <= int(m[2]) <= 12):
            problems.append(f"{path}：第{n}行“期间”为“{rec['period']}”，应写作年度（如 2025）或月份（如 2026-10）。")
        else:
            rec["period"] = m[1] if not m[2] else f"{m[1]}-{int(m[2]):02d}"
    published = rec.get("published_at", "")
    if published:
        d = parse_log_date(published).date or first_date(published)
        if d is None:
            problems.append(f"{path}：第{n}行“发布日期”为“{published}”，无法识别，请写作 2026-01-31。")
        else:
            rec["published_at"] = d.isoformat()
    return problems


def load_manifest(path: Path) -> dict[str, dict[str, str]]:
    return parse_manifest(_decode(path.read_bytes(), str(path)), str(path))


def row_for(manifest: dict[str, dict[str, str]] | None, path: str) -> dict[str, str] | None:
    """The row for a document path: exact relative path first, then the bare file name."""
    if not manifest:
        return None
    p = path.replace("\\", "/")
    if p in manifest:
        return manifest[p]
    name = PurePosixPath(p).name
    for key, row in manifest.items():
        if PurePosixPath(key).name == name and ("/" not in key or p.endswith("/" + key)):
            return row
    return None
