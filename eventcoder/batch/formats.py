"""The file formats records are read from, one record at a time: JSON Lines, CSV, Parquet,
``.txt`` files, DataFrames and CoNLL-U (:mod:`eventcoder.batch.readers` chooses among them).
A record that cannot be read carries its problem instead of raising."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .records import Record

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


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: characters that make a line blank: a blank line is not a record, in every line-based format
_BLANK = " \t\r\n\x0b\x0c"
#: the longest CSV field read (the csv module's default is 131,072 characters); a field
#: that opens a quote and never closes it is cut here, so it cannot hold the whole file
CSV_FIELD_LIMIT = 1 << 24


def _lone_surrogates(value: Any) -> bool:
    """True when a decoded JSON value holds a string that is not valid Unicode (any depth)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if bad_unicode(item) is not None:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def load_json(text: str) -> tuple[Any, tuple[str, str] | None]:
    """``(value, None)``, or ``(None, ("bad_json", message))`` for text that is not JSON.

    Never raises: nesting deeper than Python's recursion limit and integers longer than
    its digit limit are bad JSON too, with the position where it is known.

    Examples
    --------
    >>> load_json('{"a": 1}')
    ({'a': 1}, None)
    >>> load_json('{"text": "unterminated')[1]
    ('bad_json', 'bad JSON: Unterminated string starting at: column 10')
    >>> load_json("[" * 100000)[1]
    ('bad_json', 'bad JSON: nested too deeply (more levels than Python allows)')
    """
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        return None, ("bad_json", f"bad JSON: {exc.msg}: {where}")
    except RecursionError:
        return None, ("bad_json", "bad JSON: nested too deeply (more levels than Python allows)")
    except ValueError as exc:  # an integer longer than sys.get_int_max_str_digits()
        return None, ("bad_json", f"bad JSON: {exc}")


def _undecodable(raw: bytes) -> tuple[str, str]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "undecodable", f"undecodable bytes ({exc.reason} at byte {exc.start})"
    return "undecodable", "undecodable bytes"  # pragma: no cover - only called for bad bytes


def _iter_jsonl(path: Path, start: int) -> Iterator[Record]:
    """One record per line; lines end at ``\\n``, ``\\r\\n`` or ``\\r``; blank lines are skipped."""
    ordinal = 0
    index = start
    # newline="": lines split at \n, \r\n and a lone \r, nothing translated;
    # surrogateescape keeps undecodable bytes visible per line instead of failing the file
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip(_BLANK):
                continue
            where = f"{path}:{lineno}"
            if bad_unicode(line) is not None:
                raw = line.encode("utf-8", "surrogateescape")
                yield Record(index, where, raw_bytes=raw, problem=_undecodable(raw))
                index += 1
                continue
            row, problem = load_json(line)
            if problem is None and not isinstance(row, dict):
                problem = ("not_object", "JSON line is not an object")
            if problem is None and _SURROGATE_ESCAPE.search(line) and _lone_surrogates(row):
                problem = ("undecodable", "JSON line has a string that is not valid Unicode "
                                          "(a lone surrogate escape such as \\ud800)")
            if problem is not None:
                yield Record(index, where, raw=line, problem=problem)
                index += 1
                continue
            ordinal += 1
            row.setdefault("_record", where)
            yield Record(index, where, row=row, ordinal=ordinal, raw=line)
            index += 1


class _Lines:
    """The physical lines of a text file, numbered, with the lines of the current record kept
    so that a malformed record can be given back and read again from its second line."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.again: list[str] = []  # lines to read again, in reverse order
        self.lineno = 0
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.again.pop() if self.again else next(self.fh)
        self.lineno += 1
        self.taken.append(line)
        return line

    def start_record(self) -> int:
        self.taken = []
        return self.lineno + 1

    def reread_after_first(self, first: int) -> str:
        """Give back the lines of a malformed record but its first; return that first line."""
        bad, rest = (self.taken[0], self.taken[1:]) if self.taken else ("", [])
        self.again.extend(reversed(rest))
        self.lineno = first
        self.taken = []
        return bad


def _csv_reader(lines: _Lines) -> Any:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    return csv.reader(lines, strict=True)


def _csv_problem(exc: csv.Error, path: Path, first: int, last: int) -> str:
    message = str(exc)
    if "unexpected end of data" in message:
        what = "opens a quote that is never closed"
    elif "field larger than field limit" in message:
        what = f"has a field longer than {CSV_FIELD_LIMIT:,} characters"
    else:
        what = f"is not valid CSV ({message})"
    return f"CSV row at line {first} {what} (read up to line {last}); the lines after it are read again"


def _iter_csv(path: Path, start: int) -> Iterator[Record]:
    """One record per CSV row; a malformed row (a quote that never closes, a field over
    :data:`CSV_FIELD_LIMIT`) is quarantined from its first line and reading goes on with the
    next line, so it cannot swallow the rows after it. Blank lines are skipped."""
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        lines = _Lines(fh)
        reader = _csv_reader(lines)
        header: list[str] | None = None
        bad_header: int | None = None
        ordinal = 0
        rows = 0
        index = start
        while True:
            first = lines.start_record()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                last = lines.lineno
                bad = lines.reread_after_first(first)
                reader = _csv_reader(lines)
                message = _csv_problem(exc, path, first, last)
                if header is None:
                    raise InputError(f"{path}: the header: {message}") from None
                rows += 1
                raw = bad.rstrip("\r\n")
                record = Record(index, f"{path}:row {rows}", raw=raw, problem=("bad_csv", message))
                if bad_unicode(raw) is not None:
                    record.raw, record.raw_bytes = None, raw.encode("utf-8", "surrogateescape")
                yield record
                index += 1
                continue
            if not values or (len(values) == 1 and not values[0].strip(_BLANK)):
                continue  # a blank line is not a record
            if header is None:
                header = values
                bad_header = bad_unicode(",".join(header))
                continue
            rows += 1
            where = f"{path}:row {rows}"
            if bad_header is not None or any(bad_unicode(v) is not None for v in values):
                raw_bytes = ",".join(values).encode("utf-8", "surrogateescape")
                yield Record(index, where, raw_bytes=raw_bytes, problem=(
                    "undecodable", "undecodable bytes (invalid UTF-8 in the row or header)"))
            elif len(values) != len(header):
                yield Record(index, where, raw=",".join(values), problem=(
                    "bad_csv", f"CSV row at {path}, line {first} has {len(values)} fields, "
                               f"the header {len(header)}"))
            else:
                ordinal += 1
                row = dict(zip(header, values))
                row["_record"] = where
                yield Record(index, where, row=row, ordinal=ordinal)
            index += 1


def _open_parquet(path: Path) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for a damaged file
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None


def _iter_parquet(path: Path, start: int, batch_size: int) -> Iterator[Record]:
    i = 0
    batches = _open_parquet(path).iter_batches(batch_size=batch_size)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except Exception as exc:  # a damaged row group
            raise InputError(f"{path}: Parquet data after row {i} cannot be read ({exc})") from None
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
        doc_id = base if counter == 1 else f"{base}-{counter}"
        data = b"".join(block)
        where = f"{path}:{first_line}"
        if not has_words:  # a # newdoc and nothing after it: counted, and quarantined
            name = _NEWDOC.match(data.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace"))
            doc_id = ((name.group(1) or "").strip() if name else "") or doc_id
            record = Record(index, where, kind="conllu", raw=data.decode("utf-8", "replace"),
                            problem=("no_text", f"CoNLL-U document {doc_id!r} has no sentence"))
            index += 1
            return record
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
