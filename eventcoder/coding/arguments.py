"""The words that give an event's source and target: subjects (also shared, controlled
and misread ones), passive agents, objects and the pattern's prepositional objects."""

from __future__ import annotations

from ..actors import ActorMatch
from ..conllu import Word
from ..dictionaries import VerbPattern
from .clause import _VERBAL, _Clause
from .targets import _named
from .tree import _NOT_INSIDE, _case_of, _complement_of, _has_prep, _infinitive_marked, _is_passive


def _source_words(cl: _Clause, verb: Word, rels: tuple[str, ...], passive: bool) -> list[Word]:
    rules = cl.res.rules
    if passive:
        for child in cl.kids(verb):
            if child.deprel in rules.passive_agent_relations:
                return [child]
            if child.rel == "obl" and _case_of(cl, child) & rules.passive_agent_preps:
                return [child]
        return []
    subj = [c for c in cl.kids(verb) if c.deprel in rels]
    if subj:
        return subj
    objs = [c for c in cl.kids(verb) if c.deprel in ("obj", "iobj")]
    if len(objs) >= 2 and "nsubj" in rels:
        # A parser that labelled the subject as a second object: take the nominative,
        # else the first ("beschuldigte die USA Nordkorea").
        nominative = [c for c in objs if c.feats.get("Case") == "Nom"]
        return [(nominative or objs)[0]]
    if "nsubj" in rels:
        misread = _misread_subject(cl, verb, objs)
        if misread is not None:
            return [misread]
    # Shared or controlled subjects: coordinated verbs, infinitival complements.
    head = cl.head(verb)
    if head is None or head.id == verb.id:
        return []
    if verb.rel == "conj" and head.upos in _VERBAL | {"NOUN", "ADJ"}:
        return _source_words(cl, head, rels, _is_passive(cl, head))
    if verb.rel == "xcomp":
        objs = [c for c in cl.kids(head) if c.deprel in ("obj", "iobj")]
        if objs:
            return objs
        # "called *on Russia* to withdraw", "appellierte *an Russland*, ... abzuziehen": a
        # prepositional object before the infinitive controls it when it names an actor
        obls = [c for c in cl.kids(head) if c.rel == "obl" and c.id < verb.id
                and c.deprel not in _NOT_INSIDE and _case_of(cl, c) and _named(cl, c, set())]
        if obls and not _is_passive(cl, head):
            return obls[-1:]
        if _is_passive(cl, head):
            # "X was seen to break into ...": the passive subject controls the infinitive.
            subj = [c for c in cl.kids(head) if c.deprel in rules.passive_subject_relations]
            if subj:
                return subj
        return _source_words(cl, head, rels, _is_passive(cl, head))
    if verb.rel == "advcl" and head.upos in _VERBAL and _infinitive_marked(cl, verb):
        # An infinitival adverbial clause shares the subject ("X is inching nearer *to
        # accord* with Y", "X sent troops *to attack* Y", "um ... *zu* verhandeln"); of a
        # passive head, the passive subject ("troops were sent *to attack* Y").
        if _is_passive(cl, head):
            return [c for c in cl.kids(head) if c.deprel in rules.passive_subject_relations]
        return _source_words(cl, head, rels, False)
    return []


def _names_actor(cl: _Clause, w: Word) -> ActorMatch | None:
    """The dictionary name (a whole actor phrase, not a hyphen part) that covers ``w``."""
    return next((m for m in cl.actors.matches.get(w.id, ()) if m.part < 0), None)


def _misread_subject(cl: _Clause, verb: Word, objs: list[Word]) -> Word | None:
    """A named subject a parser attached elsewhere, for a verb without a subject.

    Two misreadings of compact parsers, both impossible for a name: the name as an
    adverb ("*Nordkorea* habe ... Raketen abgefeuert", advmod), and two names run
    together as one noun phrase ("beschuldigte *die USA* Nordkorea": USA as a
    compound of the object). Names of one actor ("Nord Korea") are one match and
    are left alone, and so are pronouns and prepositional phrases.
    """
    for child in cl.kids(verb):
        if child.rel in ("advmod", "dep") and child.upos != "PRON" and _names_actor(cl, child) \
                and not any(c.rel == "case" for c in cl.kids(child)):
            return child
    for obj in objs:
        head = _names_actor(cl, obj)
        if head is None:
            continue
        for child in cl.kids(obj):
            mod = _names_actor(cl, child) if child.rel in ("compound", "flat") else None
            if mod is not None and mod is not head and child.id < obj.id and not (
                    {e.code for e in mod.entries} & {e.code for e in head.entries}):
                return child
    return None


def _target_words(cl: _Clause, verb: Word, pattern: VerbPattern, noun: Word | None,
                  prt_obl: Word | None, passive: bool, subject_ids: set[int]) -> list[Word]:
    """The words that name the target directly: objects, passive subjects, the pattern's
    prepositional objects (of the verb or of its noun)."""
    rules = cl.res.rules
    out: list[Word] = []
    if prt_obl is not None and pattern.particle not in pattern.source_preps \
            and pattern.particle not in pattern.skip_preps:
        out.append(prt_obl)
    rels = pattern.target_relations or rules.target_relations
    preps = pattern.target_preps
    for child in cl.kids(verb):
        if child.id in subject_ids:
            continue
        if noun is not None and child.id == noun.id:
            continue
        if prt_obl is not None and child.id == prt_obl.id:
            continue
        if pattern.skip_preps and _has_prep(cl, child, pattern.skip_preps):
            continue
        if passive and child.deprel in rules.passive_subject_relations:
            out.append(child)
        elif not passive and child.deprel in rels:
            out.append(child)
        elif preps and child.rel in ("obl", "nmod", "obj") and child.deprel not in \
                rules.passive_agent_relations and _has_prep(cl, child, preps):
            out.append(child)
    if noun is not None and preps:
        for child in cl.kids(noun):
            if child.rel == "nmod" and _has_prep(cl, child, preps) and child not in out:
                out.append(child)
    comp = _complement_of(cl, verb, noun)
    if comp is not None and preps:
        # "vowed to wage war *on the Rohans*", "believed linked *to Al-Qaeda*": the
        # complement's prepositional objects
        for child in cl.kids(comp):
            if child.rel in ("obl", "nmod") and child.id != noun.id and child not in out \
                    and child.deprel not in rules.passive_agent_relations \
                    and _has_prep(cl, child, preps):
                out.append(child)
    # An argument of the infinitival complement is not the target of this verb.
    return [w for w in out if w.id != verb.id and w.id not in subject_ids]
