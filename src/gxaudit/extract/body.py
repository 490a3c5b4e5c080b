"""From a Document's blocks to the body lines the extractor works on.

Saved pages carry things that are not the report: a header block written by the archive
(标题:/发布时间:/发布机构: … then "==== 正文 ===="), and the portal's page chrome run into the
first line ("当前位置：首页… 全真版 文字版 文件下载 相关链接： -->") and the last ("附件下载").
The header is metadata, so it is read into a dict and never becomes a paragraph or a
section; the chrome is cut so that its "来源：" (often another body) is never taken for the
issuer. Essay-site leftovers are *kept*: hygiene rules must see them. A spreadsheet's sheet
(one grid) is first cut into its text rows and table regions (`sheets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gxaudit.extract.sheets import is_sheet, split_sheet
from gxaudit.model import Block, Document, Loc

HEADER_KEYS = ("标题", "发布时间", "发布日期", "文号", "发布机构", "栏目", "原文链接", "本地目录", "来源")
_HEADER_LINE = re.compile(r"^\s*(" + "|".join(HEADER_KEYS) + r")\s*[:：]\s*(.*)$")
_BODY_MARK = re.compile(r"^\s*=+\s*正文\s*=+\s*$")
_CHROME_HEAD = re.compile(r"^\s*当前位置\s*[:：].{0,600}?(?:相关链接\s*[:：]\s*-->|全真版\s*文字版\s*文件下载)\s*")
_CHROME_TAIL = re.compile(r"\s*附件下载\s*$")
_CHROME_META = re.compile(r"来源\s*[:：]\s*(\S+)\s*时间\s*[:：]\s*([\d\-/: ]{10,16})")


@dataclass
class Line:
    """One unit of body text (or a table block) in reading order."""

    text: str
    loc: Loc
    kind: str = "paragraph"  # paragraph | heading | table
    level: int | None = None  # heading level given by the format (docx style, <h2>)
    block: Block | None = None  # the source block (tables are passed on to find_tables)
    title: str | None = None  # set when the line starts with a heading found in running text


@dataclass
class Body:
    lines: list[Line] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)  # page.txt header block, key -> value
    chrome: dict[str, str] = field(default_factory=dict)  # 来源/时间 seen in the page chrome
    notes: list[str] = field(default_factory=list)


def _split_block(block: Block) -> list[Line]:
    """A text block holding several lines (some readers keep them) as one Line per line."""
    if block.kind == "table":
        return [Line(text="", loc=block.loc, kind="table", block=block)]
    parts = block.text.split("\n") if "\n" in block.text else [block.text]
    out = []
    for i, part in enumerate(parts):
        text = part.strip()
        if not text:
            continue
        loc = block.loc
        if i and loc.line is not None:
            loc = loc.model_copy(update={"line": loc.line + i})
        out.append(Line(text=text, loc=loc, kind=block.kind, level=block.level, block=block))
    return out


def read_body(doc: Document) -> Body:
    body = Body()
    blocks = [x for b in doc.blocks for x in (split_sheet(b) if is_sheet(b) else [b])]
    lines = [ln for b in blocks for ln in _split_block(b)]
    # The archive header: "key: value" lines ended by the 正文 marker, within the first lines.
    for i, ln in enumerate(lines[:20]):
        if ln.kind == "paragraph" and _BODY_MARK.match(ln.text):
            head = lines[:i]
            if all(_HEADER_LINE.match(h.text) or "links.tsv" in h.text for h in head if h.kind != "table"):
                for h in head:
                    m = _HEADER_LINE.match(h.text)
                    if m and m[2].strip():
                        body.header.setdefault(m[1], m[2].strip())
                lines = lines[i + 1:]
            break
    body.lines = _strip_chrome(lines, body)
    return body


def _strip_chrome(lines: list[Line], body: Body) -> list[Line]:
    text_idx = [i for i, ln in enumerate(lines) if ln.kind != "table"]
    if not text_idx:
        return lines
    first = lines[text_idx[0]]
    m = _CHROME_HEAD.match(first.text)
    if m:
        meta = _CHROME_META.search(m.group(0))
        if meta:
            body.chrome = {"来源": meta[1], "时间": meta[2].strip()}
        first.text = first.text[m.end():].strip()
        body.notes.append("已去除页面导航栏（当前位置…相关链接）")
    last = lines[text_idx[-1]]
    if _CHROME_TAIL.search(last.text):
        last.text = _CHROME_TAIL.sub("", last.text)
    return [ln for ln in lines if ln.kind == "table" or ln.text]
