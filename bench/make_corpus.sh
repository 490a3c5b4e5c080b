#!/bin/sh
# Benchmark corpora for gxaudit (made-up 青山县-style counties, planted defects, truth.json):
#   /tmp/gxaudit-bench/txt10k   10,000 submissions: annual reports as .txt (every table layout) + CSV logs
#   /tmp/gxaudit-bench/mixed1k   1,000 submissions in txt, docx, html, pdf, xlsx (+ CSV/XLSX logs)
# Usage: sh bench/make_corpus.sh [SEED]   (same seed -> same corpus; JOBS=n processes, default 2)
set -eu
cd "$(dirname "$0")/.."
SEED="${1:-1}"
OUT=/tmp/gxaudit-bench
GX="${GXAUDIT:-.venv/bin/gxaudit}"
JOBS="${JOBS:-2}"
rm -rf "$OUT/txt10k" "$OUT/mixed1k"
mkdir -p "$OUT"
"$GX" synth --n 10000 --seed "$SEED" --formats txt --jobs "$JOBS" --out "$OUT/txt10k"
"$GX" synth --n 1000 --seed "$SEED" --formats txt,docx,html,pdf,xlsx --jobs "$JOBS" --out "$OUT/mixed1k"
echo "benchmark corpora in $OUT (truth.json in each)"
