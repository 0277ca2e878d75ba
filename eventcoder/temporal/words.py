"""What a single word is in a temporal expression: a month, weekday, season, unit,
year, numeric date or deictic day ("gestern"), and whether it can anchor or sit
inside a temporal phrase."""

from __future__ import annotations

import datetime as dt
import re

from eventcoder.conllu import Sentence, Word

from .lexicon import TemporalLexicon, _key

_YEAR = re.compile(r"^(1\d\d\d|20\d\d)$")
_SHORT_YEAR = re.compile(r"^['\u2019](\d\d)$")
_DAY = re.compile(r"^(\d{1,2})(?:\.|st|nd|rd|th)?$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")


def _capitalised(word: Word) -> bool:
    return word.form[:1].isupper()


def _in_name(sentence: Sentence, word: Word, lex: TemporalLexicon) -> bool:
    """Is ``word`` part of a multi-word name ("August Wilhelm Schlegel", "Black Friday")?"""
    if word.rel == "flat" or any(c.rel == "flat" for c in sentence.children(word.id)):
        return True
    if any(c.rel in ("amod", "compound") and c.id < word.id and c.form[:1].isupper()
           and c.upos in ("ADJ", "PROPN") and lex.relative_offset(c) is None
           for c in sentence.children(word.id)):
        return True
    head = sentence.word(word.head) if word.head else None
    return (head is not None and word.upos == "PROPN" and head.upos == "PROPN"
            and word.rel in ("dep", "compound") and head.id == word.id + 1)


def _month(word: Word, lex: TemporalLexicon) -> int | None:
    if not _capitalised(word):
        return None
    return lex.months.get(_key(word.form)) or lex.months.get(_key(word.lemma))


def _weekday(word: Word, lex: TemporalLexicon) -> int | None:
    if not _capitalised(word):
        return None
    for text in (_key(word.form), _key(word.lemma)):
        if text in lex.weekdays:
            return lex.weekdays[text]
        for name, day in lex.weekdays.items():  # "Mittwochabend"
            if text.startswith(name) and text[len(name):] in lex.day_parts:
                return day
    return None


def _season(word: Word, lex: TemporalLexicon) -> int | None:
    """First month of a season word ("Sommer" -> 6), if ``word`` is a singular noun."""
    if word.upos not in ("NOUN", "PROPN") or word.feats.get("Number") == "Plur":
        return None
    return lex.seasons.get(_key(word.form)) or lex.seasons.get(_key(word.lemma))


def _unit(word: Word, lex: TemporalLexicon) -> tuple[str, bool] | None:
    """``(unit, plural)`` for "Jahr"/"Wochen"/"days", else ``None``."""
    form, lemma = _key(word.form), _key(word.lemma)
    if form in lex.unit_plural:
        return lex.unit_plural[form], True
    if form in lex.unit_singular:
        return lex.unit_singular[form], word.feats.get("Number") == "Plur"
    if lemma in lex.unit_singular:
        return lex.unit_singular[lemma], word.feats.get("Number") == "Plur"
    return None


def _year(word: Word) -> int | None:
    m = _YEAR.match(word.form)
    if m and word.upos in ("NUM", "PROPN", "NOUN", "X", "ADJ"):
        return int(m.group(1))
    m = _SHORT_YEAR.match(word.form)  # "in September of '67"
    if m:
        short = int(m.group(1))
        return 2000 + short if short <= 30 else 1900 + short
    return None


def _numeric_date(word: Word, lex: TemporalLexicon) -> dt.date | None:
    m = _ISO.match(word.form)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _NUMERIC.match(word.form)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 else y
            day, month = (a, b) if lex.numeric_date_order == "dmy" else (b, a)
            return dt.date(y, month, day)
    except ValueError:
        return None
    return None


def _is_deictic(word: Word, lex: TemporalLexicon) -> bool:
    return _key(word.form) in lex.deictic_days and (
        not lex.deictic_upos or word.upos in lex.deictic_upos)


def _anchor(word: Word, lex: TemporalLexicon) -> bool:
    """Can ``word`` be the core of a temporal phrase?"""
    return bool(
        _month(word, lex) or _weekday(word, lex) is not None or _unit(word, lex)
        or _year(word) or _numeric_date(word, lex) or _is_deictic(word, lex)
        or _season(word, lex)
        or _key(word.form) in lex.ago_words
    )


def _temporalish(word: Word, lex: TemporalLexicon) -> bool:
    """Can ``word`` sit inside a temporal phrase above its core ("Anfang", "ago", "15")?"""
    key = _key(word.form)
    return (_anchor(word, lex) or word.upos == "NUM" or bool(_DAY.match(word.form))
            or key in lex.period_words
            or _key(word.lemma) in lex.period_words or key in lex.skip_words
            or key in lex.ago_words)
