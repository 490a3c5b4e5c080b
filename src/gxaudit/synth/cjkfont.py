"""An embeddable TrueType subset of Noto Serif CJK SC for the reportlab renderer.

Real reports exported by WPS/Word embed a subset of their fonts; a PDF that only names the
CID font STSong-Light makes every reader hunt for a substitute (pdfium spends ~30 ms a file
on it), which is not what submitted files look like. reportlab embeds TrueType outlines only,
and Debian's Noto CJK is CFF inside a TTC, so the glyphs a document uses are converted to
quadratic outlines (cu2qu) one by one, cached per process, and assembled with FontBuilder.
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
FAMILY = "GxNotoSerifSC"


@functools.lru_cache(maxsize=1)
def _source():
    """The SC face of the first Noto CJK collection found, or None on a machine without it."""
    from fontTools.ttLib import TTCollection

    for path in CANDIDATES:
        if not path.is_file():
            continue
        for face in TTCollection(str(path), lazy=True).fonts:
            if "SC" in face["name"].getDebugName(4).split():
                return face, face.getBestCmap(), face.getGlyphSet()
    return None


_GLYPHS: dict[str, tuple[object, int, int]] = {}  # glyph name -> (glyf glyph, advance, lsb)


def _glyph(name: str):
    got = _GLYPHS.get(name)
    if got is None:
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen

        face, _, glyphs = _source()
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        advance, lsb = face["hmtx"][name]
        got = _GLYPHS[name] = (pen.glyph(), advance, lsb)
    return got


def available() -> bool:
    return _source() is not None


@functools.lru_cache(maxsize=64)
def _build(chars: str, name: str) -> bytes:
    """A TrueType font of `chars`, named `name`: reportlab keeps subset state by the font's
    own name, so two fonts sharing one name garble each other's ToUnicode maps."""
    from fontTools.fontBuilder import FontBuilder

    face, cmap, _ = _source()
    mapping = {ord(c): cmap[ord(c)] for c in chars if ord(c) in cmap}
    order = [".notdef"] + sorted(set(mapping.values()) - {".notdef"})
    fb = FontBuilder(face["head"].unitsPerEm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(mapping)
    got = {name: _glyph(name) for name in order}
    fb.setupGlyf({name: g[0] for name, g in got.items()})
    fb.setupHorizontalMetrics({name: (g[1], g[2]) for name, g in got.items()})
    hhea = face["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    fb.setupNameTable({"familyName": name, "styleName": "Regular", "psName": name})
    os2 = face["OS/2"]
    fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender, usWinAscent=os2.usWinAscent,
                usWinDescent=os2.usWinDescent, fsType=0)
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def register(text: str) -> str | None:
    """Register (with reportlab) a font holding the glyphs of `text`; its name, or None when
    no Noto CJK font is installed (the caller falls back to the CID font)."""
    if not available():
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chars = "".join(sorted(set(text) | set(" 0123456789")))
    name = f"{FAMILY}-{hashlib.sha1(chars.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(_build(chars, name))))
    return name
