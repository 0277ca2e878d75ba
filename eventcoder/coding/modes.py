"""An event's mode (modality): negated, question, hypothetical, belief, future, or
asserted."""

from __future__ import annotations

from ..conllu import Word
from ..dictionaries import normalize
from .clause import _Clause
from .patterns import _match_pattern, _verb_keys
from .tree import _infinitive_marked


def _mode(cl: _Clause, verb: Word, noun: Word | None) -> str:
    rules = cl.res.rules
    words = [verb] + ([noun] if noun is not None else [])
    for w in words:
        for child in cl.kids(w):
            if cl.keys[child.id - 1] in rules.negation_words and child.rel in (
                    "advmod", "neg", "det", "advmod:neg", "dep", "cc"):
                return "negated"
    if cl.sentence.surface().rstrip().rstrip('"“”»«\'').endswith("?"):
        return "question"
    for child in cl.kids(verb):
        key = cl.keys[child.id - 1]
        if child.rel == "aux" and key in rules.hypothetical_auxiliaries:
            return "hypothetical"
        if child.rel == "mark" and key in rules.conditional_markers:
            return "hypothetical"
    if verb.feats.get("Mood") in rules.hypothetical_moods:
        return "hypothetical"
    # The clause's governors: belief ("glauben, dass"), intent ("versuchen zu"),
    # or another coded verb ("fordern ... auf, ... einzustellen").
    w, depth = verb, 0
    while w.head and w.rel in ("xcomp", "ccomp", "advcl", "conj", "csubj") and depth < 6:
        gov = cl.word(w.head)
        keys = _verb_keys(cl, gov)
        if w.rel == "advcl":
            if any(cl.keys[c.id - 1] in rules.conditional_markers for c in cl.kids(w)):
                return "hypothetical"
            if _infinitive_marked(cl, w):
                return "future"  # a purpose: "sent troops *to attack* X" (intended, not done)
            break
        if w.rel != "conj":
            if any(k in rules.belief_verbs for k in keys):
                return "belief"
            if any(k in rules.intent_verbs for k in keys):
                return "future"
            if not any(k in rules.speech_verbs for k in keys) and _match_pattern(cl, gov):
                return "hypothetical"
        w, depth = gov, depth + 1
    for child in cl.kids(verb):
        key = cl.keys[child.id - 1]
        if child.rel == "aux" and (key in rules.future_auxiliaries or normalize(child.lemma)
                                   in rules.future_auxiliaries) and verb.feats.get("VerbForm") in (
                "Inf", None):
            return "future"
        if child.rel == "aux" and normalize(child.lemma) in rules.intent_verbs:
            return "future"
    return "asserted"
