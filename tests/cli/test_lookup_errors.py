"""explain of a mistyped id suggests the near ones; inspect of a folder or a missing file says what to do."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gxaudit.cli import cli


@pytest.mark.parametrize("typed,suggested", [
    ("AR21-S3", "AR21-S03"), ("ar21-s03", "AR21-S03"), ("AR21S03", "AR21-S03"), ("HY-1", "HY-01"),
])
def test_explain_suggests_near_ids(typed, suggested):
    r = CliRunner().invoke(cli, ["explain", typed])
    assert r.exit_code == 2
    assert f"“{typed}”" in r.output and f"您要找的是不是：{suggested}" in r.output


def test_explain_without_a_near_id_points_to_the_list():
    r = CliRunner().invoke(cli, ["explain", "QQQ-999"])
    assert r.exit_code == 2 and "您要找的" not in r.output and "gxaudit rules list" in r.output


def test_inspect_of_a_folder_points_to_score(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    r = CliRunner().invoke(cli, ["inspect", str(tmp_path)])
    assert r.exit_code == 2
    assert f"{tmp_path} 是文件夹" in r.output and f"gxaudit score {tmp_path}" in r.output


def test_inspect_of_a_missing_file_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(cli, ["inspect", str(tmp_path / "没有这个.docx")])
    assert r.exit_code == 2 and "找不到文件" in r.output and "没有这个.docx" in r.output


def test_circular_reports_written_files_like_score(tmp_path, repo_dir):
    """One word for a written file (已写入) on stderr for every command; stdout stays for content."""
    db = tmp_path / "h.sqlite"
    folder = repo_dir / "fixtures" / "county" / "2025-11"
    r = CliRunner().invoke(cli, ["score", str(folder), "--period", "2025-11", "--history", str(db), "--format", "json",
                                 "--out", str(tmp_path / "s"), "--jobs", "1", "--no-cache"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["circular", "--period", "2025-11", "--history", str(db), "--format", "md",
                                 "--out", str(tmp_path / "c")])
    assert r.exit_code == 0, r.output
    assert "已写入" in r.stderr and "已写入" not in r.stdout and "已写出" not in r.output


@pytest.mark.parametrize("args", [["rules", "lint", "nosuch"], ["rules", "list", "--pack", "nosuch"]])
def test_an_unknown_pack_name_lists_the_packs_without_a_file_position(args):
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert "未找到规则包“nosuch”；可用的规则包：annual-report-2019、annual-report-2021" in r.output
    assert "nosuch:1:1" not in r.output and "规则文件有" not in r.output  # not a mistake inside a file
    assert "您要找的" not in r.output  # nothing is near "nosuch"


@pytest.mark.parametrize("typed,suggested", [
    ("annual-report-202", "annual-report-2021"), ("2021", "annual-report-2021"), ("shiyou", "shiyou-township"),
])
def test_a_mistyped_pack_name_suggests_the_near_ones(typed, suggested):
    r = CliRunner().invoke(cli, ["rules", "lint", typed])
    assert r.exit_code == 2
    assert f"未找到规则包“{typed}”" in r.output and "（您要找的是不是 " in r.output and suggested in r.output


def test_score_with_an_unknown_pack_is_a_usage_error(tmp_path, repo_dir):
    r = CliRunner().invoke(cli, ["score", str(repo_dir / "fixtures" / "county" / "2025-11"), "--period", "2025-11",
                                 "--packs", "nosuch", "--no-history", "--no-cache", "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert "未找到规则包“nosuch”；可用的规则包：" in r.output and "nosuch:1:1" not in r.output


def test_a_broken_rule_file_still_says_where(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["rules", "lint", str(bad)])
    assert r.exit_code == 2 and "bad.yaml:" in r.output and "规则文件有" in r.output


@pytest.mark.parametrize("command", [["config", "show"], ["rules", "list"], ["explain", "AR21-S01"]])
def test_a_missing_config_file_is_named_in_chinese(command, tmp_path):
    missing = tmp_path / "missing.toml"
    r = CliRunner().invoke(cli, [*command, "--config", str(missing)])
    assert r.exit_code == 2
    assert f"找不到配置文件 {missing}：请检查 --config 路径" in r.output
    assert "Errno" not in r.output and "No such file" not in r.output and "规则文件有" not in r.output


def test_a_config_path_that_is_a_folder_or_not_utf8(tmp_path):
    r = CliRunner().invoke(cli, ["config", "show", "--config", str(tmp_path)])
    assert r.exit_code == 2 and f"{tmp_path} 是文件夹，不是配置文件" in r.output and "Errno" not in r.output
    gbk = tmp_path / "gxaudit.toml"
    gbk.write_bytes("[规则]\n".encode("gbk"))
    r = CliRunner().invoke(cli, ["config", "show", "--config", str(gbk)])
    assert r.exit_code == 2 and "不是 UTF-8 编码" in r.output
