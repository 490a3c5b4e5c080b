"""Stand-ins for ingest/extract/rules/scoring with the contract's signatures.

They let the orchestration be tested on its own: a 'submission' is a small text file of
`key: value` lines (agency, kind, period, year, defects=R1,R2); CORRUPT as content makes
the reader fail. Each fake rule Rn deducts 10 points when listed in `defects`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel

from gxaudit.model import (
    Block,
    Document,
    Finding,
    Loc,
    PackStamp,
    ReadFailure,
    Scorecard,
    Sourced,
    Submission,
)

RULES = ("R1", "R2", "R3", "R4")


class FakeRuleError(ValueError):
    pass


class FakePack(BaseModel):
    id: str = "fake-pack"
    version: str = "1"
    sha256: str = "abc"
    overrides: list[str] = []


def read_or_fail(path, display=None, limits=None):
    path = Path(path)
    data = path.read_bytes()
    shown = display or path.name
    if data.strip() == b"CORRUPT":
        return ReadFailure(path=shown, reason="corrupt", message=f"{shown}：文件已损坏，请重新导出后报送")
    lines = data.decode("utf-8").splitlines()
    return Document(path=shown, format=path.suffix.lstrip("."), sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data), blocks=[Block(kind="paragraph", text=t, loc=Loc(file=shown, line=i + 1))
                                            for i, t in enumerate(lines)])


def _meta(doc: Document) -> dict[str, str]:
    out = {}
    for b in doc.blocks:
        k, _, v = b.text.partition(":")
        out[k.strip()] = v.strip()
    return out


def extract(doc: Document, manifest=None):
    manifest = manifest or {}
    meta = _meta(doc)

    def src(key):
        if key in manifest:
            return Sourced(value=manifest[key], source="manifest")
        return Sourced(value=meta.get(key), source="body") if meta.get(key) else Sourced()

    year = meta.get("year")
    return [Submission(
        id=doc.path, file=doc.path, sha256=doc.sha256, format=doc.format,
        agency=src("agency"), agency_kind=src("kind"), period=src("period"),
        report_year=Sourced(value=int(year), source="body") if year else Sourced(),
        doc_type=Sourced(value="annual_report_2021", source="body"),
        warnings=[f"defect:{d}" for d in meta.get("defects", "").split(",") if d],
    )]


def failed_submission(failure: ReadFailure, manifest=None):
    manifest = manifest or {}
    agency = Sourced(value=manifest["agency"], source="manifest") if "agency" in manifest else Sourced()
    return Submission(id=failure.path, file=failure.path, agency=agency, failure=failure)


def load_packs(selection, config):
    settings = config.other if hasattr(config, "other") else (config or {})
    if (settings.get("ranking") or {}).get("broken"):  # a known section: unknown ones stop at the CLI
        raise FakeRuleError("rules/broken.yaml 第3行：未知的检查类型“nope”")
    return [FakePack()]


def evaluate(sub: Submission, packs, ctx):
    defects = {w.split(":", 1)[1] for w in sub.warnings if w.startswith("defect:")}
    out = []
    for r in RULES:
        fail = r in defects
        out.append(Finding(rule_id=r, pack="fake-pack", group="g1" if r < "R3" else "g2",
                           title=f"问题{r}", outcome="fail" if fail else "pass",
                           severity="error" if r != "R4" else "warning",
                           message=f"{sub.file} 存在问题{r}" if fail else "", deduction=10.0 if fail else 0.0,
                           veto=(r == "R4" and fail),
                           data={"peers": sum(p.agency != sub.agency.value for p in ctx.peers), "previous": ctx.previous.id if ctx.previous else None,
                                 "as_of": str(ctx.as_of)}))
    return out


def scorecard(agency, subs, findings, packs, **kw):
    lost = {"g1": 0.0, "g2": 0.0}
    for f in findings:
        if f.outcome == "fail":
            lost[f.group] = min(50.0, lost[f.group] + f.deduction)
    total = 100.0 - sum(lost.values())
    grade = "优秀" if total >= 90 else "良好" if total >= 80 else "合格" if total >= 60 else "不合格"
    from gxaudit.model import GroupScore

    return Scorecard(
        agency=agency, submission_ids=[s.id for s in subs], files=sorted({s.file for s in subs}),
        packs=[PackStamp(id=p.id, version=p.version, sha256=p.sha256) for p in packs],
        groups=[GroupScore(id=g, title=f"指标{g}", points=50, deducted=lost[g], score=50 - lost[g])
                for g in ("g1", "g2")],
        total=total, grade=grade, veto=any(f.veto and f.outcome == "fail" for f in findings),
        findings=[f for f in findings if f.outcome != "pass"],
        passed=sum(f.outcome == "pass" for f in findings))


def install(monkeypatch) -> None:
    import sys
    import types

    import gxaudit
    import gxaudit.extract
    import gxaudit.ingest
    import gxaudit.rules

    monkeypatch.setattr(gxaudit.ingest, "read_or_fail", read_or_fail, raising=False)
    monkeypatch.setattr(gxaudit.ingest, "SUPPORTED", {".txt", ".docx", ".pdf"}, raising=False)
    monkeypatch.setattr(gxaudit.extract, "extract", extract, raising=False)
    monkeypatch.setattr(gxaudit.extract, "failed_submission", failed_submission, raising=False)
    monkeypatch.setattr(gxaudit.rules, "load_packs", load_packs, raising=False)
    monkeypatch.setattr(gxaudit.rules, "evaluate", evaluate, raising=False)
    monkeypatch.setattr(gxaudit.rules, "RuleError", FakeRuleError, raising=False)
    scoring = types.ModuleType("gxaudit.scoring")
    scoring.scorecard = scorecard
    monkeypatch.setitem(sys.modules, "gxaudit.scoring", scoring)
    monkeypatch.setattr(gxaudit, "scoring", scoring, raising=False)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def sub_text(agency: str | None = None, kind: str = "乡镇", period: str = "2025-10", defects: str = "",
             year: int | None = None) -> str:
    lines = [f"kind: {kind}", f"period: {period}", f"defects: {defects}"]
    if agency:
        lines.insert(0, f"agency: {agency}")
    if year:
        lines.append(f"year: {year}")
    return "\n".join(lines) + "\n"
