"""The parse cache: keyed by content hash + extractor version, --no-cache, LRU size bound."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from gxaudit import filejobs, parsecache, pipeline
from gxaudit.cli import cli

from .fakes import sub_text, write_tree


def corpus(tmp_path: Path, n: int = 6) -> Path:
    return write_tree(tmp_path / "subs", {f"镇{i}.txt": sub_text(f"镇{i}", "乡镇", "2025", "R1" if i % 2 else "",
                                                                 year=2025) for i in range(n)})


def score(root: Path, tmp_path: Path, *extra: str) -> int:
    r = CliRunner().invoke(cli, ["score", str(root), "--period", "2025", "--jobs", "1",
                                 "--format", "json", "--out", str(tmp_path / "out"), *extra],
                           catch_exceptions=False)
    return r.exit_code


def test_no_cache_writes_nothing_and_cache_dir_fills(tmp_path, fake_stages, monkeypatch):
    root = corpus(tmp_path)
    monkeypatch.chdir(tmp_path)  # the default cache folder is ./.gxaudit/cache
    assert score(root, tmp_path, "--no-history", "--no-cache") == 0
    assert not (tmp_path / ".gxaudit").exists()
    assert score(root, tmp_path, "--no-history") == 0
    written = sorted(p.name for p in (tmp_path / ".gxaudit" / "cache").glob("*.json"))
    heads = [n for n in written if n.endswith(parsecache.HEAD_SUFFIX)]
    assert len(written) == 12 and len(heads) == 6  # an entry and its head file per input


def test_a_rerun_reads_head_files_only_until_the_rules_change(tmp_path, monkeypatch):
    """Real stages: the second extraction parses no whole entry; a rule that compares another
    part needs new digests, so the entries are read again and the head files rewritten."""
    from gxaudit import ingest
    from gxaudit.rules import load_packs
    from gxaudit.rules.peers import needed, scoped
    from gxaudit.synth.corpus import generate

    root = tmp_path / "c"
    generate(6, 2, root, ["txt"], logs=False)
    disc = pipeline.discover([root], set(ingest.SUPPORTED))
    wanted = scoped(needed(load_packs(["annual-report-2021"])))
    first = pipeline.extract_all(disc, None, tmp_path / "cache", wanted=wanted)
    parsed = []
    real = filejobs.FileResult.model_validate_json
    monkeypatch.setattr(filejobs.FileResult, "model_validate_json",
                        classmethod(lambda cls, *a, **k: parsed.append(1) or real(*a, **k)))
    again = pipeline.extract_all(disc, None, tmp_path / "cache", wanted=wanted)
    assert parsed == [] and all(r.cached for r in again)
    assert [r.model_dump(exclude={"cached"}) for r in again] == [r.model_dump(exclude={"cached"}) for r in first]
    ((_, (kind, params)),) = wanted.items()
    other = {f"{kind}:part4": (kind, params.model_copy(update={"part": 4}))}
    changed = pipeline.extract_all(disc, None, tmp_path / "cache", wanted=other)
    assert len(parsed) == len(disc.inputs)  # every entry read again, once
    assert all(set(d) == set(other) for r in changed for d in r.digests.values())


def test_a_new_extractor_version_misses_the_cache(tmp_path, fake_stages, monkeypatch):
    root = corpus(tmp_path, 2)
    o = pipeline.Options(dirs=[root], period="2025", cache_dir=tmp_path / "cache")
    pipeline.run(o)
    assert all(r.cached for r in pipeline.extract_all(pipeline.discover([root], {".txt"}), None, o.cache_dir))
    monkeypatch.setattr(filejobs, "code_fingerprint", lambda: "another extractor")
    fresh = pipeline.extract_all(pipeline.discover([root], {".txt"}), None, o.cache_dir)
    assert not any(r.cached for r in fresh)


def _entry(folder: Path, name: str, size: int, used: float) -> Path:
    p = folder / f"{name}.json"
    p.write_bytes(b"x" * size)
    os.utime(p, (used, used))
    return p


def test_prune_removes_least_recently_used_first(tmp_path):
    old, mid, new = (_entry(tmp_path, n, 1000, t) for n, t in (("a", 1000.0), ("b", 2000.0), ("c", 3000.0)))
    keep = tmp_path / "notes.txt"  # not a cache entry: never touched
    keep.write_text("x" * 5000)
    parsecache.touch(old)  # a hit makes the oldest entry the most recent
    removed = parsecache.prune(tmp_path, 2000)
    assert removed == [mid]
    assert old.exists() and new.exists() and keep.exists()
    assert parsecache.prune(tmp_path, 0) == [new, old]
    assert parsecache.prune(tmp_path, None) == [] and keep.exists()


def test_cli_bound_keeps_the_cache_under_the_limit(tmp_path, fake_stages):
    root = corpus(tmp_path, 8)
    cache = tmp_path / "h" / "cache"
    assert score(root, tmp_path, "--history", str(tmp_path / "h" / "history.sqlite")) == 0
    sizes = [p.stat().st_size for p in cache.glob("*.json")]
    assert len(sizes) == 16  # 8 entries and their head files
    bound = sum(sizes) // 2
    assert score(root, tmp_path, "--history", str(tmp_path / "h" / "history.sqlite"),
                 "--cache-max-mb", str(bound / 1024 / 1024)) == 0
    left = list(cache.glob("*.json"))
    assert 0 < len(left) < 16 and sum(p.stat().st_size for p in left) <= bound


def test_a_bad_bound_is_a_usage_error(tmp_path, fake_stages):
    assert score(corpus(tmp_path, 1), tmp_path, "--no-history", "--cache-max-mb", "-1") == 2


def test_a_cached_submission_equals_the_fresh_one(tmp_path):
    """Real stages: what the cache gives back is the same Submission (dates stay dates)."""
    from gxaudit.ingest import SUPPORTED
    from gxaudit.synth import corpus as synth

    root = tmp_path / "c"
    synth.generate(8, 2, root, ["txt", "html"])
    inputs = pipeline.discover([root], set(SUPPORTED)).inputs
    fresh = [filejobs.process_file(i, str(tmp_path / "cache")) for i in inputs]
    again = [filejobs.process_file(i, str(tmp_path / "cache")) for i in inputs]
    assert all(r.cached for r in again) and not any(r.cached for r in fresh)
    assert [r.model_copy(update={"cached": False}) for r in again] == fresh
    assert any(s.published_at.value is not None for r in again for s in r.submissions)


def test_bound_from_the_config_file(tmp_path, fake_stages):
    root = corpus(tmp_path, 4)
    cfg = tmp_path / "gxaudit.toml"
    cfg.write_text(f'[cache]\ndir = "{(tmp_path / "c").as_posix()}"\nmax_mb = 0\n', encoding="utf-8")
    assert score(root, tmp_path, "--no-history", "--config", str(cfg)) == 0
    assert list((tmp_path / "c").glob("*.json")) == []  # written, then pruned to the 0 MB bound
