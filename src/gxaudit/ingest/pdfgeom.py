"""What pdfium sees on a PDF page: characters with boxes, ruling edges, text lines.

pdfium reads a page 20-50× faster than pdfminer (ECOSYSTEM §5), so the PDF reader takes all
geometry from it. Chars, edges and lines are shaped like pdfplumber's (`top` grows downwards,
edge dicts as `page.edges` gives them) so pdfplumber's own table finder runs on them, and the
line and word grouping copies pdfplumber's defaults (3 pt tolerances), so reading order and
cell text come out as pdfplumber's would.
"""

from __future__ import annotations

import bisect
import ctypes
import math
from dataclasses import dataclass

import pypdfium2.raw as c

TOL = 3.0  # pdfplumber's x/y tolerance for words and lines
_AXIS = 0.5  # a segment this close to horizontal/vertical counts as a ruling
_MAX_DEPTH = 8  # nested form XObjects followed


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    cx: float = 0.0
    cy: float = 0.0

    def __post_init__(self) -> None:
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.top + self.bottom) / 2


def chars(textpage, height: float) -> list[Char]:
    """The drawn characters (pdfium's generated spaces and line breaks left out).

    A char is as tall as its effective font size, centred on pdfium's loose box, as pdfminer
    sizes it: the loose box follows each font's ascent and descent, which would make a
    heading in another font look taller than it is set."""
    raw = textpage.raw
    rect = c.FS_RECTF()
    mat = c.FS_MATRIX()
    out: list[Char] = []
    n = max(c.FPDFText_CountChars(raw), 0)
    codes = _codes(raw, n)
    for i in range(n):
        code = codes[i] if codes is not None else c.FPDFText_GetUnicode(raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            continue
        text = chr(code)
        # only spaces and line breaks are ever generated: skip the call for the rest
        if text.isspace() and c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        if not c.FPDFText_GetLooseCharBox(raw, i, rect):
            continue
        size = c.FPDFText_GetFontSize(raw, i)
        if size > 0 and c.FPDFText_GetMatrix(raw, i, mat):
            size *= math.hypot(mat.c, mat.d)
        mid = height - (rect.top + rect.bottom) / 2
        half = size / 2 if size > 0 else (rect.top - rect.bottom) / 2
        out.append(Char(text, rect.left, mid - half, rect.right, mid + half))
    return out


def _codes(raw, n: int) -> list[int] | None:
    """All code units in one call; None when a surrogate pair breaks index alignment."""
    if n == 0:
        return []
    buf = (ctypes.c_ushort * (n + 1))()
    c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = buf[:n]
    if any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return units


def _matrix(obj) -> tuple[float, ...]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` first, then `outer` (PDF row-vector convention)."""
    a, b, cc, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, cc * A + d * C, cc * B + d * D, e * A + f * C + E, e * B + f * D + F)


def edges(page, height: float, limit: int = 20_000) -> list[dict]:
    """Horizontal and vertical segments of every path, as pdfplumber's `page.edges`; the
    walk stops once more than `limit` are found (the page is no table then)."""
    out: list[dict] = []
    ident = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = [(page.raw, True, ident, 0)]
    while stack:
        holder, is_page, outer, depth = stack.pop()
        count = c.FPDFPage_CountObjects(holder) if is_page else c.FPDFFormObj_CountObjects(holder)
        for i in range(max(count, 0)):
            obj = c.FPDFPage_GetObject(holder, i) if is_page else c.FPDFFormObj_GetObject(holder, i)
            if not obj:
                continue
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, _compose(_matrix(obj), outer), height, out)
                if len(out) > limit:
                    return out
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
                stack.append((obj, False, _compose(_matrix(obj), outer), depth + 1))
    return out


def _path_edges(obj, m: tuple[float, ...], height: float, out: list[dict]) -> None:
    x = ctypes.c_float()
    y = ctypes.c_float()
    start = prev = None
    for i in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        px, py = x.value, y.value
        pt = (m[0] * px + m[2] * py + m[4], height - (m[1] * px + m[3] * py + m[5]))
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO:
            start = pt
        elif kind == c.FPDF_SEGMENT_LINETO and prev is not None:
            _edge(prev, pt, out)
        prev = pt
        if c.FPDFPathSegment_GetClose(seg) and start is not None:
            _edge(pt, start, out)
            prev = start


def _edge(p, q, out: list[dict]) -> None:
    (ax, at), (bx, bt) = p, q
    x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)
    if x1 - x0 <= _AXIS and bottom - top > _AXIS:
        mid = (x0 + x1) / 2
        out.append({"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                    "orientation": "v", "object_type": "line"})
    elif bottom - top <= _AXIS and x1 - x0 > _AXIS:
        mid = (top + bottom) / 2
        out.append({"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0.0,
                    "orientation": "h", "object_type": "line"})


def has_ruling(found: list[dict]) -> bool:
    """A grid needs two rulings each way; a page without them has no ruled table."""
    h = sum(1 for e in found if e["orientation"] == "h")
    return h >= 2 and len(found) - h >= 2


def lines(found: list[Char]) -> list[dict]:
    """Text lines as pdfplumber's `extract_text_lines(layout=False, strip=True)` gives them:
    chars clustered by top, ordered by x, words split at blanks and gaps, joined by a space."""
    out = []
    for cluster in _clusters(found):
        cluster.sort(key=lambda ch: ch.x0)
        words: list[list[Char]] = []
        cur: list[Char] = []
        for ch in cluster:
            if ch.text.isspace():
                if cur:
                    words.append(cur)
                cur = []
            elif cur and (ch.x0 < cur[-1].x0 or ch.x0 > cur[-1].x1 + TOL or abs(ch.top - cur[-1].top) > TOL):
                words.append(cur)
                cur = [ch]
            else:
                cur.append(ch)
        if cur:
            words.append(cur)
        if not words:
            continue
        inked = [ch for w in words for ch in w]
        out.append({
            "text": " ".join("".join(ch.text for ch in w) for w in words),
            "x0": min(ch.x0 for ch in inked), "x1": max(ch.x1 for ch in inked),
            "top": min(ch.top for ch in inked), "bottom": max(ch.bottom for ch in inked),
        })
    return out


def _clusters(found: list[Char]) -> list[list[Char]]:
    """Chars whose tops chain within the tolerance, top to bottom."""
    ordered = sorted(found, key=lambda ch: ch.top)
    groups: list[list[Char]] = []
    last = None
    for ch in ordered:
        if last is not None and ch.top <= last + TOL:
            groups[-1].append(ch)
        else:
            groups.append([ch])
        last = ch.top
    return groups


@dataclass(slots=True)
class CellText:
    text: str
    last_x1: float = 0.0  # where the cell's last line ends
    last_size: float = 0.0  # and how tall it is set


def cells_in(found: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[CellText]:
    """Table cells' text as pdfplumber's `Table.extract` gives it: chars whose centre lies in
    the box (right and bottom edges open), lines joined by a newline."""
    ordered = sorted(found, key=lambda ch: ch.cy)
    keys = [ch.cy for ch in ordered]
    out = []
    for x0, top, x1, bottom in boxes:
        band = ordered[bisect.bisect_left(keys, top):bisect.bisect_left(keys, bottom)]
        found_lines = lines([ch for ch in band if x0 <= ch.cx < x1])
        if not found_lines:
            out.append(CellText(""))
            continue
        end = found_lines[-1]
        out.append(CellText("\n".join(ln["text"] for ln in found_lines), end["x1"], end["bottom"] - end["top"]))
    return out
