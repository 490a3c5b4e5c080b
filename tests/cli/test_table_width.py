"""The ranking on an 80-column terminal: every table line fits, long 说明/问题 end in …."""

from __future__ import annotations

from report.sample import sample_result
from wcwidth import wcswidth

from gxaudit.report import terminal

LONG = ("无法读取：北坡镇-2024年政府信息公开工作年度报告（扫描件）.pdf：PDF 没有文字层（可能是扫描件），"
        "需要先做文字识别（OCR）或提供文字版")


def _result():
    result = sample_result(agency_name="县卫生健康委员会综合监督执法局")
    result.scorecards[0].status_reason = LONG
    result.summary["common_problems"] = [
        {"title": "“存在的主要问题及改进情况”空泛，未写明本机关的具体问题和措施，也未提及上年度问题的整改情况",
         "rule_id": "AR21-C01", "agencies": ["东岭镇"], "occurrences": 1, "repeated": 1}]
    return result


def _table_lines(text: str) -> list[str]:
    body = text.split("无法读取的文件")[0]  # the full reasons below are prose; a terminal wraps them
    return [line for line in body.splitlines() if line.strip()]


def test_tables_fit_80_columns_and_mark_the_cut():
    text = terminal.render(_result(), width=80)
    assert max(wcswidth(line) for line in _table_lines(text)) <= 80, text
    assert "…" in text
    assert "县卫生健康委员会综合监督执法局" in text  # names are never cut


def test_without_a_width_nothing_is_cut_beyond_the_old_limit():
    text = terminal.render(_result())
    assert "“存在的主要问题及改进情况”空泛，未写明本机关的具体问题和措施，也未提及上年度问题的整改情况" in text


def test_clip_counts_chinese_as_two_columns():
    assert terminal._clip("一二三四五六", 7) == "一二三…"
    assert wcswidth(terminal._clip("一二三四五六", 7)) <= 7
    assert terminal._clip("短", 7) == "短"
