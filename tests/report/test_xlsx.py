from __future__ import annotations

import openpyxl

from gxaudit.report import xlsx


def test_workbook_has_every_agency_and_finding(result, tmp_path):
    path = xlsx.write(result, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["排名", "得分明细", "问题清单"]

    rank = wb["排名"]
    rows = {r[1]: r for r in rank.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"西河街道", "东岭镇", "南山乡", "北坡镇", "县教育局", "县财政局", "县民政局"}
    assert rows["北坡镇"][6] == "无法读取" and "扫描件" in rows["北坡镇"][7]
    assert rows["县民政局"][6] == "未报送"
    assert rows["南山乡"][3] == 52.0 and rows["南山乡"][4] == "不合格"
    assert rows["西河街道"][5] == "↑1" and rows["东岭镇"][5] == "↓1"
    assert rank.freeze_panes == "A2" and rank.auto_filter.ref
    assert rank.cell(2, 4).number_format == "0.0"
    assert rank.cell(4, 4).font.color.rgb.endswith("C00000")  # 不合格 in red
    assert rank._charts, "native bar chart of totals"

    detail = wb["得分明细"]
    header = [c.value for c in detail[1]]
    assert header[3:6] == ["结构完整（30分）", "数据准确（40分）", "内容质量（30分）"]
    assert detail.max_row - 1 == len(result.scorecards)

    issues = list(wb["问题清单"].iter_rows(min_row=2, values_only=True))
    fails = sum(len(c.findings) for c in result.scorecards)
    assert len(issues) == fails + 2  # + the unreadable row + the missing agency
    t01 = next(r for r in issues if r[2] == "AR21-T01")
    assert t01[0] == "东岭镇" and t01[6] == 10 and t01[11] == 12 and t01[12] == 14 and t01[15] == "是"
    assert "申请情况表" in t01[9] and "总计" in t01[9]


def test_workbook_content_is_deterministic(result, previous):
    assert xlsx.render(result) == xlsx.render(result)
