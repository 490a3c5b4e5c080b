"""Applicability (`has_table`, unknown agency kind), pattern checks over table text, and which
peers count for 雷同 — each on hand-built input and on the real Pingtan reports."""

from __future__ import annotations

import pytest
from rules_build import GOOD_PARTS, sub, table

from gxaudit.extract import extract
from gxaudit.ingest import read_document
from gxaudit.model import Cell, Sourced
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.checks import get
from gxaudit.rules.context import CheckContext


@pytest.fixture(scope="module")
def legacy():
    return load_packs(["annual-report-legacy"])


CTX = CheckContext()


def _run(kind: str, s, ctx=CTX, **params):
    mod = get(kind)
    [r] = mod.run(s, mod.Params.model_validate(params), ctx)
    return r


def _legacy_sub(prose: str, rows: dict | None = None, **kw):
    tables = {"legacy_stats": table("legacy_stats", rows)} if rows else {}
    return sub(extra=[prose], doc_type="annual_report_legacy", year=2014, tables=tables, **kw)


FEE_ROW = {"proactive_total": {"year": 12, "cumulative": 40}, "fees_waived": {"year": 0, "cumulative": 0}}


def test_fee_stated_only_in_the_stats_table_passes_with_include_tables():
    s = _legacy_sub("2014年主动公开政府信息12条。", FEE_ROW)
    r = _run("pattern_present", s, patterns=["收费(及|和|与|、)?减免"], include_tables=True)
    assert r.outcome == "pass"
    assert (r.evidence[0].table, r.evidence[0].row, r.evidence[0].line) == ("legacy_stats", "fees_waived", 101)
    assert _run("pattern_present", s, patterns=["收费(及|和|与|、)?减免"]).outcome == "fail"  # prose only


def test_blank_table_row_states_nothing():
    s = _legacy_sub("2014年主动公开政府信息12条。", {"fees_waived": {"year": None, "cumulative": None}})
    assert _run("pattern_present", s, patterns=["收费减免"], include_tables=True).outcome == "fail"


def test_pattern_absent_finds_a_placeholder_typed_into_a_table():
    s = _legacy_sub("2014年主动公开政府信息12条。", FEE_ROW)
    s.tables["legacy_stats"].extra_rows["xx镇公开数"] = {"year": Cell(value=3, raw="3")}
    r = _run("pattern_absent", s, patterns=["(?<![0-9A-Za-z])[xX]{2,}"], include_tables=True)
    assert r.outcome == "fail" and r.evidence[0].table == "legacy_stats" and r.evidence[0].row == "xx镇公开数"
    assert _run("pattern_absent", s, patterns=["(?<![0-9A-Za-z])[xX]{2,}"]).outcome == "pass"


def test_lg_c04_does_not_take_published_fee_information_for_a_fee_statement(legacy):
    """"价格和收费信息3条" is what was published, not what applicants paid."""
    s = _legacy_sub("2012年主动公开价格和收费信息3条、“三公”经费信息9条。")
    got = {f.rule_id: f.outcome for f in evaluate(s, legacy, CheckContext())}
    assert got["LG-C04"] == "fail"
    s = _legacy_sub("2014年我区各级工作部门依申请提供政府信息暂不收费。")
    assert {f.rule_id: f.outcome for f in evaluate(s, legacy, CheckContext())}["LG-C04"] == "pass"


def test_stats_rules_not_applicable_without_a_stats_table(legacy):
    got = {f.rule_id: f for f in evaluate(_legacy_sub("2014年主动公开政府信息12条。"), legacy, CheckContext())}
    for rid in ("LG-D01", "LG-D02", "LG-D03", "LG-H01"):
        assert got[rid].outcome == "not_applicable" and "统计表" in got[rid].message, rid
    with_table = _legacy_sub("2014年主动公开政府信息12条。", {
        "proactive_total": {"year": 12, "cumulative": 40}, "proactive_website": {"year": 12, "cumulative": 40},
        "proactive_gazette": {"year": 0, "cumulative": 0}})
    got = {f.rule_id: f.outcome for f in evaluate(with_table, legacy, CheckContext())}
    assert got["LG-D01"] == "pass"


def test_real_legacy_fee_statements(pingtan_dir, legacy):
    """2014/2015 state fees in prose and in the 统计表; 2017/2018 mention only 行政事业性收费信息."""
    annual = pingtan_dir / "annual"
    outcome = {}
    for name in ("2014_syq", "2015_syq", "2017_syq", "2018_syq", "2012_syq"):
        s = extract(read_document(annual / name / "page.txt"))[0]
        outcome[name] = {f.rule_id: f for f in evaluate(s, legacy, CheckContext())}["LG-C04"].outcome
    assert outcome == {"2014_syq": "pass", "2015_syq": "pass", "2017_syq": "fail", "2018_syq": "fail",
                       "2012_syq": "fail"}
    # the 统计表 row alone is enough: 2015's HTML (a real <table>, outside the prose) without its
    # prose section 四 still passes, on the table row
    s = extract(read_document(annual / "2015_syq" / "body.html"))[0]
    s.paragraphs = [p.model_copy(update={"text": p.text.replace("收费及减免", "").replace("暂不收费", "")})
                    for p in s.paragraphs]
    [f] = [f for f in evaluate(s, legacy, CheckContext()) if f.rule_id == "LG-C04"]
    assert f.outcome == "pass" and f.evidence[0].row == "fees_waived"


