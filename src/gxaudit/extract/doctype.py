"""What a document is, decided by its content format, never by its year alone.

A report on 2019 written free-form is `annual_report_legacy` (the format-choice rule then
flags it); a 2022 report that kept the 2019 tables is `annual_report_2019`. Order:

1. official format — the six-part headings and/or the official table labels (a table found
   by the table reader, or ≥2 label phrases in the text); the variant (2019/2021) by the
   table labels that differ between the two formats, by the year only when no label says;
2. a letter or notice (函/通知/通告/…) in the title → `other`;
3. free form covering ≥3 of the 第三十二条 content items, or titled 年度报告 → legacy report;
4. titled 总结 → `work_summary`; anything else → `other`.
"""

from __future__ import annotations

import re

from gxaudit.model import Sourced, Table

_OFFICIAL_LABELS = ("第二十条第", "本年新收政府信息公开申请数量", "本列数据的勾稽关系", "结果维持", "结果纠正",
                    "尚未审结", "上年结转政府信息公开申请数量", "结转下年度继续办理")
_LABELS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "行政规范性文件")
_LABELS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                "政府集中采购", "其他对外管理服务事项", "采购总金额")
_LETTER = re.compile(r"(?:的|之)?(?:函|通知|通告|公告|公示|批复|请示|意见|决定|办法|方案|要点)\s*$")
_REPORT = re.compile(r"年度报告|年报|工作报告")
_SUMMARY = re.compile(r"总结")

LABELS = {
    "annual_report_2021": "2021年格式年度报告",
    "annual_report_2019": "2019年格式年度报告",
    "annual_report_legacy": "自由格式年度报告（2019年前格式）",
    "work_summary": "工作总结",
    "publication_log": "发布记录",
    "site_snapshot": "栏目快照",
    "other": "其他文件（非年度报告）",
}


def _count(text: str, labels: tuple[str, ...]) -> int:
    compact = re.sub(r"\s+", "", text)
    return sum(1 for lab in labels if lab in compact)


def official_variant(text: str, tables: dict[str, Table], year: int | None) -> tuple[str | None, str]:
    """'2021' / '2019' and why: printed labels first, then the table reader's verdict, then the year."""
    n21, n19 = _count(text, _LABELS_2021), _count(text, _LABELS_2019)
    if n21 > n19:
        return "2021", f"出现2021年格式表格栏目{n21}处"
    if n19 > n21:
        return "2019", f"出现2019年格式表格栏目{n19}处"
    for key, name in (("proactive", "主动公开表"), ("applications", "申请情况表")):
        t = tables.get(key)
        if t is not None and t.variant in ("2019", "2021"):
            return t.variant, f"{name}按{t.variant}年格式读出"
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), "表格栏目未能区分两版格式，按报告年度推定"
    return "2021", "表格栏目未能区分两版格式，报告年度未知，推定为2021年格式"


def decide(title: str | None, text: str, official_parts: set[int], legacy_items: set[int],
           tables: dict[str, Table], year: int | None) -> tuple[Sourced, list[str]]:
    """The doc type with its reason; warnings when the guess rests on little.

    `official_parts`: the parts 1–6 whose level-1 heading is numbered as in the official
    format and, for part 3, worded as it (收到和处理…申请) — see `sections.official_parts`.
    """
    warnings: list[str] = []
    title = title or ""
    official_tables = [k for k in ("proactive", "applications", "review_litigation") if k in tables and tables[k].cells]
    labels = _count(text, _OFFICIAL_LABELS)
    if official_tables or labels >= 2 or (3 in official_parts and len(official_parts) >= 4):
        variant, why = official_variant(text, tables, year)
        if not official_tables and labels < 2:
            warnings.append("正文有六部分标题但未见表格文字（表格可能是图片），格式按年度推定。")
        return Sourced(value=f"annual_report_{variant}", source="body",
                       detail=f"官方格式（六部分标题{len(official_parts)}个，表格{len(official_tables)}张）；{why}"), warnings
    if _LETTER.search(title):
        return Sourced(value="other", source="title", detail=f"标题为公文（{title[-4:]}），不是年度报告"), warnings
    if len(legacy_items) >= 3:
        items = "、".join(str(i) for i in sorted(legacy_items))
        return Sourced(value="annual_report_legacy", source="body",
                       detail=f"自由格式，含条例第三十二条内容项{len(legacy_items)}项（第{items}项）"), warnings
    if _REPORT.search(title):
        return Sourced(value="annual_report_legacy", source="title", detail="标题为年度报告，正文为自由格式"), warnings
    if _SUMMARY.search(title):
        return Sourced(value="work_summary", source="title", detail="标题为工作总结"), warnings
    return Sourced(value="other", source="body" if title else "default",
                   detail="既无年度报告格式，也非工作总结"), warnings
