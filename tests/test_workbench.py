"""The dictionary workbench: gaps found in parsed text, entries drafted and written in the
shipped formats, and the difference they make to the coding.

Sentences are literal UD parses (no model); names and verbs are ones no shipped or
PETRARCH/Phoenix dictionary has ("outflank", "Eriador Free Militia"), so the tests
keep their meaning while the shipped dictionaries grow. The last test runs the
real parser on the shared "In the news" blurbs.
"""

from __future__ import annotations

import pandas as pd
import pytest

import eventcoder as ec
from eventcoder import DictionaryError, read_conllu
from eventcoder import workbench as wb


def _doc(doc_id: str, *sentences: list[tuple], date: str = "2022-03-01") -> str:
    """CoNLL-U for one document from rows ``(form, lemma, upos, head, deprel[, misc])``."""
    out = [f"# newdoc id = {doc_id}", f"# date = {date}"]
    for n, rows in enumerate(sentences, start=1):
        out.append(f"# sent_id = {n}")
        for i, (form, lemma, upos, head, deprel, *misc) in enumerate(rows, start=1):
            out.append(f"{i}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t{misc[0] if misc else '_'}")
        out.append("")
    return "\n".join(out) + "\n"


OUTFLANK = [("Russia", "Russia", "PROPN", 2, "nsubj"), ("outflanked", "outflank", "VERB", 0, "root"),
            ("Ukraine", "Ukraine", "PROPN", 2, "obj", "SpaceAfter=No"), (".", ".", "PUNCT", 2, "punct")]
CONDEMN = [("Russia", "Russia", "PROPN", 2, "nsubj"), ("condemned", "condemn", "VERB", 0, "root"),
           ("Ukraine", "Ukraine", "PROPN", 2, "obj")]
MILITIA = [("The", "the", "DET", 4, "det"), ("Eriador", "Eriador", "PROPN", 4, "compound"),
           ("Free", "Free", "PROPN", 4, "compound"), ("Militia", "militia", "PROPN", 5, "nsubj"),
           ("attacked", "attack", "VERB", 0, "root"), ("Russia", "Russia", "PROPN", 5, "obj")]
HIJACKERS = [("Hijackers", "hijacker", "NOUN", 2, "nsubj"), ("stormed", "storm", "VERB", 0, "root"),
             ("Fornost", "Fornost", "PROPN", 2, "obj"), ("in", "in", "ADP", 5, "case"),
             ("March", "March", "PROPN", 2, "obl")]
WEATHER = [("The", "the", "DET", 2, "det"), ("storm", "storm", "NOUN", 3, "nsubj"),
           ("outflanked", "outflank", "VERB", 0, "root"), ("the", "the", "DET", 5, "det"),
           ("forecast", "forecast", "NOUN", 3, "obj")]


@pytest.fixture
def corpus():
    text = (_doc("a", OUTFLANK, CONDEMN) + _doc("b", OUTFLANK, MILITIA)
            + _doc("c", HIJACKERS, WEATHER))
    return read_conllu(text)


# -- (a) verbs --------------------------------------------------------------------------


def test_a_verb_no_pattern_codes_is_listed_with_its_actors(corpus):
    verbs = wb.uncoded_verbs(corpus, language="en")
    assert list(verbs.columns) == list(wb.UNCODED_VERB_COLUMNS)
    row = verbs.set_index("lemma").loc["outflank"]
    assert (row["count"], row["would_code"], row["with_both"], row["documents"]) == (2, 2, 2, 2)
    assert row["subjects"] == "Russia (RUS) ×2" and row["objects"] == "Ukraine (UKR) ×2"
    assert not row["in_dictionary"]
    assert row["examples"][0] == "Russia [outflanked] Ukraine."
    assert verbs["lemma"].iloc[0] == "outflank"  # most uses with actors on both sides: first


def test_coded_verbs_and_verbs_without_actors_are_not_listed(corpus):
    lemmas = set(wb.uncoded_verbs(corpus, language="en")["lemma"])
    assert "condemn" not in lemmas and "attack" not in lemmas  # coded
    occ = wb.verb_occurrences(corpus, language="en")
    # "the storm outflanked the forecast": no actor on either side
    assert "c" not in set(occ.loc[occ["lemma"] == "outflank", "doc_id"])


def test_a_verb_an_agent_noun_does_is_listed(corpus):
    occ = wb.verb_occurrences(corpus, language="en")
    storm = occ[occ["lemma"] == "storm"].iloc[0]
    assert (storm["source_kind"], storm["source_text"]) == ("agent_noun", "Hijackers")
    assert (storm["target_kind"], storm["target_text"]) == ("name", "Fornost")


