"""Shared fixtures: where ../shared is, and a quiet matplotlib backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).parent / "fixtures"

os.environ.setdefault("MPLBACKEND", "Agg")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent ({path} not found); set EVENTCODER_SHARED")
    return path


@pytest.fixture
def shared():
    return shared_path
