"""The coder: dependency trees + dictionaries -> CAMEO event records.

The algorithm is language-neutral; everything language-specific comes from
:class:`~eventcoder.dictionaries.LanguageResources`. For each verb of a
sentence the coder

1. looks up verb patterns by lemma (the parser's lemma, simplemma's lemma of the
   form, and the lemma joined with a separable particle: "fordern ... auf" ->
   "auffordern"), checking a pattern's required object noun ("Veto einlegen") or
   particle ("call on");
2. finds the source (subject; the agent of a passive; the subject shared with a
   coordinated verb; the controller of an infinitive; the antecedent of a
   relative pronoun) and the target (object, passive subject, the pattern's
   prepositional objects), each expanded over coordination ("Russland und China"
   -> one event each);
3. resolves actors from the noun phrases (:mod:`eventcoder.actors`), with
   pronouns and "das Land"/"die beiden Länder" resolved to actors named earlier
   in the document, and first-person pronouns inside reported speech to the
   speaker ("'Wir fordern ...', sagte Kirby");
4. sets the event's mode: negated, hypothetical (conditionals, "würde", content
   of an appeal or warning), future/intended, belief, question, or asserted.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .actors import Actor, ActorMatch, SentenceActors, choose_entry
from .cameo import describe_code
from .conllu import Document, Sentence, Word
from .dates import parse_date
from .dictionaries import ActorEntry, LanguageResources, VerbPattern, normalize
from .events import Event
from .plover import plover_event
from .temporal import resolve_event_date

__all__ = ["CodingOptions", "DocumentContext", "code_document", "code_documents", "code_sentence",
           "parse_date"]

logger = logging.getLogger(__name__)

_VERBAL = {"VERB", "AUX"}
_ARG_RELS = {"nsubj", "obj", "iobj", "obl", "nsubj:pass", "csubj"}


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
    speakers: list[Actor] = field(default_factory=list)
    document_speakers: list[Actor] = field(default_factory=list)
    last_material: list[Actor] = field(default_factory=list)
    aliases: dict[tuple[str, ...], list[ActorEntry]] = field(default_factory=dict)


@dataclass(frozen=True)
class CodingOptions:
    """Switches for coding conventions other than eventcoder's own (PETRARCH's).

    Attributes
    ----------
    options : CodingOptions, optional
        Other coding conventions (PETRARCH's); eventcoder's own by default.
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

    Examples
    --------
    >>> CodingOptions(require_target=False).oblique_targets
    False
    """

    require_target: bool = True
    oblique_targets: bool = False
    oblique_sources: bool = False
    new_actor_length: int = 0


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


# --------------------------------------------------------------------------- verbs
def _verb_keys(cl: _Clause, w: Word) -> list[str]:
    """Dictionary keys of a verb, most specific first: its form where the dictionary
    has an entry for it ("left" beside "leave"), the parser's lemma, simplemma's."""
    keys = cl.verb_keys.get(w.id)
    if keys is None:
        keys = cl.verb_keys[w.id] = _find_verb_keys(cl, w)
    return keys


def _find_verb_keys(cl: _Clause, w: Word) -> list[str]:
    base = list(dict.fromkeys((normalize(w.lemma), _simple_lemma(cl.res.language, w.form))))
    if not any(k in cl.res.verbs for k in base):
        base += _participle_keys(cl, cl.keys[w.id - 1]) or _ending_keys(cl, cl.keys[w.id - 1])
    keys = list(base)
    for child in cl.kids(w):
        if child.deprel == "compound:prt":
            prt = normalize(child.form if child.lemma in ("_", "") else child.lemma)
            keys = [prt + k for k in base] + keys
    form = cl.keys[w.id - 1]
    if form != base[0] and form in cl.res.verbs:
        keys = [form] + [k for k in keys if k != form]
    return keys


def _participle_keys(cl: _Clause, form: str) -> list[str]:
    """Dictionary verbs a participle of a separable verb stands for ("abgefeuert" ->
    "abfeuern": prefix + the lemma of what follows the infix), where the lemmatizers
    leave the form as it is."""
    out = []
    for infix in cl.res.rules.participle_infixes:
        start = form.find(infix, 1)
        while 0 < start and len(form) - start - len(infix) >= 3:
            key = form[:start] + _simple_lemma(cl.res.language, form[start + len(infix):])
            if key in cl.res.verbs:
                out.append(key)
            start = form.find(infix, start + 1)
    return out


def _ending_keys(cl: _Clause, form: str) -> list[str]:
    """Dictionary verbs a form reaches by the language's inflection endings ("annexes" ->
    "annex", "declared" -> "declare"), where the lemmatizers miss them."""
    out = []
    for rule in cl.res.rules.verb_endings:
        ending, _, replacement = rule.partition(">")
        if ending and form.endswith(ending) and len(form) - len(ending) >= 2:
            key = form[:-len(ending)] + replacement
            if key in cl.res.verbs and key not in out:
                out.append(key)
    return out


def _word_keys(cl: _Clause, word: Word) -> set[str]:
    keys = cl.word_keys.get(word.id)
    if keys is None:
        keys = {normalize(word.lemma), cl.keys[word.id - 1],
                _simple_lemma(cl.res.language, word.form)}
        cl.word_keys[word.id] = keys
    return keys


@functools.lru_cache(maxsize=65_536)
def _phrase_words(noun: str) -> tuple[str, ...]:
    return tuple(noun.split())


def _noun_matches(cl: _Clause, word: Word, nouns: tuple[str, ...]) -> bool:
    keys = _word_keys(cl, word)
    if keys.intersection(nouns):
        return True
    for noun in nouns:
        words = _phrase_words(noun)
        if len(words) > 1 and _phrase_matches(cl, word, words, keys):
            return True
    if cl.res.rules.compound_suffix_match:
        n = cl.res.rules.compound_min_suffix
        return any(k.endswith(noun) and len(noun) >= n for k in keys for noun in nouns
                   if " " not in noun)
    return False


def _phrase_matches(cl: _Clause, word: Word, words: tuple[str, ...], keys: set[str]) -> bool:
    """Whether the noun phrase of ``word`` is the multi-word ``words``.

    Either the phrase ends in ``word`` (its head) with the phrase's last modifier
    right before the head and the others earlier, in order ("improved (global)
    economic relations" is "improved economic relations", "trade relations" is
    not "economic relations"); or the phrase is written out from ``word`` on
    ("state of emergency").
    """
    sent = cl.sentence.words
    if words[-1] in keys:
        i = word.id - 2  # the word before the head, skipping punctuation
        while i >= 0 and sent[i].upos == "PUNCT":
            i -= 1
        pending = list(words[:-1])
        if i < 0:
            return False
        if pending[-1] not in _word_keys(cl, sent[i]):
            # "death and injury toll" is a "death toll": a modifier's conjunct stands between
            first = sent[i]
            while first.rel == "conj" and first.head and first.head < first.id:
                first = sent[first.head - 1]
            if first is sent[i] or pending[-1] not in _word_keys(cl, first):
                return False
            i = first.id - 1
        pending.pop()
        i -= 1
        while pending and i >= 0:
            if pending[-1] in _word_keys(cl, sent[i]):
                pending.pop()
            i -= 1
        if not pending:
            return True
    if words[0] in keys:
        n = len(words)
        span = sent[word.id - 1:word.id - 1 + n]
        return len(span) == n and all(w in _word_keys(cl, s) for w, s in zip(words, span))
    return False


def _case_of(cl: _Clause, w: Word) -> set[str]:
    return {normalize(c.lemma) for c in cl.kids(w) if c.rel == "case"} | {
        normalize(c.form) for c in cl.kids(w) if c.rel == "case"}


def _has_prep(cl: _Clause, w: Word, preps: tuple[str, ...]) -> bool:
    """Whether ``w`` is introduced by one of ``preps`` ("*": by any preposition)."""
    cases = _case_of(cl, w)
    return bool(cases) and ("*" in preps or bool(cases.intersection(preps)))


def _subject(cl: _Clause, verb: Word) -> Word | None:
    for child in cl.kids(verb):
        if child.deprel in ("nsubj", "nsubj:pass"):
            return child
    return None


_NOUN_RELS = ("obj", "nsubj:pass", "obl", "obl:arg", "iobj", "nsubj")


def _match_pattern(cl: _Clause, verb: Word) -> tuple[VerbPattern, Word | None, Word | None] | None:
    """The first (most specific) pattern whose constraints the verb meets.

    Returns ``(pattern, noun word, particle oblique)``. Among equally specific noun
    patterns of one verb, the one whose noun phrase matched more words wins ("launched
    *air strikes*" is 195, not the 190 of "launched strikes").
    """
    for key in _verb_keys(cl, verb):
        best: tuple[VerbPattern, Word | None, Word | None] | None = None
        best_len = 0
        for pattern in cl.res.verbs.get(key, ()):
            if best is not None and (pattern.specificity < best[0].specificity
                                     or not pattern.nouns):
                break
            if pattern.lemma.split()[0] != key:
                continue
            if pattern.intransitive and any(c.deprel in ("obj", "ccomp") for c in cl.kids(verb)):
                continue
            if pattern.compound or pattern.subject_nouns:
                subj = _subject(cl, verb)
                if subj is None:
                    continue
                if pattern.compound and not any(c.rel == "conj" for c in cl.kids(subj)):
                    continue
                if pattern.subject_nouns and not _noun_matches(cl, subj, pattern.subject_nouns):
                    continue
            noun = None
            if pattern.nouns:
                noun = _find_noun(cl, verb, pattern.nouns)
                if noun is None:
                    continue
            prt_obl = None
            if pattern.particle:
                # "begun *to question*": the particle marks the complement that is the noun
                found = noun is not None and _complement_of(cl, verb, noun) is noun and any(
                    c.rel == "mark" and cl.keys[c.id - 1] == pattern.particle for c in cl.kids(noun))
                for child in () if found else [*cl.kids(verb), *_below(cl, noun)]:
                    if child.rel in ("obl", "nmod") and pattern.particle in pattern.skip_preps \
                            and pattern.particle in _case_of(cl, child):
                        found = True  # "(AT ^)": the phrase must be there but is no target
                        break
                    lemma = normalize(child.lemma)
                    if child.deprel == "compound:prt" and lemma == pattern.particle:
                        found = True
                    elif child.rel in ("obl", "obj", "nmod") and pattern.particle in _case_of(cl, child):
                        found, prt_obl = True, child
                    if found:
                        break
                if not found:
                    continue
            if pattern.source_preps and not _source_obliques(cl, verb, noun, pattern):
                continue
            if noun is None:
                return pattern, noun, prt_obl
            length = _matched_length(cl, noun, pattern.nouns)
            if best is None or length > best_len:
                best, best_len = (pattern, noun, prt_obl), length
        if best is not None:
            return best
    return None


def _matched_length(cl: _Clause, word: Word, nouns: tuple[str, ...]) -> int:
    """Words of the longest of ``nouns`` that ``word``'s phrase matches (0: none)."""
    keys = _word_keys(cl, word)
    best = 0
    for noun in nouns:
        words = _phrase_words(noun)
        if len(words) > best and (words[0] in keys if len(words) == 1
                                  else _phrase_matches(cl, word, words, keys)):
            best = len(words)
    return best


def _below(cl: _Clause, noun: Word | None, depth: int = 3) -> list[Word]:
    """The words under a pattern's noun, nearest first ("memos on economic issues *from*
    Bree": the particle's phrase may hang on a modifier of the noun)."""
    out: list[Word] = []
    frontier = cl.kids(noun) if noun is not None else []
    while frontier and depth > 0:
        out += frontier
        frontier = [c for w in frontier for c in cl.kids(w) if c.rel in _INSIDE_RELS]
        depth -= 1
    return out


def _find_noun(cl: _Clause, verb: Word, nouns: tuple[str, ...]) -> Word | None:
    """The argument that is one of a pattern's nouns.

    The verb phrase includes an infinitival complement: the complement itself
    ("believed *linked*", "begun *to question*") and the object of a complement
    verb that the dictionary has no entry for ("vowed to wage *war*": "wage" only
    carries the noun; "vowed to end the war" is coded by "end", not as war).
    """
    for child in cl.kids(verb):
        if child.deprel in _NOUN_RELS and _noun_matches(cl, child, nouns):
            return child
    for child in cl.kids(verb):  # a conjunct: "launched a bombing and shelling *offensive*"
        if child.deprel in _NOUN_RELS and child.upos == "NOUN" and any(
                c.rel == "conj" for c in cl.kids(child)):
            for conj in _coordinated(cl, child)[1:]:
                if conj.upos not in _VERBAL and _noun_matches(cl, conj, nouns) \
                        and not cl.actors.resolve(child):
                    return conj
    for comp in _complements(cl, verb):
        if _noun_matches(cl, comp, nouns):
            return comp
        if comp.upos in _VERBAL and not any(k in cl.res.verbs for k in _verb_keys(cl, comp)):
            for arg in cl.kids(comp):
                if arg.deprel in ("obj", "iobj") and _noun_matches(cl, arg, nouns):
                    return arg
    return None


def _infinitive_marked(cl: _Clause, w: Word) -> bool:
    """Whether ``w`` is marked by an infinitive particle ("*to* attack", "*zu* verhandeln")."""
    return any(m.rel == "mark" and m.upos == "PART" for m in cl.kids(w))


def _complements(cl: _Clause, verb: Word) -> list[Word]:
    """Infinitival complements of ``verb`` ("threatened *to assassinate*", "vowed *to
    wage* war"): an ``xcomp``, or an ``advcl`` marked by an infinitive particle."""
    return [c for c in cl.kids(verb)
            if c.rel == "xcomp" or c.rel == "advcl" and _infinitive_marked(cl, c)]


def _complement_of(cl: _Clause, verb: Word, noun: Word | None) -> Word | None:
    """The complement of ``verb`` the pattern's noun was found in (``None``: a direct
    argument)."""
    if noun is None or noun.head == 0:
        return None
    if noun.head == verb.id:
        return noun if noun.rel in ("xcomp", "advcl") else None
    head = cl.word(noun.head)
    return head if head.head == verb.id and head.rel in ("xcomp", "advcl") else None


def _source_obliques(cl: _Clause, verb: Word, noun: Word | None,
                     pattern: VerbPattern) -> list[Word]:
    """Prepositional objects of the verb (or of its noun) that give the source; with a
    particle of the verb that is a source preposition ("break *in* X"), its object."""
    kids = cl.kids(verb)
    out = [c for c in (*kids, *(cl.kids(noun) if noun is not None else ()))
           if c.rel in ("obl", "nmod") and c is not noun and c.deprel not in
           cl.res.rules.passive_agent_relations and _has_prep(cl, c, pattern.source_preps)]
    if any(c.deprel == "compound:prt" and normalize(c.lemma) in pattern.source_preps
           for c in kids):
        out += [c for c in kids if c.deprel in ("obj", "iobj")]
    return out


# --------------------------------------------------------------------------- arguments
def _is_passive(cl: _Clause, verb: Word) -> bool:
    for child in cl.kids(verb):
        if child.deprel in ("nsubj:pass", "aux:pass", "csubj:pass"):
            return True
    return False


def _coordinated(cl: _Clause, w: Word) -> list[Word]:
    """``w`` and the words coordinated with it ("Russland und China").

    An apposition inside a coordination counts as a conjunct ("Mordor, the
    Shire, Arnor and Bree", parsed with "the Shire" as apposition of "Mordor").
    """
    out, stack = [w], [w]
    while stack:
        word = stack.pop()
        kids = cl.kids(word)
        coordinated = any(c.rel == "conj" for c in kids)
        for child in kids:
            if child.upos in _VERBAL:
                continue
            if child.rel == "conj" or (child.rel == "appos" and (
                    coordinated or any(c.rel == "conj" for c in cl.kids(child)))):
                out.append(child)
                stack.append(child)
    return out


def _source_words(cl: _Clause, verb: Word, rels: tuple[str, ...], passive: bool) -> list[Word]:
    rules = cl.res.rules
    if passive:
        for child in cl.kids(verb):
            if child.deprel in rules.passive_agent_relations:
                return [child]
            if child.rel == "obl" and _case_of(cl, child) & rules.passive_agent_preps:
                return [child]
        return []
    subj = [c for c in cl.kids(verb) if c.deprel in rels]
    if subj:
        return subj
    objs = [c for c in cl.kids(verb) if c.deprel in ("obj", "iobj")]
    if len(objs) >= 2 and "nsubj" in rels:
        # A parser that labelled the subject as a second object: take the nominative,
        # else the first ("beschuldigte die USA Nordkorea").
        nominative = [c for c in objs if c.feats.get("Case") == "Nom"]
        return [(nominative or objs)[0]]
    if "nsubj" in rels:
        misread = _misread_subject(cl, verb, objs)
        if misread is not None:
            return [misread]
    # Shared or controlled subjects: coordinated verbs, infinitival complements.
    head = cl.head(verb)
    if head is None or head.id == verb.id:
        return []
    if verb.rel == "conj" and head.upos in _VERBAL | {"NOUN", "ADJ"}:
        return _source_words(cl, head, rels, _is_passive(cl, head))
    if verb.rel == "xcomp":
        objs = [c for c in cl.kids(head) if c.deprel in ("obj", "iobj")]
        if objs:
            return objs
        # "called *on Russia* to withdraw", "appellierte *an Russland*, ... abzuziehen": a
        # prepositional object before the infinitive controls it when it names an actor
        obls = [c for c in cl.kids(head) if c.rel == "obl" and c.id < verb.id
                and c.deprel not in _NOT_INSIDE and _case_of(cl, c) and _named(cl, c, set())]
        if obls and not _is_passive(cl, head):
            return obls[-1:]
        if _is_passive(cl, head):
            # "X was seen to break into ...": the passive subject controls the infinitive.
            subj = [c for c in cl.kids(head) if c.deprel in rules.passive_subject_relations]
            if subj:
                return subj
        return _source_words(cl, head, rels, _is_passive(cl, head))
    if verb.rel == "advcl" and head.upos in _VERBAL and _infinitive_marked(cl, verb):
        # An infinitival adverbial clause shares the subject ("X is inching nearer *to
        # accord* with Y", "X sent troops *to attack* Y", "um ... *zu* verhandeln"); of a
        # passive head, the passive subject ("troops were sent *to attack* Y").
        if _is_passive(cl, head):
            return [c for c in cl.kids(head) if c.deprel in rules.passive_subject_relations]
        return _source_words(cl, head, rels, False)
    return []


def _names_actor(cl: _Clause, w: Word) -> ActorMatch | None:
    """The dictionary name (a whole actor phrase, not a hyphen part) that covers ``w``."""
    return next((m for m in cl.actors.matches.get(w.id, ()) if m.part < 0), None)


def _misread_subject(cl: _Clause, verb: Word, objs: list[Word]) -> Word | None:
    """A named subject a parser attached elsewhere, for a verb without a subject.

    Two misreadings of compact parsers, both impossible for a name: the name as an
    adverb ("*Nordkorea* habe ... Raketen abgefeuert", advmod), and two names run
    together as one noun phrase ("beschuldigte *die USA* Nordkorea": USA as a
    compound of the object). Names of one actor ("Nord Korea") are one match and
    are left alone, and so are pronouns and prepositional phrases.
    """
    for child in cl.kids(verb):
        if child.rel in ("advmod", "dep") and child.upos != "PRON" and _names_actor(cl, child) \
                and not any(c.rel == "case" for c in cl.kids(child)):
            return child
    for obj in objs:
        head = _names_actor(cl, obj)
        if head is None:
            continue
        for child in cl.kids(obj):
            mod = _names_actor(cl, child) if child.rel in ("compound", "flat") else None
            if mod is not None and mod is not head and child.id < obj.id and not (
                    {e.code for e in mod.entries} & {e.code for e in head.entries}):
                return child
    return None


def _target_words(cl: _Clause, verb: Word, pattern: VerbPattern, noun: Word | None,
                  prt_obl: Word | None, passive: bool, subject_ids: set[int]) -> list[Word]:
    """The words that name the target directly: objects, passive subjects, the pattern's
    prepositional objects (of the verb or of its noun)."""
    rules = cl.res.rules
    out: list[Word] = []
    if prt_obl is not None and pattern.particle not in pattern.source_preps \
            and pattern.particle not in pattern.skip_preps:
        out.append(prt_obl)
    rels = pattern.target_relations or rules.target_relations
    preps = pattern.target_preps
    for child in cl.kids(verb):
        if child.id in subject_ids:
            continue
        if noun is not None and child.id == noun.id:
            continue
        if prt_obl is not None and child.id == prt_obl.id:
            continue
        if pattern.skip_preps and _has_prep(cl, child, pattern.skip_preps):
            continue
        if passive and child.deprel in rules.passive_subject_relations:
            out.append(child)
        elif not passive and child.deprel in rels:
            out.append(child)
        elif preps and child.rel in ("obl", "nmod", "obj") and child.deprel not in \
                rules.passive_agent_relations and _has_prep(cl, child, preps):
            out.append(child)
    if noun is not None and preps:
        for child in cl.kids(noun):
            if child.rel == "nmod" and _has_prep(cl, child, preps) and child not in out:
                out.append(child)
    comp = _complement_of(cl, verb, noun)
    if comp is not None and preps:
        # "vowed to wage war *on the Rohans*", "believed linked *to Al-Qaeda*": the
        # complement's prepositional objects
        for child in cl.kids(comp):
            if child.rel in ("obl", "nmod") and child.id != noun.id and child not in out \
                    and child.deprel not in rules.passive_agent_relations \
                    and _has_prep(cl, child, preps):
                out.append(child)
    # An argument of the infinitival complement is not the target of this verb.
    return [w for w in out if w.id != verb.id and w.id not in subject_ids]


# --------------------------------------------------------------------------- actors
def _resolve(cl: _Clause, w: Word, *, exclude: set[str] = frozenset(),
             verb: Word | None = None) -> list[Actor]:
    """Resolve an argument word (and its coordinates) to actors."""
    out: list[Actor] = []
    for word in _coordinated(cl, w):
        out.extend(_resolve_one(cl, word, exclude=exclude, verb=verb, shared=w))
    seen: set[str] = set()
    return [a for a in out if not (a.code in seen or seen.add(a.code))]


def _resolve_one(cl: _Clause, w: Word, *, exclude: set[str], verb: Word | None,
                 shared: Word | None = None) -> list[Actor]:
    rules = cl.res.rules
    key = cl.keys[w.id - 1]
    lemma = normalize(w.lemma)
    if w.feats.get("PronType") == rules.relative_pronoun_feature or (
            w.upos == "PRON" and w.feats.get("PronType") == "Rel"):
        clause = cl.head(w)
        while clause is not None and not clause.deprel.startswith("acl"):
            clause = cl.head(clause)
        if clause is not None and clause.head:
            noun = cl.word(clause.head)
            found = _resolve(cl, noun, exclude=exclude)
            if not found and noun.rel in ("obj", "nsubj:pass") and noun.head:
                # "Resolutionen, die Sanktionen verhängten": the resolutions' author acts.
                gov = cl.word(noun.head)
                subj = [c for c in cl.kids(gov) if c.deprel in rules.source_relations]
                found = [a for sw in subj for a in _resolve(cl, sw, exclude=exclude)]
            return found
        return []
    if w.upos == "PRON":
        if key in rules.first_person_pronouns or lemma in rules.first_person_pronouns:
            if cl.in_speaker:
                return []
            speaker = _speaker(cl, verb)
            return [Actor(a.code, w.form, (w.id,), "speaker") for a in speaker if a.code not in exclude]
        if key in rules.third_person_pronouns or lemma in rules.third_person_pronouns:
            return _antecedent(cl, w, exclude, plural=False)
        return []
    actors = cl.actors.resolve(w, shared=shared)
    if actors:
        return actors
    if _is_event_noun(cl, w):
        return [Actor(a.code, w.form, (w.id,), "event") for a in cl.ctx.last_material
                if a.code not in exclude]
    if lemma in rules.anaphoric_nouns or key in rules.anaphoric_nouns:
        dets = {cl.keys[c.id - 1] for c in cl.kids(w) if c.rel in ("det", "amod", "nummod")}
        if dets:
            plural = bool(dets & rules.plural_anaphora_words) or w.feats.get("Number") == "Plur"
            return _antecedent(cl, w, exclude, plural=plural, countries=True)
    return []


def _is_event_noun(cl: _Clause, w: Word) -> bool:
    if w.upos not in ("NOUN", "PROPN") or not cl.res.rules.event_nouns:
        return False
    return _noun_matches(cl, w, tuple(cl.res.rules.event_nouns))


def _antecedent(cl: _Clause, w: Word, exclude: set[str], *, plural: bool,
                countries: bool = False) -> list[Actor]:
    """Most recent earlier actor(s): for "er"/"das Land"; two for "die beiden Länder"."""
    candidates = [a for a in reversed(cl.ctx.history) if a.code not in exclude]
    # mentions in this sentence before the word come first
    before = []
    for start, entry, _m in cl.actors.mentions():
        if start < w.id and entry.code not in exclude:
            before.append(Actor(entry.code, cl.word(start).form, (start,), entry.kind))
    candidates = list(reversed(before)) + candidates
    if countries:
        candidates = [a for a in candidates if len(a.code) == 3 and a.code.isalpha()] or candidates
    elif w.feats.get("Number") != "Plur" and w.feats.get("Gender") in ("Masc",) :
        candidates = [a for a in candidates if a.kind == "person"] or candidates
    out: list[Actor] = []
    for a in candidates:
        if a.code not in {o.code for o in out}:
            out.append(Actor(a.code, w.form, (w.id,), "anaphor"))
        if len(out) == (2 if plural else 1):
            break
    return out


def _speaker(cl: _Clause, verb: Word | None) -> list[Actor]:
    """The actor who speaks in this sentence ("..., sagte Kirby"), else the last speaker."""
    rules = cl.res.rules
    for w in cl.sentence.words:
        if w.upos in _VERBAL and (normalize(w.lemma) in rules.speech_verbs
                                  or _simple_lemma(cl.res.language, w.form) in rules.speech_verbs
                                  or any(k in rules.speech_verbs for k in _verb_keys(cl, w))):
            if verb is not None and w.id == verb.id:
                continue
            for subj in cl.kids(w):
                if subj.rel == "nsubj":
                    skey = cl.keys[subj.id - 1]
                    if skey in rules.first_person_pronouns:
                        continue
                    cl.in_speaker = True
                    try:
                        actors = _resolve(cl, subj)
                    finally:
                        cl.in_speaker = False
                    if actors:
                        return actors
    return list(cl.ctx.document_speakers or cl.ctx.speakers)


# --------------------------------------------------------------------------- modes
def _mode(cl: _Clause, verb: Word, noun: Word | None) -> str:
    rules = cl.res.rules
    words = [verb] + ([noun] if noun is not None else [])
    for w in words:
        for child in cl.kids(w):
            if cl.keys[child.id - 1] in rules.negation_words and child.rel in (
                    "advmod", "neg", "det", "advmod:neg", "dep", "cc"):
                return "negated"
    if cl.sentence.surface().rstrip().rstrip('"“”»«\'').endswith("?"):
        return "question"
    for child in cl.kids(verb):
        key = cl.keys[child.id - 1]
        if child.rel == "aux" and key in rules.hypothetical_auxiliaries:
            return "hypothetical"
        if child.rel == "mark" and key in rules.conditional_markers:
            return "hypothetical"
    if verb.feats.get("Mood") in rules.hypothetical_moods:
        return "hypothetical"
    # The clause's governors: belief ("glauben, dass"), intent ("versuchen zu"),
    # or another coded verb ("fordern ... auf, ... einzustellen").
    w, depth = verb, 0
    while w.head and w.rel in ("xcomp", "ccomp", "advcl", "conj", "csubj") and depth < 6:
        gov = cl.word(w.head)
        keys = _verb_keys(cl, gov)
        if w.rel == "advcl":
            if any(cl.keys[c.id - 1] in rules.conditional_markers for c in cl.kids(w)):
                return "hypothetical"
            if _infinitive_marked(cl, w):
                return "future"  # a purpose: "sent troops *to attack* X" (intended, not done)
            break
        if w.rel != "conj":
            if any(k in rules.belief_verbs for k in keys):
                return "belief"
            if any(k in rules.intent_verbs for k in keys):
                return "future"
            if not any(k in rules.speech_verbs for k in keys) and _match_pattern(cl, gov):
                return "hypothetical"
        w, depth = gov, depth + 1
    for child in cl.kids(verb):
        key = cl.keys[child.id - 1]
        if child.rel == "aux" and (key in rules.future_auxiliaries or normalize(child.lemma)
                                   in rules.future_auxiliaries) and verb.feats.get("VerbForm") in (
                "Inf", None):
            return "future"
        if child.rel == "aux" and normalize(child.lemma) in rules.intent_verbs:
            return "future"
    return "asserted"


# --------------------------------------------------------------------------- targets
# Relations followed when looking for an actor inside a phrase ("the resumption of
# ties *with Osgiliath*", "an attack *by Osgiliath soldiers*", "the affected *Ithilen*
# villages", "memos sent *by Bree*"); relative clauses are not followed.
_INSIDE_RELS = frozenset({"nmod", "compound", "flat", "appos", "amod", "acl", "obl", "obj",
                          "iobj", "conj", "xcomp"})
_NOT_INSIDE = frozenset({"acl:relcl", "obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod"})
_MAX_DEPTH = 5


def _named(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    """Dictionary actors of the noun phrase ``w`` and its conjuncts (no pronouns)."""
    out: list[Actor] = []
    for word in _coordinated(cl, w):
        if word.upos == "PRON":
            continue
        out.extend(a for a in cl.actors.resolve(word) if _usable(a, exclude))
    return _dedupe(out)


def _usable(actor: Actor, exclude: set[str]) -> bool:
    """A target found by searching: not a source, and more than a bare role ("---MIL")."""
    return actor.code not in exclude and not actor.code.startswith("---")


def _inside(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    """The actors nearest to ``w`` inside its phrase, level by level (breadth first)."""
    frontier = [c for c in cl.kids(w) if c.rel in _INSIDE_RELS and c.deprel not in _NOT_INSIDE]
    depth = 0
    while frontier and depth < _MAX_DEPTH:
        for node in frontier:  # the first phrase, in word order, that names an actor
            if node.upos != "PRON" and any(_usable(a, exclude) for a in cl.actors.resolve(node)):
                # all its conjuncts, a source among them too: "X and Y may spur reconciliation
                # between Z and Y" is also X -> Y (the same actor on both sides is dropped later)
                return _named(cl, node, set())
        frontier = [c for node in frontier for c in cl.kids(node)
                    if c.rel in _INSIDE_RELS and c.deprel not in _NOT_INSIDE]
        depth += 1
    return []


_NEW_ACTOR_RELS = frozenset({"det", "amod", "compound", "flat", "appos", "nmod", "case",
                             "nummod", "conj", "cc"})


def _new_actor(cl: _Clause, w: Word) -> list[Actor]:
    """The noun phrase of ``w`` as an actor of its own (``new_actor_length`` words at most)."""
    if w.upos not in ("NOUN", "PROPN"):
        return []
    ids, stack = [w.id], [w]
    while stack:
        word = stack.pop()
        for child in cl.kids(word):
            if child.rel in _NEW_ACTOR_RELS and child.upos not in ("PART", "PUNCT") \
                    and not (word is w and child.rel == "case"):  # not "for" of "for the X"
                ids.append(child.id)
                stack.append(child)
    if len(ids) > cl.options.new_actor_length:
        return []
    ids.sort()
    text = " ".join(cl.word(i).form for i in ids)
    return [Actor(f'"{text.upper()}"', text, tuple(ids), "new")]


def _resolve_or_inside(cl: _Clause, w: Word, exclude: set[str]) -> list[Actor]:
    return _named(cl, w, exclude) or [a for word in _coordinated(cl, w)
                                      for a in _inside(cl, word, exclude)]


def _is_speech_verb(cl: _Clause, verb: Word) -> bool:
    speech = cl.res.rules.speech_verbs
    return any(k in speech for k in _verb_keys(cl, verb))


def _fallback_targets(cl: _Clause, verb: Word, pattern: VerbPattern, direct: list[Word],
                      noun: Word | None, exclude: set[str]) -> list[Actor]:
    """Targets where no direct argument names an actor, nearest evidence first.

    1. inside the direct arguments ("restored ties *with Gondor*", "condemned an
       attack *by Osgiliath soldiers*");
    2. the subject of a content clause ("believes *Dagolath* can cope",
       "demanded that *Israel* leave");
    3. the object of an infinitival complement ("threatened to assassinate *X*",
       "signed an accord to supply *Gondor*");
    4. with :attr:`CodingOptions.oblique_targets`, any other prepositional object
       of the verb ("appealed for peace *in Ithilen*").

    Bare roles ("---MIL") found this way are not taken.
    """
    for w in direct + ([noun] if noun is not None else []):
        found = [a for word in _coordinated(cl, w) for a in _inside(cl, word, exclude)]
        if found:
            return _dedupe(found)
    kids = cl.kids(verb)
    for clause in kids:
        if clause.rel == "ccomp":
            subj = _subject(cl, clause)
            if subj is not None:
                found = _resolve_or_inside(cl, subj, exclude)
                if found:
                    return found
    for clause in _complements(cl, verb):
        for arg in cl.kids(clause):
            if arg.deprel in ("obj", "iobj"):
                found = _named(cl, arg, exclude)
                if found:
                    return found
    if not cl.options.oblique_targets:
        return []
    used = {w.id for w in direct}
    for obl in kids:
        if obl.rel == "obl" and obl.id not in used and obl.deprel not in _NOT_INSIDE \
                and _case_of(cl, obl):
            if pattern.skip_preps and _has_prep(cl, obl, pattern.skip_preps):
                # "warned at Gondor of X": the phrase is no target, what follows it may be
                found = [a for w in _coordinated(cl, obl) for a in _inside(cl, w, exclude)]
            else:
                found = _resolve_or_inside(cl, obl, exclude)
            if found:
                return _dedupe(found)
    return []


# --------------------------------------------------------------------------- events
def _span(ids: Iterable[int]) -> str:
    ids = sorted(set(ids))
    if not ids:
        return ""
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def _pairs(cl: _Clause, verb: Word, pattern: VerbPattern, noun: Word | None,
           prt_obl: Word | None) -> tuple[list[tuple[Actor, Actor | None, str]], list[Word]] | None:
    """(source, target, code) triples of one matched verb, and the source words."""
    rules = cl.res.rules
    passive = _is_passive(cl, verb)
    src_words = _source_words(cl, verb, pattern.source_relations or rules.source_relations,
                              passive)
    if not src_words and verb.deprel == "acl" and verb.feats.get("VerbForm") == "Part" \
            and noun is not None and noun.deprel == "xcomp" and noun.head == verb.id:
        # Raising in a reduced relative: "a woman *believed linked* to X" -- the pattern's
        # predicate ("linked") is said of the noun the participle modifies.
        src_words = [cl.word(verb.head)]
    subject_ids = {w.id for w in src_words}
    moved: list[Word] = []
    if pattern.source_preps:
        # "X received money *from* Y": the prepositional object acts, the subject receives.
        sources = []
        for obl in _source_obliques(cl, verb, noun, pattern):
            sources = _resolve_or_inside(cl, obl, set())
            if sources:
                moved, src_words = src_words, [obl]
                subject_ids = {obl.id}
                break
    else:
        sources = [a for sw in src_words for a in _resolve(cl, sw, verb=verb)]
    if not sources and cl.options.oblique_sources:
        if passive and not src_words:
            for obl in cl.kids(verb):
                if obl.rel == "obl" and obl.deprel not in _NOT_INSIDE and _case_of(cl, obl):
                    sources = _resolve_or_inside(cl, obl, set())
                    if sources:
                        subject_ids = {obl.id}
                        break
        else:  # "Resumption of ties between X and Y may spur ...": X and Y act
            sources = [a for sw in src_words if sw.upos in ("NOUN", "PROPN")
                       for w in _coordinated(cl, sw) for a in _inside(cl, w, set())]
    if not sources and cl.options.new_actor_length:
        sources = [a for sw in src_words[:1] for a in _new_actor(cl, sw)]
    if not sources:
        return None
    sources = _dedupe(sources)
    source_codes = {a.code for a in sources}
    triples: list[tuple[Actor, Actor | None, str]] = []
    if pattern.compound:
        if len(sources) < 2:
            return None
        for src in sources:
            for tgt in sources:
                if tgt.code != src.code:
                    triples.append((src, tgt, pattern.code))
        return triples, src_words
    tgt_words = moved + _target_words(cl, verb, pattern, noun, prt_obl, passive, subject_ids)
    targets = [a for tw in tgt_words for a in _resolve(cl, tw, exclude=source_codes, verb=verb)]
    if not targets and not pattern.one_sided:
        if not _is_speech_verb(cl, verb):
            targets = _fallback_targets(cl, verb, pattern, tgt_words, noun, source_codes)
        elif noun is not None:
            # A speech verb's complement is what was said; with a pattern noun it is a light
            # verb, whose noun may hold the target ("verkündet die Annexion der
            # ukrainischen Gebiete"; not "äußerte Bedenken über Geschäfte zwischen X und Y").
            # The noun's owner may be the speaker's own side ("Bedenken *der USA*").
            countries = {c[:3] for c in source_codes}
            targets = [a for w in _coordinated(cl, noun) for a in _inside(cl, w, source_codes)
                       if a.code[:3] not in countries]
    if not targets and cl.options.new_actor_length:
        targets = next((found for tw in tgt_words if (found := _new_actor(cl, tw))), [])
    targets = _dedupe(targets)
    if not targets and _reciprocal(pattern, sources, src_words):
        # Coordinated subjects of a cooperation or a fight act on each other
        # ("India and Pakistan signed an agreement").
        targets = sources
    elif not targets and not (pattern.one_sided or not cl.options.require_target):
        return None
    for src in sources:
        for tgt in targets or [None]:
            if tgt is not None and tgt.code == src.code:
                continue
            triples.append((src, tgt, pattern.code))
            if tgt is not None and pattern.reverse_code:
                triples.append((tgt, src, pattern.reverse_code))
    return triples, src_words


#: CAMEO codes (prefixes) whose events coordinated subjects do to each other ("X and Y
#: met", "... agreed to talks", "... signed an accord", "... fought"): express intent to
#: meet or negotiate, consult, diplomatic cooperation, fight.
RECIPROCAL_CODES = ("036", "04", "05", "19")


def _reciprocal(pattern: VerbPattern, sources: list[Actor], src_words: list[Word]) -> bool:
    """Whether coordinated named subjects of a targetless event are each other's targets."""
    return (len(sources) > 1 and len(src_words) == 1
            and pattern.code.startswith(RECIPROCAL_CODES)
            and all(a.kind not in ("anaphor", "speaker", "event") for a in sources))


def code_sentence(
    sentence: Sentence,
    res: LanguageResources,
    *,
    doc_id: str = "",
    date: dt.date | None = None,
    context: DocumentContext | None = None,
    options: CodingOptions | None = None,
) -> list[Event]:
    """Code one parsed sentence into events.

    Parameters
    ----------
    sentence : Sentence
        A dependency-parsed sentence (from :func:`eventcoder.read_conllu`).
    res : LanguageResources
        Dictionaries and rules (:func:`eventcoder.load_language`).
    doc_id : str
        Document id written into the events.
    date : datetime.date, optional
        Publication date; selects office holders valid on that day.
    context : DocumentContext, optional
        Actors named in earlier sentences (for pronouns and "das Land");
        updated in place.
    options : CodingOptions, optional
        Other coding conventions (PETRARCH's); eventcoder's own by default.

    Returns
    -------
    list of Event
        Codes that are not in the CAMEO table (a dictionary's own codes) are
        kept as written, with QuadClass 0 and a NaN Goldstein weight
        (:func:`eventcoder.cameo.describe_code`).

    Raises
    ------
    eventcoder.conllu.ConlluError
        If the words do not form one tree (a head cycle, a head outside the
        sentence), which only sentences built in code can have.

    Examples
    --------
    >>> from eventcoder import read_conllu, load_language
    >>> text = (
    ...     "1\\tRussia\\tRussia\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\tcondemned\\tcondemn\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tUkraine\\tUkraine\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> sent = read_conllu(text)[0].sentences[0]
    >>> [(e.source, e.target, e.event_code) for e in code_sentence(sent, load_language("en"))]
    [('RUS', 'UKR', '111')]
    """
    sentence.check_tree()  # a sentence built in code may hold a cycle the coder would walk
    ctx = context if context is not None else DocumentContext()
    actors = SentenceActors(sentence, res, date=date, aliases=ctx.aliases)
    keys = [form for form, _ in actors.keys]
    cl = _Clause(sentence, res, actors, ctx, keys, options or _DEFAULT_OPTIONS)
    events: list[Event] = []
    text = sentence.surface()
    date_str = date.isoformat() if date else ""
    for verb in sentence.words:
        if verb.upos not in _VERBAL and verb.upos != "NOUN":
            continue
        if verb.upos == "NOUN" and (verb.rel not in ("root", "conj", "parataxis", "ccomp", "xcomp")
                                    or any(c.rel == "case" for c in cl.kids(verb))):
            continue  # a nominal predicate, but not a prepositional one ("was in an accord")
        found = _match_pattern(cl, verb)
        if found is None:
            continue
        pattern, noun, prt_obl = found
        coded = _pairs(cl, verb, pattern, noun, prt_obl)
        if coded is None:
            continue
        triples, src_words = coded
        mode = _mode(cl, verb, noun)
        if mode == "asserted" and any(
                cl.keys[c.id - 1] in res.rules.negation_words and c.rel in ("det", "cc", "advmod")
                for sw in src_words for c in cl.kids(sw)):
            mode = "negated"  # "neither the US nor ...", "kein Land"
        when = resolve_event_date(sentence, verb.id, date, res.language)
        trigger_ids = [verb.id] + ([noun.id] if noun is not None else [])
        trigger_ids += [c.id for c in cl.kids(verb) if c.deprel == "compound:prt"]
        trigger = " ".join(sentence.words[i - 1].form for i in sorted(trigger_ids))
        seen: set[tuple[str, str, str]] = set()
        for src, tgt, event_code in triples:
            key = (src.code, tgt.code if tgt else "", event_code)
            if key in seen:
                continue
            seen.add(key)
            code = describe_code(event_code)
            events.append(Event(
                doc_id=doc_id, sentence_id=sentence.id, date=date_str,
                source=src.code, source_text=src.text,
                target=tgt.code if tgt else "", target_text=tgt.text if tgt else "",
                event_code=code.code, event_name=code.name, root_code=code.root_code,
                quad_class=code.quad_class, goldstein=code.goldstein,
                trigger=trigger, sentence=text, language=res.language, mode=mode,
                event_date=when.date, date_precision=when.precision,
                date_phrase=when.phrase, plover_event=plover_event(code.code),
                source_span=_span(src.span), target_span=_span(tgt.span) if tgt else "",
                trigger_span=_span(trigger_ids), pattern=pattern.id,
            ))
    material = [e for e in events if e.quad_class in (2, 4) and e.mode == "asserted"]
    if material:
        ctx.last_material = _dedupe([Actor(e.source, e.source_text, (), "event") for e in material])
    _remember(cl)
    return events


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    return [a for a in actors if not (a.code in seen or seen.add(a.code))]


def _remember(cl: _Clause) -> None:
    """Update the document context with this sentence's actors and speaker."""
    ctx = cl.ctx
    for start, entry, match in cl.actors.mentions():
        ctx.history.append(Actor(entry.code, cl.word(start).form, (start,), entry.kind))
        if entry.kind == "person" and match.end > match.start:
            # The family name may come last ("Kirby" of "John Kirby") or first ("Kim" of
            # "Kim Jong Un"): both stand for the person later in the document; the last
            # token wins where two people share a token.
            first, last = cl.keys[match.start - 1], cl.keys[match.end - 1]
            if len(first) > 1 and (first,) not in cl.res.actors:
                ctx.aliases.setdefault((first,), list(match.entries))
            ctx.aliases[(last,)] = list(match.entries)
    del ctx.history[:-200]
    speaker = _speaker(cl, None)
    if speaker:
        ctx.speakers = speaker


def code_document(document: Document, res: LanguageResources, *,
                  date: str | dt.date | None = None,
                  options: CodingOptions | None = None) -> list[Event]:
    """Code every sentence of a document, carrying actors across sentences.

    The document's own ``date`` metadata wins over ``date``; ``options`` as in
    :func:`code_sentence`.
    """
    doc_date = parse_date(document.metadata.get("date") or date, where=f"document {document.id!r}")
    ctx = DocumentContext()
    speaker = document.metadata.get("speaker", "").strip()
    if speaker:
        ctx.document_speakers = _document_speaker(speaker, res, doc_date, document.id)
    events: list[Event] = []
    for sentence in document.sentences:
        events.extend(code_sentence(sentence, res, doc_id=document.id, date=doc_date, context=ctx,
                                    options=options))
    return events


def _document_speaker(value: str, res: LanguageResources, date: dt.date | None,
                      doc_id: str) -> list[Actor]:
    """The speaker of a speech or statement: an actor code ("UKRGOV") or a name the
    actor dictionary knows ("Volodymyr Zelensky")."""
    if re.fullmatch(r"[A-Z0-9]{3,}", value):
        return [Actor(value, value, (), "speaker")]
    entries = res.actors.get(tuple(normalize(value).split()))
    entry = choose_entry(entries, date) if entries else None
    if entry is None:
        logger.warning("document %r: speaker %r is neither an actor code nor in the %s actor "
                       "dictionary; first-person pronouns keep the usual rules", doc_id, value,
                       res.language)
        return []
    return [Actor(entry.code, value, (), "speaker")]


def code_documents(documents: Iterable[Document], res: LanguageResources, *,
                   date: str | dt.date | None = None) -> list[Event]:
    """Code several documents; see :func:`code_document`."""
    out: list[Event] = []
    for doc in documents:
        out.extend(code_document(doc, res, date=date))
    return out
