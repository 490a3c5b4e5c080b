"""The real portal: site/columns.csv and units/log.csv of Pingtan, through the real pipeline.

One run (module fixture) of the documented command's pipeline with examples/pingtan/gxaudit.toml,
as of 2026-09-10; the assertions pin what a clerk would check by hand in the CSVs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gxaudit import pipeline
from gxaudit.extract import extract, monthlyconf
from gxaudit.ingest import read_document
from gxaudit.rules.config import load_config

AS_OF = dt.date(2026, 9, 10)


def run(repo: Path, pingtan: Path, extra: dict | None = None, period: str | None = None, history=None):
    cfg = load_config(repo / "examples" / "pingtan" / "gxaudit.toml")
    for rid, params in (extra or {}).items():
        cfg.params[rid] = {**cfg.params.get(rid, {}), **params}
    opts = pipeline.Options(dirs=[pingtan / "site", pingtan / "units"], as_of=AS_OF, period=period,
                            config=dict(cfg.other), rules_config=cfg, history=history)
    return pipeline.run(opts)


@pytest.fixture(scope="module")
def outcome(repo_dir, pingtan_dir):
    return run(repo_dir, pingtan_dir)


@pytest.fixture(scope="module")
def cards(outcome):
    return {c.agency: c for c in outcome.result.scorecards}


def failed(card, rule):
    return next((f for f in card.findings if f.rule_id == rule and f.outcome == "fail"), None)


def test_agencies_named_from_the_map(cards):
    assert "平潭综合实验区财政金融局" in cards and "平潭综合实验区投资促进局" in cards
    assert cards["平潭综合实验区海坛片区管理局"].peer_group == "乡镇（街道）"
    assert cards["平潭综合实验区财政金融局"].peer_group == "县直部门"
    assert not any(a.startswith(("zwgk", "ptzhsyq")) for a in cards)


def test_unknown_is_not_empty(outcome):
    (site,) = outcome.result.summary["monthly"]["snapshots"]
    assert site["status"] == {"ok": 195, "empty": 0, "unknown": 305}
    assert site["veto_empty"]["count"] == 0 and not site["veto_empty"]["reached"]
    reasons = {u["path"]: u["reason"] for u in site["unknown"]}
    assert "184篇" in reasons["zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/fdzdgknr/10qtwjdzjg"]
    assert "不是文章列表" in reasons["zwgk/zfxxgk/zfxxgkzn"]
    assert "未保存" in reasons["zwgk/zfxxgk/zfxxgksq/blsx"]
    for card in outcome.result.scorecards:  # never a deduction for a column that could not be checked
        for f in card.findings:
            if f.outcome == "fail" and f.rule_id.endswith("E01"):
                pytest.fail(f"{card.agency}: {f.message}")


def test_stale_columns_and_the_national_counts(outcome):
    (site,) = outcome.result.summary["monthly"]["snapshots"]
    stale = {(c["path"], c["last"], c["days"]) for c in site["stale"]}
    # 人事任免: newest 2025-08-05 on the list (not its first row), 401 days > 365
    assert ("zwgk/zfxxgk/fdzdgknr/zkly/rsrm", "2025-08-05", 401) in stale
    # 图片新闻 prints no dates at all: counts as not updated
    assert ("zwgk/yw/tpxw", None, None) in stale
    # ascending list (oldest first): 标准目录 of 金井 is guide; 政策 of 君山 lists 2020-12-23 first, newest wins
    assert ("zwgk/ztzl/jczwgkbzhgfh/sdpq/jspq/zc", "2020-12-23", 2087) in stale
    fresh = {c["path"] for c in site["stale"]}
    assert "zwgk/yw/ptyw" not in fresh and "zwgk/gsgg" not in fresh  # 平潭要闻, 公示公告 on the day
    veto = site["veto_stale"]
    assert veto["threshold"] == 5 and veto["count"] == len(veto["columns"]) >= 5 and veto["reached"]
    assert {c["class"] for c in veto["columns"]} <= {"dynamic", "notice_policy"}


def test_pinned_old_item_does_not_hide_a_fresh_one(pingtan_dir, repo_dir):
    """平潭政策 (jczwgkbzhgfh/ptzc) prints [2020-10-21] first; 工作动态 of 海坛 lists [2026-09-10]."""
    settings = monthlyconf.from_config({"column_map": "columns.toml"}, repo_dir / "examples" / "pingtan")
    subs = extract(read_document(pingtan_dir / "site" / "columns.csv", "site/columns.csv"),
                   {"monthly": monthlyconf.encode(settings)})
    items = [i for s in subs for i in s.items if i.column == "zwgk/ztzl/jczwgkbzhgfh/sdpq/htpq/gzdt"]
    assert items[0].date_raw == "[2026-09-10]" and items[0].date_source == "list_page:bracket"
    assert max(i.published for i in items) == dt.date(2026, 9, 10)


def test_report_timeliness_table_and_ranking(outcome, cards):
    rt = outcome.result.summary["monthly"]["report_timeliness"]
    assert rt["year"] == 2025 and rt["years"][0] == 2019
    assert rt["late"] == [{"agency": "平潭综合实验区投资促进局", "year": 2025, "days_late": 76,
                           "published": "2026-04-17", "deadline": "2026-01-31"}]
    groups = {g["name"]: g["rows"] for g in rt["groups"]}
    depts = {r["agency"]: r for r in groups["县直部门"]}
    assert depts["平潭综合实验区投资促进局"]["rank"] == len(depts)  # the late one last
    assert depts["平潭综合实验区投资促进局"]["reports"]["2023"]["published"] == "2024-01-26"  # as 国有资产管理局
    areas = {r["agency"]: r for r in groups["乡镇（街道）"]}
    assert len(areas) == 4 and all(r["change"] is not None for r in areas.values())
    # 苏平 2020: the 函 transmitting the report counts as its publication, nothing missing
    assert areas["平潭综合实验区苏平片区管理局"]["missing"] == []
    f = failed(cards["平潭综合实验区投资促进局"], "RT-01")
    assert f is not None and "2025年（逾期76天）" in f.message


def test_log_silent_columns_and_months(outcome, cards):
    (log,) = outcome.result.summary["monthly"]["logs"]
    assert log["agency"] == "平潭综合实验区海坛片区管理局"
    assert log["window"] == ["2025-09-01", "2026-08-31"] and len(log["months"]) == 12
    silent = {s["name"]: s["last"] for s in log["silent"]}
    assert silent["其他应主动公开的政府信息"] == "2023-04"
    assert silent["环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"] == "2024-07"
    assert "政府信息公开年报" not in silent  # its report on 2025 is in 2026-01
    assert len(silent) == 14
    f = failed(cards["平潭综合实验区海坛片区管理局"], "MT-S01")
    assert "其他应主动公开的政府信息”（最后一条2023-04）" in f.message


def test_changed_threshold_changes_the_findings(repo_dir, pingtan_dir, outcome):
    (site,) = outcome.result.summary["monthly"]["snapshots"]
    assert "zwgk/zfxxgk/fdzdgknr/zkly/rsrm" in {c["path"] for c in site["stale"]}
    looser = run(repo_dir, pingtan_dir, {"MD-F03": {"thresholds": {"personnel_planning": 450}},
                                         "MD-V01": {"min_count": 20}, "RT-01": {"deadlines": {"县直部门": "04-30"}}})
    (site2,) = looser.result.summary["monthly"]["snapshots"]
    assert "zwgk/zfxxgk/fdzdgknr/zkly/rsrm" not in {c["path"] for c in site2["stale"]}
    assert site2["veto_stale"]["threshold"] == 20 and not site2["veto_stale"]["reached"]
    assert looser.result.summary["monthly"]["report_timeliness"]["late"] == []
    portal = {c.agency: c for c in looser.result.scorecards}["平潭综合实验区"]
    assert not portal.veto and portal.total > 59
    assert any("MD-F03.with.thresholds" in o for p in looser.result.run.packs for o in p.overrides)


def test_html_heat_map_and_timeliness(outcome):
    from gxaudit.report import html

    text = html.render(outcome.result)
    assert text.count('class="heat"') == 1 and "（2025-09 至 2026-08）" in text
    heat = text.split('class="heat"')[1].split("</table>")[0]
    assert "其他应主动公开的政府信息" in heat and "2023-04" in heat and "background:#" in heat
    assert "2026-04-17（逾期76天）" in text and "无法核查的栏目 305 个" in text


def test_month_circular_names_silent_columns(repo_dir, pingtan_dir, tmp_path):
    from gxaudit.report import circular, circular_docx, circular_md

    cfg = load_config(repo_dir / "examples" / "pingtan" / "gxaudit.toml")
    opts = pipeline.Options(dirs=[pingtan_dir / "units"], period="2026-08", config=dict(cfg.other), rules_config=cfg,
                            history=tmp_path / "h.sqlite")
    result = pipeline.run(opts).result
    assert result.run.as_of == dt.date(2026, 8, 31)
    (card,) = result.scorecards  # the month's findings, pinned
    got = {f.rule_id: (f.count, f.deduction) for f in card.findings if f.outcome == "fail"}
    assert got == {"MT-S01": (14, 0.0), "MT-F02": (2, 10.0), "MT-F03": (1, 1.0), "MT-Q01": (1, 0.0)}
    f02 = next(f for f in card.findings if f.rule_id == "MT-F02")
    assert [c["last"] for c in f02.data["columns"]] == ["2021-04", "2021-06"]
    assert card.total == 91.54 and card.grade == "优秀" and not card.veto
    data = circular.build(result)
    md = circular_md.write(data, tmp_path / "c.md").read_text(encoding="utf-8")
    assert "2026年8月" in data.title
    assert "“其他应主动公开的政府信息”（最后一条2023-04）" in md and "“政府信息公开指南”（最后一条2021-11）" in md
    docx = circular_docx.write(data, tmp_path / "c.docx")
    from docx import Document

    body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "其他应主动公开的政府信息" in body and "2023-04" in body
