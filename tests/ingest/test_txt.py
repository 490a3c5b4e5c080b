"""Plain text: encodings detected from the bytes, lines kept with their numbers."""

from __future__ import annotations

import pytest

from gxaudit.ingest import ReadError, read_document, read_or_fail
from gxaudit.model import ReadFailure

TEXT = "青山县教育局2024年政府信息公开工作年度报告\n一、总体情况\n  本年新收申请 12 件，朱镕基 䶮\n\n| 自然人 | 12 |\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_decode_to_the_same_lines(tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = read_document(p, display="r.txt")
    assert [b.text for b in doc.blocks] == ["青山县教育局2024年政府信息公开工作年度报告", "一、总体情况",
                                            "  本年新收申请 12 件，朱镕基 䶮", "| 自然人 | 12 |"]
    assert [b.loc.line for b in doc.blocks] == [1, 2, 3, 5]
    assert doc.warnings == []
    assert doc.path == "r.txt" and doc.format == "txt" and doc.size == p.stat().st_size and len(doc.sha256) == 64


def test_gbk_bytes_are_read_as_gb18030(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("政府信息公开 镕\r\n第二行\r\n".encode("gbk"))
    doc = read_document(p)
    assert [b.text for b in doc.blocks] == ["政府信息公开 镕", "第二行"]
    assert doc.meta["encoding"] == "gb18030"


def test_a_guessed_encoding_is_reported(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Résumé of the café report, naïve façade.\n".encode("cp1252") * 20)
    doc = read_document(p, display="latin.txt")
    enc = doc.meta["encoding"]
    assert enc not in ("utf-8", "gb18030")
    assert doc.blocks[0].text == p.read_bytes().decode(enc).splitlines()[0]
    assert any("latin.txt" in w and "推测" in w and enc in w for w in doc.warnings)


def test_binary_junk_named_txt_is_not_text(tmp_path):
    import random

    rnd = random.Random(7)
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(3000)))
    failure = read_or_fail(p, display="junk.txt")
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "not_text"
    assert failure.message.startswith("无法读取 junk.txt：")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError) as err:
        read_document(p)
    assert err.value.failure.reason == "empty"


def test_missing_file_is_unreadable(tmp_path):
    failure = read_or_fail(tmp_path / "nope.txt", display="nope.txt")
    assert isinstance(failure, ReadFailure) and failure.reason == "unreadable"
    assert "nope.txt" in failure.message


def test_csv_is_one_table(tmp_path):
    p = tmp_path / "log.csv"
    p.write_bytes("栏目,标题,发布日期\n通知公告,关于夜间施工的公示,2024-01-05\n政策文件,\"实施意见, 第2号\",2024-02-01\n".encode("gbk"))
    doc = read_document(p)
    assert doc.format == "csv" and len(doc.blocks) == 1
    assert doc.blocks[0].rows == [["栏目", "标题", "发布日期"], ["通知公告", "关于夜间施工的公示", "2024-01-05"],
                                  ["政策文件", "实施意见, 第2号", "2024-02-01"]]


def test_pingtan_publication_log_reads_as_table(pingtan_dir):
    doc = read_document(pingtan_dir / "units" / "log.csv")
    rows = doc.blocks[0].rows
    assert rows[0][:3] == ["unit_path", "column_path", "month"]
    assert len(rows) == 537  # header + the 536 documents the README counts
