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
