"""Streaming runs: accounting of every record, quarantine reasons, same bytes, resume, workers.

Most tests code pre-parsed CoNLL-U (fast, no parser); the ones marked
``stanza`` parse tiny articles with the shipped compact models.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import CONLLU_DOC, COUNTRIES, FIXTURES, ROOT

from eventcoder import EVENT_COLUMNS
from eventcoder.batch.readers import iter_records as iter_articles
from eventcoder.batch.readers import read_articles
from eventcoder.batch.records import QUARANTINE_REASONS
from eventcoder.cli import main
from eventcoder.stream import ResumeError, code_stream, iter_records

STREAM = FIXTURES / "stream"
DOCS = STREAM / "documents.conllu"
BAD = STREAM / "bad_records.jsonl"
SEED = FIXTURES / "de_seed.conllu"

_DOC = CONLLU_DOC
_QUIET = """# newdoc id = {id}
# sent_id = 1
# text = Das Wetter war schön.
1\tDas\tder\tDET\t_\t_\t2\tdet\t_\t_
2\tWetter\tWetter\tNOUN\t_\t_\t4\tnsubj\t_\t_
3\twar\tsein\tAUX\t_\t_\t4\tcop\t_\t_
4\tschön\tschön\tADJ\t_\t_\t0\troot\t_\t_

