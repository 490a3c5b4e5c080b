"""What every reader returns, and the text clean-up they share (CJK-aware joins)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gxaudit.ingest.limits import DEFAULT, Limits
from gxaudit.model import Block, Loc


@dataclass
class Ctx:
    """One file being read: its on-disk path, the name users see, the limits in force."""

    path: Path
    name: str
    limits: Limits = field(default_factory=lambda: DEFAULT)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Parts:
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    format: str | None = None  # set when the reader knows better than the suffix

    def para(self, text: str, **loc) -> None:
        self.blocks.append(Block(kind="paragraph", text=text, loc=Loc(**loc)))

    def heading(self, text: str, level: int | None, **loc) -> None:
        self.blocks.append(Block(kind="heading", text=text, level=level, loc=Loc(**loc)))

    def table(self, rows: list[list[str]], merged: list[list[bool]] | None, **loc) -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if merged is not None:
            merged = [m + [False] * (width - len(m)) for m in merged]
        self.blocks.append(Block(kind="table", rows=rows, merged=merged, loc=Loc(**loc)))


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0002ffff"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f\v\xa0]+")


def is_cjk(ch: str) -> bool:
    return bool(ch) and re.match(f"[{_CJK}]", ch) is not None


def join_wrapped(a: str, b: str) -> str:
    """Join a line wrapped by layout: no space between CJK characters, one space otherwise."""
    if not a:
        return b
    if not b:
        return a
    if is_cjk(a[-1]) or is_cjk(b[0]) or a.endswith("-"):
        return a + b
    return a + " " + b


def unwrap(text: str) -> str:
    """Layout line breaks inside a cell or a paragraph, joined CJK-aware."""
    out = ""
    for line in text.split("\n"):
        out = join_wrapped(out, line.strip())
    return out


def squeeze(text: str) -> str:
    """HTML whitespace: source newlines between CJK vanish, other runs become one space."""
    text = _CJK_BREAK.sub("", text)
    return _WS.sub(" ", text).strip()
