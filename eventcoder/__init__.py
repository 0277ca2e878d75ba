"""eventcoder: code German and English news into CAMEO event records.

The public API::

    read_conllu(text_or_path) -> list[Document]
    code_conllu(text_or_path, *, language, date=None) -> DataFrame
    code_text(text, *, language, date=None, doc_id=None) -> DataFrame
    code_articles(articles, *, language=None, ...) -> DataFrame
    code_stream(inputs, *, output, ...) -> RunSummary   (large corpora: chunks, resume, workers)
    events_to_frame(events) -> DataFrame
"""

from __future__ import annotations

import logging

from .aggregate import add_dyads, dyad_matrix, dyad_summary, escalation_series, filter_events
from .agreement import cohen_kappa, fleiss_kappa
from .api import code_conllu, code_parsed
from .articles import code_articles, code_text
from .cameo import CameoCode, load_cameo
from .conllu import ConlluError, Document, Sentence, Word, read_conllu, write_conllu
from .dedupe import deduplicate
from .dictionaries import DictionaryError, UnknownLanguageError, load_language
from .display import show_events
from .events import EVENT_COLUMNS, Event, events_to_frame
from .loaders import load_gdelt, load_icews, load_phoenix
from .stream import RunSummary, code_stream
from .validation import read_gold, validate

__version__ = "0.1.0"

__all__ = [
    "EVENT_COLUMNS",
    "CameoCode",
    "ConlluError",
    "DictionaryError",
    "Document",
    "Event",
    "RunSummary",
    "Sentence",
    "UnknownLanguageError",
    "Word",
    "add_dyads",
    "code_articles",
    "code_conllu",
    "code_text",
    "cohen_kappa",
    "deduplicate",
    "dyad_matrix",
    "dyad_summary",
    "escalation_series",
    "filter_events",
    "fleiss_kappa",
    "load_gdelt",
    "load_icews",
    "load_phoenix",
    "read_gold",
    "show_events",
    "validate",
    "code_parsed",
    "code_stream",
    "events_to_frame",
    "load_cameo",
    "load_language",
    "read_conllu",
    "write_conllu",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
