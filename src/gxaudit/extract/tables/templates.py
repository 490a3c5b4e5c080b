"""The official tables' labels: the single source of truth for row/column keys and wordings.

Everything here is data (../shared/domain/annual-report.md, research.md §2–3): ordered keys,
the official label, the variants real reports print, and the group structure (三（三）1–8 …).
Readers for other layouts (run-together digits, legacy 统计表) import these instead of
repeating labels. The arithmetic identities are NOT here: they belong to the rules.
"""

from __future__ import annotations

from typing import NamedTuple


class Label(NamedTuple):
    key: str
    label: str  # official wording
    variants: tuple[str, ...] = ()  # other wordings seen in real reports
    group: str | None = None  # key of the group this row/column sits under

    @property
    def all(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


class Article(NamedTuple):
    """One sub-table of the proactive table, headed by its article of 条例 第二十条."""

    key: str  # "1", "5", "6", "8", "9"
    caption: str
    rows: tuple[Label, ...]
    cols: tuple[Label, ...]


TABLE_KEYS = ("proactive", "applications", "review_litigation")
TABLE_TITLES = {
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}

# --------------------------------------------------------------------------- part headings

PARTS: tuple[Label, ...] = (
    Label("1", "一、总体情况"),
    Label("2", "二、主动公开政府信息情况"),
    Label("3", "三、收到和处理政府信息公开申请情况", ("三、收到和处理政府信息公开申请的情况",)),
    Label(
        "4",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "四、政府信息公开行政复议、行政诉讼的情况",
        ),
    ),
    Label("5", "五、存在的主要问题及改进情况", ("五、政府信息公开工作存在的主要问题及改进情况",)),
    Label("6", "六、其他需要报告的事项"),
)
TABLE_PART = {"proactive": "2", "applications": "3", "review_litigation": "4"}

# --------------------------------------------------------------------------- proactive (二)

INFO_HEADER = Label("label", "信息内容", ("信息类别", "项目"))

ARTICLE_CAPTIONS = {
    "1": "第二十条第（一）项",
    "5": "第二十条第（五）项",
    "6": "第二十条第（六）项",
    "8": "第二十条第（八）项",
    "9": "第二十条第（九）项",
}

_RULES = Label("rules", "规章")
_DECISIONS_2021 = Label("decisions", "本年处理决定数量", ("处理决定数量", "本年处理决定数"))
_PREV = Label("prev_items", "上一年项目数量", ("上一年项目数", "上年项目数量"))
_CHANGE = Label("change", "本年增/减", ("本年增减", "本年增/减数量", "增/减"))
_DECISIONS_2019 = Label("decisions", "处理决定数量", ("本年处理决定数量", "处理决定数"))

PROACTIVE_2021: tuple[Article, ...] = (
    Article(
        "1",
        ARTICLE_CAPTIONS["1"],
        (_RULES, Label("normative_docs", "行政规范性文件", ("规范性文件",))),
        (
            Label("issued", "本年制发件数", ("本年新制发件数", "制发件数")),
            Label("repealed", "本年废止件数", ("废止件数",)),
            Label("in_force", "现行有效件数", ("现行有效数",)),
        ),
    ),
    Article("5", ARTICLE_CAPTIONS["5"], (Label("licensing", "行政许可"),), (_DECISIONS_2021,)),
    Article(
        "6",
        ARTICLE_CAPTIONS["6"],
        (Label("penalties", "行政处罚"), Label("enforcement", "行政强制")),
        (_DECISIONS_2021,),
    ),
    Article(
        "8",
        ARTICLE_CAPTIONS["8"],
        (Label("fees", "行政事业性收费"),),
        (
            Label(
                "amount_wan", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额（万元）", "收费金额")
            ),
        ),
    ),
)

PROACTIVE_2019: tuple[Article, ...] = (
    Article(
        "1",
        ARTICLE_CAPTIONS["1"],
        (_RULES, Label("normative_docs", "规范性文件", ("行政规范性文件",))),
        (
            Label("made", "本年新制作数量", ("本年新制作",)),
            Label("published", "本年新公开数量", ("本年新公开",)),
            Label("total_public", "对外公开总数量", ("对外公开总数",)),
        ),
    ),
    Article(
        "5",
        ARTICLE_CAPTIONS["5"],
        (Label("licensing", "行政许可"), Label("other_services", "其他对外管理服务事项")),
        (_PREV, _CHANGE, _DECISIONS_2019),
    ),
    Article(
        "6",
        ARTICLE_CAPTIONS["6"],
        (Label("penalties", "行政处罚"), Label("enforcement", "行政强制")),
        (_PREV, _CHANGE, _DECISIONS_2019),
    ),
    Article("8", ARTICLE_CAPTIONS["8"], (Label("fees", "行政事业性收费"),), (_PREV, _CHANGE)),
    Article(
        "9",
        ARTICLE_CAPTIONS["9"],
        (Label("procurement", "政府集中采购"),),
        (Label("projects", "采购项目数量", ("采购项目数",)), Label("amount", "采购总金额", ("采购金额",))),
    ),
)

PROACTIVE = {"2021": PROACTIVE_2021, "2019": PROACTIVE_2019}

# Header units stated by the format itself (a cell's own unit is kept on the cell).
PROACTIVE_UNITS = {"2021": {"fees.amount_wan": "万元"}, "2019": {}}

