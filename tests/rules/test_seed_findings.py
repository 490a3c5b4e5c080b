"""The shipped packs find in the real seed submissions what a careful reviewer finds there.

Seeds are read from ../shared/seeds at test time (never copied). What each one is and what a
reviewer sees in it is written in ../shared/seeds/README.md; these tests pin that, through the
whole chain ingest → extract → evaluate with the shipped packs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gxaudit.extract import extract
from gxaudit.ingest import read_document
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.context import CheckContext

PACKS = ["annual-report-2021", "annual-report-2019", "annual-report-legacy", "format-choice",
         "timeliness", "hygiene"]


@pytest.fixture(scope="module")
def packs():
    return load_packs(PACKS)


def _seed(seeds_dir: Path, prefix: str) -> Path:
    found = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    assert len(found) == 1, f"seed {prefix} not found in {seeds_dir}"
    return found[0]


def _outcomes(seeds_dir: Path, prefix: str, packs) -> list[dict[str, str]]:
    """Rule id → outcome, one dict per document the file holds."""
    subs = extract(read_document(_seed(seeds_dir, prefix)))
    return [{f.rule_id: f.outcome for f in evaluate(s, packs, CheckContext())} for s in subs]


def test_001_loses_points_for_missing_part_six_and_blank_tables(seeds_dir, packs):
    [got] = _outcomes(seeds_dir, "001", packs)
    assert got["AR19-S06"] == "fail"  # 六、其他需要报告的事项 missing
    assert got["AR19-T05"] == "fail"  # applications table: only the 总计 column filled in
    for rid in ("AR19-S01", "AR19-S02", "AR19-S03", "AR19-S04", "AR19-S05", "AR19-T01", "AR19-T02",
                "AR19-T03", "AR19-D01"):
        assert got[rid] == "pass", rid  # parts 一–五 and the three tables are there; 0 == 0 balances
    assert got["FC-01"] == "pass"  # a report on 2020 in the 2019 format is the right format


@pytest.mark.parametrize("prefix, rule", [
    ("000", "FC-02"),  # a 2013 work summary reposted by an essay site, not an annual report
    ("002", "FC-02"),  # a 2005 report on 政务公开, not an annual report on disclosure
    ("004", "FC-01"),  # a report on 2019 written free-form instead of the 2019 format
])
def test_not_in_the_official_format_for_its_year(seeds_dir, packs, prefix, rule):
    [got] = _outcomes(seeds_dir, prefix, packs)
    assert got[rule] == "fail"


def test_002_template_and_site_leftovers(seeds_dir, packs):
    [got] = _outcomes(seeds_dir, "002", packs)
    assert got["HY-02"] == "fail"  # names masked as ***
    assert got["HY-03"] == "fail"  # 更新时间 / 本文来源 / 推荐内容


def test_003_template_placeholders_in_the_collection(seeds_dir, packs):
    docs = _outcomes(seeds_dir, "003", packs)
    assert len(docs) > 1  # several summaries run together
    assert any(d.get("HY-01") == "fail" for d in docs)  # 20xx / x年 / 20__
    assert any(d.get("HY-03") == "fail" for d in docs)  # "(通用14篇)"


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_a_document_that_is_not_a_report_is_not_graded_pass(seeds_dir, prefix):
    """FC-02 is a veto: the annual-report packs do not apply to a summary, so without it the few
    packs that do would grade it 合格."""
    from gxaudit import scoring

    packs = load_packs(PACKS)
    subs = extract(read_document(_seed(seeds_dir, prefix)))
    findings = [f for s in subs for f in evaluate(s, packs, CheckContext())]
    card = scoring.scorecard(prefix, subs, findings, packs)
    assert card.veto and card.grade == "不合格"
    assert [f.veto for f in card.findings if f.rule_id == "FC-02"] == [True]
