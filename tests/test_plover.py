"""CAMEO -> PLOVER mapping and PLOVER-style records."""

from __future__ import annotations

import json

import pytest

from eventcoder.cameo import load_cameo
from eventcoder.events import Event, events_to_frame
from eventcoder.plover import (
    PLOVER_EVENTS,
    plover_event,
    plover_json,
    plover_type,
    to_plover_records,
)

# (CAMEO code, PLOVER event type, PLOVER mode) from the 2021 CAMEO2PLOVER file
CASES = [
    ("03", "AGREE", ""),
    ("036", "AGREE", ""),
    ("042", "CONSULT", "visit"),
    ("043", "CONSULT", "visit"),
    ("051", "SUPPORT", ""),
    ("057", "SUPPORT", ""),
    ("061", "COOPERATE", ""),
    ("071", "AID", ""),
    ("081", "CONCEDE", ""),
    ("0871", "RETREAT", "ceasefire"),
    ("0813", "RETREAT", ""),
    ("08", "CONCEDE", ""),
    ("112", "ACCUSE", "disapprove"),
    ("111", "ACCUSE", "disapprove"),
    ("1011", "REQUEST", "assist"),
    ("125", "REJECT", "meet"),
    ("138", "THREATEN", "violence"),
    ("141", "PROTEST", "demo"),
    ("161", "SANCTION", "withdraw"),
    ("150", "MOBILIZE", ""),
    ("155", "MOBILIZE", ""),
    ("173", "COERCE", "arrest"),
    ("176", "COERCE", ""),
    ("1712", "ASSAULT", "seize"),
    ("175", "ASSAULT", "pro_autocracy"),
    ("190", "ASSAULT", ""),
    ("195", "ASSAULT", "heavy-weapons"),
    ("1951", "ASSAULT", ""),
    ("2042", "ASSAULT", "unconventional"),
    ("010", "", ""),
    ("020", "", ""),
    ("0241", "", ""),
]


@pytest.mark.parametrize(("code", "event", "mode"), CASES)
def test_plover_mapping(code, event, mode):
    assert plover_event(code) == event
    assert plover_type(code).mode == mode


def test_parent_fallback_and_unknown():
    assert plover_event("0459") == plover_event("045")  # no own row: parent's
    assert plover_event("999") == ""
    assert plover_event("") == ""


def test_every_cameo_code_outside_01_02_has_a_plover_type():
    missing = [c for c in load_cameo() if c[:2] not in ("01", "02") and not plover_event(c)]
    assert missing == []
    assert {plover_event(c) for c in load_cameo()} - {""} <= set(PLOVER_EVENTS)


def _event(code, **kw):
    base = dict(doc_id="seed", sentence_id="12", date="2023-08-30", source="USA",
                source_text="die USA", target="PRK", target_text="Nordkorea",
                event_code=code, event_name="x", root_code=code[:2], quad_class=3,
                goldstein=-2.0, trigger="beschuldigte",
                sentence="Im vergangenen Jahr beschuldigte die USA Nordkorea.", language="de")
    base.update(kw)
    return Event(**base)


def test_plover_records():
    frame = events_to_frame([
        _event("112", event_date="2022-01-01", date_precision="year",
               date_phrase="Im vergangenen Jahr", source_span="5-6", target_span="7",
               trigger_span="4", mode="asserted"),
        _event("010"),
        _event("190", mode="negated", target=""),
    ])
    records = to_plover_records(frame)
    assert [r["event"] for r in records] == ["ACCUSE", "ASSAULT"]
    first = records[0]
    assert first["date"] == "2022-01-01" and first["date_precision"] == "year"
    assert first["publication_date"] == "2023-08-30"
    assert first["spans"] == {"actor": "5-6", "recipient": "7", "trigger": "4"}
    assert first["cameo_code"] == "112" and first["actor"] == "USA"
    assert first["id"] == "seed:12:1" and records[1]["id"] == "seed:12:2"
    assert records[1]["modality"] == "negated" and records[1]["date"] == "2023-08-30"
    json.dumps(records)  # plain JSON types only
    assert len(to_plover_records(frame, include_unmapped=True)) == 3


def test_plover_json_lines_and_array():
    frame = events_to_frame([_event("112", sentence="Nordkorea äußerte Ärger."), _event("010")])
    text = plover_json(frame)
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["event"] for r in rows] == ["ACCUSE"]
    assert "Ärger" in text  # not escaped
    assert json.loads(plover_json(frame, lines=False, include_unmapped=True))[1]["event"] == ""
