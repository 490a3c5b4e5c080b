"""Property: a random table written in a faithful format reads back as the identical grid,
and the same report reads the same in every format."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxaudit.ingest import read_document
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock

ALPHABET = "政府公开申请件数0123456789ab"
cell = st.text(alphabet=ALPHABET, min_size=0, max_size=6)


@st.composite
def tables(draw, spans: bool = True, nonempty: bool = False):
    nrows = draw(st.integers(1, 6))
    ncols = draw(st.integers(2, 5))
    text = st.text(alphabet=ALPHABET, min_size=1, max_size=6) if nonempty else cell
    rows = [[draw(text) for _ in range(ncols)] for _ in range(nrows)]
    chosen: list[tuple[int, int, int, int]] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 3)) if spans else 0):
        r, c = draw(st.integers(0, nrows - 1)), draw(st.integers(0, ncols - 1))
        rs, cs = draw(st.integers(1, nrows - r)), draw(st.integers(1, ncols - c))
        cover = {(r + i, c + j) for i in range(rs) for j in range(cs)}
        whole = rs == nrows and cs == ncols  # a one-cell html table is page layout, not data
        if (rs > 1 or cs > 1) and not cover & taken and not whole:
            chosen.append((r, c, rs, cs))
            taken |= cover
    return SpecBlock(kind="table", rows=rows, spans=chosen)


def roundtrip(block: SpecBlock, fmt: str, **opts):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"t.{fmt}"
        write(p, [SpecBlock(kind="paragraph", text="表格如下"), block], fmt, **opts)
        return read_document(p)


FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(tables())
def test_docx_grid_identical(block):
    t = next(b for b in roundtrip(block, "docx").blocks if b.kind == "table")
    assert t.rows == block.expanded() and t.merged == block.merged_mask()


@FAST
@given(tables())
def test_html_grid_identical(block):
    t = next(b for b in roundtrip(block, "html").blocks if b.kind == "table")
    assert t.rows == block.expanded() and t.merged == block.merged_mask()


@FAST
@given(tables())
def test_xlsx_grid_identical(block):
    blocks = roundtrip(block, "xlsx").blocks
    # a sheet has no edges of its own: empty trailing rows/columns are not part of it
    expected = block.expanded()
    while expected and not any(expected[-1]):
        expected.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in expected), default=0)
    assert [b.rows for b in blocks] == ([[r[:width] for r in expected]] if expected else [])


def ruled_visibly(block: SpecBlock) -> bool:
    """A PDF shows a row (column) boundary only where some cell does not span across it."""
    same = block.origin()

    def owner(r, c):
        return same.get((r, c), (r, c))

    rows, cols = len(block.rows), len(block.rows[0])
    return all(any(owner(b - 1, c) != owner(b, c) for c in range(cols)) for b in range(1, rows)) and all(
        any(owner(r, b - 1) != owner(r, b) for r in range(rows)) for b in range(1, cols))


@settings(max_examples=15, deadline=None)
@given(tables(nonempty=True).filter(ruled_visibly))
def test_pdf_grid_identical(block):
    t = next(b for b in roundtrip(block, "pdf").blocks if b.kind == "table")
    assert t.rows == block.expanded() and t.merged == block.merged_mask()


@FAST
@given(tables(spans=False, nonempty=True), st.sampled_from(["pipe_rows", "tab"]))
def test_txt_lines_split_back_to_the_grid(block, layout):
    doc = roundtrip(block, "txt", table_layout=layout)
    lines = [b.text for b in doc.blocks][1:]
    if layout == "tab":
        grid = [ln.split("\t") for ln in lines]
    else:
        grid = [[c.strip() for c in ln.strip()[1:-1].split("|")] for ln in lines]
    assert grid == block.rows


def test_same_report_reads_identically_in_every_format(tmp_path, report):
    """Text blocks and tables agree across docx, html, pdf; xlsx holds the tables."""
    seen = {}
    for fmt in ("docx", "html", "pdf", "xlsx"):
        p = tmp_path / f"r.{fmt}"
        write(p, report, fmt, word_markup=True)
        doc = read_document(p)
        seen[fmt] = ([b.text for b in doc.blocks if b.kind != "table"], [b.rows for b in doc.blocks if b.kind == "table"])
    assert seen["docx"] == seen["html"] == seen["pdf"]
    assert seen["xlsx"][1] == seen["docx"][1]
    txt = tmp_path / "r.txt"
    write(txt, report, "txt", table_layout="pipe_cells", encoding="gb18030")
    lines = [b.text for b in read_document(txt).blocks]
    assert [t for t in lines if not t.endswith("|")] == seen["docx"][0]
