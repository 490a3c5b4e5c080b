"""A synthetic corpus: N submissions of one made-up county with planted defects, a manifest,
a roster and the ground truth (truth.json) naming the rule ids that must fire for each file.

Deterministic for a seed: every choice draws from `random.Random` seeded per file, text
outputs are byte-identical, binary ones (docx/pdf/xlsx) identical in content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from pathlib import Path

from gxaudit.synth import defects as D
from gxaudit.synth import logs as L
from gxaudit.synth import tables as T
from gxaudit.synth.names import COUNTIES, Agency, county_agencies
from gxaudit.synth.reports import Plan, blocks
from gxaudit.synth.spec import SpecBlock

FORMATS = ("txt", "docx", "html", "pdf", "xlsx")
TXT_LAYOUTS = ("pipe_cells", "pipe_rows", "tab", "spaces")
DOC_TYPES = {"2021": "annual_report_2021", "2019": "annual_report_2019", "legacy": "annual_report_legacy",
             "summary": "work_summary", "log": "publication_log"}
_KIND_WEIGHTS = (("2021", 45), ("2019", 13), ("legacy", 12), ("summary", 8), ("log", 22))
# defects that cannot share a report (they touch the same part, cell or sentence)
_CLASH = ({"missing_part6", "parts_out_of_order", "no_fee_statement"},
          {"missing_part5", "parts_out_of_order", "stock_part5", "no_followup"},
          {"app_balance", "app_cell", "app_row_total", "app_blank_columns"},
          {"placeholder_year", "period_mismatch"})
# Why these may fire although not planted (tiny on purpose): near-duplicate rules compare a
# stock-phrase part 五 with other bodies' when peers are given (see defects.plant).
SHIYOU = {"乡镇": ("shiyou-township", "SY-T"), "街道": ("shiyou-township", "SY-T"),
          "县直部门": ("shiyou-department", "SY-D")}


def _choose_defects(rng: random.Random, form: str, has_stats: bool, layout: str | None = None) -> list[str]:
    if form == "log":
        if rng.random() < 0.35:
            return []
        return sorted(rng.sample(L.DEFECTS, rng.choice((1, 1, 2))))
    if form == "summary":
        return rng.sample(["shiyou_item_missing", "site_leftover"], rng.choice((0, 1, 1)))
    if rng.random() < 0.3:
        return []
    pool = [d for d, forms in D.CATALOGUE.items() if form in forms]
    if form == "legacy":
        pool = [d for d in pool if (d != "no_fee_statement" or not has_stats) and (d != "legacy_stats_off" or has_stats)]
    if layout == "spaces":  # blank cells vanish between spaces: no one can tell which column a lone total is
        pool = [d for d in pool if d != "app_blank_columns"]
    chosen: list[str] = []
    for d in rng.sample(pool, len(pool)):
        if len(chosen) >= rng.choice((1, 1, 2, 3)):
            break
        if any(d in c and chosen_d in c for c in _CLASH for chosen_d in chosen):
            continue
        chosen.append(d)
    return chosen


def _year(rng: random.Random, form: str, wrong: bool) -> int:
    if form == "2021":
        return rng.choice((2019, 2020)) if wrong else rng.randint(2021, 2024)
    if form == "2019":
        return rng.randint(2021, 2024) if wrong else rng.choice((2019, 2020))
    if form == "legacy":
        return rng.randint(2010, 2018)
    return rng.randint(2020, 2024)


def _tables(p: Plan, rng: random.Random, stats: bool) -> None:
    kind = p.agency.kind
    if p.form in ("2021", "2019"):
        p.tables = {"proactive": T.proactive(rng, kind, p.form),
                    "applications": T.applications(rng, kind, p.form, quiet=rng.random() < 0.25),
                    "review": T.review(rng, kind)}
        if p.form == "2019":
            p.units = {"procurement.amount": "万元"}
    elif p.form == "legacy" and stats:
        p.tables = {"legacy_stats": T.legacy_stats(rng, kind, p.year)}


def plain_text(bs: list[SpecBlock]) -> str:
    return "\n".join(b.text if b.kind != "table" else "\n".join(" ".join(r) for r in b.rows) for b in bs)


FORM_DOC_TYPE = {"2021": "annual_report_2021", "2019": "annual_report_2019", "legacy": "annual_report_legacy",
                 "summary": "work_summary"}


def shiyou_missing(agency: Agency, form: str, text: str, year: int) -> list[str]:
    """十有 rules whose phrases the text lacks: the pack's own patterns and its own `applies`."""
    if agency.kind not in SHIYOU or form not in FORM_DOC_TYPE:
        return []
    from gxaudit.model import Sourced, Submission
    from gxaudit.rules import load_packs
    from gxaudit.rules.evaluate import applies

    pack = _SHIYOU_CACHE.get(SHIYOU[agency.kind][0]) or load_packs([SHIYOU[agency.kind][0]])[0]
    _SHIYOU_CACHE[pack.pack] = pack
    probe = Submission(id="probe", file="probe", doc_type=Sourced(value=FORM_DOC_TYPE[form]),
                       report_year=Sourced(value=year), agency_kind=Sourced(value=agency.kind))
    if pack.applies and applies(pack.applies, probe)[0] is False:
        return []
    out = []
    for g in pack.groups:
        for r in g.rules:
            pats = r.with_.get("patterns", [])
            found = [re.search(p, text) is not None for p in pats]
            ok = all(found) if r.with_.get("mode") == "all" else any(found)
            if not ok:
                out.append(r.id)
    return out


