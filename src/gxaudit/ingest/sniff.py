"""What a file really is, from its bytes: submitters rename files freely (ECOSYSTEM §1)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import filetype
import olefile

_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<meta|<body|<div|<p[ >]|<table)", re.IGNORECASE | re.DOTALL)


def sniff(path: Path, head: bytes) -> str:
    """Return one of: pdf, docx, xlsx, zip, doc, xls, ole, rtf, image, binary, html, text.

    `text` and `html` still need decoding; `binary` is a known non-document type."""
    if head.lstrip()[:5] == b"%PDF-" or head[:1024].find(b"%PDF-") >= 0 and head[:4] != b"PK\x03\x04":
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return _zip_kind(path)
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _ole_kind(path)
    if head[:5] == b"{\\rtf":
        return "rtf"
    kind = filetype.guess(head)
    if kind is not None:
        return "image" if kind.mime.startswith("image/") else "binary"
    probe = head.lstrip(b"\xef\xbb\xbf")
    if _HTML.match(probe) or _HTML.match(_ascii_of_utf16(probe)):
        return "html"
    return "text"


def _ascii_of_utf16(head: bytes) -> bytes:
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[2:].replace(b"\x00", b"")
    return b""


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "corrupt_zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _ole_kind(path: Path) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(e) for e in ole.listdir()}
    except (OSError, ValueError) as exc:  # olefile raises OSError subclasses on junk
        del exc
        return "corrupt_ole"
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    return "ole"
