"""PETRARCH dictionary readers on small fixture dictionaries, and the PETRARCH suite as a peer test.

The fixtures (tests/fixtures/petrarch/*.txt) were written for these tests in the
PETRARCH formats; the suite tests read ../shared/petrarch and skip without it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from conftest import FIXTURES, shared_path

from eventcoder.coding import CodingOptions, code_document
from eventcoder.conllu import read_conllu
from eventcoder.dictionaries import load_language
from eventcoder.events import events_to_frame
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


def _code(d, rows, date=None, options=None):
    docs = _sentence(rows, date)
    events = d.negate(code_document(docs[0], d.resources, options=options))
    return [(e.source, e.target, e.event_code) for e in events]


# --------------------------------------------------------------------------- actors
def test_actor_names_synonyms_and_codes(dicts):
    actors = dicts.resources.actors
    assert actors[("arnor",)][0].code == "ARN"
    for phrase in [("gondor",), ("minas", "tirith"), ("anorien",)]:
        assert actors[phrase][0].code == "GON"
    assert actors[("barad-dur",)][0].code == "MOR"
    assert actors[("the", "shire")][0].code == "FRO/BIL/SAM"  # several actors, kept as written
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
    assert report.counts["actor codes naming several actors (kept as written)"] == 1
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
    # roles keep PETRARCH's notation: "~GOV" is appended to the owner, "NGO~" put before it
    assert a["minister"] == "~GOV" and a["ministers"] == "~GOV"  # regular plural
    assert a["police"] == "~COP" and "polices" not in a  # {} = no plural
    assert a["congressman"] == "~LEG" and a["congresswomen"] == "~LEG"  # !PERSON! macro
    assert a["cleric"] == "~REL" and a["clerics"] == "~REL"
    assert a["golden goose"] == "~GGS" and a["golden geese"] == "~GGS"  # phrases stay phrases
    assert "goose" not in a and "general" not in a  # no reduction to the head word
    assert a["attorneys general"] == "~GOV"
    assert a["human rights body"] == "NGO~"
    assert a["foreign minister"] == "~GOVFRM"
    assert a["minister"] == "~GOV"  # not overwritten by FOREIGN_MINISTER's GOVFRM
    assert report.counts["agents put before the owner (XXX~)"] == 1
    assert not report.unsupported


def test_agent_composes_with_country(dicts):
    rows = [("The", "the", "DET", 3, "det"), ("Gondor", "Gondor", "PROPN", 3, "compound"),
            ("minister", "minister", "NOUN", 4, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
            ("Mordor", "Mordor", "PROPN", 4, "obj")]
    assert _code(dicts, rows) == [("GONGOV", "MOR", "112")]
    # "The Gondor foreign minister accused Mordor.": a two-word agent
    rows = [("The", "the", "DET", 4, "det"), ("Gondor", "Gondor", "PROPN", 4, "compound"),
            ("foreign", "foreign", "ADJ", 4, "amod"), ("minister", "minister", "NOUN", 5, "nsubj"),
            ("accused", "accuse", "VERB", 0, "root"), ("Mordor", "Mordor", "PROPN", 5, "obj")]
    assert _code(dicts, rows) == [("GONGOVFRM", "MOR", "112")]
    # "The human rights body of Gondor accused Mordor.": NGO~ goes in front
    rows = [("The", "the", "DET", 4, "det"), ("human", "human", "ADJ", 3, "amod"),
            ("rights", "right", "NOUN", 4, "compound"), ("body", "body", "NOUN", 7, "nsubj"),
            ("of", "of", "ADP", 6, "case"), ("Gondor", "Gondor", "PROPN", 4, "nmod"),
            ("accused", "accuse", "VERB", 0, "root"), ("Mordor", "Mordor", "PROPN", 7, "obj")]
    assert _code(dicts, rows) == [("NGOGON", "MOR", "112")]


# --------------------------------------------------------------------------- verbs
def _plain(patterns):
    return [p for p in patterns if not (p.nouns or p.particle or p.subject_nouns
                                        or p.source_preps or p.compound)
            and p.target_preps != ("with",)]


def test_verb_blocks_and_patterns(dicts):
    verbs = dicts.resources.verbs
    accuse = verbs["accuse"]
    assert {p.code for p in _plain(accuse)} == {"112"}
    assert any(p.code == "1121" and p.particle == "of" and p.nouns == ("corruption",)
               for p in accuse)
    # a synset; multi-word members kept whole, in a pattern of their own that goes first
    treaty = [p.nouns for p in accuse if p.code == "1246"]
    assert treaty == [("written agreement",), ("treaty", "pact")]
    assert any(p.code == "080" and set(p.nouns) == {"military ties", "economic ties"}
               for p in accuse)  # {&TIETYPES TIES}: one phrase per synset member
    assert any(p.code == "111" and p.target_preps == ("with",) for p in accuse)
    assert any(p.code == "043" and p.reverse_code == "042" and p.nouns == ("summit",)
               for p in accuse)  # [043:042]: the event and the one back
    assert any(p.code == "025" and p.subject_nouns == ("recently",) for p in accuse)
    assert any(p.code == "080" and p.source_preps == ("from",) for p in accuse)  # + * (FROM $)
    assert [p.code for p in _plain(verbs["downplay"])] == ["014"]  # a verb line's own code
    assert any(p.lemma == "break down" and p.particle == "down" for p in verbs["break"])
    assert not any(p.nouns == () and not p.particle for p in verbs["begin"])  # [---] block
    assert any(p.code == "110" and p.particle == "to" for p in verbs["begin"])


def test_pattern_markers_translated(dicts):
    verbs = dicts.resources.verbs
    assert any(p.compound and p.code == "040" and p.reverse_code == "040"
               for p in verbs["meet"])  # - % *
    money = [p for p in verbs["receive"] if p.nouns == ("money",)]
    assert money and money[0].source_preps == ("*",)  # + * MONEY $: the subject receives
    eid = [p for p in verbs["celebrate"] if p.nouns == ("eid",)]
    # (AT ^) (WITH +): an "at" phrase is required but is not the target; "with" gives it
    assert eid and eid[0].target_preps == ("with",)
    assert eid[0].particle == "at" and eid[0].skip_preps == ("at",)
    assert [p.subject_nouns for p in verbs["risen"]] == [("death toll",)]  # {DEATH TOLL} *
    longest = [p.nouns for p in verbs["meet"] if p.nouns]
    assert longest == [("peace treaty", "peace pact")] or longest[0][0].count(" ") >= 1


def test_unsupported_pattern_features_are_counted(dicts):
    u = dicts.report.unsupported
    assert u["null-code pattern (vetoes coding; not supported)"] == 1
    assert u["pattern preposition differs from phrasal verb's"] >= 1
    assert dicts.report.counts["patterns with a subject noun"] == 2
    table = dicts.report.to_frame()
    assert list(table.columns) == ["feature", "count", "example"]
    assert any("verbs.txt:" in ex for ex in table.example)
    assert any("not translated" in line for line in dicts.report.lines())


def test_unknown_codes_skipped_or_kept():
    kept = load_petrarch(PDIR, keep_unknown_codes=True)
    skipped = load_petrarch(PDIR)
    assert skipped.report.unsupported["code not in CAMEO (skipped)"] >= 1
    assert not any(p.code == "174L" for p in skipped.resources.verbs["accuse"])
    rows = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
            ("Mordor", "Mordor", "PROPN", 2, "obj"), ("of", "of", "ADP", 5, "case"),
            ("asylum", "asylum", "NOUN", 2, "obj")]
    events = code_document(_sentence(rows)[0], kept.resources)
    (event,) = [e for e in events if e.event_code == "174L"]  # carried as written, no crash
    assert (event.source, event.target, event.root_code, event.quad_class) == (
        "GON", "MOR", "17", 0)
    assert math.isnan(event.goldstein) and event.event_name == "(not a CAMEO code)"
    frame = events_to_frame(events)  # the frame keeps its dtypes
    assert str(frame.quad_class.dtype) == "int64" and str(frame.goldstein.dtype) == "float64"


def test_petrarch_coding_options(dicts):
    # "Mordor was accused over its dispute with Gondor." An agentless passive: PETRARCH takes
    # the source from the prepositional phrase; eventcoder by default codes nothing.
    rows = [("Mordor", "Mordor", "PROPN", 3, "nsubj:pass"), ("was", "be", "AUX", 3, "aux:pass"),
            ("accused", "accuse", "VERB", 0, "root"), ("over", "over", "ADP", 6, "case"),
            ("its", "its", "PRON", 6, "nmod:poss"), ("dispute", "dispute", "NOUN", 3, "obl"),
            ("with", "with", "ADP", 8, "case"), ("Gondor", "Gondor", "PROPN", 6, "nmod")]
    assert _code(dicts, rows) == []
    assert _code(dicts, rows, options=CodingOptions(oblique_sources=True)) == [
        ("GON", "MOR", "112")]
    # "The Ministry of Magic accused Mordor.": an unknown noun phrase as a new actor
    rows = [("The", "the", "DET", 2, "det"), ("Ministry", "Ministry", "PROPN", 5, "nsubj"),
            ("of", "of", "ADP", 4, "case"), ("Magic", "Magic", "PROPN", 2, "nmod"),
            ("accused", "accuse", "VERB", 0, "root"), ("Mordor", "Mordor", "PROPN", 5, "obj")]
    assert _code(dicts, rows) == []
    assert _code(dicts, rows, options=CodingOptions(new_actor_length=4)) == [
        ('"THE MINISTRY OF MAGIC"', "MOR", "112")]
    assert _code(dicts, rows, options=CodingOptions(new_actor_length=3)) == []
    # "Arnor accused." with require_dyad = false: an event without a target
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("accused", "accuse", "VERB", 0, "root")]
    assert _code(dicts, rows) == []
    assert _code(dicts, rows, options=CodingOptions(require_target=False)) == [
        ("ARN", "", "112")]


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


def test_multi_word_phrases_match_as_phrases(dicts):
    # "Arnor accused Gondor of economic ties" / "... of trade ties": {&TIETYPES TIES}
    def rows(adj):
        return [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("accused", "accuse", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 2, "iobj"), (adj, adj, "ADJ", 5, "amod"),
                ("ties", "tie", "NOUN", 2, "obj")]
    assert _code(dicts, rows("economic")) == [("ARN", "GON", "080")]
    assert _code(dicts, rows("trade")) == [("ARN", "GON", "112")]


def test_compound_source_and_skip_markers(dicts):
    # "Gondor and Mordor met." (- % * [040:040]): each meets the other
    rows = [("Gondor", "Gondor", "PROPN", 4, "nsubj"), ("and", "and", "CCONJ", 3, "cc"),
            ("Mordor", "Mordor", "PROPN", 1, "conj"), ("met", "meet", "VERB", 0, "root")]
    assert sorted(_code(dicts, rows)) == [("GON", "MOR", "040"), ("MOR", "GON", "040")]
    # "Gondor received money from Mordor." (+ * MONEY $): Mordor gives, Gondor receives
    rows = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("received", "receive", "VERB", 0, "root"),
            ("money", "money", "NOUN", 2, "obj"), ("from", "from", "ADP", 5, "case"),
            ("Mordor", "Mordor", "PROPN", 3, "nmod")]
    assert _code(dicts, rows) == [("MOR", "GON", "071")]
    # "Arnor celebrated Eid at Gondor with Mordor." (EID (AT ^) (WITH +)): not the "at" phrase
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("celebrated", "celebrate", "VERB", 0, "root"),
            ("Eid", "Eid", "PROPN", 2, "obj"), ("at", "at", "ADP", 5, "case"),
            ("Gondor", "Gondor", "PROPN", 2, "obl"), ("with", "with", "ADP", 7, "case"),
            ("Mordor", "Mordor", "PROPN", 2, "obl")]
    assert _code(dicts, rows) == [("ARN", "MOR", "017")]
    # without the "at" phrase the pattern does not apply: the block's code
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("celebrated", "celebrate", "VERB", 0, "root"),
            ("Eid", "Eid", "PROPN", 2, "obj"), ("with", "with", "ADP", 5, "case"),
            ("Mordor", "Mordor", "PROPN", 2, "obl")]
    assert _code(dicts, rows) == [("ARN", "MOR", "051")]


def test_subject_noun_and_negation(dicts):
    # "Gondor's death toll has risen in the dispute with Mordor." ({DEATH TOLL} *)
    rows = [("Gondor", "Gondor", "PROPN", 4, "nmod:poss"), ("'s", "'s", "PART", 1, "case"),
            ("death", "death", "NOUN", 4, "compound"), ("toll", "toll", "NOUN", 6, "nsubj"),
            ("has", "have", "AUX", 6, "aux"), ("risen", "rise", "VERB", 0, "root"),
            ("in", "in", "ADP", 9, "case"), ("the", "the", "DET", 9, "det"),
            ("dispute", "dispute", "NOUN", 6, "obl"), ("with", "with", "ADP", 11, "case"),
            ("Mordor", "Mordor", "PROPN", 9, "nmod")]
    # the target is in a prepositional phrase of the verb: PETRARCH's convention
    assert _code(dicts, rows) == []
    assert _code(dicts, rows, options=CodingOptions(oblique_targets=True)) == [
        ("GON", "MOR", "190")]
    # "Arnor did not clash with Gondor.": 110 negated is 050 in PETRARCH's ontology
    rows = [("Arnor", "Arnor", "PROPN", 4, "nsubj"), ("did", "do", "AUX", 4, "aux"),
            ("not", "not", "PART", 4, "advmod"), ("clash", "clash", "VERB", 0, "root"),
            ("with", "with", "ADP", 6, "case"), ("Gondor", "Gondor", "PROPN", 4, "obl")]
    assert dicts.negations == {"110": "050", "170": "057"}
    assert _code(dicts, rows) == [("ARN", "GON", "050")]
    rows = [("Arnor", "Arnor", "PROPN", 2, "nsubj"), ("clashed", "clash", "VERB", 0, "root"),
            ("with", "with", "ADP", 4, "case"), ("Gondor", "Gondor", "PROPN", 2, "obl")]
    assert _code(dicts, rows) == [("ARN", "GON", "110")]


def test_beside_keeps_eventcoder_entries():
    beside = load_petrarch(PDIR, combine="beside")
    own = load_language("en")
    assert beside.resources.actors[("arnor",)][0].code == "ARN"
    some_key = next(iter(own.actors))
    assert beside.resources.actors[some_key][0] == own.actors[some_key][0]
    assert len(beside.resources.verbs) > len(own.verbs)
    assert ("arnor",) not in own.actors  # the cached English resources are untouched
    with pytest.raises(ValueError, match="combine"):
        load_petrarch(PDIR, combine="merge")


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
    # A floor a little below today's figure (256/284), so that a regression in the coder
    # or the importer shows; raise it as the pass rate improves.
    assert result.passed / result.total >= 0.88
    by_id = result.records.set_index("id")
    # records passed by general rules (the reason each needs is in the comment)
    for rid in ("DEMO_14",       # a pattern noun in an infinitival complement ("vowed to wage war")
                "SYNSET_24b",    # an infinitive of purpose shares the subject ("inching nearer to accord")
                "PATTERN_28",    # a pattern noun as a conjunct of the object
                "COMPOUND_32",   # targets inside a phrase keep a source among their conjuncts
                "COMPOUND_17", "COMPOUND_19",  # the owner the text states for an office
                "AFP0808020593_1b"):  # raising in a reduced relative ("believed linked to")
        assert by_id.loc[rid, "passed"], (rid, by_id.loc[rid, "reason"])
    assert by_id.loc["ERROR_02", "reason"].startswith("PETRARCH expects an input error")
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


# --------------------------------------------------------------------------- complements
_WAGE_WAR = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("vowed", "vow", "VERB", 0, "root"),
             ("to", "to", "PART", 4, "mark"), ("wage", "wage", "VERB", 2, "xcomp"),
             ("war", "war", "NOUN", 4, "obj"), ("on", "on", "ADP", 7, "case"),
             ("Mordor", "Mordor", "PROPN", 4, "obl")]


@pytest.mark.parametrize("deprel", ["xcomp", "advcl"])
def test_pattern_noun_in_an_infinitival_complement(dicts, deprel):
    """VOW * WAR: "vowed to wage war on Mordor"; the complement's prepositional
    object is the target (UDPipe attaches such infinitives as advcl, too)."""
    rows = [r if r[0] != "wage" else ("wage", "wage", "VERB", 2, deprel) for r in _WAGE_WAR]
    assert _code(dicts, rows) == [("GON", "MOR", "190")]


def test_complement_verb_the_dictionary_knows_codes_itself(dicts):
    """"vowed to end the war with Mordor" is no declaration of war: "end" has an entry,
    so its object is not taken as the noun of VOW * WAR."""
    rows = [("end", "end", "VERB", 2, "xcomp") if r[0] == "wage" else
            ("with", "with", "ADP", 7, "case") if r[0] == "on" else r for r in _WAGE_WAR]
    codes = {code for _, _, code in _code(dicts, rows)}
    assert "190" not in codes and "0874" in codes


def test_particle_pattern_on_an_infinitive(dicts):
    """BEGIN * (TO QUESTION): "began to question Mordor" (the complement is the noun,
    "to" its marker; the complement's object is the target)."""
    rows = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("began", "begin", "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"), ("question", "question", "VERB", 2, "xcomp"),
            ("Mordor", "Mordor", "PROPN", 4, "obj")]
    assert _code(dicts, rows) == [("GON", "MOR", "110")]
    without_to = [r for r in rows if r[0] != "to"]
    assert without_to and _code(dicts, [(f, lem, u, h - (h > 3), d) for f, lem, u, h, d in without_to]) == []


