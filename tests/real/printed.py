"""The printed cells of a saved page's <table>s, read independently of gxaudit's readers.

Every numeric <td> of the page in document order (a unit 元/万元 after the digits is dropped):
what a person sees in the table. A reader's cells, ordered by their place in the grid, must be
exactly this sequence.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

_NUM = re.compile(r"^(-?\d[\d,]*(?:\.\d+)?)(?:元|万元)?$")


def numeric_cells(path: Path) -> list[list[str]]:
    """Per <table>, its numeric cell texts in document order."""
    doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    out = []
    for t in doc.xpath("//table"):
        cells = []
        for c in t.xpath(".//td|.//th"):
            text = re.sub(r"\s+", "", c.text_content().replace("\xa0", ""))
            m = _NUM.match(text)
            if m:
                cells.append(m.group(1).replace(",", ""))
        out.append(cells)
    return out


def as_printed(v: float | None) -> str | None:
    if v is None:
        return None
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"
