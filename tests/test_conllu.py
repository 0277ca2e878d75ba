"""The CoNLL-U reader: documents, multi-word tokens, and errors that name the line."""

from __future__ import annotations

import pytest

from eventcoder import ConlluError, read_conllu, write_conllu

GOOD = """# newdoc id = a
# date = 2023-08-30
# sent_id = a-1
# text = Er geht zum Bahnhof.
1\tEr\ter\tPRON\tPPER\tCase=Nom|PronType=Prs\t2\tnsubj\t_\t_
2\tgeht\tgehen\tVERB\tVVFIN\t_\t0\troot\t_\t_
3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_
3\tzu\tzu\tADP\tAPPR\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_
5\tBahnhof\tBahnhof\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

# newdoc id = b
# sent_id = b-1
# text = Ja.
1\tJa\tja\tINTJ\tITJ\t_\t0\troot\t_\t_
2\t.\t.\tPUNCT\t$.\t_\t1\tpunct\t_\t_
"""


def test_documents_sentences_and_mwt():
    docs = read_conllu(GOOD)
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].metadata["date"] == "2023-08-30"
    sent = docs[0].sentences[0]
    assert sent.id == "a-1" and sent.text == "Er geht zum Bahnhof."
    assert [w.form for w in sent.words] == ["Er", "geht", "zu", "dem", "Bahnhof", "."]
    assert sent.tokens[0].form == "zum" and (sent.tokens[0].first, sent.tokens[0].last) == (3, 4)
    assert sent.words[0].feats == {"Case": "Nom", "PronType": "Prs"}
    assert [w.form for w in sent.children(2)] == ["Er", "Bahnhof", "."]
    assert [w.id for w in sent.subtree(5)] == [3, 4, 5]


def test_round_trip():
    docs = read_conllu(GOOD)
    again = read_conllu(write_conllu(docs))
    assert [(d.id, d.metadata, [s.text for s in d.sentences]) for d in again] == [
        (d.id, d.metadata, [s.text for s in d.sentences]) for d in docs]
    assert again[0].sentences[0].tokens == docs[0].sentences[0].tokens


def test_reads_a_path(tmp_path):
    path = tmp_path / "x.conllu"
    path.write_text(GOOD, encoding="utf-8")
    assert len(read_conllu(path)) == 2
    assert len(read_conllu(str(path))) == 2


def test_document_without_newdoc_uses_file_stem(tmp_path):
    path = tmp_path / "article7.conllu"
    path.write_text(GOOD.split("\n\n")[1].replace("# newdoc id = b\n", ""), encoding="utf-8")
    assert read_conllu(path)[0].id == "article7"


def test_empty_input_gives_no_documents():
    assert read_conllu("") == []
    assert read_conllu("\n\n") == []


@pytest.mark.parametrize(
    "bad,line,message",
    [
        ("1\tEr\ter\tPRON\t_\t_\t0\troot\t_\n", 1, "10 tab-separated columns"),
        ("1\tEr\ter\tPRON\t_\t_\tX\troot\t_\t_\n", 1, "HEAD must be an integer"),
        ("1\tEr\ter\tPRON\t_\t_\t0\troot\t_\t_\n3\tja\tja\tX\t_\t_\t1\tdep\t_\t_\n", 1, "IDs must run"),
        ("1\tEr\ter\tPRON\t_\t_\t5\troot\t_\t_\n", 1, "outside"),
        ("1\tEr\ter\tPRON\t_\tCase\t0\troot\t_\t_\n", 1, "FEATS"),
        ("# sent_id = 1\n1\tEr\ter\tPRON\t_\t_\t0\troot\t_\t_\n# x = y\n", 3, "comment inside"),
        ("\n\n1\tEr\ter\tPRON\t_\t_\t1\troot\t_\t_\n", 3, "its own head"),
        ("1\tEr\ter\tPRON\t_\t_\t0\troot\t_\t_\n2-1\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", 2, "reversed"),
    ],
)
def test_malformed_lines_name_the_line(bad, line, message):
    with pytest.raises(ConlluError, match=message) as err:
        read_conllu(bad)
    assert f"line {line}" in str(err.value)


def test_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_conllu(tmp_path / "nope.conllu")
    bad = tmp_path / "latin1.conllu"
    bad.write_bytes("1\tÄrger\tÄrger\tNOUN\t_\t_\t0\troot\t_\t_\n".encode("latin-1"))
    with pytest.raises(ConlluError, match="not valid UTF-8"):
        read_conllu(bad)


def test_real_treebank_reads(shared):
    docs = read_conllu(shared("ud", "UD_German-GSD", "de_gsd-ud-test.conllu"))
    sentences = [s for d in docs for s in d.sentences]
    assert len(sentences) == 977
    assert sum(len(s.tokens) for s in sentences) > 100  # German contractions
