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

import csv
import datetime as dt
import functools
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .cameo import load_cameo
from .countries import cldr_countries
from .errors import DictionaryError, FrozenResourcesError, UnknownLanguageError
from .resources_path import resource_dir

__all__ = [
    "ActorEntry",
    "DictionaryError",
    "LanguageResources",
    "LanguageRules",
    "UnknownLanguageError",
    "VerbPattern",
    "available_languages",
    "load_language",
    "normalize",
]

logger = logging.getLogger(__name__)

ACTOR_KINDS = {"country", "adj", "capital", "institution", "person", "igo", "group", "region"}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‑": "-"})


class _Yaml12Loader(yaml.SafeLoader):
    """Safe YAML loader where only true/false are booleans ("on", "no" stay words), and
    a key given twice in one mapping is an error (YAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} given twice (lines {seen[key]} and {line})",
                        key_node.start_mark)
                seen[key] = line
            except TypeError:
                pass  # an unhashable key: the base class reports it
        return super().construct_mapping(node, deep=deep)


_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse YAML with YAML 1.2 booleans, so the preposition "on" stays a string."""
    return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


@functools.lru_cache(maxsize=262_144)
def normalize(text: str) -> str:
    """Case-fold and unify apostrophes and dashes, as the dictionaries are matched.

    Examples
    --------
    >>> normalize("Weißes’ HAUS")
    "weißes' haus"
    """
    return text.translate(_QUOTES).lower()  # cached: the coder asks for the same words often


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor dictionary row: a phrase and the CAMEO actor code it stands for."""

    code: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    source: str = ""

    def valid_on(self, date: dt.date | None) -> bool:
        """Whether the entry applies on ``date`` (always, without a date)."""
        if date is None:
            return True
        if self.start and date < self.start:
            return False
        return not (self.end and date >= self.end)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A verb dictionary entry: lemma(s) plus dependency constraints -> CAMEO code.

    Attributes
    ----------
    code : str
        CAMEO event code ("130").
    lemma : str
        The verb as written in the dictionary: a full infinitive with its
        separable particle ("auffordern") or an English phrasal verb ("call on").
    nouns : tuple of str
        For light-verb constructions: the verb needs an object (or passive
        subject) with one of these lemmas ("Veto einlegen").
    target_preps : tuple of str
        Prepositions whose oblique (or the noun's modifier) gives the target.
    target_relations, source_relations : tuple of str
        Override the language defaults.
    one_sided : bool
        The event may have no target (a missile test).
    id : str
        ``"<lang>/verbs.yaml#<n>"``: which entry coded an event.
    reverse_code : str
        Code of the paired event from the target back to the source ("meet"
        -> 040 both ways; PETRARCH's ``[040:040]``); "" for none.
    compound : bool
        The pattern codes coordinated subjects acting on each other ("X and Y
        agree"; PETRARCH's ``%``): it matches only when the subject names two or
        more actors, and each is the target of the others.
    source_preps : tuple of str
        Prepositions whose oblique gives the source ("received money *from* X");
        the subject is then a target. ``"*"`` stands for any preposition.
    subject_nouns : tuple of str
        The subject must be headed by one of these nouns (or phrases); its
        actor comes from the noun's modifiers ("Eriador's death toll rose").
    skip_preps : tuple of str
        Prepositions whose phrases are never the target; as the ``particle``
        the phrase must be there but is not the target (PETRARCH's ``(AT ^)``).
    intransitive : bool
        The verb codes this only without a direct object or content clause
        ("protesters *marched*", "the minister *headed to* Kyiv"; not "the court
        demonstrated ignorance", "Trudeau heads the party").
    """

    code: str
    lemma: str
    particle: str = ""
    nouns: tuple[str, ...] = ()
    target_preps: tuple[str, ...] = ()
    target_relations: tuple[str, ...] = ()
    source_relations: tuple[str, ...] = ()
    one_sided: bool = False
    id: str = ""
    reverse_code: str = ""
    compound: bool = False
    source_preps: tuple[str, ...] = ()
    subject_nouns: tuple[str, ...] = ()
    skip_preps: tuple[str, ...] = ()
    intransitive: bool = False

    @property
    def specificity(self) -> int:
        """Higher for entries with more constraints; these win over bare lemmas."""
        return (8 * self.compound + 4 * bool(self.nouns) + 4 * bool(self.subject_nouns)
                + 2 * bool(self.particle) + bool(self.target_preps) + bool(self.source_preps))


