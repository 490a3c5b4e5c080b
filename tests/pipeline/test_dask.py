"""The same scoring on a Dask cluster (the `dask` extra): a LocalCluster of two worker processes."""

from __future__ import annotations

import distributed  # the `dask` extra is part of the test install: pip install -e '.[test,dask]'
import pytest
from click.testing import CliRunner

from gxaudit import executors, pipeline
from gxaudit.cli import cli
from gxaudit.report import jsonout
from gxaudit.synth import corpus


@pytest.fixture(scope="module")
def cluster():
    executors.quiet_dask()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    client = distributed.Client(cluster)
    yield cluster, client
    client.close()  # the client first, then the cluster: no CommClosedError noise
    cluster.close()


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask") / "c"
    corpus.generate(16, 5, root, ["txt", "html"])
    return root


def test_dask_executor_gives_the_inline_json(cluster, county):
    _, client = cluster
    opts = pipeline.Options(dirs=[county], roster=county / "agencies.csv")
    inline = jsonout.dumps(pipeline.run(opts).result)
    on_dask = pipeline.run(opts, executor=client.get_executor(), workers=2).result
    assert jsonout.dumps(on_dask) == inline
    # the work really ran in the workers: each loaded the packs there
    assert all(n >= 1 for n in client.run(lambda: len(__import__("gxaudit.evaljobs").evaljobs._PACKS)).values())


def test_cli_executor_dask_address(cluster, county, tmp_path):
    c, _ = cluster
    outs = []
    for spec in ("inline", f"dask://{c.scheduler_address.removeprefix('tcp://')}"):
        out = tmp_path / spec.replace("/", "_").replace(":", "_")
        r = CliRunner().invoke(cli, ["score", str(county), "--executor", spec, "--no-cache", "--no-history",
                                     "--format", "json", "--out", str(out)], catch_exceptions=False)
        assert r.exit_code in (0, 3), r.output
        outs.append((out / "result.json").read_bytes())
    assert outs[0] == outs[1]


def test_unreachable_scheduler_is_a_usage_error(county, tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    r = CliRunner().invoke(cli, ["score", str(county), "--executor", "dask://127.0.0.1:9", "--no-history",
                                 "--out", str(tmp_path)])
    assert r.exit_code == 2 and "无法连接 Dask 调度器" in r.output
