"""Mistakes caught before any file is read: period, score line, output folder, config typos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gxaudit.cli import cli
from gxaudit.cli.options import valid_period

REPORT = "青山县教育局2024年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息120条。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "subs"
    d.mkdir()
    (d / "县教育局.txt").write_text(REPORT, encoding="utf-8")
    return d


def score(*args, cwd: Path | None = None):
    return CliRunner().invoke(cli, ["score", *map(str, args)])


@pytest.mark.parametrize("typed,canonical", [
    ("2025", "2025"), ("2025-10", "2025-10"), ("2025-1", "2025-01"), ("2025年10月", "2025-10"),
    ("2025年", "2025"), ("2025-13", None), ("25-10", None), ("2025-00", None), ("10月", None), ("", None),
])
def test_period_forms(typed, canonical):
    assert valid_period(typed) == canonical


@pytest.mark.parametrize("args,named", [
    (["--period", "2025-13"], "2025-13"),
    (["--period", "25-10"], "25-10"),
    (["--fail-under", "150"], "150"),
    (["--fail-under", "-5"], "-5"),
])
def test_bad_period_or_score_line_is_a_usage_error(folder, args, named):
    r = score(folder, "--no-history", *args)
    assert r.exit_code == 2, r.output
    assert named in r.output and "错误：" in r.output and "Traceback" not in r.output


def test_circular_rejects_a_period_that_cannot_exist(tmp_path):
    r = CliRunner().invoke(cli, ["circular", "--period", "2025-13", "--history", str(tmp_path / "h.sqlite")])
    assert r.exit_code == 2 and "2025-13" in r.output and "2025-10" in r.output  # shows the right form


def test_unwritable_output_folder_is_reported_before_the_run(folder, tmp_path):
    blocker = tmp_path / "report.html"
    blocker.write_text("x", encoding="utf-8")
    r = score(folder, "--no-history", "--format", "html", "--out", blocker)
    assert r.exit_code == 2, r.output
    assert str(blocker) in r.output and "--out" in r.output
    assert "期次" not in r.output  # nothing was scored first


def test_table_only_needs_no_output_folder(folder, tmp_path):
    r = score(folder, "--no-history", "--no-cache", "--jobs", "1", "--out", tmp_path / "never")
    assert r.exit_code in (0, 3), r.output
    assert not (tmp_path / "never").exists()


@pytest.mark.parametrize("toml,named,suggested", [
    ("[rule.AR21-S03]\nenabled = false\n", "rule", "[rules]"),
    ("[histroy]\npath = \"h.sqlite\"\n", "histroy", "[history]"),
    ("[colour]\nx = 1\n", "colour", "可用的有"),
])
def test_a_config_section_nobody_reads_is_named(folder, tmp_path, toml, named, suggested):
    cfg = tmp_path / "gxaudit.toml"
    cfg.write_text(toml, encoding="utf-8")
    r = score(folder, "--no-history", "--config", cfg)
    assert r.exit_code == 2, r.output
    assert f"“{named}”" in r.output and suggested in r.output and str(cfg) in r.output


def test_known_sections_still_accepted_and_period_written_canonically(folder, tmp_path):
    cfg = tmp_path / "gxaudit.toml"
    cfg.write_text("[ranking.peer_groups]\n\"县直部门\" = \"县直部门\"\n[cache]\nmax_mb = 50\n", encoding="utf-8")
    r = score(folder, "--no-history", "--no-cache", "--jobs", "1", "--config", cfg, "--period", "2025年",
              "--format", "json", "--out", tmp_path / "out")
    assert r.exit_code in (0, 3), r.output
    data = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    assert data["run"]["period"] == "2025"


def test_toml_syntax_error_points_at_its_line_in_chinese(folder, tmp_path):
    cfg = tmp_path / "gxaudit.toml"
    cfg.write_text("[ranking.peer_groups]\n县直部门 = \"县直部门\"\n", encoding="utf-8")  # bare Chinese key
    r = score(folder, "--no-history", "--config", cfg)
    assert r.exit_code == 2, r.output
    assert f"{cfg}:2:1" in r.output and "TOML 格式有误" in r.output and "加引号" in r.output


def test_select_chooses_packs_without_per_pack_tables(repo_dir, tmp_path):
    from gxaudit.rules.config import load_config

    cfg = load_config(repo_dir / "examples" / "pingtan" / "gxaudit.toml")  # `select = [...]`, no [packs.X]
    assert cfg.packs == ["monthly-disclosure-township", "monthly-disclosure-department", "report-timeliness-columns"]
    assert "select" not in cfg.other
    both = tmp_path / "gxaudit.toml"
    both.write_text('packs = ["hygiene"]\nselect = ["timeliness"]\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["score", str(tmp_path), "--no-history", "--config", str(both)])
    assert r.exit_code == 2 and "select" in r.output
