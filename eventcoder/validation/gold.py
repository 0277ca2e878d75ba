"""Gold standards: the file format, its reader, and coding the gold sentences' own parses.

See ``docs/validation.md`` for the format and ``data/gold/GUIDELINES.md`` for how the
development gold is chosen and coded (required and acceptable events, dev/test split).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import GoldError

__all__ = ["GoldEvent", "GoldSentence", "code_gold", "gold_to_documents", "read_gold"]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event: source actor, target actor ("" when one-sided), event code."""

    source: str
    target: str
    code: str


@dataclass(slots=True)
class GoldSentence:
    """One gold-standard sentence (or short document) and its expected events."""

    id: str
    text: str = ""
    events: list[GoldEvent] = field(default_factory=list)
    language: str = ""
    date: str = ""
    conllu: str = ""
    doc_id: str = ""
    sentence_id: str = ""
    category: str = ""
    #: events that are defensible but not required: predicting one is neither a true nor a
    #: false positive, missing one costs nothing
    acceptable: list[GoldEvent] = field(default_factory=list)
    #: where the sentence comes from: ``{"corpus", "file", "sent_id"}`` for a UD treebank
    #: (its gold parse is read from there), ``{"corpus", "id", "sentence"}`` for a corpus file
    origin: dict = field(default_factory=dict)
    #: "dev" (rules may be tuned on it) or "test" (only reported); "" for other gold files
    split: str = ""
    selection: str = ""
    #: up to three sentences before ``text`` in the same article (coded with it, not scored)
    context: str = ""
    speaker: str = ""
    #: the shipped parsers were trained on this sentence (raw-text scores are optimistic)
    parser_seen: bool = False
    note: str = ""


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, int):
        raise TypeError("a code given as a number loses its leading zeros; quote it")
    return str(value).strip()


def _gold_event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: an event must be a mapping with source, target, code")
    unknown = set(item) - {"source", "target", "code", "event_code", "note", "mode"}
    if unknown:
        raise GoldError(f"{where}: unknown event key(s) {sorted(unknown)}")
    try:
        code = _clean(item.get("code", item.get("event_code")))
        source = _clean(item.get("source"))
        target = _clean(item.get("target"))
    except TypeError as exc:
        raise GoldError(f"{where}: {exc}") from None
    if not code:
        raise GoldError(f"{where}: event without 'code'")
    if not source:
        raise GoldError(f"{where}: event without 'source'")
    return GoldEvent(source.upper(), target.upper(), code)


_SENTENCE_KEYS = {"id", "text", "events", "language", "date", "conllu", "doc_id", "sentence_id",
                  "category", "note", "acceptable", "origin", "split", "selection", "context",
                  "speaker", "parser_seen"}


def _gold_sentence(item: Any, where: str) -> GoldSentence:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = set(item) - _SENTENCE_KEYS
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {sorted(unknown)}")
    if item.get("id") in (None, ""):
        raise GoldError(f"{where}: record without 'id'")
    events = item.get("events") or []
    acceptable = item.get("acceptable") or []
    for name, value in (("events", events), ("acceptable", acceptable)):
        if not isinstance(value, list):
            raise GoldError(f"{where}: {name!r} must be a list")
    origin = item.get("origin") or {}
    if not isinstance(origin, dict):
        raise GoldError(f"{where}: 'origin' must be a mapping")
    split = str(item.get("split") or "")
    if split not in ("", "dev", "test"):
        raise GoldError(f"{where}: 'split' must be 'dev' or 'test', got {split!r}")
    sid = str(item["id"])
    date = item.get("date") or ""
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    return GoldSentence(
        id=sid, text=" ".join(str(item.get("text") or "").split()),
        events=[_gold_event(e, f"{where}, event {n}") for n, e in enumerate(events, start=1)],
        language=str(item.get("language") or ""), date=str(date),
        conllu=str(item.get("conllu") or ""), doc_id=str(item.get("doc_id") or ""),
        sentence_id=str(item.get("sentence_id") or ""), category=str(item.get("category") or ""),
        acceptable=[_gold_event(e, f"{where}, acceptable event {n}")
                    for n, e in enumerate(acceptable, start=1)],
        origin=dict(origin), split=split, selection=str(item.get("selection") or ""),
        context=" ".join(str(item.get("context") or "").split()),
        speaker=str(item.get("speaker") or ""), parser_seen=bool(item.get("parser_seen", False)),
        note=str(item.get("note") or ""),
    )


