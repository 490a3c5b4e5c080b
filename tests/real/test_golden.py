"""The readings and scorecards of the real Pingtan reports are pinned: a change shows as a diff."""

from __future__ import annotations

HOW = ("\n\n真实材料的读取或评分结果变了。若变化是有意的：运行\n"
       "    .venv/bin/python scripts/update_goldens.py\n"
       "再用 git diff fixtures/real/pingtan/golden 逐项核对，确认后与代码一起提交。\n"
       "(The reading or scoring of a real report changed. If intended, run scripts/update_goldens.py,"
       " review `git diff fixtures/real/pingtan/golden` and commit it with the change.)")


def _check(goldens, expected: dict[str, str]) -> None:
    changed = [n for n in goldens.diff(expected) if n in expected or n.split("/")[0] in {k.split("/")[0] for k in expected}]
    assert not changed, "变化的金标准文件：" + "、".join(changed) + HOW


def test_readings_are_pinned(goldens):
    _check(goldens, goldens.inspect_goldens())


def test_scorecards_are_pinned(goldens, scored):
    expected = {f"score/{y}.json": goldens._dump(goldens.score_view(o)) for y, o in scored.items()}
    _check(goldens, expected)
