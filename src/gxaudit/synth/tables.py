"""The official tables of a generated report: plausible numbers that satisfy every identity of
annual-report.md, and their printed grids (merged official layout or the plain one clerks type).

Values live in plain dicts keyed as the canonical tables are (`applications[row][col]`), so a
defect can change one cell and the truth can be computed from the same identities the packs
declare. A cell is an int/float, or None for a blank the submission left.
"""

from __future__ import annotations

import random

from gxaudit.synth.spec import SpecBlock

APP_COLS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")
APP_COL_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_REFUSED = ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
            "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")
_UNAVAILABLE = ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")
_NOT_PROCESSED = ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                  "要求行政机关确认或重新出具已获取信息")
_OTHER_2021 = ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
               "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")


def _numbered(key: str, texts: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(f"{key}_{i}", f"{i}.{t}") for i, t in enumerate(texts, start=1)]


def app_groups(variant: str) -> list[tuple[str | None, str | None, list[tuple[str, str]]]]:
    """(group key, group label, [(row key, label)]) in printed order; None group = top level."""
    res: list[tuple[str | None, str | None, list[tuple[str, str]]]] = [
        (None, None, [("new", "一、本年新收政府信息公开申请数量"), ("carried_in", "二、上年结转政府信息公开申请数量")]),
        ("results", "三、本年度办理结果", [("granted", "（一）予以公开"),
                                          ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
        ("refused", "（三）不予公开", _numbered("refused", _REFUSED)),
        ("unavailable", "（四）无法提供", _numbered("unavailable", _UNAVAILABLE)),
        ("not_processed", "（五）不予处理", _numbered("not_processed", _NOT_PROCESSED)),
    ]
    if variant == "2021":
        res.append(("other", "（六）其他处理", _numbered("other", _OTHER_2021)))
    else:
        res.append(("results", None, [("other", "（六）其他处理")]))
    res.append(("results", None, [("handled_total", "（七）总计")]))
    res.append((None, None, [("carried_out", "四、结转下年度继续办理")]))
    return res


def app_rows(variant: str) -> list[str]:
    return [k for _, _, rows in app_groups(variant) for k, _ in rows]


RESULT_ROWS_EXCLUDED = ("new", "carried_in", "handled_total", "carried_out")


def applications(rng: random.Random, kind: str, variant: str, quiet: bool) -> dict[str, dict[str, float | None]]:
    """Applications by applicant column; every column balances and every row totals."""
    big = {"乡镇": 4, "街道": 6, "县直部门": 25, "县级政府": 60}[kind]
    rows = app_rows(variant)
    outcome_rows = [r for r in rows if r not in RESULT_ROWS_EXCLUDED]
    weights = {r: 0.3 for r in outcome_rows}
    weights.update(granted=8, partial=2, unavailable_1=3, unavailable_2=0.8, not_processed_1=0.8,
                   not_processed_2=0.6, refused_4=0.6, refused_6=0.5, refused_3=0.2, refused_1=0.1)
    if variant == "2021":
        weights.update(other_1=0.8, other_3=0.6, other_2=0.1)
    else:
        weights["other"] = 1.0
    t: dict[str, dict[str, float | None]] = {r: {} for r in rows}
    for col in APP_COLS[:-1]:
        if quiet:
            new = 0
        elif col == "natural":
            new = rng.randint(0, big)
        elif col in ("commercial", "legal") and kind != "乡镇":
            new = rng.choice((0, 0, 1, 2, rng.randint(0, max(1, big // 5))))
        else:
            new = rng.choice((0, 0, 0, 0, 0, 1))
        carried_in = rng.choice((0, 0, 0, 1)) if new and not quiet else 0
        carried_out = rng.choice((0, 0, 0, 1)) if new + carried_in >= 2 else 0
        handled = new + carried_in - carried_out
        counts = {r: 0 for r in outcome_rows}
        for _ in range(handled):
            r = rng.choices(outcome_rows, weights=[weights[x] for x in outcome_rows])[0]
            counts[r] += 1
        t["new"][col], t["carried_in"][col], t["carried_out"][col] = new, carried_in, carried_out
        t["handled_total"][col] = handled
        for r, n in counts.items():
            t[r][col] = n
    for r in rows:
        t[r]["total"] = sum(t[r][c] for c in APP_COLS[:-1])
    return t


REVIEW_GROUPS = ("review", "suit_direct", "suit_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")


def review(rng: random.Random, kind: str) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for g in REVIEW_GROUPS:
        cells = {c: 0 for c in REVIEW_COLS[:-1]}
        if kind in ("县直部门", "县级政府") and rng.random() < 0.35:
            for _ in range(rng.randint(1, 3 if g == "review" else 1)):
                cells[rng.choices(REVIEW_COLS[:-1], weights=(6, 1, 1, 2))[0]] += 1
        out[g] = {**cells, "total": sum(cells.values())}
    return out


def proactive(rng: random.Random, kind: str, variant: str) -> dict[str, dict[str, float | None]]:
    """The proactive table; no body at county level or below makes 规章, so that row is 0."""
    dept = kind in ("县直部门", "县级政府")
    issued = rng.randint(1, 6) if dept else rng.choice((0, 0, 1, 2))
    repealed = rng.randint(0, 2) if dept else 0
    in_force = issued + rng.randint(repealed, 12 if dept else 3)
    lic = rng.randint(20, 1500) if dept else rng.randint(0, 60)
    pen = rng.randint(0, 200) if dept else rng.randint(0, 8)
    enf = rng.randint(0, 15) if dept else 0
    fees = round(rng.choice((0.0, 0.0, rng.uniform(0.1, 80.0) if dept else rng.uniform(0.1, 3.0))), 2)
    if variant == "2021":
        return {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative_docs": {"issued": issued, "repealed": repealed, "in_force": in_force},
                "licensing": {"decisions": lic}, "penalties": {"decisions": pen},
                "enforcement": {"decisions": enf}, "fees": {"amount_wan": fees}}
    items = {k: rng.randint(3, 40) if dept else rng.randint(0, 6) for k in
             ("licensing", "other_services", "penalties", "enforcement", "fees")}
    change = {k: rng.choice((0, 0, 1, -1, 2)) if items[k] else rng.choice((0, 1)) for k in items}
    decisions = {"licensing": lic, "other_services": rng.randint(0, 300) if dept else rng.randint(0, 20),
                 "penalties": pen, "enforcement": enf}
    out: dict[str, dict[str, float | None]] = {
        "rules": {"made": 0, "published": 0, "total_public": 0},
        "normative_docs": {"made": issued, "published": issued, "total_public": in_force + rng.randint(0, 20)}}
    for k in ("licensing", "other_services", "penalties", "enforcement"):
        out[k] = {"prev_items": items[k], "change": change[k], "decisions": decisions[k]}
    out["fees"] = {"prev_items": items["fees"], "change": change["fees"]}
    out["procurement"] = {"projects": rng.randint(0, 30) if dept else rng.randint(0, 4),
                          "amount": round(rng.uniform(0, 900), 2) if dept else round(rng.uniform(0, 60), 2)}
    return out


# --------------------------------------------------------------------------- printing


def fmt(v: float | None) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(int(v))


def grid(spec: list[list[tuple[str, int, int]]], ncols: int) -> SpecBlock:
    """A SpecBlock from rows of (text, rowspan, colspan) in reading order, as Word holds them."""
    taken: dict[tuple[int, int], str] = {}
    spans = []
    for r, row in enumerate(spec):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = text if not (dr or dc) else ""
            if rs > 1 or cs > 1:
                spans.append((r, c, rs, cs))
            c += cs
    rows = [[taken.get((r, c), "") for c in range(ncols)] for r in range(len(spec))]
    return SpecBlock(kind="table", rows=rows, spans=spans)


def applications_block(t: dict[str, dict[str, float | None]], variant: str, merged: bool) -> SpecBlock:
    caption = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    cells = lambda key: [(fmt(t[key][c]), 1, 1) for c in APP_COLS]
    if not merged:  # the plain layout: one label column, group labels as rows without cells
        spec = [[(caption, 1, 1)] + [(lab, 1, 1) for lab in APP_COL_LABELS]]
        for gkey, glabel, rows in app_groups(variant):
            if glabel:
                spec.append([(glabel, 1, 1)] + [("", 1, 1)] * 7)
            spec += [[(label, 1, 1)] + cells(key) for key, label in rows]
        return grid(spec, 8)
    spec = [[(caption, 3, 3), ("申请人情况", 1, 7)],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
            [(lab, 1, 1) for lab in APP_COL_LABELS[1:6]]]
    groups = app_groups(variant)
    n_results = sum(len(rows) for g, _, rows in groups if g is not None)
    results_open = False
    for gkey, glabel, rows in groups:
        for i, (key, label) in enumerate(rows):
            lead: list[tuple[str, int, int]] = []
            if gkey is None:
                lead = [(label, 1, 3)]
            else:
                if not results_open:
                    lead.append(("三、本年度办理结果", n_results, 1))
                    results_open = True
                if gkey == "results":
                    lead.append((label, 1, 2))
                else:
                    if i == 0:
                        lead.append((glabel or "", len(rows), 1))
                    lead.append((label, 1, 1))
            spec.append(lead + cells(key))
    return grid(spec, 10)


def review_block(t: dict[str, dict[str, float | None]]) -> SpecBlock:
    res = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    spec = [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            [(x, 2, 1) for x in res] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
            [(x, 1, 1) for x in res + res],
            [(fmt(t[g][c]), 1, 1) for g in REVIEW_GROUPS for c in REVIEW_COLS]]
    return grid(spec, 15)


_PRO_2021 = (("第二十条第（一）项", [("rules", "规章"), ("normative_docs", "行政规范性文件")],
              [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]),
             ("第二十条第（五）项", [("licensing", "行政许可")], [("decisions", "本年处理决定数量")]),
             ("第二十条第（六）项", [("penalties", "行政处罚"), ("enforcement", "行政强制")],
              [("decisions", "本年处理决定数量")]),
             ("第二十条第（八）项", [("fees", "行政事业性收费")], [("amount_wan", "本年收费金额（单位：万元）")]))
_DEC19 = [("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]
_PRO_2019 = (("第二十条第（一）项", [("rules", "规章"), ("normative_docs", "规范性文件")],
              [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")]),
             ("第二十条第（五）项", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")], _DEC19),
             ("第二十条第（六）项", [("penalties", "行政处罚"), ("enforcement", "行政强制")], _DEC19),
             ("第二十条第（八）项", [("fees", "行政事业性收费")], _DEC19[:2]),
             ("第二十条第（九）项", [("procurement", "政府集中采购")],
              [("projects", "采购项目数量"), ("amount", "采购总金额")]))


def proactive_block(t: dict[str, dict[str, float | None]], variant: str, units: dict[str, str]) -> SpecBlock:
    """Each article a caption row, a header row and its item rows, 4 columns wide."""
    spec: list[list[tuple[str, int, int]]] = []
    for caption, rows, cols in (_PRO_2021 if variant == "2021" else _PRO_2019):
        widths = [1] * (len(cols) - 1) + [3 - (len(cols) - 1)]
        spec.append([(caption, 1, 4)])
        spec.append([("信息内容", 1, 1)] + [(lab, 1, w) for (_, lab), w in zip(cols, widths)])
        for key, label in rows:
            vals = []
            for (ck, _), w in zip(cols, widths):
                text = fmt(t[key][ck])
                if text and f"{key}.{ck}" in units:
                    text += units[f"{key}.{ck}"]
                vals.append((text, 1, w))
            spec.append([(label, 1, 1)] + vals)
    return grid(spec, 4)


# --------------------------------------------------------------------------- legacy 统计表

LEGACY_ROWS = (("proactive_total", "主动公开信息数", "条"), ("proactive_website", "其中：网站公开", "条"),
               ("proactive_gazette", "政府公报公开", "条"), ("requests_total", "受理依申请公开信息总数", "件"),
               ("req_in_person", "当面申请数", "件"), ("req_online", "网上申请数", "件"),
               ("req_letter_fax", "信函、传真申请数", "件"), ("replies_total", "对申请的答复数", "件"),
               ("reply_granted", "同意公开答复数", "件"), ("reply_partial", "同意部分公开答复数", "件"),
               ("reply_refused", "不予公开答复数", "件"), ("reply_other", "其他类型答复数", "件"),
               ("fees_waived", "政府信息公开收费减免金额", "元"), ("reviews", "行政复议数", "件"),
               ("suits", "行政诉讼数", "件"))


def legacy_stats(rng: random.Random, kind: str, year: int) -> dict[str, dict[str, float | None]]:
    """本年度 and 历年累计 (since 2008) satisfying the three in-table identities."""
    age = max(1, year - 2007)
    out: dict[str, dict[str, float | None]] = {}
    scale = 1 if kind in ("乡镇", "街道") else 4
    for col, mult in (("year", 1), ("cumulative", age)):
        web = rng.randint(40, 300) * scale * mult
        gazette = rng.randint(0, 12) * mult if kind != "乡镇" else 0
        reqs = [rng.randint(0, 3 * scale) * mult for _ in range(3)]
        total = sum(reqs)
        granted = total - (partial := rng.randint(0, total // 4) if total else 0)
        refused = rng.randint(0, granted // 5) if granted else 0
        granted -= refused
        out_col = {"proactive_total": web + gazette, "proactive_website": web, "proactive_gazette": gazette,
                   "requests_total": total, "req_in_person": reqs[0], "req_online": reqs[1],
                   "req_letter_fax": reqs[2], "replies_total": total, "reply_granted": granted,
                   "reply_partial": partial, "reply_refused": refused, "reply_other": 0, "fees_waived": 0,
                   "reviews": 0, "suits": 0}
        for k, v in out_col.items():
            out.setdefault(k, {})[col] = v
    return out


def legacy_block(t: dict[str, dict[str, float | None]], year: int) -> SpecBlock:
    spec = [[("指标名称", 1, 1), ("计量单位", 1, 1), (f"{year}年度", 1, 1), ("历年累计", 1, 1)]]
    spec += [[(label, 1, 1), (unit, 1, 1), (fmt(t[key]["year"]), 1, 1), (fmt(t[key]["cumulative"]), 1, 1)]
             for key, label, unit in LEGACY_ROWS]
    return grid(spec, 4)
