"""The safe expression language: what it refuses at load time (with the column), how it computes."""

from __future__ import annotations

import datetime as dt

import pytest

from gxaudit.rules import expr as X

ROWS = ["new", "carried_in", "handled_total", "carried_out", "refused_1", "refused_2", "granted"]


@pytest.mark.parametrize("source,phrase,offset", [
    ("new + carried == 1", "未知名称“carried”", 6),
    ("new ** 9", "运算符 **", 0),
    ("new.__class__", "属性", 0),
    ("prev.carried_out == new", "属性", 0),  # prev only where allowed
    ("__import__('os')", "只允许调用函数", 0),
    ("open(new)", "只允许调用函数", 0),
    ("[x for x in new]", "ListComp", 0),
    ("lambda: 1", "Lambda", 0),
    ("new == 'a'", "数字常量", 7),
    ("refused_* + 1 == new", "sum()", 0),
    ("sum(foo_*)", "不匹配", 4),
    ("new +", "无法解析", 5),
    ("", "为空", 0),
    ("new % 2", "运算符 %", 0),
    ("sum(new, start=1)", "关键字参数", 0),
])
def test_refused_at_load_with_position(source, phrase, offset):
    with pytest.raises(X.ExprError) as info:
        X.parse(source, ROWS)
    assert phrase in info.value.message
    assert info.value.offset == offset


def test_names_and_wildcards():
    e = X.parse("handled_total == granted + sum(refused_*)", ROWS)
    assert e.names == {"handled_total", "granted", "refused_*"}
    values = {"handled_total": 5, "granted": 2, "refused_1": 1, "refused_2": 2}
    assert X.evaluate(e, X.mapping_resolver(values)) is True
    assert X.sides(e, X.mapping_resolver(values)) == (5, 5)
    assert X.wild_matches("other_*", ["other", "other_1", "others"]) == ["other", "other_1"]


def test_tolerance_and_blank_cells():
    e = X.parse("new == granted", ROWS)
    assert X.evaluate(e, X.mapping_resolver({"new": 1.004, "granted": 1}), tolerance=0.01) is True
    assert X.evaluate(e, X.mapping_resolver({"new": 1.004, "granted": 1})) is False
    assert X.evaluate(e, X.mapping_resolver({"new": None, "granted": 1})) is None
    e2 = X.parse("new >= 0 and granted == 1", ROWS)
    assert X.evaluate(e2, X.mapping_resolver({"new": -1, "granted": None})) is False  # False wins over unknown


def test_dates_functions_and_prev():
    d = X.parse("date(year + 1, 1, 31)", ["year"])
    assert X.evaluate(d, X.mapping_resolver({"year": 2025})) == dt.date(2026, 1, 31)
    assert X.evaluate(X.parse("max(new, 3) - min(abs(-2), 5)", ROWS), X.mapping_resolver({"new": 1})) == 1
    p = X.parse("carried_in == prev.carried_out", ROWS, allow_prev=True)
    assert p.prev_names == {"carried_out"}
    assert X.evaluate(p, X.mapping_resolver({"carried_in": 2}), X.mapping_resolver({"carried_out": 2})) is True
    with pytest.raises(X.EvalError):
        X.evaluate(X.parse("new / granted", ROWS), X.mapping_resolver({"new": 1, "granted": 0}))
    with pytest.raises(X.EvalError):
        X.evaluate(X.parse("date(year, 2, 30)", ["year"]), X.mapping_resolver({"year": 2025}))
