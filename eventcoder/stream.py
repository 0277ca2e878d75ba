"""Code corpora of any size to a file: streaming, accounted, resumable, parallel.

:func:`code_stream` reads its inputs (JSON Lines, CSV, Parquet, ``.txt`` files
or folders of them, CoNLL-U) record by record, codes them ``chunk_size`` at a
time (in ``workers`` processes if asked) and appends each chunk's events to the
output in input order, so memory stays flat and the same input gives the same
bytes.

Every record ends in exactly one of *coded* (one event or more), *no event*,
or *quarantined* (with a reason code, see
:data:`eventcoder.batch.records.QUARANTINE_REASONS`); quarantined records are kept,
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

import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from .batch.engine import check_language
from .batch.ledger import (
    LEDGER_VERSION,
    append_line,
    check_resume,
    chunk_digest,
    input_fingerprint,
    read_ledger,
    verified_after,
)
from .batch.outputs import OUTPUT_FORMATS, fsync, open_output, output_format
from .batch.paths import check_distinct, check_not_inputs, check_writable
from .batch.readers import check_input, chunks, count_records, iter_records
from .batch.records import MAX_TEXT_CHARS, ChunkCommit, RecordOptions, RunSummary, describe
from .batch.workers import ordered_results
from .dates import parse_date
from .dictionaries import check_dictionaries
from .errors import OutputError, ResumeError
from .parsing.bounds import MAX_SENTENCE_WORDS
from .provenance import META_SUFFIX, provenance, write_sidecar

__all__ = ["OUTPUT_FORMATS", "ChunkCommit", "ResumeError", "RunSummary", "code_stream", "iter_records"]

logger = logging.getLogger(__name__)


def code_stream(
    inputs: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    output: str | os.PathLike,
    language: str | None = None,
    date: str | dt.date | None = None,
    speaker: str | None = None,
    text_field: str = "text",
    date_field: str = "date",
    id_field: str = "id",
    speaker_field: str = "speaker",
    schema: str = "cameo",
    chunk_size: int = 100,
    workers: int = 1,
    summary: str | os.PathLike | None = None,
    quarantine: str | os.PathLike | None = None,
    resume: bool = True,
    overwrite: bool = False,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    dictionaries: Sequence[str | os.PathLike] = (),
    progress: bool = False,
    on_chunk: Callable[[ChunkCommit], None] | None = None,
    max_text_chars: int | None = MAX_TEXT_CHARS,
    max_sentence_words: int | None = MAX_SENTENCE_WORDS,
    long_sentences: str = "split",
    sentence_splitter: str = "stanza",
) -> RunSummary:
    """Code inputs of any size into an events file, chunk by chunk, resumably.

    Parameters
    ----------
    inputs : path or sequence of paths
        ``.jsonl``, ``.csv``, ``.parquet``, ``.txt``, ``.conllu`` files and
        folders of ``.txt``; records are numbered across them in this order.
    output : path
        ``.csv``, ``.tsv``, ``.jsonl``, ``.json`` or ``.parquet`` (by extension);
        with ``schema="plover"``, PLOVER JSON Lines under any name. How it was
        made (:func:`eventcoder.provenance.provenance`: version, parser models,
        dictionaries' hash, options) goes into ``<output>.meta.json``, or into a
        Parquet file's metadata (key ``eventcoder``).
    language, date, speaker, text_field, date_field, id_field, speaker_field
        As for :func:`eventcoder.code_articles` (the same meaning in every entry
        point: ``date`` and ``speaker`` are values for records without their own,
        ``*_field`` name the fields).
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
        starts over (replacing the output, as ``overwrite=True``).
    overwrite : bool, default False
        Replace an existing output (and its quarantine file). Without it, a run
        that would replace a file not left by an interrupted run of its own
        refuses (:class:`~eventcoder.errors.OutputError`) before anything is
        written.
    model_dir, cache_dir, use_cache
        Parsing options (see :func:`eventcoder.parsing.parse_texts`); the parse
        cache makes re-parsing after an interruption cheap.
    dictionaries : sequence of paths
        User dictionary folders layered over the shipped ones.
    progress : bool, default False
        Show a progress bar (``tqdm.auto``) over the records, with their number
        as its total (the inputs are counted first), moving as each text is
        parsed, in worker processes too.
    on_chunk : callable, optional
        Called with a :class:`ChunkCommit` after each chunk is committed.
    max_text_chars, max_sentence_words, long_sentences
        Bounds on what is parsed (see :class:`eventcoder.RecordOptions`): by
        default a text over 1,000,000 characters is quarantined (``too_long``)
        and a sentence over 250 words is cut into pieces before parsing
        (``RunSummary.split_sentences``); ``long_sentences="quarantine"``
        quarantines its record instead (``sentence_too_long``).
    sentence_splitter : {"stanza", "somajo"}, default "stanza"
        Who ends sentences (see :func:`eventcoder.parsing.parse_texts`); ``"somajo"``
        needs the optional, GPLv3+ extra ``eventcoder[somajo]``.

    Returns
    -------
    RunSummary
        ``input == coded + no_event + quarantined``.

    Raises
    ------
    ResumeError
        When the ledger of an interrupted run does not match the inputs or settings.
    OutputError
        Before anything is read or written: an output path (output, quarantine
        file, summary) that is an input, an output that exists (without
        ``overwrite``), or a path that cannot be written.
    ValueError, FileNotFoundError, UnknownLanguageError, InputError
        For an unknown output format, a missing or unreadable input (a file
        type eventcoder does not read, a damaged Parquet file), a bad ``date``
        or an unknown ``language``, before anything is written.

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
    if schema not in ("cameo", "plover"):
        raise ValueError(f"unknown schema {schema!r}; use 'cameo' or 'plover'")
    fmt = output_format(out, schema)
    for path in paths:
        check_input(path)
    language = check_language(language)
    day = parse_date(date, where="date")
    check_dictionaries(dictionaries, language)  # before anything is written
    chunk_size = int(chunk_size)
    workers = int(workers)
    if chunk_size < 1 or workers < 1:
        raise ValueError("chunk_size and workers must be at least 1")
    options = RecordOptions(language=language, date=day, speaker=speaker, text_field=text_field,
                            date_field=date_field, id_field=id_field, speaker_field=speaker_field,
                            model_dir=model_dir, cache_dir=cache_dir, use_cache=use_cache,
                            dictionaries=tuple(os.fspath(d) for d in dictionaries),
                            max_text_chars=max_text_chars, max_sentence_words=max_sentence_words,
                            long_sentences=long_sentences, sentence_splitter=sentence_splitter)
    ledger = out.with_name(out.name + ".ledger.jsonl")
    qpath = Path(quarantine) if quarantine is not None else out.with_name(out.name + ".quarantine.jsonl")
    spath = Path(summary) if summary is not None else None
    written = {"output": out, "quarantine file": qpath, "summary": spath, "ledger": ledger,
               "metadata file": None if fmt == ".parquet" else out.with_name(out.name + META_SUFFIX)}
    check_not_inputs(paths, {**written, "temporary file": out.with_name(out.name + ".tmp"),
                             "parts folder": out.with_name(out.name + ".parts")})
    check_distinct(written)
    for role, path in written.items():
        if path is not None:
            check_writable(path, role)
    resume = resume and not overwrite
    if resume and not ledger.exists():  # a new run: it replaces no file unless asked to
        existing = [p for p in (out, qpath) if p.exists()]
        if existing:
            raise OutputError(f"{existing[0]} exists; pass --overwrite (overwrite=True) to replace it, "
                              f"or choose another output")
    expected = {
        "ledger": LEDGER_VERSION,
        "inputs": [{"path": str(p), "fingerprint": input_fingerprint(p)} for p in paths],
        "settings": {"output": out.name, "format": fmt, "language": options.language,
                     "date": day.isoformat() if day else None, "speaker": speaker,
                     "text_field": text_field, "date_field": date_field, "id_field": id_field,
                     "speaker_field": speaker_field,
                     "model_dir": None if model_dir is None else str(model_dir),
                     "dictionaries": list(options.dictionaries),
                     "max_text_chars": max_text_chars, "max_sentence_words": max_sentence_words,
                     "long_sentences": long_sentences,
                     # only when not the default, so that ledgers of earlier runs still match
                     **({"sentence_splitter": sentence_splitter} if sentence_splitter != "stanza" else {})},
    }
    sink = open_output(out, fmt)
    run = RunSummary(inputs=[str(p) for p in sources], output=str(out), quarantine_file=str(qpath))
    committed: list[dict[str, Any]] = []
    header, done, good = (read_ledger(ledger) if resume and ledger.is_file() else (None, [], 0))
    if header is not None:
        check_resume(header, expected, ledger)
        committed = done
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
        append_line(ledger, {**expected, **state, "quarantine_offset": 0}, mode="wb")
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="coding", unit="record", initial=run.resumed, total=count_records(paths))
    qfh: BinaryIO | None = None
    records = iter_records(paths)
    batches = chunks(verified_after(records, committed, ledger), chunk_size)
    results = ordered_results(batches, options, workers, progress=None if bar is None else bar.update)
    try:
        for batch, coded in results:
            chunk = len(committed)
            counts = coded.counts()
            state = sink.append(coded.events, chunk, run.events)
            if coded.quarantine:
                if qfh is None:
                    qfh = open(qpath, "ab")  # noqa: SIM115 - kept open for the run
                for item in coded.quarantine:
                    logger.info("quarantined %s: %s", describe(item), item["reason"])
                    qfh.write((json.dumps(item, ensure_ascii=False, default=str) + "\n").encode())
                fsync(qfh)
                qoffset = qfh.tell()
            entry = {"chunk": chunk, "start": batch[0].index, "stop": batch[-1].index + 1,
                     "counts": counts, "quarantine_offset": qoffset, "digest": chunk_digest(batch),
                     **state}
            append_line(ledger, entry)
            committed.append(entry)
            run.add(counts)
            if on_chunk is not None:
                on_chunk(ChunkCommit(chunk, entry["start"], entry["stop"], counts))
        meta = provenance(options, run, schema=schema)
        if fmt == ".parquet":
            sink.finish(committed, metadata=meta)
        else:
            sink.finish(committed)
            write_sidecar(out, meta)
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
    if spath is not None:
        spath.parent.mkdir(parents=True, exist_ok=True)
        tmp = spath.with_name(spath.name + ".tmp")
        tmp.write_text(json.dumps(run.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, spath)
    ledger.unlink()
    if run.quarantined:
        logger.warning("%d records quarantined, kept in %s", run.quarantined, qpath)
    logger.info("%s -> %s", run, out)
    return run
