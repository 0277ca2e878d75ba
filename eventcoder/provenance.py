"""What made a coded output: the record every output carries, for reproducible research.

:func:`provenance` describes a run: the eventcoder version, for each language coded
the parser models (their identity, which changes whenever a model file does, the
sentence-repair rules and stanza's version; None when only CoNLL-U was given) and a
content hash of the dictionaries (the shipped files, babel's CLDR country names and any
user dictionary folders), the options that change what is coded, and the record
counts. It holds no time, host or path, so the same run gives the same record.

:func:`eventcoder.stream.code_stream` writes it next to a CSV, TSV, JSON or JSON Lines
output (``<output>.meta.json``) and into a Parquet output's metadata (key
``eventcoder``); every frame the entry points return has it in ``frame.attrs["meta"]``.

Examples
--------
>>> import json, pyarrow.parquet as pq  # doctest: +SKIP
>>> json.loads(pq.read_schema("events.parquet").metadata[b"eventcoder"])["eventcoder"]  # doctest: +SKIP
'0.1.0'
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ._version import __version__
from .batch.records import RecordOptions, RunSummary

__all__ = ["META_SUFFIX", "dictionaries_hash", "parser_identity", "provenance", "write_sidecar"]

#: appended to an output's name for its metadata file (``events.csv.meta.json``)
META_SUFFIX = ".meta.json"


def _version(package: str) -> str | None:
    import importlib.metadata

    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - depends on the installation
        return None


@functools.lru_cache(maxsize=32)
def dictionaries_hash(language: str, dictionaries: tuple[str, ...] = ()) -> str:
    """A content hash of everything the coder reads for ``language``.

    The shipped resource files of the language, ``resources/common`` and
    ``resources/cameo``, the version of babel (whose CLDR data gives country names),
    and the files of the user dictionary folders, in order.

    Examples
    --------
    >>> len(dictionaries_hash("de")), dictionaries_hash("de") == dictionaries_hash("en")
    (16, False)
    """
    from .dictionaries import USER_FILES
    from .resources_path import resource_dir

    h = hashlib.sha256(f"babel {_version('babel')}\0".encode())
    for part in (language, "common", "cameo"):
        folder = resource_dir(part)
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.is_file():
                h.update(f"{part}/{item.name}\0".encode())
                h.update(item.read_bytes())
    for position, folder in enumerate(dictionaries):
        for name in USER_FILES:
            path = Path(folder).expanduser() / name
            if path.is_file():
                h.update(f"user {position}/{name}\0".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def parser_identity(language: str, model_dir: str | None = None) -> dict[str, Any]:
    """Which parser parses ``language``: the models' identity and source, the sentence rules,
    stanza's version (or ``error`` when no models can be found)."""
    return dict(_parser_identity(language, model_dir, os.environ.get("STANZA_RESOURCES_DIR")))


@functools.lru_cache(maxsize=32)
def _parser_identity(language: str, model_dir: str | None, resources: str | None) -> dict[str, Any]:
    from .parsing import resolve_models
    from .parsing.sentences import _rules_hash

    try:
        choice = resolve_models(language, model_dir)
    except Exception as exc:  # no models: say so, the record is still written
        return {"models": None, "error": str(exc)}
    return {"models": choice.identity, "source": choice.source, "sentence_rules": _rules_hash(),
            "stanza": _version("stanza")}


def provenance(options: RecordOptions, run: RunSummary, *, schema: str = "cameo") -> dict[str, Any]:
    """The record of how a run's output was made (see the module's description)."""
    languages = {}
    for lang, kinds in sorted(run.languages.items()):
        parsed = int(kinds.get("parsed", 0))
        languages[lang] = {
            "records": {"conllu": int(kinds.get("conllu", 0)), "parsed": parsed},
            "parser": (parser_identity(lang, None if options.model_dir is None
                                       else os.fspath(options.model_dir)) if parsed else None),
            "dictionaries": dictionaries_hash(lang, tuple(options.dictionaries)),
        }
    date = options.date.isoformat() if hasattr(options.date, "isoformat") else options.date
    return {
        "eventcoder": __version__,
        "languages": languages,
        "options": {
            "schema": schema, "language": options.language, "date": date,
            "speaker": options.speaker, "text_field": options.text_field,
            "date_field": options.date_field, "id_field": options.id_field,
            "speaker_field": options.speaker_field,
            "model_dir": None if options.model_dir is None else os.fspath(options.model_dir),
            "dictionaries": [os.fspath(d) for d in options.dictionaries],
            "max_text_chars": options.max_text_chars,
            "max_sentence_words": options.max_sentence_words,
            "long_sentences": options.long_sentences,
            "sentence_splitter": options.sentence_splitter,
        },
        "records": {"input": run.input, "coded": run.coded, "no_event": run.no_event,
                    "quarantined": run.quarantined, "events": run.events,
                    "split_sentences": run.split_sentences,
                    "quarantine_reasons": dict(run.quarantine_reasons)},
    }


def write_sidecar(output: Path, meta: dict[str, Any]) -> Path:
    """Write ``meta`` as ``<output>.meta.json`` (atomically); return its path."""
    path = output.with_name(output.name + META_SUFFIX)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, path)
    return path
