"""Reading one temporal phrase: its words turned into a date and a precision
("vor zwei Wochen", "am 15. August", "im vergangenen Sommer", "2006")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventcoder.conllu import Sentence, Word

from .lexicon import TemporalLexicon, _key
from .periods import _month_year, _shift, _weekday_date
from .words import (
    _DAY,
    _in_name,
    _is_deictic,
    _month,
    _numeric_date,
    _season,
    _unit,
    _weekday,
    _year,
)


def _count(sentence: Sentence, unit_word: Word, lex: TemporalLexicon) -> int | None:
    """The number of units counted ("zwei Wochen" -> 2), or ``None`` ("den Jahren")."""
    kids = [c for c in sentence.children(unit_word.id) if c.rel in ("nummod", "det")]
    if any(c.rel == "det" and _key(c.form) not in lex.numbers for c in kids):
        return None  # "in den ersten fünf Jahren": a definite period, not a count
    for child in kids:
        if any(g.rel in ("nummod", "compound", "flat") for g in sentence.children(child.id)):
            return None  # "ten thousand years ago": no big or compound counts
        text = _key(child.form)
        if text.isdigit():
            return int(text)
        if text in lex.numbers:
            return lex.numbers[text]
        if _key(child.lemma) in lex.numbers and child.rel == "nummod":
            return lex.numbers[_key(child.lemma)]
    return None


@dataclass
class _Reading:
    date: dt.date
    precision: str


def _read_phrase(sentence: Sentence, head: Word, words: list[Word], lex: TemporalLexicon,
                 article: dt.date | None, future: bool,
                 present_or_future: bool = True, nearest: bool = False) -> _Reading | None:
    """Turn the words of one temporal phrase into a date, or ``None``."""
    markers = [w for i, w in enumerate(words) if (w.rel == "case" or w.upos == "ADP")
               and (w.head == head.id or i == 0)]  # "Seit Ende letzten Jahres"
    cases = {_key(w.form) for w in markers} | {_key(w.lemma) for w in markers}
    keys = {_key(w.form) for w in words}
    if any(lex.matches(w, lex.skip_modifiers) for w in words):
        return None  # "jeden Freitag", "vor ein paar Wochen", "every Monday"
    if any(c.rel == "punct" and c.form == "(" for c in sentence.children(head.id)):
        return None  # "in „Sabrina“ (1954)": a title's year

    named = {w.id for w in words if _in_name(sentence, w, lex)}
    month = next((m for w in words if w.id not in named and (m := _month(w, lex))), None)
    weekday = next((d for w in words if w.id not in named
                    and (d := _weekday(w, lex)) is not None), None)
    numeric = next((d for w in words if (d := _numeric_date(w, lex))), None)
    year_word = next((w for w in words if _year(w)), None)
    year = _year(year_word) if year_word else None
    unit_word = next((w for w in words if _unit(w, lex)), None)
    offsets = [o for w in words if w.rel in ("amod", "det", "advmod")
               and (o := lex.relative_offset(w)) is not None]
    offset = offsets[0] if offsets else None
    counted = _count(sentence, unit_word, lex) if unit_word is not None else None
    ago = bool(cases & lex.ago_cases or keys & lex.ago_words)
    if year is not None and not ago:
        counted = None  # "im Jahr 2018" names a year, it does not count them

    # "vor zwei Wochen", "two weeks ago", "in drei Tagen"
    if unit_word is not None and counted is not None and offset is None and month is None \
            and numeric is None:
        unit = _unit(unit_word, lex)[0]
        if ago:
            if article is None:
                return None
            return _Reading(_shift(article, unit, -counted), unit)
        if cases & lex.ahead_cases and not cases & lex.skip_cases and present_or_future:
            if article is None:
                return None
            return _Reading(_shift(article, unit, counted), unit)
        return None  # a duration or a distance from another event ("zwei Wochen später")
    if cases & lex.skip_cases:
        return None
    if keys & lex.ago_words:
        return None

    if numeric is not None:
        return _Reading(numeric, "day")
    named_days = [w for w in words if w.id not in named
                  and (_month(w, lex) or _weekday(w, lex) is not None)]
    if any(c.rel == "det" and _key(c.form) in lex.indefinite_articles
           for w in named_days for c in sentence.children(w.id)):
        return None  # "on a Friday", "an einem Montag"
    if month is not None:
        day_num = None
        month_word = next(w for w in words if w.id not in named and _month(w, lex))
        for wid in (month_word.id - 1, month_word.id + 1, month_word.id - 2):
            if not 1 <= wid <= len(sentence.words) or wid not in {w.id for w in words}:
                continue
            w = sentence.word(wid)
            m = _DAY.match(w.form)
            if m and w is not year_word and 1 <= int(m.group(1)) <= 31:
                day_num = int(m.group(1))
                break
        if year is None:
            if article is None:
                return None
            year = _month_year(article, month, day_num, offset, future, nearest)
        try:
            if day_num is not None:
                return _Reading(dt.date(year, month, day_num), "day")
        except ValueError:
            return None
        return _Reading(dt.date(year, month, 1), "month")
    if weekday is not None:
        if article is None or (unit_word is not None and _unit(unit_word, lex)[1]):
            return None  # "on Friday nights": habitual
        if unit_word is not None and _unit(unit_word, lex)[0] == "week" and offset is not None:
            monday = article - dt.timedelta(days=article.weekday())  # "Thursday of next week"
            return _Reading(monday + dt.timedelta(weeks=offset, days=weekday), "day")
        return _Reading(_weekday_date(article, weekday, offset, future, nearest), "day")
    season = next((m for w in words if (m := _season(w, lex))), None)
    if season is not None and year is None:
        if article is None:
            return None
        # the season now running or the last one begun; "vergangenen": the one before
        started = article.year if season <= article.month else article.year - 1
        running = 0 <= (article.month - season) % 12 <= 2
        if offset == -1:
            started -= 1 if running else 0
        elif offset == 1:
            started += 1
        elif offset is None and (future or nearest) and not running:
            ahead = (season - article.month) % 12
            if future or ahead <= 12 - ahead - 3:  # nearer ahead than the last one's end
                started += 1
        return _Reading(dt.date(started, 1, 1), "year")
    if year is not None:
        if head.rel == "nummod" and head is year_word:
            return None
        if cases and not cases & lex.year_cases:
            return None
        return _Reading(dt.date(year, 1, 1), "year")
    if unit_word is not None and offset is not None:
        unit, plural = _unit(unit_word, lex)
        if plural or article is None or any(
                c.rel == "det" and _key(c.form) in lex.narrative_determiners
                for c in sentence.children(unit_word.id)):
            return None  # "the next year": the year after another event
        return _Reading(_shift(article, unit, offset), unit)
    if _is_deictic(head, lex) or any(_is_deictic(w, lex) for w in words):
        if article is None:
            return None
        word = head if _is_deictic(head, lex) else next(w for w in words if _is_deictic(w, lex))
        return _Reading(article + dt.timedelta(days=lex.deictic_days[_key(word.form)]), "day")
    return None
