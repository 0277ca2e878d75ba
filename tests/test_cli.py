"""The command line and the article readers: outputs by extension, bad input named."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

from eventcoder import EVENT_COLUMNS
from eventcoder.articles import read_articles
from eventcoder.cli import main

SEED = FIXTURES / "de_seed.conllu"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_code_conllu_writes_by_extension(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    assert main(["code", str(SEED), "--language", "de", "--output", str(out), "-q"]) == 0
    frame = {".csv": lambda p: pd.read_csv(p, dtype=str, keep_default_na=False),
             ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
             ".parquet": pd.read_parquet}[suffix](out)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    rows = set(zip(frame["source"], frame["target"], frame["event_code"].astype(str)))
    assert ("USA", "PRK", "130") in rows and ("CHN", "IGOUNO", "129") in rows


def test_stdout_csv(capsys):
    assert main(["code", str(SEED), "--language", "de"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("doc_id,sentence_id,date,source")


def test_plover_schema(tmp_path):
    out = tmp_path / "events.jsonl"
    assert main(["code", str(SEED), "--language", "de", "--schema", "plover", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and all("event" in r and "actor" in r for r in records)


@pytest.mark.parametrize(
    "argv,message",
    [
        (["code", str(SEED), "--language", "xx"], "no resources for language 'xx'"),
        (["code", str(SEED)], "needs --language"),
        (["code", "nope.conllu", "--language", "de"], "input not found"),
        (["code", str(SEED), "--language", "de", "-o", "out.xlsx"], "unknown output format"),
    ],
)
def test_errors_exit_2_with_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_malformed_conllu_names_line(tmp_path, capsys):
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tEr\ter\tPRON\t_\t_\t0\troot\t_\t_\n2\tja\tja\n", encoding="utf-8")
    assert main(["code", str(bad), "--language", "de"]) == 2
    assert "line 2" in capsys.readouterr().err


def test_read_articles_quarantines_bad_records(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Hallo."}\n'
        b'{not json}\n'
        b'\xff\xfe broken\n'
        b'[1, 2]\n'
        b'{"id": "b", "text": "Noch eins."}\n'
    )
    quarantine: list[dict] = []
    frame = read_articles(path, quarantine)
    assert frame["id"].tolist() == ["a", "b"]
    reasons = {q["record"].rsplit(":", 1)[1]: q["reason"] for q in quarantine}
    assert reasons["2"].startswith("bad JSON") and reasons["3"].startswith("undecodable")
    assert reasons["4"] == "JSON line is not an object"
    assert all("original" in q for q in quarantine)  # nothing is lost


@pytest.mark.stanza
def test_code_articles_counts_every_record(tmp_path):
    from eventcoder import code_articles

    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok", "date": "2023-08-30", "language": "de",
                    "text": "Russland verurteilte Japan."}),
        json.dumps({"id": "empty", "language": "de", "text": "  "}),
        json.dumps({"id": "fr", "language": "fr", "text": "La France condamne."}),
        json.dumps({"id": "baddate", "language": "de", "date": "gestern", "text": "Text."}),
        "{broken",
    ]) + "\n", encoding="utf-8")
    frame = code_articles(path, progress=False, cache_dir=tmp_path / "cache")
    summary = frame.attrs["summary"]
    assert summary["input"] == 5 and summary["quarantined"] == 4
    assert summary["coded"] + summary["no_event"] + summary["quarantined"] == summary["input"]
    reasons = " | ".join(q["reason"] for q in frame.attrs["quarantine"])
    for word in ("no text", "unsupported language 'fr'", "not a date", "bad JSON"):
        assert word in reasons


@pytest.mark.stanza
def test_seed_article_end_to_end(tmp_path):
    """Raw seed article -> stanza (shipped compact models) -> events."""
    from eventcoder import code_articles

    frame = code_articles(ROOT / "data" / "examples" / "seed_article_de.jsonl", progress=False,
                          cache_dir=tmp_path)
    rows = set(zip(frame["source"], frame["target"], frame["event_code"]))
    assert ("USA", "PRK", "130") in rows  # warned
    # the compact parser reads USA as a compound of the object; the coder repairs it
    assert ("USA", "PRK", "112") in rows  # "beschuldigte die USA Nordkorea"
    assert set(frame["doc_id"]) == {"seed-2023-08-30"}
    assert frame.attrs["summary"] == {"input": 1, "coded": 1, "no_event": 0, "quarantined": 0}


@pytest.mark.stanza
@pytest.mark.xfail(strict=False, reason=(
    "compact models: in 'dass Nordkorea nur Stunden nachdem die USA ... geflogen hatten, zwei "
    "weitere ballistische Raketen abfeuerte' the parse of the nested clauses is garbled "
    "(Nordkorea the subject of 'Stunden'); the hand parse (tests/fixtures/de_seed.conllu) gives it"))
def test_seed_article_end_to_end_launches(tmp_path):
    from eventcoder import code_articles

    frame = code_articles(ROOT / "data" / "examples" / "seed_article_de.jsonl", progress=False,
                          cache_dir=tmp_path)
    rows = set(zip(frame["source"], frame["target"], frame["event_code"]))
    assert any(s == "PRK" and c.startswith("15") for s, _, c in rows)  # missile launches
