"""eventcoder: code German and English news into CAMEO event records.

The public API::

    code_text(text, *, language, date=None, ...) -> DataFrame        (one text: raises on bad input)
    code_conllu(text_or_path, *, language, date=None, ...) -> DataFrame
    code_parsed(documents, *, language, date=None, ...) -> DataFrame
    code_articles(articles, *, language=None, date=None, ...) -> DataFrame   (quarantines and counts)
    code_stream(inputs, *, output, ...) -> RunSummary   (large corpora: chunks, resume, workers)
    concat_events(frames) -> DataFrame   (join runs, adding their summaries and quarantines)
    read_conllu(text_or_path) -> list[Document]
    events_to_frame(events) -> DataFrame
    escalation_series(events, *, freq, dyads, ...) -> DataFrame      (per period and dyad)
    plot_escalation(series_or_events, *, y, dyads, ..., ax=None) -> Axes   (and the other plot_*)

Every entry point shares its keyword arguments and their meaning (see :mod:`eventcoder.api`).
"""

from __future__ import annotations

import logging

from . import datasets
from ._version import __version__ as __version__
from .aggregate import add_dyads, dyad_matrix, dyad_summary, escalation_series, filter_events
from .agreement import cohen_kappa, fleiss_kappa
from .api import code_articles, code_conllu, code_parsed, code_text, concat_events
from .batch.records import QUARANTINE_REASONS, RecordOptions, RunSummary, quarantine_frame
from .cameo import CameoCode, load_cameo
from .conllu import Document, Sentence, Word, read_conllu, write_conllu
from .datasets import load_example
from .dedupe import deduplicate
from .dictionaries import load_language
from .display import show_events
from .errors import (
    ConlluError,
    DictionaryError,
    EventcoderError,
    InputError,
    ModelsNotFoundError,
    ResumeError,
    UnknownLanguageError,
)
from .events import EVENT_COLUMNS, Event, events_to_frame
from .loaders import load_gdelt, load_icews, load_phoenix
from .stream import code_stream
from .validation import read_gold, validate

#: in :mod:`eventcoder.plotting`, exported here lazily: ``eventcoder.plot_escalation(...)``
_PLOTS = ("plot_comparison", "plot_counts", "plot_dyad_events", "plot_dyad_heatmap",
          "plot_escalation", "plot_quad_composition", "plot_quad_shares", "publication_style",
          "save_figure")

__all__ = [
    "EVENT_COLUMNS",
    "QUARANTINE_REASONS",
    "CameoCode",
    "EventcoderError",
    "InputError",
    "ModelsNotFoundError",
    "RecordOptions",
    "ResumeError",
    "quarantine_frame",
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
    "concat_events",
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
    "datasets",
    "load_example",
    "load_language",
    "read_conllu",
    "write_conllu",
    *_PLOTS,
]


def __getattr__(name: str):
    """The plot functions, imported on first use (``import eventcoder`` loads no matplotlib)."""
    if name in _PLOTS:
        from . import plotting

        return getattr(plotting, name)
    raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PLOTS))


logging.getLogger(__name__).addHandler(logging.NullHandler())
