"""Build eventcoder's generated English dictionaries from PETRARCH-2 / Phoenix (MIT).

Reads the Phoenix actor and agent dictionaries and the PETRARCH-2 verb dictionary
from a folder (default ``../shared/petrarch/dictionaries``) with the readers of
:mod:`eventcoder.petrarch`, and writes, in the shipped formats:

- ``eventcoder/resources/en/actors_phoenix.tsv``: countries' other names and places,
  institutions, international and non-governmental organisations, companies and armed
  non-state groups (no dates);
- ``eventcoder/resources/common/people_phoenix.tsv``: people, one row per office with its
  date range (outside every range a person is coded ``<country>ELI``);
- ``eventcoder/resources/en/agents_phoenix.tsv``: role nouns -> primary role code;
- ``eventcoder/resources/en/verbs_petrarch.yaml``: the verb families selected by
  measurement (:data:`VERB_FAMILIES`; see docs/dictionaries.md).

They are loaded after the hand-made files (``actors.tsv``, ``agents.tsv``,
``verbs.yaml``, ``common/people.tsv``), whose entries win where both name a phrase.
What the conversion cannot express, or drops on purpose, is counted and printed
(``--report FILE`` writes it as JSON). UD English treebanks (``../shared/ud``) give
the list of common English words that single-word names must not be.

Usage::

    python scripts/build_english_dictionaries.py [--petrarch DIR] [--ud DIR] [--report FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventcoder.cameo import load_cameo  # noqa: E402
from eventcoder.dictionaries import (  # noqa: E402
    ActorEntry,
    LanguageResources,
    load_actor_table,
    load_agent_table,
    load_rules,
    load_verb_table,
    normalize,
)
from eventcoder.petrarch import ImportReport, read_actors, read_agents, read_verbs  # noqa: E402
from eventcoder.resources_path import resource_dir  # noqa: E402

SHARED = ROOT.parent / "shared"
RES = ROOT / "eventcoder" / "resources"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
VERB_FILE = "CAMEO.2.0.txt"
#: the day Phoenix.Countries.actors.txt was generated: an office it leaves open ends there
#: (the file says nothing of later years; outside its ranges a person is <country>ELI)
PHOENIX_DATE = dt.date(2014, 1, 30)

#: CAMEO primary and secondary role codes (a code's 4th-6th letters that make it an institution)
ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "INS", "SEP", "UAF",
         "CRM", "CVL", "MED", "BUS", "EDU", "HLH", "HRI", "LAB", "REF", "REL", "ELI", "AGR",
         "DEV", "ENV", "MOD", "RAD", "IGO", "NGO", "IMG", "MNC", "SET", "UNR", "NGM", "IMH",
         "JEW", "MUS", "CHR", "HIN", "BUD", "SHI", "SUN", "CTH"}
#: primary role codes an agent may have (CAMEO 1.1b3 tables 3.1-3.4, religions); Phoenix's
#: others ("PPL") are dropped
AGENT_ROLES = {"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
               "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
               "MOD", "RAD", "PTY", "SET", "NGO", "IGO", "UIS", "INT", "NGM", "REL", "CHR", "MUS",
               "JEW", "HIN", "BUD"}
#: Phoenix agent words that name no actor in news English: events ("uprising",
#: "settlement"), adjectives ("naval", "retired", "islamic"), places and publications
#: ("village", "website"), words of another sense ("actor", "deputy", "carrier",
#: "chamber") and persons that CAMEO would not code as a role ("man", "mother")
AGENT_STOP = set("""actor actors retired vip vips settlement settlements rebellion rebellions revolt
revolts uprising uprisings insurgencies insurgency governance deputy deputies prison prisons kingdom
kingdoms chamber chambers carrier carriers state-owned semi-official sovereign naval islamic
jewish hebrew christian muslim hindu buddhist anglican sunni shia shiite islamist exile exiles
detainees detainee native natives naturalized repatriate repatriates producer producers industries
industry publication publications website websites blog blogs magazine magazines gazette college
colleges kindergarten kindergartens preschool preschools conservatory conservatories village
villages neighborhood neighborhoods neighbourhood neighbourhoods community communities population
populations man men woman women persons peoples person mother mothers girl girls boy boys child
childs infant infants customer customers passenger passengers tourist tourists traveler travelers
traveller travellers hunter hunters waiter waiters waitress waitresses tanker tankers freighter
freighters echelons echelon consistory cabinetmaker cabinetmakers gen. capt. religion religions
aerospace aerospaces airline airlines airway airways bureaucracy bureaucracies emperor emperors
sheriff athletes athlete engineer engineers scientist scientists writer writers hunter
landlord landlords tenant tenants seaman seamen granger grangers counsellor counsellors
counselor counselors""".split())
#: PETRARCH verb families (block head verbs) whose noun patterns ("sign * law") are kept:
#: chosen by measurement, see docs/dictionaries.md ("ALL": every family)
VERB_FAMILIES: tuple[str, ...] = ()  # none: +11 events on 11,953 sentences, half wrong, 3x slower
#: PETRARCH verbs kept without a noun (code, verb): chosen by hand among those the hand-made
#: verbs.yaml lacks, then measured (see docs/dictionaries.md); the others code too much
BARE_VERBS: frozenset[tuple[str, str]] = frozenset(
    (code, verb) for code, verbs in {
        "051": "acclaim extol glorify exalt",
        "080": "cede relinquish waive",
        "081": "acquit exonerate exculpate legalize legalise decriminalize decriminalise",
        "090": "interrogate spy",
        "111": "belittle denigrate malign slander pillory jeer scorn reproach",
        "150": "patrol",
        "160": "sabotage undermine betray",
        "170": "penalize punish subdue",
        "171": "steal commandeer usurp",
        "1721": "censor",
        "172": "forbid criminalize criminalise interdict",
        "173": "rearrest re-arrest",
        "174": "evict",
        "180": "overthrow terrorize rampage scuffle",
        "190": "plunder pillage ransack repel repulse",
        "202": "butcher",
    }.items() for verb in verbs.split())

HEADER = """# GENERATED by scripts/build_english_dictionaries.py from {source} -- do not edit by hand;
# change the script (or the hand-made {ours}, whose entries win where both name a phrase).
# Source: PETRARCH-2 / Phoenix dictionaries, Open Event Data Alliance, MIT licence:
# Copyright (c) 2014-2015 Open Event Data Alliance; see docs/dictionaries.md for the licence
# text, what was converted and what was dropped (and why).
"""


# --------------------------------------------------------------------------- common words
def common_words(ud: Path) -> set[str]:
    """Lower-case words that UD English treebanks use as common words (not PROPN), twice
    or more: a single-word name that is one of them ("mobile", "reading") is left out."""
    counts: Counter = Counter()
    for path in sorted(ud.glob("UD_English-*/*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line[0] == "#":
                continue
            cols = line.split("\t")
            if len(cols) < 4 or not cols[0].isdigit() or cols[3] in ("PROPN", "X", "SYM", "PUNCT"):
                continue
            if cols[1][:1].islower():
                counts[normalize(cols[1])] += 1
                counts[normalize(cols[2])] += 1
    return {w for w, n in counts.items() if n >= 2}


# --------------------------------------------------------------------------- actors
def _country_codes() -> set[str]:
    import csv

    path = SHARED / "cameo" / "countries.tsv"
    with open(path, encoding="utf-8") as fh:
        return {r.get("cameo") or r.get("code") or "" for r in csv.DictReader(fh, delimiter="\t")}


def _row(names: list[str], entry: ActorEntry, kind: str, note: str) -> str:
    return "\t".join([
        "|".join(names), entry.code, kind,
        entry.start.isoformat() if entry.start else "",
        entry.end.isoformat() if entry.end else "", note,
    ])


def _place_kind(code: str) -> str:
    return "country" if len(code) == 3 else "region"


def _non_person_kind(code: str, countries: set[str]) -> str:
    if code.startswith(("IGO", "NGO", "IMG")):
        return "igo"
    if code.startswith("MNC"):
        return "group"
    if len(code) == 3:
        return "country"
    if code[:3] in countries and code[3:6] in ROLES - {"REB", "INS", "SEP", "UAF", "CRM"}:
        return "institution"
    if code[:3] in countries and code[3:6] in countries:
        return "region"  # a territory: USAPRI, DNKFRO
    return "group"


def convert_actors(folder: Path, words: set[str], report: dict) -> tuple[list[str], list[str]]:
    """Actor and people rows (TSV lines without header) from the Phoenix actor files."""
    rules = load_rules(resource_dir("en", "lang.yaml"))
    countries = _country_codes()
    drop: Counter = report.setdefault("actors dropped", Counter())
    kept: Counter = report.setdefault("actors kept", Counter())
    agents = _agent_phrases()
    our_people = _our_people(rules)
    our_names = _our_names(rules)
    actor_rows: dict[tuple, list[str]] = defaultdict(list)
    people_rows: dict[tuple, list[str]] = defaultdict(list)
    seen_people: set[str] = set()
    for name in ACTOR_FILES:
        res = LanguageResources(rules=rules)
        rep = ImportReport()
        read_actors(folder / name, res, rep)
        for kind, n in rep.unsupported.items():
            drop[f"{kind} ({name})"] += n
        for key, entries in _without_articles(res.actors, drop).items():
            phrase = " ".join(key)
            if not _usable_name(phrase, key, words, agents, drop):
                continue
            if key[0] in ("the", "a", "an") and key[1:] in our_names:
                # "the eu": longer than our "eu", so it would win the longest match
                drop["'the' + a name the hand-made tables have (ours win)"] += 1
                continue
            dated = [e for e in entries if e.start or e.end]
            if dated and any(len(e.code) == 3 for e in dated) or (
                    dated and all(e.code[:3] in countries and e.code[3:6] in countries | {"UNR"}
                                  or len(e.code) == 3 for e in dated)):
                # a place whose code changed (Soviet republics, Yugoslavia): today's code only
                current = [e for e in dated if not e.end] or [e for e in entries if not (e.start or e.end)]
                if not current:
                    drop["place without a current code"] += 1
                    continue
                e = current[0]
                drop["historical codes of a place (before its current one)"] += len(entries) - 1
                actor_rows[(e.code, _place_kind(e.code), "Phoenix: place")].append(phrase)
                kept["place names with a historical code"] += 1
                continue
            if dated:
                if _contains(key, our_people):
                    # "chinese president xi jinping": the hand-made row for the name wins
                    drop["person phrase around a name the hand-made people.tsv has"] += 1
                    continue
                if len(key) == 1:
                    drop["one-word name of a person (a first or family name alone)"] += 1
                    continue
                rows = _person_rows(entries, countries, drop)
                if not rows:
                    continue
                if phrase in seen_people:
                    continue
                seen_people.add(phrase)
                people_rows[rows].append(phrase)
                kept["people (phrases)"] += 1
                continue
            codes = list(dict.fromkeys(e.code for e in entries))
            if len(codes) > 1:
                drop["phrase with several undated codes (ambiguous)"] += 1
                continue
            code = codes[0]
            if code in ("ELI", "---") or len(code) % 3:
                drop["code that names no actor (ELI alone, odd length)"] += 1
                continue
            kind = _non_person_kind(code, countries)
            if kind in ("institution",) and all(w in words for w in key):
                # "national assembly", "supreme court" filed under one country: every
                # country has one, and the hand-made owner rules give it the right one
                drop["institution named only by common words (any country has one)"] += 1
                continue
            note = "Phoenix: " + ("MNC" if code.startswith("MNC") else name.split(".")[1])
            actor_rows[(code, kind, note)].append(phrase)
            kept[f"{kind} phrases"] += 1
    actor_lines = [_row(sorted(names), ActorEntry(code, kind), kind, note)
                   for (code, kind, note), names in sorted(actor_rows.items())]
    people_lines = []
    for rows, names in sorted(people_rows.items(), key=lambda kv: (kv[0][0][0][:3], sorted(kv[1]))):
        for code, start, end in rows:
            entry = ActorEntry(code, "person", start, end)
            people_lines.append(_row(sorted(names), entry, "person", ""))
    kept["people rows (one per office)"] = len(people_lines)
    kept["people (distinct)"] = len(people_rows)
    return actor_lines, people_lines


def _without_articles(actors: dict, drop: Counter) -> dict:
    """Phrases without a leading "the"/"a"/"an": the shorter phrase matches the same
    text, and the matcher tries fewer lengths at every "the" of a sentence."""
    out: dict[tuple[str, ...], list] = {}
    for key, entries in actors.items():
        if len(key) > 1 and key[0] in ("the", "a", "an"):
            drop["leading 'the'/'a' removed from a name (kept without it)"] += 1
            key = key[1:]
        bucket = out.setdefault(key, [])
        bucket += [e for e in entries if e not in bucket]
    return out


def _person_rows(entries, countries, drop) -> tuple | None:
    """A person's office rows ``(code, start, end)``, open offices ended at PHOENIX_DATE."""
    out = []
    for e in entries:
        if not (e.start or e.end):
            if e.code == "ELI" or e.code.endswith("ELI") and len(e.code) == 6:
                drop["undated ELI row of a person (implied outside the offices)"] += 1
                continue
            if len(e.code) % 3:
                drop["code that names no actor (ELI alone, odd length)"] += 1
                continue
            out.append((e.code, None, None))
            continue
        start, end = e.start, e.end
        if end is None and _lasting(e.code):
            out.append((e.code, start, None))  # an armed group or organisation stays one
            continue
        if end is None:
            if start and start >= PHOENIX_DATE:
                out.append((e.code, start, None))  # starts after the file: keep as written
                continue
            end = PHOENIX_DATE
            drop["open office ended at the file's date (2014-01-30; not dropped)"] += 1
        if start and end <= start:
            drop["office that ends before it starts"] += 1
            continue
        if len(e.code) % 3:
            drop["code that names no actor (ELI alone, odd length)"] += 1
            continue
        out.append((e.code, start, end))
    out = sorted(set(out), key=lambda r: (r[1] or dt.date.min, r[2] or dt.date.max, r[0]))
    if not out:
        drop["person without an office"] += 1
        return None
    return tuple(out)


