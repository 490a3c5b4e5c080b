"""Planted defects: what each one changes in a `Plan`, and the exact rule ids of the shipped packs
that must fire because of it.

Table defects change one cell (or a cell and its row total, as a clerk who miscounts does);
which identities break is not guessed but computed from the identities the packs declare
(`broken_identities`), so the truth names exactly the rules the changed cell takes part in.
"""

from __future__ import annotations

import datetime as dt
import random

from gxaudit.synth import tables as T
from gxaudit.synth.reports import LEFTOVERS, Plan

# defect -> forms it applies to
CATALOGUE: dict[str, tuple[str, ...]] = {
    "missing_part6": ("2021", "2019"), "missing_part5": ("2021", "2019"), "parts_out_of_order": ("2021", "2019"),
    "app_balance": ("2021", "2019"), "app_cell": ("2021", "2019"), "app_row_total": ("2021", "2019"),
    "app_blank_columns": ("2021", "2019"), "review_total": ("2021", "2019"),
    "placeholder_year": ("2021", "2019", "legacy"), "placeholder_name": ("2021", "2019", "legacy"),
    "site_leftover": ("2021", "2019", "legacy", "summary"), "late": ("2021", "2019", "legacy"),
    "wrong_format": ("2021", "2019"), "stock_part5": ("2021", "2019"), "no_followup": ("2021", "2019"),
    "no_fee_statement": ("2021", "legacy"), "thin_part1": ("2021",), "cites_old_format": ("2021",),
    "period_mismatch": ("2021", "2019", "legacy"), "fees_in_yuan": ("2021",), "rules_row": ("2021", "2019"),
    "legacy_stats_off": ("legacy",), "shiyou_item_missing": ("summary",),
}
TL_RULE = {"县直部门": "TL-01", "县级政府": "TL-02", "乡镇": "TL-03", "街道": "TL-03"}


def prefix(p: Plan) -> str:
    return "AR21" if p.flags.get("table_variant", p.form) == "2021" else "AR19"


def followup_rule(pre: str) -> str:
    """The pack's "last year's problems followed up" rule: numbered differently in the two packs."""
    return "AR21-C03" if pre == "AR21" else "AR19-C02"


def deadline(kind: str, year: int) -> dt.date:
    if year <= 2018 or kind == "县级政府":
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


# --------------------------------------------------------------------------- identities


def broken_identities(app: dict, review: dict) -> set[str]:
    """Suffixes (D01…D04) of the table identities that fail, with the packs' null handling:
    D01 and D03 skip a blank operand, D02 counts a blank as 0."""
    out: set[str] = set()
    z = lambda v: 0 if v is None else v
    for c in T.APP_COLS:
        v = [app[r][c] for r in ("new", "carried_in", "handled_total", "carried_out")]
        if None not in v and v[0] + v[1] != v[2] + v[3]:
            out.add("D01")
        parts = [z(app[r][c]) for r in app if r not in T.RESULT_ROWS_EXCLUDED]
        if z(app["handled_total"][c]) != sum(parts):
            out.add("D02")
    for r in app:
        v = [app[r][c] for c in T.APP_COLS]
        if None not in v and v[-1] != sum(v[:-1]):
            out.add("D03")
    for g in review.values():
        v = [g[c] for c in T.REVIEW_COLS]
        if None not in v and v[-1] != sum(v[:-1]):
            out.add("D04")
    return out


# --------------------------------------------------------------------------- planting


def _cell_col(rng: random.Random, app: dict) -> str:
    """A column with applications if there is one (a miscount happens where there is work)."""
    busy = [c for c in T.APP_COLS[:-1] if (app["new"][c] or 0) > 0]
    return rng.choice(busy or ["natural"])


