"""Find the submissions in one or more folders, and who sent each file.

Layouts a disclosure office actually receives:

- one file per agency at the top of the folder (``城关镇.docx``): the agency is left to the
  extractor (title, body, file name) unless the manifest names it;
- one sub-folder per agency (``城关镇/年报.pdf``, ``城关镇/公开台账.xlsx``): every file under the
  folder belongs to that agency, whatever its text says;
- an optional ``manifest.csv`` (file, agency, kind, period, published_at, url) whose values beat
  everything inferred, and an optional roster ``agencies.csv`` (agency, kind, peer_group) that
  lists who *should* have submitted, so that silence shows up as 未报送.

Nothing is dropped silently: a file of an unknown type is listed in ``skipped`` with the reason.
Order is the sorted display path, so runs are reproducible.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pydantic import BaseModel, Field

from gxaudit.extract.manifest import row_for

MANIFEST = "manifest.csv"
ROSTER = "agencies.csv"
RESERVED = {MANIFEST, ROSTER, "gxaudit.toml"}

# Roster headers a clerk is likely to type in Excel.
HEADER_ALIASES = {
    "单位": "agency", "单位名称": "agency", "agency": "agency",
    "类型": "kind", "单位类型": "kind", "kind": "kind",
    "分组": "peer_group", "排名分组": "peer_group", "peer_group": "peer_group",
}


class Input(BaseModel):
    """One file to ingest, with what discovery already knows about it."""

    path: str  # file system path to open
    display: str  # stable relative name: Document.path, Submission.id, outputs
    folder_agency: str | None = None  # the agency folder it sits in, if any
    manifest: dict[str, str] = Field(default_factory=dict)  # manifest fields for extract


class RosterEntry(BaseModel):
    agency: str
    kind: str | None = None
    peer_group: str | None = None


class Discovery(BaseModel):
    inputs: list[Input] = Field(default_factory=list)
    skipped: list[dict[str, str]] = Field(default_factory=list)  # path + reason (Chinese)
    roster: list[RosterEntry] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class DiscoveryError(ValueError):
    """A folder or CSV that cannot be used at all (exit code 2)."""


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the roster CSV with normalised headers; Excel on Chinese Windows saves GB18030."""
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything
        raise DiscoveryError(f"{path}：无法识别编码，请另存为 UTF-8 编码的 CSV 后重试")
    reader = csv.reader(io.StringIO(text))
    rows = [r for r in reader if any(c.strip() for c in r)]
    if not rows:
        return []
    header = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    out = []
    for r in rows[1:]:
        out.append({h: (r[i].strip() if i < len(r) else "") for i, h in enumerate(header) if h})
    return out


def read_roster(path: Path) -> list[RosterEntry]:
    rows = read_csv_rows(path)
    if rows and "agency" not in rows[0]:
        raise DiscoveryError(f"{path}：名单缺少“agency”（单位）列，请补充表头后重试")
    seen: dict[str, RosterEntry] = {}
    for r in rows:
        name = r.get("agency", "")
        if name and name not in seen:
            seen[name] = RosterEntry(agency=name, kind=r.get("kind") or None,
                                     peer_group=r.get("peer_group") or None)
    return sorted(seen.values(), key=lambda e: e.agency)


def _read_manifest(root: Path) -> dict[str, dict[str, str]]:
    """The manifest rows by file (parsed and validated by gxaudit.extract.manifest)."""
    from gxaudit.extract.manifest import ManifestError, load_manifest

    path = root / MANIFEST
    if not path.is_file():
        return {}
    try:
        return load_manifest(path)
    except ManifestError as exc:
        raise DiscoveryError(str(exc)) from exc


def _skip_reason(path: Path, supported: set[str]) -> str | None:
    if path.name.startswith("~$"):
        return "Office 临时文件（文件正被打开时产生），已跳过"
    suffix = path.suffix.lower()
    if suffix not in supported:
        kinds = "、".join(sorted(s.lstrip(".") for s in supported))
        shown = suffix or "（无扩展名）"
        return f"不支持的文件类型 {shown}：请另存为 {kinds} 之一后再评分"
    return None


_YEAR_FOLDER = re.compile(r"^(?:19|20)\d\d(?!\d)")


def agency_folder(folders: tuple[str, ...]) -> str | None:
    """The agency a file's folders name: the first folder that is not a period or document
    folder. A name that starts with a year (``2025``, ``2025年``, ``2011_syq`` — a portal
    archive's one folder per report) is never an agency name."""
    return next((f for f in folders if not _YEAR_FOLDER.match(f)), None)


def _walk(folder: Path) -> list[Path]:
    """Files under `folder`, skipping hidden entries (.git, .gxaudit caches, .DS_Store)."""
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file():
            out.append(p)
    return out


def discover(dirs: list[Path], supported: set[str], roster: Path | None = None) -> Discovery:
    """Inputs from every DIR; display names are relative to their DIR (prefixed when several)."""
    result = Discovery()
    names = [Path(d).resolve().name for d in dirs]
    prefix_needed = len(dirs) > 1
    roster_paths: list[Path] = [roster] if roster else []
    for d, name in zip(dirs, names):
        root = Path(d)
        if not root.is_dir():
            if root.is_file():  # a single file given directly
                _add_file(result, root, root.name, None, {}, supported)
                continue
            raise DiscoveryError(f"找不到文件夹 {d}：请检查路径")
        manifest = _read_manifest(root)
        if not roster and (root / ROSTER).is_file():
            roster_paths.append(root / ROSTER)
        pre = f"{name}/" if prefix_needed and names.count(name) == 1 else (
            f"{d}/" if prefix_needed else "")
        used: set[int] = set()
        for p in _walk(root):
            rel = p.relative_to(root).as_posix()
            if rel in RESERVED:
                continue
            folder_agency = agency_folder(p.relative_to(root).parts[:-1])
            row = row_for(manifest, rel) or {}
            used.add(id(row))
            _add_file(result, p, pre + rel, folder_agency, row, supported)
        for rel in sorted(k for k, row in manifest.items() if id(row) not in used):
            result.skipped.append({"path": pre + rel,
                                   "reason": f"清单 {MANIFEST} 列出的文件不存在，请核对文件名"})
    for rp in roster_paths:
        if not Path(rp).is_file():
            raise DiscoveryError(f"找不到单位名单 {rp}：请检查路径")
        known = {e.agency for e in result.roster}
        result.roster.extend(e for e in read_roster(Path(rp)) if e.agency not in known)
    result.roster.sort(key=lambda e: e.agency)
    result.inputs.sort(key=lambda i: i.display)
    result.skipped.sort(key=lambda s: s["path"])
    return result


def _add_file(result: Discovery, path: Path, display: str, folder_agency: str | None,
              manifest: dict[str, str], supported: set[str]) -> None:
    reason = _skip_reason(path, supported)
    if reason:
        result.skipped.append({"path": display, "reason": reason})
        return
    result.inputs.append(Input(path=str(path), display=display, folder_agency=folder_agency,
                               manifest=dict(manifest)))
