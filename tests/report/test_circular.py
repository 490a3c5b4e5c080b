from __future__ import annotations

import datetime as dt

import docx
from docx.oxml.ns import qn

from gxaudit.report import circular, circular_docx, circular_md

from .sample import sample_result


def _docx_text(path) -> tuple[str, list[list[str]], object]:
    d = docx.Document(str(path))
    text = "\n".join(p.text for p in d.paragraphs)
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    return text, rows, d


def test_build_fills_facts_and_words(result, previous):
    c = circular.build(result, previous)
    assert c.title == "关于2025年11月政务公开工作情况的通报"
    assert c.date == dt.date(2025, 12, 5) and c.deadline == dt.date(2025, 12, 19)  # 10 working days
    assert "应报送单位7个，完成评分5个，材料无法读取1个，未报送1个" in c.overview[0]
    assert "平均得分80.9分" in c.overview[0] and "不合格1个" in c.overview[0]
    assert "仍有2个连续未整改" in c.overview[1]
    assert c.good.startswith("西河街道、县教育局等单位")  # no error-severity findings
    top = c.common_problems[0]
    assert (top.rule_id, top.count, top.agencies) == ("AR21-S06", 3, ["东岭镇", "南山乡", "县财政局"])
    towns = c.agency_groups[0]
    dongling = next(a for a in towns.agencies if a.agency == "东岭镇")
    assert [(i.rule_id, i.deduction, i.repeated) for i in dongling.items] == [
        ("AR21-T01", "10", True), ("AR21-S06", "6.5", False), ("AR21-P01", "5", False)]
    beipo = next(a for a in towns.agencies if a.agency == "北坡镇")
    assert "无法读取" in beipo.note and "扫描件" in beipo.note
    assert "未报送" in c.agency_groups[1].agencies[-1].note
    assert "2025年12月19日前" in c.rectify[0]


def test_template_overrides_only_what_it_names(result, tmp_path):
    tpl = tmp_path / "mine.toml"
    tpl.write_text('[header]\nissuer = "青山县政务公开办公室"\n[settings]\nrectify_working_days = 5\n'
                   '[text]\ngood = "表扬{agencies}。{unknown}"\n', encoding="utf-8")
    c = circular.build(result, None, tpl)
    assert c.issuer == "青山县政务公开办公室" and "青山县政务公开办公室对各乡镇" in c.intro
    assert c.deadline == dt.date(2025, 12, 12)
    assert c.good == "表扬西河街道、县教育局。{unknown}"  # unknown names stay visible
    assert c.recipients.startswith("各乡镇人民政府")  # untouched entries keep the default


def test_annual_period_title():
    c = circular.build(sample_result(period="2025"), None)
    assert c.title == "关于2025年度政务公开工作情况的通报"


def test_markdown(result, previous):
    text = circular_md.render(circular.build(result, previous))
    assert text.startswith("# 关于2025年11月政务公开工作情况的通报\n")
    for heading in ("## 一、总体情况", "## 二、排名情况", "## 三、好的做法", "## 四、存在的主要问题",
                    "## 五、各单位存在的问题", "## 六、整改要求", "### 附件"):
        assert heading in text
    assert "| 3 | 南山乡 | 52.0 | 不合格 | 持平 | 已评分 |" in text
    assert "|  | 县民政局 |  |  |  | 未报送 |" in text
    assert "1. 申请情况表“总计”列：新收12件+上年结转2件≠办理14件+结转0件（扣10分，**连续未整改**）" in text
    assert "**北坡镇**：报送材料无法读取：北坡镇年报.pdf 是扫描件" in text
    assert text == circular_md.render(circular.build(sample_result(), sample_result(period="2025-10")))


def test_markdown_escapes_submission_text():
    c = circular.build(sample_result(agency_name="<script>|a*b"), None)
    text = circular_md.render(c)
    assert "<script>" not in text and "\\<script\\>\\|a\\*b" in text


def test_docx(result, previous, tmp_path):
    data = circular.build(result, previous)
    path = circular_docx.write(data, tmp_path / "c.docx")
    text, rows, d = _docx_text(path)
    assert "关于2025年11月政务公开工作情况的通报" in text
    for h in ("一、总体情况", "六、整改要求", "附件"):
        assert h in text
    assert ["3", "南山乡", "52.0", "不合格", "持平", "已评分"] in rows  # same rank as last period
    assert ["", "北坡镇", "", "", "", "无法读取"] in rows
    assert "1. 申请情况表“总计”列：新收12件+上年结转2件≠办理14件+结转0件（扣10分，连续未整改）。" in text
    for agency in ("县教育局", "县财政局"):
        assert agency in text
    assert "第五部分问题表述空泛（扣9分）" in text
    # layout: A4, GB/T 9704 margins, East Asian fonts and language set
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    normal = d.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.paragraph_format.line_spacing.pt == 28.9
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    lang = d.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    title_run = next(p for p in d.paragraphs if p.text.startswith("关于")).runs[0]
    assert title_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    footer = s.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in footer
    assert d.inline_shapes, "bar chart picture"


def test_docx_content_deterministic(result, previous, tmp_path):
    a = _docx_text(circular_docx.write(circular.build(result, previous), tmp_path / "a.docx"))
    b = _docx_text(circular_docx.write(circular.build(sample_result(), previous), tmp_path / "b.docx"))
    assert a[:2] == b[:2]
