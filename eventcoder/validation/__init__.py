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
misses and false positives per sentence.
"""

from __future__ import annotations

from ..errors import GoldError
from .gold import GoldEvent, GoldSentence, code_gold, gold_to_documents, read_gold
from .report import ValidationReport
from .scoring import ACTOR_LEVELS, EVENT_LEVELS, validate

__all__ = [
    "ACTOR_LEVELS",
    "EVENT_LEVELS",
    "GoldError",
    "GoldEvent",
    "GoldSentence",
    "ValidationReport",
    "code_gold",
    "gold_to_documents",
    "read_gold",
    "validate",
]
