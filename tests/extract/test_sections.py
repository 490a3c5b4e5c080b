"""Section tree: numbered headings in every width, run-in headings, table rows kept out,
headings inside one-line page bodies, and the official/legacy part numbers."""

from __future__ import annotations

import pytest

from gxaudit.extract import extract, submission_from_text
from gxaudit.extract.headings import parse_heading
from gxaudit.extract.sections import inline_headings
from gxaudit.ingest import read_document
from gxaudit.model import Block, Document, Loc


def read(path, display=None):
    subs = extract(read_document(path, display or path.name))
    assert len(subs) == 1
    return subs[0]


@pytest.mark.parametrize(
    ("line", "number", "level", "title"),
    [
        ("一、总体情况", "一、", 1, "总体情况"),
        ("一. 概述", "一、", 1, "概述"),
        ("一，概述", "一、", 1, "概述"),
        ("（一）切实落实责任。推进信息公开", "（一）", 2, "切实落实责任"),
        ("(一)、对校内公开的主要内容:", "（一）", 2, "对校内公开的主要内容"),
        ("１．加强组织领导", "1.", 3, "加强组织领导"),
        ("2、办事公开。制定了方案", "2.", 3, "办事公开"),
        ("（3）加强培训", "(3)", 4, "加强培训"),
        ("① 第一项", "①", 5, "第一项"),
        ("六、存在的主要问题                  ", "六、", 1, "存在的主要问题"),
    ],
)
def test_heading_forms(line, number, level, title):
    h = parse_heading(line)
    assert h is not None and (h.number, h.level, h.title) == (number, level, title)


@pytest.mark.parametrize(
    "line",
    ["1.属于国家秘密 |", "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0", "（一）予以公开", "1.5万元用于", "2019年，我局"],
)
def test_table_rows_and_prose_are_not_headings(line):
    assert parse_heading(line) is None


def test_run_in_heading_keeps_its_text_in_the_section():
    sub = submission_from_text("某县民政局2023年政府信息公开工作年度报告\n一、总体情况\n（一）切实落实责任。推进公开工作。\n二、主动公开政府信息情况\n正文")
    titles = [(s.number, s.title, s.level) for s in sub.sections]
    assert titles == [("一、", "总体情况", 1), ("（一）", "切实落实责任", 2), ("二、", "主动公开政府信息情况", 1)]
    assert sub.sections[1].text == "推进公开工作。"
    assert "推进公开工作" in sub.sections[0].text  # a section's text includes its subsections
    # paragraphs carry the index of the innermost section they sit in
    assert [p.section for p in sub.paragraphs] == [None, 0, 1, 2, 2]


def test_seed_001_has_parts_one_to_five_and_no_six(seeds_dir):
    sub = read(seeds_dir / "001_6c6888ab43a2d839.txt")
    parts = {s.part: s for s in sub.sections if s.part}
    assert sorted(parts) == [1, 2, 3, 4, 5]
    assert parts[3].title == "收到和处理政府信息公开申请情况"
    assert parts[4].loc.line is not None
    # flattened table rows ("一、本年新收… |", "(一)予以公开 |") never became sections
    assert not any("本年新收" in s.title or "予以公开" in s.title for s in sub.sections)
    assert sum(1 for s in sub.sections if s.level == 1) == 5


def test_page_header_lines_are_not_body(pingtan_dir):
    sub = read(pingtan_dir / "annual/2019_syq/page.txt", "2019_syq/page.txt")
    assert not any(p.text.startswith(("标题:", "发布时间:", "发布机构:", "本地目录:")) for p in sub.paragraphs)
    assert not any("正文 ====" in p.text for p in sub.paragraphs)


@pytest.mark.parametrize("year", ["2019_syq", "2021_syq", "2023_syq", "2024_syq", "2025_syq"])
def test_one_line_pingtan_bodies_have_six_official_parts(pingtan_dir, year):
    sub = read(pingtan_dir / f"annual/{year}/page.txt", f"{year}/page.txt")
    parts = {s.part: s.title for s in sub.sections if s.part}
    assert sorted(parts) == [1, 2, 3, 4, 5, 6]
    assert parts[4].startswith("政府信息公开行政复议")  # not the table row 四、结转下年度继续办理
    assert parts[6] == "其他需要报告的事项"
    # every piece of the body is a paragraph assigned to its section
    assert sub.paragraphs[-1].section == max(i for i, s in enumerate(sub.sections) if s.part == 6)
    # chrome is gone: nothing of "当前位置" or "附件下载" remains
    assert "当前位置" not in sub.text and not sub.text.rstrip().endswith("附件下载")


def test_inline_heading_choice_prefers_known_titles():
    text = ("一、总体情况今年共公开信息。二、主动公开政府信息情况表格。三、收到和处理政府信息公开申请情况"
            "一、本年新收政府信息公开申请数量100四、结转下年度继续办理0 四、政府信息公开行政复议、行政诉讼情况0")
    found = [(v, t) for _, v, t, _ in inline_headings(text)]
    assert found == [(1, "总体情况"), (2, "主动公开政府信息情况"), (3, "收到和处理政府信息公开申请情况"),
                     (4, "政府信息公开行政复议、行政诉讼情况")]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("2015_syq", {1: "概述", 2: "主动公开政府信息情况", 3: "政府信息依申请公开工作情况", 7: "政府信息公开的收费及减免情况",
                      4: "因政府信息公开申请行政复议、提起行政诉讼的情况", 5: "主要问题和改进措施",
                      8: "平潭综合实验区政府信息公开情况统计表"}),
        ("2011_ptx", {1: "概述", 2: "主动公开政府信息情况", 3: "政府信息依申请公开工作情况",
                      5: "政府信息公开工作存在的主要问题及改进情况"}),
    ],
)
def test_legacy_items_use_the_documented_numbering(pingtan_dir, folder, expected):
    sub = read(pingtan_dir / f"annual/{folder}/page.txt", f"{folder}/page.txt")
    assert {s.part: s.title for s in sub.sections if s.part} == expected


