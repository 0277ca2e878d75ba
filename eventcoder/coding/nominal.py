"""Events named by a noun between two named sides: "fighting between X and Y".

Headlines and news often name a fight without a verb that has the sides as its
arguments: "At least 100 people are killed in renewed *fighting between Kyrgyzstan and
Tajikistan*", "Kämpfe zwischen Armenien und Aserbaidschan". Where a word whose lemma or
form is one of the language's ``reciprocal_event_nouns`` (``lang.yaml``, "noun>code")
has a phrase introduced by one of ``reciprocal_event_preps`` ("between", "zwischen")
that names two or more coordinated actors, each side is coded against each other side
(the first named as the source of the first event, as for meetings and fights with
coordinated subjects).

Only sides with a country or an organisation count ("clashes between police and
protesters" gives nothing), and the noun must be real: not negated, not modified or
governed by one of ``nominal_event_blockers`` ("possible clashes", "fears of fighting
between"), and, where a verb governs it, that verb's mode is the event's. Its events
are marked ``method="nominal"`` so users can filter them.
"""

from __future__ import annotations

from ..actors import Actor
from ..conllu import Word
from ..dictionaries import VerbPattern
from .clause import _Clause
from .frames import Coded
from .modes import _mode
from .tree import _case_of

__all__ = ["nominal_coded"]

#: relations through which a governing noun or verb is looked for
_UP = {"nmod", "obl", "obj", "nsubj", "nsubj:pass", "iobj", "compound", "appos", "conj", "root",
       "acl", "xcomp", "advcl", "ccomp", "dep", "nmod:poss"}
_MAX_UP = 4


def _noun_codes(cl: _Clause) -> dict[str, str]:
    out = {}
    for item in cl.res.rules.reciprocal_event_nouns:
        noun, _, code = item.partition(">")
        if noun and code:
            out[noun.strip().lower()] = code.strip()
    return out


def _sides(cl: _Clause, w: Word) -> tuple[list[Actor], list[Word]]:
    """The actors of the "between" phrase of ``w`` and their head words."""
    preps = cl.res.rules.reciprocal_event_preps
    for child in cl.kids(w):
        if child.rel not in ("nmod", "obl") or not _case_of(cl, child) & preps:
            continue
        heads = [child] + [c for c in cl.kids(child) if c.rel == "conj"]
        actors: list[Actor] = []
        for h in heads:
            found = cl.actors.resolve(h, shared=child if h is not child else None)
            if len(found) != 1:
                return [], []
            actors.append(found[0])
        return actors, heads
    return [], []


def _blocked(cl: _Clause, w: Word) -> bool:
    """Whether the noun is unreal: a blocking modifier or governor, or a negation."""
    rules = cl.res.rules
    blockers, negation = rules.nominal_event_blockers, rules.negation_words
    for child in cl.kids(w):
        key = cl.keys[child.id - 1]
        if child.rel in ("amod", "det", "advmod", "compound") and (
                key in blockers or key in negation):
            return True
    node, depth = w, 0
    while node.head and node.rel in _UP and depth < _MAX_UP:
        gov = cl.word(node.head)
        if cl.keys[gov.id - 1] in blockers or gov.lemma.lower() in blockers:
            return True
        if gov.upos in ("VERB", "AUX") or gov.rel == "root":
            return False
        node, depth = gov, depth + 1
    return False


def _governing_verb(cl: _Clause, w: Word) -> Word | None:
    node, depth = w, 0
    while node.head and depth < _MAX_UP:
        gov = cl.word(node.head)
        if gov.upos == "VERB":
            return gov
        node, depth = gov, depth + 1
    return None


def nominal_coded(cl: _Clause, coded: list[Coded]) -> list[Coded]:
    """Events of nouns between two named sides (see the module), for words not coded yet."""
    codes = _noun_codes(cl)
    if not codes or not cl.res.rules.reciprocal_event_preps:
        return []
    used = {i for c in coded for i in c.trigger_ids}
    out: list[Coded] = []
    for w in cl.sentence.words:
        if w.id in used or w.upos not in ("NOUN", "VERB", "PROPN"):
            continue
        key = cl.keys[w.id - 1]
        code = codes.get(key) or codes.get(w.lemma.lower())
        if code is None:
            continue
        actors, heads = _sides(cl, w)
        if len(actors) < 2 or any(a.code.startswith("---") for a in actors):
            continue
        if len({a.code for a in actors}) < len(actors) or _blocked(cl, w):
            continue
        verb = _governing_verb(cl, w)
        mode = _mode(cl, verb, None) if verb is not None else "asserted"
        if mode == "asserted":
            mode = _mode(cl, w, None)
        triples = [(a, b, code) for a in actors for b in actors if a is not b]
        pattern = VerbPattern(code=code, lemma=key, id=f"{cl.res.language}/lang.yaml"
                              "#reciprocal_event_nouns")
        out.append(Coded(verb=w, pattern=pattern, noun=None, triples=triples, src_words=heads,
                         mode=mode, trigger_ids=[w.id], method="nominal"))
    return out