@dataclass(frozen=True)
class LanguageRules:
    """The grammar rules of ``lang.yaml``, as sets for fast lookup."""

    language: str
    name: str
    source_relations: tuple[str, ...]
    target_relations: tuple[str, ...]
    passive_subject_relations: tuple[str, ...]
    passive_agent_relations: tuple[str, ...]
    passive_agent_preps: frozenset[str]
    passive_auxiliaries: frozenset[str]
    negation_words: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_moods: frozenset[str]
    conditional_markers: frozenset[str]
    future_auxiliaries: frozenset[str]
    modal_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    first_person_pronouns: frozenset[str]
    third_person_pronouns: frozenset[str]
    relative_pronoun_feature: str
    anaphoric_nouns: frozenset[str]
    plural_anaphora_words: frozenset[str]
    event_nouns: frozenset[str]
    actor_nmod_preps: frozenset[str]
    compound_suffix_match: bool
    compound_min_suffix: int
    adjective_endings: tuple[str, ...]
    hyphen_split: bool
    participle_infixes: tuple[str, ...]
    verb_endings: tuple[str, ...]


@dataclass
class LanguageResources:
    """Everything the coder needs for one language, loaded and validated.

    Build it with :func:`load_language`; the coder never reads files itself.
    """

    rules: LanguageRules
    actors: dict[tuple[str, ...], list[ActorEntry]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    max_actor_len: int = 1
    actor_first: dict[str, int] = field(default_factory=dict)  # first word -> longest phrase
    agent_last: dict[str, int] = field(default_factory=dict)  # last word -> longest agent phrase
    #: the temporal lexicon (``temporal.yaml``), ``None`` for a language without one
    temporal: Any = None
    _suffix_roles: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _suffix_stamp: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)
    _frozen: bool = field(default=False, repr=False, compare=False)

    #: attributes that may change on a frozen object: word caches, not content
    _CACHES = frozenset({"_suffix_roles", "_suffix_stamp"})

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self._CACHES and getattr(self, "_frozen", False):
            raise FrozenResourcesError(
                f"the {self.rules.language!r} resources are shared and read-only; "
                f"extend a copy (resources.copy()) instead of setting {name!r}")
        object.__setattr__(self, name, value)

    @property
    def language(self) -> str:
        return self.rules.language

    @property
    def frozen(self) -> bool:
        """True for the shared objects :func:`load_language` returns (read-only)."""
        return self._frozen

    def freeze(self) -> LanguageResources:
        """Make this object read-only (tables become mappings of tuples) and return it.

        Examples
        --------
        >>> res = load_language("en")
        >>> res.frozen
        True
        >>> res.add_agent("warlord", "REB")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        eventcoder.errors.FrozenResourcesError: the 'en' resources are shared and read-only; ...
        """
        if self._frozen:
            return self
        self.actors = MappingProxyType({k: tuple(v) for k, v in self.actors.items()})
        self.agents = MappingProxyType(dict(self.agents))
        self.verbs = MappingProxyType({k: tuple(v) for k, v in self.verbs.items()})
        self.actor_first = MappingProxyType(dict(self.actor_first))
        self.agent_last = MappingProxyType(dict(self.agent_last))
        self._frozen = True
        return self

    def copy(self) -> LanguageResources:
        """A new, writable object with the same content (extend this, not the shared one).

        Examples
        --------
        >>> own = load_language("en")
        >>> mine = own.copy()
        >>> mine.add_agent("warlord", "REB")
        >>> mine.agent_role("warlord"), own.agent_role("warlord")
        ('REB', None)
        """
        return LanguageResources(
            rules=self.rules,
            actors={k: list(v) for k, v in self.actors.items()},
            agents=dict(self.agents),
            verbs={k: list(v) for k, v in self.verbs.items()},
            max_actor_len=self.max_actor_len,
            actor_first=dict(self.actor_first),
            agent_last=dict(self.agent_last),
            temporal=self.temporal,
        )

    def _check_writable(self) -> None:
        if self._frozen:
            raise FrozenResourcesError(
                f"the {self.rules.language!r} resources are shared and read-only; "
                f"extend a copy (resources.copy()) instead of adding to them")

    def add_actor(self, phrase: str, entry: ActorEntry) -> None:
        self._check_writable()
        key = tuple(normalize(phrase).split())
        if not key:
            return
        entries = self.actors.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        self.max_actor_len = max(self.max_actor_len, len(key))
        self.actor_first[key[0]] = max(self.actor_first.get(key[0], 0), len(key))

    def add_agent(self, phrase: str, role: str) -> None:
        """Add a role noun (agent); phrases of several words are indexed by their last word."""
        self._check_writable()
        key = " ".join(normalize(phrase).split())
        if not key:
            return
        self.agents[key] = role
        self._suffix_roles.clear()
        words = key.split()
        if len(words) > 1:
            self.agent_last[words[-1]] = max(self.agent_last.get(words[-1], 0), len(words))

    def add_verb(self, pattern: VerbPattern) -> None:
        self._check_writable()
        head = pattern.lemma.split()[0]
        bucket = self.verbs.setdefault(head, [])
        bucket.append(pattern)
        bucket.sort(key=lambda p: -p.specificity)

    def agent_role(self, word: str) -> str | None:
        """The role code of an agent noun, trying German-style compound heads too."""
        key = normalize(word)
        role = self.agents.get(key)
        if role is not None or not self.rules.compound_suffix_match:
            return role
        # The suffix search is remembered per word while ``agents`` is the same dict
        # of the same size (add_agent and a replaced dict both reset it).
        stamp = (id(self.agents), len(self.agents))
        if stamp != self._suffix_stamp:
            self._suffix_roles, self._suffix_stamp = {}, stamp
        if key in self._suffix_roles:
            return self._suffix_roles[key]
        n = self.rules.compound_min_suffix
        found = next((r for i in range(1, len(key) - n + 1)
                      if (r := self.agents.get(key[i:])) is not None), None)
        self._suffix_roles[key] = found
        return found


