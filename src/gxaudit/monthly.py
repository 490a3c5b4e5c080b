"""Monthly figures for the result summary (`summary["monthly"]`), beside the per-agency scores.

What an office reads before the ranking when it checks a portal or a month's logs:
- per site snapshot, the national counts against their veto lines (stale dynamic + stale
  notice/policy columns; empty columns) with their lists, and every column that could not be
  checked listed apart with its reason;
- the agencies' annual-report timeliness table (each report year: published, deadline, days
  late), ranked per peer group with the change against the year before;
- per publication log, items per month per column over twelve months (the heat map) and the
  catalogue columns silent in that window with their last item.
The thresholds come from the loaded packs (after the office's `[params]`), so a changed
threshold changes these figures exactly as it changes the findings. Pure: same input, same dict.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from gxaudit.extract import monthlyconf
from gxaudit.model import Scorecard, Sourced, Submission
from gxaudit.rules.checks import freshness, report_timeliness
from gxaudit.rules.checks._monthly import check_day, effective_date, last_full_month, months_back, shown_date
from gxaudit.rules.context import CheckContext

MONTHLY_DOCS = ("publication_log", "site_snapshot")


# ------------------------------------------------------------------ before extraction


def prepare_inputs(inputs, section: dict | None, base: Path | None, roster: list[str]) -> None:
    """Give every table input the office's [monthly] settings (carried in its manifest)."""
    settings = monthlyconf.from_config(section, base, roster)
    if monthlyconf.is_empty(settings):
        return
    text = monthlyconf.encode(settings)
    for inp in inputs:
        if Path(inp.path).suffix.lower() in monthlyconf.TABLE_SUFFIXES:
            inp.manifest = {**inp.manifest, monthlyconf.MANIFEST_KEY: text}


# ------------------------------------------------------------------ parameters from packs


def _rules(packs, kind: str):
    for p in packs:
        if p.applies.doc_type and not set(p.applies.doc_type) & set(MONTHLY_DOCS):
            continue
        for _, r in p.rules():
            if r.enabled and r.check == kind:
                yield p, r


def _site_first(packs):
    """Packs that apply to a county government (the portal) first: their parameters count."""
    return sorted(packs, key=lambda p: (not p.applies.agency_kind or "县级政府" not in p.applies.agency_kind, p.pack))


def thresholds(packs) -> dict:
    out = {"classes": {}, "veto_stale": None, "veto_empty": None, "timeliness": None}
    for _, r in _rules(_site_first(packs), "freshness"):
        if r.params.min_count > 1:
            out["veto_stale"] = out["veto_stale"] or r.params
        else:
            for cls, days in r.params.thresholds.items():
                out["classes"].setdefault(cls, days)
    for _, r in _rules(_site_first(packs), "column_present"):
        if r.params.min_count > 1:
            out["veto_empty"] = out["veto_empty"] or r.params
    for _, r in _rules(packs, "report_timeliness"):
        if r.params.report_late:
            out["timeliness"] = out["timeliness"] or r.params
    return out


# ------------------------------------------------------------------ the summary


def summary(cards: list[Scorecard], subs: list[Submission], packs, as_of: dt.date | None,
            period: str | None) -> dict | None:
    monthly = [s for s in subs if s.doc_type.value in MONTHLY_DOCS]
    if not monthly:
        return None
    th = thresholds(packs)
    ctx = CheckContext(as_of=as_of, period=period)
    groups = {c.agency: c.peer_group for c in cards}
    out: dict = {"as_of": as_of.isoformat() if as_of else None, "thresholds": th["classes"]}
    snaps = defaultdict(list)
    for s in monthly:
        if s.doc_type.value == "site_snapshot":
            snaps[s.file].append(s)
    out["snapshots"] = [site_counts(f, snaps[f], th, ctx) for f in sorted(snaps)]
    if th["timeliness"] is not None:
        out["report_timeliness"] = report_table(monthly, th["timeliness"], ctx, groups)
    out["logs"] = [log_view(s, ctx) for s in monthly if s.doc_type.value == "publication_log" and s.items]
    return out