# Labels that tell the variants apart (research.md §3.1).
VARIANT_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）", "本年收费金额"),
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第（九）项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
        "其他对外管理服务事项",
    ),
}

# --------------------------------------------------------------------------- applications (三)

APP_COL_GROUPS = (
    Label("applicant", "申请人情况"),
    Label("org", "法人或其他组织", ("法人或者其他组织", "法人或其它组织"), group="applicant"),
)
APP_COLS: tuple[Label, ...] = (
    Label("natural", "自然人", group="applicant"),
    Label("commercial", "商业企业", group="org"),
    Label("research", "科研机构", group="org"),
    Label("nonprofit", "社会公益组织", group="org"),
    Label("legal", "法律服务机构", group="org"),
    Label("other_org", "其他", ("其它",), group="org"),
    Label("total", "总计", ("合计",), group="applicant"),
)
APP_CAPTION = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

APP_ROW_GROUPS = (
    Label("results", "三、本年度办理结果"),
    Label("refused", "（三）不予公开", group="results"),
    Label("unavailable", "（四）无法提供", group="results"),
    Label("not_processed", "（五）不予处理", group="results"),
    Label("other", "（六）其他处理", group="results"),
)

_APP_HEAD = (
    Label("new", "一、本年新收政府信息公开申请数量", ("一、本年新收政府信息公开申请",)),
    Label("carried_in", "二、上年结转政府信息公开申请数量", ("二、上年结转政府信息公开申请",)),
    Label("granted", "（一）予以公开", group="results"),
    Label(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("（二）部分公开",),
        group="results",
    ),
)


def _numbered(group: str, wordings: tuple[str, ...]) -> tuple[Label, ...]:
    """A group's numbered sub-rows: key `<group>_<n>`, official label `n.<wording>`."""
    return tuple(Label(f"{group}_{i}", f"{i}.{t}", group=group) for i, t in enumerate(wordings, start=1))


_REFUSED = _numbered(
    "refused",
    (
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ),
)
_UNAVAILABLE = _numbered(
    "unavailable", ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")
)
_NOT_PROCESSED = _numbered(
    "not_processed",
    (
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ),
)
# The 2021 （六） sub-rows are known mostly from third-party tools: matched loosely.
_OTHER_2021 = (
    Label(
        "other_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("1.申请人无正当理由逾期不补正",),
        group="other",
    ),
    Label(
        "other_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("2.申请人逾期未按收费通知要求缴纳费用",),
        group="other",
    ),
    Label("other_3", "3.其他", ("3.其它",), group="other"),
)
_OTHER_2019 = (Label("other", "（六）其他处理", group="results"),)
_APP_TAIL = (
    Label("handled_total", "（七）总计", ("（七）合计",), group="results"),
    Label("carried_out", "四、结转下年度继续办理", ("四、结转下年度继续办理数量",)),
)

APP_ROWS_2021 = _APP_HEAD + _REFUSED + _UNAVAILABLE + _NOT_PROCESSED + _OTHER_2021 + _APP_TAIL
APP_ROWS_2019 = _APP_HEAD + _REFUSED + _UNAVAILABLE + _NOT_PROCESSED + _OTHER_2019 + _APP_TAIL
APP_ROWS = {"2021": APP_ROWS_2021, "2019": APP_ROWS_2019}
SUBTOTAL_SUFFIX = "_subtotal"  # refused_subtotal …: a group label printed with its own cells

# --------------------------------------------------------------------------- review (四)

REVIEW_PARENT = Label("suit", "行政诉讼")
REVIEW_GROUPS: tuple[Label, ...] = (
    Label("review", "行政复议"),
    Label("suit_direct", "未经复议直接起诉", ("未经复议直接起诉的",), group="suit"),
    Label("suit_after_review", "复议后起诉", ("经复议后起诉", "复议后起诉的"), group="suit"),
)
REVIEW_COLS: tuple[Label, ...] = (
    Label("upheld", "结果维持"),
    Label("corrected", "结果纠正"),
    Label("other", "其他结果"),
    Label("pending", "尚未审结"),
    Label("total", "总计", ("合计",)),
)


def proactive_article(variant: str, key: str) -> Article | None:
    for art in PROACTIVE[variant]:
        if art.key == key:
            return art
    return None


def row_keys(table: str, variant: str | None) -> tuple[str, ...]:
    """Ordered canonical row keys of a table in a variant."""
    v = variant if variant in ("2019", "2021") else "2021"
    if table == "proactive":
        return tuple(r.key for art in PROACTIVE[v] for r in art.rows)
    if table == "applications":
        return tuple(r.key for r in APP_ROWS[v])
    if table == "review_litigation":
        return tuple(g.key for g in REVIEW_GROUPS)
    raise KeyError(table)


def col_keys(table: str, variant: str | None, row: str | None = None) -> tuple[str, ...]:
    """Ordered canonical column keys (of one row, for the proactive table)."""
    v = variant if variant in ("2019", "2021") else "2021"
    if table == "proactive":
        if row is None:
            return tuple(dict.fromkeys(c.key for art in PROACTIVE[v] for c in art.cols))
        for art in PROACTIVE[v]:
            if row in {r.key for r in art.rows}:
                return tuple(c.key for c in art.cols)
        return ()
    if table == "applications":
        return tuple(c.key for c in APP_COLS)
    if table == "review_litigation":
        return tuple(c.key for c in REVIEW_COLS)
    raise KeyError(table)
