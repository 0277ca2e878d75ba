"""Raw article text -> events: read articles record by record, parse them with stanza, code them.

Bad records (no text, undecodable bytes, a JSONL line that is not JSON, an
unsupported language, a date that is not a date, a text the parser or the
coder fails on) are never dropped silently: they are logged by record and
collected in ``frame.attrs["quarantine"]`` (a list of ``{"record": ...,
"reason": ..., "reason_code": ...}``), and the rest of the batch completes.

The readers are generators (:func:`iter_articles`), and :func:`code_records`
codes one batch of records; :mod:`eventcoder.stream` builds streaming,
resumable and parallel runs on these two.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import logging
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .dates import parse_date
from .dictionaries import UnknownLanguageError, available_languages, load_language
from .events import EVENT_COLUMNS, events_to_frame

__all__ = [
    "QUARANTINE_REASONS",
    "CodedRecords",
    "RecordOptions",
    "Record",
    "code_articles",
    "code_records",
    "code_text",
    "iter_articles",
    "read_articles",
]

logger = logging.getLogger(__name__)

#: reason codes of quarantined records, with what they mean
QUARANTINE_REASONS: dict[str, str] = {
    "undecodable": "bytes that are not UTF-8, or text that is not valid Unicode",
    "bad_json": "a JSON Lines line that is not JSON",
    "not_object": "a JSON Lines line that is JSON but not an object",
    "bad_csv": "a CSV row with more or fewer fields than the header",
    "bad_conllu": "a CoNLL-U document that cannot be read",
    "no_text": "no text, or an empty one",
    "bad_date": "a publication date that is not a date",
    "unknown_language": "no language, or one without dictionaries",
    "parse_failure": "the parser raised an error on the text",
    "coding_failure": "the coder raised an error on the parsed document",
}

_TXT_GLOB = "*.txt"


@dataclass(slots=True)
class Record:
    """One input record on its way to being coded.

    Attributes
    ----------
    index : int
        0-based position among all records of a run (quarantined ones included).
    where : str
        Human name of the record: ``"path:line"``, ``"path:row 3"``, ``"row 3"``.
    kind : str
        ``"article"`` (a row with a text field) or ``"conllu"`` (a parsed document).
    row : dict, optional
        The record's fields; for CoNLL-U, ``conllu`` (the document's text) and
        ``doc_id`` (its id when it has no ``# newdoc id``).
    ordinal : int
        1-based position among the readable records of its source (gives
        ``doc3`` to an article without an id).
    raw : str, optional
        The record as read, when it came as a line of text (a JSONL line).
    raw_bytes : bytes, optional
        The record's bytes when they could not be decoded.
    problem : tuple of str, optional
        ``(reason_code, message)`` when the record could not be read.
    """

    index: int
    where: str
    kind: str = "article"
    row: dict[str, Any] | None = None
    ordinal: int = 0
    raw: str | None = None
    raw_bytes: bytes | None = None
    problem: tuple[str, str] | None = None

    def quarantined(self, code: str, message: str) -> dict[str, Any]:
        """The quarantine entry for this record: where, why, and the original record."""
        item: dict[str, Any] = {"index": self.index, "record": self.where, "reason_code": code,
                                "reason": message}
        if self.raw_bytes is not None:
            item["original"] = self.raw_bytes.decode("utf-8", "replace")
            item["original_base64"] = base64.b64encode(self.raw_bytes).decode("ascii")
        elif self.raw is not None:
            item["original"] = self.raw
        elif self.row is not None:
            item["row"] = {k: v for k, v in self.row.items() if k != "_record"}
        return item


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How records are read and parsed for coding (picklable, for worker processes).

    ``text``, ``date``, ``id`` and ``speaker`` are field names (``speaker``: who
    speaks in a speech or statement, an actor code or a dictionary name; first-
    person pronouns outside quotes are that actor); ``date_default`` is the
    publication date of records without one; the rest are parsing options of
    :func:`eventcoder.parsing.parse_texts`.
    """

    language: str | None = None
    text: str = "text"
    date: str = "date"
    id: str = "id"
    speaker: str = "speaker"
    date_default: str | dt.date | None = None
    model_dir: str | os.PathLike | None = None
    cache_dir: str | os.PathLike | None = None
    use_cache: bool = True


#: the first name of :class:`RecordOptions`, still imported by :mod:`eventcoder.dask`
#: (not to be confused with :class:`eventcoder.coding.CodingOptions`, the coder's rules)
CodingOptions = RecordOptions


@dataclass(slots=True)
class CodedRecords:
    """The result of coding a batch of records.

    Attributes
    ----------
    events : pandas.DataFrame
        Events in input order (record by record), columns ``EVENT_COLUMNS``.
    outcomes : list of tuple
        ``(index, status, n_events)`` per record; status is ``"coded"``,
        ``"no_event"`` or ``"quarantined"``.
    quarantine : list of dict
        One entry per quarantined record (see :meth:`Record.quarantined`).
    """

    events: pd.DataFrame
    outcomes: list[tuple[int, str, int]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        """``input``, ``coded``, ``no_event``, ``quarantined``, ``events`` and the reasons."""
        out: dict[str, Any] = {"input": len(self.outcomes), "coded": 0, "no_event": 0,
                               "quarantined": 0, "events": len(self.events)}
        for _, status, _ in self.outcomes:
            out[status] += 1
        reasons: dict[str, int] = {}
        for item in self.quarantine:
            reasons[item["reason_code"]] = reasons.get(item["reason_code"], 0) + 1
        out["quarantine_reasons"] = dict(sorted(reasons.items()))
        return out


# --------------------------------------------------------------------------- readers


def _bad_unicode(value: Any) -> int | None:
    """Position of the first lone surrogate in a string, else None."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _lone_surrogates(value: Any) -> bool:
    """True when a decoded JSON value holds a string that is not valid Unicode."""
    if isinstance(value, str):
        return _bad_unicode(value) is not None
    if isinstance(value, dict):
        return any(_lone_surrogates(k) or _lone_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogates(v) for v in value)
    return False


def _iter_jsonl(path: Path, start: int) -> Iterator[Record]:
    ordinal = 0
    index = start
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Record(index, where, raw_bytes=raw.rstrip(b"\r\n"),
                             problem=("undecodable", f"undecodable bytes ({exc.reason})"))
                index += 1
                continue
            line = line.rstrip("\r\n")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(index, where, raw=line, problem=("bad_json", f"bad JSON: {exc.msg}"))
                index += 1
                continue
            if not isinstance(row, dict):
                yield Record(index, where, raw=line,
                             problem=("not_object", "JSON line is not an object"))
                index += 1
                continue
            if _SURROGATE_ESCAPE.search(raw) and _lone_surrogates(row):
                yield Record(index, where, raw=line, problem=(
                    "undecodable", "JSON line has a string that is not valid Unicode "
                                   "(a lone surrogate escape such as \\ud800)"))
                index += 1
                continue
            ordinal += 1
            row.setdefault("_record", where)
            yield Record(index, where, row=row, ordinal=ordinal, raw=line)
            index += 1


def _iter_csv(path: Path, start: int) -> Iterator[Record]:
    # surrogateescape keeps undecodable bytes visible per row instead of failing the file
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        bad_header = _bad_unicode(",".join(header))
        ordinal = 0
        for i, values in enumerate(reader, start=1):
            index = start + i - 1
            where = f"{path}:row {i}"
            if bad_header is not None or any(_bad_unicode(v) is not None for v in values):
                raw = ",".join(values).encode("utf-8", "surrogateescape")
                yield Record(index, where, raw_bytes=raw, problem=(
                    "undecodable", "undecodable bytes (invalid UTF-8 in the row or header)"))
                continue
            if len(values) != len(header):
                yield Record(index, where, raw=",".join(values), problem=(
                    "bad_csv", f"CSV row has {len(values)} fields, the header {len(header)}"))
                continue
            ordinal += 1
            row = dict(zip(header, values))
            row["_record"] = where
            yield Record(index, where, row=row, ordinal=ordinal)


def _iter_parquet(path: Path, start: int, batch_size: int) -> Iterator[Record]:
    import pyarrow.parquet as pq

    i = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            i += 1
            where = f"{path}:row {i}"
            row["_record"] = where
            yield Record(start + i - 1, where, row=row, ordinal=i)


def _read_txt_record(path: Path, index: int, ordinal: int) -> Record:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Record(index, str(path), raw_bytes=data,
                      problem=("undecodable", f"undecodable bytes ({exc.reason})"))
    return Record(index, str(path), row={"id": path.stem, "text": text, "_record": str(path)},
                  ordinal=ordinal)


def _iter_txt(paths: Iterable[Path], start: int) -> Iterator[Record]:
    ordinal = 0
    for index, path in enumerate(paths, start=start):
        record = _read_txt_record(path, index, ordinal + 1)
        if record.problem is None:
            ordinal += 1
        yield record


def _iter_frame(frame: pd.DataFrame, start: int) -> Iterator[Record]:
    columns = list(frame.columns)
    for pos, values in enumerate(frame.itertuples(index=False, name=None)):
        row = dict(zip(columns, values))
        row["_record"] = f"row {pos}"
        yield Record(start + pos, f"row {pos}", row=row, ordinal=pos + 1)


def iter_articles(source: str | os.PathLike | pd.DataFrame, *, start: int = 0,
                  batch_size: int = 1024) -> Iterator[Record]:
    """Yield the records of an article source one at a time, readable or not.

    Parameters
    ----------
    source : DataFrame or path
        A DataFrame, a ``.jsonl``, ``.csv``, ``.parquet`` or ``.txt`` file, or a
        folder of ``.txt`` files (one article each, sorted by name).
    start : int, default 0
        ``Record.index`` of the first record.
    batch_size : int, default 1024
        Rows read at once from Parquet.

    Yields
    ------
    Record
        With ``problem`` set for a record that cannot be read (bad JSON,
        undecodable bytes, ...); memory stays flat, one record at a time.

    Raises
    ------
    FileNotFoundError
        When ``source`` does not exist.
    ValueError
        For an unsupported file type.

    Examples
    --------
    >>> import pandas as pd
    >>> [r.where for r in iter_articles(pd.DataFrame({"text": ["a", "b"]}))]
    ['row 0', 'row 1']
    """
    if isinstance(source, pd.DataFrame):
        yield from _iter_frame(source, start)
        return
    path = Path(source)
    if path.is_dir():
        yield from _iter_txt(sorted(path.glob(_TXT_GLOB)), start)
        return
    if not path.exists():
        raise FileNotFoundError(f"articles not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path, start)
    elif suffix == ".csv":
        yield from _iter_csv(path, start)
    elif suffix == ".parquet":
        yield from _iter_parquet(path, start, batch_size)
    elif suffix == ".txt":
        yield from _iter_txt([path], start)
    else:
        raise ValueError(f"{path}: unsupported input type {suffix!r} (.txt, .jsonl, .csv, .parquet)")


def read_articles(source: str | os.PathLike | pd.DataFrame, quarantine: list[dict] | None = None,
                  ) -> pd.DataFrame:
    """Read articles from a DataFrame, a .jsonl/.csv/.parquet/.txt file or a folder of .txt.

    Returns one row per article (a ``_record`` column names where it came
    from); unreadable records go to ``quarantine``. For large inputs use
    :func:`iter_articles` or :func:`eventcoder.stream.code_stream`.

    Examples
    --------
    >>> import pandas as pd
    >>> read_articles(pd.DataFrame({"text": ["Hallo."]}))["_record"].tolist()
    ['row 0']
    """
    quarantine = quarantine if quarantine is not None else []
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame["_record"] = [f"row {i}" for i in range(len(frame))]
        return frame
    rows = []
    for record in iter_articles(source):
        if record.problem is not None:
            quarantine.append(_attrs_entry(record.quarantined(*record.problem)))
        else:
            rows.append(record.row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- coding


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _record_language(language: str | None, row: dict[str, Any]) -> str:
    value = row.get("language")
    if isinstance(value, str) and value.strip():
        return value.strip().lower()
    if language:
        return language.lower()
    raise UnknownLanguageError("no language given and the record has no 'language' field")


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
    value = row.get(options.id)
    doc_id = "" if _missing(value) or not value else str(value)
    doc_id = doc_id or f"doc{record.ordinal}"
    body = row.get(options.text)
    if not isinstance(body, str) or not body.strip():
        raise _Quarantine("no_text", "no text")
    for name, value in ((options.text, body), (options.id, doc_id)):
        pos = _bad_unicode(value)
        if pos is not None:
            raise _Quarantine("undecodable", f"{name} is not valid Unicode (lone surrogate at {pos})")
    try:
        lang = _record_language(options.language, row)
    except UnknownLanguageError as exc:
        raise _Quarantine("unknown_language", str(exc)) from None
    if lang not in supported:
        raise _Quarantine("unknown_language", f"unsupported language {lang!r}")
    raw_date = row.get(options.date) if options.date in row else None
    if _missing(raw_date) or not isinstance(raw_date, str | dt.date) or raw_date == "":
        raw_date = options.date_default
    try:
        day = parse_date(raw_date, where=f"record {record.where}")
    except ValueError as exc:
        raise _Quarantine("bad_date", str(exc)) from None
    speaker = row.get(options.speaker)
    speaker = "" if _missing(speaker) or not isinstance(speaker, str) else speaker.strip()
    return _Job(record, lang, doc_id, body, day.isoformat() if day else "", speaker=speaker)


def _prepare_conllu(record: Record, options: RecordOptions, supported: set[str]) -> _Job:
    from .conllu import ConlluError, read_conllu

    row = record.row or {}
    try:
        docs = read_conllu(row["conllu"], default_doc_id=row.get("doc_id"))
    except ConlluError as exc:
        raise _Quarantine("bad_conllu", _conllu_message(str(exc), record)) from None
    doc = docs[0]
    for extra in docs[1:]:  # pragma: no cover - a record is one document
        doc.sentences.extend(extra.sentences)
    value = doc.metadata.get("language") or doc.metadata.get("lang") or options.language
    if not value:
        raise _Quarantine("unknown_language",
                          "no language given and the document has no '# language' comment")
    lang = value.strip().lower()
    if lang not in supported:
        raise _Quarantine("unknown_language", f"unsupported language {lang!r}")
    try:
        parse_date(doc.metadata.get("date") or options.date_default,
                   where=f"document {doc.id!r} ({record.where})")
    except ValueError as exc:
        raise _Quarantine("bad_date", str(exc)) from None
    speaker = row.get(options.speaker)
    if isinstance(speaker, str) and speaker.strip() and not doc.metadata.get("speaker"):
        doc.metadata["speaker"] = speaker.strip()
    return _Job(record, lang, doc.id, document=doc)


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


def _parse(texts: list[str], language: str, options: RecordOptions) -> list[Any]:
    """Parse texts; when the batch fails, parse one by one and return the exception for a failure."""
    from .parsing import ModelsNotFoundError, parse_texts

    kwargs = {"language": language, "model_dir": options.model_dir, "cache_dir": options.cache_dir,
              "use_cache": options.use_cache, "progress": False}
    fatal = (ModelsNotFoundError, UnknownLanguageError, ImportError)
    try:
        return list(parse_texts(texts, **kwargs))
    except fatal:
        raise
    except Exception as exc:  # one bad text must not sink the batch: find it
        if len(texts) == 1:
            return [exc]
        logger.info("parsing a batch of %d texts failed (%s); parsing them one by one", len(texts), exc)
    out: list[Any] = []
    for text in texts:
        try:
            out.append(parse_texts([text], **kwargs)[0])
        except fatal:
            raise
        except Exception as exc:
            out.append(exc)
    return out


def code_records(records: Iterable[Record], options: RecordOptions) -> CodedRecords:
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

    Returns
    -------
    CodedRecords
        Events in input order, an outcome per record, and the quarantine.

    Raises
    ------
    eventcoder.parsing.ModelsNotFoundError
        When no parsing models can be found (nothing can be parsed).

    Examples
    --------
    >>> import pandas as pd
    >>> batch = code_records(iter_articles(pd.DataFrame({"text": [""]})),
    ...                      RecordOptions(language="de"))
    >>> batch.counts()["quarantine_reasons"]
    {'no_text': 1}
    """
    from .coding import code_document

    supported = set(available_languages())
    jobs: list[_Job] = []
    quarantine: dict[int, dict[str, Any]] = {}
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
            quarantine[record.index] = record.quarantined(q.code, q.message)
    by_language: dict[str, list[_Job]] = {}
    for job in jobs:
        if job.document is None:
            by_language.setdefault(job.language, []).append(job)
    for lang, group in by_language.items():
        for job, doc in zip(group, _parse([j.text for j in group], lang, options), strict=True):
            if isinstance(doc, Exception):
                quarantine[job.record.index] = job.record.quarantined(
                    "parse_failure", f"parser failed: {type(doc).__name__}: {doc}")
                continue
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
            events[job.record.index] = code_document(job.document, load_language(job.language),
                                                     date=options.date_default)
        except Exception as exc:  # a coder bug on one document must not sink the batch
            logger.debug("coding %s failed", job.record.where, exc_info=True)
            quarantine[job.record.index] = job.record.quarantined(
                "coding_failure", f"coder failed: {type(exc).__name__}: {exc}")
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
                        [quarantine[i] for i in order if i in quarantine])


def _attrs_entry(item: dict[str, Any]) -> dict[str, Any]:
    """A quarantine entry as ``frame.attrs["quarantine"]`` lists it."""
    out = {"record": item["record"], "reason": item["reason"], "reason_code": item["reason_code"]}
    if "original" in item:
        out["original"] = item["original"]
    return out


def code_text(text: str, *, language: str, date: str | dt.date | None = None,
              doc_id: str | None = None, **parse_options) -> pd.DataFrame:
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
    **parse_options
        Passed to :func:`eventcoder.parsing.parse_texts` (``model_dir``,
        ``cache_dir``, ``use_cache``, ``progress``).

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`eventcoder.events_to_frame`.

    Examples
    --------
    >>> frame = code_text("Russland verurteilte Japan.", language="de")  # doctest: +SKIP
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"document {doc_id or 'doc1'!r}: empty text")
    frame = pd.DataFrame([{"id": doc_id or "doc1", "text": text, "date": date or "",
                           "language": language}])
    return code_articles(frame, **parse_options)


