"""Find and load the packs a run uses: shipped ones, an office's own, and its policy overlay.

A selection item is a pack id (looked up in the shipped folder and the config's `pack_dirs`),
a `.yaml` file or a folder of them. Nothing selected means the config's `packs` list, else every
pack found. Ids must be unique across everything loaded together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gxaudit.rules.config import Config, apply, from_dict
from gxaudit.rules.loader import check_unique, load_pack_file
from gxaudit.rules.schema import RulePack
from gxaudit.rules.yamlpos import Problem, RuleFileError

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "packs"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def available_packs(cfg: Config | None = None) -> dict[str, Path]:
    """Pack id → file, over the shipped folder and pack_dirs (file stem as id)."""
    out: dict[str, Path] = {}
    for folder in [SHIPPED_DIR, *(cfg.pack_dirs if cfg else [])]:
        for f in _files(folder):
            out.setdefault(f.stem, f)
    return out


def load_packs(selection: Iterable[str | Path] | None = None,
               config: dict[str, Any] | Config | None = None) -> list[RulePack]:
    """Validated packs with the local policy applied, sorted by id; raises RuleFileError."""
    cfg = from_dict(config)
    files = _resolve(list(selection) if selection else cfg.packs, cfg)
    problems: list[Problem] = []
    packs: list[RulePack] = []
    for f in files:
        try:
            packs.append(load_pack_file(f, _display(f)))
        except RuleFileError as e:
            problems += e.problems
    if problems:
        raise RuleFileError(problems)
    check_unique(packs)
    return sorted(apply(packs, cfg), key=lambda p: p.pack)


def _resolve(selection: list[str | Path] | None, cfg: Config) -> list[Path]:
    known = available_packs(cfg)
    if not selection:
        return sorted(set(known.values()))
    out: list[Path] = []
    for item in selection:
        path = Path(item)
        if path.suffix in (".yaml", ".yml") and path.is_file():
            out.append(path)
        elif path.is_dir():
            out += _files(path)
        elif str(item) in known:
            out.append(known[str(item)])
        else:
            raise RuleFileError([Problem("", 0, 0, "", unknown_pack(str(item), known))])
    return list(dict.fromkeys(out))


def unknown_pack(item: str, known: dict[str, Path]) -> str:
    """A selection that names nothing: not a file error (no file, line or column to point at),
    so the message names what was asked for, what exists, and the likeliest meant one."""
    path = Path(item)
    if path.suffix in (".yaml", ".yml") or len(path.parts) > 1:
        return f"未找到规则文件或文件夹“{item}”；请检查路径（可用的规则包：{'、'.join(sorted(known)) or '无'}）"
    names = "、".join(sorted(known)) or "无"
    lowered = item.lower()
    close = [k for k in sorted(known) if lowered and lowered in k]
    close += [k for k in difflib.get_close_matches(lowered, list(known), n=3, cutoff=0.6) if k not in close]
    hint = f"（您要找的是不是 {'、'.join(close[:3])}？）" if close else ""
    return f"未找到规则包“{item}”；可用的规则包：{names}{hint}"
