"""Per-file limits for untrusted input: size, archive expansion, PDF pages, time, XML.

Documents come from outside. A zip bomb, a billion-laughs XML part or a PDF that makes
pdfminer spin must cost a quick, explained refusal, not the whole run (ECOSYSTEM §19).
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import signal
import threading
import zipfile
from collections.abc import Iterator

from lxml import etree
from pydantic import BaseModel, ConfigDict

from gxaudit.ingest.errors import fail

MB = 1024 * 1024


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_bytes: int = 50 * MB  # the file on disk
    max_member_bytes: int = 200 * MB  # one zip member, as declared uncompressed
    max_total_unzipped: int = 400 * MB  # all members of one archive, declared
    max_ratio: float = 200.0  # uncompressed / compressed for one member above 1 MB
    max_pdf_pages: int = 300
    seconds: float = 120.0  # wall time per file (SIGALRM in a main thread, a timer elsewhere)
    convert_seconds: float = 180.0  # one LibreOffice conversion


DEFAULT = Limits()


class Timeout(BaseException):
    """Raised inside a reader when its time is up; `time_limit` turns it into a ReadError.
    A BaseException, so no `except Exception` in a reader or a library swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float, name: str) -> Iterator[None]:
    """Raise a `timeout` ReadError after `seconds` of wall time.

    In a main thread (the CLI, each ProcessPoolExecutor worker) SIGALRM interrupts the
    reader; in any other thread (a ThreadPoolExecutor, a Dask worker) a timer thread raises
    `Timeout` into the reading thread. Both interrupt Python code only: a C call that never
    returns (pdfium on a pathological file) is caught by the worker's watchdog instead
    (filejobs.watchdog), which ends that worker process."""
    if seconds <= 0:
        yield
        return
    main = threading.current_thread() is threading.main_thread()
    guard = _alarm(seconds) if main and hasattr(signal, "SIGALRM") else _async_raise(seconds)
    try:
        with guard:
            yield
    except Timeout:
        raise fail(name, "timeout", f"超过{seconds:g}秒") from None


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def _raise(signum, frame):
        raise Timeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    """A timer that raises `Timeout` in this thread unless the block has ended; a raise
    that fired but was not delivered yet is withdrawn so it cannot hit later code."""
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def _fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(Timeout))

    timer = threading.Timer(seconds, _fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
        timer.cancel()


def check_zip(zf: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse an archive from its central directory alone, before inflating anything."""
    total = 0
    for info in zf.infolist():
        size, packed = info.file_size, max(info.compress_size, 1)
        total += size
        if size > limits.max_member_bytes:
            raise fail(name, "unsafe", f"压缩包成员 {info.filename} 解压后 {size // MB} MB")
        if size > MB and size / packed > limits.max_ratio:
            raise fail(name, "unsafe", f"压缩包成员 {info.filename} 压缩比 {size / packed:.0f}:1")
    if total > limits.max_total_unzipped:
        raise fail(name, "unsafe", f"压缩包解压后共 {total // MB} MB")


def read_member(zf: zipfile.ZipFile, member: str, name: str, limits: Limits) -> bytes:
    """Read one member, never more than its allowed size even if the directory lied."""
    with zf.open(member) as fh:
        data = fh.read(limits.max_member_bytes + 1)
    if len(data) > limits.max_member_bytes:
        raise fail(name, "unsafe", f"压缩包成员 {member} 解压后超过限制")
    return data


_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True
)


def parse_xml(data: bytes, name: str, part: str) -> etree._Element:
    """Parse an OOXML part. A DOCTYPE has no business in one: refuse it rather than expand it."""
    root = _ROOT_START.search(data)
    prolog = data[: root.start()] if root else data
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise fail(name, "unsafe", f"{part} 含有 DOCTYPE/实体声明")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise fail(name, "corrupt", f"{part} 不是合法的XML：{exc.msg}") from None