def _merged(file: str, parts: list[Submission]) -> Submission:
    return Submission(id=file, file=file, columns=[c for p in parts for c in p.columns],
                      items=[i for p in parts for i in p.items], doc_type=Sourced(value="site_snapshot"))


def site_counts(file: str, parts: list[Submission], th: dict, ctx: CheckContext) -> dict:
    """The whole site's columns (every agency's) against the national lines."""
    site = _merged(file, parts)
    owner = {c.path: c.agency for c in site.columns}
    out: dict = {"file": file, "columns": len(site.columns),
                 "status": {k: sum(1 for c in site.columns if c.status == k) for k in ("ok", "empty", "unknown")}}
    if th["classes"] and check_day(ctx):
        (res,) = freshness.run(site, freshness.Params(thresholds=th["classes"]), ctx)[:1]
        out["stale"] = [{**c, "agency": owner.get(c["path"])} for c in res.data.get("columns", [])]
    veto = th["veto_stale"]
    if veto is not None:
        (res,) = freshness.run(site, veto, ctx)[:1]
        listed = [{**c, "agency": owner.get(c["path"])} for c in res.data.get("columns", [])]
        out["veto_stale"] = {"classes": veto.thresholds, "count": len(listed), "threshold": veto.min_count,
                             "reached": len(listed) >= veto.min_count, "columns": listed}
    empty = [{"path": c.path, "name": c.name, "agency": c.agency} for c in site.columns if c.status == "empty"]
    line = th["veto_empty"].min_count if th["veto_empty"] is not None else None
    out["veto_empty"] = {"count": len(empty), "threshold": line, "reached": line is not None and len(empty) >= line,
                         "columns": empty}
    out["unknown"] = [{"path": c.path, "name": c.name, "agency": c.agency, "reason": c.reason}
                      for c in site.columns if c.status == "unknown"]
    return out


# ------------------------------------------------------------------ annual-report timeliness


def report_table(subs: list[Submission], params, ctx: CheckContext, groups: dict[str, str]) -> dict:
    """Each agency's reports per year, ranked per peer group on the latest year, with the change."""
    rows: dict[str, dict] = {}
    for s in sorted(subs, key=lambda s: (s.doc_type.value != "site_snapshot", s.id)):  # day dates first
        res = report_timeliness.run(s, params, ctx)
        data = next((r.data for r in res if r.data.get("reports") is not None), None)
        if not data or not data["reports"]:
            continue
        row = rows.setdefault(s.agency.value, {"agency": s.agency.value, "kind": s.agency_kind.value,
                                               "peer_group": groups.get(s.agency.value, "其他"), "reports": {},
                                               "missing": data["missing"]})
        for r in data["reports"]:
            row["reports"].setdefault(str(r["year"]), r)
    years = sorted({int(y) for r in rows.values() for y in r["reports"]})
    latest = years[-1] if years else None
    for r in rows.values():
        late = [int(y) for y, v in r["reports"].items() if v["days_late"] > 0]
        r["late_years"] = sorted(late)
        r["repeating"] = len(late) >= params.repeat_at
    out_groups = []
    for group in sorted({r["peer_group"] for r in rows.values()}):
        members = [r for r in rows.values() if r["peer_group"] == group]
        now = _ranks(members, latest)
        before = _ranks(members, latest - 1) if latest else {}
        table = []
        for r in sorted(members, key=lambda r: (now.get(r["agency"], 10**6), r["agency"])):
            rank, prev = now.get(r["agency"]), before.get(r["agency"])
            table.append({**r, "rank": rank, "prev_rank": prev,
                          "change": prev - rank if rank is not None and prev is not None else None})
        out_groups.append({"name": group, "rows": table})
    return {"year": latest, "years": years, "deadlines": params.deadlines, "groups": out_groups,
            "late": [{"agency": r["agency"], "year": y, "days_late": r["reports"][str(y)]["days_late"],
                      "published": r["reports"][str(y)]["published"], "deadline": r["reports"][str(y)]["deadline"]}
                     for r in sorted(rows.values(), key=lambda r: r["agency"]) for y in r["late_years"]]}


