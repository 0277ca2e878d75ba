"""The workbench's view of a corpus: parsed documents, coded once, with every sentence's
actor matches, the words that triggered events, and keyword-in-context text.

:func:`parse_corpus` turns articles into documents (through the parse cache);
:func:`scan` codes them and yields one :class:`ScannedSentence` per sentence, which the
verb and actor listings read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..actors import Actor, SentenceActors, choose_entry
from ..coding import DocumentContext, code_sentence
from ..conllu import Document, Sentence, Word, read_conllu
from ..dates import parse_date
from ..dictionaries import LanguageResources, load_language, normalize
from ..events import Event

__all__ = ["AGENT_ENDINGS", "NAME_LINKS", "Argument", "ScannedSentence", "agent_like", "argument",
           "documents", "kwic", "kwic_line", "parse_corpus", "phrase_text", "resources", "scan",
           "span_text", "word_key"]

#: endings of nouns that name people by what they do ("protester", "separatist",
#: "insurgent"; "Demonstrant", "Aktivist", "Soldat"), endings that look like them but do
#: not ("statement", "Regierung"), and common nouns with such an ending that are no
#: people: a heuristic for nouns that may be actors (the lists rank, users decide)
AGENT_ENDINGS = {
    "en": (("er", "or", "ist", "ian", "ant", "ent", "eer", "ee"),
           ("ment", "ness"),
           frozenset({"other", "another", "paper", "danger", "manner", "career", "error", "floor",
                      "door", "factor", "sector", "motor", "vector", "mirror", "honor", "honour",
                      "labor", "labour", "favor", "favour", "corridor", "reactor", "number", "order",
                      "border", "power", "tower", "water", "matter", "quarter", "letter", "center",
                      "centre", "winter", "summer", "disaster", "shelter", "computer", "character",
                      "chapter", "theater", "theatre", "cluster", "weather", "answer", "barrier",
                      "frontier", "chamber", "fiber", "register", "river", "cancer", "dinner",
                      "event", "talent", "patent", "extent", "content", "percent", "accident",
                      "incident", "element", "plant", "grant", "restaurant", "instant", "moment",
                      "intent", "comet", "planet", "degree", "tree", "coffee", "guarantee", "trainer",
                      "container", "banner", "partner", "premier", "cover"})),
    "de": (("er", "ant", "ent", "ist", "eur", "or", "at", "in"),
           ("ung", "heit", "keit", "schaft", "tion"),
           frozenset({"wasser", "zimmer", "messer", "fenster", "theater", "computer", "meter",
                      "liter", "nummer", "ufer", "feuer", "lager", "alter", "wetter", "monat",
                      "senat", "staat", "format", "paket", "rat", "prozent", "moment", "element",
                      "dokument", "parlament", "talent", "kontinent", "termin", "benzin", "magazin",
                      "medizin", "disziplin", "winter", "sommer", "kloster", "muster", "zucker",
                      "körper", "räder", "länder", "kinder", "semester", "register", "fieber"})),
}
#: languages that write compounds as one word: an excluded noun excludes its compounds too
_COMPOUNDING = frozenset({"de"})
#: lower-case words that may stand inside a capitalised name ("Ministry *of* Defence")
NAME_LINKS = {
    "en": frozenset({"of", "for", "al", "bin", "de", "do", "da", "dos", "del", "di", "von", "van",
                     "la", "le", "du"}),
    "de": frozenset({"der", "des", "für", "von", "van", "de", "do", "da", "del", "di", "al", "bin"}),
}
#: languages whose common nouns are capitalised, so capitals do not mark a name
CAPITALISED_NOUNS = frozenset({"de"})


def parse_corpus(articles: Any, *, language: str, text_field: str = "text", id_field: str = "id",
                 date_field: str = "date", speaker_field: str = "speaker",
                 model_dir: str | os.PathLike | None = None,
                 cache_dir: str | os.PathLike | None = None, use_cache: bool = True,
                 progress: bool = True) -> list[Document]:
    """Parse the articles of one language into documents (once; parses are cached on disk).

    Parameters
    ----------
    articles : DataFrame or list of dict
        One row per article with a text; rows whose ``language`` column names
        another language are left out.
    language : str
        ``"de"`` or ``"en"``.
    text_field, id_field, date_field, speaker_field : str
        Column names; a missing id becomes ``doc<n>``; date and speaker are optional.
    model_dir, cache_dir, use_cache, progress
        Parsing options (see :func:`eventcoder.parsing.parse_texts`).

    Returns
    -------
    list of Document
        With ``id`` and the ``date``, ``speaker`` and ``language`` metadata the
        coder reads; pass them to every workbench function.

    Examples
    --------
    >>> import eventcoder as ec
    >>> docs = parse_corpus(ec.load_example("seed_article_de"), language="de",
    ...                     progress=False)  # doctest: +SKIP
    >>> docs[0].id  # doctest: +SKIP
    'seed-2023-08-30'
    """
    from ..parsing import parse_texts

    frame = pd.DataFrame(list(articles)) if not isinstance(articles, pd.DataFrame) else articles
    if text_field not in frame.columns:
        raise KeyError(f"the articles have no {text_field!r} column (columns: {list(frame.columns)})")
    if "language" in frame.columns:
        frame = frame[frame["language"].fillna(language).str.lower() == language]
    frame = frame[frame[text_field].fillna("").astype(str).str.strip() != ""]
    docs = parse_texts(frame[text_field].astype(str).tolist(), language=language, model_dir=model_dir,
                       cache_dir=cache_dir, use_cache=use_cache, progress=progress)
    rows = frame.to_dict("records")
    for i, (doc, row) in enumerate(zip(docs, rows, strict=True), start=1):
        doc.id = _field(row, id_field) or f"doc{i}"
        doc.metadata["language"] = language
        day = parse_date(_field(row, date_field) or None, where=f"article {doc.id!r}")
        if day:
            doc.metadata["date"] = day.isoformat()
        if _field(row, speaker_field):
            doc.metadata["speaker"] = _field(row, speaker_field)
    return docs


def _field(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def documents(corpus: Any, language: str) -> list[Document]:
    """The documents of ``corpus``: parsed documents as they are, a CoNLL-U path or
    string read, articles (a DataFrame or a list of dicts) parsed."""
    if isinstance(corpus, Document):
        return [corpus]
    if isinstance(corpus, str | os.PathLike):
        if isinstance(corpus, os.PathLike) or "\t" in corpus or str(corpus).endswith(".conllu"):
            return read_conllu(corpus)
        raise ValueError(f"expected documents, articles or a .conllu file, got {str(corpus)[:80]!r}")
    if isinstance(corpus, pd.DataFrame):
        return parse_corpus(corpus, language=language, progress=False)
    items = list(corpus)
    if all(isinstance(d, Document) for d in items):
        return items
    if all(isinstance(d, dict) for d in items):
        return parse_corpus(items, language=language, progress=False)
    raise TypeError("expected documents (parse_corpus), articles (a DataFrame or dicts) or CoNLL-U")


@dataclass
class ScannedSentence:
    """One coded sentence: its document, actors, events and the words that triggered them."""

    doc_id: str
    date: str
    sentence: Sentence
    actors: SentenceActors
    events: list[Event]
    triggers: set[int] = field(default_factory=set)


def _span_ids(span: str) -> set[int]:
    low, _, high = span.partition("-")
    if not low.isdigit():
        return set()
    return set(range(int(low), int(high or low) + 1))


def scan(docs: Sequence[Document], res: LanguageResources) -> Iterator[ScannedSentence]:
    """Code every sentence as :func:`eventcoder.coding.code_document` does, keeping what
    the workbench needs: the sentence's actor matches and the words that triggered events.

    The actor matches use the document's context as the coder does (a person named
    in full earlier is known by the last name later: "Castillo" after "Pedro Castillo").
    """
    for doc in docs:
        day = parse_date(doc.metadata.get("date") or None, where=f"document {doc.id!r}")
        ctx = DocumentContext()
        ctx.document_speakers = _speaker(doc.metadata.get("speaker", "").strip(), res, day)
        for sentence in doc.sentences:
            if not sentence.words:
                continue
            actors = SentenceActors(sentence, res, date=day, aliases=ctx.aliases)
            events = code_sentence(sentence, res, doc_id=doc.id, date=day, context=ctx)
            triggers = set().union(*(_span_ids(e.trigger_span) for e in events)) if events else set()
            yield ScannedSentence(doc.id, day.isoformat() if day else "", sentence, actors, events,
                                  triggers)


def _speaker(value: str, res: LanguageResources, day: dt.date | None) -> list[Actor]:
    """A document's speaker as the coder takes it: an actor code, or a dictionary name."""
    if re.fullmatch(r"[A-Z0-9]{3,}", value):
        return [Actor(value, value, (), "speaker")]
    entries = res.actors.get(tuple(normalize(value).split())) if value else None
    entry = choose_entry(entries, day) if entries else None
    return [Actor(entry.code, value, (), "speaker")] if entry is not None else []