@pytest.mark.parametrize("rows,lemma,source,target,prep", [
    # a prepositional object is the target, with its preposition
    ([("Russia", "Russia", "PROPN", 2, "nsubj"), ("wrangled", "wrangle", "VERB", 0, "root"),
      ("with", "with", "ADP", 4, "case"), ("Ukraine", "Ukraine", "PROPN", 2, "obl")],
     "wrangle", "RUS", "UKR", "with"),
    # a passive: the agent acts, the subject is acted on
    ([("Ukraine", "Ukraine", "PROPN", 3, "nsubj:pass"), ("was", "be", "AUX", 3, "aux:pass"),
      ("outflanked", "outflank", "VERB", 0, "root"), ("by", "by", "ADP", 5, "case"),
      ("Russia", "Russia", "PROPN", 3, "obl:agent")], "outflank", "RUS", "UKR", ""),
    # a passive the parser gave a plain subject: the subject is acted on, "by" names who acts
    ([("rebels", "rebel", "NOUN", 3, "nsubj"), ("are", "be", "AUX", 3, "aux:pass"),
      ("outflanked", "outflank", "VERB", 0, "root"), ("by", "by", "ADP", 5, "case"),
      ("Russia", "Russia", "PROPN", 3, "obl")], "outflank", "RUS", "---REB", ""),
    # an English particle follows the verb, as verbs.yaml writes it
    ([("Russia", "Russia", "PROPN", 2, "nsubj"), ("fended", "fend", "VERB", 0, "root"),
      ("off", "off", "ADP", 2, "compound:prt"), ("Ukraine", "Ukraine", "PROPN", 2, "obj")],
     "fend off", "RUS", "UKR", ""),
    # the tagger left the verb inflected: simplemma's lemma
    ([("Russia", "Russia", "PROPN", 2, "nsubj"), ("outflanks", "outflanks", "VERB", 0, "root"),
      ("Ukraine", "Ukraine", "PROPN", 2, "obj")], "outflank", "RUS", "UKR", ""),
    # the controller of an infinitive is its subject
    ([("Russia", "Russia", "PROPN", 2, "nsubj"), ("tried", "try", "VERB", 0, "root"),
      ("to", "to", "PART", 4, "mark"), ("outflank", "outflank", "VERB", 2, "xcomp"),
      ("Ukraine", "Ukraine", "PROPN", 4, "obj")], "outflank", "RUS", "UKR", ""),
])
def test_verb_arguments(rows, lemma, source, target, prep):
    occ = wb.verb_occurrences(read_conllu(_doc("x", rows)), language="en")
    row = occ[occ["lemma"] == lemma].iloc[0]
    assert (row["source"], row["target"], row["prep"]) == (source, target, prep)


def test_german_particles_join_the_lemma():
    rows = [("Russland", "Russland", "PROPN", 2, "nsubj"), ("drängte", "drängen", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 2, "obj"), ("ab", "ab", "ADP", 2, "compound:prt")]
    occ = wb.verb_occurrences(read_conllu(_doc("x", rows)), language="de")
    assert occ[["lemma", "source", "target_text", "trigger"]].values.tolist() == [
        ["abdrängen", "RUS", "Gondor", "drängte ab"]]


def test_speech_verbs_only_on_request():
    rows = [("Russia", "Russia", "PROPN", 2, "nsubj"), ("told", "tell", "VERB", 0, "root"),
            ("Ukraine", "Ukraine", "PROPN", 2, "obj")]
    docs = read_conllu(_doc("x", rows))
    assert wb.uncoded_verbs(docs, language="en").empty
    assert wb.uncoded_verbs(docs, language="en", speech_verbs=True)["lemma"].tolist() == ["tell"]


def test_ranking_counts_and_min_count(corpus):
    occ = wb.verb_occurrences(corpus, language="en")
    verbs = wb.uncoded_verbs(occ, language="en")  # from the occurrences: same frame
    pd.testing.assert_frame_equal(verbs, wb.uncoded_verbs(corpus, language="en"))
    assert verbs["count"].sum() == len(occ)
    assert wb.uncoded_verbs(occ, language="en", min_count=2)["lemma"].tolist() == ["outflank"]


