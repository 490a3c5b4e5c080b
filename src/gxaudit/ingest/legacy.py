"""Legacy Word/WPS binaries (.doc, .wps, and RTF) through LibreOffice headless.

Each conversion gets its own LibreOffice profile: a second soffice on a shared profile prints
nothing, writes nothing and exits 0 (ECOSYSTEM §4), so the output file is always checked.
Without LibreOffice a Word binary is read as text by catdoc (~2 ms a file; table rows come
out tab-separated, merged cells lost) and the document says so.
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


def find_catdoc() -> str | None:
    """catdoc, the text-only fallback; tests monkeypatch this too."""
    return shutil.which("catdoc")


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
    if find_soffice() is None and _is_ole(ctx.path):
        catdoc = find_catdoc()
        if catdoc is not None:
            return read_catdoc(ctx, catdoc)
    out = convert(ctx.path, "docx", ctx)
    try:
        inner = Ctx(path=out, name=ctx.name, limits=ctx.limits, warnings=ctx.warnings)
        parts = docx.read(inner)
    finally:
        shutil.rmtree(out.parent.parent, ignore_errors=True)
    parts.meta["converted"] = "LibreOffice"
    ctx.warnings.append(f"{ctx.name}：旧版格式，已用 LibreOffice 转换为 docx 后读取")
    return parts


def _is_ole(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_catdoc(ctx: Ctx, catdoc: str) -> Parts:
    """One paragraph per non-blank line of catdoc's UTF-8 text, as a .txt would give; when
    catdoc fails the submitter still needs the LibreOffice/另存为 advice."""
    cmd = [catdoc, "-w", "-d", "utf-8", str(ctx.path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=ctx.limits.convert_seconds,
                              env=dict(os.environ, LC_ALL="C.UTF-8"), check=False)
    except subprocess.TimeoutExpired:
        raise fail(ctx.name, "timeout", f"catdoc 提取文字超过{ctx.limits.convert_seconds:g}秒") from None
    except OSError as exc:
        raise fail(ctx.name, "needs_conversion", f"catdoc 无法运行：{exc.strerror or exc}") from None
    text = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0 or not text.strip():
        detail = proc.stderr.decode("utf-8", "replace").strip()[:80] or "catdoc 没有提取到文字"
        raise fail(ctx.name, "needs_conversion", detail)
    parts = Parts(meta={"converted": "catdoc"})
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r\n").replace("\x00", "")
        if line.strip():
            parts.para(line, file=ctx.name, line=n)
    ctx.warnings.append(f"{ctx.name}：本机未安装 LibreOffice，已用 catdoc 只提取文字，表格按制表符分列、合并单元格信息丢失；"
                        "安装 LibreOffice 或另存为 .docx 后重新提交可得到完整表格")
    return parts
