"""Names stay names: tag known names as proper nouns before the parser runs (issue 13).

The compact taggers tag sentence-initial country names as adjectives ("Finland/ADJ joins
NATO", "Russia/ADJ attacks ...") and split multi-word names across tags ("United/ADJ
States/PROPN", "Saudi/ADJ Arabia/PROPN"); the parser then hangs the parts on different
heads, and a verb gets several subjects. Between tagging and parsing,
:func:`tag_names` retags every word of a name that the language's actor dictionary
knows (the kinds listed in the ``names`` section of ``resources/<lang>/tag_repair.yaml``:
countries, capitals, people, international organisations; CLDR country names included)
as ``PROPN``, where each of its content words is written with a capital. A language
whose section is missing or ``enabled: false`` is left as tagged.
Adjectives of nationality (kind ``adj``: "Russian") and lower-case words are left
alone. Retagged words keep the tagger's reading in MISC (``NameTag=ADJ``).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["tag_names"]

#: tags a word inside a name keeps (function words: "Democratic Republic *of the* Congo")
_FUNCTION = frozenset({"ADP", "DET", "CCONJ", "PART", "PUNCT"})


def name_rules(language: str) -> dict:
    """The ``names`` section of the language's ``tag_repair.yaml`` (empty: off)."""
    from .tag_repair import repair_data

    data = repair_data(language).get("names") or {}
    return data if data.get("enabled", False) else {}


@lru_cache(maxsize=16)
def _names(language: str, kinds: tuple[str, ...] | None = None
           ) -> tuple[frozenset[tuple[str, ...]], dict[str, int]]:
    """Name keys of the shipped dictionary (of ``kinds``; default: the ``names`` section's)
    and, per first word, the longest name."""
    from ..dictionaries import load_language

    wanted = set(kinds if kinds is not None else name_rules(language).get("kinds", ()))
    res = load_language(language)
    names = {key for key, entries in res.actors.items()
             if any(e.kind in wanted for e in entries)
             and not any(e.kind == "adj" for e in entries)}
    first: dict[str, int] = {}
    for key in names:
        first[key[0]] = max(first.get(key[0], 0), len(key))
    return frozenset(names), first


def is_tree(words: list[Any]) -> bool:
    """Whether the words (stanza's or ours: ``id``, ``head``) form one tree
    (:func:`eventcoder.conllu._check_tree`, without raising)."""
    from ..conllu import _check_tree
    from ..errors import ConlluError

    try:
        _check_tree(words, "repair")
    except ConlluError:
        return False
    return True


def name_spans(words: list[Any], language: str, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) 0-based indexes of the longest dictionary names of ``kinds``, left to right."""
    from ..dictionaries import normalize

    names, first = _names(language, kinds)
    keys = [normalize(w.text) for w in words]
    spans, i = [], 0
    while i < len(words):
        for length in range(min(first.get(keys[i], 0), len(words) - i), 0, -1):
            if tuple(keys[i:i + length]) in names:
                spans.append((i, i + length - 1))
                i += length
                break
        else:
            i += 1
    return spans


def _retag(words: list[Any], language: str, proper_xpos: str | None) -> int:
    from ..dictionaries import normalize

    names, first = _names(language)
    keys = [normalize(w.text) for w in words]
    n, i = 0, 0
    while i < len(words):
        longest = first.get(keys[i], 0)
        match = 0
        for length in range(min(longest, len(words) - i), 0, -1):
            if tuple(keys[i:i + length]) in names:
                match = length
                break
        if not match:
            i += 1
            continue
        span = words[i:i + match]
        content = [w for w in span if w.upos not in _FUNCTION]
        if content and all(w.text[:1].isupper() for w in content):
            for w in content:
                if w.upos != "PROPN":
                    misc = f"NameTag={w.upos}"
                    w.misc = misc if not w.misc or w.misc == "_" else f"{w.misc}|{misc}"
                    w.upos = "PROPN"
                    if proper_xpos and w.xpos not in (None, "", "_"):
                        w.xpos = proper_xpos
                    n += 1
        i += match
    return n


def tag_names(doc: Any, language: str) -> int:
    """Retag the words of known names as ``PROPN`` in a tagged, unparsed stanza Document.

    Parameters
    ----------
    doc : stanza.Document
        After the ``pos`` processor, before ``depparse``.
    language : str
        Whose ``tag_repair.yaml`` and shipped actor dictionary name the names.

    Returns
    -------
    int
        The number of words retagged.

    Examples
    --------
    >>> import stanza
    >>> doc = stanza.Document([[{"id": 1, "text": "United", "upos": "ADJ", "xpos": "JJ"},
    ...                         {"id": 2, "text": "States", "upos": "PROPN", "xpos": "NNPS"},
    ...                         {"id": 3, "text": "warned", "upos": "VERB", "xpos": "VBD"}]])
    >>> tag_names(doc, "en")
    1
    >>> [(w.upos, w.misc) for w in doc.sentences[0].words][0]
    ('PROPN', 'NameTag=ADJ')
    """
    rules = name_rules(language)
    if not rules:
        return 0
    xpos = rules.get("proper_xpos")
    return sum(_retag(sent.words, language, xpos) for sent in doc.sentences)
