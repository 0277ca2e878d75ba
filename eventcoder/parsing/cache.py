"""The on-disk parse cache and the parsing counters (:func:`cache_info`).

Each text's CoNLL-U is stored under ``<cache_dir>/<identity>/<key[:2]>/<key>.conllu``
with ``key = sha256(text)``; the identity names the models and the
sentence-repair rules. Writes are atomic; a read-only cache only logs a warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

#: one logger for the whole package, named as before the split ("eventcoder.parsing")
logger = logging.getLogger("eventcoder.parsing")

#: counters for tests and diagnostics: texts served from the cache, texts parsed,
#: and calls into the stanza pipeline (one per batch and stage)
_STATS = {"cache_hits": 0, "parsed": 0, "pipeline_calls": 0}


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventcoder")) / "parses"


def _cache_path(cache_dir: Path, identity: str, text: str) -> Path:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return cache_dir / identity / key[:2] / f"{key}.conllu"


def _cache_write(path: Path, conllu: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(conllu)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache must not stop parsing
        logger.warning("could not write parse cache %s: %s", path, exc)


def cache_info() -> dict[str, int]:
    """Counters since the process started: cache hits, texts parsed, pipeline calls.

    Examples
    --------
    >>> sorted(cache_info())
    ['cache_hits', 'parsed', 'pipeline_calls']
    """
    return dict(_STATS)

