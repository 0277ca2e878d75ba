"""A compiled form of the big generated dictionary files, for fast loading.

The generated tables (``en/actors_phoenix.tsv``, ``common/people_phoenix.tsv``,
``en/agents_phoenix.tsv``: some 40,000 rows) are read and validated by the ordinary
readers once; what they hold is then written as JSON (data only, never code) under
the user cache folder, named by the SHA-256 of the files' bytes and of this
format, and read from there while the files stay the same. A missing, stale or
unreadable cache is rebuilt from the text files; a cache folder that cannot be
written only costs the speed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from .model import ActorEntry, LanguageResources
from .readers import load_actor_table, load_agent_table

__all__ = ["load_tables"]

logger = logging.getLogger(__name__)

#: bump when the JSON layout (or what the readers make of a row) changes
FORMAT = 1


def _cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventcoder")) / "dictionaries"


def _digest(paths: dict[str, Path], language: str) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{language}\0".encode())
    for kind in sorted(paths):
        h.update(f"{kind}\0{paths[kind].name}\0".encode())
        h.update(paths[kind].read_bytes())
    return h.hexdigest()


def _compile(paths: dict[str, Path], res: LanguageResources) -> dict[str, Any]:
    """Read the text files with the validating readers; return the JSON-able content."""
    out: dict[str, Any] = {}
    for kind in ("actors", "people"):
        if kind in paths:
            extra = LanguageResources(rules=res.rules)
            load_actor_table(paths[kind], extra)
            out[kind] = [[" ".join(key), e.code, e.kind, e.start.isoformat() if e.start else "",
                          e.end.isoformat() if e.end else "", e.source]
                         for key, entries in extra.actors.items() for e in entries]
    if "agents" in paths:
        extra = LanguageResources(rules=res.rules)
        load_agent_table(paths["agents"], extra)
        out["agents"] = dict(extra.agents)
    return out


def _read_cache(path: Path, digest: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("digest") == digest else None


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:
        logger.debug("dictionary cache not written (%s): %s", path, exc)


def _fill_actors(res: LanguageResources, rows: list[list[str]]) -> int:
    """Add rows whose phrase ``res`` does not know yet (known phrases keep their entries)."""
    known = set(res.actors)
    actors, first = res.actors, res.actor_first
    date = dt.date.fromisoformat
    longest = res.max_actor_len
    count = 0
    for phrase, code, kind, start, end, source in rows:
        key = tuple(phrase.split())
        if key in known:
            continue
        entries = actors.setdefault(key, [])
        entry = ActorEntry(code, kind, date(start) if start else None,
                           date(end) if end else None, source)
        if entry not in entries:
            entries.append(entry)
        n = len(key)
        if n > longest:
            longest = n
        if first.get(key[0], 0) < n:
            first[key[0]] = n
        count += 1
    res.max_actor_len = longest
    return count


def load_tables(paths: dict[str, Path], res: LanguageResources, language: str,
                *, cache_dir: Path | None = None) -> dict[str, int]:
    """Add the generated actor, people and agent tables in ``paths`` to ``res``.

    Phrases (and role nouns) that ``res`` has already keep what it has ("ours
    win"). Returns the number of rows added per kind.
    """
    paths = {k: p for k, p in paths.items() if k in ("actors", "people", "agents") and p.is_file()}
    if not paths:
        return {}
    digest = _digest(paths, language)
    cache = (cache_dir or _cache_dir()) / f"{language}-{digest[:24]}.json"
    data = _read_cache(cache, digest)
    if data is None:
        data = _compile(paths, res)
        data["digest"] = digest
        _write_cache(cache, data)
    counts = {}
    for kind in ("actors", "people"):
        if kind in data:
            counts[f"generated {kind}"] = _fill_actors(res, data[kind])
    if "agents" in data:
        known = set(res.agents)
        new = {p: r for p, r in data["agents"].items() if p not in known}
        for phrase, role in new.items():
            res.add_agent(phrase, role)
        counts["generated agents"] = len(new)
    return counts
