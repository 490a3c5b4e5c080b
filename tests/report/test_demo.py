"""The bundled demo (fixtures/county) end to end: score two periods, then draft the circular."""

from __future__ import annotations

import csv

import openpyxl
from click.testing import CliRunner

from gxaudit.cli import cli


def test_demo_fixtures_are_complete(repo_dir):
    for period in ("2025-10", "2025-11"):
        folder = repo_dir / "fixtures" / "county" / period
        manifest = list(csv.DictReader((folder / "manifest.csv").open(encoding="utf-8")))
        roster = list(csv.DictReader((folder / "agencies.csv").open(encoding="utf-8")))
        assert len(roster) == 13
        assert all((folder / row["file"]).is_file() for row in manifest)
        submitted = {row["agency"] for row in manifest}
        assert ("县民政局" in submitted) == (period == "2025-11")
        assert {p.suffix for p in folder.iterdir()} >= {".txt", ".docx", ".html", ".pdf", ".xlsx", ".csv"}


def test_demo_scores_and_drafts_the_circular(repo_dir, tmp_path):
    runner = CliRunner()
    db = tmp_path / "h.sqlite"
    for period in ("2025-10", "2025-11"):
        res = runner.invoke(cli, ["score", str(repo_dir / "fixtures" / "county" / period), "--period", period,
                                  "--history", str(db), "--out", str(tmp_path / period), "--format", "xlsx,html",
                                  "--no-cache", "--jobs", "1"])
        assert res.exit_code == (3 if period == "2025-10" else 0), res.output
    html = (tmp_path / "2025-10" / "report.html").read_text(encoding="utf-8")
    assert "北坡镇" in html and "无法读取" in html and "未报送" in html
    ranking = openpyxl.load_workbook(tmp_path / "2025-10" / "report.xlsx")["排名"]
    status = {r[1]: r[6] for r in ranking.iter_rows(min_row=2, values_only=True)}
    assert status["北坡镇"] == "无法读取" and status["县民政局"] == "未报送" and len(status) == 13

    res = runner.invoke(cli, ["circular", "--period", "2025-11", "--history", str(db), "--out", str(tmp_path),
                              "--format", "md", "--template", str(repo_dir / "fixtures" / "county" / "circular.toml")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "通报-2025-11.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于2025年11月政务公开工作情况的通报") and "青山县政务公开办公室" in md
    start = md.index("**南山乡**")
    nanshan = md[start:md.find("\n**", start + 1) if "\n**" in md[start + 1:] else len(md)]
    assert "连续未整改" in nanshan  # stock-phrase part 五 kept from 2025-10
    assert "**西河镇**：未发现扣分问题" in md  # part 六 added since 2025-10
