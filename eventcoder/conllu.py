"""A small document model for dependency parses, and a strict CoNLL-U reader.

The model mirrors the CoNLL-U format: a :class:`Document` holds
:class:`Sentence` objects, which hold syntactic :class:`Word` objects.
Multi-word tokens (German "zum" = "zu dem") are kept as :class:`MultiWordToken`
records beside the words, so the surface text can be rebuilt while the coder
works on syntactic words.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConlluError

__all__ = [
    "ConlluError",
    "Document",
    "MultiWordToken",
    "Sentence",
    "Word",
    "is_ud1",
    "iter_conllu",
    "read_conllu",
    "ud1_to_ud2",
    "write_conllu",
]

#: comments before a document's first sentence that describe the document
DOCUMENT_KEYS = ("date", "language", "lang", "speaker")
_NEWDOC = re.compile(r"^#\s*newdoc(?:\s+id)?\s*(?:=\s*(.*))?$")
_KEYVAL = re.compile(r"^#\s*([^=]+?)\s*=\s*(.*)$")


@dataclass(slots=True)
class Word:
    """One syntactic word of a sentence (a CoNLL-U line with an integer ID).

    ``id`` and ``head`` are 1-based as in CoNLL-U; ``head`` is 0 for the root.
    ``feats`` maps feature names to values (``{"Case": "Nom"}``).
    """

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str = "_"
    feats: dict[str, str] = field(default_factory=dict)
    head: int = 0
    deprel: str = "_"
    misc: str = "_"

    @property
    def rel(self) -> str:
        """The universal part of the relation (``"nsubj"`` for ``"nsubj:pass"``)."""
        deprel = self.deprel
        colon = deprel.find(":")
        return deprel if colon < 0 else deprel[:colon]


@dataclass(slots=True)
class MultiWordToken:
    """A surface token that stands for several syntactic words (``4-5 zum``)."""

    first: int
    last: int
    form: str
    misc: str = "_"


@dataclass(slots=True)
class Sentence:
    """A parsed sentence: words, multi-word tokens and its comment metadata."""

    id: str
    text: str
    words: list[Word]
    tokens: list[MultiWordToken] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    _children: list[tuple[Word, ...]] | None = field(default=None, init=False, repr=False,
                                                     compare=False)
    _checked: bool = field(default=False, init=False, repr=False, compare=False)

    def check_tree(self, where: str | None = None) -> None:
        """Raise :class:`ConlluError` unless the words form one dependency tree.

        Word ids must run 1..n, heads lie in 0..n, and every word must reach the
        root (HEAD 0) without a cycle. The reader checks every sentence it reads;
        the coder checks sentences built in code before walking them. A passed
        check is remembered (change ``words`` only before it).

        Examples
        --------
        >>> s = Sentence("1", "", [Word(1, "a", "a", "X", head=2), Word(2, "b", "b", "X", head=1)])
        >>> s.check_tree()
        Traceback (most recent call last):
        ...
        eventcoder.errors.ConlluError: sentence '1': head cycle through word 1 (words must form a tree)
        """
        if not self._checked:
            _check_tree(self.words, where or f"sentence {self.id!r}")
            self._checked = True

    def word(self, word_id: int) -> Word:
        """Return the word with the 1-based ``word_id``."""
        return self.words[word_id - 1]

    def children(self, word_id: int) -> tuple[Word, ...]:
        """Return the dependents of ``word_id`` (0 gives the root), in order.

        The tree is indexed on the first call; change ``words`` in place only
        before it (or build a new sentence).
        """
        if self._children is None:
            kids: list[list[Word]] = [[] for _ in range(len(self.words) + 1)]
            for w in self.words:
                if 0 <= w.head <= len(self.words):
                    kids[w.head].append(w)
            self._children = [tuple(k) for k in kids]
        if not 0 <= word_id < len(self._children):
            return ()
        return self._children[word_id]

    def subtree(self, word_id: int) -> list[Word]:
        """Return ``word_id`` and all its descendants, in sentence order."""
        seen = {word_id}
        stack = [word_id]
        while stack:
            for child in self.children(stack.pop()):
                if child.id not in seen:
                    seen.add(child.id)
                    stack.append(child.id)
        return [self.words[i - 1] for i in sorted(seen)]

    def surface(self) -> str:
        """The sentence text: ``# text`` if present, else rebuilt from tokens."""
        if self.text:
            return self.text
        return " ".join(w.form for w in self.words)


