"""Row labels of the legacy 统计表 (free-form reports 2008–2018) and the identities between rows.

The printed labels vary by province and year (../shared/domain/annual-report.md,
`legacy_stats`); they are matched on NFKC text with the 其中： prefix and the sub-row number
already removed. A label no pattern knows is kept under its printed form (Table.extra_rows).
"""

from __future__ import annotations

import re
import unicodedata

from gxaudit.extract.tables.splitter import Constraint

COLS = ["year", "cumulative"]
COL_NAMES = {"year": "本年度", "cumulative": "历年累计"}

# key -> full-match regexes over the cleaned label
LABELS: dict[str, list[str]] = {
    "proactive_total": [r"主动公开(?:政府)?(?:信息|文件)(?:总)?数(?:量)?"],
    "proactive_website": [r"(?:政府)?网站公开(?:数)?(?:量)?"],
    "proactive_gazette": [r"(?:政府)?公报公开(?:数)?(?:量)?"],
    "requests_total": [r"受理(?:政府信息)?依申请公开(?:信息)?总数", r"受理(?:政府信息公开)?申请(?:总)?数"],
    "req_in_person": [r"当面申请数"],
    "req_fax": [r"传真申请数"],
    "req_email": [r"电子邮件申请数"],
    "req_online": [r"网上申请数"],
    "req_letter": [r"信函申请数"],
    "req_letter_fax": [r"信函[、,/]?传真申请数"],
    "req_other": [r"其[它他]形式申请数"],
    "replies_total": [r"对申请的答复(?:总)?数"],
    "reply_granted": [r"同意公开答复数"],
    "reply_partial": [r"同意部分公开答复数"],
    "reply_refused": [r"(?:否决|不予)公开答复数"],
    "reply_other": [r"其[他它]类型答复数"],
    "fees_waived": [r"政府信息公开收费减免金额"],
    "complaints": [r"行政申诉(?:、?举报)?数", r"接受行政(?:诉讼|申诉)、?举报数"],
    "reviews": [r"行政复议数"],
    "suits": [r"行政诉讼数"],
}
_COMPILED = {k: [re.compile(p) for p in ps] for k, ps in LABELS.items()}

NAMES = {
    "proactive_total": "主动公开信息数", "proactive_website": "网站公开", "proactive_gazette": "政府公报公开",
    "requests_total": "受理依申请公开信息总数", "replies_total": "对申请的答复数",
}

REQ_KEYS = ["req_in_person", "req_fax", "req_email", "req_online", "req_letter", "req_letter_fax", "req_other"]
REPLY_KEYS = ["reply_granted", "reply_partial", "reply_refused", "reply_other"]


def clean_label(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^其中[:：]?", "", text)
    text = re.sub(r"^\d{0,2}[.、．]", "", text)
    return text.strip("：:，,。")


def key_of(label: str) -> str | None:
    """The canonical row key of a printed label, or None when no pattern knows it."""
    lab = clean_label(label)
    for key, pats in _COMPILED.items():
        if any(p.fullmatch(lab) for p in pats):
            return key
    return None


def constraints(rows: set[str]) -> list[Constraint]:
    """In-table identities over the rows present, for both columns."""
    out: list[Constraint] = []
    for col in COLS:
        cn = COL_NAMES[col]
        groups = [
            ("proactive_total", ["proactive_website", "proactive_gazette"], "主动公开信息数=网站公开+政府公报公开"),
            ("requests_total", REQ_KEYS, "受理依申请公开总数=各申请方式之和"),
            ("replies_total", REPLY_KEYS, "对申请的答复数=各类答复之和"),
        ]
        for total, parts, name in groups:
            present = [p for p in parts if p in rows]
            if total in rows and present:
                terms = ((total, col, -1),) + tuple((p, col, 1) for p in present)
                out.append(Constraint(terms, f"{cn}列：{name}", family=name))
    return out
