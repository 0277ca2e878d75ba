"""When did an event happen? Resolve temporal expressions against the article date.

News dates events relative to the day of publication: "am Mittwoch", "last
week", "im vergangenen Jahr", "vor zwei Wochen", "in July", "2006",
"am 15. August". :func:`resolve_event_date` finds such an expression in the
clause of the event's trigger word and turns it into a date with a precision
(day, week, month or year); where the text says nothing, the event keeps the
article date.

The algorithm is language-neutral: every word it needs (month and weekday
names, units, "vergangen"/"last", "vor"/"ago", prepositions that make a time a
boundary such as "seit"/"since") is read from ``resources/<lang>/temporal.yaml``.

How an expression is found
--------------------------
1. The trigger's *clause* is the trigger and its dependents, not crossing into
   other clauses (``ccomp``, ``xcomp``, ``advcl``, ``acl``, ``parataxis``, a
   conjoined predicate) nor into core arguments (``nsubj``, ``obj``, ``iobj``:
   "arrested the organiser of last month's blasts" is not dated last month).
   Temporal phrases nested in oblique phrases count ("nach dem Treffen ... im
   Jahr 2018"). The nearest phrase to the trigger wins.
2. An embedded event with no expression of its own takes that of the clause
   that governs it ("Am Mittwoch sagte das Militär, dass Nordkorea ...
   abfeuerte" dates the launch to Wednesday), climbing through ``ccomp``,
   ``xcomp``, ``advcl``, ``conj``, ``csubj`` and ``parataxis`` (not through
   relative clauses).
3. Finally a reporting clause attached as ``parataxis`` ("..., sagte
   Jean-Pierre am Mittwoch.") dates the quote it reports.

How a phrase is read
--------------------
Dates are given as the first day of their period: precision "week" starts on
Monday, "month" on the 1st, "year" on 1 January. Weekdays and months without a
year point back from the article date (on or before it), forward in a clause
with a future auxiliary ("will", "werden") or a modifier like "nächsten"/"next",
and to the nearest one in a present-tense clause without auxiliary ("Die Wahl
findet im Oktober statt"). Seasons give a year ("im vergangenen Sommer").
A bare number is a year only if it has four digits (1000-2099) and stands as a
time ("2006", "in 2018", "im Jahr 2018", "Juli 1918"), not as a count ("2000
Soldaten") or after other prepositions ("auf 2000").
Boundaries, durations, habits and vague times are not event dates and are
skipped: "seit 2006", "until July", "for two weeks", "zwei Wochen später",
"in den vergangenen Jahren", "jeden Freitag", "a few weeks ago".
Not resolved: weekends and holidays ("am Wochenende", "Black Friday"), decades
("in den 1990er Jahren"), times relative to another event ("the next year",
"am Vortag"), and clock times (ignored; the day is kept).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from eventcoder.conllu import Sentence, Word
from eventcoder.dates import parse_date
from eventcoder.dictionaries import load_yaml
from eventcoder.resources_path import resource_dir

__all__ = ["EventDate", "TemporalLexicon", "load_temporal", "resolve_event_date"]

logger = logging.getLogger(__name__)

PRECISIONS = ("day", "week", "month", "year")

# Relations that start another clause: its times are not the trigger's.
_CLAUSAL = {"ccomp", "xcomp", "advcl", "acl", "csubj", "parataxis", "list", "discourse",
            "vocative", "reparandum", "orphan", "dislocated"}
# Objects: their modifiers date the object, not the event ("arrested the organiser of
# last month's blasts").
_CORE = {"obj", "iobj", "expl"}
# Subjects are searched last: in news the subject is often the event itself ("A fire
# yesterday morning killed five girls", "Ein Anschlag am Montag tötete ...").
_SUBJECT = "nsubj"
_SUBJECT_PENALTY = 100
# Relations through which an embedded event takes its governing clause's date.
_FALLBACK = {"ccomp", "xcomp", "advcl", "conj", "csubj", "parataxis"}
# Function words that point at the predicate they belong to.
_FUNCTION = {"aux", "cop", "mark", "compound", "fixed", "flat", "case"}
# Relations inside a temporal phrase ("15." -> "August", "vergangenen" -> "Jahr").
_CHUNK = {"nummod", "nmod", "amod", "det", "flat", "compound", "appos", "conj", "fixed",
          "obl", "advmod", "dep"}
# Relations by which a temporal phrase attaches to its clause.
_ATTACH = {"obl", "nmod", "advmod", "dep", "appos"}

_YEAR = re.compile(r"^(1\d\d\d|20\d\d)$")
_SHORT_YEAR = re.compile(r"^['\u2019](\d\d)$")
_DAY = re.compile(r"^(\d{1,2})(?:\.|st|nd|rd|th)?$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")


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


@dataclass(frozen=True)
class TemporalLexicon:
    """The words of one language's ``temporal.yaml``, as read-only lookup tables."""

    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    day_parts: tuple[str, ...]
    unit_singular: dict[str, str]
    unit_plural: dict[str, str]
    relative: tuple[tuple[str, int], ...]
    relative_prefix_match: bool
    deictic_days: dict[str, int]
    deictic_upos: frozenset[str]
    ago_cases: frozenset[str]
    ago_words: frozenset[str]
    ahead_cases: frozenset[str]
    numbers: dict[str, int]
    skip_cases: frozenset[str]
    skip_words: frozenset[str]
    year_cases: frozenset[str]
    year_words: frozenset[str]
    period_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    skip_modifiers: tuple[str, ...] = ()
    indefinite_articles: frozenset[str] = frozenset()
    narrative_determiners: frozenset[str] = frozenset()
    after_cases: frozenset[str] = frozenset()
    seasons: dict[str, int] = field(default_factory=dict)
    numeric_date_order: str = "dmy"
    extra: dict = field(default_factory=dict)

    def matches(self, word: Word, words: Iterable[str]) -> bool:
        """Is ``word`` (form or lemma) in ``words`` (or starts with one, for prefix languages)?"""
        for text in (_key(word.form), _key(word.lemma)):
            for w in words:
                if text == w or (self.relative_prefix_match and text.startswith(w)):
                    return True
        return False

    def relative_offset(self, word: Word) -> int | None:
        """-1/0/+1 if ``word`` is "vergangen"/"dies"/"nächst" (or "last"/"this"/"next")."""
        for text in (_key(word.form), _key(word.lemma)):
            for stem, offset in self.relative:
                if text == stem or (self.relative_prefix_match and text.startswith(stem)):
                    return offset
        return None


