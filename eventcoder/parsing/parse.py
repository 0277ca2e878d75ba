"""Parse many raw texts into :class:`~eventcoder.conllu.Document` objects (:func:`parse_texts`).

Ties the other modules together: resolve the models, serve what the parse cache
holds, parse the rest in batches (tokenize, repair sentences, tag, lemmatise,
parse) with a progress bar, write the cache, and convert to Documents.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..conllu import Document
from .bounds import MAX_SENTENCE_WORDS, bound_sentences, mark_pieces
from .cache import _STATS, _cache_path, _cache_read, _cache_write, _default_cache_dir
from .conversion import _from_conllu, _to_conllu
from .coordination import repair_coordination
from .particles import attach_particles
from .pipeline import _import_stanza, _pipeline
from .resolution import resolve_models
from .segmenters import resegment, somajo_boundaries, splitter_id
from .sentences import _normalize_text, _repair_sentences, _rules_hash, _tokenizer_text
from .subjects import join_subjects
from .tag_repair import repair_fingerprint, repair_tags


def _parse_batch(nlp: Any, texts: list[str], language: str,
                 max_words: int | None = MAX_SENTENCE_WORDS, splitter: str = "stanza") -> list[str]:
    stanza = _import_stanza()
    docs = [stanza.Document([], text=_tokenizer_text(t, language)) for t in texts]
    _STATS["pipeline_calls"] += 1
    docs = nlp.process(docs, processors="tokenize,mwt")
    if splitter == "somajo":  # issue 13: SoMaJo's sentence ends on stanza's tokens, no repair rules
        docs = [resegment(d, somajo_boundaries(t, language)) for d, t in zip(docs, texts, strict=True)]
    else:
        docs = [_repair_sentences(d, language) for d in docs]
    bounded = [bound_sentences(d, max_words) for d in docs]  # issue 17: sentence length bound
    docs = [d for d, _ in bounded]
    tagging = [p for p in ("pos", "lemma") if p in nlp.processors]
    parsing = [p for p in ("depparse", "ner") if p in nlp.processors]
    _STATS["pipeline_calls"] += 1
    docs = nlp.process(docs, processors=",".join(tagging))
    for d in docs:  # issue 13: known names as names, a verb the tagger took for a noun
        for counter, n in repair_tags(d, language).items():
            _STATS[counter] += n
    if parsing:
        _STATS["pipeline_calls"] += 1
        docs = nlp.process(docs, processors=",".join(parsing))
        for d in docs:  # issue 13: coordinated names, a name cut into several subjects
            _STATS["subjects_joined"] += join_subjects(d, language)
            _STATS["coordinations_repaired"] += repair_coordination(d, language)
            _STATS["particles_attached"] += attach_particles(d, language)
    return [mark_pieces(_to_conllu(d, t), pieces)
            for d, t, (_, pieces) in zip(docs, texts, bounded, strict=True)]


def parse_texts(
    texts: Sequence[str],
    *,
    language: str,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    batch_size: int = 32,
    progress: bool | Callable[[int], Any] = True,
    max_sentence_words: int | None = MAX_SENTENCE_WORDS,
    sentence_splitter: str = "stanza",
) -> list[Document]:
    """Parse raw texts into dependency-parsed documents, one per text.

    Texts are parsed in batches with stanza's bulk processing. Each text's
    CoNLL-U is cached on disk under ``sha256(text)`` and the model identity, so
    a second run over the same texts does not parse again.

    Parameters
    ----------
    texts : sequence of str
        Raw texts (news articles, paragraphs separated by blank lines).
    language : str
        ``"de"`` or ``"en"`` (see :func:`resolve_models`).
    model_dir : str or path, optional
        Explicit model folder (see :func:`resolve_models`).
    cache_dir : str or path, optional
        Cache folder; default ``platformdirs.user_cache_dir("eventcoder")/parses``.
    use_cache : bool, default True
        Read and write the parse cache.
    batch_size : int, default 32
        Number of texts given to stanza at once.
    progress : bool or callable, default True
        Show a ``tqdm`` progress bar; or a function called with the number of
        texts done after each batch (and the cached ones), instead of a bar.
    max_sentence_words : int, optional
        Sentences longer than this (250 words by default) are cut into pieces of
        at most as many words before tagging and parsing (whose cost grows with
        the square of the length); each piece has the comment ``#
        eventcoder_split = k/n of N words``. ``None`` or 0: no bound.
    sentence_splitter : {"stanza", "somajo"}, default "stanza"
        Who ends sentences: stanza's tokenizer with eventcoder's repair rules
        (``ssplit_rules.json``), or SoMaJo on stanza's tokens (fewer splits inside
        names and abbreviations, a few more missed sentence ends; figures in
        ``benchmarks/README.md``). SoMaJo is GPLv3+ and the optional extra
        ``eventcoder[somajo]`` (see :mod:`eventcoder.parsing.segmenters`).

    Returns
    -------
    list of Document
        ``Document.id`` is ``"doc1"``, ``"doc2"``, ... (set your own afterwards);
        ``metadata`` holds ``language`` and ``parser`` (the model identity). An
        empty text gives a Document without sentences.

    Raises
    ------
    UnknownLanguageError
        For an unsupported language.
    ModelsNotFoundError
        When no models can be found offline (the message names the fix).
    ImportError
        For ``sentence_splitter="somajo"`` without SoMaJo installed (the message
        names the extra).
    ValueError
        For an unknown ``sentence_splitter``.

    Examples
    --------
    >>> docs = parse_texts(["Obama besuchte am 15.\\nAugust Berlin."], language="de",
    ...                    progress=False)  # doctest: +SKIP
    >>> [w.deprel for w in docs[0].sentences[0].words][:2]  # doctest: +SKIP
    ['nsubj', 'root']
    """
    if isinstance(texts, str):
        raise TypeError("parse_texts expects a list of texts, not a single string")
    splitter_key = splitter_id(sentence_splitter)  # fails before anything is read or parsed
    choice = resolve_models(language, model_dir)
    meta = {"language": choice.language, "parser": choice.identity}
    cache = Path(cache_dir) if cache_dir is not None else _default_cache_dir()
    norm = [_normalize_text(t or "") for t in texts]
    cache_id = f"{choice.identity}-rules{_rules_hash()}"  # models and text rules
    repair = repair_fingerprint(choice.language)
    if repair:  # the tag repair's rules, names and verbs parse differently
        cache_id += f"-tr{repair}"
    if max_sentence_words != MAX_SENTENCE_WORDS:  # a non-default sentence bound parses differently
        cache_id += f"-max{int(max_sentence_words or 0)}"
    cache_id += splitter_key  # other sentences, other parses (SoMaJo's version included)
    results: list[str | None] = [None] * len(norm)
    todo: list[int] = []
    for i, t in enumerate(norm):
        if not t.strip():
            results[i] = ""
            continue
        if use_cache:  # issue 17: an entry is checked against its text and the models
            cached = _cache_read(_cache_path(cache, cache_id, t), t, cache_id)
            if cached is not None:
                results[i] = cached
                _STATS["cache_hits"] += 1
                continue
        todo.append(i)
    report = progress if callable(progress) else None  # issue 17: the caller's progress bar
    if report is not None and len(norm) > len(todo):
        report(len(norm) - len(todo))
    if todo:
        nlp = _pipeline(choice)
        bar = None
        if progress and report is None:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(todo), desc=f"parsing ({choice.language})", unit="text")
        try:
            step = max(1, int(batch_size))
            for b in range(0, len(todo), step):
                idx = todo[b : b + step]
                parsed = _parse_batch(nlp, [norm[i] for i in idx], choice.language, max_sentence_words,
                                      sentence_splitter)
                for i, conllu in zip(idx, parsed, strict=True):
                    results[i] = conllu
                    _STATS["parsed"] += 1
                    if use_cache:
                        _cache_write(_cache_path(cache, cache_id, norm[i]), conllu, norm[i], cache_id)
                if bar is not None:
                    bar.update(len(idx))
                if report is not None:
                    report(len(idx))
        finally:
            if bar is not None:
                bar.close()
    return [_from_conllu(c or "", f"doc{i + 1}", meta) for i, c in enumerate(results)]

