"""Test helpers for the table reader: blocks from seed text and saved HTML, and renderers.

Written here (not in gxaudit) so the table tests do not wait for the ingest reader or the
synth renderers: HTML tables are expanded with lxml (rowspan/colspan repeated, copies marked).
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from gxaudit.model import Block, Loc


def text_blocks(path: Path) -> list[Block]:
    """One paragraph block per non-empty line, as the txt reader gives them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        Block(kind="paragraph", text=line, loc=Loc(file=path.name, line=i))
        for i, line in enumerate(lines, 1)
        if line.strip()
    ]


def _expand(table) -> tuple[list[list[str]], list[list[bool]]]:
    taken: dict[tuple[int, int], tuple[str, bool]] = {}
    trs = table.xpath("./tr|./tbody/tr|./thead/tr")
    for r, tr in enumerate(trs):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in taken:
                c += 1
            text = " ".join("".join(td.itertext()).split())
            cs = max(1, int(td.get("colspan") or 1))
            rs = max(1, int(td.get("rowspan") or 1))
            for dr in range(rs):
                for dc in range(cs):
                    taken.setdefault((r + dr, c + dc), (text, bool(dr or dc)))
            c += cs
    nrows = len(trs)
    ncols = max((c for _, c in taken), default=-1) + 1
    rows = [[taken.get((r, c), ("", False))[0] for c in range(ncols)] for r in range(nrows)]
    merged = [[taken.get((r, c), ("", False))[1] for c in range(ncols)] for r in range(nrows)]
    return rows, merged


def html_blocks(path: Path, merged: bool = True) -> list[Block]:
    """Paragraphs and tables of a saved page in reading order (innermost tables only)."""
    doc = lxml_html.document_fromstring(path.read_text(encoding="utf-8"))
    blocks: list[Block] = []
    for el in doc.iter("p", "table"):
        if el.tag == "table":
            if el.xpath(".//table"):
                continue
            rows, flags = _expand(el)
            blocks.append(
                Block(
                    kind="table",
                    rows=rows,
                    merged=flags if merged else None,
                    loc=Loc(file=path.name, block=len(blocks)),
                )
            )
        elif not el.xpath("ancestor::table"):
            text = " ".join("".join(el.itertext()).split())
            if text:
                blocks.append(Block(kind="paragraph", text=text, loc=Loc(file=path.name, block=len(blocks))))
    return blocks
