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

``resources/common/people.tsv`` (names are shared across languages) and the
country names that babel's CLDR data knows in each language complete the actor
dictionary. Errors name the file and the row.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

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

__all__ = [
    "ACTOR_KINDS",
    "ActorEntry",
    "DictionaryError",
    "LanguageResources",
    "LanguageRules",
    "UnknownLanguageError",
    "VerbPattern",
    "available_languages",
    "load_actor_table",
    "load_agent_table",
    "load_language",
    "load_rules",
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


def _load_language(language: str, extra_dirs: tuple[Path, ...] = ()) -> LanguageResources:
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
    for extra in extra_dirs:
        counts[str(extra)] = _load_user_folder(extra, res)
    if (folder / "frames.yaml").is_file():
        counts["frames"] = load_frames(root / "common" / "frames.yaml", folder / "frames.yaml", res)
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
    """Layer one user dictionary folder over ``res`` (its entries win ties)."""
    counts: dict[str, int] = {}
    known = [folder / name for name in USER_FILES if (folder / name).is_file()]
    if not known:
        raise DictionaryError(f"{folder}: no dictionary file in it (expected any of {', '.join(USER_FILES)})")
    for name in ("actors.tsv", "people.tsv"):
        if (folder / name).is_file():
            counts[name] = load_actor_table(folder / name, res, override=True)
    if (folder / "agents.tsv").is_file():
        counts["agents.tsv"] = load_agent_table(folder / "agents.tsv", res)
    if (folder / "verbs.yaml").is_file():
        counts["verbs.yaml"] = load_verb_table(folder / "verbs.yaml", res,
                                               prefix=f"{folder.name}/verbs.yaml", first=True)
    return counts


def dictionary_hash(folders: tuple[Path, ...]) -> str:
    """A content hash of the user dictionary files in ``folders`` (changes when one changes)."""
    import hashlib

    h = hashlib.sha256()
    for folder in folders:
        for name in USER_FILES:
            path = folder / name
            if path.is_file():
                h.update(f"{folder}/{name}\0".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def _shipped(language: str) -> LanguageResources:
    return _load_language(language).freeze()


@functools.lru_cache(maxsize=16)
def _layered(language: str, folders: tuple[Path, ...], digest: str) -> LanguageResources:
    return _load_language(language, folders).freeze()


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
        If a file is broken (the message names the file and row), or a user
        folder does not exist or holds no dictionary file.

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
    if isinstance(dictionaries, str | Path):
        dictionaries = (dictionaries,)
    folders = tuple(Path(d).expanduser().resolve() for d in dictionaries)
    for folder in folders:
        if not folder.is_dir():
            raise DictionaryError(f"{folder}: user dictionary folder not found")
    return _layered(language, folders, dictionary_hash(folders))
