"""Parallel scoring gives the same bytes as serial scoring, on generated corpora (real stages)."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxaudit import pipeline
from gxaudit.cli import cli
from gxaudit.report import jsonout
from gxaudit.synth import corpus


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(max_workers=2) as ex:
        yield ex


def _score(root: Path, executor, workers: int) -> str:
    opts = pipeline.Options(dirs=[root], roster=root / "agencies.csv")
    return jsonout.dumps(pipeline.run(opts, executor=executor, workers=workers).result)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(3, 14),
       formats=st.sets(st.sampled_from(["txt", "html", "docx", "xlsx"]), min_size=1))
def test_two_workers_give_the_same_json_as_one(tmp_path_factory, pool, seed, n, formats):
    root = tmp_path_factory.mktemp("corpus")
    corpus.generate(n, seed, root, sorted(formats))
    serial = _score(root, None, 1)
    assert json.loads(serial)["run"]["inputs"]  # something was scored
    assert _score(root, pool, 2) == serial


def test_cli_jobs_1_and_2_write_identical_result_json(tmp_path):
    root = tmp_path / "c"
    corpus.generate(12, 3, root, ["txt", "html"])
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        r = CliRunner().invoke(cli, ["score", str(root), "--jobs", str(jobs), "--no-cache", "--format", "json,csv",
                                     "--history", str(tmp_path / f"h{jobs}.sqlite"), "--out", str(out)],
                               catch_exceptions=False)
        assert r.exit_code in (0, 3), r.output
        outs.append(out)
    for name in ("result.json", "ranking.csv", "findings.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
