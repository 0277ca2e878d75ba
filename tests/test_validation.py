"""The gold-standard scorer on hand-made cases whose answers were worked out by hand.

tests/fixtures/gold_small.jsonl (gold) against gold_small_predicted.csv:

======  ===========================  ==========================
id      gold                         predicted
======  ===========================  ==========================
s1      RUS UKR 190                  RUS UKR 193 (root right)
s2      USAGOV PRK 111               USA PRK 111 (country right)
s3      CHN TWN 138, CHN USA 111     CHN TWN 138 (one miss)
s4      --                           DEU FRA 040 (matched by text)
s5      FRA DEU 042                  FRA -- 042 (no target)
s6      --                           GBR FRA 040, hypothetical
======  ===========================  ==========================
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import FIXTURES

from eventcoder.validation import GoldError, code_gold, read_gold, validate

GOLD = FIXTURES / "gold_small.jsonl"
PRED = FIXTURES / "gold_small_predicted.csv"


@pytest.fixture(scope="module")
def report():
    return validate(PRED, GOLD, modes=["asserted"])


# (event level, actors, with target) -> (tp, fp, fn), worked out by hand
EXPECTED = [
    ("code", "full", True, 1, 4, 4),
    ("root", "full", True, 2, 3, 3),
    ("code", "country", True, 2, 3, 3),
    ("root", "country", True, 3, 2, 2),
    ("code", "full", False, 2, 3, 3),
    ("root", "country", False, 4, 1, 1),
    ("quad", "ignored", True, 4, 1, 1),
    ("code", "ignored", True, 3, 2, 2),
]


@pytest.mark.parametrize("level,actors,target,tp,fp,fn", EXPECTED)
def test_levels(report, level, actors, target, tp, fp, fn):
    row = report.score(level, actors, target)
    assert (row.tp, row.fp, row.fn) == (tp, fp, fn)
    assert row.precision == pytest.approx(tp / (tp + fp))
    assert row.recall == pytest.approx(tp / (tp + fn))


def test_strict_f1_and_sentence_accuracy(report):
    assert report.f1 == pytest.approx(0.2)
    assert report.sentence_accuracy == pytest.approx(1 / 6)  # only s6 (no events, none predicted)
    assert report.unmatched == 1  # the "other" document


def test_modes_filter_counts_hypothetical_when_not_filtered():
    everything = validate(PRED, GOLD)
    assert everything.score("code").fp == 5
    assert not everything.sentences.set_index("id").loc["s6", "correct"]


def test_per_root_table(report):
    table = report.per_root.set_index("root")
    assert table.loc["19", ["gold", "predicted", "tp"]].tolist() == [1, 1, 1]
    assert table.loc["11", ["gold", "predicted", "tp"]].tolist() == [2, 1, 0]
    assert table.loc["04", ["gold", "predicted", "tp"]].tolist() == [1, 2, 0]
    assert table.loc["13", "f1"] == 1.0
    assert table.loc["19", "name"]


def test_confusion_matrix(report):
    c = report.confusion
    assert c.loc["19", "19"] == 1 and c.loc["13", "13"] == 1
    assert c.loc["11", "none"] == 2  # s2 (other dyad) and s3 (missed)
    assert c.loc["none", "04"] == 2  # s4 invented, s5 without target
    assert c.to_numpy().sum() == 8


def test_errors_list(report):
    e = report.errors
    assert len(e[e.kind == "miss"]) == 4 and len(e[e.kind == "false positive"]) == 4
    miss = e[(e.id == "s3") & (e.kind == "miss")].iloc[0]
    assert (miss.source, miss.target, miss.code) == ("CHN", "USA", "111")
    assert "China blockaded" in miss.text


def test_markdown_and_html(report):
    md = report.to_markdown()
    assert "## Per root code" in md and "| s3 | miss | CHN | USA | 111 |" in md
    assert "1/6 sentences fully right" in md
    page = report.to_html()
    assert page.startswith("<!DOCTYPE html>") and "<table" in page and "CHN" in page


def test_events_and_frame_inputs_agree(report):
    frame = pd.read_csv(PRED, dtype=str, keep_default_na=False)
    frame = frame[frame["mode"] == "asserted"]
    again = validate(frame, GOLD)
    pd.testing.assert_frame_equal(again.scores, report.scores)


def test_leading_zeros_restored_from_numeric_csv(tmp_path):
    gold = [{"id": "a", "events": [{"source": "FRA", "target": "DEU", "code": "042"}]}]
    pred = pd.DataFrame({"doc_id": ["a"], "source": ["FRA"], "target": ["DEU"], "event_code": [42]})
    pred["event_code"] = pred["event_code"].astype(str)
    assert validate(pred, gold).f1 == 1.0


def test_empty_prediction_and_empty_gold():
    gold = [{"id": "a", "events": []}]
    r = validate(pd.DataFrame(columns=["doc_id", "source", "target", "event_code"]), gold)
    assert r.f1 == 1.0 and r.sentence_accuracy == 1.0
    gold = [{"id": "a", "events": [{"source": "FRA", "target": "DEU", "code": "042"}]}]
    r = validate(pd.DataFrame(columns=["doc_id", "source", "target", "event_code"]), gold)
    assert r.f1 == 0.0 and r.score().recall == 0.0


def test_yaml_gold_and_coder(tmp_path):
    gold = read_gold(FIXTURES / "gold_coded.yaml")
    assert [g.id for g in gold] == ["de-1", "de-2"] and gold[0].events[0].code == "111"
    pred = code_gold(gold, "de")
    assert set(zip(pred.doc_id, pred.source, pred.target, strict=True)) == {("de-1", "RUS", "JPN"),
                                                              ("de-2", "JPN", "RUS")}
    row = validate(pred, gold).score()
    assert (row.tp, row.fp, row.fn) == (1, 1, 1)


@pytest.mark.parametrize("record,message", [
    ({"text": "x"}, "without 'id'"),
    ({"id": "a", "events": [{"source": "RUS", "target": "UKR", "code": 190}]}, "quote it"),
    ({"id": "a", "events": [{"source": "RUS", "code": ""}]}, "without 'code'"),
    ({"id": "a", "events": [{"target": "UKR", "code": "190"}]}, "without 'source'"),
    ({"id": "a", "events": [{"source": "RUS", "code": "190", "tgt": "X"}]}, "unknown event key"),
    ({"id": "a", "sentence": "x"}, "unknown key"),
])
def test_gold_errors_name_the_record(tmp_path, record, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "ok", "events": []}) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(GoldError, match="line 2") as info:
        read_gold(path)
    assert message in str(info.value)


def test_duplicate_ids_and_bad_json(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n{"id": "a"}\n')
    with pytest.raises(GoldError, match="duplicate"):
        read_gold(path)
    path.write_text('{"id": "a"\n')
    with pytest.raises(GoldError, match="line 1: not valid JSON"):
        read_gold(path)


# --------------------------------------------------------------------------- command line
def test_cli_validate_predicted_markdown(capsys):
    from eventcoder.cli import main

    assert main(["validate", str(GOLD), "--predicted", str(PRED), "--modes", "asserted"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Validation report") and "| s3 | miss | CHN | USA | 111 |" in out


def test_cli_validate_language_html(tmp_path, capsys):
    from eventcoder.cli import main

    target = tmp_path / "report.html"
    assert main(["validate", str(FIXTURES / "gold_coded.yaml"), "--language", "de",
                 "--report", str(target)]) == 0
    assert "F1 0.500" in capsys.readouterr().err
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert main(["validate", str(GOLD)]) == 2


def test_cli_validate_mixed_languages(capsys):
    """A gold file in two languages: --language scores that language's records only (and
    says so); --language auto codes each record in its own language."""
    from eventcoder.cli import main

    gold = FIXTURES.parent.parent / "eventcoder" / "examples" / "gold_sentences.jsonl"
    assert main(["validate", str(gold), "--language", "de"]) == 0
    captured = capsys.readouterr()
    assert "scoring the 10 of 20 gold records in language 'de'" in captured.err
    assert "10 gold sentences, 10 gold events" in captured.out
    assert main(["validate", str(gold), "--language", "auto"]) == 0
    out = capsys.readouterr().out
    assert "20 gold sentences, 20 gold events" in out
    # both languages were coded: each contributes true positives
    assert "| en-01 |" not in out.split("## Misses")[-1] and "| de-01 |" not in out.split("## Misses")[-1]


def test_code_gold_without_a_language_needs_one_per_record(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="without a language"):
        code_gold(path, None)
