"""Execute the notebooks top to bottom on fresh kernels and (optionally) sync their pairs.

The notebooks live in ``notebooks/`` as jupytext pairs: ``NN_name.py`` (percent
format, the file to edit and review) and ``NN_name.ipynb`` (outputs stripped, the
file to open in JupyterLab). This script

- ``--sync``: rewrites each ``.ipynb`` from its ``.py`` (outputs stripped);
- executes each notebook with nbclient in a fresh ``python3`` kernel, with the
  working directory ``notebooks/``; figures go to ``figures/`` (or
  ``$EVENTCODER_FIGURES``);
- ``--save DIR``: writes the executed notebooks (with outputs) to DIR.

Usage::

    python scripts/run_notebooks.py                 # run all, figures -> figures/
    python scripts/run_notebooks.py --sync          # only re-pair .py -> .ipynb
    python scripts/run_notebooks.py 02 --save build/notebooks
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
logger = logging.getLogger("run_notebooks")


def notebook_sources(selection: list[str] | None = None) -> list[Path]:
    """The notebooks' ``.py`` sources, optionally only those whose name starts with a selection."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
    if selection:
        paths = [p for p in paths if any(p.name.startswith(s) for s in selection)]
    return paths


def to_notebook(source: Path):
    """Read a jupytext ``.py`` file as a notebook (outputs empty)."""
    import jupytext

    return jupytext.read(source)


def sync(source: Path) -> Path:
    """Write ``source``'s ``.ipynb`` pair with stripped outputs; return its path."""
    import hashlib

    import jupytext

    target = source.with_suffix(".ipynb")
    notebook = to_notebook(source)
    for i, cell in enumerate(notebook.cells):
        # stable cell ids (nbformat draws random ones), so an unchanged cell keeps its id
        digest = hashlib.sha1(f"{i}\n{cell.cell_type}\n{cell.source}".encode()).hexdigest()
        cell["id"] = digest[:8]
    jupytext.write(notebook, target, fmt="ipynb")
    return target


def execute(source: Path, *, timeout: int = 1200, env: dict[str, str] | None = None,
            save: Path | None = None) -> float:
    """Run one notebook top to bottom in a fresh kernel; return the seconds it took.

    Raises ``nbclient.exceptions.CellExecutionError`` naming the failing cell.
    """
    from nbclient import NotebookClient

    nb = to_notebook(source)
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(source.parent)}}).execute()
        seconds = time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(old)
    if save is not None:
        import nbformat

        save.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, save / source.with_suffix(".ipynb").name)
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("select", nargs="*", help="notebook name prefixes (01, 02 ...); default all")
    ap.add_argument("--sync", action="store_true", help="only write the .ipynb pairs")
    ap.add_argument("--save", type=Path, help="write executed notebooks here")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for source in notebook_sources(args.select):
        if args.sync:
            logger.info("synced %s", sync(source).relative_to(ROOT))
            continue
        seconds = execute(source, timeout=args.timeout, save=args.save)
        logger.info("ran %s in %.0f s", source.relative_to(ROOT), seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
