"""Load the sentence -> expected events tables in tests/cases/<lang>.yaml.

Each case::

    - id: gsd-test-s42                      # unique
      sentence: "Die USA warnen ..."          # for reading; checked against the parse
      conllu: ud:UD_German-GSD/de_gsd-ud-test.conllu#test-s42
      # or: fixtures/de_seed.conllu#3        (a committed fixture; the whole document is
      #                                       coded so earlier sentences give context)
      date: 2023-08-30                      # optional publication date
      expected:                             # asserted events as [source, target, code];
        - [USA, PRK, "130"]                 # target "" for one-sided events; a code
        - [RUS*, IGOUNO, "12*"]             # a code or actor ending in * matches any with that prefix
      # expected: []  -> the sentence must give no asserted event
      xfail: "why"                          # optional: a known limitation (reported, not hidden)
      modes:                                # optional: non-asserted events that must appear
        - [USA, PRK, "130", negated]
      embedded:                             # optional: statements and the action they embed
        - [USA, PRK, "130", "062", RUS]     # [source, target, code, embedded_code, embedded_target]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from eventcoder import read_conllu
from eventcoder.conllu import Document

CASES = Path(__file__).parent / "cases"


def load_cases(language: str) -> list[dict]:
    with open(CASES / f"{language}.yaml", encoding="utf-8") as fh:
        cases = yaml.safe_load(fh) or []
    ids = [c["id"] for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate case ids in {language}.yaml: {sorted(dupes)}")
    return cases


@lru_cache(maxsize=64)
def _documents(path: str) -> tuple[Document, ...]:
    return tuple(read_conllu(path))


def find_sentence(ref: str, shared: Path, fixtures: Path) -> tuple[Document, str, bool]:
    """Resolve ``ud:PATH#SENT_ID`` or ``fixtures/FILE#SENT_ID``.

    Returns the document to code, the sentence id, and whether the whole
    document is coded (fixtures) or the sentence alone (treebanks).
    """
    path, _, sent_id = ref.partition("#")
    if path.startswith("ud:"):
        file = shared / "ud" / path[3:]
        whole = False
    else:
        file = fixtures.parent / path
        whole = True
    if not file.exists():
        raise FileNotFoundError(file)
    for doc in _documents(str(file)):
        for sent in doc.sentences:
            if sent.id == sent_id:
                if whole:
                    return doc, sent_id, True
                return Document(id=doc.id, sentences=[sent], metadata=doc.metadata), sent_id, False
    raise KeyError(f"sentence {sent_id!r} not in {file}")


def code_matches(expected: str, actual: str) -> bool:
    expected = str(expected)
    if expected.endswith("*"):
        return actual.startswith(expected[:-1])
    return actual == expected


def compare(expected: list, events) -> tuple[list, list]:
    """Return (missing expected triples, unexpected asserted events)."""
    got = [(e.source, e.target, e.event_code) for e in events if e.mode == "asserted"]
    missing = []
    used = set()
    for src, tgt, code in (tuple(x[:3]) for x in expected):
        hit = next((i for i, g in enumerate(got)
                    if i not in used and code_matches(src, g[0]) and code_matches(tgt or "", g[1])
                    and code_matches(code, g[2])), None)
        if hit is None:
            missing.append((src, tgt, code))
        else:
            used.add(hit)
    extra = [g for i, g in enumerate(got) if i not in used]
    return missing, extra
