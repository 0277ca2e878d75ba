"""Actors in context: a role without a country takes the article's country, flagged."""

from __future__ import annotations

import pytest

from eventcoder import events_to_frame, load_language, read_conllu
from eventcoder.coding import CodingOptions, code_document
from eventcoder.coding.context_country import article_country


def _doc(*sentences: str):
    """A document from sentences written as 'word/upos/head/deprel' tokens."""
    blocks = []
    for n, sentence in enumerate(sentences, start=1):
        rows = [f"# sent_id = s{n}"]
        for i, token in enumerate(sentence.split(), start=1):
            form, upos, head, rel = token.split("/")
            rows.append(f"{i}\t{form}\t{form.lower()}\t{upos}\t_\t_\t{head}\t{rel}\t_\t_")
        blocks.append("\n".join(rows) + "\n")
    return read_conllu("\n".join(blocks))[0]


POLICE = "The/DET/2/det police/NOUN/3/nsubj arrested/VERB/0/root protesters/NOUN/3/obj ./PUNCT/3/punct"


@pytest.fixture(scope="module")
def en():
    return load_language("en")


def test_one_country_named_apart_from_the_event(en):
    doc = _doc("Protests/NOUN/0/root continued/VERB/1/acl in/ADP/4/case France/PROPN/2/obl",
               POLICE)
    assert article_country(doc, en) == "FRA"
    events = code_document(doc, en)
    assert [(e.source, e.target, e.event_code) for e in events] == [("FRACOP", "FRACVL", "173")]
    frame = events_to_frame(events)
    assert frame[["source_inferred", "target_inferred"]].dtypes.tolist() == [bool, bool]
    assert frame["source_inferred"].all() and frame["target_inferred"].all()


def test_a_dateline_names_the_country(en):
    doc = _doc("PARIS/PROPN/0/root -/PUNCT/1/punct The/DET/4/det police/NOUN/5/nsubj "
               "arrested/VERB/1/parataxis protesters/NOUN/5/obj Germans/PROPN/5/obl")
    assert article_country(doc, en) == "FRA"   # Germans are named too: the dateline decides


def test_two_countries_or_none_leave_the_role_alone(en):
    two = _doc("France/PROPN/0/root and/CCONJ/3/cc Spain/PROPN/1/conj", POLICE)
    assert article_country(two, en) == ""
    events = code_document(_doc(POLICE), en)
    assert [(e.source, e.target) for e in events] == [("---COP", "---CVL")]
    assert not any(e.source_inferred or e.target_inferred for e in events)


def test_the_country_of_the_other_side_is_not_the_roles(en):
    """'The minister travelled to Morocco': Morocco is the other side of the event."""
    doc = _doc("The/DET/2/det minister/NOUN/3/nsubj visited/VERB/0/root Morocco/PROPN/3/obj")
    events = code_document(doc, en)
    assert [(e.source, e.target) for e in events] == [("---GOV", "MAR")]


def test_can_be_switched_off(en):
    doc = _doc("Protests/NOUN/0/root in/ADP/3/case France/PROPN/1/nmod", POLICE)
    events = code_document(doc, en, options=CodingOptions(context_country=False))
    assert [(e.source, e.target) for e in events] == [("---COP", "---CVL")]
