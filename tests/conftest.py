"""Shared test fixtures: where ../shared is, and a scratch directory per test."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; CI lays it there. A missing one is an error, not a skip."""
    assert SHARED.is_dir(), f"../shared not found at {SHARED}: CI lays it beside the checkout"
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def pingtan_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "pingtan"
