"""List the parsing models available offline, and download stanza's official ones.

The library side of ``eventcoder models list`` and ``eventcoder models download``;
downloading is the only network access in :mod:`eventcoder.parsing`, and only when asked.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UnknownLanguageError
from ..models import COMPACT_LANGUAGES, compact_model_dir
from .pipeline import _import_stanza
from .resolution import (
    ModelsNotFoundError,
    _check_language,
    _compact_paths,
    _official_installed,
    _stanza_resources_dir,
    resolve_models,
)

#: one logger for the whole package, named as before the split ("eventcoder.parsing")
logger = logging.getLogger("eventcoder.parsing")


def list_models() -> Any:
    """List the parsing models available offline, and which one each language uses.

    Returns
    -------
    pandas.DataFrame
        Columns ``language``, ``source``, ``path``, ``size_mb``, ``chosen``.

    Examples
    --------
    >>> df = list_models()  # doctest: +SKIP
    >>> df[df.chosen].source.tolist()  # doctest: +SKIP
    ['compact', 'compact']
    """
    import pandas as pd

    rows = []
    resources = _stanza_resources_dir()
    langs = set(COMPACT_LANGUAGES)
    if resources.is_dir():
        langs |= {
            p.name
            for p in resources.iterdir()
            if p.is_dir() and _official_installed(resources, p.name)
        }
    for lang in sorted(langs):
        try:
            chosen = resolve_models(lang).source
        except (ModelsNotFoundError, UnknownLanguageError):
            chosen = None
        if _official_installed(resources, lang):
            files = list((resources / lang).glob("*/*.pt"))
            rows.append({"language": lang, "source": "official", "path": str(resources / lang),
                         "size_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
                         "chosen": chosen == "official"})
        paths = _compact_paths(compact_model_dir(lang))
        if paths:
            rows.append({"language": lang, "source": "compact",
                         "path": str(compact_model_dir(lang)),
                         "size_mb": round(sum(p.stat().st_size for p in paths.values()) / 1e6, 1),
                         "chosen": chosen == "compact"})
    return pd.DataFrame(rows, columns=["language", "source", "path", "size_mb", "chosen"])


def download_models(
    languages: Iterable[str],
    *,
    model_dir: str | os.PathLike | None = None,
    processors: str = "tokenize,mwt,pos,lemma,depparse",
) -> list[Path]:
    """Download stanza's official models (needs the network; only when asked).

    Parameters
    ----------
    languages : iterable of str
        Language codes, e.g. ``["de", "en"]``.
    model_dir : str or path, optional
        Target folder; default stanza's resource folder, where
        :func:`resolve_models` finds them as ``"official"``.
    processors : str
        Processors to fetch.

    Returns
    -------
    list of Path
        The language folders written.

    Examples
    --------
    >>> download_models(["de"])  # doctest: +SKIP
    """
    stanza = _import_stanza()
    target = Path(model_dir) if model_dir is not None else _stanza_resources_dir()
    out = []
    for lang in languages:
        lang = _check_language(lang)
        logger.info("downloading stanza models for %s into %s", lang, target)
        stanza.download(lang, model_dir=str(target), processors=processors, logging_level="INFO")
        out.append(target / lang)
    return out
