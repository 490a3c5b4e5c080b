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