def test_pattern_noun_as_a_conjunct_of_the_object(dicts):
    """LAUNCH * OFFENSIVE: "launched a bombing and shelling offensive against Mordor",
    parsed with "offensive" as a conjunct of "bombing" (PATTERN_28). A named first
    conjunct keeps the plain reading (case pud-achaemenid-troops-conquered)."""
    rows = [("Gondor", "Gondor", "PROPN", 2, "nsubj"), ("launched", "launch", "VERB", 0, "root"),
            ("a", "a", "DET", 4, "det"), ("bombing", "bombing", "NOUN", 2, "obj"),
            ("and", "and", "CCONJ", 7, "cc"), ("shelling", "shelling", "NOUN", 7, "compound"),
            ("offensive", "offensive", "NOUN", 4, "conj"), ("against", "against", "ADP", 9, "case"),
            ("Mordor", "Mordor", "PROPN", 4, "nmod")]
    assert _code(dicts, rows) == [("GON", "MOR", "190")]


# --------------------------------------------------------------------------- stated office
@pytest.mark.parametrize("words,expected", [
    (["Gondor", "'s", "minister", "Calimehtar"], "GONGOV"),  # the office the text states
    (["minister", "Calimehtar"], "CALGOV"),                 # no owner named: the dictionary's
    (["Gondor", "'s", "Calimehtar"], "CAL"),                # no office named: the dictionary's
])
def test_stated_owner_of_an_office_beats_a_bare_name_entry(dicts, words, expected):
    """CALIMEHTAR is filed under Calenardhon with no office; "Gondor's minister
    Calimehtar" is Gondor's government (COMPOUND_17/19)."""
    rows, head = [], len(words)
    for i, w in enumerate(words, start=1):
        if w == "'s":
            rows.append((w, w, "PART", i - 1, "case"))
        elif w == "Gondor":
            rows.append((w, w, "PROPN", head, "nmod:poss"))
        elif w == "minister":
            rows.append((w, w, "NOUN", head, "compound"))
        else:
            rows.append((w, w, "PROPN", head + 1, "nsubj"))
    rows += [("accused", "accuse", "VERB", 0, "root"), ("Mordor", "Mordor", "PROPN", head + 1, "obj")]
    assert _code(dicts, rows) == [(expected, "MOR", "112")]


