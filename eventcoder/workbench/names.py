"""Noun phrases that look like actors but have no code: proper names the dictionaries do
not know, and nouns that name people by what they do ("protesters") that are not
agents. The gaps of the actor and agent dictionaries, ranked, with their uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..conllu import Sentence, Word
from ..dictionaries import LanguageResources, normalize
from .corpus import (
    CAPITALISED_NOUNS,
    NAME_LINKS,
    ScannedSentence,
    agent_like,
    documents,
    kwic,
    kwic_line,
    phrase_text,
    resources,
    scan,
    span_text,
    word_key,
)

__all__ = ["ACTOR_OCCURRENCE_COLUMNS", "UNCODED_ACTOR_COLUMNS", "actor_occurrences", "uncoded_actors"]

ACTOR_OCCURRENCE_COLUMNS = (
    "doc_id", "sentence_id", "date", "key", "phrase", "kind", "head", "relation", "verb",
    "source", "source_text", "source_span", "trigger", "trigger_span",
    "left", "keyword", "right", "sentence",
)
_SUBJECT_RELS = ("nsubj", "obl:agent", "csubj")
_OBJECT_RELS = ("obj", "iobj", "nsubj:pass")


def _calendar_words(res: LanguageResources) -> set[str]:
    """Month and weekday names, which are capitalised but never actors."""
    if res.temporal is None:
        return set()
    return set(res.temporal.months) | set(res.temporal.weekdays)


def _name_like(sentence: Sentence, word: Word, first: int, language: str) -> bool:
    if not (word.form[:1].isupper() or word.form[:1].isdigit() and word.upos == "PROPN"):
        return False
    if any(c in "()[]{}<>\"" for c in word.form):
        return False  # a tokenizer's leftover: "WN)"
    if word.upos == "PROPN":
        return True
    if word.id == first:  # a capital says nothing there, unless a proper noun follows ("Ulf Kristersson")
        nxt = sentence.words[word.id] if word.id < len(sentence.words) else None
        return nxt is not None and nxt.upos == "PROPN" and nxt.form[:1].isupper() \
            and word.upos in ("NOUN", "ADJ", "X")
    if language in CAPITALISED_NOUNS:
        return word.upos == "ADJ"  # "Vereinte (Nationen)", "Freie (Demokratische Partei)"
    return word.upos in ("NOUN", "ADJ", "X")


def _name_runs(item: ScannedSentence, res: LanguageResources) -> list[list[int]]:
    """Contiguous name-like words that no dictionary entry covers."""
    sentence, actors = item.sentence, item.actors
    words = sentence.words
    first = next((w.id for w in words if w.upos != "PUNCT"), 1)
    links = NAME_LINKS.get(res.language, frozenset())
    capital_nouns = res.language in CAPITALISED_NOUNS
    known = set(actors.matches) | set(actors.roles)
    pronouns = res.rules.first_person_pronouns | res.rules.third_person_pronouns
    for word in words:  # "Russia's", "I'm": a known name or a pronoun with a clitic
        base, apostrophe, _ = normalize(word.form).partition("'")
        if apostrophe and ((base,) in res.actors or base in pronouns or base == "i"):
            known.add(word.id)
    months = _calendar_words(res)
    runs: list[list[int]] = []
    run: list[int] = []
    for word in words:
        key = normalize(word.form)
        name = _name_like(sentence, word, first, res.language) and word.id not in known \
            and key not in months and not key.isdigit()
        if not name and capital_nouns and run and word.upos == "NOUN" and word.form[:1].isupper() \
                and word.id not in known:
            name = True  # the noun after a capitalised adjective: "Vereinte *Nationen*"
        if not name and run and word.id in actors.roles and word.id not in actors.matches \
                and word.form[:1].isupper():
            name = True  # a role noun that ends a name: "Eriador Free *Militia*", "Wagner *Group*"
        if name:
            run.append(word.id)
        elif run and key in links and word.id + 1 <= len(words) \
                and _name_like(sentence, words[word.id], first, res.language):
            run.append(word.id)  # "Ministry *of* Defence"
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    out = []
    for run in runs:
        while run and normalize(words[run[-1] - 1].form) in links:
            run.pop()
        if not run or not any(words[i - 1].upos in ("PROPN", "NOUN", "X") for i in run):
            continue
        if not any(words[i - 1].upos == "PROPN" for i in run) and ({run[0] - 1, run[-1] + 1} & known):
            continue  # "Prime" of "Prime Minister", "Supreme Federal" of "Supreme Federal Court"
        out.append(run)
    return out


def _head(sentence: Sentence, ids: list[int]) -> Word:
    """The word of ``ids`` whose head lies outside them (the first, if several)."""
    inside = set(ids)
    return next((sentence.words[i - 1] for i in ids if sentence.words[i - 1].head not in inside),
                sentence.words[ids[-1] - 1])


def _governor(sentence: Sentence, head: Word) -> tuple[Word, Word | None]:
    """The top of the noun phrase ``head`` belongs to, and the verb governing it (for a
    conjunct: the verb of the first conjunct, "X and *Y* invaded")."""
    top = head
    while top.head and top.rel in ("flat", "compound", "appos"):
        top = sentence.words[top.head - 1]
    first = top
    while first.head and first.rel == "conj":
        first = sentence.words[first.head - 1]
    parent = sentence.words[first.head - 1] if first.head else None
    return top, parent if parent is not None and parent.upos in ("VERB", "AUX") else None


def _row(item: ScannedSentence, ids: list[int], key: str, kind: str) -> dict[str, Any]:
    sentence = item.sentence
    head = _head(sentence, ids)
    top, verb = _governor(sentence, head)
    coded = item.actors.resolve(top) if top.rel != "conj" else item.actors.resolve(
        top, shared=sentence.words[top.head - 1])
    left, keyword, right = kwic(sentence, ids)
    phrase = phrase_text(sentence, ids)
    return {"doc_id": item.doc_id, "sentence_id": sentence.id, "date": item.date, "key": key,
            "phrase": phrase, "kind": kind, "head": normalize(head.lemma or head.form),
            "relation": top.deprel, "verb": normalize(verb.lemma) if verb is not None else "",
            "source": coded[0].code if coded else "", "source_text": phrase,
            "source_span": span_text(ids), "trigger": verb.form if verb is not None else "",
            "trigger_span": span_text([verb.id]) if verb is not None else "",
            "left": left, "keyword": keyword, "right": right, "sentence": sentence.surface()}


def _occurrences(scanned: Iterable[ScannedSentence], res: LanguageResources,
                 kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    months = _calendar_words(res)
    lower: set[str] = set()  # words the corpus writes in lower case somewhere
    capitals = res.language not in CAPITALISED_NOUNS
    for item in scanned:
        sentence = item.sentence
        taken: set[int] = set()
        if capitals:
            lower.update(normalize(w.form) for w in sentence.words if w.form[:1].islower())
        if "name" in kinds:
            for run in _name_runs(item, res):
                key = " ".join(normalize(sentence.words[i - 1].form) for i in run)
                rows.append(_row(item, run, key, "name"))
                taken.update(run)
        if "agent_noun" in kinds:
            for word in sentence.words:
                if word.id in taken or word.id in item.actors.roles or word.id in item.actors.matches:
                    continue
                if agent_like(word, res.language, sentence) and word_key(word) not in months:
                    rows.append(_row(item, [word.id], word_key(word), "agent_noun"))
    if capitals:
        # "Prime Minister", "Best Picture": words the corpus also writes in lower case (or
        # role nouns) are common words with a capital, not a name
        links = NAME_LINKS.get(res.language, frozenset())
        rows = [r for r in rows if r["kind"] != "name" or not all(
            w in lower or w in links or res.agent_role(w) for w in r["key"].split())]
    return rows


def actor_occurrences(corpus: Any, *, language: str, dictionaries: Any = (),
                      kinds: Iterable[str] = ("name", "agent_noun")) -> pd.DataFrame:
    """Every noun phrase that looks like an actor but that no dictionary entry covers.

    Two kinds are found: ``"name"``, a run of proper nouns (and, in English,
    capitalised words inside a sentence, joined by "of", "for", ...) where no word
    is in the actor or agent dictionaries ("Wagner Group", "Pedro Castillo");
    ``"agent_noun"``, a noun whose ending names people by what they do
    ("protesters", "separatists", "Demonstranten") that is not in the agent
    dictionary. Months and weekdays are left out.

    Parameters
    ----------
    corpus : list of Document, DataFrame, list of dict, or CoNLL-U
        As for :func:`verb_occurrences`.
    language : str
        ``"de"`` or ``"en"``.
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    kinds : iterable of str
        ``"name"``, ``"agent_noun"`` or both.

    Returns
    -------
    pandas.DataFrame
        One row per phrase, in corpus order; :func:`eventcoder.show_events`
        marks the phrase (as source) and the verb that governs it (as trigger):

        - ``doc_id``, ``sentence_id``, ``date`` (str): where, and the document's date.
        - ``key`` (str): what an entry would list: the name in lower case, or the
          lemma of an agent noun.
        - ``phrase`` (str): the words as written; ``kind`` (str): ``"name"`` or
          ``"agent_noun"``.
        - ``head`` (str): the lemma of the phrase's head word.
        - ``relation`` (str): the UD relation of the noun phrase (``nsubj``:
          it acts; ``obj``: it is acted on; ``obl``, ``nmod``, ...).
        - ``verb`` (str): the lemma of the verb the phrase depends on, or ``""``.
        - ``source`` (str): the code the whole noun phrase gets from its other
          words ("Peruvian President Pedro Castillo" -> PERGOV), or ``""``: a hint
          for the code of an entry.
        - ``source_text``, ``source_span`` (str): the phrase and its word ids.
        - ``trigger``, ``trigger_span`` (str): the governing verb and its word id.
        - ``left``, ``keyword``, ``right`` (str): the phrase in context.
        - ``sentence`` (str): the sentence text.

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> docs = read_conllu(
    ...     "1\\tThe\\tthe\\tDET\\t_\\t_\\t4\\tdet\\t_\\t_\\n"
    ...     "2\\tEriador\\tEriador\\tPROPN\\t_\\t_\\t4\\tcompound\\t_\\t_\\n"
    ...     "3\\tFree\\tFree\\tPROPN\\t_\\t_\\t4\\tcompound\\t_\\t_\\n"
    ...     "4\\tMilitia\\tMilitia\\tPROPN\\t_\\t_\\t5\\tnsubj\\t_\\t_\\n"
    ...     "5\\tstormed\\tstorm\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "6\\tFornost\\tFornost\\tPROPN\\t_\\t_\\t5\\tobj\\t_\\t_\\n")
    >>> actor_occurrences(docs, language="en")[["phrase", "kind", "relation", "verb"]]
                     phrase  kind relation   verb
    0  Eriador Free Militia  name    nsubj  storm
    1               Fornost  name      obj  storm
    """
    kinds = tuple(kinds)
    unknown = set(kinds) - {"name", "agent_noun"}
    if unknown:
        raise ValueError(f"unknown kind(s) {sorted(unknown)}; use 'name' and/or 'agent_noun'")
    res = resources(language, dictionaries)
    rows = _occurrences(scan(documents(corpus, language), res), res, kinds)
    return pd.DataFrame(rows, columns=list(ACTOR_OCCURRENCE_COLUMNS))


#: the columns of :func:`uncoded_actors`
UNCODED_ACTOR_COLUMNS = ("key", "phrase", "kind", "count", "as_subject", "as_object", "documents",
                         "suggested_code", "codes_in_context", "verbs", "file", "examples")


def uncoded_actors(corpus: Any, *, language: str, dictionaries: Any = (), min_count: int = 1,
                   examples: int = 3, kinds: Iterable[str] = ("name", "agent_noun")) -> pd.DataFrame:
    """Noun phrases that look like actors but have no code, ranked: the actor dictionaries' gaps.

    Parameters
    ----------
    corpus : list of Document, DataFrame, list of dict, or CoNLL-U
        As for :func:`actor_occurrences`; or the frame it returned.
    language : str
        ``"de"`` or ``"en"``.
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    min_count : int, default 1
        Leave out phrases found fewer times.
    examples : int, default 3
        Keyword-in-context lines per phrase (uses as subject or object first).
    kinds : iterable of str
        ``"name"``, ``"agent_noun"`` or both.

    Returns
    -------
    pandas.DataFrame
        One row per phrase, the most promising first (most often the subject or
        object of a verb, then most often found):

        - ``key`` (str): the phrase in lower case (a name) or the lemma (an agent noun).
        - ``phrase`` (str): its most frequent spelling.
        - ``kind`` (str): ``"name"`` or ``"agent_noun"``.
        - ``count`` (int): times found; ``documents`` (int): in how many documents.
        - ``as_subject``, ``as_object`` (int): times it is the subject (or the
          agent of a passive) and the object (or the subject of a passive) of a verb.
        - ``suggested_code`` (str): the code its noun phrase most often gets from
          other words ("President ... of Peru" -> PERGOV), or ``""``.
        - ``codes_in_context`` (str): those codes with counts.
        - ``verbs`` (str): the verbs it most often depends on.
        - ``file`` (str): where an entry would go: ``actors.tsv`` (names: a
          phrase and a code) or ``agents.tsv`` (agent nouns: a phrase and a role).
        - ``examples`` (list of str): keyword-in-context lines, the phrase in brackets.

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> docs = read_conllu(
    ...     "1\\tHijackers\\thijacker\\tNOUN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\tstormed\\tstorm\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tthe\\tthe\\tDET\\t_\\t_\\t4\\tdet\\t_\\t_\\n"
    ...     "4\\tvillage\\tvillage\\tNOUN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> uncoded_actors(docs, language="en")[["key", "kind", "as_subject", "file"]]
            key        kind  as_subject        file
    0  hijacker  agent_noun           1  agents.tsv
    """
    if isinstance(corpus, pd.DataFrame) and set(ACTOR_OCCURRENCE_COLUMNS) <= set(corpus.columns):
        occ = corpus
    else:
        occ = actor_occurrences(corpus, language=language, dictionaries=dictionaries, kinds=kinds)
    rows = []
    for (key, kind), group in occ.groupby(["key", "kind"], sort=False):
        subject = group["relation"].isin(_SUBJECT_RELS)
        obj = group["relation"].isin(_OBJECT_RELS)
        ordered = pd.concat([group[subject | obj], group[~(subject | obj)]])
        codes = Counter(c for c in group["source"] if c)
        rows.append({
            "key": key, "phrase": group["phrase"].mode().iloc[0], "kind": kind, "count": len(group),
            "as_subject": int(subject.sum()), "as_object": int(obj.sum()),
            "documents": group["doc_id"].nunique(),
            "suggested_code": codes.most_common(1)[0][0] if codes else "",
            "codes_in_context": "; ".join(f"{c} ×{n}" if n > 1 else c for c, n in codes.most_common(3)),
            "verbs": "; ".join(f"{v} ×{n}" if n > 1 else v
                               for v, n in Counter(v for v in group["verb"] if v).most_common(3)),
            "file": "actors.tsv" if kind == "name" else "agents.tsv",
            "examples": [kwic_line(r.left, r.keyword, r.right) for r in ordered.head(examples).itertuples()],
        })
    out = pd.DataFrame(rows, columns=list(UNCODED_ACTOR_COLUMNS))
    out = out[out["count"] >= min_count]
    out = out.assign(_args=out["as_subject"] + out["as_object"])
    out = out.sort_values(["_args", "count", "documents", "key"], ascending=[False, False, False, True],
                          kind="stable")
    return out.drop(columns="_args").reset_index(drop=True)
