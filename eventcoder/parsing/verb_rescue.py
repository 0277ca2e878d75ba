"""Verb rescue: give the parser a verb where the tagger missed it (issue 13).

The compact English tagger takes present-tense headline verbs for nouns ("Finland
*joins*/NOUN NATO", "An earthquake on Java *kills*/NOUN 162 people"); the parser then
builds a tree without a predicate and the coder finds nothing. Between tagging and
parsing, :func:`rescue_verbs` retags the first word of such a sentence that stands where
a verb must stand (right after the subject, before any verb) and whose form is a known
verb's inflection, as that verb. Every candidate is backed by data: the ``verbs``
section of ``resources/<lang>/tag_repair.yaml`` (tags, positions, endings) and verb
lemmas from the event dictionary, the verb lists of ``lang.yaml`` and
``verb_lexicon.txt`` (built from treebanks by ``scripts/build_verb_lexicon.py``). A
language without that section is left as tagged.

Each rescued word keeps the tagger's reading in its MISC column
(``Rescued=NOUN``), so users can see why a verb appeared.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["RescueRules", "rescue_rules", "rescue_verbs", "verb_readings"]


@dataclass(frozen=True)
class RescueForm:
    """One inflection: a form ending in ``ending`` is ``lemma`` + ... with these tags."""

    ending: str
    lemma: str
    xpos: str
    feats: str
    subject_feats: str = ""


@dataclass(frozen=True)
class RescueRules:
    """The verb-rescue rules of one language (``verb_rescue.yaml`` plus its verb lemmas)."""

    tags: frozenset[str]
    after: frozenset[str]
    forms: tuple[RescueForm, ...]
    lexicon: frozenset[str]
    fingerprint: str
    after_not_feats: frozenset[str] = frozenset()
    boundary_tags: frozenset[str] = frozenset()
    boundary_forms: frozenset[str] = frozenset()
    finite_feats: frozenset[str] = frozenset()
    finite_xpos: frozenset[str] = frozenset()
    #: lemmas the treebanks tag as verbs more often than as nouns; others ("attack",
    #: "sanction") need a subject tagged as in ``after_nominal`` (a name or a pronoun)
    verbal: frozenset[str] = frozenset()
    after_nominal: frozenset[str] = frozenset()

    def verb_reading(self, form: str) -> RescueForm | None:
        """The first ending by which ``form`` is a verb of the lexicon, with its lemma."""
        for f in self.forms:
            if form.endswith(f.ending) and len(form) - len(f.ending) >= 2:
                lemma = form[: len(form) - len(f.ending)] + f.lemma
                if lemma in self.lexicon:
                    return RescueForm(f.ending, lemma, f.xpos, f.feats, f.subject_feats)
        return None


@lru_cache(maxsize=8)
def verb_readings(language: str) -> dict[str, str]:
    """Lemma -> ``"verb"`` or ``"noun"`` from ``resources/<language>/verb_lexicon.tsv``
    (empty where the language has none)."""
    from ..resources_path import resource_dir

    readings: dict[str, str] = {}
    path = resource_dir() / language / "verb_lexicon.tsv"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 2 and not line.startswith("#") and cols[0] != "lemma":
                readings[cols[0]] = cols[1]
    return readings


@lru_cache(maxsize=8)
def rescue_rules(language: str) -> RescueRules | None:
    """The language's rescue rules, or ``None`` where ``tag_repair.yaml`` has no ``verbs``.

    Examples
    --------
    >>> rules = rescue_rules("en")
    >>> rules.verb_reading("joins").lemma, rules.verb_reading("joins").xpos
    ('join', 'VBZ')
    >>> rules.verb_reading("earthquake") is None
    True
    """
    from ..dictionaries import load_language
    from .tag_repair import repair_data

    data = repair_data(language).get("verbs")
    if not data:
        return None
    res = load_language(language)
    lexicon = {k for k in res.verbs if " " not in k}
    rules = res.rules
    lexicon |= set(rules.speech_verbs) | set(rules.intent_verbs) | set(rules.belief_verbs)
    readings = verb_readings(language)
    lexicon |= {lemma for lemma, reading in readings.items() if reading == "verb"}
    verbal = frozenset(lemma for lemma, reading in readings.items() if reading == "verb")
    forms = tuple(RescueForm(str(f.get("ending", "")), str(f.get("lemma", "")),
                             str(f.get("xpos", "_")), str(f.get("feats", "_")),
                             str(f.get("subject_feats", "")))
                  for f in data.get("forms", ()))
    bounds, finite = data.get("boundaries") or {}, data.get("finite") or {}
    h = hashlib.sha256(repr(sorted(data.items())).encode())
    h.update("\n".join(sorted(lexicon)).encode())
    return RescueRules(frozenset(data.get("tags", ())), frozenset(data.get("after", ())),
                       forms, frozenset(lexicon), h.hexdigest()[:8],
                       after_not_feats=frozenset(data.get("after_not_feats", ())),
                       boundary_tags=frozenset(bounds.get("tags", ())),
                       boundary_forms=frozenset(bounds.get("forms", ())),
                       finite_feats=frozenset(finite.get("feats", ())),
                       finite_xpos=frozenset(finite.get("xpos", ())),
                       verbal=verbal,
                       after_nominal=frozenset(data.get("after_nominal", ())))


def _feats(word: Any) -> set[str]:
    return set(str(word.feats or "").split("|"))


def _finite_follows(words: list[Any], i: int, rules: RescueRules) -> bool:
    """Whether a finite verb follows word ``i`` before a clause boundary."""
    for w in words[i + 1:]:
        if w.upos in rules.boundary_tags or w.text.lower() in rules.boundary_forms:
            return False
        if w.upos in ("VERB", "AUX") and (
                _feats(w) & rules.finite_feats or w.xpos in rules.finite_xpos):
            return True
    return False


def _candidate(words: list[Any], rules: RescueRules) -> tuple[Any, RescueForm] | None:
    """The word to retag in one sentence (stanza words in order), if any."""
    has_verb = any(w.upos == "VERB" for w in words)
    for i, w in enumerate(words):
        if w.upos in ("VERB", "AUX"):
            return None  # a predicate stands before: the tagger found the clause's verb
        if i == 0 or w.upos not in rules.tags or not w.text[:1].islower():
            continue
        subject = words[i - 1]
        if not has_verb and subject.text == "," and i > 1:
            subject = words[i - 2]  # "A plane crash in Pokhara, Nepal, kills"
        if subject.upos not in rules.after or _feats(subject) & rules.after_not_feats:
            continue
        reading = rules.verb_reading(w.text.lower())
        if reading is None or (reading.subject_feats
                               and reading.subject_feats not in _feats(subject)
                               and not any(v.upos == "CCONJ" for v in words[:i])):
            continue  # a coordinated subject is plural: "Iran and Saudi Arabia agree"
        if reading.lemma not in rules.verbal and subject.upos not in rules.after_nominal:
            continue  # "tougher sanctions", "occupation forces": a noun more often than not
        if not _finite_follows(words, i, rules):
            return w, reading
    return None


def rescue_verbs(doc: Any, language: str) -> int:
    """Retag missed verbs in a tagged, not yet parsed stanza Document; return how many.

    Parameters
    ----------
    doc : stanza.Document
        After the ``pos`` and ``lemma`` processors, before ``depparse``.
    language : str
        Selects the ``verbs`` rules of ``resources/<language>/tag_repair.yaml``; none:
        nothing changes.

    Returns
    -------
    int
        The number of words retagged (at most one per sentence).

    Examples
    --------
    >>> import stanza
    >>> doc = stanza.Document([[
    ...     {"id": 1, "text": "Finland", "upos": "PROPN", "xpos": "NNP", "feats": "Number=Sing"},
    ...     {"id": 2, "text": "joins", "upos": "NOUN", "xpos": "NNS", "feats": "Number=Plur"},
    ...     {"id": 3, "text": "NATO", "upos": "PROPN", "xpos": "NNP"}]])
    >>> rescue_verbs(doc, "en")
    1
    >>> w = doc.sentences[0].words[1]
    >>> w.upos, w.xpos, w.lemma, w.misc
    ('VERB', 'VBZ', 'join', 'Rescued=NOUN')
    """
    rules = rescue_rules(language)
    if rules is None:
        return 0
    n = 0
    for sent in doc.sentences:
        found = _candidate(sent.words, rules)
        if found is None:
            continue
        word, reading = found
        logger.debug("verb rescue: %r %s -> VERB %s", word.text, word.upos, reading.lemma)
        misc = f"Rescued={word.upos}"
        word.misc = misc if not word.misc or word.misc == "_" else f"{word.misc}|{misc}"
        word.upos, word.lemma = "VERB", reading.lemma
        if word.xpos not in (None, "", "_"):  # a model that predicts xpos gets the verb's
            word.xpos = reading.xpos
        word.feats = reading.feats
        n += 1
    return n
