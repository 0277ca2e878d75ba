"""Code gold sentences the two ways that matter: from raw text (as users run the coder) and
from the treebank's gold parse (a diagnostic of the coder alone).

Raw text: each record's ``context`` and ``text`` are one article, parsed by stanza and
coded as any article; the events whose sentence is the record's ``text`` are kept (the
context only resolves pronouns and "the president"). Gold parse: records whose
``origin`` names a UD treebank sentence are coded from that sentence's gold parse, read
from the treebank folder (``../shared/ud``); records without one are left out.

Both return an events frame whose ``doc_id`` is the gold record's id, ready for
:func:`eventcoder.validation.validate`.

Examples
--------
>>> from eventcoder.validation import read_gold, validate
>>> gold = read_gold("data/gold/dev_de.jsonl")  # doctest: +SKIP
>>> report = validate(code_gold_raw(gold), gold, modes=["asserted"])  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .gold import GoldSentence

__all__ = ["code_gold_raw", "code_gold_ud", "treebank_sentence"]


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _in_target(sentence: str, trigger: str, target: str) -> bool:
    """Is an event of ``sentence`` (with ``trigger``) an event of the gold sentence ``target``?"""
    s, t = _norm(sentence), _norm(target)
    if not s or not t:
        return False
    if s in t:  # the parser split the target (or matched it exactly)
        return True
    if t in s:  # the parser ran the target into a neighbour: the trigger must be in the target
        words = [w for w in re.findall(r"\w+", trigger.lower()) if len(w) > 1]
        return bool(words) and all(w in target.lower() for w in words)
    return False


def code_gold_raw(gold: Sequence[GoldSentence], *, model_dir: str | os.PathLike | None = None,
                  cache_dir: str | os.PathLike | None = None, use_cache: bool = True,
                  dictionaries: Sequence[str | os.PathLike] = ()) -> pd.DataFrame:
    """Code the gold records from raw text (context + sentence), like a user's article.

    Returns
    -------
    pandas.DataFrame
        The events of the records' own sentences (columns of
        :func:`eventcoder.events_to_frame`), ``doc_id`` = the gold id; its
        ``attrs["summary"]`` accounts for every record.
    """
    from ..api import code_articles

    rows = [{"id": s.id, "text": (s.context + " " + s.text).strip() if s.context else s.text,
             "date": s.date, "language": s.language, "speaker": s.speaker} for s in gold]
    frame = code_articles(pd.DataFrame(rows), model_dir=model_dir, cache_dir=cache_dir,
                          use_cache=use_cache, dictionaries=dictionaries, progress=False)
    text = {s.id: s.text for s in gold}
    keep = [_in_target(sent, trig, text.get(doc, "")) for doc, sent, trig in
            zip(frame["doc_id"], frame["sentence"], frame["trigger"], strict=True)]
    out = frame[keep].reset_index(drop=True)
    out.attrs = dict(frame.attrs)
    return out


@functools.lru_cache(maxsize=32)
def _treebank(path: str) -> dict[str, str]:
    """sent_id -> the sentence's CoNLL-U block, for one treebank file."""
    blocks: dict[str, str] = {}
    current: list[str] = []
    sent_id = ""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        if not line.strip():
            if current and sent_id:
                blocks[sent_id] = "\n".join(current) + "\n"
            current, sent_id = [], ""
            continue
        if not line.startswith("# newdoc") and not line.startswith("# newpar"):
            current.append(line)
    if current and sent_id:
        blocks[sent_id] = "\n".join(current) + "\n"
    return blocks


def treebank_sentence(record: GoldSentence, ud_root: str | os.PathLike) -> str | None:
    """The gold CoNLL-U of a record whose origin is a UD treebank sentence, else ``None``."""
    origin = record.origin
    if not origin.get("sent_id") or not origin.get("file"):
        return None
    path = Path(ud_root) / str(origin.get("corpus", "")) / str(origin["file"])
    if not path.is_file():
        return None
    return _treebank(str(path)).get(str(origin["sent_id"]))


def code_gold_ud(gold: Sequence[GoldSentence], ud_root: str | os.PathLike, *,
                 dictionaries: Sequence[str | os.PathLike] = ()) -> tuple[pd.DataFrame, list[str]]:
    """Code the records that come from a UD treebank from their gold parses.

    Returns
    -------
    events : pandas.DataFrame
        ``doc_id`` = the gold id.
    ids : list of str
        The gold ids that had a treebank parse (score against those records only).
    """
    from ..conllu import read_conllu
    from ..events import events_to_frame
    from .gold import code_gold

    records: list[GoldSentence] = []
    for s in gold:
        block = treebank_sentence(s, ud_root)
        if block is None:
            continue
        doc = read_conllu(block, default_doc_id=s.id)[0]
        if not doc.sentences:
            continue
        records.append(GoldSentence(id=s.id, text=s.text, language=s.language, date=s.date,
                                    conllu=block))
    if not records:
        return events_to_frame([]), []
    frame = code_gold(records) if not dictionaries else _code_with(records, dictionaries)
    return frame, [r.id for r in records]


def _code_with(records: list[GoldSentence], dictionaries: Sequence[str | os.PathLike]) -> pd.DataFrame:
    from ..coding import code_documents
    from ..dictionaries import load_language
    from ..events import events_to_frame
    from .gold import gold_to_documents

    events = []
    for lang in sorted({r.language for r in records}):
        chosen = [r for r in records if r.language == lang]
        events += code_documents(gold_to_documents(chosen),
                                 load_language(lang, dictionaries=tuple(dictionaries)))
    return events_to_frame(events)
