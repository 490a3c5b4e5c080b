"""Seed 001: a 2020 report in the 2019 format whose tables are flattened one cell per line."""

from __future__ import annotations

import pytest
from tables_helpers import text_blocks

from gxaudit.extract.tables import find_tables


@pytest.fixture(scope="module")
def seed001(seeds_dir):
    path = next(seeds_dir.glob("001_*.txt"))
    return find_tables(text_blocks(path), year=2020)


def test_proactive_is_2019_variant_with_printed_values(seed001):
    tables, _ = seed001
    t = tables["proactive"]
    assert t.variant == "2019" and t.source == "flattened"
    assert t.value("licensing", "prev_items") == 28
    assert t.value("licensing", "change") == -9
    assert t.value("licensing", "decisions") == 173
    assert t.value("penalties", "change") == -3
    assert t.value("fees", "prev_items") == 5 and t.value("fees", "change") == 0
    assert t.value("procurement", "projects") == 16
    amount = t.cells["procurement"]["amount"]
    assert amount.value == 60127896 and amount.unit == "元" and amount.raw == "60127896元"
    assert t.units["procurement.amount"] == "元"
    # the cut-short headers 本年新 | 本年新 are placed by position
    assert set(t.cells["rules"]) == {"made", "published", "total_public"}
    assert amount.loc.line is not None and amount.loc.file.startswith("001_")


def test_applications_blank_except_total_column(seed001):
    tables, _ = seed001
    t = tables["applications"]
    assert t.variant == "2019"
    assert len(t.cells) == 23  # 2019 format: （六）其他处理 is one row (25 − 3 + 1)
    for key in ("new", "carried_in", "handled_total", "carried_out", "granted", "other"):
        assert t.value(key, "total") == 0
    for row, cells in t.cells.items():
        assert cells["total"].value == 0, row
        for col, cell in cells.items():
            if col != "total":
                assert cell.value is None and cell.raw == "", (row, col)
    assert not t.extra_rows and not t.unplaced


def test_review_is_fifteen_zeros(seed001):
    tables, _ = seed001
    t = tables["review_litigation"]
    vals = [c.value for g in t.cells.values() for c in g.values()]
    assert vals == [0.0] * 15
    assert list(t.cells) == ["review", "suit_direct", "suit_after_review"]
