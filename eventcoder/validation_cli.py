"""Command-line subcommands ``validate`` and ``petrarch-suite``.

``eventcoder validate GOLD [--predicted events.csv | --language de] [--report r.html]``
    scores events against a gold standard (see ``docs/validation.md``).
``eventcoder petrarch-suite SUITE.xml [--dictionaries DIR]``
    runs PETRARCH's validation suite; the last line is ``N/M records passed (P%)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_validation_subcommands"]


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validation import code_gold, read_gold, validate

    gold = read_gold(args.gold)
    if args.predicted and args.language:
        print("eventcoder: give --predicted or --language, not both", file=sys.stderr)
        return 2
    if args.predicted:
        predicted = args.predicted
    elif args.language or args.petrarch:
        if args.petrarch:
            from .petrarch import load_petrarch

            language = load_petrarch(args.petrarch, combine=args.petrarch_combine).resources
            code = "en"
        else:
            language = code = args.language
        if code == "auto":
            try:
                predicted = code_gold(gold, None)
            except ValueError as exc:
                print(f"eventcoder: {exc}", file=sys.stderr)
                return 2
        else:
            # only the records of that language are coded, so only they are scored
            scored = [s for s in gold if not s.language or s.language == code]
            if len(scored) < len(gold):
                print(f"eventcoder: scoring the {len(scored)} of {len(gold)} gold records in "
                      f"language {code!r} (--language auto codes each in its own)", file=sys.stderr)
            gold = scored
            predicted = code_gold(gold, language)
    else:
        print("eventcoder: validate needs --predicted FILE or --language LANG", file=sys.stderr)
        return 2
    report = validate(predicted, gold, modes=args.modes.split(",") if args.modes else None)
    if args.report:
        path = Path(args.report)
        html = path.suffix.lower() in (".html", ".htm")
        text = report.to_html() if html else report.to_markdown()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        row = report.score()
        print(f"eventcoder: P {row.precision:.3f} R {row.recall:.3f} F1 {row.f1:.3f} "
              f"(full code, actors, target) -> {path}", file=sys.stderr)
    else:
        sys.stdout.write(report.to_markdown() + "\n")
    return 0


def _cmd_suite(args: argparse.Namespace) -> int:
    from .petrarch_suite import main_lines

    rc, lines = main_lines(args.suite, args.dictionaries, show_failures=not args.no_failures)
    stream = sys.stdout if rc == 0 else sys.stderr
    for line in lines:
        print(line, file=stream)
    return rc


def add_validation_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``validate`` and ``petrarch-suite`` on the ``eventcoder`` parser."""
    val = subparsers.add_parser(
        "validate", help="score coded events against a gold standard (JSONL/YAML)",
        description="Precision, recall and F1 at several levels, per root code, a confusion "
                    "matrix and the misses/false positives per sentence.")
    val.add_argument("gold", help="gold standard .jsonl or .yaml (see docs/validation.md)")
    val.add_argument("--predicted", "-p", help="events .csv/.jsonl/.parquet to score")
    val.add_argument("--language", "-l",
                     help="code the gold records' CoNLL-U with eventcoder in this language "
                          "(only those records are scored), or 'auto': each in its own")
    val.add_argument("--petrarch", metavar="DIR",
                     help="code the gold CoNLL-U with PETRARCH dictionaries from DIR (English)")
    val.add_argument("--petrarch-combine", choices=["replace", "beside"], default="replace",
                     help="PETRARCH dictionaries instead of or beside eventcoder's own")
    val.add_argument("--modes", help="score only predicted events with these modes, "
                                     "comma-separated (e.g. asserted)")
    val.add_argument("--report", "-o", help="write the report to .md or .html (default: "
                                            "Markdown on stdout)")
    val.set_defaults(func=_cmd_validate)

    suite = subparsers.add_parser(
        "petrarch-suite", help="run PETRARCH's validation suite (UD parses) through eventcoder")
    suite.add_argument("suite", help="PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")
    suite.add_argument("--dictionaries", "-d", metavar="DIR",
                       help="PETRARCH dictionary folder (default: the suite's own toy "
                            "dictionaries next to it); prints load time and memory")
    suite.add_argument("--no-failures", action="store_true",
                       help="do not list the failed records")
    suite.set_defaults(func=_cmd_suite)
