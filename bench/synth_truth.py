"""Ground truth at scale: N synthetic submissions (every format), each read, extracted and
evaluated with the shipped packs, and the failing error/warning rules compared with truth.json.

Run:  .venv/bin/python bench/synth_truth.py                 # N = 2,000, seed 1, 2 processes
      .venv/bin/python bench/synth_truth.py --n 300 --seed 7 --keep /tmp/corpus

The check is `gxaudit.synth.verify` (the same one tests/synth runs on 40 files): no history, no
peers, a monthly period judged on its last day. Prints files per format, planted defects per
kind, missed (planted, not found) and extra (found, not planted, not in the file's may_fire)
with counts per rule, and the times. Exit 1 when anything was missed or extra.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from gxaudit.synth.corpus import FORMATS, generate
from gxaudit.synth.verify import KNOWN_FALSE_POSITIVES, check_corpus


def _table(title: str, counts: Counter, head: tuple[str, str]) -> None:
    print(f"\n{title}")
    print(f"| {head[0]} | {head[1]} |\n| --- | ---: |")
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {k} | {v:,} |")
    print(f"| **total** | **{sum(counts.values()):,}** |")


def _fmt(f: dict) -> str:
    return f"{f['format']} (log)" if f["doc_type"] == "publication_log" else f["format"]


def _per_format(files: list[dict], verdicts) -> None:
    rows: dict[str, list[int]] = {}
    for f, v in zip(files, verdicts, strict=True):
        r = rows.setdefault(_fmt(f), [0] * 6)
        for k, x in enumerate((1, bool(f["must_fire"]), len(f["defects"]), len(f["must_fire"]),
                               len(v.missed), len(v.extra))):
            r[k] += x
    print("\nPer format")
    print("| format | files | with defects | defects | rules that must fire | missed | extra |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in sorted(rows.items(), key=lambda kv: -kv[1][0]):
        print(f"| {name} | " + " | ".join(f"{x:,}" for x in r) + " |")
    tot = [sum(r[k] for r in rows.values()) for k in range(6)]
    print("| **total** | " + " | ".join(f"**{x:,}**" for x in tot) + " |")


def _cpu() -> float:
    """CPU seconds of this process and its reaped workers."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it (default: a temp dir, removed)")
    ap.add_argument("--show", type=int, default=20, help="list at most this many mismatching files")
    a = ap.parse_args()

    out = a.keep or Path(tempfile.mkdtemp(prefix="gx-synth-truth-"))
    if a.keep and a.keep.exists():
        shutil.rmtree(a.keep)
    try:
        t0, c0 = time.perf_counter(), _cpu()
        truth = generate(a.n, a.seed, out, a.formats.split(","), jobs=a.jobs)
        t1, c1 = time.perf_counter(), _cpu()
        verdicts = check_corpus(out, truth["files"], jobs=a.jobs)
        t2, c2 = time.perf_counter(), _cpu()
    finally:
        if not a.keep:
            shutil.rmtree(out, ignore_errors=True)

    files = truth["files"]
    print(f"N = {a.n:,}, seed {a.seed}, {a.jobs} processes, {os.cpu_count()} CPUs; corpus {truth['county']}"
          + (f" in {out}" if a.keep else ""))
    _per_format(files, verdicts)
    _table("Files per document type", Counter(f["doc_type"] for f in files), ("doc_type", "files"))
    _table("Planted defects per kind", Counter(d["defect"] for f in files for d in f["defects"]),
           ("defect", "files"))
    must = Counter(r for f in files for r in f["must_fire"])
    print(f"\nRules that must fire: {sum(must.values()):,} over {len(must)} rule ids; "
          f"{sum(1 for f in files if not f['must_fire']):,} files with nothing planted")
    may = Counter(r for f in files for r in f["may_fire"])
    print(f"may_fire (tolerated, not required): {sum(may.values())} files"
          + "".join(f", {r} ×{n}" for r, n in may.most_common()))

    missed = Counter(r for v in verdicts for r in v.missed)
    extra = Counter(r for v in verdicts for r in v.extra)
    known = Counter(r for v in verdicts for r in v.known)
    wrong_type = [v for v in verdicts if not v.error and v.doc_types != [v.doc_type]]
    errors = [v for v in verdicts if v.error]
    print(f"\nMissed (planted, not found): {sum(missed.values())}" + "".join(f"\n  {r}: {n}" for r, n in missed.most_common()))
    print(f"Extra (found, not planted, not in may_fire): {sum(extra.values())}"
          + "".join(f"\n  {r}: {n}" for r, n in extra.most_common()))
    if known:
        print("Known false positives (reported bugs, counted apart): "
              + ", ".join(f"{r} ×{n} ({KNOWN_FALSE_POSITIVES.get((dt, r), '')[:60]}…)"
                          for r, n in known.items() for dt in {v.doc_type for v in verdicts if r in v.known}))
    print(f"Wrong doc_type: {len(wrong_type)}; unreadable/errors: {len(errors)}")
    bad = [v for v in verdicts if not v.ok]
    for v in bad[: a.show]:
        print("  " + v.describe())
    if len(bad) > a.show:
        print(f"  … and {len(bad) - a.show} more")
    print(f"\nTime (wall / CPU of all processes): generate {t1 - t0:.1f} s / {c1 - c0:.1f} s, "
          f"read+extract+evaluate {t2 - t1:.1f} s / {c2 - c1:.1f} s ({(c2 - c1) / len(files) * 1000:.0f} ms CPU a file), "
          f"total {t2 - t0:.1f} s / {c2 - c0:.1f} s; load average {os.getloadavg()[0]:.1f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
