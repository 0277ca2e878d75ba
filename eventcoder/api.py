"""The high-level entry points: CoNLL-U (and, with stanza, raw text) -> events frame."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from .coding import code_documents
from .conllu import Document, read_conllu
from .dictionaries import load_language
from .events import events_to_frame

__all__ = ["code_conllu", "code_parsed"]


def code_parsed(documents: list[Document], *, language: str,
                date: str | dt.date | None = None) -> pd.DataFrame:
    """Code already-parsed documents into an events frame (see :func:`events_to_frame`)."""
    res = load_language(language)
    return events_to_frame(code_documents(documents, res, date=date))


def code_conllu(text_or_path: str | os.PathLike, *, language: str,
                date: str | dt.date | None = None) -> pd.DataFrame:
    """Code a CoNLL-U file or string into CAMEO events.

    Parameters
    ----------
    text_or_path : str or os.PathLike
        CoNLL-U text or the path of a ``.conllu`` file; ``# newdoc id`` starts
        a document, and a ``# date = YYYY-MM-DD`` comment after it sets its date.
    language : str
        "de" or "en" (any language with resources in ``eventcoder/resources``).
    date : str or datetime.date, optional
        Publication date (``YYYY-MM-DD``) for documents without their own.

    Returns
    -------
    pandas.DataFrame
        One row per event; columns as documented in :func:`eventcoder.events_to_frame`.

    Raises
    ------
    eventcoder.ConlluError
        Malformed CoNLL-U, naming the line.
    eventcoder.UnknownLanguageError
        No dictionaries for ``language``.

    Examples
    --------
    >>> conllu = (
    ...     "1\\tRussland\\tRussland\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\tverurteilt\\tverurteilen\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tJapan\\tJapan\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> code_conllu(conllu, language="de")[["source", "target", "event_code"]].values.tolist()
    [['RUS', 'JPN', '111']]
    """
    res = load_language(language)  # fail early on an unknown language
    docs = read_conllu(text_or_path)
    return events_to_frame(code_documents(docs, res, date=date))
