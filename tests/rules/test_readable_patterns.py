"""A clerk reads a pattern_present failure without `describe:` as words, not regular expressions."""

from __future__ import annotations

import pytest
from rules_build import GOOD_PARTS, sub

from gxaudit.rules.checks import get
from gxaudit.rules.checks._patterns import readable
from gxaudit.rules.context import CheckContext


@pytest.mark.parametrize("pattern,shown", [
    ("办公室.{0,12}(负责|承担|具体|牵头)", "办公室…负责/承担/具体/牵头"),
    ("组长|主要负责同志|第一责任人", "组长/主要负责同志/第一责任人"),
    ("上一?年度?[^。；]{0,30}(问题|不足)", "上一年度…问题/不足"),
    ("20\\d\\d年度?报告", "20XX年度报告"),
    ("(?:专职|兼职)\\s*人员", "专职/兼职人员"),
    ("领导小组", "领导小组"),
])
def test_readable(pattern, shown):
    assert readable(pattern) == shown


def test_failure_message_names_what_is_missing_in_words():
    kind = get("pattern_present")
    params = kind.Params.model_validate({"mode": "all", "patterns": ["领导小组", "办公室.{0,12}(负责|承担)"]})
    (r,) = kind.run(sub({**GOOD_PARTS, 1: "本单位高度重视政务公开工作。"}), params, CheckContext())
    assert r.outcome == "fail"
    assert "办公室…负责/承担" in r.message and "{" not in r.message and "|" not in r.message
