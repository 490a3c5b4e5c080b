"""青山县 monthly logs (fixtures/monthly) through the real pipeline: the planted table of
make_monthly.py found exactly, months kept apart from years in the history, and one ranking
combining the annual-report packs and the monthly packs, with the circular naming columns."""

from __future__ import annotations

import shutil

import pytest

from gxaudit import pipeline
from gxaudit.history import History
from gxaudit.report import circular, circular_md
from gxaudit.rules.config import from_dict

MONTHLY = ["monthly-disclosure-township", "monthly-disclosure-department"]


def score(dirs, period, roster=None, history=None, packs=None, config=None):
    cfg = from_dict(config or {})
    opts = pipeline.Options(dirs=dirs, period=period, packs=packs, roster=roster, history=history,
                            config=dict(cfg.other), rules_config=cfg)
    return pipeline.run(opts).result


@pytest.fixture(scope="module")
def october(repo_dir):
    return score([repo_dir / "fixtures" / "monthly" / "2025-10"], "2025-10",
                 roster=repo_dir / "fixtures" / "county" / "2025-10" / "agencies.csv", packs=MONTHLY)


def fails(result) -> dict[str, dict[str, list[str]]]:
    """agency → rule → the columns (evidence quotes or sections) it names."""
    out: dict[str, dict[str, list[str]]] = {}
    for c in result.scorecards:
        for f in c.findings:
            if f.outcome == "fail" and not f.rule_id.endswith("Q01"):
                out.setdefault(c.agency, {})[f.rule_id] = sorted(e.quote or e.section or "" for e in f.evidence)
    return out


def test_october_planted_defects_exactly(october):
    got = fails(october)
    assert got == {
        "东岭镇": {"MT-F01": ["工作动态"]},
        "西河镇": {"MT-F02": ["通知公告"], "MT-F03": ["规划计划"], "MT-S01": ["规划计划"]},
        "南山乡": {"MT-E01": ["人事信息", "规划计划"]},
        "柳溪乡": {"MT-E01": ["人事信息", "政策文件", "规划计划", "财政预决算", "通知公告"],
                 "MT-V02": ["人事信息", "政策文件", "规划计划", "财政预决算", "通知公告"]},
        "石门镇": {"MT-D02": ["石门镇2025年部门预算"]},
        "县财政局": {"MD-D02": ["县财政局2024年部门决算"], "MD-L01": ["", "10月8日"]},
        "县民政局": {"MD-F01": ["工作动态"], "MD-F02": ["通知公告"]},
        "县卫生健康委员会": {"MD-F01": ["健康动态", "工作动态"], "MD-F02": ["公示公告", "政策文件", "通知公告"],
                       "MD-V01": ["健康动态", "公示公告", "工作动态", "政策文件", "通知公告"]},
        "县自然资源局": {"MD-F03": ["人事信息"], "MD-S01": ["人事信息"]},
    }
    assert got["县财政局"]["MD-D02"] == ["县财政局2024年部门决算"]
    assert len(got["县财政局"]["MD-L01"]) == 2


def test_october_days_and_vetoes(october):
    cards = {c.agency: c for c in october.scorecards}
    f01 = next(f for f in cards["东岭镇"].findings if f.rule_id == "MT-F01")
    assert f01.data["columns"][0]["days"] == 41 and "最后更新2025-09-20" in f01.message
    d02 = next(f for f in cards["石门镇"].findings if f.rule_id == "MT-D02")
    assert d02.data["days_late"] == [19]
    assert next(f for f in cards["县财政局"].findings if f.rule_id == "MD-D02").data["days_late"] == [14]
    assert cards["柳溪乡"].veto and cards["柳溪乡"].total <= 59
    assert cards["县卫生健康委员会"].veto and cards["县卫生健康委员会"].grade == "不合格"
    assert cards["城关街道"].total == 100 and cards["县教育局"].total == 100
    assert any("县文旅局" in w and "不在单位名单中" in w for w in october.summary["warnings"])
    assert "县文旅局" not in cards


def test_months_apart_from_years_and_repeats_marked(repo_dir, tmp_path):
    hist = tmp_path / "h.sqlite"
    roster = repo_dir / "fixtures" / "county" / "2025-10" / "agencies.csv"
    score([repo_dir / "fixtures" / "monthly" / "2025-10"], "2025-10", roster, hist, MONTHLY)
    score([repo_dir / "fixtures" / "county" / "2025-10"], "2025", None, hist)  # an annual run between them
    nov = score([repo_dir / "fixtures" / "monthly" / "2025-11"], "2025-11", roster, hist, MONTHLY)
    with History(hist) as h:
        assert h.previous_period("2025-11") == "2025-10"
        assert h.previous_period("2025") is None
        prev = h.load_result("2025-10")
    got = fails(nov)
    assert "东岭镇" not in got and "MT-F02" not in got["西河镇"] and "县财政局" not in got
    cards = {c.agency: c for c in nov.scorecards}
    repeated = {(c.agency, f.rule_id) for c in nov.scorecards for f in c.findings if f.repeated}
    assert {("柳溪乡", "MT-V02"), ("县民政局", "MD-F01"), ("西河镇", "MT-F03")} <= repeated
    assert not cards["县卫生健康委员会"].veto
    data = circular.build(nov, prev)
    assert data.period == "2025-11" and "2025年11月" in data.title
    text = circular_md.render(data) if hasattr(circular_md, "render") else circular_md.write(data, tmp_path / "c.md").read_text()
    assert "规划计划" in text and "2024-08-01" in text and "连续" in text


def test_reports_and_logs_in_one_folder_one_ranking(repo_dir, tmp_path):
    folder = tmp_path / "2025-10"
    shutil.copytree(repo_dir / "fixtures" / "county" / "2025-10", folder)
    shutil.copy(repo_dir / "fixtures" / "monthly" / "2025-10" / "publication-log.csv", folder)
    weights = {"monthly-disclosure-township": 2, "monthly-disclosure-department": 2}
    result = score([folder], "2025-10", config={"weights": weights})
    cards = {c.agency: c for c in result.scorecards}
    card = cards["东岭镇"]
    packs = {g.pack for g in card.groups}
    assert "monthly-disclosure-township" in packs and any(p.startswith("annual-report") for p in packs)
    earned = sum(g.weight * (g.score + g.bonus) for g in card.groups)
    points = sum(g.weight * g.points for g in card.groups)
    assert card.total == pytest.approx(round(100 * earned / points, 2), abs=0.01) or card.veto
    assert {g.weight for g in card.groups if g.pack == "monthly-disclosure-township"} == {2.0}
    assert len({r.agency for r in result.ranking}) == len(result.ranking)  # one row per agency
    md = circular_md.write(circular.build(result), tmp_path / "c.md").read_text(encoding="utf-8")
    assert "工作动态" in md and "2025-09-20" in md  # the stale column named, with its last item
