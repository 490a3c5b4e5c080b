"""The real series scored by two worker processes gives the same bytes as inline scoring.

Pingtan exercises what synthetic corpora rarely do: one report saved twice (page.txt beside
body.html, merged from two spool entries), run-together figures that only last year's report
decides (a chain of earlier years read back by the worker), and a history written by one
period and read by the next."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

from gxaudit import filejobs, pipeline
from gxaudit.report import jsonout
from gxaudit.rules.config import load_config


@pytest.mark.parametrize("year", ["2013", "2025"])
def test_two_workers_score_the_series_as_inline(goldens, tmp_path, year):
    rc = load_config(goldens.CONFIG)

    def score(executor, workers, name):
        opts = pipeline.Options(dirs=[goldens.ANNUAL], period=year, config=dict(rc.other), rules_config=rc,
                                history=tmp_path / f"{name}.sqlite", cache_dir=tmp_path / f"cache-{name}",
                                keep_submissions=True)
        prior = opts.model_copy(update={"period": str(int(year) - 1), "keep_submissions": False})
        pipeline.run(prior, executor=executor, workers=workers)  # last year's run, into the history
        return pipeline.run(opts, executor=executor, workers=workers)

    inline = score(None, 1, "inline")
    with ProcessPoolExecutor(max_workers=2, initializer=filejobs.worker_init) as ex:
        pooled = score(ex, 2, "pooled")
    assert jsonout.dumps(pooled.result) == jsonout.dumps(inline.result)
    assert [s.model_dump() for s in pooled.submissions] == [s.model_dump() for s in inline.submissions]
    assert any(s.renderings for s in inline.submissions)  # a merged page.txt + body.html was scored
    if year == "2013":  # splits only 2012's figures decide, decided in a worker
        assert any("依据上年报告" in w for s in pooled.submissions for w in s.warnings)
