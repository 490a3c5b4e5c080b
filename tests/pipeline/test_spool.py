"""The parent holds heads, the documents wait on disk (spool.py), and nothing is lost or left."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from gxaudit import filejobs, parsecache, pipeline, spool
from gxaudit.discover import discover
from gxaudit.model import Sourced

REPO = Path(__file__).resolve().parents[2]
COUNTY = REPO / "fixtures" / "county" / "2025-10"


@pytest.fixture
def county(tmp_path):
    root = tmp_path / "subs"
    shutil.copytree(COUNTY, root)
    return root


def test_hydrate_gives_back_what_was_extracted(county, tmp_path):
    from gxaudit import ingest

    disc = discover([county], set(ingest.SUPPORTED))
    inp = next(i for i in disc.inputs if i.display.endswith("县教育局-2024年政府信息公开工作年度报告.docx"))
    full = filejobs.process_file(inp, str(tmp_path / "cache"))
    assert full.entry and Path(full.entry).is_file()
    (got,) = filejobs.headed(full).submissions
    assert got.paragraphs == [] and got.tables == {} and got.sections == []  # a head: metadata only
    assert got.agency == full.submissions[0].agency and got.report_year == full.submissions[0].report_year
    decided = got.model_copy(update={"agency": Sourced(value="县教育局", source="config")})
    ref = spool.Ref(entry=full.entry, index=0, input=inp)
    back = spool.hydrate(ref, decided)
    assert back.tables == full.submissions[0].tables and back.paragraphs == full.submissions[0].paragraphs
    assert back.agency.value == "县教育局" and back.agency.source == "config"
    # the entry vanished (another run pruned the cache): the file is read again, nothing lost
    Path(full.entry).unlink()
    spool.forget()
    assert spool.hydrate(ref, decided) == back


def test_the_parent_holds_heads_and_the_result_is_the_same(county, tmp_path, monkeypatch):
    seen = {}
    real = pipeline.evaluate_all

    def spy(by_agency, *args, **kw):
        seen["heads"] = [s for subs in by_agency.values() for s in subs]
        seen["refs"] = kw["refs"]
        return real(by_agency, *args, **kw)

    monkeypatch.setattr(pipeline, "evaluate_all", spy)
    opts = pipeline.Options(dirs=[county], period="2025-10", history=tmp_path / "h.sqlite",
                            cache_dir=tmp_path / "cache", keep_submissions=True)
    out = pipeline.run(opts)
    heads = seen["heads"]
    assert len(heads) >= 10
    assert all(not h.paragraphs and not h.tables and not h.sections and not h.items for h in heads)
    assert all(seen["refs"][h.id].entry and seen["refs"][h.id].inline is None for h in heads)
    # the documents themselves came back for the history and for Outcome.submissions
    whole = {s.id: s for s in out.submissions}
    assert set(whole) == {h.id for h in heads}
    assert sum(bool(s.tables) for s in whole.values()) >= 5 and all(s.paragraphs or s.items for s in whole.values())
    # and the findings equal a run that never used the cache (a scratch folder instead)
    monkeypatch.setattr(pipeline, "evaluate_all", real)
    again = pipeline.run(opts.model_copy(update={"cache_dir": None, "history": None, "keep_submissions": False}))
    assert [c.model_dump() for c in again.result.scorecards] == [c.model_dump() for c in out.result.scorecards]
    assert again.submissions == []


def test_no_scratch_is_left_behind(county, tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    pipeline.run(pipeline.Options(dirs=[county], period="2025-10", history=None))
    assert list(tmp.iterdir()) == []
    cache = tmp_path / "cache"
    pipeline.run(pipeline.Options(dirs=[county], period="2025-10", history=None, cache_dir=cache))
    assert not [p for p in cache.iterdir() if p.name.startswith(parsecache.SCRATCH_PREFIX)]
    assert list(cache.glob("*.json"))  # the cache itself stays


def test_a_killed_runs_scratch_is_swept_after_a_day(tmp_path):
    old, fresh = tmp_path / ".run-old", tmp_path / ".run-fresh"
    for d in (old, fresh):
        d.mkdir()
        (d / "resolved-x.json").write_text("{}")
    entry = tmp_path / "abc.json"
    entry.write_text("{}")
    day_ago = time.time() - parsecache.STALE_SCRATCH_S - 60
    os.utime(old, (day_ago, day_ago))
    assert parsecache.sweep(tmp_path) == [old]
    assert fresh.is_dir() and entry.is_file() and not old.exists()



def test_evaluated_documents_that_vanish_are_read_back_for_the_history(county, tmp_path, monkeypatch):
    real = pipeline.stored_json

    def then_delete(evaluated, by_agency):
        out = real(evaluated, by_agency)
        for e in out.values():
            Path(e.stored).unlink()
        return out

    monkeypatch.setattr(pipeline, "stored_json", then_delete)
    opts = pipeline.Options(dirs=[county], period="2025-10", history=tmp_path / "h.sqlite", keep_submissions=True)
    out = pipeline.run(opts)
    assert out.submissions and all(s.paragraphs or s.items for s in out.submissions)
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        stored = {r[0] for r in db.execute("SELECT submission_id FROM submissions")}
    assert stored == {s.id for s in out.submissions}