_SHIYOU_CACHE: dict = {}


def write_xlsx_report(path: Path, bs: list[SpecBlock], created: dt.datetime = dt.datetime(2025, 1, 2)) -> None:
    """A report typed into a spreadsheet: text in column A, each table below its heading."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    wb.set_properties({"created": created})
    ws = wb.add_worksheet("年报")
    r = 0
    for b in bs:
        if b.kind == "table":
            for row in b.expanded():
                for c, v in enumerate(row):
                    ws.write_string(r, c, v)
                r += 1
        else:
            ws.write_string(r, 0, b.text)
            r += 1
    wb.close()


def _render(path: Path, bs: list[SpecBlock], fmt: str, rng: random.Random, published: str | None,
            layout: str) -> dict:
    from gxaudit.synth.render import write

    info: dict = {}
    if fmt == "txt":
        enc = rng.choice(("utf-8", "utf-8", "gb18030"))
        write(path, bs, "txt", table_layout=layout, encoding=enc)
        info = {"table_layout": layout, "encoding": enc}
    elif fmt == "html":
        charset = rng.choice(("utf-8", "gb2312"))
        write(path, bs, "html", charset=charset, published=published, container=rng.choice(("zoom", "none")),
              word_markup=rng.random() < 0.5)
        info = {"charset": charset}
    elif fmt == "xlsx":
        write_xlsx_report(path, bs)
    else:
        write(path, bs, fmt)
    return info


def generate_one(i: int, seed: int, roster: list[Agency], out: Path, formats: list[str], logs: bool) -> dict:
    rng = random.Random(f"{seed}:{i}")
    kinds = [(k, w) for k, w in _KIND_WEIGHTS if logs or k != "log"]
    form = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
    agency = rng.choice(roster if form != "summary" else [a for a in roster if a.kind in SHIYOU])
    if form == "log":
        return _one_log(i, rng, agency, out, "xlsx" in formats and rng.random() < 0.3)
    stats = form == "legacy" and rng.random() < 0.6
    fmt = formats[i % len(formats)]  # formats and layouts in turn, so a small corpus has them all
    layout = TXT_LAYOUTS[(i // len(formats)) % len(TXT_LAYOUTS)]
    chosen = _choose_defects(rng, form, stats, layout if fmt == "txt" else None)
    wrong = "wrong_format" in chosen
    year = _year(rng, form, wrong)
    p = Plan(agency=agency, year=year, form=form, merged=rng.random() < 0.6, seed=rng.randrange(2**31),
             items=rng.randint(40, 600) if agency.kind != "乡镇" else rng.randint(30, 200))
    _tables(p, rng, stats)
    planted = []
    for d in chosen:
        entry = D.plant(d, p, rng)
        planted.append({"defect": d, **entry})
    if form == "summary":
        planted.append({"defect": "summary_instead_of_report", "rules": ["FC-02"],
                        "detail": "以政务公开工作总结代替年度报告"})
    bs = blocks(p)
    sy = shiyou_missing(agency, form, plain_text(bs), p.year)
    if sy:
        planted.append({"defect": "shiyou_phrases_absent", "rules": sy, "detail": "文中未见“十有”相应表述"})
    ext = fmt
    title = "政务公开工作总结" if form == "summary" else "政府信息公开工作年度报告"
    name = f"{i:05d}-{agency.name}-{year}年{title}.{ext}"
    due = D.deadline(agency.kind, year)
    published = p.flags.get("published") or due - dt.timedelta(days=rng.randint(1, 25))
    info = _render(out / name, bs, fmt, rng, published.isoformat(), layout)
    return _entry(name, agency, form, fmt, year, str(year), published.isoformat(), planted, info, p.merged)


def _one_log(i: int, rng: random.Random, agency: Agency, out: Path, xlsx: bool) -> dict:
    """A CMS export: CSV, or (when xlsx is wanted) the same rows saved from Excel."""
    period = f"2025-{rng.randint(1, 12):02d}"
    chosen = _choose_defects(rng, "log", False)
    columns, planted = L.plan_log(agency, period, chosen, rng)
    text = L.render_log(agency, period, columns, rng)
    fmt = "xlsx" if xlsx else "csv"
    name = f"{i:05d}-{agency.name}-{period}发布记录.{fmt}"
    if xlsx:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(out / name), {"in_memory": True})
        wb.set_properties({"created": dt.datetime(2025, 1, 2)})
        ws = wb.add_worksheet("发布记录")
        for r, row in enumerate(csv.reader(io.StringIO(text))):
            for c, v in enumerate(row):
                ws.write_string(r, c, v)
        wb.close()
    else:
        (out / name).write_text(text, encoding="utf-8")
    return _entry(name, agency, "log", fmt, None, period, "", planted, {}, None)


def _entry(name, agency, form, fmt, year, period, published, planted, info, merged) -> dict:
    must = sorted({r for d in planted for r in d["rules"]})
    may = sorted({r for d in planted for r in d.get("may", [])} - set(must))
    return {"file": name, "agency": agency.name, "kind": agency.kind, "format": fmt, "doc_type": DOC_TYPES[form],
            "report_year": year, "period": period, "published_at": published,
            **({"merged_tables": merged} if merged is not None and fmt != "txt" else {}), **info,
            "defects": planted, "must_fire": must, "may_fire": may}


def generate(n: int, seed: int, out: Path, formats: list[str] | None = None, logs: bool = True,
             jobs: int = 1) -> dict:
    """Write the corpus into `out` and return the truth (also written as truth.json). Every file
    draws from its own seeded rng, so `jobs` processes write the same corpus as one."""
    formats = list(formats or FORMATS)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown formats {bad}; one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    county = rng.choice(COUNTIES)
    roster = county_agencies(county, rng)
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        one = partial(generate_one, seed=seed, roster=roster, out=out, formats=formats, logs=logs)
        with ProcessPoolExecutor(jobs) as pool:
            files = list(pool.map(one, range(1, n + 1), chunksize=max(1, min(50, n // (4 * jobs)))))
    else:
        files = [generate_one(i, seed, roster, out, formats, logs) for i in range(1, n + 1)]
    truth = {"generator": "gxaudit synth", "seed": seed, "n": n, "county": county, "formats": formats,
             "evaluation": "shipped packs; no history, no peers; as_of = last day of a monthly period",
             "files": files}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    _write_csv(out / "manifest.csv", ["file", "agency", "kind", "period", "published_at"],
               [[f["file"], f["agency"], f["kind"], f["period"], f["published_at"]] for f in files])
    _write_csv(out / "agencies.csv", ["agency", "kind"], [[a.name, a.kind] for a in roster])
    return truth


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
