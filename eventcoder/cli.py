"""Command line: ``eventcoder code INPUT... --language de --output events.csv``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._version import __version__
from .batch.records import MAX_TEXT_CHARS, describe
from .errors import EventcoderError, OutputError, UnknownLanguageError
from .parsing.bounds import MAX_SENTENCE_WORDS

__all__ = ["main", "write_events"]

logger = logging.getLogger("eventcoder")

_WRITERS = {".csv", ".jsonl", ".json", ".parquet", ".tsv"}


def write_events(frame: pd.DataFrame, output: str | Path | None) -> None:
    """Write an events frame by the output's extension; CSV to stdout without one."""
    if output is None or str(output) == "-":
        frame.to_csv(sys.stdout, index=False)
        return
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in _WRITERS:
        raise ValueError(f"unknown output format {suffix!r} for {path}; use one of {sorted(_WRITERS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix in (".jsonl", ".json"):
        frame.to_json(path, orient="records", lines=suffix == ".jsonl", force_ascii=False)
    else:
        frame.to_parquet(path, index=False)


def _record_args(args: argparse.Namespace) -> dict:
    """The options of how records are read and bounded, as keyword arguments."""
    return {"text_field": args.text_field, "date_field": args.date_field, "id_field": args.id_field,
            "speaker_field": args.speaker_field, "max_text_chars": args.max_text_chars,
            "max_sentence_words": args.max_sentence_words, "long_sentences": args.long_sentences,
            "sentence_splitter": args.sentence_splitter}


def _check_report_paths(args: argparse.Namespace) -> None:
    """Without --output: --quarantine and --summary are no input, are writable, and an existing
    quarantine file is replaced only with --overwrite (checked before anything is coded)."""
    from .batch.paths import check_distinct, check_not_inputs, check_writable

    paths = {"quarantine file": Path(args.quarantine) if args.quarantine else None,
             "summary": Path(args.summary) if args.summary else None}
    check_not_inputs(args.inputs, paths)
    check_distinct(paths)
    for role, path in paths.items():
        if path is not None:
            check_writable(path, role)
    qpath = paths["quarantine file"]
    if qpath is not None and qpath.exists() and not args.no_resume:
        raise OutputError(f"{qpath} exists; pass --overwrite to replace it, or choose another path")


def _code_to_stdout(args: argparse.Namespace) -> int:
    """No ``--output``: the same engine as a streamed run, the events as CSV (or PLOVER) on stdout."""
    import json

    from .api import code_articles

    _check_report_paths(args)
    frame = code_articles(
        args.inputs, language=args.language, date=args.date, speaker=args.speaker,
        model_dir=args.model_dir, cache_dir=args.cache_dir, use_cache=not args.no_cache,
        dictionaries=args.dictionary or (), progress=not args.quiet, **_record_args(args),
    )
    if args.schema == "plover":
        from .plover import to_plover_records

        records = to_plover_records(frame)
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    else:
        write_events(frame, None)
    quarantine = frame.attrs.get("quarantine", [])
    for item in quarantine:
        print(f"eventcoder: quarantined {describe(item)}: {item['reason']}", file=sys.stderr)
    if args.quarantine and quarantine:
        qpath = Path(args.quarantine)
        qpath.parent.mkdir(parents=True, exist_ok=True)
        qpath.write_text("".join(json.dumps(q, ensure_ascii=False, default=str) + "\n"
                                 for q in quarantine), encoding="utf-8")
    summary = frame.attrs.get("summary", {})
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    if not args.quiet:
        from .batch.records import RunSummary

        run = RunSummary(**{k: summary[k] for k in ("input", "coded", "no_event", "quarantined",
                                                     "events", "quarantine_reasons")})
        print(f"eventcoder: {run} -> stdout", file=sys.stderr)
    return 0


def _stream(args: argparse.Namespace) -> int:
    """``--output`` given: stream the inputs to it, chunk by chunk, resumably."""
    import json

    from .stream import code_stream

    run = code_stream(
        args.inputs, output=args.output, language=args.language, date=args.date,
        schema=args.schema, chunk_size=args.chunk_size, workers=args.workers,
        summary=args.summary, quarantine=args.quarantine, overwrite=args.no_resume,
        model_dir=args.model_dir, cache_dir=args.cache_dir, use_cache=not args.no_cache,
        speaker=args.speaker, dictionaries=args.dictionary or (), progress=not args.quiet,
        **_record_args(args),
    )
    if not args.quiet:
        if run.resumed:
            print(f"eventcoder: resumed after {run.resumed} records committed earlier",
                  file=sys.stderr)
        print(f"eventcoder: {run} -> {args.output}", file=sys.stderr)
        if run.quarantined:
            print(f"eventcoder: quarantined records kept in {run.quarantine_file}", file=sys.stderr)
        print(f"eventcoder: summary {json.dumps(run.to_dict(), ensure_ascii=False)}", file=sys.stderr)
    return 0


def _cmd_code(args: argparse.Namespace) -> int:
    from .batch.readers import check_input

    for path in args.inputs:
        if not Path(path).exists():
            print(f"eventcoder: input not found: {path}", file=sys.stderr)
            return 2
        check_input(path)
    if any(Path(p).suffix.lower() == ".conllu" for p in args.inputs) and not args.language:
        first = next(p for p in args.inputs if Path(p).suffix.lower() == ".conllu")
        raise UnknownLanguageError(f"{first}: CoNLL-U input needs --language (de or en)")
    if args.chunk_size < 1 or args.workers < 1:
        raise ValueError("--chunk-size and --workers must be at least 1")
    if args.output not in (None, "-"):
        return _stream(args)
    if args.workers > 1:
        raise ValueError("--workers needs --output FILE (streaming to a file)")
    return _code_to_stdout(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder", description="Code news text into CAMEO event records.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    code = sub.add_parser("code", help="code CoNLL-U, text, JSONL or CSV inputs into events")
    code.add_argument("inputs", nargs="+",
                      help=".conllu, .txt, .jsonl, .csv, .parquet files or folders of .txt")
    code.add_argument("--language", "-l", help="de or en (or a 'language' column/field per article)")
    code.add_argument("--date", help="publication date YYYY-MM-DD for inputs without their own")
    code.add_argument("--speaker", help="who speaks in inputs without a speaker field (an actor code "
                                        "such as UKRGOV, or a name in the actor dictionary)")
    code.add_argument("--dictionary", action="append", metavar="DIR",
                      help="a user dictionary folder (actors.tsv, agents.tsv, people.tsv, verbs.yaml) "
                           "layered over the shipped ones; repeatable")
    code.add_argument("--output", "-o", help="events.csv / .jsonl / .parquet (default: CSV on stdout)")
    code.add_argument("--schema", choices=["cameo", "plover"], default="cameo",
                      help="output records: eventcoder's CAMEO columns or PLOVER-style JSON")
    code.add_argument("--model-dir", help="stanza model directory to parse with")
    code.add_argument("--cache-dir", help="parse cache directory (default: user cache dir)")
    code.add_argument("--no-cache", action="store_true", help="parse again; do not use the cache")
    code.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    fields = code.add_argument_group("fields of JSON Lines, CSV and Parquet records")
    for name, default, what in (("text", "text", "the article text"),
                                ("date", "date", "the publication date (YYYY-MM-DD)"),
                                ("id", "id", "the article id"),
                                ("speaker", "speaker", "who speaks (an actor code or name)")):
        fields.add_argument(f"--{name}-field", default=default, metavar="NAME",
                            help=f"field (column) with {what} (default {default!r})")
    bounds = code.add_argument_group("bounds on what is parsed")
    bounds.add_argument("--max-text-chars", type=int, default=MAX_TEXT_CHARS, metavar="N",
                        help=f"quarantine (too_long) texts longer than N characters "
                             f"(default {MAX_TEXT_CHARS:,}; 0: no bound)")
    bounds.add_argument("--max-sentence-words", type=int, default=MAX_SENTENCE_WORDS, metavar="N",
                        help=f"cut sentences longer than N words into pieces before parsing "
                             f"(default {MAX_SENTENCE_WORDS}; 0: no bound; the parser's memory and "
                             f"time grow with the square of a sentence's length)")
    bounds.add_argument("--long-sentences", choices=["split", "quarantine"], default="split",
                        help="a record with such a sentence: code its pieces (default, counted as "
                             "split_sentences in the summary) or quarantine it (sentence_too_long)")
    bounds.add_argument("--sentence-splitter", choices=["stanza", "somajo"], default="stanza",
                        help="who ends sentences: stanza's tokenizer with eventcoder's repair rules "
                             "(default) or SoMaJo (fewer splits inside names; needs the optional, "
                             "GPLv3+ extra: pip install 'eventcoder[somajo]')")
    big = code.add_argument_group(
        "large corpora (with --output: streamed chunk by chunk, resumable after an interruption)")
    big.add_argument("--chunk-size", type=int, default=100, metavar="N",
                     help="records coded and committed at a time (default 100)")
    big.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                     help="processes that parse and code in parallel (default 1)")
    big.add_argument("--summary", metavar="FILE",
                     help="write the accounting (input, coded, no_event, quarantined, ...) as JSON")
    big.add_argument("--quarantine", metavar="FILE",
                     help="JSON Lines file for records that could not be coded "
                          "(default with --output: OUTPUT.quarantine.jsonl)")
    big.add_argument("--overwrite", "--no-resume", dest="no_resume", action="store_true",
                     help="replace an existing output (and quarantine file), or start over instead "
                          "of resuming an interrupted run of the same command; without it an "
                          "existing output is never replaced")
    code.set_defaults(func=_cmd_code)
    from .models.cli import add_models_subcommands
    from .validation_cli import add_validation_subcommands

    add_models_subcommands(sub)  # a broken import fails loudly: no subcommand vanishes
    add_validation_subcommands(sub)
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: what was committed stays, the workers are stopped."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    import signal
    import threading

    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args) or 0)
    except (EventcoderError, ValueError, OSError) as exc:
        print(f"eventcoder: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print("eventcoder: interrupted; run the same command again to resume", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
