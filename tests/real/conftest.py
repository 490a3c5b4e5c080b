"""Real Pingtan reports (fixtures/real/pingtan, copied from ../shared/corpus/pingtan): read once per session."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_goldens_module():
    spec = importlib.util.spec_from_file_location("update_goldens", REPO / "scripts" / "update_goldens.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def goldens():
    return load_goldens_module()


@pytest.fixture(scope="session")
def readings(goldens):
    """folder name → (submissions per file display name, merged submissions)."""
    return {f.name: goldens.read_folder(f) for f in sorted(goldens.ANNUAL.iterdir()) if f.is_dir()}


@pytest.fixture(scope="session")
def scored(goldens, tmp_path_factory):
    """year → pipeline Outcome of scoring the whole series for that period (one extraction cache)."""
    cache = tmp_path_factory.mktemp("cache")
    return {y: goldens.score_year(y, cache) for y in goldens.years()}
