"""The one batch engine behind every entry point.

- :mod:`~eventcoder.batch.records`: :class:`Record`, :class:`RecordOptions` (the arguments
  every entry point shares), :class:`RunSummary` (the accounting), the quarantine format;
- :mod:`~eventcoder.batch.readers`: every input kind becomes records, one at a time;
- :mod:`~eventcoder.batch.engine`: check, parse and code a batch of records;
- :mod:`~eventcoder.batch.outputs`, :mod:`~eventcoder.batch.ledger`,
  :mod:`~eventcoder.batch.workers`: writing chunks, resuming, worker processes (used by
  :func:`eventcoder.stream.code_stream`);
- :mod:`~eventcoder.batch.paths`: the checks on output paths made before a run (no
  output is an input, none is replaced unasked, all are writable).
"""

from __future__ import annotations

from .engine import check_language, code_records
from .readers import INPUT_FORMATS, iter_records
from .records import QUARANTINE_REASONS, CodedRecords, Record, RecordOptions, RunSummary, quarantine_frame

__all__ = [
    "INPUT_FORMATS",
    "QUARANTINE_REASONS",
    "CodedRecords",
    "Record",
    "RecordOptions",
    "RunSummary",
    "check_language",
    "code_records",
    "iter_records",
    "quarantine_frame",
]
