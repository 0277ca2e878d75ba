"""Read PETRARCH / Phoenix dictionaries into eventcoder resources (English).

PETRARCH (Open Event Data Alliance) keeps its dictionaries in plain-text
formats; :func:`load_petrarch` reads them from a path the user gives and builds
a :class:`~eventcoder.dictionaries.LanguageResources` that the ordinary coder
(:func:`eventcoder.coding.code_document`) uses, either in place of eventcoder's
own English dictionaries (``mode="replace"``) or beside them (``"beside"``).

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
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .cameo import describe_code, load_cameo
from .dictionaries import (
    ActorEntry,
    DictionaryError,
    LanguageResources,
    VerbPattern,
    load_language,
    load_rules,
    normalize,
)
from .events import Event
from .plover import plover_event
from .resources_path import resource_dir

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

PARTICLES = frozenset("""about across after against along around at away back by down for from in
into of off on onto out over through to toward towards under up upon with""".split())
NULL_CODES = {"---", "+++", "###", "xxx", "xxy"}
#: Prepositions whose objects PETRARCH-style coding takes as the target when the
#: verb has no actor as its object ("restore ties with Gondor", "fired on Mordor").
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "for",
                "from", "over")


@dataclass
class ImportReport:
    """What a PETRARCH import read, and which features it could not translate.

    ``counts``: entries imported per kind ("actor phrases", "agents", "verbs",
    "patterns"). ``unsupported``: feature kind -> how often it occurred;
    ``examples``: up to three ``file:line: text`` per kind.
    """

    files: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    unsupported: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def note(self, kind: str, where: str, text: str) -> None:
        self.unsupported[kind] += 1
        ex = self.examples.setdefault(kind, [])
        if len(ex) < 3:
            ex.append(f"{where}: {text.strip()[:90]}")

    def to_frame(self) -> pd.DataFrame:
        """One row per unsupported feature kind: ``feature``, ``count``, ``example``."""
        rows = [{"feature": k, "count": n, "example": (self.examples.get(k) or [""])[0]}
                for k, n in self.unsupported.most_common()]
        return pd.DataFrame(rows, columns=["feature", "count", "example"])

    def lines(self) -> list[str]:
        """A readable summary, one line per count and per unsupported feature."""
        out = [f"read {len(self.files)} file(s) in {self.seconds:.1f} s: "
               + ", ".join(f"{n} {k}" for k, n in sorted(self.counts.items()))]
        if self.unsupported:
            out.append("not translated (counted, by feature):")
            for kind, n in self.unsupported.most_common():
                out.append(f"  {n:6d}  {kind}   e.g. {(self.examples.get(kind) or [''])[0]}")
        return out


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


# --------------------------------------------------------------------------- helpers
def _lines(path: Path) -> Iterable[tuple[int, str]]:
    """(line number, line without comment) for the non-empty lines of a file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    in_xml_comment = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml_comment:
            if "-->" in line:
                in_xml_comment = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!") or stripped.startswith("<"):
            if "-->" not in stripped and stripped.startswith("<!--"):
                in_xml_comment = True
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield lineno, line


def _words(phrase: str) -> str:
    """PETRARCH phrase -> eventcoder phrase: underscores are spaces, lower case."""
    return " ".join(normalize(phrase.replace("_", " ")).split())


def _date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = (f"20{text[:2]}" if yy <= 30 else f"19{text[:2]}") + text[2:]
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_ONE_DAY = dt.timedelta(days=1)


def _actor_kind(code: str, dated: bool) -> str:
    if code.startswith(("IGO", "NGO", "IMG")):
        return "igo"
    if dated:
        return "person"
    if len(code) == 3:
        return "country"
    return "group"


