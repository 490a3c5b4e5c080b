"""html: decode first, keep the article, drop the chrome; real pingtan pages."""

from __future__ import annotations

import pytest

from gxaudit.ingest import read_document
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock

CHROME = ("当前位置", "网站标识码", "ICP", "分享到", "相关链接", "政府信息公开指南", "统计代码", "printPage", "mso")


def texts(doc) -> str:
    return "\n".join([b.text for b in doc.blocks] + ["|".join(c for r in b.rows for c in r) for b in doc.blocks if b.rows])


@pytest.mark.parametrize("container", ["zoom", "none"])
def test_rendered_page_keeps_article_drops_chrome(tmp_path, report, container):
    p = tmp_path / "r.html"
    write(p, report, "html", container=container, published="2025-01-20")
    doc = read_document(p, display="r.html")
    body = texts(doc)
    for junk in CHROME:
        assert junk not in body, junk
    assert "<!--" not in body and "endif" not in body and "\xa0" not in body
    assert [b.text for b in doc.blocks if b.kind != "table"] == [
        report[0].text, "发布日期：2025-01-20", *[b.text for b in report[1:] if b.kind != "table"]]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == report[5].expanded() and table.merged == report[5].merged_mask()
    assert doc.meta["title"] == report[0].text and doc.meta["published"] == "2025-01-20"
    assert any("文字密度" in w for w in doc.warnings) == (container == "none")


def test_declared_gb2312_with_gbk_only_character_is_not_cut_short(tmp_path):
    blocks = [SpecBlock(kind="heading", text="报告"), SpecBlock(kind="paragraph", text="朱镕基同志的讲话精神"),
              SpecBlock(kind="paragraph", text="镕字之后的正文仍然完整")]
    p = tmp_path / "gbk.html"
    write(p, blocks, "html", charset="gb2312")
    assert b"charset=gb2312" in p.read_bytes()
    doc = read_document(p)
    assert [b.text for b in doc.blocks] == ["报告", "朱镕基同志的讲话精神", "镕字之后的正文仍然完整"]
    assert doc.meta["encoding"] == "gb18030"


def test_html_markup_details(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>某报告_网站</title></head><body>"
            "<div id='zoom'><p>第一段&nbsp;<o:p></o:p></p>"
            "<p>&lt;!--[if !supportLists]--&gt;一、总体情况</p>"
            "<p style='display:none'>隐藏文字</p>"
            "<p>源码里换行的\n中文段落</p><p>two\nwords</p>"
            "<table><tr><td colspan='2'>合并</td><td rowspan='2'>竖</td></tr><tr><td>a</td><td>b</td></tr></table>"
            "</div></body></html>")
    p = tmp_path / "m.htm"
    p.write_text(page, encoding="utf-8")
    doc = read_document(p)
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == [
        "第一段", "一、总体情况", "源码里换行的中文段落", "two words"]
    table = doc.blocks[-1]
    assert table.rows == [["合并", "合并", "竖"], ["a", "b", "竖"]]
    assert table.merged == [[False, True, False], [False, False, True]]


PAGES = ["2013_dsj/page.html", "2023_syq/page.html", "2024_syq/page.html", "2025_syq/page.html"]
BODIES = ["2015_syq/body.html", "2017_syq/body.html", "2018_syq/body.html", "2019_syq/body.html",
          "2020_syq/body.html", "2021_syq/body.html"]


@pytest.mark.parametrize("rel", PAGES + BODIES)
def test_real_pingtan_pages(pingtan_dir, rel):
    doc = read_document(pingtan_dir / "annual" / rel, display=rel)
    body = texts(doc)
    assert doc.warnings == []  # a known container was found on every real page
    for junk in ("当前位置", "QQ空间", "闽政通APP", "网站支持IPV6", "相关链接：", "<o:p>", "<!--"):
        assert junk not in body, junk
    assert "年度报告" in body[:300] or rel.endswith("body.html")
    parts = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert any(t.startswith(("六、", "七、")) for t in parts)


def test_pingtan_2023_page_meta_title_date_and_tables(pingtan_dir):
    doc = read_document(pingtan_dir / "annual" / "2023_syq" / "page.html")
    assert doc.meta["title"] == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert doc.meta["published"] == "2024-03-08 15:34"
    assert (doc.blocks[0].kind, doc.blocks[0].text) == ("heading", doc.meta["title"])
    assert doc.blocks[1].text == "时间：2024-03-08 15:34"
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 3
    assert tables[0].rows[0] == ["第二十条第（一）项"] * 4
    assert tables[0].rows[3] == ["行政规范性文件", "77", "132", "470"]
    assert tables[0].merged[0] == [False, True, True, True]


def test_pingtan_2015_statistics_table(pingtan_dir):
    doc = read_document(pingtan_dir / "annual" / "2015_syq" / "body.html")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[0] == ["指标名称", "计量单位", "2015年度", "历年累计"]
    assert table.rows[1] == ["主动公开文件数", "条", "2949", "81916"]
    assert all(len(r) == 4 for r in table.rows)
