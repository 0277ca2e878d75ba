"""PETRARCH-2 verb dictionaries: synonym blocks, verb lines, ``&SYNSET`` word sets
and patterns, read by :class:`_VerbReader` into
:class:`~eventcoder.dictionaries.VerbPattern` entries (:func:`read_verbs`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.cameo import load_cameo
from eventcoder.dictionaries import LanguageResources, VerbPattern, normalize

from .common import (
    _CODE_BLOCK,
    NULL_CODES,
    PARTICLES,
    TARGET_PREPS,
    ImportReport,
    _lines,
    _words,
)

__all__ = ["read_verbs"]

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
