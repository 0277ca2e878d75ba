"""Event dates from temporal expressions (eventcoder.temporal).

The tables ``cases/temporal_de.yaml`` and ``cases/temporal_en.yaml`` hold real
phrases from the UD treebanks with their gold trees cut down to the trigger and
its time words; the seed article's dates and the clause rules are tested on the
seed fixture and on a few hand-written trees.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventcoder.conllu import Sentence, Word, read_conllu
from eventcoder.temporal import EventDate, load_temporal, resolve_event_date

CASES = Path(__file__).parent / "cases"
FIXTURES = Path(__file__).parent / "fixtures"


def sentence_from(words: str | list[str], sent_id: str = "1") -> Sentence:
    """Build a sentence from ``FORM/LEMMA/UPOS/HEAD/DEPREL[/FEATS]`` items (a string),
    or from a list of ``"FORM LEMMA UPOS HEAD DEPREL [FEATS]"`` rows."""
    rows = [w.split("/") for w in words.split()] if isinstance(words, str) else [
        w.split() for w in words]
    out = []
    for i, row in enumerate(rows, start=1):
        form, lemma, upos, head, deprel, *rest = row
        feats = dict(f.split("=", 1) for f in rest[0].split("|")) if rest else {}
        out.append(Word(i, form, lemma, upos, feats=feats, head=int(head), deprel=deprel))
    return Sentence(id=sent_id, text=" ".join(w.form for w in out), words=out)


def _table(language: str) -> list[dict]:
    return yaml.safe_load((CASES / f"temporal_{language}.yaml").read_text(encoding="utf-8"))


def _params(language: str):
    return [pytest.param(case, id=f"{case['source'].split()[-1]}@{case['article_date']}")
            for case in _table(language)]


@pytest.mark.parametrize("language", ["de", "en"])
def test_tables_are_big_enough(language):
    table = _table(language)
    assert len(table) >= 40
    assert sum(1 for c in table if c["phrase"]) >= 30  # mostly resolved phrases
    assert sum(1 for c in table if not c["phrase"]) >= 8  # and traps


def _check(case: dict, language: str) -> None:
    sentence = sentence_from(case["words"])
    got = resolve_event_date(sentence, case["trigger"], case["article_date"], language)
    assert (got.date, got.precision) == (case["date"], case["precision"]), case["source"]
    assert got.phrase == case["phrase"]
    if not case["phrase"]:
        assert got.date == case["article_date"] and got.word_ids == ()


@pytest.mark.parametrize("case", _params("de"))
def test_temporal_de(case):
    _check(case, "de")


@pytest.mark.parametrize("case", _params("en"))
def test_temporal_en(case):
    _check(case, "en")


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed():
    doc = read_conllu(FIXTURES / "de_seed.conllu")[0]
    return {s.id: s for s in doc.sentences}, doc.metadata["date"]


def _trigger(sentence: Sentence, form: str) -> int:
    return next(w.id for w in sentence.words if w.form == form)


@pytest.mark.parametrize(("sent_id", "trigger", "date", "precision", "phrase"), [
    ("4", "besuchte", "2023-07-01", "month", "im Juli"),  # Shoigu's visit
    ("4", "traf", "2023-07-01", "month", "im Juli"),  # conjoined: takes the visit's date
    ("8", "beschuldigte", "2022-01-01", "year", "Im vergangenen Jahr"),
    ("8", "verschiffen", "2022-01-01", "year", "Im vergangenen Jahr"),  # xcomp
    ("27", "führte", "2006-01-01", "year", "2006"),  # the first nuclear test
    ("29", "legten", "2022-01-01", "year", "Im letzten Jahr"),
    ("2", "äußerte", "2023-08-30", "day", "am Mittwoch"),
    ("19", "verurteilte", "2023-08-30", "day", "am Mittwoch"),
    # embedded clause: dated by the clause that reports it
    ("18", "abfeuerte", "2023-08-30", "day", "Am Mittwoch"),
    # "früher in dieser Woche" -> the article's week (Monday 28 August)
    ("20", "sagte", "2023-08-28", "week", "in dieser Woche"),
    # a quote dated by its reporting clause "..., sagte Jean-Pierre am Mittwoch."
    ("24", "rufen", "2023-08-30", "day", "am Mittwoch"),
    # no expression in the clause or above it: the article date
    ("4", "versucht", "2023-08-30", "day", ""),
    ("20", "geäußert", "2023-08-30", "day", ""),
])
def test_seed_article(seed, sent_id, trigger, date, precision, phrase):
    sentences, article = seed
    assert article == "2023-08-30"
    sentence = sentences[sent_id]
    got = resolve_event_date(sentence, _trigger(sentence, trigger), article, "de")
    assert (got.date, got.precision, got.phrase) == (date, precision, phrase)


# "Nach dem ersten Treffen zwischen Trump und Kim im Jahr 2018 erklärten die beiden
# Länder in einer gemeinsamen Erklärung, ..." (the seed article; parse as GSD would).
TRUMP_KIM = (
    "Nach/nach/ADP/4/case dem/der/DET/4/det ersten/erster/ADJ/4/amod "
    "Treffen/Treffen/NOUN/12/obl zwischen/zwischen/ADP/6/case Trump/Trump/PROPN/4/nmod "
    "und/und/CCONJ/8/cc Kim/Kim/PROPN/6/conj in/in/ADP/10/case Jahr/Jahr/NOUN/4/nmod "
    "2018/2018/NUM/10/nmod erklärten/erklären/VERB/0/root die/der/DET/15/det "
    "beiden/beide/NUM/15/nummod Länder/Land/NOUN/12/nsubj"
)
# "Während eines Gipfeltreffens ... in diesem Monat verpflichteten sich die USA ..."
SUMMIT = (
    "Während/während/ADP/3/case eines/ein/DET/3/det Gipfeltreffens/Gipfeltreffen/NOUN/7/obl "
    "in/in/ADP/6/case diesem/dieser/DET/6/det Monat/Monat/NOUN/3/nmod "
    "verpflichteten/verpflichten/VERB/0/root sich/sich/PRON/7/obj die/der/DET/10/det "
    "USA/USA/PROPN/7/nsubj"
)


def test_seed_trump_kim_meeting_2018():
    got = resolve_event_date(sentence_from(TRUMP_KIM), 12, "2023-08-30", "de")
    assert (got.date, got.precision, got.phrase) == ("2018-01-01", "year", "in Jahr 2018")
    assert got.word_ids == (9, 10, 11)


def test_seed_summit_this_month():
    got = resolve_event_date(sentence_from(SUMMIT), 7, dt.date(2023, 8, 30), "de")
    assert (got.date, got.precision, got.phrase) == ("2023-08-01", "month", "in diesem Monat")


def test_multiword_tokens_give_the_written_phrase(seed):
    sentences, article = seed
    got = resolve_event_date(sentences["4"], _trigger(sentences["4"], "besuchte"), article, "de")
    assert got.phrase == "im Juli" and got.word_ids == (31, 32, 33)


# ------------------------------------------------------------------- clause rules

# "Am Mittwoch sagte X, dass Y im Juli angriff": each clause keeps its own date.
TWO_CLAUSES = (
    "Am/an/ADP/2/case Mittwoch/Mittwoch/NOUN/3/obl sagte/sagen/VERB/0/root "
    "Kiew/Kiew/PROPN/3/nsubj ,/,/PUNCT/10/punct dass/dass/SCONJ/10/mark "
    "Russland/Russland/PROPN/10/nsubj im/in/ADP/9/case Juli/Juli/NOUN/10/obl "
    "angriff/angreifen/VERB/3/ccomp"
)


def test_each_clause_keeps_its_own_expression():
    sentence = sentence_from(TWO_CLAUSES)
    said = resolve_event_date(sentence, 3, "2023-08-30", "de")
    attacked = resolve_event_date(sentence, 10, "2023-08-30", "de")
    assert (said.date, said.phrase) == ("2023-08-30", "Am Mittwoch")
    assert (attacked.date, attacked.precision, attacked.phrase) == ("2023-07-01", "month",
                                                                    "im Juli")


def test_auxiliary_or_particle_as_trigger_reads_the_verb(seed):
    sentences, article = seed
    s = sentences["27"]  # "Nordkorea führte 2006 seinen ersten Atomwaffentest durch"
    got = resolve_event_date(s, _trigger(s, "durch"), article, "de")
    assert got.date == "2006-01-01"


# "Russia will attack on Friday": future clauses point forward.
FUTURE = ("Russia/Russia/PROPN/3/nsubj will/will/AUX/3/aux attack/attack/VERB/0/root "
          "on/on/ADP/5/case Friday/Friday/PROPN/3/obl:unmarked")


@pytest.mark.parametrize(("words", "trigger", "article", "date"), [
    (FUTURE, 3, "2023-08-30", "2023-09-01"),  # Wednesday -> the coming Friday
    (FUTURE, 3, "2023-09-01", "2023-09-01"),  # on the day itself
    (FUTURE.replace("will/will/AUX/3/aux", "did/do/AUX/3/aux"), 3, "2023-08-30",
     "2023-08-25"),
])
def test_weekday_direction(words, trigger, article, date):
    assert resolve_event_date(sentence_from(words), trigger, article, "en").date == date


# ------------------------------------------------------------ without article date

IN_JULY = "im/in/ADP/2/case Juli/Juli/NOUN/3/obl besuchte/besuchen/VERB/0/root"
IN_2006 = "2006/2006/NUM/2/obl führte/führen/VERB/0/root"


def test_no_article_date():
    assert resolve_event_date(sentence_from(IN_JULY), 3, None, "de") == EventDate()
    got = resolve_event_date(sentence_from(IN_2006), 2, None, "de")
    assert (got.date, got.precision, got.phrase) == ("2006-01-01", "year", "2006")
    bare = sentence_from("führte/führen/VERB/0/root")
    assert resolve_event_date(bare, 1, "", "de") == EventDate()
    assert resolve_event_date(bare, 1, "2023-08-30", "de") == EventDate("2023-08-30", "day")


@pytest.mark.parametrize(("words", "language"), [
    ("2/2/NUM/2/nummod Raketen/Rakete/NOUN/3/obj feuerte/feuern/VERB/0/root", "de"),
    ("1.000/1.000/NUM/2/nummod Soldaten/Soldat/NOUN/3/obj schickte/schicken/VERB/0/root", "de"),
    ("2000/2000/NUM/2/nummod Soldaten/Soldat/NOUN/3/obj schickte/schicken/VERB/0/root", "de"),
    ("sent/send/VERB/0/root 2000/2000/NUM/3/nummod troops/troop/NOUN/1/obj", "en"),
    ("rose/rise/VERB/0/root to/to/ADP/3/case 2020/2020/NUM/1/obl", "en"),
])
def test_numbers_that_are_not_years(words, language):
    sentence = sentence_from(words)
    trigger = next(w.id for w in sentence.words if w.upos == "VERB")
    assert resolve_event_date(sentence, trigger, "2023-08-30", language).phrase == ""


def test_errors_and_lexicon():
    with pytest.raises(IndexError):
        resolve_event_date(sentence_from(IN_JULY), 9, "2023-08-30", "de")
    with pytest.raises(FileNotFoundError, match="xx"):
        load_temporal("xx")
    bare = sentence_from("führte/führen/VERB/0/root")
    assert resolve_event_date(bare, 1, "2023-08-30", "xx") == EventDate("2023-08-30", "day")
    assert load_temporal("en").weekdays["wednesday"] == 2
    assert load_temporal("de").unit_plural["wochen"] == "week"


# ------------------------------------------------ phrase shapes (hand-written trees)


@pytest.mark.parametrize(("language", "words", "date", "precision"), [
    ("en", "said/say/VERB/0/root earlier/early/ADV/1/advmod this/this/DET/4/det "
           "week/week/NOUN/2/obl:unmarked", "2023-08-28", "week"),
    ("de", "am/an/ADP/2/case 15.08.2023/15.08.2023/NUM/3/obl "
           "unterzeichnet/unterzeichnen/VERB/0/root", "2023-08-15", "day"),
    ("en", "signed/sign/VERB/0/root on/on/ADP/4/case Aug./August/PROPN/4/compound "
           "15/15/NUM/1/obl", "2023-08-15", "day"),
    ("en", "signed/sign/VERB/0/root on/on/ADP/3/case 2023-08-15/2023-08-15/NUM/1/obl",
     "2023-08-15", "day"),
    ("de", "vor/vor/ADP/3/case einem/ein/DET/3/det Jahr/Jahr/NOUN/4/obl "
           "begann/beginnen/VERB/0/root", "2022-01-01", "year"),
    ("en", "a/a/DET/2/det year/year/NOUN/3/obl:unmarked ago/ago/ADV/4/advmod "
           "began/begin/VERB/0/root", "2022-01-01", "year"),
    ("de", "vor/vor/ADP/3/case drei/drei/NUM/3/nummod Tagen/Tag/NOUN/4/obl "
           "griff/greifen/VERB/0/root", "2023-08-27", "day"),
    ("en", "attacked/attack/VERB/0/root three/three/NUM/3/nummod "
           "days/day/NOUN/4/obl:unmarked ago/ago/ADV/1/advmod", "2023-08-27", "day"),
    ("de", "gestern/gestern/ADV/3/advmod Abend/Abend/NOUN/1/nmod traf/treffen/VERB/0/root",
     "2023-08-29", "day"),
    ("de", "am/an/ADP/2/case Montag/Montag/NOUN/5/obl vergangener/vergangen/ADJ/4/amod "
           "Woche/Woche/NOUN/2/nmod traf/treffen/VERB/0/root", "2023-08-21", "day"),
    ("en", "will/will/AUX/2/aux meet/meet/VERB/0/root next/next/ADJ/4/amod "
           "week/week/NOUN/2/obl:unmarked", "2023-09-04", "week"),
    ("de", "Ende/Ende/NOUN/3/obl Juli/Juli/NOUN/1/nmod kam/kommen/VERB/0/root",
     "2023-07-01", "month"),
    ("de", "findet/finden/VERB/0/root/Tense=Pres im/in/ADP/3/case Oktober/Oktober/NOUN/1/obl "
           "statt/statt/ADP/1/compound:prt", "2023-10-01", "month"),
    ("de", "fand/finden/VERB/0/root/Tense=Past im/in/ADP/3/case Oktober/Oktober/NOUN/1/obl "
           "statt/statt/ADP/1/compound:prt", "2022-10-01", "month"),
    ("en", "in/in/ADP/3/case the/the/DET/3/det past/past/ADJ/4/amod "
           "years/year/NOUN/5/obl/Number=Plur grew/grow/VERB/0/root", "2023-08-30", "day"),
    ("en", "two/two/NUM/2/nummod weeks/week/NOUN/3/obl:unmarked later/late/ADV/4/advmod "
           "attacked/attack/VERB/0/root", "2023-08-30", "day"),
    # present tense: the nearest Friday (Wednesday article -> two days ahead)
    ("de", "beginnt/beginnen/VERB/0/root/Tense=Pres am/an/ADP/3/case "
           "Freitag/Freitag/NOUN/1/obl", "2023-09-01", "day"),
    ("de", "begann/beginnen/VERB/0/root/Tense=Past am/an/ADP/3/case "
           "Freitag/Freitag/NOUN/1/obl", "2023-08-25", "day"),
    ("en", "surrendered/surrender/VERB/0/root in/in/ADP/3/case October/October/PROPN/1/obl "
           "1777/1777/NUM/3/nummod", "1777-10-01", "month"),
    # a holiday's name is not a weekday
    ("en", "shopped/shop/VERB/0/root on/on/ADP/4/case Black/Black/ADJ/4/amod "
           "Friday/Friday/PROPN/1/obl", "2023-08-30", "day"),
])
def test_phrase_shapes(language, words, date, precision):
    sentence = sentence_from(words)
    trigger = next(w.id for w in sentence.words if w.deprel == "root")
    got = resolve_event_date(sentence, trigger, "2023-08-30", language)
    assert (got.date, got.precision) == (date, precision)
