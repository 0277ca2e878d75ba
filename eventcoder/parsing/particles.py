"""Separable verb particles at the end of a clause (issue 13, German).

German separable verbs leave their particle at the end of the clause ("lehnte das Angebot
*ab*", "nahm drei Männer *fest*", "wies die Vorwürfe *zurück*"). The compact German models
often miss it: the tokenizer glues "ab." into one token, the tagger calls the particle an
adverb or a verb, the parser hangs it as ``advmod`` or ``xcomp``; the coder then looks up
"lehnen" instead of "ablehnen". After parsing, :func:`attach_particles` makes the last word
of a clause a ``compound:prt`` of its verb (lemma = the particle, tag ``ADP``) where the
word is one of the language's particles (the ``particles`` section of
``resources/<lang>/tag_repair.yaml``), hangs on that verb, and particle + the verb's lemma
is a verb that the dictionary or ``verb_lexicon.tsv`` knows ("ab" + "lehnen").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..coding.clause import _simple_lemma

__all__ = ["attach_particles"]

_CLAUSE_END = {".", "!", "?", ",", ";", ":", '"', "“", "”", "»", "«", ")"}


@lru_cache(maxsize=8)
def _verbs(language: str) -> frozenset[str]:
    """Verb lemmas of the event dictionary and of verb_lexicon.tsv (verb readings)."""
    from ..dictionaries import load_language
    from .verb_rescue import verb_readings

    verbs = {k for k in load_language(language).verbs if " " not in k}
    verbs |= {lemma for lemma, reading in verb_readings(language).items() if reading == "verb"}
    return frozenset(verbs)


def _attach(words: list[Any], language: str, particles: frozenset[str]) -> int:
    n = 0
    verbs = _verbs(language)
    for i, w in enumerate(words):
        bare = w.text.lower().rstrip(".")
        if bare not in particles or w.deprel == "compound:prt" or not w.head:
            continue
        rest = words[i + 1:]
        glued = w.text.endswith(".") and w.text != bare
        if not glued and rest and rest[0].text not in _CLAUSE_END:
            continue  # a particle stands last in its clause
        verb = words[w.head - 1]
        if verb.upos not in ("VERB", "AUX") or verb.id > w.id:
            continue
        lemmas = {(verb.lemma or verb.text).lower(), _simple_lemma(language, verb.text)}
        if not any(bare + lemma in verbs for lemma in lemmas):
            continue  # "ab" + "lehnen" must be a known verb
        w.deprel, w.upos, w.lemma = "compound:prt", "ADP", bare
        n += 1
    return n


def attach_particles(doc: Any, language: str) -> int:
    """Make clause-final separable particles ``compound:prt`` of their verb; return how many.

    Parameters
    ----------
    doc : stanza.Document
        After the ``depparse`` processor.
    language : str
        Selects the ``particles`` section of ``resources/<language>/tag_repair.yaml``.

    Returns
    -------
    int
        The number of particles attached.

    Examples
    --------
    >>> import stanza
    >>> doc = stanza.Document([[
    ...     {"id": 1, "text": "Indien", "upos": "PROPN", "head": 2, "deprel": "nsubj"},
    ...     {"id": 2, "text": "lehnte", "lemma": "lehnen", "upos": "VERB", "head": 0,
    ...      "deprel": "root"},
    ...     {"id": 3, "text": "Gespräche", "upos": "NOUN", "head": 2, "deprel": "obj"},
    ...     {"id": 4, "text": "ab.", "upos": "ADV", "head": 2, "deprel": "advmod"}]])
    >>> attach_particles(doc, "de")
    1
    >>> w = doc.sentences[0].words[3]
    >>> w.lemma, w.deprel
    ('ab', 'compound:prt')
    """
    from .tag_repair import repair_data

    rules = repair_data(language).get("particles") or {}
    if not rules.get("enabled", False):
        return 0
    particles = frozenset(str(p).lower() for p in rules.get("forms", ()))
    return sum(_attach(list(sent.words), language, particles) for sent in doc.sentences)
