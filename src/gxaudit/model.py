"""The shared data model: the contracts between pipeline stages.

Every stage imports this module and nothing later than itself (see ../shared/DESIGN.md).
Models are plain pydantic so that each stage's output can be cached, sent to a worker
process and dumped as the documented JSON without custom code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- ingest


class Loc(Model):
    """Where something was read. Every block, cell and finding points back to its source."""

    file: str
    page: int | None = None  # 1-based PDF page
    line: int | None = None  # 1-based line in a text file
    block: int | None = None  # index of the block in the Document
    sheet: str | None = None  # xlsx sheet name
    row: int | None = None  # 0-based row in the block's table grid
    col: int | None = None  # 0-based column in the block's table grid

    def short(self) -> str:
        """A human locator: 'a.txt 第12行' / 'a.pdf 第3页' / 'a.docx 第5段'."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        elif self.block is not None:
            parts.append(f"第{self.block + 1}段")
        if self.row is not None:
            parts.append(f"表格第{self.row + 1}行")
        return " ".join(parts)


class Block(Model):
    """One unit of a document in reading order.

    A table is a grid of cell strings with merged cells already expanded: a cell spanning
    three columns appears three times, so every row has its cells in column order.
    `spans` keeps, for tables from docx/html/xlsx, which grid cells were copies of a merged
    cell (True) so that the extractor can tell a repeated header from repeated values.
    """

    kind: Literal["heading", "paragraph", "table"]
    text: str = ""
    level: int | None = None  # heading level when the format says so (docx style, <h2>)
    rows: list[list[str]] | None = None
    merged: list[list[bool]] | None = None
    loc: Loc


class Document(Model):
    """What ingest read from one file: ordered blocks plus what the container itself said."""

    path: str  # as given on the command line / relative to the submissions folder
    format: str  # txt, docx, html, pdf, xlsx, doc, wps, et, csv
    sha256: str
    size: int
    blocks: list[Block] = Field(default_factory=list)
    # Metadata the container carries: title, published (page meta or 发布时间 header),
    # encoding, source url ... Values are strings; extract interprets them.
    meta: dict[str, str] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


class ReadFailure(Model):
    """A file that could not be read. It still appears in every output, marked 无法读取."""

    path: str
    reason: str  # short code: empty, not_text, corrupt, too_large, timeout, needs_ocr, ...
    message: str  # Chinese, names the file and what to do


# --------------------------------------------------------------------------- extract

DocType = Literal[
    "annual_report_2021",
    "annual_report_2019",
    "annual_report_legacy",
    "work_summary",
    "publication_log",
    "site_snapshot",
    "other",
]
AgencyKind = Literal["乡镇", "街道", "县直部门", "县级政府", "市级部门", "学校", "其他"]
Source = Literal["manifest", "title", "published_line", "meta", "body", "file", "config", "default"]


class Sourced(Model):
    """An inferred value and where it came from, so a reviewer can check it."""

    value: Any = None
    source: Source = "default"
    detail: str | None = None  # e.g. the matched text


class Section(Model):
    number: str | None  # as printed, normalised to full-width forms: 一、 / （一） / 1. / (1)
    title: str
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for (1); 0 for the document title
    part: int | None = None  # official part 1..6 (2019/2021 formats), legacy item for free form
    text: str = ""  # the section's own text and its subsections', without the heading
    loc: Loc


class Cell(Model):
    value: float | None  # None = blank in the submission; never confused with 0
    raw: str = ""
    unit: str | None = None
    loc: Loc | None = None


class Table(Model):
    """An official table in canonical keys (../shared/domain/annual-report.md)."""

    key: Literal["proactive", "applications", "review_litigation", "legacy_stats"]
    variant: str | None = None  # "2021", "2019", "legacy"
    cells: dict[str, dict[str, Cell]] = Field(default_factory=dict)  # row_key -> col_key -> Cell
    units: dict[str, str] = Field(default_factory=dict)  # "row.col" or "row" -> unit
    source: Literal["table", "flattened", "runtogether"] = "table"
    unplaced: list[str] = Field(default_factory=list)  # rows/cells read but not placed, and why
    extra_rows: dict[str, dict[str, Cell]] = Field(default_factory=dict)  # unmapped, by label
    loc: Loc | None = None
    # row key (or printed label) -> the printed run-together cells of a row not (fully) split,
    # so that a later step (last year's figures) can still decide it
    pending: dict[str, str] = Field(default_factory=dict)
    # how cells were read, for a reviewer beside the cells (e.g. a split that only an identity
    # decided); information, not problems: problems go to Submission.warnings
    notes: list[str] = Field(default_factory=list)
    # the year the figures are for, when the reader knows it (a 统计表 header's "2015年度", the
    # report year): lets a cross-year step refuse a table that is not last year's
    year: int | None = None

    def value(self, row: str, col: str) -> float | None:
        c = self.cells.get(row, {}).get(col)
        return None if c is None else c.value


class Paragraph(Model):
    """Body text with its location and the index of the section it belongs to."""

    text: str
    loc: Loc
    section: int | None = None  # index into Submission.sections


class LogItem(Model):
    """One published item of a publication log or a column list page."""

    column: str  # column path or name as given
    column_name: str | None = None
    column_class: str | None = None  # dynamic, notice_policy, personnel_planning, ...
    title: str = ""
    published: dt.date | None = None
    date_raw: str = ""
    date_source: str | None = None  # which field/format the date came from
    url: str | None = None
    trigger: dt.date | None = None  # the date a deadline runs from (成文/批准日期), when logged
    loc: Loc | None = None


