"""The notebooks are product: paired, free of absolute paths, and they run top to bottom.

Each notebook is executed on a fresh kernel with nbclient (``scripts/run_notebooks.py``),
writing its figures to a temporary folder; the test then checks the figures exist.
Notebook 02 codes a sample of the shared corpora (``EVENTCODER_NOTEBOOK_LIMIT``
articles per corpus) so that CI stays within minutes; without ``../shared`` it runs on
the example corpus in ``eventcoder/examples/``.
"""

from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_notebooks)

SOURCES = run_notebooks.notebook_sources()

#: figures each notebook must write (stem -> formats)
FIGURES = {
    "01_code_an_article": ["01_seed_article_events.png", "01_seed_article_events.pdf"],
    "02_escalation_over_time": [
        "02_escalation_rus_ukr.png", "02_quadclass_rus_ukr.png", "02_dyad_heatmap.png",
        "02_key_events_rus_ukr.png", "02_article_vs_event_date.png", "02_events.parquet",
    ],
    "03_validate_your_coding": [],
    "04_extend_the_dictionaries": ["04_dictionaries"],  # the draft and kept user dictionaries
}


def test_every_notebook_is_listed_here():
    assert {p.stem for p in SOURCES} == set(FIGURES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_pair_in_sync(source):
    """The committed .ipynb has the same cells as its .py source, and no outputs."""
    import nbformat

    paired = source.with_suffix(".ipynb")
    assert paired.is_file(), f"{paired.name} missing: run python scripts/run_notebooks.py --sync"
    nb = nbformat.read(paired, as_version=4)
    expected = run_notebooks.to_notebook(source)
    assert [c.source for c in nb.cells] == [c.source for c in expected.cells], (
        f"{paired.name} differs from {source.name}: run python scripts/run_notebooks.py --sync")
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_absolute_paths(source):
    text = source.read_text(encoding="utf-8")
    assert not re.search(r"""["'](/(work|home|tmp|Users)/|[A-Z]:\\)""", text)


@pytest.mark.notebooks
@pytest.mark.stanza
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_runs_and_writes_figures(source, tmp_path):
    env = {"EVENTCODER_FIGURES": str(tmp_path), "EVENTCODER_NOTEBOOK_LIMIT": "6"}
    run_notebooks.execute(source, env=env, timeout=900)
    written = {p.name for p in tmp_path.iterdir()}
    expected = list(FIGURES[source.stem])
    if source.stem.startswith("02_") and (SHARED / "corpora" / "events").is_dir():
        expected.append("02_usa_prk_vs_icews.png")  # the ICEWS comparison needs ../shared
    missing = [name for name in expected if name not in written]
    assert not missing, f"{source.name} did not write {missing}"