@dataclass(slots=True)
class Document:
    """A document: an id, optional metadata (``date``, ``language``) and sentences."""

    id: str
    sentences: list[Sentence] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The document text, sentences joined by spaces."""
        return " ".join(s.surface() for s in self.sentences)


def _looks_like_path(text_or_path: str | os.PathLike) -> bool:
    if isinstance(text_or_path, os.PathLike):
        return True
    return "\n" not in text_or_path and "\t" not in text_or_path and len(text_or_path) < 4096


def _read_source(text_or_path: str | os.PathLike) -> tuple[str, str]:
    """Return ``(text, name)`` for a CoNLL-U string or path."""
    if isinstance(text_or_path, str) and not text_or_path.strip():
        return "", "<string>"
    if _looks_like_path(text_or_path):
        path = Path(text_or_path)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a name the file system refuses (too long, ...)
            raise FileNotFoundError(f"CoNLL-U file not found: {str(path)[:200]!r} ({exc.strerror})"
                                    ) from None
        if is_dir:
            raise IsADirectoryError(f"expected a CoNLL-U file, got the folder {path}")
        if not exists:
            raise FileNotFoundError(f"CoNLL-U file not found: {path}")
        try:
            return path.read_text(encoding="utf-8-sig"), str(path)
        except UnicodeDecodeError as exc:
            raise ConlluError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    return str(text_or_path), "<string>"


def _parse_feats(value: str, where: str) -> dict[str, str]:
    if value == "_" or not value:
        return {}
    feats = {}
    for item in value.split("|"):
        name, sep, val = item.partition("=")
        if not sep or not name:
            raise ConlluError(f"{where}: malformed FEATS item {item!r}")
        feats[name] = val
    return feats


def _int(value: str, column: str, where: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConlluError(f"{where}: {column} must be an integer, got {value!r}") from None


def _finish_sentence(
    words: list[Word],
    tokens: list[MultiWordToken],
    meta: dict[str, str],
    name: str,
    start_line: int,
    counter: int,
) -> Sentence:
    sent_id = meta.get("sent_id") or str(counter)
    where = f"{name}, sentence starting at line {start_line}"
    for tok in tokens:
        if tok.last > len(words):
            raise ConlluError(f"{where}: multi-word token range {tok.first}-{tok.last} goes past the "
                              f"last word of the sentence ({len(words)})")
    sentence = Sentence(id=sent_id, text=meta.get("text", ""), words=words, tokens=tokens, metadata=meta)
    sentence.check_tree(where)
    return sentence


def _no_words(tokens: list[MultiWordToken], meta: dict[str, str], name: str, start_line: int) -> None:
    """A sentence block that ended without a word: an error when it had tokens or sentence comments."""
    if tokens:
        tok = tokens[0]
        raise ConlluError(f"{name}, line {start_line}: multi-word token {tok.first}-{tok.last} "
                          f"without its words")
    if "sent_id" in meta or "text" in meta:
        raise ConlluError(f"{name}, line {start_line}: sentence has no words (only comments)")


def _check_tree(words: list[Word], where: str) -> None:
    """Word ids run 1..n, heads lie in 0..n and every word reaches the root (HEAD 0)."""
    for i, w in enumerate(words, start=1):
        if w.id != i:
            raise ConlluError(f"{where}: word IDs must run 1..n, found {w.id} at position {i}")
    n = len(words)
    for w in words:
        if not 0 <= w.head <= n:
            raise ConlluError(f"{where}: word {w.id} has HEAD {w.head} outside 0..{n}")
        if w.head == w.id:
            raise ConlluError(f"{where}: word {w.id} is its own head")
    heads = [0] + [w.head for w in words]
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 reaches the root
    state[0] = 2
    for start in range(1, len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        if state[node] == 1:
            raise ConlluError(f"{where}: head cycle through word {node} (words must form a tree)")
        for k in path:
            state[k] = 2


def iter_conllu(text_or_path: str | os.PathLike, *, default_doc_id: str | None = None,
                keep_empty: bool = False) -> Iterator[Document]:
    """Yield documents from CoNLL-U text or a path, one at a time.

    See :func:`read_conllu`; this variant streams, which keeps memory flat for
    large files. ``keep_empty`` yields documents without a sentence too (a ``#
    newdoc`` followed by nothing), so that a caller can count them.
    """
    text, name = _read_source(text_or_path)
    base = default_doc_id or (Path(name).stem if name != "<string>" else "doc")
    doc: Document | None = None
    doc_counter = 0
    words: list[Word] = []
    tokens: list[MultiWordToken] = []
    meta: dict[str, str] = {}
    start_line = 1
    sent_counter = 0

    def new_doc(doc_id: str | None) -> Document:
        nonlocal doc_counter
        doc_counter += 1
        return Document(id=doc_id or (base if doc_counter == 1 else f"{base}-{doc_counter}"))

    lineno = 0
    # lines end at "\n" only (CoNLL-U); str.splitlines would also break at "\x0c", "\x85",
    # "\u2028", ... which may occur inside a token or a "# text" comment
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if words:
                sent_counter += 1
                if doc is None:
                    doc = new_doc(None)
                doc.sentences.append(
                    _finish_sentence(words, tokens, meta, name, start_line, sent_counter)
                )
                words, tokens, meta = [], [], {}
            else:
                _no_words(tokens, meta, name, start_line)
            start_line = lineno + 1
            continue
        if line.startswith("#"):
            if words:
                raise ConlluError(f"{name}, line {lineno}: comment inside a sentence")
            m = _NEWDOC.match(line)
            if m:
                _no_words(tokens, meta, name, start_line)
                if doc is not None and (doc.sentences or keep_empty):
                    yield doc
                doc = new_doc((m.group(1) or "").strip() or None)
                meta = {}  # a sentence's comments come after its document's # newdoc
                start_line = lineno + 1
                continue
            kv = _KEYVAL.match(line)
            if kv:
                key, value = kv.group(1).strip(), kv.group(2)
                if doc is not None and key in DOCUMENT_KEYS and not doc.sentences:
                    doc.metadata[key] = value.strip()
                meta[key] = value
            if not words and not meta:
                start_line = lineno
            continue
        cols = line.split("\t")
        where = f"{name}, line {lineno}"
        if len(cols) != 10:
            raise ConlluError(f"{where}: expected 10 tab-separated columns, found {len(cols)}")
        if not words and not tokens:
            start_line = lineno
        idx = cols[0]
        if "-" in idx:
            first, _, last = idx.partition("-")
            tok = MultiWordToken(_int(first, "ID", where), _int(last, "ID", where), cols[1], cols[9])
            if tok.last < tok.first:
                raise ConlluError(f"{where}: multi-word token range {idx} is reversed")
            if tok.last == tok.first:
                raise ConlluError(f"{where}: multi-word token range {idx} must span two words or more")
            following = max(len(words), tokens[-1].last if tokens else 0) + 1
            if tok.first != following:  # before its words, after the previous range
                raise ConlluError(f"{where}: multi-word token range {idx} must start at the next "
                                  f"word, {following}")
            tokens.append(tok)
            continue
        if "." in idx:  # empty node of enhanced UD: not part of the basic tree
            continue
        word_id = _int(idx, "ID", where)
        head = cols[6]
        words.append(
            Word(
                id=word_id,
                form=cols[1],
                lemma=cols[2] if cols[2] != "_" or cols[1] == "_" else cols[1],
                upos=cols[3],
                xpos=cols[4],
                feats=_parse_feats(cols[5], where),
                head=0 if head == "_" else _int(head, "HEAD", where),
                deprel=cols[7],
                misc=cols[9],
            )
        )
    if words:
        sent_counter += 1
        if doc is None:
            doc = new_doc(None)
        doc.sentences.append(_finish_sentence(words, tokens, meta, name, start_line, sent_counter))
    else:
        _no_words(tokens, meta, name, start_line)
    if doc is not None and (doc.sentences or keep_empty):
        yield doc


def read_conllu(text_or_path: str | os.PathLike, *, default_doc_id: str | None = None,
                keep_empty: bool = False) -> list[Document]:
    """Read CoNLL-U text or a file into documents.

    ``# newdoc id = ...`` starts a new document; ``# sent_id`` and ``# text``
    are kept on each sentence (other ``# key = value`` comments go to
    ``Sentence.metadata``); ``# date``, ``# language`` and ``# speaker`` (who
    speaks in a speech) before a document's first sentence also go to
    ``Document.metadata``. Multi-word tokens are kept beside the syntactic
    words; empty nodes (``8.1``) are skipped.

    Parameters
    ----------
    text_or_path : str or os.PathLike
        CoNLL-U text, or the path of a CoNLL-U file (UTF-8).
    default_doc_id : str, optional
        Id of a first document that has no ``# newdoc id``; by default the
        file's stem, or ``"doc"`` for a string.
    keep_empty : bool, default False
        Return documents without a sentence too (``# newdoc`` and nothing after).

    Returns
    -------
    list of Document

    Raises
    ------
    ConlluError
        For a malformed line, naming the source and the line number, or a file
        that is not UTF-8: wrong columns, word ids that do not run 1..n, heads
        that do not form a tree, a multi-word token range that is not followed
        by exactly its words, a sentence with comments but no word.
    FileNotFoundError, IsADirectoryError
        When a string without a line break or tab (taken as a path) names no file.

    Examples
    --------
    >>> docs = read_conllu("1\\tZum\\tzu\\tADP\\t_\\t_\\t0\\troot\\t_\\t_\\n")
    >>> docs[0].sentences[0].words[0].lemma
    'zu'
    """
    return list(iter_conllu(text_or_path, default_doc_id=default_doc_id, keep_empty=keep_empty))


def _feats_str(feats: dict[str, str]) -> str:
    return "|".join(f"{k}={v}" for k, v in feats.items()) if feats else "_"


def write_conllu(documents: list[Document]) -> str:
    """Serialise documents back to CoNLL-U text (round-trips :func:`read_conllu`)."""
    out: list[str] = []
    for doc in documents:
        out.append(f"# newdoc id = {doc.id}")
        for key in DOCUMENT_KEYS:
            if key in doc.metadata:
                out.append(f"# {key} = {doc.metadata[key]}")
        for sent in doc.sentences:
            meta = dict(sent.metadata)
            meta.setdefault("sent_id", sent.id)
            if sent.text:
                meta["text"] = sent.text
            for key, value in meta.items():
                if key in DOCUMENT_KEYS and key in doc.metadata:
                    continue
                out.append(f"# {key} = {value}")
            mwt = {t.first: t for t in sent.tokens}
            for w in sent.words:
                if w.id in mwt:
                    t = mwt[w.id]
                    out.append(f"{t.first}-{t.last}\t{t.form}\t_\t_\t_\t_\t_\t_\t_\t{t.misc}")
                out.append(
                    "\t".join(
                        [str(w.id), w.form, w.lemma, w.upos, w.xpos, _feats_str(w.feats),
                         str(w.head), w.deprel, "_", w.misc]
                    )
                )
            out.append("")
    return "\n".join(out) + ("\n" if out else "")


#: UD v1 relations and their UD v2 names (``nmod`` of a predicate becomes ``obl`` too)
UD1_RENAME = {"dobj": "obj", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass",
              "auxpass": "aux:pass", "neg": "advmod", "name": "flat", "mwe": "fixed",
              "nmod:agent": "obl:agent"}
_PREDICATES = {"VERB", "AUX", "ADJ"}


def is_ud1(doc: Document) -> bool:
    """True when a document uses UD v1 relations (``dobj``, ``nsubjpass``, ``auxpass``, ...)."""
    return any(w.deprel in UD1_RENAME for s in doc.sentences for w in s.words)


def ud1_to_ud2(doc: Document) -> Document:
    """Rename UD v1 relations to UD v2 in place and return the document.

    ``dobj`` -> ``obj``, ``nsubjpass`` -> ``nsubj:pass``, ``name`` -> ``flat``,
    ``nmod`` of a verb, adjective or copula predicate -> ``obl``.

    Examples
    --------
    >>> doc = read_conllu("1\\tPeter\\tPeter\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...                   "2\\tsaw\\tsee\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...                   "3\\tMary\\tMary\\tPROPN\\t_\\t_\\t2\\tdobj\\t_\\t_\\n")[0]
    >>> is_ud1(doc), [w.deprel for w in ud1_to_ud2(doc).sentences[0].words], is_ud1(doc)
    (True, ['nsubj', 'root', 'obj'], False)
    """
    for sent in doc.sentences:
        for w in sent.words:
            rel = UD1_RENAME.get(w.deprel, w.deprel)
            if rel.split(":")[0] == "nmod" and rel != "nmod:poss" and w.head > 0:
                head = sent.words[w.head - 1]
                if head.upos in _PREDICATES or any(c.deprel == "cop"
                                                   for c in sent.children(head.id)):
                    rel = "obl" + rel[4:]
            w.deprel = rel
    return doc
