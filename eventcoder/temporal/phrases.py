"""Finding temporal phrases in a sentence: the trigger's clause, the phrases in it
and their words, and whether a phrase is a boundary ("until ...") rather than a
time."""

from __future__ import annotations

from eventcoder.conllu import Sentence, Word

from .lexicon import TemporalLexicon, _key
from .words import _temporalish

# Relations that start another clause: its times are not the trigger's.
_CLAUSAL = {"ccomp", "xcomp", "advcl", "acl", "csubj", "parataxis", "list", "discourse",
            "vocative", "reparandum", "orphan", "dislocated"}
# Objects: their modifiers date the object, not the event ("arrested the organiser of
# last month's blasts").
_CORE = {"obj", "iobj", "expl"}
# Subjects are searched last: in news the subject is often the event itself ("A fire
# yesterday morning killed five girls", "Ein Anschlag am Montag tötete ...").
_SUBJECT = "nsubj"
_SUBJECT_PENALTY = 100
# Relations through which an embedded event takes its governing clause's date.
_FALLBACK = {"ccomp", "xcomp", "advcl", "conj", "csubj", "parataxis"}
# Function words that point at the predicate they belong to.
_FUNCTION = {"aux", "cop", "mark", "compound", "fixed", "flat", "case"}
# Relations inside a temporal phrase ("15." -> "August", "vergangenen" -> "Jahr").
_CHUNK = {"nummod", "nmod", "amod", "det", "flat", "compound", "appos", "conj", "fixed",
          "obl", "advmod", "dep"}
# Relations by which a temporal phrase attaches to its clause.
_ATTACH = {"obl", "nmod", "advmod", "dep", "appos"}


def _is_predicate(sentence: Sentence, word: Word) -> bool:
    if word.upos in ("VERB", "AUX"):
        return True
    return any(c.rel in ("nsubj", "cop", "aux", "csubj") for c in sentence.children(word.id))


def _crosses(sentence: Sentence, child: Word) -> bool:
    """Does the edge to ``child`` leave the clause?"""
    if child.rel in _CLAUSAL or (child.rel == "conj" and _is_predicate(sentence, child)):
        return True
    # a participle before a noun is a clause of its own: "die 1983 ausgerufene Republik"
    return child.rel == "amod" and (child.upos == "VERB" or any(
        g.rel in ("obl", "nmod", "obj") for g in sentence.children(child.id)))


def _clause(sentence: Sentence, head: int) -> dict[int, int]:
    """Word ids of ``head``'s clause, mapped to their depth below ``head``."""
    depth = {head: 0}
    stack = [head]
    while stack:
        current = stack.pop()
        for child in sentence.children(current):
            if child.id in depth or child.rel == "punct" or _crosses(sentence, child):
                continue
            if child.rel in _CORE:
                continue
            step = _SUBJECT_PENALTY if child.rel == _SUBJECT and current == head else 1
            depth[child.id] = depth[current] + step
            stack.append(child.id)
    return depth


def _phrase_words(sentence: Sentence, head: int) -> list[Word]:
    seen = {head}
    stack = [head]
    while stack:
        for child in sentence.children(stack.pop()):
            if child.id in seen or child.rel == "punct" or _crosses(sentence, child):
                continue
            seen.add(child.id)
            stack.append(child.id)
    return [sentence.word(i) for i in sorted(seen)]


def _surface(sentence: Sentence, ids: set[int]) -> str:
    """The phrase as written: multi-word tokens ("im") instead of their parts."""
    mwt = {}
    for tok in sentence.tokens:
        for i in range(tok.first, tok.last + 1):
            mwt[i] = tok
    out: list[str] = []
    done: set[int] = set()
    for i in sorted(ids):
        tok = mwt.get(i)
        if tok is not None:
            if tok.first not in done:
                out.append(tok.form)
                done.add(tok.first)
        else:
            out.append(sentence.word(i).form)
    return " ".join(out)


def _is_future(sentence: Sentence, head: int, lex: TemporalLexicon) -> bool:
    return any(c.deprel == "aux" and (_key(c.lemma) in lex.future_auxiliaries
                                      or _key(c.form) in lex.future_auxiliaries)
               for c in sentence.children(head))


def _phrase_head(sentence: Sentence, word: Word, region: dict[int, int], clause_head: int,
                 lex: TemporalLexicon) -> Word:
    current = word
    while (current.rel in _CHUNK and current.head in region and current.head != clause_head
           and _temporalish(sentence.word(current.head), lex)):
        current = sentence.word(current.head)
    return current


def _behind_boundary(sentence: Sentence, phrase_head: Word, clause_head: int,
                     lex: TemporalLexicon) -> bool:
    """Is the phrase nested in a boundary phrase ("until his court appearance on April 5")?

    Phrases nested in "nach/after" phrases still count: "Nach dem Treffen im Jahr 2018
    erklärten ..." happened in 2018 or soon after.
    """
    current = phrase_head
    while current.head and current.head != clause_head:
        current = sentence.word(current.head)
        key = _key(current.form)
        if current.upos == "ADP" and key in lex.skip_cases and key not in lex.after_cases:
            return True  # "(bis 2001)" parsed with the preposition as head
        for child in sentence.children(current.id):
            if child.rel == "case" or (child.upos == "ADP" and child.rel in ("dep", "mark")):
                word = _key(child.lemma) or _key(child.form)
                if (word in lex.skip_cases or _key(child.form) in lex.skip_cases) and not (
                        word in lex.after_cases or _key(child.form) in lex.after_cases):
                    return True
    return False
