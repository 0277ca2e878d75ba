"""Loading a set of PETRARCH dictionaries: finding the files, reading them into
resources (:func:`load_petrarch`), discard phrases, the coding ontology's
negated codes, and the result, :class:`PetrarchDictionaries`."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventcoder.cameo import describe_code
from eventcoder.dictionaries import (
    DictionaryError,
    LanguageResources,
    load_language,
    load_rules,
    normalize,
)
from eventcoder.events import Event
from eventcoder.plover import plover_event
from eventcoder.resources_path import resource_dir

from .actors import read_actors, read_agents
from .common import TARGET_PREPS, ImportReport, _lines
from .verbs import read_verbs

__all__ = ["PetrarchDictionaries", "find_dictionary_files", "load_petrarch", "read_discards",
           "read_ontology"]


@dataclass
class PetrarchDictionaries:
    """The imported resources, the import report, the discard phrases, and the
    negated codes of PETRARCH's coding ontology (``code -> code when negated``,
    from ``PETR.Internal.Coding.Ontology.txt`` where one was found)."""

    resources: LanguageResources
    report: ImportReport
    discards: list[tuple[str, ...]] = field(default_factory=list)
    negations: dict[str, str] = field(default_factory=dict)

    def negate(self, events: Iterable[Event]) -> list[Event]:
        """Recode negated events as PETRARCH does, through its coding ontology.

        PETRARCH-2 codes "did not clash" (110, Disapprove) as 050 (Diplomatic
        cooperation): in its ontology (PICO) some codes are "0xFFFF + another
        code", and negation subtracts 0xFFFF. Negated events whose code has no
        negation there keep their code (and their mode ``"negated"``).
        """
        out = []
        for e in events:
            code = self.negations.get(e.event_code) if e.mode == "negated" else None
            if code:
                c = describe_code(code)
                e = replace(e, event_code=c.code, event_name=c.name, root_code=c.root_code,
                            quad_class=c.quad_class, goldstein=c.goldstein,
                            plover_event=plover_event(c.code))
            out.append(e)
        return out

    def discarded(self, words: Sequence[str]) -> bool:
        """Whether a sentence (its words) contains a discard phrase."""
        keys = [normalize(w) for w in words]
        for phrase in self.discards:
            n = len(phrase)
            for i in range(len(keys) - n + 1):
                if tuple(keys[i:i + n]) == phrase:
                    return True
        return False



# --------------------------------------------------------------------------- discards
def read_discards(path: str | Path, report: ImportReport | None = None) -> list[tuple[str, ...]]:
    """Phrases of a PETRARCH discards file (``+`` story-level ones included)."""
    path = Path(path)
    report = report if report is not None else ImportReport()
    report.files.append(str(path))
    out = []
    for _lineno, line in _lines(path):
        phrase = line.strip().lstrip("+").strip()
        words = tuple(normalize(phrase.replace("_", " ")).split())
        if words:
            out.append(words)
    report.counts["discard phrases"] += len(out)
    return out


# --------------------------------------------------------------------------- ontology
_HEX_TERM = re.compile(r"([+-]?)\s*(0x[0-9a-fA-F]+|\d+)")
_FULL = 0xFFFF


def read_ontology(path: str | Path, report: ImportReport | None = None) -> dict[str, str]:
    """Negated codes from PETRARCH's internal coding ontology (PICO).

    Each line ``CODE:VALUE#comment`` gives a code's PICO value (``0x1007f``,
    ``-0xFFFF+0x0070``); negating an event subtracts 0xFFFF from its value, and
    the code with the resulting value (the first in the file) is its negation.
    Returns ``{code: negated code}`` for the codes that have one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "PICO.txt"
    >>> _ = f.write_text("050:0x0080#DiplomaticCoop\\n110:0x1007f#0xFFFF+0x0080#Disapprove\\n")
    >>> read_ontology(f)
    {'110': '050'}
    """
    path = Path(path)
    report = report if report is not None else ImportReport()
    report.files.append(str(path))
    values: dict[str, int] = {}
    for lineno, line in _lines(path):
        code, sep, rest = line.strip().partition(":")
        expr = rest.split("#", 1)[0].strip()
        if not sep or not code.isalnum() or not expr:
            report.note("ontology line not understood", f"{path.name}:{lineno}", line)
            continue
        terms = _HEX_TERM.findall(expr.replace(" ", ""))
        if not terms or "".join(sign + num for sign, num in terms) != expr.replace(" ", ""):
            report.note("ontology line not understood", f"{path.name}:{lineno}", line)
            continue
        values[code] = sum((-1 if sign == "-" else 1) * int(num, 0) for sign, num in terms)
    by_value: dict[int, str] = {}
    for code, value in values.items():
        by_value.setdefault(value, code)
    out = {code: by_value[value - _FULL] for code, value in values.items()
           if value - _FULL in by_value}
    report.counts["negated codes"] += len(out)
    return out


# --------------------------------------------------------------------------- loading
def find_dictionary_files(folder: str | Path) -> dict[str, list[Path]]:
    """Guess the actor, agent, verb, discard and ontology files of a PETRARCH folder.

    Verbs: files named ``*verbs*`` or ``CAMEO*``; where one is a PETRARCH-2
    (``2.0``) file, only those are used (the older pattern files have another
    syntax).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such dictionary folder: {folder}")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")
    low = {p: p.name.lower() for p in files}
    verbs = [p for p in files if "verb" in low[p] or low[p].startswith("cameo")]
    if any("2.0" in low[p] for p in verbs):
        verbs = [p for p in verbs if "2.0" in low[p]]
    return {
        "actors": [p for p in files if "actor" in low[p]],
        "agents": [p for p in files if "agent" in low[p]],
        "verbs": verbs,
        "discards": [p for p in files if "discard" in low[p]],
        "ontology": [p for p in files if "ontology" in low[p]],
    }


