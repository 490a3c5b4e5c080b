"""Local policy overlays, pack round-trip, evaluate's safety net, and the rules CLI commands."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from rules_build import GOOD_PARTS, sub

from gxaudit.cli import cli
from gxaudit.rules import RuleFileError, evaluate, load_packs
from gxaudit.rules.config import from_dict, load_config
from gxaudit.rules.context import CheckContext
from gxaudit.rules.loader import load_pack_file

PACKS = Path(__file__).parent / "packs"
PACK_FILE = PACKS / "identities.yaml"


def test_overlay_changes_points_switches_and_params_and_stamps_them():
    cfg = {"rules": {"TI-S03": {"deduct": 3}, "TI-S07": {"enabled": False}, "TI-C03": {"per": 2}},
           "params": {"TI-D01": {"tolerance": 0.5}}, "weights": {"test-identities": 2}}
    base = load_packs([PACK_FILE], {})[0]
    (p,) = load_packs([PACK_FILE], cfg)
    assert p.rule("TI-S03").deduct == 3 and base.rule("TI-S03").deduct == 5  # overlay, shipped untouched
    assert p.rule("TI-S07").enabled is False and p.weight == 2
    assert p.rule("TI-C03").per == 2 and p.rule("TI-C03").cap == 5
    assert p.rule("TI-D01").params.tolerance == 0.5
    assert set(p.stamp().overrides) >= {"TI-S03.deduct=3", "TI-S07.enabled=false", "TI-D01.with.tolerance=0.5",
                                        "packs.test-identities.weight=2"}
    assert p.stamp().sha256 == base.stamp().sha256
    ids = {f.rule_id for f in evaluate(sub(GOOD_PARTS), [p], CheckContext())}
    assert "TI-S07" not in ids and "TI-S03" in ids


@pytest.mark.parametrize("cfg,phrase", [
    ({"rules": {"TI-X99": {"deduct": 1}}}, "没有编号为“TI-X99”的规则"),
    ({"rules": {"TI-S03": {"title": "x"}}}, "不能在配置中修改“title”"),
    ({"rules": {"TI-S03": {"deduct": 100}}}, "超过所在指标"),
    ({"rules": {"TI-S03": {"enabled": "no"}}}, "true 或 false"),
    ({"params": {"TI-D01": {"expect": "new == nope"}}}, "未知名称“nope”"),
    ({"weights": {"no-such-pack": 2}}, "没有已加载的规则包"),
    ({"deadlines": {"乡村": "date(year+1, 2, 20)"}}, "单位类型"),
])
def test_overlay_mistakes_are_rule_errors(cfg, phrase):
    deadline_pack = PACKS.parent / "packs"
    with pytest.raises(RuleFileError) as info:
        load_packs([PACK_FILE, deadline_pack / "deadline.yaml"], cfg)
    assert phrase in str(info.value) and "gxaudit.toml" in str(info.value)


def test_deadline_override_from_config(tmp_path):
    (p,) = load_packs([PACKS / "deadline.yaml"], {"deadlines": {"乡镇": "date(year+1, 2, 20)"}})
    late_for_dept = sub(GOOD_PARTS, kind="乡镇", published=dt.date(2026, 2, 10))
    (f,) = evaluate(late_for_dept, [p], CheckContext())
    assert f.outcome == "pass" and "2026-02-20" in f.message
    assert any("deadlines.乡镇" in o for o in p.stamp().overrides)


def test_toml_file_and_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.gxaudit]\npacks = ["test-identities"]\n'
                                             '[tool.gxaudit.rules.TI-S03]\ndeduct = 2\n', encoding="utf-8")
    cfg = load_config(tmp_path / "pyproject.toml")
    assert cfg.packs == ["test-identities"] and cfg.rules == {"TI-S03": {"deduct": 2}}
    assert from_dict({"tool": {"gxaudit": {"packs": ["x"]}}}).packs == ["x"]


def test_load_dump_round_trip_compares_equal(tmp_path, repo_dir):
    files = [PACK_FILE, *sorted((repo_dir / "src/gxaudit/packs").glob("*.yaml"))]
    for f in files:
        pack = load_pack_file(f)
        out = tmp_path / f.name
        buf = io.StringIO()
        YAML().dump(pack.dump(), buf)
        out.write_text(buf.getvalue(), encoding="utf-8")
        again = load_pack_file(out)
        assert again.model_dump() == pack.model_dump(), f.name
        assert [r.params.model_dump() for _, r in again.rules()] == [r.params.model_dump() for _, r in pack.rules()]


def test_a_broken_check_becomes_cannot_evaluate(monkeypatch):
    from gxaudit.rules.checks import section_present

    (p,) = load_packs([PACK_FILE], {})

    def boom(*a, **k):
        raise RuntimeError("坏了")

    monkeypatch.setattr(section_present, "run", boom)
    findings = {f.rule_id: f for f in evaluate(sub(GOOD_PARTS), [p], CheckContext())}
    assert findings["TI-S01"].outcome == "cannot_evaluate" and "坏了" in findings["TI-S01"].message
    assert findings["TI-S07"].outcome == "pass"  # the other rules still ran


def test_applicability():
    (p,) = load_packs([PACK_FILE], {})
    assert evaluate(sub(GOOD_PARTS, doc_type="work_summary"), [p], CheckContext()) == []
    assert evaluate(sub(GOOD_PARTS, year=2019), [p], CheckContext()) == []
    (g,) = load_packs([PACKS / "deadline.yaml"], {})
    (f,) = evaluate(sub(GOOD_PARTS, kind="学校"), [g], CheckContext())
    assert f.outcome == "not_applicable"


# ------------------------------------------------------------------ CLI


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_rules_lint_ok_and_broken(tmp_path):
    r = invoke("rules", "lint", str(PACK_FILE))
    assert r.exit_code == 0 and "检查通过" in r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(PACK_FILE.read_text(encoding="utf-8").replace("deduct: 10\n", "dedcut: 10\n", 1), encoding="utf-8")
    r = invoke("rules", "lint", str(bad))
    assert r.exit_code == 2 and "bad.yaml:" in r.output and "未知的键" in r.output


def test_rules_list_and_explain():
    r = invoke("rules", "list", "--pack", str(PACK_FILE))
    assert r.exit_code == 0 and "TI-D03" in r.output and "-2/处(≤10)" in r.output
    shipped = load_packs(None, {})
    rid = next(r.id for _, r in shipped[0].rules())
    r = invoke("explain", rid)
    assert r.exit_code == 0 and "依据：" in r.output and "整改建议：" in r.output and "检查类型：" in r.output
    r = invoke("explain", "NO-SUCH-RULE")
    assert r.exit_code == 2 and "没有编号" in r.output


def test_config_show_says_where_values_come_from(tmp_path, monkeypatch):
    (tmp_path / "gxaudit.toml").write_text('[rules.TI-S03]\ndeduct = 3\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = invoke("config", "show", "--pack", str(PACK_FILE))
    assert r.exit_code == 0
    lines = r.output.splitlines()
    s03 = lines.index(next(line for line in lines if line.strip().startswith("TI-S03")))
    block = "\n".join(lines[s03:s03 + 12])
    assert "deduct = 3.0  ← " in block and "gxaudit.toml [rules.TI-S03]" in block
    assert "with.part = 3  ← " in block and "identities.yaml:18:" in block


def test_rules_test_runs_cases_and_demands_coverage(tmp_path, monkeypatch):
    from gxaudit import extract

    def fake(text, name="case.txt", manifest=None):  # independent of the extractor
        parts = {i: line.split("、", 1)[1] for line in text.splitlines() if "、" in line
                 for i in [int(line.split("、", 1)[0])]}
        return sub(parts, file=name)

    monkeypatch.setattr(extract, "submission_from_text", fake)
    packs = tmp_path / "packs"
    (packs / "cases").mkdir(parents=True)
    (packs / "mini.yaml").write_text(MINI, encoding="utf-8")
    (packs / "cases" / "mini.yaml").write_text(CASES, encoding="utf-8")
    r = invoke("rules", "test", str(packs / "mini.yaml"))
    assert r.exit_code == 0, r.output
    (packs / "cases" / "mini.yaml").write_text(CASES.replace("silent: [MI-01]", "fires: [MI-01]"), encoding="utf-8")
    r = invoke("rules", "test", str(packs / "mini.yaml"))
    assert r.exit_code == 1 and "MI-01：期望触发，实际通过" in r.output and "没有该规则通过" in r.output


MINI = """\
pack: mini
title: 小规则包
version: "1"
basis: 测试
groups:
  - id: g
    title: 组
    points: 10
    rules:
      - {id: MI-01, title: 含信息处理费说明, check: pattern_present, with: {phrases: [信息处理费]}, deduct: 5, basis: b, fix: f}
"""
CASES = """\
- name: 有说明
  text: "6、本年度未收取信息处理费。"
  silent: [MI-01]
- name: 无说明
  text: "6、无。"
  fires: [MI-01]
"""
