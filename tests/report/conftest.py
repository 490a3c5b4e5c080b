"""Renderer tests build RunResults by hand (sample.py); they never run the pipeline."""

from __future__ import annotations

import pytest

from .sample import sample_result


@pytest.fixture()
def result():
    return sample_result()


@pytest.fixture()
def previous():
    return sample_result(period="2025-10")
