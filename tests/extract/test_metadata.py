"""Who, which year, when — each with where it came from; the manifest beats inference."""

from __future__ import annotations

import datetime as dt

import pytest

from gxaudit.extract import extract, failed_submission, submission_from_text
from gxaudit.extract.metadata import agency_kind_of
from gxaudit.ingest import read_document
from gxaudit.model import ReadFailure


def read(path, display=None, manifest=None):
    subs = extract(read_document(path, display or path.name), manifest)
    assert len(subs) == 1
    return subs[0]


def test_seed_001_metadata(seeds_dir):
    sub = read(seeds_dir / "001_6c6888ab43a2d839.txt")
    assert sub.title.value == "双辽市教育局2020年政府信息公开工作年度报告"
    assert (sub.agency.value, sub.agency.source) == ("双辽市教育局", "title")
    # 双辽市 is a county-level city (县级市): its bureau ranks with county departments
    assert sub.agency_kind.value == "县直部门"
    assert (sub.report_year.value, sub.report_year.source) == (2020, "title")
    assert sub.published_at.value is None  # the text carries no date; never guessed


def test_seed_000_title_skips_the_essay_site_teaser(seeds_dir):
    sub = read(seeds_dir / "000_8443396f1d3524dd.txt")
    assert sub.title.value == "黔西南州教育局2013年度政府信息公开工作总结"  # lines 2+3 joined
    assert "小编" not in sub.title.value
    assert (sub.agency.value, sub.agency_kind.value) == ("黔西南州教育局", "市级部门")
    assert sub.report_year.value == 2013
    assert "小编为大家整理" in sub.text  # the leftover stays in the text for hygiene rules


def test_seed_004_title_over_two_lines(seeds_dir):
    sub = read(seeds_dir / "004_6b93b87c5fdd5131.txt")
    assert (sub.agency.value, sub.agency_kind.value, sub.report_year.value) == ("舞钢市教体局", "县直部门", 2019)


# folder, agency, kind, year, published (README of the corpus)
PINGTAN = [
    ("2011_syq", "平潭综合实验区", "县级政府", 2011, "2012-04-11"),
    ("2011_ptx", "平潭县人民政府", "县级政府", 2011, "2012-04-18"),
    ("2012_ptx", "平潭县人民政府", "县级政府", 2012, "2013-01-17"),
    ("2012_syq", "平潭综合实验区", "县级政府", 2012, "2013-02-25"),
    ("2013_ptx", "平潭县人民政府", "县级政府", 2013, "2014-01-22"),
    ("2013_syq", "平潭综合实验区", "县级政府", 2013, "2014-01-10"),
    ("2013_dsj", "平潭综合实验区地方税务局", "县直部门", 2013, "2014-02-25"),
    ("2014_syq", "平潭综合实验区管委会", "县级政府", 2014, "2015-01-02"),
    ("2015_syq", "平潭综合实验区", "县级政府", 2015, "2016-01-12"),
    ("2017_syq", "平潭综合实验区", "县级政府", 2017, "2018-01-23"),
    ("2018_syq", "平潭综合实验区", "县级政府", 2018, "2019-01-10"),
    ("2019_syq", "平潭综合实验区", "县级政府", 2019, "2020-01-20"),
    ("2020_syq", "平潭综合实验区", "县级政府", 2020, "2021-03-05"),
    ("2021_syq", "平潭综合实验区", "县级政府", 2021, "2022-02-08"),
    ("2023_syq", "平潭综合实验区", "县级政府", 2023, "2024-03-08"),
    ("2024_syq", "平潭综合实验区", "县级政府", 2024, "2025-03-10"),
    ("2025_syq", "平潭综合实验区", "县级政府", 2025, "2026-03-10"),
]


@pytest.mark.parametrize(("folder", "agency", "kind", "year", "published"), PINGTAN)
def test_pingtan_reports(pingtan_dir, folder, agency, kind, year, published):
    sub = read(pingtan_dir / f"annual/{folder}/page.txt", f"{folder}/page.txt")
    # the printed issuer is kept as printed (管委会 stays 管委会); 来源 in the chrome is ignored
    assert (sub.agency.value, sub.agency.source) == (agency, "title")
    assert sub.agency_kind.value == kind
    assert sub.report_year.value == year
    assert sub.published_at.value == dt.date.fromisoformat(published)
    assert sub.published_at.source == "published_line"
    assert sub.url and sub.url.startswith("https://www.pingtan.gov.cn/")


