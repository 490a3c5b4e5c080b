"""Monthly scoring speed on the real Pingtan material: the site snapshot and the area's log.

Run from the repository root:  .venv/bin/python bench/monthly.py [--repeat 5]
Stages timed separately, one core, inline (no process pool), no cache, no history, best of
`--repeat` runs: read (ingest), extract (with examples/pingtan's column map), evaluate (the
three monthly packs over every agency's submission), summary (gxaudit.monthly), and the whole
`pipeline.run` as `gxaudit score` does it. Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from gxaudit import monthly, pipeline
from gxaudit.extract import extract, monthlyconf
from gxaudit.ingest import read_document
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.config import load_config
from gxaudit.rules.context import CheckContext

REPO = Path(__file__).resolve().parents[1]
PINGTAN = REPO.parent / "shared" / "corpus" / "pingtan"
CONFIG = REPO / "examples" / "pingtan" / "gxaudit.toml"
AS_OF = dt.date(2026, 9, 10)


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cfg = load_config(CONFIG)
    settings = monthlyconf.from_config(cfg.other.get("monthly"), CONFIG.parent)
    manifest = {"monthly": monthlyconf.encode(settings)}
    packs = load_packs(None, cfg)
    ctx = CheckContext(as_of=AS_OF)
    rows = []
    for label, path in (("site/columns.csv", PINGTAN / "site" / "columns.csv"),
                        ("units/log.csv", PINGTAN / "units" / "log.csv")):
        t_read, doc = best(lambda p=path, n=label: read_document(p, n), args.repeat)
        t_extract, subs = best(lambda d=doc: extract(d, manifest), args.repeat)
        t_eval, _ = best(lambda ss=subs: [evaluate(s, packs, ctx) for s in ss], args.repeat)
        t_sum, _ = best(lambda ss=subs: monthly.summary([], ss, packs, AS_OF, None), args.repeat)
        n_rows = len(doc.blocks[0].rows) - 1
        rows.append((label, n_rows, len(subs), t_read, t_extract, t_eval, t_sum))
    opts = pipeline.Options(dirs=[PINGTAN / "site", PINGTAN / "units"], as_of=AS_OF, config=dict(cfg.other),
                            rules_config=cfg)
    t_run, _ = best(lambda: pipeline.run(opts), max(1, args.repeat // 2))
    print("| input | rows | submissions | read s | extract s | evaluate s | summary s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, n, k, *ts in rows:
        print(f"| {label} | {n} | {k} | " + " | ".join(f"{t:.3f}" for t in ts) + " |")
    print(f"\nWhole pipeline.run (both folders, inline, no cache): {t_run:.2f} s")


if __name__ == "__main__":
    main()
