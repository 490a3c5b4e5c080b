"""Doc type follows the content format, not the year."""

from __future__ import annotations

import pytest

from gxaudit.extract import extract, submission_from_text
from gxaudit.ingest import read_document

OFFICIAL_HEADINGS = ["一、总体情况", "正文。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "无。"]


def read(path, display=None):
    return extract(read_document(path, display or path.name))


@pytest.mark.parametrize(
    ("seed", "doc_type"),
    [
        ("001_6c6888ab43a2d839.txt", "annual_report_2019"),  # 2019 tables in a report on 2020
        ("000_8443396f1d3524dd.txt", "work_summary"),  # covers only 主动公开 of the content items
        ("002_d23247dfbad7d26e.txt", "other"),  # a 2005 汇报 on 政务公开
        ("004_6b93b87c5fdd5131.txt", "annual_report_legacy"),  # free form on 2019: the format rule flags it
    ],
)
def test_seeds(seeds_dir, seed, doc_type):
    subs = read(seeds_dir / seed)
    assert len(subs) == 1 and subs[0].doc_type.value == doc_type


def test_seed_000_and_004_years(seeds_dir):
    assert read(seeds_dir / "000_8443396f1d3524dd.txt")[0].report_year.value == 2013
    assert read(seeds_dir / "004_6b93b87c5fdd5131.txt")[0].report_year.value == 2019


FORMATS = {
    **{f: "annual_report_legacy" for f in ("2011_syq", "2011_ptx", "2012_ptx", "2012_syq", "2013_ptx", "2013_syq",
                                             "2013_dsj", "2014_syq", "2015_syq", "2017_syq", "2018_syq")},
    "2014_syq-han": "other",
    "2019_syq": "annual_report_2019",
    "2020_syq": "annual_report_2019",
    **{f: "annual_report_2021" for f in ("2021_syq", "2023_syq", "2024_syq", "2025_syq")},
}


@pytest.mark.parametrize(("folder", "doc_type"), sorted(FORMATS.items()))
def test_pingtan_formats(pingtan_dir, folder, doc_type):
    subs = read(pingtan_dir / f"annual/{folder}/page.txt", f"{folder}/page.txt")
    assert [s.doc_type.value for s in subs] == [doc_type]


def test_every_pingtan_report_is_covered(pingtan_dir):
    folders = {p.parent.name for p in (pingtan_dir / "annual").glob("*/page.txt")}
    assert folders == set(FORMATS)


def test_official_headings_without_table_text_use_the_year_and_say_so():
    sub = submission_from_text("\n".join(["城关镇2022年政府信息公开工作年度报告", *OFFICIAL_HEADINGS]))
    assert sub.doc_type.value == "annual_report_2021"
    # said once per table by the table reader, which names each; the doc type adds nothing
    pictures = [w for w in sub.warnings if "图片" in w]
    assert len(pictures) == 3 and len(set(pictures)) == 3
    assert not any("六部分标题但未见表格文字" in w for w in sub.warnings)
    sub = submission_from_text("\n".join(["城关镇2020年政府信息公开工作年度报告", *OFFICIAL_HEADINGS]))
    assert sub.doc_type.value == "annual_report_2019"


def test_2021_labels_beat_the_year():
    lines = ["城关镇2020年政府信息公开工作年度报告", *OFFICIAL_HEADINGS[:3],
             "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "行政规范性文件 0 0 3",
             "本年新收政府信息公开申请数量 0"]
    sub = submission_from_text("\n".join(lines))
    assert sub.doc_type.value == "annual_report_2021"


def test_free_form_report_by_title_and_letter():
    assert submission_from_text("城关镇2016年政府信息公开工作年度报告\n一、概述\n正文。").doc_type.value == "annual_report_legacy"
    sub = submission_from_text("关于做好2016年政府信息公开工作的通知\n一、主动公开\n二、依申请公开\n三、问题及改进\n四、收费")
    assert sub.doc_type.value == "other"


def test_free_form_report_keeps_only_its_statistics_table(pingtan_dir):
    [sub] = read(pingtan_dir / "annual/2015_syq/body.html", "2015_syq/body.html")
    assert sub.doc_type.value == "annual_report_legacy"
    # "五、因政府信息公开申请行政复议…" shares wording with the official part 四, but a free-form
    # report has no official tables: nothing is read or warned about them
    assert set(sub.tables) <= {"legacy_stats"}
    assert not any("复议诉讼表" in w or "主动公开表" in w for w in sub.warnings)