def _key(text: str) -> str:
    return text.lower().rstrip(".") if text not in (".", "") else text


def _words(values: Iterable) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@functools.cache
def load_temporal(language: str) -> TemporalLexicon:
    """Read ``resources/<language>/temporal.yaml``.

    Parameters
    ----------
    language : str
        Language code ("de", "en").

    Returns
    -------
    TemporalLexicon

    Raises
    ------
    FileNotFoundError
        If the language has no ``temporal.yaml``.

    Examples
    --------
    >>> load_temporal("de").months["juli"]
    7
    """
    path = resource_dir(language) / "temporal.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no temporal expressions for language {language!r} ({path})")
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    months = {str(n).lower(): int(m) for m, names in data.get("months", {}).items() for n in names}
    weekdays = {str(n).lower(): int(d) for d, names in data.get("weekdays", {}).items()
                for n in names}
    singular: dict[str, str] = {}
    plural: dict[str, str] = {}
    for unit, forms in (data.get("units") or {}).items():
        for form in forms.get("singular", ()):
            singular[str(form).lower()] = unit
        for form in forms.get("plural", ()):
            plural[str(form).lower()] = unit
    relative = tuple(sorted(((str(w).lower(), int(off)) for off, ws in
                             (data.get("relative") or {}).items() for w in ws),
                            key=lambda p: -len(p[0])))
    return TemporalLexicon(
        language=language,
        months=MappingProxyType(months),
        weekdays=MappingProxyType(weekdays),
        day_parts=tuple(str(p).lower() for p in data.get("day_parts") or ()),
        unit_singular=MappingProxyType(singular),
        unit_plural=MappingProxyType(plural),
        relative=relative,
        relative_prefix_match=bool(data.get("relative_prefix_match", False)),
        deictic_days=MappingProxyType({str(k).lower(): int(v)
                                       for k, v in (data.get("deictic_days") or {}).items()}),
        deictic_upos=frozenset(data.get("deictic_upos") or ()),
        ago_cases=_words(data.get("ago_cases")),
        ago_words=_words(data.get("ago_words")),
        ahead_cases=_words(data.get("ahead_cases")),
        numbers=MappingProxyType({str(k).lower(): int(v)
                                  for k, v in (data.get("numbers") or {}).items()}),
        skip_cases=_words(data.get("skip_cases")),
        skip_words=_words(data.get("skip_words")),
        year_cases=_words(data.get("year_cases")),
        year_words=_words(data.get("year_words")),
        period_words=_words(data.get("period_words")),
        future_auxiliaries=_words(data.get("future_auxiliaries")),
        skip_modifiers=tuple(sorted(_words(data.get("skip_modifiers")))),
        indefinite_articles=_words(data.get("indefinite_articles")),
        narrative_determiners=_words(data.get("narrative_determiners")),
        after_cases=_words(data.get("after_cases")),
        seasons=MappingProxyType({str(k).lower(): int(v)
                                  for k, v in (data.get("seasons") or {}).items()}),
        numeric_date_order=str(data.get("numeric_date_order", "dmy")),
    )


