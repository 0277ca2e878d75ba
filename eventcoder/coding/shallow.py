"""A shallow fallback for parses that cannot be trusted: code from tags and word order.

The compact parsers often misread news verbs: "Russia *attacks* many Ukrainian cities"
gets "attacks" as a noun, a headline's verb loses its subject. Where the tree-based
coder found nothing for a word, this fallback codes it the way TABARI did: a word whose
lemma is a plain verb pattern of the dictionary, directly preceded by a named actor (the
source) and followed, within a few words and without a clause boundary, by another (the
target). It only fires where the parse is implausible for that word: a verb without a
subject, or a "noun" or "adjective" with no determiner and no preposition that follows
an actor name. Its events are marked ``method="shallow"`` so users can filter them.
"""

from __future__ import annotations

from ..actors import Actor
from ..conllu import Word
from ..dictionaries import VerbPattern
from .clause import _Clause
from .frames import Coded
from .modes import _mode
from .patterns import _verb_keys
from .targets import _needs_target, _own_country

__all__ = ["shallow_coded"]

#: tags a word between the verb and its target may have ("attacks many Ukrainian cities")
_BETWEEN = {"DET", "ADJ", "NUM", "ADV", "PRON"}
_CANDIDATE = {"VERB", "NOUN", "ADJ", "AUX", "PROPN"}
_MAX_GAP = 4


def _plain_patterns(cl: _Clause, w: Word) -> list[VerbPattern]:
    out = []
    for key in _verb_keys(cl, w):
        for p in cl.res.verbs.get(key, ()):
            if not (p.nouns or p.subject_nouns or p.source_preps or p.compound or p.particle
                    or p.intransitive or " " in p.lemma):
                out.append(p)
    return out


def _implausible(cl: _Clause, w: Word) -> bool:
    kids = cl.kids(w)
    if w.upos in ("VERB", "AUX"):
        return not any(c.deprel in ("nsubj", "nsubj:pass", "csubj") for c in kids)
    return not any(c.rel in ("det", "case") for c in kids)


def shallow_coded(cl: _Clause, coded: list[Coded]) -> list[Coded]:
    """Events for words the tree-based coder left alone where the parse is implausible."""
    used = {i for c in coded for i in c.trigger_ids} | {i for c in coded for i in
                                                        (s.id for s in c.src_words)}
    spans = []
    for _, entry, m in cl.actors.mentions():
        if m.part < 0:
            spans.append((m.start, m.end, Actor(entry.code, " ".join(
                cl.word(i).form for i in range(m.start, m.end + 1)), tuple(range(m.start, m.end + 1)),
                entry.kind)))
    if len(spans) < 2:
        return []
    words = cl.sentence.words
    out: list[Coded] = []
    negation = cl.res.rules.negation_words
    for w in words:
        if w.id in used or w.upos not in _CANDIDATE or not _implausible(cl, w):
            continue
        if any(a <= w.id <= b for a, b, _ in spans):
            continue  # part of a name
        patterns = _plain_patterns(cl, w)
        if not patterns:
            continue
        src = next((s for s in reversed(spans) if s[1] < w.id), None)
        if src is None or w.id - src[1] > 2 or any(
                words[i - 1].upos not in ("ADV", "AUX", "PART") for i in range(src[1] + 1, w.id)):
            continue  # the source must stand right before the verb
        if any(cl.keys[i - 1] in negation for i in range(src[1] + 1, w.id)):
            continue
        pattern = patterns[0]
        tgt = next((s for s in spans if s[0] > w.id), None)
        target: Actor | None = None
        if tgt is not None and tgt[0] - w.id <= _MAX_GAP:
            between = words[w.id:tgt[0] - 1]
            preps = {cl.keys[b.id - 1] for b in between if b.upos == "ADP"}
            if all(b.upos in _BETWEEN or (b.upos == "ADP" and pattern.target_preps) for b in between) \
                    and (not preps or preps <= set(pattern.target_preps)):
                target = tgt[2]
        if target is None and _needs_target(cl, pattern):
            continue
        if target is not None and (target.code == src[2].code
                                   or _own_country(cl, src[2], target, pattern.code)):
            continue
        if w.id > 1 and cl.keys[w.id - 2] in ("to", "zu"):
            continue  # an infinitive: an intended action, not a misparsed finite verb
        out.append(Coded(verb=w, pattern=pattern, noun=None,
                         triples=[(src[2], target, pattern.code)], src_words=[],
                         mode=_mode(cl, w, None), trigger_ids=[w.id], method="shallow"))
    return out
