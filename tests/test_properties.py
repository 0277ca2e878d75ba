"""Property-based tests (hypothesis): arbitrary input raises only the documented errors.

* The CoNLL-U reader: any string or bytes gives documents or a ``ConlluError``
  (a string without a line break or tab is a path: ``FileNotFoundError`` or
  ``IsADirectoryError``); well-formed trees round-trip through ``write_conllu``.
* The dictionary loaders: any actors/agents TSV, verbs YAML or lang.yaml gives a
  ``DictionaryError`` or loads; valid generated entries load and are found.
* The coder: random valid dependency trees over real dictionary words (so that
  events fire) never make it raise, and every event it produces is well formed:
  a CAMEO code, QuadClass 1..4, Goldstein in [-10, 10], spans inside the sentence.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import math
import signal
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from eventcoder import ConlluError, DictionaryError, read_conllu, write_conllu
from eventcoder.cameo import load_cameo
from eventcoder.coding import code_documents, code_sentence
from eventcoder.conllu import Document, MultiWordToken, Sentence, Word
from eventcoder.dictionaries import (
    ACTOR_KINDS,
    LanguageResources,
    load_actor_table,
    load_agent_table,
    load_language,
    load_rules,
    load_verb_table,
)
from eventcoder.events import EVENT_COLUMNS, MODES
from eventcoder.resources_path import resource_dir

PROPS = settings(max_examples=150, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X"]
DEPRELS = ["nsubj", "obj", "iobj", "obl", "obl:arg", "obl:agent", "obl:tmod", "nsubj:pass", "csubj",
           "ccomp", "xcomp", "advcl", "acl", "acl:relcl", "conj", "cc", "parataxis", "nmod",
           "nmod:poss", "appos", "amod", "advmod", "det", "det:poss", "case", "mark", "aux", "aux:pass",
           "cop", "compound", "compound:prt", "flat", "flat:name", "fixed", "nummod", "expl", "punct",
           "dep", "discourse", "vocative", "orphan", "list", "goeswith", "root"]
FEATS = {"Case": ["Nom", "Acc", "Dat", "Gen"], "Mood": ["Ind", "Sub", "Imp", "Cnd"],
         "Number": ["Sing", "Plur"], "PronType": ["Rel", "Prs", "Int", "Dem"],
         "Tense": ["Past", "Pres", "Fut"], "VerbForm": ["Fin", "Inf", "Part"], "Voice": ["Pass", "Act"],
         "Person": ["1", "2", "3"], "Polarity": ["Neg"]}

# text in one CoNLL-U field: anything but the column and line separators
FIELD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"), min_size=1,
                max_size=12)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


# --------------------------------------------------------------------------- CoNLL-U reader


def _read_or_conllu_error(text: str) -> list[Document]:
    try:
        return read_conllu(text)
    except ConlluError as exc:
        assert "line" in str(exc) or "sentence" in str(exc), exc
        return []


@PROPS
@given(ANY_TEXT)
def test_reader_any_text_raises_only_conllu_error(text):
    _read_or_conllu_error(text + "\n")  # a line break makes it CoNLL-U text, not a path


@PROPS
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n"), max_size=600))
@example("a" * 300)  # found by hypothesis: a name too long for the file system raised OSError
def test_reader_path_like_strings_raise_only_documented_errors(text):
    try:
        read_conllu(text)
    except (ConlluError, FileNotFoundError, IsADirectoryError):
        pass


@PROPS
@given(st.binary(max_size=400))
def test_reader_any_bytes_raises_only_conllu_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.conllu"
        path.write_bytes(data)
        try:
            read_conllu(path)
        except ConlluError as exc:
            assert str(path) in str(exc)


def _id_field() -> st.SearchStrategy[str]:
    n = st.integers(-2, 12).map(str)
    return st.one_of(n, st.tuples(n, n).map("-".join), st.tuples(n, n).map(".".join), FIELD,
                     st.just("_"))


def _token_line() -> st.SearchStrategy[str]:
    col = st.one_of(FIELD, st.just("_"), st.just(""))
    cols = st.tuples(_id_field(), col, col, st.sampled_from(UPOS), col,
                     st.one_of(col, st.just("Case=Nom|Number=Sing"), st.just("a|b=")),
                     st.one_of(st.integers(-1, 12).map(str), col), st.sampled_from(DEPRELS), col, col)
    return st.one_of(cols.map("\t".join),
                     st.lists(col, min_size=0, max_size=12).map("\t".join))  # wrong column counts


LINES = st.one_of(
    _token_line(),
    st.just(""),
    st.sampled_from(["# newdoc id = d1", "# newdoc", "# sent_id = s1", "# text = Ein Satz.",
                     "# date = 2023-08-30", "#", "# = x", "# key ="]),
    FIELD.map(lambda t: "# " + t),
)


@PROPS
@given(st.lists(LINES, max_size=25))
def test_reader_well_formed_ish_lines_raise_only_conllu_error(lines):
    docs = _read_or_conllu_error("\n".join(lines) + "\n")
    for doc in docs:
        for sent in doc.sentences:
            n = len(sent.words)
            assert [w.id for w in sent.words] == list(range(1, n + 1))
            assert all(0 <= w.head <= n and w.head != w.id for w in sent.words)


@st.composite
def tree_heads(draw, n: int) -> list[int]:
    """Heads of a random rooted tree over words 1..n (no cycles, one root)."""
    order = draw(st.permutations(range(1, n + 1)))
    heads = {order[0]: 0}
    for k in range(1, n):
        heads[order[k]] = order[draw(st.integers(0, k - 1))]
    return [heads[i] for i in range(1, n + 1)]


@st.composite
def conllu_sentences(draw, sent_id: str) -> Sentence:
    n = draw(st.integers(1, 8))
    heads = draw(tree_heads(n))
    words = []
    for i in range(1, n + 1):
        form = draw(FIELD)
        lemma = draw(FIELD.filter(lambda v: v != "_"))
        feats = draw(st.dictionaries(FIELD.filter(lambda k: "=" not in k and "|" not in k),
                                     FIELD.filter(lambda v: "|" not in v), max_size=3))
        words.append(Word(id=i, form=form, lemma=lemma, upos=draw(st.sampled_from(UPOS)),
                          xpos=draw(FIELD), feats=feats, head=heads[i - 1],
                          deprel="root" if heads[i - 1] == 0 else draw(st.sampled_from(DEPRELS)),
                          misc=draw(FIELD)))
    tokens = []
    if n >= 2 and draw(st.booleans()):
        first = draw(st.integers(1, n - 1))
        tokens.append(MultiWordToken(first, first + 1, draw(FIELD), "_"))
    text = draw(st.one_of(st.just(""), FIELD.map(str.strip).filter(bool)))
    meta = {"sent_id": sent_id, **({"text": text} if text else {})}
    return Sentence(id=sent_id, text=text, words=words, tokens=tokens, metadata=meta)


@st.composite
def conllu_documents(draw) -> list[Document]:
    docs = []
    for d in range(draw(st.integers(1, 3))):
        sents = [draw(conllu_sentences(f"s{d}-{k}")) for k in range(draw(st.integers(1, 3)))]
        docs.append(Document(id=f"doc{d}", sentences=sents))
    return docs


@PROPS
@given(conllu_documents())
@example([Document("doc0", [Sentence("s1", "Seite\x0c1\u2028", [Word(1, "0", "0", "ADJ", misc="\x850")],
                                     metadata={"sent_id": "s1", "text": "Seite\x0c1\u2028"})])])
def test_reader_round_trips_well_formed_trees(docs):
    # the example was found by hypothesis: "\x85", "\x0c", "\u2028" inside a field broke the line
    text = write_conllu(docs)
    back = read_conllu(text)
    assert [d.id for d in back] == [d.id for d in docs]
    for mine, read in zip(docs, back):
        assert len(read.sentences) == len(mine.sentences)
        for s, r in zip(mine.sentences, read.sentences):
            assert r.id == s.id and r.text == s.text
            assert [(w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.misc)
                    for w in r.words] == [(w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel,
                                           w.misc) for w in s.words]
            assert [(t.first, t.last, t.form) for t in r.tokens] == [(t.first, t.last, t.form)
                                                                      for t in s.tokens]
    assert write_conllu(back) == text


# --------------------------------------------------------------------------- dictionary loaders


@functools.cache
def _rules(language: str):
    return load_language(language).rules


def _fresh(language: str = "de") -> LanguageResources:
    return LanguageResources(rules=_rules(language))


TSV_FIELD = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n"), max_size=15),
    st.sampled_from(["", "RUS", "USAGOV", "rus", "GOV", "*", "country", "adj", "person", "planet",
                     "2012-01-01", "2012-13-01", "2030-01-01", "Russland|Moskau", "|", "#x"]),
)


def _tsv(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["\t".join(header), *("\t".join(r) for r in rows)]) + "\n"


def _load_file(loader, content: str | bytes, name: str, **kwargs):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        res = _fresh()
        try:
            return loader(path, res, **kwargs), res
        except DictionaryError as exc:
            assert name in str(exc)
            return None, res


ACTOR_HEADER = st.lists(st.sampled_from(["phrase", "code", "kind", "start", "end", "note", "names", "x"]),
                        min_size=1, max_size=7, unique=True)


@PROPS
@given(ACTOR_HEADER, st.lists(st.lists(TSV_FIELD, max_size=8), max_size=6))
def test_actor_table_raises_only_dictionary_error(header, rows):
    _load_file(load_actor_table, _tsv(header, rows), "actors.tsv")


@PROPS
@given(st.lists(st.sampled_from(["phrase", "role", "note", "x"]), min_size=1, max_size=4, unique=True),
       st.lists(st.lists(TSV_FIELD, max_size=5), max_size=6))
def test_agent_table_raises_only_dictionary_error(header, rows):
    _load_file(load_agent_table, _tsv(header, rows), "agents.tsv")


@PROPS
@given(st.one_of(st.binary(max_size=200), ANY_TEXT))
def test_tables_any_content_raises_only_dictionary_error(content):
    _load_file(load_actor_table, content, "actors.tsv")
    _load_file(load_agent_table, content, "agents.tsv")
    _load_file(load_verb_table, content, "verbs.yaml", prefix="de/verbs.yaml")
    _load_file(lambda path, res: load_rules(path), content, "lang.yaml")


WORD = st.text(st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=10)
CAMEO = sorted(load_cameo())
JUNK = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=False), st.text(max_size=8),
              st.sampled_from(CAMEO)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), inner,
                                            max_size=3)),
    max_leaves=8,
)
VALID_VERB = st.fixed_dictionaries(
    {"code": st.sampled_from(CAMEO), "lemmas": st.one_of(WORD, st.lists(
        st.lists(WORD, min_size=1, max_size=2).map(" ".join), min_size=1, max_size=3))},
    optional={"nouns": st.lists(WORD, max_size=2), "target_preps": st.lists(WORD, max_size=2),
              "one_sided": st.booleans(), "note": st.text(max_size=10)},
)
KEYS = ["code", "lemmas", "nouns", "target_preps", "target_relations", "source_relations", "one_sided",
        "note"]


@st.composite
def mutated_verb(draw) -> dict:
    entry = dict(draw(VALID_VERB))
    key = draw(st.one_of(st.sampled_from(KEYS), st.text(max_size=6), st.integers()))
    if draw(st.booleans()):
        entry[key] = draw(JUNK)
    else:
        entry.pop(key, None)
    return entry


@PROPS
@given(st.lists(st.one_of(mutated_verb(), JUNK), max_size=5), st.booleans())
@example([{"": None, 0: None}], False)  # found by hypothesis: unknown keys of mixed types -> TypeError
@example([{"code": "042", "lemmas": ["besuchen", " "]}], False)  # a blank lemma -> IndexError
def test_verb_table_raises_only_dictionary_error(entries, wrapped):
    data = {"verbs": entries} if wrapped else entries
    _load_file(load_verb_table, yaml.safe_dump(data, allow_unicode=True), "verbs.yaml",
               prefix="de/verbs.yaml")


@PROPS
@given(st.lists(VALID_VERB, min_size=1, max_size=5))
def test_valid_verb_entries_load_and_are_found(entries):
    count, res = _load_file(load_verb_table, yaml.safe_dump(entries, allow_unicode=True), "verbs.yaml",
                            prefix="de/verbs.yaml")
    lemmas = [lem for e in entries for lem in ([e["lemmas"]] if isinstance(e["lemmas"], str)
                                               else e["lemmas"])]
    assert count == len(lemmas)
    for entry in entries:
        for lemma in [entry["lemmas"]] if isinstance(entry["lemmas"], str) else entry["lemmas"]:
            head = lemma.lower().split()[0]
            assert any(p.code == entry["code"] for p in res.verbs[head])


@PROPS
@given(st.lists(st.tuples(WORD, st.sampled_from(sorted(ACTOR_KINDS)),
                          st.text(st.characters(whitelist_categories=("Lu",)), min_size=3, max_size=6)),
                min_size=1, max_size=5))
def test_valid_actor_rows_load_and_are_found(rows):
    text = _tsv(["phrase", "code", "kind"], [[p, c, k] for p, k, c in rows])
    count, res = _load_file(load_actor_table, text, "actors.tsv")
    assert count is not None and count >= len(rows)
    for phrase, _, code in rows:
        assert any(e.code == code for e in res.actors[(phrase.lower(),)])


@functools.cache
def _lang_yaml(language: str) -> dict:
    return yaml.safe_load((resource_dir(language) / "lang.yaml").read_text(encoding="utf-8"))


@PROPS
@given(st.sampled_from(["de", "en"]), st.data())
def test_rules_raise_only_dictionary_error(language, data):
    rules = dict(_lang_yaml(language))
    key = data.draw(st.sampled_from(sorted(rules)))
    if data.draw(st.booleans()):
        rules[key] = data.draw(JUNK)
    else:
        del rules[key]
    _load_file(lambda path, res: load_rules(path), yaml.safe_dump(rules, allow_unicode=True), "lang.yaml")


@pytest.mark.parametrize("key,value", [("negation_words", True), ("compound_min_suffix", None),
                                       ("compound_min_suffix", "vier"), ("hyphen_split", "yes"),
                                       ("name", [1])])
def test_rules_examples_found_by_hypothesis(tmp_path, key, value):
    """Values of the wrong type in lang.yaml are DictionaryErrors naming the rule."""
    path = tmp_path / "lang.yaml"
    path.write_text(yaml.safe_dump({**_lang_yaml("de"), key: value}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DictionaryError, match=key):
        load_rules(path)


# --------------------------------------------------------------------------- the coder


@functools.cache
def _vocabulary(language: str) -> dict[str, list[str]]:
    """Real dictionary words of a language: verbs, actor words, agents, rule words."""
    res = load_language(language)
    r = res.rules
    verbs = sorted(h for h, ps in res.verbs.items() if any(not p.nouns and not p.particle for p in ps))
    particles = sorted({p.particle for ps in res.verbs.values() for p in ps if p.particle})
    nouns = sorted({n for ps in res.verbs.values() for p in ps for n in p.nouns})
    actors = sorted(k[0] for k in res.actors if len(k) == 1)
    small = sorted(r.negation_words | r.speech_verbs | r.first_person_pronouns | r.third_person_pronouns
                   | r.modal_verbs | r.future_auxiliaries | r.passive_auxiliaries | r.conditional_markers
                   | r.passive_agent_preps | r.anaphoric_nouns | r.event_nouns)
    preps = sorted({p for ps in res.verbs.values() for p in ps for p in p.target_preps})
    return {"verb": verbs, "any_verb": sorted(res.verbs), "particle": particles or ["x"],
            "noun": nouns or ["x"], "actor": actors, "agent": sorted(res.agents), "small": small,
            "prep": preps or ["x"]}


@st.composite
def coder_words(draw, language: str, kind: str | None = None) -> tuple[str, str, str]:
    """(form, lemma, upos) of one word, biased towards dictionary entries."""
    vocab = _vocabulary(language)
    kind = kind or draw(st.sampled_from(["any_verb", "actor", "actor", "agent", "noun", "small", "prep",
                                         "particle", "random"]))
    if kind == "random":
        form = draw(FIELD)
        return form, draw(st.one_of(st.just(form), FIELD)), draw(st.sampled_from(UPOS))
    entry = draw(st.sampled_from(vocab[kind]))
    form = entry.title() if kind == "actor" or (kind in ("agent", "noun") and language == "de") else entry
    form = form.replace(" ", "_")  # multi-word entries ("call on") as one token
    upos = {"verb": "VERB", "any_verb": "VERB", "actor": "PROPN", "agent": "NOUN", "noun": "NOUN",
            "prep": "ADP", "particle": "ADP"}.get(kind)
    if upos is None or draw(st.integers(0, 5)) == 0:  # sometimes a wrong part of speech
        upos = draw(st.sampled_from(UPOS))
    return form, entry, upos


@st.composite
def coder_word(draw, language: str, head: int, deprel: str | None = None, kind: str | None = None
               ) -> Word:
    """A word (id 0 for now) under ``head``, biased towards dictionary entries."""
    form, lemma, upos = draw(coder_words(language, kind))
    feats = draw(st.dictionaries(st.sampled_from(sorted(FEATS)), st.just(""), max_size=3))
    feats = {f: draw(st.sampled_from(FEATS[f])) for f in feats}
    if head == 0:
        deprel = "root"
    elif deprel is None or draw(st.integers(0, 4)) == 0:  # sometimes an unexpected label
        deprel = draw(st.sampled_from(DEPRELS))
    return Word(id=0, form=form, lemma=lemma, upos=upos, xpos="_", feats=feats, head=head,
                deprel=deprel)


@st.composite
def coder_sentences(draw, language: str, sent_id: str) -> Sentence:
    """A random rooted tree; often built around a clause "actor verb actor" so that events fire.

    Words are created in tree order (each one's head already exists), then placed
    in a random word order.
    """
    words: list[Word] = []  # creation order; heads refer to creation indexes (1-based)
    if draw(st.booleans()):
        words.append(draw(coder_word(language, 0, kind="verb")))
        words.append(draw(coder_word(language, 1, draw(st.sampled_from(
            ["nsubj", "nsubj", "nsubj:pass", "obl:agent", "conj"])), kind="actor")))
        words.append(draw(coder_word(language, 1, draw(st.sampled_from(
            ["obj", "obj", "iobj", "obl", "obl:arg", "nmod", "xcomp"])), kind="actor")))
    for _ in range(draw(st.integers(0 if words else 1, 7))):
        head = draw(st.integers(0 if not words else 1, len(words)))
        words.append(draw(coder_word(language, head)))
    order = draw(st.permutations(range(len(words))))  # creation index -> position
    position = {c: p + 1 for c, p in enumerate(order)}
    placed = [None] * len(words)
    for c, w in enumerate(words):
        w.id = position[c]
        w.head = position[w.head - 1] if w.head else 0
        placed[w.id - 1] = w
    text = draw(st.one_of(st.just(""), st.just(" ".join(w.form for w in placed))))
    return Sentence(id=sent_id, text=text, words=placed)


@st.composite
def coder_documents(draw) -> tuple[str, Document]:
    language = draw(st.sampled_from(["de", "en"]))
    sentences = [draw(coder_sentences(language, str(k))) for k in range(1, draw(st.integers(1, 3)) + 1)]
    meta = {}
    if draw(st.booleans()):
        meta["date"] = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))).isoformat()
    return language, Document(id="doc", sentences=sentences, metadata=meta)


def _span_ids(span: str) -> list[int]:
    if not span:
        return []
    first, _, last = span.partition("-")
    return [int(first), int(last or first)]


def _check_events(language: str, doc: Document) -> list:
    events = code_documents([doc], load_language(language))
    cameo = load_cameo()
    by_id = {s.id: s for s in doc.sentences}
    for e in events:
        assert e.event_code in cameo, e
        assert e.root_code == cameo[e.event_code].root_code
        assert e.quad_class in (1, 2, 3, 4), e
        assert not math.isnan(e.goldstein) and -10 <= e.goldstein <= 10, e
        assert e.mode in MODES and e.language == language and e.doc_id == "doc"
        assert e.source, e
        sent = by_id[e.sentence_id]
        assert e.sentence == sent.surface()
        for span in (e.source_span, e.target_span, e.trigger_span):
            assert all(1 <= i <= len(sent.words) for i in _span_ids(span)), (span, e)
        assert e.trigger_span and e.source_span, e
        assert bool(e.target) == bool(e.target_span) or not e.target, e
        assert len(e.__slots__) == len(EVENT_COLUMNS)
    return events


def test_coder_never_raises_and_events_are_well_formed():
    """Random trees never make the coder raise; its events are well formed; and some fire.

    The property runs inside the test so that it can also count the documents
    that coded events: the trees are built around dictionary words so that
    about one in six does, and the property is not vacuous.
    """
    fired: list[int] = []

    @PROPS
    @given(coder_documents())
    def property_(item):
        fired.append(len(_check_events(*item)))

    property_()
    assert sum(1 for n in fired if n) >= 5, f"only {sum(1 for n in fired if n)} of {len(fired)} fired"


@st.composite
def any_heads_documents(draw) -> tuple[str, Document]:
    """Documents whose heads are anything the reader accepts: cycles, several roots, no root."""
    language, doc = draw(coder_documents())
    for sent in doc.sentences:
        n = len(sent.words)
        for w in sent.words:
            if draw(st.integers(0, 3)) == 0:
                w.head = draw(st.integers(0, n).filter(lambda h, i=w.id: h != i))
    return language, doc


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Turn a hang into a TimeoutError (SIGALRM; pytest runs tests in the main thread)."""
    def stop(signum, frame):
        raise TimeoutError(f"still coding after {seconds} s: an endless loop")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: found by this property: a relative pronoun whose head chain is a cycle without an "acl"
#: (3 -> 4 -> 3) sends coding.reference._resolve_one's walk up the heads round the cycle for ever
CYCLE = ("1\tRussland\tRussland\tPROPN\t_\t_\t3\tnsubj\t_\t_\n"
         "2\tdie\tder\tPRON\t_\tPronType=Rel\t3\tnsubj\t_\t_\n"
         "3\tverurteilte\tverurteilen\tVERB\t_\t_\t4\tconj\t_\t_\n"
         "4\tJapan\tJapan\tPROPN\t_\t_\t3\tobj\t_\t_\n")


def test_reader_rejects_head_cycles():
    """UD sentences are trees: a head cycle is a ConlluError, so the coder never walks one."""
    with pytest.raises(ConlluError, match="cycle"):
        read_conllu(CYCLE, default_doc_id="doc")


@settings(PROPS, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking of hangs
@given(any_heads_documents())
def test_coder_terminates_on_any_heads_the_reader_accepts(item):
    """The reader rejects cycles; on every tree it accepts the coder ends without errors."""
    language, doc = item
    try:
        docs = read_conllu(write_conllu([doc]))
    except ConlluError as exc:
        assert "cycle" in str(exc)
        return
    with _time_limit(5):
        _check_events(language, docs[0])


def test_coder_rejects_a_cyclic_sentence_built_in_code():
    """A Sentence built in code skips the reader: the coder checks the tree itself."""
    sentence = read_conllu(CYCLE.replace("\t4\tconj", "\t0\troot"), default_doc_id="doc")[0].sentences[0]
    sentence = Sentence(sentence.id, sentence.text, [dataclasses.replace(w) for w in sentence.words])
    sentence.words[2].head = 4  # 3 -> 4 -> 3
    with _time_limit(5), pytest.raises(ConlluError, match="cycle through word 3"):
        code_sentence(sentence, load_language("de"))


@settings(PROPS, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking of hangs
@given(any_heads_documents())
def test_coder_on_sentences_built_in_code_ends_or_names_the_cycle(item):
    """Arbitrary heads straight into the coder: events, or a ConlluError; never a hang."""
    language, doc = item
    res = load_language(language)
    with _time_limit(5):
        for sent in doc.sentences:
            try:
                code_sentence(sent, res)
            except ConlluError as exc:
                assert "cycle" in str(exc) or "own head" in str(exc)
