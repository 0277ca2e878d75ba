"""The date of an event: :func:`resolve_event_date` searches the trigger's clause
(then governing and reporting clauses) for a temporal phrase and turns the
nearest readable one into an :class:`EventDate`; else the article date."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass

from eventcoder.conllu import Sentence, Word
from eventcoder.dates import parse_date

from .lexicon import TemporalLexicon, load_temporal
from .periods import _period_start
from .phrases import (
    _ATTACH,
    _FALLBACK,
    _FUNCTION,
    _behind_boundary,
    _clause,
    _is_future,
    _phrase_head,
    _phrase_words,
    _surface,
)
from .reading import _read_phrase
from .words import _anchor, _in_name

__all__ = ["EventDate", "resolve_event_date"]

# the logger of the former module eventcoder.temporal, so that log records keep their name
logger = logging.getLogger("eventcoder.temporal")

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class EventDate:
    """The resolved date of an event.

    Attributes
    ----------
    date : str
        ISO date ``YYYY-MM-DD`` of the start of the period (the Monday of a
        week, the 1st of a month, 1 January of a year), or ``""`` when neither
        the text nor the article gives a date.
    precision : str
        "day", "week", "month" or "year"; ``""`` with no date.
    phrase : str
        The words that set the date ("im Juli"); ``""`` where the date is the
        article date.
    word_ids : tuple of int
        1-based ids of the phrase's words in the sentence.
    """

    date: str = ""
    precision: str = ""
    phrase: str = ""
    word_ids: tuple[int, ...] = ()


def _search(sentence: Sentence, clause_head: int, lex: TemporalLexicon,
            article: dt.date | None) -> EventDate | None:
    region = _clause(sentence, clause_head)
    future = _is_future(sentence, clause_head, lex)
    verb = sentence.word(clause_head)
    present = verb.feats.get("Tense") == "Pres" and not any(
        c.rel == "aux" for c in sentence.children(clause_head))
    candidates: dict[int, Word] = {}
    for wid in region:
        if wid == clause_head:
            continue
        word = sentence.word(wid)
        if not _anchor(word, lex) or _in_name(sentence, word, lex):
            continue
        head = _phrase_head(sentence, word, region, clause_head, lex)
        if (head.rel in _ATTACH and head.deprel != "nmod:poss"
                and not _behind_boundary(sentence, head, clause_head, lex)):
            candidates.setdefault(head.id, head)
    order = sorted(candidates.values(), key=lambda w: (region[w.id], abs(w.id - clause_head)))
    for head in order:
        words = _phrase_words(sentence, head.id)
        try:
            reading = _read_phrase(sentence, head, words, lex, article, future,
                                   future or present, present and not future)
        except (ValueError, OverflowError):  # "vor 5000 Jahren", "am 31. Februar"
            reading = None
        if reading is None or not 1 <= reading.date.year <= 9999:
            continue
        start = _period_start(reading.date, reading.precision)
        ids = {w.id for w in words}
        return EventDate(start.isoformat(), reading.precision, _surface(sentence, ids),
                         tuple(sorted(ids)))
    return None


@functools.cache
def _warn_no_lexicon(language: str) -> None:
    logger.warning("no temporal expressions for language %r: events keep the article date",
                   language)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    try:
        return parse_date(value, where="article date")
    except ValueError:
        logger.warning("article date %r is not an ISO date; ignored", value)
        return None


def resolve_event_date(sentence: Sentence, trigger_id: int,
                       article_date: dt.date | str | None, language: str) -> EventDate:
    """The date of the event whose trigger is word ``trigger_id``.

    Parameters
    ----------
    sentence : Sentence
        The parsed sentence.
    trigger_id : int
        1-based id of the event's trigger word (the verb; an auxiliary,
        copula or separable particle is read as its head).
    article_date : datetime.date or str or None
        The publication date (a ``date`` or an ISO string); relative
        expressions ("gestern", "last week", "im Juli") are resolved against
        it.
    language : str
        Language of the sentence ("de", "en"): selects ``temporal.yaml``.

    Returns
    -------
    EventDate
        The start of the period the text names, its precision and phrase.
        With no temporal expression: the article date, precision "day",
        phrase ``""``. With no article date and no absolute expression
        (a year, a month with its year, a full date): all fields ``""``.
        A language without ``temporal.yaml`` keeps the article date (and logs
        a warning once).

    Examples
    --------
    >>> from eventcoder.conllu import read_conllu
    >>> rows = [("Im", "in", "ADP", 3, "case"), ("vergangenen", "vergangen", "ADJ", 3, "amod"),
    ...         ("Jahr", "Jahr", "NOUN", 4, "obl"), ("beschuldigte", "beschuldigen", "VERB", 0,
    ...         "root"), ("Washington", "Washington", "PROPN", 4, "nsubj")]
    >>> text = "".join(f"{i}\\t{f}\\t{l}\\t{u}\\t_\\t_\\t{h}\\t{r}\\t_\\t_\\n"
    ...                for i, (f, l, u, h, r) in enumerate(rows, start=1))
    >>> sentence = read_conllu(text)[0].sentences[0]
    >>> resolve_event_date(sentence, 4, "2023-08-30", "de")
    EventDate(date='2022-01-01', precision='year', phrase='Im vergangenen Jahr', word_ids=(1, 2, 3))
    >>> resolve_event_date(sentence, 5, None, "de").date
    ''
    """
    article = _as_date(article_date)
    try:
        lex = load_temporal(language)
    except FileNotFoundError:
        _warn_no_lexicon(language)
        return EventDate(article.isoformat(), "day") if article else EventDate()
    if not 1 <= trigger_id <= len(sentence.words):
        raise IndexError(f"trigger id {trigger_id} outside 1..{len(sentence.words)}")
    head = sentence.word(trigger_id)
    seen = {head.id}
    while head.rel in _FUNCTION and head.head and head.head not in seen:
        head = sentence.word(head.head)
        seen.add(head.id)

    visited: list[int] = []
    current = head
    while True:
        visited.append(current.id)
        found = _search(sentence, current.id, lex, article)
        if found is not None:
            return found
        if current.rel not in _FALLBACK or not current.head or current.head in visited:
            break
        current = sentence.word(current.head)
    for clause_head in visited:
        for child in sentence.children(clause_head):
            if child.rel == "parataxis" and child.id not in visited:
                found = _search(sentence, child.id, lex, article)
                if found is not None:
                    return found
    if article is None:
        return EventDate()
    return EventDate(article.isoformat(), "day", "")
