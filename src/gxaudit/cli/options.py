"""Option values several commands share, checked before any file is read.

A mistyped period (2025-13, 25-10) would otherwise be scored, stored in the history and
printed on the circular as a period nobody can find again; a --fail-under of 600 fails
every agency. Both are usage errors (exit 2) with the value named and the right form shown.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
from pathlib import Path

import click

PERIOD_FORMS = "年度写成 2025，月度写成 2025-10（也可写 2025年10月）"


def valid_period(text: str) -> str | None:
    """The canonical period ('2025' or '2025-10') for what a user typed, or None if it is none."""
    from gxaudit.history import normalise_period

    p = normalise_period(text) or ""
    if re.fullmatch(r"(19|20)\d\d", p) or re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", p):
        return p
    return None


def period_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback for --period: canonical form, or a Chinese usage error naming the value."""
    if value is None:
        return None
    period = valid_period(value)
    if period is None:
        raise click.BadParameter(f"“{value}”不是有效的期次：{PERIOD_FORMS}", ctx, param)
    return period


def score_line_option(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """click callback for --fail-under: a total lies between 0 and 100."""
    if value is not None and not 0 <= value <= 100:
        raise click.BadParameter(f"{value:g} 不在 0～100 之间：它是总分线，例如 --fail-under 60", ctx, param)
    return value


OS_REASONS = {
    errno.ENOENT: "路径不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "只读的磁盘或文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是文件夹，需要文件",
    errno.EEXIST: "已有同名文件，不是文件夹",
}


def os_reason(exc: OSError) -> str:
    return OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def output_folder_problem(path: Path) -> str | None:
    """Why reports could not be written to `path` (created if missing), or None. Checked before
    the run: finding out after scoring a county's worth of files, with the history already
    written, is the expensive way."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"无法在 {path} 写入报告（{os_reason(exc)}）：请用 --out 指定一个可以写入的文件夹"
    if not os.access(path, os.W_OK):
        return f"无法在 {path} 写入报告（没有写入权限）：请用 --out 指定一个可以写入的文件夹"
    return None


# Top-level tables of gxaudit.toml read outside the rules stage (which owns packs, select,
# weights, pack_dirs, rules, params, deadlines, add and rejects what it cannot match).
OTHER_SECTIONS = ("history", "cache", "monthly", "ranking", "agencies", "aliases")
RULE_SECTIONS = ("packs", "select", "weights", "pack_dirs", "rules", "params", "deadlines", "add")


def unknown_sections(other: dict, source: str) -> list[str]:
    """One message per top-level key nobody reads: a typo such as [rule.AR21-S03] would
    otherwise leave the rule switched on and the scores silently different."""
    known = OTHER_SECTIONS + RULE_SECTIONS
    messages = []
    for key in sorted(other):
        if key in known:
            continue
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"是不是 [{near[0]}]？" if near else f"可用的有：{'、'.join(known)}"
        messages.append(f"配置文件 {source} 中的“{key}”不是 gxaudit 的设置：{hint}")
    return messages


def table_width() -> int | None:
    """Columns for the ranking table: the terminal's (or $COLUMNS), None when piped to a file."""
    import shutil
    import sys

    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None
