from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from gxaudit.history import MIGRATIONS, SCHEMA, History, HistoryError, normalise_period
from gxaudit.model import Finding, PackStamp, RankRow, RunRecord, RunResult, Scorecard, Sourced, Submission

STAMP = PackStamp(id="p", version="1", sha256="h")


def result(period, totals: dict[str, float], fails: dict[str, list[str]] | None = None, stamp=STAMP):
    fails = fails or {}
    cards = [Scorecard(agency=a, peer_group="G", total=t,
                       findings=[Finding(rule_id=r, pack="p", group="g", title="t", outcome="fail", message="")
                                 for r in fails.get(a, [])]) for a, t in sorted(totals.items())]
    order = sorted(totals, key=lambda a: -totals[a])
    ranking = [RankRow(agency=a, peer_group="G", total=totals[a], grade=None, rank=i + 1)
               for i, a in enumerate(order)]
    return RunResult(run=RunRecord(tool_version="t", period=period, packs=[stamp]), scorecards=cards,
                     ranking=ranking)


def sub(agency, year, sid="a.txt", doc_type="annual_report_2021"):
    return Submission(id=sid, file=sid, agency=Sourced(value=agency), report_year=Sourced(value=year),
                      doc_type=Sourced(value=doc_type), title=Sourced(value=f"{agency}{year}年报"))


def test_store_load_and_replace_is_idempotent(tmp_path):
    path = tmp_path / "h.sqlite"
    with History(path) as h:
        r = result("2025-10", {"甲": 90, "乙": 80})
        h.store(r)
        h.store(r)
        assert h.periods() == ["2025-10"]
        assert h.load_result("2025-10") == r
        h.store(result("2025-10", {"甲": 70}))
        assert [c.agency for c in h.load_result("2025-10").scorecards] == ["甲"]
        assert h.ranks("2025-10") == {("G", "甲"): 1}
        n = h.db.execute("SELECT count(*) FROM scorecards").fetchone()[0]
        assert n == 1  # replaced rows are gone, not duplicated


def test_previous_period_ranks_and_repeated(tmp_path):
    with History(tmp_path / "h.sqlite") as h:
        h.store(result("2025-09", {"甲": 90, "乙": 80}, {"乙": ["R1"]}))
        h.store(result("2025", {"甲": 50}))
        assert h.previous_period("2025-10") == "2025-09"
        assert h.previous_period("2025-09") is None
        assert h.previous_period("2026") == "2025"
        assert h.failed_rules("2025-09") == {"乙": {"R1"}}
        assert h.ranks("2025-09") == {("G", "甲"): 1, ("G", "乙"): 2}


def test_previous_submission_from_whichever_run(tmp_path):
    with History(tmp_path / "h.sqlite") as h:
        h.store(result("2024", {"甲": 90}), [sub("甲", 2024), sub("甲", 2024, "b.txt", "work_summary")])
        h.store(result("2025", {"甲": 90}), [sub("甲", 2025)])
        prev = h.previous_submission("甲", 2025)
        assert prev is not None and prev.report_year.value == 2024 and prev.doc_type.value == "annual_report_2021"
        assert h.previous_submission("甲", 2024) is None
        assert h.previous_submission("乙", 2025) is None
        assert h.previous_submission("甲", 2025, doc_type="work_summary").id == "b.txt"


def test_exception_inside_transaction_keeps_previous_state(tmp_path, monkeypatch):
    with History(tmp_path / "h.sqlite") as h:
        old = result("2025-10", {"甲": 90, "乙": 80}, {"乙": ["R1"]})
        h.store(old)

        def boom(*a, **k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(h, "_insert_findings", boom)
        with pytest.raises(RuntimeError):
            h.store(result("2025-10", {"丙": 10}))
        assert h.load_result("2025-10") == old
        assert h.failed_rules("2025-10") == {"乙": {"R1"}}


def test_killed_process_mid_write_leaves_previous_state(tmp_path):
    path = tmp_path / "h.sqlite"
    with History(path) as h:
        old = result("2025-10", {"甲": 90})
        h.store(old)
    script = textwrap.dedent(f"""
        import os
        from gxaudit.history import History
        from gxaudit.model import RunRecord, RunResult, Scorecard
        h = History({str(path)!r})
        def die(*a, **k):
            os._exit(9)  # killed: no rollback, no close, the DELETE already ran
        h._insert_findings = die
        h.store(RunResult(run=RunRecord(tool_version="t", period="2025-10"),
                          scorecards=[Scorecard(agency="新")]))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert proc.returncode == 9, proc.stderr
    with History(path) as h:
        assert h.load_result("2025-10") == old
        assert h.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrates_a_v1_file(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for stmt in MIGRATIONS[0]:
        db.execute(stmt)
    db.execute("UPDATE schema_version SET version = 1")
    db.execute("INSERT INTO runs (period, kind, packs, pack_key, tool_version, created, result)"
               " VALUES ('2024', 'annual', '[]', 'k', '0.0', '2025-01-01', ?)",
               (result("2024", {"甲": 88}).model_dump_json(),))
    db.commit()
    db.close()
    with History(path) as h:
        assert h.version() == SCHEMA == 2
        assert h.load_result("2024").scorecards[0].total == 88
        assert h.previous_submission("甲", 2025) is None  # the v2 table exists and is empty
        h.store(result("2025", {"甲": 90}), [sub("甲", 2025)])
        assert h.previous_submission("甲", 2026).report_year.value == 2025


def test_newer_or_foreign_file_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    with History(path) as h:
        h.db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(HistoryError, match="升级"):
        History(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(HistoryError, match="无法打开"):
        History(junk)


def test_normalise_period():
    assert normalise_period("2025-1") == "2025-01"
    assert normalise_period("2025年10月") == "2025-10"
    assert normalise_period("2025年度") == "2025"
    assert normalise_period("2025") == "2025"
