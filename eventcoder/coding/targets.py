"""Targets found by searching where no argument names one: actors inside a phrase,
the subject of a content clause, the object of an infinitival complement, optionally
any prepositional object; and noun phrases as new actors of their own."""

from __future__ import annotations

from ..actors import Actor
from ..cameo import actor_country
from ..conllu import Word
from ..dictionaries import VerbPattern, normalize
from .clause import _Clause, _dedupe
from .patterns import _verb_keys
from .tree import _INSIDE_RELS, _NOT_INSIDE, _case_of, _complements, _coordinated, _has_prep, _subject

_MAX_DEPTH = 5


def _named(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    """Dictionary actors of the noun phrase ``w`` and its conjuncts (no pronouns)."""
    out: list[Actor] = []
    for word in _coordinated(cl, w):
        if word.upos == "PRON":
            continue
        out.extend(a for a in cl.actors.resolve(word) if _usable(a, exclude))
    return _dedupe(out)


def _usable(actor: Actor, exclude: set[str]) -> bool:
    """A target found by searching: not a source, and more than a bare role ("---MIL")."""
    return actor.code not in exclude and not actor.code.startswith("---")


def _inside(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    """The actors nearest to ``w`` inside its phrase, level by level (breadth first)."""
    non_owner = cl.res.rules.non_owner_nouns
    if normalize(w.lemma) in non_owner or cl.keys[w.id - 1] in non_owner:
        return []  # "supporters of Bolsonaro" are not Bolsonaro
    frontier = [c for c in cl.kids(w) if c.rel in _INSIDE_RELS and c.deprel not in _NOT_INSIDE]
    depth = 0
    while frontier and depth < _MAX_DEPTH:
        for node in frontier:  # the first phrase, in word order, that names an actor
            if node.upos != "PRON" and any(_usable(a, exclude) for a in cl.actors.resolve(node)):
                # all its conjuncts, a source among them too: "X and Y may spur reconciliation
                # between Z and Y" is also X -> Y (the same actor on both sides is dropped later)
                return _named(cl, node, set())
        frontier = [c for node in frontier for c in cl.kids(node)
                    if c.rel in _INSIDE_RELS and c.deprel not in _NOT_INSIDE]
        depth += 1
    return []


_NEW_ACTOR_RELS = frozenset({"det", "amod", "compound", "flat", "appos", "nmod", "case",
                             "nummod", "conj", "cc"})


def _new_actor(cl: _Clause, w: Word) -> list[Actor]:
    """The noun phrase of ``w`` as an actor of its own (``new_actor_length`` words at most)."""
    if w.upos not in ("NOUN", "PROPN"):
        return []
    ids, stack = [w.id], [w]
    while stack:
        word = stack.pop()
        for child in cl.kids(word):
            if child.rel in _NEW_ACTOR_RELS and child.upos not in ("PART", "PUNCT") \
                    and not (word is w and child.rel == "case"):  # not "for" of "for the X"
                ids.append(child.id)
                stack.append(child)
    if len(ids) > cl.options.new_actor_length:
        return []
    ids.sort()
    text = " ".join(cl.word(i).form for i in ids)
    return [Actor(f'"{text.upper()}"', text, tuple(ids), "new")]


def _resolve_or_inside(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    return _named(cl, w, exclude) or [a for word in _coordinated(cl, w)
                                      for a in _inside(cl, word, exclude)]


def _is_speech_verb(cl: _Clause, verb: Word) -> bool:
    speech = cl.res.rules.speech_verbs
    return any(k in speech for k in _verb_keys(cl, verb))


def _fallback_targets(cl: _Clause, verb: Word, pattern: VerbPattern, direct: list[Word],
                      noun: Word | None, exclude: set[str]) -> list[Actor]:
    """Targets where no direct argument names an actor, nearest evidence first.

    1. inside the direct arguments ("restored ties *with Gondor*", "condemned an
       attack *by Osgiliath soldiers*");
    2. the subject of a content clause ("believes *Dagolath* can cope",
       "demanded that *Israel* leave");
    3. the object of an infinitival complement ("threatened to assassinate *X*",
       "signed an accord to supply *Gondor*");
    4. with :attr:`CodingOptions.oblique_targets`, any other prepositional object
       of the verb ("appealed for peace *in Ithilen*").

    Bare roles ("---MIL") found this way are not taken.
    """
    for w in direct + ([noun] if noun is not None else []):
        found = [a for word in _coordinated(cl, w) for a in _inside(cl, word, exclude)]
        if found:
            return _dedupe(found)
    kids = cl.kids(verb)
    for clause in kids:
        if clause.rel == "ccomp":
            subj = _subject(cl, clause)
            if subj is not None:
                found = _resolve_or_inside(cl, subj, exclude)
                if found:
                    return found
    for clause in _complements(cl, verb):
        for arg in cl.kids(clause):
            if arg.deprel in ("obj", "iobj"):
                found = _named(cl, arg, exclude)
                if found:
                    return found
    if not cl.options.oblique_targets:
        return []
    used = {w.id for w in direct}
    for obl in kids:
        if obl.rel == "obl" and obl.id not in used and obl.deprel not in _NOT_INSIDE \
                and _case_of(cl, obl):
            if pattern.skip_preps and _has_prep(cl, obl, pattern.skip_preps):
                # "warned at Gondor of X": the phrase is no target, what follows it may be
                found = [a for w in _coordinated(cl, obl) for a in _inside(cl, w, exclude)]
            else:
                found = _resolve_or_inside(cl, obl, exclude)
            if found:
                return _dedupe(found)
    return []


def _needs_target(cl: _Clause, pattern: VerbPattern) -> bool:
    """Whether an event of ``pattern`` without a target is dropped.

    With :attr:`CodingOptions.require_target` (the default) the verb pattern's
    ``one_sided`` decides where it is given, the targets table
    (``resources/common/targets.yaml``) by the event code otherwise; without it no
    event needs a target.
    """
    if not cl.options.require_target:
        return False
    if pattern.one_sided is not None:
        return not pattern.one_sided
    return not cl.res.target_rules.may_stand_alone(pattern.code)


def _own_country(cl: _Clause, src: Actor, tgt: Actor | None, code: str) -> bool:
    """Whether ``tgt`` is the source's own country as a whole in an event that is not
    domestic by nature ("UKRGOV -> UKR 190": "we will fight for Ukraine"): no event.

    The country may be named, a pronoun or "das Land", or the actor of an event
    recalled from an earlier sentence. Pairs naming two parts of one country
    ("RUSGOV -> RUSOPP", people named by a country adjective) are kept; so are all
    with :attr:`CodingOptions.own_country_targets` (PETRARCH's convention).
    """
    if tgt is None or cl.options.own_country_targets or tgt.code == src.code:
        return False
    if tgt.span and src.span and tgt.code == actor_country(src.code) and any(
            i in src.span or cl.word(i).head in src.span for i in tgt.span):
        return True  # the source's own modifier ("*Israelische* Kampfflugzeuge") is no target
    if tgt.kind == "adj" or tgt.code != actor_country(src.code):
        return False  # "brasilianische Goldsucher" (BRA) are people of the country, a part of it
    return not cl.res.target_rules.is_domestic(code)
