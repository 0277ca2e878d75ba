"""Parse raw text into Universal Dependencies trees with stanza, offline.

This is the only module that builds stanza pipelines. It

* chooses the models (:func:`resolve_models`): an explicit model folder given by
  the user, else stanza's official models if they are already installed in
  stanza's resource folder, else the compact models shipped in
  ``eventcoder/models/<lang>/`` (trained by ``python -m eventcoder.models.train``);
* never touches the network unless asked to (:func:`download_models`);
* repairs sentence splits that news text needs (``"am 15. August"``,
  abbreviations, closing quotes) with rules stored in
  ``eventcoder/models/ssplit_rules.json``;
* parses many texts in batches with a progress bar, and caches the CoNLL-U of
  each text on disk, keyed by the text and the model identity;
* returns :class:`eventcoder.conllu.Document` objects.

Examples
--------
>>> from eventcoder.parsing import parse_texts
>>> docs = parse_texts(["Russland griff am 15.\\nAugust die Ukraine an."],
...                    language="de", progress=False)  # doctest: +SKIP
>>> len(docs[0].sentences)  # doctest: +SKIP
1
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .conllu import Document, read_conllu
from .dictionaries import UnknownLanguageError
from .models import COMPACT_LANGUAGES, PROCESSORS, compact_model_dir

__all__ = [
    "ModelChoice",
    "ModelsNotFoundError",
    "cache_info",
    "download_models",
    "list_models",
    "parse_texts",
    "resolve_models",
]

logger = logging.getLogger(__name__)

_PIPELINE_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
_RULES_FILE = Path(__file__).resolve().parent / "models" / "ssplit_rules.json"
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]+)?$")

#: counters for tests and diagnostics: texts served from the cache, texts parsed,
#: and calls into the stanza pipeline (one per batch and stage)
_STATS = {"cache_hits": 0, "parsed": 0, "pipeline_calls": 0}
_PIPELINES: dict[str, Any] = {}


class ModelsNotFoundError(FileNotFoundError):
    """No usable parsing models were found; the message names the fix."""


@dataclass(frozen=True)
class ModelChoice:
    """The models chosen for one language.

    Attributes
    ----------
    language : str
        Language code (``"de"``).
    source : str
        ``"explicit"`` (a folder given by the user), ``"official"`` (stanza's
        installed models) or ``"compact"`` (shipped with eventcoder).
    directory : Path
        The folder the models were found in.
    paths : dict
        Processor name -> model file, for explicit/compact layouts; empty when
        stanza resolves the files itself from its resource folder.
    identity : str
        A string that changes whenever the models change; part of the cache key.
    """

    language: str
    source: str
    directory: Path
    paths: dict[str, Path] = field(default_factory=dict)
    identity: str = ""

    @property
    def processors(self) -> list[str]:
        """Processors this choice provides, in pipeline order."""
        if self.paths:
            return [p for p in _PIPELINE_ORDER if p in self.paths]
        lang_dir = self.directory / self.language
        return [p for p in _PIPELINE_ORDER if _has_models(lang_dir / p)]


# --------------------------------------------------------------------------- resolution


def _stanza_resources_dir() -> Path:
    """Stanza's resource folder (``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``)."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else Path.home() / "stanza_resources"


