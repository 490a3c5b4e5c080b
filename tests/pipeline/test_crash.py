"""Killing `gxaudit score` at any moment leaves the history and the previous reports intact.

The real CLI runs in a subprocess over a small generated corpus, on top of the state a
previous complete run left. It is SIGKILLed at named points (GXAUDIT_CRASH_AT, see
gxaudit/crashpoints.py) and after timed delays. Afterwards the history passes SQLite's
integrity check and holds either the previous run or the complete new one, and every report
file is byte-identical to the previous run's or to the complete new run's.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from gxaudit.crashpoints import ENV
from gxaudit.synth import corpus

FORMATS = "json,csv,xlsx,html"
NAMED = ["store:begin", "store:mid", "stored", "output:result.json", "output:report.xlsx"]


def cli(root: Path, state: Path, crash_at: str | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if crash_at:
        env[ENV] = crash_at
    args = [sys.executable, "-c", "from gxaudit.cli import main; main()", "score", str(root), "--period", state.name.split("-")[0],
            "--jobs", "1", "--no-cache", "--format", FORMATS, "--history", str(state / "h.sqlite"),
            "--out", str(state / "out")]
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def files(folder: Path) -> dict[str, bytes]:
    """The reports; a hidden temp file a kill left mid-write is not one (the next run removes it)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def history(path: Path) -> tuple[str, dict]:
    db = sqlite3.connect(path)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("runs", "scorecards", "findings", "submissions")}
        result = db.execute("SELECT result FROM runs").fetchall()
    finally:
        db.close()
    return check, {"rows": tables, "results": sorted(r[0] for r in result)}


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """(corpus root, state folder after the previous run, the complete new run's files and history)."""
    base = tmp_path_factory.mktemp("crash")
    root = base / "c"
    truth = corpus.generate(10, 4, root, ["txt"], logs=False)
    year, _ = Counter(f["report_year"] for f in truth["files"]).most_common(1)[0]
    period_files = [f["file"] for f in truth["files"] if f["report_year"] == year]
    before = base / f"{year}-before"
    # the previous run saw one file less than the new one: the two states differ
    hidden = root / period_files[0]
    kept = hidden.read_bytes()
    hidden.unlink()
    assert cli(root, before).wait() == 0
    hidden.write_bytes(kept)
    after = base / f"{year}-after"
    shutil.copytree(before, after)
    started = time.monotonic()
    assert cli(root, after).wait() == 0
    duration = time.monotonic() - started
    old, new = files(before / "out"), files(after / "out")
    assert old != new and history(before / "h.sqlite")[1] != history(after / "h.sqlite")[1]
    return root, before, after, duration


def crashed_state(states, name: str) -> Path:
    _, before, _, _ = states
    target = before.parent / f"{before.name.split('-')[0]}-{name.replace(':', '_').replace('.', '_')}"
    shutil.copytree(before, target)
    return target


def assert_old_or_new(states, state: Path) -> str:
    _, before, after, _ = states
    check, now = history(state / "h.sqlite")
    assert check == "ok"
    old_h, new_h = history(before / "h.sqlite")[1], history(after / "h.sqlite")[1]
    assert now in (old_h, new_h)
    old, new, got = files(before / "out"), files(after / "out"), files(state / "out")
    assert set(got) == set(old)
    for name, data in got.items():
        assert data in (old[name], new[name]), name
    return "old" if now == old_h else "new"


@pytest.mark.parametrize("point", NAMED)
def test_kill_at_a_named_point(states, point):
    root = states[0]
    state = crashed_state(states, point)
    proc = cli(root, state, crash_at=point)
    assert proc.wait() == -signal.SIGKILL, proc.stderr.read().decode()
    which = assert_old_or_new(states, state)
    assert which == ("new" if point in ("stored", "output:result.json", "output:report.xlsx") else "old")
    if point == "output:result.json":  # json replaced, the later reports still the previous run's
        got, old = files(state / "out"), files(states[1] / "out")
        assert got["result.json"] == files(states[2] / "out")["result.json"] and got["report.html"] == old["report.html"]


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.8, 0.9])
def test_kill_after_a_delay(states, fraction):
    root, _, _, duration = states
    state = crashed_state(states, f"t{int(fraction * 100)}")
    proc = cli(root, state)
    time.sleep(duration * fraction)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the run's own process group (start_new_session)
    except ProcessLookupError:
        pass  # it had already finished: then it must be the complete new state
    proc.wait()
    assert_old_or_new(states, state)
    assert cli(root, state).wait() == 0  # the next run completes and cleans up after the killed one
    assert files(state / "out") == files(states[2] / "out")
    assert [p.name for p in (state / "out").iterdir() if p.name.startswith(".")] == []
