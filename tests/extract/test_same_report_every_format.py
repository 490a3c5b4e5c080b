"""Issue 2: the same report written as .txt (three flattened layouts), .docx, .html, .pdf and
.xlsx gives identical canonical tables — the values the rules read, not just the grids.
(The runs-of-spaces layout is left out: it cannot show a blank cell, so a report with blanks
reads differently there by nature; tests/extract/test_tables_roundtrip.py covers it with markers.)"""

from __future__ import annotations

import random

import pytest

from gxaudit.extract import extract
from gxaudit.ingest import read_document
from gxaudit.synth import tables as T
from gxaudit.synth.corpus import write_xlsx_report
from gxaudit.synth.names import Agency
from gxaudit.synth.render import write
from gxaudit.synth.reports import Plan, blocks

AGENCY = Agency(name="东岭镇", full="青山县东岭镇人民政府", kind="乡镇", county="青山县", topics=("a", "b", "c"),
                phone="0999-1234567")
KEYS = ("proactive", "applications", "review_litigation")


def values(sub) -> dict:
    return {k: {r: {c: cell.value for c, cell in cols.items()} for r, cols in sub.tables[k].cells.items()}
            for k in KEYS if k in sub.tables}


@pytest.mark.parametrize("form,seed,merged", [("2021", 11, True), ("2019", 12, True), ("2021", 13, False)])
def test_identical_tables_in_every_format(tmp_path, form, seed, merged):
    rng = random.Random(seed)
    p = Plan(agency=AGENCY, year=2023 if form == "2021" else 2020, form=form, merged=merged, seed=seed, items=90)
    p.tables = {"proactive": T.proactive(rng, "乡镇", form),
                "applications": T.applications(rng, "乡镇", form, quiet=False),
                "review": T.review(rng, "乡镇")}
    bs = blocks(p)
    files = {}
    for fmt in ("docx", "html", "pdf"):
        files[fmt] = tmp_path / f"r.{fmt}"
        write(files[fmt], bs, fmt)
    files["xlsx"] = tmp_path / "r.xlsx"
    write_xlsx_report(files["xlsx"], bs)
    for layout in ("pipe_cells", "pipe_rows", "tab"):
        files[f"txt-{layout}"] = tmp_path / f"r-{layout}.txt"
        write(files[f"txt-{layout}"], bs, "txt", table_layout=layout, encoding="gb18030")
    read = {name: values(extract(read_document(path))[0]) for name, path in files.items()}
    reference = read["docx"]
    assert set(reference) == set(KEYS)
    assert reference["applications"]["new"]["total"] is not None
    for name, got in read.items():
        assert got == reference, f"{name} reads the tables differently from docx"
