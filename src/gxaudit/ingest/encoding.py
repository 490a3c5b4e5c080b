"""Decode text bytes the way ECOSYSTEM §2 measured: BOM, strict UTF-8, strict GB18030,
then charset-normalizer as a fallback that is reported as a guess.

Never pass mojibake on: bytes that decode under nothing plausible are `not_text`.
"""

from __future__ import annotations

import codecs
import unicodedata

from pydantic import BaseModel

from gxaudit.ingest.errors import fail

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(BaseModel):
    text: str
    encoding: str
    guessed: bool = False


def _nul_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII or CJK text puts NULs in every other byte on one side."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd and odd > 8 * even:
        return "utf-16-le"
    if even and even > 8 * odd:
        return "utf-16-be"
    return None


def plausible(text: str) -> bool:
    """Real documents have almost no control characters and no private-use code points."""
    if not text:
        return True
    sample = text[:20000]
    bad = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r\f\x0b") or cat in ("Co", "Cn", "Cs"):
            bad += 1
    return bad <= max(2, len(sample) // 200)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if plausible(text) else None


def decode_bytes(data: bytes, name: str) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None:
                raise fail(name, "not_text", f"有{enc}标记但内容无法按该编码解码")
            return Decoded(text=text.lstrip("\ufeff"), encoding=enc)
    enc = _nul_utf16(data)
    if enc:
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text=text, encoding=enc)
    if b"\x00" not in data[:8192]:
        for enc in ("utf-8", "gb18030"):
            text = _strict(data, enc)
            if text is not None:
                return Decoded(text=text, encoding=enc)
    return _fallback(data, name)


def _fallback(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None:
        raise fail(name, "not_text")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise fail(name, "not_text") from None
    if not plausible(text) or _mostly_symbols(text):
        raise fail(name, "not_text")
    return Decoded(text=text, encoding=best.encoding, guessed=True)


def _mostly_symbols(text: str) -> bool:
    """A guessed single-byte decoding of binary junk is letters soup with few words or CJK."""
    sample = text[:5000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ch.isalnum() or ch.isspace() or "\u3000" <= ch <= "\u9fff")
    return good < 0.7 * len(sample)


def guess_note(name: str, dec: Decoded) -> str:
    return f"{name}：编码不是UTF-8/GB18030，按推测的 {dec.encoding} 解码，请核对文字是否正确"
