"""Raw news text -> repaired parse and events (issue 13), read from tests/cases/raw_text.yaml.

Each row is a real sentence from ../shared, parsed by the shipped compact models as users
run the coder; the row says what the sentence split, the tag repair (names, verbs) and
the parse must hold, and which asserted events the coder must find.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from case_tables import code_matches, compare
from conftest import SHARED

from eventcoder.models import compact_model_dir

pytest.importorskip("stanza", reason="stanza is not installed (pip install eventcoder[parse])")

from eventcoder import load_language, parsing  # noqa: E402
from eventcoder.coding import code_document  # noqa: E402

pytestmark = pytest.mark.stanza
ROWS = yaml.safe_load((Path(__file__).parent / "cases" / "raw_text.yaml").read_text(encoding="utf-8"))


def _params():
    out = []
    for row in ROWS:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        out.append(pytest.param(row, id=f"{row['language']}-{row['id']}", marks=marks))
    return out


def _origin_text(origin: dict) -> str:
    if "seed" in origin:
        return (SHARED / "seed" / origin["seed"]).read_text(encoding="utf-8")
    if "ud" in origin:
        return "\n".join(line[9:] for line in (SHARED / "ud" / origin["ud"]).read_text(
            encoding="utf-8").splitlines() if line.startswith("# text = "))
    texts = []
    for line in (SHARED / "corpora" / origin["corpus"]).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "id" not in origin or rec.get("id") == origin["id"]:
            texts.append(rec.get("text") or "")
    return "\n".join(texts)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("raw_text_cache")


@pytest.fixture(autouse=True)
def _no_official_models(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path_factory.mktemp("no_stanza")))


def test_rows_are_real_sentences():
    if not SHARED.exists():
        pytest.skip("../shared is absent: the rows' origins cannot be checked")
    for row in ROWS:
        assert " ".join(row["text"].split()) in " ".join(_origin_text(row["origin"]).split()), row["id"]


@pytest.mark.parametrize("row", _params())
def test_raw_text_row(row, cache):
    lang = row["language"]
    if not (compact_model_dir(lang) / "depparse.pt").is_file():
        pytest.skip(f"compact {lang} models are absent")
    text = row["text"]
    if row.get("whole_record"):  # the whole article of the origin: context matters
        if not SHARED.exists():
            pytest.skip("../shared is absent: the article is read from it")
        text = _origin_text(row["origin"])
    doc = parsing.parse_texts([text], language=lang, cache_dir=cache, progress=False)[0]
    words = [w for s in doc.sentences for w in s.words]
    if "sentences" in row:
        assert len(doc.sentences) == row["sentences"], [s.surface() for s in doc.sentences]
    tags = {w.form: w.upos for w in words}
    for form in row.get("verbs", ()):
        assert tags.get(form) == "VERB", (form, tags.get(form))
    for form in row.get("not_verbs", ()):
        assert tags.get(form) != "VERB", form
    for form in row.get("propn", ()):
        assert tags.get(form) == "PROPN", (form, tags.get(form))
    for form, deprel in (row.get("deprels") or {}).items():
        assert any(w.form == form and w.deprel == deprel for w in words), (
            form, [(w.form, w.deprel) for w in words if w.form == form])
    for form, n in (row.get("subjects") or {}).items():
        for s in doc.sentences:
            heads = [w for w in s.words if w.form == form]
            if heads:
                subjects = [w.form for w in s.words
                            if w.head == heads[0].id and w.deprel.startswith("nsubj")]
                assert len(subjects) == n, (form, subjects)
    for form, code in (row.get("actors") or {}).items():
        import datetime as dt

        from eventcoder.actors import SentenceActors
        found = [a.code for s in doc.sentences for w in s.words if w.form == form
                 for a in SentenceActors(s, load_language(lang), date=dt.date(2022, 10, 10)).resolve(w)]
        assert code in found, (form, found)
    if "expected" in row:
        doc.id = row["id"]
        events = code_document(doc, load_language(lang), date="2022-10-10")
        missing, extra = compare(row["expected"], events)
        assert not missing and not extra, (missing, extra)
    if "not_expected" in row:
        doc.id = row["id"]
        events = [e for e in code_document(doc, load_language(lang), date="2022-10-10")
                  if e.mode == "asserted"]
        wrong = [(e.source, e.target, e.event_code) for e in events
                 if any(code_matches(src, e.source) and code_matches(tgt, e.target)
                        and code_matches(code, e.event_code)
                        for src, tgt, code in row["not_expected"])]
        assert not wrong, wrong


def test_repairs_keep_every_parse_a_tree(cache):
    """The tag and tree repairs run on real news; every sentence must still be one tree
    (read_conllu raises on a cycle) and the repairs must have fired."""
    if not SHARED.exists():
        pytest.skip("../shared is absent")
    if not (compact_model_dir("en") / "depparse.pt").is_file():
        pytest.skip("compact en models are absent")
    rows = [json.loads(line) for line in (SHARED / "corpora" / "itn_wikipedia_in_the_news_de_en.jsonl")
            .read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows if r.get("language") == "en"][:80]
    before = parsing.cache_info()
    docs = parsing.parse_texts(texts, language="en", cache_dir=cache, use_cache=False, progress=False)
    after = parsing.cache_info()
    for doc in docs:
        for sentence in doc.sentences:
            sentence.check_tree()
    assert after["verbs_rescued"] > before["verbs_rescued"]
    assert after["names_tagged"] > before["names_tagged"]
