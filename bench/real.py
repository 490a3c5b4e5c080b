"""Reading and scoring speed on the real Pingtan annual reports (fixtures/real/pingtan).

Run from the repository root:  .venv/bin/python bench/real.py [--repeat 3]
One core, inline, no cache, no history, best of `--repeat` runs, warm (modules imported and
packs loaded once before timing):
- inspect: ingest + extract of every file alone (28 files: 18 page.txt, 10 HTML), as
  `gxaudit inspect` does per file, and the merge of each folder's renderings;
- score: `pipeline.run` for one period over the whole series (28 files read, one year scored,
  the others as last years' reports), and for all 13 periods in turn;
- the CLI cold: `gxaudit inspect` on all 28 files and `gxaudit score --period 2025` in a fresh
  process (interpreter start and imports included).
Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("update_goldens", REPO / "scripts" / "update_goldens.py")
G = importlib.util.module_from_spec(spec)
spec.loader.exec_module(G)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folders = sorted(p for p in G.ANNUAL.iterdir() if p.is_dir())
    files = [f for d in folders for f in G.files_of(d)]
    G.score_year("2025")  # warm: imports, packs
    rows = [
        ("inspect: 28 files read and extracted, renderings merged (in process)",
         best(lambda: [G.read_folder(d) for d in folders], args.repeat)),
        ("score: one period (2025) over the whole series (in process)", best(lambda: G.score_year("2025"), args.repeat)),
        ("score: all 13 periods in turn (in process)", best(lambda: [G.score_year(y) for y in G.years()], args.repeat)),
    ]
    exe = str(Path(sys.executable).parent / "gxaudit")
    rows.append(("CLI cold: gxaudit inspect --format json, 28 files",
                 best(lambda: subprocess.run([exe, "inspect", "--format", "json", *map(str, files)],
                                             capture_output=True, check=True), args.repeat)))
    rows.append(("CLI cold: gxaudit score --period 2025 --jobs 1 --no-cache --no-history",
                 best(lambda: subprocess.run([exe, "score", str(G.ANNUAL), "--period", "2025", "--config", str(G.CONFIG),
                                              "--jobs", "1", "--no-cache", "--no-history", "--format", "json",
                                              "--out", "/tmp/gxaudit-bench-real"], capture_output=True), args.repeat)))
    print("| step | seconds |")
    print("| --- | --- |")
    for name, t in rows:
        print(f"| {name} | {t:.2f} |")


if __name__ == "__main__":
    main()
