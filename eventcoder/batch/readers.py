"""Readers: every kind of input becomes :class:`~eventcoder.batch.records.Record` objects, one at a time.

JSON Lines and CSV are read line by line, Parquet in batches, ``.txt`` files (or
folders of them) one article each, CoNLL-U one document (``# newdoc``) at a time,
DataFrames row by row and in-memory dicts (Dask Bag items) one by one. A record that
cannot be read carries its problem (``bad_json``, ``undecodable``, ...) instead of
raising, so the engine quarantines it and the run goes on.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .formats import (  # noqa: F401 - re-exported: the readers' names
    _BLANK,
    _SURROGATE_ESCAPE,
    CSV_FIELD_LIMIT,
    _csv_problem,
    _csv_reader,
    _iter_conllu,
    _iter_csv,
    _iter_frame,
    _iter_jsonl,
    _iter_parquet,
    _iter_txt,
    _Lines,
    _lone_surrogates,
    _open_parquet,
    _read_txt_record,
    _undecodable,
    bad_unicode,
    load_json,
)
from .records import Record

__all__ = ["CSV_FIELD_LIMIT", "INPUT_FORMATS", "bad_unicode", "check_input", "chunks", "count_records",
           "iter_records", "load_json", "read_articles", "record_from_item"]

#: file types the readers take (and folders of ``.txt`` files)
INPUT_FORMATS = (".jsonl", ".csv", ".parquet", ".txt", ".conllu")

_TXT_GLOB = "*.txt"
_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id)?\s*(?:=\s*(.*))?$")
_BOM = b"\xef\xbb\xbf"



def _iter_source(source: Any, start: int, batch_size: int) -> Iterator[Record]:
    """The records of one source: a DataFrame, a file, or a folder of ``.txt`` files."""
    if isinstance(source, pd.DataFrame):
        yield from _iter_frame(source, start)
        return
    path = Path(source)
    if path.is_dir():
        yield from _iter_txt(sorted(path.glob(_TXT_GLOB)), start)
        return
    if not path.exists():
        raise FileNotFoundError(f"input not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path, start)
    elif suffix == ".csv":
        yield from _iter_csv(path, start)
    elif suffix == ".parquet":
        yield from _iter_parquet(path, start, batch_size)
    elif suffix == ".txt":
        yield from _iter_txt([path], start)
    elif suffix == ".conllu":
        yield from _iter_conllu(path, start)
    else:
        raise ValueError(f"{path}: unsupported input type {suffix!r} "
                         f"(one of {', '.join(INPUT_FORMATS)}, or a folder of .txt files)")


def check_input(source: Any) -> None:
    """Fail before a run, naming the input, when ``source`` cannot be read at all.

    A missing file, an unsupported file type, a CSV file whose header is not CSV, a
    Parquet file that is damaged. (A bad *record* is quarantined when it is read.)

    Raises
    ------
    FileNotFoundError, ValueError, eventcoder.errors.InputError

    Examples
    --------
    >>> check_input("notes.docx")
    Traceback (most recent call last):
    FileNotFoundError: input not found: notes.docx
    """
    if isinstance(source, pd.DataFrame | dict | bytes):
        return
    path = Path(source)
    if path.is_dir():
        return
    if not path.exists():
        raise FileNotFoundError(f"input not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in INPUT_FORMATS:
        raise ValueError(f"{path}: unsupported input type {suffix!r} "
                         f"(one of {', '.join(INPUT_FORMATS)}, or a folder of .txt files)")
    if suffix == ".parquet":
        _open_parquet(path)
    elif suffix == ".csv" and path.is_file():
        records = _iter_csv(path, 0)
        try:
            next(records, None)  # reads the header (and raises for a bad one)
        finally:
            records.close()


def record_from_item(item: Any, index: int, where: str, *, ordinal: int, id_field: str = "id",
                     default_id: str | None = None) -> Record:
    """One in-memory item (a dict, a JSON Lines string or bytes) as a record.

    Unreadable items carry their problem (``undecodable``, ``bad_json``,
    ``not_object``) instead of raising. An item without an id gets ``default_id``.
    """
    raw = None
    if isinstance(item, bytes):
        try:
            item = item.decode("utf-8")
        except UnicodeDecodeError:
            return Record(index, where, raw_bytes=item, problem=_undecodable(item))
    if isinstance(item, str):
        raw = item.rstrip("\r\n")
        item, problem = load_json(raw)
        if problem is not None:
            return Record(index, where, raw=raw, problem=problem)
    if not isinstance(item, dict):
        return Record(index, where, raw=raw if raw is not None else repr(item),
                      problem=("not_object", "item is not a JSON object or dict"))
    row = dict(item)
    if default_id is not None and row.get(id_field) in (None, ""):
        row[id_field] = default_id
    row.setdefault("_record", where)
    return Record(index, where, row=row, ordinal=ordinal, raw=raw)


def iter_records(inputs: Any, *, start: int = 0, batch_size: int = 1024) -> Iterator[Record]:
    """Yield the records of one input or several, in order, numbered from ``start`` across them.

    Parameters
    ----------
    inputs : path, DataFrame, or a sequence of them, or a sequence of dicts
        Files ``.jsonl``, ``.csv``, ``.parquet``, ``.txt`` (one article) and
        ``.conllu`` (one record per ``# newdoc``; a file without ``# newdoc`` is
        one document), folders of ``.txt`` files (sorted by name), DataFrames
        (one row per article), and dicts (one article each, as Dask Bag items).
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
        When an input does not exist.
    ValueError
        For an unsupported file type.

    Examples
    --------
    >>> import pandas as pd
    >>> [r.where for r in iter_records(pd.DataFrame({"text": ["a", "b"]}))]
    ['row 0', 'row 1']
    >>> [r.row["text"] for r in iter_records([{"text": "a"}, {"text": "b"}])]
    ['a', 'b']
    """
    sources = [inputs] if isinstance(inputs, str | os.PathLike | pd.DataFrame | dict) else list(inputs)
    index = start
    ordinal = 0
    for source in sources:
        if isinstance(source, dict | bytes):
            ordinal += 1
            yield record_from_item(source, index, f"item {index}", ordinal=ordinal)
            index += 1
            continue
        for record in _iter_source(source, index, batch_size):
            yield record
            index = record.index + 1


def _count_lines(path: Path) -> int:
    """Records of a JSON Lines file: its lines that are not blank (the reader's rule)."""
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        return sum(1 for line in fh if line.strip(_BLANK))


def _count_source(source: Any) -> int | None:
    if isinstance(source, pd.DataFrame):
        return len(source)
    if isinstance(source, dict | bytes):
        return 1
    path = Path(source)
    if path.is_dir():
        return sum(1 for p in path.glob(_TXT_GLOB))
    if not path.is_file():  # a pipe: it can be read once only
        return None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _count_lines(path)
    if suffix == ".parquet":
        return _open_parquet(path).metadata.num_rows
    if suffix == ".txt":
        return 1
    if suffix in (".csv", ".conllu"):
        return sum(1 for _ in _iter_source(path, 0, 1024))
    return None


def count_records(inputs: Any) -> int | None:
    """How many records :func:`iter_records` will yield from ``inputs`` (for a progress bar's
    total), or None when that cannot be known without consuming them (a pipe).

    Reads the inputs once (Parquet: only its metadata); the count follows the readers'
    rules (blank lines are no records, a CSV row may span lines, ...).

    Examples
    --------
    >>> count_records([pd.DataFrame({"text": ["a", "b"]}), {"text": "c"}])
    3
    """
    sources = [inputs] if isinstance(inputs, str | os.PathLike | pd.DataFrame | dict) else inputs
    if not isinstance(sources, list | tuple):
        return None  # an iterator: counting would consume it
    total = 0
    for source in sources:
        try:
            n = _count_source(source)
        except (OSError, ValueError):
            return None
        if n is None:
            return None
        total += n
    return total


def read_articles(source: str | os.PathLike | pd.DataFrame, quarantine: list[dict] | None = None,
                  ) -> pd.DataFrame:
    """Read articles from a DataFrame, a .jsonl/.csv/.parquet/.txt file or a folder of .txt.

    Returns one row per article (a ``_record`` column names where it came
    from); unreadable records go to ``quarantine``. For large inputs use
    :func:`iter_records` or :func:`eventcoder.stream.code_stream`.

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
    for record in iter_records(source):
        if record.problem is not None:
            quarantine.append(record.quarantined(*record.problem))
        else:
            rows.append(record.row)
    return pd.DataFrame(rows)


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Lists of ``size`` records (the last may be shorter)."""
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch
