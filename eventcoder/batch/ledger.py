"""The progress ledger of a streaming run (``<output>.ledger.jsonl``): what each committed
chunk covered, so that an interrupted run resumes where it stopped, or refuses when its
inputs or settings changed.

Each chunk's line holds a content hash of the records it consumed (:func:`chunk_digest`);
a resumed run hashes the records it skips again (:func:`verified_after`), so an edit to
what was already coded is found even when it keeps the file's size and modification time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ResumeError
from .outputs import fsync
from .records import Record

__all__ = ["LEDGER_VERSION", "append_line", "check_resume", "chunk_digest", "input_fingerprint",
           "read_ledger", "verified_after"]

LEDGER_VERSION = 1
_LEDGER_VERSION = LEDGER_VERSION


def input_fingerprint(path: Path) -> str:
    """Changes when the input changes: path, and size and mtime of each file."""
    h = hashlib.sha256(str(path.resolve()).encode())
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    for f in files:
        st = f.stat()
        h.update(f"\0{f.name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _record_bytes(record: Record) -> bytes:
    """What a record consumed from its input, as bytes (its line, its bytes, or its fields)."""
    if record.raw_bytes is not None:
        return record.raw_bytes
    if record.raw is not None:
        return record.raw.encode("utf-8", "surrogatepass")
    try:
        return json.dumps(record.row, sort_keys=True, ensure_ascii=True, default=repr).encode()
    except (ValueError, TypeError, RecursionError):  # pragma: no cover - an odd value: its repr
        return repr(record.row).encode("utf-8", "surrogatepass")


def chunk_digest(records: Iterable[Record]) -> str:
    """A content hash of the records of a chunk: where each was read, and what.

    Examples
    --------
    >>> a = Record(0, "a.jsonl:1", raw='{"text": "x"}')
    >>> chunk_digest([a]) == chunk_digest([Record(0, "a.jsonl:1", raw='{"text": "y"}')])
    False
    """
    h = hashlib.sha256()
    for record in records:
        data = _record_bytes(record)
        h.update(f"{record.index}\0{record.where}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
        h.update(data)
    return h.hexdigest()[:32]


def verified_after(records: Iterable[Record], committed: list[dict[str, Any]], ledger: Path,
                   ) -> Iterator[Record]:
    """The records after the committed chunks, once those chunks' records hash as they did.

    Raises
    ------
    ResumeError
        When a committed chunk's records are not the ones read now (an input was
        edited after the interruption, even keeping its size and time).
    """
    it = iter(records)
    for entry in committed:
        batch = []
        for record in it:
            batch.append(record)
            if record.index + 1 >= entry["stop"]:
                break
        digest = entry.get("digest")
        if digest is not None and chunk_digest(batch) != digest:
            first = batch[0].where if batch else "the end of the input"
            raise ResumeError(
                f"{ledger}: input changed since the interrupted run: the records from {first} "
                f"(committed in chunk {entry['chunk']}) are not the ones coded then; resuming "
                f"would mix two versions. Start over with --overwrite")
    yield from it


def read_ledger(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int]:
    """Header, committed chunks, and the byte length of the intact part of the ledger."""
    header: dict[str, Any] | None = None
    chunks: list[dict[str, Any]] = []
    good = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break  # torn by the interruption
            try:
                entry = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            if header is None:
                if entry.get("ledger") != _LEDGER_VERSION:
                    raise ResumeError(f"{path} is not an eventcoder ledger (version "
                                      f"{_LEDGER_VERSION}); remove it or use --overwrite")
                header = entry
            else:
                expected = chunks[-1]["stop"] if chunks else 0
                if entry.get("start") != expected:
                    break
                chunks.append(entry)
            good += len(line)
    return header, chunks, good


def append_line(path: Path, entry: dict[str, Any], mode: str = "ab") -> None:
    with open(path, mode) as fh:
        fh.write((json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
        fsync(fh)


def check_resume(header: dict[str, Any], expected: dict[str, Any], ledger: Path) -> None:
    old_inputs = header.get("inputs", [])
    new_inputs = expected["inputs"]
    if [i["path"] for i in old_inputs] != [i["path"] for i in new_inputs]:
        raise ResumeError(
            f"{ledger}: the interrupted run coded {[i['path'] for i in old_inputs]}, this one "
            f"{[i['path'] for i in new_inputs]}; rerun the same command to resume, or start over "
            f"with --overwrite")
    changed = [n["path"] for o, n in zip(old_inputs, new_inputs) if o["fingerprint"] != n["fingerprint"]]
    if changed:
        raise ResumeError(
            f"{ledger}: input changed since the interrupted run: {', '.join(changed)}; "
            f"resuming would mix two versions. Start over with --overwrite")
    diffs = [f"{k}: {header['settings'].get(k)!r} then, {v!r} now"
             for k, v in expected["settings"].items() if header["settings"].get(k) != v]
    if diffs:
        raise ResumeError(f"{ledger}: settings differ from the interrupted run ({'; '.join(diffs)}); "
                          f"use the same settings to resume, or start over with --overwrite")
