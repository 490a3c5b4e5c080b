"""A .docx read by walking word/document.xml with lxml (ECOSYSTEM §3).

The walk keeps tracked insertions (w:ins) and content controls (w:sdt) that python-docx
drops, skips deleted text (w:delText, w:del) and the duplicate mc:Fallback copies, renders
automatic list numbers, and expands gridSpan/vMerge through the shared grid code.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from gxaudit.ingest.common import Ctx, Parts
from gxaudit.ingest.docxnum import DIGITS, Numbering
from gxaudit.ingest.errors import fail
from gxaudit.ingest.grid import MAX_SPAN, Placed, build
from gxaudit.ingest.limits import check_zip, parse_xml, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W + "del", W + "moveFrom", MC_FALLBACK, W + "pPr", W + "rPr", W + "instrText", W + "delText"}
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read(ctx: Ctx) -> Parts:
    try:
        zf = zipfile.ZipFile(ctx.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise fail(ctx.name, "corrupt", f"不是有效的docx压缩包：{exc}") from None
    with zf:
        check_zip(zf, ctx.name, ctx.limits)
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise fail(ctx.name, "corrupt", "缺少 word/document.xml")

        def part(member: str) -> etree._Element | None:
            if member not in names:
                return None
            return parse_xml(read_member(zf, member, ctx.name, ctx.limits), ctx.name, member)

        try:
            doc = part("word/document.xml")
            used = {el.get(W + "val") for el in doc.iter(W + "pStyle")} if doc is not None else set()
            styles = _styles(_used_styles(zf, names, used, ctx))
            numbering = Numbering(part("word/numbering.xml"))
        except zipfile.BadZipFile as exc:
            raise fail(ctx.name, "corrupt", str(exc)) from None
    body = doc.find(W + "body") if doc is not None else None
    parts = Parts()
    if body is None:
        raise fail(ctx.name, "corrupt", "word/document.xml 没有正文")
    _walk(body, parts, ctx.name, styles, numbering)
    return parts


def _used_styles(zf: zipfile.ZipFile, names: set[str], used: set[str], ctx: Ctx) -> etree._Element | None:
    """Only the styles the document uses (and what they are based on): a styles.xml can be
    hundreds of KB of table styles nobody applies, and parsing it dominated the read time."""
    if "word/styles.xml" not in names or not used:
        return None
    data = read_member(zf, "word/styles.xml", ctx.name, ctx.limits)
    if b"<w:style " not in data:  # another namespace prefix: parse it whole
        return parse_xml(data, ctx.name, "word/styles.xml")
    keep: dict[str, bytes] = {}
    todo = list(used)
    while todo:
        sid = todo.pop()
        at = data.find(b'w:styleId="' + sid.encode() + b'"') if sid not in keep else -1
        start = data.rfind(b"<w:style ", 0, at)
        end = data.find(b"</w:style>", at)
        if at < 0 or start < 0 or end < 0:
            continue
        keep[sid] = data[start : end + len(b"</w:style>")]
        based = re.search(rb'<w:basedOn w:val="([^"]*)"', keep[sid])
        if based:
            todo.append(based.group(1).decode("utf-8", "replace"))
    root = re.search(rb"<w:styles\b[^>]*>", data)  # keeps every namespace declaration
    start = root.group(0) if root else b'<w:styles xmlns:w="' + W[1:-1].encode() + b'">'
    xml = start + b"".join(keep.values()) + b"</w:styles>"
    return parse_xml(xml, ctx.name, "word/styles.xml")


def _styles(root: etree._Element | None) -> dict[str, tuple[int | None, str | None]]:
    """styleId -> (heading level, numId from the style), following basedOn one step."""
    if root is None:
        return {}
    raw: dict[str, tuple[int | None, str | None, str | None]] = {}
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId", "")
        name_el = st.find(W + "name")
        name = (name_el.get(W + "val", "") if name_el is not None else "").strip()
        level: int | None = None
        m = _HEADING.match(name) or _HEADING.match(sid)
        if m:
            level = int(m.group(1))
        elif name.lower() in ("title", "标题"):
            level = 0
        else:
            outline = st.find(f"{W}pPr/{W}outlineLvl")
            if outline is not None and DIGITS.match(outline.get(W + "val", "9")):
                lv = int(outline.get(W + "val", "9"))
                level = lv + 1 if lv < 9 else None
        num = st.find(f"{W}pPr/{W}numPr/{W}numId")
        based = st.find(W + "basedOn")
        raw[sid] = (level, num.get(W + "val") if num is not None else None,
                    based.get(W + "val") if based is not None else None)
    out = {}
    for sid, (level, num, based) in raw.items():
        if based in raw:
            level = level if level is not None else raw[based][0]
            num = num or raw[based][1]
        out[sid] = (level, num)
    return out


def _walk(container: etree._Element, parts: Parts, name: str, styles, numbering: Numbering) -> None:
    for el in container:
        tag = el.tag
        if tag == W + "p":
            _paragraph(el, parts, name, styles, numbering)
        elif tag == W + "tbl":
            rows, merged = table_grid(el)
            parts.table(rows, merged, file=name)
        elif tag in _WRAPPERS:
            _walk(el, parts, name, styles, numbering)


def _paragraph(p: etree._Element, parts: Parts, name: str, styles, numbering: Numbering) -> None:
    text = para_text(p).strip()
    ppr = p.find(W + "pPr")
    sid = _attr(ppr, "pStyle")
    level, style_num = styles.get(sid or "", (None, None))
    if sid and sid not in styles and (m := _HEADING.match(sid)):  # styles.xml missing the style
        level = int(m.group(1))
    outline = _attr(ppr, "outlineLvl")
    if outline and DIGITS.match(outline) and int(outline) < 9:
        level = int(outline) + 1
    num_id = _attr(ppr, "numPr/" + W + "numId") or style_num
    if num_id and text:
        ilvl = _attr(ppr, "numPr/" + W + "ilvl") or "0"
        text = numbering.label(num_id, _count(ilvl, 0)) + text
    if not text:
        return
    if level is not None:
        parts.heading(text, level, file=name)
    else:
        parts.para(text, file=name)


def _attr(ppr: etree._Element | None, path: str) -> str | None:
    if ppr is None:
        return None
    el = ppr.find(W + path)
    return None if el is None else el.get(W + "val")


def para_text(p: etree._Element) -> str:
    out: list[str] = []
    stack = [p]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        stack.extend(reversed(el))
    return "".join(out)


def _children(el: etree._Element, tag: str):
    """Rows of a table or cells of a row, also when wrapped in content controls or w:ins."""
    for kid in el:
        if kid.tag == tag:
            yield kid
        elif kid.tag in _WRAPPERS:
            yield from _children(kid, tag)


def cell_text(tc: etree._Element) -> str:
    texts = []
    for p in tc.iter(W + "p"):
        if any(a.tag == MC_FALLBACK for a in p.iterancestors()):
            continue
        t = para_text(p).strip()
        if t:
            texts.append(t)
    return "\n".join(texts)


def _count(v: str | None, default: int) -> int:
    """A gridSpan/gridBefore: junk reads as the default, a huge number as MAX_SPAN."""
    m = DIGITS.match(v or "")
    return min(int(m.group(1)), MAX_SPAN) if m else default


def table_grid(tbl: etree._Element) -> tuple[list[list[str]], list[list[bool]]]:
    """gridSpan gives the width; vMerge restart/continue becomes a rowspan on the origin."""
    layout: list[list[tuple[int, int, str | None, str]]] = []  # (col, span, vmerge, text)
    for tr in _children(tbl, W + "tr"):
        col = _count(_attr(tr.find(W + "trPr"), "gridBefore"), 0)
        row = []
        for tc in _children(tr, W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = _count(_attr(tcpr, "gridSpan"), 1)
            vm_el = tcpr.find(W + "vMerge") if tcpr is not None else None
            vmerge = None if vm_el is None else (vm_el.get(W + "val") or "continue")
            row.append((col, max(span, 1), vmerge, "" if vmerge == "continue" else cell_text(tc)))
            col += max(span, 1)
        layout.append(row)
    vm = [{col: v for col, _, v, _ in row if v is not None} for row in layout]  # col -> vMerge per row
    placed: list[Placed] = []
    for r, row in enumerate(layout):
        for col, span, vmerge, text in row:
            if vmerge == "continue" and r > 0 and col in vm[r - 1]:
                continue
            rowspan = 1
            while r + rowspan < len(layout) and vm[r + rowspan].get(col) == "continue":
                rowspan += 1
            placed.append(Placed(r, col, text, rowspan, span))
    return build(placed, nrows=len(layout))