def resources(language: str, dictionaries: Any) -> LanguageResources:
    """The shipped dictionaries of ``language``, with the user folders layered over them."""
    return load_language(language, dictionaries=tuple(dictionaries or ()))


# -- words and phrases ------------------------------------------------------------------


def span_text(ids: Sequence[int] | set[int]) -> str:
    """Word ids as the ``*_span`` columns write them: ``"4"`` or ``"4-6"``."""
    ids = sorted(set(ids))
    if not ids:
        return ""
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def phrase_text(sentence: Sentence, ids: Sequence[int] | set[int]) -> str:
    return " ".join(sentence.words[i - 1].form for i in sorted(set(ids)))


def word_key(word: Word) -> str:
    """The word's lemma as a dictionary key (soft hyphens dropped)."""
    return normalize(word.lemma if word.lemma not in ("", "_") else word.form).replace("\xad", "")


def agent_like(word: Word, language: str, sentence: Sentence | None = None) -> bool:
    """Whether a noun's ending says it names people by what they do (see :data:`AGENT_ENDINGS`).

    With its ``sentence``, the noun must also be used as a count noun: in the
    plural, or with a determiner ("protesters", "a gunman"; not "together").
    """
    if word.upos != "NOUN":
        return False
    endings, not_endings, not_words = AGENT_ENDINGS.get(language, ((), (), frozenset()))
    lemma = word_key(word)
    if len(lemma) <= 4 or not lemma.endswith(endings) or lemma.endswith(not_endings):
        return False
    if language in _COMPOUNDING:
        if lemma.endswith(tuple(not_words)):  # "Trinkwasser"
            return False
    elif lemma in not_words:
        return False
    if sentence is None:
        return True
    return (word.feats.get("Number") == "Plur" or normalize(word.form) != lemma
            or any(c.rel == "det" or c.deprel == "nmod:poss" for c in sentence.children(word.id)))


