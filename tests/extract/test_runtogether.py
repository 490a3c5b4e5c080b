"""Official tables from run-together page.txt: every placed cell equals the HTML of the same report."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from gxaudit.extract.tables.crossyear import resolve_with_previous
from gxaudit.extract.tables.runtogether import read_runtogether
from gxaudit.extract.tables.runtogether_specs import APP_COLS, RL_COLS, RL_GROUPS, specs
from gxaudit.model import Loc

REPORTS = {"2019_syq": "body.html", "2020_syq": "body.html", "2021_syq": "body.html",
           "2023_syq": "page.html", "2024_syq": "page.html", "2025_syq": "page.html"}
PROACTIVE_LABELS = {"规章": "rules", "规范性文件": "normative_docs", "行政规范性文件": "normative_docs",
                    "行政许可": "licensing", "其他对外管理服务事项": "other_services", "行政处罚": "penalties",
                    "行政强制": "enforcement", "行政事业性收费": "fees", "政府集中采购": "procurement"}
NUM = re.compile(r"^-?\d+(?:\.\d+)?(?:元)?$")


def _num(s: str) -> float:
    return float(s.rstrip("元"))


def html_tables(path: Path, variant: str) -> dict[str, dict[str, dict[str, float]]]:
    """The three tables as the HTML prints them, read positionally with lxml (independent of gxaudit)."""
    root = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    grids = [
        [[td.text_content().replace("\xa0", "").strip() for td in tr.iter("td", "th")] for tr in tb.iter("tr")]
        for tb in root.iter("table")
    ]
    spec = {s.key: s for s in specs(variant)}
    out: dict[str, dict[str, dict[str, float]]] = {"proactive": {}, "applications": {}, "review_litigation": {}}
    app_keys = [r.key for r in spec["applications"].rows]
    for grid in grids:
        for row in grid:
            nums = [c for c in row if NUM.match(c)]
            label = row[0] if row else ""
            if label in PROACTIVE_LABELS and nums:
                key = PROACTIVE_LABELS[label]
                cols = next(r.cols for r in spec["proactive"].rows if r.key == key)
                out["proactive"][key] = {c: _num(v) for (c, _), v in zip(cols, nums)}
            elif len(nums) == 7 and not NUM.match(label):
                key = app_keys[len(out["applications"])]
                out["applications"][key] = dict(zip(APP_COLS, map(_num, nums)))
            elif len(nums) == 15:
                for gi, g in enumerate(RL_GROUPS):
                    out["review_litigation"][g] = dict(zip(RL_COLS, map(_num, nums[5 * gi : 5 * gi + 5])))
    return out


def read_page(pingtan_dir: Path, name: str):
    text = (pingtan_dir / "annual" / name / "page.txt").read_text(encoding="utf-8").split("正文 ====================", 1)[1]
    return read_runtogether(text, Loc(file=f"{name}/page.txt"), int(name[:4]))


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_placed_cell_equals_the_html(pingtan_dir, name):
    variant = "2021" if int(name[:4]) >= 2021 else "2019"
    want = html_tables(pingtan_dir / "annual" / name / REPORTS[name], variant)
    assert len(want["applications"]) == len(specs(variant)[1].rows)  # the reader of the test is complete
    tables, _ = read_page(pingtan_dir, name)
    assert set(tables) == {"proactive", "applications", "review_litigation"}
    for key, table in tables.items():
        assert table.source == "runtogether" and table.variant == variant
        for row, cells in table.cells.items():
            for col, cell in cells.items():
                assert cell.value == want[key][row][col], (name, key, row, col, cell.raw)
        # whatever is not placed is reported with its printed digits
        for row in want[key]:
            if len(table.cells.get(row, {})) < len(want[key][row]):
                assert row in table.pending and any(f"‘{table.pending[row]}’" in u for u in table.unplaced)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_applications_and_review_fully_placed(pingtan_dir, name):
    tables, _ = read_page(pingtan_dir, name)
    app = tables["applications"]
    assert app.unplaced == [] and sum(len(c) for c in app.cells.values()) == 7 * len(app.cells)
    assert {len(c) for c in tables["review_litigation"].cells.values()} == {5}


def test_issue_examples(pingtan_dir):
    t24, warnings = read_page(pingtan_dir, "2024_syq")
    new = t24["applications"].cells["new"]
    assert [new[c].value for c in APP_COLS] == [217, 1, 0, 0, 0, 0, 218]
    # decided by the row sum: evidence kept beside the cells, not a warning
    assert any("本年新收" in n and "总计=自然人" in n for n in t24["applications"].notes)
    assert not any("唯一确定" in w for w in warnings)
    t21, _ = read_page(pingtan_dir, "2021_syq")
    rl = t21["review_litigation"].cells  # 10203120001200000
    assert [rl["review"][c].value for c in RL_COLS] == [1, 0, 2, 0, 3]
    assert [rl["suit_direct"][c].value for c in RL_COLS] == [12, 0, 0, 0, 12]
    pro = t21["proactive"]
    assert pro.cells["fees"]["amount_wan"].value == 24252.311082  # one cell as printed
    assert "normative_docs" not in pro.cells and pro.pending["normative_docs"] == "693665"
    assert "无法唯一拆分：第“行政规范性文件”行 ‘693665’ 有10种读法" in pro.unplaced


def test_2019_negative_change_starts_a_cell(pingtan_dir):
    tables, _ = read_page(pingtan_dir, "2020_syq")
    pro = tables["proactive"]
    assert pro.cells["fees"] == {"prev_items": pro.cells["fees"]["prev_items"], "change": pro.cells["fees"]["change"]}
    assert (pro.cells["fees"]["prev_items"].value, pro.cells["fees"]["change"].value) == (35, -15)
    assert pro.cells["penalties"]["prev_items"].value == 2648  # common to every reading of 2648-18538


def test_identity_the_agency_breaks_is_reported_not_used(pingtan_dir):
    # 2020: （七）总计 自然人 20 but the results add up to 26
    _, notes = read_page(pingtan_dir, "2020_syq")
    assert any("矛盾" in n and "自然人" in n and "（七）总计=各办理结果之和" in n for n in notes)


def test_in_force_decided_by_last_year():
    text = ("二、主动公开政府信息情况 本年制发件数本年废止件数现行有效件数 规章000 行政规范性文件693665 "
            "行政许可12 行政处罚3 行政强制0 行政事业性收费1.5 三、收到和处理政府信息公开申请情况")
    prev_text = text.replace("693665", "5 0 599")
    cur, _ = read_runtogether(text, Loc(file="b.txt"), 2021)
    prev, _ = read_runtogether(prev_text, Loc(file="a.txt"), 2020)
    assert prev["proactive"].cells["normative_docs"]["in_force"].value == 599
    out, notes = resolve_with_previous(cur["proactive"], prev["proactive"])
    # 599 + 69 - 3 = 665; no other reading of 693665 fits
    assert [out.cells["normative_docs"][c].value for c in ("issued", "repealed", "in_force")] == [69, 3, 665]
    assert out.pending == {} and any("现行有效件数=上年现行有效件数" in n for n in notes)


def test_cross_year_that_no_reading_fits_decides_nothing(pingtan_dir):
    # 2024 prints 62|33|440, last year 470: 470 + 62 - 33 = 499, the issuer's figures do not chain
    t23, _ = read_page(pingtan_dir, "2023_syq")
    t24, _ = read_page(pingtan_dir, "2024_syq")
    t23p = t23["proactive"].model_copy(deep=True)
    t23p.pending.pop("normative_docs")
    t23p.cells["normative_docs"] = {
        c: t23p.cells["rules"]["issued"].model_copy(update={"value": v, "raw": str(v)})
        for c, v in (("issued", 77), ("repealed", 132), ("in_force", 470))
    }
    out, notes = resolve_with_previous(t24["proactive"], t23p)
    assert any("跨年恒等式与印出的数字矛盾" in n for n in notes)
    assert "normative_docs" not in out.cells and out.pending["normative_docs"] == "6233440"
