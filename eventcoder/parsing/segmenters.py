"""Sentence boundaries from SoMaJo, an optional alternative to stanza's own (issue 13).

``sentence_splitter="somajo"`` (see :func:`~eventcoder.parsing.parse_texts`) keeps
stanza's tokens (the ones the tagger and parser were trained on, with multi-word tokens
and character offsets into the text) and lets SoMaJo decide where sentences end:
:func:`somajo_boundaries` gives SoMaJo's sentence ends as character offsets and
:func:`resegment` regroups the tokens of a tokenized stanza Document at them.
Handing stanza SoMaJo's tokens instead (``tokenize_pretokenized``) would give the parser
tokens it never saw in training ("u." "a.", PTB "do" "n't") and lose the offsets;
``tokenize_no_ssplit`` would need blank lines written into the text, shifting them.

SoMaJo (https://github.com/tsproisl/SoMaJo) is licensed GPLv3 or later. eventcoder is MIT
and does not depend on it: it is the optional extra ``eventcoder[somajo]``. Whoever
distributes eventcoder *together with* SoMaJo distributes the combination under the GPL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .pipeline import _import_stanza

#: the sentence splitters ``parse_texts`` accepts
SENTENCE_SPLITTERS = ("stanza", "somajo")

#: SoMaJo's tokenizer model per language
_SOMAJO_LANGUAGE = {"de": "de_CMC", "en": "en_PTB"}

_PARAGRAPH = re.compile(r"\n\s*\n")


def check_splitter(name: str) -> str:
    """``name`` if it is a known sentence splitter, else a ``ValueError`` naming the choices.

    Examples
    --------
    >>> check_splitter("stanza")
    'stanza'
    """
    if name not in SENTENCE_SPLITTERS:
        raise ValueError(f"sentence_splitter must be one of {SENTENCE_SPLITTERS}, not {name!r}")
    return name


def _import_somajo() -> Any:
    try:
        import somajo
    except ImportError as exc:
        raise ImportError(
            "sentence_splitter='somajo' needs SoMaJo (GPLv3+), the optional extra: "
            "pip install 'eventcoder[somajo]'"
        ) from exc
    return somajo


def splitter_id(name: str) -> str:
    """What the sentence splitter adds to the parse cache key: ``""`` for stanza (whose
    rules are keyed separately), ``"-somajo<version>"`` for SoMaJo.

    Raises
    ------
    ValueError
        For an unknown splitter.
    ImportError
        For ``"somajo"`` when SoMaJo is not installed (the message names the extra).

    Examples
    --------
    >>> splitter_id("stanza")
    ''
    """
    if check_splitter(name) == "stanza":
        return ""
    _import_somajo()
    from importlib.metadata import version

    return f"-somajo{version('SoMaJo')}"


@lru_cache(maxsize=4)
def _somajo_tokenizer(language: str) -> Any:
    somajo = _import_somajo()
    try:
        model = _SOMAJO_LANGUAGE[language]
    except KeyError:
        raise ValueError(f"SoMaJo has no model for {language!r}; it splits {sorted(_SOMAJO_LANGUAGE)}") \
            from None
    return somajo.SoMaJo(model, split_camel_case=False, character_offsets=True)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs of ``text`` (separated by blank lines) with their start offsets."""
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(start, p) for start, p in out if p.strip()]


def somajo_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """SoMaJo's sentences of ``text`` as ``(start, end)`` character offsets.

    Parameters
    ----------
    text : str
        Raw text; blank lines separate paragraphs, which never share a sentence.
    language : str
        ``"de"`` or ``"en"``.

    Returns
    -------
    list of (int, int)
        One span per sentence, in text order.

    Raises
    ------
    ImportError
        When SoMaJo is not installed (the message names the extra).
    """
    tok = _somajo_tokenizer(language.split("_")[0])
    spans = []
    for start, paragraph in _paragraphs(text):
        for sentence in tok.tokenize_text([paragraph]):
            spans.append((start + sentence[0].character_offset[0],
                          start + sentence[-1].character_offset[1]))
    return spans


def somajo_boundaries(text: str, language: str) -> list[int]:
    """Character offsets where SoMaJo ends a sentence inside ``text`` (the last one left out)."""
    return [end for _, end in somajo_sentences(text, language)[:-1]]


def resegment(doc: Any, boundaries: list[int]) -> Any:
    """Regroup the tokens of a tokenized stanza Document into sentences ending at ``boundaries``.

    A token starting at or after a boundary opens a new sentence; stanza's own sentence
    ends are dropped. Tokens, multi-word tokens and offsets stay as stanza made them.

    Parameters
    ----------
    doc : stanza.Document
        Output of the ``tokenize`` (and ``mwt``) processors.
    boundaries : list of int
        Sentence end offsets into ``doc.text`` (:func:`somajo_boundaries`).

    Returns
    -------
    stanza.Document
        A new Document over the same text (``doc`` itself when it has no tokens).
    """
    from .sentences import _renumber, _span, _token_groups

    groups = [g for s in doc.to_dict() for g in _token_groups(s)]
    if not groups or any("start_char" not in g[0] for g in groups):
        return doc
    ends = sorted(set(boundaries))
    sentences: list[list[list[dict]]] = [[]]
    k = 0
    for g in groups:
        start = _span(g)[0]
        opened = False
        while k < len(ends) and ends[k] <= start:
            k += 1
            opened = True
        if opened and sentences[-1]:
            sentences.append([])
        sentences[-1].append(g)
    stanza = _import_stanza()
    return stanza.Document([_renumber(s) for s in sentences], text=doc.text)
