"""The dictionary workbench: find what the dictionaries miss in a corpus, draft entries,
and see what they change before you keep them.

Every function takes pandas (or parsed documents) in and returns a DataFrame; none
of them changes the shipped dictionaries. The workflow, on the documents of one
language::

    import eventcoder as ec
    from eventcoder import workbench as wb

    docs = wb.parse_corpus(articles, language="en")        # once; parses are cached
    verbs = wb.uncoded_verbs(docs, language="en")           # (a) verbs no pattern codes
    actors = wb.uncoded_actors(docs, language="en")         # (b) actor-like phrases without a code
    uses = wb.verb_occurrences(docs, language="en")         # every use, for ec.show_events
    ec.show_events(uses[uses.lemma == "storm"])

    wb.write_dictionary("draft/", language="en",            # (c) entries in the shipped formats
                        verbs=wb.draft_verbs({"storm": "182"}),
                        actors=wb.draft_actors({"Eriador Free Militia": "ERIREB"}))
    diff = wb.compare_coding(docs, language="en", dictionaries="draft/")   # (d) what changes
    ec.show_events(diff)                                    # gained, lost, changed events

    wb.write_dictionary("my_dictionary/", language="en",    # keep the entries you checked
                        **wb.read_dictionary("draft/"))
    ec.code_articles(articles, dictionaries=["my_dictionary/"])

A user dictionary folder holds any of ``actors.tsv``, ``agents.tsv``, ``people.tsv``
and ``verbs.yaml`` in the shipped formats; :func:`eventcoder.load_language` layers
it over the shipped dictionaries (``dictionaries=`` in every coding function,
``--dictionary DIR`` on the command line).

The lists are heuristics for a person to read, ranked so that the most promising
come first; notebook ``04_extend_the_dictionaries`` walks through them.

Modules: :mod:`~eventcoder.workbench.corpus` (parsing, coding pass, keyword in
context), :mod:`~eventcoder.workbench.verbs`, :mod:`~eventcoder.workbench.names`,
:mod:`~eventcoder.workbench.drafts`, :mod:`~eventcoder.workbench.folders` (read and
write user dictionary folders), :mod:`~eventcoder.workbench.compare`.
"""

from __future__ import annotations

from .compare import CHANGES, DIFF_COLUMNS, compare_coding
from .corpus import AGENT_ENDINGS, kwic, parse_corpus
from .drafts import (
    ACTOR_DRAFT_COLUMNS,
    AGENT_DRAFT_COLUMNS,
    VERB_DRAFT_COLUMNS,
    draft_actors,
    draft_agents,
    draft_verbs,
)
from .folders import read_dictionary, write_dictionary
from .names import ACTOR_OCCURRENCE_COLUMNS, UNCODED_ACTOR_COLUMNS, actor_occurrences, uncoded_actors
from .verbs import UNCODED_VERB_COLUMNS, VERB_OCCURRENCE_COLUMNS, uncoded_verbs, verb_occurrences

__all__ = [
    "ACTOR_DRAFT_COLUMNS",
    "ACTOR_OCCURRENCE_COLUMNS",
    "AGENT_DRAFT_COLUMNS",
    "AGENT_ENDINGS",
    "CHANGES",
    "DIFF_COLUMNS",
    "UNCODED_ACTOR_COLUMNS",
    "UNCODED_VERB_COLUMNS",
    "VERB_DRAFT_COLUMNS",
    "VERB_OCCURRENCE_COLUMNS",
    "actor_occurrences",
    "compare_coding",
    "draft_actors",
    "draft_agents",
    "draft_verbs",
    "kwic",
    "parse_corpus",
    "read_dictionary",
    "uncoded_actors",
    "uncoded_verbs",
    "verb_occurrences",
    "write_dictionary",
]