def test_occurrences_render_with_show_events(corpus):
    occ = wb.verb_occurrences(corpus, language="en")
    html = ec.show_events(occ[occ["lemma"] == "outflank"]).to_html()
    assert '<mark class="ec-source"' in html and ">Russia</mark>" in html
    assert ">outflanked</mark>" in html and ">Ukraine</mark>" in html


# -- (b) actors ---------------------------------------------------------------------------


def test_unknown_names_and_agent_nouns_are_listed(corpus):
    actors = wb.uncoded_actors(corpus, language="en")
    assert list(actors.columns) == list(wb.UNCODED_ACTOR_COLUMNS)
    by_key = actors.set_index("key")
    militia = by_key.loc["eriador free militia"]
    assert (militia["kind"], militia["as_subject"], militia["file"]) == ("name", 1, "actors.tsv")
    assert militia["suggested_code"] == "---REB"  # what "Militia" gives it today
    assert militia["examples"] == ["The [Eriador Free Militia] attacked Russia"]
    hijacker = by_key.loc["hijacker"]
    assert (hijacker["kind"], hijacker["file"], hijacker["verbs"]) == ("agent_noun", "agents.tsv", "storm")
    assert by_key.loc["fornost", "as_object"] == 1
    assert {"russia", "ukraine", "march", "the"}.isdisjoint(by_key.index)  # known, a month, a word


def test_a_capitalised_common_word_is_not_a_name():
    title = [("The", "the", "DET", 3, "det"), ("Prime", "Prime", "PROPN", 3, "compound"),
             ("Minister", "minister", "PROPN", 4, "nsubj"), ("resigned", "resign", "VERB", 0, "root")]
    lower = [("The", "the", "DET", 2, "det"), ("prime", "prime", "ADJ", 3, "amod"),
             ("suspect", "suspect", "NOUN", 4, "nsubj"), ("fled", "flee", "VERB", 0, "root")]
    alone = wb.uncoded_actors(read_conllu(_doc("x", title)), language="en")
    assert alone["key"].tolist() == ["prime minister"]  # one sentence: it could be a name
    both = wb.uncoded_actors(read_conllu(_doc("x", title, lower)), language="en")
    assert "prime minister" not in set(both["key"])  # the corpus writes "prime" in lower case


def test_actor_occurrences_mark_phrase_and_verb(corpus):
    occ = wb.actor_occurrences(corpus, language="en", kinds=["name"])
    row = occ[occ["key"] == "eriador free militia"].iloc[0]
    assert (row["relation"], row["verb"], row["trigger"], row["source_span"]) == (
        "nsubj", "attack", "attacked", "2-4")
    assert ">Eriador Free Militia</mark>" in ec.show_events(occ).to_html()
    with pytest.raises(ValueError, match="unknown kind"):
        wb.actor_occurrences(corpus, language="en", kinds=["place"])


# -- (c) drafts and writing ---------------------------------------------------------------


@pytest.mark.parametrize("call,message", [
    (lambda: wb.draft_verbs({"outflank": "999"}), "draft verb 'outflank': '999' is not a CAMEO event code"),
    (lambda: wb.draft_verbs({"outflank": 190}), "not a CAMEO event code"),
    (lambda: wb.draft_actors({"Eriador Free Militia": "erireb"}), "upper-case"),
    (lambda: wb.draft_actors({"Eriador Free Militia": "ERIREB"}, kind="militia"), "unknown kind"),
    (lambda: wb.draft_actors({"Arvedui": "ARNGOV"}, kind="person", start="2020-01-01", end="2019-01-01"),
     "not after start"),
    (lambda: wb.draft_actors({"Arvedui": "ARNGOV"}, start="1 May 2020"), "YYYY-MM-DD"),
    (lambda: wb.draft_agents({"hijacker": "hijack"}), "3-letter code"),
    (lambda: wb.draft_agents({"hijacker\tx": "REB"}), "tab"),
])
def test_bad_drafts_are_refused(call, message):
    with pytest.raises(DictionaryError, match=message):
        call()


def test_drafts_from_frames_and_options():
    picks = pd.DataFrame({"lemma": ["outflank", "wrangle"], "code": ["190", "1"]})
    with pytest.raises(DictionaryError, match="'wrangle': '1'"):
        wb.draft_verbs(picks)
    picks["code"] = ["190", "193"]
    verbs = wb.draft_verbs(picks, target_preps={"wrangle": ["with"]}, one_sided={"outflank": True})
    assert verbs[["lemma", "code", "target_preps", "one_sided"]].values.tolist() == [
        ["outflank", "190", (), True], ["wrangle", "193", ("with",), False]]
    actors = wb.draft_actors(pd.DataFrame({"phrase": ["Arvedui"], "code": ["ARNGOV"], "kind": ["person"],
                                           "start": ["1974-01-01"]}))
    assert actors.loc[0, ["kind", "start", "end"]].tolist() == ["person", "1974-01-01", ""]


