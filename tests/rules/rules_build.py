"""Hand-built Submissions for rule tests: no extractor involved, so a check is tested alone."""

from __future__ import annotations

import datetime as dt

from gxaudit.model import Cell, Loc, Paragraph, Section, Sourced, Submission, Table
from gxaudit.rules.canon import COLS, PART_NUMERALS, PART_TITLES, ROWS

APP_ROWS = [r for r in ROWS["applications"] if r != "other"]  # 2021 variant
APP_COLS = COLS["applications"]


def sub(parts: dict[int, str] | None = None, *, file: str = "a.txt", sid: str | None = None,
        tables: dict[str, Table] | None = None, doc_type: str | None = "annual_report_2021",
        year: int | None = 2025, kind: str | None = "县直部门", published: dt.date | None = None,
        agency: str = "青山县农业农村局", title: str | None = None, extra: list[str] | None = None) -> Submission:
    """A submission whose sections are the official parts given (part number → body text)."""
    sections, paragraphs = [], []
    line = 1
    for text in extra or []:
        paragraphs.append(Paragraph(text=text, loc=Loc(file=file, line=line)))
        line += 1
    for part, body in sorted((parts or {}).items()):
        idx = len(sections)
        sections.append(Section(number=f"{PART_NUMERALS[part]}、", title=PART_TITLES[part][0], level=1,
                                part=part, text=body, loc=Loc(file=file, line=line)))
        line += 1
        for chunk in body.split("\n"):
            if chunk:
                paragraphs.append(Paragraph(text=chunk, loc=Loc(file=file, line=line), section=idx))
                line += 1
    return Submission(
        id=sid or file, file=file, title=Sourced(value=title or f"{agency}{year}年政府信息公开工作年度报告"),
        agency=Sourced(value=agency, source="manifest"), agency_kind=Sourced(value=kind, source="manifest"),
        report_year=Sourced(value=year), period=Sourced(value=str(year) if year else None),
        doc_type=Sourced(value=doc_type), published_at=Sourced(value=published, detail="发布时间"),
        sections=sections, paragraphs=paragraphs, tables=tables or {},
    )


def table(key: str, values: dict[str, dict[str, float | None]], file: str = "a.txt") -> Table:
    cells = {r: {c: Cell(value=v, raw="" if v is None else f"{v:g}", loc=Loc(file=file, line=100 + i))
                 for c, v in cols.items()} for i, (r, cols) in enumerate(values.items())}
    return Table(key=key, variant="2021", cells=cells, loc=Loc(file=file, line=99))


def balanced_applications(seed: dict[str, dict[str, int]] | None = None) -> dict[str, dict[str, float]]:
    """An applications table satisfying every official identity, built from free cells."""
    free = seed or {"granted": {"natural": 2, "commercial": 1}, "unavailable_1": {"natural": 1},
                    "carried_out": {"natural": 1}, "carried_in": {"natural": 1}}
    body = [r for r in APP_ROWS if r not in ("new", "handled_total")]
    vals = {r: {c: float(free.get(r, {}).get(c, 0)) for c in APP_COLS if c != "total"} for r in body}
    results = [r for r in body if r not in ("carried_in", "carried_out")]
    vals["handled_total"] = {c: sum(vals[r][c] for r in results) for c in APP_COLS if c != "total"}
    vals["new"] = {c: vals["handled_total"][c] + vals["carried_out"][c] - vals["carried_in"][c]
                   for c in APP_COLS if c != "total"}
    for row in vals.values():
        row["total"] = sum(row[c] for c in APP_COLS if c != "total")
    return vals


GOOD_PARTS = {
    1: "2025年本局主动公开政府信息286条，新收申请4件。",
    2: "主动公开情况见下表。",
    3: "收到和处理申请情况见下表。",
    4: "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    5: "2025年有3个栏目超过6个月未更新，已于4月底前完成整改；《政府信息公开指南》已按机构改革后的职责更新，"
       "并将“涉农补贴”栏目纳入每月检查。",
    6: "本年度未收取信息处理费。",
}
