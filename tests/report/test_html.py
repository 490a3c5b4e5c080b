from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from gxaudit.report import html

from .sample import sample_result


def test_report_layout(result):
    text = html.render(result)
    assert "<script" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    # failed findings before the collapsed counts, with deduction, evidence and fix
    i_fail = text.index("申请情况表总计列不平衡")
    assert text.index("−10.0分") > i_fail
    assert "填报 12，应为 14" in text and "连续未整改" in text
    assert "<details>" in text and "通过 17 项" in text
    assert "无法读取" in text and "扫描件" in text and "未报送" in text
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2  # one per peer group
    assert "@media print" in text
    # failed findings of an agency are ordered by deduction (largest first)
    block = text[text.index('id="a2"'):text.index('id="a3"')]
    titles = re.findall(r'<div class="finding-title">\s*(\S+)', block)
    assert titles == ["申请情况表总计列不平衡", "缺少第六部分“其他需要报告的事项”", "正文留有模板占位符"]


def test_script_in_agency_name_and_quote_is_escaped():
    r = sample_result(agency_name="<script>alert(1)</script>镇", quote='<img src=x onerror="a()">&')
    text = html.render(r)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in text
    assert "&lt;img src=x onerror=&#34;a()&#34;&gt;&amp;" in text


def test_same_result_same_bytes(result):
    assert html.render(result) == html.render(sample_result())


HOSTILE = st.text(alphabet=st.sampled_from(list("<>&\"'/=ab镇 ")), min_size=1, max_size=20).filter(
    lambda s: any(ch in s for ch in "<>&\"'") and s.strip())


@settings(max_examples=40, deadline=None)
@given(name=HOSTILE, quote=HOSTILE)
def test_submission_text_never_appears_raw(name, quote):
    text = html.render(sample_result(agency_name=name, quote=quote))
    for raw in (name, quote):
        assert str(escape(raw)) in text
    # every '<' in the output opens a tag we wrote: the same tags as a report on harmless names
    assert _tags(text) == _tags(BASELINE)


def _tags(text: str) -> list[str]:
    return re.findall(r"<(/?[^\s>]*)", text)


BASELINE = html.render(sample_result())


def test_header_lists_only_packs_that_scored_someone(result):
    from gxaudit.model import PackStamp

    unused = [PackStamp(id="shiyou-township", version="2026.2", sha256="cd" * 32),
              PackStamp(id="timeliness", version="2026.1", sha256="ef" * 32)]
    result.run.packs = [*result.run.packs, *unused]
    text = html.render(result)
    header = text[text.index("<header>"):text.index("</header>")]
    line, collapsed = header.split("<details", 1)
    assert "规则包 annual-report-2021 2026.1（abababab）" in line  # the pack every scorecard used
    assert "shiyou-township" not in line and "cdcdcdcd" not in line and "timeliness" not in line
    assert "另有 2 个规则包已加载、本期未适用于任何单位" in collapsed
    assert "shiyou-township 2026.2（cdcdcdcd）" in collapsed and "timeliness 2026.1（efefefef）" in collapsed


def test_header_without_unused_packs_has_no_collapsed_line(result):
    header = html.render(result).split("</header>")[0]
    assert "规则包 annual-report-2021" in header and "<details" not in header
