"""Atomic file writes shared by every renderer.

A report is either the old file or the complete new one, never half of each: readers
(a clerk's Excel, a CI job, the circular) may open it while a run is still writing.
The temp file lives in the target's folder so that os.replace stays on one file system.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path | str, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def temp_path_for(path: Path | str) -> Path:
    """A fresh temp path beside `path`, for writers (xlsx, docx) that insist on a file name.

    Write there, then call `commit(tmp, path)`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return Path(tmp)


def commit(tmp: Path | str, path: Path | str) -> Path:
    os.replace(tmp, path)
    return Path(path)
