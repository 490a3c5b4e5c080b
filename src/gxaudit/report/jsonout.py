"""The canonical JSON result (schema in docs/result-json.md); every other output derives from it.

Byte-stable: keys sorted, UTF-8 without escapes, two-space indent, a final newline, and no
wall-clock time inside (the run's creation time lives only in the history database).
"""

from __future__ import annotations

import json
from pathlib import Path

from gxaudit.model import RunResult
from gxaudit.report.atomic import write_text


def dumps(result: RunResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def loads(text: str | bytes) -> RunResult:
    return RunResult.model_validate_json(text)


def write(result: RunResult, path: Path | str) -> Path:
    return write_text(path, dumps(result))
