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
