"""`gxaudit inspect`: the stable JSON, the Chinese text, manifests beside files, exit code 3."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from gxaudit.cli import cli

KEYS = ["file", "id", "parts_in_file", "format", "title", "agency", "agency_kind", "report_year", "period",
        "doc_type", "published_at", "url", "sections", "tables", "paragraphs", "warnings", "error"]


def run(*args):
    result = CliRunner().invoke(cli, ["inspect", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_json_for_seed_001(seeds_dir, tmp_path, monkeypatch):
    shutil.copy(seeds_dir / "001_6c6888ab43a2d839.txt", tmp_path / "001.txt")
    monkeypatch.chdir(tmp_path)
    result = run("001.txt", "--format", "json")
    assert result.exit_code == 0
    [v] = json.loads(result.output)
    assert list(v) == KEYS
    assert v["agency"] == {"value": "双辽市教育局", "source": "title", "detail": "双辽市教育局2020年政府信息公开工作年度报告"}
    assert v["agency_kind"]["value"] == "县直部门" and v["report_year"]["value"] == 2020
    assert v["doc_type"]["value"] == "annual_report_2019" and v["error"] is None
    parts = [s["part"] for s in v["sections"] if s["part"]]
    assert parts == [1, 2, 3, 4, 5]
    assert set(v["sections"][0]) == {"number", "title", "level", "part", "location"}
    assert v["sections"][0]["location"]["line"] == 2
    assert list(v["tables"]) == ["proactive", "applications", "review_litigation", "legacy_stats"]
    for t in v["tables"].values():
        assert t is None or list(t) == ["variant", "source", "cells", "units", "unplaced", "extra_rows", "notes"]


def test_text_summary_in_chinese(seeds_dir):
    result = run(seeds_dir / "001_6c6888ab43a2d839.txt")
    assert result.exit_code == 0
    out = result.output
    assert "单位：双辽市教育局（来源：标题）" in out
    assert "文种：2019年格式年度报告" in out
    assert "缺少 第6部分“其他需要报告的事项”" in out


def test_corrupt_file_is_named_and_exits_3_after_the_rest(seeds_dir, tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip archive")
    result = run(bad, seeds_dir / "004_6b93b87c5fdd5131.txt")
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.output.index("舞钢市教体局") < result.output.index("无法读取")  # readable first
    assert "坏文件.docx" in result.output and "损坏" in result.output
    js = run(bad, "--format", "json")
    assert js.exit_code == 3
    [v] = json.loads(js.stdout)
    assert v["error"]["reason"] == "corrupt" and "坏文件.docx" in v["error"]["message"]


def test_manifest_beside_the_file_is_applied(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "004_6b93b87c5fdd5131.txt", tmp_path / "舞钢.txt")
    (tmp_path / "manifest.csv").write_text("文件,单位,类型,期间,发布日期\n舞钢.txt,舞钢市教育体育局,县直部门,2019,2020-01-15\n",
                                           encoding="gbk")
    [v] = json.loads(run(tmp_path / "舞钢.txt", "--format", "json").output)
    assert v["agency"]["value"] == "舞钢市教育体育局" and v["agency"]["source"] == "manifest"
    assert v["published_at"] == {"value": "2020-01-15", "source": "manifest", "detail": None}


def test_bad_manifest_is_a_usage_error(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "004_6b93b87c5fdd5131.txt", tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("文件,类型\na.txt,镇\n", encoding="utf-8")
    result = run(tmp_path / "a.txt")
    assert result.exit_code == 2 and "第2行“类型”为“镇”" in result.output


def test_utf8_and_gbk_copies_give_identical_output(pingtan_dir, tmp_path, monkeypatch):
    text = (pingtan_dir / "annual/2021_syq/page.txt").read_text(encoding="utf-8")
    for enc in ("utf-8", "gbk"):
        (tmp_path / enc).mkdir()
        (tmp_path / enc / "report.txt").write_bytes(text.encode(enc))
    outputs = {}
    for enc in ("utf-8", "gbk"):
        monkeypatch.chdir(tmp_path / enc)
        outputs[enc] = run("report.txt", "--format", "json").output
    assert outputs["utf-8"] == outputs["gbk"]
    [v] = json.loads(outputs["gbk"])
    assert v["doc_type"]["value"] == "annual_report_2021" and v["report_year"]["value"] == 2021


def test_collection_prints_each_part(seeds_dir):
    views = json.loads(run(seeds_dir / "003_391da73ada556ced.txt", "--format", "json").output)
    assert len(views) == 14 and views[13]["id"].endswith("#14")


APP_ROWS_2019 = ["new", "carried_in", "granted", "partial", *[f"refused_{i}" for i in range(1, 9)],
                 *[f"unavailable_{i}" for i in range(1, 4)], *[f"not_processed_{i}" for i in range(1, 6)],
                 "other", "handled_total", "carried_out"]
APP_COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def test_table_rows_and_columns_in_the_official_order(seeds_dir):
    [v] = json.loads(run(seeds_dir / "001_6c6888ab43a2d839.txt", "--format", "json").output)
    t = v["tables"]
    assert list(t["proactive"]["cells"]) == ["rules", "normative_docs", "licensing", "other_services", "penalties",
                                             "enforcement", "fees", "procurement"]
    assert list(t["proactive"]["cells"]["licensing"]) == ["prev_items", "change", "decisions"]
    assert list(t["proactive"]["cells"]["procurement"]) == ["projects", "amount"]
    assert list(t["applications"]["cells"]) == APP_ROWS_2019
    assert all(list(cols) == APP_COLS for cols in t["applications"]["cells"].values())
    assert list(t["review_litigation"]["cells"]) == ["review", "suit_direct", "suit_after_review"]
    assert list(t["review_litigation"]["cells"]["review"]) == ["upheld", "corrected", "other", "pending", "total"]


def test_subtotals_and_unknown_keys_have_a_fixed_place():
    from gxaudit.extract.view import table_view
    from gxaudit.model import Cell, Table

    cells = {k: {"total": Cell(value=0), "natural": Cell(value=0)}
             for k in ("zzz", "refused_2", "refused_subtotal", "new", "refused_1")}
    view = table_view(Table(key="applications", variant="2021", cells=cells))
    assert list(view["cells"]) == ["new", "refused_subtotal", "refused_1", "refused_2", "zzz"]
    assert list(view["cells"]["new"]) == ["natural", "total"]
    legacy = Table(key="legacy_stats", variant="legacy",
                   cells={k: {"cumulative": Cell(value=1), "year": Cell(value=1)}
                          for k in ("replies_total", "proactive_total", "req_fax")})
    view = table_view(legacy)
    assert list(view["cells"]) == ["proactive_total", "req_fax", "replies_total"]
    assert list(view["cells"]["req_fax"]) == ["year", "cumulative"]
