"""PETRARCH actor files (``NAME [CODE]`` with synonyms and date restrictions) and
agent files (``NOUN {PLURALS} [~ROLE]`` with ``!MACRO!`` substitutions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from eventcoder.dictionaries import ActorEntry, LanguageResources

from .common import _CODE_BLOCK, NULL_CODES, ImportReport, _lines, _words

__all__ = ["read_actors", "read_agents"]


def _date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = (f"20{text[:2]}" if yy <= 30 else f"19{text[:2]}") + text[2:]
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


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
