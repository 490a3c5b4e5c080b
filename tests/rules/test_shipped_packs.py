"""Every shipped rule pack loads, documents each rule, and passes its own test cases.

The cases live beside the packs (`src/gxaudit/packs/cases/<pack>.yaml`) and are run through the
engine's rules-test runner, the same code `gxaudit rules test` uses: each case is extracted
with `submission_from_text`, evaluated, and the rules it names must fire (outcome fail) or stay
silent. Every rule needs a case where it fires and one where it passes. Known gaps are marked
`todo:` in the case file and printed here, not failed.
"""

from __future__ import annotations

import pytest

from gxaudit.rules import load_packs
from gxaudit.rules.testing import run_pack

SHIPPED = [
    "annual-report-2021",
    "annual-report-2019",
    "annual-report-legacy",
    "format-choice",
    "timeliness",
    "hygiene",
    "shiyou-township",
    "shiyou-department",
]


@pytest.fixture(scope="module")
def packs():
    return {p.pack: p for p in load_packs(SHIPPED)}


def test_all_shipped_packs_load_together(packs):
    assert sorted(packs) == sorted(SHIPPED)


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_every_rule_is_documented(packs, pack_id):
    pack = packs[pack_id]
    assert pack.version and pack.basis and pack.grades
    assert pack.applies.doc_type or pack.applies.agency_kind
    for _, rule in pack.rules():
        assert rule.fail_title and rule.fail_title != rule.title, rule.id
        assert rule.basis.strip() and rule.fix.strip(), rule.id
        assert rule.severity == "info" or rule.weighs(), f"{rule.id} weighs nothing"


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_pack_cases(packs, pack_id):
    report = run_pack(packs[pack_id])
    lines = []
    for case in report.cases:
        if case.error:
            lines.append(f"{case.where} {case.name}: 用例无法运行：{case.error}")
        lines += [f"{case.where} {case.name}: {m}" for m in case.mismatches]
        for m in case.todo:
            print(f"[todo] {case.where} {case.name}: {m}")
    lines += report.uncovered
    assert report.cases_file, f"{pack_id} 没有测试用例文件"
    assert not lines, "\n".join(lines)


def test_reference_page_lists_every_rule(repo_dir, packs):
    """docs/rules.md (the Chinese rule reference) names every shipped rule with its fail wording."""
    doc = (repo_dir / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [r.id for p in packs.values() for _, r in p.rules()
               if f"#### {r.id} {r.title}" not in doc or r.fail_title not in doc or r.fix not in doc]
    assert not missing, f"docs/rules.md 未列出或与规则文件不一致：{missing}"


def test_reference_page_is_generated_from_the_packs(repo_dir, packs):
    """The page is exactly what `gxaudit rules doc` prints: a rule edited without it is caught."""
    from gxaudit.rules.docgen import reference

    doc = (repo_dir / "docs" / "rules.md").read_text(encoding="utf-8")
    assert doc == reference(list(packs.values())), "docs/rules.md 已过期：请运行 gxaudit rules doc > docs/rules.md"