def test_pingtan_letter_issuer_from_signature(pingtan_dir):
    sub = read(pingtan_dir / "annual/2014_syq-han/page.txt", "2014_syq-han/page.txt")
    assert sub.title.value == "关于2014年政府信息公开工作要点落实情况的函"
    # 发布机构 empty, title names no body, the chrome says 平潭县人民政府: the 落款 decides
    assert (sub.agency.value, sub.agency.source) == ("平潭综合实验区管委会办公室", "body")
    assert sub.published_at.value == dt.date(2014, 12, 10)


def test_manifest_beats_inference(seeds_dir):
    man = {"agency": "双辽市教育局（清单）", "kind": "市级部门", "period": "2021", "published_at": "2021/1/28",
           "url": "http://example.org/r"}
    sub = read(seeds_dir / "001_6c6888ab43a2d839.txt", manifest=man)
    assert (sub.agency.value, sub.agency.source) == ("双辽市教育局（清单）", "manifest")
    assert (sub.agency_kind.value, sub.agency_kind.source) == ("市级部门", "manifest")
    assert (sub.report_year.value, sub.report_year.source) == (2021, "manifest")
    assert (sub.published_at.value, sub.published_at.source) == (dt.date(2021, 1, 28), "manifest")
    assert sub.url == "http://example.org/r"


def test_published_line_in_body_and_signature_date():
    sub = submission_from_text("城关镇2022年政府信息公开工作年度报告\n发布日期：2023年1月20日\n一、总体情况\n正文。")
    assert (sub.published_at.value, sub.published_at.source) == (dt.date(2023, 1, 20), "published_line")
    sub = submission_from_text("城关镇2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n城关镇人民政府\n二〇二三年一月十八日")
    assert (sub.published_at.value, sub.published_at.source) == (dt.date(2023, 1, 18), "body")
    assert "落款" in sub.published_at.detail


def test_agency_from_file_name_when_text_is_silent():
    sub = submission_from_text("今年我们做了很多工作。", name="城关镇/东城街道办事处.txt")
    assert (sub.agency.value, sub.agency.source, sub.agency_kind.value) == ("东城街道办事处", "file", "街道")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("城关镇", "乡镇"), ("某某乡人民政府", "乡镇"), ("东城街道办事处", "街道"), ("霍邱县人民政府", "县级政府"),
        ("平潭综合实验区", "县级政府"), ("某县财政局", "县直部门"), ("某区民政局", "县直部门"),
        ("义乌市教育局", "县直部门"), ("长沙市教育局", "市级部门"), ("黔西南州教育局", "市级部门"),
        ("县第一中学", "学校"), ("湖南省教育厅", "其他"), (None, None),
    ],
)
def test_agency_kind_from_name(name, kind):
    assert agency_kind_of(name) == kind


def test_failed_submission_keeps_manifest_fields():
    failure = ReadFailure(path="a/坏文件.docx", reason="corrupt", message="无法读取 a/坏文件.docx：文件已损坏")
    sub = failed_submission(failure, {"agency": "城关镇", "kind": "乡镇", "period": "2025", "published_at": "2026-01-20"})
    assert sub.failure == failure and sub.id == "a/坏文件.docx"
    assert (sub.agency.value, sub.agency_kind.value, sub.report_year.value) == ("城关镇", "乡镇", 2025)
    assert sub.published_at.value == dt.date(2026, 1, 20)
    assert sub.warnings == [failure.message]