# --------------------------------------------------------------------------- words


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


def _is_predicate(sentence: Sentence, word: Word) -> bool:
    if word.upos in ("VERB", "AUX"):
        return True
    return any(c.rel in ("nsubj", "cop", "aux", "csubj") for c in sentence.children(word.id))


def _crosses(sentence: Sentence, child: Word) -> bool:
    """Does the edge to ``child`` leave the clause?"""
    if child.rel in _CLAUSAL or (child.rel == "conj" and _is_predicate(sentence, child)):
        return True
    # a participle before a noun is a clause of its own: "die 1983 ausgerufene Republik"
    return child.rel == "amod" and (child.upos == "VERB" or any(
        g.rel in ("obl", "nmod", "obj") for g in sentence.children(child.id)))


def _clause(sentence: Sentence, head: int) -> dict[int, int]:
    """Word ids of ``head``'s clause, mapped to their depth below ``head``."""
    depth = {head: 0}
    stack = [head]
    while stack:
        current = stack.pop()
        for child in sentence.children(current):
            if child.id in depth or child.rel == "punct" or _crosses(sentence, child):
                continue
            if child.rel in _CORE:
                continue
            step = _SUBJECT_PENALTY if child.rel == _SUBJECT and current == head else 1
            depth[child.id] = depth[current] + step
            stack.append(child.id)
    return depth


def _phrase_words(sentence: Sentence, head: int) -> list[Word]:
    seen = {head}
    stack = [head]
    while stack:
        for child in sentence.children(stack.pop()):
            if child.id in seen or child.rel == "punct" or _crosses(sentence, child):
                continue
            seen.add(child.id)
            stack.append(child.id)
    return [sentence.word(i) for i in sorted(seen)]


def _surface(sentence: Sentence, ids: set[int]) -> str:
    """The phrase as written: multi-word tokens ("im") instead of their parts."""
    mwt = {}
    for tok in sentence.tokens:
        for i in range(tok.first, tok.last + 1):
            mwt[i] = tok
    out: list[str] = []
    done: set[int] = set()
    for i in sorted(ids):
        tok = mwt.get(i)
        if tok is not None:
            if tok.first not in done:
                out.append(tok.form)
                done.add(tok.first)
        else:
            out.append(sentence.word(i).form)
    return " ".join(out)


