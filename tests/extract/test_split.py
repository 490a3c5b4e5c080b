"""Several documents in one file are found and cut; single documents are never cut."""

from __future__ import annotations

import pytest

from gxaudit.extract import document_from_text, extract
from gxaudit.extract.body import Line
from gxaudit.extract.split import split_points
from gxaudit.ingest import read_document
from gxaudit.model import Loc


def read(path, display=None):
    return extract(read_document(path, display or path.name))


def lines_of(text: str) -> list[Line]:
    return [Line(text=t, loc=Loc(file="x.txt", line=n)) for n, t in enumerate(text.splitlines(), 1) if t.strip()]


def test_seed_003_is_fourteen_documents(seeds_dir):
    subs = read(seeds_dir / "003_391da73ada556ced.txt", "003.txt")
    assert len(subs) == 14  # the title says 通用14篇; every cut falls where a new body starts
    assert [s.id for s in subs] == [f"003.txt#{k}" for k in range(1, 15)]
    assert all(s.parts_in_file == 14 for s in subs)
    assert all(any("内含14篇" in w for w in s.warnings) for s in subs)
    # each part starts at its own introduction and restarts its numbering at 一、
    starts = [s.paragraphs[0].loc.line for s in subs]
    assert starts == [1, 15, 37, 67, 81, 102, 114, 125, 146, 165, 185, 207, 235, 250]
    assert all(s.sections[0].number == "一、" for s in subs)
    # the collection title is no part's title, year or agency
    assert all(s.title.value is None and s.report_year.value is None for s in subs)
    assert subs[-1].agency.value is None  # "xx中学" is a placeholder, not a name


@pytest.mark.parametrize("seed", ["000_8443396f1d3524dd.txt", "001_6c6888ab43a2d839.txt",
                                  "002_d23247dfbad7d26e.txt", "004_6b93b87c5fdd5131.txt"])
def test_single_seeds_are_not_split(seeds_dir, seed):
    subs = read(seeds_dir / seed)
    assert len(subs) == 1 and subs[0].parts_in_file == 1 and subs[0].id == seed


def test_pingtan_reports_are_not_split(pingtan_dir):
    for page in sorted((pingtan_dir / "annual").glob("*/page.txt")):
        assert len(read(page, page.parent.name + "/page.txt")) == 1, page


def test_piece_marks_split():
    text = ("篇一：城关镇2022年政务公开工作总结\n今年我镇做了很多工作，成效明显，群众满意度不断提升。\n一、加强领导\n领导重视，分工明确，责任落实到人。\n"
            "二、完善制度\n建立了信息发布审核制度和台账制度，做到有据可查。\n"
            "篇二：东城街道2022年政务公开工作总结\n今年我街道认真落实上级部署，扎实推进公开工作。\n一、健全机制\n成立了领导小组。\n二、拓展渠道\n开通了公众号。")
    subs = extract(document_from_text(text, "c.txt"))
    assert [s.id for s in subs] == ["c.txt#1", "c.txt#2"]
    assert subs[1].paragraphs[0].text.startswith("篇二")


def test_numbered_list_after_a_lead_line_is_not_a_new_document():
    text = ("一、工作情况\n做了很多工作，取得了明显成效。\n二、存在问题\n更新不够及时。\n三、下步打算\n下一步工作打算：\n"
            "一、加强学习\n二、完善制度\n")
    assert split_points(lines_of(text)) == []


def test_restart_after_signature_date_starts_at_the_heading():
    text = ("一、工作情况\n做了很多工作，取得了明显成效，得到上级肯定。\n二、存在问题\n更新不够及时，内容不够全面。\n城关镇人民政府\n2023年1月10日\n"
            "一、总体情况\n本年度我局主动公开信息一百条，全部按时发布。\n二、主动公开政府信息情况\n见下表。")
    lines = lines_of(text)
    assert [lines[p].text for p in split_points(lines)] == ["一、总体情况"]