# --------------------------------------------------------------------------- actors
def read_actors(path: str | Path, res: LanguageResources,
                report: ImportReport | None = None) -> int:
    """Add the entries of a PETRARCH actor file to ``res``; return the phrases added."""
    path = Path(path)
    report = report if report is not None else ImportReport()
    report.files.append(str(path))
    count = 0
    names: list[str] = []
    blocks: list[tuple[str, str]] = []  # (code block text, where)
    start_line = 0

    def flush() -> None:
        nonlocal count
        if not names:
            return
        where0 = f"{path.name}:{start_line}"
        entries: list[ActorEntry] = []
        for block, where in blocks:
            entry = _actor_entry(block, where, report, path.name)
            if entry is not None:
                entries.append(entry)
        if not entries:
            if not blocks:
                report.note("actor without a code", where0, names[0])
            return
        undated = [e for e in entries if not (e.start or e.end)]
        dated = [e for e in entries if e.start or e.end]
        if dated:
            undated = [replace(e, kind="person") if len(e.code) <= 6 else e for e in undated]
        ordered = undated + dated[::-1]  # eventcoder takes the last valid dated row
        for name in names:
            phrase = _words(name)
            if not phrase:
                continue
            for entry in ordered:
                res.add_actor(phrase, entry)
            count += 1
        report.counts["actor phrases"] += len(names)
        report.counts["actor entries"] += 1

    for lineno, line in _lines(path):
        stripped = line.strip()
        where = f"{path.name}:{lineno}"
        if stripped.startswith("["):
            blocks.extend((b, where) for b in _CODE_BLOCK.findall(stripped))
            continue
        if stripped.startswith("+"):
            name = _CODE_BLOCK.split(stripped[1:])[0].strip()
            names.append(name)
            blocks.extend((b, where) for b in _CODE_BLOCK.findall(stripped))
            continue
        if stripped.startswith("="):
            report.note("actor line syntax not understood", where, stripped)
            continue
        flush()
        names, blocks, start_line = [], [], lineno
        name = stripped.split("[", 1)[0].strip()
        if "\t" in name:  # "OSMAN_OLCAY\t_TURKEY_": keep the name before the tab
            name = name.split("\t")[0]
        names.append(name)
        blocks.extend((b, where) for b in _CODE_BLOCK.findall(stripped))
    flush()
    return count


def _actor_entry(block: str, where: str, report: ImportReport, source: str) -> ActorEntry | None:
    parts = block.split()
    if not parts:
        report.note("empty actor code", where, f"[{block}]")
        return None
    code, rest = parts[0], " ".join(parts[1:])
    if "/" in code:
        # "[FRO/BIL/SAM]": an actor that stands for several; PETRARCH writes the code as is.
        report.counts["actor codes naming several actors (kept as written)"] += 1
    if code in NULL_CODES or not code.strip("-+#"):
        report.note("null actor code (---, +++)", where, f"[{block}]")
        return None
    if code != code.upper():
        report.note("lower-case actor code (upper-cased)", where, f"[{block}]")
        code = code.upper()
    if not code.replace("/", "").isalnum():
        report.note("actor code with other characters", where, f"[{block}]")
        return None
    start = end = None
    if rest:
        try:
            if rest.startswith("<"):
                end = _date(rest[1:])
            elif rest.startswith(">"):
                start = _date(rest[1:]) + _ONE_DAY
            elif "-" in rest:
                a, b = rest.split("-", 1)
                start, end = _date(a), _date(b) + _ONE_DAY
            else:
                raise ValueError(rest)
        except ValueError:
            report.note("date restriction not understood", where, f"[{block}]")
            return None
        if start and end and end <= start:
            report.note("date range ends before it starts", where, f"[{block}]")
            return None
    return ActorEntry(code, _actor_kind(code, bool(start or end)), start, end, where)


