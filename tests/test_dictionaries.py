"""Dictionary loading: the shipped files validate; broken rows name file and row."""

from __future__ import annotations

import pytest

from eventcoder import DictionaryError, UnknownLanguageError, load_language
from eventcoder.dictionaries import (
    LanguageResources,
    available_languages,
    load_actor_table,
    load_agent_table,
    load_rules,
    load_verb_table,
)
from eventcoder.resources_path import resource_dir


@pytest.fixture
def empty_de():
    return LanguageResources(rules=load_rules(resource_dir("de") / "lang.yaml"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_shipped_dictionaries_load(language):
    res = load_language(language)
    assert len(res.actors) > 200 and len(res.agents) > 5 and len(res.verbs) > 5
    assert res.language == language


def test_languages_are_discovered():
    assert {"de", "en"} <= set(available_languages())


@pytest.mark.parametrize("bad", ["xx", "", None, "klingon"])
def test_unknown_language(bad):
    with pytest.raises(UnknownLanguageError):
        load_language(bad)


@pytest.mark.parametrize(
    "text,message",
    [
        ("phrase\tcode\tkind\nrussland\trus\tcountry\n", "upper-case"),
        ("phrase\tcode\tkind\nrussland\tRUS\tplanet\n", "unknown kind"),
        ("phrase\tcode\tkind\tstart\n\tRUS\tcountry\t\n", "empty phrase"),
        ("phrase\tcode\tkind\tstart\tend\nputin\tRUSGOV\tperson\t2012-13-01\t\n", "YYYY-MM-DD"),
        ("phrase\tcode\tkind\tstart\tend\nputin\tRUSGOV\tperson\t2012-01-01\t2011-01-01\n", "not after"),
        ("phrase\tcode\tkind\nputin\tRUSGOV\tperson\textra\tfields\n", "fields"),
        ("phrase\tkind\nputin\tperson\n", "lacks column"),
    ],
)
def test_broken_actor_rows(tmp_path, empty_de, text, message):
    path = tmp_path / "actors.tsv"
    path.write_text("# a comment\n" + text, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as err:
        load_actor_table(path, empty_de)
    assert "actors.tsv" in str(err.value)
    assert "line" in str(err.value)


def test_broken_agent_row_names_line(tmp_path, empty_de):
    path = tmp_path / "agents.tsv"
    path.write_text("phrase\trole\nmilitär\tMIL\narmee\tmilitary\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"agents.tsv, line 3: role"):
        load_agent_table(path, empty_de)


@pytest.mark.parametrize(
    "text,message",
    [
        ("- code: 130\n  lemmas: [warnen]\n", "must be quoted"),
        ('- code: "999"\n  lemmas: [warnen]\n', "not a CAMEO event code"),
        ('- code: "130"\n', "'lemmas' is required"),
        ('- code: "130"\n  lemmas: [warnen]\n  colour: red\n', "unknown key"),
        ('- code: "130"\n  lemmas: {a: b}\n', "list of strings"),
        ('- code: "130"\n  lemmas: [warnen]\n  one_sided: maybe\n', "true or false"),
        ("- [warnen]\n", "expected a mapping"),
        ("- code: [\n", "not valid YAML"),
        ('- code: "130"\n  lemmas: [warnen]\n  note: a\n  note: b\n', "'note' given twice"),
        ('- code: "141"\n  lemmas: [marschieren]\n  intransitive: yes\n', "true or false"),
    ],
)
def test_broken_verb_entries(tmp_path, empty_de, text, message):
    path = tmp_path / "verbs.yaml"
    path.write_text('- code: "111"\n  lemmas: [verurteilen]\n' + text, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as err:
        load_verb_table(path, empty_de, prefix="test")
    assert "verbs.yaml" in str(err.value)


def test_broken_entry_number_is_named(tmp_path, empty_de):
    path = tmp_path / "verbs.yaml"
    path.write_text('- code: "111"\n  lemmas: [verurteilen]\n- code: "7"\n  lemmas: [x]\n')
    with pytest.raises(DictionaryError, match="entry 2"):
        load_verb_table(path, empty_de, prefix="test")


def test_yaml_on_stays_a_preposition(tmp_path, empty_de):
    path = tmp_path / "verbs.yaml"
    path.write_text('- code: "163"\n  lemmas: [impose]\n  nouns: [sanction]\n  target_preps: [on, no]\n')
    load_verb_table(path, empty_de, prefix="t")
    assert empty_de.verbs["impose"][0].target_preps == ("on", "no")


def test_adjectives_are_inflected(empty_de, tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("phrase\tcode\tkind\nnordkoreanisch\tPRK\tadj\n", encoding="utf-8")
    load_actor_table(path, empty_de)
    for form in ("nordkoreanische", "nordkoreanischen", "nordkoreanischer", "nordkoreanisch"):
        assert (form,) in empty_de.actors


def test_cldr_country_names_are_there():
    de, en = load_language("de"), load_language("en")
    assert de.actors[("frankreich",)][0].code == "FRA"
    assert en.actors[("south", "korea")][0].code == "KOR"
    assert de.actors[("rumänien",)][0].code == "ROM"  # CAMEO differs from ISO here


def test_compound_agent_heads():
    de = load_language("de")
    assert de.agent_role("Verteidigungsminister") == "GOV"
    assert load_language("en").agent_role("Verteidigungsminister") is None


def test_shipped_resources_are_read_only():
    from eventcoder.errors import FrozenResourcesError

    res = load_language("en")
    assert res.frozen
    with pytest.raises(FrozenResourcesError, match="read-only"):
        res.add_agent("warlord", "REB")
    with pytest.raises(FrozenResourcesError):
        res.agents = {}
    with pytest.raises(TypeError):
        res.verbs["x"] = ()
    with pytest.raises(TypeError):
        res.temporal.months["x"] = 1


def test_a_copy_extends_without_touching_the_shared_resources():
    own = load_language("en")
    mine = own.copy()
    mine.add_agent("warlord", "REB")
    mine.add_actor("arnor", own.actors[("russia",)][0])
    assert mine.agent_role("warlord") == "REB" and own.agent_role("warlord") is None
    assert ("arnor",) not in own.actors and "arnor" not in own.actor_first
    assert mine.temporal is own.temporal


# -- user dictionaries --------------------------------------------------------------------
# A folder of actors.tsv / agents.tsv / people.tsv / verbs.yaml layered over the shipped
# dictionaries. Every broken file names the file and the line; the coding functions
# check the folders before they read any input.

_SENTENCE = ("1\tThe\tthe\tDET\t_\t_\t4\tdet\t_\t_\n"
             "2\tEriador\tEriador\tPROPN\t_\t_\t4\tcompound\t_\t_\n"
             "3\tFree\tFree\tPROPN\t_\t_\t4\tcompound\t_\t_\n"
             "4\tMilitia\tmilitia\tPROPN\t_\t_\t5\tnsubj\t_\t_\n"
             "5\toutflanked\toutflank\tVERB\t_\t_\t0\troot\t_\t_\n"
             "6\tRussia\tRussia\tPROPN\t_\t_\t5\tobj\t_\t_\n")


def _folder(tmp_path, name="mine", **files):
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def militia(tmp_path):
    """A local militia (actor) and a verb the shipped dictionaries do not have."""
    return _folder(tmp_path, actors_tsv="phrase\tcode\tkind\tstart\tend\tnote\n"
                   "Eriador Free Militia\tERIREB\tgroup\t\t\ta local militia\n",
                   verbs_yaml='- code: "190"\n  lemmas: [outflank]\n  note: user verb\n')


def test_user_actor_and_verb_code_new_events(militia):
    from eventcoder import code_conllu

    assert code_conllu(_SENTENCE, language="en").empty  # the shipped dictionaries alone
    events = code_conllu(_SENTENCE, language="en", dictionaries=[militia])
    assert events[["source", "source_text", "target", "event_code", "pattern"]].values.tolist() == [
        ["ERIREB", "Eriador Free Militia", "RUS", "190", "mine/verbs.yaml#1"]]


def test_user_entries_win_over_shipped_ones(tmp_path):
    from eventcoder import code_conllu

    condemn = ("1\tRussia\tRussia\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
               "2\tcondemned\tcondemn\tVERB\t_\t_\t0\troot\t_\t_\n"
               "3\tKyiv\tKyiv\tPROPN\t_\t_\t2\tobj\t_\t_\n")
    assert code_conllu(condemn, language="en")[["target", "event_code"]].values.tolist() == [["UKR", "111"]]
    mine = _folder(tmp_path, verbs_yaml='- code: "112"\n  lemmas: [condemn]\n',
                   actors_tsv="phrase\tcode\tkind\nKyiv\tUKRGOV\tcapital\n")
    events = code_conllu(condemn, language="en", dictionaries=[mine])
    assert events[["target", "event_code", "pattern"]].values.tolist() == [
        ["UKRGOV", "112", "mine/verbs.yaml#1"]]
    # the user entry replaces the shipped one for the bare verb, not the light-verb entries
    mine_express = _folder(tmp_path, "express", verbs_yaml='- code: "010"\n  lemmas: [express]\n')
    patterns = load_language("en", dictionaries=[mine_express]).verbs["express"]
    assert [p.id for p in patterns if not p.nouns] == ["express/verbs.yaml#1"]
    assert any(p.code == "012" and "concern" in p.nouns for p in patterns)


def test_later_folders_win_ties(tmp_path, militia):
    from eventcoder import code_conllu

    other = _folder(tmp_path, "other", actors_tsv="phrase\tcode\tkind\nEriador Free Militia\tERIMIL\tgroup\n")
    for order, code in (([militia, other], "ERIMIL"), ([other, militia], "ERIREB")):
        assert code_conllu(_SENTENCE, language="en", dictionaries=order)["source"].tolist() == [code]


@pytest.mark.parametrize("file,text,message", [
    # bad CAMEO code
    ("verbs.yaml", '- code: "190"\n  lemmas: [outflank]\n- code: "999"\n  lemmas: [rebuff]\n',
     r"verbs.yaml, line 3 \(entry 2\): '999' is not a CAMEO event code"),
    ("verbs.yaml", '- code: 190\n  lemmas: [outflank]\n',
     r"verbs.yaml, line 1 \(entry 1\): code 190 must be quoted"),
    ("actors.tsv", "phrase\tcode\tkind\nEriador Free Militia\terireb\tgroup\n",
     "actors.tsv, line 2: actor code must be upper-case"),
    ("agents.tsv", "phrase\trole\nhijacker\tREBEL\n", "agents.tsv, line 2: role must be a 3-letter code"),
    # unknown column, unknown key
    ("actors.tsv", "phrase\tcode\tkind\tstrat\nArvedui\tARNGOV\tperson\t1974-01-01\n",
     r"actors.tsv, line 1: unknown column\(s\) \['strat'\] \(the columns are phrase, names, code"),
    ("agents.tsv", "phrase\trole\tcountry\nhijacker\tREB\tARN\n",
     r"agents.tsv, line 1: unknown column\(s\) \['country'\]"),
    ("people.tsv", "names\tcode\tkind\tstart\tend\tnote\tnote\nArvedui\tARNGOV\tperson\t\t\t\t\n",
     r"people.tsv, line 1: column\(s\) \['note'\] given twice"),
    ("verbs.yaml", '- code: "190"\n  lemma: [outflank]\n',
     r"verbs.yaml, line 1 \(entry 1\): unknown key\(s\) \['lemma'\]"),
    # duplicate key
    ("actors.tsv",
     "phrase\tcode\tkind\nEriador Free Militia\tERIREB\tgroup\n# x\neriador free militia\tERIMIL\tgroup\n",
     "actors.tsv, line 4: duplicate phrase 'eriador free militia': line 2 names it for overlapping dates"),
    ("people.tsv", "names\tcode\tkind\tstart\tend\nArvedui|King Arvedui\tARNGOV\tperson\t1974-01-01\t\n"
     "Arvedui\tARNELI\tperson\t1980-01-01\t\n", "people.tsv, line 3: duplicate phrase 'Arvedui': line 2"),
    ("agents.tsv", "phrase\trole\nhijacker|hijackers\tREB\nhijackers\tCRM\n",
     "agents.tsv, line 3: duplicate phrase 'hijackers' \\(line 2 gives it already\\)"),
    ("verbs.yaml", '- code: "190"\n  lemmas: [outflank]\n- code: "191"\n  lemmas: [outflank, rebuff]\n',
     r"verbs.yaml, line 3 \(entry 2\) \(code 191\): duplicate verb 'outflank': line 1 \(entry 1\) lists it"),
    ("verbs.yaml", '- code: "190"\n  lemmas: [outflank]\n  note: a\n  note: b\n',
     r"verbs.yaml: not valid YAML: key 'note' given twice \(lines 3 and 4\)"),
    # bad date range, bad date
    ("people.tsv", "names\tcode\tkind\tstart\tend\nArvedui\tARNGOV\tperson\t1975-01-01\t1974-01-01\n",
     "people.tsv, line 2: end 1974-01-01 is not after start 1975-01-01"),
    ("actors.tsv", "phrase\tcode\tkind\tstart\tend\nArvedui\tARNGOV\tperson\t1974\t\n",
     "actors.tsv, line 2: date must be YYYY-MM-DD, got '1974'"),
    # a file under another name
    ("actor.tsv", "phrase\tcode\tkind\nArvedui\tARNGOV\tperson\n",
     "actor.tsv: not a dictionary file name \\(a user dictionary folder holds any of actors.tsv"),
])
def test_user_dictionary_errors_name_file_and_line(tmp_path, file, text, message):
    folder = _folder(tmp_path, **{file.replace(".", "_"): text})
    with pytest.raises(DictionaryError, match=message) as err:
        load_language("en", dictionaries=[folder])
    assert str(folder / file) in str(err.value)


def test_the_same_phrase_for_other_dates_is_fine(tmp_path):
    folder = _folder(tmp_path, people_tsv="names\tcode\tkind\tstart\tend\n"
                     "Arvedui\tARNGOV\tperson\t1974-01-01\t1980-01-01\nArvedui\tARNELI\tperson\t1980-01-01\t\n")
    res = load_language("en", dictionaries=[folder])
    assert [e.code for e in res.actors[("arvedui",)]] == ["ARNGOV", "ARNELI"]


@pytest.mark.parametrize("setup,message", [
    (lambda tmp: tmp / "nowhere", "nowhere: user dictionary folder not found"),
    (lambda tmp: _folder(tmp, "empty"), "empty: no dictionary file in it"),
    (lambda tmp: _folder(tmp, "readme", README_md="notes\n"), "readme: no dictionary file in it"),
])
def test_missing_and_empty_folders(tmp_path, setup, message):
    with pytest.raises(DictionaryError, match=message):
        load_language("en", dictionaries=[setup(tmp_path)])


def test_shipped_files_stay_lenient_about_repeats(tmp_path, empty_de):
    """The strict checks are for user folders: shipped tables list variants freely."""
    path = tmp_path / "agents.tsv"
    path.write_text("phrase\trole\tsource\nmilitär\tMIL\tx\nmilitär\tMIL\ty\n", encoding="utf-8")
    assert load_agent_table(path, empty_de) == 2


@pytest.mark.parametrize("entry", ["code_conllu", "code_articles", "code_parsed", "code_stream"])
def test_a_broken_dictionary_stops_a_run_before_it_starts(tmp_path, entry):
    import eventcoder as ec

    broken = _folder(tmp_path, verbs_yaml='- code: "999"\n  lemmas: [outflank]\n')
    calls = {
        "code_conllu": lambda: ec.code_conllu(_SENTENCE, language="en", dictionaries=[broken]),
        "code_articles": lambda: ec.code_articles(_write(tmp_path / "in.conllu", _SENTENCE),
                                                  language="en", dictionaries=[broken], progress=False),
        "code_parsed": lambda: ec.code_parsed(ec.read_conllu(_SENTENCE), language="en",
                                              dictionaries=[broken]),
        "code_stream": lambda: ec.code_stream([_write(tmp_path / "in.conllu", _SENTENCE)], language="en",
                                              output=tmp_path / "out.csv", dictionaries=[broken]),
    }
    with pytest.raises(DictionaryError, match=r"verbs.yaml, line 1 \(entry 1\): '999' is not a CAMEO"):
        calls[entry]()
    assert not (tmp_path / "out.csv").exists()


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_dictionary_stops_the_cli(tmp_path, capsys):
    from eventcoder.cli import main

    broken = _folder(tmp_path, agents_tsv="phrase\trole\nhijacker\tREBEL\n")
    source = _write(tmp_path / "in.conllu", _SENTENCE)
    code = main(["code", str(source), "--language", "en", "--dictionary", str(broken),
                 "--output", str(tmp_path / "out.csv"), "--quiet"])
    assert code != 0
    assert "agents.tsv, line 2: role must be a 3-letter code" in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()


def test_the_cli_codes_with_user_dictionaries(tmp_path, militia):
    from eventcoder.cli import main

    source = _write(tmp_path / "in.conllu", _SENTENCE)
    out = tmp_path / "out.csv"
    assert main(["code", str(source), "--language", "en", "--dictionary", str(militia),
                 "--output", str(out), "--quiet"]) == 0
    import pandas as pd

    events = pd.read_csv(out, dtype=str)
    assert events[["source", "target", "event_code"]].values.tolist() == [["ERIREB", "RUS", "190"]]


def test_frames_record_their_dictionaries(tmp_path, militia):
    import eventcoder as ec
    from eventcoder.dictionaries import dictionary_hash

    events = ec.code_conllu(_SENTENCE, language="en", dictionaries=[militia])
    assert events.attrs["dictionaries"] == [{"path": str(militia.resolve()),
                                             "files": ["actors.tsv", "verbs.yaml"],
                                             "hash": dictionary_hash((militia,))}]
    articles = ec.code_articles(_write(tmp_path / "in.conllu", _SENTENCE), language="en",
                                dictionaries=[militia], progress=False)
    assert articles.attrs["dictionaries"] == events.attrs["dictionaries"]
    assert ec.code_conllu(_SENTENCE, language="en").attrs["dictionaries"] == []


def test_the_hash_follows_the_content(tmp_path, militia):
    from eventcoder.dictionaries import dictionary_hash

    copy = _folder(tmp_path, "copy", **{f.name.replace(".", "_"): f.read_text() for f in militia.iterdir()})
    assert dictionary_hash((militia,)) == dictionary_hash((copy,))  # where it lies does not matter
    before = dictionary_hash((militia,))
    (militia / "verbs.yaml").write_text('- code: "191"\n  lemmas: [outflank]\n')
    assert dictionary_hash((militia,)) != before
    assert dictionary_hash((militia, copy)) != dictionary_hash((copy, militia))  # the order matters


@pytest.mark.stanza
def test_code_text_with_a_user_dictionary(militia):
    import eventcoder as ec

    text = "The Eriador Free Militia outflanked Russia near the border."
    events = ec.code_text(text, language="en", dictionaries=[militia])
    assert events[["source", "target", "event_code"]].values.tolist() == [["ERIREB", "RUS", "190"]]
    assert events.attrs["dictionaries"][0]["files"] == ["actors.tsv", "verbs.yaml"]


# --------------------------------------------------------------- generated (PETRARCH/Phoenix)
def test_generated_tables_are_loaded_under_ours():
    """The Phoenix tables add names and role nouns; the hand-made rows keep theirs."""
    import datetime as dt

    from eventcoder.actors import choose_entry

    en = load_language("en")
    assert en.actors[("essen",)][0].code == "DEU"          # a place: its country
    assert en.agents["school"] == "EDU"                    # a Phoenix role noun
    assert en.agents["police"] == "COP"                    # ours
    ours = en.actors[("xi", "jinping")]                    # in both: only ours
    assert ours and not any("phoenix" in e.source for e in ours)
    peters = en.actors[("winston", "peters")]
    assert choose_entry(peters, dt.date(2006, 6, 1)).code == "NZLGOV"
    assert choose_entry(peters, dt.date(2020, 1, 1)).code == "NZLELI"  # outside the office
    assert any(p.id.startswith("en/verbs_petrarch.yaml#") for p in en.verbs["cede"])


def test_generated_tables_fill_only_unknown_phrases(tmp_path):
    from eventcoder.dictionaries.compiled import load_tables

    res = LanguageResources(rules=load_rules(resource_dir("en") / "lang.yaml"))
    (tmp_path / "ours.tsv").write_text("phrase\tcode\tkind\narnor\tARN\tcountry\n")
    load_actor_table(tmp_path / "ours.tsv", res)
    gen = tmp_path / "gen.tsv"
    gen.write_text("phrase\tcode\tkind\tstart\tend\n# a comment\narnor|gondor\tGON\tcountry\t\t\n"
                   "aragorn\tGONGOV\tperson\t2001-01-01\t2010-01-01\n", encoding="utf-8")
    counts = load_tables({"actors": gen}, res, "en", cache_dir=tmp_path / "cache")
    assert counts == {"generated actors": 2}
    assert [e.code for e in res.actors[("arnor",)]] == ["ARN"]   # ours win
    assert res.actors[("gondor",)][0].code == "GON"
    assert res.actors[("aragorn",)][0].end.year == 2010
    assert res.actor_first["aragorn"] == 1


def test_compiled_cache_is_rebuilt_from_the_text(tmp_path):
    """The cache is JSON named by the files' hash: reused while they stay the same,
    rebuilt (and validated) when they change or the cache is damaged."""
    from eventcoder.dictionaries.compiled import load_tables

    def fresh():
        return LanguageResources(rules=load_rules(resource_dir("en") / "lang.yaml"))

    gen, cache = tmp_path / "agents.tsv", tmp_path / "cache"
    gen.write_text("phrase\trole\nwarlord|warlords\tREB\n", encoding="utf-8")
    res = fresh()
    assert load_tables({"agents": gen}, res, "en", cache_dir=cache) == {"generated agents": 2}
    files = list(cache.glob("en-*.json"))
    assert len(files) == 1 and files[0].read_text().startswith("{")
    files[0].write_text("{not json")                      # damaged: rebuilt from the text
    assert load_tables({"agents": gen}, fresh(), "en", cache_dir=cache) == {"generated agents": 2}
    gen.write_text("phrase\trole\nwarlord\tREBEL\n", encoding="utf-8")   # changed: validated
    with pytest.raises(DictionaryError, match="agents.tsv, line 2"):
        load_tables({"agents": gen}, fresh(), "en", cache_dir=cache)


def _build_module():
    import importlib.util

    path = resource_dir().parents[1] / "scripts" / "build_english_dictionaries.py"
    spec = importlib.util.spec_from_file_location("build_english_dictionaries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_converts_and_counts(tmp_path):
    """A tiny PETRARCH/Phoenix folder: what is converted, and what is dropped and counted."""
    build = _build_module()
    src, out, ud = tmp_path / "petrarch", tmp_path / "out", tmp_path / "ud"
    for folder in (src, out / "en", out / "common", ud):
        folder.mkdir(parents=True)
    (src / "Phoenix.Countries.actors.txt").write_text(
        "ARNOR_ [ARN]\n+ANNUMINAS_\n"
        "ELENDIL_THE_TALL_\n\t[ARNGOV 20010101-20050101]\n\t[ARNELI]\n"
        "ARVEDUI_OF_ARNOR_\n\t[ARNGOV >20100101]\n"
        "ELENDIL_\n\t[ARNGOV 20010101-20050101]\n", encoding="utf-8")
    (src / "Phoenix.International.actors.txt").write_text("WHITE_COUNCIL_ [IGOWHC]\n")
    (src / "Phoenix.MilNonState.actors.txt").write_text("ORCS_OF_MORIA_ [MORREB]\n")
    (src / "Phoenix.agents.txt").write_text(
        "RANGER [~MIL]\nHOBBIT [~PPL]\nWIZARD_COUNCIL [~GOVDEV]\n", encoding="utf-8")
    (src / "CAMEO.2.0.txt").write_text(
        "---  CEDE   [080]  ---\nCEDE\n- * TERRITORY  [0874]\n", encoding="utf-8")
    report = build.build(src, ud, families=(), out=out, bare=frozenset({("080", "cede")}))
    actors = (out / "en" / "actors_phoenix.tsv").read_text()
    people = (out / "common" / "people_phoenix.tsv").read_text()
    agents = (out / "en" / "agents_phoenix.tsv").read_text()
    verbs = (out / "en" / "verbs_petrarch.yaml").read_text()
    assert "GENERATED by scripts/build_english_dictionaries.py" in actors
    assert "annuminas|arnor\tARN\tcountry" in actors and "IGOWHC\tigo" in actors
    assert "orcs of moria\tMORREB\tgroup" in actors
    assert "elendil the tall\tARNGOV\tperson\t2001-01-01\t2005-01-02" in people
    assert "arvedui of arnor\tARNGOV\tperson\t2010-01-02\t2014-01-30" in people  # open: ended
    assert "ranger|rangers\tMIL" in agents and "wizard council|wizard councils\tGOV" in agents
    assert "hobbit" not in agents and 'lemmas: ["cede"]' in verbs and "0874" not in verbs
    dropped = report["actors dropped"]
    assert dropped["undated ELI row of a person (implied outside the offices)"] == 1
    assert dropped["one-word name of a person (a first or family name alone)"] == 1
    assert report["agents dropped"]["role that is no CAMEO primary role (PPL)"] == 2  # +plural
    assert report["verbs dropped"]["noun pattern of a family not selected (measured, see docs)"] == 1


# ------------------------------------------------------------- targets table (issue 15)
def test_target_rules_are_shipped_for_every_language():
    for language in ("de", "en"):
        rules = load_language(language).target_rules
        assert rules.may_stand_alone("141") and rules.may_stand_alone("150")
        assert not rules.may_stand_alone("190") and not rules.may_stand_alone("155")
        assert rules.is_domestic("173") and rules.is_domestic("1411")
        assert not rules.is_domestic("190") and not rules.is_domestic("170")
    assert all(why for _, _, why in rules.reasons)


@pytest.mark.parametrize("text,message", [
    ('one_sided:\n  - code: "14"\n', "say 'why'"),
    ('one_sided:\n  - code: "99"\n    why: x\n', "not a quoted CAMEO event code"),
    ('one_sided:\n  - code: 14\n    why: x\n', "not a quoted CAMEO event code"),
    ('domestic:\n  - code: "173"\n    why: x\n  - code: "173"\n    why: y\n', "given twice"),
    ('both_sided:\n  - code: "14"\n    why: x\n', "must map"),
])
def test_broken_target_rules(tmp_path, text, message):
    from eventcoder.dictionaries import load_target_rules

    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_target_rules(path)


def _picketed(dictionaries=()):
    from eventcoder import read_conllu
    from eventcoder.coding import code_sentence

    text = ("1\tRussia\tRussia\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
            "2\tpicketed\tpicket\tVERB\t_\t_\t0\troot\t_\t_\n")
    sent = read_conllu(text)[0].sentences[0]
    res = load_language("en", dictionaries=dictionaries)
    return [(e.source, e.target, e.event_code) for e in code_sentence(sent, res)]


@pytest.mark.parametrize("flag,expected", [
    ("", [("RUS", "", "141")]),                 # the table: a protest may stand alone
    ("  one_sided: false\n", []),               # the verb overrides it: needs a target
])
def test_verb_one_sided_overrides_the_table(tmp_path, flag, expected):
    (tmp_path / "verbs.yaml").write_text(f'- code: "141"\n  lemmas: [picket]\n{flag}', encoding="utf-8")
    assert _picketed([tmp_path]) == expected
