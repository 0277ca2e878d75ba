"""The optional SoMaJo sentence splitter (issue 13): its error without SoMaJo, and real news.

The sentences are English Wikinews (``../shared/corpora/wikinews_en_2019_2021.jsonl``,
CC BY 2.5) where stanza's tokenizer plus the repair rules split inside a name or
abbreviation ("filed in the U.S. | District Court", "advisor John R. | Bolton") and
SoMaJo does not (benchmarks/README.md, "Sentence segmentation: SoMaJo").
"""

from __future__ import annotations

import sys

import pytest

from eventcoder.models import compact_model_dir

pytest.importorskip("stanza", reason="stanza is not installed (pip install eventcoder[parse])")

from eventcoder import parsing  # noqa: E402
from eventcoder.batch.records import RecordOptions  # noqa: E402
from eventcoder.parsing import segmenters  # noqa: E402


def test_unknown_splitter_is_refused():
    with pytest.raises(ValueError, match="sentence_splitter must be one of"):
        parsing.parse_texts(["Text."], language="en", sentence_splitter="spacy", progress=False)
    with pytest.raises(ValueError, match="sentence_splitter must be one of"):
        RecordOptions(sentence_splitter="spacy")


def test_missing_somajo_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "somajo", None)  # import somajo now raises ImportError
    with pytest.raises(ImportError, match=r"eventcoder\[somajo\]"):
        parsing.parse_texts(["Text."], language="en", sentence_splitter="somajo", progress=False)
    with pytest.raises(ImportError, match=r"eventcoder\[somajo\]"):
        RecordOptions(sentence_splitter="somajo")


# Wikinews 2019, one paragraph each; " | " in the comment marks where stanza + rules split
NEWS = [
    # "... filed in the U.S. | District Court ..."
    ("Because only Congress may allocate funds in this way, reads the motion, the declaration of state "
     "of emergency violates the United States Constitution's separation of powers clause.  The "
     "lawsuit was filed in the U.S. District Court for Northern District of California.", 2),
    # "... advisor John R. | Bolton's resignation ..."
    ("On Tuesday, United States President Donald Trump announced he had asked for national security "
     "advisor John R. Bolton's resignation Monday night, and that Bolton tendered it the next "
     "morning.", 1),
    # "... at Richard J. | Donovan Correctional Facility ..."
    ("Sirhan was serving his time at Richard J. Donovan Correctional Facility in San Diego County, "
     "California.", 1),
]


@pytest.mark.stanza
@pytest.mark.parametrize("text, n", NEWS)
def test_somajo_keeps_names_whole(tmp_path, monkeypatch, text, n):
    pytest.importorskip("somajo", reason="SoMaJo is not installed (pip install eventcoder[somajo])")
    if not (compact_model_dir("en") / "depparse.pt").is_file():
        pytest.skip(f"compact en models are not in {compact_model_dir('en')}")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no_stanza"))
    (doc,) = parsing.parse_texts([text], language="en", cache_dir=tmp_path, progress=False,
                                 sentence_splitter="somajo")
    assert len(doc.sentences) == n
    assert [s.text for s in doc.sentences] == text.split("  ")  # the text's own characters
    assert all(sum(w.head == 0 for w in s.words) == 1 for s in doc.sentences)
    # its own cache entries, named after SoMaJo and its version
    assert [p.name for p in tmp_path.iterdir() if "somajo" in p.name]


def test_somajo_sentences_are_offsets_into_the_text():
    pytest.importorskip("somajo", reason="SoMaJo is not installed (pip install eventcoder[somajo])")
    text = "Obama besuchte am 15. August Berlin. Dort traf er u.a. Merkel.\n\nDie U.N. tagten. Ja"
    spans = segmenters.somajo_sentences(text, "de")
    assert [text[a:z] for a, z in spans] == [
        "Obama besuchte am 15. August Berlin.", "Dort traf er u.a. Merkel.", "Die U.N. tagten.", "Ja"]
    assert segmenters.somajo_boundaries(text, "de") == [z for _, z in spans[:-1]]