# --------------------------------------------------------------------------- agents
_MACRO = re.compile(r"!([A-Za-z0-9_]+)!")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def read_agents(path: str | Path, res: LanguageResources,
                report: ImportReport | None = None) -> int:
    """Add the entries of a PETRARCH agents file to ``res.agents``; return the phrases added.

    Roles keep PETRARCH's notation, which says how they compose (see
    :func:`eventcoder.actors.compose_code`): ``~GOV`` is appended to the
    owner's full code ("GONGMO" + "~OPP" -> "GONGMOOPP"), ``NGO~`` ("MSF
    [NGO~]") goes in front of it. Multi-word agents ("main opposition group")
    stay phrases, matched as such in a noun phrase.
    """
    path = Path(path)
    report = report if report is not None else ImportReport()
    report.files.append(str(path))
    macros: dict[str, list[str]] = {}
    entries: dict[str, str] = {}
    for lineno, line in _lines(path):
        where = f"{path.name}:{lineno}"
        stripped = line.strip()
        m = re.match(r"^!([A-Za-z0-9_]+)!\s*=\s*(.+)$", stripped)
        if m:
            macros[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_BLOCK.findall(stripped)
        if not codes:
            report.note("agent without a code", where, stripped)
            continue
        code = codes[0].replace(" ", "")
        head = stripped.split("[", 1)[0]
        plurals: list[str] | None = None
        if "{" in head:
            head, _, brace = head.partition("{")
            plurals = brace.split("}", 1)[0].split()
        if code.endswith("~") and not code.startswith("~") and len(code) >= 4:
            role = code.upper()  # "NGO~": a prefix
            report.counts["agents put before the owner (XXX~)"] += 1
        elif code.startswith("~") and len(code) >= 4:
            role = code.upper()  # "~GOV": appended to the owner's full code
        else:
            report.note("agent code without ~ role", where, stripped)
            continue
        phrases = [head.strip()]
        while any(_MACRO.search(p) for p in phrases):
            expanded = []
            for p in phrases:
                mm = _MACRO.search(p)
                if mm is None:
                    expanded.append(p)
                    continue
                alts = macros.get(mm.group(1).upper())
                if alts is None:
                    report.note("undefined !MACRO! in agent", where, stripped)
                    alts = []
                expanded += [p[:mm.start()] + a + p[mm.end():] for a in alts]
            phrases = expanded
        forms: list[str] = []
        for p in phrases:
            w = _words(p)
            if not w:
                continue
            forms.append(w)
            if plurals is None:
                last = w.split()[-1]
                forms.append(" ".join(w.split()[:-1] + [_plural(last)]))
        forms += [_words(p) for p in plurals or []]
        for form in dict.fromkeys(forms):
            entries.setdefault(form, role)
    for form, role in entries.items():
        res.add_agent(form, role)
    multi = sum(" " in form for form in entries)
    report.counts["agent words"] += len(entries) - multi
    report.counts["agent phrases (several words)"] += multi
    return len(entries)


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


# --------------------------------------------------------------------------- verbs
_PATTERN_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
_MARKERS = ("$", "+", "^", "%")


def _code(raw: str, where: str, text: str, report: ImportReport) -> tuple[str, str] | None:
    """``[code]`` or ``[code:paired code]`` -> (code, paired code); None for null codes.

    The paired code is the event from the target back to the source ("LEFT
    [040:040]": a visit and the receiving of the visit).
    """
    code, _, paired = raw.strip().partition(":")
    code, paired = code.strip(), paired.strip()
    if code in NULL_CODES or not code or code.strip("-+x") == "":
        if paired and paired not in NULL_CODES:
            report.note("paired code without a main code ([:code])", where, text)
        return None
    if paired in NULL_CODES or paired.strip("-+x") == "":
        paired = ""
    return code, paired


@dataclass
class _Slots:
    """What one pattern line says, translated to :class:`VerbPattern` fields."""

    nouns: list[str] = field(default_factory=list)
    subject_nouns: list[str] = field(default_factory=list)
    particle: str = ""
    target_preps: list[str] = field(default_factory=list)
    source_preps: list[str] = field(default_factory=list)
    skip_preps: list[str] = field(default_factory=list)
    any_target: bool = False
    subject_target: bool = False
    compound: bool = False


class _VerbReader:
    def __init__(self, path: Path, res: LanguageResources, report: ImportReport,
                 keep_unknown: bool, target_preps: tuple[str, ...] = TARGET_PREPS) -> None:
        self.path, self.res, self.report = path, res, report
        self.target_preps = tuple(target_preps)
        self.keep_unknown = keep_unknown
        self.cameo = load_cameo()
        self.synsets: dict[str, list[str]] = {}
        self.count = 0

    # -- codes ---------------------------------------------------------
    def _known(self, code: str, where: str, text: str) -> bool:
        """Whether to keep a code: CAMEO codes always, others with ``keep_unknown``."""
        if code in self.cameo:
            return True
        if not self.keep_unknown:
            self.report.note("code not in CAMEO (skipped)", where, text)
            return False
        self.report.counts["patterns with a code not in CAMEO (kept)"] += 1
        return True

    # -- synsets -------------------------------------------------------
    def synset(self, name: str, where: str, text: str) -> list[str]:
        words = self.synsets.get(name.upper().rstrip("_"))
        if words is None:
            self.report.note("undefined &SYNSET", where, text)
            return []
        return words

    def read(self) -> int:
        current: str | None = None
        block_code: tuple[str, str] | None = None
        verbs: list[tuple[str, str, tuple[str, ...]]] = []
        lines = list(_lines(self.path))
        for lineno, line in lines:
            stripped = line.strip()
            where = f"{self.path.name}:{lineno}"
            if stripped.startswith("&"):
                current = stripped.split()[0][1:].upper().rstrip("_")
                self.synsets.setdefault(current, [])
                continue
            if stripped.startswith("---"):
                current = None
                m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]", stripped)
                if not m:
                    self.report.note("verb block header not understood", where, stripped)
                    block_code, verbs = None, []
                    continue
                block_code = _code(m.group(2), where, stripped, self.report)
                verbs = []
                continue
            if current is not None and stripped.startswith("+"):
                member = stripped[1:].strip()
                if member.startswith("&"):
                    self.synsets[current] += self.synsets.get(member[1:].upper().rstrip("_"), [])
                elif member.startswith("("):
                    self.report.note("synset member with a preposition", where, stripped)
                else:
                    self.synsets[current].append(member)
                continue
            current = None
            if stripped.startswith("-") or stripped.startswith("*"):
                self.pattern(stripped.lstrip("-").strip(), verbs, where, stripped)
                continue
            self.verb(stripped, verbs, block_code, where)
        self.report.counts["verb patterns"] += self.count
        return self.count

    def _add(self, lemma: str, particle: str, code: tuple[str, str], where: str, text: str,
             **fields) -> None:
        main, paired = code
        if not self._known(main, where, text) or (paired and not self._known(paired, where, text)):
            return
        self.res.add_verb(VerbPattern(code=main, reverse_code=paired,
                                      lemma=(lemma + " " + particle).strip(), particle=particle,
                                      id=f"petrarch:{where}", **fields))
        self.count += 1

    # -- verb lines ------------------------------------------------------
    def verb(self, text: str, verbs: list, block_code: tuple[str, str] | None, where: str) -> None:
        own = _CODE_BLOCK.findall(text)
        head = text.split("[", 1)[0].split("{", 1)[0].strip()
        if not head:
            return
        code = block_code
        if own:
            code = _code(own[0], where, text, self.report)
        phrase = head.lstrip("+")
        words = [w for w in normalize(phrase).split("_") if w]
        if "+" in phrase:  # KLM_NOP_+RST: the verb is the word after '+'
            idx = [i for i, w in enumerate(phrase.split("_")) if w.startswith("+")]
            words = [w.lstrip("+").lower() for w in phrase.split("_") if w]
            if idx and idx[0] > 0:
                self.report.note("words before the verb in a multi-word verb", where, text)
                return
        if not words:
            return
        lemma, rest = words[0], words[1:]
        particle, nouns = "", ()
        if rest:
            if rest[0] in PARTICLES:
                particle = rest[0]
            else:
                nouns = (rest[0],)
            if len(rest) > 1:
                self.report.note("multi-word verb: words after the second ignored", where, text)
        verbs.append((lemma, particle, nouns))
        self.report.counts["verbs"] += 1
        if code is None:
            return
        self._add(lemma, particle, code, where, text, nouns=nouns,
                  target_preps=self.target_preps)

    # -- patterns --------------------------------------------------------
    def pattern(self, text: str, verbs: list, where: str, full: str) -> None:
        """Translate ``- [words] * [words] [code]`` into verb patterns.

        Before ``*``: ``%`` (the subject is a compound whose members act on each
        other), ``+`` (the subject is the target; needs a ``$`` after the verb),
        ``$``/``^`` (the subject is the source, as always), and words or
        ``{phrases}`` that the subject must be headed by. After ``*``: the first
        word, ``{phrase}`` or ``&SYNSET`` constrains the object; ``(PREP ...)``
        requires a prepositional phrase (with its words); ``(PREP +)`` and a
        bare ``+`` give the target, ``(PREP $)``, ``(PREP) $`` and a bare ``$``
        the source, ``(PREP ^)``/``(PREP) ^`` a phrase that is not the target.
        """
        codes = _CODE_BLOCK.findall(text)
        if not codes:
            self.report.note("pattern without a code", where, full)
            return
        body = text.split("[", 1)[0].strip()
        code = _code(codes[-1], where, full, self.report)
        if code is None:
            self.report.note("null-code pattern (vetoes coding; not supported)", where, full)
            return
        tokens = _PATTERN_TOKEN.findall(body)
        if "*" not in tokens:
            self.report.note("pattern without '*'", where, full)
            return
        star = tokens.index("*")
        slots = _Slots()
        if not self._before(tokens[:star], slots, where, full):
            return
        if not self._after(tokens[star + 1:], slots, where, full):
            return
        if slots.subject_target and not slots.source_preps:
            self.report.note("'+' before the verb without a '$' source", where, full)
            return
        target_preps = list(slots.target_preps)
        if slots.any_target or slots.skip_preps and not target_preps:
            target_preps = [p for p in sorted(PARTICLES) if p not in slots.skip_preps]
        elif not target_preps:
            target_preps = [p for p in self.target_preps if p not in slots.skip_preps]
        groups = _by_length(slots.nouns)
        for lemma, vparticle, vnouns in verbs:
            if vparticle and slots.particle and vparticle != slots.particle:
                self.report.note("pattern preposition differs from phrasal verb's", where, full)
                continue
            for nouns in groups or [list(vnouns)]:
                self._add(lemma, slots.particle or vparticle, code, where, full,
                          nouns=tuple(nouns), target_preps=tuple(target_preps),
                          source_preps=tuple(slots.source_preps), compound=slots.compound,
                          subject_nouns=tuple(slots.subject_nouns),
                          skip_preps=tuple(slots.skip_preps))

    def _before(self, tokens: list[str], slots: _Slots, where: str, full: str) -> bool:
        for tok in tokens:
            if tok == "%":
                slots.compound = True
            elif tok == "+":
                slots.subject_target = True
            elif tok in ("$", "^"):
                continue
            elif tok.startswith("("):
                self.report.note("prepositional phrase before the verb", where, full)
                return False
            else:
                words = self._phrase_words(tok, where, full)
                if slots.subject_nouns:
                    self.report.note("second word before the verb ignored", where, full)
                else:
                    slots.subject_nouns = words
                    self.report.counts["patterns with a subject noun"] += 1
        return True

    def _after(self, tokens: list[str], slots: _Slots, where: str, full: str) -> bool:
        last_prep = ""
        for i, tok in enumerate(tokens):
            after_pp = bool(last_prep) and tokens[i - 1].startswith("(")
            if tok == "%":
                slots.compound = True
            elif tok == "+":
                slots.any_target = True
            elif tok == "$":
                slots.source_preps.append(last_prep if after_pp else "*")
                slots.subject_target = True
            elif tok == "^":
                if after_pp:
                    slots.skip_preps.append(last_prep)  # "(AT) ^": there, but not the target
            elif tok.startswith("("):
                inner = tok[1:-1].split()
                if not inner:
                    continue
                prep, obj = normalize(inner[0]), inner[1:]
                last_prep = prep
                marker = ""
                markers = {o for o in obj if o in _MARKERS}
                if markers:
                    if len(markers) > 1 or obj[-1] not in _MARKERS:
                        self.report.note("several markers in one prepositional phrase", where,
                                         full)
                        return False
                    marker = markers.pop()
                    obj = [o for o in obj if o not in _MARKERS]
                if marker == "+":
                    slots.target_preps.append(prep)
                elif marker == "$":
                    slots.source_preps.append(prep)
                    slots.subject_target = True
                if marker in ("+", "$") and not obj:
                    continue
                if marker == "^":
                    slots.skip_preps.append(prep)
                if obj and slots.nouns and not marker:
                    # "MEMOS (ON &TIETYPES)": the phrase "memos on economic ..." as written
                    pp = self._phrase_words(" ".join(obj), where, full)
                    slots.nouns = [f"{n} {prep} {w}" for n in slots.nouns for w in pp]
                    self.report.counts["patterns with a noun's prepositional phrase"] += 1
                    continue
                if slots.particle:
                    # Only one prepositional phrase can be required; a looser pattern
                    # would code sentences the dictionary's author did not mean.
                    self.report.note("second prepositional phrase (pattern skipped)", where, full)
                    return False
                slots.particle = prep
                if obj:
                    if slots.nouns:
                        self.report.note("second word constraint (pattern skipped)", where, full)
                        return False
                    slots.nouns = self._phrase_words(" ".join(obj), where, full)
            else:
                last_prep = ""
                if slots.nouns:
                    self.report.note("second word constraint (pattern skipped)", where, full)
                    return False
                slots.nouns = self._phrase_words(tok, where, full)
        return True

    def _phrase_words(self, tok: str, where: str, full: str) -> list[str]:
        """The phrases a pattern word, ``&SYNSET`` or ``{multi word phrase}`` stands for.

        Synsets inside a phrase expand to one phrase per member ("{NEW &TIETYPES
        RELATIONS}" -> "new military relations", "new economic relations", ...).
        """
        parts = tok[1:-1].split() if tok.startswith("{") else [tok]
        phrases: list[list[str]] = [[]]
        for part in parts:
            if part.startswith("&"):
                members = [_words(m) for m in self.synset(part[1:], where, full)]
                members = [m for m in members if m]
                if not members:
                    return []
                phrases = [p + m.split() for p in phrases for m in members]
            else:
                word = _words(part)
                if word:
                    phrases = [p + word.split() for p in phrases]
        return list(dict.fromkeys(" ".join(p) for p in phrases if p))


