"""The coder's state and options: what a document remembers across its sentences
(:class:`DocumentContext`), the coding conventions (:class:`CodingOptions`), the
sentence being coded (``_Clause``), and helpers every part of the coder uses."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..actors import Actor, SentenceActors
from ..conllu import Sentence, Word
from ..dictionaries import ActorEntry, LanguageResources, normalize

_VERBAL = {"VERB", "AUX"}


@functools.lru_cache(maxsize=200_000)
def _simple_lemma(language: str, form: str) -> str:
    try:
        import simplemma
    except ImportError:  # pragma: no cover - simplemma is an install requirement
        return form.lower()
    try:
        return normalize(simplemma.lemmatize(form, lang=language))
    except ValueError:
        return form.lower()


@dataclass
class DocumentContext:
    """What the coder remembers across the sentences of one document.

    ``history`` holds every actor mention in order (for pronouns and "das Land");
    ``speakers`` the actors who spoke last; ``document_speakers`` who speaks in the
    whole document (a speech or statement: its ``speaker`` metadata); ``aliases`` the first and last names
    of people named in full earlier ("Kirby" after "John Kirby", "Kim" after "Kim
    Jong Un"); ``last_material`` the sources of
    the last material event (QuadClass 2 or 4), for event nouns ("verurteilte den
    Raketenstart" -> the actor who launched).
    """

    history: list[Actor] = field(default_factory=list)
    #: the number of the sentence each ``history`` mention came from, and sentences coded
    history_sentence: list[int] = field(default_factory=list)
    sentences_seen: int = 0
    speakers: list[Actor] = field(default_factory=list)
    document_speakers: list[Actor] = field(default_factory=list)
    last_material: list[Actor] = field(default_factory=list)
    aliases: dict[tuple[str, ...], list[ActorEntry]] = field(default_factory=dict)


@dataclass(frozen=True)
class CodingOptions:
    """Switches for coding conventions other than eventcoder's own (PETRARCH's).

    Attributes
    ----------
    require_target : bool
        Drop events without a target unless their code may stand alone: the
        targets table (``resources/common/targets.yaml``: protests 14x, force
        posture 150-154, ...) decides by the event code, a verb pattern's
        ``one_sided: true`` or ``false`` overrides it for that verb. On by
        default; ``False`` keeps targetless events of every code (PETRARCH's
        ``require_dyad = false``).
    shallow : bool
        Where the parse is implausible for a dictionary verb (a verb without a
        subject, a "noun" without determiner right after an actor name), code it from
        tags and word order (:mod:`eventcoder.coding.shallow`); such events have
        ``method="shallow"``. On by default; PETRARCH's suite runs without it.
    nominal : bool
        Code events named by a noun between two named sides ("fighting between X
        and Y", :mod:`eventcoder.coding.nominal`); such events have
        ``method="nominal"``. On by default; PETRARCH's suite runs without it.
    own_country_targets : bool
        Keep events whose target is the source's own country as a whole ("UKRGOV"
        -> "UKR": "we will fight for Ukraine", "friends of Ukraine") for every
        code. Off by default: an actor does not act on its country as a whole,
        except in events the targets table calls domestic by nature (protests
        14x, curfews and bans 172, arrests 173, repression 175, political reform
        ...); pairs that name a part of the country ("RUS" -> "RUSOPP") are kept
        either way. PETRARCH keeps them all.
    oblique_targets : bool
        Where no argument names a target, take it from any prepositional phrase
        of the verb ("appealed for peace *in Ithilen*"), as PETRARCH does. Off
        by default: in news text such phrases are mostly places and origins
        ("arrived *from Canada*").
    oblique_sources : bool
        Where the subject names no actor, take the source from prepositional
        phrases, as PETRARCH does: of an agentless passive ("X was criticized
        over its dispute *with Y*": Y criticized X) or inside the subject
        ("Resumption of ties *between X and Y* may spur ..."). Off by default
        (no source, no event).
    new_actor_length : int
        Where a subject or object names no known actor, a noun phrase of at
        most this many words becomes an actor of its own, coded as its text in
        capitals and quotes (``'"THE MINISTRY OF MAGIC"'``; PETRARCH's
        ``new_actor_length``). 0 (the default): never.
    context_country : bool
        A role without a country ("the police") takes the article's country
        where the article makes it unambiguous, flagged as inferred
        (:mod:`eventcoder.coding.context_country`). On by default; PETRARCH
        does not do this.

    Examples
    --------
    >>> CodingOptions(require_target=False).oblique_targets
    False
    """

    require_target: bool = True
    own_country_targets: bool = False
    shallow: bool = True
    nominal: bool = True
    oblique_targets: bool = False
    oblique_sources: bool = False
    new_actor_length: int = 0
    context_country: bool = True


_DEFAULT_OPTIONS = CodingOptions()


@dataclass
class _Clause:
    """The sentence-level state the coder needs while coding one sentence."""

    sentence: Sentence
    res: LanguageResources
    actors: SentenceActors
    ctx: DocumentContext
    keys: list[str]
    options: CodingOptions = _DEFAULT_OPTIONS
    in_speaker: bool = False
    word_keys: dict[int, set[str]] = field(default_factory=dict)
    verb_keys: dict[int, list[str]] = field(default_factory=dict)

    def word(self, wid: int) -> Word:
        return self.sentence.words[wid - 1]

    def kids(self, w: Word) -> list[Word]:
        return self.sentence.children(w.id)

    def head(self, w: Word) -> Word | None:
        return self.word(w.head) if w.head > 0 else None


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    return [a for a in actors if not (a.code in seen or seen.add(a.code))]