def _base_resources(combine: str) -> LanguageResources:
    if combine == "replace":
        rules = load_rules(resource_dir("en", "lang.yaml"))
        return LanguageResources(rules=rules)
    if combine == "beside":
        return load_language("en").copy()  # a new object: the shared one stays as it is
    raise ValueError(f"combine must be 'replace' or 'beside', got {combine!r}")


def load_petrarch(folder: str | Path | None = None, *, actors: Sequence[str | Path] = (),
                  agents: Sequence[str | Path] = (), verbs: Sequence[str | Path] = (),
                  discards: Sequence[str | Path] = (), ontology: Sequence[str | Path] = (),
                  combine: str = "replace", keep_unknown_codes: bool = False,
                  target_preps: Sequence[str] = TARGET_PREPS) -> PetrarchDictionaries:
    """Build English resources from PETRARCH/Phoenix dictionary files.

    Parameters
    ----------
    folder : path, optional
        A folder of PETRARCH files (see :func:`find_dictionary_files`); the
        explicit ``actors``/``agents``/``verbs``/``discards``/``ontology``
        lists add to it (``ontology``: PETRARCH's coding ontology, for the
        codes of negated events, :meth:`PetrarchDictionaries.negate`).
    combine : {"replace", "beside"}
        ``"replace"``: only the PETRARCH entries (with eventcoder's English
        grammar rules); ``"beside"``: added to eventcoder's own English
        dictionaries (eventcoder's entries win ties).
    keep_unknown_codes : bool
        Keep patterns whose codes are not CAMEO; their events carry the code as
        written (QuadClass 0, NaN Goldstein). By default they are skipped and
        counted in the report.
    target_preps : sequence of str
        Prepositions whose objects are targets where a pattern names none
        (:data:`TARGET_PREPS`; ``()`` for objects only).

    Returns
    -------
    PetrarchDictionaries
        ``.resources`` for :func:`eventcoder.coding.code_document`, ``.report``
        with counts and the unsupported features.

    Raises
    ------
    FileNotFoundError
        A named file or folder does not exist.
    DictionaryError
        No file of any kind was given or found.
    """
    t0 = time.perf_counter()
    found: dict[str, list[Path]] = {"actors": [], "agents": [], "verbs": [], "discards": [],
                                    "ontology": []}
    if folder is not None:
        found = find_dictionary_files(folder)
    for kind, extra in (("actors", actors), ("agents", agents), ("verbs", verbs),
                        ("discards", discards), ("ontology", ontology)):
        for p in extra:
            p = Path(p)
            if not p.is_file():
                raise FileNotFoundError(f"no such {kind} file: {p}")
            found[kind].append(p)
    if not any(found.values()):
        raise DictionaryError(f"no PETRARCH dictionary files found in {folder}")
    res = _base_resources(combine)
    report = ImportReport()
    for p in found["actors"]:
        read_actors(p, res, report)
    for p in found["agents"]:
        read_agents(p, res, report)
    for p in found["verbs"]:
        read_verbs(p, res, report, keep_unknown_codes=keep_unknown_codes,
                   target_preps=target_preps)
    out_discards: list[tuple[str, ...]] = []
    for p in found["discards"]:
        out_discards += read_discards(p, report)
    negations: dict[str, str] = {}
    for p in found["ontology"]:
        negations.update(read_ontology(p, report))
    report.seconds = time.perf_counter() - t0
    return PetrarchDictionaries(res, report, out_discards, negations)
