"""The pipeline's one-way flow (../shared/DESIGN.md): a stage imports only earlier stages.

Checked on the source with `ast`, so a later change that reaches back (extract importing
rules, a renderer importing scoring to recompute something) fails here with the file name.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "gxaudit"

# stage -> rank; a module may import modules of equal or lower rank only.
RANK = {
    "model": 0,
    "crashpoints": 0,  # a test hook any stage may call; imports nothing of ours
    "ingest": 1,
    "extract": 2,
    "rules": 3,
    "scoring": 4,
    "ranking": 5,
    "history": 6,
    "report": 7,
    "synth": 8,  # a tool beside the pipeline: renders and checks its own corpus
    # job wiring around the stages (monthly: the pipeline's hooks that summarise monthly runs)
    "discover": 8, "agencies": 8, "scorecards": 8, "evaluation": 8, "parsecache": 8, "filejobs": 8, "spool": 8, "evaljobs": 8, "executors": 8,
    "monthly": 8, "pipeline": 9,
    "cli": 10,
}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "gxaudit" else ""


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return [(n, m) for n, m in out if m.startswith("gxaudit.")]


def test_every_stage_is_ranked():
    stages = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
              if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert stages <= set(RANK), f"new stage without a place in the flow: {sorted(stages - set(RANK))}"


def test_no_stage_reaches_back():
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        here = stage_of(module_name(path))
        for line, mod in imports(path):
            there = stage_of(mod)
            if there and here and RANK[there] > RANK[here]:
                bad.append(f"{path.relative_to(SRC)}:{line} ({here}) imports {mod} ({there})")
    assert not bad, "stages must not import later stages:\n" + "\n".join(bad)
