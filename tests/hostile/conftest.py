"""One hostile folder, scored once per worker count through the real CLI (real stages).

The never-ending PDF is simulated: the PDF reader is swapped for one that sleeps, and the
per-file time limit lowered to 1 s; the worker processes inherit both (fork). Files that
vanish, turn into a directory or a FIFO are swapped right after discovery, before reading.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gxaudit import pipeline
from gxaudit.cli import cli
from gxaudit.synth import corpus

from . import builders as B


def _never_ending_reader(ctx):
    time.sleep(60)
    raise AssertionError("the time limit did not fire")


def _reset_vanishing(root: Path) -> None:
    for name in B.VANISHING:
        p = root / name
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
        p.write_text("本文件在评分开始后被删除或替换。\n", encoding="utf-8")


def build(root: Path) -> dict:
    truth = corpus.generate(4, 11, root, ["txt"], logs=False)
    period = str(truth["files"][0]["report_year"])
    for name, (_, make) in B.HOSTILE.items():
        make(root / name)
    _reset_vanishing(root)
    for name in B.ODD_NAMES:
        (root / name).write_bytes(b"\x00\xff\xfe junk \x00" * 50)
    with open(root / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for name, (agency, _) in B.HOSTILE.items():
            w.writerow([name, agency, "", "", ""])
        for name, agency in B.VANISHING.items():
            w.writerow([name, agency, "", "", ""])
    agencies = {**{n: a for n, (a, _) in B.HOSTILE.items()}, **B.VANISHING,
                **{n: Path(n).stem for n in B.ODD_NAMES}}
    normal = sorted({f["agency"] for f in truth["files"] if str(f["report_year"]) == period})
    # a readable report under an odd folder name: scored, the folder name its agency
    odd = root / B.ODD_FOLDER
    odd.mkdir()
    shutil.copy(root / truth["files"][0]["file"], odd / "年报 (副本) 😀.txt")
    return {"period": period, "hostile": agencies, "normal": [*normal, B.ODD_FOLDER]}


def score(root: Path, work: Path, jobs: int, period: str) -> dict:
    out, hist = work / "out", work / "history" / "h.sqlite"
    real_discover = pipeline.discover

    def discover_then_swap(*a, **k):
        found = real_discover(*a, **k)
        B.replace_after_discovery(root)
        return found

    from gxaudit import ingest
    from gxaudit.ingest.limits import Limits

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "discover", discover_then_swap)
        mp.setitem(ingest.READERS, "pdf", _never_ending_reader)
        mp.setattr(ingest, "DEFAULT", Limits(seconds=1.0))
        _reset_vanishing(root)
        r = CliRunner().invoke(cli, ["score", str(root), "--period", period, "--jobs", str(jobs), "--no-cache",
                                     "--format", "table,json,csv,xlsx,html", "--out", str(out),
                                     "--history", str(hist)], catch_exceptions=False)
    circ = CliRunner().invoke(cli, ["circular", "--period", period, "--history", str(hist),
                                    "--out", str(work / "circular"), "--format", "md,docx"], catch_exceptions=False)
    return {"exit": r.exit_code, "table": r.stdout, "stderr": r.stderr, "out": out, "history": hist,
            "circular": work / "circular", "circular_exit": circ.exit_code, "circular_output": circ.output,
            "json": json.loads((out / "result.json").read_text(encoding="utf-8"))}


def files_under(top: Path) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), top) for d, _, fs in os.walk(top) for f in fs}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root = base / "submissions"
    root.mkdir()
    info = build(root)
    before = files_under(base)
    runs = {jobs: score(root, base / f"jobs{jobs}", jobs, info["period"]) for jobs in (1, 2)}
    return {**info, "base": base, "root": root, "before": before, "runs": runs}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