def name_run(sentence: Sentence, head: Word) -> list[int]:
    """The proper-name words of ``head``'s phrase: ``head`` and its flat, compound and
    PROPN-appositive dependents that are proper nouns, as a contiguous span."""
    ids = {head.id}
    stack = [head]
    while stack:
        for child in sentence.children(stack.pop().id):
            if child.upos == "PROPN" and child.rel in ("flat", "compound", "appos") \
                    and child.id not in ids:
                ids.add(child.id)
                stack.append(child)
    low, high = min(ids), max(ids)
    return list(range(low, high + 1))


@dataclass(frozen=True)
class Argument:
    """A subject, object or oblique of a verb that looks like an actor.

    ``kind``: ``"actor"`` (the dictionaries code it), ``"agent"`` (a role noun the
    dictionary knows, without a country: ``---GOV``), ``"name"`` (a proper noun the
    dictionaries do not know) or ``"agent_noun"`` (a noun that names people by what
    they do, unknown to the dictionaries).
    """

    kind: str
    code: str
    text: str
    ids: tuple[int, ...]


def argument(item: ScannedSentence, word: Word, language: str) -> Argument | None:
    """What ``word`` (the head of an argument) is, if it looks like an actor."""
    found = item.actors.resolve(word)
    if found:
        actor = found[0]
        kind = "agent" if actor.code.startswith("---") else "actor"
        return Argument(kind, actor.code, actor.text, tuple(actor.span))
    if word.upos == "PROPN":
        ids = name_run(item.sentence, word)
        return Argument("name", "", phrase_text(item.sentence, ids), tuple(ids))
    if agent_like(word, language, item.sentence):
        return Argument("agent_noun", "", word.form, (word.id,))
    return None


# -- keyword in context -------------------------------------------------------------------


def _tokens(sentence: Sentence) -> list[tuple[int, int, str, str]]:
    """Surface tokens as ``(first word id, last word id, form, space after)``."""
    multi = {t.first: t for t in sentence.tokens}
    out = []
    i = 1
    while i <= len(sentence.words):
        token = multi.get(i)
        if token is not None:
            out.append((token.first, token.last, token.form, "" if "SpaceAfter=No" in token.misc else " "))
            i = token.last + 1
            continue
        word = sentence.words[i - 1]
        out.append((i, i, word.form, "" if "SpaceAfter=No" in word.misc else " "))
        i += 1
    return out


def kwic(sentence: Sentence, ids: Sequence[int] | set[int], *, width: int = 40) -> tuple[str, str, str]:
    """Keyword in context: ``(left, keyword, right)`` around the words ``ids``.

    The context is cut to about ``width`` characters on each side ("…" marks a cut).

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> s = read_conllu("1\\tRebels\\trebel\\tNOUN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...                 "2\\tstormed\\tstorm\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...                 "3\\tKyiv\\tKyiv\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\tSpaceAfter=No\\n"
    ...                 "4\\t.\\t.\\tPUNCT\\t_\\t_\\t2\\tpunct\\t_\\t_\\n")[0].sentences[0]
    >>> kwic(s, [2])
    ('Rebels', 'stormed', 'Kyiv.')
    """
    ids = set(ids)
    if not ids:
        return "", "", ""
    low, high = min(ids), max(ids)
    left = right = key = ""
    for first, last, form, space in _tokens(sentence):
        if last < low:
            left += form + space
        elif first > high:
            right += form + space
        else:
            key += form + space
    left, key, right = left.strip(), key.strip(), right.strip()
    if len(left) > width:
        left = "…" + left[-width:].split(" ", 1)[-1]
    if len(right) > width:
        right = right[:width].rsplit(" ", 1)[0] + "…"
    return left, key, right


def kwic_line(left: str, key: str, right: str) -> str:
    """One keyword-in-context line: ``left [keyword] right``."""
    return f"{left} [{key}] {right}".strip()
