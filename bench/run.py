"""Scoring throughput and peak memory of `gxaudit score`, against a read-and-decode floor.

Run:  sh bench/make_corpus.sh            # once: /tmp/gxaudit-bench/{txt10k,mixed1k}
      .venv/bin/python bench/run.py      # or: make bench;  --quick for 1,000 of the 10,000

Each measurement is one `gxaudit score CORPUS --jobs J --format json` subprocess with its own
history and parse cache in a temp folder: "cold" starts with an empty cache, "warm" is the
same command again (every file served from the cache). For each run:
- wall seconds, and CPU seconds of the whole process tree (getrusage(RUSAGE_CHILDREN) before
  and after: the CLI waits for its workers, we wait for the CLI);
- files/s = input files / wall and / CPU (the machine may be shared: CPU is the steadier one);
- peak memory of the tree: /proc polled every 50 ms, RSS and PSS (proportional: pages shared
  by forked workers counted once) summed over the CLI and all its descendants;
- ratio = the run's CPU per file / the floor's CPU per file.
The floor is a bare Python loop over the same files: read the bytes, decode text files
(UTF-8, else GB18030), inflate every member of docx/xlsx, read PDFs as bytes.
`--growth` also scores the first 1,000 / 2,500 / 5,000 / 10,000 files (warm, --jobs 2) to
show how peak memory grows with N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path("/tmp/gxaudit-bench")
GX = [sys.executable, "-c", "from gxaudit.cli import main; main()"]
TEXT = {".txt", ".csv", ".html", ".htm"}
ZIPPED = {".docx", ".xlsx"}


def corpus_files(folder: Path) -> list[Path]:
    from gxaudit.ingest import SUPPORTED

    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED
                  and p.name not in ("manifest.csv", "agencies.csv"))


def _floor_loop(paths: list[str]) -> int:
    chars = 0
    for name in paths:
        with open(name, "rb") as fh:
            data = fh.read()
        suffix = os.path.splitext(name)[1].lower()
        if suffix in TEXT:
            try:
                chars += len(data.decode("utf-8"))
            except UnicodeDecodeError:
                chars += len(data.decode("gb18030", errors="replace"))
        elif suffix in ZIPPED:
            with zipfile.ZipFile(name) as zf:
                chars += sum(len(zf.read(i)) for i in zf.infolist())
        else:
            chars += len(data)
    return chars


def floor(files: list[Path]) -> dict:
    """The bare loop, in a fresh process like the CLI, page cache warm (read once before)."""
    _floor_loop([str(p) for p in files])
    out = subprocess.run([sys.executable, __file__, "--floor-child"], input=json.dumps([str(p) for p in files]),
                         capture_output=True, text=True, check=True)
    wall, cpu = json.loads(out.stdout)
    return {"label": "floor: read + decode", "files": len(files), "wall": wall, "cpu": cpu}


# ------------------------------------------------------------------ process-tree memory


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(stat[1]), []).append(int(entry.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KB of one process, from smaps_rollup."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def measure(args: list[str], cwd: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    most = 1
    while proc.poll() is None:
        tree = _tree(proc.pid)
        mem = [_memory(p) for p in tree]
        peak_rss = max(peak_rss, sum(m[0] for m in mem))
        peak_pss = max(peak_pss, sum(m[1] for m in mem))
        most = max(most, len(tree))
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"gxaudit score failed ({proc.returncode}):\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_rss_mb": peak_rss / 1024, "peak_pss_mb": peak_pss / 1024,
            "processes": most, "exit": proc.returncode}


def score(corpus: Path, jobs: int, work: Path, label: str, extra: tuple[str, ...] = ()) -> dict:
    out = work / "out"
    args = [*GX, "score", str(corpus), "--jobs", str(jobs), "--format", "json", "--out", str(out),
            "--history", str(work / "history.sqlite"), *extra]
    row = {"label": label, "jobs": jobs, **measure(args, work)}
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    row["files"] = len(result["run"]["inputs"])
    row["scored_submissions"] = sum(len(c["submission_ids"]) for c in result["scorecards"] if c["status"] == "scored")
    row["period"] = result["run"]["period"]
    return row


def subset(corpus: Path, n: int, into: Path) -> Path:
    """The first n files of a corpus (hard links) with their manifest rows and the roster."""
    into.mkdir(parents=True)
    files = corpus_files(corpus)[:n]
    for p in files:
        os.link(p, into / p.name)
    names = {p.name for p in files}
    lines = (corpus / "manifest.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if ln.split(",", 1)[0] in names]
    (into / "manifest.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    shutil.copy(corpus / "agencies.csv", into / "agencies.csv")
    return into


def bench_corpus(corpus: Path, jobs_list: list[int], tmp: Path) -> list[dict]:
    rows = [floor(corpus_files(corpus))]
    base = rows[0]["cpu"] / rows[0]["files"]

    def done(r: dict) -> dict:
        r["corpus"] = corpus.name
        r["files_per_s_wall"] = r["files"] / r["wall"]
        r["files_per_s_cpu"] = r["files"] / r["cpu"]
        r["ratio_to_floor"] = (r["cpu"] / r["files"]) / base
        print(table([r]).splitlines()[-1], flush=True)  # each row as soon as it is measured
        return r

    done(rows[0])
    for jobs in jobs_list:
        work = tmp / f"{corpus.name}-j{jobs}"
        work.mkdir()
        rows.append(done(score(corpus, jobs, work, "score, cold cache")))
        rows.append(done(score(corpus, jobs, work, "score, warm cache")))
    return rows


def growth(corpus: Path, sizes: list[int], tmp: Path) -> list[dict]:
    rows = []
    cache = tmp / "growth-cache"
    for n in sizes:
        sub = subset(corpus, n, tmp / f"growth-{n}" / "c")
        work = sub.parent
        # one shared cache: every size but the first finds most of its files there
        row = score(sub, 2, work, f"first {n}", ("--config", str(_cache_config(work, cache))))
        rows.append({**row, "corpus": corpus.name, "n": n})
    return rows


def _cache_config(work: Path, cache: Path) -> Path:
    cfg = work / "gxaudit.toml"
    cfg.write_text(f'[cache]\ndir = "{cache}"\n', encoding="utf-8")
    return cfg


def table(rows: list[dict]) -> str:
    head = ("| corpus | run | jobs | files | wall s | CPU s | files/s (wall) | files/s (CPU) | × floor (CPU) "
            "| peak PSS MB | peak RSS MB |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    lines = [head]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['label']} | {r.get('jobs', '')} | {r['files']} | {r['wall']:.1f} | "
                     f"{r['cpu']:.1f} | {r['files_per_s_wall']:.0f} | {r['files_per_s_cpu']:.0f} | "
                     f"{r['ratio_to_floor']:.0f} | {r.get('peak_pss_mb', 0):.0f} | {r.get('peak_rss_mb', 0):.0f} |")
    return "\n".join(lines)


def floor_child() -> None:
    paths = json.load(sys.stdin)
    t, c = time.perf_counter(), time.process_time()
    _floor_loop(paths)
    print(json.dumps([time.perf_counter() - t, time.process_time() - c]))


def main() -> None:
    if sys.argv[1:] == ["--floor-child"]:
        return floor_child()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--only", default="txt10k,mixed1k", help="corpus folder names under --corpora")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--quick", action="store_true", help="first 1,000 files of each corpus")
    ap.add_argument("--growth", action="store_true", help="peak memory for the first 1k/2.5k/5k/10k of txt10k")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="gxbench-") as d:
        tmp = Path(d)
        for name in filter(None, args.only.split(",")):  # --only '' --growth: the growth rows alone
            corpus = args.corpora / name
            if not (corpus / "truth.json").is_file():
                raise SystemExit(f"{corpus} missing: run sh bench/make_corpus.sh first")
            if args.quick:
                corpus = subset(corpus, 1000, tmp / f"{name}-quick" / name)
            print(table([]), flush=True)
            rows += bench_corpus(corpus, jobs, tmp)
        if args.growth:
            grown = growth(args.corpora / "txt10k", [1000, 2500, 5000, 10000], tmp)
            for r in grown:
                print(f"N={r['n']:6d}  wall {r['wall']:6.1f} s  peak PSS {r['peak_pss_mb']:6.0f} MB"
                      f"  RSS {r['peak_rss_mb']:6.0f} MB  ({r['scored_submissions']} scored, period {r['period']})")
            rows += grown
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
