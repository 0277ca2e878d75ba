"""Precision audit and validation intervals: sample, sheet round trip, weighted precision."""

from __future__ import annotations

import pandas as pd
import pytest

from eventcoder.events import Event, events_to_frame
from eventcoder.validation import (
    audit_precision,
    audit_sample,
    read_coding_sheet,
    score_intervals,
    wilson_interval,
    write_coding_sheet,
)
from eventcoder.validation.audit import AUDIT_COLUMNS


def ev(i: int, source: str, target: str, code: str, mode: str = "asserted") -> Event:
    return Event(f"d{i % 7}", str(i), "2022-03-01", source, "Russia", target, "Ukraine", code,
                 "name", code[:2], 4 if code.startswith("19") else 3, -5.0, "attacked",
                 "Russia attacked Ukraine again.", "en", mode=mode)


@pytest.fixture
def events() -> pd.DataFrame:
    rows = ([ev(i, "RUS", "UKR", "190") for i in range(60)]
            + [ev(i, "UKR", "RUS", "111") for i in range(60, 70)]
            + [ev(70, "USA", "", "150"), ev(71, "RUS", "UKR", "190", "negated")])
    return events_to_frame(rows)


def test_audit_sample_is_stratified_reproducible_and_marked(events):
    sample = audit_sample(events, n=20)
    assert list(sample.columns) == list(AUDIT_COLUMNS) and len(sample) == 20
    # every stratum is in the sample, the big one gets the rest
    assert set(sample["stratum"]) == {"RUS→UKR | 19 | asserted", "UKR→RUS | 11 | asserted",
                                      "USA→(none) | 15 | asserted", "RUS→UKR | 19 | negated"}
    big = sample[sample["stratum"] == "RUS→UKR | 19 | asserted"]
    assert big["stratum_size"].iloc[0] == 60 and big["weight"].iloc[0] == pytest.approx(
        60 / len(big))
    assert sample["weight"].mul(1).groupby(sample["stratum"]).sum().sum() == pytest.approx(72)
    assert sample["marked_sentence"].iloc[0] == "[SRC Russia] [EVT attacked] [TGT Ukraine] again."
    assert (sample["correct"] == "").all()
    assert audit_sample(events, n=20)["audit_id"].equals(sample["audit_id"])
    assert audit_sample(events, n=20).equals(sample)


def test_coding_sheet_round_trip_and_precision(events, tmp_path):
    sample = audit_sample(events, n=12, by=("dyad",))
    verdicts = ["y" if s.startswith("RUS") else "n" for s in sample["stratum"]]
    verdicts[0] = ""  # not checked
    sample["correct"] = verdicts
    path = write_coding_sheet(sample, tmp_path / "audit.csv")
    sheet = read_coding_sheet(path)
    assert sheet["correct"].isna().sum() == 1 and sheet["correct"].dtype == "boolean"
    table = audit_precision(sheet).set_index("group")
    assert table.loc["RUS→UKR", "precision"] == 1.0 and table.loc["UKR→RUS", "precision"] == 0.0
    # all: weighted by stratum sizes (61 RUS→UKR events, 10 UKR→RUS, 1 USA)
    assert table.loc["all", "precision"] == pytest.approx(61 / 72)
    assert table.loc["all", "events"] == 72
    assert table.loc["all", "low"] < table.loc["all", "precision"] < table.loc["all", "high"]
    assert table.loc["all", "checked"] == 11


def test_read_coding_sheet_names_bad_rows(events, tmp_path):
    sample = audit_sample(events, n=3)
    sample["correct"] = ["y", "maybe", "n"]
    path = write_coding_sheet(sample, tmp_path / "audit.csv")
    with pytest.raises(ValueError, match=r"A002 \('maybe'\)"):
        read_coding_sheet(path)


def test_wilson_interval():
    low, high = wilson_interval(10, 10)
    assert high == 1.0 and 0.69 < low < 0.73
    assert wilson_interval(0, 0) != wilson_interval(0, 0)  # nan


def test_score_intervals_resample_sentences_and_respect_acceptable():
    gold = [{"id": "a", "events": [{"source": "RUS", "target": "UKR", "code": "190"}]},
            {"id": "b", "events": [], "acceptable": [{"source": "RUS", "target": "UKR",
                                                      "code": "111"}]},
            {"id": "c", "events": [{"source": "USA", "target": "PRK", "code": "112"}]}]
    pred = pd.DataFrame({"doc_id": ["a", "b", "b"], "sentence_id": "1",
                         "source": ["RUSMIL", "RUS", "RUS"], "target": "UKR",
                         "event_code": ["193", "111", "042"], "mode": "asserted"})
    table = score_intervals(pred, gold, n_boot=500).set_index("measure")
    # root + country: a is a hit, b's 111 is acceptable, b's 042 a false positive, c a miss
    assert (table.loc["precision", "tp"], table.loc["precision", "fp"],
            table.loc["precision", "fn"]) == (1, 1, 1)
    assert table.loc["precision", "estimate"] == 0.5
    assert table.loc["f1", "low"] <= 0.5 <= table.loc["f1", "high"]
    assert table.loc["recall", "sentences"] == 3


def test_score_intervals_do_not_collapse_at_zero():
    gold = [{"id": f"s{i}", "events": [{"source": "RUS", "target": "UKR", "code": "190"}]}
            for i in range(9)]
    pred = pd.DataFrame({"doc_id": ["s0"], "sentence_id": "1", "source": "USA", "target": "PRK",
                         "event_code": "042", "mode": "asserted"})
    recall = score_intervals(pred, gold, n_boot=300).set_index("measure").loc["recall"]
    assert recall["estimate"] == 0.0 and recall["low"] == 0.0
    assert recall["high"] == pytest.approx(wilson_interval(0, 9)[1])  # about 0.30, not 0
