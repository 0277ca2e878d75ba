"""Load and validate the per-language dictionaries the coder reads.

Each language is a folder ``eventcoder/resources/<lang>/`` holding

``lang.yaml``
    grammar rules as data: which relations give source and target, negation
    words, speech verbs, pronouns, ... (see the comments in ``de/lang.yaml``).
``actors.tsv``
    ``phrase, code, kind, start, end, note`` rows: names of countries,
    capitals, institutions, people and groups, and country adjectives (kind
    ``adj``; inflected with ``adjective_endings``).
``agents.tsv``
    ``phrase, role, note`` rows: role nouns ("Militär" -> MIL) that combine
    with a country; role ``*`` takes the role of the organisation it belongs to.
``verbs.yaml``
    verb patterns (see :class:`VerbPattern`).

``resources/common/targets.yaml`` says, for all languages, which CAMEO codes may stand
without a target and which are domestic by nature (:class:`TargetRules`).

``resources/common/people.tsv`` (names are shared across languages) and the
country names that babel's CLDR data knows in each language complete the actor
dictionary. Errors name the file and the row.

**User dictionaries** are folders holding any of :data:`USER_FILES` in the same
formats, layered over the shipped ones by ``load_language(lang, dictionaries=[...])``
(and by every coding function's ``dictionaries=``). They are read strictly: a column
or key the format does not have, a phrase given twice for overlapping dates, a verb
given twice, or a table under another name is an error naming the file and line.
:func:`check_dictionaries` loads them before a run, :func:`describe_dictionaries`
says which produced a result (path, files, :func:`dictionary_hash`).
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any

from ..countries import cldr_countries
from ..errors import DictionaryError, UnknownLanguageError
from ..resources_path import resource_dir
from .model import ACTOR_KINDS, ActorEntry, LanguageResources, LanguageRules, VerbPattern, normalize
from .readers import (
    load_actor_table,
    load_agent_table,
    load_frames,
    load_rules,
    load_verb_table,
    load_yaml,
)
from .target_rules import TargetRules, load_target_rules

__all__ = [
    "ACTOR_KINDS",
    "ActorEntry",
    "DictionaryError",
    "LanguageResources",
    "LanguageRules",
    "TargetRules",
    "UnknownLanguageError",
    "VerbPattern",
    "USER_FILES",
    "available_languages",
    "check_dictionaries",
    "describe_dictionaries",
    "dictionary_hash",
    "load_actor_table",
    "load_agent_table",
    "load_language",
    "load_rules",
    "load_target_rules",
    "load_verb_table",
    "load_yaml",
    "normalize",
]

logger = logging.getLogger(__name__)


def available_languages() -> list[str]:
    """Languages with a resource folder (``lang.yaml``) in the package."""
    root = resource_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lang.yaml").is_file())


def _add_cldr_countries(res: LanguageResources) -> int:
    """Add every country name that babel's CLDR data knows in this language."""
    count = 0
    for name, code in cldr_countries(res.language):
        res.add_actor(name, ActorEntry(code, "country", source="babel CLDR"))
        count += 1
    return count


#: the files a user dictionary folder may hold, in the shipped formats
USER_FILES = ("actors.tsv", "agents.tsv", "people.tsv", "verbs.yaml")


def _load_language(language: str) -> LanguageResources:
    root = resource_dir()
    folder = root / language
    if not (folder / "lang.yaml").is_file():
        raise UnknownLanguageError(
            f"no resources for language {language!r}; available: {available_languages()}"
        )
    res = LanguageResources(rules=load_rules(folder / "lang.yaml"))
    counts = {"cldr": _add_cldr_countries(res)}
    if (folder / "actors.tsv").is_file():
        counts["actors"] = load_actor_table(folder / "actors.tsv", res)
    if (folder / "agents.tsv").is_file():
        counts["agents"] = load_agent_table(folder / "agents.tsv", res)
    if (folder / "verbs.yaml").is_file():
        counts["verbs"] = load_verb_table(folder / "verbs.yaml", res, prefix=f"{language}/verbs.yaml")
    people = root / "common" / "people.tsv"
    if people.is_file():
        counts["people"] = load_actor_table(people, res)
    counts.update(_load_generated(root, language, res))
    if (folder / "frames.yaml").is_file():
        counts["frames"] = load_frames(root / "common" / "frames.yaml", folder / "frames.yaml", res)
    targets = root / "common" / "targets.yaml"
    if targets.is_file():
        res.target_rules = load_target_rules(targets)
        counts["target rules"] = len(res.target_rules.reasons)
    if (folder / "temporal.yaml").is_file():
        from ..temporal import load_temporal

        res.temporal = load_temporal(language)
    logger.debug("loaded %s resources: %s", language, counts)
    return res