def test_seed_004_legacy_items(seeds_dir):
    sub = read(seeds_dir / "004_6b93b87c5fdd5131.txt")
    parts = {s.part: s.number for s in sub.sections if s.part}
    assert parts == {2: "三、", 3: "四、", 4: "五、", 5: "六、"}


def test_docx_heading_blocks_without_numbers_are_sections():
    blocks = [
        Block(kind="heading", text="城关镇2022年政府信息公开工作年度报告", level=1, loc=Loc(file="a.docx", block=0)),
        Block(kind="heading", text="总体情况", level=1, loc=Loc(file="a.docx", block=1)),
        Block(kind="paragraph", text="本年度公开信息100条。", loc=Loc(file="a.docx", block=2)),
        Block(kind="heading", text="存在的主要问题及改进情况", level=1, loc=Loc(file="a.docx", block=3)),
        Block(kind="paragraph", text="问题是更新不及时。", loc=Loc(file="a.docx", block=4)),
    ]
    doc = Document(path="a.docx", format="docx", sha256="0", size=1, blocks=blocks)
    sub = extract(doc)[0]
    assert sub.title.value == "城关镇2022年政府信息公开工作年度报告"
    assert [(s.number, s.title) for s in sub.sections] == [(None, "总体情况"), (None, "存在的主要问题及改进情况")]
    assert sub.sections[0].text == "本年度公开信息100条。"
    assert sub.agency.value == "城关镇" and sub.agency_kind.value == "乡镇"


def test_html_page_title_heading_is_not_a_section(pingtan_dir):
    sub = read(pingtan_dir / "annual/2023_syq/page.html", "2023_syq/page.html")
    assert sub.title.source == "meta"
    assert sub.sections[0].number == "一、" and sub.sections[0].title == "总体情况"
    assert sorted(s.part for s in sub.sections if s.part) == [1, 2, 3, 4, 5, 6]


ASPECTS_2023 = ["主动公开方面", "依申请公开方面", "政府信息管理方面", "信息公开平台建设方面", "监督保障方面"]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("2019_syq", ["基本情况", "主要做法"]),
        ("2021_syq", ["主动公开方面", "依申请公开方面", "政府信息管理方面", "平台载体建设方面", "监督保障方面"]),
        ("2023_syq", ASPECTS_2023),
        ("2024_syq", ASPECTS_2023),
        ("2025_syq", ASPECTS_2023),
    ],
)
def test_one_line_bodies_show_the_subheadings_of_part_one(pingtan_dir, year, expected):
    sub = read(pingtan_dir / f"annual/{year}/page.txt", f"{year}/page.txt")
    one = next(i for i, s in enumerate(sub.sections) if s.part == 1)
    two = next(i for i, s in enumerate(sub.sections) if s.part == 2)
    under = sub.sections[one + 1:two]
    assert [(s.number, s.level, s.title) for s in under] == [
        (f"（{'一二三四五'[k]}）", 2, t) for k, t in enumerate(expected)]
    assert all(s.part is None for s in under)
    # part 1's text still holds its sub-sections (rules search it), each sub-section its own text
    assert all(s.text and s.text in sub.sections[one].text for s in under)
    # the flattened tables gave no sub-headings: （一）予以公开 follows digits
    assert not any("予以公开" in s.title for s in sub.sections)


def test_inline_subheadings_only_where_unambiguous():
    intro = "根据条例编制本报告。" * 30
    body = ("一、总体情况本年度我镇开展工作。（一）主动公开方面。全年公开信息10条。（二）依申请公开方面全年收到申请1件。"
            "二、主动公开政府信息情况第二十条第（一）项规章000三、收到和处理政府信息公开申请情况（一）予以公开1000001"
            "（二）部分公开0000000四、政府信息公开行政复议、行政诉讼情况000五、存在的主要问题及改进情况包括（一）人手不足"
            "（二）培训不够。六、其他需要报告的事项无。")
    sub = submission_from_text(intro + body)
    got = [(s.number, s.title) for s in sub.sections if s.level == 2]
    # part 5's （一） runs inside a sentence ("包括（一）…"): not a heading
    assert got == [("（一）", "主动公开方面"), ("（二）", "依申请公开方面")]
    assert sub.sections[1].text == "全年公开信息10条。"


def test_inline_subheadings_need_order_and_a_clear_title():
    from gxaudit.extract.sections import inline_subheadings

    assert inline_subheadings("工作如下。（二）加强培训。（三）完善制度。") == []  # not from （一）
    assert inline_subheadings("工作如下。（一）加强培训。") == []  # one alone
    # a title that runs on into the text with no break is not cut at a guess
    assert inline_subheadings("工作如下。（一）强化组织协调，着力规范公开工作积极贯彻国家、省里关于政务公开的部署要求，认真做好各项工作。"
                               "（二）完善制度。") == []
    text = "取得成效。（一）存在问题虽然取得成效，但仍有不足。（二）改进措施一是加强培训。"
    assert [t for _, _, t, _ in inline_subheadings(text)] == ["存在问题", "改进措施"]