def code_articles(
    articles: str | os.PathLike | pd.DataFrame,
    *,
    language: str | None = None,
    text: str = "text",
    date: str = "date",
    id: str = "id",
    date_default: str | dt.date | None = None,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    progress: bool = True,
    chunk_size: int = 256,
    speaker: str = "speaker",
) -> pd.DataFrame:
    """Code many articles (one row each) into one events frame.

    The articles are read and coded ``chunk_size`` at a time; the events are
    kept in memory. To write large corpora to disk as they are coded, with
    resume and several processes, use :func:`eventcoder.stream.code_stream`.

    Parameters
    ----------
    articles : DataFrame or path
        A DataFrame, or a ``.jsonl``, ``.csv``, ``.parquet`` or ``.txt`` file, or
        a folder of ``.txt`` files.
    language : str, optional
        Language of all articles; a per-article ``language`` column wins.
    text, date, id : str
        Column names of the text, the publication date and the article id.
    date_default : str, optional
        Date for articles without one.
    model_dir, cache_dir, use_cache, progress
        Parsing options (see :func:`eventcoder.parsing.parse_texts`);
        ``progress`` shows one bar over the articles.
    chunk_size : int, default 256
        Articles read and parsed at a time.
    speaker : str, default "speaker"
        Column naming who speaks in a speech or statement (an actor code such
        as ``"UKRGOV"``, or a name in the actor dictionary); "I" and "we"
        outside a quoted speaker's sentence are that actor. Optional.

    Returns
    -------
    pandas.DataFrame
        The events in input order (columns of :func:`eventcoder.events_to_frame`).
        ``frame.attrs["quarantine"]`` lists records that could not be coded, with
        the reason; ``frame.attrs["summary"]`` counts input, coded, no_event and
        quarantined records (coded + no_event + quarantined = input).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = code_articles(pd.DataFrame({"id": ["a"], "text": [""]}), language="de",
    ...                       progress=False)
    >>> frame.attrs["summary"]
    {'input': 1, 'coded': 0, 'no_event': 0, 'quarantined': 1}
    >>> frame.attrs["quarantine"][0]["reason"]
    'no text'
    """
    options = RecordOptions(language=language, text=text, date=date, id=id, speaker=speaker,
                            date_default=date_default, model_dir=model_dir, cache_dir=cache_dir,
                            use_cache=use_cache)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="coding articles", unit="article")
    frames: list[pd.DataFrame] = []
    quarantine: list[dict[str, Any]] = []
    summary = {"input": 0, "coded": 0, "no_event": 0, "quarantined": 0}
    step = max(1, int(chunk_size))
    batch: list[Record] = []
    try:
        records = iter_articles(articles)
        while True:
            batch.clear()
            for record in records:
                batch.append(record)
                if len(batch) >= step:
                    break
            if not batch:
                break
            coded = code_records(batch, options)
            counts = coded.counts()
            for key in summary:
                summary[key] += counts[key]
            quarantine.extend(_attrs_entry(q) for q in coded.quarantine)
            if len(coded.events):
                frames.append(coded.events)
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()
    for item in quarantine:
        logger.warning("quarantined %s: %s", item["record"], item["reason"])
    out = pd.concat(frames, ignore_index=True) if frames else events_to_frame([])
    out = out[list(EVENT_COLUMNS)]
    out.attrs["quarantine"] = quarantine
    out.attrs["summary"] = summary
    return out