def test_written_entries_load_and_code(tmp_path):
    folder = tmp_path / "mine"
    report = wb.write_dictionary(folder, language="en", verbs=wb.draft_verbs({"outflank": "190"}),
                                 actors=wb.draft_actors({"Eriador Free Militia": "ERIREB"}),
                                 agents=wb.draft_agents({"hijacker|hijackers": "REB"}))
    assert report[["file", "entry", "code", "status"]].values.tolist() == [
        ["verbs.yaml", "outflank", "190", "added"], ["actors.tsv", "Eriador Free Militia", "ERIREB", "added"],
        ["agents.tsv", "hijacker|hijackers", "REB", "added"]]
    assert sorted(p.name for p in folder.iterdir()) == ["actors.tsv", "agents.tsv", "verbs.yaml"]
    for row in report.itertuples():  # the reported line is where the entry starts
        lines = (folder / row.file).read_text().splitlines()
        assert row.entry.split("|")[0] in "\n".join(lines[row.line - 1:row.line + 1])
    assert (folder / "verbs.yaml").read_text().splitlines()[2:4] == [
        '- code: "190"', '  lemmas: ["outflank"]']
    res = ec.load_language("en", dictionaries=[folder])
    assert res.agent_role("hijackers") == "REB"
    assert res.actors[("eriador", "free", "militia")][0].code == "ERIREB"
    events = ec.code_conllu(_doc("a", OUTFLANK, MILITIA), language="en", dictionaries=[folder])
    assert events[["source", "target", "event_code"]].values.tolist() == [
        ["RUS", "UKR", "190"], ["ERIREB", "RUS", "190"]]
    assert events.loc[0, "pattern"] == "mine/verbs.yaml#1"


def test_writing_again_replaces_in_place_and_keeps_comments(tmp_path):
    folder = tmp_path / "mine"
    wb.write_dictionary(folder, language="en", verbs=wb.draft_verbs({"outflank": "190", "wrangle": "193"}))
    verbs = folder / "verbs.yaml"
    verbs.write_text(verbs.read_text().replace("- code: \"193\"", "# my own note\n- code: \"193\""))
    report = wb.write_dictionary(folder, language="en",
                                 verbs=wb.draft_verbs({"outflank": "195", "rebuff": "120"}))
    assert report[["entry", "status"]].values.tolist() == [["outflank", "replaced"], ["rebuff", "added"]]
    text = verbs.read_text()
    assert "# my own note" in text and text.count("outflank") == 1 and '"195"' in text
    entries = wb.read_dictionary(folder)["verbs"]
    assert entries[["lemmas", "code"]].values.tolist() == [
        [("outflank",), "195"], [("wrangle",), "193"], [("rebuff",), "120"]]
    assert entries["line"].tolist() == [3, 7, 10]


def test_a_write_that_breaks_the_folder_is_undone(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "verbs.yaml").write_text('- code: "190"\n  lemmas: [outflank, outmanoeuvre]\n')
    before = (folder / "verbs.yaml").read_text()
    with pytest.raises(DictionaryError, match=r"verbs.yaml, line 3 \(entry 2\).*duplicate verb 'outflank'"):
        wb.write_dictionary(folder, language="en", verbs=wb.draft_verbs({"outflank": "191"}),
                            actors=wb.draft_actors({"Eriador Free Militia": "ERIREB"}))
    assert (folder / "verbs.yaml").read_text() == before
    assert not (folder / "actors.tsv").exists()


def test_keeping_a_draft_copies_its_entries(tmp_path):
    draft, mine = tmp_path / "draft", tmp_path / "mine"
    wb.write_dictionary(draft, language="en", verbs=wb.draft_verbs({"outflank": "190"}),
                        actors=wb.draft_actors({"Arvedui": "ARNGOV"}, kind="person", start="1974-01-01"))
    wb.write_dictionary(mine, language="en", agents=wb.draft_agents({"hijacker": "REB"}))
    report = wb.write_dictionary(mine, language="en", **wb.read_dictionary(draft))
    assert set(report["status"]) == {"added"}
    kept = wb.read_dictionary(mine)
    assert set(kept) == {"verbs", "actors", "agents"}
    assert kept["actors"].loc[0, ["phrase", "code", "kind", "start"]].tolist() == [
        "Arvedui", "ARNGOV", "person", "1974-01-01"]


