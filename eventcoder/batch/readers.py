"""Readers: every kind of input becomes :class:`~eventcoder.batch.records.Record` objects, one at a time.

JSON Lines and CSV are read line by line, Parquet in batches, ``.txt`` files (or
folders of them) one article each, CoNLL-U one document (``# newdoc``) at a time,
DataFrames row by row and in-memory dicts (Dask Bag items) one by one. A record that
cannot be read carries its problem (``bad_json``, ``undecodable``, ...) instead of
raising, so the engine quarantines it and the run goes on.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .records import Record

__all__ = ["INPUT_FORMATS", "bad_unicode", "chunks", "iter_records", "read_articles", "record_from_item"]

#: file types the readers take (and folders of ``.txt`` files)
INPUT_FORMATS = (".jsonl", ".csv", ".parquet", ".txt", ".conllu")

_TXT_GLOB = "*.txt"
_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id)?\s*(?:=\s*(.*))?$")
_BOM = b"\xef\xbb\xbf"


def bad_unicode(value: Any) -> int | None:
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
        return bad_unicode(value) is not None
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
        bad_header = bad_unicode(",".join(header))
        ordinal = 0
        for i, values in enumerate(reader, start=1):
            index = start + i - 1
            where = f"{path}:row {i}"
            if bad_header is not None or any(bad_unicode(v) is not None for v in values):
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


def _iter_conllu(path: Path, start: int) -> Iterator[Record]:
    """One record per CoNLL-U document (``# newdoc``), read line by line."""
    base = path.stem
    counter = 0
    index = start
    ordinal = 0
    block: list[bytes] = []
    first_line = 1
    newdoc = False
    has_words = False

    def emit() -> Record | None:
        nonlocal counter, index, ordinal
        if not (newdoc or has_words):
            return None
        counter += 1
        if not has_words:  # an empty document, as read_conllu skips it
            return None
        doc_id = base if counter == 1 else f"{base}-{counter}"
        data = b"".join(block)
        where = f"{path}:{first_line}"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + data[: exc.start].count(b"\n")
            record = Record(index, where, kind="conllu", raw_bytes=data, problem=(
                "undecodable", f"undecodable bytes ({exc.reason}) at {path}, line {line}"))
        else:
            ordinal += 1
            record = Record(index, where, kind="conllu", raw=text, ordinal=ordinal,
                            row={"conllu": text, "doc_id": doc_id, "line": first_line,
                                 "path": str(path)})
        index += 1
        return record

    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            stripped = raw.rstrip(b"\r\n")
            if stripped.startswith(b"#") and _NEWDOC.match(stripped.decode("utf-8", "replace")):
                record = emit()
                if record is not None:
                    yield record
                block, first_line, newdoc, has_words = [raw], lineno, True, False
                continue
            if not block:
                first_line = lineno
            block.append(raw)
            if stripped.strip() and not stripped.startswith(b"#"):
                has_words = True
    record = emit()
    if record is not None:
        yield record


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
        except UnicodeDecodeError as exc:
            return Record(index, where, raw_bytes=item,
                          problem=("undecodable", f"undecodable bytes ({exc.reason})"))
    if isinstance(item, str):
        raw = item.rstrip("\r\n")
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            return Record(index, where, raw=raw, problem=("bad_json", f"bad JSON: {exc.msg}"))
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
