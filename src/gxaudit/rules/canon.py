"""Canonical keys of the official tables and parts, as rules may name them.

The loader checks every name in an `expect` against these lists, so a misspelt row fails
`rules lint` with file:line instead of failing every submission at run time (the Frictionless
lesson, ANCHORS §10.7). Keys follow ../shared/domain/annual-report.md; a union of the 2019 and
2021 variants, since one rule may serve both.
"""

from __future__ import annotations

TABLE_LABELS = {
    "proactive": "主动公开政府信息情况表",
    "applications": "收到和处理政府信息公开申请情况表",
    "review_litigation": "行政复议、行政诉讼情况表",
    "legacy_stats": "政府信息公开情况统计表",
}

_APP_ROWS = (
    ["new", "carried_in", "granted", "partial"]
    + [f"refused_{i}" for i in range(1, 9)]
    + [f"unavailable_{i}" for i in range(1, 4)]
    + [f"not_processed_{i}" for i in range(1, 6)]
    + ["other", "other_1", "other_2", "other_3", "handled_total", "carried_out"]
)
_APP_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]

ROWS: dict[str, list[str]] = {
    "applications": _APP_ROWS,
    "proactive": [
        "rules", "normative_docs", "licensing", "penalties", "enforcement", "fees",
        "other_services", "procurement",
    ],
    "review_litigation": ["review", "suit_direct", "suit_after_review"],
    "legacy_stats": [
        "proactive_total", "proactive_website", "proactive_gazette", "requests_total",
        "req_in_person", "req_fax", "req_email", "req_online", "req_letter", "req_letter_fax",
        "req_other", "replies_total", "reply_granted", "reply_partial", "reply_refused",
        "reply_other", "fees_waived", "complaints", "reviews", "suits",
    ],
}
COLS: dict[str, list[str]] = {
    "applications": _APP_COLS,
    "proactive": [
        "issued", "repealed", "in_force", "decisions", "amount_wan", "made", "published",
        "total_public", "prev_items", "change", "projects", "amount",
    ],
    "review_litigation": ["upheld", "corrected", "other", "pending", "total"],
    "legacy_stats": ["year", "cumulative"],
}

ROW_LABELS = {
    "new": "本年新收申请", "carried_in": "上年结转", "granted": "予以公开", "partial": "部分公开",
    "handled_total": "办理结果总计", "carried_out": "结转下年度继续办理",
}
COL_LABELS = {
    "natural": "自然人", "commercial": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
    "legal": "法律服务机构", "other_org": "其他组织", "total": "总计",
    "upheld": "结果维持", "corrected": "结果纠正", "pending": "尚未审结",
}

# Official part titles (2019/2021 formats) and accepted variants, for tolerant matching.
PART_TITLES: dict[int, list[str]] = {
    1: ["总体情况"],
    2: ["主动公开政府信息情况", "主动公开政府信息"],
    3: ["收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况"],
    4: ["政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼", "行政复议和行政诉讼", "被申请行政复议"],
    5: ["存在的主要问题及改进情况", "存在的主要问题", "问题及改进"],
    6: ["其他需要报告的事项"],
}
PART_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}


def part_label(part: int) -> str:
    title = PART_TITLES.get(part, [""])[0]
    return f"第{PART_NUMERALS.get(part, part)}部分“{title}”" if title else f"第{part}部分"


def label(table: str, row: str | None = None, col: str | None = None) -> str:
    """A Chinese locator for a cell: '收到和处理…情况表“上年结转”行“总计”列'."""
    text = TABLE_LABELS.get(table, table)
    if row:
        text += f"“{ROW_LABELS.get(row, row)}”行"
    if col:
        text += f"“{COL_LABELS.get(col, col)}”列"
    return text
