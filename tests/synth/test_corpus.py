"""The synthetic corpus: deterministic for a seed, tables that satisfy every identity, and every
planted defect found by the shipped packs with its rule id — and nothing else of error or
warning severity (bar the file's `may_fire`)."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from gxaudit.cli import cli
from gxaudit.extract import extract
from gxaudit.ingest import read_document
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.context import CheckContext
from gxaudit.synth import defects as D
from gxaudit.synth import tables as T
from gxaudit.synth import verify as V
from gxaudit.synth.corpus import generate
from gxaudit.synth.names import Agency

N, SEED = 40, 2026
TEXT_SUFFIXES = {".txt", ".html", ".csv", ".json"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, generate(N, SEED, out)


@pytest.fixture(scope="module")
def packs():
    return load_packs(None)


def _agency(kind: str) -> Agency:
    return Agency(name="东岭镇", full="青山县东岭镇人民政府", kind=kind, county="青山县", topics=("a", "b", "c"),
                  phone="0999-1234567")


@pytest.mark.parametrize("variant", ["2021", "2019"])
def test_generated_tables_satisfy_every_identity(variant):
    for s in range(300):
        rng = random.Random(s)
        kind = rng.choice(("乡镇", "街道", "县直部门", "县级政府"))
        app = T.applications(rng, kind, variant, quiet=s % 7 == 0)
        rev = T.review(rng, kind)
        assert D.broken_identities(app, rev) == set()
        assert all(v >= 0 for row in app.values() for v in row.values())
        stats = T.legacy_stats(rng, kind, 2015)
        for col in ("year", "cumulative"):
            assert stats["proactive_total"][col] == stats["proactive_website"][col] + stats["proactive_gazette"][col]
            assert stats["requests_total"][col] == sum(stats[k][col] for k in ("req_in_person", "req_online", "req_letter_fax"))


@pytest.mark.parametrize("defect", ["app_balance", "app_cell", "app_row_total", "review_total"])
def test_a_changed_cell_names_exactly_the_identities_it_breaks(defect):
    from gxaudit.synth.reports import Plan

    for s in range(60):
        rng = random.Random(s)
        p = Plan(agency=_agency("县直部门"), year=2023, form="2021")
        p.tables = {"applications": T.applications(rng, "县直部门", "2021", quiet=False),
                    "review": T.review(rng, "县直部门")}
        got = D.plant(defect, p, rng)["rules"]
        assert got, defect
        assert set(got) == {f"AR21-{x}" for x in D.broken_identities(p.tables["applications"], p.tables["review"])}
    if defect == "app_balance":
        assert set(got) == {"AR21-D01"}  # the row total moved with the cell: only the balance breaks


def test_same_seed_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(14, 5, a, ["txt", "html", "xlsx"])
    generate(14, 5, b, ["txt", "html", "xlsx"], jobs=2)  # processes change nothing
    generate(14, 6, c, ["txt", "html", "xlsx"])
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        pa, pb = a / name, b / name
        if pa.suffix in TEXT_SUFFIXES:
            assert pa.read_bytes() == pb.read_bytes(), name
        else:  # binary: same content as the reader sees it
            da, db = read_document(pa), read_document(pb)
            assert [(x.kind, x.text, x.rows) for x in da.blocks] == [(x.kind, x.text, x.rows) for x in db.blocks], name
    assert (a / "truth.json").read_text() != (c / "truth.json").read_text()


def test_truth_and_manifest_describe_every_file(corpus):
    out, truth = corpus
    files = truth["files"]
    assert len(files) == N
    assert json.loads((out / "truth.json").read_text(encoding="utf-8")) == truth
    manifest = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == "file,agency,kind,period,published_at" and len(manifest) == N + 1
    for f in files:
        assert (out / f["file"]).is_file()
        assert set(f) >= {"agency", "kind", "format", "doc_type", "report_year", "must_fire", "may_fire"}
    assert {f["format"] for f in files} >= {"txt", "docx", "html", "pdf", "xlsx", "csv"}
    assert {f["doc_type"] for f in files} >= {"annual_report_2021", "annual_report_2019", "annual_report_legacy",
                                              "work_summary", "publication_log"}
    assert {f.get("table_layout") for f in files} >= {"pipe_cells", "pipe_rows", "tab", "spaces"}
    assert sum(1 for f in files if not f["must_fire"]) >= 5  # clean ones too


def test_every_planted_defect_is_found_and_nothing_else(corpus, packs):
    out, truth = corpus
    verdicts = [V.check(out, entry, packs) for entry in truth["files"]]
    assert not [v for v in verdicts if not v.ok], "\n".join(v.describe() for v in verdicts if not v.ok)
    planted = {d["defect"] for entry in truth["files"] for d in entry["defects"]}
    assert len(verdicts) >= 30 and len(planted) >= 15


def test_a_missed_or_extra_rule_is_reported(corpus, packs):
    out, truth = corpus
    entry = next(e for e in truth["files"] if e["must_fire"])
    assert V.check(out, entry, packs).ok
    v = V.check(out, {**entry, "must_fire": [*entry["must_fire"], "AR21-XX"]}, packs)
    assert v.missed == ["AR21-XX"] and not v.ok
    v = V.check(out, {**entry, "must_fire": entry["must_fire"][1:], "may_fire": []}, packs)
    assert v.extra == entry["must_fire"][:1] and not v.ok


def test_parallel_check_gives_the_same_verdicts(corpus):
    out, truth = corpus
    entries = truth["files"][:8]
    assert V.check_corpus(out, entries, jobs=2, batch=3) == V.check_corpus(out, entries, jobs=1)


def test_xlsx_report_sheet_is_read(tmp_path):
    from gxaudit.synth.corpus import write_xlsx_report
    from gxaudit.synth.reports import Plan, blocks

    rng = random.Random(3)
    p = Plan(agency=_agency("乡镇"), year=2023, form="2021", items=80)
    p.tables = {"proactive": T.proactive(rng, "乡镇", "2021"), "applications": T.applications(rng, "乡镇", "2021", False),
                "review": T.review(rng, "乡镇")}
    write_xlsx_report(tmp_path / "r.xlsx", blocks(p))
    [sub] = extract(read_document(tmp_path / "r.xlsx"))
    assert {"applications", "proactive", "review_litigation"} <= set(sub.tables)
    assert len(sub.sections) >= 6


def test_work_summary_mentioning_last_years_report_is_not_a_wrong_year(packs):
    """It 编制并公布 last year's annual report; its own period, when wrong, still is."""
    from gxaudit.extract import submission_from_text

    head = "青山县东岭镇人民政府2023年政务公开工作总结\n一、工作开展情况\n"
    tail = ("二、存在的不足\n本年度有3个栏目更新不及时。\n三、下一步工作打算\n2024年起每周检查栏目更新。")
    meta = {"agency": "东岭镇", "kind": "乡镇", "period": "2023"}
    outcome = {}
    for name, line in (("report", "（一）按时编报年报。按时编制并公布2022年度政府信息公开工作年度报告。\n"),
                       ("period", "本总结所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n")):
        sub = submission_from_text(head + line + tail, "s.txt", meta)
        assert sub.doc_type.value == "work_summary"
        outcome[name] = {f.rule_id: f.outcome for f in evaluate(sub, packs, CheckContext())}["HY-05"]
    assert outcome == {"report": "pass", "period": "fail"}


def test_cli_writes_corpus_and_refuses_bad_format(tmp_path):
    r = CliRunner().invoke(cli, ["synth", "--n", "6", "--seed", "3", "--out", str(tmp_path / "o"), "--formats", "txt",
                                 "--jobs", "2"])
    assert r.exit_code == 0, r.output
    truth = json.loads((tmp_path / "o" / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["files"]) == 6 and {f["format"] for f in truth["files"]} <= {"txt", "csv"}
    r = CliRunner().invoke(cli, ["synth", "--n", "3", "--out", str(tmp_path / "p"), "--formats", "txt,doc"])
    assert r.exit_code == 2 and "doc" in r.output
