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
