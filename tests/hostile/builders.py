"""Hostile submissions, built at test time (nothing large is committed).

Each builder writes one file that a careless reader would choke on; `HOSTILE` maps the file
name to the agency the manifest gives it, so that every one becomes its own row in the
outputs. The odd-named files get no manifest row: their file name is their agency name.
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

# An agency name that would be markup in a report and a path outside --out if joined to one.
EVIL_AGENCY = '<img src=x onerror="alert(1)">../../逃逸局'

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/'
                 b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, document: bytes | None = None, stream_mb: int = 0) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        if document is not None:
            zf.writestr("word/document.xml", document)
            return
        chunk = b"<w:p><w:r><w:t>" + b"\xe5\x85\xac" * 20000 + b"</w:t></w:r></w:p>"
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b"<w:document " + W + b"><w:body>")
            for _ in range(stream_mb * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")


def zip_bomb(path: Path) -> None:
    """A small .docx whose document.xml inflates to ~60 MB (ratio > 1000:1)."""
    _docx(path, stream_mb=60)


def billion_laughs(path: Path) -> None:
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{ents}]>'
           f'<w:document {W.decode()}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    _docx(path, document=doc.encode())


def slow_pdf(path: Path) -> None:
    """Looks like a PDF; the test swaps in a reader that never finishes (see conftest)."""
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def sparse_200mb(path: Path) -> None:
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)


def binary_junk(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(64 * 1024))


HOSTILE = {  # file name -> (agency in the manifest, builder)
    "炸弹.docx": ("压缩炸弹局", zip_bomb),
    "实体.docx": ("实体扩展局", billion_laughs),
    "卡死.pdf": ("超时局", slow_pdf),
    "巨大.txt": ("巨型文件局", sparse_200mb),
    "乱码.txt": (EVIL_AGENCY, binary_junk),
}
# Replaced after discovery, before reading (see conftest): gone, a directory, a FIFO.
VANISHING = {"消失.txt": "消失局", "变目录.txt": "目录局", "管道.txt": "管道局"}
ODD_NAMES = ['引号 "双" \'单\'.txt', "换行\n名.txt", "😀表情 ..点.txt"]
ODD_FOLDER = '单位 "引号" 😀 ..'


def replace_after_discovery(root: Path) -> None:
    os.unlink(root / "消失.txt")
    os.unlink(root / "变目录.txt")
    os.mkdir(root / "变目录.txt")
    os.unlink(root / "管道.txt")
    os.mkfifo(root / "管道.txt")
