"""Header words printed down the page, and header words run onto one text line.

PDF-to-HTML pages print narrow header cells one character per line, so the 15-column header
of table 四 comes out as rows of single characters ("结 结 其 尚 总 / 果 果 他 未 计 / 维 纠
结 审 / 持 正 果 结"). Consecutive rows holding one character per column are joined per column
back into words before the header is matched. A grid knows each character's column; a text
line does not, and the shorter rows skip the columns whose word has ended (总计 has two
characters, 结果维持 four): those characters go to the columns whose word can still grow into
one of the table's labels. A join whose words are not the table's labels is not used.

Text lines with single spaces between whole header words ("结果维持 结果纠正 …") are split
into one cell per word when every word is a label of the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gxaudit.extract.tables import labels as L
from gxaudit.extract.tables.rows import C, is_value
from gxaudit.extract.tables.templates import Label

_CJK = re.compile(r"^[\u3400-\u9fff]$")


def fix_header_rows(rows: Sequence[Sequence[C]], labels: Sequence[Label]) -> list[list[C]]:
    """Rows with vertical header characters joined and run-on header words split."""
    words = _label_words(tuple(labels))
    out: list[list[C]] = []
    i = 0
    while i < len(rows):
        j = i + 1 if _char_row(rows[i], 3) else i
        while j > i and j < len(rows) and _char_row(rows[j], 1):
            j += 1  # later rows may hold fewer characters: the short words have ended
        joined = None
        while j - i >= 2 and joined is None:
            joined = _join(rows[i:j], words, labels)
            j = j if joined is not None else j - 1
        if joined is not None:
            out.extend(joined)
            i = j
            continue
        out.append(_split_words(rows[i], labels))
        i += 1
    return out


def _label_words(labels: tuple[Label, ...]) -> tuple[str, ...]:
    return tuple({L.normalize(t) for lab in labels for t in lab.all if L.normalize(t)})


def _is_char(text: str) -> bool:
    t = text.strip()
    return bool(_CJK.match(t)) and not is_value(t)


def _on_grid(row: Sequence[C]) -> bool:
    return bool(row) and all(c.col is not None for c in row)


def _tokens(row: Sequence[C]) -> list[str]:
    return [tok for c in row for tok in c.text.split()]


def _char_row(row: Sequence[C], least: int) -> bool:
    if _on_grid(row):
        texts = [c.text.strip() for c in row if c.text.strip()]
        chars = [t for t in texts if _is_char(t)]
        return len(chars) >= least and not any(is_value(t) for t in texts)
    toks = _tokens(row)
    return len(toks) >= least and all(_is_char(t) for t in toks)


def _join(
    run: Sequence[Sequence[C]], words: tuple[str, ...], labels: Sequence[Label]
) -> list[list[C]] | None:
    if all(_on_grid(r) for r in run):
        out = _join_grid(run)
    else:
        out = _join_text(run, words)
    if out is None:
        return None
    joined = [c.text for c in out[-1]]
    known = sum(1 for w in joined if L.match(w, labels).how in ("exact", "prefix"))
    return out if known >= max(2, (len(joined) + 1) // 2) else None


def _join_grid(run: Sequence[Sequence[C]]) -> list[list[C]]:
    by_col: dict[int, list[C]] = {}
    groups: list[list[C]] = []
    for row in run:
        kept = []
        for c in row:
            if _is_char(c.text):
                by_col.setdefault(c.col, []).append(c)  # a merged-copy guess on "结 结" is wrong here
            else:
                kept.append(c)
        if any(c.text.strip() for c in kept):
            groups.append(kept)
    joined = [
        C("".join(c.text.strip() for c in cs), cs[0].loc, col, 1, False, cs[0].row)
        for col, cs in sorted(by_col.items())
    ]
    return [*groups, joined]


def _join_text(run: Sequence[Sequence[C]], words: tuple[str, ...]) -> list[list[C]] | None:
    first = _tokens(run[0])
    parts = list(first)
    for row in run[1:]:
        toks = _tokens(row)
        if len(toks) == len(parts):
            targets = list(range(len(parts)))
        else:
            targets = _open_columns(parts, toks, words)
            if targets is None:
                return None
        for k, t in zip(targets, toks):
            parts[k] += t
    loc = run[0][0].loc
    return [[C(p, loc) for p in parts]]


def _open_columns(parts: list[str], toks: list[str], words: tuple[str, ...]) -> list[int] | None:
    """Columns whose word can still grow into a label, if they are as many as the characters."""
    grow = [k for k, p in enumerate(parts) if any(w.startswith(p) and len(w) > len(p) for w in words)]
    if len(grow) == len(toks):
        return grow
    strict = [k for k in grow if parts[k] not in words]  # a finished label stops growing
    if len(strict) == len(toks):
        return strict
    return None


def _split_words(row: Sequence[C], labels: Sequence[Label]) -> list[C]:
    if _on_grid(row) or any(is_value(c.text) and c.text.strip() for c in row):
        return list(row)
    out: list[C] = []
    for c in row:
        toks = c.text.split()
        whole = L.match(c.text, labels)
        if len(toks) >= 2 and whole.how != "exact" and all(L.match(t, labels).how == "exact" for t in toks):
            out.extend(C(t, c.loc) for t in toks)
        else:
            out.append(c)
    return out
