"""Bound the length of sentences before they are tagged and parsed.

stanza's parser needs memory and time that grow with the square of a sentence's length:
one sentence of 1,000 words takes 30-70 s and over 3 GiB (``benchmarks/long_sentences.py``),
and text without sentence ends (a table, a list, a garbled file) makes such sentences.
After tokenizing (and repairing sentence splits), a sentence of more than ``max_words``
words is cut into pieces of at most that many words, at token boundaries (a multi-word
token such as "zum" stays whole). Each piece is marked in the CoNLL-U with a comment
``# eventcoder_split = 2/3 of 612 words``, which the batch engine counts (or, with
``long_sentences="quarantine"``, quarantines the record for).
"""

from __future__ import annotations

import re
from typing import Any

from .pipeline import _import_stanza
from .sentences import _renumber, _token_groups

__all__ = ["MAX_SENTENCE_WORDS", "SPLIT_KEY", "bound_sentences", "mark_pieces", "split_sentences"]

#: the default bound: far above real news sentences (the shared corpora's longest are under
#: 150 words), low enough that a sentence costs the parser under 0.1 GiB
MAX_SENTENCE_WORDS = 250
#: the CoNLL-U comment (``Sentence.metadata`` key) of a piece of a split sentence
SPLIT_KEY = "eventcoder_split"
_MARK = re.compile(r"^(\d+)/(\d+) of (\d+) words$")


def _n_words(group: list[dict]) -> int:
    return len(group) - 1 if len(group) > 1 else 1


def bound_sentences(doc: Any, max_words: int | None) -> tuple[Any, dict[int, str]]:
    """Split the sentences of a tokenized stanza Document longer than ``max_words`` words.

    Returns the Document (the same one when nothing is split) and, for each piece,
    its sentence index -> ``"k/n of N words"``.
    """
    if not max_words or all(len(s.words) <= max_words for s in doc.sentences):
        return doc, {}
    out: list[list[list[dict]]] = []
    pieces: dict[int, str] = {}
    for sentence in doc.to_dict():
        groups = _token_groups(sentence)
        total = sum(_n_words(g) for g in groups)
        if total <= max_words:
            out.append(groups)
            continue
        parts: list[list[list[dict]]] = [[]]
        size = 0
        for group in groups:
            n = _n_words(group)
            if parts[-1] and size + n > max_words:
                parts.append([])
                size = 0
            parts[-1].append(group)
            size += n
        for k, part in enumerate(parts, start=1):
            pieces[len(out)] = f"{k}/{len(parts)} of {total} words"
            out.append(part)
    stanza = _import_stanza()
    return stanza.Document([_renumber(s) for s in out], text=doc.text), pieces


def mark_pieces(conllu: str, pieces: dict[int, str]) -> str:
    """Add ``# eventcoder_split = ...`` after the ``# sent_id`` of each piece (CoNLL-U of
    :func:`eventcoder.parsing.conversion._to_conllu`, whose sentence ids are 1, 2, ...)."""
    if not pieces:
        return conllu
    wanted = {f"# sent_id = {i + 1}": mark for i, mark in pieces.items()}
    lines = []
    for line in conllu.split("\n"):
        lines.append(line)
        mark = wanted.get(line)
        if mark is not None:
            lines.append(f"# {SPLIT_KEY} = {mark}")
    return "\n".join(lines)


def split_sentences(document: Any) -> list[int]:
    """The word counts of the over-long sentences that were split in a parsed Document.

    Examples
    --------
    >>> from eventcoder.conllu import Document, Sentence
    >>> doc = Document("d", [Sentence("1", "", [], metadata={SPLIT_KEY: "1/2 of 300 words"}),
    ...                      Sentence("2", "", [], metadata={SPLIT_KEY: "2/2 of 300 words"})])
    >>> split_sentences(doc)
    [300]
    """
    found = []
    for sentence in document.sentences:
        m = _MARK.match(str(sentence.metadata.get(SPLIT_KEY, "")).strip())
        if m and m.group(1) == "1":
            found.append(int(m.group(3)))
    return found