def read_gold(source: str | os.PathLike | Iterable[dict | GoldSentence]) -> list[GoldSentence]:
    """Read a gold standard: a ``.jsonl``/``.json``/``.yaml`` file or records.

    Raises
    ------
    GoldError
        Naming the file and the record (line for JSONL) that is wrong, a file
        that is not valid YAML/JSON (with the line), or a duplicate id.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"gold standard not found: {path}")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise GoldError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
        suffix = path.suffix.lower()
        items: list[tuple[str, Any]] = []
        if suffix in (".yaml", ".yml"):
            import yaml

            from ..dictionaries import load_yaml

            try:
                data = load_yaml(text) or []
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
                problem = getattr(exc, "problem", None) or str(exc)
                raise GoldError(f"{path}: not valid YAML{where}: {problem}") from None
            if isinstance(data, dict):
                data = data.get("sentences", [])
            if not isinstance(data, list):
                raise GoldError(f"{path}: expected a list of sentences")
            items = [(f"{path}, record {n}", d) for n, d in enumerate(data, start=1)]
        elif suffix == ".json":
            try:
                data = json.loads(text)
            except (ValueError, RecursionError) as exc:
                raise GoldError(f"{path}: not valid JSON ({exc})") from None
            if isinstance(data, dict):
                data = data.get("sentences", [])
            items = [(f"{path}, record {n}", d) for n, d in enumerate(data, start=1)]
        else:
            for lineno, line in enumerate(text.splitlines(), start=1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                try:
                    items.append((f"{path}, line {lineno}", json.loads(line)))
                except (ValueError, RecursionError) as exc:  # a JSONDecodeError, too deep, too long
                    why = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
                    raise GoldError(f"{path}, line {lineno}: not valid JSON ({why})") from None
        sentences = [_gold_sentence(item, where) for where, item in items]
    else:
        sentences = [s if isinstance(s, GoldSentence) else _gold_sentence(s, f"record {n}")
                     for n, s in enumerate(source, start=1)]
    seen: set[str] = set()
    for s in sentences:
        if s.id in seen:
            raise GoldError(f"duplicate gold id {s.id!r}")
        seen.add(s.id)
    return sentences


def gold_to_documents(gold: Sequence[GoldSentence]) -> list:
    """Turn gold records with ``conllu`` into documents (id = gold id) for the coder."""
    from ..conllu import read_conllu

    docs = []
    for s in gold:
        if not s.conllu:
            continue
        parsed = read_conllu(s.conllu if s.conllu.endswith("\n") else s.conllu + "\n",
                             default_doc_id=s.id)
        for doc in parsed:
            doc.id = s.id
            if s.date:
                doc.metadata["date"] = s.date
            for n, sent in enumerate(doc.sentences, start=1):
                sent.id = sent.id or str(n)
            docs.append(doc)
    return docs


def code_gold(gold: Sequence[GoldSentence] | str | os.PathLike, language: Any = None) -> pd.DataFrame:
    """Code the gold sentences' CoNLL-U with eventcoder.

    ``language`` is a language code ("de") or a
    :class:`~eventcoder.dictionaries.LanguageResources`; with one, only the
    records of that language (or without one) are coded. ``None`` codes every
    record in its own ``language`` (records without one raise ``ValueError``).
    Records without ``conllu`` give no events.
    """
    from ..coding import code_documents
    from ..dictionaries import LanguageResources, load_language
    from ..events import events_to_frame

    if not isinstance(gold, list):
        gold = read_gold(gold)
    if language is None:
        unknown = [s.id for s in gold if not s.language]
        if unknown:
            raise ValueError(f"gold records without a language: {unknown[:5]} (give one)")
        events = []
        for lang in sorted({s.language for s in gold}):
            chosen = [s for s in gold if s.language == lang]
            events += code_documents(gold_to_documents(chosen), load_language(lang))
        return events_to_frame(events)
    if isinstance(language, LanguageResources):
        res = language
    else:
        res = load_language(str(language))
    chosen = [s for s in gold if not s.language or s.language == res.language]
    return events_to_frame(code_documents(gold_to_documents(chosen), res))
