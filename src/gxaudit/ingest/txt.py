"""Plain text: one paragraph block per non-blank line, with its 1-based line number.

Lines are kept as printed (padding spaces, `|` runs): extract decides what is a table.
"""

from __future__ import annotations

from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.encoding import decode_bytes, guess_note


def decode_file(ctx: Ctx) -> tuple[str, Parts]:
    data = ctx.path.read_bytes()
    dec = decode_bytes(data, ctx.name)
    parts = Parts(meta={"encoding": dec.encoding})
    if dec.guessed:
        ctx.warnings.append(guess_note(ctx.name, dec))
    return dec.text, parts


def read(ctx: Ctx) -> Parts:
    text, parts = decode_file(ctx)
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r\n")
        if line.strip():
            parts.para(line, file=ctx.name, line=n)
    return parts
