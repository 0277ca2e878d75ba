"""The on-disk parse cache and the parsing counters (:func:`cache_info`).

Each text's CoNLL-U is stored under ``<cache_dir>/<identity>/<key[:2]>/<key>.conllu``
with ``key = sha256(text)``; the identity names the models and the
sentence-repair rules. Writes are atomic; a read-only cache only logs a warning.

An entry is not trusted blindly (a cache may be shared, and files get damaged): its
first line ``# eventcoder_cache = <checksum>`` is a hash of the model identity, the
text and the CoNLL-U, and every sentence's ``# text`` must be the slice of the text
its character offsets name. An entry that fails either check is logged (naming the
file) and the text is parsed again, and the entry rewritten.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

from .conversion import _clean_field

#: one logger for the whole package, named as before the split ("eventcoder.parsing")
logger = logging.getLogger("eventcoder.parsing")

#: counters for tests and diagnostics: texts served from the cache, texts parsed,
#: and calls into the stanza pipeline (one per batch and stage)
_STATS = {"cache_hits": 0, "parsed": 0, "pipeline_calls": 0, "names_tagged": 0,
          "verbs_rescued": 0, "subjects_joined": 0,
          "coordinations_repaired": 0, "particles_attached": 0}


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventcoder")) / "parses"


def _cache_path(cache_dir: Path, identity: str, text: str) -> Path:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return cache_dir / identity / key[:2] / f"{key}.conllu"


_HEADER = "# eventcoder_cache = "
_OFFSETS = re.compile(r"(?:^|\|)start_char=(\d+)\|end_char=(\d+)")


def _checksum(conllu: str, text: str, identity: str) -> str:
    h = hashlib.sha256()
    for part in (identity, text, conllu):
        data = part.encode("utf-8", "surrogatepass")
        h.update(f"{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:40]


def cache_entry(conllu: str, text: str, identity: str) -> str:
    """The cache file's content: the checksum line, then the CoNLL-U of ``text``."""
    return f"{_HEADER}{_checksum(conllu, text, identity)}\n{conllu}"


def _aligned(conllu: str, text: str) -> str | None:
    """None when every sentence's ``# text`` is the slice of ``text`` its tokens' offsets
    name; else what does not fit."""
    said: str | None = None
    first = last = None
    for line in (*conllu.split("\n"), ""):
        if line.startswith("# text ="):
            said = line[len("# text ="):].removeprefix(" ")
        elif line.strip() and not line.startswith("#"):
            m = _OFFSETS.search(line.rsplit("\t", 1)[-1])
            if m:
                first = int(m.group(1)) if first is None else first
                last = int(m.group(2))
        elif not line.strip() and said is not None:
            if first is None or last is None or not 0 <= first <= last <= len(text):
                return f"sentence {said[:40]!r} has no offsets into the text"
            if said != _clean_field(text[first:last], ""):
                return f"sentence {said[:40]!r} is not the text at {first}-{last}"
            said, first, last = None, None, None
    return None


def _cache_read(path: Path, text: str, identity: str) -> str | None:
    """The cached CoNLL-U of ``text``, or None when there is none or it fails the checks."""
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, conllu = data.partition("\n")
    if not head.startswith(_HEADER):
        logger.debug("parse cache entry %s has no checksum (an older format); parsing again", path)
        return None
    problem = None
    if head[len(_HEADER):].strip() != _checksum(conllu, text, identity):
        problem = "its checksum does not match (it was changed, damaged, or made for other models)"
    else:
        problem = _aligned(conllu, text)
    if problem is not None:
        logger.warning("parse cache entry %s does not match the text it is stored for: %s; "
                       "parsing again", path, problem)
        return None
    return conllu


def _cache_write(path: Path, conllu: str, text: str, identity: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(cache_entry(conllu, text, identity))
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache must not stop parsing
        logger.warning("could not write parse cache %s: %s", path, exc)


def cache_info() -> dict[str, int]:
    """Counters since the process started: cache hits, texts parsed, pipeline calls,
    words retagged before parsing (:mod:`~eventcoder.parsing.name_tags`,
    :mod:`~eventcoder.parsing.verb_rescue`), and coordinations and subjects repaired
    after it (:mod:`~eventcoder.parsing.coordination`, :mod:`~eventcoder.parsing.subjects`,
    :mod:`~eventcoder.parsing.particles`).

    Examples
    --------
    >>> sorted(cache_info())
    ['cache_hits', 'coordinations_repaired', 'names_tagged', 'parsed', 'particles_attached', \
'pipeline_calls', 'subjects_joined', 'verbs_rescued']
    """
    return dict(_STATS)

