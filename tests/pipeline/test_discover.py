from __future__ import annotations

import pytest

from gxaudit.discover import DiscoveryError, discover

from .fakes import write_tree

SUP = {".txt", ".docx", ".pdf"}


def test_one_file_per_agency(tmp_path):
    write_tree(tmp_path, {"b镇.txt": "x", "a镇.docx": "x", "说明.jpg": "x"})
    d = discover([tmp_path], SUP)
    assert [i.display for i in d.inputs] == ["a镇.docx", "b镇.txt"]
    assert all(i.folder_agency is None for i in d.inputs)
    assert d.skipped == [{"path": "说明.jpg", "reason": d.skipped[0]["reason"]}]
    assert "不支持的文件类型 .jpg" in d.skipped[0]["reason"]


def test_one_folder_per_agency(tmp_path):
    write_tree(tmp_path, {"城关镇/年报.txt": "x", "城关镇/附件/台账.pdf": "x", "教育局/年报.docx": "x",
                          ".gxaudit/cache/x.txt": "x", "城关镇/~$年报.docx": "x"})
    d = discover([tmp_path], SUP)
    assert [(i.display, i.folder_agency) for i in d.inputs] == [
        ("城关镇/年报.txt", "城关镇"), ("城关镇/附件/台账.pdf", "城关镇"), ("教育局/年报.docx", "教育局")]
    assert [s["path"] for s in d.skipped] == ["城关镇/~$年报.docx"]  # hidden folders are not inputs


def test_manifest_fields_travel_with_the_file(tmp_path):
    write_tree(tmp_path, {
        "manifest.csv": "file,agency,kind,period,published_at,url\n"
                        "城关镇/年报.txt,城关镇人民政府,乡镇,2025,2026-01-20,http://x\n"
                        "gone.txt,某局,县直部门,2025,,\n",
        "城关镇/年报.txt": "x", "agencies.csv": "agency,kind,peer_group\n城关镇人民政府,乡镇,\n"})
    d = discover([tmp_path], SUP)
    [inp] = d.inputs
    assert inp.manifest == {"agency": "城关镇人民政府", "kind": "乡镇", "period": "2025",
                            "published_at": "2026-01-20", "url": "http://x"}
    assert d.skipped[0]["path"] == "gone.txt" and "不存在" in d.skipped[0]["reason"]
    assert [e.agency for e in d.roster] == ["城关镇人民政府"]


def test_manifest_in_gb18030_with_chinese_headers(tmp_path):
    (tmp_path / "manifest.csv").write_bytes("文件,单位,类型\na.txt,甲镇,乡镇\n".encode("gb18030"))
    (tmp_path / "a.txt").write_text("x")
    d = discover([tmp_path], SUP)
    assert d.inputs[0].manifest == {"agency": "甲镇", "kind": "乡镇"}


def test_several_dirs_are_prefixed_and_missing_dir_is_an_error(tmp_path):
    write_tree(tmp_path, {"one/a.txt": "x", "two/a.txt": "x"})
    d = discover([tmp_path / "two", tmp_path / "one"], SUP)
    assert [i.display for i in d.inputs] == ["one/a.txt", "two/a.txt"]
    with pytest.raises(DiscoveryError, match="找不到文件夹"):
        discover([tmp_path / "nope"], SUP)


def test_roster_without_agency_column_is_an_error(tmp_path):
    write_tree(tmp_path, {"agencies.csv": "name\n甲\n", "a.txt": "x"})
    with pytest.raises(DiscoveryError, match="agencies.csv"):
        discover([tmp_path], SUP)


def test_bad_manifest_row_is_an_error_naming_the_row(tmp_path):
    write_tree(tmp_path, {"manifest.csv": "file,kind\na.txt,村委会\n", "a.txt": "x"})
    with pytest.raises(DiscoveryError, match="第2行"):
        discover([tmp_path], SUP)


def test_manifest_matches_bare_file_names_inside_agency_folders(tmp_path):
    write_tree(tmp_path, {"manifest.csv": "file,agency\n年报.txt,城关镇人民政府\n", "城关镇/年报.txt": "x"})
    d = discover([tmp_path], SUP)
    assert d.inputs[0].manifest == {"agency": "城关镇人民政府"} and not d.skipped


def test_a_single_file_argument(tmp_path):
    write_tree(tmp_path, {"甲镇.txt": "x"})
    d = discover([tmp_path / "甲镇.txt"], SUP)
    assert [(i.display, i.folder_agency) for i in d.inputs] == [("甲镇.txt", None)]
