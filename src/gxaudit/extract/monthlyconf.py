"""What a publication log or site snapshot needs to know from the office, carried to the extractor.

Extraction runs in worker processes with only the file and its manifest fields, so the
office's `[monthly]` settings (the column map, who owns the portal's own columns, the roster
of agencies) travel as one JSON manifest field. Its content is part of the extraction cache
key, so a changed map never serves stale submissions.

    [monthly]                         # gxaudit.toml
    column_map = "columns.toml"       # column path → class / agency (relative to gxaudit.toml)
    site_agency = "平潭综合实验区"      # owner of the columns no rule assigns to an agency
    site_kind = "县级政府"
    [[monthly.rules]]                 # further map rules inline (after the file's)
    match = "*/gzdt"
    column_class = "dynamic"
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from gxaudit.extract.columnmap import ColumnMap, column_map_from

MANIFEST_KEY = "monthly"
TABLE_SUFFIXES = {".csv", ".xlsx", ".xls", ".et"}


class MonthlySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    column_map: ColumnMap = Field(default_factory=ColumnMap)
    site_agency: str | None = None
    site_kind: str | None = None
    roster: list[str] = Field(default_factory=list)  # agency names; empty: every agency accepted


class MonthlyConfigError(ValueError):
    """A `[monthly]` section or column map that cannot be used (exit code 2)."""


def from_config(section: dict | None, base: Path | None = None, roster: list[str] | None = None) -> MonthlySettings:
    section = dict(section or {})
    data: dict = {"rules": [], "agencies": {}}
    ref = section.get("column_map")
    if ref:
        path = Path(ref) if Path(ref).is_absolute() else (base or Path.cwd()) / ref
        try:
            with open(path, "rb") as fh:
                loaded = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise MonthlyConfigError(f"栏目映射文件 {path} 无法读取（{exc}）：请检查 [monthly] column_map 的路径和格式") from exc
        data["rules"] += loaded.get("rules", [])
        data["agencies"].update(loaded.get("agencies", {}))
    data["rules"] += section.get("rules", [])
    data["agencies"].update(section.get("agencies", {}))
    try:
        cmap = column_map_from(data)
    except ValueError as exc:
        raise MonthlyConfigError(f"栏目映射有误（{exc}）：每条规则需要 match，可选 column_class、agency、agency_kind、name") from exc
    return MonthlySettings(column_map=cmap, site_agency=section.get("site_agency"),
                           site_kind=section.get("site_kind"), roster=sorted(roster or []))


def encode(settings: MonthlySettings) -> str:
    return settings.model_dump_json(exclude_defaults=True)


def decode(manifest: dict[str, str] | None) -> MonthlySettings:
    text = (manifest or {}).get(MANIFEST_KEY)
    if not text:
        return MonthlySettings()
    return MonthlySettings.model_validate(json.loads(text))


def is_empty(settings: MonthlySettings) -> bool:
    return settings == MonthlySettings()
