"""What a check may know besides the submission itself.

Checks are pure functions of (submission, params, context). Everything that comes from
outside the document — the date of the check, the previous period of the same agency, the
office's configuration — reaches them here, so a check never opens files or the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gxaudit.model import Submission


@dataclass
class CheckContext:
    as_of: dt.date | None = None  # the day the check is made (monthly freshness)
    period: str | None = None  # "2025" or "2026-10"
    previous: Submission | None = None  # same agency, previous period (history), if any
    history_available: bool = False  # False: consistency checks report cannot_evaluate
    # the peer group (the agency's own reports included: checks leave them out) as
    # rules.peers.Peer digests from the pipeline, or Submissions
    peers: list[Any] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # office config (gxaudit.toml)
    # scratch shared by the contexts of one evaluation batch (filejobs.evaluate_batch): what a
    # check derives from a peer once (near_duplicate's cleaned text) instead of once per pair
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