#: files built from open dictionaries by a script (scripts/build_english_dictionaries.py:
#: PETRARCH-2 / Phoenix, MIT), loaded after the hand-made ones: they only add phrases,
#: role nouns and verb patterns that those do not have ("ours win")
GENERATED_FILES = {"actors": "{lang}/actors_phoenix.tsv", "people": "common/people_phoenix.tsv",
                   "agents": "{lang}/agents_phoenix.tsv", "verbs": "{lang}/verbs_petrarch.yaml"}


def _load_generated(root: Path, language: str, res: LanguageResources) -> dict[str, int]:
    """Add the generated files that exist for ``language``; known phrases keep their entries.

    The big tables are read through a compiled cache (:mod:`.compiled`); the verbs
    after ours, so that among equally specific patterns ours come first.
    """
    from .compiled import load_tables

    paths = {kind: root / name.format(lang=language) for kind, name in GENERATED_FILES.items()}
    counts = load_tables(paths, res, language)
    if paths["verbs"].is_file():
        counts["generated verbs"] = load_verb_table(
            paths["verbs"], res, prefix=f"{paths['verbs'].parent.name}/{paths['verbs'].name}")
    return counts


def _load_user_folder(folder: Path, res: LanguageResources) -> dict[str, int]:
    """Layer one user dictionary folder over ``res``: its phrases replace what was known
    about them, and its verb entries the patterns for the same verb and nouns."""
    counts: dict[str, int] = {}
    _check_user_folder(folder)
    for name in ("actors.tsv", "people.tsv"):
        if (folder / name).is_file():
            counts[name] = load_actor_table(folder / name, res, override=True, strict=True)
    if (folder / "agents.tsv").is_file():
        counts["agents.tsv"] = load_agent_table(folder / "agents.tsv", res, strict=True)
    if (folder / "verbs.yaml").is_file():
        counts["verbs.yaml"] = load_verb_table(folder / "verbs.yaml", res, prefix=f"{folder.name}/verbs.yaml",
                                               first=True, strict=True)
    return counts


#: file endings of dictionary-like files; one with another name in a user folder is a mistake
_TABLE_SUFFIXES = (".tsv", ".csv", ".yaml", ".yml")


def _check_user_folder(folder: Path) -> None:
    """Raise unless ``folder`` is a folder with a dictionary file and no misnamed one."""
    if not folder.is_dir():
        raise DictionaryError(f"{folder}: user dictionary folder not found")
    strays = sorted(p.name for p in folder.iterdir()
                    if p.is_file() and p.suffix.lower() in _TABLE_SUFFIXES and p.name not in USER_FILES)
    if strays:
        raise DictionaryError(f"{', '.join(str(folder / name) for name in strays)}: not a dictionary "
                              f"file name (a user dictionary folder holds any of {', '.join(USER_FILES)})")
    if not any((folder / name).is_file() for name in USER_FILES):
        raise DictionaryError(f"{folder}: no dictionary file in it (expected any of {', '.join(USER_FILES)})")


def dictionary_hash(folders: tuple[Path, ...]) -> str:
    """A hash of the content of the user dictionary files in ``folders``, in order.

    It changes when a file's content changes, a file is added or removed, or the
    folders are reordered; the same files in another place give the same hash.

    Examples
    --------
    >>> dictionary_hash(())
    'e3b0c44298fc1c14'
    """
    import hashlib

    h = hashlib.sha256()
    for i, folder in enumerate(folders):
        for name in USER_FILES:
            path = Path(folder) / name
            if path.is_file():
                data = path.read_bytes()
                h.update(f"{i}/{name}\0{len(data)}\0".encode())
                h.update(data)
    return h.hexdigest()[:16]


