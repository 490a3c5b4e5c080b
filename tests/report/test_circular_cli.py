from __future__ import annotations

from click.testing import CliRunner

from gxaudit.cli import cli
from gxaudit.history import History

from .sample import sample_result


def test_circular_from_history(tmp_path):
    db = tmp_path / "h.sqlite"
    with History(db) as h:
        h.store(sample_result(period="2025-10"))
        h.store(sample_result(period="2025-11"))
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["circular", "--period", "2025-11", "--history", str(db), "--out", str(out),
                                   "--format", "md,docx"])
    assert res.exit_code == 0, res.output
    md = (out / "通报-2025-11.md").read_text(encoding="utf-8")
    assert "与2025年10月相比" in md  # the previous period was found in the history
    assert (out / "通报-2025-11.docx").stat().st_size > 5000


def test_circular_unknown_period_is_usage_error(tmp_path):
    db = tmp_path / "h.sqlite"
    with History(db) as h:
        h.store(sample_result(period="2025-10"))
    res = CliRunner().invoke(cli, ["circular", "--period", "2025-12", "--history", str(db), "--out", str(tmp_path)])
    assert res.exit_code == 2 and "2025-10" in res.output