def _lasting(code: str) -> bool:
    """Codes of groups, not offices: an open range is not ended at the file's date."""
    return code.startswith(("IMG", "NGO", "MNC")) or code[3:6] in {"REB", "INS", "SEP", "UAF", "CRM"}


_LETTER = re.compile(r"[a-z]", re.I)


def _usable_name(phrase: str, key: tuple[str, ...], words: set[str], agents: set[str],
                 drop: Counter) -> bool:
    if not _LETTER.search(phrase) or len(phrase) < 2:
        drop["name without letters or of one letter"] += 1
        return False
    if any(c in phrase for c in "()[]{}<>"):
        drop["name with brackets (a note, not a name)"] += 1
        return False
    if len(key) == 1 and (key[0] in words or len(key[0]) <= 2):
        drop["one-word name that is a common English word (or 1-2 letters)"] += 1
        return False
    if phrase in agents:
        drop["name that is a role noun (agents win)"] += 1
        return False
    if key[0] in ("the", "a", "an") and len(key) == 2 and key[1] in words:
        drop["'the' + common word"] += 1
        return False
    return True


def _our_people(rules) -> set[tuple[str, ...]]:
    res = LanguageResources(rules=rules)
    load_actor_table(RES / "common" / "people.tsv", res)
    return set(res.actors)


