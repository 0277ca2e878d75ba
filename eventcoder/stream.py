"""Code corpora of any size to a file: streaming, accounted, resumable, parallel.

:func:`code_stream` reads its inputs (JSON Lines, CSV, Parquet, ``.txt`` files
or folders of them, CoNLL-U) record by record, codes them ``chunk_size`` at a
time (in ``workers`` processes if asked) and appends each chunk's events to the
output in input order, so memory stays flat and the same input gives the same
bytes.

Every record ends in exactly one of *coded* (one event or more), *no event*,
or *quarantined* (with a reason code, see
:data:`eventcoder.articles.QUARANTINE_REASONS`); quarantined records are kept,
as they were read, in a JSON Lines file next to the output.

After each chunk, a line goes to the progress ledger ``<output>.ledger.jsonl``
(the records it covered, its counts, and the output's size). A run that was
interrupted (Ctrl-C, ``kill -9``, a crash) and is started again with the same
arguments cuts the output back to the last committed chunk and carries on from
there: no record twice, none missing. The ledger is removed when the run
completes.

Examples
--------
>>> from eventcoder.stream import code_stream
>>> run = code_stream(["articles.jsonl"], output="events.csv", workers=2,
...                   summary="run.json")  # doctest: +SKIP
>>> run.input == run.coded + run.no_event + run.quarantined  # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from .articles import CodedRecords, Record, RecordOptions, code_records, iter_articles
from .dates import parse_date
from .dictionaries import UnknownLanguageError, available_languages
from .errors import ResumeError
from .events import EVENT_COLUMNS

__all__ = [
    "OUTPUT_FORMATS",
    "ChunkCommit",
    "ResumeError",
    "RunSummary",
    "code_stream",
    "iter_records",
]

logger = logging.getLogger(__name__)

#: output file types :func:`code_stream` writes (``--schema plover`` writes JSON Lines to any name)
OUTPUT_FORMATS = (".csv", ".tsv", ".jsonl", ".json", ".parquet")

_LEDGER_VERSION = 1
_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id)?\s*(?:=\s*(.*))?$")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class ChunkCommit:
    """A chunk that was written and recorded in the ledger.

    ``start``/``stop`` are record indices (``stop`` exclusive); ``counts`` has
    ``input``, ``coded``, ``no_event``, ``quarantined``, ``events``.
    """

    chunk: int
    start: int
    stop: int
    counts: dict[str, Any]


@dataclass(slots=True)
class RunSummary:
    """The accounting of a run: every input record is counted exactly once.

    ``input == coded + no_event + quarantined``; ``events`` is the number of
    event records written; ``quarantine_reasons`` counts quarantined records by
    reason code. ``resumed`` is the number of records an earlier, interrupted
    run had already committed (not part of :meth:`to_dict`, which is
    deterministic).

    Examples
    --------
    >>> s = RunSummary(input=3, coded=1, no_event=1, quarantined=1, events=2,
    ...                quarantine_reasons={"no_text": 1})
    >>> str(s)
    '3 records: 1 coded (2 events), 1 without event, 1 quarantined (no_text: 1)'
    """

    input: int = 0
    coded: int = 0
    no_event: int = 0
    quarantined: int = 0
    events: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    output: str = ""
    quarantine_file: str | None = None
    chunks: int = 0
    resumed: int = 0

    def add(self, counts: dict[str, Any]) -> None:
        """Add a chunk's counts."""
        for key in ("input", "coded", "no_event", "quarantined", "events"):
            setattr(self, key, getattr(self, key) + int(counts.get(key, 0)))
        reasons = dict(self.quarantine_reasons)
        for code, n in counts.get("quarantine_reasons", {}).items():
            reasons[code] = reasons.get(code, 0) + int(n)
        self.quarantine_reasons = dict(sorted(reasons.items()))
        self.chunks += 1

    def to_dict(self) -> dict[str, Any]:
        """The summary as written by ``--summary run.json``."""
        return {"input": self.input, "coded": self.coded, "no_event": self.no_event,
                "quarantined": self.quarantined, "events": self.events,
                "quarantine_reasons": dict(self.quarantine_reasons), "inputs": list(self.inputs),
                "output": self.output, "quarantine_file": self.quarantine_file,
                "chunks": self.chunks}

    def __str__(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in self.quarantine_reasons.items())
        return (f"{self.input} records: {self.coded} coded ({self.events} events), "
                f"{self.no_event} without event, {self.quarantined} quarantined"
                + (f" ({reasons})" if reasons else ""))


