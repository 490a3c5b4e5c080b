"""Registry of check kinds: one module per kind, listed here explicitly (as yamllint does).

Each module defines `Params` (a pydantic model; unknown keys are errors) and
`run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]`.
A check returns one result per distinct problem (collapsed per table x column, see
ANCHORS §10.12), or a single `pass` / `not_applicable` / `cannot_evaluate` result.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: tuple[str, ...] = (
    # filled in as check modules land; a kind not listed here is unknown to the loader
    # annual reports and general documents
    "section_present",
    "section_order",
    "section_substance",
    "table_present",
    "table_formula",
    "pattern_absent",
    "pattern_present",
    "number_at_least",
    "deadline",
    "consistency_with_previous",
    "format_year",
    "near_duplicate",
    "metadata_consistency",
    # monthly (publication logs and site snapshots)
    "column_present",
    "count_at_least",
    "freshness",
    "item_deadline",
    "report_timeliness",
    "column_silent",
    "log_rows",
)


def get(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise KeyError(kind)
    return importlib.import_module(f"gxaudit.rules.checks.{kind}")
