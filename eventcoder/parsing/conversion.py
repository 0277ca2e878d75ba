"""Convert between stanza's output and our CoNLL-U / :class:`~eventcoder.conllu.Document`.

:func:`_to_conllu` writes a parsed stanza Document as CoNLL-U, taking each
token's text from its character offsets in the original text (so characters
mapped for the tokenizer come back as written); :func:`_from_conllu` reads that
CoNLL-U (fresh or from the cache) into a :class:`~eventcoder.conllu.Document`.
"""

from __future__ import annotations

import re
from typing import Any

from ..conllu import Document, read_conllu


def _clean_field(value: Any, default: str = "_") -> str:
    if value is None or value == "":
        return default
    return re.sub(r"[\t\r\n]+", " ", str(value)).strip() or default


def _word_misc(word: Any, misc: str) -> str:
    """The token's MISC, plus what eventcoder's repairs noted on the word (``Rescued=NOUN``)."""
    noted = str(getattr(word, "misc", None) or "").split("|")
    own = [p for p in noted if p.startswith(("Rescued=", "NameTag="))]
    if not own:
        return misc
    return "|".join(own) if misc == "_" else f"{misc}|{'|'.join(own)}"


def _to_conllu(doc: Any, shown: str | None = None) -> str:
    """Write a parsed stanza Document as CoNLL-U with ``# text`` and exact token text.

    ``shown`` is the text to quote (same length as the parsed text, before
    :func:`_tokenizer_text`); forms equal to the parsed slice are taken from it.
    """
    parsed_text = doc.text or ""
    text = shown if shown is not None and len(shown) == len(parsed_text) else parsed_text
    lines: list[str] = []
    for i, sent in enumerate(doc.sentences, 1):
        tokens = sent.tokens
        if not tokens:
            continue
        start, end = tokens[0].start_char, tokens[-1].end_char
        if start is not None and end is not None:
            stext = text[start:end]
        else:
            stext = " ".join(t.text for t in tokens)
        lines.append(f"# sent_id = {i}")
        lines.append(f"# text = {_clean_field(stext, '')}")
        for k, tok in enumerate(tokens):
            form = tok.text
            if tok.start_char is not None and tok.end_char is not None:
                raw = text[tok.start_char : tok.end_char]
                if raw and (not form or "<UNK>" in form
                            or form == parsed_text[tok.start_char : tok.end_char]):
                    form = raw
            misc = []
            if tok.start_char is not None:
                misc.append(f"start_char={tok.start_char}|end_char={tok.end_char}")
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.start_char is not None and nxt.start_char == tok.end_char:
                misc.append("SpaceAfter=No")
            misc_s = "|".join(misc) or "_"
            words = tok.words
            if len(words) > 1:
                span = f"{words[0].id}-{words[-1].id}"
                lines.append("\t".join([span, _clean_field(form), *["_"] * 7, misc_s]))
            for w in words:
                wform = w.text
                if len(words) == 1 and (not wform or "<UNK>" in wform or wform == tok.text):
                    wform = form
                cols = [
                    str(w.id),
                    _clean_field(wform),
                    _clean_field(w.lemma if w.lemma is not None else wform),
                    _clean_field(w.upos, "X"),
                    _clean_field(w.xpos),
                    _clean_field(w.feats),
                    str(w.head if w.head is not None else 0),
                    _clean_field(w.deprel, "dep"),
                    "_",
                    _word_misc(w, misc_s if len(words) == 1 else "_"),
                ]
                lines.append("\t".join(cols))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _from_conllu(conllu: str, doc_id: str, metadata: dict[str, str]) -> Document:
    if not conllu.strip():
        return Document(id=doc_id, sentences=[], metadata=dict(metadata))
    docs = read_conllu(conllu, default_doc_id=doc_id)
    doc = docs[0]
    for extra in docs[1:]:  # pragma: no cover - we never write newdoc
        doc.sentences.extend(extra.sentences)
    doc.metadata.update(metadata)
    return doc

