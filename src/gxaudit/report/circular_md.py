"""The circular as Markdown (for review, e-mail and the web), from `CircularData` via Jinja2.

Every value printed is escaped for Markdown by the environment's `finalize`: a backslash
before the characters that would start emphasis, links, tables or raw HTML, and line breaks
flattened, so an agency name such as `<script>` or `a|b` prints as text and keeps tables whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from gxaudit.report.circular import CircularData
from gxaudit.report.view import write_bytes

TEMPLATES = Path(__file__).parent / "templates"
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown, not HTML: escaped by finalize instead
        finalize=md_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(data: CircularData) -> str:
    text = environment().get_template("circular.md.j2").render(c=data)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def write(data: CircularData, path: Path | str) -> Path:
    return write_bytes(path, render(data).encode("utf-8"))
