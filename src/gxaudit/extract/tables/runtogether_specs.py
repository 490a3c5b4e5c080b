"""What the run-together reader must know of each official table: labels, cells, identities.

Labels are regular expressions over NFKC text with whitespace between non-digits removed
(`runtogether.normalize`). They are the distinctive core of the official wording
(../shared/domain/annual-report.md), matched in row order, so a report that adds words around
them still reads. `number` is the printed sub-row number (`2.`) that the flattening glued to the
end of the previous row's digits. Column kinds say what a cell may look like: `int` counts,
`signed` the 2019 本年增/减, `decimal` amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gxaudit.extract.tables.splitter import Constraint, col_sum, row_sum
from gxaudit.model import Table

APP_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
APP_COL_NAMES = dict(zip(APP_COLS, ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]))
RL_GROUPS = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
RL_COLS = ["upheld", "corrected", "other", "pending", "total"]


@dataclass
class RowSpec:
    key: str
    label: str  # regex
    printed: str
    cols: list[tuple[str, str]]
    number: str | None = None


@dataclass
class TableSpec:
    key: str
    variant: str
    printed: str
    start: str
    end: str
    rows: list[RowSpec] = field(default_factory=list)
    single_run: list[tuple[str, str]] | None = None  # one run holding every cell (review)
    after_last: str | None = None  # the run starts after the last match of this (header end)

    def constraints(self) -> list[Constraint]:
        if self.key == "applications":
            return _app_constraints(self)
        if self.key == "review_litigation":
            return [
                Constraint(
                    (("_all", f"{g}.total", -1),) + tuple(("_all", f"{g}.{c}", 1) for c in RL_COLS[:4]),
                    f"{name}：总计=维持+纠正+其他+尚未审结",
                )
                for g, name in RL_GROUPS.items()
            ]
        return []

    def unflatten(self, table: Table) -> None:
        """Move the one-run cells `_all.review.upheld` to row `review`, column `upheld`."""
        flat = table.cells.pop("_all", {})
        for key, cell in flat.items():
            g, c = key.split(".")
            table.cells.setdefault(g, {})[c] = cell
        if "_all" in table.pending:
            table.pending["all"] = table.pending.pop("_all")


def _app_constraints(spec: TableSpec) -> list[Constraint]:
    keys = [r.key for r in spec.rows]
    cons = [
        row_sum(r.key, "total", APP_COLS[:6], f"“{r.printed}”行：总计=自然人+法人或其他组织各列")
        for r in spec.rows
    ]
    results = [k for k in keys if k not in ("new", "carried_in", "handled_total", "carried_out")]
    for c in APP_COLS:
        cn = APP_COL_NAMES[c]
        cons.append(col_sum(c, "handled_total", results, f"“{cn}”列：（七）总计=各办理结果之和", "handled"))
        cons.append(
            Constraint(
                (("new", c, 1), ("carried_in", c, 1), ("handled_total", c, -1), ("carried_out", c, -1)),
                f"“{cn}”列：一+二=三（七）总计+四",
                family="balance",
            )
        )
    return cons


def _app_rows(variant: str) -> list[RowSpec]:
    seven = [(c, "int") for c in APP_COLS]

    def r(key: str, label: str, printed: str, number: str | None = None) -> RowSpec:
        return RowSpec(key, label, printed, seven, number)

    rows = [
        r("new", r"本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
        r("carried_in", r"上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量"),
        r("granted", r"\(一\)予以公开", "（一）予以公开"),
        r("partial", r"\(二\)部分公开(?:\(区分处理的,?只计这一情形,?不计其他情形\))?", "（二）部分公开"),
    ]
    refused = ["属于国家秘密", "其他法律行政法规禁止公开", "危及“?三安全一稳定”?", "保护第三方合法权益",
               "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]
    rows += [r(f"refused_{i}", lab, f"（三）不予公开{i}.{lab.replace('“?', '“').replace('”?', '”')}", str(i))
             for i, lab in enumerate(refused, 1)]
    unavailable = ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]
    rows += [r(f"unavailable_{i}", lab, f"（四）无法提供{i}.{lab}", str(i)) for i, lab in enumerate(unavailable, 1)]
    notproc = ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
               "要求行政机关确认或重新出具已获取信息"]
    rows += [r(f"not_processed_{i}", lab, f"（五）不予处理{i}.{lab}", str(i)) for i, lab in enumerate(notproc, 1)]
    if variant == "2021":
        rows += [
            r("other_1", r"申请人无正当理由逾期不补正[^\d]*", "（六）其他处理1.申请人无正当理由逾期不补正…", "1"),
            r("other_2", r"申请人逾期未按收费通知要求缴纳费用[^\d]*", "（六）其他处理2.申请人逾期未按收费通知要求缴纳费用…", "2"),
            r("other_3", r"(?<=[.、．])其他(?=\s*[\d—–/])", "（六）其他处理3.其他", "3"),
        ]
    else:
        rows.append(r("other", r"\(六\)其他处理", "（六）其他处理"))
    rows += [
        r("handled_total", r"\(七\)总计", "（七）总计"),
        r("carried_out", r"结转下年度继续办理", "四、结转下年度继续办理"),
    ]
    return rows


def _proactive_rows(variant: str) -> list[RowSpec]:
    if variant == "2021":
        three = [("issued", "int"), ("repealed", "int"), ("in_force", "int")]
        one = [("decisions", "int")]
        return [
            RowSpec("rules", r"规章", "规章", three),
            RowSpec("normative_docs", r"规范性文件", "行政规范性文件", three),
            RowSpec("licensing", r"行政许可", "行政许可", one),
            RowSpec("penalties", r"行政处罚", "行政处罚", one),
            RowSpec("enforcement", r"行政强制", "行政强制", one),
            RowSpec("fees", r"行政事业性收费", "行政事业性收费", [("amount_wan", "decimal")]),
        ]
    three = [("made", "int"), ("published", "int"), ("total_public", "int")]
    items = [("prev_items", "int"), ("change", "signed"), ("decisions", "int")]
    return [
        RowSpec("rules", r"规章", "规章", three),
        RowSpec("normative_docs", r"规范性文件", "规范性文件", three),
        RowSpec("licensing", r"行政许可", "行政许可", items),
        RowSpec("other_services", r"其他对外管理服务事项", "其他对外管理服务事项", items),
        RowSpec("penalties", r"行政处罚", "行政处罚", items),
        RowSpec("enforcement", r"行政强制", "行政强制", items),
        RowSpec("fees", r"行政事业性收费", "行政事业性收费", [("prev_items", "int"), ("change", "signed")]),
        RowSpec("procurement", r"政府集中采购", "政府集中采购", [("projects", "int"), ("amount", "decimal")]),
    ]


def specs(variant: str) -> list[TableSpec]:
    return [
        TableSpec("proactive", variant, "二、主动公开政府信息情况",
                  r"二、主动公开政府信息情况", r"三、收到和处理政府信息公开申请情况", _proactive_rows(variant)),
        TableSpec("applications", variant, "三、收到和处理政府信息公开申请情况",
                  r"三、收到和处理政府信息公开申请情况", r"四、政府信息公开行政复议", _app_rows(variant)),
        TableSpec("review_litigation", variant, "四、政府信息公开行政复议、行政诉讼情况",
                  r"四、政府信息公开行政复议、?行政诉讼情况", r"五、",
                  single_run=[(f"{g}.{c}", "int") for g in RL_GROUPS for c in RL_COLS], after_last=r"总计"),
    ]


def variant_of(norm: str, year: int | None) -> str | None:
    """The format the text is in: its column headers say it; the report year otherwise."""
    if "本年制发件数" in norm or "现行有效件数" in norm:
        return "2021"
    if "本年新制作数量" in norm or "对外公开总数量" in norm:
        return "2019"
    if year is None or year < 2019:
        return None
    return "2021" if year >= 2021 else "2019"


def segment(norm: str, spec: TableSpec) -> str | None:
    """The text of one table: from its part heading to the next part's."""
    m = re.search(spec.start, norm)
    if not m:
        return None
    e = re.search(spec.end, norm[m.end() :])
    seg = norm[m.end() : m.end() + e.start()] if e else norm[m.end() :]
    if spec.after_last:
        hits = list(re.finditer(spec.after_last, seg))
        if not hits:
            return None
        seg = seg[hits[-1].end() :]
    return seg
