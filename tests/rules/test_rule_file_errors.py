"""Broken rule files: each mistake gives one clear Chinese message with file:line:col and key,
before any submission is read (exit code 2 from the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxaudit.rules import RuleFileError, load_packs
from gxaudit.rules.loader import load_pack_file

GOOD = """\
pack: demo
title: 演示规则包
version: "2026.1"
basis: 测试依据
grades: {优秀: 90, 合格: 60}
groups:
  - id: structure
    title: 结构完整
    points: 10
    rules:
      - id: DM-S01
        title: 包含第六部分
        check: section_present
        with: {part: 6}
        deduct: 5
        basis: 年报格式 一（六）
        fix: 补写第六部分
  - id: data
    title: 数据准确
    points: 20
    rules:
      - id: DM-D01
        title: 申请表平衡
        check: table_formula
        with:
          table: applications
          expect: "new + carried_in == handled_total + carried_out"
        deduct: 10
        basis: 年报格式 表三
        fix: 核对数字
"""

# (name, old text, new text, line, key, phrase)
CASES = [
    ("unknown key", "        deduct: 5\n", "        deduct: 5\n        dedcut: 3\n", 16, "DM-S01.dedcut", "未知的键"),
    ("wrong type", "        deduct: 5\n", "        deduct: 五\n", 15, "DM-S01.deduct", "应为数字"),
    ("unquoted version", 'version: "2026.1"', "version: 2026.1", 3, "version", "加引号"),
    ("flag as yes/no", "        deduct: 5\n", "        deduct: 5\n        experimental: no\n", 16,
     "DM-S01.experimental", "true 或 false"),
    ("unknown check kind", "check: section_present", "check: section_presnet", 13, "DM-S01.check", "未知的检查类型"),
    ("bad expression", "handled_total + carried_out\"", "handled_total + carried_out +\"", 27,
     "DM-D01.with.expect", "表达式"),
    ("unknown name in expression", "new + carried_in", "new + carried", 27, "DM-D01.with.expect", "未知名称“carried”"),
    ("duplicate rule id", "id: DM-D01", "id: DM-S01", 22, "DM-S01.id", "重复"),
    ("duplicate key", "        deduct: 10\n", "        deduct: 10\n        deduct: 8\n", 29, "deduct", "重复"),
    ("missing basis", "        basis: 年报格式 一（六）\n", "", 11, "DM-S01.basis", "缺少必填项"),
    ("missing title", "        title: 包含第六部分\n", "", 11, "DM-S01.title", "缺少必填项"),
    ("missing fix", "        fix: 核对数字\n", "", 22, "DM-D01.fix", "缺少必填项"),
    ("deduct > group points", "        deduct: 5\n", "        deduct: 15\n", 15, "DM-S01.deduct", "超过所在指标"),
    ("group points do not add up", "grades:", "points: 100\ngrades:", 5, "points", "不符"),
    ("bad applies", "        deduct: 5\n", "        deduct: 5\n        applies: {report_year: 'after 2020'}\n", 16,
     "DM-S01.applies.report_year", "report_year"),
    ("unknown doc type in applies", "grades:", "applies: {doc_type: [annual_report]}\ngrades:", 5,
     "applies.doc_type", "未知的文件类型"),
    ("bad check params", "with: {part: 6}", "with: {part: 6, colour: red}", 14, "DM-S01.with.colour", "未知的键"),
    ("veto grade not in grades", "        deduct: 5\n", "        deduct: 5\n        veto: {grade: 差}\n", 16,
     "DM-S01.veto.grade", "不在 grades"),
    ("deduct and per together", "        deduct: 5\n", "        deduct: 5\n        per: 1\n", 11, "DM-S01", "二选一"),
    ("yaml syntax", "    title: 结构完整\n", "    title: [结构完整\n", 9, "", "YAML 语法错误"),
]


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_good_pack_loads(tmp_path):
    pack = load_pack_file(write(tmp_path, GOOD))
    assert [r.id for _, r in pack.rules()] == ["DM-S01", "DM-D01"]
    assert len(pack.stamp().sha256) == 64


@pytest.mark.parametrize("name,old,new,line,key,phrase", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_one_clear_message(tmp_path, name, old, new, line, key, phrase):
    assert old in GOOD, name
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(RuleFileError) as info:
        load_pack_file(path, "demo.yaml")
    problems = info.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    assert (p.file, p.line, p.key) == ("demo.yaml", line, key), str(p)
    assert phrase in p.message, str(p)
    assert str(p).startswith(f"demo.yaml:{line}:{p.col}: ")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in p.message)  # said in Chinese


def test_expression_error_points_at_the_column(tmp_path):
    path = write(tmp_path, GOOD.replace("new + carried_in", "new + carried", 1))
    with pytest.raises(RuleFileError) as info:
        load_pack_file(path, "demo.yaml")
    p = info.value.problems[0]
    line_text = GOOD.replace("new + carried_in", "new + carried", 1).splitlines()[p.line - 1]
    assert line_text[p.col - 1:].startswith("carried")


def test_duplicate_rule_id_across_packs(tmp_path):
    write(tmp_path, GOOD)
    other = GOOD.replace("pack: demo", "pack: demo-two").replace("id: DM-S01", "id: DM-X01")
    write(tmp_path, other, "demo-two.yaml")
    with pytest.raises(RuleFileError) as info:
        load_packs([tmp_path], {})
    msg = str(info.value)
    assert "DM-D01" in msg and "其他规则包" in msg and "demo" in msg


def test_duplicate_key_names_both_lines(tmp_path):
    path = write(tmp_path, GOOD.replace("        deduct: 10\n", "        deduct: 10\n        deduct: 8\n", 1))
    with pytest.raises(RuleFileError) as info:
        load_pack_file(path)
    assert "第 29 行" in info.value.problems[0].message


def test_all_problems_of_a_file_are_reported(tmp_path):
    text = GOOD.replace("check: section_present", "check: nope").replace("deduct: 10", "deduct: 30")
    with pytest.raises(RuleFileError) as info:
        load_pack_file(write(tmp_path, text))
    assert {p.key for p in info.value.problems} == {"DM-S01.check", "DM-D01.deduct"}
