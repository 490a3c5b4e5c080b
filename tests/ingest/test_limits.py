"""Untrusted input: size and time limits, sniffing, and read_or_fail never raising."""

from __future__ import annotations

import time

import pytest

from gxaudit import ingest
from gxaudit.ingest import SUPPORTED, ReadError, read_document, read_or_fail
from gxaudit.ingest.limits import Limits
from gxaudit.model import Document, ReadFailure


def test_200mb_sparse_text_refused_without_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    try:
        def no_read(*a, **k):
            raise AssertionError("the file was read")

        monkeypatch.setattr(type(p), "read_bytes", no_read)
        failure = read_or_fail(p, display="huge.txt")
    finally:
        p.unlink()
    assert isinstance(failure, ReadFailure) and failure.reason == "too_large"
    assert "huge.txt" in failure.message and "200 MB" in failure.message


def test_time_limit(tmp_path, monkeypatch):
    p = tmp_path / "slow.txt"
    p.write_text("正文\n", encoding="utf-8")

    def slow(ctx):
        time.sleep(5)

    monkeypatch.setitem(ingest.READERS, "txt", slow)
    with pytest.raises(ReadError) as err:
        read_document(p, display="slow.txt", limits=Limits(seconds=0.2))
    assert err.value.failure.reason == "timeout"


def test_reader_bug_becomes_a_failure_not_a_crash(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("正文\n", encoding="utf-8")

    def broken(ctx):
        raise KeyError("boom")

    monkeypatch.setitem(ingest.READERS, "txt", broken)
    failure = read_or_fail(p, display="a.txt")
    assert isinstance(failure, ReadFailure) and failure.reason == "corrupt" and "a.txt" in failure.message


def test_image_named_pdf_needs_ocr(tmp_path):
    from PIL import Image

    p = tmp_path / "scan.pdf"
    Image.new("RGB", (20, 20)).save(p, format="PNG")
    assert read_or_fail(p).reason == "needs_ocr"


def test_html_named_doc_read_as_html(tmp_path):
    p = tmp_path / "网页.doc"
    p.write_text("<html><body><div id='zoom'><p>这是Word另存为网页的文件，正文在这里。</p></div></body></html>", encoding="utf-8")
    doc = read_document(p)
    assert isinstance(doc, Document) and doc.format == "html"
    assert doc.blocks[-1].text == "这是Word另存为网页的文件，正文在这里。"
    assert doc.warnings


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 标题\n", encoding="utf-8")
    assert read_or_fail(p).reason == "unsupported"


def test_supported_suffixes():
    assert {".txt", ".docx", ".html", ".htm", ".pdf", ".xlsx", ".xls", ".et", ".doc", ".wps", ".csv"} <= SUPPORTED


def _spin(ctx):
    """A reader stuck in Python code, as pdfminer can be on a crafted file."""
    for _ in range(1000):
        time.sleep(0.01)


def test_time_limit_in_a_worker_thread(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    p = tmp_path / "slow.txt"
    p.write_text("正文\n", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("正文\n", encoding="utf-8")
    monkeypatch.setitem(ingest.READERS, "txt", _spin)
    with ThreadPoolExecutor(1) as pool:
        failure = pool.submit(read_or_fail, p, "slow.txt", Limits(seconds=0.2)).result()
        monkeypatch.undo()
        after = pool.submit(read_or_fail, ok, "ok.txt", Limits(seconds=0.2)).result()
        time.sleep(0.3)  # a withdrawn raise must not land in the idle worker either
        later = pool.submit(read_or_fail, ok, "ok.txt").result()
    assert isinstance(failure, ReadFailure) and failure.reason == "timeout" and "slow.txt" in failure.message
    assert isinstance(after, Document) and isinstance(later, Document)


def test_time_limit_in_a_process_pool_worker(tmp_path):
    """pipeline runs process_batch in ProcessPoolExecutor workers: there the reader runs in
    the worker's main thread and SIGALRM applies. (spawn: forking this multi-threaded test
    process could deadlock the child.)"""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ingest_helpers import read_with_stuck_txt_reader

    p = tmp_path / "slow.txt"
    p.write_text("正文\n", encoding="utf-8")
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        failure = pool.submit(read_with_stuck_txt_reader, p, 0.2).result(timeout=120)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    assert isinstance(failure, ReadFailure) and failure.reason == "timeout"


def test_time_limit_not_swallowed_by_a_reader_catching_everything(tmp_path, monkeypatch):
    p = tmp_path / "slow.txt"
    p.write_text("正文\n", encoding="utf-8")

    def careless(ctx):
        try:
            _spin(ctx)
        except Exception:  # noqa: BLE001, S110 - what a careless reader does
            pass
        return ingest.Parts()

    monkeypatch.setitem(ingest.READERS, "txt", careless)
    assert read_or_fail(p, limits=Limits(seconds=0.2)).reason == "timeout"