def _has_models(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.pt"))


def _official_installed(resources: Path, language: str) -> bool:
    lang_dir = resources / language
    return (resources / "resources.json").is_file() and all(
        _has_models(lang_dir / p) for p in ("tokenize", "pos", "lemma", "depparse")
    )


def _compact_paths(folder: Path) -> dict[str, Path]:
    paths = {p: folder / f for p, f in PROCESSORS.items() if (folder / f).is_file()}
    return paths if all(p in paths for p in ("tokenize", "pos", "lemma", "depparse")) else {}


def _fingerprint(files: Iterable[Path], salt: str) -> str:
    h = hashlib.sha256(salt.encode())
    for f in sorted(files):
        st = f.stat()
        h.update(f"{f.name}\0{st.st_size}\0{int(st.st_mtime)}\0".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=16)
def _content_hash(files: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _check_language(language: str) -> str:
    if not isinstance(language, str) or not _LANG_RE.match(language.lower()):
        raise UnknownLanguageError(
            f"unsupported language {language!r}: parsing supports "
            f"{', '.join(COMPACT_LANGUAGES)} with the shipped models"
        )
    return language.lower()


def resolve_models(language: str, model_dir: str | os.PathLike | None = None) -> ModelChoice:
    """Choose the parsing models for ``language``, without touching the network.

    The order is: ``model_dir`` if given (``"explicit"``); stanza's official
    models if they are installed in stanza's resource folder (``"official"``);
    the compact models shipped in ``eventcoder/models/<lang>/`` (``"compact"``).
    The choice is logged at INFO level.

    Parameters
    ----------
    language : str
        Language code, ``"de"`` or ``"en"`` (others only with ``model_dir`` or
        installed official models).
    model_dir : str or path, optional
        A folder with compact model files (``tokenize.pt``, ``pos.pt``, ...,
        directly or under ``<lang>/``) or a stanza resource folder
        (``resources.json`` and ``<lang>/<processor>/*.pt``).

    Returns
    -------
    ModelChoice

    Raises
    ------
    UnknownLanguageError
        For a language without any models.
    ModelsNotFoundError
        When ``model_dir`` holds no models, or the shipped models are missing.

    Examples
    --------
    >>> choice = resolve_models("de")  # doctest: +SKIP
    >>> choice.source  # doctest: +SKIP
    'compact'
    """
    language = _check_language(language)
    if model_dir is not None:
        folder = Path(model_dir).expanduser()
        if not folder.is_dir():
            raise ModelsNotFoundError(f"model folder {folder} does not exist")
        for cand in (folder, folder / language):
            paths = _compact_paths(cand)
            if paths:
                ident = f"explicit-{language}-{_fingerprint(paths.values(), str(cand.resolve()))}"
                choice = ModelChoice(language, "explicit", cand, paths, ident)
                break
        else:
            if _official_installed(folder, language):
                files = list((folder / language).glob("*/*.pt"))
                ident = f"explicit-{language}-{_fingerprint(files, str(folder.resolve()))}"
                choice = ModelChoice(language, "explicit", folder, {}, ident)
            else:
                raise ModelsNotFoundError(
                    f"no {language} models in {folder}: expected tokenize.pt, pos.pt, "
                    f"lemma.pt, depparse.pt (and mwt.pt) or a stanza resource folder "
                    f"with {language}/tokenize, pos, lemma, depparse"
                )
    else:
        resources = _stanza_resources_dir()
        compact = compact_model_dir(language)
        if _official_installed(resources, language):
            import importlib.metadata

            try:
                version = importlib.metadata.version("stanza")
            except importlib.metadata.PackageNotFoundError:  # pragma: no cover
                version = "?"
            files = list((resources / language).glob("*/*.pt"))
            ident = f"official-{language}-stanza{version}-{_fingerprint(files, str(resources))}"
            choice = ModelChoice(language, "official", resources, {}, ident)
        elif _compact_paths(compact):
            paths = _compact_paths(compact)
            ident = f"compact-{language}-{_content_hash(tuple(sorted(paths.values())))}"
            choice = ModelChoice(language, "compact", compact, paths, ident)
        elif language in COMPACT_LANGUAGES:
            raise ModelsNotFoundError(
                f"the compact {language} models are missing from {compact}. Fix: reinstall "
                f"eventcoder, train them with `python -m eventcoder.models.train {language}`, "
                f"download stanza's official ones with `eventcoder models download {language}`, "
                f"or pass model_dir="
            )
        else:
            raise UnknownLanguageError(
                f"no parsing models for language {language!r}: eventcoder ships models for "
                f"{', '.join(COMPACT_LANGUAGES)}; for another language install stanza's models "
                f"(`eventcoder models download {language}`) or pass model_dir="
            )
    logger.info("parsing models for %s: %s (%s)", language, choice.source, choice.directory)
    return choice


# --------------------------------------------------------------------------- pipelines


def _import_stanza() -> Any:
    try:
        import stanza
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(
            "parsing needs stanza: pip install 'eventcoder[parse]'"
        ) from exc
    return stanza


def _empty_resources_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "eventcoder-stanza-offline"
    folder.mkdir(parents=True, exist_ok=True)
    res = folder / "resources.json"
    if not res.exists():
        res.write_text("{}\n")
    return folder


def _pipeline(choice: ModelChoice) -> Any:
    """Build (once per process) the stanza pipeline for a model choice."""
    nlp = _PIPELINES.get(choice.identity)
    if nlp is not None:
        return nlp
    stanza = _import_stanza()
    procs = choice.processors
    kwargs: dict[str, Any] = {
        "processors": ",".join(procs),
        "download_method": None,
        "logging_level": "WARN",
    }
    if choice.paths:
        kwargs["dir"] = str(_empty_resources_dir())
        kwargs["allow_unknown_language"] = True
        for proc, path in choice.paths.items():
            kwargs[f"{proc}_model_path"] = str(path)
    else:
        kwargs["dir"] = str(choice.directory)
    logger.info("loading stanza pipeline %s (%s)", choice.identity, kwargs["processors"])
    try:
        nlp = stanza.Pipeline(choice.language, **kwargs)
    except Exception as exc:
        raise ModelsNotFoundError(
            f"could not load the {choice.source} {choice.language} models from "
            f"{choice.directory}: {exc}. Fix: pass model_dir= with complete models, or run "
            f"`eventcoder models download {choice.language}`"
        ) from exc
    _PIPELINES[choice.identity] = nlp
    return nlp


# --------------------------------------------------------------------------- sentence repair


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return json.loads(_RULES_FILE.read_text(encoding="utf-8"))


def _normalize_text(text: str) -> str:
    """Same-length normalisation: single line breaks inside a paragraph become spaces."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)


@lru_cache(maxsize=8)
def _char_table(language: str) -> dict[int, str]:
    """One-for-one character replacements the tokenizer is given (``char_map`` in the rules)."""
    mapping = _rules().get(language, {}).get("char_map", {})
    if any(len(k) != 1 or len(v) != 1 for k, v in mapping.items()):
        raise ValueError(f"char_map of {language!r} in {_RULES_FILE} must map single characters")
    return str.maketrans(mapping)


def _tokenizer_text(text: str, language: str) -> str:
    """The text as the tokenizer sees it: characters it never saw in training mapped to ones
    it did («» -> "), same length, so character offsets still point into the original."""
    return text.translate(_char_table(language))


@lru_cache(maxsize=1)
def _rules_hash() -> str:
    return hashlib.sha256(_RULES_FILE.read_bytes()).hexdigest()[:8]


def _ends_with_word(text: str, word: str) -> bool:
    if not text.endswith(word):
        return False
    before = text[: len(text) - len(word)]
    return not before or not before[-1].isalnum()


def _starts_with_word(text: str, word: str) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word) :]
    return not rest or not rest[0].isalnum()


def _should_merge(prev: str, nxt: str, gap: str, rules: dict[str, Any]) -> bool:
    if "\n\n" in gap or not prev or not nxt:
        return False
    if all(not c.isalnum() for c in nxt) or all(not c.isalnum() for c in prev):
        return True
    if nxt[0] in rules.get("no_open", ()) or nxt[0].islower():
        return True
    if re.search(r"(?:^|\s)\d{1,2}\.$", prev) and any(
        _starts_with_word(nxt, m) for m in rules.get("months", ())
    ):
        return True
    if any(_ends_with_word(prev, a) for a in rules.get("always", ())):
        return True
    if any(_ends_with_word(prev, a) for a in rules.get("if_lower", ())):
        return nxt[0].islower() or nxt[0].isdigit()
    return False


def _token_groups(sentence: list[dict]) -> list[list[dict]]:
    """Split a stanza sentence dict into tokens: [mwt-entry, words...] or [word]."""
    groups: list[list[dict]] = []
    covered = 0
    for entry in sentence:
        ident = entry["id"]
        if isinstance(ident, (tuple, list)):
            groups.append([entry])
            covered = ident[-1]
        elif ident <= covered:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _renumber(groups: list[list[dict]]) -> list[dict]:
    out: list[dict] = []
    n = 0
    for group in groups:
        if len(group) > 1:
            first = n + 1
            mwt = dict(group[0])
            words = []
            for w in group[1:]:
                n += 1
                w = dict(w)
                w["id"] = n
                words.append(w)
            mwt["id"] = (first, n)
            out.append(mwt)
            out.extend(words)
        else:
            n += 1
            w = dict(group[0])
            w["id"] = n
            out.append(w)
    return out


def _span(group: list[dict]) -> tuple[int, int]:
    return int(group[0]["start_char"]), int(group[0]["end_char"])


def _repair_sentences(doc: Any, language: str) -> Any:
    """Undo bad sentence splits in a tokenized stanza Document (returns a Document)."""
    rules = _rules().get(language.split("_")[0], {})
    if len(doc.sentences) < 2 or not rules:
        return doc
    text = doc.text
    sents = [_token_groups(s) for s in doc.to_dict()]
    if any("start_char" not in g[0] for s in sents for g in s):
        return doc
    closers = set(rules.get("no_open", ())) | {'"', "“", "”", "«", "»", "›", "‹", "'"}
    changed = False
    merged: list[list[list[dict]]] = [sents[0]]
    for cur in sents[1:]:
        prev = merged[-1]
        # closing quotes/brackets glued to the previous sentence belong to it
        while cur and _span(cur[0])[0] == _span(prev[-1])[1] and cur[0][0]["text"] in closers:
            prev.append(cur.pop(0))
            changed = True
        if not cur:
            continue
        p0, p1 = _span(prev[0])[0], _span(prev[-1])[1]
        n0, n1 = _span(cur[0])[0], _span(cur[-1])[1]
        if _should_merge(text[p0:p1], text[n0:n1], text[p1:n0], rules):
            prev.extend(cur)
            changed = True
        else:
            merged.append(cur)
    if not changed:
        return doc
    stanza = _import_stanza()
    return stanza.Document([_renumber(s) for s in merged], text=text)


# --------------------------------------------------------------------------- CoNLL-U


def _clean_field(value: Any, default: str = "_") -> str:
    if value is None or value == "":
        return default
    return re.sub(r"[\t\r\n]+", " ", str(value)).strip() or default


def _to_conllu(doc: Any, shown: str | None = None) -> str:
    """Write a parsed stanza Document as CoNLL-U with ``# text`` and exact token text.

    ``shown`` is the text to quote (same length as the parsed text, before
    :func:`_tokenizer_text`); forms equal to the parsed slice are taken from it.
    """
    parsed_text = doc.text or ""
    text = shown if shown is not None and len(shown) == len(parsed_text) else parsed_text
    lines: list[str] = []
    for i, sent in enumerate(doc.sentences, 1):
        tokens = sent.tokens
        if not tokens:
            continue
        start, end = tokens[0].start_char, tokens[-1].end_char
        if start is not None and end is not None:
            stext = text[start:end]
        else:
            stext = " ".join(t.text for t in tokens)
        lines.append(f"# sent_id = {i}")
        lines.append(f"# text = {_clean_field(stext, '')}")
        for k, tok in enumerate(tokens):
            form = tok.text
            if tok.start_char is not None and tok.end_char is not None:
                raw = text[tok.start_char : tok.end_char]
                if raw and (not form or "<UNK>" in form
                            or form == parsed_text[tok.start_char : tok.end_char]):
                    form = raw
            misc = []
            if tok.start_char is not None:
                misc.append(f"start_char={tok.start_char}|end_char={tok.end_char}")
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.start_char is not None and nxt.start_char == tok.end_char:
                misc.append("SpaceAfter=No")
            misc_s = "|".join(misc) or "_"
            words = tok.words
            if len(words) > 1:
                span = f"{words[0].id}-{words[-1].id}"
                lines.append("\t".join([span, _clean_field(form), *["_"] * 7, misc_s]))
            for w in words:
                wform = w.text
                if len(words) == 1 and (not wform or "<UNK>" in wform or wform == tok.text):
                    wform = form
                cols = [
                    str(w.id),
                    _clean_field(wform),
                    _clean_field(w.lemma if w.lemma is not None else wform),
                    _clean_field(w.upos, "X"),
                    _clean_field(w.xpos),
                    _clean_field(w.feats),
                    str(w.head if w.head is not None else 0),
                    _clean_field(w.deprel, "dep"),
                    "_",
                    misc_s if len(words) == 1 else "_",
                ]
                lines.append("\t".join(cols))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


# --------------------------------------------------------------------------- cache


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventcoder")) / "parses"


def _cache_path(cache_dir: Path, identity: str, text: str) -> Path:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return cache_dir / identity / key[:2] / f"{key}.conllu"


def _cache_write(path: Path, conllu: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(conllu)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache must not stop parsing
        logger.warning("could not write parse cache %s: %s", path, exc)


def cache_info() -> dict[str, int]:
    """Counters since the process started: cache hits, texts parsed, pipeline calls.

    Examples
    --------
    >>> sorted(cache_info())
    ['cache_hits', 'parsed', 'pipeline_calls']
    """
    return dict(_STATS)


# --------------------------------------------------------------------------- parsing


def _from_conllu(conllu: str, doc_id: str, metadata: dict[str, str]) -> Document:
    if not conllu.strip():
        return Document(id=doc_id, sentences=[], metadata=dict(metadata))
    docs = read_conllu(conllu, default_doc_id=doc_id)
    doc = docs[0]
    for extra in docs[1:]:  # pragma: no cover - we never write newdoc
        doc.sentences.extend(extra.sentences)
    doc.metadata.update(metadata)
    return doc


def _parse_batch(nlp: Any, texts: list[str], language: str) -> list[str]:
    stanza = _import_stanza()
    docs = [stanza.Document([], text=_tokenizer_text(t, language)) for t in texts]
    _STATS["pipeline_calls"] += 1
    docs = nlp.process(docs, processors="tokenize,mwt")
    docs = [_repair_sentences(d, language) for d in docs]
    rest = [p for p in ("pos", "lemma", "depparse", "ner") if p in nlp.processors]
    _STATS["pipeline_calls"] += 1
    docs = nlp.process(docs, processors=",".join(rest))
    return [_to_conllu(d, t) for d, t in zip(docs, texts, strict=True)]


def parse_texts(
    texts: Sequence[str],
    *,
    language: str,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    batch_size: int = 32,
    progress: bool = True,
) -> list[Document]:
    """Parse raw texts into dependency-parsed documents, one per text.

    Texts are parsed in batches with stanza's bulk processing. Each text's
    CoNLL-U is cached on disk under ``sha256(text)`` and the model identity, so
    a second run over the same texts does not parse again.

    Parameters
    ----------
    texts : sequence of str
        Raw texts (news articles, paragraphs separated by blank lines).
    language : str
        ``"de"`` or ``"en"`` (see :func:`resolve_models`).
    model_dir : str or path, optional
        Explicit model folder (see :func:`resolve_models`).
    cache_dir : str or path, optional
        Cache folder; default ``platformdirs.user_cache_dir("eventcoder")/parses``.
    use_cache : bool, default True
        Read and write the parse cache.
    batch_size : int, default 32
        Number of texts given to stanza at once.
    progress : bool, default True
        Show a ``tqdm`` progress bar.

    Returns
    -------
    list of Document
        ``Document.id`` is ``"doc1"``, ``"doc2"``, ... (set your own afterwards);
        ``metadata`` holds ``language`` and ``parser`` (the model identity). An
        empty text gives a Document without sentences.

    Raises
    ------
    UnknownLanguageError
        For an unsupported language.
    ModelsNotFoundError
        When no models can be found offline (the message names the fix).

    Examples
    --------
    >>> docs = parse_texts(["Obama besuchte am 15.\\nAugust Berlin."], language="de",
    ...                    progress=False)  # doctest: +SKIP
    >>> [w.deprel for w in docs[0].sentences[0].words][:2]  # doctest: +SKIP
    ['nsubj', 'root']
    """
    if isinstance(texts, str):
        raise TypeError("parse_texts expects a list of texts, not a single string")
    choice = resolve_models(language, model_dir)
    meta = {"language": choice.language, "parser": choice.identity}
    cache = Path(cache_dir) if cache_dir is not None else _default_cache_dir()
    norm = [_normalize_text(t or "") for t in texts]
    cache_id = f"{choice.identity}-rules{_rules_hash()}"  # models and text rules
    results: list[str | None] = [None] * len(norm)
    todo: list[int] = []
    for i, t in enumerate(norm):
        if not t.strip():
            results[i] = ""
            continue
        if use_cache:
            path = _cache_path(cache, cache_id, t)
            if path.is_file():
                try:
                    results[i] = path.read_text(encoding="utf-8")
                    _STATS["cache_hits"] += 1
                    continue
                except OSError:
                    pass
        todo.append(i)
    if todo:
        nlp = _pipeline(choice)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(todo), desc=f"parsing ({choice.language})", unit="text")
        try:
            step = max(1, int(batch_size))
            for b in range(0, len(todo), step):
                idx = todo[b : b + step]
                parsed = _parse_batch(nlp, [norm[i] for i in idx], choice.language)
                for i, conllu in zip(idx, parsed, strict=True):
                    results[i] = conllu
                    _STATS["parsed"] += 1
                    if use_cache:
                        _cache_write(_cache_path(cache, cache_id, norm[i]), conllu)
                if bar is not None:
                    bar.update(len(idx))
        finally:
            if bar is not None:
                bar.close()
    return [_from_conllu(c or "", f"doc{i + 1}", meta) for i, c in enumerate(results)]


# --------------------------------------------------------------------------- listing, download


def list_models() -> Any:
    """List the parsing models available offline, and which one each language uses.

    Returns
    -------
    pandas.DataFrame
        Columns ``language``, ``source``, ``path``, ``size_mb``, ``chosen``.

    Examples
    --------
    >>> df = list_models()  # doctest: +SKIP
    >>> df[df.chosen].source.tolist()  # doctest: +SKIP
    ['compact', 'compact']
    """
    import pandas as pd

    rows = []
    resources = _stanza_resources_dir()
    langs = set(COMPACT_LANGUAGES)
    if resources.is_dir():
        langs |= {
            p.name
            for p in resources.iterdir()
            if p.is_dir() and _official_installed(resources, p.name)
        }
    for lang in sorted(langs):
        try:
            chosen = resolve_models(lang).source
        except (ModelsNotFoundError, UnknownLanguageError):
            chosen = None
        if _official_installed(resources, lang):
            files = list((resources / lang).glob("*/*.pt"))
            rows.append({"language": lang, "source": "official", "path": str(resources / lang),
                         "size_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
                         "chosen": chosen == "official"})
        paths = _compact_paths(compact_model_dir(lang))
        if paths:
            rows.append({"language": lang, "source": "compact",
                         "path": str(compact_model_dir(lang)),
                         "size_mb": round(sum(p.stat().st_size for p in paths.values()) / 1e6, 1),
                         "chosen": chosen == "compact"})
    return pd.DataFrame(rows, columns=["language", "source", "path", "size_mb", "chosen"])


def download_models(
    languages: Iterable[str],
    *,
    model_dir: str | os.PathLike | None = None,
    processors: str = "tokenize,mwt,pos,lemma,depparse",
) -> list[Path]:
    """Download stanza's official models (needs the network; only when asked).

    Parameters
    ----------
    languages : iterable of str
        Language codes, e.g. ``["de", "en"]``.
    model_dir : str or path, optional
        Target folder; default stanza's resource folder, where
        :func:`resolve_models` finds them as ``"official"``.
    processors : str
        Processors to fetch.

    Returns
    -------
    list of Path
        The language folders written.

    Examples
    --------
    >>> download_models(["de"])  # doctest: +SKIP
    """
    stanza = _import_stanza()
    target = Path(model_dir) if model_dir is not None else _stanza_resources_dir()
    out = []
    for lang in languages:
        lang = _check_language(lang)
        logger.info("downloading stanza models for %s into %s", lang, target)
        stanza.download(lang, model_dir=str(target), processors=processors, logging_level="INFO")
        out.append(target / lang)
    return out
