"""manifest.csv: UTF-8 or GBK, Chinese or English headers, every problem with its row number."""

from __future__ import annotations

import pytest

from gxaudit.extract.manifest import ManifestError, load_manifest, parse_manifest, row_for

CN = "文件,单位,类型,期间,发布日期,链接\n城关镇.docx,城关镇人民政府,乡镇,2025年,2026/1/20,http://x/1\n财政局/年报.pdf,县财政局,县直部门,2025,2026年1月31日,\n"


def test_chinese_headers_normalise_values():
    rows = parse_manifest(CN)
    assert rows["城关镇.docx"] == {"agency": "城关镇人民政府", "kind": "乡镇", "period": "2025",
                                   "published_at": "2026-01-20", "url": "http://x/1"}
    assert rows["财政局/年报.pdf"]["published_at"] == "2026-01-31"
    assert "url" not in rows["财政局/年报.pdf"]  # empty cells are absent, not ""


def test_english_headers_any_order_and_month_period():
    rows = parse_manifest("period,file,agency,published_at\n2026-3,a.xlsx,城关镇,2026-04-02\n")
    assert rows == {"a.xlsx": {"period": "2026-03", "agency": "城关镇", "published_at": "2026-04-02"}}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "manifest.csv"
    path.write_bytes(CN.encode(encoding))
    assert load_manifest(path)["城关镇.docx"]["agency"] == "城关镇人民政府"


def test_every_problem_is_reported_with_its_row():
    text = ("文件,单位,类型,期间,发布日期\n"
            "a.docx,甲,乡镇,2025,2026-01-20\n"
            "b.docx,乙,镇政府,2025,2026-01-20\n"
            ",丙,乡镇,2025,\n"
            "a.docx,甲,乡镇,2025,\n"
            "c.docx,丁,乡镇,二五年,昨天\n")
    with pytest.raises(ManifestError) as err:
        parse_manifest(text, "m.csv")
    problems = err.value.problems
    assert any(p.startswith("m.csv：第3行“类型”为“镇政府”") for p in problems)
    assert any("第4行“文件”为空" in p for p in problems)
    assert any("第5行文件“a.docx”与前面的行重复" in p for p in problems)
    assert any("第6行“期间”" in p for p in problems) and any("第6行“发布日期”为“昨天”" in p for p in problems)
    assert len(problems) == 5


def test_missing_file_column_and_empty_file():
    with pytest.raises(ManifestError, match="缺少“文件”列"):
        parse_manifest("单位,类型\n甲,乡镇\n")
    with pytest.raises(ManifestError, match="文件为空"):
        parse_manifest("\n\n")


def test_row_for_matches_path_then_bare_name():
    rows = parse_manifest(CN)
    assert row_for(rows, "财政局/年报.pdf")["agency"] == "县财政局"
    assert row_for(rows, "城关镇.docx")["kind"] == "乡镇"
    assert row_for(rows, "sub/城关镇.docx")["kind"] == "乡镇"  # a bare name in the manifest matches any folder
    assert row_for(rows, "其他/年报.pdf") is None  # a path in the manifest does not match another folder
    assert row_for(None, "x") is None