def test_unknown_agency_kind():
    """A kind-restricted pack leaves the document alone; a kind-restricted rule cannot evaluate."""
    packs = load_packs(["shiyou-township", "annual-report-2021"])
    summary = sub(GOOD_PARTS, kind=None, doc_type="work_summary", year=2021)
    assert evaluate(summary, packs, CheckContext()) == []  # 十有 for 乡镇? the kind is not known
    report = sub(GOOD_PARTS, kind=None)
    d09 = next(f for f in evaluate(report, packs, CheckContext()) if f.rule_id == "AR21-D09")  # 乡镇 fee ceiling
    assert d09.outcome == "cannot_evaluate" and "单位类型" in d09.message
    town = sub(GOOD_PARTS, kind="乡镇", doc_type="work_summary", year=2021)
    assert any(f.pack == "shiyou-township" for f in evaluate(town, packs, CheckContext()))


def test_near_duplicate_compares_with_other_bodies_of_the_same_year():
    text = {5: "本年度栏目更新不及时的问题已整改，“涉农补贴”栏目补发信息12条，并建立每月检查制度，由办公室专人负责落实。" * 3}
    mine = sub(text, file="a.txt", agency="青山县农业农村局", year=2024)
    other_year = sub(text, file="b.txt", agency="青山县水利局", year=2023)
    own_copy = sub(text, file="a.html", agency="青山县农业农村局", year=2024)  # same report, other rendering
    peer = sub(text, file="c.txt", agency="青山县水利局", year=2024)
    ctx = CheckContext(peers=[mine, other_year, own_copy])
    assert _run("near_duplicate", mine, ctx, part=5).outcome == "cannot_evaluate"  # nobody to compare
    ctx = CheckContext(peers=[mine, other_year, own_copy, peer])
    r = _run("near_duplicate", mine, ctx, part=5)
    assert r.outcome == "fail" and r.data["other"] == "c.txt"


def test_real_reports_are_not_peers_of_other_years(pingtan_dir):
    """A folder of one body's reports 2017–2018 holds no 雷同 between bodies of one year."""
    annual = pingtan_dir / "annual"
    subs = [extract(read_document(annual / n / "page.txt", f"{n}/page.txt"))[0] for n in ("2017_syq", "2018_syq")]
    ctx = CheckContext(peers=subs)
    for s in subs:
        r = _run("near_duplicate", s, ctx, threshold=0.8)
        assert r.outcome == "cannot_evaluate", r.message


def test_cross_year_identity_not_applicable_across_a_format_change():
    """2021 report after a 2019-format one: 表二's 现行有效 has no counterpart; 表三 still chains."""
    this = sub(GOOD_PARTS, year=2021, tables={
        "proactive": table("proactive", {"normative_docs": {"issued": 2, "repealed": 0, "in_force": 7}}),
        "applications": table("applications", {"carried_in": {"total": 1}})})
    last = sub(GOOD_PARTS, year=2020, doc_type="annual_report_2019", tables={
        "proactive": table("proactive", {"normative_docs": {"made": 2, "published": 2, "total_public": 5}}),
        "applications": table("applications", {"carried_out": {"total": 2}})})
    ctx = CheckContext(previous=last, history_available=True)
    r = _run("consistency_with_previous", this, ctx, table="proactive", for_each="row",
             expect="in_force == prev.in_force + issued - repealed")
    assert r.outcome == "not_applicable" and "格式不同" in r.message
    r = _run("consistency_with_previous", this, ctx, table="applications", columns=["total"],
             expect="carried_in == prev.carried_out")
    assert r.outcome == "fail" and r.evidence[0].printed == 1 and r.evidence[0].computed == 2
    same_format = last.model_copy(update={"doc_type": Sourced(value="annual_report_2021")})
    r = _run("consistency_with_previous", this, CheckContext(previous=same_format, history_available=True),
             table="proactive", for_each="row", expect="in_force == prev.in_force + issued - repealed")
    assert r.outcome == "cannot_evaluate"  # same format, cells missing: that is not a format change


def test_shiyou_standards_judge_recent_work_summaries_only(pingtan_dir, seeds_dir):
    """十有 items are judged from a body's work summary of 2019 on, never from an annual report:
    a report that does not mention its 公开指南 has not shown that it lacks one."""
    packs = load_packs(["shiyou-department"])
    old = extract(read_document(pingtan_dir / "annual" / "2013_dsj" / "page.html"))[0]
    assert old.agency_kind.value == "县直部门" and evaluate(old, packs, CheckContext()) == []
    [report] = extract(read_document(next(seeds_dir.glob("001_*.txt"))))  # 2020 report, 2019 format
    assert report.agency_kind.value == "县直部门" and evaluate(report, packs, CheckContext()) == []
    assert evaluate(sub(GOOD_PARTS, year=2013, doc_type="work_summary"), packs, CheckContext()) == []
    recent = sub(GOOD_PARTS, year=2021, doc_type="work_summary")
    assert {f.rule_id for f in evaluate(recent, packs, CheckContext())} >= {"SY-D01", "SY-D05"}


def test_lg_c04_tax_relief_is_not_a_fee_waiver(pingtan_dir, legacy):
    """The 2013 tax bureau report: 减免税…减免金额219062.78元 is tax relief; no fee statement."""
    s = extract(read_document(pingtan_dir / "annual" / "2013_dsj" / "page.html"))[0]
    [f] = [f for f in evaluate(s, legacy, CheckContext()) if f.rule_id == "LG-C04"]
    assert f.outcome == "fail" and "收费及减免" in f.message
