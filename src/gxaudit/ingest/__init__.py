"""ingest: bytes on disk to a `Document` (DESIGN.md stage 1).

`read_document` sniffs what a file really is, applies the limits, dispatches to one reader per
format and raises `ReadError` with a Chinese message; `read_or_fail` never raises.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from gxaudit.ingest import csvfile, docx, html, legacy, pdf, txt, xlsx
from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.errors import ReadError, fail
from gxaudit.ingest.grid import GridTooLarge
from gxaudit.ingest.limits import DEFAULT, Limits, Timeout, time_limit
from gxaudit.ingest.sniff import sniff
from gxaudit.model import Document, ReadFailure

__all__ = ["SUPPORTED", "Limits", "ReadError", "dispatch", "read_document", "read_or_fail"]

log = logging.getLogger(__name__)

SUPPORTED = {".txt", ".docx", ".html", ".htm", ".pdf", ".xlsx", ".xls", ".et", ".doc", ".wps", ".csv"}

Reader = Callable[[Ctx], Parts]
READERS: dict[str, Reader] = {
    "txt": txt.read,
    "csv": csvfile.read,
    "html": html.read,
    "docx": docx.read,
    "pdf": pdf.read,
    "xlsx": xlsx.read,
    "xls": xlsx.read,
    "doc": legacy.read_word,
    "rtf": legacy.read_word,
}
_BY_SUFFIX = {".txt": "txt", ".csv": "csv", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
              ".xlsx": "xlsx", ".xls": "xls", ".et": "xls", ".doc": "doc", ".wps": "doc"}
_NAMES = {"txt": "文本", "csv": "CSV", "html": "网页", "docx": "Word(docx)", "pdf": "PDF", "xlsx": "Excel(xlsx)",
          "xls": "Excel(xls/et)", "doc": "Word/WPS(doc/wps)", "rtf": "RTF"}


def dispatch(path: Path, head: bytes, name: str) -> tuple[str, list[str]]:
    """The reader to use for this file and any warning about a misleading suffix."""
    suffix = path.suffix.lower()
    expected = _BY_SUFFIX.get(suffix)
    kind = sniff(path, head)
    if kind in ("corrupt_zip", "corrupt_ole"):
        raise fail(name, "corrupt", "压缩包或OLE结构损坏")
    if kind == "image":
        raise fail(name, "needs_ocr", "这是一张图片")
    if kind in ("binary", "zip", "ole"):
        if expected in ("txt", "csv", "html"):
            raise fail(name, "not_text", "文件内容是二进制数据")
        raise fail(name, "unsupported", f"内容类型为 {kind}")
    if kind in ("text", "html"):
        if expected in ("txt", "csv", "html"):
            if expected == "txt" and kind == "html":
                return "html", [f"{name}：扩展名为 .txt，内容是网页，按网页读取"]
            return expected, []
        if expected == "doc" and kind == "html":  # Word "save as web page" named .doc
            return "html", [f"{name}：扩展名为 {suffix}，内容其实是网页，按网页读取"]
        if expected is None:
            raise fail(name, "unsupported", f"扩展名 {suffix or '（无）'}")
        raise fail(name, "corrupt", f"扩展名为 {suffix}，内容却是纯文本")
    warnings = []
    if expected is not None and expected != kind and not (expected == "doc" and kind == "rtf"):
        warnings.append(f"{name}：扩展名为 {suffix}，内容其实是{_NAMES.get(kind, kind)}，按{_NAMES.get(kind, kind)}读取")
    return kind, warnings


def read_document(path: Path, display: str | None = None, limits: Limits | None = None) -> Document:
    path = Path(path)
    name = display if display is not None else str(path)
    limits = limits or DEFAULT
    try:
        st = path.stat()
        if not path.is_file():
            raise fail(name, "unreadable", "不是普通文件")
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise fail(name, "unreadable", exc.strerror or type(exc).__name__) from None
    if st.st_size == 0:
        raise fail(name, "empty")
    if st.st_size > limits.max_bytes:
        raise fail(name, "too_large", f"{st.st_size / 1048576:.0f} MB，上限 {limits.max_bytes / 1048576:.0f} MB")
    try:
        with time_limit(limits.seconds, name):
            kind, warnings = dispatch(path, head, name)  # sniffing opens zip and OLE directories
            ctx = Ctx(path=path, name=name, limits=limits, warnings=warnings)
            parts = READERS[kind](ctx)
    except ReadError:
        raise
    except GridTooLarge as exc:
        raise fail(name, "too_large", f"表格展开后过大：{exc}") from None
    except Timeout:  # delivered just as the reader returned
        raise fail(name, "timeout", f"超过{limits.seconds:g}秒") from None
    except MemoryError:
        raise fail(name, "too_large", "读取时内存不足") from None
    except RecursionError:
        raise fail(name, "unsafe", "结构嵌套过深") from None
    except Exception as exc:
        log.debug("reading %s failed", name, exc_info=True)
        raise fail(name, "corrupt", f"{type(exc).__name__}: {exc}"[:200]) from None
    for i, block in enumerate(parts.blocks):
        block.loc.block = i
    return Document(
        path=name,
        format=parts.format or _format_of(path, kind),
        sha256=_sha256(path),
        size=st.st_size,
        blocks=parts.blocks,
        meta=parts.meta,
        warnings=ctx.warnings,
    )


def read_or_fail(path: Path, display: str | None = None, limits: Limits | None = None) -> Document | ReadFailure:
    try:
        return read_document(path, display, limits)
    except ReadError as err:
        return err.failure
    except Exception as exc:  # noqa: BLE001 - contract: never raises
        name = display if display is not None else str(path)
        return fail(name, "corrupt", type(exc).__name__).failure


def _format_of(path: Path, kind: str) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if kind == "xls" and suffix in ("xls", "et"):
        return suffix
    if kind == "doc" and suffix in ("doc", "wps"):
        return suffix
    return {"rtf": "doc"}.get(kind, kind)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
