"""De-duplication of repeated event reports."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from eventcoder.dedupe import deduplicate
from eventcoder.events import Event, events_to_frame


def _ev(doc, sent, source, target, code, event_date, mode="asserted", date="2023-08-30"):
    return Event(doc_id=doc, sentence_id=sent, date=date, source=source, source_text=source,
                 target=target, target_text=target, event_code=code, event_name="",
                 root_code=code[:2], quad_class=4, goldstein=-9.5, trigger="t",
                 sentence="s", language="de", mode=mode, event_date=event_date)


# Each case: events (doc, sent, source, target, code, event_date[, mode]),
# options, expected (n_reports, reports) of the output rows in order.
CASES = {
    "same day, several articles": (
        [("a", "1", "PRK", "", "138", "2023-08-30"), ("b", "3", "PRK", "", "138", "2023-08-30"),
         ("c", "2", "PRK", "", "138", "2023-08-30")],
        {}, [(3, "a:1;b:3;c:2")]),
    "different target stays apart": (
        [("a", "1", "USA", "PRK", "112", "2023-08-30"),
         ("a", "2", "USA", "RUS", "112", "2023-08-30")],
        {}, [(1, "a:1"), (1, "a:2")]),
    "different code stays apart": (
        [("a", "1", "USA", "PRK", "112", "2023-08-30"),
         ("a", "2", "USA", "PRK", "111", "2023-08-30")],
        {}, [(1, "a:1"), (1, "a:2")]),
    "next day is a new event with 1D": (
        [("a", "1", "PRK", "", "138", "2023-08-29"), ("b", "1", "PRK", "", "138", "2023-08-30")],
        {}, [(1, "a:1"), (1, "b:1")]),
    "next day merges with 2D": (
        [("a", "1", "PRK", "", "138", "2023-08-29"), ("b", "1", "PRK", "", "138", "2023-08-30")],
        {"window": "2D"}, [(2, "a:1;b:1")]),
    "window anchored at first report": (
        [("a", "1", "PRK", "", "138", "2023-08-01"), ("a", "2", "PRK", "", "138", "2023-08-05"),
         ("a", "3", "PRK", "", "138", "2023-08-09")],
        {"window": "7D"}, [(2, "a:1;a:2"), (1, "a:3")]),
    "negated report is not the asserted event": (
        [("a", "1", "RUS", "UKR", "190", "2023-08-30"),
         ("a", "2", "RUS", "UKR", "190", "2023-08-30", "negated")],
        {}, [(1, "a:1"), (1, "a:2")]),
    "earliest report represents, provenance in input order": (
        [("b", "1", "USA", "PRK", "112", "2022-03-02"),
         ("a", "5", "USA", "PRK", "112", "2022-03-01")],
        {"window": "3D"}, [(2, "b:1;a:5")]),
    "one-a-day: calendar days": (
        [("a", "1", "PRK", "", "138", "2023-08-30"), ("b", "1", "PRK", "", "138", "2023-08-30"),
         ("c", "1", "PRK", "", "138", "2023-08-31")],
        {"one_a_day": True, "window": "30D"}, [(2, "a:1;b:1"), (1, "c:1")]),
    "no date: never merged": (
        [("a", "1", "PRK", "", "138", ""), ("b", "1", "PRK", "", "138", "")],
        {"date": "event_date"}, [(1, "a:1"), (1, "b:1")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_deduplicate(name):
    rows, options, expected = CASES[name]
    events = [_ev(*r[:6], **({"mode": r[6]} if len(r) > 6 else {})) for r in rows]
    if name == "no date: never merged":
        events = [_ev(*r[:6], date="") for r in rows]
    out = deduplicate(events_to_frame(events), **options)
    assert list(zip(out["n_reports"], out["reports"], strict=True)) == expected
    assert out.attrs["dedupe"]["before"] == len(rows)
    assert out.attrs["dedupe"]["after"] == len(expected)


def test_falls_back_to_document_date_and_logs(caplog):
    frame = events_to_frame([_ev("a", "1", "PRK", "", "138", ""),
                             _ev("b", "2", "PRK", "", "138", "")])
    with caplog.at_level(logging.INFO, logger="eventcoder.dedupe"):
        out = deduplicate(frame)
    assert out["n_reports"].tolist() == [2]
    assert "2 events -> 1" in caplog.text
    assert list(out.columns[: len(frame.columns)]) == list(frame.columns)


def test_input_untouched_and_errors():
    frame = events_to_frame([_ev("a", "1", "PRK", "", "138", "2023-08-30")] * 2)
    before = frame.copy()
    deduplicate(frame)
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(KeyError, match="no date column"):
        deduplicate(frame, date="when")
    with pytest.raises(KeyError, match="country"):
        deduplicate(frame, keys=["country"])