# --------------------------------------------------------------------------- reading


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


def iter_records(inputs: Sequence[str | os.PathLike], *, batch_size: int = 1024) -> Iterator[Record]:
    """Yield the records of several inputs in order, numbered from 0 across them.

    Parameters
    ----------
    inputs : sequence of path
        ``.jsonl``, ``.csv``, ``.parquet``, ``.txt`` and ``.conllu`` files, and
        folders of ``.txt`` files. A CoNLL-U record is one document
        (``# newdoc``); a file without ``# newdoc`` is one document.
    batch_size : int
        Rows read at once from Parquet.

    Yields
    ------
    eventcoder.articles.Record

    Examples
    --------
    >>> from conftest import FIXTURES  # doctest: +SKIP
    >>> [r.kind for r in iter_records([FIXTURES / "de_seed.conllu"])]  # doctest: +SKIP
    ['conllu']
    """
    index = 0
    for source in inputs:
        path = Path(source)
        if path.suffix.lower() == ".conllu" and not path.is_dir():
            if not path.exists():
                raise FileNotFoundError(f"CoNLL-U file not found: {path}")
            records = _iter_conllu(path, index)
        else:
            records = iter_articles(path, start=index, batch_size=batch_size)
        for record in records:
            yield record
            index = record.index + 1


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch


# --------------------------------------------------------------------------- outputs


def _fsync(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {"quad_class": pa.int64(), "goldstein": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EVENT_COLUMNS])


