"""The notebooks are product: paired, free of absolute paths, and they run top to bottom.

The tests open every ``.ipynb`` the way JupyterLab's jupytext contents manager does (its
pairing metadata must name the ``.ipynb`` itself, or JupyterLab answers HTTP 500) and
execute the ``.ipynb`` files users open, with nbclient on a fresh kernel, writing figures
to a temporary folder. Notebooks 02 and 03 code a sample (``EVENTCODER_NOTEBOOK_LIMIT``
texts per corpus or language) so that CI stays within minutes; a sample run must write
to ``sample/``, never where the README's figure lives. Without ``../shared`` notebook 02
runs on the example corpus in ``eventcoder/examples/``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_notebooks)

SOURCES = run_notebooks.notebook_sources()

#: files each notebook must write on a sample run (stem -> paths under the figures folder)
FIGURES = {
    "01_code_an_article": ["01_seed_article_events.png", "01_seed_article_events.pdf"],
    "02_escalation_over_time": [
        "sample/02_escalation_rus_ukr.png", "sample/02_quadclass_rus_ukr.png",
        "sample/02_dyad_heatmap.png", "sample/02_key_events_rus_ukr.png",
        "sample/02_article_vs_event_date.png", "sample/02_events.parquet",
    ],
    "03_validate_your_coding": [
        "sample/03_accuracy_test_split.png", "sample/03_audit_sheet.csv",
        "sample/03_audit_sheet_checked.csv",
    ],
    "04_extend_the_dictionaries": ["04_dictionaries/mine/verbs.yaml", "04_dictionaries/mine/actors.tsv"],
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
def test_ipynb_opens_through_jupytext_pairing(source):
    """What JupyterLab's jupytext contents manager does when a user opens the .ipynb."""
    import jupytext
    from jupytext.formats import long_form_multiple_formats
    from jupytext.paired_paths import paired_paths

    paired = source.with_suffix(".ipynb")
    nb = jupytext.read(paired)
    formats = nb.metadata.get("jupytext", {}).get("formats")
    assert formats, f"{paired.name} has no jupytext pairing metadata"
    # raises InconsistentPath (HTTP 500 in JupyterLab) when the formats miss the .ipynb itself
    paths = [path for path, _ in paired_paths(str(paired), "ipynb",
                                              long_form_multiple_formats(formats))]
    assert sorted(Path(p).name for p in paths) == sorted([paired.name, source.name])
    assert jupytext.read(source).metadata["jupytext"]["formats"] == formats


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_absolute_paths(source):
    text = source.read_text(encoding="utf-8")
    assert not re.search(r"""["'](/(work|home|tmp|Users)/|[A-Z]:\\)""", text)


@pytest.mark.notebooks
@pytest.mark.stanza
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_runs_and_writes_figures(source, tmp_path):
    """Execute the committed .ipynb (not the .py): a sample run writes to sample/ only."""
    env = {"EVENTCODER_FIGURES": str(tmp_path), "EVENTCODER_NOTEBOOK_LIMIT": "6"}
    run_notebooks.execute(source.with_suffix(".ipynb"), env=env, timeout=900)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    expected = list(FIGURES[source.stem])
    if source.stem.startswith("02_") and (SHARED / "corpora" / "events").is_dir():
        expected.append("sample/02_usa_prk_vs_icews.png")  # the ICEWS comparison needs ../shared
    missing = [name for name in expected if name not in written]
    assert not missing, f"{source.name} did not write {missing}"
    if not source.stem.startswith("01_"):
        top = [name for name in written if "/" not in name]
        assert not top, f"a sample run of {source.name} wrote outside sample/: {top}"

