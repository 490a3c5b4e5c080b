"""Helpers shared by check kinds: finding a part, its paragraphs, evidence from a paragraph.

Not a check kind (not in KINDS). Matching is tolerant on purpose: real headings drop brackets,
add spaces between characters or reword slightly, so titles are compared after removing
whitespace and punctuation, and a part the extractor numbered is trusted first.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gxaudit.model import Evidence, Paragraph, Section, Submission
from gxaudit.rules.canon import PART_NUMERALS, PART_TITLES, part_label

_STRIP = re.compile(r"[\s\u3000,，.。、:：;；!！?？()（）\[\]【】“”\"'‘’《》<>·\-—_|]+")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scope(Strict):
    """Where in the submission a check looks: an official part, a heading, or everywhere."""

    part: int | None = Field(default=None, ge=1, le=9)
    heading: list[str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_heading(cls, data):
        if isinstance(data, dict) and isinstance(data.get("heading"), str):
            data = {**data, "heading": [data["heading"]]}
        return data


class PartScope(Scope):
    """A scope that must name its part or heading (the check is about that part)."""

    @model_validator(mode="after")
    def _needs_target(self):
        if self.part is None and not self.heading:
            raise ValueError("需要 part（第几部分）或 heading（标题用语）")
        return self


def norm(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text or ""))


def scope_label(scope: Scope) -> str:
    if scope.part is not None:
        return part_label(scope.part)
    if scope.heading:
        return f"“{scope.heading[0]}”部分"
    return "全文"


def find_section(sub: Submission, scope: Scope) -> int | None:
    """Index of the section for a part/heading; None if absent. Extractor's part number first."""
    if scope.part is not None:
        for i, s in enumerate(sub.sections):
            if s.part == scope.part and s.level <= 1:
                return i
        for i, s in enumerate(sub.sections):
            if s.part == scope.part:
                return i
    phrases = list(scope.heading or []) or PART_TITLES.get(scope.part or 0, [])
    wanted = [norm(p) for p in phrases if norm(p)]
    top_only = scope.part is not None and not scope.heading  # a part is a top-level heading
    for i, s in enumerate(sub.sections):
        if top_only and s.level > 1:
            continue
        title = norm(s.title)
        if any(w in title for w in wanted):
            return i
    return None


def heading_line(sub: Submission, scope: Scope) -> Paragraph | None:
    """A short paragraph that reads like the part's heading, when the extractor built no section."""
    phrases = list(scope.heading or []) or PART_TITLES.get(scope.part or 0, [])
    wanted = [norm(p) for p in phrases if norm(p)]
    numeral = PART_NUMERALS.get(scope.part or 0) if not scope.heading else None
    for p in sub.paragraphs:
        t = norm(p.text)
        if len(t) > 40 or not any(w in t for w in wanted):
            continue
        if numeral and not unicodedata.normalize("NFKC", p.text).lstrip().startswith(numeral):
            continue  # for a part, the line must carry its number: "三、收到和处理…"
        return p
    return None


def part_present(sub: Submission, part: int) -> bool:
    """Whether `section_present` with `part:` passes: a section for it, or its heading line."""
    scope = Scope(part=part)
    return find_section(sub, scope) is not None or heading_line(sub, scope) is not None


def descendants(sub: Submission, idx: int) -> list[int]:
    """The section itself and every later section nested under it."""
    out = [idx]
    level = sub.sections[idx].level
    for j in range(idx + 1, len(sub.sections)):
        if sub.sections[j].level <= level:
            break
        out.append(j)
    return out


def scoped_paragraphs(sub: Submission, scope: Scope) -> list[Paragraph] | None:
    """Paragraphs in scope; None when the scoped part is absent."""
    if scope.part is None and not scope.heading:
        return list(sub.paragraphs)
    idx = find_section(sub, scope)
    if idx is None:
        return _paragraphs_under_heading_line(sub, scope)
    members = set(descendants(sub, idx))
    paras = [p for p in sub.paragraphs if p.section in members]
    if not paras and sub.sections[idx].text:
        s = sub.sections[idx]
        paras = [Paragraph(text=s.text, loc=s.loc, section=idx)]
    return paras


def _paragraphs_under_heading_line(sub: Submission, scope: Scope) -> list[Paragraph] | None:
    """The part's text when only its heading line was found (a flattened page built no section):
    the paragraphs after that line up to the next part's heading line. The same part that
    `section_present` accepts is then the part content rules read, never "未找到第N部分"."""
    head = heading_line(sub, scope)
    if head is None:
        return None
    start = next(i for i, p in enumerate(sub.paragraphs) if p is head)
    others = {id(h) for n in PART_TITLES if n != scope.part
              for h in [heading_line(sub, Scope(part=n))] if h is not None}
    out = []
    for p in sub.paragraphs[start + 1:]:
        if id(p) in others:
            break
        out.append(p)
    return out


def section_of(sub: Submission, para: Paragraph) -> Section | None:
    if para.section is None or para.section >= len(sub.sections):
        return None
    return sub.sections[para.section]


def para_evidence(sub: Submission, para: Paragraph, quote: str | None = None, **kw) -> Evidence:
    sec = section_of(sub, para)
    section = None if sec is None else f"{sec.number or ''}{sec.title}"
    return Evidence(
        file=para.loc.file or sub.file, section=section, page=para.loc.page, line=para.loc.line,
        quote=(quote if quote is not None else para.text)[:120], **kw,
    )


def snippet(text: str, start: int, end: int, pad: int = 12) -> str:
    a, b = max(0, start - pad), min(len(text), end + pad)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")
