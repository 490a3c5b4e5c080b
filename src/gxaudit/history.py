"""The run history: one SQLite file, so that deltas and repeated problems survive between runs.

Why SQLite: the office keeps one file beside its submissions (default
``.gxaudit/history.sqlite``); it can be copied, backed up and opened with any tool.

- ``runs``: one row per period (``2025`` annual, ``2025-10`` monthly) with the pack stamps and
  the canonical RunResult JSON, so the circular can be rendered later from history alone.
- ``scorecards``, ``findings``: queryable copies (previous ranks, repeated problems).
- ``submissions``: the canonical Submission JSON of every scored document, so that
  ``consistency_with_previous`` can compare with last year's report whichever run stored it.
- ``schema_version``: one row; ``MIGRATIONS`` are applied in order, each in its own
  transaction, so an old file is upgraded in place and a newer one is refused.

Re-scoring a period replaces it in ONE ``BEGIN IMMEDIATE … COMMIT`` transaction: a crash or
a kill in the middle leaves the previous state of that period intact (SQLite's journal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Self

from gxaudit.model import PackStamp, RunResult, Submission

DEFAULT_PATH = Path(".gxaudit") / "history.sqlite"

MIGRATIONS: list[list[str]] = [
    # v1: runs, scorecards, findings
    [
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "INSERT INTO schema_version (version) VALUES (0)",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            packs TEXT NOT NULL,
            pack_key TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            created TEXT NOT NULL,
            result TEXT NOT NULL)""",
        """CREATE TABLE scorecards (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            agency TEXT NOT NULL,
            peer_group TEXT,
            status TEXT NOT NULL,
            total REAL,
            grade TEXT,
            rank INTEGER,
            PRIMARY KEY (run_id, agency))""",
        """CREATE TABLE findings (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            agency TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            pack TEXT NOT NULL,
            grp TEXT NOT NULL,
            outcome TEXT NOT NULL,
            severity TEXT NOT NULL,
            deduction REAL NOT NULL,
            count INTEGER NOT NULL,
            repeated INTEGER NOT NULL)""",
        "CREATE INDEX findings_by_agency ON findings (run_id, agency, rule_id)",
    ],
    # v2: extracted submissions, for consistency with the previous year's report
    [
        """CREATE TABLE submissions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            submission_id TEXT NOT NULL,
            agency TEXT,
            report_year INTEGER,
            period TEXT,
            doc_type TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (run_id, submission_id))""",
        "CREATE INDEX submissions_by_agency ON submissions (agency, report_year)",
    ],
]
SCHEMA = len(MIGRATIONS)


def _year_or_none(year) -> int | None:
    return int(year) if isinstance(year, int) else None


class HistoryError(RuntimeError):
    """A history file that cannot be used (message in Chinese, names the file)."""


def period_kind(period: str) -> str:
    if re.fullmatch(r"\d{4}", period):
        return "annual"
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "monthly"
    return "other"


def normalise_period(period: str | None) -> str | None:
    """'2025-1' / '2025年1月' / '2025.01' → '2025-01'; '2025年' → '2025'."""
    if period is None:
        return None
    p = period.strip()
    m = re.fullmatch(r"(\d{4})\s*(?:年度?|)", p)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?", p)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    return p


def pack_key(packs: list[PackStamp]) -> str:
    """One hash for a run's pack stamps: rankings are compared only when these are equal."""
    items = sorted((p.id, p.version, p.sha256, sorted(p.overrides)) for p in packs)
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()