def test_raising_in_a_reduced_relative(dicts):
    """BELIEVE * LINKED: "a Gondor minister believed linked to Mordor" says the minister is linked
    (AFP0808020593_1b); a past participle with no such predicate takes no source."""
    conllu = ("# newdoc id = t\n# sent_id = 1\n"
              "1\tA\ta\tDET\t_\t_\t3\tdet\t_\t_\n"
              "2\tGondor\tGondor\tPROPN\t_\t_\t3\tcompound\t_\t_\n"
              "3\tminister\tminister\tNOUN\t_\t_\t8\tnsubj:pass\t_\t_\n"
              "4\tbelieved\tbelieve\tVERB\tVBN\tTense=Past|VerbForm=Part\t3\tacl\t_\t_\n"
              "5\tlinked\tlink\tVERB\tVBN\tTense=Past|VerbForm=Part\t4\txcomp\t_\t_\n"
              "6\tto\tto\tADP\t_\t_\t7\tcase\t_\t_\n"
              "7\tMordor\tMordor\tPROPN\t_\t_\t5\tobl\t_\t_\n"
              "8\tarrived\tarrive\tVERB\t_\t_\t0\troot\t_\t_\n")
    doc = read_conllu(conllu)[0]
    events = dicts.negate(code_document(doc, dicts.resources))
    assert [(e.source, e.target, e.event_code) for e in events] == [("GONGOV", "MOR", "111")]
    plain = read_conllu(conllu.replace("linked\tlink", "seen\tsee"))[0]
    assert dicts.negate(code_document(plain, dicts.resources)) == []


def test_beside_leaves_the_shared_english_resources_alone():
    own = load_language("en")
    before = (len(own.actors), len(own.agents), len(own.verbs), dict(own.actor_first),
              dict(own.agent_last), own.max_actor_len)
    load_petrarch(PDIR, combine="beside")
    after = (len(own.actors), len(own.agents), len(own.verbs), dict(own.actor_first),
             dict(own.agent_last), own.max_actor_len)
    assert after == before