def _by_length(nouns: list[str]) -> list[list[str]]:
    """Nouns grouped by their number of words, longest first (the longer phrase wins)."""
    groups: dict[int, list[str]] = {}
    for noun in nouns:
        groups.setdefault(len(noun.split()), []).append(noun)
    return [groups[n] for n in sorted(groups, reverse=True)]


def _phrase_length(pattern: VerbPattern) -> int:
    return max((len(n.split()) for n in pattern.nouns + pattern.subject_nouns), default=0)


def _order_patterns(res: LanguageResources) -> None:
    """Most specific first, and among equals the pattern with the longer phrase."""
    for bucket in res.verbs.values():
        bucket.sort(key=lambda p: (-p.specificity, -_phrase_length(p)))


def read_verbs(path: str | Path, res: LanguageResources, report: ImportReport | None = None, *,
               keep_unknown_codes: bool = False,
               target_preps: Sequence[str] = TARGET_PREPS) -> int:
    """Add a PETRARCH-2 verb dictionary to ``res``; return the patterns added.

    ``keep_unknown_codes``: keep patterns whose codes are not CAMEO (they code
    events with that code, QuadClass 0 and a NaN Goldstein weight; see
    :func:`eventcoder.cameo.describe_code`); by default they are skipped and
    counted. ``target_preps``: prepositions whose objects are targets for
    patterns that name none (PETRARCH takes a prepositional object as the
    target when the verb has no actor as its object).
    """
    path = Path(path)
    report = report if report is not None else ImportReport()
    report.files.append(str(path))
    reader = _VerbReader(path, res, report, keep_unknown_codes, tuple(target_preps))
    count = reader.read()
    _order_patterns(res)
    return count


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


