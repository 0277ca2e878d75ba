"""Coding whole documents: sentence after sentence with one :class:`DocumentContext`,
and the speaker a document's metadata names."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from ..actors import Actor, choose_entry
from ..conllu import Document
from ..dates import parse_date
from ..dictionaries import LanguageResources, normalize
from ..events import Event
from .clause import CodingOptions, DocumentContext
from .context_country import infer_countries
from .sentence import code_sentence

logger = logging.getLogger(__package__)  # "eventcoder.coding", as before the split


def code_document(document: Document, res: LanguageResources, *,
                  date: str | dt.date | None = None,
                  options: CodingOptions | None = None) -> list[Event]:
    """Code every sentence of a document, carrying actors across sentences.

    The document's own ``date`` metadata wins over ``date``; ``options`` as in
    :func:`code_sentence`. A role without a country ("the police": ``---COP``) takes
    the article's country where the article makes it unambiguous, flagged in
    ``source_inferred``/``target_inferred`` (:mod:`eventcoder.coding.context_country`).
    """
    doc_date = parse_date(document.metadata.get("date") or date, where=f"document {document.id!r}")
    ctx = DocumentContext()
    speaker = document.metadata.get("speaker", "").strip()
    if speaker:
        ctx.document_speakers = _document_speaker(speaker, res, doc_date, document.id)
    events: list[Event] = []
    for sentence in document.sentences:
        events.extend(code_sentence(sentence, res, doc_id=document.id, date=doc_date, context=ctx,
                                    options=options))
    if (options or CodingOptions()).context_country:
        events = infer_countries(events, document, res, doc_date)
    return events


def _document_speaker(value: str, res: LanguageResources, date: dt.date | None,
                      doc_id: str) -> list[Actor]:
    """The speaker of a speech or statement: an actor code ("UKRGOV") or a name the
    actor dictionary knows ("Volodymyr Zelensky")."""
    if re.fullmatch(r"[A-Z0-9]{3,}", value):
        return [Actor(value, value, (), "speaker")]
    entries = res.actors.get(tuple(normalize(value).split()))
    entry = choose_entry(entries, date) if entries else None
    if entry is None:
        logger.warning("document %r: speaker %r is neither an actor code nor in the %s actor "
                       "dictionary; first-person pronouns keep the usual rules", doc_id, value,
                       res.language)
        return []
    return [Actor(entry.code, value, (), "speaker")]


def code_documents(documents: Iterable[Document], res: LanguageResources, *,
                   date: str | dt.date | None = None) -> list[Event]:
    """Code several documents; see :func:`code_document`."""
    out: list[Event] = []
    for doc in documents:
        out.extend(code_document(doc, res, date=date))
    return out