def test_page_fragment_names_its_issuer_by_what_its_opening_repeats(pingtan_dir):
    """2021's body.html is the article region only: no title, no 落款, just "我区…平潭综合实验区…"."""
    sub = read(pingtan_dir / "annual/2021_syq/body.html", "2021_syq/body.html")
    assert sub.title.value is None
    assert (sub.agency.value, sub.agency.source) == ("平潭综合实验区", "body")
    assert "我区" in sub.agency.detail and "4次" in sub.agency.detail
    assert sub.agency_kind.value == "县级政府"
    assert not any("未能识别单位名称" in w for w in sub.warnings)
    # a manifest still wins
    sub = read(pingtan_dir / "annual/2021_syq/body.html", "2021_syq/body.html", {"agency": "平潭县人民政府"})
    assert (sub.agency.value, sub.agency.source) == ("平潭县人民政府", "manifest")


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        # the opening repeats a full name after different characters: taken, not its tail 教育局
        ("根据条例，我局编制了本报告。报告可在雨山区教育局网站下载，疑问请与雨山区教育局办公室联系。\n一、总体情况\n正文。",
         "雨山区教育局"),
        # 市教育局 names no city; a name said once is not enough; no self-reference, no guess
        ("根据条例，我局编制了本报告。请与市教育局联系，市教育局网站可下载。\n一、总体情况\n正文。", None),
        ("根据条例，我局编制了本报告。请与雨山区教育局联系。\n一、总体情况\n正文。", None),
        ("根据条例编制本报告。请与雨山区教育局联系，雨山区教育局网站可下载。\n一、总体情况\n正文。", None),
    ],
)
def test_agency_from_the_opening(text, agency):
    sub = submission_from_text(text, "body.html")
    assert sub.agency.value == agency
    assert any("未能识别单位名称" in w for w in sub.warnings) == (agency is None)


def test_seed_003_parts_without_a_name_say_so(seeds_dir):
    subs = extract(read_document(seeds_dir / "003_391da73ada556ced.txt", "003.txt"))
    assert len(subs) == 14
    # no part of an essay-site collection is any agency's report, whatever name its text repeats
    assert all(s.agency.value is None and s.agency_kind.value is None for s in subs)
    unnamed = list(range(1, 15))
    # parts 2 and 10 name a body in their opening (霍邱县 / 雨山区教育局): said, not taken
    assert "“霍邱县”" in subs[1].agency.detail and "“雨山区教育局”" in subs[9].agency.detail
    for k in unnamed:
        said = [w for w in subs[k - 1].warnings if "未能识别单位名称" in w]
        assert len(said) == 1 and said[0].startswith(f"003.txt（第{k}篇）")
    placeholder = {k for k in unnamed if "占位符" in subs[k - 1].agency.detail}
    assert placeholder == {8, 12, 13, 14}
    assert "“xx中学”" in subs[13].agency.detail
    # no part has a year (20xx only), and each says so
    assert all(s.report_year.value is None for s in subs)
    assert all(sum("未能识别报告年度" in w for w in s.warnings) == 1 for s in subs)


def test_issuer_before_about_is_the_whole_name(pingtan_dir):
    sub = read(pingtan_dir / "pages/gsgg_108735/page.txt", "gsgg_108735/page.txt")
    assert (sub.agency.value, sub.agency.source) == ("平潭综合实验区市场监督管理局", "title")
    assert sub.agency_kind.value == "县直部门"
    # a notice has no report year to miss: no year warning for it
    assert sub.doc_type.value == "other"
    notice = submission_from_text("平潭县人民政府关于恢复电动摩托车登记的通告\n各有关单位：现将有关事项通告如下。")
    assert notice.agency.value == "平潭县人民政府" and notice.report_year.value is None
    assert not any("未能识别报告年度" in w for w in notice.warnings)


@pytest.mark.parametrize(("name", "kind"), [("霍邱县", "县级政府"), ("鼓楼区", "县级政府"), ("达拉特旗", "县级政府"),
                                            ("义乌市", "县级政府"), ("北厝金井湾片区", None), ("杭州市", None)])
def test_bare_county_names_are_county_governments(name, kind):
    assert agency_kind_of(name) == kind


def test_placeholder_year_is_named(seeds_dir):
    subs = extract(read_document(seeds_dir / "003_391da73ada556ced.txt", "003.txt"))
    assert "“20xx年”" in subs[0].report_year.detail
    assert any("未能识别报告年度（年份是占位符" in w for w in subs[0].warnings)
