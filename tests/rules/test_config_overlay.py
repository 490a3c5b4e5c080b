"""Config overlay semantics: `[params.X]` deep-merges nested mappings (lists replace), and
`[[add.<pack>]]` puts an office's own rule into a shipped pack's group."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from rules_build import GOOD_PARTS, sub

from gxaudit import scoring
from gxaudit.cli import cli
from gxaudit.rules import RuleFileError, evaluate, load_packs
from gxaudit.rules.config import deep_merge, load_config
from gxaudit.rules.context import CheckContext

DEADLINE = Path(__file__).parent / "packs" / "deadline.yaml"

ADDED = {"group": "hygiene", "id": "QS-01", "title": "没有“此处填写”等未填写提示",
         "fail_title": "出现“此处填写”等未填写提示", "check": "pattern_absent",
         "with": {"phrases": ["此处填写"]}, "deduct": 2, "basis": "青山县考核细则第3条", "fix": "删除提示文字"}


def test_deep_merge_keeps_sibling_keys_and_replaces_lists():
    base = {"deadlines": {"县直部门": "a", "乡镇": "b"}, "patterns": ["x", "y"], "part": 5}
    got = deep_merge(base, {"deadlines": {"乡镇": "c"}, "patterns": ["z"]})
    assert got == {"deadlines": {"县直部门": "a", "乡镇": "c"}, "patterns": ["z"], "part": 5}
    assert base["deadlines"]["乡镇"] == "b"  # the pack's own mapping is not changed


def test_params_override_merges_a_nested_mapping():
    """Only 乡镇's deadline moves; the 县直部门 deadline written in the pack still applies."""
    (p,) = load_packs([DEADLINE], {"params": {"TD-01": {"deadlines": {"乡镇": "date(year+1, 2, 20)"}}}})
    assert p.rule("TD-01").params.deadlines == {"县直部门": "date(year+1, 1, 31)", "乡镇": "date(year+1, 2, 20)"}
    town = sub(GOOD_PARTS, kind="乡镇", published=dt.date(2026, 2, 10))
    dept = sub(GOOD_PARTS, kind="县直部门", published=dt.date(2026, 2, 10))
    assert evaluate(town, [p], CheckContext())[0].outcome == "pass"
    assert evaluate(dept, [p], CheckContext())[0].outcome == "fail"  # before: a wholesale replace lost it
    assert "TD-01.with.deadlines={'乡镇': 'date(year+1, 2, 20)'}" in p.stamp().overrides


def test_added_rule_runs_scores_and_is_stamped():
    (p,) = load_packs(["hygiene"], {"add": {"hygiene": [ADDED]}})
    assert p.rule("QS-01") is not None and "add.hygiene.hygiene.QS-01" in p.stamp().overrides
    s = sub({1: "2025年本局主动公开政府信息（此处填写数量）条。"}, doc_type="annual_report_2021")
    found = evaluate(s, [p], CheckContext())
    [f] = [f for f in found if f.rule_id == "QS-01"]
    assert f.outcome == "fail" and f.evidence[0].line == 2 and f.group == "hygiene"
    card = scoring.scorecard("青山县农业农村局", [s], found, [p])
    assert [x.deduction for x in card.findings if x.rule_id == "QS-01"] == [2]
    clean = [f for f in evaluate(sub(GOOD_PARTS), [p], CheckContext()) if f.rule_id == "QS-01"]
    assert clean[0].outcome == "pass"
    assert load_packs(["hygiene"], {})[0].rule("QS-01") is None  # shipped pack untouched


@pytest.mark.parametrize("change, phrase", [
    ({"group": "nope"}, "需要 group"),
    ({"id": "HY-01"}, "已存在"),
    ({"check": "no_such_kind"}, "未知的检查类型"),
    ({"with": {"phrase": ["x"]}}, "phrase"),
    ({"deduct": 50}, "超过所在指标"),
    ({"basis": ""}, "basis"),
])
def test_added_rule_mistakes_are_rule_errors(change, phrase):
    with pytest.raises(RuleFileError) as info:
        load_packs(["hygiene"], {"add": {"hygiene": [{**ADDED, **change}]}})
    assert phrase in str(info.value)


def test_add_to_a_pack_not_loaded_is_an_error():
    with pytest.raises(RuleFileError, match="没有已加载的规则包"):
        load_packs(["hygiene"], {"add": {"no-such-pack": [ADDED]}})


def test_add_from_a_toml_file_and_config_show(tmp_path, monkeypatch):
    (tmp_path / "gxaudit.toml").write_text(
        '[[add.hygiene]]\ngroup = "hygiene"\nid = "QS-01"\ntitle = "没有未填写提示"\nfail_title = "出现未填写提示"\n'
        'check = "pattern_absent"\ndeduct = 2\nbasis = "考核细则第3条"\nfix = "删除提示文字"\n'
        '[add.hygiene.with]\nphrases = ["此处填写"]\n', encoding="utf-8")
    cfg = load_config(tmp_path / "gxaudit.toml")
    (p,) = load_packs(["hygiene"], cfg)
    assert p.rule("QS-01").params.phrases == ["此处填写"]
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, ["config", "show", "--pack", "hygiene"])
    assert out.exit_code == 0
    assert "QS-01（hygiene）" in out.output and "deduct = 2.0  ← " in out.output and "gxaudit.toml [[add.hygiene]]" in out.output
