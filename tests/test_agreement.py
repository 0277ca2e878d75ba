"""Cohen's and Fleiss' kappa against textbook values."""

from __future__ import annotations

import pandas as pd
import pytest

from eventcoder.agreement import agreement_summary, coding_table, cohen_kappa, fleiss_kappa


def test_cohen_textbook_yes_no():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> kappa 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_perfect_chance_and_missing():
    assert cohen_kappa(["04", "19", "11"], ["04", "19", "11"]) == 1.0
    assert cohen_kappa(["04", "04"], ["04", "04"]) == 1.0  # one label throughout
    # systematic disagreement is below chance
    assert cohen_kappa(["04", "19", "04", "19"], ["19", "04", "19", "04"]) == pytest.approx(-1.0)
    a = pd.Series(["04", "19", None, "11"])
    b = pd.Series(["04", "19", "04", "11"])
    assert cohen_kappa(a, b) == 1.0  # the missing pair is dropped
    with pytest.raises(ValueError, match="length"):
        cohen_kappa(["04"], ["04", "19"])


# Fleiss (1971) worked example as given on Wikipedia: 10 items, 14 raters, 5 categories.
FLEISS_COUNTS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


def test_fleiss_textbook():
    rows = [[str(c + 1) for c, n in enumerate(counts) for _ in range(n)]
            for counts in FLEISS_COUNTS]
    table = pd.DataFrame(rows, columns=[f"r{i}" for i in range(14)])
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=0.001)


def test_fleiss_two_coders_is_scotts_pi_and_rejects_gaps():
    t = pd.DataFrame({"a": ["04", "19", "04", "11"], "b": ["04", "19", "19", "11"]})
    # Scott's pi by hand: p_e = (9 + 9 + 4) / 64, observed 0.75 -> 0.40625 / 0.65625
    assert fleiss_kappa(t) == pytest.approx(0.40625 / 0.65625)
    with pytest.raises(ValueError, match="missing"):
        fleiss_kappa(pd.DataFrame({"a": ["04", None], "b": ["04", "19"]}))
    with pytest.raises(ValueError, match="two coders"):
        fleiss_kappa(t[["a"]])


def test_coding_table_root_level_and_summary():
    codings = pd.DataFrame({
        "coder": ["ann", "ann", "ann", "bob", "bob", "bob", "cem", "cem"],
        "sentence_id": ["s1", "s2", "s2", "s1", "s2", "s3", "s1", "s2"],
        "event_code": ["042", "190", "111", "043", "193", "", "042", "111"],
    })
    table = coding_table(codings, items=["s1", "s2", "s3", "s4"])
    assert table.loc["s1"].tolist() == ["04", "04", "04"]  # 042 and 043 share root 04
    assert table.loc["s2", "ann"] == "11+19" and table.loc["s2", "bob"] == "19"
    assert table.loc["s3"].tolist() == ["none", "none", "none"]
    assert table.loc["s4"].tolist() == ["none", "none", "none"]
    summary = agreement_summary(table).set_index("coders")
    assert summary.loc["ann / cem", "kappa"] == pytest.approx(cohen_kappa(table.ann, table.cem))
    assert summary.loc["ann / bob / cem", "measure"] == "Fleiss' kappa"
    assert summary.loc["ann / cem", "agreement"] == pytest.approx(0.75)
    full = coding_table(codings, level="code")
    assert full.loc["s1", "bob"] == "043"
