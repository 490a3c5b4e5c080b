"""Title vs body (HY-05–HY-08): planted contradictions are found with the right rule, line and
points; real reports that mention other years legitimately stay silent.

The real documents are read from ../shared at test time: Pingtan's reports 2011–2025 (page.txt
and the HTML renderings) and the five seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gxaudit import scoring
from gxaudit.extract import extract, submission_from_text
from gxaudit.ingest import read_document
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.checks import metadata_consistency as M
from gxaudit.rules.context import CheckContext

HY = ("HY-05", "HY-06", "HY-07", "HY-08")


@pytest.fixture(scope="module")
def hygiene():
    return load_packs(["hygiene"])


def _doc(lines: list[str]) -> str:
    return "\n".join(lines)


def _findings(text: str, packs, meta=None):
    sub = submission_from_text(text, "r.txt", meta)
    return sub, {f.rule_id: f for f in evaluate(sub, packs, CheckContext())}


STONE = {"agency": "青山县石桥镇人民政府", "kind": "乡镇", "period": "2024"}
TITLE = "青山县石桥镇人民政府2024年政府信息公开工作年度报告"


def test_last_years_period_left_in_a_report_titled_this_year(hygiene):
    text = _doc([TITLE, "一、总体情况", "2024年，我镇主动公开政府信息126条，2024年未收到申请。",
                      "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"])
    sub, got = _findings(text, hygiene, STONE)
    f = got["HY-05"]
    assert f.outcome == "fail" and "2023" in f.message and "2024" in f.message
    assert [e.line for e in f.evidence] == [4]  # the period line, not the title
    assert "统计期限自2023年" in f.evidence[0].quote
    assert {k: got[k].outcome for k in ("HY-06", "HY-07", "HY-08")} == dict.fromkeys(("HY-06", "HY-07", "HY-08"), "pass")
    card = scoring.scorecard("石桥镇", [sub], list(got.values()), hygiene)
    [lost] = [x for x in card.findings if x.rule_id == "HY-05"]
    assert lost.deduction == 10


def test_body_about_another_year(hygiene):
    text = _doc([TITLE, "一、总体情况", "2022年，我镇主动公开政府信息120条，2022年共收到申请2件，2022年均已办结。",
                      "五、存在的主要问题及改进情况", "2022年栏目更新不及时。"])
    sub, got = _findings(text, hygiene, STONE)
    f = got["HY-06"]
    assert f.outcome == "fail" and f.data["mentions"]["2022"] == 4 and f.evidence[0].line == 3
    assert got["HY-05"].outcome == "pass"
    card = scoring.scorecard("石桥镇", [sub], list(got.values()), hygiene)
    assert [x.deduction for x in card.findings if x.rule_id == "HY-06"] == [5]


def test_another_body_named_as_the_author(hygiene):
    text = _doc([TITLE, "本报告由青山县城关镇人民政府编制。", "一、总体情况", "2024年全镇主动公开政府信息126条。",
                      "青山县城关镇人民政府", "2025年1月18日"])
    sub, got = _findings(text, hygiene, STONE)
    f = got["HY-08"]
    assert f.outcome == "fail" and f.evidence[0].line == 2 and "城关镇" in f.message and "石桥镇" in f.message
    card = scoring.scorecard("石桥镇", [sub], list(got.values()), hygiene)
    assert [x.deduction for x in card.findings if x.rule_id == "HY-08"] == [10]


def test_title_of_another_body_than_the_submitter(hygiene):
    _, got = _findings(_doc([TITLE, "一、总体情况", "2024年全镇主动公开政府信息126条。"]), hygiene,
                       {**STONE, "agency": "青山县城关镇人民政府"})
    assert got["HY-08"].outcome == "fail" and "城关镇" in got["HY-08"].message


def test_a_collection_in_one_file(hygiene):
    text = _doc([
        "2024年政务公开工作总结（通用2篇）", "2024年政务公开工作总结 篇1", "一、基本情况",
        "2024年，我镇全年在政府网站主动公开信息215条，其中政策文件12件，均按时公开。", "二、主要做法",
        "建立了信息发布审核制度，每条信息经分管领导审核后发布，全年无差错。", "2024年政务公开工作总结 篇2",
        "一、基本情况", "2024年，我局在门户网站专栏主动公开政府信息96条，回应群众关切事项8件。", "二、主要做法",
        "落实保密审查制度，全年未发生泄密事件，公开栏每月更新一次。"])
    sub, got = _findings(text, hygiene)
    assert sub.parts_in_file == 2
    assert got["HY-07"].outcome == "fail" and got["HY-07"].data["parts_in_file"] == 2


@pytest.mark.parametrize("body", [
    "本报告由县卫健委办公室编制。",  # abbreviation of the body's own name, its own office
    "青山县卫生健康委员会办公室编制完成了本报告。",
    "本报告根据《关于编制公布2023年政府信息公开工作年度报告有关事项的通知》编制，所列数据统计期限为2024年1月1日至2024年12月31日。",
    "2020年以来累计公开1200条，比2023年增加28条；2025年将继续完善栏目。",
])
def test_legitimate_mentions_stay_silent(hygiene, body):
    title = "青山县卫生健康委员会2024年政府信息公开工作年度报告"
    text = _doc([title, body, "一、总体情况", "2024年，我委主动公开政府信息318条，2024年共收到申请3件。"])
    _, got = _findings(text, hygiene, {"agency": "青山县卫生健康委员会", "kind": "县直部门", "period": "2024"})
    assert {k: got[k].outcome for k in HY} == dict.fromkeys(HY, "pass")


@pytest.mark.parametrize("ref, name, same", [
    ("平潭综合实验区", "区管委会办公室", True),
    ("青山县卫生健康委员会", "县卫健委", True),
    ("青山县石桥镇人民政府", "石桥镇人民政府", True),
    ("青山县石桥镇人民政府", "青山县城关镇人民政府", False),
    ("青山县教育局", "青山县卫生健康委员会", False),
    ("青山县教育局", "绿水县教育局", False),
])
def test_name_comparison(ref, name, same):
    assert (M.conflict(ref, name) is None) == same


def _real_files(shared_dir: Path) -> list[Path]:
    annual = shared_dir / "corpus" / "pingtan" / "annual"
    return sorted([*annual.glob("*/page.txt"), *annual.glob("*/*.html"), *(shared_dir / "seeds").glob("*.txt")])


def test_no_false_alarm_on_real_reports(shared_dir, hygiene):
    """Pingtan 2011–2025 mention 2020年以来, next year's plans, notices with years: none fires.

    The only HY-05–HY-08 failures on real input are seed 003's collection (HY-07, one per part).
    """
    fired = []
    for path in _real_files(shared_dir):
        for sub in extract(read_document(path, path.name)):
            for f in evaluate(sub, hygiene, CheckContext()):
                if f.rule_id in HY and f.outcome == "fail":
                    fired.append((path.name, f.rule_id))
    assert fired and all(name.startswith("003_") and rid == "HY-07" for name, rid in fired), fired
    assert len(fired) > 1


def test_seed_collection_is_not_a_pass(seeds_dir):
    """Seed 003, fourteen essay-site summaries in one file: HY-07 is a veto, FC-02 fails without a year."""
    packs = load_packs(["hygiene", "format-choice"])
    subs = extract(read_document(next(seeds_dir.glob("003_*.txt"))))
    findings = [f for s in subs for f in evaluate(s, packs, CheckContext())]
    summaries = [s for s in subs if s.doc_type.value == "work_summary"]
    assert summaries and all(f.outcome == "fail" for s in summaries for f in evaluate(s, packs, CheckContext())
                             if f.rule_id == "FC-02")
    card = scoring.scorecard("003", subs, findings, packs)
    assert card.veto and card.grade == "不合格"
    [hy07] = [f for f in card.findings if f.rule_id == "HY-07"]
    assert hy07.veto and hy07.count == len(subs) == 14