def plant(name: str, p: Plan, rng: random.Random) -> dict:
    """Apply one defect to `p`; returns {'rules': [...], 'detail': str, ...} for the truth."""
    pre, kind = prefix(p), p.agency.kind
    f = p.flags
    if name == "missing_part6":
        f.setdefault("drop_parts", []).append(6)
        # only S06: the fee statement rule (AR21-C02) is not_applicable without part 六 (has_part)
        return {"rules": [f"{pre}-S06"], "detail": "缺少第六部分（其中的信息处理费说明随之缺失）"}
    if name == "missing_part5":
        f.setdefault("drop_parts", []).append(5)
        # only S05: C01 and the follow-up rule are not_applicable without part 五 (has_part)
        return {"rules": [f"{pre}-S05"], "detail": "缺少第五部分"}
    if name == "parts_out_of_order":
        f["swap_parts"] = (5, 6)
        return {"rules": [f"{pre}-S07"], "detail": "第五、六部分顺序颠倒"}
    if name == "stock_part5":
        f["stock5"] = True
        return {"rules": [f"{pre}-C01", followup_rule(pre)], "detail": "第五部分只有套话",
                "may": [f"{pre}-H03"]}
    if name == "no_followup":
        f["no_followup"] = True
        return {"rules": [followup_rule(pre)], "detail": "第五部分未提上年度问题整改"}
    if name == "no_fee_statement":
        f["no_fee"] = True
        return {"rules": ["LG-C04" if p.form == "legacy" else "AR21-C02"], "detail": "未说明收费（信息处理费）情况"}
    if name == "thin_part1":
        f["thin_part1"] = True
        return {"rules": ["AR21-S08"], "detail": "总体情况只写了主动公开"}
    if name == "cites_old_format":
        f["cite_wrong"] = True
        return {"rules": ["AR21-C04"], "detail": "2021年格式报告引用国办公开办函〔2019〕60号"}
    if name == "placeholder_year":
        f["placeholder_year"] = True
        return {"rules": ["HY-01"], "detail": "统计期限写作“20xx年”"}
    if name == "placeholder_name":
        f["placeholder_name"] = True
        return {"rules": ["HY-02"], "detail": "联系人写作“×××”"}
    if name == "site_leftover":
        f["leftover"] = rng.choice(LEFTOVERS)
        return {"rules": ["HY-03"], "detail": f"范文网站残留：{f['leftover']}"}
    if name == "period_mismatch":
        f["period_mismatch"] = True
        return {"rules": ["HY-04"], "detail": "统计期限止于次年12月31日"}
    if name == "late":
        due = deadline(kind, p.year)
        days = rng.choice((3, 12, 26, 45, 70))
        f["published"] = due + dt.timedelta(days=days)
        rule = "TL-04" if p.year <= 2018 else TL_RULE[kind]
        return {"rules": [rule], "detail": f"逾期{days}天发布（期限{due.isoformat()}）", "days_late": days}
    if name == "wrong_format":
        return {"rules": ["FC-01"], "detail": "年度与所用格式不符"}  # the form was chosen by corpus
    if name == "fees_in_yuan":
        yuan = rng.randint(150000, 900000)
        p.tables["proactive"]["fees"]["amount_wan"] = yuan
        return {"rules": ["AR21-D08"] + (["AR21-D09"] if kind in ("乡镇", "街道") else []),
                "detail": f"收费金额按元（{yuan}）填入万元栏"}
    if name == "rules_row":
        row = p.tables["proactive"]["rules"]
        n = rng.randint(1, 3)
        for k in row:
            row[k] = n
        return {"rules": [f"{pre}-D10"], "detail": f"“规章”一行填了{n}"}
    if name == "legacy_stats_off":
        s = p.tables["legacy_stats"]
        s["requests_total"]["year"] = (s["requests_total"]["year"] or 0) + rng.randint(1, 4)
        s["replies_total"]["year"] = s["requests_total"]["year"]  # the clerk fixed one total, not the other
        return {"rules": ["LG-D02", "LG-D03"], "detail": "统计表受理总数与各申请方式之和不符"}
    if name == "shiyou_item_missing":
        item = rng.choice((1, 3, 4, 5))
        f["drop_items"] = [item]
        return {"rules": [], "detail": f"工作总结缺“十有”第{item}段", "shiyou": True}
    return _plant_table(name, p, rng, pre)


def _plant_table(name: str, p: Plan, rng: random.Random, pre: str) -> dict:
    app, rev = p.tables["applications"], p.tables["review"]
    before = broken_identities(app, rev)
    k = rng.choice((1, 2, 3, 5))
    if name == "app_balance":  # new applications miscounted, row total adjusted with it
        col = _cell_col(rng, app)
        app["new"][col] += k
        if col != "total":
            app["new"]["total"] += k
        detail = f"申请情况表“本年新收”{col}列多计{k}件（总计随之改动）"
    elif name == "app_cell":  # one result cell changed, nothing else
        col = _cell_col(rng, app)
        row = rng.choice(["granted", "partial", "unavailable_1", "not_processed_2"])
        app[row][col] = (app[row][col] or 0) + k
        detail = f"申请情况表“{row}”{col}列改动{k}件"
    elif name == "app_row_total":
        row = rng.choice(["new", "granted", "handled_total", "carried_out"])
        app[row]["total"] = (app[row]["total"] or 0) + k
        detail = f"申请情况表“{row}”行总计多计{k}件"
    elif name == "app_blank_columns":  # only the 总计 column filled in
        for r in app:
            for c in T.APP_COLS[:-1]:
                app[r][c] = None
        return {"rules": [f"{pre}-T05"], "detail": "申请情况表只填了总计列"}
    elif name == "review_total":
        g = rng.choice(T.REVIEW_GROUPS)
        rev[g]["total"] = (rev[g]["total"] or 0) + rng.choice((1, 2))
        detail = f"复议诉讼表“{g}”组总计不等于各项之和"
    else:
        raise ValueError(f"unknown defect {name!r}")
    broken = sorted(broken_identities(app, rev) - before)
    return {"rules": [f"{pre}-{d}" for d in broken], "detail": detail}
