"""The score job with the real ingest/extract/rules/scoring stages, on real submissions.

Reads ../shared at test time (never copied): the five seeds and three Pingtan annual reports.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from gxaudit.cli import cli
from gxaudit.history import History


def score(*args):
    return CliRunner().invoke(cli, ["score", *map(str, args)], catch_exceptions=False)


def test_seeds_every_file_in_every_output_and_jobs_agree(seeds_dir, tmp_path):
    runs = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        r = score(seeds_dir, "--period", "2024", "--format", "json,csv,table", "--out", out, "--no-history",
                  "--no-cache", "--jobs", jobs)
        assert r.exit_code in (0, 3), r.output
        runs[jobs] = out
    assert (runs[1] / "result.json").read_bytes() == (runs[2] / "result.json").read_bytes()
    data = json.loads((runs[1] / "result.json").read_text(encoding="utf-8"))
    seeds = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert [i["path"] for i in data["run"]["inputs"]] == seeds
    assert [s["path"] for s in data["run"]["skipped"]] == ["README.md"]
    in_cards = {f for c in data["scorecards"] for f in c["files"]}
    assert in_cards == set(seeds)
    ranked = {r["agency"] for r in data["ranking"]}
    assert ranked == {c["agency"] for c in data["scorecards"]}
    csv_text = (runs[1] / "ranking.csv").read_text(encoding="utf-8-sig")
    assert all(a in csv_text for a in ranked)


PINGTAN = {"2023": "2023_syq", "2024": "2024_syq", "2025": "2025_syq"}


@pytest.fixture
def pingtan_years(pingtan_dir, tmp_path):
    dirs = {}
    for year, folder in PINGTAN.items():
        d = tmp_path / "subs" / year
        d.mkdir(parents=True)
        shutil.copy(pingtan_dir / "annual" / folder / "page.txt", d / "report.txt")
        (d / "manifest.csv").write_text("file,agency,kind\nreport.txt,平潭综合实验区,县级政府\n", encoding="utf-8")
        dirs[year] = d
    return dirs


def test_history_carries_last_year_and_reruns_are_idempotent(pingtan_years, tmp_path):
    hist = tmp_path / "h.sqlite"
    for year in ("2023", "2024", "2025"):
        r = score(pingtan_years[year], "--period", year, "--format", "json", "--out", tmp_path / year,
                  "--history", hist, "--no-cache", "--jobs", 1)
        assert r.exit_code in (0, 1), r.output
    first = (tmp_path / "2025" / "result.json").read_bytes()
    score(pingtan_years["2025"], "--period", "2025", "--format", "json", "--out", tmp_path / "again",
          "--history", hist, "--no-cache", "--jobs", 1)
    assert (tmp_path / "again" / "result.json").read_bytes() == first
    with History(hist) as h:
        assert h.periods() == ["2023", "2024", "2025"]
        prev = h.previous_submission("平潭综合实验区", 2025)
        assert prev is not None and prev.report_year.value == 2024
    data = json.loads(first)
    assert data["summary"]["previous_period"] == "2024"
    assert data["ranking"][0]["agency"] == "平潭综合实验区"

    def no_history(period):
        d = json.loads((tmp_path / period / "result.json").read_text(encoding="utf-8"))
        return [f["rule_id"] for c in d["scorecards"] for f in c["findings"] if f["data"].get("no_history")]

    # last year's report reached consistency_with_previous in 2024 and 2025, not in 2023 (no 2022)
    assert "AR21-H01" in no_history("2023")
    assert "AR21-H01" not in no_history("2024") and "AR21-H01" not in no_history("2025")


def test_demo_county_folder(repo_dir, tmp_path):
    """The bundled demo: every format, a scanned PDF marked unreadable, a roster agency missing."""
    src = repo_dir / "fixtures" / "county" / "2025-10"
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        r = score(src, "--period", "2025-10", "--format", "json,csv", "--out", out, "--history",
                  tmp_path / f"h{jobs}.sqlite", "--no-cache", "--jobs", jobs)
        assert r.exit_code == 3, r.output
        outs.append((out / "result.json").read_bytes())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    rows = {r["agency"]: r for r in data["ranking"]}
    assert rows["北坡镇"]["status"] == "unreadable" and rows["县民政局"]["status"] == "missing"
    assert {r["peer_group"] for r in data["ranking"]} == {"乡镇（街道）", "县直部门"}
    cards = {c["agency"]: c for c in data["scorecards"]}
    assert cards["北坡镇"]["status_reason"].startswith("无法读取：")
    assert len(data["run"]["inputs"]) == 12


def test_rule_file_error_exits_2_before_reading(tmp_path, seeds_dir):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\ntitle: 坏\nversion: '1'\ngroups:\n  - id: g\n    title: g\n    points: 10\n"
                   "    rules:\n      - id: X-1\n        title: t\n        check: no_such_check\n",
                   encoding="utf-8")
    r = score(seeds_dir, "--packs", bad, "--no-history", "--no-cache", "--jobs", 1)
    assert r.exit_code == 2 and "bad.yaml" in r.output
