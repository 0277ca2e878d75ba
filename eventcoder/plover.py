"""PLOVER event types for CAMEO codes, and PLOVER-style JSON records.

PLOVER (Political Language Ontology for Verifiable Event Records) groups the
CAMEO codes into 16 event types (AGREE, CONSULT, ..., ASSAULT), each with
optional *modes* (``ASSAULT`` / ``explosives``) and *contexts* (``military``).
The mapping ships as package data (``resources/cameo/plover.tsv``), built by
``scripts/build_plover_table.py`` from the 2021 CAMEO2PLOVER file; a code
without its own row takes its parent's (``1384`` -> ``138``). PLOVER drops the
CAMEO statement and appeal roots (01x, 02x): their event type is ``""``.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
from dataclasses import dataclass

import pandas as pd

from .resources_path import resource_dir

__all__ = ["PLOVER_EVENTS", "PloverType", "load_plover", "plover_event", "plover_json",
           "plover_type", "to_plover_records"]

logger = logging.getLogger(__name__)

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class PloverType:
    """The PLOVER reading of one CAMEO code.

    Attributes
    ----------
    event : str
        PLOVER event type ("ASSAULT"), or ``""`` where PLOVER drops the code.
    mode : str
        PLOVER mode ("explosives"), or ``""``.
    context : tuple of str
        PLOVER contexts ("military",), possibly empty.
    """

    event: str
    mode: str = ""
    context: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def load_plover() -> dict[str, PloverType]:
    """Return the CAMEO -> PLOVER table, keyed by CAMEO code string.

    Examples
    --------
    >>> load_plover()["190"].event
    'ASSAULT'
    """
    path = resource_dir("cameo", "plover.tsv")
    table = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for row in csv.DictReader(lines, delimiter="\t"):
        context = tuple(c.strip() for c in row["plover_context"].split(";") if c.strip())
        table[row["cameo_code"]] = PloverType(row["plover_event"], row["plover_mode"], context)
    return table


def plover_type(code: str) -> PloverType:
    """The PLOVER event type, mode and context of a CAMEO code.

    A code without its own row takes its nearest parent's (``"1384"`` is read
    as ``"138"``, then ``"13"``); an unknown or empty code gives an empty
    :class:`PloverType`.

    Parameters
    ----------
    code : str
        CAMEO event code with leading zeros ("042").

    Returns
    -------
    PloverType

    Examples
    --------
    >>> plover_type("0871")
    PloverType(event='RETREAT', mode='ceasefire', context=('military',))
    """
    table = load_plover()
    code = str(code or "").strip()
    while code:
        if code in table:
            return table[code]
        code = code[:-1] if len(code) > 2 else ""
    return PloverType("")


def plover_event(code: str) -> str:
    """The PLOVER event type of a CAMEO code ("" where PLOVER has none).

    Parameters
    ----------
    code : str
        CAMEO event code with leading zeros.

    Returns
    -------
    str
        One of :data:`PLOVER_EVENTS`, or ``""`` for the statement and appeal
        codes (01x, 02x) that PLOVER drops, and for codes that are not CAMEO.

    Examples
    --------
    >>> plover_event("190"), plover_event("112"), plover_event("042"), plover_event("010")
    ('ASSAULT', 'ACCUSE', 'CONSULT', '')
    """
    return plover_type(code).event


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def to_plover_records(frame: pd.DataFrame, *, include_unmapped: bool = False) -> list[dict]:
    """Turn an events frame into PLOVER-style JSON records.

    Parameters
    ----------
    frame : pandas.DataFrame
        Events as made by :func:`eventcoder.events.events_to_frame` (columns
        missing from the frame are written as ``""``).
    include_unmapped : bool, default False
        Also write events whose CAMEO code has no PLOVER event type (the
        statement and appeal codes 01x/02x), with ``"event": ""``. By default
        they are left out and their number is logged.

    Returns
    -------
    list of dict
        One dict per event, ready for ``json.dumps``: ``id``
        (``doc_id:sentence_id:n``), ``date`` (event date, ``YYYY-MM-DD``, the
        start of the period for week/month/year precision), ``date_precision``,
        ``date_phrase``, ``publication_date``, ``event`` (PLOVER event type),
        ``mode`` and ``context`` (PLOVER mode and contexts of the CAMEO code),
        ``actor``, ``actor_text``, ``recipient``, ``recipient_text``,
        ``cameo_code``, ``modality`` (eventcoder's mode: "asserted", "negated",
        "hypothetical", ...), ``quad_class``, ``goldstein``, ``language``,
        ``doc_id``, ``sentence_id``, ``text`` (the sentence), ``spans``
        (1-based word ids: ``{"actor": "2-3", "recipient": "5", "trigger": "4"}``),
        ``trigger`` and ``pattern``.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> ev = Event("d1", "3", "2023-08-30", "USA", "Die USA", "PRK", "Nordkorea", "112",
    ...            "Accuse", "11", 3, -2.0, "beschuldigte", "Die USA beschuldigte Nordkorea.",
    ...            "de", event_date="2022-01-01", date_precision="year")
    >>> rec = to_plover_records(events_to_frame([ev]))[0]
    >>> rec["event"], rec["actor"], rec["recipient"], rec["date"], rec["cameo_code"]
    ('ACCUSE', 'USA', 'PRK', '2022-01-01', '112')
    """
    records: list[dict] = []
    dropped = 0
    counter: dict[tuple[str, str], int] = {}
    for row in frame.to_dict("records"):
        code = _text(row.get("event_code"))
        ptype = plover_type(code)
        if not ptype.event and not include_unmapped:
            dropped += 1
            continue
        doc_id, sent_id = _text(row.get("doc_id")), _text(row.get("sentence_id"))
        n = counter[(doc_id, sent_id)] = counter.get((doc_id, sent_id), 0) + 1
        pub = _text(row.get("date"))
        quad = row.get("quad_class")
        gold = row.get("goldstein")
        records.append({
            "id": f"{doc_id}:{sent_id}:{n}",
            "date": _text(row.get("event_date")) or pub,
            "date_precision": _text(row.get("date_precision")),
            "date_phrase": _text(row.get("date_phrase")),
            "publication_date": pub,
            "event": ptype.event,
            "mode": ptype.mode,
            "context": list(ptype.context),
            "actor": _text(row.get("source")),
            "actor_text": _text(row.get("source_text")),
            "recipient": _text(row.get("target")),
            "recipient_text": _text(row.get("target_text")),
            "cameo_code": code,
            "modality": _text(row.get("mode")) or "asserted",
            "quad_class": None if quad is None or pd.isna(quad) else int(quad),
            "goldstein": None if gold is None or pd.isna(gold) else float(gold),
            "language": _text(row.get("language")),
            "doc_id": doc_id,
            "sentence_id": sent_id,
            "text": _text(row.get("sentence")),
            "spans": {
                "actor": _text(row.get("source_span")),
                "recipient": _text(row.get("target_span")),
                "trigger": _text(row.get("trigger_span")),
            },
            "trigger": _text(row.get("trigger")),
            "pattern": _text(row.get("pattern")),
        })
    if dropped:
        logger.info("PLOVER records: %d of %d events left out (CAMEO codes PLOVER drops)",
                    dropped, len(frame))
    return records


def plover_json(frame: pd.DataFrame, *, lines: bool = True, include_unmapped: bool = False,
                indent: int | None = None) -> str:
    """PLOVER-style records of an events frame as JSON text.

    Parameters
    ----------
    frame : pandas.DataFrame
        Events (:func:`eventcoder.events.events_to_frame`).
    lines : bool, default True
        JSON Lines (one record a line, for ``--schema plover`` output); False
        gives one JSON array.
    include_unmapped : bool, default False
        See :func:`to_plover_records`.
    indent : int, optional
        Indentation of the array form (ignored for JSON Lines).

    Returns
    -------
    str
        UTF-8 text (non-ASCII kept), ending in a newline; empty for no
        records in JSON Lines.

    Examples
    --------
    >>> from eventcoder.events import events_to_frame
    >>> plover_json(events_to_frame([]))
    ''
    """
    records = to_plover_records(frame, include_unmapped=include_unmapped)
    if lines:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return json.dumps(records, ensure_ascii=False, indent=indent) + "\n"
