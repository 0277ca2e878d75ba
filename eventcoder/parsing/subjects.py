"""One subject per name: join a verb's adjacent subjects into one phrase (issue 13).

The compact parsers often cut a name into several subjects of one verb ("United States
President Donald Trump said": ``nsubj`` States and ``nsubj`` Trump; "Lula da Silva
defeats": ``nsubj`` da and ``nsubj`` Silva), which gives the coder extra sources and may
lose the real one. After parsing, :func:`join_subjects` attaches each subject of a verb
whose words end right where the next subject of the same verb begins (no word between,
both before the verb) to that next one, as ``flat`` between proper nouns and as
``compound`` otherwise: the head of a noun phrase is its last noun (the ``subjects``
section of ``resources/<lang>/tag_repair.yaml`` turns it on per language). Where the
next subject opens with a conjunction or a comma ("Saudi Arabia *and* Iran agreed"), the
two were coordinated: the next becomes the first one's ``conj``; where it opens with a
preposition ("Supporters *of* former president Jair Bolsonaro invade"), it modifies the
first (``nmod``). Where the language marks
case (``case_objects``), a verb's second subject in an object case becomes the object
("Scholz traf *den* französischen Präsidenten": nsubj with Case=Acc -> obj).
"""

from __future__ import annotations

from typing import Any

from .name_tags import is_tree

__all__ = ["join_subjects"]


def _spans(words: list[Any]) -> dict[int, tuple[int, int]]:
    """Word id -> (first id, last id) of its subtree."""
    span = {w.id: [w.id, w.id] for w in words}
    for w in words:
        seen = set()
        head = w.head
        while head and head not in seen:
            seen.add(head)
            lo, hi = span[head]
            span[head] = [min(lo, w.id), max(hi, w.id)]
            head = words[head - 1].head
    return {k: (v[0], v[1]) for k, v in span.items()}


def _join(words: list[Any], relation: str) -> int:
    n = 0
    changed = True
    while changed:
        changed = False
        spans = _spans(words)
        for verb in words:
            subjects = [w for w in words if w.head == verb.id and w.deprel.startswith(relation)
                        and w.id < verb.id]
            for a, b in zip(subjects, subjects[1:]):
                if spans[a.id][1] + 1 != spans[b.id][0] or spans[b.id][1] >= verb.id:
                    continue
                before = [(w, w.head, w.deprel) for w in (a, b)]
                opener = words[spans[b.id][0] - 1]
                if opener.deprel == "case" and opener.upos == "ADP":
                    b.head, b.deprel = a.id, "nmod"  # "Supporters | of ... Bolsonaro": a modifier
                elif any(w.deprel in ("cc", "punct") and spans[b.id][0] <= w.id < b.id
                         for w in words):
                    b.head, b.deprel = a.id, "conj"  # "Saudi Arabia and Iran": coordinated
                else:
                    a.head = b.id
                    a.deprel = "flat" if a.upos == b.upos == "PROPN" else "compound"
                if not is_tree(words):  # never hand the coder a cycle: undo, stop here
                    for w, head, deprel in before:
                        w.head, w.deprel = head, deprel
                    return n
                n += 1
                changed = True
                break
            if changed:
                break
    return n


def join_subjects(doc: Any, language: str) -> int:
    """Join adjacent subjects of one verb in a parsed stanza Document; return how many.

    Parameters
    ----------
    doc : stanza.Document
        After the ``depparse`` processor (words have ``head`` and ``deprel``).
    language : str
        Selects the ``subjects`` section of ``resources/<language>/tag_repair.yaml``.

    Returns
    -------
    int
        The subjects attached to the next one or turned into objects.

    Examples
    --------
    >>> import stanza
    >>> doc = stanza.Document([[
    ...     {"id": 1, "text": "Lula", "upos": "PROPN", "head": 3, "deprel": "nsubj"},
    ...     {"id": 2, "text": "Silva", "upos": "PROPN", "head": 3, "deprel": "nsubj"},
    ...     {"id": 3, "text": "wins", "upos": "VERB", "head": 0, "deprel": "root"}]])
    >>> join_subjects(doc, "en")
    1
    >>> [(w.text, w.head, w.deprel) for w in doc.sentences[0].words]
    [('Lula', 2, 'flat'), ('Silva', 3, 'nsubj'), ('wins', 0, 'root')]
    """
    from .tag_repair import repair_data

    rules = repair_data(language).get("subjects") or {}
    relation = str(rules.get("relation", "nsubj"))
    objects = {str(k): str(v) for k, v in (rules.get("case_objects") or {}).items()}
    n = 0
    for sent in doc.sentences:
        words = list(sent.words)
        if objects:
            n += _case_objects(words, relation, objects)
        if rules.get("join", False):
            n += _join(words, relation)
    return n


def _case(word: Any) -> str:
    return next((f.split("=", 1)[1] for f in str(word.feats or "").split("|")
                 if f.startswith("Case=")), "")


def _case_objects(words: list[Any], relation: str, objects: dict[str, str]) -> int:
    """A verb's second subject in an object case ("traf *den* Präsidenten": nsubj, Acc)
    is its object, where another subject of the verb is in the nominative."""
    n = 0
    for verb in words:
        subjects = [w for w in words if w.head == verb.id and w.deprel.startswith(relation)]
        if len(subjects) < 2 or not any(_case(s) == "Nom" for s in subjects):
            continue
        for s in subjects:
            if _case(s) in objects:
                s.deprel = objects[_case(s)]
                n += 1
    return n
