"""The score job end to end through the CLI, with stand-in stages (tests/pipeline/fakes.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gxaudit.cli import cli

from .fakes import sub_text, write_tree


def run(args, cwd=None):
    return CliRunner().invoke(cli, ["score", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def county(tmp_path, fake_stages):
    root = write_tree(tmp_path / "subs", {
        "城关镇.txt": sub_text("城关镇", "乡镇"),
        "东街道.txt": sub_text("东街道", "街道", defects="R1"),
        "西镇/年报.txt": sub_text(None, "乡镇", defects="R1,R2"),
        "西镇/台账.pdf": sub_text(None, "乡镇"),
        "教育局.txt": sub_text("县教育局", "县直部门", defects="R4"),
        "坏局.docx": "CORRUPT",
        "照片.jpg": "x",
        "manifest.csv": "file,agency,kind\n坏局.docx,县财政局,县直部门\n",
        "agencies.csv": "agency,kind\n城关镇,乡镇\n县农业局,县直部门\n县教育局,县直部门\n",
    })
    return root


def score(county, tmp_path, *extra, fmt="json,csv", jobs=1):
    out = tmp_path / "out"
    r = run([county, "--period", "2025-10", "--format", fmt, "--out", out, "--history", tmp_path / "h.sqlite",
             "--no-cache", "--jobs", jobs, *extra])
    return r, out


def test_every_submission_in_every_output(county, tmp_path):
    r, out = score(county, tmp_path, fmt="table,json,csv")
    assert r.exit_code == 3, r.output  # one unreadable file
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    ranking = {row["agency"]: row for row in data["ranking"]}
    assert set(ranking) == {"城关镇", "东街道", "西镇", "县教育局", "县财政局", "县农业局"}
    assert ranking["县财政局"]["status"] == "unreadable" and ranking["县财政局"]["rank"] is None
    assert ranking["县农业局"]["status"] == "missing"
    assert sorted(ranking["西镇"]["submission_ids"]) == ["西镇/台账.pdf", "西镇/年报.txt"]
    cards = {c["agency"]: c for c in data["scorecards"]}
    assert cards["县财政局"]["status_reason"].startswith("无法读取：坏局.docx")
    assert data["run"]["skipped"][0]["path"] == "照片.jpg"
    assert [i["path"] for i in data["run"]["inputs"]] == sorted(i["path"] for i in data["run"]["inputs"])
    ranking_csv = (out / "ranking.csv").read_text(encoding="utf-8-sig")
    findings_csv = (out / "findings.csv").read_text(encoding="utf-8-sig")
    for agency in ranking:
        assert agency in ranking_csv and agency in r.output
    assert "无法读取" in ranking_csv and "未报送" in ranking_csv and "无法读取" in r.output
    assert "县财政局" in findings_csv and "问题R1" in findings_csv
    # townships and sub-districts rank together; departments apart
    town = [(row["agency"], row["rank"]) for row in data["ranking"] if row["peer_group"] == "乡镇（街道）"]
    assert town == [("城关镇", 1), ("东街道", 2), ("西镇", 3)]
    assert ranking["县教育局"]["rank"] == 1
    # the most common problem is R1 (two agencies)
    top = data["summary"]["common_problems"][0]
    assert (top["rule_id"], top["agencies"]) == ("R1", ["东街道", "西镇"])
    assert "常见问题" in r.output and "问题R1" in r.output
    assert "\r" not in r.output  # no progress bar in a pipe


def test_peers_and_as_of_reach_the_checks(county, tmp_path):
    _, out = score(county, tmp_path)
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    f = {c["agency"]: c["findings"] for c in data["scorecards"]}["东街道"][0]
    # the whole peer group reaches the check; other agencies' readable submissions: 城关镇 + 西镇 ×2
    assert f["data"]["peers"] == 3 and f["data"]["as_of"] == "2025-10-31"


def test_json_is_byte_identical_across_runs_and_jobs(county, tmp_path):
    r1, out1 = score(county, tmp_path / "a", jobs=1)
    r2, out2 = score(county, tmp_path / "b", jobs=2)
    r3, out3 = score(county, tmp_path / "b", jobs=1)  # same history again: idempotent re-run
    assert r1.exit_code == r2.exit_code == r3.exit_code == 3
    assert (out1 / "result.json").read_bytes() == (out2 / "result.json").read_bytes()
    assert (out2 / "result.json").read_bytes() == (out3 / "result.json").read_bytes()
    assert (out1 / "ranking.csv").read_bytes() == (out2 / "ranking.csv").read_bytes()


def test_terminal_output(county, tmp_path):
    r, _ = score(county, tmp_path, fmt="table")
    assert "【乡镇（街道）】" in r.output and "【县直部门】" in r.output and "【其他】" not in r.output
    dept = r.output.split("【县直部门】")[1]
    # unreadable (kind from the manifest) and missing rows follow the ranked ones
    assert dept.index("县教育局") < dept.index("无法读取：坏局.docx") < dept.index("未报送")
    assert "坏局.docx：坏局.docx" not in r.output


def test_exit_codes(county, tmp_path):
    (county / "坏局.docx").unlink()
    r, _ = score(county, tmp_path, fmt="table")
    assert r.exit_code == 0, r.output
    r, _ = score(county, tmp_path, "--fail-under", "85", fmt="table")
    assert r.exit_code == 1  # 西镇 scored 80
    r, _ = score(county, tmp_path, "--fail-under", "75", fmt="table")
    assert r.exit_code == 0
    r, _ = score(county, tmp_path, fmt="table,pdf")
    assert r.exit_code == 2 and "--format" in r.output and "pdf" in r.output
    r = run([tmp_path / "nowhere"])
    assert r.exit_code == 2 and "找不到文件夹" in r.output
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "a.jpg").write_text("x")
    r = run([tmp_path / "empty", "--no-history"])
    assert r.exit_code == 2 and "没有可评分的文件" in r.output
    cfg = tmp_path / "gx.toml"
    cfg.write_text("[ranking]\nbroken = true\n", encoding="utf-8")
    r, _ = score(county, tmp_path, "--config", cfg, fmt="table")
    assert r.exit_code == 2 and "未知的检查类型" in r.output
    cfg.write_text("broken = [\n", encoding="utf-8")
    r, _ = score(county, tmp_path, "--config", cfg, fmt="table")
    assert r.exit_code == 2 and "gx.toml:1" in r.output
    (county / "坏局.docx").write_text("CORRUPT")
    r, _ = score(county, tmp_path, "--fail-under", "85", fmt="table")
    assert r.exit_code == 3  # unreadable wins over the threshold


def test_rank_change_and_repeated_from_history(county, tmp_path, fake_stages):
    score(county, tmp_path)
    (county / "城关镇.txt").write_text(sub_text("城关镇", "乡镇", defects="R1,R2,R3"), encoding="utf-8")
    r = run([county, "--period", "2025-11", "--format", "json", "--out", tmp_path / "nov", "--history",
             tmp_path / "h.sqlite", "--no-cache", "--jobs", 1])
    assert r.exit_code == 3
    data = json.loads((tmp_path / "nov" / "result.json").read_text(encoding="utf-8"))
    rows = {row["agency"]: row for row in data["ranking"]}
    assert (rows["城关镇"]["prev_rank"], rows["城关镇"]["rank"], rows["城关镇"]["rank_change"]) == (1, 3, -2)
    assert rows["东街道"]["rank_change"] == 1
    assert data["summary"]["previous_period"] == "2025-10" and data["summary"]["rank_comparable"]
    cards = {c["agency"]: c for c in data["scorecards"]}
    repeated = {f["rule_id"]: f["repeated"] for f in cards["西镇"]["findings"]}
    assert repeated == {"R1": True, "R2": True}
    assert {f["rule_id"]: f["repeated"] for f in cards["城关镇"]["findings"]} == {
        "R1": False, "R2": False, "R3": False}


def test_rank_change_needs_the_same_pack_stamp(county, tmp_path, monkeypatch, fake_stages):
    score(county, tmp_path)
    monkeypatch.setattr(fake_stages, "load_packs", lambda s, c: [fake_stages.FakePack(version="2")])
    import gxaudit.rules

    monkeypatch.setattr(gxaudit.rules, "load_packs", fake_stages.load_packs)
    run([county, "--period", "2025-11", "--format", "json,table", "--out", tmp_path / "nov", "--history",
         tmp_path / "h.sqlite", "--no-cache", "--jobs", 1])
    data = json.loads((tmp_path / "nov" / "result.json").read_text(encoding="utf-8"))
    assert data["summary"]["rank_comparable"] is False
    assert all(row["prev_rank"] is None for row in data["ranking"])


def test_config_maps_kinds_to_peer_groups_and_sets_the_history(county, tmp_path):
    cfg = tmp_path / "gxaudit.toml"
    hist = tmp_path / "cfg-history.sqlite"
    cfg.write_text(f'[ranking.peer_groups]\n"街道" = "街道组"\n\n[history]\npath = "{hist.as_posix()}"\n',
                   encoding="utf-8")
    out = tmp_path / "out"
    r = run([county, "--period", "2025-10", "--config", cfg, "--format", "json", "--out", out, "--no-cache",
             "--jobs", 1])
    assert r.exit_code == 3
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    groups = {row["agency"]: row["peer_group"] for row in data["ranking"]}
    assert groups["东街道"] == "街道组" and groups["城关镇"] == "乡镇（街道）"
    assert [row["peer_group"] for row in data["ranking"]][-1] == "街道组"  # mapped groups after the defaults
    assert hist.is_file()


def test_progress_bar_only_on_a_terminal():
    from gxaudit.cli.score import make_progress

    assert make_progress(False) == (None, None)
    bar, update = make_progress(True)
    with bar:
        update("读取与提取", 0, 2)
        update("读取与提取", 2, 2)
    assert [t.completed for t in bar.tasks] == [2]
