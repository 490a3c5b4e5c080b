"""Regenerate the pinned readings and scorecards of the real Pingtan reports.

    .venv/bin/python scripts/update_goldens.py          # rewrite fixtures/real/pingtan/golden/
    .venv/bin/python scripts/update_goldens.py --check  # exit 1 and list what would change

Why goldens: these are real documents. Any change to how gxaudit reads or scores them must show
as a diff in `git diff fixtures/real/pingtan/golden` that someone looks at and accepts; the
tests in tests/real compare against these files.

What is pinned:
- `inspect/<folder>__<file>.json` — `gxaudit inspect --format json` of every file alone;
- `merged/<folder>.json` — the one Submission a folder's renderings make (what is scored),
  with where each table cell was read (`cell_sources`);
- `score/<year>.json` — `gxaudit score annual --period <year>` (no history; last year's report
  comes from the same run), the scorecards and the run's notes, pack stamps without hashes.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "fixtures" / "real" / "pingtan"
ANNUAL = ROOT / "annual"
GOLDEN = ROOT / "golden"
CONFIG = ROOT / "gxaudit.toml"
RENDERINGS = ("page.txt", "body.html", "page.html")


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def files_of(folder: Path) -> list[Path]:
    return [folder / n for n in RENDERINGS if (folder / n).is_file()]


def read_folder(folder: Path):
    """(per-file submissions by display name, the merged submissions) of one document folder."""
    from gxaudit.extract import extract
    from gxaudit.extract.renderings import merge_submissions
    from gxaudit.ingest import read_document

    per_file = {}
    for f in files_of(folder):
        display = f"{folder.name}/{f.name}"
        per_file[display] = extract(read_document(f, display=display))
    merged, _ = merge_submissions([s for subs in per_file.values() for s in subs])
    return per_file, merged


def cell_sources(sub) -> dict[str, dict[str, int]]:
    """table → {"html": n, "text": n}: which rendering each cell was read from."""
    out: dict[str, dict[str, int]] = {}
    for key, t in sorted(sub.tables.items()):
        counts = {"html": 0, "text": 0}
        for cols in t.cells.values():
            for cell in cols.values():
                f = cell.loc.file if cell.loc else ""
                counts["html" if f.endswith((".html", ".htm")) else "text"] += 1
        out[key] = counts
    return out


def inspect_goldens() -> dict[str, str]:
    from gxaudit.extract.view import submission_view

    out: dict[str, str] = {}
    for folder in sorted(p for p in ANNUAL.iterdir() if p.is_dir()):
        per_file, merged = read_folder(folder)
        for display, subs in per_file.items():
            out[f"inspect/{display.replace('/', '__')}.json"] = _dump([submission_view(s) for s in subs])
        views = []
        for s in merged:
            v = submission_view(s)
            v["renderings"] = list(s.renderings)
            v["cell_sources"] = cell_sources(s)
            views.append(v)
        out[f"merged/{folder.name}.json"] = _dump(views)
    return out


def years() -> list[str]:
    return sorted({p.name[:4] for p in ANNUAL.iterdir() if p.is_dir() and p.name[:4].isdigit()})


def score_year(year: str, cache_dir: Path | None = None):
    """The pipeline Outcome of scoring the whole series for one period, as `gxaudit score` does."""
    from gxaudit import pipeline
    from gxaudit.rules.config import load_config

    rc = load_config(CONFIG)
    opts = pipeline.Options(dirs=[ANNUAL], period=year, config=dict(rc.other), rules_config=rc,
                            history=None, cache_dir=cache_dir, keep_submissions=True)
    return pipeline.run(opts)


def score_view(outcome) -> dict:
    result = outcome.result
    cards = []
    for c in result.scorecards:
        d = c.model_dump(mode="json")
        d["packs"] = [{"id": p.id, "version": p.version} for p in c.packs]
        cards.append(d)
    return {"period": result.run.period, "scorecards": cards, "ranking": [r.model_dump(mode="json") for r in result.ranking],
            "warnings": result.summary.get("warnings", []),
            "decided_by_last_year": {s.id: [w for w in s.warnings if "依据上年报告" in w]
                                     for s in outcome.submissions if any("依据上年报告" in w for w in s.warnings)}}


def score_goldens(cache_dir: Path | None = None) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        cache = cache_dir or Path(tmp)
        return {f"score/{y}.json": _dump(score_view(score_year(y, cache))) for y in years()}


def all_goldens(cache_dir: Path | None = None) -> dict[str, str]:
    return {**inspect_goldens(), **score_goldens(cache_dir)}


def diff(expected: dict[str, str]) -> list[str]:
    """Golden files that differ from `expected` (missing, changed or no longer produced)."""
    have = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.json")} if GOLDEN.is_dir() else set()
    changed = [n for n, text in expected.items()
               if not (GOLDEN / n).is_file() or (GOLDEN / n).read_text(encoding="utf-8") != text]
    return sorted(changed + sorted(have - set(expected)))


def main(argv: list[str]) -> int:
    expected = all_goldens()
    changed = diff(expected)
    if "--check" in argv:
        for n in changed:
            print(f"变化：{n}")
        return 1 if changed else 0
    for n in diff(expected):
        path = GOLDEN / n
        if n in expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expected[n], encoding="utf-8")
        else:
            path.unlink()
    print(f"已更新 {len(changed)} 个金标准文件（{GOLDEN.relative_to(REPO)}）；请用 git diff 逐一核对后提交")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
