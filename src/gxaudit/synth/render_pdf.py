"""A reportlab PDF with a CJK font and ruled tables that pdfplumber's line finder sees.

By default the text is set in an embedded subset of Noto Serif CJK SC (converted to TrueType
by `cjkfont`), as PDFs exported by WPS/Word embed theirs. `font="cid"` names the standard CID
font STSong-Light without embedding it, as some CMS-generated PDFs do; it is also the
fallback on a machine without fonts-noto-cjk.
"""

from __future__ import annotations

import re
from pathlib import Path

from gxaudit.synth.spec import SpecBlock

CID_FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.27, 841.89
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 72.0, 72.0
_TOKEN = re.compile(r"[A-Za-z0-9.,:;%+\-_/()]+ ?|\s|.", re.DOTALL)


def _font(blocks: list[SpecBlock], kind: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if kind not in ("embedded", "cid"):
        raise ValueError(f"unknown pdf font {kind!r}; embedded or cid")
    if kind == "embedded":
        from gxaudit.synth import cjkfont

        text = "".join(b.text + "".join("".join(r) for r in b.rows) for b in blocks)
        name = cjkfont.register(text)
        if name is not None:
            return name
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def wrap(text: str, width: float, size: float, font: str = CID_FONT) -> list[str]:
    """Break at any CJK character, between Latin words only at spaces."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for tok in _TOKEN.findall(text):
        if cur and stringWidth((cur + tok).rstrip(), font, size) > width:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur += tok
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


class _Pen:
    def __init__(self, path: Path, size: float, font: str, split_rows: bool = False):
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.size = size
        self.font = font
        self.split_rows = split_rows
        self.y = PAGE_H - TOP
        self.page = 1
        self.c.setFont(font, size)

    def need(self, h: float) -> None:
        if self.y - h < BOTTOM:
            self.c.showPage()
            self.page += 1
            self.y = PAGE_H - TOP

    def text(self, text: str, size: float, indent: float = 0.0) -> None:
        width = PAGE_W - LEFT - RIGHT
        lead = size * 1.6
        for i, line in enumerate(wrap(text, width - indent, size, self.font)):
            self.need(lead)
            self.y -= lead
            self.c.setFont(self.font, size)
            self.c.drawString(LEFT + (indent if i == 0 else 0), self.y + size * 0.3, line)
        self.y -= size * 0.4

    def table(self, b: SpecBlock) -> None:
        size = self.size
        lead, pad = size * 1.4, 3.0
        ncols = len(b.rows[0])
        colw = (PAGE_W - LEFT - RIGHT) / ncols
        covered = b.origin()
        cells = {}
        heights = [lead + 2 * pad] * len(b.rows)
        for r, row in enumerate(b.rows):
            for c, v in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, cs = b.span_at(r, c)
                lines = wrap(v, colw * cs - 2 * pad, size, self.font) if v else []
                cells[(r, c)] = (rs, cs, lines)
                need = max(len(lines), 1) * lead + 2 * pad
                have = sum(heights[r:r + rs])
                if need > have:
                    heights[r + rs - 1] += need - have
        for band in _bands(b):
            h = sum(heights[r] for r in band)
            room = self.y - BOTTOM
            if self.split_rows and len(band) == 1 and h > room >= lead + 2 * pad:
                self._split_row(band[0], cells, ncols, colw, room, lead, pad)
                continue
            self.need(h)
            top = self.y
            ys = {}
            y = top
            for r in band:
                ys[r] = y
                y -= heights[r]
            for r in band:
                for c in range(ncols):
                    if (r, c) in cells:
                        rs, cs, lines = cells[(r, c)]
                        self._cell(LEFT + c * colw, ys[r], colw * cs, sum(heights[r:r + rs]), lines, lead, pad)
            self.y = y
        self.y -= size

    def _cell(self, x0: float, y0: float, w: float, hh: float, lines: list[str], lead: float, pad: float) -> None:
        self.c.rect(x0, y0 - hh, w, hh, stroke=1, fill=0)
        self.c.setFont(self.font, self.size)
        for i, line in enumerate(lines):
            self.c.drawString(x0 + pad, y0 - pad - (i + 1) * lead + self.size * 0.35, line)

    def _split_row(self, r: int, cells, ncols: int, colw: float, room: float, lead: float, pad: float) -> None:
        """A row too tall for what is left of the page runs on, as Word lets rows break: the
        lines that fit stay, the rest open the next page in a row of the same cells."""
        fit = int((room - 2 * pad) // lead)
        here = {c: cells[(r, c)] for c in range(ncols) if (r, c) in cells}
        for c, (_, cs, lines) in here.items():
            self._cell(LEFT + c * colw, self.y, colw * cs, room, lines[:fit], lead, pad)
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        rest = max((len(lines) - fit for _, _, lines in here.values()), default=0)
        hh = max(rest, 1) * lead + 2 * pad
        for c, (_, cs, lines) in here.items():
            self._cell(LEFT + c * colw, self.y, colw * cs, hh, lines[fit:], lead, pad)
        self.y -= hh


def _bands(b: SpecBlock) -> list[list[int]]:
    """Groups of rows a page break must not split: a rowspan keeps its rows together."""
    end_of = list(range(len(b.rows)))
    for r, _, rs, _ in b.spans:
        for i in range(r, r + rs):
            end_of[i] = max(end_of[i], r + rs - 1)
    bands, start = [], 0
    while start < len(b.rows):
        end = end_of[start]
        i = start
        while i <= end:
            end = max(end, end_of[i])
            i += 1
        bands.append(list(range(start, end + 1)))
        start = end + 1
    return bands


def write_pdf(path: Path, blocks: list[SpecBlock], font_size: float = 10.5, font: str = "embedded",
              split_rows: bool = False) -> None:
    """`split_rows`: a row that does not fit the page breaks across it (Word's default)
    instead of moving whole to the next page."""
    pen = _Pen(path, font_size, _font(blocks, font), split_rows)
    for b in blocks:
        if b.kind == "heading":
            pen.text(b.text, font_size * (1.6 if b.level <= 1 else 1.3))
        elif b.kind == "paragraph":
            pen.text(b.text, font_size, indent=2 * font_size)
        else:
            pen.table(b)
    pen.c.save()