def _ranks(members: list[dict], year: int | None) -> dict[str, int]:
    """Competition ranks on (days late that year, published that day) — earlier is better."""
    keyed = [(r["reports"][str(year)]["days_late"], r["reports"][str(year)]["published"], r["agency"])
             for r in members if year is not None and str(year) in r["reports"]]
    keyed.sort()
    out: dict[str, int] = {}
    for i, (late, pub, agency) in enumerate(keyed):
        same = i and keyed[i - 1][:2] == (late, pub)
        out[agency] = out[keyed[i - 1][2]] if same else i + 1
    return out


# ------------------------------------------------------------------ a log's months


def log_view(sub: Submission, ctx: CheckContext, months: int = 12) -> dict:
    """Items per month per column over `months` whole months ending with the last complete one."""
    dated = [d for d in (effective_date(i) for i in sub.items) if d]
    day = check_day(ctx) or (max(dated) if dated else dt.date(2000, 1, 31))  # no day given: the log's newest month
    end = last_full_month(day)
    start = months_back(end, months)
    labels = []
    y, m = start.year, start.month
    for _ in range(months):
        labels.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    counts: dict[str, list[int]] = {c.path: [0] * months for c in sub.columns}
    last: dict[str, object] = {}
    for it in sub.items:
        d = effective_date(it)
        if d is None or d > end:
            continue
        key = d.strftime("%Y-%m")
        if key in labels:
            counts.setdefault(it.column, [0] * months)[labels.index(key)] += 1
        if it.column not in last or d > effective_date(last[it.column]):  # type: ignore[arg-type]
            last[it.column] = it
    columns = []
    for c in sub.columns:
        row = counts.get(c.path, [0] * months)
        columns.append({"path": c.path, "name": c.name or c.path, "class": c.column_class, "counts": row,
                        "total": sum(row), "last": shown_date(last[c.path]) if c.path in last else None})
    columns.sort(key=lambda c: (-c["total"], c["name"]))
    return {"agency": sub.agency.value, "file": sub.file, "months": labels,
            "window": [start.isoformat(), end.isoformat()], "columns": columns,
            "silent": [{"name": c["name"], "path": c["path"], "last": c["last"]} for c in columns if not c["total"]],
            "max": max((n for c in columns for n in c["counts"]), default=0)}


# ------------------------------------------------------------------ pipeline hooks


def prepare(disc, config: dict, rules_config) -> None:
    """pipeline.run's hook before extraction; a bad [monthly] section is a usage error (exit 2)."""
    from gxaudit.discover import DiscoveryError

    src = getattr(rules_config, "source", None)
    base = Path(src).parent if src and Path(src).is_file() else None
    try:
        prepare_inputs(disc.inputs, (config or {}).get("monthly"), base, [e.agency for e in disc.roster])
    except monthlyconf.MonthlyConfigError as exc:
        raise DiscoveryError(str(exc)) from exc


def add_to(result, cards: list[Scorecard], subs: list[Submission], packs, as_of, period) -> None:
    """pipeline.run's hook after scoring: summary["monthly"], and log rows no agency owns."""
    found = summary(cards, subs, packs, as_of, period)
    if found is not None:
        result.summary["monthly"] = found
    seen = set(result.summary.setdefault("warnings", []))
    for s in subs:
        if s.doc_type.value != "publication_log":
            continue
        for w in s.warnings:
            if w not in seen and "不在单位名单中" in w:
                seen.add(w)
                result.summary["warnings"].append(w)
