"""The batch engine: check, parse and code a list of records; every record ends coded,
without event, or quarantined with a reason.

Article texts are parsed with stanza (grouped by language, through the parse cache),
CoNLL-U documents are coded as they are. One bad record never sinks its batch: a text
the parser fails on, or a document the coder fails on, is quarantined with the error
and the others are coded. This is the only place where records are coded; every entry
point goes through :func:`code_records`.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..dates import parse_date
from ..dictionaries import LanguageResources, available_languages, load_language
from ..errors import DictionaryError, UnknownLanguageError
from ..events import events_to_frame
from .readers import bad_unicode
from .records import CodedRecords, Record, RecordOptions

__all__ = ["check_language", "code_records"]

logger = logging.getLogger("eventcoder.batch")


def _unsupported(language: Any, supported: Iterable[str]) -> str:
    return (f"unsupported language {language!r}; eventcoder has dictionaries for "
            f"{', '.join(sorted(supported))} (ISO 639-1 codes)")


def check_language(language: Any, *, required: bool = False) -> str | None:
    """Normalise a language code ("EN" -> "en") and check that eventcoder supports it.

    Parameters
    ----------
    language : str or None
    required : bool
        Raise when ``language`` is missing too.

    Returns
    -------
    str or None

    Raises
    ------
    eventcoder.errors.UnknownLanguageError
        Naming the supported languages.

    Examples
    --------
    >>> check_language("EN")
    'en'
    >>> check_language("English")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    eventcoder.errors.UnknownLanguageError: unsupported language 'English'; ... for de, en ...
    """
    if language is None or (isinstance(language, str) and not language.strip()):
        if required:
            raise UnknownLanguageError(
                f"no language given; eventcoder has dictionaries for {', '.join(available_languages())}")
        return None
    supported = available_languages()
    if not isinstance(language, str) or language.strip().lower() not in supported:
        raise UnknownLanguageError(_unsupported(language, supported))
    return language.strip().lower()


def _resources_for(options: RecordOptions) -> Callable[[str], LanguageResources]:
    """Language -> resources for these options (the shipped ones, or layered with user dictionaries)."""
    if not options.dictionaries:
        return load_language
    return functools.partial(load_language, dictionaries=tuple(options.dictionaries))


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _record_language(language: str | None, row: dict[str, Any]) -> str:
    value = row.get("language")
    if isinstance(value, str) and value.strip():
        return value.strip().lower()
    if not _missing(value) and not isinstance(value, str):
        raise UnknownLanguageError(f"language {value!r} is not a language code (a string such as "
                                   f"'de' or 'en')")
    if language:
        return language.lower()
    raise UnknownLanguageError("no language given and the record has no 'language' field")


def _no_text(row: dict[str, Any], field: str) -> str:
    """Why a record has no text: the field is missing (naming the fields it has), not a
    string, or empty."""
    if field not in row:
        fields = ", ".join(str(k) for k in row if k != "_record")
        return (f"no text: no field {field!r} (the record has {fields or 'no fields'}); name the "
                f"text field with --text-field (text_field=)")
    value = row[field]
    if value is None or _missing(value) or isinstance(value, str):
        return "no text"
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"no text: the field {field!r} holds {shown} ({type(value).__name__}), not a string"


@dataclass(slots=True)
class _Job:
    record: Record
    language: str
    doc_id: str = ""
    text: str = ""
    day: str = ""
    document: Any = None
    speaker: str = ""


def _prepare_article(record: Record, options: RecordOptions, supported: set[str]) -> _Job:
    """Check one article record; raises ``_Quarantine`` naming the reason."""
    row = record.row or {}
    value = row.get(options.id_field)
    doc_id = "" if _missing(value) or not value else str(value)
    doc_id = doc_id or f"doc{record.ordinal}"
    body = row.get(options.text_field)
    if not isinstance(body, str) or not body.strip():
        raise _Quarantine("no_text", _no_text(row, options.text_field))
    if options.max_text_chars and len(body) > options.max_text_chars:
        raise _Quarantine("too_long", f"text of {len(body):,} characters is longer than "
                                      f"max_text_chars ({options.max_text_chars:,}); not parsed")
    for name, value in ((options.text_field, body), (options.id_field, doc_id)):
        pos = bad_unicode(value)
        if pos is not None:
            raise _Quarantine("undecodable", f"{name} is not valid Unicode (lone surrogate at {pos})")
    try:
        lang = _record_language(options.language, row)
    except UnknownLanguageError as exc:
        raise _Quarantine("unknown_language", str(exc)) from None
    if lang not in supported:
        raise _Quarantine("unknown_language", _unsupported(lang, supported))
    raw_date = row.get(options.date_field) if options.date_field in row else None
    if _missing(raw_date) or raw_date == "":
        raw_date = options.date
    try:
        day = parse_date(raw_date, where=f"record {record.where}")
    except ValueError as exc:
        raise _Quarantine("bad_date", str(exc)) from None
    speaker = row.get(options.speaker_field)
    speaker = "" if _missing(speaker) or not isinstance(speaker, str) else speaker.strip()
    speaker = speaker or (options.speaker or "")
    return _Job(record, lang, doc_id, body, day.isoformat() if day else "", speaker=speaker)


def _prepare_conllu(record: Record, options: RecordOptions, supported: set[str]) -> _Job:
    from ..conllu import ConlluError, is_ud1, read_conllu, ud1_to_ud2

    row = record.row or {}
    if row.get("document") is not None:  # read already (code_conllu, code_parsed)
        docs = [row["document"]]
    else:
        try:
            docs = read_conllu(row["conllu"], default_doc_id=row.get("doc_id"))
        except ConlluError as exc:
            raise _Quarantine("bad_conllu", _conllu_message(str(exc), record)) from None
    if docs and not docs[0].sentences:  # read with keep_empty (code_conllu)
        raise _Quarantine("no_text", f"CoNLL-U document {docs[0].id!r} has no sentence")
    if not docs or not any(s.words for s in docs[0].sentences):
        raise _Quarantine("bad_conllu", f"CoNLL-U document at {record.where} has no words")
    doc = docs[0]
    for extra in docs[1:]:  # pragma: no cover - a record is one document
        doc.sentences.extend(extra.sentences)
    if is_ud1(doc):  # the coder reads UD v2: convert, and say so
        ud1_to_ud2(doc)
        logger.info("%s (document %r): UD v1 relations converted to UD v2", record.where, doc.id)
    value = doc.metadata.get("language") or doc.metadata.get("lang") or options.language
    if not value:
        raise _Quarantine("unknown_language",
                          "no language given and the document has no '# language' comment")
    lang = value.strip().lower()
    if lang not in supported:
        raise _Quarantine("unknown_language", _unsupported(lang, supported))
    try:
        parse_date(doc.metadata.get("date") or options.date,
                   where=f"document {doc.id!r} ({record.where})")
    except ValueError as exc:
        raise _Quarantine("bad_date", str(exc)) from None
    speaker = row.get(options.speaker_field)
    speaker = speaker.strip() if isinstance(speaker, str) else ""
    speaker = speaker or (options.speaker or "")
    if speaker and not doc.metadata.get("speaker"):
        doc.metadata["speaker"] = speaker
    return _Job(record, lang, doc.id, document=doc)


def _record_id(record: Record, options: RecordOptions) -> str | None:
    """The id of a record that is quarantined before parsing, when it has one."""
    row = record.row or {}
    if record.kind == "conllu":
        doc = row.get("document")
        return getattr(doc, "id", None)
    value = row.get(options.id_field)
    if _missing(value) or isinstance(value, dict | list) or value == "":
        return None
    return str(value)


def _conllu_message(message: str, record: Record) -> str:
    """Name the file and the absolute line in a CoNLL-U error about one document."""
    row = record.row or {}
    first = int(row.get("line", 1)) - 1
    path = row.get("path", "<string>")
    return re.sub(r"<string>, (sentence starting at )?line (\d+)",
                  lambda m: f"{path}, {m.group(1) or ''}line {int(m.group(2)) + first}", message)


class _Quarantine(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _parse(texts: list[str], language: str, options: RecordOptions,
           progress: Callable[[int], Any] | None = None) -> list[Any]:
    """Parse texts; when the batch fails, parse one by one and return the exception for a failure.

    ``progress`` is called with the number of texts parsed (or served from the cache) as
    they are done.
    """
    from ..parsing import ModelsNotFoundError, parse_texts

    done = 0

    def report(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(n)

    kwargs = {"language": language, "model_dir": options.model_dir, "cache_dir": options.cache_dir,
              "use_cache": options.use_cache, "max_sentence_words": options.max_sentence_words,
              "sentence_splitter": options.sentence_splitter}
    fatal = (ModelsNotFoundError, UnknownLanguageError, ImportError)
    try:
        return list(parse_texts(texts, progress=report, **kwargs))
    except fatal:
        raise
    except Exception as exc:  # one bad text must not sink the batch: find it
        if len(texts) == 1:
            report(1 - done)
            return [exc]
        logger.info("parsing a batch of %d texts failed (%s); parsing them one by one", len(texts), exc)
    out: list[Any] = []
    for text in texts:
        try:
            out.append(parse_texts([text], progress=False, **kwargs)[0])
        except fatal:
            raise
        except Exception as exc:
            out.append(exc)
    if progress is not None and len(texts) > done:
        progress(len(texts) - done)
    return out


def code_records(records: Iterable[Record], options: RecordOptions,
                 progress: Callable[[int], Any] | None = None) -> CodedRecords:
    """Code a batch of records; every record ends coded, without event, or quarantined.

    Article texts are parsed with stanza (grouped by language, through the
    parse cache); CoNLL-U documents are coded as they are. A text the parser
    fails on, or a document the coder fails on, is quarantined with the error;
    the others in the batch are coded.

    Parameters
    ----------
    records : iterable of Record
        From :func:`iter_articles` or :func:`eventcoder.stream.iter_records`.
    options : RecordOptions
    progress : callable, optional
        Called with a number of records as they are done (quarantined, parsed,
        or coded when they need no parsing): ``tqdm``'s ``update``. The
        numbers add up to the number of records.

    Returns
    -------
    CodedRecords
        Events in input order, an outcome per record, and the quarantine.

    Raises
    ------
    eventcoder.errors.ModelsNotFoundError
        When no parsing models can be found (nothing can be parsed).

    Examples
    --------
    >>> import pandas as pd
    >>> from eventcoder.batch.readers import iter_records
    >>> batch = code_records(iter_records(pd.DataFrame({"text": [""]})),
    ...                      RecordOptions(language="de"))
    >>> batch.counts()["quarantine_reasons"]
    {'no_text': 1}
    """
    from ..coding import code_document
    from ..parsing.bounds import split_sentences

    supported = set(available_languages())
    resources = _resources_for(options)
    jobs: list[_Job] = []
    quarantine: dict[int, dict[str, Any]] = {}
    split: dict[int, int] = {}
    order: list[int] = []
    for record in records:
        order.append(record.index)
        try:
            if record.problem is not None:
                raise _Quarantine(*record.problem)
            if record.kind == "conllu":
                jobs.append(_prepare_conllu(record, options, supported))
            else:
                jobs.append(_prepare_article(record, options, supported))
        except _Quarantine as q:
            quarantine[record.index] = record.quarantined(q.code, q.message, _record_id(record, options))
            if progress is not None:
                progress(1)
    by_language: dict[str, list[_Job]] = {}
    for job in jobs:
        if job.document is None:
            by_language.setdefault(job.language, []).append(job)
    for lang, group in by_language.items():
        for job, doc in zip(group, _parse([j.text for j in group], lang, options, progress), strict=True):
            if isinstance(doc, Exception):
                quarantine[job.record.index] = job.record.quarantined(
                    "parse_failure", f"parser failed: {type(doc).__name__}: {doc}", job.doc_id)
                continue
            long = split_sentences(doc)
            if long and options.long_sentences == "quarantine":
                words = ", ".join(map(str, long))
                quarantine[job.record.index] = job.record.quarantined(
                    "sentence_too_long", f"{len(long)} sentence(s) longer than max_sentence_words "
                                         f"({options.max_sentence_words}): {words} words", job.doc_id)
                continue
            split[job.record.index] = len(long)
            doc.id = job.doc_id
            if job.day:
                doc.metadata["date"] = job.day
            if job.speaker:
                doc.metadata["speaker"] = job.speaker
            job.document = doc
    events: dict[int, list] = {}
    for job in jobs:
        if job.document is None:
            continue
        try:
            events[job.record.index] = code_document(job.document, resources(job.language),
                                                     date=options.date)
        except DictionaryError:
            raise  # a broken user dictionary fails every record: stop, naming file and line
        except Exception as exc:  # a coder bug on one document must not sink the batch
            logger.debug("coding %s failed", job.record.where, exc_info=True)
            quarantine[job.record.index] = job.record.quarantined(
                "coding_failure", f"coder failed: {type(exc).__name__}: {exc}", job.doc_id)
        finally:
            if progress is not None and job.text == "":  # not parsed: done when coded
                progress(1)
    languages: dict[str, dict[str, int]] = {}
    for job in jobs:
        if job.document is not None and job.record.index not in quarantine:
            kinds = languages.setdefault(job.language, {"conllu": 0, "parsed": 0})
            kinds["parsed" if job.text else "conllu"] += 1
    outcomes: list[tuple[int, str, int]] = []
    ordered = []
    for index in order:
        if index in quarantine:
            outcomes.append((index, "quarantined", 0))
            continue
        found = events.get(index, [])
        outcomes.append((index, "coded" if found else "no_event", len(found)))
        ordered.extend(found)
    return CodedRecords(events_to_frame(ordered), outcomes,
                        [quarantine[i] for i in order if i in quarantine],
                        split_sentences=sum(n for i, n in split.items() if i not in quarantine),
                        languages=languages)


