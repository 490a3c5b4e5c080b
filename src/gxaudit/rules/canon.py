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
    # proactive (表二)
    "rules": "规章", "normative_docs": "行政规范性文件", "licensing": "行政许可", "penalties": "行政处罚",
    "enforcement": "行政强制", "fees": "行政事业性收费", "other_services": "其他对外管理服务事项",
    "procurement": "政府集中采购",
    # review_litigation (表四)
    "review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉",
    # legacy 统计表 (the usual printed labels; wording varies by province and year)
    "proactive_total": "主动公开信息数", "proactive_website": "网站公开", "proactive_gazette": "政府公报公开",
    "requests_total": "受理依申请公开信息总数", "req_in_person": "当面申请数", "req_fax": "传真申请数",
    "req_email": "电子邮件申请数", "req_online": "网上申请数", "req_letter": "信函申请数",
    "req_letter_fax": "信函、传真申请数", "req_other": "其他形式申请数", "replies_total": "对申请的答复总数",
    "reply_granted": "同意公开答复数", "reply_partial": "同意部分公开答复数", "reply_refused": "不予公开答复数",
    "reply_other": "其他类型答复数", "fees_waived": "政府信息公开收费减免金额", "complaints": "行政申诉、举报数",
    "reviews": "行政复议数", "suits": "行政诉讼数",
}
COL_LABELS = {
    "natural": "自然人", "commercial": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
    "legal": "法律服务机构", "other_org": "其他组织", "total": "总计",
    "upheld": "结果维持", "corrected": "结果纠正", "pending": "尚未审结",
    "year": "本年度", "cumulative": "历年累计",
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
