"""The monthly packs load with the others, document every rule, and pass their own cases."""

from __future__ import annotations

import pytest

from gxaudit.rules import load_packs
from gxaudit.rules.testing import run_pack

MONTHLY = ["monthly-disclosure-township", "monthly-disclosure-department", "report-timeliness-columns"]


@pytest.fixture(scope="module")
def packs():
    return {p.pack: p for p in load_packs(None)}  # every shipped pack together: ids unique


@pytest.mark.parametrize("pack_id", MONTHLY)
def test_documented_and_cases_pass(packs, pack_id):
    pack = packs[pack_id]
    assert set(pack.applies.doc_type) <= {"publication_log", "site_snapshot"}
    for _, rule in pack.rules():
        assert rule.fail_title and rule.fail_title != rule.title, rule.id
        assert rule.severity == "info" or rule.weighs() or rule.veto, rule.id
    report = run_pack(pack)
    problems = [f"{c.name}: {c.error or ''} {'; '.join(map(str, c.mismatches))}" for c in report.cases if not c.ok]
    assert report.ok, problems + report.uncovered


def test_default_points_from_the_standards(packs):
    t = packs["monthly-disclosure-township"]
    pts = {r.id: (r.deduct, r.per) for _, r in t.rules()}
    assert pts["MT-F01"] == (None, 5) and pts["MT-F02"] == (None, 5) and pts["MT-F03"] == (None, 1)
    assert pts["MT-E01"] == (None, 5)
    assert t.rule("MT-V01").params.min_count == 5 and t.rule("MT-V02").params.min_count == 5
    assert t.rule("MT-V01").params.thresholds == {"dynamic": 14, "notice_policy": 183}