"""
_COUNTRIES = COUNTRIES


def _corpus(path: Path, n: int) -> Path:
    """n CoNLL-U documents: events, documents without, and every 10th malformed."""
    parts = []
    for i in range(n):
        if i % 10 == 9:
            parts.append(f"# newdoc id = bad{i}\n1\tkaputt\tkaputt\n\n")
        elif i % 3 == 2:
            parts.append(_QUIET.format(id=f"quiet{i}"))
        else:
            parts.append(_DOC.format(id=f"d{i}", day=i % 28 + 1, src=_COUNTRIES[i % 7],
                                     tgt=_COUNTRIES[(i + 3) % 7]))
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _check_accounting(summary: dict) -> None:
    assert summary["coded"] + summary["no_event"] + summary["quarantined"] == summary["input"]
    assert sum(summary["quarantine_reasons"].values()) == summary["quarantined"]


def _quarantine_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- accounting


def test_every_reason_without_parsing(tmp_path):
    """Reading and checking reasons: each record is counted once, kept with its reason."""
    out = tmp_path / "events.csv"
    run = code_stream([BAD, DOCS], output=out, summary=tmp_path / "run.json", chunk_size=3)
    summary = json.loads((tmp_path / "run.json").read_text())
    assert summary == run.to_dict()
    assert summary["input"] == 8 + 7
    _check_accounting(summary)
    assert summary["quarantine_reasons"] == {
        "bad_conllu": 1, "bad_json": 1, "bad_date": 1, "no_text": 1, "not_object": 1,
        "undecodable": 3, "unknown_language": 6}
    assert set(summary["quarantine_reasons"]) <= set(QUARANTINE_REASONS)
    lines = _quarantine_lines(tmp_path / "events.csv.quarantine.jsonl")
    assert [q["index"] for q in lines] == sorted(q["index"] for q in lines)
    assert len(lines) == summary["quarantined"]
    by_record = {q["record"].rsplit("/", 1)[1]: q for q in lines}
    assert by_record["bad_records.jsonl:5"]["original"] == "{not json"
    assert by_record["bad_records.jsonl:7"]["original_base64"]  # the undecodable bytes, kept
    assert "lone surrogate" in by_record["bad_records.jsonl:8"]["reason"]
    assert "documents.conllu, line 23" in by_record["documents.conllu:19"]["reason"]
    assert by_record["documents.conllu:41"]["reason"].endswith("line 43")
    # the one English document with its own # language comment is coded
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame[["doc_id", "source", "target", "event_code"]].values.tolist() == [
        ["usa-chn", "USA", "CHN", "112"]]


def test_conllu_reasons_with_a_language(tmp_path):
    run = code_stream(DOCS, output=tmp_path / "e.jsonl", language="de")
    assert (run.input, run.coded, run.no_event) == (7, 2, 1)
    assert run.quarantine_reasons == {"bad_conllu": 1, "bad_date": 1, "undecodable": 1,
                                      "unknown_language": 1}
    events = pd.read_json(tmp_path / "e.jsonl", lines=True, dtype=False)
    assert events["doc_id"].tolist() == ["rus-jpn", "usa-chn"]  # input order
    assert list(events.columns) == list(EVENT_COLUMNS)


def test_csv_parquet_and_txt_readers(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_bytes(b"id,language,text,date\n"
                         b"c1,de,,2023-01-01\n"
                         b"c2,de,Text,2023-13-01\n"
                         b"c3,de,Stra\xdfe,2023-01-01\n"
                         b"c4,de,zu,viele,Felder\n"
                         b'c5,xx,"Zeile mit\nUmbruch",2023-01-01\n')
    pq_path = tmp_path / "a.parquet"
    pd.DataFrame({"id": ["p1", "p2", None], "text": [None, "Text", "Text"],
                  "language": ["de", "de", "es"], "date": ["", "nie", ""]}).to_parquet(pq_path)
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Grüße".encode("latin-1"))
    (folder / "ignored.md").write_text("not an article", encoding="utf-8")
    run = code_stream([csv_path, pq_path, folder], output=tmp_path / "e.csv", language="de",
                      chunk_size=2)
    assert run.input == 5 + 3 + 2 and run.quarantined == 10
    assert run.quarantine_reasons == {"bad_csv": 1, "bad_date": 2, "no_text": 3, "undecodable": 2,
                                      "unknown_language": 2}
    lines = _quarantine_lines(tmp_path / "e.csv.quarantine.jsonl")
    assert lines[3]["original"] == "c4,de,zu,viele,Felder"
    assert lines[4]["row"] == {"id": "c5", "language": "xx", "text": "Zeile mit\nUmbruch",
                               "date": "2023-01-01"}
    assert lines[5]["row"] == {"id": "p1", "text": None, "language": "de", "date": ""}
    assert pd.read_csv(tmp_path / "e.csv").empty  # header only: nothing coded


def test_read_articles_and_iter_articles_agree(tmp_path):
    quarantine: list[dict] = []
    frame = read_articles(BAD, quarantine)
    records = list(iter_articles(BAD))
    assert len(records) == 8 == len(frame) + len(quarantine)
    assert frame["id"].tolist() == [r.row["id"] for r in records if r.problem is None]
    assert [q["reason_code"] for q in quarantine] == ["bad_json", "not_object", "undecodable", "undecodable"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_first_chunk_is_committed_before_the_input_ends(tmp_path):
    """Streaming structure: a pipe delivers 4 records, and waits until they are committed."""
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    committed = threading.Event()
    waited: list[bool] = []

    def writer():
        with open(fifo, "wb") as fh:
            for i in range(4):
                fh.write(json.dumps({"id": f"a{i}", "text": ""}).encode() + b"\n")
            fh.flush()
            waited.append(committed.wait(timeout=30))
            for i in range(4, 10):
                fh.write(json.dumps({"id": f"a{i}", "text": ""}).encode() + b"\n")

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        run = code_stream(fifo, output=tmp_path / "e.csv", language="de", chunk_size=4,
                          on_chunk=lambda commit: committed.set())
    finally:
        committed.set()
        thread.join()
    assert waited == [True]
    assert (run.input, run.quarantined, run.chunks) == (10, 10, 3)


def test_each_chunk_is_written_when_committed(tmp_path):
    corpus = _corpus(tmp_path / "c.conllu", 30)
    out = tmp_path / "e.csv"
    seen = []

    def check(commit):
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        seen.append((commit.stop, len(frame)))
        assert commit.stop - commit.start <= 4

    run = code_stream(corpus, output=out, language="de", chunk_size=4, on_chunk=check)
    assert len(seen) == 8 == run.chunks
    assert [s for s, _ in seen] == [4, 8, 12, 16, 20, 24, 28, 30]
    assert seen[-1][1] == run.events and all(a <= b for (_, a), (_, b) in zip(seen, seen[1:]))
    assert [r.index for r in iter_records([corpus, corpus])][-3:] == [57, 58, 59]
    assert not out.with_name("e.csv.ledger.jsonl").exists()


def test_coding_failure_is_quarantined(tmp_path, monkeypatch):
    """A document the coder raises on is quarantined; the rest of the chunk is coded.

    The coder is robust on every tree we could build, so the failure is injected
    around the real coder for one document.
    """
    import eventcoder.coding as coding

    real = coding.code_document

    def failing(document, res, **kw):
        if document.id == "rus-jpn":
            raise RecursionError("maximum recursion depth exceeded")
        return real(document, res, **kw)

    monkeypatch.setattr(coding, "code_document", failing)
    run = code_stream(DOCS, output=tmp_path / "e.csv", language="de")
    assert run.quarantine_reasons["coding_failure"] == 1 and run.coded == 1
    (item,) = [q for q in _quarantine_lines(tmp_path / "e.csv.quarantine.jsonl")
               if q["reason_code"] == "coding_failure"]
    assert item["reason"] == "coder failed: RecursionError: maximum recursion depth exceeded"
    assert item["original"].startswith("# newdoc id = rus-jpn")


# --------------------------------------------------------------------------- same bytes


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet"])
def test_same_input_same_bytes(tmp_path, suffix):
    corpus = _corpus(tmp_path / "c.conllu", 40)
    outs = []
    for run_dir, chunk in (("a", 3), ("b", 3), ("c", 7)):
        out = tmp_path / run_dir / f"events{suffix}"
        code_stream(corpus, output=out, language="de", chunk_size=chunk, summary=out.parent / "s.json")
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    if suffix != ".parquet":  # parquet row groups follow the chunks; text does not
        assert outs[0].read_bytes() == outs[2].read_bytes()
    frame = {".csv": pd.read_csv, ".tsv": lambda p: pd.read_csv(p, sep="\t"),
             ".jsonl": lambda p: pd.read_json(p, lines=True), ".json": pd.read_json,
             ".parquet": pd.read_parquet}[suffix](outs[0])
    assert list(frame.columns) == list(EVENT_COLUMNS) and len(frame) == 24
    assert not list(tmp_path.glob("*/*.ledger.jsonl")) and not list(tmp_path.glob("*/*.parts"))


def test_events_frame_matches_a_row_by_row_build():
    """events_to_frame (column by column, used for every chunk) equals the plain
    row-by-row construction with the documented dtypes, also for no events."""
    from dataclasses import astuple

    from eventcoder.coding import code_documents
    from eventcoder.conllu import read_conllu
    from eventcoder.dictionaries import load_language
    from eventcoder.events import events_to_frame

    def reference(events):
        frame = pd.DataFrame([astuple(e) for e in events], columns=list(EVENT_COLUMNS))
        return frame.astype({c: "object" for c in EVENT_COLUMNS}).astype(
            {"quad_class": "int64", "goldstein": "float64", "source_inferred": "bool",
             "target_inferred": "bool"})

    events = code_documents(read_conllu(SEED), load_language("de"))
    assert len(events) > 5
    pd.testing.assert_frame_equal(events_to_frame(events), reference(events))
    pd.testing.assert_frame_equal(events_to_frame([]), reference([]))
    pd.testing.assert_frame_equal(events_to_frame(iter(events)), reference(events))


def test_stream_matches_in_memory_coding(tmp_path):
    from eventcoder import code_conllu
    from eventcoder.cli import write_events

    code_stream(SEED, output=tmp_path / "s.csv", language="de", chunk_size=1)
    write_events(code_conllu(SEED, language="de"), tmp_path / "m.csv")
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "m.csv").read_bytes()


def test_workers_give_the_same_bytes(tmp_path):
    corpus = _corpus(tmp_path / "c.conllu", 60)
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}" / "events.csv"
        runs[workers] = code_stream(corpus, output=out, language="de", chunk_size=4, workers=workers)
    one, two = tmp_path / "w1", tmp_path / "w2"
    assert (one / "events.csv").read_bytes() == (two / "events.csv").read_bytes()
    assert ((one / "events.csv.quarantine.jsonl").read_bytes()
            == (two / "events.csv.quarantine.jsonl").read_bytes())
    assert runs[1].to_dict()["quarantine_reasons"] == runs[2].to_dict()["quarantine_reasons"] == {
        "bad_conllu": 6}


# --------------------------------------------------------------------------- resume


class _Stop(KeyboardInterrupt):
    pass


def _interrupt_after(n: int):
    def hook(commit):
        if commit.chunk + 1 >= n:
            raise _Stop
    return hook


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json", ".parquet"])
def test_resume_after_interruption(tmp_path, suffix):
    """Ctrl-C after 3 chunks, then torn writes; the rerun gives the uninterrupted bytes."""
    corpus = _corpus(tmp_path / "c.conllu", 50)
    full = tmp_path / "full" / f"events{suffix}"
    expected = code_stream(corpus, output=full, language="de", chunk_size=4)

    out = tmp_path / "cut" / f"events{suffix}"
    with pytest.raises(_Stop):
        code_stream(corpus, output=out, language="de", chunk_size=4, on_chunk=_interrupt_after(3))
    ledger = out.with_name(out.name + ".ledger.jsonl")
    assert len(ledger.read_text().splitlines()) == 1 + 3
    # what a kill -9 in the middle of chunk 4 leaves behind
    with open(ledger, "ab") as fh:
        fh.write(b'{"chunk": 3, "start": 12, "st')
    quarantine = out.with_name(out.name + ".quarantine.jsonl")
    with open(quarantine, "ab") as fh:
        fh.write(b'{"index": 13, "rec')
    if suffix == ".parquet":
        (out.with_name(out.name + ".parts") / "part-000003.parquet").write_bytes(b"PAR1 torn")
    else:
        with open(out, "ab") as fh:
            fh.write(b"d13,1,2023-08-1")

    resumed = code_stream(corpus, output=out, language="de", chunk_size=4)
    assert resumed.resumed == 12
    assert out.read_bytes() == full.read_bytes()
    assert quarantine.read_bytes() == full.with_name(full.name + ".quarantine.jsonl").read_bytes()
    for key in ("input", "coded", "no_event", "quarantined", "events", "quarantine_reasons", "chunks"):
        assert getattr(resumed, key) == getattr(expected, key), key
    assert not ledger.exists()


def test_resume_refuses_changed_inputs_or_settings(tmp_path):
    corpus = _corpus(tmp_path / "c.conllu", 20)
    out = tmp_path / "events.csv"
    with pytest.raises(_Stop):
        code_stream(corpus, output=out, language="de", chunk_size=4, on_chunk=_interrupt_after(1))
    with pytest.raises(ResumeError, match="settings differ.*language"):
        code_stream(corpus, output=out, language="en", chunk_size=4)
    with pytest.raises(ResumeError, match="coded .*c.conllu"):
        code_stream([corpus, corpus], output=out, language="de", chunk_size=4)
    with open(corpus, "a", encoding="utf-8") as fh:
        fh.write(_QUIET.format(id="late"))
    with pytest.raises(ResumeError, match="input changed since the interrupted run"):
        code_stream(corpus, output=out, language="de", chunk_size=4)
    run = code_stream(corpus, output=out, language="de", chunk_size=4, resume=False)
    assert run.input == 21 and run.resumed == 0


@pytest.mark.parametrize("sig,workers", [
    pytest.param(signal.SIGKILL, "1", id="kill-9"),
    pytest.param(signal.SIGINT, "2", id="ctrl-c-2-workers", marks=pytest.mark.slow),
])
def test_interrupted_command_then_rerun(tmp_path, sig, workers):
    """A real `kill -9` (or Ctrl-C) of the command in mid-run; the rerun completes it exactly."""
    corpus = _corpus(tmp_path / "c.conllu", 300)
    out = tmp_path / "run" / "events.csv"
    ledger = out.with_name("events.csv.ledger.jsonl")
    argv = [sys.executable, "-m", "eventcoder", "code", str(corpus), "--language", "de",
            "-o", str(out), "--chunk-size", "5", "--summary", str(out.parent / "run.json"), "-q",
            "--workers", workers]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if ledger.exists() and ledger.read_bytes().count(b"\n") >= 3:  # header + 2 chunks
            break
        time.sleep(0.002)
    proc.send_signal(sig)
    err = proc.communicate(timeout=60)[1]
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    else:
        assert proc.returncode == 130, err
        assert "run the same command again to resume" in err
    assert ledger.exists()

    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    full = tmp_path / "full" / "events.csv"
    expected = code_stream(corpus, output=full, language="de", chunk_size=5)
    assert out.read_bytes() == full.read_bytes()
    assert (out.with_name("events.csv.quarantine.jsonl").read_bytes()
            == full.with_name("events.csv.quarantine.jsonl").read_bytes())
    summary = json.loads((out.parent / "run.json").read_text())
    assert {k: summary[k] for k in ("input", "coded", "no_event", "quarantined", "events")} == {
        "input": 300, "coded": expected.coded, "no_event": expected.no_event,
        "quarantined": 30, "events": expected.events}
    _check_accounting(summary)


# --------------------------------------------------------------------------- command line


def test_cli_streams_with_summary_and_quarantine(tmp_path, capsys):
    out = tmp_path / "events.parquet"
    argv = ["code", str(DOCS), str(SEED), "--language", "de", "-o", str(out), "--chunk-size", "2",
            "--summary", str(tmp_path / "run.json"), "--quarantine", str(tmp_path / "q.jsonl")]
    assert main(argv) == 0
    err = capsys.readouterr().err
    summary = json.loads((tmp_path / "run.json").read_text())
    assert summary["input"] == 8 and summary["quarantined"] == 4 and summary["chunks"] == 4
    _check_accounting(summary)
    assert "8 records: 3 coded" in err and '"quarantined": 4' in err
    assert len(_quarantine_lines(tmp_path / "q.jsonl")) == 4
    assert len(pd.read_parquet(out)) == summary["events"]


@pytest.mark.parametrize("argv,message", [
    (["--workers", "2"], "needs --output"),
    (["-o", "e.csv", "--chunk-size", "0"], "at least 1"),
])
def test_cli_option_errors(argv, message, capsys):
    assert main(["code", str(SEED), "--language", "de", *argv]) == 2
    assert message in capsys.readouterr().err


# --------------------------------------------------------------------------- with the parser


def _articles(path: Path) -> Path:
    rows = [
        {"id": "de-ok", "language": "de", "date": "2023-08-30", "text": "Russland verurteilte Japan."},
        {"id": "usa-chn", "language": "de", "date": "2022-03-01",
         "text": "Die Vereinigten Staaten beschuldigten China."},
        {"id": "quiet", "language": "de", "date": "2022-03-01", "text": "Das Wetter war schön."},
        {"id": "cache-broken", "language": "de", "date": "2023-08-30",
         "text": "Polen kritisierte Ungarn."},
    ]
    path.write_bytes(b"\n".join(json.dumps(r).encode() for r in rows) + b"\n" + BAD.read_bytes())
    return path


@pytest.fixture
def compact_models(tmp_path, monkeypatch):
    """Point stanza's resource folder to an empty place so the shipped compact models are used."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no_stanza"))


