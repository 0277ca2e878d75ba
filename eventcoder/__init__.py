"""eventcoder: code German and English news into CAMEO event records.

The public API::

    read_conllu(text_or_path) -> list[Document]
    code_conllu(text_or_path, *, language, date=None) -> DataFrame
    code_text(text, *, language, date=None, doc_id=None) -> DataFrame
    code_articles(articles, *, language=None, ...) -> DataFrame
    events_to_frame(events) -> DataFrame
"""

from __future__ import annotations

import logging

from .api import code_conllu, code_parsed
from .cameo import CameoCode, load_cameo
from .conllu import ConlluError, Document, Sentence, Word, read_conllu, write_conllu
from .dictionaries import DictionaryError, UnknownLanguageError, load_language
from .events import EVENT_COLUMNS, Event, events_to_frame

__version__ = "0.1.0"

__all__ = [
    "EVENT_COLUMNS",
    "CameoCode",
    "ConlluError",
    "DictionaryError",
    "Document",
    "Event",
    "Sentence",
    "UnknownLanguageError",
    "Word",
    "code_conllu",
    "code_parsed",
    "events_to_frame",
    "load_cameo",
    "load_language",
    "read_conllu",
    "write_conllu",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
