from __future__ import annotations

import pytest

from . import fakes


@pytest.fixture
def fake_stages(monkeypatch):
    """Replace ingest/extract/rules/scoring with tests/pipeline/fakes.py (inherited by forked workers)."""
    fakes.install(monkeypatch)
    return fakes
