"""A reader that takes its whole worker process down (a crash in C, the OOM killer) costs
only its own file: that file is a 无法读取 row and everything else is scored as usual."""

from __future__ import annotations

import os
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor

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
