"""Problems are warnings, evidence is a table note: what a reviewer reads where.

A split that an identity decided is information (kept on the Table, shown under it in the
inspect JSON); an identity the agency's printed figures break is a problem (a warning), named
alone, not with the members of its family that were only set aside with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_legacy import page_text, text_table
from test_runtogether import REPORTS, read_page

from gxaudit.extract.tables.legacy import find_legacy_stats
from gxaudit.extract.view import table_view
from gxaudit.model import Block, Loc

CONTRADICTS = "恒等式与印出的数字矛盾"


def test_2020_only_the_columns_that_break_are_reported(pingtan_dir: Path):
    # （七）总计 自然人 20 vs 6+6+4+3+3+4 = 26, and so 总计; the four org columns are all 0 and
    # 其他 is 1 = 1: those fit and are only set aside with the family
    tables, warnings = read_page(pingtan_dir, "2020_syq")
    broken = [w for w in warnings if CONTRADICTS in w]
    assert [w.rsplit("：", 2)[-2] for w in broken] == ["“自然人”列", "“总计”列"]
    assert all("（七）总计=各办理结果之和" in w for w in broken)
    aside = [n for n in tables["applications"].notes if "也未用于拆分" in n]
    assert len(aside) == 1
    for col in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert f"“{col}”列：（七）总计=各办理结果之和" in aside[0].split("：", 1)[1]
    assert "“自然人”列" in aside[0].split("：", 1)[0]  # the reason: the members that broke


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_decided_splits_are_notes_not_warnings(pingtan_dir: Path, name):
    tables, warnings = read_page(pingtan_dir, name)
    assert not [w for w in warnings if "唯一确定" in w]
    decided = [n for t in tables.values() for n in t.notes if "行由恒等式唯一确定" in n]
    assert len(decided) >= 1  # every one of these reports has a row only the row sum decides
    app = tables["applications"]
    assert any("本年新收" in n for n in app.notes)
    assert table_view(app)["notes"] == app.notes  # shown under the table in the inspect JSON


def test_legacy_decided_rows_are_notes(pingtan_dir: Path):
    table = text_table(pingtan_dir, "2011_ptx")  # 4251516 decided by 主动公开 = 网站 + 公报
    assert any("“主动公开信息数”行由恒等式唯一确定" in n for n in table.notes)
    assert table.year == 2011


def test_legacy_warning_names_only_the_broken_column(pingtan_dir: Path):
    # 2013_ptx: 历年累计 5395 ≠ 5017 + 7 breaks; the 本年度 column fits only by a wrong reading
    blocks = [Block(kind="paragraph", text=page_text(pingtan_dir, "2013_ptx"), loc=Loc(file="p.txt"))]
    table, warnings = find_legacy_stats(blocks)
    assert [w for w in warnings if CONTRADICTS in w] == [
        "p.txt：统计表：恒等式与印出的数字矛盾，未用于拆分：历年累计列：主动公开信息数=网站公开+政府公报公开"]
    assert any("也未用于拆分" in n and n.endswith("本年度列：主动公开信息数=网站公开+政府公报公开")
               for n in table.notes)
    assert "proactive_total" not in table.cells  # still not decided by the set-aside member


def test_extracted_submission_keeps_notes_out_of_warnings(pingtan_dir: Path):
    from gxaudit.extract import extract
    from gxaudit.ingest import read_document

    sub = extract(read_document(pingtan_dir / "annual" / "2024_syq" / "page.txt"))[0]
    assert not [w for w in sub.warnings if "唯一确定" in w]
    assert any("唯一确定" in n for n in sub.tables["applications"].notes)