def _resolve_folders(dictionaries: Any) -> tuple[Path, ...]:
    if isinstance(dictionaries, str | os.PathLike):
        dictionaries = (dictionaries,)
    return tuple(Path(d).expanduser().resolve() for d in dictionaries or ())


def describe_dictionaries(dictionaries: Any = ()) -> list[dict[str, Any]]:
    """Which user dictionaries produced a result: one record per folder, in order.

    This is what ``frame.attrs["dictionaries"]`` holds on the frames the coding
    functions return.

    Parameters
    ----------
    dictionaries : path or sequence of paths
        User dictionary folders, as given to :func:`load_language`.

    Returns
    -------
    list of dict
        Each with ``path`` (the folder, absolute), ``files`` (the dictionary files
        in it) and ``hash`` (:func:`dictionary_hash` of that folder alone); an
        empty list when only the shipped dictionaries were used.

    Examples
    --------
    >>> describe_dictionaries(())
    []
    """
    out = []
    for folder in _resolve_folders(dictionaries):
        files = [name for name in USER_FILES if (folder / name).is_file()]
        out.append({"path": str(folder), "files": files, "hash": dictionary_hash((folder,))})
    return out


def check_dictionaries(dictionaries: Any, language: str | None = None) -> tuple[str, ...]:
    """Load user dictionary folders once to check them; return their paths.

    The coding functions call this before they read any input, so a broken
    dictionary stops a run with an error naming the file and line instead of
    failing every record. Without ``language`` the folders are checked with the
    rules of every language eventcoder has.

    Raises
    ------
    DictionaryError
        A folder is missing or empty, or a file in it is broken.

    Examples
    --------
    >>> check_dictionaries([])
    ()
    >>> check_dictionaries(["/no/such/folder"], "en")
    Traceback (most recent call last):
    eventcoder.errors.DictionaryError: /no/such/folder: user dictionary folder not found
    """
    folders = _resolve_folders(dictionaries)
    if not folders:
        return ()
    for language_code in [language] if language else available_languages():
        load_language(language_code, dictionaries=folders)
    return tuple(str(f) for f in folders)


@functools.lru_cache(maxsize=16)
def _shipped(language: str) -> LanguageResources:
    return _load_language(language).freeze()


@functools.lru_cache(maxsize=16)
def _layered(language: str, folders: tuple[Path, ...], digest: str) -> LanguageResources:
    """The shipped resources with user folders over them (a copy: the shipped files are
    read once per process, however often a user folder changes)."""
    res = _shipped(language).copy()
    for folder in folders:
        _load_user_folder(folder, res)
    return res.freeze()


def load_language(language: str, *, dictionaries: tuple[str | Path, ...] | list = ()) -> LanguageResources:
    """Load (once per process) the dictionaries and rules of ``language``.

    Parameters
    ----------
    language : str
        ISO 639-1 code with a folder under ``eventcoder/resources`` ("de", "en").
    dictionaries : sequence of paths, optional
        User dictionary folders, each holding any of ``actors.tsv``, ``agents.tsv``,
        ``people.tsv`` and ``verbs.yaml`` in the shipped formats. They are layered
        over the shipped dictionaries in order (a later folder's entries win ties),
        validated like them (errors name file and line), and reloaded when a
        file's content changes.

    Returns
    -------
    LanguageResources
        Shared and read-only (:meth:`LanguageResources.copy` to extend one).

    Raises
    ------
    UnknownLanguageError
        If the language has no resources.
    DictionaryError
        If a file is broken (the message names the file and line), or a user
        folder does not exist, holds no dictionary file, or holds a table under
        another name (``actor.tsv``). In a user folder a column the format does
        not have, and a phrase or verb given twice, are errors too.

    Examples
    --------
    >>> res = load_language("de")
    >>> res.agent_role("Verteidigungsminister")
    'GOV'
    """
    if not isinstance(language, str) or not language:
        raise UnknownLanguageError(f"language must be a code such as 'de' or 'en', got {language!r}")
    language = language.lower()
    if not dictionaries:
        return _shipped(language)
    folders = _resolve_folders(dictionaries)
    for folder in folders:
        _check_user_folder(folder)
    return _layered(language, folders, dictionary_hash(folders))
