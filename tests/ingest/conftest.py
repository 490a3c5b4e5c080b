"""Fixtures for ingest tests: a small 2021-format report as spec blocks, rendered on demand."""

from __future__ import annotations

import pytest

from gxaudit.synth.spec import SpecBlock

APPLICATIONS = [
    ["", "", "申请人情况", "申请人情况", "申请人情况", "申请人情况"],
    ["", "", "自然人", "法人或其他组织", "法人或其他组织", "总计"],
    ["", "", "自然人", "商业企业", "科研机构", "总计"],
    ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "12", "3", "", "15"],
    ["二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "1", "0", "0", "1"],
    ["三、本年度办理结果", "（一）予以公开", "8", "2", "0", "10"],
    ["三、本年度办理结果", "（二）部分公开", "2", "1", "0", "3"],
]
APP_SPANS = [(0, 0, 3, 2), (0, 2, 1, 4), (1, 2, 2, 1), (1, 3, 1, 2), (1, 5, 2, 1), (3, 0, 1, 2), (4, 0, 1, 2),
             (5, 0, 2, 1)]


def report_blocks() -> list[SpecBlock]:
    return [
        SpecBlock(kind="heading", text="青山县教育局2024年政府信息公开工作年度报告", level=1),
        SpecBlock(kind="paragraph", text="本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号文件要求编制，"
                  "所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告的电子版可在青山县人民政府门户网站下载。"),
        SpecBlock(kind="heading", text="一、总体情况", level=2),
        SpecBlock(kind="paragraph", text="2024年，我局主动公开政府信息128条，其中政策文件12件。"),
        SpecBlock(kind="heading", text="三、收到和处理政府信息公开申请情况", level=2),
        SpecBlock(kind="table", rows=APPLICATIONS, spans=APP_SPANS),
        SpecBlock(kind="heading", text="六、其他需要报告的事项", level=2),
        SpecBlock(kind="paragraph", text="本年度未收取信息处理费。"),
    ]


@pytest.fixture(scope="session")
def report() -> list[SpecBlock]:
    return report_blocks()
