"""A hand-built RunResult for renderer tests: two peer groups, an unreadable file, a missing
agency, findings with table and text evidence, a repeated finding and a cannot-evaluate one."""

from __future__ import annotations

import datetime as dt

from gxaudit.model import (
    Evidence,
    Finding,
    GroupScore,
    PackStamp,
    RankRow,
    RunRecord,
    RunResult,
    Scorecard,
)

PACK = PackStamp(id="annual-report-2021", version="2026.1", sha256="ab" * 32)


def finding(rule_id: str, title: str, deduction: float, *, group: str = "structure", outcome: str = "fail",
            severity: str = "error", repeated: bool = False, evidence: list[Evidence] | None = None,
            message: str | None = None) -> Finding:
    return Finding(
        rule_id=rule_id, pack=PACK.id, group=group, title=title, severity=severity, outcome=outcome,
        message=message or f"{title}。", deduction=deduction, basis="国办公开办函〔2021〕30号",
        fix="按2021年格式修改后重新发布", evidence=evidence or [], repeated=repeated,
    )


def groups(structure: float, data: float, quality: float) -> list[GroupScore]:
    return [
        GroupScore(id="structure", title="结构完整", points=30, deducted=30 - structure, score=structure),
        GroupScore(id="data", title="数据准确", points=40, deducted=40 - data, score=data),
        GroupScore(id="quality", title="内容质量", points=30, deducted=30 - quality, score=quality),
    ]


def card(agency: str, peer: str, total: float, grade: str, findings: list[Finding], *, kind: str = "乡镇",
         gs: tuple[float, float, float] = (30, 40, 30), status: str = "scored", reason: str | None = None,
         files: list[str] | None = None) -> Scorecard:
    files = files or [f"{agency}.txt"]
    return Scorecard(
        agency=agency, submission_ids=files, files=files, agency_kind=kind, peer_group=peer, period="2025-11",
        doc_type="annual_report_2021", status=status, status_reason=reason, packs=[PACK],
        groups=groups(*gs) if status == "scored" else [], total=total, grade=grade if status == "scored" else None,
        findings=findings, passed=20 - len(findings), not_applicable=2,
        cannot_evaluate=sum(1 for f in findings if f.outcome == "cannot_evaluate"),
    )


def sample_result(*, agency_name: str = "东岭镇", quote: str = "20xx年", period: str = "2025-11") -> RunResult:
    table_ev = Evidence(file="东岭镇.docx", section="三、收到和处理政府信息公开申请情况", table="applications",
                        row="new", col="total", printed=12, computed=14, detail="new + carried_in ≠ handled_total + carried_out")
    text_ev = Evidence(file=f"{agency_name}.txt", section="一、总体情况", line=7, quote=quote)
    cards = [
        card("西河街道", "乡镇（街道）", 98.0, "优秀", [], kind="街道"),
        card(agency_name, "乡镇（街道）", 78.5, "合格", [
            finding("AR21-T01", "申请情况表总计列不平衡", 10, group="data", evidence=[table_ev], repeated=True,
                    message="申请情况表“总计”列：新收12件+上年结转2件≠办理14件+结转0件"),
            finding("AR21-P01", "正文留有模板占位符", 5, group="quality", severity="warning", evidence=[text_ev]),
            finding("AR21-S06", "缺少第六部分“其他需要报告的事项”", 6.5, evidence=[]),
        ], gs=(23.5, 30, 25)),
        card("南山乡", "乡镇（街道）", 52.0, "不合格", [
            finding("AR21-S06", "缺少第六部分“其他需要报告的事项”", 8, repeated=True),
            finding("AR21-D01", "发布日期晚于1月31日", 40, group="quality"),
            finding("AR21-T02", "无法定位复议诉讼表", 0, group="data", outcome="cannot_evaluate", severity="info"),
        ], gs=(22, 30, 0)),
        card("北坡镇", "乡镇（街道）", 0.0, "", [], status="unreadable",
             reason="北坡镇年报.pdf 是扫描件，没有文字层，需要OCR后重新提交", files=["北坡镇年报.pdf"]),
        card("县教育局", "县直部门", 91.0, "优秀", [
            finding("AR21-Q05", "第五部分问题表述空泛", 9, group="quality", severity="warning",
                    evidence=[Evidence(file="县教育局.html", section="五、存在的主要问题及改进情况",
                                       quote="公开意识有待进一步提高")]),
        ], kind="县直部门", gs=(30, 40, 21)),
        card("县财政局", "县直部门", 85.0, "良好", [
            finding("AR21-S06", "缺少第六部分“其他需要报告的事项”", 15),
        ], kind="县直部门", gs=(15, 40, 30)),
    ]
    ranking = [
        RankRow(agency="西河街道", peer_group="乡镇（街道）", total=98.0, grade="优秀", rank=1, prev_rank=2, rank_change=1,
                submission_ids=["西河街道.txt"]),
        RankRow(agency=agency_name, peer_group="乡镇（街道）", total=78.5, grade="合格", rank=2, prev_rank=1, rank_change=-1,
                submission_ids=[f"{agency_name}.txt"]),
        RankRow(agency="南山乡", peer_group="乡镇（街道）", total=52.0, grade="不合格", rank=3, prev_rank=3, rank_change=0,
                submission_ids=["南山乡.txt"]),
        RankRow(agency="北坡镇", peer_group="乡镇（街道）", total=None, grade=None, rank=None, status="unreadable",
                submission_ids=["北坡镇年报.pdf"]),
        RankRow(agency="县教育局", peer_group="县直部门", total=91.0, grade="优秀", rank=1, prev_rank=None),
        RankRow(agency="县财政局", peer_group="县直部门", total=85.0, grade="良好", rank=2, prev_rank=1, rank_change=-1),
        RankRow(agency="县民政局", peer_group="县直部门", total=None, grade=None, rank=None, status="missing"),
    ]
    run = RunRecord(tool_version="0.1.0", period=period, as_of=dt.date(2025, 12, 5), packs=[PACK],
                    inputs=[{"path": f"{c.files[0]}", "sha256": "00" * 32} for c in cards])
    return RunResult(run=run, scorecards=cards, ranking=ranking, summary={})
