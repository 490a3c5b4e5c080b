"""pipeline.run() directly: pluggable executors, progress, cache, agency assignment."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

from gxaudit import pipeline
from gxaudit.report import jsonout

from .fakes import sub_text, write_tree


def opts(root, tmp_path, **kw):
    return pipeline.Options(dirs=[root], period="2025", history=tmp_path / "h.sqlite", **kw)


def tree(tmp_path):
    return write_tree(tmp_path / "subs", {
        "甲镇.txt": sub_text("甲镇人民政府", "乡镇", "2025", "R1", year=2025),
        "乙镇/a.txt": sub_text("乙镇", "乡镇", "2025", year=2025),
        "乙镇/b.docx": "CORRUPT",
        "无名.txt": sub_text(None, "县直部门", "2025"),
        "agencies.csv": "agency,kind,peer_group\n甲镇,乡镇,\n无名,县直部门,专项组\n",
    })


def test_any_executor_gives_the_same_result(tmp_path, fake_stages):
    root = tree(tmp_path)
    inline = pipeline.run(opts(root, tmp_path / "a"))
    with ThreadPoolExecutor(3) as ex:
        threaded = pipeline.run(opts(root, tmp_path / "b"), executor=ex, workers=3)
    assert jsonout.dumps(inline.result) == jsonout.dumps(threaded.result)


def test_agency_from_roster_folder_and_file_name(tmp_path, fake_stages):
    out = pipeline.run(opts(tree(tmp_path), tmp_path, keep_submissions=True))
    cards = {c.agency: c for c in out.result.scorecards}
    assert set(cards) == {"甲镇", "乙镇", "无名"}  # 甲镇人民政府 mapped onto the roster name
    assert cards["无名"].peer_group == "专项组"  # roster peer_group beats the kind mapping
    # partly unreadable agency: scored on the rest, the failure named
    assert cards["乙镇"].status == "scored" and "部分文件无法读取" in cards["乙镇"].status_reason
    assert "乙镇/b.docx" in cards["乙镇"].submission_ids
    assert out.unreadable == ["乙镇/b.docx"]
    assert out.result.run.as_of is None  # annual period: no invented check day
    assert any("不在单位名单" in w and "乙镇" in w for w in out.result.summary["warnings"])
    sub = next(s for s in out.submissions if s.id == "甲镇.txt")
    assert sub.agency.source == "config" and "甲镇人民政府" in sub.agency.detail


def test_progress_reaches_the_end(tmp_path, fake_stages):
    seen = []
    pipeline.run(opts(tree(tmp_path), tmp_path), progress=lambda s, d, t: seen.append((s, d, t)))
    assert ("读取与提取", 4, 4) in seen and ("检查规则", 3, 3) in seen


def test_cache_serves_unchanged_files(tmp_path, fake_stages, monkeypatch):
    root = tree(tmp_path)
    o = opts(root, tmp_path, cache_dir=tmp_path / "cache")
    first = pipeline.run(o)
    calls = []
    real = fake_stages.extract
    monkeypatch.setattr("gxaudit.extract.extract", lambda d, m=None: calls.append(d.path) or real(d, m))
    (root / "乙镇" / "a.txt").write_text(sub_text("乙镇", "乡镇", "2025", "R2", year=2025), encoding="utf-8")
    second = pipeline.run(o)
    assert calls == ["乙镇/a.txt"]  # only the changed file was read again
    assert jsonout.dumps(first.result) != jsonout.dumps(second.result)


def test_previous_year_submission_reaches_the_check(tmp_path, fake_stages):
    root = tree(tmp_path)
    pipeline.run(opts(root, tmp_path))
    for p in [root / "甲镇.txt", root / "乙镇" / "a.txt"]:
        p.write_text(p.read_text(encoding="utf-8").replace("2025", "2026"), encoding="utf-8")
    out = pipeline.run(pipeline.Options(dirs=[root], period="2026", history=tmp_path / "h.sqlite"))
    f = {c.agency: c for c in out.result.scorecards}["甲镇"].findings[0]
    assert f.data["previous"] == "甲镇.txt"
    assert out.result.summary["previous_period"] == "2025"


def test_unnamed_parts_of_one_file_are_scored_apart(seeds_dir, tmp_path):
    """Seed 003: fourteen bodies' summaries in one file, none naming its body. They must not be
    added up into one scorecard under the file's name: each part is its own row, and the
    summary says how to name them."""
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(seeds_dir / "003_391da73ada556ced.txt", folder / "合集.txt")
    out = pipeline.run(pipeline.Options(dirs=[folder], history=None))
    cards = out.result.scorecards
    assert len(cards) == 14 and all(len(c.submission_ids) == 1 for c in cards)
    assert [c.agency for c in cards][:3] == ["合集（第01篇）", "合集（第02篇）", "合集（第03篇）"]
    note = [w for w in out.result.summary["warnings"] if w.startswith("合集.txt：含14篇材料")]
    assert len(note) == 1 and "manifest.csv" in note[0]
