"""Read PETRARCH / Phoenix dictionaries into eventcoder resources (English).

PETRARCH (Open Event Data Alliance) keeps its dictionaries in plain-text
formats; :func:`load_petrarch` reads them from a path the user gives and builds
a :class:`~eventcoder.dictionaries.LanguageResources` that the ordinary coder
(:func:`eventcoder.coding.code_document`) uses, either in place of eventcoder's
own English dictionaries (``combine="replace"``) or beside them (``"beside"``).

What is read, and how it maps:

actors (``NAME_WITH_UNDERSCORES [CODE]``)
    ``+SYNONYM`` lines, code blocks on the following (indented) lines, date
    restrictions ``[USAELI <20010120]``, ``[USAGOV >20010120]``,
    ``[HOBGOV 20121109-20130119]`` (6-digit dates: ``yy <= 30`` is 20yy).
    The first restriction that covers a date wins, as in PETRARCH. A code
    naming several actors (``[FRO/BIL/SAM]``) is kept as written.
agents (``NOUN {PLURALS} [~ROLE]``)
    ``!MACRO! = A, B`` substitutions, explicit or regular plurals. Roles keep
    PETRARCH's notation, which :func:`eventcoder.actors.compose_code` follows:
    ``~GOV`` is appended to the owner's code, ``NGO~`` put in front of it.
    Multi-word agents ("main opposition group") are matched as phrases.
verbs (PETRARCH-2 ``--- VERB [code] ---`` synonym blocks)
    block verbs with their own codes (a verb line for an irregular form, such
    as ``LEFT`` beside ``LEAVE``, wins for that form), ``+PHRASAL_VERB``
    entries, ``&SYNSET`` word sets (members and nested sets), paired codes
    ``[040:040]`` (the event and the one back, target to source), and patterns
    (see :meth:`_VerbReader.pattern`) -> :class:`~eventcoder.dictionaries.VerbPattern`:
    ``WORD``/``{multi word phrase}``/``&SYNSET`` after ``*`` -> ``nouns``
    (phrases kept whole, one per synset member); ``(PREP ...)`` ->
    ``particle``; ``(PREP +)`` and ``+`` -> ``target_preps``; ``$`` ->
    ``source_preps`` (the subject becomes a target); ``^`` -> ``skip_preps``;
    ``%`` -> ``compound``; words before ``*`` -> ``subject_nouns``.
ontology (``PETR.Internal.Coding.Ontology.txt``)
    the negated codes (:func:`read_ontology`, :meth:`PetrarchDictionaries.negate`).

Everything that cannot be translated is counted by feature kind in
:class:`ImportReport` (null-code veto patterns, a second word or prepositional
phrase in one pattern, prepositional phrases before the verb, ...), never
silently dropped; patterns that would become looser than written are skipped,
not loosened. Codes that are not CAMEO (the toy suite uses "903", "174L") are
skipped unless ``keep_unknown_codes=True``; then events carry them as written,
with QuadClass 0 and a NaN Goldstein weight (:func:`eventcoder.cameo.describe_code`).

Modules: ``common`` (the import report, reading lines and phrases), ``actors``
(actor and agent files), ``verbs`` (verb dictionaries and their patterns),
``loading`` (finding and loading a set of files, discards, the ontology,
:class:`PetrarchDictionaries`). PETRARCH's own validation suite is run by
:mod:`eventcoder.petrarch_suite`.
"""

from .actors import read_actors, read_agents
from .common import NULL_CODES as NULL_CODES
from .common import PARTICLES as PARTICLES
from .common import TARGET_PREPS as TARGET_PREPS
from .common import ImportReport
from .loading import (
    PetrarchDictionaries,
    find_dictionary_files,
    load_petrarch,
    read_discards,
    read_ontology,
)
from .verbs import read_verbs

__all__ = [
    "ImportReport",
    "PetrarchDictionaries",
    "find_dictionary_files",
    "load_petrarch",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_ontology",
    "read_verbs",
]
