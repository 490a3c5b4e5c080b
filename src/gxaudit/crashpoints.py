"""Named points where a test can make `gxaudit score` die as if killed (SIGKILL).

Why: the promise is that killing a run at ANY moment leaves the history and the previous
reports as they were (one transaction per run, atomic file writes). A timer kill hits
arbitrary moments; these names hit the interesting ones on purpose — after extraction,
inside the history transaction, between two report files. Set
``GXAUDIT_CRASH_AT=<name>`` (tests only); unset, `reached` is one dictionary lookup.

Names: ``extracted``, ``evaluated``, ``scored``, ``store:begin`` (history transaction open,
nothing written), ``store:mid`` (some rows of this run inserted), ``stored`` (committed, no
report written yet), ``output:<file name>`` (that report written, the next not yet).
"""

from __future__ import annotations

import os
import signal

ENV = "GXAUDIT_CRASH_AT"


def wanted() -> str | None:
    return os.environ.get(ENV) or None


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def reached(name: str) -> None:
    if os.environ.get(ENV) == name:
        die()


def arm_history(db) -> None:
    """Die inside `History.store`'s transaction (store:begin / store:mid), via SQLite's trace hook."""
    point = wanted()
    if point not in ("store:begin", "store:mid"):
        return
    seen = {"insert": 0}

    def trace(sql: str) -> None:
        text = sql.lstrip().upper()
        if point == "store:begin" and text.startswith("DELETE FROM RUNS"):
            die()
        if text.startswith("INSERT"):
            seen["insert"] += 1
            if point == "store:mid" and seen["insert"] >= 3:  # runs + scorecards + findings rows in
                die()

    db.set_trace_callback(trace)
