"""Records on their way through the batch engine, and the accounting of a run.

Every entry point (:func:`eventcoder.code_text`, :func:`eventcoder.code_conllu`,
:func:`eventcoder.code_articles`, :func:`eventcoder.stream.code_stream`,
:mod:`eventcoder.dask`, the command line) turns its input into :class:`Record`
objects, codes them with :func:`eventcoder.batch.engine.code_records` under one
:class:`RecordOptions`, and accounts for them in one :class:`RunSummary`: every record
ends *coded*, *no event* or *quarantined*, and a quarantined record is kept, as read,
in one format (:meth:`Record.quarantined`).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["QUARANTINE_REASONS", "ChunkCommit", "CodedRecords", "Record", "RecordOptions", "RunSummary",
           "describe", "quarantine_frame"]

#: reason codes of quarantined records, with what they mean
QUARANTINE_REASONS: dict[str, str] = {
    "undecodable": "bytes that are not UTF-8, or text that is not valid Unicode",
    "bad_json": "a JSON Lines line that is not JSON",
    "not_object": "a JSON Lines line that is JSON but not an object",
    "bad_csv": "a CSV row with more or fewer fields than the header",
    "bad_conllu": "a CoNLL-U document that cannot be read",
    "no_text": "no text, or an empty one",
    "too_long": "a text longer than max_text_chars characters (not parsed)",
    "bad_date": "a publication date that is not a date",
    "unknown_language": "no language, or one without dictionaries",
    "sentence_too_long": "a sentence longer than max_sentence_words words, with long_sentences='quarantine'",
    "parse_failure": "the parser raised an error on the text",
    "coding_failure": "the coder raised an error on the parsed document",
}

_TXT_GLOB = "*.txt"
#: the default bound on a record's text (the longest article of the shared corpora has 104,182)
MAX_TEXT_CHARS = 1_000_000
#: what a record with a sentence over ``max_sentence_words`` gets
LONG_SENTENCES = ("split", "quarantine")


@dataclass(slots=True)
class Record:
    """One input record on its way to being coded.

    Attributes
    ----------
    index : int
        0-based position among all records of a run (quarantined ones included).
    where : str
        Human name of the record: ``"path:line"``, ``"path:row 3"``, ``"row 3"``.
    kind : str
        ``"article"`` (a row with a text field) or ``"conllu"`` (a parsed document).
    row : dict, optional
        The record's fields; for CoNLL-U, ``conllu`` (the document's text) and
        ``doc_id`` (its id when it has no ``# newdoc id``).
    ordinal : int
        1-based position among the readable records of its source (gives
        ``doc3`` to an article without an id).
    raw : str, optional
        The record as read, when it came as a line of text (a JSONL line).
    raw_bytes : bytes, optional
        The record's bytes when they could not be decoded.
    problem : tuple of str, optional
        ``(reason_code, message)`` when the record could not be read.
    """

    index: int
    where: str
    kind: str = "article"
    row: dict[str, Any] | None = None
    ordinal: int = 0
    raw: str | None = None
    raw_bytes: bytes | None = None
    problem: tuple[str, str] | None = None

    def quarantined(self, code: str, message: str, id: str | None = None) -> dict[str, Any]:
        """The quarantine entry for this record: where, its id (when known), why, and the
        original record."""
        item: dict[str, Any] = {"index": self.index, "record": self.where}
        if id:
            item["id"] = id
        item.update({"reason_code": code, "reason": message})
        if self.raw_bytes is not None:
            item["original"] = self.raw_bytes.decode("utf-8", "replace")
            item["original_base64"] = base64.b64encode(self.raw_bytes).decode("ascii")
        elif self.raw is not None:
            item["original"] = self.raw
        elif self.row is not None:
            item["row"] = {k: v for k, v in self.row.items() if k != "_record"}
        return item


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How records are read, parsed and coded; the same for every entry point (picklable).

    Attributes
    ----------
    language : str, optional
        Language of records without their own (a ``language`` field, a ``#
        language`` comment); checked by :func:`check_language`.
    date : str or datetime.date, optional
        Publication date (a value, ``YYYY-MM-DD``) of records without their own.
    speaker : str, optional
        Who speaks in records without their own ``speaker`` field (an actor code
        such as ``"UKRGOV"`` or a dictionary name): first-person pronouns outside
        quotes are that actor.
    text_field, date_field, id_field, speaker_field : str
        Names of the fields (columns) that hold an article's text, publication
        date, id and speaker.
    model_dir, cache_dir, use_cache
        Parsing options of :func:`eventcoder.parsing.parse_texts`.
    dictionaries : tuple of str
        User dictionary folders layered over the shipped ones (see
        :func:`eventcoder.dictionaries.load_language`).
    max_text_chars : int, optional
        A text longer than this is quarantined (``too_long``) before parsing;
        None or 0: no bound.
    max_sentence_words : int, optional
        Sentences longer than this are cut into pieces of at most this many words
        before they are parsed (see :mod:`eventcoder.parsing.bounds`); None or 0:
        no bound.
    long_sentences : {"split", "quarantine"}
        What a record with such a sentence gets: its pieces coded (counted in
        ``RunSummary.split_sentences``), or quarantined (``sentence_too_long``).
    sentence_splitter : {"stanza", "somajo"}
        Who ends sentences (see :func:`eventcoder.parsing.parse_texts`); ``"somajo"``
        needs the optional extra ``eventcoder[somajo]`` (GPLv3+).
    """

    language: str | None = None
    date: str | dt.date | None = None
    speaker: str | None = None
    text_field: str = "text"
    date_field: str = "date"
    id_field: str = "id"
    speaker_field: str = "speaker"
    model_dir: str | os.PathLike | None = None
    cache_dir: str | os.PathLike | None = None
    use_cache: bool = True
    dictionaries: tuple[str, ...] = ()
    max_text_chars: int | None = MAX_TEXT_CHARS
    max_sentence_words: int | None = 250
    long_sentences: str = "split"
    sentence_splitter: str = "stanza"

    def __post_init__(self) -> None:
        from ..parsing.segmenters import splitter_id

        splitter_id(self.sentence_splitter)  # an unknown one, or SoMaJo missing, fails here
        if self.long_sentences not in LONG_SENTENCES:
            raise ValueError(f"long_sentences must be one of {', '.join(LONG_SENTENCES)}, "
                             f"not {self.long_sentences!r}")
        for name in ("max_text_chars", "max_sentence_words"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a whole number of at least 0 (0: no bound), "
                                 f"not {value!r}")


@dataclass(slots=True)
class CodedRecords:
    """The result of coding a batch of records.

    Attributes
    ----------
    events : pandas.DataFrame
        Events in input order (record by record), columns ``EVENT_COLUMNS``.
    outcomes : list of tuple
        ``(index, status, n_events)`` per record; status is ``"coded"``,
        ``"no_event"`` or ``"quarantined"``.
    quarantine : list of dict
        One entry per quarantined record (see :meth:`Record.quarantined`).
    split_sentences : int
        Over-long sentences cut into pieces before parsing (in records that were coded).
    """

    events: pd.DataFrame
    outcomes: list[tuple[int, str, int]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    split_sentences: int = 0
    languages: dict[str, dict[str, int]] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        """``input``, ``coded``, ``no_event``, ``quarantined``, ``events``, ``split_sentences``,
        the reasons and the ``languages`` (records coded per language: ``parsed`` from text,
        ``conllu`` given parsed)."""
        out: dict[str, Any] = {"input": len(self.outcomes), "coded": 0, "no_event": 0,
                               "quarantined": 0, "events": len(self.events),
                               "split_sentences": self.split_sentences,
                               "languages": {k: dict(v) for k, v in sorted(self.languages.items())}}
        for _, status, _ in self.outcomes:
            out[status] += 1
        reasons: dict[str, int] = {}
        for item in self.quarantine:
            reasons[item["reason_code"]] = reasons.get(item["reason_code"], 0) + 1
        out["quarantine_reasons"] = dict(sorted(reasons.items()))
        return out

    def summary(self) -> RunSummary:
        """The counts as a :class:`RunSummary` (one chunk)."""
        run = RunSummary()
        run.add(self.counts())
        return run


@dataclass(frozen=True, slots=True)
class ChunkCommit:
    """A chunk that was written and recorded in the ledger.

    ``start``/``stop`` are record indices (``stop`` exclusive); ``counts`` has
    ``input``, ``coded``, ``no_event``, ``quarantined``, ``events``.
    """

    chunk: int
    start: int
    stop: int
    counts: dict[str, Any]


@dataclass(slots=True)
class RunSummary:
    """The accounting of a run: every input record is counted exactly once.

    ``input == coded + no_event + quarantined``; ``events`` is the number of
    event records written; ``quarantine_reasons`` counts quarantined records by
    reason code; ``split_sentences`` counts the over-long sentences that were cut
    into pieces before parsing (see ``max_sentence_words``); ``languages`` counts the
    records coded (with or without event) per language, ``parsed`` from text or
    given as ``conllu``. ``resumed`` is the
    number of records an earlier, interrupted run had already committed (not part
    of :meth:`to_dict`, which is deterministic).

    Examples
    --------
    >>> s = RunSummary(input=3, coded=1, no_event=1, quarantined=1, events=2,
    ...                quarantine_reasons={"no_text": 1})
    >>> str(s)
    '3 records: 1 coded (2 events), 1 without event, 1 quarantined (no_text: 1)'
    """

    input: int = 0
    coded: int = 0
    no_event: int = 0
    quarantined: int = 0
    events: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    output: str = ""
    quarantine_file: str | None = None
    chunks: int = 0
    resumed: int = 0
    split_sentences: int = 0
    languages: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, counts: dict[str, Any]) -> None:
        """Add a chunk's counts."""
        for key in ("input", "coded", "no_event", "quarantined", "events", "split_sentences"):
            setattr(self, key, getattr(self, key) + int(counts.get(key, 0)))
        reasons = dict(self.quarantine_reasons)
        for code, n in counts.get("quarantine_reasons", {}).items():
            reasons[code] = reasons.get(code, 0) + int(n)
        self.quarantine_reasons = dict(sorted(reasons.items()))
        languages = {k: dict(v) for k, v in self.languages.items()}
        for lang, kinds in counts.get("languages", {}).items():
            mine = languages.setdefault(lang, {"conllu": 0, "parsed": 0})
            for kind, n in kinds.items():
                mine[kind] = mine.get(kind, 0) + int(n)
        self.languages = dict(sorted(languages.items()))
        self.chunks += 1

    def to_dict(self) -> dict[str, Any]:
        """The summary as written by ``--summary run.json``."""
        return {"input": self.input, "coded": self.coded, "no_event": self.no_event,
                "quarantined": self.quarantined, "events": self.events,
                "quarantine_reasons": dict(self.quarantine_reasons), "inputs": list(self.inputs),
                "output": self.output, "quarantine_file": self.quarantine_file,
                "chunks": self.chunks, "split_sentences": self.split_sentences,
                "languages": {k: dict(v) for k, v in self.languages.items()}}

    def __str__(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in self.quarantine_reasons.items())
        split = self.split_sentences
        return (f"{self.input} records: {self.coded} coded ({self.events} events), "
                f"{self.no_event} without event, {self.quarantined} quarantined"
                + (f" ({reasons})" if reasons else "")
                + (f"; {split} over-long sentence{'s' if split != 1 else ''} split" if split else ""))


def describe(item: dict[str, Any]) -> str:
    """A quarantine entry for a message: where the record was read, and its id when known.

    Examples
    --------
    >>> describe({"record": "row 39", "id": "art-7", "reason": "no text"})
    "row 39 (id 'art-7')"
    """
    ident = item.get("id")
    return f"{item['record']} (id {ident!r})" if ident else str(item["record"])


#: columns of :func:`quarantine_frame`
QUARANTINE_COLUMNS = ("index", "record", "reason_code", "reason", "original")


def quarantine_frame(entries: list[dict[str, Any]]) -> pd.DataFrame:
    """Quarantine entries (``frame.attrs["quarantine"]``, the lines of a quarantine file) as a table.

    Columns: ``index`` (position among all records of the run), ``record`` (file and
    line, or row), ``reason_code`` (:data:`QUARANTINE_REASONS`), ``reason`` and
    ``original`` (the record as read: the line, or the row as JSON).

    Examples
    --------
    >>> quarantine_frame([{"index": 0, "record": "row 0", "reason_code": "no_text",
    ...                    "reason": "no text", "row": {"id": "a", "text": ""}}]).loc[0, "original"]
    '{"id": "a", "text": ""}'
    """
    import json

    rows = []
    for item in entries:
        if "original" in item:
            original = str(item["original"])
        elif "row" in item:
            original = json.dumps(item["row"], ensure_ascii=False, default=str)
        else:
            original = ""
        rows.append({"index": int(item.get("index", -1)), "record": str(item["record"]),
                     "reason_code": item["reason_code"], "reason": str(item["reason"]),
                     "original": original})
    frame = pd.DataFrame(rows, columns=list(QUARANTINE_COLUMNS))
    return frame.astype({"index": "int64", "record": object, "reason_code": object, "reason": object,
                         "original": object})
