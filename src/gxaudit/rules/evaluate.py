"""Run every applicable rule of every pack against one submission: one Finding per rule.

Applicability first (pack, then rule): a pack that does not apply to this kind of document
yields no findings at all (it is not this document's pack); a rule filtered out inside an
applicable pack yields `not_applicable`, so scorecards can count it. A check that raises is
turned into a `cannot_evaluate` finding naming the error: one broken rule never stops a run.
Points are not computed here (scoring does that), so re-weighting never re-evaluates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gxaudit.model import CheckResult, Finding, Submission
from gxaudit.rules import checks
from gxaudit.rules.canon import TABLE_LABELS, part_label
from gxaudit.rules.checks._common import part_present
from gxaudit.rules.context import CheckContext
from gxaudit.rules.schema import Applies, Group, Rule, RulePack, year_predicate

_OPS = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "==": lambda a, b: a == b,
}


def period_kind(value) -> str | None:
    text = str(value or "")
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        return "month"
    return None


UNKNOWN_KIND = "单位类型不明（请在 manifest.csv 或单位名单 agencies.csv 中填写单位类型），无法判断本规则是否适用"


def applies(a: Applies, sub: Submission, part_rules: dict[int, str] | None = None) -> tuple[bool | None, str]:
    """(applies?, why not). None: it depends on the agency kind, which is unknown.

    An unknown doc type excludes; an unknown agency kind under an `agency_kind` filter gives
    None (the caller decides: a pack is left out, a rule reports cannot_evaluate); an unknown
    report year or period does not exclude. `has_table` needs the extractor's table;
    `has_part` needs the official part, so a content rule on a missing part is not_applicable
    (its structure rule deducts for the absence once, not twice; `part_rules` names that rule).
    """
    if a.doc_type is not None and sub.doc_type.value not in a.doc_type:
        return False, f"文件类型（{sub.doc_type.value or '未知'}）不在适用范围内"
    if a.report_year is not None and sub.report_year.value is not None:
        try:
            year = int(str(sub.report_year.value)[:4])
        except ValueError:
            year = None
        if year is not None and not all(_OPS[op](year, n) for op, n in year_predicate(a.report_year)):
            return False, f"报告年度 {year} 不在适用范围（{a.report_year}）内"
    if a.has_table is not None:
        missing = [k for k in a.has_table if k not in sub.tables]
        if missing:
            return False, "未附" + "、".join(TABLE_LABELS[k] for k in missing)
    if a.has_part is not None:
        absent = [n for n in a.has_part if not part_present(sub, n)]
        if absent:
            by = [(part_rules or {}).get(n) for n in absent]
            where = f"已在 {'、'.join(by)} 扣分" if all(by) else "已按缺少该部分扣分"
            return False, "缺少" + "、".join(part_label(n) for n in absent) + f"，{where}，本项不重复扣分"
    if a.agency_kind is not None:
        if sub.agency_kind.value is None:
            return None, UNKNOWN_KIND
        if sub.agency_kind.value not in a.agency_kind:
            return False, f"单位类型“{sub.agency_kind.value}”不在适用范围内"
    if a.period_kind is not None:
        kind = period_kind(sub.period.value)
        if kind is not None and kind != a.period_kind:
            return False, "期间类型不在适用范围内"
    return True, ""


def evaluate(sub: Submission, packs: Iterable[RulePack], ctx: CheckContext) -> list[Finding]:
    """All outcomes (pass included), sorted by pack, group and rule id."""
    if sub.failure is not None:
        return []
    out: list[Finding] = []
    for pack in packs:
        ok, _ = applies(pack.applies, sub)
        if not ok:  # not this document's pack (None: kind unknown, not known to be this pack's)
            continue
        for group, rule in pack.rules():
            if rule.enabled:
                out.append(_one(sub, pack, group, rule, ctx))
    return sorted(out, key=lambda f: (f.pack, f.group, f.rule_id))


def _one(sub: Submission, pack: RulePack, group: Group, rule: Rule, ctx: CheckContext) -> Finding:
    ok, why = applies(rule.applies, sub, pack.part_rules() if rule.applies.has_part else None)
    if ok is None:
        return _finding(pack, group, rule, CheckResult(outcome="cannot_evaluate", message=why))
    if not ok:
        return _finding(pack, group, rule, CheckResult(outcome="not_applicable", message=why))
    try:
        results = checks.get(rule.check).run(sub, rule.params, ctx)
        result = combine(results)
    except Exception as e:  # noqa: BLE001 — a broken rule or check never brings down the run
        result = CheckResult(outcome="cannot_evaluate",
                             message=f"规则执行出错（{type(e).__name__}: {e}），未评估；请报告此问题",
                             data={"error": f"{type(e).__name__}: {e}"})
    return _finding(pack, group, rule, result)


def combine(results: list[CheckResult]) -> CheckResult:
    """Several results of one check → one: any fail wins, then cannot_evaluate, then pass."""
    if not results:
        return CheckResult(outcome="cannot_evaluate", message="检查没有给出结果")
    if len(results) == 1:
        return results[0]
    for outcome in ("fail", "cannot_evaluate", "pass", "not_applicable"):
        chosen = [r for r in results if r.outcome == outcome]
        if chosen:
            break
    data: dict = {}
    for r in chosen:
        data.update(r.data)
    return CheckResult(
        outcome=outcome, message="；".join(r.message for r in chosen if r.message),
        count=sum(r.count for r in chosen) if outcome == "fail" else 1,
        evidence=[e for r in chosen for e in r.evidence], data=data,
    )


def _finding(pack: RulePack, group: Group, rule: Rule, r: CheckResult) -> Finding:
    title = (rule.fail_title or rule.title) if r.outcome == "fail" else rule.title
    message = r.message
    if rule.message and r.outcome == "fail":
        message = f"{rule.message}：{message}" if message else rule.message
    return Finding(
        rule_id=rule.id, pack=pack.pack, group=group.id, title=title, severity=rule.severity,
        outcome=r.outcome, message=message, count=r.count if r.outcome == "fail" else 1,
        basis=rule.basis, fix=rule.fix, evidence=r.evidence, data=r.data,
    )
