"""Example data shipped with eventcoder, and the shared corpora a checkout may sit beside.

:func:`load_example` reads the small examples inside the package (they work in any
installation); :func:`load_corpus` reads the larger corpora of the project's shared
folder (``../shared`` next to a checkout, or ``$EVENTCODER_SHARED``) and
:func:`spread` thins a corpus evenly over time.

Examples
--------
>>> from eventcoder.datasets import load_example
>>> article = load_example("seed_article_de")
>>> article.loc[0, ["id", "date", "language"]].tolist()
['seed-2023-08-30', '2023-08-30', 'de']
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["EXAMPLES", "example_path", "load_corpus", "load_example", "project_root", "shared_dir",
           "spread"]

#: the examples in the package: name -> what it is
EXAMPLES = {
    "seed_article_de": "the German news article the project was created from (2023-08-30)",
    "ukraine_2022_example_en": "short English news texts on Russia and Ukraine, 2022 (15 records)",
    "gold_sentences": "a gold standard of 10 German and 10 English sentences with hand-made "
                      "parses and CAMEO events (see docs/validation.md)",
}


def example_path(name: str) -> Path:
    """The file of an example (``<name>.jsonl`` inside the package).

    Raises
    ------
    KeyError
        Naming the examples there are.
    """
    if name not in EXAMPLES:
        raise KeyError(f"no example {name!r}; there are: {', '.join(EXAMPLES)}")
    return Path(str(resources.files("eventcoder") / "examples" / f"{name}.jsonl"))


def load_example(name: str) -> pd.DataFrame:
    """An example as a DataFrame, one row per record (``id`` and ``date`` as strings).

    Parameters
    ----------
    name : str
        One of :data:`EXAMPLES`.

    Returns
    -------
    pandas.DataFrame
        The records; for ``gold_sentences`` use :func:`eventcoder.validation.read_gold`
        on :func:`example_path` to get gold records.
    """
    rows = pd.read_json(example_path(name), lines=True, dtype={"date": str, "id": str},
                        convert_dates=False)
    return rows


def project_root(start: str | os.PathLike | None = None) -> Path | None:
    """The eventcoder checkout at or above ``start`` (default: the working directory), or ``None``."""
    here = Path(start or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents)
                 if (p / "pyproject.toml").is_file() and (p / "eventcoder").is_dir()), None)


def shared_dir() -> Path | None:
    """The shared data folder: ``$EVENTCODER_SHARED``, else ``../shared`` beside the checkout."""
    env = os.environ.get("EVENTCODER_SHARED")
    if env:
        return Path(env) if Path(env).is_dir() else None
    root = project_root()
    if root is not None and (root.parent / "shared").is_dir():
        return root.parent / "shared"
    return None


def spread(articles: pd.DataFrame, n: int | None) -> pd.DataFrame:
    """At most ``n`` articles, evenly spaced in date order (all of them if ``n`` is None).

    Examples
    --------
    >>> frame = pd.DataFrame({"id": list("abcde"), "date": ["2022-01-0%d" % i for i in range(1, 6)]})
    >>> spread(frame, 3)["id"].tolist()
    ['a', 'c', 'e']
    """
    articles = articles.sort_values(["date", "id"]).reset_index(drop=True)
    if n is None or len(articles) <= n:
        return articles
    picks = np.unique(np.linspace(0, len(articles) - 1, n).round().astype(int))
    return articles.iloc[picks].reset_index(drop=True)


def load_corpus(name: str, *, limit: int | None = None) -> pd.DataFrame:
    """A corpus of the shared folder (``corpora/<name>``, JSON Lines), optionally thinned.

    Parameters
    ----------
    name : str
        File name, e.g. ``"ukraine_official_addresses_en_2022.jsonl"``.
    limit : int, optional
        Keep at most this many articles, evenly spread in time (:func:`spread`).

    Raises
    ------
    FileNotFoundError
        When the shared folder or the corpus is not there (the message says where it looked).
    """
    shared = shared_dir()
    path = (shared / "corpora" / name) if shared is not None else None
    if path is None or not path.is_file():
        raise FileNotFoundError(f"corpus {name!r} not found (shared folder: {shared}); set "
                                "EVENTCODER_SHARED to the folder that holds corpora/")
    frame = pd.read_json(path, lines=True, dtype={"date": str, "id": str}, convert_dates=False)
    return spread(frame, limit)