def _our_names(rules) -> set[tuple[str, ...]]:
    """Every phrase the hand-made tables and babel's country names give."""
    from eventcoder.dictionaries import _add_cldr_countries

    res = LanguageResources(rules=rules)
    _add_cldr_countries(res)
    load_actor_table(RES / "en" / "actors.tsv", res)
    load_actor_table(RES / "common" / "people.tsv", res)
    return set(res.actors)


def _contains(key: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    """Whether ``key`` has one of ``names`` as a run of its words (itself included)."""
    n = len(key)
    return any(key[i:j] in names for i in range(n) for j in range(i + 1, n + 1))


def _agent_phrases() -> set[str]:
    res = LanguageResources(rules=load_rules(resource_dir("en", "lang.yaml")))
    load_agent_table(RES / "en" / "agents.tsv", res)
    read_agents(SHARED / "petrarch" / "dictionaries" / AGENT_FILE, res, ImportReport())
    return set(res.agents)


# --------------------------------------------------------------------------- agents
def convert_agents(folder: Path, report: dict) -> list[str]:
    """Agent rows ``phrase<TAB>role<TAB>note`` with PETRARCH's roles as primary role codes."""
    res = LanguageResources(rules=load_rules(resource_dir("en", "lang.yaml")))
    rep = ImportReport()
    read_agents(folder / AGENT_FILE, res, rep)
    drop: Counter = report.setdefault("agents dropped", Counter())
    kept: Counter = report.setdefault("agents kept", Counter())
    for kind, n in rep.unsupported.items():
        drop[kind] += n
    ours = LanguageResources(rules=res.rules)
    load_agent_table(RES / "en" / "agents.tsv", ours)
    by_role: dict[tuple[str, str], list[str]] = defaultdict(list)
    for phrase, role in sorted(res.agents.items()):
        if phrase in ours.agents:
            drop["phrase the hand-made agents.tsv has (ours win)"] += 1
            continue
        if " " in phrase and phrase.split()[-1] in ours.agents:
            # "muslim cleric", "health minister": the hand-made head noun decides the role
            drop["phrase whose head noun the hand-made agents.tsv has (ours win)"] += 1
            continue
        if role.endswith("~"):
            drop["role put before the owner (NGO~): no such role in agents.tsv"] += 1
            continue
        code = role.lstrip("~")
        if code[:3] not in AGENT_ROLES:
            drop["role that is no CAMEO primary role (PPL)"] += 1
            continue
        if phrase in AGENT_STOP:
            drop["word that names no actor in news (stop list: events, adjectives, places)"] += 1
            continue
        if not re.fullmatch(r"[a-z][a-z.'\- ]*[a-z.]", phrase):
            drop["phrase with other characters (digits, brackets)"] += 1
            continue
        if len(code) > 3:
            kept["roles shortened to their primary role (GOVDEV -> GOV)"] += 1
        by_role[(code[:3], code)].append(phrase)
        kept["agent phrases"] += 1
    lines = []
    for (role, full), phrases in sorted(by_role.items()):
        note = f"Phoenix ~{full}" if full != role else "Phoenix"
        lines.append(f"{'|'.join(phrases)}\t{role}\t{note}")
    return lines


# --------------------------------------------------------------------------- verbs
def convert_verbs(folder: Path, report: dict, families: tuple[str, ...],
                  bare: frozenset[tuple[str, str]] = BARE_VERBS) -> list[dict]:
    """Verb entries (``verbs.yaml`` mappings) of the selected PETRARCH families."""
    from eventcoder.petrarch.verbs import _VerbReader  # noqa: F401 (documented reader)

    drop: Counter = report.setdefault("verbs dropped", Counter())
    kept: Counter = report.setdefault("verbs kept", Counter())
    res = LanguageResources(rules=load_rules(resource_dir("en", "lang.yaml")))
    rep = ImportReport()
    read_verbs(folder / VERB_FILE, res, rep, target_preps=())
    for kind, n in rep.unsupported.items():
        drop[kind] += n
    family = verb_families(folder / VERB_FILE)
    ours = LanguageResources(rules=res.rules)
    load_verb_table(RES / "en" / "verbs.yaml", ours, prefix="en/verbs.yaml")
    entries: dict[tuple, dict] = {}
    for bucket in res.verbs.values():
        for p in bucket:
            line = int(p.id.rsplit(":", 1)[1])
            fam = family.get(line, "?")
            if not p.nouns and (p.code, p.lemma) not in bare:
                drop["pattern without a noun, verb not selected (measured, see docs)"] += 1
                continue
            if p.nouns and fam not in families and "ALL" not in families:
                drop["noun pattern of a family not selected (measured, see docs)"] += 1
                continue
            if p.compound or p.source_preps or p.subject_nouns or p.skip_preps or p.reverse_code:
                drop["pattern feature verbs.yaml does not express (%, $, subject word, ^, "
                     "paired code)"] += 1
                continue
            if _ours_cover(ours, p):
                drop["pattern whose verb and nouns the hand-made verbs.yaml has (ours win)"] += 1
                continue
            key = (p.code, p.nouns, p.target_preps, fam)
            item = entries.setdefault(key, {"code": p.code, "lemmas": [], "_fam": fam})
            if p.nouns:
                item["nouns"] = list(p.nouns)
            if p.target_preps:
                item["target_preps"] = list(p.target_preps)
            if p.lemma not in item["lemmas"]:
                item["lemmas"].append(p.lemma)
            kept["verb patterns (lemma x pattern)"] += 1
    out = []
    for item in sorted(entries.values(), key=lambda d: (d["_fam"], d["code"], d["lemmas"])):
        item["note"] = f"PETRARCH {item.pop('_fam')}"
        out.append(item)
    kept["verbs.yaml entries"] = len(out)
    return out


def _ours_cover(ours: LanguageResources, p) -> bool:
    for q in ours.verbs.get(p.lemma.split()[0], ()):
        if q.lemma == p.lemma and (set(q.nouns) & set(p.nouns) or not (q.nouns or p.nouns)):
            return True
    return False


def verb_families(path: Path) -> dict[int, str]:
    """Line number -> the head verb of the PETRARCH block it is in (its family)."""
    out: dict[int, str] = {}
    current = "?"
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(),
                                  start=1):
        m = re.match(r"^---\s*(\S+)\s*\[", line)
        if m:
            current = m.group(1).upper()
        out[lineno] = current
    return out