def _base_resources(mode: str) -> LanguageResources:
    if mode == "replace":
        rules = load_rules(resource_dir("en", "lang.yaml"))
        return LanguageResources(rules=rules)
    if mode == "beside":
        return load_language("en").copy()  # a new object: the shared one stays as it is
    raise ValueError(f"mode must be 'replace' or 'beside', got {mode!r}")


def load_petrarch(folder: str | Path | None = None, *, actors: Sequence[str | Path] = (),
                  agents: Sequence[str | Path] = (), verbs: Sequence[str | Path] = (),
                  discards: Sequence[str | Path] = (), ontology: Sequence[str | Path] = (),
                  mode: str = "replace", keep_unknown_codes: bool = False,
                  target_preps: Sequence[str] = TARGET_PREPS) -> PetrarchDictionaries:
    """Build English resources from PETRARCH/Phoenix dictionary files.

    Parameters
    ----------
    folder : path, optional
        A folder of PETRARCH files (see :func:`find_dictionary_files`); the
        explicit ``actors``/``agents``/``verbs``/``discards``/``ontology``
        lists add to it (``ontology``: PETRARCH's coding ontology, for the
        codes of negated events, :meth:`PetrarchDictionaries.negate`).
    mode : {"replace", "beside"}
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
    res = _base_resources(mode)
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
