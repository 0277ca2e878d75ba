"""Verbs that no verb pattern codes, though their subject or object looks like an actor:
the gaps of the verb dictionary, ranked, with their uses in context."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..conllu import Sentence, Word
from ..dictionaries import LanguageResources, normalize
from .corpus import (
    Argument,
    ScannedSentence,
    argument,
    documents,
    kwic,
    kwic_line,
    resources,
    scan,
    span_text,
)

__all__ = ["UNCODED_VERB_COLUMNS", "VERB_OCCURRENCE_COLUMNS", "uncoded_verbs", "verb_lemma",
           "verb_occurrences"]

VERB_OCCURRENCE_COLUMNS = (
    "doc_id", "sentence_id", "date", "lemma", "in_dictionary",
    "source", "source_text", "source_kind", "source_span",
    "target", "target_text", "target_kind", "target_span", "prep",
    "trigger", "trigger_span", "left", "keyword", "right", "sentence",
)


def verb_lemma(sentence: Sentence, verb: Word, res: LanguageResources) -> tuple[str, list[int]]:
    """The verb as a ``verbs.yaml`` entry writes it, and its word ids.

    A separable particle joins the lemma the way the language writes it:
    ``"auffordern"`` for "fordern ... auf", ``"call on"`` for "called on".
    """
    lemma = normalize(verb.lemma if verb.lemma not in ("", "_") else verb.form)
    if lemma == normalize(verb.form):  # the tagger left it inflected ("wins"): simplemma's lemma
        lemma = _simplemma(res.language, verb.form) or lemma
    ids = [verb.id]
    for child in sentence.children(verb.id):
        if child.deprel == "compound:prt":
            particle = normalize(child.lemma if child.lemma not in ("", "_") else child.form)
            lemma = particle + lemma if res.rules.participle_infixes else f"{lemma} {particle}"
            ids.append(child.id)
            break
    return lemma, ids


@functools.lru_cache(maxsize=65_536)
def _simplemma(language: str, form: str) -> str:
    try:
        import simplemma

        return normalize(simplemma.lemmatize(form, lang=language))
    except (ImportError, ValueError):  # pragma: no cover - simplemma is an install requirement
        return ""


def _in_dictionary(lemma: str, verb: Word, res: LanguageResources) -> bool:
    keys = {lemma, lemma.split()[0], normalize(verb.lemma), normalize(verb.form)}
    return any(k in res.verbs or k in res.frames for k in keys)


def _arguments(item: ScannedSentence, verb: Word, res: LanguageResources
               ) -> tuple[Argument | None, Argument | None, str]:
    """The actor-like subject and object of ``verb`` (the object may be a prepositional
    phrase: then its preposition too)."""
    sentence, rules, language = item.sentence, res.rules, res.language
    kids = sentence.children(verb.id)
    subjects = [c for c in kids if c.deprel in rules.source_relations]
    objects = [c for c in kids if c.deprel in rules.target_relations]
    passive = [c for c in kids if c.deprel in rules.passive_subject_relations]
    if not passive and (verb.feats.get("Voice") == "Pass" or any(c.deprel == "aux:pass" for c in kids)):
        passive, subjects = subjects, []  # "the rebels are backed by Iran" with a plain nsubj
    if passive:
        objects += passive
        subjects += [c for c in kids if c.deprel in rules.passive_agent_relations or c.rel == "obl" and any(
            g.rel == "case" and normalize(g.lemma or g.form) in rules.passive_agent_preps
            for g in sentence.children(c.id))]
    if not subjects and not passive and verb.rel in ("xcomp", "conj") and verb.head:
        # "X decided to *attack* Y", "X met Y and *signed* ...": the subject of the verb above
        subjects = [c for c in sentence.children(verb.head) if c.deprel in rules.source_relations]
    subject = next((a for w in subjects if (a := argument(item, w, language))), None)
    target = next((a for w in objects if (a := argument(item, w, language))), None)
    prep = ""
    if target is None:
        for obl in kids:
            if obl.rel != "obl" or obl.deprel in rules.passive_agent_relations or obl in subjects:
                continue
            cases = [c for c in sentence.children(obl.id) if c.rel == "case"]
            if cases and (found := argument(item, obl, language)):
                target, prep = found, normalize(cases[0].lemma or cases[0].form)
                break
    return subject, target, prep


def _occurrences(scanned: Iterable[ScannedSentence], res: LanguageResources,
                 speech_verbs: bool) -> list[dict[str, Any]]:
    rows = []
    for item in scanned:
        sentence = item.sentence
        for verb in sentence.words:
            if verb.upos != "VERB" or verb.id in item.triggers:
                continue
            lemma, ids = verb_lemma(sentence, verb, res)
            if not speech_verbs and lemma in res.rules.speech_verbs:
                continue
            subject, target, prep = _arguments(item, verb, res)
            if subject is None and target is None:
                continue
            left, keyword, right = kwic(sentence, [verb.id])
            row = {"doc_id": item.doc_id, "sentence_id": sentence.id, "date": item.date,
                   "lemma": lemma, "in_dictionary": _in_dictionary(lemma, verb, res),
                   "prep": prep, "trigger": " ".join(sentence.words[i - 1].form for i in sorted(ids)),
                   "trigger_span": span_text(ids), "left": left, "keyword": keyword, "right": right,
                   "sentence": sentence.surface()}
            for role, arg in (("source", subject), ("target", target)):
                row[role] = arg.code if arg else ""
                row[f"{role}_text"] = arg.text if arg else ""
                row[f"{role}_kind"] = arg.kind if arg else ""
                row[f"{role}_span"] = span_text(arg.ids) if arg else ""
            rows.append(row)
    return rows


def verb_occurrences(corpus: Any, *, language: str, dictionaries: Any = (),
                     speech_verbs: bool = False) -> pd.DataFrame:
    """Every use of a verb that coded no event although its subject or object looks like an actor.

    The corpus is coded with the shipped dictionaries (and ``dictionaries``); a
    verb (UPOS ``VERB``) that triggered no event is listed when its subject, its
    object or one of its prepositional objects is actor-like: a phrase the
    dictionaries code, a proper noun, or a noun that names people by what they do.

    Parameters
    ----------
    corpus : list of Document, DataFrame, list of dict, or CoNLL-U
        Parsed documents (:func:`parse_corpus`; fastest), articles to parse, or a
        ``.conllu`` file or string.
    language : str
        ``"de"`` or ``"en"``.
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    speech_verbs : bool, default False
        Also list verbs of saying ("say", "sagen"), which the coder leaves to
        the statement they carry.

    Returns
    -------
    pandas.DataFrame
        One row per use, in corpus order, with the columns of an events frame
        where they mean the same, so :func:`eventcoder.show_events` highlights
        the subject (as source), the verb (as trigger) and the object (as target):

        - ``doc_id``, ``sentence_id``, ``date`` (str): where, and the document's date.
        - ``lemma`` (str): the verb as a ``verbs.yaml`` entry would list it (German
          separable particles joined: "auffordern"; English particles after a
          space: "call on").
        - ``in_dictionary`` (bool): the verb dictionary (or a statement frame) has
          entries for this lemma, but none coded this use (it may need a noun, or
          an actor was missing).
        - ``source`` (str): actor code of the subject, ``""`` when the dictionaries
          do not code it; ``source_text`` (str) its words; ``source_kind`` (str):
          ``"actor"`` (coded), ``"agent"`` (a role noun without country,
          ``---GOV``), ``"name"`` (an unknown proper noun), ``"agent_noun"`` (an
          unknown noun such as "protesters"), or ``""`` (not actor-like);
          ``source_span`` (str): its word ids (``"3-4"``).
        - ``target``, ``target_text``, ``target_kind``, ``target_span``: the same for
          the object (or the first actor-like prepositional object).
        - ``prep`` (str): the preposition of that prepositional object ("with"), or ``""``.
        - ``trigger`` (str), ``trigger_span`` (str): the verb's words (with its particle).
        - ``left``, ``keyword``, ``right`` (str): the verb in context (about 40
          characters each side).
        - ``sentence`` (str): the sentence text.

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> docs = read_conllu(
    ...     "1\\tRussia\\tRussia\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\toutflanked\\toutflank\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tUkraine\\tUkraine\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> verb_occurrences(docs, language="en")[["lemma", "source", "target", "keyword"]]
          lemma source target     keyword
    0  outflank    RUS    UKR  outflanked
    """
    res = resources(language, dictionaries)
    rows = _occurrences(scan(documents(corpus, language), res), res, speech_verbs)
    return pd.DataFrame(rows, columns=list(VERB_OCCURRENCE_COLUMNS))


def _top(values: Iterable[str], n: int = 3) -> str:
    counts = Counter(v for v in values if v)
    return "; ".join(f"{v} ×{c}" if c > 1 else v for v, c in counts.most_common(n))


def _labelled(texts: pd.Series, codes: pd.Series) -> list[str]:
    return [f"{t} ({c})" if c else t for t, c in zip(texts, codes, strict=True)]


#: the columns of :func:`uncoded_verbs`
UNCODED_VERB_COLUMNS = ("lemma", "count", "would_code", "with_both", "with_subject", "with_object",
                        "documents", "in_dictionary", "subjects", "objects", "preps", "examples")


def uncoded_verbs(corpus: Any, *, language: str, dictionaries: Any = (), min_count: int = 1,
                  examples: int = 3, speech_verbs: bool = False) -> pd.DataFrame:
    """Verbs that no pattern codes though actors act with them, ranked: the verb dictionary's gaps.

    Parameters
    ----------
    corpus : list of Document, DataFrame, list of dict, or CoNLL-U
        As for :func:`verb_occurrences`; or the frame :func:`verb_occurrences`
        returned (then ``language`` and ``dictionaries`` are not used again).
    language : str
        ``"de"`` or ``"en"``.
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    min_count : int, default 1
        Leave out verbs used fewer times.
    examples : int, default 3
        Keyword-in-context lines per verb (the uses an entry would code first).
    speech_verbs : bool, default False
        Also list verbs of saying.

    Returns
    -------
    pandas.DataFrame
        One row per verb, the most promising first: most uses that an entry for
        the verb would code as they are, then most uses with an actor-like subject
        and object, then most uses.

        - ``lemma`` (str): the verb as a ``verbs.yaml`` entry would list it.
        - ``count`` (int): uses with an actor-like subject or object that coded nothing.
        - ``would_code`` (int): uses whose subject and direct object both have a
          code already: an entry for the verb codes these at once.
        - ``with_both`` (int): uses with an actor-like subject and direct object
          (coded or not: the names may need entries too).
        - ``with_subject``, ``with_object`` (int): uses with an actor-like subject;
          with an actor-like direct or prepositional object.
        - ``documents`` (int): documents it is used in.
        - ``in_dictionary`` (bool): the dictionary has entries for the lemma that
          did not code these uses.
        - ``subjects``, ``objects`` (str): the most frequent subjects and objects,
          with their codes ("Russia (RUS) ×2; protesters").
        - ``preps`` (str): prepositions of actor-like prepositional objects ("with
          ×3"): list them as the entry's ``target_preps`` to code those uses.
        - ``examples`` (list of str): keyword-in-context lines, the verb in brackets.

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> docs = read_conllu(
    ...     "1\\tRussia\\tRussia\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\toutflanked\\toutflank\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tUkraine\\tUkraine\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> uncoded_verbs(docs, language="en")[["lemma", "count", "would_code", "examples"]]
          lemma  count  would_code                       examples
    0  outflank      1           1  [Russia [outflanked] Ukraine]
    """
    if isinstance(corpus, pd.DataFrame) and set(VERB_OCCURRENCE_COLUMNS) <= set(corpus.columns):
        occ = corpus
    else:
        occ = verb_occurrences(corpus, language=language, dictionaries=dictionaries,
                               speech_verbs=speech_verbs)
    rows = []
    for lemma, group in occ.groupby("lemma", sort=False):
        has_subject = group["source_kind"] != ""
        has_object = group["target_kind"] != ""
        direct = has_object & (group["prep"] == "")
        both = has_subject & direct
        coded = both & (group["source"] != "") & (group["target"] != "")
        ordered = pd.concat([group[coded], group[both & ~coded], group[~both]])
        rows.append({
            "lemma": lemma, "count": len(group), "would_code": int(coded.sum()),
            "with_both": int(both.sum()), "with_subject": int(has_subject.sum()),
            "with_object": int(has_object.sum()), "documents": group["doc_id"].nunique(),
            "in_dictionary": bool(group["in_dictionary"].any()),
            "subjects": _top(_labelled(group["source_text"], group["source"])),
            "objects": _top(_labelled(group["target_text"], group["target"])),
            "preps": _top(group["prep"]),
            "examples": [kwic_line(r.left, r.keyword, r.right)
                         for r in ordered.head(examples).itertuples()],
        })
    out = pd.DataFrame(rows, columns=list(UNCODED_VERB_COLUMNS))
    out = out[out["count"] >= min_count]
    out = out.sort_values(["would_code", "with_both", "count", "documents", "lemma"],
                          ascending=[False, False, False, False, True], kind="stable")
    return out.reset_index(drop=True)