# --------------------------------------------------------------------------- dates


def _period_start(day: dt.date, precision: str) -> dt.date:
    if precision == "week":
        return day - dt.timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    return dt.date(day.year + n, 1, 1)


def _weekday_date(article: dt.date, weekday: int, offset: int | None, future: bool,
                  nearest: bool = False) -> dt.date:
    """The date of a weekday: back from the article date, forward in future clauses,
    the nearest one in present-tense clauses ("Der Prozess beginnt am Freitag")."""
    if offset == 0:  # "diesen Mittwoch": in the article's week
        return article - dt.timedelta(days=article.weekday()) + dt.timedelta(days=weekday)
    if offset is None and nearest and not future:
        back = (article.weekday() - weekday) % 7
        return article - dt.timedelta(days=back) if back <= 3 else article + dt.timedelta(
            days=7 - back)
    if offset == 1 or (offset is None and future):
        ahead = (weekday - article.weekday()) % 7
        return article + dt.timedelta(days=ahead or (7 if offset == 1 else 0))
    back = (article.weekday() - weekday) % 7
    return article - dt.timedelta(days=back or (7 if offset == -1 else 0))


def _nearest_year(article: dt.date, month: int, day: int) -> int:
    """The year that puts ``month``/``day`` closest to the article date."""
    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day) - article).days)
        except ValueError:  # 29 February
            return 10**6
    return min((article.year - 1, article.year, article.year + 1), key=distance)


def _month_year(article: dt.date, month: int, day: int | None, offset: int | None,
                future: bool, nearest: bool = False) -> int:
    """The year of an undated month (and day): the nearest one in the text's direction.

    Past by default (news reports what happened), forward in future clauses, and the
    nearest one in present-tense clauses ("Die Wahl findet im Oktober statt").
    """
    key = (month, day or 1)
    now = (article.month, article.day if day else 1)
    if offset is None and nearest and not future:
        if day is None:  # compare month starts, so the running month is "now"
            return _nearest_year(article.replace(day=1), month, 1)
        return _nearest_year(article, month, day)
    if offset == 0:
        return article.year
    if offset == 1 or (offset is None and future):
        return article.year if key > now or (key == now and offset is None) else article.year + 1
    if offset == -1:
        return article.year if key < now else article.year - 1
    return article.year if key <= now else article.year - 1


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


def _is_future(sentence: Sentence, head: int, lex: TemporalLexicon) -> bool:
    return any(c.deprel == "aux" and (_key(c.lemma) in lex.future_auxiliaries
                                      or _key(c.form) in lex.future_auxiliaries)
               for c in sentence.children(head))


def _phrase_head(sentence: Sentence, word: Word, region: dict[int, int], clause_head: int,
                 lex: TemporalLexicon) -> Word:
    current = word
    while (current.rel in _CHUNK and current.head in region and current.head != clause_head
           and _temporalish(sentence.word(current.head), lex)):
        current = sentence.word(current.head)
    return current


def _behind_boundary(sentence: Sentence, phrase_head: Word, clause_head: int,
                     lex: TemporalLexicon) -> bool:
    """Is the phrase nested in a boundary phrase ("until his court appearance on April 5")?

    Phrases nested in "nach/after" phrases still count: "Nach dem Treffen im Jahr 2018
    erklärten ..." happened in 2018 or soon after.
    """
    current = phrase_head
    while current.head and current.head != clause_head:
        current = sentence.word(current.head)
        key = _key(current.form)
        if current.upos == "ADP" and key in lex.skip_cases and key not in lex.after_cases:
            return True  # "(bis 2001)" parsed with the preposition as head
        for child in sentence.children(current.id):
            if child.rel == "case" or (child.upos == "ADP" and child.rel in ("dep", "mark")):
                word = _key(child.lemma) or _key(child.form)
                if (word in lex.skip_cases or _key(child.form) in lex.skip_cases) and not (
                        word in lex.after_cases or _key(child.form) in lex.after_cases):
                    return True
    return False


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
