"""Choose the parsing models for a language, offline (:func:`resolve_models`).

An explicit model folder given by the user, else stanza's official models if
they are already installed in stanza's resource folder, else the compact models
shipped in ``eventcoder/models/<lang>/`` (trained by ``python training/train.py``).
Defines :class:`ModelChoice` (what was chosen, and its identity for the parse
cache) and :class:`ModelsNotFoundError`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ModelsNotFoundError, UnknownLanguageError
from ..models import COMPACT_LANGUAGES, PROCESSORS, compact_model_dir

#: one logger for the whole package, named as before the split ("eventcoder.parsing")
logger = logging.getLogger("eventcoder.parsing")

_PIPELINE_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]+)?$")


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
                f"eventcoder, train them with `python training/train.py {language}` (source checkout), "
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

