"""The pingtan 2019- and 2021-format reports' HTML: every cell read equals the cell printed.

Expected values are pinned by hand from the HTML tables as printed (not from the reader).
Rows not listed are all 0. 2021: the applications header puts 自然人 over two grid columns while
the value cells under 商业企业 span two — the reader must still place 64 under 自然人.
"""

from __future__ import annotations

import pytest
from tables_helpers import html_blocks

from gxaudit.extract.tables import find_tables
from gxaudit.extract.tables.templates import APP_ROWS, REVIEW_COLS, REVIEW_GROUPS

APP_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def nat(n):  # a row where only 自然人 is non-zero
    return (n, 0, 0, 0, 0, 0, n)


EXPECTED = {
    "2019_syq/body.html": {
        "variant": "2019",
        "proactive": {
            "rules": (0, 0, 0),
            "normative_docs": (89, 89, 89),
            "licensing": (396, 0, 181),
            "other_services": (10, 0, 153),
            "penalties": (2648, 0, 430),
            "enforcement": (126, 0, 25),
            "fees": (35, 0),
            "procurement": (135, 75394432.52),
        },
        "applications": {
            "new": nat(23),
            "granted": nat(7),
            "partial": nat(1),
            "unavailable_1": nat(7),
            "unavailable_3": nat(5),
            "not_processed_2": nat(3),
            "handled_total": nat(23),
        },
        "review": (0,) * 15,
    },
    "2020_syq/body.html": {
        "variant": "2019",
        "proactive": {
            "rules": (0, 0, 7),
            "normative_docs": (77, 77, 166),
            "licensing": (396, 442, 278),
            "other_services": (10, 7, 105),
            "penalties": (2648, -18, 538),
            "enforcement": (126, 26, 29),
            "fees": (35, -15),
            "procurement": (395, 73802895.90),
        },
        "applications": {
            "new": (20, 0, 0, 0, 0, 1, 21),
            "granted": (6, 0, 0, 0, 0, 1, 7),
            "partial": nat(6),
            "unavailable_1": nat(4),
            "unavailable_3": nat(3),
            "not_processed_2": nat(3),
            "other": nat(4),
            "handled_total": (20, 0, 0, 0, 0, 1, 21),
        },
        "review": (0,) * 15,
    },
    "2021_syq/body.html": {
        "variant": "2021",
        "proactive": {
            "rules": (0, 0, 0),
            "normative_docs": (69, 3, 665),
            "licensing": (2293,),
            "penalties": (1282,),
            "enforcement": (42,),
            "fees": (24252.311082,),
        },
        "applications": {
            "new": (64, 0, 0, 2, 0, 4, 70),
            "granted": (27, 0, 0, 2, 0, 1, 30),
            "partial": nat(5),
            "refused_5": nat(1),
            "refused_7": nat(6),
            "refused_8": nat(1),
            "unavailable_1": (22, 0, 0, 0, 0, 3, 25),
            "other_3": nat(1),
            "handled_total": (63, 0, 0, 2, 0, 4, 69),
            "carried_out": nat(1),
        },
        "review": (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0),
    },
    "2023_syq/page.html": {
        "variant": "2021",
        "proactive": {
            "rules": (0, 0, 0),
            "normative_docs": (77, 132, 470),
            "licensing": (2629,),
            "penalties": (1330,),
            "enforcement": (54,),
            "fees": (5949.088667,),
        },
        "applications": {
            "new": (80, 1, 0, 0, 0, 0, 81),
            "granted": nat(22),
            "partial": (19, 1, 0, 0, 0, 0, 20),
            "refused_4": nat(1),
            "refused_6": nat(1),
            "refused_7": nat(1),
            "refused_8": nat(2),
            "unavailable_1": nat(31),
            "not_processed_2": nat(1),
            "other_1": nat(1),
            "other_3": nat(1),
            "handled_total": (80, 1, 0, 0, 0, 0, 81),
        },
        "review": (1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2),
    },
    "2024_syq/page.html": {
        "variant": "2021",
        "proactive": {
            "rules": (0, 0, 0),
            "normative_docs": (62, 33, 440),
            "licensing": (4529,),
            "penalties": (1100,),
            "enforcement": (65,),
            "fees": (18651.06,),
        },
        "applications": {
            "new": (217, 1, 0, 0, 0, 0, 218),
            "granted": nat(71),
            "partial": nat(29),
            "refused_1": nat(4),
            "refused_4": nat(3),
            "refused_5": nat(32),
            "unavailable_1": nat(75),
            "not_processed_2": nat(1),
            "other_1": nat(1),
            "other_3": (1, 1, 0, 0, 0, 0, 2),
            "handled_total": (217, 1, 0, 0, 0, 0, 218),
        },
        "review": (2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19),
    },
    "2025_syq/page.html": {
        "variant": "2021",
        "proactive": {
            "rules": (0, 0, 0),
            "normative_docs": (58, 45, 546),
            "licensing": (2418,),
            "penalties": (644,),
            "enforcement": (64,),
            "fees": (4166.241619,),
        },
        "applications": {
            "new": (151, 3, 0, 0, 0, 0, 154),
            "granted": nat(33),
            "partial": nat(38),
            "refused_5": nat(3),
            "refused_6": nat(2),
            "refused_7": nat(3),
            "refused_8": nat(3),
            "unavailable_1": (49, 1, 0, 0, 0, 0, 50),
            "unavailable_2": nat(3),
            "not_processed_1": nat(2),
            "other_1": nat(8),
            "other_2": nat(2),
            "other_3": nat(1),
            "handled_total": (147, 1, 0, 0, 0, 0, 148),
            "carried_out": (4, 2, 0, 0, 0, 0, 6),
        },
        "review": (25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3),
    },
}

