"""The entry points: text, CoNLL-U, articles -> events frame, all through one batch engine.

Every function here turns its input into records, codes them with
:func:`eventcoder.batch.engine.code_records`, and takes the same keyword arguments with
the same meaning:

- ``language``: language of records without their own (checked: an unknown one raises
  :class:`~eventcoder.errors.UnknownLanguageError` naming the supported languages);
- ``date``: publication date **value** (``YYYY-MM-DD``) of records without their own;
- ``speaker``: who speaks in records without their own ``speaker`` field;
- ``text_field``, ``date_field``, ``id_field``, ``speaker_field``: the names of the
  fields (columns) of article records;
- ``model_dir``, ``cache_dir``, ``use_cache``: parsing (see :mod:`eventcoder.parsing`);
- ``dictionaries``: user dictionary folders layered over the shipped ones; they are
  checked before any input is read (a broken file raises
  :class:`~eventcoder.errors.DictionaryError` naming file and line), and the frames
  returned record them in ``frame.attrs["dictionaries"]`` (path, files, content hash);
- ``sentence_splitter``: ``"stanza"`` (default) or ``"somajo"`` (the optional, GPLv3+
  extra ``eventcoder[somajo]``), see :func:`eventcoder.parsing.parse_texts`;
- ``max_text_chars``, ``max_sentence_words``, ``long_sentences``: bounds on what is
  parsed: a longer text is quarantined (``too_long``), a longer sentence is cut into
  pieces before parsing (counted in ``split_sentences``) or, with
  ``long_sentences="quarantine"``, its record is quarantined (``sentence_too_long``).

Convenience calls on one text or one CoNLL-U input (:func:`code_text`,
:func:`code_conllu`, :func:`code_parsed`) raise :class:`~eventcoder.errors.InputError`
for a record they cannot code; corpus calls (:func:`code_articles`,
:func:`eventcoder.stream.code_stream`, :mod:`eventcoder.dask`) quarantine it and count it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .batch.engine import check_language, code_records
from .batch.readers import count_records, iter_records
from .batch.records import MAX_TEXT_CHARS, CodedRecords, Record, RecordOptions, RunSummary, describe
from .conllu import Document, read_conllu
from .dates import parse_date
from .dictionaries import check_dictionaries, describe_dictionaries
from .errors import InputError
from .events import EVENT_COLUMNS, events_to_frame
from .parsing.bounds import MAX_SENTENCE_WORDS
from .provenance import provenance

__all__ = ["code_articles", "code_conllu", "code_parsed", "code_text", "concat_events"]

logger = logging.getLogger(__name__)


def _options(language: Any, date: Any, speaker: str | None, *, text_field: str = "text",
             date_field: str = "date", id_field: str = "id", speaker_field: str = "speaker",
             model_dir: Any = None, cache_dir: Any = None, use_cache: bool = True,
             dictionaries: Sequence[str | os.PathLike] = (), required: bool = False,
             max_text_chars: int | None = MAX_TEXT_CHARS,
             max_sentence_words: int | None = MAX_SENTENCE_WORDS,
             long_sentences: str = "split", sentence_splitter: str = "stanza") -> RecordOptions:
    """Check the arguments every entry point shares; raise naming the bad one."""
    language = check_language(language, required=required)
    try:
        day = parse_date(date, where="date")
    except ValueError as exc:
        raise InputError(str(exc), "bad_date") from None
    check_dictionaries(dictionaries, language)  # a broken one stops here, naming file and line
    return RecordOptions(language=language, date=day, speaker=speaker, text_field=text_field,
                         date_field=date_field, id_field=id_field, speaker_field=speaker_field,
                         model_dir=None if model_dir is None else os.fspath(model_dir),
                         cache_dir=None if cache_dir is None else os.fspath(cache_dir),
                         use_cache=use_cache,
                         dictionaries=tuple(os.fspath(d) for d in dictionaries),
                         max_text_chars=max_text_chars, max_sentence_words=max_sentence_words,
                         long_sentences=long_sentences, sentence_splitter=sentence_splitter)


def _strict(coded: CodedRecords, options: RecordOptions) -> pd.DataFrame:
    """The events of a convenience call; raise for the first record that was quarantined."""
    if coded.quarantine:
        item = coded.quarantine[0]
        raise InputError(f"{item['record']}: {item['reason']}", item["reason_code"])
    frame = coded.events
    run = coded.summary()
    frame.attrs["summary"] = run.to_dict()
    frame.attrs["meta"] = provenance(options, run)
    frame.attrs["dictionaries"] = describe_dictionaries(options.dictionaries)
    return frame


def code_parsed(documents: Iterable[Document], *, language: str, date: str | dt.date | None = None,
                speaker: str | None = None, dictionaries: Sequence[str | os.PathLike] = (),
                ) -> pd.DataFrame:
    """Code already-parsed documents into an events frame (see :func:`events_to_frame`).

    Raises
    ------
    eventcoder.errors.InputError
        For a document that cannot be coded (a bad ``# date``, no words), naming it.

    Examples
    --------
    >>> from eventcoder import read_conllu
    >>> docs = read_conllu("1\\tRussland\\tRussland\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...                    "2\\twarnte\\twarnen\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...                    "3\\tJapan\\tJapan\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> code_parsed(docs, language="de")[["source", "target", "event_code"]].values.tolist()
    [['RUS', 'JPN', '130']]
    """
    options = _options(language, date, speaker, dictionaries=dictionaries, required=True)
    records = [Record(i, f"document {doc.id!r}", kind="conllu", row={"document": doc},
                      ordinal=i + 1) for i, doc in enumerate(documents)]
    return _strict(code_records(records, options), options)


def code_conllu(text_or_path: str | os.PathLike, *, language: str,
                date: str | dt.date | None = None, speaker: str | None = None,
                dictionaries: Sequence[str | os.PathLike] = ()) -> pd.DataFrame:
    """Code a CoNLL-U file or string into CAMEO events.

    Parameters
    ----------
    text_or_path : str or os.PathLike
        CoNLL-U text or the path of a ``.conllu`` file; ``# newdoc id`` starts
        a document, and a ``# date = YYYY-MM-DD`` comment after it sets its date.
    language : str
        "de" or "en" (any language with resources in ``eventcoder/resources``);
        a document's ``# language`` comment wins.
    date : str or datetime.date, optional
        Publication date (``YYYY-MM-DD``) for documents without their own.
    speaker : str, optional
        Speaker of documents without a ``# speaker`` comment.
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.

    Returns
    -------
    pandas.DataFrame
        One row per event; columns as documented in :func:`eventcoder.events_to_frame`.

    Raises
    ------
    eventcoder.ConlluError
        Malformed CoNLL-U, naming the line.
    eventcoder.errors.UnknownLanguageError
        No dictionaries for ``language`` (the message names the supported ones).
    eventcoder.errors.InputError
        A bad ``date`` argument, a document whose ``# date`` is not a date
        (``reason_code`` ``"bad_date"``), or a ``# newdoc`` without a sentence
        (``"no_text"``).

    Examples
    --------
    >>> conllu = (
    ...     "1\\tRussland\\tRussland\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\tverurteilt\\tverurteilen\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tJapan\\tJapan\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> code_conllu(conllu, language="de")[["source", "target", "event_code"]].values.tolist()
    [['RUS', 'JPN', '111']]
    """
    options = _options(language, date, speaker, dictionaries=dictionaries, required=True)
    docs = read_conllu(text_or_path, keep_empty=True)
    records = [Record(i, f"document {doc.id!r}", kind="conllu", row={"document": doc},
                      ordinal=i + 1) for i, doc in enumerate(docs)]
    return _strict(code_records(records, options), options)


def code_text(text: str, *, language: str, date: str | dt.date | None = None,
              doc_id: str | None = None, speaker: str | None = None,
              model_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
              use_cache: bool = True, dictionaries: Sequence[str | os.PathLike] = (),
              max_text_chars: int | None = MAX_TEXT_CHARS,
              max_sentence_words: int | None = MAX_SENTENCE_WORDS, long_sentences: str = "split",
              sentence_splitter: str = "stanza") -> pd.DataFrame:
    """Parse one text with stanza and code it into events.

    Parameters
    ----------
    text : str
        Article text.
    language : str
        "de" or "en".
    date : str or datetime.date, optional
        Publication date ``YYYY-MM-DD`` (selects office holders; anchors "am Mittwoch").
    doc_id : str, optional
        Document id for the records (default ``"doc1"``).
    speaker : str, optional
        Who speaks, for a speech or statement (an actor code or a dictionary name).
    model_dir, cache_dir, use_cache
        Parsing options (see :func:`eventcoder.parsing.parse_texts`).
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    max_text_chars, max_sentence_words, long_sentences
        Bounds on what is parsed (see :class:`eventcoder.RecordOptions`).
    sentence_splitter : {"stanza", "somajo"}, default "stanza"
        Who ends sentences (see :func:`eventcoder.parsing.parse_texts`).

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`eventcoder.events_to_frame`.

    Raises
    ------
    eventcoder.errors.UnknownLanguageError
        For a language without dictionaries (the message names the supported ones).
    eventcoder.errors.InputError
        For an empty text or a ``date`` that is not a date; ``reason_code`` says which.

    Examples
    --------
    >>> code_text("Russland warnte die Ukraine.", language="fr")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    eventcoder.errors.UnknownLanguageError: unsupported language 'fr'; ... for de, en ...
    >>> code_text("Russland warnte die Ukraine.", language="de", date="3 March 2022")
    Traceback (most recent call last):
    eventcoder.errors.InputError: date: '3 March 2022' is not a date (expected YYYY-MM-DD)
    """
    options = _options(language, date, speaker, model_dir=model_dir, cache_dir=cache_dir,
                       use_cache=use_cache, dictionaries=dictionaries, required=True,
                       max_text_chars=max_text_chars, max_sentence_words=max_sentence_words,
                       long_sentences=long_sentences, sentence_splitter=sentence_splitter)
    name = doc_id or "doc1"
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"document {name!r}: empty text", "no_text")
    record = Record(0, f"document {name!r}", row={"id": name, "text": text}, ordinal=1)
    return _strict(code_records([record], options), options)


def code_articles(
    articles: Any,
    *,
    language: str | None = None,
    date: str | dt.date | None = None,
    speaker: str | None = None,
    text_field: str = "text",
    date_field: str = "date",
    id_field: str = "id",
    speaker_field: str = "speaker",
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    dictionaries: Sequence[str | os.PathLike] = (),
    progress: bool = True,
    chunk_size: int = 256,
    max_text_chars: int | None = MAX_TEXT_CHARS,
    max_sentence_words: int | None = MAX_SENTENCE_WORDS,
    long_sentences: str = "split",
    sentence_splitter: str = "stanza",
) -> pd.DataFrame:
    """Code many articles (or CoNLL-U documents) into one events frame, in memory.

    The records are read and coded ``chunk_size`` at a time; records that cannot be
    coded are quarantined and counted, never dropped silently. To write large
    corpora to disk as they are coded, with resume and several processes, use
    :func:`eventcoder.stream.code_stream` (same arguments).

    Parameters
    ----------
    articles : DataFrame, path, list of dicts, or a sequence of them
        A DataFrame (one row per article), ``.jsonl``, ``.csv``, ``.parquet``,
        ``.txt`` or ``.conllu`` files, folders of ``.txt`` files, or dicts (see
        :func:`eventcoder.batch.readers.iter_records`).
    language : str, optional
        Language of articles without a ``language`` field.
    date : str or datetime.date, optional
        Publication date (a value) of articles without their own.
    speaker : str, optional
        Speaker of articles without their own (see ``speaker_field``).
    text_field, date_field, id_field : str
        Field (column) names of the text, the publication date and the article id.
    speaker_field : str, default "speaker"
        Field naming who speaks in a speech or statement (an actor code such as
        ``"UKRGOV"``, or a name in the actor dictionary); "I" and "we" outside a
        quoted speaker's sentence are that actor. Optional.
    model_dir, cache_dir, use_cache
        Parsing options (see :func:`eventcoder.parsing.parse_texts`).
    dictionaries : sequence of paths, optional
        User dictionary folders layered over the shipped ones.
    progress : bool, default True
        Show a progress bar (``tqdm.auto``: a widget in Jupyter) over the records,
        with their number as its total (the inputs are counted first), moving as
        each text is parsed.
    chunk_size : int, default 256
        Records read and parsed at a time.
    max_text_chars, max_sentence_words, long_sentences
        Bounds on what is parsed (see :class:`eventcoder.RecordOptions`): by
        default a text over 1,000,000 characters is quarantined (``too_long``)
        and a sentence over 250 words is cut into pieces before parsing.
    sentence_splitter : {"stanza", "somajo"}, default "stanza"
        Who ends sentences (see :func:`eventcoder.parsing.parse_texts`).

    Returns
    -------
    pandas.DataFrame
        The events in input order (columns of :func:`eventcoder.events_to_frame`).
        ``frame.attrs["quarantine"]`` lists the records that could not be coded
        (the entries of a quarantine file: ``index``, ``record``, ``reason_code``,
        ``reason`` and the record as read; :func:`eventcoder.quarantine_frame`
        makes a table of them); ``frame.attrs["summary"]`` is the run's accounting
        (:meth:`eventcoder.RunSummary.to_dict`: coded + no_event + quarantined =
        input); ``frame.attrs["dictionaries"]`` names the user dictionaries that
        coded it (:func:`eventcoder.dictionaries.describe_dictionaries`);
        ``frame.attrs["meta"]`` records how it was made (eventcoder's
        version, the parser models, the dictionaries' content hash, the options:
        :func:`eventcoder.provenance.provenance`). ``pd.concat`` drops ``attrs``
        that differ between its frames: combine runs with
        :func:`eventcoder.concat_events`, which adds their summaries and joins
        their quarantines.

    Raises
    ------
    eventcoder.errors.UnknownLanguageError, eventcoder.errors.InputError
        For a bad ``language`` or ``date`` argument (before anything is read).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = code_articles(pd.DataFrame({"id": ["a"], "text": [""]}), language="de",
    ...                       progress=False)
    >>> {k: frame.attrs["summary"][k] for k in ("input", "coded", "no_event", "quarantined")}
    {'input': 1, 'coded': 0, 'no_event': 0, 'quarantined': 1}
    >>> frame.attrs["quarantine"][0]["reason"]
    'no text'
    """
    options = _options(language, date, speaker, text_field=text_field, date_field=date_field,
                       id_field=id_field, speaker_field=speaker_field, model_dir=model_dir,
                       cache_dir=cache_dir, use_cache=use_cache, dictionaries=dictionaries,
                       max_text_chars=max_text_chars, max_sentence_words=max_sentence_words,
                       long_sentences=long_sentences, sentence_splitter=sentence_splitter)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="coding", unit="record", total=count_records(articles))
    frames: list[pd.DataFrame] = []
    quarantine: list[dict[str, Any]] = []
    run = RunSummary()
    step = max(1, int(chunk_size))
    batch: list[Record] = []
    try:
        records = iter_records(articles)
        while True:
            batch.clear()
            for record in records:
                batch.append(record)
                if len(batch) >= step:
                    break
            if not batch:
                break
            coded = code_records(batch, options, progress=None if bar is None else bar.update)
            run.add(coded.counts())
            quarantine.extend(coded.quarantine)
            if len(coded.events):
                frames.append(coded.events)
    finally:
        if bar is not None:
            bar.close()
    for item in quarantine:
        logger.warning("quarantined %s: %s", describe(item), item["reason"])
    out = pd.concat(frames, ignore_index=True) if frames else events_to_frame([])
    out = out[list(EVENT_COLUMNS)]
    out.attrs["quarantine"] = quarantine
    out.attrs["summary"] = run.to_dict()
    out.attrs["meta"] = provenance(options, run)
    out.attrs["dictionaries"] = describe_dictionaries(options.dictionaries)
    return out


def _combine_meta(metas: list[dict[str, Any]], run: RunSummary) -> dict[str, Any] | None:
    """One provenance record for runs made alike (the same version and options), else ``runs``."""
    if not metas:
        return None
    first = metas[0]
    alike = all(m.get("eventcoder") == first.get("eventcoder") and m.get("options") == first.get("options")
                for m in metas)
    languages: dict[str, Any] = {}
    for meta in metas:
        for lang, info in meta.get("languages", {}).items():
            mine = languages.setdefault(lang, {**info, "records": {"conllu": 0, "parsed": 0}})
            if info.get("dictionaries") != mine.get("dictionaries"):
                alike = False
            if info.get("parser") is not None:
                if mine.get("parser") not in (None, info["parser"]):
                    alike = False
                mine["parser"] = info["parser"]
            for kind, n in info.get("records", {}).items():
                mine["records"][kind] = mine["records"].get(kind, 0) + int(n)
    if not alike:
        return {"runs": metas}
    records = {k: getattr(run, k) for k in ("input", "coded", "no_event", "quarantined", "events",
                                           "split_sentences")}
    records["quarantine_reasons"] = dict(run.quarantine_reasons)
    return {**first, "languages": dict(sorted(languages.items())), "records": records}


def concat_events(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Join the events frames of several runs, keeping their accounting.

    ``pd.concat`` keeps ``attrs`` only when they are equal in every frame, so the
    summary and quarantine of coded frames are lost when runs are combined. This
    joins the events (in order), adds the summaries (``attrs["summary"]``), joins the
    quarantines (``attrs["quarantine"]``) and combines the provenance records
    (``attrs["meta"]``: one record when the runs were made alike, else ``{"runs":
    [...]}``).

    Examples
    --------
    >>> import pandas as pd
    >>> a = code_articles(pd.DataFrame({"text": [""]}), language="de", progress=False)
    >>> concat_events([a, a]).attrs["summary"]["quarantined"]
    2
    """
    frames = list(frames)
    events = (pd.concat(frames, ignore_index=True) if frames else events_to_frame([]))
    run = RunSummary()
    quarantine: list[dict[str, Any]] = []
    metas = []
    for frame in frames:
        summary = frame.attrs.get("summary")
        if summary:
            run.add(summary)
        quarantine.extend(frame.attrs.get("quarantine", []))
        if frame.attrs.get("meta"):
            metas.append(frame.attrs["meta"])
    events.attrs = {"quarantine": quarantine, "summary": run.to_dict()}
    meta = _combine_meta(metas, run)
    if meta is not None:
        events.attrs["meta"] = meta
    return events