def _yaml(entries: list[dict]) -> str:
    def q(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)

    out = []
    for e in entries:
        out.append(f"- code: {q(e['code'])}")
        out.append(f"  lemmas: [{', '.join(q(x) for x in e['lemmas'])}]")
        for key in ("nouns", "target_preps"):
            if e.get(key):
                out.append(f"  {key}: [{', '.join(q(x) for x in e[key])}]")
        out.append(f"  note: {q(e['note'])}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main
def build(folder: Path, ud: Path, families: tuple[str, ...] = VERB_FAMILIES,
          out: Path = RES, bare: frozenset[tuple[str, str]] = BARE_VERBS) -> dict:
    report: dict = {}
    words = common_words(ud)
    actor_lines, people_lines = convert_actors(folder, words, report)
    agent_lines = convert_agents(folder, report)
    verbs = convert_verbs(folder, report, families, bare)
    src = "../shared/petrarch/dictionaries"
    (out / "en" / "actors_phoenix.tsv").write_text(
        HEADER.format(source=f"{src}/Phoenix.*.actors.txt", ours="actors.tsv")
        + "phrase\tcode\tkind\tstart\tend\tnote\n" + "\n".join(actor_lines) + "\n",
        encoding="utf-8")
    (out / "common" / "people_phoenix.tsv").write_text(
        HEADER.format(source=f"{src}/Phoenix.*.actors.txt", ours="people.tsv")
        + "# One row per office; start inclusive, end exclusive; an office Phoenix leaves open\n"
        + f"# ends on the file's date ({PHOENIX_DATE}). Outside every row a person is <country>ELI.\n"
        + "names\tcode\tkind\tstart\tend\tnote\n" + "\n".join(people_lines) + "\n",
        encoding="utf-8")
    (out / "en" / "agents_phoenix.tsv").write_text(
        HEADER.format(source=f"{src}/{AGENT_FILE}", ours="agents.tsv")
        + "# PETRARCH's ~ROLE codes are written as their primary role (~GOVDEV -> GOV).\n"
        + "phrase\trole\tnote\n" + "\n".join(agent_lines) + "\n", encoding="utf-8")
    (out / "en" / "verbs_petrarch.yaml").write_text(
        HEADER.format(source=f"{src}/{VERB_FILE}", ours="verbs.yaml")
        + "# Only the verb families selected by measurement (docs/dictionaries.md).\n"
        + (_yaml(verbs) if verbs else "[]\n"), encoding="utf-8")
    _check(out)
    return report


def _check(out: Path) -> None:
    """Read the written files back with the shipped readers (errors name file and line)."""
    res = LanguageResources(rules=load_rules(resource_dir("en", "lang.yaml")))
    load_actor_table(out / "en" / "actors_phoenix.tsv", res)
    load_actor_table(out / "common" / "people_phoenix.tsv", res)
    load_agent_table(out / "en" / "agents_phoenix.tsv", res)
    load_verb_table(out / "en" / "verbs_petrarch.yaml", res, prefix="en/verbs_petrarch.yaml")
    assert load_cameo()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--petrarch", type=Path, default=SHARED / "petrarch" / "dictionaries")
    ap.add_argument("--ud", type=Path, default=SHARED / "ud")
    ap.add_argument("--families", default=None,
                    help="comma-separated verb families instead of VERB_FAMILIES ('' for none, "
                         "'ALL' for all)")
    ap.add_argument("--report", type=Path, help="write the counts as JSON here")
    args = ap.parse_args(argv)
    families = VERB_FAMILIES
    if args.families is not None:
        families = tuple(f.strip().upper() for f in args.families.split(",") if f.strip())
    report = build(args.petrarch, args.ud, families)
    for section, counts in report.items():
        print(f"{section}:")
        for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"  {n:7d}  {kind}")
    if args.report:
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
