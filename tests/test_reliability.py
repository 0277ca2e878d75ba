"""Reliability (issue 17): bad inputs, bad paths and interruptions never lose data, never abort
a run for one record, and never give a silently wrong result.

Each test names the finding it covers. Most code pre-parsed CoNLL-U or records that are
quarantined before parsing (no parser); the ones marked ``stanza`` parse with the shipped
compact models.
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

from eventcoder.batch.readers import iter_records, record_from_item
from eventcoder.cli import main
from eventcoder.errors import OutputError
from eventcoder.stream import code_stream

STREAM = FIXTURES / "stream"
DOCS = STREAM / "documents.conllu"
SEED = FIXTURES / "de_seed.conllu"

_DOC = CONLLU_DOC
_COUNTRIES = COUNTRIES


def _corpus(path: Path, n: int) -> Path:
    path.write_text("".join(_DOC.format(id=f"d{i}", day=i % 28 + 1, src=_COUNTRIES[i % 7],
                                        tgt=_COUNTRIES[(i + 3) % 7]) for i in range(n)),
                    encoding="utf-8")
    return path


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _quarantine(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _records(path: Path) -> list[tuple[str, str | None]]:
    """(where, problem code) of every record read from a file."""
    return [(r.where.rsplit("/", 1)[-1], r.problem[0] if r.problem else None) for r in iter_records(path)]


# --------------------------------------------------------------------------- 1: an output that is an input


@pytest.mark.parametrize("option,stdout", [("-o", False), ("--quarantine", False), ("--summary", False),
                                           ("--quarantine", True), ("--summary", True)])
def test_1_an_output_path_that_is_an_input_is_refused(tmp_path, capsys, option, stdout):
    """Finding 1: `code in.jsonl -o in.jsonl` emptied the input; --quarantine/--summary too."""
    data = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "language": "de", "text": ""}])
    before = data.read_bytes()
    argv = ["code", str(data), "-q"]
    if not stdout and option != "-o":
        argv += ["-o", str(tmp_path / "out.csv")]
    argv += [option, str(data)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "eventcoder: error:" in err and "is an input" in err and "Traceback" not in err
    assert data.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()


def test_1_links_and_derived_paths_are_resolved(tmp_path, capsys):
    """A symlink to an input, and re-coding X.quarantine.jsonl into X (whose quarantine it is)."""
    data = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "language": "de", "text": ""}])
    link = tmp_path / "link.jsonl"
    link.symlink_to(data)
    before = data.read_bytes()
    assert main(["code", str(data), "-o", str(link), "-q"]) == 2
    assert data.read_bytes() == before
    quarantined = tmp_path / "out.csv.quarantine.jsonl"
    quarantined.write_bytes(before)
    assert main(["code", str(quarantined), "-o", str(tmp_path / "out.csv"), "-q", "--overwrite"]) == 2
    assert quarantined.read_bytes() == before
    assert capsys.readouterr().err.count("is an input") == 2
    with pytest.raises(OutputError, match="is an input"):
        code_stream(data, output=tmp_path / "x.csv", summary=tmp_path / "in.jsonl")
    with pytest.raises(OutputError, match="is also the output"):
        code_stream(data, output=tmp_path / "x.csv", quarantine=tmp_path / "x.csv")


# --------------------------------------------------------------------------- 2: an existing output


def test_2_an_existing_output_is_kept_without_overwrite(tmp_path, capsys):
    """Finding 2: an existing output (and its quarantine) was replaced without --overwrite."""
    out = tmp_path / "out.csv"
    out.write_text("earlier results\n")
    qfile = tmp_path / "out.csv.quarantine.jsonl"
    qfile.write_text('{"earlier": 1}\n')
    assert main(["code", str(DOCS), "--language", "de", "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "exists" in err and "--overwrite" in err
    assert out.read_text() == "earlier results\n" and qfile.read_text() == '{"earlier": 1}\n'
    with pytest.raises(OutputError, match="exists"):
        code_stream(DOCS, output=out, language="de")
    assert main(["code", str(DOCS), "--language", "de", "-o", str(out), "-q", "--overwrite"]) == 0
    assert out.read_text().startswith("doc_id,")


def test_2_without_output_an_existing_quarantine_file_is_kept(tmp_path, capsys):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"earlier": 1}\n')
    assert main(["code", str(DOCS), "--language", "de", "-q", "--quarantine", str(qfile)]) == 2
    assert "exists" in capsys.readouterr().err and qfile.read_text() == '{"earlier": 1}\n'
    assert main(["code", str(DOCS), "--language", "de", "-q", "--quarantine", str(qfile),
                 "--overwrite"]) == 0
    assert len(_quarantine(qfile)) == 4


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_2_a_run_that_fails_at_once_leaves_the_output_alone(tmp_path, capsys, overwrite):
    """`code one.json -o out.csv` exited 2 after leaving a header-only out.csv."""
    one = tmp_path / "one.json"
    one.write_text("{}\n")
    out = tmp_path / "out.csv"
    out.write_text("earlier results\n")
    assert main(["code", str(one), "-o", str(out), "-q", *overwrite]) == 2
    assert "unsupported input type" in capsys.readouterr().err
    assert out.read_text() == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.json", "out.csv"]


# --------------------------------------------------------------------------- 3: an unclosed CSV quote


def test_3_an_unclosed_csv_quote_does_not_swallow_the_following_rows(tmp_path):
    """Finding 3: the rows after an unclosed quote were neither counted nor quarantined."""
    path = tmp_path / "a.csv"
    path.write_text('id,language,text\n'
                    'a,de,"Zeile mit\nUmbruch"\n'
                    'b,de,"unclosed\n'
                    'c,de,\n'
                    'd,de,\n', encoding="utf-8")
    assert _records(path) == [("a.csv:row 1", None), ("a.csv:row 2", "bad_csv"),
                              ("a.csv:row 3", None), ("a.csv:row 4", None)]
    run = code_stream(path, output=tmp_path / "e.csv")
    assert (run.input, run.quarantined) == (4, 3)
    assert run.quarantine_reasons == {"bad_csv": 1, "no_text": 2}
    lines = _quarantine(tmp_path / "e.csv.quarantine.jsonl")
    assert lines[0]["original"] == 'b,de,"unclosed'
    assert "quote" in lines[0]["reason"] and "line 4" in lines[0]["reason"]
    assert [q["row"]["id"] for q in lines[1:]] == ["c", "d"]


# --------------------------------------------------------------------------- 4-8: one bad record


def _deep(levels: int) -> str:
    return '{"id": "deep", "language": "de", "text": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize("entry", ["stream", "stdout", "code_articles"])
def test_4_json_nested_too_deeply_is_quarantined(tmp_path, capsys, entry):
    """Finding 4: RecursionError aborted the run (and every resume)."""
    from eventcoder import code_articles

    path = _jsonl(tmp_path / "a.jsonl", [_deep(10_000), {"id": "b", "language": "de", "text": ""}])
    if entry == "code_articles":
        frame = code_articles(path, progress=False)
        reasons = [q["reason"] for q in frame.attrs["quarantine"]]
    elif entry == "stdout":
        assert main(["code", str(path), "-q", "--quarantine", str(tmp_path / "q.jsonl")]) == 0
        reasons = [q["reason"] for q in _quarantine(tmp_path / "q.jsonl")]
    else:
        assert main(["code", str(path), "-q", "-o", str(tmp_path / "e.csv")]) == 0
        reasons = [q["reason"] for q in _quarantine(tmp_path / "e.csv.quarantine.jsonl")]
    assert reasons == ["bad JSON: nested too deeply (more levels than Python allows)", "no text"]


def test_4_dask_items_nested_too_deeply_are_quarantined():
    """The items of code_dask_bag go through record_from_item."""
    record = record_from_item(_deep(10_000), 0, "item 0", ordinal=1)
    assert record.problem == ("bad_json", "bad JSON: nested too deeply (more levels than Python allows)")
    record = record_from_item(_deep(10_000).encode(), 0, "item 0", ordinal=1)
    assert record.problem[0] == "bad_json"


@pytest.mark.parametrize("body", [
    "1-2\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n",  # only a multi-word token line
    "\u00a0\n",
    "\u001f\n",
], ids=["mwt-only", "nbsp", "unit-separator"])
def test_5_conllu_document_without_a_word_is_quarantined(tmp_path, body):
    """Finding 5 (fixed on main): an IndexError in _prepare_conllu aborted the run."""
    path = tmp_path / "c.conllu"
    path.write_text("# newdoc id = empty\n" + body + "\n" + SEED.read_text(encoding="utf-8"),
                    encoding="utf-8")
    run = code_stream(path, output=tmp_path / "e.csv", language="de")
    assert run.quarantine_reasons == {"bad_conllu": 1} and run.coded == 1
    (item,) = _quarantine(tmp_path / "e.csv.quarantine.jsonl")
    assert item["record"].endswith("c.conllu:1")


def test_6_a_csv_field_longer_than_131072_characters_is_read(tmp_path):
    """Finding 6: `_csv.Error: field larger than field limit (131072)` aborted the run."""
    path = tmp_path / "a.csv"
    path.write_text("id,language,text\nlong,de," + "x" * 200_000 + "\nb,de,\n", encoding="utf-8")
    records = list(iter_records(path))
    assert [r.problem for r in records] == [None, None]
    assert len(records[0].row["text"]) == 200_000


def test_8_a_json_integer_longer_than_4300_digits_is_quarantined(tmp_path, capsys):
    """Finding 8: exit 2 with a message naming no file or line."""
    path = _jsonl(tmp_path / "a.jsonl", [{"id": "b", "language": "de", "text": ""},
                                         '{"id": ' + "1" * 5000 + ', "text": "x"}'])
    assert main(["code", str(path), "-q", "-o", str(tmp_path / "e.csv")]) == 0
    bad = _quarantine(tmp_path / "e.csv.quarantine.jsonl")[1]
    assert bad["record"].endswith("a.jsonl:2") and bad["reason_code"] == "bad_json"
    assert "4300 digits" in bad["reason"]


# --------------------------------------------------------------------------- 9: workers outliving the parent


def _children(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_9_workers_exit_when_the_parent_dies(tmp_path, sig):
    """Finding 9: after kill -9 (or SIGTERM) of the parent, its workers lived on for 30-90 s."""
    import psutil

    corpus = _corpus(tmp_path / "c.conllu", 400)
    out = tmp_path / "events.csv"
    ledger = out.with_name("events.csv.ledger.jsonl")
    argv = [sys.executable, "-m", "eventcoder", "code", str(corpus), "--language", "de", "-o", str(out),
            "--chunk-size", "2", "--workers", "2", "-q"]
    proc = subprocess.Popen(argv, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if ledger.exists() and ledger.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.01)
    descendants = _children(proc.pid)  # the forkserver, the workers, the resource tracker
    assert proc.poll() is None and len(descendants) >= 3, "the run ended before its workers could be seen"
    proc.send_signal(sig)
    err = proc.communicate(timeout=30)[1].decode()
    if sig == signal.SIGTERM:  # handled like Ctrl-C
        assert proc.returncode == 143 and "run the same command again to resume" in err, err

    def running(p):  # an exited child that nobody reaps (no init in a container) is a zombie
        try:
            return p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(p) for p in descendants):
        time.sleep(0.1)
    alive = [p for p in descendants if running(p)]
    for p in alive:
        p.kill()
    assert not alive, f"{len(alive)} of {len(descendants)} children running 10 s after the parent died"


# --------------------------------------------------------------------------- 10: unwritable paths


@pytest.mark.parametrize("option", ["-o", "--quarantine", "--summary"])
def test_10_an_unwritable_path_fails_at_once_with_a_message(tmp_path, capsys, option):
    """Finding 10: a traceback, and a bad --summary failed only after the whole corpus."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    out = tmp_path / "e.csv"
    bad = {"-o": blocker / "e.csv", "--quarantine": blocker / "q.jsonl", "--summary": folder}[option]
    argv = ["code", str(DOCS), "--language", "de", "-q"]
    argv += ["-o", str(bad)] if option == "-o" else ["-o", str(out), option, str(bad)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("eventcoder: error: ") and "Traceback" not in err
    assert str(bad) in err
    assert not out.exists() and not out.with_name("e.csv.ledger.jsonl").exists()


def test_10_an_unwritable_summary_without_output_fails_at_once(tmp_path, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["code", str(DOCS), "--language", "de", "-q", "--summary", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "is a folder" in captured.err


# --------------------------------------------------------------------------- 7: record and sentence size


def _stanza_doc(n_words: int, mwt_at: int | None = None):
    """A tokenized stanza Document of one sentence of ``n_words`` words (no models needed)."""
    import stanza

    tokens, text, n = [], "", 0
    for i in range(n_words):
        start = len(text)
        if i == mwt_at:  # "zum" = "zu dem"
            text += "zum "
            tokens += [{"id": (n + 1, n + 2), "text": "zum", "start_char": start, "end_char": start + 3},
                       {"id": n + 1, "text": "zu"}, {"id": n + 2, "text": "dem"}]
            n += 2
            continue
        text += "Krieg "
        n += 1
        tokens.append({"id": n, "text": "Krieg", "start_char": start, "end_char": start + 5})
    return stanza.Document([tokens], text=text)


def test_7_over_long_sentences_are_split_before_tagging_and_parsing():
    from eventcoder.parsing.bounds import bound_sentences

    doc, pieces = bound_sentences(_stanza_doc(10), 25)
    assert pieces == {} and len(doc.sentences) == 1
    doc, pieces = bound_sentences(_stanza_doc(60, mwt_at=24), 25)
    assert [len(s.words) for s in doc.sentences] == [24, 25, 12]  # "zu dem" stays together
    assert pieces == {0: "1/3 of 61 words", 1: "2/3 of 61 words", 2: "3/3 of 61 words"}
    assert [s.tokens[0].start_char for s in doc.sentences] == [0, 144, 286]
    assert [w.id for w in doc.sentences[1].words][:3] == [1, 2, 3]


def test_7_a_text_over_max_text_chars_is_quarantined_before_parsing(tmp_path):
    from eventcoder import code_articles

    frame = code_articles(pd.DataFrame({"id": ["big"], "text": ["Krieg " * 100]}), language="de",
                          max_text_chars=500, progress=False)
    (item,) = frame.attrs["quarantine"]
    assert item["reason_code"] == "too_long" and "600 characters" in item["reason"]
    assert frame.attrs["summary"]["quarantine_reasons"] == {"too_long": 1}


@pytest.mark.stanza
def test_7_long_sentences_split_or_quarantined_and_counted(tmp_path, monkeypatch):
    """Finding 7: one 4 KB sentence took 69 s and 3.4 GiB in the parser (benchmarks/long_sentences.py)."""
    from eventcoder import code_articles

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no_stanza"))
    rows = pd.DataFrame({"id": ["long", "short"], "language": "de",
                         "text": ["Krieg " * 60 + ".", "Russland kritisierte die Ukraine."]})
    frame = code_articles(rows, max_sentence_words=25, cache_dir=tmp_path / "cache", progress=False)
    summary = frame.attrs["summary"]
    assert (summary["input"], summary["quarantined"], summary["split_sentences"]) == (2, 0, 1)
    assert frame["doc_id"].tolist() == ["short"]
    frame = code_articles(rows, max_sentence_words=25, long_sentences="quarantine",
                          cache_dir=tmp_path / "cache", progress=False)
    (item,) = frame.attrs["quarantine"]
    assert item["reason_code"] == "sentence_too_long" and "61 words" in item["reason"]
    assert frame["doc_id"].tolist() == ["short"]
    run = code_stream(_jsonl(tmp_path / "a.jsonl", rows.to_dict("records")), output=tmp_path / "e.csv",
                      max_sentence_words=25, cache_dir=tmp_path / "cache")
    assert run.split_sentences == 1 and "1 over-long sentence split" in str(run)


# --------------------------------------------------------------------------- 11-16: silent wrong results


def test_11_dates_that_are_not_date_strings_are_quarantined(tmp_path):
    """Finding 11 (fixed on main): numbers, booleans, lists and objects were dropped silently,
    and "2023-01-01garbage" was read as 2023-01-01."""
    dates = [20230101, True, ["2023-01-01"], {"y": 2023}, "2023-01-01garbage", 2023.5]
    rows = [{"id": f"d{i}", "language": "de", "date": d, "text": "Russland warnte Japan."}
            for i, d in enumerate(dates)]
    run = code_stream(_jsonl(tmp_path / "a.jsonl", rows), output=tmp_path / "e.csv")
    assert run.quarantine_reasons == {"bad_date": len(dates)}
    reasons = [q["reason"] for q in _quarantine(tmp_path / "e.csv.quarantine.jsonl")]
    assert all("is not a date" in r for r in reasons)
    assert "'2023-01-01garbage'" in reasons[4] and "20230101" in reasons[0]


def test_13_resume_notices_an_edit_that_keeps_size_and_mtime(tmp_path):
    """Finding 13: the ledger compared size and mtime only."""
    corpus = _corpus(tmp_path / "c.conllu", 20)
    out = tmp_path / "e.csv"

    def stop(commit):
        if commit.chunk == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        code_stream(corpus, output=out, language="de", chunk_size=4, on_chunk=stop)
    stat = corpus.stat()
    text = corpus.read_text(encoding="utf-8")
    edited = text.replace("Russland verurteilte Frankreich", "Frankreich verurteilte Russland", 1)
    assert edited != text and len(edited) == len(text)
    corpus.write_text(edited, encoding="utf-8")
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    from eventcoder.errors import ResumeError

    with pytest.raises(ResumeError, match="input changed since the interrupted run"):
        code_stream(corpus, output=out, language="de", chunk_size=4)
    # an edit after what was committed is read as it is now: the run resumes
    with pytest.raises(KeyboardInterrupt):
        code_stream(corpus, output=out, language="de", chunk_size=4, on_chunk=stop, overwrite=True)
    tail = corpus.read_text(encoding="utf-8")
    cut = tail.index("# newdoc id = d15")
    corpus.write_text(tail[:cut] + tail[cut:].replace("Japan", "Tonga"), encoding="utf-8")
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert code_stream(corpus, output=out, language="de", chunk_size=4).resumed == 8


_EMPTY_SENTENCE = "# sent_id = 9\n# text = Nichts.\n\n"


def test_14_empty_conllu_documents_and_sentences_are_counted(tmp_path):
    """Finding 14: an empty document (or a sentence without words) was neither counted nor quarantined."""
    path = tmp_path / "c.conllu"
    good = _DOC.format(id="ok", day=1, src="Russland", tgt="Japan")
    path.write_text("# newdoc id = empty\n# date = 2023-01-01\n\n" + good
                    + "# newdoc id = hollow\n" + _EMPTY_SENTENCE + good.split("\n", 1)[1]
                    + "# newdoc id = last\n", encoding="utf-8")
    run = code_stream(path, output=tmp_path / "e.csv", language="de")
    assert (run.input, run.coded, run.quarantined) == (4, 1, 3)
    assert run.quarantine_reasons == {"bad_conllu": 1, "no_text": 2}
    items = {q["record"].rsplit(":", 1)[1]: q for q in _quarantine(tmp_path / "e.csv.quarantine.jsonl")}
    assert "no sentence" in items["1"]["reason"] and "no sentence" in items["25"]["reason"]
    assert "sentence has no words" in items["13"]["reason"] and "line 14" in items["13"]["reason"]


def test_14_code_conllu_names_an_empty_document():
    import eventcoder as ec

    with pytest.raises(ec.ConlluError, match="line 1: sentence has no words"):
        ec.read_conllu(_EMPTY_SENTENCE + SEED.read_text(encoding="utf-8"))
    with pytest.raises(ec.InputError, match="document 'empty'.*no sentence"):
        ec.code_conllu("# newdoc id = empty\n\n" + SEED.read_text(encoding="utf-8"), language="de")


@pytest.mark.parametrize("lines,message", [
    (["1-9\tzum\t_\t_\t_\t_\t_\t_\t_\t_", "1\tzu\tzu\tADP\t_\t_\t0\troot\t_\t_",
      "2\tdem\tder\tDET\t_\t_\t1\tdet\t_\t_", "3\tx\tx\tX\t_\t_\t1\tdep\t_\t_"],
     r"range 1-9 goes past the last word of the sentence \(3\)"),
    (["1\tzu\tzu\tADP\t_\t_\t0\troot\t_\t_", "1-2\tzum\t_\t_\t_\t_\t_\t_\t_\t_",
      "2\tdem\tder\tDET\t_\t_\t1\tdet\t_\t_"],
     "range 1-2 must start at the next word, 2"),
    (["1-2\tzum\t_\t_\t_\t_\t_\t_\t_\t_", "1-3\tzum\t_\t_\t_\t_\t_\t_\t_\t_",
      "1\tzu\tzu\tADP\t_\t_\t0\troot\t_\t_", "2\tdem\tder\tDET\t_\t_\t1\tdet\t_\t_",
      "3\tx\tx\tX\t_\t_\t1\tdep\t_\t_"],
     "range 1-3 must start at the next word, 3"),
    (["2-2\tzum\t_\t_\t_\t_\t_\t_\t_\t_", "1\tzu\tzu\tADP\t_\t_\t0\troot\t_\t_"],
     "range 2-2 must span two words or more"),
], ids=["past-the-end", "after-its-words", "overlapping", "one-word"])
def test_15_multiword_token_ranges_are_checked(lines, message):
    """Finding 15: `1-9` over 3 words was accepted, and its range carried into the next sentence."""
    from eventcoder import ConlluError, read_conllu

    with pytest.raises(ConlluError, match=message):
        read_conllu("\n".join(lines) + "\n\n" + SEED.read_text(encoding="utf-8"))


def test_15_a_range_does_not_carry_into_the_next_sentence():
    from eventcoder import ConlluError, read_conllu

    with pytest.raises(ConlluError, match="line 1: multi-word token 1-2 without its words"):
        read_conllu("1-2\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n\n" + SEED.read_text(encoding="utf-8"))


def test_16_line_ends_and_blank_lines_follow_one_rule(tmp_path):
    r"""Finding 16: a file with \r line ends was one bad_json record; a blank CSV line was
    quarantined while blank JSON Lines lines were skipped. Now lines end at \n, \r\n or \r in
    every line-based format, and a blank line is not a record in any."""
    rows = [{"id": "a", "language": "de", "text": ""}, {"id": "b", "language": "de", "text": ""}]
    (tmp_path / "cr.jsonl").write_bytes(b"\r".join(json.dumps(r).encode() for r in rows) + b"\r")
    (tmp_path / "mixed.jsonl").write_bytes(json.dumps(rows[0]).encode() + b"\r\n \t\n\r"
                                           + json.dumps(rows[1]).encode())
    (tmp_path / "cr.csv").write_bytes(b"id,language,text\ra,de,\r\rb,de,\r")
    (tmp_path / "blank.csv").write_bytes(b"id,language,text\n\na,de,\n  \nb,de,\n\n")
    for name in ("cr.jsonl", "mixed.jsonl", "cr.csv", "blank.csv"):
        records = list(iter_records(tmp_path / name))
        assert [(r.problem, r.row["id"]) for r in records] == [(None, "a"), (None, "b")], name
    assert [r.where.rsplit("/", 1)[1] for r in iter_records(tmp_path / "mixed.jsonl")] == [
        "mixed.jsonl:1", "mixed.jsonl:4"]


_CACHED_TEXT = "Polen kritisierte Ungarn. Das Wetter war schön."
_CACHED = """# sent_id = 1
# text = Polen kritisierte Ungarn.
1\tPolen\tPolen\tPROPN\t_\t_\t2\tnsubj\t_\tstart_char=0|end_char=5
2\tkritisierte\tkritisieren\tVERB\t_\t_\t0\troot\t_\tstart_char=6|end_char=17
3\tUngarn\tUngarn\tPROPN\t_\t_\t2\tobj\t_\tstart_char=18|end_char=24|SpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\tstart_char=24|end_char=25

# sent_id = 2
# text = Das Wetter war schön.
1\tDas\tder\tDET\t_\t_\t2\tdet\t_\tstart_char=26|end_char=29
2\tWetter\tWetter\tNOUN\t_\t_\t4\tnsubj\t_\tstart_char=30|end_char=36
3\twar\tsein\tAUX\t_\t_\t4\tcop\t_\tstart_char=37|end_char=40
4\tschön\tschön\tADJ\t_\t_\t0\troot\t_\tstart_char=41|end_char=46|SpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\tstart_char=46|end_char=47

"""


def test_12_a_parse_cache_entry_is_checked_against_its_text(tmp_path, caplog):
    """Finding 12: a rewritten cache file was trusted (a no-event sentence became an attack)."""
    from eventcoder.parsing.cache import _cache_path, _cache_read, _cache_write, cache_entry

    ident = "compact-de-test-rules0"
    path = _cache_path(tmp_path, ident, _CACHED_TEXT)
    _cache_write(path, _CACHED, _CACHED_TEXT, ident)
    assert _cache_read(path, _CACHED_TEXT, ident) == _CACHED
    assert _cache_read(path, _CACHED_TEXT, "official-de-other") is None  # another parser's entry
    assert _cache_read(tmp_path / "missing.conllu", _CACHED_TEXT, ident) is None

    tampered = path.read_text(encoding="utf-8").replace("kritisieren", "angreifen")
    path.write_text(tampered, encoding="utf-8")  # the checksum no longer matches
    with caplog.at_level("WARNING", logger="eventcoder.parsing"):
        assert _cache_read(path, _CACHED_TEXT, ident) is None
    assert str(path) in caplog.text and "parsing again" in caplog.text

    # a sentence that is not in the text, even with the checksum made to match
    injected = _CACHED + _CACHED.replace("# sent_id = 1", "# sent_id = 3").replace(
        "Polen kritisierte Ungarn.", "Japan griff Russland an.")
    path.write_text(cache_entry(injected, _CACHED_TEXT, ident), encoding="utf-8")
    assert _cache_read(path, _CACHED_TEXT, ident) is None
    path.write_text(_CACHED, encoding="utf-8")  # no header: an old or foreign file
    assert _cache_read(path, _CACHED_TEXT, ident) is None


@pytest.mark.stanza
def test_12_a_damaged_cache_entry_is_parsed_again(tmp_path, monkeypatch, caplog):
    from eventcoder import code_articles
    from eventcoder.parsing import cache_info, parse_texts

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no_stanza"))
    cache = tmp_path / "cache"
    rows = pd.DataFrame({"id": ["a"], "language": "de", "text": ["Russland kritisierte die Ukraine."]})
    fresh = code_articles(rows, cache_dir=cache, progress=False)
    assert fresh[["source", "target"]].values.tolist() == [["RUS", "UKR"]]
    (entry,) = cache.rglob("*.conllu")
    entry.write_text(entry.read_text(encoding="utf-8").replace("Ukraine", "Japan"),
                     encoding="utf-8")
    parsed = cache_info()["parsed"]
    with caplog.at_level("WARNING", logger="eventcoder.parsing"):
        again = code_articles(rows, cache_dir=cache, progress=False)
    assert cache_info()["parsed"] == parsed + 1 and "parse cache entry" in caplog.text
    pd.testing.assert_frame_equal(again, fresh)
    entry.write_text("1\tPolen\n", encoding="utf-8")  # not CoNLL-U: parsed again, not quarantined
    assert parse_texts(["Russland kritisierte die Ukraine."], language="de", cache_dir=cache,
                       progress=False)[0].sentences


# --------------------------------------------------------------------------- 17: messages


def test_17_messages_name_what_is_wrong(tmp_path):
    """Finding 17: a cut-off JSON message, "no language given" for a number, "no text" for
    a number, and the article id missing from the messages about table rows."""
    rows = ['{"id": "a", "language": "de", "text": "unterminated}',
            {"id": "b", "language": 5, "text": "Russland warnte Japan."},
            {"id": "c", "language": "de", "text": 123},
            {"id": "d", "language": "de", "body": "Russland warnte Japan."}]
    code_stream(_jsonl(tmp_path / "a.jsonl", rows), output=tmp_path / "e.csv")
    reasons = [q["reason"] for q in _quarantine(tmp_path / "e.csv.quarantine.jsonl")]
    assert reasons == [
        "bad JSON: Unterminated string starting at: column 39",
        "language 5 is not a language code (a string such as 'de' or 'en')",
        "no text: the field 'text' holds 123 (int), not a string",
        "no text: no field 'text' (the record has id, language, body); name the text field with "
        "--text-field (text_field=)",
    ]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_17_a_missing_text_column_is_named(tmp_path, suffix):
    from eventcoder import code_articles

    frame = pd.DataFrame({"id": ["a"], "body": ["Russland warnte Japan."]})
    path = tmp_path / f"a{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    out = code_articles(path, language="de", progress=False)
    assert "no field 'text' (the record has id, body)" in out.attrs["quarantine"][0]["reason"]


def test_17_quarantine_messages_name_the_article_id(tmp_path, caplog):
    from eventcoder import code_articles

    with caplog.at_level("WARNING", logger="eventcoder"):
        frame = code_articles(pd.DataFrame({"id": ["a1", "a2"], "text": ["", " "]}), language="de",
                              progress=False)
    assert [q["id"] for q in frame.attrs["quarantine"]] == ["a1", "a2"]
    assert "quarantined row 1 (id 'a2'): no text" in caplog.text


def test_17_a_damaged_parquet_file_is_named(tmp_path, capsys):
    path = tmp_path / "a.parquet"
    pd.DataFrame({"id": ["a"], "text": ["x"]}).to_parquet(path)
    path.write_bytes(path.read_bytes()[:-20] + b"\0" * 20)
    out = tmp_path / "e.csv"
    assert main(["code", str(path), "--language", "de", "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"eventcoder: error: {path}: not a readable Parquet file")
    assert not out.exists()


def test_17_validate_names_a_bad_yaml_gold_file(tmp_path, capsys):
    gold = tmp_path / "gold.yaml"
    gold.write_text("- id: s1\n  text: [unclosed\n", encoding="utf-8")
    assert main(["validate", str(gold), "--language", "de"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"eventcoder: error: {gold}: not valid YAML") and "line" in err
    assert "Traceback" not in err


def test_17_code_conllu_raises_input_error_for_a_bad_document_date():
    """(fixed on main) code_conllu raised a bare ValueError its docstring did not list."""
    import eventcoder as ec

    conllu = ("# newdoc id = d1\n# date = 2023-01-01garbage\n"
              "1\tRussland\tRussland\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
              "2\twarnte\twarnen\tVERB\t_\t_\t0\troot\t_\t_\n")
    with pytest.raises(ec.InputError, match="document 'd1'.*not a date") as info:
        ec.code_conllu(conllu, language="de")
    assert info.value.reason_code == "bad_date"
    assert "InputError" in ec.code_conllu.__doc__.split("Raises")[1]


# --------------------------------------------------------------------------- everyday friction


def test_friction_stanza_unsupported_language_warning_is_silenced():
    """stanza warned "Trying to create pipeline for unsupported language: de" on every first
    parse: eventcoder builds its pipelines from its own model files on purpose."""
    import logging

    import eventcoder.parsing  # noqa: F401 - configures stanza's logger

    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    stanza_logger = logging.getLogger("stanza")
    stanza_logger.addHandler(handler)
    try:
        stanza_logger.warning("Trying to create pipeline for unsupported language: %s", "de")
        stanza_logger.warning("Unsupported language: %s  If trying to add a new language ...", "xx")
    finally:
        stanza_logger.removeHandler(handler)
    assert seen == ["Unsupported language: xx  If trying to add a new language ..."]


@pytest.mark.stanza
def test_friction_no_stanza_warning_on_the_first_parse(tmp_path):
    code = ("import eventcoder as ec; "
            "print(len(ec.code_text('Russland kritisierte die Ukraine.', language='de', use_cache=False)))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STANZA_RESOURCES_DIR": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
    assert "unsupported language" not in done.stderr.lower(), done.stderr


class _Bar:
    """A stand-in for tqdm.auto.tqdm that records its total and updates."""

    made: list[_Bar] = []

    def __init__(self, *args, total=None, initial=0, **kwargs):
        self.total, self.initial, self.updates = total, initial, []
        _Bar.made.append(self)

    def update(self, n=1):
        self.updates.append(n)

    def close(self):
        pass


@pytest.fixture
def bars(monkeypatch):
    import tqdm.auto

    _Bar.made = []
    monkeypatch.setattr(tqdm.auto, "tqdm", _Bar)
    return _Bar.made


def test_friction_code_articles_shows_a_bar_with_a_total_that_moves_per_record(tmp_path, bars):
    """Notebook 02's bar read "coding articles: 0article": no total, one step per 256 records."""
    from eventcoder import code_articles

    corpus = _corpus(tmp_path / "c.conllu", 30)
    code_articles(corpus, language="de")
    (bar,) = bars
    assert bar.total == 30 and sum(bar.updates) == 30 and len(bar.updates) == 30
    bars.clear()
    code_articles(pd.DataFrame({"text": ["", " ", ""]}), language="de")
    assert bars[0].total == 3 and bars[0].updates == [1, 1, 1]


@pytest.mark.parametrize("workers", [1, 2])
def test_friction_code_stream_shows_a_bar_with_a_total(tmp_path, bars, workers):
    corpus = _corpus(tmp_path / "c.conllu", 30)
    code_stream(corpus, output=tmp_path / "e.csv", language="de", chunk_size=10, workers=workers,
                progress=True)
    (bar,) = bars
    assert bar.total == 30 and sum(bar.updates) == 30
    assert len(bar.updates) > 3  # per record, not per chunk


def test_friction_the_command_line_shows_a_bar_with_a_total(tmp_path, bars):
    corpus = _corpus(tmp_path / "c.conllu", 12)
    assert main(["code", str(corpus), "--language", "de", "-o", str(tmp_path / "e.csv")]) == 0
    assert bars[0].total == 12 and sum(bars[0].updates) == 12


@pytest.mark.stanza
def test_friction_code_text_shows_no_bar(tmp_path, bars, monkeypatch):
    import eventcoder as ec

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    ec.code_text("Russland kritisierte die Ukraine.", language="de", use_cache=False)
    frame = ec.code_articles(pd.DataFrame({"text": ["Russland kritisierte die Ukraine."] * 3}),
                             language="de", use_cache=False)
    assert len(frame) == 3
    (bar,) = bars  # code_articles' only
    assert bar.total == 3 and sum(bar.updates) == 3


def test_friction_outputs_record_how_they_were_made(tmp_path):
    """Reproducibility: version, parser models, dictionary content hash and options travel with
    every output: a sidecar for text formats, the file's metadata for Parquet, attrs for frames."""
    import pyarrow.parquet as pq

    import eventcoder as ec

    corpus = _corpus(tmp_path / "c.conllu", 12)
    code_stream(corpus, output=tmp_path / "a" / "e.csv", language="de", chunk_size=5)
    meta = json.loads((tmp_path / "a" / "e.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["eventcoder"] == ec.__version__
    de = meta["languages"]["de"]
    assert de["records"] == {"conllu": 12, "parsed": 0} and de["parser"] is None  # nothing parsed
    assert len(de["dictionaries"]) == 16
    assert meta["options"]["language"] == "de" and meta["options"]["max_sentence_words"] == 250
    assert meta["records"]["input"] == 12
    # the same run with other chunks, and Parquet: the same metadata
    code_stream(corpus, output=tmp_path / "b" / "e.parquet", language="de", chunk_size=7)
    stored = pq.read_schema(tmp_path / "b" / "e.parquet").metadata[b"eventcoder"]
    assert json.loads(stored) == meta
    frame = ec.code_conllu(corpus, language="de")
    assert frame.attrs["meta"]["languages"]["de"]["dictionaries"] == de["dictionaries"]
    # user dictionaries change the hash
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "actors.tsv").write_text("phrase\tcode\tkind\nTonga\tTON\tcountry\n", encoding="utf-8")
    other = ec.code_conllu(corpus, language="de", dictionaries=[mine]).attrs["meta"]
    assert other["languages"]["de"]["dictionaries"] != de["dictionaries"]
    assert other["options"]["dictionaries"] == [str(mine)]


def test_friction_version_and_citation(capsys):
    import yaml

    import eventcoder as ec

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out.strip() == f"eventcoder {ec.__version__}"
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["title"] == "eventcoder"
    assert str(citation["version"]) == ec.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{ec.__version__}"' in pyproject
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme and "CITATION.cff" in readme


def test_friction_readme_installs_notebook_extras_with_the_projects_interpreter():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '.venv/bin/python -m pip install -e ".[notebooks]"' in readme
    assert ".venv/bin/jupyter lab" in readme


@pytest.mark.stanza
def test_friction_parsed_frames_name_their_parser(tmp_path, monkeypatch):
    import eventcoder as ec

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    meta = ec.code_text("Russland kritisierte die Ukraine.", language="de", use_cache=False).attrs["meta"]
    parser = meta["languages"]["de"]["parser"]
    assert parser["models"].startswith("compact-de-") and parser["source"] == "compact"
    assert parser["stanza"] and parser["sentence_rules"]


def test_friction_concat_events_keeps_each_runs_accounting(tmp_path):
    """pd.concat of two coded frames dropped (or, in older pandas, kept the first of) their
    attrs["summary"]; concat_events adds the summaries and joins the quarantines."""
    import eventcoder as ec

    a = ec.code_articles(pd.DataFrame({"id": ["a"], "text": [""]}), language="de", progress=False)
    b = ec.code_conllu(_corpus(tmp_path / "c.conllu", 3), language="de")
    assert pd.concat([a, b]).attrs.get("summary") in (None, a.attrs["summary"])  # pandas' rule
    both = ec.concat_events([a, b])
    assert len(both) == len(a) + len(b) and list(both.columns) == list(a.columns)
    summary = both.attrs["summary"]
    assert (summary["input"], summary["quarantined"], summary["coded"]) == (4, 1, 3)
    assert [q["id"] for q in both.attrs["quarantine"]] == ["a"]
    assert both.attrs["meta"]["records"]["input"] == 4
    assert both.attrs["meta"]["languages"]["de"]["records"] == {"conllu": 3, "parsed": 0}
