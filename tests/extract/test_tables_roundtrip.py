"""Random official tables, printed as a merged-cell grid and as flattened text in every layout
real submissions use, read back exactly (a blank stays None, never 0)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tables_helpers import applications_spec, flatten, grid_of, proactive_spec, review_spec

from gxaudit.extract.tables import find_tables
from gxaudit.extract.tables.templates import APP_ROWS, PROACTIVE, REVIEW_COLS, REVIEW_GROUPS, TABLE_TITLES
from gxaudit.model import Block, Loc

LAYOUTS = ["grid", "grid_nomerge", "pipe_cells", "pipe_rows", "tabs", "spaces"]
counts = st.one_of(st.none(), st.integers(min_value=0, max_value=99999).map(float))
signed = st.one_of(st.none(), st.integers(min_value=-999, max_value=9999).map(float))
amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9).map(lambda n: n / 100))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def blocks_for(spec, layout: str, key: str) -> list[Block]:
    heading = TABLE_TITLES[key]
    if layout.startswith("grid"):
        rows, merged = grid_of(spec)
        return [
            Block(kind="paragraph", text=heading, loc=Loc(file="t.docx", block=0)),
            Block(
                kind="table",
                rows=rows,
                merged=merged if layout == "grid" else None,
                loc=Loc(file="t.docx", block=1),
            ),
        ]
    text = flatten(spec, layout, heading)
    return [
        Block(kind="paragraph", text=line, loc=Loc(file="t.txt", line=i))
        for i, line in enumerate(text.split("\n"), 1)
    ]


def read(blocks, key, year=None):
    tables, warnings = find_tables(blocks, year=year)
    assert key in tables, warnings
    return tables[key], warnings


@SETTINGS
@given(variant=st.sampled_from(["2019", "2021"]), layout=st.sampled_from(LAYOUTS), data=st.data())
def test_applications_round_trip(variant, layout, data):
    rows = APP_ROWS[variant]
    values = {r.key: data.draw(st.lists(counts, min_size=7, max_size=7)) for r in rows}
    t, _ = read(blocks_for(applications_spec(values, variant), layout, "applications"), "applications")
    cols = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]
    got = {r: [t.cells[r][c].value for c in cols] for r in t.cells}
    assert got == values
    assert t.variant == variant
    assert t.source == ("table" if layout.startswith("grid") else "flattened")


@SETTINGS
@given(layout=st.sampled_from(LAYOUTS), values=st.lists(counts, min_size=15, max_size=15))
def test_review_round_trip(layout, values):
    t, _ = read(blocks_for(review_spec(values), layout, "review_litigation"), "review_litigation")
    got = [t.cells[g.key][c.key].value for g in REVIEW_GROUPS for c in REVIEW_COLS]
    assert got == values


@SETTINGS
@given(variant=st.sampled_from(["2019", "2021"]), layout=st.sampled_from(LAYOUTS), data=st.data())
def test_proactive_round_trip(variant, layout, data):
    values: dict[str, list[float | None]] = {}
    for art in PROACTIVE[variant]:
        for r in art.rows:
            kinds = {"change": signed, "amount": amounts, "amount_wan": amounts}
            values[r.key] = [data.draw(kinds.get(c.key, counts)) for c in art.cols]
    unit = data.draw(st.sampled_from(["", "元", "万元"]))
    units = {"procurement.amount": unit} if unit and variant == "2019" else {}
    spec = proactive_spec(values, variant, units)
    t, _ = read(blocks_for(spec, layout, "proactive"), "proactive", year=2020 if variant == "2019" else 2022)
    assert t.variant == variant
    got = {
        r: [t.cells[r][c.key].value for c in art.cols]
        for art in PROACTIVE[variant]
        for r in [x.key for x in art.rows]
    }
    assert got == values
    if units and values["procurement"][1] is not None:
        assert t.cells["procurement"]["amount"].unit == unit
        assert t.units["procurement.amount"] == unit
    if variant == "2021":
        assert t.units["fees.amount_wan"] == "万元"