class RejectedRow(Model):
    """A log row kept out of the score (no or unreadable date, agency not on the roster)."""

    loc: Loc | None = None
    reason: str  # no_date, bad_date, unknown_agency
    message: str  # Chinese, names the file, the row and what to fix
    raw: str = ""  # the offending value as printed


class ColumnInfo(Model):
    """A column (栏目) as a site snapshot shows it; status says whether it could be checked."""

    path: str
    name: str = ""
    column_class: str | None = None
    agency: str | None = None
    record_count: int | None = None
    status: Literal["ok", "empty", "unknown"] = "ok"
    reason: str | None = None  # why unknown: empty_list with archive_total, not_a_list, ...


class Submission(Model):
    """What one document says, in canonical form. Rules read only this."""

    id: str  # stable: relative path, plus '#2' for the second document split out of one file
    file: str
    sha256: str = ""
    format: str = ""
    title: Sourced = Field(default_factory=Sourced)
    agency: Sourced = Field(default_factory=Sourced)
    agency_kind: Sourced = Field(default_factory=Sourced)
    report_year: Sourced = Field(default_factory=Sourced)  # int
    period: Sourced = Field(default_factory=Sourced)  # "2025" or "2026-10"
    doc_type: Sourced = Field(default_factory=Sourced)  # DocType
    published_at: Sourced = Field(default_factory=Sourced)  # datetime.date
    url: str | None = None
    sections: list[Section] = Field(default_factory=list)
    tables: dict[str, Table] = Field(default_factory=dict)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    items: list[LogItem] = Field(default_factory=list)  # publication logs / snapshots
    columns: list[ColumnInfo] = Field(default_factory=list)
    rejected: list[RejectedRow] = Field(default_factory=list)  # log rows kept out of the score
    parts_in_file: int = 1  # >1 when one file held several documents
    warnings: list[str] = Field(default_factory=list)
    failure: ReadFailure | None = None  # set when the file could not be read
    # other files holding the same document (page.txt beside body.html), merged into this one
    renderings: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


# --------------------------------------------------------------------------- evaluate

Outcome = Literal["fail", "pass", "not_applicable", "cannot_evaluate"]
Severity = Literal["error", "warning", "info"]


class Evidence(Model):
    file: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    page: int | None = None
    line: int | None = None
    quote: str | None = None  # short, as printed
    printed: float | None = None  # for identities: the value as printed
    computed: float | None = None  # and the value the identity computes
    detail: str | None = None


class CheckResult(Model):
    """What a check kind returns: an outcome with its evidence, before any points."""

    outcome: Outcome
    message: str = ""  # Chinese, specific: names the cell / phrase / column
    count: int = 1  # occurrences, for per-occurrence deductions
    evidence: list[Evidence] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)  # e.g. days_late


class Finding(Model):
    rule_id: str
    pack: str
    group: str
    title: str
    severity: Severity = "error"
    outcome: Outcome
    message: str
    deduction: float = 0.0
    bonus: float = 0.0
    veto: bool = False
    count: int = 1
    basis: str = ""
    fix: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)
    repeated: bool = False  # same rule failed last period too (连续未整改)


# --------------------------------------------------------------------------- score / rank


class GroupScore(Model):
    id: str
    title: str
    points: float
    deducted: float
    score: float
    bonus: float = 0.0
    not_evaluated: int = 0
    pack: str = ""  # the pack the group belongs to (group ids are unique only within a pack)
    weight: float = 1.0  # the pack's weight in the combined total


class PackStamp(Model):
    id: str
    version: str
    sha256: str
    overrides: list[str] = Field(default_factory=list)


class Scorecard(Model):
    """One agency's result for one period: all its documents, all applicable packs."""

    agency: str
    submission_ids: list[str] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    agency_kind: str | None = None
    peer_group: str = "其他"
    period: str | None = None
    doc_type: str | None = None
    status: Literal["scored", "unreadable", "not_scored"] = "scored"
    status_reason: str | None = None
    packs: list[PackStamp] = Field(default_factory=list)
    groups: list[GroupScore] = Field(default_factory=list)
    total: float = 0.0
    max_points: float = 100.0
    grade: str | None = None
    veto: bool = False
    findings: list[Finding] = Field(default_factory=list)  # fail + cannot_evaluate
    passed: int = 0
    not_applicable: int = 0
    cannot_evaluate: int = 0


class RankRow(Model):
    agency: str
    peer_group: str
    total: float | None
    grade: str | None
    rank: int | None
    prev_rank: int | None = None
    rank_change: int | None = None
    status: str = "scored"  # scored / unreadable / missing
    submission_ids: list[str] = Field(default_factory=list)


class RunRecord(Model):
    schema_version: str = SCHEMA_VERSION
    tool_version: str
    period: str | None
    as_of: dt.date | None = None
    packs: list[PackStamp] = Field(default_factory=list)
    inputs: list[dict[str, str]] = Field(default_factory=list)  # path + sha256
    skipped: list[dict[str, str]] = Field(default_factory=list)  # path + reason


class RunResult(Model):
    """The canonical JSON result: every renderer is a pure function of it."""

    run: RunRecord
    scorecards: list[Scorecard] = Field(default_factory=list)
    ranking: list[RankRow] = Field(default_factory=list)
    summary: dict[str, Any] = Field(default_factory=dict)  # common problems etc.
