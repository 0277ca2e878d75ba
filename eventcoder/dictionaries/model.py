"""The in-memory form of one language's dictionaries: actor entries, verb patterns, grammar
rules, and :class:`LanguageResources`, which holds them (read-only once loaded)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..errors import FrozenResourcesError
from .target_rules import TargetRules

__all__ = ["ACTOR_KINDS", "ActorEntry", "LanguageResources", "LanguageRules", "VerbPattern", "normalize"]

ACTOR_KINDS = {"country", "adj", "capital", "institution", "person", "igo", "group", "region"}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‑": "-"})



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
    one_sided : bool or None
        Overrides the targets table (``resources/common/targets.yaml``,
        :class:`~eventcoder.dictionaries.target_rules.TargetRules`) for this verb:
        ``True``, its event may have no target (and no target is searched for
        beyond its arguments); ``False``, it needs one; ``None`` (not given),
        the table decides by the event code.
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
    one_sided: bool | None = None
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
    container_nouns: frozenset[str]
    container_preps: frozenset[str]
    #: institution names that, named alone, are one country's by default ("Congress" ->
    #: USALEG) but in a sentence about another country are that country's
    default_country_institutions: frozenset[str] = frozenset()
    #: clitics a tokenizer may leave on a name ("India's"): names are matched without them
    possessive_clitics: tuple[str, ...] = ()
    #: nouns of accidents and natural events: as a subject they are no actor ("an
    #: earthquake in X kills ...")
    happening_nouns: frozenset[str] = frozenset()
    #: how many earlier sentences a pronoun looks back for its antecedent (0: all)
    antecedent_window: int = 0
    #: pronouns that name an actor only as a subject ("it said", not "I support it")
    subject_only_pronouns: frozenset[str] = frozenset()
    #: nouns of people related to someone, not the same actor ("supporters of X"): their
    #: "of" phrase does not give the actor
    non_owner_nouns: frozenset[str] = frozenset()
    #: nouns of events between two named sides, "noun>CAMEO code" ("fighting between X and
    #: Y"), the prepositions that introduce the sides, and words that make such a noun
    #: unreal ("fears of fighting between", "possible clashes")
    reciprocal_event_nouns: tuple[str, ...] = ()
    reciprocal_event_preps: frozenset[str] = frozenset()
    nominal_event_blockers: frozenset[str] = frozenset()


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
    #: statement frames: verb lemma -> frame name, and frame name -> its rule
    #: (``target``, ``default``, ``codes``; see ``resources/common/frames.yaml``)
    frames: dict[str, str] = field(default_factory=dict)
    frame_rules: dict[str, dict] = field(default_factory=dict)
    #: which codes may stand without a target and which are domestic by nature
    #: (``resources/common/targets.yaml``); empty for resources built by hand
    target_rules: TargetRules = field(default_factory=TargetRules)
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
        >>> from eventcoder import load_language
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
        self.frames = MappingProxyType(dict(self.frames))
        self.frame_rules = MappingProxyType(dict(self.frame_rules))
        self._frozen = True
        return self

    def copy(self) -> LanguageResources:
        """A new, writable object with the same content (extend this, not the shared one).

        Examples
        --------
        >>> from eventcoder import load_language
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
            frames=dict(self.frames),
            frame_rules=dict(self.frame_rules),
            target_rules=self.target_rules,
        )

    def _check_writable(self) -> None:
        if self._frozen:
            raise FrozenResourcesError(
                f"the {self.rules.language!r} resources are shared and read-only; "
                f"extend a copy (resources.copy()) instead of adding to them")

    def add_actor(self, phrase: str, entry: ActorEntry, *, replace: bool = False) -> None:
        """Add a name; ``replace`` drops what was known about the phrase before."""
        self._check_writable()
        key = tuple(normalize(phrase).split())
        if not key:
            return
        if replace:
            self.actors[key] = []
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

    def add_verb(self, pattern: VerbPattern, *, first: bool = False, replace: bool = False) -> None:
        """Add a verb pattern; ``first`` puts it before the patterns it ties with.

        ``replace`` (a user dictionary): patterns known before for the same verb with
        the same nouns and the same ``intransitive`` are dropped, so the new entry
        codes those uses even where an old one also listed ``target_preps``.
        """
        self._check_writable()
        head = pattern.lemma.split()[0]
        bucket = self.verbs.setdefault(head, [])
        if replace:
            bucket[:] = [p for p in bucket if not (
                p.lemma == pattern.lemma and set(p.nouns) == set(pattern.nouns)
                and p.intransitive == pattern.intransitive
                and not (p.compound or p.subject_nouns or p.source_preps))]
        if first:
            bucket.insert(0, pattern)
        else:
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


