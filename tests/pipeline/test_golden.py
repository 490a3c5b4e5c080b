"""Golden files for the canonical JSON, CSV and terminal renderers (pure functions of RunResult).

Regenerate after an intended change with GXAUDIT_REGOLD=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gxaudit.model import Evidence, Finding, GroupScore, PackStamp, RunRecord, RunResult, Scorecard
from gxaudit.ranking import rank
from gxaudit.report import csvout, jsonout, terminal

GOLDEN = Path(__file__).parent / "golden"
STAMP = PackStamp(id="annual-report-2021", version="2026.1", sha256="0" * 64)


def finding(rule, title, deduction, repeated=False, outcome="fail", **ev):
    return Finding(rule_id=rule, pack=STAMP.id, group="data", title=title, outcome=outcome,
                   message=f"{title}（示例）", deduction=deduction, repeated=repeated, basis="国办公开办函〔2021〕30号",
                   fix="按格式补正", evidence=[Evidence(file="a.txt", **ev)] if ev else [])


def card(agency, group, total, grade, findings=(), **kw):
    return Scorecard(agency=agency, peer_group=group, total=total, grade=grade, packs=[STAMP],
                     submission_ids=[f"{agency}.txt"], files=[f"{agency}.txt"], findings=list(findings),
                     groups=[GroupScore(id="structure", title="结构完整", points=30, deducted=30 - total * 0.3,
                                        score=total * 0.3),
                             GroupScore(id="data", title="数据准确", points=70, deducted=70 - total * 0.7,
                                        score=total * 0.7)], **kw)


def sample() -> RunResult:
    town, dept = "乡镇（街道）", "县直部门"
    cards = [
        card("城关街道", town, 96.5, "优秀"),
        card("东岭镇", town, 88.0, "良好", [finding("AR21-D01", "申请情况表勾稽关系不平衡", 6, True, table="applications",
                                              row="总计", col="total", printed=12, computed=14)]),
        card("西河镇", town, 88.0, "良好", [finding("AR21-D01", "申请情况表勾稽关系不平衡", 6, line=40, quote="结转 3")]),
        card("县教育局", dept, 72.25, "合格", [finding("AR21-S06", "缺少第六部分", 5),
                                         finding("AR21-H01", "与上年衔接", 0, outcome="cannot_evaluate")],
             cannot_evaluate=1),
        Scorecard(agency="县财政局", peer_group=dept, status="unreadable", files=["县财政局.pdf"],
                  submission_ids=["县财政局.pdf"], status_reason="无法读取：县财政局.pdf：PDF 没有文字层"),
    ]
    ranking = rank(cards, {(town, "东岭镇"): 1, (town, "城关街道"): 2}, [("县民政局", dept)])
    return RunResult(
        run=RunRecord(tool_version="0.1.0", period="2025-10", packs=[STAMP],
                      inputs=[{"path": f"{c.agency}.txt", "sha256": "1" * 64} for c in cards],
                      skipped=[{"path": "照片.jpg", "reason": "不支持的文件类型 .jpg"}]),
        scorecards=sorted(cards, key=lambda c: c.agency), ranking=ranking,
        summary={"counts": {"agencies": 6, "scored": 4, "unreadable": 1, "missing": 1},
                 "common_problems": [{"rule_id": "AR21-D01", "title": "申请情况表勾稽关系不平衡", "pack": STAMP.id,
                                      "agencies": ["东岭镇", "西河镇"], "occurrences": 2, "repeated": 1}],
                 "unreadable": [{"path": "县财政局.pdf", "agency": "县财政局", "message": "县财政局.pdf：PDF 没有文字层"}],
                 "previous_period": "2025-09", "rank_comparable": True, "warnings": []})


RENDERERS = {
    "result.json": jsonout.dumps,
    "ranking.csv": csvout.ranking_csv,
    "findings.csv": csvout.findings_csv,
    "terminal.txt": terminal.render,
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(name):
    text = RENDERERS[name](sample())
    path = GOLDEN / name
    if os.environ.get("GXAUDIT_REGOLD"):
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes()


def test_json_round_trips():
    r = sample()
    assert jsonout.loads(jsonout.dumps(r)) == r
