"""A reader that takes its whole worker process down (a crash in C, the OOM killer) costs
only its own file: that file is a 无法读取 row and everything else is scored as usual."""

from __future__ import annotations

import os
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gxaudit import ingest, pipeline
from gxaudit.synth import corpus

CRASHER = "崩溃.txt"


def test_a_dead_worker_loses_only_its_file(tmp_path, monkeypatch):
    root = tmp_path / "c"
    truth = corpus.generate(10, 21, root, ["txt"], logs=False)
    shutil.copy(root / truth["files"][0]["file"], root / CRASHER)
    with open(root / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write(f"{CRASHER},崩溃局,,,\n")
    opts = pipeline.Options(dirs=[root], roster=root / "agencies.csv")
    real = ingest.READERS["txt"]

    def deadly(ctx):
        if str(ctx.name).endswith(CRASHER):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(ctx)

    monkeypatch.setitem(ingest.READERS, "txt", deadly)
    with ProcessPoolExecutor(max_workers=2) as ex:  # forked after the patch: the workers die too
        crashed = pipeline.run(opts, executor=ex, workers=2)
    monkeypatch.setitem(ingest.READERS, "txt", real)
    (root / CRASHER).unlink()
    clean = pipeline.run(opts)

    cards = {c.agency: c for c in crashed.result.scorecards}
    assert cards["崩溃局"].status == "unreadable"
    assert "进程意外退出" in cards["崩溃局"].status_reason and crashed.unreadable == [CRASHER]
    others = [c for c in crashed.result.scorecards if c.agency != "崩溃局"]
    assert others == clean.result.scorecards  # nobody else lost anything


def test_after_a_dead_worker_the_rest_is_read_by_a_fresh_pool(tmp_path, monkeypatch):
    """Only the batches in flight when the worker died are read one file per process; the
    files after them go to a new pool, and the checks run in parallel again."""
    from gxaudit import filejobs

    root = tmp_path / "c"
    truth = corpus.generate(60, 5, root, ["txt"], logs=False)
    shutil.copy(root / truth["files"][0]["file"], root / CRASHER)
    real = ingest.READERS["txt"]

    def deadly(ctx):
        if str(ctx.name).endswith(CRASHER):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(ctx)

    isolated = []
    real_isolated = filejobs.process_isolated
    monkeypatch.setattr(pipeline, "process_isolated", lambda inp, cache: isolated.append(inp.display)
                        or real_isolated(inp, cache))
    monkeypatch.setitem(ingest.READERS, "txt", deadly)
    pools = []
    real_renew = pipeline.Renewable.renew
    monkeypatch.setattr(pipeline.Renewable, "renew", lambda self: pools.append(1) or real_renew(self))
    with ProcessPoolExecutor(max_workers=2) as ex:
        out = pipeline.run(pipeline.Options(dirs=[root], history=None), executor=ex, workers=2)
    files = len(out.result.run.inputs)
    batch = -(-files // 8)  # 2 workers × 4 batches each
    assert out.unreadable == [CRASHER] and CRASHER in isolated
    assert pools and len(isolated) <= 4 * batch < files  # at most the 2 × 2 batches in flight
    monkeypatch.setitem(ingest.READERS, "txt", real)
    (root / CRASHER).unlink()
    clean = pipeline.run(pipeline.Options(dirs=[root], history=None))
    assert [c for c in out.result.scorecards if c.agency != Path(CRASHER).stem] == clean.result.scorecards