class History:
    def __init__(self, path: Path | str = DEFAULT_PATH) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"历史库 {self.path} 无法打开（{exc}）：请检查文件或换用新的 --history 路径") from exc

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def version(self) -> int:
        has = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
        if not has:
            return 0
        return int(self.db.execute("SELECT version FROM schema_version").fetchone()[0])

    def _migrate(self, upto: int = SCHEMA) -> None:
        current = self.version()
        if current > SCHEMA:
            raise HistoryError(f"历史库 {self.path} 的版本（{current}）比本程序（{SCHEMA}）新：请升级 gxaudit")
        for v in range(current, upto):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for stmt in MIGRATIONS[v]:
                    self.db.execute(stmt)
                self.db.execute("UPDATE schema_version SET version = ?", (v + 1,))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ writing

    def store(self, result: RunResult, submissions: list[Submission] = (),
              created: dt.datetime | None = None) -> None:
        """Replace the result's period with this run, atomically."""
        period = result.run.period
        if not period:
            raise HistoryError("未指定期次，无法写入历史库：请用 --period 指定，如 2025 或 2025-10")
        created = created or dt.datetime.now(dt.UTC)
        packs = [p.model_dump(mode="json") for p in result.run.packs]
        body = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM runs WHERE period = ?", (period,))
            cur = self.db.execute(
                "INSERT INTO runs (period, kind, packs, pack_key, tool_version, created, result)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (period, period_kind(period), json.dumps(packs, ensure_ascii=False, sort_keys=True),
                 pack_key(result.run.packs), result.run.tool_version, created.isoformat(), body))
            run_id = cur.lastrowid
            self._insert_scorecards(run_id, result)
            self._insert_findings(run_id, result)
            self._insert_submissions(run_id, submissions)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _insert_scorecards(self, run_id: int, result: RunResult) -> None:
        ranks = {r.agency: r.rank for r in result.ranking}
        self.db.executemany(
            "INSERT INTO scorecards (run_id, agency, peer_group, status, total, grade, rank)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, c.agency, c.peer_group, c.status, c.total if c.status == "scored" else None,
              c.grade, ranks.get(c.agency)) for c in result.scorecards])

    def _insert_findings(self, run_id: int, result: RunResult) -> None:
        self.db.executemany(
            "INSERT INTO findings (run_id, agency, rule_id, pack, grp, outcome, severity,"
            " deduction, count, repeated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, c.agency, f.rule_id, f.pack, f.group, f.outcome, f.severity, f.deduction,
              f.count, int(f.repeated)) for c in result.scorecards for f in c.findings])

    def _insert_submissions(self, run_id: int, submissions) -> None:
        """Rows are generated one at a time: 10,000 reports' JSON never sit in memory at once.
        An item is a Submission, or (its head, its JSON) when the JSON was made elsewhere
        (pipeline: by the evaluation workers)."""
        def rows():
            for item in submissions:
                s, data = item if isinstance(item, tuple) else (item, None)
                if s.failure is None:
                    yield (run_id, s.id, s.agency.value, _year_or_none(s.report_year.value), s.period.value,
                           s.doc_type.value, data if data is not None else s.model_dump_json())
        self.db.executemany(
            "INSERT OR REPLACE INTO submissions (run_id, submission_id, agency, report_year, period,"
            " doc_type, data) VALUES (?, ?, ?, ?, ?, ?, ?)", rows())

    # ------------------------------------------------------------------ reading

    def periods(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT period FROM runs ORDER BY period")]

    def previous_period(self, period: str) -> str | None:
        """The latest stored period of the same kind before `period`."""
        row = self.db.execute(
            "SELECT period FROM runs WHERE kind = ? AND period < ? ORDER BY period DESC LIMIT 1",
            (period_kind(period), period)).fetchone()
        return row[0] if row else None

    def pack_key_of(self, period: str) -> str | None:
        row = self.db.execute("SELECT pack_key FROM runs WHERE period = ?", (period,)).fetchone()
        return row[0] if row else None

    def ranks(self, period: str) -> dict[tuple[str, str], int]:
        """(peer_group, agency) → rank of a stored period (ranked agencies only)."""
        rows = self.db.execute(
            "SELECT s.peer_group, s.agency, s.rank FROM scorecards s JOIN runs r ON r.id = s.run_id"
            " WHERE r.period = ? AND s.rank IS NOT NULL", (period,))
        return {(g, a): int(k) for g, a, k in rows}

    def failed_rules(self, period: str) -> dict[str, set[str]]:
        """agency → rule ids that failed in a stored period (for 连续未整改)."""
        out: dict[str, set[str]] = {}
        rows = self.db.execute(
            "SELECT f.agency, f.rule_id FROM findings f JOIN runs r ON r.id = f.run_id"
            " WHERE r.period = ? AND f.outcome = 'fail'", (period,))
        for agency, rule in rows:
            out.setdefault(agency, set()).add(rule)
        return out

    def previous_submission(self, agency: str, report_year: int,
                            doc_type: str | None = None) -> Submission | None:
        return previous_submission(self.db, agency, report_year, doc_type)

    def load_result(self, period: str) -> RunResult | None:
        row = self.db.execute("SELECT result FROM runs WHERE period = ?", (period,)).fetchone()
        return RunResult.model_validate_json(row[0]) if row else None

    def created(self, period: str) -> str | None:
        row = self.db.execute("SELECT created FROM runs WHERE period = ?", (period,)).fetchone()
        return row[0] if row else None


def read_only(path: Path | str) -> sqlite3.Connection:
    """A reading connection for a worker process: it never migrates, never locks for writing."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)


def previous_submission(db: sqlite3.Connection, agency: str, report_year: int,
                        doc_type: str | None = None) -> Submission | None:
    """The same agency's Submission for report_year − 1, from whichever run stored it.

    Annual reports are preferred over other documents of that year; the newest run wins.
    """
    sql = ("SELECT s.data FROM submissions s JOIN runs r ON r.id = s.run_id"
           " WHERE s.agency = ? AND s.report_year = ?")
    args: list = [agency, int(report_year) - 1]
    if doc_type:
        sql += " AND s.doc_type = ?"
        args.append(doc_type)
    sql += (" ORDER BY (s.doc_type LIKE 'annual_report%') DESC, r.created DESC, r.id DESC,"
            " s.submission_id LIMIT 1")
    row = db.execute(sql, args).fetchone()
    return Submission.model_validate_json(row[0]) if row else None