class _TextOutput:
    """CSV, TSV, JSON Lines, a JSON array or PLOVER JSON Lines, appended chunk by chunk."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.fh: BinaryIO | None = None
        self.offset = 0

    def header(self) -> bytes:
        if self.fmt in (".csv", ".tsv"):
            sep = "\t" if self.fmt == ".tsv" else ","
            return (sep.join(EVENT_COLUMNS) + "\n").encode("utf-8")
        return b"[" if self.fmt == ".json" else b""

    def encode(self, frame: pd.DataFrame, events_before: int) -> bytes:
        if not len(frame):
            return b""
        if self.fmt in (".csv", ".tsv"):
            text = frame.to_csv(index=False, header=False, lineterminator="\n",
                                sep="\t" if self.fmt == ".tsv" else ",")
        elif self.fmt == "plover":
            from .plover import plover_json

            text = plover_json(frame)
        else:
            lines = frame.to_json(orient="records", lines=True, force_ascii=False)
            if self.fmt == ".json":
                text = ("," if events_before else "") + ",".join(lines.splitlines())
            else:
                text = lines if lines.endswith("\n") else lines + "\n"
        return text.encode("utf-8")

    def start(self) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "wb")  # noqa: SIM115 - kept open for the run
        self.fh.write(self.header())
        _fsync(self.fh)
        self.offset = self.fh.tell()
        return {"offset": self.offset}

    def reopen(self, state: dict[str, Any], committed: list[dict[str, Any]]) -> None:
        offset = int(state["offset"])
        if not self.path.is_file() or self.path.stat().st_size < offset:
            raise ResumeError(f"{self.path} is shorter than the ledger records ({offset} bytes): "
                              f"it was changed after the interruption; start over with --overwrite")
        self.fh = open(self.path, "r+b")  # noqa: SIM115
        self.fh.truncate(offset)
        self.fh.seek(offset)
        self.offset = offset

    def append(self, frame: pd.DataFrame, chunk: int, events_before: int) -> dict[str, Any]:
        assert self.fh is not None
        data = self.encode(frame, events_before)
        if data:
            self.fh.write(data)
            _fsync(self.fh)
            self.offset += len(data)
        return {"offset": self.offset}

    def finish(self, chunks: list[dict[str, Any]]) -> None:
        assert self.fh is not None
        if self.fmt == ".json":
            self.fh.write(b"]\n")
        _fsync(self.fh)
        self.fh.close()
        self.fh = None

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class _ParquetOutput:
    """Parquet: one part file per chunk under ``<output>.parts/``, joined at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts = path.with_name(path.name + ".parts")

    def start(self) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.parts.exists():
            shutil.rmtree(self.parts)
        self.parts.mkdir()
        return {"part": None}

    def reopen(self, state: dict[str, Any], committed: list[dict[str, Any]]) -> None:
        keep = {c["part"] for c in committed if c.get("part")}
        self.parts.mkdir(parents=True, exist_ok=True)
        for name in keep:
            if not (self.parts / name).is_file():
                raise ResumeError(f"{self.parts / name} recorded in the ledger is missing; "
                                  f"start over with --overwrite")
        for part in self.parts.iterdir():
            if part.name not in keep:
                part.unlink()

    def append(self, frame: pd.DataFrame, chunk: int, events_before: int) -> dict[str, Any]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not len(frame):
            return {"part": None}
        name = f"part-{chunk:06d}.parquet"
        table = pa.Table.from_pandas(frame, schema=_arrow_schema(), preserve_index=False)
        tmp = self.parts / (name + ".tmp")
        pq.write_table(table.replace_schema_metadata(None), tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.parts / name)
        return {"part": name}

    def finish(self, chunks: list[dict[str, Any]]) -> None:
        import pyarrow.parquet as pq

        tmp = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(tmp, _arrow_schema()) as writer:
            for chunk in chunks:
                if chunk.get("part"):
                    writer.write_table(pq.read_table(self.parts / chunk["part"]))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- ledger


def _input_fingerprint(path: Path) -> str:
    """Changes when the input changes: path, and size and mtime of each file."""
    h = hashlib.sha256(str(path.resolve()).encode())
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    for f in files:
        st = f.stat()
        h.update(f"\0{f.name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _read_ledger(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int]:
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


def _append_line(path: Path, entry: dict[str, Any], mode: str = "ab") -> None:
    with open(path, mode) as fh:
        fh.write((json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
        _fsync(fh)


def _check_resume(header: dict[str, Any], expected: dict[str, Any], ledger: Path) -> None:
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


# --------------------------------------------------------------------------- workers


def _worker_init() -> None:
    """Per worker process: torch with one thread (read when stanza imports it), Ctrl-C to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"


def _code_batch(batch: list[Record], options: RecordOptions) -> CodedRecords:
    """What a worker process runs: code one chunk (its stanza pipeline is built once, then kept)."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)
    return code_records(batch, options)


def _ordered_results(batches: Iterator[list[Record]], options: RecordOptions, workers: int,
                     ) -> Iterator[tuple[list[Record], CodedRecords]]:
    """Code batches, in ``workers`` processes if > 1; results come in input order."""
    if workers <= 1:
        for batch in batches:
            yield batch, code_records(batch, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_worker_init)
    pending: deque = deque()
    finished = False
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_code_batch, batch, options)))
            while len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: stop the workers now, the ledger has what was committed
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                proc.terminate()


# --------------------------------------------------------------------------- the run


def _output_format(path: Path, schema: str) -> str:
    if schema == "plover":
        return "plover"
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {suffix!r} for {path}; use one of "
                         f"{sorted(OUTPUT_FORMATS)}")
    return suffix


