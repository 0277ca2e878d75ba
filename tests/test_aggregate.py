"""Aggregation: hand-computed expectations on small event frames."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from eventcoder.aggregate import (
    SERIES_COLUMNS,
    add_dyads,
    dyad_matrix,
    dyad_summary,
    escalation_series,
    filter_events,
)
from eventcoder.cameo import actor_country, actor_role
from eventcoder.events import EVENT_COLUMNS, Event, events_to_frame

# CAMEO code -> (root, quad class, Goldstein)
_CODES = {"042": ("04", 1, 1.9), "057": ("05", 1, 8.0), "070": ("07", 2, 7.0),
          "112": ("11", 3, -2.0), "130": ("13", 3, -4.4), "190": ("19", 4, -10.0)}


def ev(date: str, source: str, target: str, code: str, *, mode: str = "asserted",
       event_date: str = "", doc: str = "doc", precision: str = "") -> Event:
    root, quad, gold = _CODES[code]
    return Event(doc, "1", date, source, source, target, target, code, code, root,
                 quad, gold, "verb", "sentence", "en", mode=mode, event_date=event_date,
                 date_precision=precision)

#: every period counts, whatever its n (the minimum-n rule is tested on its own)
ANY_N = {"min_events": 1, "min_texts": 1}


@pytest.fixture
def frame() -> pd.DataFrame:
    return events_to_frame([
        ev("2024-01-01", "USAGOV", "PRKGOV", "130"),   # Mon, week 1
        ev("2024-01-03", "USA", "PRK", "042"),         # week 1
        ev("2024-01-04", "PRKMIL", "USA", "190"),      # week 1, other direction
        # week 2 (Jan 8-14) has no events at all
        ev("2024-01-16", "USAGOV", "PRK", "112"),      # week 3
        ev("2024-01-16", "USAGOV", "PRK", "190", mode="negated"),
        ev("2024-01-17", "---GOV", "PRK", "057"),      # unknown country
        ev("2024-01-17", "RUS", "", "190"),            # one-sided
        ev("2024-01-18", "IGOUNOGOV", "PRK", "112"),
    ])


@pytest.mark.parametrize(("code", "country", "role"), [
    ("USAGOV", "USA", "GOV"), ("PRK", "PRK", ""), ("---GOV", "---", "GOV"),
    ("IGOUNO", "IGOUNO", ""), ("IGONATMIL", "IGONAT", "MIL"), ("NGO", "NGO", ""),
    ("", "", ""), ("USAGOVMIL", "USA", "GOV"),
])
def test_actor_country_and_role(code, country, role):
    assert actor_country(code) == country
    assert actor_role(code) == role


def test_add_dyads_directed_and_undirected(frame):
    directed = add_dyads(frame)
    assert directed["dyad"].tolist()[:3] == ["USA-PRK", "USA-PRK", "PRK-USA"]
    assert directed["dyad"].iloc[6] == ""  # one-sided event
    assert directed["dyad"].iloc[5] == "----PRK"
    undirected = add_dyads(frame, directed=False)
    assert undirected["dyad"].tolist()[:3] == ["PRK-USA"] * 3
    assert list(frame.columns) == list(EVENT_COLUMNS)  # input untouched


def test_filter_default_keeps_asserted_only(frame):
    assert len(filter_events(frame)) == 7
    assert len(filter_events(frame, modes=None)) == 8
    assert filter_events(frame, modes=("negated",))["event_code"].tolist() == ["190"]


def test_filter_countries_roles_quad_root_dates(frame):
    assert len(filter_events(frame, countries={"USA", "PRK"})) == 4
    assert len(filter_events(frame, sources=["USA"], source_roles=["GOV"])) == 2
    # role-less asserted targets: PRK, USA, PRK, PRK, "" (one-sided), PRK
    assert len(filter_events(frame, target_roles=[""])) == 6
    assert filter_events(frame, quad_classes=[4])["source"].tolist() == ["PRKMIL", "RUS"]
    assert len(filter_events(frame, root_codes=[11])) == 2
    assert len(filter_events(frame, start="2024-01-04", end="2024-01-16")) == 2


def test_filter_known_only_drops_unknown_countries(frame):
    kept = filter_events(frame, known_only=True)
    assert "---GOV" not in set(kept["source"]) and len(kept) == 6
    series = escalation_series(frame, known_only=True)
    assert "----PRK" not in set(series["dyad"])


def test_dyad_summary_leaves_out_self_dyads_and_counts_texts():
    frame = events_to_frame([ev("2024-01-01", "UKRGOV", "UKRMIL", "042", doc="a"),
                             ev("2024-01-01", "RUS", "UKR", "190", doc="a"),
                             ev("2024-01-02", "RUS", "UKRMIL", "190", doc="b")])
    table = dyad_summary(frame)
    assert table["dyad"].tolist() == ["RUS-UKR"]
    assert table.loc[0, "n_events"] == 2 and table.loc[0, "n_texts"] == 2
    assert dyad_summary(frame, self_dyads=True)["dyad"].tolist() == ["RUS-UKR", "UKR-UKR"]
    matrix = dyad_matrix(frame, value="n_events", countries=["RUS", "UKR"])
    assert pd.isna(matrix.loc["UKR", "UKR"])


def test_event_date_falls_back_to_article_date():
    frame = events_to_frame([ev("2024-02-10", "USA", "PRK", "190", event_date="2024-01-05"),
                             ev("2024-02-10", "USA", "PRK", "190")])
    stamps = add_dyads(frame, date="event_date")["timestamp"].dt.strftime("%Y-%m-%d")
    assert stamps.tolist() == ["2024-01-05", "2024-02-10"]
    with pytest.raises(ValueError, match="date must be"):
        add_dyads(frame, date="published")


def test_dyad_summary(frame):
    table = dyad_summary(frame).set_index("dyad")
    assert table.index.tolist() == ["USA-PRK", "----PRK", "IGOUNO-PRK", "PRK-USA"]
    usa = table.loc["USA-PRK"]
    assert usa["n_events"] == 3
    assert (usa["verbal_coop"], usa["material_coop"], usa["verbal_conflict"],
            usa["material_conflict"]) == (1, 0, 2, 0)
    assert usa["goldstein_sum"] == pytest.approx(-4.4 + 1.9 - 2.0)
    assert usa["goldstein_mean"] == pytest.approx(-4.5 / 3)
    assert usa["conflict_share"] == pytest.approx(2 / 3)
    assert usa["net_cooperation"] == -1
    assert table.loc["----PRK", "goldstein_mean"] == 8.0


def test_dyad_summary_empty():
    assert dyad_summary(events_to_frame([])).empty


def test_dyad_matrix_directed_and_symmetric(frame):
    matrix = dyad_matrix(frame, value="n_events", countries=["USA", "PRK"])
    assert matrix.loc["USA", "PRK"] == 3 and matrix.loc["PRK", "USA"] == 1
    assert pd.isna(matrix.loc["USA", "USA"])
    sym = dyad_matrix(frame, value="n_events", countries=["USA", "PRK"], directed=False)
    assert sym.loc["USA", "PRK"] == sym.loc["PRK", "USA"] == 4
    with pytest.raises(ValueError):
        dyad_matrix(frame, value="nonsense")


def test_escalation_series_weekly_with_empty_week(frame):
    series = escalation_series(frame, dyads=["USA-PRK"], window=2, **ANY_N)
    assert series["period"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-01", "2024-01-08", "2024-01-15"]
    assert series["n_events"].tolist() == [2, 0, 1]
    assert series["n_texts"].tolist() == [1, 0, 1]
    assert series["verbal_coop"].tolist() == [1, 0, 0]
    assert series["verbal_conflict"].tolist() == [1, 0, 1]
    assert series["goldstein_sum"].tolist() == pytest.approx([-2.5, 0.0, -2.0])
    # the empty week has no mean: NaN, not a "neutral" 0
    assert series["goldstein_mean"].tolist() == pytest.approx([-1.25, np.nan, -2.0],
                                                              nan_ok=True)
    assert series["conflict_share"].tolist() == pytest.approx([0.5, np.nan, 1.0], nan_ok=True)
    assert series["net_cooperation"].tolist() == [0, 0, -1]
    # volume-aware: -G / (n + 5)
    assert series["escalation"].tolist() == pytest.approx([2.5 / 7, np.nan, 2.0 / 6],
                                                          nan_ok=True)
    # window 2: -(sum Goldstein)/(sum events) over this and the previous week
    assert series["escalation_index"].tolist() == pytest.approx([1.25, 1.25, 2.0])
    assert set(series["source_country"]) == {"USA"}
    assert series["covered"].all() and not series["thin"].any()
    assert list(series.columns) == list(SERIES_COLUMNS)


def test_escalation_series_fill_zero_is_explicit(frame):
    series = escalation_series(frame, dyads=["USA-PRK"], fill=0, **ANY_N)
    assert series["goldstein_mean"].tolist() == pytest.approx([-1.25, 0.0, -2.0])
    assert series["n_events"].tolist() == [2, 0, 1]  # counts are never filled


def test_minimum_n_masks_thin_periods():
    events = [ev("2024-01-01", "RUS", "UKR", "190", doc="a"),
              ev("2024-01-02", "RUS", "UKR", "112", doc="b"),
              ev("2024-01-03", "RUS", "UKR", "042", doc="b"),
              ev("2024-01-08", "RUS", "UKR", "190", doc="c"),   # week 2: one event
              ev("2024-01-15", "RUS", "UKR", "190", doc="d"),   # week 3: 3 events, 1 text
              ev("2024-01-15", "RUS", "UKR", "190", doc="d"),
              ev("2024-01-15", "RUS", "UKR", "190", doc="d")]
    series = escalation_series(events_to_frame(events), dyads="RUS-UKR")  # 3 events, 2 texts
    assert series["thin"].tolist() == [False, True, True]
    assert series["goldstein_mean"].notna().tolist() == [True, False, False]
    assert series["goldstein_mean"].iloc[0] == pytest.approx((-10 - 2 + 1.9) / 3)
    loose = escalation_series(events_to_frame(events), dyads="RUS-UKR", min_events=1,
                              min_texts=1)
    assert loose["goldstein_mean"].tolist() == pytest.approx([-10.1 / 3, -10.0, -10.0])
    assert not loose["thin"].any()


def test_bootstrap_intervals_resample_texts():
    events = [ev("2024-01-01", "RUS", "UKR", "190", doc="a"),
              ev("2024-01-01", "RUS", "UKR", "190", doc="a"),
              ev("2024-01-02", "RUS", "UKR", "042", doc="b"),
              ev("2024-01-03", "RUS", "UKR", "112", doc="c"),
              ev("2024-01-09", "RUS", "UKR", "190", doc="d"),
              ev("2024-01-09", "RUS", "UKR", "190", doc="d"),
              ev("2024-01-09", "RUS", "UKR", "190", doc="d")]
    frame = events_to_frame(events)
    series = escalation_series(frame, dyads="RUS-UKR")
    week1 = series.iloc[0]
    for measure in ("goldstein_mean", "conflict_share", "escalation"):
        assert week1[f"{measure}_low"] <= week1[measure] <= week1[f"{measure}_high"]
        assert week1[f"{measure}_low"] < week1[f"{measure}_high"]
    # resampling texts: every replicate is a mixture of the texts' own means
    assert week1["goldstein_mean_low"] >= -10.0 and week1["goldstein_mean_high"] <= 1.9
    # week 2: enough events, one text: no interval (resampling one text shows no uncertainty)
    week2 = escalation_series(frame, dyads="RUS-UKR", min_texts=1).iloc[1]
    assert week2["goldstein_mean"] == -10.0 and np.isnan(week2["goldstein_mean_low"])
    # reproducible, and switched off with ci=None
    again = escalation_series(frame, dyads="RUS-UKR")
    assert again["goldstein_mean_low"].equals(series["goldstein_mean_low"])
    off = escalation_series(frame, dyads="RUS-UKR", ci=None)
    assert off["goldstein_mean_low"].isna().all()


def test_corpus_coverage_makes_counts_missing():
    frame = events_to_frame([ev("2024-01-02", "RUS", "UKR", "190", doc="a"),
                             ev("2024-01-23", "RUS", "UKR", "190", doc="b")])
    corpus = pd.DataFrame({"id": list("abc"), "date": ["2024-01-02", "2024-01-23", "2024-01-24"]})
    series = escalation_series(frame, dyads=["RUS-UKR"], corpus=corpus, start="2023-12-25",
                               **ANY_N)
    # weeks of Dec 25 (before the corpus), Jan 1, 8, 15 (no texts), 22
    assert series["covered"].tolist() == [False, True, False, False, True]
    assert series["corpus_texts"].tolist() == [0, 1, 0, 0, 2]
    assert series["n_events"].isna().tolist() == [True, False, True, True, False]
    assert series["goldstein_sum"].isna().tolist() == [True, False, True, True, False]
    filled = escalation_series(frame, dyads=["RUS-UKR"], corpus=corpus, fill=0, **ANY_N)
    assert filled["goldstein_mean"].isna().tolist() == [False, True, True, False]
    with pytest.raises(ValueError, match="date"):
        escalation_series(frame, corpus=pd.DataFrame({"id": ["a"]}))


def test_escalation_series_measures(frame):
    share = escalation_series(frame, dyads=[("USA", "PRK")], window=3, measure="conflict_share",
                              **ANY_N)
    assert share["escalation_index"].tolist() == pytest.approx([0.5, 0.5, 2 / 3])
    net = escalation_series(frame, dyads=["USA-PRK"], window=2, measure="net_cooperation",
                            **ANY_N)
    assert net["escalation_index"].tolist() == pytest.approx([0.0, 0.0, 0.5])
    with pytest.raises(ValueError):
        escalation_series(frame, measure="tension")


def test_escalation_series_all_dyads_share_the_grid(frame):
    series = escalation_series(frame)
    assert sorted(series["dyad"].unique()) == ["----PRK", "IGOUNO-PRK", "PRK-USA", "USA-PRK"]
    assert series.groupby("dyad").size().tolist() == [3, 3, 3, 3]
    assert series["n_events"].sum() == 6  # asserted dyadic events
    unknown = series[series["dyad"] == "----PRK"]
    assert unknown["n_events"].tolist() == [0, 0, 1]


def test_escalation_series_undirected_keeps_requested_order(frame):
    series = escalation_series(frame, dyads=["USA-PRK"], directed=False, modes=None)
    assert series["dyad"].iloc[0] == "USA-PRK"
    assert (series["source_country"].iloc[0], series["target_country"].iloc[0]) == ("USA", "PRK")
    assert series["n_events"].tolist() == [3, 0, 2]
    assert series["material_conflict"].tolist() == [1, 0, 1]
    assert series.attrs["directed"] is False


@pytest.mark.parametrize("dyads", ["RUS-UKR", ("RUS", "UKR"), "RUS→UKR", ["RUS–UKR"]])
def test_dyads_as_one_string_or_pair(dyads):
    frame = events_to_frame([ev("2024-03-05", "RUS", "UKR", "190")])
    series = escalation_series(frame, freq="M", dyads=dyads)
    assert series["dyad"].tolist() == ["RUS-UKR"]


@pytest.mark.parametrize(("dyads", "hint"), [
    (["Russia-Japan"], "did you mean 'RUS-JPN'"), ("RUS", "not 'SRC-TGT'"),
    (["RUS-Atlantis"], "country_code"),
])
def test_dyad_names_raise_with_a_hint(dyads, hint):
    frame = events_to_frame([ev("2024-03-05", "RUS", "UKR", "190")])
    with pytest.raises(ValueError, match=re.escape(hint)):
        escalation_series(frame, dyads=dyads)


def test_escalation_series_needs_an_events_frame():
    with pytest.raises(ValueError, match="lacks 'quad_class'.*It has: source, target"):
        escalation_series(pd.DataFrame({"source": ["RUS"], "target": ["UKR"],
                                        "date": ["2024-01-01"], "goldstein": [-10.0]}))
    with pytest.raises(ValueError, match="freq must be one of"):
        escalation_series(events_to_frame([]), freq="fortnight")


def test_escalation_series_single_event_and_requested_empty_dyad():
    frame = events_to_frame([ev("2024-03-05", "RUS", "UKR", "190")])
    series = escalation_series(frame, freq="M", dyads=["RUS-UKR", "UKR-RUS"], **ANY_N)
    assert series["dyad"].tolist() == ["RUS-UKR", "UKR-RUS"]
    assert series["n_events"].tolist() == [1, 0]
    assert series["escalation_index"].tolist() == pytest.approx([10.0, np.nan], nan_ok=True)
    assert series["period"].iloc[0] == pd.Timestamp("2024-03-01")


def test_escalation_series_start_end_extend_grid_and_total():
    frame = events_to_frame([ev("2024-03-05", "RUS", "", "190"), ev("2024-03-06", "RUS", "UKR",
                                                                    "042")])
    total = escalation_series(frame, freq="D", by_dyad=False, start="2024-03-04",
                              end="2024-03-07")
    assert total["dyad"].unique().tolist() == ["all"]
    assert total["n_events"].tolist() == [0, 1, 1, 0]


def test_escalation_series_event_date_and_empty_input():
    frame = events_to_frame([ev("2024-02-10", "USA", "PRK", "190", event_date="2024-01-05")])
    series = escalation_series(frame, freq="M", date="event_date")
    assert series["period"].tolist() == [pd.Timestamp("2024-01-01")]
    empty = escalation_series(events_to_frame([]))
    assert empty.empty and list(empty.columns) == list(SERIES_COLUMNS)


def test_event_dates_coarser_than_the_period_are_left_out():
    frame = events_to_frame([
        ev("2024-02-10", "USA", "PRK", "190", event_date="2024-01-01", precision="year"),
        ev("2024-02-10", "USA", "PRK", "190", event_date="2024-02-01", precision="month"),
        ev("2024-02-10", "USA", "PRK", "190", event_date="2024-02-07", precision="day")])
    weekly = escalation_series(frame, freq="W", date="event_date")
    assert weekly["n_events"].sum() == 1 and weekly.attrs["imprecise"] == 2
    monthly = escalation_series(frame, freq="M", date="event_date")
    assert monthly["n_events"].sum() == 2 and monthly.attrs["imprecise"] == 1


def test_escalation_series_drops_undated_events(caplog):
    frame = events_to_frame([ev("", "USA", "PRK", "190"), ev("2024-01-01", "USA", "PRK", "042")])
    series = escalation_series(frame, freq="D")
    assert series["n_events"].tolist() == [1]
    assert "without a usable date" in caplog.text


def test_unknown_country_dyad_splits_back(frame):
    table = dyad_summary(frame).set_index("dyad")
    assert (table.loc["----PRK", "source_country"], table.loc["----PRK", "target_country"]) == (
        "---", "PRK")
    series = escalation_series(frame, dyads=["----PRK"])
    assert series["source_country"].unique().tolist() == ["---"]
    assert series["n_events"].sum() == 1