PROACTIVE_COLS = {
    "2019": {
        "rules": ["made", "published", "total_public"],
        "normative_docs": ["made", "published", "total_public"],
        "licensing": ["prev_items", "change", "decisions"],
        "other_services": ["prev_items", "change", "decisions"],
        "penalties": ["prev_items", "change", "decisions"],
        "enforcement": ["prev_items", "change", "decisions"],
        "fees": ["prev_items", "change"],
        "procurement": ["projects", "amount"],
    },
    "2021": {
        "rules": ["issued", "repealed", "in_force"],
        "normative_docs": ["issued", "repealed", "in_force"],
        "licensing": ["decisions"],
        "penalties": ["decisions"],
        "enforcement": ["decisions"],
        "fees": ["amount_wan"],
    },
}

CASES = [(name, merged) for name in EXPECTED for merged in (True, False)]


@pytest.fixture(scope="module")
def read(pingtan_dir):
    cache = {}

    def get(name, merged):
        if (name, merged) not in cache:
            blocks = html_blocks(pingtan_dir / "annual" / name, merged=merged)
            year = int(name[:4])
            cache[(name, merged)] = (blocks, *find_tables(blocks, year=year))
        return cache[(name, merged)]

    return get


@pytest.mark.parametrize(("name", "merged"), CASES)
def test_values_equal_printed(read, name, merged):
    _blocks, tables, warnings = read(name, merged)
    check(name, tables, warnings)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_same_through_the_ingest_reader(pingtan_dir, name):
    from gxaudit.ingest import read_document

    doc = read_document(pingtan_dir / "annual" / name)
    check(name, *find_tables(doc.blocks, year=int(name[:4])))


def check(name, tables, warnings):
    exp = EXPECTED[name]
    v = exp["variant"]
    assert {k: t.variant for k, t in tables.items()} == dict.fromkeys(
        ["proactive", "applications", "review_litigation"], v
    )
    pro = tables["proactive"]
    got = {r: tuple(pro.value(r, c) for c in cols) for r, cols in PROACTIVE_COLS[v].items()}
    assert got == exp["proactive"]
    assert list(pro.cells) == list(PROACTIVE_COLS[v])
    app = tables["applications"]
    want = {r.key: exp["applications"].get(r.key, (0,) * 7) for r in APP_ROWS[v]}
    assert {r: tuple(app.value(r, c) for c in APP_COLS) for r in app.cells} == want
    rev = tables["review_litigation"]
    assert tuple(rev.value(g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLS) == exp["review"]
    for t in tables.values():
        assert not t.unplaced and not t.extra_rows and t.source == "table"
    assert warnings == []


@pytest.mark.parametrize(("name", "merged"), CASES)
def test_every_cell_points_at_its_printed_grid_cell(read, name, merged):
    blocks, tables, _ = read(name, merged)
    by_index = {b.loc.block: b for b in blocks}
    n = 0
    for t in tables.values():
        for row in t.cells.values():
            for cell in row.values():
                printed = by_index[cell.loc.block].rows[cell.loc.row][cell.loc.col]
                assert printed.strip() == cell.raw
                n += 1
    assert n > 100


def test_units_of_amounts(read):
    _, t2019, _ = read("2019_syq/body.html", True)
    cell = t2019["proactive"].cells["procurement"]["amount"]
    assert (cell.raw, cell.unit, t2019["proactive"].units["procurement.amount"]) == (
        "75394432.52元",
        "元",
        "元",
    )
    _, t2021, _ = read("2021_syq/body.html", True)
    assert t2021["proactive"].units == {"fees.amount_wan": "万元"}