def code_stream(
    inputs: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    output: str | os.PathLike,
    language: str | None = None,
    date: str | None = None,
    text_field: str = "text",
    date_field: str = "date",
    id_field: str = "id",
    schema: str = "cameo",
    chunk_size: int = 100,
    workers: int = 1,
    summary: str | os.PathLike | None = None,
    quarantine: str | os.PathLike | None = None,
    resume: bool = True,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    progress: bool = False,
    on_chunk: Callable[[ChunkCommit], None] | None = None,
) -> RunSummary:
    """Code inputs of any size into an events file, chunk by chunk, resumably.

    Parameters
    ----------
    inputs : path or sequence of paths
        ``.jsonl``, ``.csv``, ``.parquet``, ``.txt``, ``.conllu`` files and
        folders of ``.txt``; records are numbered across them in this order.
    output : path
        ``.csv``, ``.tsv``, ``.jsonl``, ``.json`` or ``.parquet`` (by extension);
        with ``schema="plover"``, PLOVER JSON Lines under any name.
    language : str, optional
        Language of records without their own (``language`` field, ``#
        language`` comment).
    date : str, optional
        Publication date ``YYYY-MM-DD`` of records without one.
    text_field, date_field, id_field : str
        Field names of articles' text, date and id.
    schema : {"cameo", "plover"}
        CAMEO event columns, or PLOVER-style records.
    chunk_size : int, default 100
        Records coded and committed at a time (the unit of resume).
    workers : int, default 1
        Processes that parse and code chunks (each loads its own stanza
        pipeline, torch with one thread); output stays in input order. They
        are started fresh (forkserver or spawn): a script calling this with
        ``workers > 1`` needs the ``if __name__ == "__main__":`` guard.
    summary : path, optional
        Write the run's accounting (:meth:`RunSummary.to_dict`) as JSON here.
    quarantine : path, optional
        JSON Lines file for quarantined records (default
        ``<output>.quarantine.jsonl``; only made when a record is quarantined).
        Each line has ``index``, ``record``, ``reason_code``, ``reason`` and the
        record as read (``original``, or ``row`` for table rows;
        ``original_base64`` for undecodable bytes).
    resume : bool, default True
        Continue an interrupted run found in ``<output>.ledger.jsonl``; False
        starts over.
    model_dir, cache_dir, use_cache
        Parsing options (see :func:`eventcoder.parsing.parse_texts`); the parse
        cache makes re-parsing after an interruption cheap.
    progress : bool, default False
        Show a tqdm bar over the records.
    on_chunk : callable, optional
        Called with a :class:`ChunkCommit` after each chunk is committed.

    Returns
    -------
    RunSummary
        ``input == coded + no_event + quarantined``.

    Raises
    ------
    ResumeError
        When the ledger of an interrupted run does not match the inputs or settings.
    ValueError, FileNotFoundError, UnknownLanguageError
        For an unknown output format, a missing input, a bad ``date`` or an
        unknown ``language``, before anything is written.

    Examples
    --------
    >>> run = code_stream("tests/fixtures/de_seed.conllu", output="events.csv",
    ...                   language="de")  # doctest: +SKIP
    >>> run.to_dict()["coded"]  # doctest: +SKIP
    1
    """
    sources = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    paths = [Path(p) for p in sources]
    out = Path(output)
    fmt = _output_format(out, schema)
    if schema not in ("cameo", "plover"):
        raise ValueError(f"unknown schema {schema!r}; use 'cameo' or 'plover'")
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"input not found: {path}")
    if language is not None and language.lower() not in available_languages():
        raise UnknownLanguageError(f"no resources for language {language!r}; available: "
                                   f"{', '.join(available_languages())}")
    parse_date(date, where="date")
    chunk_size = int(chunk_size)
    workers = int(workers)
    if chunk_size < 1 or workers < 1:
        raise ValueError("chunk_size and workers must be at least 1")
    options = RecordOptions(language=language.lower() if language else None, text=text_field,
                            date=date_field, id=id_field, date_default=date, model_dir=model_dir,
                            cache_dir=cache_dir, use_cache=use_cache)
    ledger = out.with_name(out.name + ".ledger.jsonl")
    qpath = Path(quarantine) if quarantine is not None else out.with_name(out.name + ".quarantine.jsonl")
    expected = {
        "ledger": _LEDGER_VERSION,
        "inputs": [{"path": str(p), "fingerprint": _input_fingerprint(p)} for p in paths],
        "settings": {"output": out.name, "format": fmt, "language": options.language, "date": date,
                     "text_field": text_field, "date_field": date_field, "id_field": id_field,
                     "model_dir": None if model_dir is None else str(model_dir)},
    }
    sink: _TextOutput | _ParquetOutput = _ParquetOutput(out) if fmt == ".parquet" else _TextOutput(out, fmt)
    run = RunSummary(inputs=[str(p) for p in sources], output=str(out), quarantine_file=str(qpath))
    committed: list[dict[str, Any]] = []
    header, chunks, good = (_read_ledger(ledger) if resume and ledger.is_file() else (None, [], 0))
    if header is not None:
        _check_resume(header, expected, ledger)
        committed = chunks
        state = committed[-1] if committed else header
        sink.reopen(state, committed)
        qoffset = int(state.get("quarantine_offset", 0))
        if qpath.exists():
            if qpath.stat().st_size < qoffset:
                raise ResumeError(f"{qpath} is shorter than the ledger records; start over with "
                                  f"--overwrite")
            os.truncate(qpath, qoffset)
        elif qoffset:
            raise ResumeError(f"{qpath} recorded in the ledger is missing; start over with --overwrite")
        os.truncate(ledger, good)
        for entry in committed:
            run.add(entry["counts"])
        run.resumed = committed[-1]["stop"] if committed else 0
        logger.info("resuming %s after %d committed chunks (%d records)", out, len(committed),
                    run.resumed)
    else:
        if ledger.exists():
            ledger.unlink()
        if qpath.exists():
            qpath.unlink()
        state = sink.start()
        qoffset = 0
        _append_line(ledger, {**expected, **state, "quarantine_offset": 0}, mode="wb")
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="coding", unit="record", initial=run.resumed)
    qfh: BinaryIO | None = None
    records = iter_records(paths)
    batches = _chunks((r for r in records if r.index >= run.resumed), chunk_size)
    results = _ordered_results(batches, options, workers)
    try:
        for batch, coded in results:
            chunk = len(committed)
            counts = coded.counts()
            state = sink.append(coded.events, chunk, run.events)
            if coded.quarantine:
                if qfh is None:
                    qfh = open(qpath, "ab")  # noqa: SIM115 - kept open for the run
                for item in coded.quarantine:
                    logger.info("quarantined %s: %s", item["record"], item["reason"])
                    qfh.write((json.dumps(item, ensure_ascii=False, default=str) + "\n").encode())
                _fsync(qfh)
                qoffset = qfh.tell()
            entry = {"chunk": chunk, "start": batch[0].index, "stop": batch[-1].index + 1,
                     "counts": counts, "quarantine_offset": qoffset, **state}
            _append_line(ledger, entry)
            committed.append(entry)
            run.add(counts)
            if bar is not None:
                bar.update(len(batch))
            if on_chunk is not None:
                on_chunk(ChunkCommit(chunk, entry["start"], entry["stop"], counts))
        sink.finish(committed)
    finally:
        results.close()  # stops worker processes at once when interrupted
        batches.close()
        records.close()
        if bar is not None:
            bar.close()
        if qfh is not None:
            qfh.close()
        sink.close()
    if not run.quarantined:
        run.quarantine_file = None
        if qpath.exists() and qpath.stat().st_size == 0:
            qpath.unlink()
    if summary is not None:
        spath = Path(summary)
        spath.parent.mkdir(parents=True, exist_ok=True)
        tmp = spath.with_name(spath.name + ".tmp")
        tmp.write_text(json.dumps(run.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, spath)
    ledger.unlink()
    if run.quarantined:
        logger.warning("%d records quarantined, kept in %s", run.quarantined, qpath)
    logger.info("%s -> %s", run, out)
    return run
