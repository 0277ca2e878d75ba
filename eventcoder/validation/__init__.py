"""Score coded events against a gold standard.

A gold standard is a JSONL file (one sentence per line) or a YAML file (a list
of the same mappings, or ``{"sentences": [...]}``); see ``docs/validation.md``::

    {"id": "kcna-1", "language": "en", "date": "2023-07-12",
     "text": "Russia condemned the missile test.",
     "conllu": "1\\tRussia\\t...",              # optional: lets eventcoder code it
     "events": [{"source": "RUS", "target": "PRK", "code": "111"}]}

:func:`validate` compares predicted events (a frame from the coder, an events
CSV/JSONL file, or :class:`~eventcoder.events.Event` records) with the gold
events of the same sentences and returns a :class:`ValidationReport`:
precision, recall and F1 at several levels (full code, root code, QuadClass;
actors as full codes, as country only, or ignored; with and without the
target), a per-root-code table, a root-code confusion matrix and the list of
misses and false positives per sentence. :func:`score_intervals` adds bootstrap
intervals over sentences, :func:`wilson_interval` intervals for a proportion, and
:mod:`eventcoder.validation.audit` the precision audit of a corpus's own events
(:func:`audit_sample`, :func:`write_coding_sheet`, :func:`read_coding_sheet`,
:func:`audit_precision`).
"""

from __future__ import annotations

from ..errors import GoldError
from .audit import (
    audit_precision,
    audit_sample,
    gold_verdicts,
    read_coding_sheet,
    write_coding_sheet,
)
from .gold import GoldEvent, GoldSentence, code_gold, gold_to_documents, read_gold
from .intervals import score_intervals, wilson_interval
from .report import ValidationReport
from .scoring import ACTOR_LEVELS, EVENT_LEVELS, validate

__all__ = [
    "ACTOR_LEVELS",
    "EVENT_LEVELS",
    "GoldError",
    "GoldEvent",
    "GoldSentence",
    "ValidationReport",
    "audit_precision",
    "audit_sample",
    "code_gold",
    "gold_to_documents",
    "gold_verdicts",
    "read_coding_sheet",
    "read_gold",
    "score_intervals",
    "validate",
    "wilson_interval",
    "write_coding_sheet",
]
