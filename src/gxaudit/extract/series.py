"""One agency's reports over the years: who is the same agency, and what last year said.

Why here: the cross-year checks (上年结转 = last year's 结转下年度, 现行有效件数 = last year's
+ 制发 − 废止, 历年累计 = last year's 累计 + 本年度) need last year's Submission of the SAME
agency, and a run may hold several years of one agency (a portal's whole 年报 column). So:

- `aliases_from(config)` / `apply_aliases(subs, aliases)`: an office's alias map
  (`[agencies.aliases]` in gxaudit.toml, "printed name" = "canonical name") puts a body's
  other printed names under one agency — 平潭综合实验区管委会 signs the 2014 report of
  平潭综合实验区. Names not in the map are never merged by guess (平潭县人民政府 and
  平潭综合实验区 issued separate reports in 2011–2013: different agencies).
- `link(by_agency, lookup)`: for every submission, last year's Submission of the same agency,
  first from this run, else from `lookup` (the history); years are walked in ascending order
  and a run-together split that only last year's figures decide is decided there
  (`crossyear.resolve_with_previous`), the evidence added to the submission's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from gxaudit.extract.renderings import TABLE_NAMES
from gxaudit.model import Sourced, Submission

__all__ = ["aliases_from", "apply_aliases", "context_note", "link", "previous_in", "resolve_pending", "select_period"]

Lookup = Callable[[str, int], Submission | None]


def aliases_from(config: Mapping | None) -> dict[str, str]:
    """`[agencies.aliases]` (or a top-level `[aliases]`) of the office configuration."""
    config = config or {}
    agencies = config.get("agencies")
    table = agencies.get("aliases") if isinstance(agencies, Mapping) else None
    if table is None:
        table = config.get("aliases")
    if not isinstance(table, Mapping):
        return {}
    return {str(k).strip(): str(v).strip() for k, v in table.items() if str(k).strip() and str(v).strip()}


def apply_aliases(subs: list[Submission], aliases: Mapping[str, str]) -> None:
    """Rename agencies by the alias map, in place, keeping the printed name in the detail."""
    for s in subs:
        name = s.agency.value
        if name in aliases and aliases[name] != name:
            s.agency = Sourced(value=aliases[name], source="config",
                               detail=f"单位别名（配置 [agencies.aliases]；原文“{name}”）")


def _year(s: Submission) -> int | None:
    y = s.report_year.value
    return y if isinstance(y, int) and not isinstance(y, bool) else None


def _is_report(s: Submission) -> bool:
    return str(s.doc_type.value or "").startswith("annual_report")


def previous_in(subs: list[Submission], sub: Submission) -> Submission | None:
    """The same agency's submission on the year before `sub`'s, among `subs` (reports first)."""
    year = _year(sub)
    if year is None:
        return None
    cands = [s for s in subs if s.id != sub.id and s.failure is None and _year(s) == year - 1]
    cands.sort(key=lambda s: (not _is_report(s), s.id))
    return cands[0] if cands else None


def resolve_pending(sub: Submission, previous: Submission | None) -> Submission:
    """Decide this year's undecided run-together splits with last year's table, if any."""
    if previous is None or not any(t.pending for t in sub.tables.values()):
        return sub
    from gxaudit.extract.tables.crossyear import resolve_with_previous

    tables = dict(sub.tables)
    warnings = list(sub.warnings)
    for key, t in sub.tables.items():
        if not t.pending:
            continue
        resolved, notes = resolve_with_previous(t, previous.tables.get(key))
        tables[key] = resolved
        warnings += [f"{sub.file}：{TABLE_NAMES.get(key, key)}：{n}（依据上年报告 {previous.file}）" for n in notes]
    return sub.model_copy(update={"tables": tables, "warnings": warnings})


def link(subs: list[Submission], lookup: Lookup | None = None) -> tuple[dict[str, Submission], dict[str, Submission]]:
    """(last year's Submission by submission id, resolved submissions by id).

    Years of each agency are walked in ascending order, so a year whose splits last year's
    figures decided is itself the resolved "last year" of the next."""
    by_agency: dict[str, list[Submission]] = {}
    for s in subs:
        if s.failure is None and s.agency.value:
            by_agency.setdefault(str(s.agency.value), []).append(s)
    previous: dict[str, Submission] = {}
    resolved: dict[str, Submission] = {}
    for agency, group in sorted(by_agency.items()):
        done: list[Submission] = []
        for sub in sorted(group, key=lambda s: (_year(s) is None, _year(s) or 0, s.id)):
            prev = previous_in(done, sub)
            year = _year(sub)
            if prev is None and lookup is not None and year is not None:
                prev = lookup(agency, year)
            if prev is not None:
                previous[sub.id] = prev
                sub = resolve_pending(sub, prev)
                resolved[sub.id] = sub
            done.append(sub)
    return previous, resolved


def _annual(period: object) -> str | None:
    p = str(period or "")
    return p if re.fullmatch(r"\d{4}", p) else None


def select_period(subs: list[Submission], period: str | None) -> tuple[list[Submission], list[Submission]]:
    """(submissions scored in this run, context: other years of the same agencies).

    A run scores one period. An agency's documents of another annual period are last years'
    reports: they feed the cross-year checks and are not scored again. When nothing at all is
    of the run's period (a folder of different agencies' reports on different years), every
    agency is scored on its latest year."""
    if _annual(period) is None:
        return _latest_reports(subs)
    if any(_annual(s.period.value) == period for s in subs):
        keep = {str(s.agency.value): period for s in subs}
    else:
        keep = {}
        for s in subs:
            y = _annual(s.period.value)
            a = str(s.agency.value)
            if y and (a not in keep or y > keep[a]):
                keep[a] = y
    scored, context = [], []
    for s in subs:
        y = _annual(s.period.value)
        (context if y is not None and y != keep.get(str(s.agency.value)) else scored).append(s)
    return scored, context


def _latest_reports(subs: list[Submission]) -> tuple[list[Submission], list[Submission]]:
    """A monthly run (or none given) scores each agency's newest annual report; its older ones
    are last years' reports — context for the cross-year checks, not a second report this period.
    Logs, snapshots and documents without a report year are scored as they are."""
    newest: dict[str, int] = {}
    for s in subs:
        y = _year(s)
        if y is not None and s.failure is None and _is_report(s):
            a = str(s.agency.value)
            newest[a] = max(newest.get(a, y), y)
    scored, context = [], []
    for s in subs:
        y = _year(s)
        older = _is_report(s) and y is not None and y < newest.get(str(s.agency.value), y)
        (context if older else scored).append(s)
    return scored, context


def context_note(context: list[Submission], period: str | None) -> str:
    years = sorted({str(_year(s) or s.period.value) for s in context})
    return (f"另有{len(context)}份其他年度（{'、'.join(years)}）的材料未计入本期（{period}）评分，"
            "仅用于与上年报告的跨年度核对；要评其他年度，请用 --period 指定")
