"""Questions about the dependency tree around a word: its prepositions, the subject
of a verb, passive voice, coordination, infinitival complements."""

from __future__ import annotations

from ..conllu import Word
from ..dictionaries import normalize
from .clause import _VERBAL, _Clause

# Relations followed when looking for an actor inside a phrase ("the resumption of
# ties *with Osgiliath*", "an attack *by Osgiliath soldiers*", "the affected *Ithilen*
# villages", "memos sent *by Bree*"); relative clauses are not followed.
_INSIDE_RELS = frozenset({"nmod", "compound", "flat", "appos", "amod", "acl", "obl", "obj",
                          "iobj", "conj", "xcomp"})
_NOT_INSIDE = frozenset({"acl:relcl", "obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod"})


def _case_of(cl: _Clause, w: Word) -> set[str]:
    return {normalize(c.lemma) for c in cl.kids(w) if c.rel == "case"} | {
        normalize(c.form) for c in cl.kids(w) if c.rel == "case"}


def _has_prep(cl: _Clause, w: Word, preps: tuple[str, ...]) -> bool:
    """Whether ``w`` is introduced by one of ``preps`` ("*": by any preposition)."""
    cases = _case_of(cl, w)
    return bool(cases) and ("*" in preps or bool(cases.intersection(preps)))


def _subject(cl: _Clause, verb: Word) -> Word | None:
    for child in cl.kids(verb):
        if child.deprel in ("nsubj", "nsubj:pass"):
            return child
    return None


def _is_passive(cl: _Clause, verb: Word) -> bool:
    for child in cl.kids(verb):
        if child.deprel in ("nsubj:pass", "aux:pass", "csubj:pass"):
            return True
    return False


def _coordinated(cl: _Clause, w: Word) -> list[Word]:
    """``w`` and the words coordinated with it ("Russland und China").

    An apposition inside a coordination counts as a conjunct ("Mordor, the
    Shire, Arnor and Bree", parsed with "the Shire" as apposition of "Mordor").
    """
    out, stack = [w], [w]
    while stack:
        word = stack.pop()
        kids = cl.kids(word)
        coordinated = any(c.rel == "conj" for c in kids)
        for child in kids:
            if child.upos in _VERBAL:
                continue
            if child.rel == "conj" or (child.rel == "appos" and (
                    coordinated or any(c.rel == "conj" for c in cl.kids(child)))):
                out.append(child)
                stack.append(child)
    return out


def _infinitive_marked(cl: _Clause, w: Word) -> bool:
    """Whether ``w`` is marked by an infinitive particle ("*to* attack", "*zu* verhandeln")."""
    return any(m.rel == "mark" and m.upos == "PART" for m in cl.kids(w))


def _complements(cl: _Clause, verb: Word) -> list[Word]:
    """Infinitival complements of ``verb`` ("threatened *to assassinate*", "vowed *to
    wage* war"): an ``xcomp``, or an ``advcl`` marked by an infinitive particle."""
    return [c for c in cl.kids(verb)
            if c.rel == "xcomp" or c.rel == "advcl" and _infinitive_marked(cl, c)]


def _complement_of(cl: _Clause, verb: Word, noun: Word | None) -> Word | None:
    """The complement of ``verb`` the pattern's noun was found in (``None``: a direct
    argument)."""
    if noun is None or noun.head == 0:
        return None
    if noun.head == verb.id:
        return noun if noun.rel in ("xcomp", "advcl") else None
    head = cl.word(noun.head)
    return head if head.head == verb.id and head.rel in ("xcomp", "advcl") else None
