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


#: a one-sentence German CoNLL-U document "<src> verurteilte <tgt>." (format with id, day,
#: src, tgt), for the streaming and reliability tests
CONLLU_DOC = """# newdoc id = {id}
# date = 2023-08-{day:02d}
# sent_id = 1
# text = {src} verurteilte {tgt}.
1\t{src}\t{src}\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tverurteilte\tverurteilen\tVERB\t_\t_\t0\troot\t_\t_
3\t{tgt}\t{tgt}\tPROPN\t_\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""
COUNTRIES = ["Russland", "Japan", "China", "Frankreich", "Polen", "Indien", "Brasilien"]
