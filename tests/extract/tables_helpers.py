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


# --------------------------------------------------------------------------- synthetic tables
# A table spec is rows of (text, rowspan, colspan) cells in reading order, as a Word table holds
# them. `grid_of` expands it the way a reader does; `flatten` prints the real cells in reading
# order in one of the text layouts real submissions use.

Span = tuple[str, int, int]


def grid_of(spec: list[list[Span]]) -> tuple[list[list[str]], list[list[bool]]]:
    taken: dict[tuple[int, int], tuple[str, bool]] = {}
    for r, row in enumerate(spec):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken.setdefault((r + dr, c + dc), (text, bool(dr or dc)))
            c += cs
    ncols = max(c for _, c in taken) + 1
    rows = [[taken.get((r, c), ("", False))[0] for c in range(ncols)] for r in range(len(spec))]
    merged = [[taken.get((r, c), ("", False))[1] for c in range(ncols)] for r in range(len(spec))]
    return rows, merged


def flatten(spec: list[list[Span]], layout: str, heading: str) -> str:
    lines = [heading]
    for row in spec:
        texts = [t for t, _, _ in row]
        if layout == "pipe_cells":
            lines += [f"{t} |" if t else "|" for t in texts]
            lines.append("||")
        elif layout == "pipe_rows":
            lines.append("| " + " | ".join(texts) + " |")
        elif layout == "tabs":
            lines.append("\t".join(texts))
        elif layout == "spaces":
            lines.append("  ".join(t if t else "—" for t in texts))
    return "\n".join(lines)


def fmt(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def applications_spec(values: dict[str, list[float | None]], variant: str) -> list[list[Span]]:
    from gxaudit.extract.tables.templates import APP_ROW_GROUPS, APP_ROWS

    head = [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 1, 7),
        ],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
        ],
    ]
    rows = APP_ROWS[variant]
    groups = {g.key: g.label for g in APP_ROW_GROUPS}
    in_results = [r for r in rows if r.group not in (None,)]
    out = list(head)
    seen: set[str] = set()
    for lab in rows:
        cells = [(fmt(v), 1, 1) for v in values[lab.key]]
        lead: list[Span] = []
        if lab.group is None:
            lead = [(lab.label, 1, 3)]
        else:
            if "results" not in seen:
                seen.add("results")
                lead.append((groups["results"], len(in_results), 1))
            if lab.group == "results":
                lead.append((lab.label, 1, 2))
            else:
                if lab.group not in seen:
                    seen.add(lab.group)
                    n = sum(1 for r in rows if r.group == lab.group)
                    lead.append((groups[lab.group], n, 1))
                lead.append((lab.label, 1, 1))
        out.append(lead + cells)
    return out


def review_spec(values: list[float | None]) -> list[list[Span]]:
    res = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [(t, 2, 1) for t in res] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(t, 1, 1) for t in res + res],
        [(fmt(v), 1, 1) for v in values],
    ]


def proactive_spec(
    values: dict[str, list[float | None]], variant: str, units: dict[str, str]
) -> list[list[Span]]:
    from gxaudit.extract.tables.templates import PROACTIVE

    out: list[list[Span]] = []
    for art in PROACTIVE[variant]:
        width = 3
        out.append([(art.caption, 1, width + 1)])
        spans = _spans(len(art.cols), width)
        out.append([("信息内容", 1, 1)] + [(c.label, 1, s) for c, s in zip(art.cols, spans)])
        for r in art.rows:
            vals = values[r.key]
            cells = []
            for c, v, s in zip(art.cols, vals, spans):
                text = fmt(v)
                if text and f"{r.key}.{c.key}" in units:
                    text += units[f"{r.key}.{c.key}"]
                cells.append((text, 1, s))
            out.append([(r.label, 1, 1)] + cells)
    return out


def _spans(n: int, width: int) -> list[int]:
    """Columns of a sub-table stretched over the table's width; the last one takes the rest."""
    return [1] * (n - 1) + [width - (n - 1)]
