"""PETRARCH dictionary readers on small fixture dictionaries, and the PETRARCH suite as a peer test.

The fixtures (tests/fixtures/petrarch/*.txt) were written for these tests in the
PETRARCH formats; the suite tests read ../shared/petrarch and skip without it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import FIXTURES, shared_path

from eventcoder.coding import code_document
from eventcoder.conllu import read_conllu
from eventcoder.dictionaries import load_language
from eventcoder.petrarch import (
    ImportReport,
    find_dictionary_files,
    load_petrarch,
    read_actors,
    read_agents,
)

PDIR = FIXTURES / "petrarch"


@pytest.fixture(scope="module")
def dicts():
    return load_petrarch(PDIR, keep_unknown_codes=True)


def _sentence(rows: list[tuple], date: str | None = None) -> list:
    """CoNLL-U from (form, lemma, upos, head, deprel) rows."""
    lines = [f"{i}\t{f}\t{lem}\t{u}\t_\t_\t{h}\t{d}\t_\t_"
             for i, (f, lem, u, h, d) in enumerate(rows, start=1)]
    head = "# newdoc id = t\n" + (f"# date = {date}\n" if date else "")
    return read_conllu(head + "# sent_id = 1\n" + "\n".join(lines) + "\n")


def _code(d, rows, date=None):
    docs = _sentence(rows, date)
    events = d.restore_codes(code_document(docs[0], d.resources))
    return [(e.source, e.target, e.event_code) for e in events]


# --------------------------------------------------------------------------- actors
def test_actor_names_synonyms_and_codes(dicts):
    actors = dicts.resources.actors
    assert actors[("arnor",)][0].code == "ARN"
    for phrase in [("gondor",), ("minas", "tirith"), ("anorien",)]:
        assert actors[phrase][0].code == "GON"
    assert actors[("barad-dur",)][0].code == "MOR"
    assert actors[("the", "shire")][0].code == "FRO"  # first of FRO/BIL/SAM
    assert actors[("palestinian",)][0].code == "PSE"
    assert ("boromir",) not in actors  # null code
    assert ("onodoher",) not in actors  # its only range ends before it starts


def test_actor_date_restrictions():
    res = load_language("en").__class__(rules=load_language("en").rules)
    report = ImportReport()
    read_actors(PDIR / "actors.txt", res, report)
    entries = res.actors[("smeagol",)]
    codes = {e.code: (e.start, e.end) for e in entries}
    assert codes["HOB"] == (None, dt.date(1995, 6, 1))  # 6-digit date, "< 950601"
    assert codes["HOBREB"] == (dt.date(1999, 8, 17), None)  # strictly after 990816
    kinds = report.unsupported
    assert kinds["several codes for one actor (first used)"] == 1
    assert kinds["null actor code (---, +++)"] == 1
    assert kinds["lower-case actor code (upper-cased)"] == 1
    assert kinds["date range ends before it starts"] == 1


@pytest.mark.parametrize("date,expected", [
    ("2007-05-01", "HOBCIV"),
    ("2009-03-01", "HOBMIL"),
    ("2010-01-10", "ORCHOB"),  # the first restriction that covers the date wins
    ("2014-01-01", "HOBELI"),
])
def test_dated_actor_in_coding(dicts, date, expected):
    rows = [("Sam", "Sam", "PROPN", 3, "nsubj"), ("Gamgee", "Gamgee", "PROPN", 1, "flat"),
            ("accused", "accuse", "VERB", 0, "root"), ("Mordor", "Mordor", "PROPN", 3, "obj")]
    assert _code(dicts, rows, date) == [(expected, "MOR", "112")]


# --------------------------------------------------------------------------- agents
def test_agents_roles_plurals_macros():
    res = load_language("en").__class__(rules=load_language("en").rules)
    report = ImportReport()
    read_agents(PDIR / "agents.txt", res, report)
    a = res.agents
    assert a["minister"] == "GOV" and a["ministers"] == "GOV"  # regular plural
    assert a["police"] == "COP" and "polices" not in a  # {} = no plural
    assert a["congressman"] == "LEG" and a["congresswomen"] == "LEG"  # !PERSON! macro
    assert a["cleric"] == "REL" and a["clerics"] == "REL"
    assert a["goose"] == "GGS" and a["geese"] == "GGS"  # multi-word, reduced to the head
    assert a["general"] == "GOV"  # ATTORNEY_GENERAL
    u = report.unsupported
    assert u["agent code before the country (XXX~)"] == 1
    assert u["multi-word agent (its head word has its own entry)"] >= 1  # FOREIGN_MINISTER
    assert a["minister"] == "GOV"  # not overwritten by FOREIGN_MINISTER's GOVFRM


def test_agent_composes_with_country(dicts):
    rows = [("The", "the", "DET", 3, "det"), ("Gondor", "Gondor", "PROPN", 3, "compound"),
            ("minister", "minister", "NOUN", 4, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
            ("Mordor", "Mordor", "PROPN", 4, "obj")]
    assert _code(dicts, rows) == [("GONGOV", "MOR", "112")]


# --------------------------------------------------------------------------- verbs
def test_verb_blocks_and_patterns(dicts):
    verbs = dicts.resources.verbs
    accuse = verbs["accuse"]
    assert {p.code for p in accuse
            if not p.nouns and not p.particle and p.target_preps != ("with",)} == {"112"}
    assert any(p.code == "1121" and p.particle == "of" and p.nouns == ("corruption",)
               for p in accuse)
    assert any(p.code == "1246" and set(p.nouns) == {"treaty", "pact", "agreement"}
               for p in accuse)
    assert any(p.code == "080" and p.nouns == ("ties",) for p in accuse)
    assert any(p.code == "111" and p.target_preps == ("with",) for p in accuse)
    assert any(p.code == "043" and p.nouns == ("summit",) for p in accuse)  # [043:042]
    assert [p.code for p in verbs["downplay"] if not p.nouns and not p.particle
            and p.target_preps != ("with",)] == ["014"]  # a verb line's own code
    assert any(p.lemma == "break down" and p.particle == "down" for p in verbs["break"])
    assert not any(p.nouns == () and not p.particle for p in verbs["begin"])  # [---] block
    assert any(p.code == "110" and p.particle == "to" for p in verbs["begin"])


def test_unsupported_pattern_features_are_counted(dicts):
    u = dicts.report.unsupported
    assert u["words before the verb ('- WORD * ...')"] == 1
    assert u["source/target marker before the verb"] == 1
    assert u["null-code pattern (vetoes coding; not supported)"] == 1
    assert u["second code after ':' (first used)"] == 1
    assert u["multi-word phrase reduced to its last word"] == 1
    assert u["multi-word synset member reduced to its last word"] >= 1
    assert u["pattern preposition differs from phrasal verb's"] >= 1
    table = dicts.report.to_frame()
    assert list(table.columns) == ["feature", "count", "example"]
    assert any("verbs.txt:" in ex for ex in table.example)
    assert any("not translated" in line for line in dicts.report.lines())


def test_unknown_codes_skipped_or_restored():
    kept = load_petrarch(PDIR, keep_unknown_codes=True)
    skipped = load_petrarch(PDIR)
    assert "174L" in kept.codes.values()
    assert skipped.report.unsupported["code not in CAMEO (skipped)"] >= 1
    rows = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
            ("Mordor", "Mordor", "PROPN", 2, "obj"), ("of", "of", "ADP", 5, "case"),
            ("asylum", "asylum", "NOUN", 2, "obj")]
    assert ("GON", "MOR", "174L") in _code(kept, rows)


def test_patterns_code_sentences(dicts):
    # "Arnor accused Gondor of corruption."  -> the (OF CORRUPTION) pattern
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 2, "obj"), ("of", "of", "ADP", 5, "case"),
            ("corruption", "corruption", "NOUN", 2, "obl")]
    assert _code(dicts, rows) == [("ARN", "GON", "1121")]
    # "Arnor accused Gondor." -> the block's default code
    assert _code(dicts, rows[:3]) == [("ARN", "GON", "112")]
    # "Arnor broke down talks with Gondor": phrasal verb, target from the "with" phrase
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("broke", "break", "VERB", 0, "root"),
            ("down", "down", "ADP", 2, "compound:prt"), ("talks", "talk", "NOUN", 2, "obj"),
            ("with", "with", "ADP", 6, "case"), ("Gondor", "Gondor", "PROPN", 2, "obl")]
    assert _code(dicts, rows) == [("ARN", "GON", "112")]


def test_beside_keeps_eventcoder_entries():
    beside = load_petrarch(PDIR, mode="beside")
    own = load_language("en")
    assert beside.resources.actors[("arnor",)][0].code == "ARN"
    some_key = next(iter(own.actors))
    assert beside.resources.actors[some_key][0] == own.actors[some_key][0]
    assert len(beside.resources.verbs) > len(own.verbs)
    assert ("arnor",) not in own.actors  # the cached English resources are untouched
    with pytest.raises(ValueError, match="mode"):
        load_petrarch(PDIR, mode="merge")


def test_find_files_and_missing(tmp_path):
    found = find_dictionary_files(PDIR)
    assert [p.name for p in found["verbs"]] == ["verbs.txt"]
    assert [p.name for p in found["actors"]] == ["actors.txt"]
    with pytest.raises(FileNotFoundError):
        load_petrarch(tmp_path / "nope")
    with pytest.raises(FileNotFoundError):
        load_petrarch(actors=[tmp_path / "nope.txt"])


# --------------------------------------------------------------------------- the suite
SUITE = ("petrarch", "validation", "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")


def test_petrarch_suite_runs_and_reports():
    from eventcoder.petrarch_suite import main_lines, read_suite, run_suite

    suite = shared_path(*SUITE)
    records = read_suite(suite)
    assert len(records) == 284
    assert {"DEMO", "COMPOUND", "SYNSET", "AGENT", "DATE"} <= {r.category for r in records}
    dyadless = [r for r in records if r.config.get("require_dyad", "").lower() == "false"]
    assert dyadless, "the suite switches require_dyad off for some records"
    result = run_suite(suite)
    assert result.total == 284
    rc, lines = main_lines(suite)
    assert rc == 0
    m = re.fullmatch(r"(\d+)/284 records passed \((\d+\.\d)%\)", lines[-1])
    assert m, lines[-1]
    assert int(m.group(1)) == result.passed
    # A floor well below today's figure, so that a regression in the coder or the
    # importer shows; raise it as the pass rate improves.
    assert result.passed / result.total >= 0.35
    assert any(line.startswith("DEMO ") for line in lines)


def test_petrarch_suite_with_phoenix_dictionaries_does_not_crash():
    from eventcoder.petrarch import load_petrarch as load

    folder = shared_path("petrarch", "dictionaries")
    d = load(folder)
    assert d.report.counts["actor phrases"] > 30_000
    assert d.report.counts["agent words"] > 1_000
    assert d.report.counts["verb patterns"] > 10_000
    rows = [("Russia", "Russia", "PROPN", 2, "nsubj"), ("condemned", "condemn", "VERB", 0, "root"),
            ("Ukraine", "Ukraine", "PROPN", 2, "obj")]
    assert _code(d, rows, "2022-03-01") == [("RUS", "UKR", "111")]
