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
from conftest import FIXTURES, ROOT

from eventcoder.batch.readers import iter_records, record_from_item
from eventcoder.cli import main
from eventcoder.errors import OutputError
from eventcoder.stream import code_stream

STREAM = FIXTURES / "stream"
DOCS = STREAM / "documents.conllu"
SEED = FIXTURES / "de_seed.conllu"

_DOC = """# newdoc id = {id}
# date = 2023-08-{day:02d}
# sent_id = 1
# text = {src} verurteilte {tgt}.
1\t{src}\t{src}\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tverurteilte\tverurteilen\tVERB\t_\t_\t0\troot\t_\t_
3\t{tgt}\t{tgt}\tPROPN\t_\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""
_COUNTRIES = ["Russland", "Japan", "China", "Frankreich", "Polen", "Indien", "Brasilien"]


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
