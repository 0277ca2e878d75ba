"""Sentence -> expected events, read from tests/cases/de.yaml and en.yaml."""

from __future__ import annotations

import pytest
from case_tables import code_matches, compare, find_sentence, load_cases
from conftest import FIXTURES, SHARED

from eventcoder import load_language
from eventcoder.coding import code_document


def _params(language):
    params = []
    for case in load_cases(language):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(language, case, id=f"{language}-{case['id']}", marks=marks))
    return params


@pytest.mark.parametrize("language,case", _params("de") + _params("en"))
def test_case(language, case):
    if case["conllu"].startswith("ud:") and not SHARED.exists():
        pytest.skip("../shared is absent: treebank sentences unavailable")
    doc, sent_id, _ = find_sentence(case["conllu"], SHARED, FIXTURES)
    events = code_document(doc, load_language(language), date=case.get("date"))
    events = [e for e in events if e.sentence_id == sent_id]
    missing, extra = compare(case.get("expected") or [], events)
    assert not missing and not extra, (
        f"{case.get('sentence', '')}\n missing: {missing}\n unexpected: {extra}\n"
        f" all: {[(e.source, e.target, e.event_code, e.mode, e.trigger) for e in events]}"
    )
    for src, tgt, code, mode in case.get("modes", []):
        assert any(code_matches(src, e.source) and code_matches(tgt or "", e.target)
                   and code_matches(str(code), e.event_code) and e.mode == mode
                   for e in events), (src, tgt, code, mode)
    for src, tgt, code, emb_code, emb_tgt in case.get("embedded", []):
        # a statement (appeal, demand, threat, refusal, intent) keeps the action it talks about
        assert any(code_matches(src, e.source) and code_matches(tgt or "", e.target)
                   and code_matches(str(code), e.event_code)
                   and code_matches(str(emb_code), e.embedded_code)
                   and code_matches(emb_tgt or "", e.embedded_target)
                   for e in events), (src, tgt, code, emb_code, emb_tgt,
                                      [(e.source, e.target, e.event_code, e.embedded_code,
                                        e.embedded_target) for e in events])
