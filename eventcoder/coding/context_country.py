"""Actors in context: a role without a country takes the article's country.

"The police", "the prosecutor", "the military junta" are coded as a bare role
("---COP", "---JUD", "---GOV"). Where the article makes its country unambiguous,
the role is that country's ("FRACOP"), and the event says so in
``source_inferred``/``target_inferred`` so that users can filter such actors out.

The article's country is unambiguous when

- the article opens with a dateline whose place the actor dictionary knows
  ("PARIS (Reuters) -", "Kyiv, Ukraine —"), or
- the actor dictionary finds exactly one country in the whole article (named
  directly, or through a capital, a city, an adjective, an institution or a person
  of that country), and names it elsewhere than in the event's other actor.
  Organisations (IGO, NGO, IMG, MNC) do not count. "The foreign minister travelled
  to Morocco" alone says nothing of the minister's country: the one country named
  is the other side of the event.

Called once per document, from :func:`eventcoder.coding.code_document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..actors import SentenceActors
from ..cameo import ORG_PREFIXES
from ..conllu import Document
from ..dictionaries import LanguageResources, normalize
from ..events import Event

__all__ = ["UNKNOWN_COUNTRY", "article_country", "infer_countries"]

#: the country part of a role coded without one
UNKNOWN_COUNTRY = "---"
_DATELINE_DASHES = {"-", "--", "—", "–", ":"}
_DATELINE_WORDS = 8


def _country(code: str) -> str:
    """The country of an actor code, "" for organisations and unknown countries."""
    if not code or code.startswith(ORG_PREFIXES) or code.startswith(UNKNOWN_COUNTRY):
        return ""
    country = code[:3]
    return country if country.isalpha() and country.isupper() else ""


def _dateline(document: Document, res: LanguageResources, date: dt.date | None) -> str:
    """The country of an opening dateline ("KYIV, Ukraine (AP) —"), "" if there is none."""
    if not document.sentences:
        return ""
    sentence = document.sentences[0]
    words = sentence.words[:_DATELINE_WORDS + 1]
    cut = next((i for i, w in enumerate(words) if w.form in _DATELINE_DASHES), None)
    if cut is None or cut == 0 or any(w.form[:1].islower() for w in words[:cut]):
        return ""  # a dateline is names, numbers and punctuation ("German migrant charity Sea-Eye": no)
    actors = SentenceActors(sentence, res, date=date)
    # the place comes first ("PARIS (Reuters) -": not the agency's country)
    first = next(((start, entry) for start, entry, _ in actors.mentions() if start <= cut), None)
    if first is None or first[0] > 2 or first[1].kind in ("adj", "person"):
        return ""
    return _country(first[1].code)


def article_country(document: Document, res: LanguageResources,
                    date: dt.date | None = None) -> str:
    """The country an article is unambiguously about, or ``""`` (see the module)."""
    return _article_country(document, res, date)[0]


def _article_country(document: Document, res: LanguageResources, date: dt.date | None
                     ) -> tuple[str, list[tuple[str, int, int]] | None]:
    """The country an article is unambiguously about, or ``""``.

    Parameters
    ----------
    document : Document
        The parsed article.
    res : LanguageResources
        The dictionaries that name countries, places, institutions and people.
    date : datetime.date, optional
        The article's date (selects office holders).

    Returns
    -------
    country : str
        A CAMEO country code from the opening dateline, else the only country the
        actor dictionary finds in the article; ``""`` when there are none or several.
    mentions : list of (sentence id, first word, last word), or None
        Where the article names it (``None`` for a dateline: it counts everywhere).

    Examples
    --------
    >>> from eventcoder import load_language, read_conllu
    >>> text = ("1\\tThe\\tthe\\tDET\\t_\\t_\\t2\\tdet\\t_\\t_\\n"
    ...         "2\\tpolice\\tpolice\\tNOUN\\t_\\t_\\t3\\tnsubj\\t_\\t_\\n"
    ...         "3\\tarrested\\tarrest\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...         "4\\tprotesters\\tprotester\\tNOUN\\t_\\t_\\t3\\tobj\\t_\\t_\\n"
    ...         "5\\tin\\tin\\tADP\\t_\\t_\\t6\\tcase\\t_\\t_\\n"
    ...         "6\\tFrance\\tFrance\\tPROPN\\t_\\t_\\t3\\tobl\\t_\\t_\\n")
    >>> article_country(read_conllu(text)[0], load_language("en"))
    'FRA'
    """
    found = _dateline(document, res, date)
    if found:
        return found, None
    countries: set[str] = set()
    mentions: list[tuple[str, int, int]] = []
    generic = res.rules.default_country_institutions
    for sentence in document.sentences:
        actors = SentenceActors(sentence, res, date=date)
        for _start, entry, match in actors.mentions():
            code = _country(entry.code)
            if not code or (generic and _is_generic(actors, match.start, match.end, generic)):
                continue
            countries.add(code)
            if len(countries) > 1:
                return "", None
            mentions.append((sentence.id, match.start, match.end))
    return (countries.pop(), mentions) if countries else ("", None)


def _is_generic(actors: SentenceActors, start: int, end: int, generic: frozenset[str]) -> bool:
    """Whether words ``start..end`` are a generic institution name ("Congress")."""
    keys = actors.keys[start - 1:end]
    return " ".join(k[0] for k in keys) in generic or " ".join(k[1] for k in keys) in generic


def _span(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return (int(first), int(last or first)) if first.isdigit() else (0, -1)


def _named_apart(mentions: list[tuple[str, int, int]] | None, sentence_id: str,
                 other_span: str, same_sentence: bool = False) -> bool:
    """Whether the article's country is named outside the event's other actor (and,
    with ``same_sentence``, in the event's sentence)."""
    if mentions is None:
        return True
    lo, hi = _span(other_span)
    if same_sentence:
        return any(sid == sentence_id and (end < lo or start > hi) for sid, start, end in mentions)
    return any(sid != sentence_id or end < lo or start > hi for sid, start, end in mentions)


def infer_countries(events: list[Event], document: Document, res: LanguageResources,
                    date: dt.date | None = None) -> list[Event]:
    """Give bare roles ("---COP") the article's country, flagged as inferred.

    The article is read only when an event has such a role, or a generic institution
    (``default_country_institutions`` in ``lang.yaml``: "Congress" -> USALEG). Such an
    institution takes the article's country instead of its default one only where the
    country is named in the event's own sentence (apart from the other actor): "Supporters
    of former Brazilian president Jair Bolsonaro invade the National Congress" (BRALEG).
    Events whose other actor would then be the same actor are left as they were.
    """
    generic = res.rules.default_country_institutions

    def is_generic(code: str, text: str) -> bool:
        return bool(generic) and len(code) > 3 and normalize(text) in generic

    if not any(e.source.startswith(UNKNOWN_COUNTRY) or e.target.startswith(UNKNOWN_COUNTRY)
               or is_generic(e.source, e.source_text) or is_generic(e.target, e.target_text)
               for e in events):
        return events
    country, mentions = _article_country(document, res, date)
    if not country:
        return events
    out = []
    for e in events:
        source, target = e.source, e.target
        src_inf = source.startswith(UNKNOWN_COUNTRY) and _named_apart(
            mentions, e.sentence_id, e.target_span)
        tgt_inf = target.startswith(UNKNOWN_COUNTRY) and _named_apart(
            mentions, e.sentence_id, e.source_span)
        if not src_inf and is_generic(source, e.source_text) and source[:3] != country:
            src_inf = _named_apart(mentions, e.sentence_id, e.target_span, same_sentence=True)
        if not tgt_inf and is_generic(target, e.target_text) and target[:3] != country:
            tgt_inf = _named_apart(mentions, e.sentence_id, e.source_span, same_sentence=True)
        if src_inf:
            source = country + source[3:]
        if tgt_inf:
            target = country + target[3:]
        if (src_inf or tgt_inf) and source != target:
            e = replace(e, source=source, target=target, source_inferred=src_inf,
                        target_inferred=tgt_inf)
        out.append(e)
    return out
