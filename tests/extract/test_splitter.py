"""The digit-split solver: every reading found, and a row placed only when one reading is left."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxaudit.extract.tables.splitter import (
    Constraint,
    TooMany,
    col_sum,
    in_row_prune,
    readings,
    row_readings,
    row_sum,
    solve,
)

COLS7 = ["a", "b", "c", "d", "e", "f", "total"]


def _row7(run: str, con: bool = True):
    rds = readings(run.split(), ["int"] * 7)
    cons = [row_sum("r", "total", COLS7[:6], "行合计")] if con else []
    return solve({"r": (COLS7, rds)}, cons)


def test_issue_example_unique_by_row_sum():
    sol = _row7("21710000218")
    assert sol.unique("r") == tuple(D(x) for x in (217, 1, 0, 0, 0, 0, 218))
    assert sol.rows["r"].decided_by == ["行合计"]


def test_without_identity_the_same_digits_stay_ambiguous():
    sol = _row7("21710000218", con=False)
    assert sol.unique("r") is None
    assert len(sol.rows["r"].readings) > 1


def test_digit_count_forces_and_stands_against_a_failing_identity():
    # seven digits for seven cells: 1+2+3+4+5+6 != 7, yet the printed reading stands
    sol = _row7("1234567")
    assert sol.unique("r") == tuple(D(x) for x in range(1, 8))
    assert sol.dropped == ["行合计"]


def test_whitespace_and_minus_start_cells():
    assert readings(["230", "000023"], ["int"] * 7)[1] == tuple(D(x) for x in (23, 0, 0, 0, 0, 0, 23))
    assert all(r[0] != D(230) or r[5] == D(2) for r in readings(["230", "000023"], ["int"] * 7))
    rds = readings(["2648-18538"], ["int", "signed", "int"])
    assert (D(2648), D(-18), D(538)) in rds
    assert all(r[0] == D(2648) for r in rds)


def test_no_leading_zeros_and_decimals_only_where_allowed():
    assert readings(["0070"], ["int", "int"]) == []  # 0|070, 00|70, 007|0 all malformed
    assert readings(["252.311082"], ["decimal"]) == [(D("252.311082"),)]
    assert readings(["252.311082"], ["int"]) == []


def test_too_few_digits_gives_no_reading_and_blank_marker_is_one_cell():
    assert readings(["0"], ["int", "int"]) == []
    assert readings(["—", "5"], ["int", "int"]) == [(None, D(5))]


def test_cap_reports_too_many():
    with pytest.raises(TooMany):
        readings(["1" * 30], ["int"] * 7, cap=100)


def test_column_identity_decides_what_a_row_alone_cannot():
    # two part rows "12" "3", total row "15": parts ambiguous alone? 12 -> (1,2); total 15 -> (1,5)
    cols = ["x", "y"]
    cands = {
        "p1": (cols, readings(["123"], ["int", "int"])),  # 1|23, 12|3
        "p2": (cols, readings(["20"], ["int", "int"])),  # 2|0
        "t": (cols, readings(["143"], ["int", "int"])),  # 1|43, 14|3
    }
    cons = [col_sum(c, "t", ["p1", "p2"], f"{c}列合计") for c in cols]
    sol = solve(cands, cons)
    assert sol.unique("p1") == (D(12), D(3))
    assert sol.unique("t") == (D(14), D(3))


def test_family_falls_together():
    # total 18|5 vs parts 1|7 + 0|7: year column matches only by a wrong reading 1|85
    cols = ["year", "cum"]
    cands = {
        "t": (cols, readings(["185"], ["int", "int"])),
        "w": (cols, readings(["17"], ["int", "int"])),
        "g": (cols, readings(["07"], ["int", "int"])),
    }
    cons = [Constraint((("t", c, -1), ("w", c, 1), ("g", c, 1)), f"{c}合计", family="sum") for c in cols]
    sol = solve(cands, cons)
    assert sol.unique("t") is None
    assert set(sol.dropped) == {"year合计", "cum合计"}
    # only the cumulative column breaks the printed digits; the year column fits (by a wrong
    # reading) and was set aside with it
    assert sol.contradicted == ["cum合计"]
    assert sol.set_aside == {"year合计": ["cum合计"]}
    assert sol.set_aside_groups() == [(["cum合计"], ["year合计"])]


def test_family_failing_only_jointly_names_the_identity_that_failed():
    # each member alone fits some reading of the shared row, both at once do not
    cands = {"r": (["a", "b"], readings(["123"], ["int", "int"]))}  # 1|23 or 12|3
    cons = [
        Constraint((("r", "a", 1),), "a=1", D(-1), family="f"),  # only 1|23
        Constraint((("r", "b", 1),), "b=3", D(-3), family="f"),  # only 12|3
    ]
    sol = solve(cands, cons)
    assert sol.unique("r") is None and sol.dropped == ["a=1", "b=3"]
    assert sol.contradicted == ["b=3"] and sol.set_aside == {"a=1": ["b=3"]}


# ------------------------------------------------------------------ properties

small = st.integers(min_value=0, max_value=400) | st.sampled_from([0, 0, 0, 1, 2, 10])


@st.composite
def row7(draw):
    parts = draw(st.lists(small, min_size=6, max_size=6))
    vals = parts + [sum(parts)]
    seps = draw(st.lists(st.sampled_from(["", "", "", " "]), min_size=6, max_size=6))
    run = str(vals[0]) + "".join(s + str(v) for s, v in zip(seps, vals[1:]))
    return vals, run


def _readings_or_none(chunks, kinds):
    """TooMany is an honest answer (候选过多): the row stays unplaced."""
    try:
        return readings(chunks, kinds)
    except TooMany:
        return None


def _never_wrong(sol, row, truth):
    got = sol.unique(row)
    assert got is None or got == truth
    assert truth in sol.rows[row].readings  # the true reading is never filtered out


@settings(max_examples=150, deadline=None)
@given(row7())
def test_row_sum_returns_truth_or_ambiguous(data):
    vals, run = data
    truth = tuple(D(v) for v in vals)
    rds = _readings_or_none(run.split(), ["int"] * 7)
    if rds is None:
        return
    assert truth in rds
    pruned = row_readings(run.split(), ["int"] * 7, in_row_prune("r", COLS7, [row_sum("r", "total", COLS7[:6], "行合计")]))
    assert truth in pruned and set(pruned) <= set(rds)
    sol = solve({"r": (COLS7, rds)}, [row_sum("r", "total", COLS7[:6], "行合计")])
    _never_wrong(sol, "r", truth)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=4))
def test_grid_with_row_and_column_sums_never_wrong(parts):
    cols = ["x", "y", "total"]
    rows = {f"p{i}": v + [sum(v)] for i, v in enumerate(parts)}
    rows["t"] = [sum(r[j] for r in rows.values()) for j in range(3)]
    cands = {k: (cols, readings(["".join(map(str, v))], ["int"] * 3)) for k, v in rows.items()}
    assert all(tuple(D(x) for x in rows[k]) in c[1] for k, c in cands.items())
    cons = [row_sum(k, "total", ["x", "y"], f"{k}行") for k in rows]
    cons += [col_sum(c, "t", [k for k in rows if k != "t"], f"{c}列") for c in cols]
    sol = solve(cands, cons)
    for k, v in rows.items():
        _never_wrong(sol, k, tuple(D(x) for x in v))


review_cell = st.integers(min_value=0, max_value=60) | st.just(0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(review_cell, min_size=4, max_size=4), min_size=3, max_size=3))
def test_review_groups_never_wrong(groups):
    vals = [x for g in groups for x in g + [sum(g)]]
    cols = [f"c{i}" for i in range(15)]
    cons = [Constraint((("r", cols[5 * g + 4], -1),) + tuple(("r", cols[5 * g + i], 1) for i in range(4)), f"g{g}")
            for g in range(3)]
    try:
        rds = row_readings(["".join(map(str, vals))], ["int"] * 15, in_row_prune("r", cols, cons))
    except TooMany:
        return
    sol = solve({"r": (cols, rds)}, cons)
    _never_wrong(sol, "r", tuple(D(v) for v in vals))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**4))
def test_cumulative_from_last_year_never_wrong(prev_cum, year):
    cum = prev_cum + year
    cols = ["year", "cumulative"]
    cands = {
        "cur": (cols, readings([f"{year}{cum}"], ["int", "int"])),
        "prev": (cols, [(D(0), D(prev_cum))]),
    }
    con = Constraint((("cur", "cumulative", 1), ("prev", "cumulative", -1), ("cur", "year", -1)), "累计")
    sol = solve(cands, [con])
    _never_wrong(sol, "cur", (D(year), D(cum)))