# -- (d) the difference -------------------------------------------------------------------


def test_a_drafted_verb_codes_new_events(corpus, tmp_path):
    draft = tmp_path / "draft"
    wb.write_dictionary(draft, language="en", verbs=wb.draft_verbs({"outflank": "190"}))
    diff = wb.compare_coding(corpus, language="en", dictionaries=[draft])
    assert list(diff.columns) == list(wb.DIFF_COLUMNS)
    gained = diff[diff["change"] == "gained"]
    assert gained[["doc_id", "source", "target", "event_code", "trigger"]].values.tolist() == [
        ["a", "RUS", "UKR", "190", "outflanked"], ["b", "RUS", "UKR", "190", "outflanked"]]
    assert set(gained["pattern"]) == {"draft/verbs.yaml#1"}
    assert diff.attrs["summary"] == {"gained": 2, "lost": 0, "changed": 0, "same": 2}
    assert diff.attrs["dictionaries"]["draft"][0]["files"] == ["verbs.yaml"]
    assert diff.attrs["dictionaries"]["baseline"] == []
    assert ">outflanked</mark>" in ec.show_events(diff).to_html()
    # the storm that outflanked a forecast has no actors: still nothing
    assert "c" not in set(diff["doc_id"])


def test_a_drafted_actor_changes_and_loses_events(corpus, tmp_path):
    draft = tmp_path / "draft"
    wb.write_dictionary(draft, language="en",
                        actors=wb.draft_actors({"Eriador Free Militia": "ERIREB", "Ukraine": "RUS"}))
    diff = wb.compare_coding(corpus, language="en", dictionaries=draft, include_same=True)
    changed = diff[diff["change"] == "changed"].iloc[0]
    assert (changed["source"], changed["was_source"], changed["event_code"]) == ("ERIREB", "---REB", "190")
    lost = diff[diff["change"] == "lost"]  # "Russia condemned Ukraine" is now RUS on RUS: no event
    assert lost[["doc_id", "source", "target", "event_code"]].values.tolist() == [["a", "RUS", "UKR", "111"]]
    assert set(diff["change"]) == {"changed", "lost"}  # no event stays the same
    assert diff.attrs["summary"] == {"gained": 0, "lost": 1, "changed": 1, "same": 0}


def test_baseline_folders_are_in_both_codings(corpus, tmp_path):
    mine, draft = tmp_path / "mine", tmp_path / "draft"
    wb.write_dictionary(mine, language="en", verbs=wb.draft_verbs({"outflank": "190"}))
    wb.write_dictionary(draft, language="en", verbs=wb.draft_verbs({"outflank": "195"}))
    diff = wb.compare_coding(corpus, language="en", dictionaries=[draft], baseline=[mine])
    assert diff[["change", "event_code", "was_event_code"]].drop_duplicates().values.tolist() == [
        ["changed", "195", "190"]]


# -- on real text -------------------------------------------------------------------------


@pytest.mark.stanza
def test_workbench_on_in_the_news_blurbs(shared, tmp_path):
    """Real news: a verb the lists show, drafted, codes new events."""
    from eventcoder.datasets import load_corpus

    shared("corpora", "itn_wikipedia_in_the_news_de_en.jsonl")
    blurbs = load_corpus("itn_wikipedia_in_the_news_de_en.jsonl")
    blurbs = blurbs[blurbs["language"] == "en"].head(80)
    docs = wb.parse_corpus(blurbs, language="en", progress=False)
    verbs = wb.uncoded_verbs(docs, language="en")
    assert len(verbs) > 5
    top = verbs.iloc[0]
    assert top["would_code"] > 0  # some verb is used between two coded actors
    draft = tmp_path / "draft"
    wb.write_dictionary(draft, language="en", verbs=wb.draft_verbs({top["lemma"]: "040"}))
    diff = wb.compare_coding(docs, language="en", dictionaries=draft)
    # would_code counts uses between two coded actors; the coder still drops pairs it never
    # codes (the same actor twice: "Houston defeats Philadelphia" is USA -> USA)
    assert 1 <= diff.attrs["summary"]["gained"] <= top["would_code"]
    assert set(diff.loc[diff["change"] == "gained", "event_code"]) == {"040"}
    actors = wb.uncoded_actors(docs, language="en")
    assert (actors["kind"] == "name").any()
