"""Where a run's Submissions wait between extraction and evaluation: on disk, not in the parent.

Why: a run needs every file's metadata at once (period, agency, peer group, last year's report)
but each document's content only while that document is evaluated. So a worker that extracts
a file writes the FileResult to the parse cache (or, with --no-cache, to the run's scratch
folder, which is then a throw-away cache) and hands the parent *heads*: Submissions without
their content (sections, tables, paragraphs, log items…). The parent decides on heads and
passes `Ref`s; evaluation workers `hydrate` them back into the full Submission, applying what
the parent decided (the other rendering merged in, the agency's name and kind). Memory in the
parent then grows with a few KB per file, not a whole document.

A Ref whose entry vanished meanwhile (another run pruned a shared cache) re-reads its file, so
a pruned cache costs time, never a submission.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel

from gxaudit.discover import Input
from gxaudit.extract import renderings
from gxaudit.filejobs import FileResult, process_file, restore_types
from gxaudit.model import Submission


class Ref(BaseModel):
    """Where the full Submission is: an entry file and its index there, or the object itself."""

    entry: str | None = None  # a FileResult JSON written by filejobs.process_file
    index: int = 0
    input: Input | None = None  # to read the file again if the entry is gone
    inline: Submission | None = None  # kept whole: a failure, or an entry that could not be written
    partner: Ref | None = None  # the text rendering merged into this HTML one (extract.renderings)


@functools.lru_cache(maxsize=4)
def _entry(path: str) -> FileResult | None:
    """A few entries stay parsed: the parts of a multi-report file are loaded one after another."""
    try:
        return restore_types(FileResult.model_validate_json(Path(path).read_bytes()))
    except (OSError, ValueError):
        return None


def load(ref: Ref) -> Submission:
    """The Submission as extracted (before the parent's decisions)."""
    if ref.inline is not None:
        return ref.inline
    found = _entry(ref.entry) if ref.entry else None
    if found is None or ref.index >= len(found.submissions):
        if ref.input is None:
            raise FileNotFoundError(f"spool entry {ref.entry} is gone and no input to re-read")
        found = process_file(ref.input, None)
    return found.submissions[ref.index]


def hydrate(ref: Ref, decided: Submission) -> Submission:
    """The full Submission the parent's head `decided` stands for."""
    sub = load(ref)
    if ref.partner is not None:
        sub = renderings.merge(sub, load(ref.partner))
    return sub.model_copy(update={"agency": decided.agency, "agency_kind": decided.agency_kind})


def forget() -> None:
    """Drop the parsed entries kept in this process (the end of a run, a test)."""
    _entry.cache_clear()