@pytest.mark.stanza
def test_articles_end_to_end_with_a_parse_failure(tmp_path, compact_models, monkeypatch):
    """Real parsing; the parser raises on one text (a damaged parse cache entry no longer
    does: it is parsed again, see test_reliability.py::test_12_*)."""
    import eventcoder.parsing.parse as parse
    from eventcoder import code_articles

    real = parse._parse_batch

    def failing(nlp, texts, *args, **kwargs):
        if any("Polen kritisierte Ungarn" in t for t in texts):
            raise RuntimeError("the parser failed on this text")
        return real(nlp, texts, *args, **kwargs)

    monkeypatch.setattr(parse, "_parse_batch", failing)
    cache = tmp_path / "cache"
    corpus = _articles(tmp_path / "a.jsonl")
    run = code_stream(corpus, output=tmp_path / "e.csv", cache_dir=cache, chunk_size=20,
                      summary=tmp_path / "run.json")
    assert (run.input, run.coded + run.no_event, run.quarantined) == (12, 3, 9)
    assert run.quarantine_reasons == {"bad_date": 1, "bad_json": 1, "no_text": 1, "not_object": 1,
                                      "parse_failure": 1, "undecodable": 2, "unknown_language": 2}
    (failure,) = [q for q in _quarantine_lines(tmp_path / "e.csv.quarantine.jsonl")
                  if q["reason_code"] == "parse_failure"]
    assert failure["record"].endswith("a.jsonl:4")
    assert failure["reason"] == "parser failed: RuntimeError: the parser failed on this text"
    assert failure["original"] == json.dumps(json.loads(failure["original"]))
    events = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    assert set(events["doc_id"]) <= {"de-ok", "usa-chn", "quiet"}
    assert len(events) == run.events

    frame = code_articles(corpus, cache_dir=cache, progress=False)
    keys = ("input", "coded", "no_event", "quarantined", "events", "quarantine_reasons")
    assert {k: frame.attrs["summary"][k] for k in keys} == {k: getattr(run, k) for k in keys}
    assert frame.astype(str).values.tolist() == events.values.tolist()


@pytest.mark.stanza
@pytest.mark.slow
def test_parsing_in_two_worker_processes(tmp_path, compact_models):
    """Each worker process loads its own parser; the output is the one of a single process."""
    corpus = _articles(tmp_path / "a.jsonl")
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}" / "events.jsonl"
        run = code_stream(corpus, output=out, cache_dir=tmp_path / f"cache{workers}", chunk_size=2,
                          workers=workers)
        assert (run.input, run.coded + run.no_event, run.quarantined) == (12, 4, 8)
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