def available_languages() -> list[str]:
    """Languages with a resource folder (``lang.yaml``) in the package."""
    root = resource_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lang.yaml").is_file())


def _read_text(path: Any) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: not valid UTF-8 ({exc.reason})") from exc


def _rows(path: Any, required: Iterable[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` from a TSV with ``#`` comments and a header."""
    text = _read_text(path)
    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    body = [(i, line) for i, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        return
    header_no, header = body[0]
    columns = header.split("\t")
    missing = [c for c in required if c not in columns]
    if missing:
        raise DictionaryError(f"{path}, line {header_no}: header lacks column(s) {missing}")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in body[1:])), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    for (lineno, _), values in zip(body[1:], reader):
        if len(values) > len(columns):
            raise DictionaryError(
                f"{path}, line {lineno}: {len(values)} fields, header has {len(columns)}"
            )
        values += [""] * (len(columns) - len(values))
        yield lineno, {c: v.strip() for c, v in zip(columns, values)}


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{where}: date must be YYYY-MM-DD, got {value!r}") from None


def _check_actor_code(code: str, where: str) -> None:
    if not code or len(code) < 3 or not code.replace("-", "").isalnum() or code.upper() != code:
        raise DictionaryError(f"{where}: actor code must be upper-case letters, got {code!r}")


def load_actor_table(path: Any, res: LanguageResources) -> int:
    """Add the rows of an ``actors.tsv``/``people.tsv`` file to ``res``; return the count."""
    count = 0
    for lineno, row in _rows(path, ["code"]):
        where = f"{path}, line {lineno}"
        phrases = row.get("phrase") or row.get("names") or ""
        code, kind = row["code"], row.get("kind") or "person"
        if not phrases:
            raise DictionaryError(f"{where}: empty phrase")
        _check_actor_code(code, where)
        if kind not in ACTOR_KINDS:
            raise DictionaryError(f"{where}: unknown kind {kind!r} (one of {sorted(ACTOR_KINDS)})")
        entry = ActorEntry(code, kind, _date(row.get("start", ""), where),
                           _date(row.get("end", ""), where), f"{Path(str(path)).name}:{lineno}")
        if entry.start and entry.end and entry.end <= entry.start:
            raise DictionaryError(f"{where}: end {entry.end} is not after start {entry.start}")
        for phrase in phrases.split("|"):
            endings = res.rules.adjective_endings if kind == "adj" else ("",)
            for ending in endings:
                res.add_actor(phrase.strip() + ending, entry)
                count += 1
    return count


def load_agent_table(path: Any, res: LanguageResources) -> int:
    """Add the rows of an ``agents.tsv`` file to ``res``; return the count."""
    count = 0
    for lineno, row in _rows(path, ["phrase", "role"]):
        where = f"{path}, line {lineno}"
        role = row["role"]
        if not row["phrase"]:
            raise DictionaryError(f"{where}: empty phrase")
        if role != "*" and (len(role) != 3 or not role.isalpha() or not role.isupper()):
            raise DictionaryError(f"{where}: role must be a 3-letter code or '*', got {role!r}")
        for phrase in row["phrase"].split("|"):
            res.add_agent(phrase, role)
            count += 1
    return count


def _str_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(f"{where}: {key!r} must be a string or a list of strings")
    return tuple(normalize(v) for v in value)


_VERB_KEYS = {"code", "lemmas", "nouns", "target_preps", "target_relations", "source_relations",
              "one_sided", "intransitive", "note"}


def load_verb_table(path: Any, res: LanguageResources, *, prefix: str) -> int:
    """Add the patterns of a ``verbs.yaml`` file to ``res``; return the count."""
    try:
        data = load_yaml(_read_text(path)) or []
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("verbs", [])
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of verb entries")
    cameo = load_cameo()
    count = 0
    for n, item in enumerate(data, start=1):
        where = f"{path}, entry {n}"
        if not isinstance(item, dict):
            raise DictionaryError(f"{where}: expected a mapping, got {type(item).__name__}")
        unknown = set(item) - _VERB_KEYS
        if unknown:
            raise DictionaryError(f"{where}: unknown key(s) {sorted(map(str, unknown))}")
        code = item.get("code")
        if isinstance(code, int):
            raise DictionaryError(f"{where}: code {code!r} must be quoted so leading zeros survive")
        if not isinstance(code, str) or code not in cameo:
            raise DictionaryError(f"{where}: {code!r} is not a CAMEO event code")
        where = f"{where} (code {code})"
        lemmas = _str_tuple(item.get("lemmas"), where, "lemmas")
        if not lemmas:
            raise DictionaryError(f"{where}: 'lemmas' is required")
        one_sided = item.get("one_sided", False)
        if not isinstance(one_sided, bool):
            raise DictionaryError(f"{where}: 'one_sided' must be true or false")
        intransitive = item.get("intransitive", False)
        if not isinstance(intransitive, bool):
            raise DictionaryError(f"{where}: 'intransitive' must be true or false")
        if any(not lemma.strip() for lemma in lemmas):
            raise DictionaryError(f"{where}: empty lemma in {list(lemmas)}")
        for lemma in lemmas:
            head, _, particle = lemma.partition(" ")
            res.add_verb(VerbPattern(
                code=code, lemma=lemma, particle=particle,
                nouns=_str_tuple(item.get("nouns"), where, "nouns"),
                target_preps=_str_tuple(item.get("target_preps"), where, "target_preps"),
                target_relations=_str_tuple(item.get("target_relations"), where, "target_relations"),
                source_relations=_str_tuple(item.get("source_relations"), where, "source_relations"),
                one_sided=one_sided, id=f"{prefix}#{n}", intransitive=intransitive,
            ))
            count += 1
    return count


def load_rules(path: Any) -> LanguageRules:
    """Read a ``lang.yaml`` file into :class:`LanguageRules`."""
    try:
        data = load_yaml(_read_text(path))
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping of rule names")
    kwargs: dict[str, Any] = {}
    for name, fld in LanguageRules.__dataclass_fields__.items():
        if name not in data:
            raise DictionaryError(f"{path}: missing rule {name!r}")
        kwargs[name] = _rule_value(data[name], str(fld.type), f"{path}: rule {name!r}")
    return LanguageRules(**kwargs)


def _is_word(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _rule_value(value: Any, kind: str, where: str) -> Any:
    """Check and convert one ``lang.yaml`` value to the type of its rule."""
    if kind.startswith(("frozenset", "tuple")):
        items = [] if value is None else [value] if _is_word(value) else value
        if not isinstance(items, list) or not all(_is_word(v) for v in items):
            raise DictionaryError(f"{where} must be a word or a list of words, got {value!r}")
        if kind.startswith("frozenset"):
            return frozenset(normalize(str(v)) for v in items)
        return tuple(str(v) for v in items)
    if kind == "bool":
        if not isinstance(value, bool):
            raise DictionaryError(f"{where} must be true or false, got {value!r}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DictionaryError(f"{where} must be an integer, got {value!r}")
        try:
            return int(value)
        except ValueError:
            raise DictionaryError(f"{where} must be an integer, got {value!r}") from None
    if not _is_word(value):
        raise DictionaryError(f"{where} must be a word, got {value!r}")
    return str(value)


def _add_cldr_countries(res: LanguageResources) -> int:
    """Add every country name that babel's CLDR data knows in this language."""
    count = 0
    for name, code in cldr_countries(res.language):
        res.add_actor(name, ActorEntry(code, "country", source="babel CLDR"))
        count += 1
    return count


def _load_language(language: str, extra_dirs: tuple[Path, ...] = ()) -> LanguageResources:
    root = resource_dir()
    folder = root / language
    if not (folder / "lang.yaml").is_file():
        raise UnknownLanguageError(
            f"no resources for language {language!r}; available: {available_languages()}"
        )
    res = LanguageResources(rules=load_rules(folder / "lang.yaml"))
    counts = {"cldr": _add_cldr_countries(res)}
    for folder_ in (folder, *extra_dirs):
        for name in ("actors.tsv",):
            if (folder_ / name).is_file():
                counts[name] = counts.get(name, 0) + load_actor_table(folder_ / name, res)
        if (folder_ / "agents.tsv").is_file():
            counts["agents"] = counts.get("agents", 0) + load_agent_table(folder_ / "agents.tsv", res)
        if (folder_ / "verbs.yaml").is_file():
            counts["verbs"] = counts.get("verbs", 0) + load_verb_table(
                folder_ / "verbs.yaml", res, prefix=f"{language}/verbs.yaml")
    people = root / "common" / "people.tsv"
    if people.is_file():
        counts["people"] = load_actor_table(people, res)
    if (folder / "temporal.yaml").is_file():
        from .temporal import load_temporal

        res.temporal = load_temporal(language)
    logger.debug("loaded %s resources: %s", language, counts)
    return res


@functools.lru_cache(maxsize=16)
def load_language(language: str) -> LanguageResources:
    """Load (once per process) the dictionaries and rules of ``language``.

    Parameters
    ----------
    language : str
        ISO 639-1 code with a folder under ``eventcoder/resources`` ("de", "en").

    Returns
    -------
    LanguageResources

    Raises
    ------
    UnknownLanguageError
        If the language has no resources.
    DictionaryError
        If a file is broken; the message names the file and row.

    Examples
    --------
    >>> res = load_language("de")
    >>> res.agent_role("Verteidigungsminister")
    'GOV'
    """
    if not isinstance(language, str) or not language:
        raise UnknownLanguageError(f"language must be a code such as 'de' or 'en', got {language!r}")
    return _load_language(language.lower()).freeze()
