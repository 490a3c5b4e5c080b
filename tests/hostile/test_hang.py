"""A reader stuck where no signal reaches it (a C library looping with the GIL held): the
per-file time limit cannot interrupt it, so the worker's watchdog ends the process, the file
is retried alone, ends as a marked row, and the run goes on."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ProcessPoolExecutor

from gxaudit import filejobs, ingest, pipeline
from gxaudit.ingest.limits import Limits
from gxaudit.synth import corpus


def _stuck_reader(ctx):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as deaf as a C loop
    time.sleep(600)
    raise AssertionError("the watchdog did not end the worker")


def test_a_reader_that_ignores_the_time_limit_costs_one_file(tmp_path, monkeypatch):
    root = tmp_path / "subs"
    truth = corpus.generate(3, 5, root, ["txt"], logs=False)
    (root / "卡死局-年报.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 200)
    monkeypatch.setitem(ingest.READERS, "pdf", _stuck_reader)
    monkeypatch.setattr(ingest, "DEFAULT", Limits(seconds=0.5))
    assert filejobs.hard_seconds(root / "卡死局-年报.pdf") == 6.5  # 3 × 0.5 s + 5 s
    period = str(truth["files"][0]["report_year"])
    start = time.monotonic()
    with ProcessPoolExecutor(max_workers=2, initializer=filejobs.worker_init) as ex:
        out = pipeline.run(pipeline.Options(dirs=[root], period=period, history=None), executor=ex, workers=2)
    assert time.monotonic() - start < 60
    assert out.unreadable == ["卡死局-年报.pdf"]
    (row,) = out.result.summary["unreadable"]
    assert row["path"] == "卡死局-年报.pdf" and "未完成" in row["message"]
    scored = [c for c in out.result.scorecards if c.status == "scored"]
    assert {c.agency for c in scored} >= {f["agency"] for f in truth["files"] if str(f["report_year"]) == period}
