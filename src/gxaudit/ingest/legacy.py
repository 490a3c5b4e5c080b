"""Legacy Word/WPS binaries (.doc, .wps, and RTF) through LibreOffice headless.

Each conversion gets its own LibreOffice profile: a second soffice on a shared profile prints
nothing, writes nothing and exits 0 (ECOSYSTEM §4), so the output file is always checked.
.xls/.et never come here: calamine reads them directly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gxaudit.ingest import docx
from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.errors import fail


def find_soffice() -> str | None:
    """Where LibreOffice is; tests monkeypatch this to simulate a machine without it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(src: Path, target: str, ctx: Ctx) -> Path:
    """Convert `src` into a temp dir and return the output path (caller removes the dir)."""
    soffice = find_soffice()
    if soffice is None:
        raise fail(ctx.name, "needs_conversion", f"需要转换为 .{target}")
    work = Path(tempfile.mkdtemp(prefix="gx-lo-"))
    profile = work / "profile"
    # LibreOffice decides the filter from the content; a plain name avoids odd suffixes.
    staged = work / ("input" + (src.suffix.lower() or ".doc"))
    shutil.copyfile(src, staged)
    env = dict(os.environ, HOME=str(work))
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(work / "out"), str(staged)]
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=ctx.limits.convert_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            shutil.rmtree(work, ignore_errors=True)
            raise fail(ctx.name, "timeout", f"LibreOffice 转换超过{ctx.limits.convert_seconds:g}秒") from None
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise fail(ctx.name, "conversion_failed", str(exc)) from None
    out = work / "out" / f"input.{target}"
    if not out.is_file() or out.stat().st_size == 0:
        shutil.rmtree(work, ignore_errors=True)
        detail = (err or b"").decode("utf-8", "replace").strip()[:120] or "没有生成输出文件"
        raise fail(ctx.name, "conversion_failed", detail)
    return out


def read_word(ctx: Ctx) -> Parts:
    out = convert(ctx.path, "docx", ctx)
    try:
        inner = Ctx(path=out, name=ctx.name, limits=ctx.limits, warnings=ctx.warnings)
        parts = docx.read(inner)
    finally:
        shutil.rmtree(out.parent.parent, ignore_errors=True)
    parts.meta["converted"] = "LibreOffice"
    ctx.warnings.append(f"{ctx.name}：旧版格式，已用 LibreOffice 转换为 docx 后读取")
    return parts
