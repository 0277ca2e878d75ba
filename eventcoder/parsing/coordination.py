"""Coordinated names stay coordinated (issue 13): "Japan and South Korea signed ...".

The compact parsers often hang the first of two coordinated names inside the second
("Japan/flat -> Korea", "Saudi Arabia/flat -> Iran"), so the coder sees one subject and
loses the other side of the event. After parsing, :func:`repair_coordination` finds a
coordinating conjunction directly between two names that the actor dictionary knows
(the kinds in the ``coordination`` section of ``resources/<lang>/tag_repair.yaml``) and,
where the first name's head word hangs inside the second name or the conjunction hangs
on the second name while the first hangs elsewhere ("On November 27, Turkey/nmod and
Libya/nsubj signed"), makes the first name the head of the coordination (UD: the first
conjunct heads, the second is ``conj`` with the conjunction as its ``cc``).
Coordinations the parser got right are left alone. With ``conjuncts: true``, a noun
whose conjunction (``cc``) stands between its head noun and itself is made that head's
``conj`` whatever relation the parser gave it ("Li Peng und der armenische
Regierungschef": ``nmod``).
"""

from __future__ import annotations

from typing import Any

from .name_tags import is_tree, name_spans

__all__ = ["repair_coordination"]


def _root(words: list[Any], lo: int, hi: int) -> Any | None:
    """The one word of words[lo..hi] whose head lies outside the span (None: several)."""
    roots = [w for w in words[lo:hi + 1] if not (lo + 1 <= w.head <= hi + 1)]
    return roots[0] if len(roots) == 1 else None


def _repair(words: list[Any], language: str, kinds: tuple[str, ...]) -> int:
    spans = name_spans(words, language, kinds)
    n = 0
    for (a_lo, a_hi), (b_lo, b_hi) in zip(spans, spans[1:]):
        if b_lo != a_hi + 2 or words[a_hi + 1].upos != "CCONJ":
            continue
        first, second = _root(words, a_lo, a_hi), _root(words, b_lo, b_hi)
        if first is None or second is None or second.deprel == "conj" or first.head == second.id \
                and first.deprel == "conj":
            continue  # the parser coordinated them
        cc_inside = b_lo + 1 <= words[a_hi + 1].head <= b_hi + 1
        if not (b_lo + 1 <= first.head <= b_hi + 1 or cc_inside):
            continue  # the conjunction is not the second name's: the names are parts of others
        if a_lo + 1 <= second.head <= a_hi + 1:
            continue  # the second name hangs in the first: nothing to lift
        before = [(w, w.head, w.deprel) for w in words]
        first.head, first.deprel = second.head, second.deprel
        second.head, second.deprel = first.id, "conj"
        cc = words[a_hi + 1]
        cc.head, cc.deprel = second.id, "cc"
        for w in words:  # the second name's dependents before the conjunction go with the first
            if w.head == second.id and w.id < cc.id and w is not cc:
                w.head = first.id
        if not is_tree(words):  # never hand the coder a cycle: undo
            for w, head, deprel in before:
                w.head, w.deprel = head, deprel
            continue
        n += 1
    return n


#: relations a conjunct is mislabelled with ("Li Peng und der armenische Regierungschef":
#: the second noun phrase as nmod of the first, with "und" as its cc)
_MISLABELLED = frozenset({"nmod", "appos", "flat", "compound"})


def _conjuncts(words: list[Any]) -> int:
    """A noun that has a conjunction (cc) between its head and itself is that head's
    conjunct, whatever relation the parser gave it."""
    n = 0
    for cc in words:
        if cc.deprel != "cc" or not cc.head:
            continue
        noun = words[cc.head - 1]
        if noun.upos not in ("NOUN", "PROPN") or noun.deprel.split(":")[0] not in _MISLABELLED:
            continue
        if noun.head and noun.head < cc.id < noun.id and words[noun.head - 1].upos in ("NOUN", "PROPN"):
            noun.deprel = "conj"
            n += 1
    return n


def repair_coordination(doc: Any, language: str) -> int:
    """Re-coordinate names the parser nested in a parsed stanza Document; return how many.

    Parameters
    ----------
    doc : stanza.Document
        After the ``depparse`` processor.
    language : str
        Selects the ``coordination`` section of ``resources/<language>/tag_repair.yaml``.

    Returns
    -------
    int
        The number of coordinations repaired.

    Examples
    --------
    >>> import stanza
    >>> doc = stanza.Document([[
    ...     {"id": 1, "text": "Japan", "upos": "PROPN", "head": 4, "deprel": "flat"},
    ...     {"id": 2, "text": "and", "upos": "CCONJ", "head": 4, "deprel": "cc"},
    ...     {"id": 3, "text": "South", "upos": "PROPN", "head": 4, "deprel": "compound"},
    ...     {"id": 4, "text": "Korea", "upos": "PROPN", "head": 5, "deprel": "nsubj"},
    ...     {"id": 5, "text": "signed", "upos": "VERB", "head": 0, "deprel": "root"}]])
    >>> repair_coordination(doc, "en")
    1
    >>> [(w.text, w.head, w.deprel) for w in doc.sentences[0].words][::3]
    [('Japan', 5, 'nsubj'), ('Korea', 1, 'conj')]
    """
    from .tag_repair import repair_data

    rules = repair_data(language).get("coordination") or {}
    if not rules.get("enabled", False):
        return 0
    kinds = tuple(sorted(rules.get("kinds", ())))
    n = 0
    for sent in doc.sentences:
        words = list(sent.words)
        n += _repair(words, language, kinds)
        if rules.get("conjuncts", False):
            n += _conjuncts(words)
    return n
