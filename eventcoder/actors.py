"""Find actors in a parsed sentence and turn noun phrases into CAMEO actor codes.

Actors are matched as token spans (forms and lemmas, longest match first), not as
single heads or PROPN tags, so a mis-tagged "Vereinigten" or a name split over
several tokens still matches. A noun phrase's code is composed from what its
words say, nearest to the head first:

- a person, institution, organisation or country that the phrase's head names
  ("John Kirby" -> USAGOV, "Pentagon" -> USAMIL, "Nordkorea" -> PRK);
- a role noun (agent) and the country or organisation that modifies it
  ("das südkoreanische Militär" -> KORMIL, "US-Beamte" -> USAGOV,
  "Sprecher des Weißen Hauses" -> USAGOV); a role alone gives "---" + role;
- for other heads, a genitive modifier ("Vorschlag des UN-Sicherheitsrates" -> IGOUNO).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .cameo import ORG_PREFIXES, actor_country, split_actor
from .conllu import Sentence, Word
from .dictionaries import ActorEntry, LanguageResources, normalize

__all__ = ["Actor", "ActorMatch", "SentenceActors", "compose_code"]

# Relations that stay inside a noun phrase, with the "distance" they add.
_CLOSE = {"flat": 1, "compound": 1, "appos": 1, "amod": 1, "nmod:poss": 2, "det": 1,
          "nummod": 3, "nmod": 2, "conj": 0}
_HEAD_GROUP = {"flat", "compound", "appos"}
_ROLE_LESS = {"", "*"}
_NAMED_KINDS = ("person", "institution", "igo", "group")


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention: its code, the words it came from, and where."""

    code: str
    text: str
    span: tuple[int, ...]
    kind: str = "actor"


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """A dictionary phrase found in a sentence: words ``start..end`` (1-based, inclusive)."""

    start: int
    end: int
    entries: tuple[ActorEntry, ...]
    part: int = -1  # >= 0: the match is only one hyphen-separated part of word ``start``


def compose_code(owner: str, role: str) -> str:
    """Combine an owner code (country, organisation, or a full actor) with a role.

    eventcoder's roles ("MIL") replace the owner's role. Roles in PETRARCH's
    notation compose as PETRARCH does: ``~ROLE`` is appended to the owner's
    full code (unless it is in it already), ``ROLE~`` goes in front of it.

    Examples
    --------
    >>> compose_code("KOR", "MIL"), compose_code("USAGOV", "*"), compose_code("IGOUNO", "GOV")
    ('KORMIL', 'USAGOV', 'IGOUNO')
    >>> compose_code("GMWGOV", "~WGO"), compose_code("USAGOV", "~GOV"), compose_code("ARN", "NGO~")
    ('GMWGOVWGO', 'USAGOV', 'NGOARN')
    """
    if role.endswith("~"):
        return role[:-1] + owner  # an agent put before its owner: "MSF" [NGO~] + ARN
    if role.startswith("~"):
        suffix = role[1:]  # appended unless a segment of the code is that role already
        segments = {owner[i:i + len(suffix)] for i in range(0, len(owner), 3)}
        return owner if suffix in segments else owner + suffix
    # an organisation's code is kept whole ("IGONATMIL" + GOV stays IGONATMIL)
    base, own_role = (owner, "") if owner.startswith(ORG_PREFIXES) else split_actor(owner)
    if role in _ROLE_LESS:
        return owner if own_role or base.startswith(("IGO", "NGO")) else base + "GOV"
    if base.startswith(ORG_PREFIXES):
        return base if role == "GOV" else base + role
    return base + role


def choose_entry(entries: tuple[ActorEntry, ...], date: dt.date | None) -> ActorEntry | None:
    """Pick the entry valid on ``date``; a person's undated row is the fallback."""
    if date is None:
        undated = [e for e in entries if not (e.start or e.end)]
        open_ended = [e for e in entries if e.start and not e.end]
        return (undated or open_ended or list(entries) or [None])[-1 if not undated else 0]
    dated = [e for e in entries if (e.start or e.end) and e.valid_on(date)]
    if dated:
        return dated[-1]
    undated = [e for e in entries if not (e.start or e.end)]
    if undated:
        return undated[0]
    if date is not None and entries:
        # Every row is dated and none covers the date: a former office holder.
        return ActorEntry(actor_country(entries[0].code) + "ELI", entries[0].kind)
    return entries[-1] if entries else None


def _without_clitic(form: str, lemma: str, clitics: tuple[str, ...]) -> tuple[str, str]:
    """The (form, lemma) key of a word without a possessive clitic the tokenizer left on."""
    for clitic in clitics:
        if form.endswith(clitic) and len(form) > len(clitic) + 1:
            base = form[: -len(clitic)]
            return base, base if lemma in (form, "_", "") or lemma.endswith(clitic) else lemma
    return form, lemma


@dataclass
class SentenceActors:
    """Dictionary matches of one sentence, and the noun-phrase -> actor resolution."""

    sentence: Sentence
    res: LanguageResources
    date: dt.date | None = None
    aliases: dict[tuple[str, ...], list[ActorEntry]] | None = None
    matches: dict[int, list[ActorMatch]] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    _keys: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        words, res = self.sentence.words, self.res
        self._keys = [(normalize(w.form), normalize(w.lemma)) for w in words]
        clitics = res.rules.possessive_clitics
        if clitics:  # "India's" left as one token: the name is "India"
            self._keys = [_without_clitic(form, lemma, clitics) for form, lemma in self._keys]
        self._find_matches()
        agents, agent_role, hyphen = res.agents, res.agent_role, res.rules.hyphen_split
        for w, (form, lemma) in zip(words, self._keys):
            role = agents.get(form) or agents.get(lemma)
            if role is None and w.upos in ("NOUN", "PROPN", "X"):
                role = agent_role(form) or agent_role(lemma)
            if role is None and hyphen and "-" in form:
                role = agent_role(form.rsplit("-", 1)[1])
            if role is not None:
                self.roles[w.id] = role
        self._find_agent_phrases()

    @property
    def keys(self) -> list[tuple[str, str]]:
        """Normalised (form, lemma) of each word, in sentence order."""
        return self._keys

    def _find_agent_phrases(self) -> None:
        """Role nouns of several words ("main opposition group", "Ministry of Silly
        Walks"): the phrase's role goes to its syntactic head."""
        agents, last, keys, words = self.res.agents, self.res.agent_last, self._keys, \
            self.sentence.words
        if not last:
            return
        i = len(keys) - 1
        while i > 0:
            longest = max(last.get(keys[i][0], 0), last.get(keys[i][1], 0))
            for n in range(min(longest, i + 1), 1, -1):
                start = i - n + 1
                first = " ".join(k[0] for k in keys[start:i])
                role = agents.get(first + " " + keys[i][0]) or agents.get(first + " " + keys[i][1])
                if role is None:
                    continue
                span = range(start + 1, i + 2)
                heads = [w for w in span if not words[w - 1].head or words[w - 1].head not in span]
                self.roles[heads[0] if len(heads) == 1 else span[-1]] = role
                i = start
                break
            i -= 1

    def _find_matches(self) -> None:
        """Longest dictionary phrase at each word (by form, else by lemma), left to right."""
        actors, keys, n = self.res.actors, self._keys, len(self._keys)
        first, aliases, hyphen = self.res.actor_first, self.aliases, self.res.rules.hyphen_split
        matches = self.matches
        i = 0
        while i < n:
            form, lemma = keys[i]
            found = None
            longest = first.get(form, 0)
            by_lemma = first.get(lemma, 0)
            if by_lemma > longest:
                longest = by_lemma
            if longest > n - i:
                longest = n - i
            for length in range(longest, 0, -1):
                span = keys[i:i + length]
                entries = actors.get(tuple(k[0] for k in span)) or actors.get(tuple(k[1] for k in span))
                if entries:
                    found = ActorMatch(i + 1, i + length, tuple(entries))
                    break
            if found is None and aliases:
                for variant in ((form,), (lemma,), (form[:-1],) if form.endswith("s") else ()):
                    entries = aliases.get(variant) if variant else None
                    if entries:
                        found = ActorMatch(i + 1, i + 1, tuple(entries))
                        break
            if found is None and hyphen and "-" in form:
                parts = form.split("-")
                for p, part in enumerate(parts):
                    entries = actors.get((part,))
                    if entries and p < len(parts) - 1:
                        matches.setdefault(i + 1, []).append(
                            ActorMatch(i + 1, i + 1, tuple(entries), part=p))
                        break
            if found is not None:
                for wid in range(found.start, found.end + 1):
                    matches.setdefault(wid, []).append(found)
                i = found.end
            else:
                i += 1

    # -- phrase resolution -------------------------------------------------
    def _phrase(self, head: Word) -> dict[int, tuple[int, str]]:
        """Word id -> (distance from head, first relation) for the noun phrase of ``head``."""
        sent = self.sentence
        rules = self.res.rules
        out = {head.id: (0, "")}
        stack = [(head, 0, "")]
        while stack:
            word, dist, first = stack.pop()
            for child in sent.children(word.id):
                rel = child.deprel
                base = child.rel
                if rel in _CLOSE:
                    step = _CLOSE[rel]
                elif base in _CLOSE:
                    step = _CLOSE[base]
                elif base == "case" and child.id in self.matches:
                    step = 1  # a name the parser took for a preposition ("Arnor former officials")
                else:
                    continue
                if base == "conj" and word.id == head.id:
                    continue  # coordinated heads are separate actors
                if base == "nmod" and not self._nmod_allowed(child, rules.actor_nmod_preps):
                    continue
                if base == "nmod" and self._keys[word.id - 1][1] in rules.non_owner_nouns:
                    continue  # "supporters of Bolsonaro" are not Bolsonaro
                out[child.id] = (dist + step, first or base)
                stack.append((child, dist + step, first or base))
        return out

    def _related_people(self, head: Word, phrase: dict[int, tuple[int, str]]) -> bool:
        """Whether the phrase is about people related to the named one, misparsed with the
        name as head ("Supporters/compound of ... Bolsonaro/nsubj"): a non-owner noun
        before the head with a preposition between."""
        words, nouns = self.sentence.words, self.res.rules.non_owner_nouns
        if not nouns:
            return False
        for wid in phrase:
            form, lemma = self._keys[wid - 1]
            if wid < head.id and (form in nouns or lemma in nouns):
                if any(words[i - 1].upos == "ADP" for i in range(wid + 1, head.id)):
                    return True
        return False

    def _nmod_allowed(self, nmod: Word, preps: frozenset[str]) -> bool:
        if nmod.deprel == "nmod:poss":
            return True  # possessor: "Russia's foreign minister"
        cases = [c for c in self.sentence.children(nmod.id) if c.rel == "case"
                 and c.id not in self.matches]
        if not cases:
            return True  # genitive
        return any(normalize(c.lemma) in preps or normalize(c.form) in preps for c in cases)

    def _entry_code(self, match: ActorMatch) -> ActorEntry | None:
        return choose_entry(match.entries, self.date)

    def _text(self, ids: list[int]) -> str:
        return " ".join(self.sentence.words[i - 1].form for i in sorted(set(ids)))

    def _full(self, head: Word, phrase: dict[int, tuple[int, str]]
              ) -> list[tuple[int, str, ActorMatch, ActorEntry]]:
        """Full-code matches in the phrase of ``head``, nearest first."""
        full: list[tuple[int, str, ActorMatch, ActorEntry]] = []
        seen: set[int] = set()
        for wid, (dist, first) in sorted(phrase.items(), key=lambda kv: kv[1][0]):
            for m in self.matches.get(wid, ()):
                if id(m) in seen:
                    continue
                covers_head = m.start <= head.id <= m.end and m.part < 0
                if not covers_head and not all(i in phrase for i in range(m.start, m.end + 1)):
                    continue  # a span through the head counts even if the parse split it
                entry = self._entry_code(m)
                if entry is None:
                    continue
                seen.add(id(m))
                d = min(phrase.get(i, (9, ""))[0] for i in range(m.start, m.end + 1))
                if m.end in phrase and m.end != head.id:
                    first = phrase[m.end][1]  # "The KU team": the name's own word, not "The"
                if m.part >= 0:
                    d = max(d, 1)  # a hyphen prefix modifies its word
                    first = first or "compound"
                full.append((d, first, m, entry))
        full.sort(key=lambda t: t[0])
        return full

    def resolve(self, head: Word, shared: Word | None = None) -> list[Actor]:
        """Resolve the noun phrase headed by ``head`` (one word) to actors.

        Returns a list: coordinated modifiers ("die nordkoreanische und russische
        Mission") give one actor each. Pronouns and anaphora are not handled here
        (see :mod:`eventcoder.coding`). ``shared``: the first conjunct of a
        coordination that ``head`` belongs to; a role noun without an owner of
        its own takes that conjunct's ("American *soldiers and diplomats*",
        "Danish media and government").
        """
        phrase = self._phrase(head)
        if self._related_people(head, phrase):
            return []
        full = self._full(head, phrase)
        head_full = [t for t in full if t[0] == 0 or (t[0] == 1 and t[1] in _HEAD_GROUP and
                                                       t[3].kind in _NAMED_KINDS)]
        role = self.roles.get(head.id)
        if role is None:
            # a role noun or adjective right by the head: "the official news agency"
            for wid, (dist, first) in phrase.items():
                if dist == 1 and wid in self.roles and (first in _HEAD_GROUP or first == "amod"
                                                        and self.sentence.words[wid - 1].upos
                                                        == "ADJ"):
                    role = self.roles[wid]
                    break
        petrarch = role is not None and (role.startswith("~") or role.endswith("~"))
        if head_full and head_full[0][2].part < 0:
            d, first, m, entry = head_full[0]
            code = entry.code
            extra: list[int] = []
            possessor = next((t for t in full if t[0] <= 2 and t[2].start != m.start
                              and self._possessive(t[2])), None)
            if role is not None and len(code) == 3 and possessor is not None \
                    and len(possessor[3].code) == 3 and possessor[3].code != code:
                # "Ithilen's minister Calimehtar", where the dictionary files the name under
                # another country with no office: the office the text states wins.
                d, first, m, entry = possessor
                code = entry.code
            elif entry.kind == "institution" and len(code) > 3:
                # "Congress", "Supreme Court" alone are the US ones in English news; with
                # another country named ("the Brazilian National Congress", "Brazil's
                # Senate") they are that country's (BRA + LEG).
                # A conjunct shares the first conjunct's owner ("the Brazilian Congress and
                # the Supreme Court").
                def country(matches):
                    return next((t for t in matches if 0 < t[0] <= 2 and t[2] is not m
                                 and t[3].kind in ("country", "adj") and len(t[3].code) == 3),
                                None)

                owner = country(full)
                if owner is None and shared is not None and shared.id != head.id:
                    owner = country(self._full(shared, self._phrase(shared)))
                if owner is not None and owner[3].code != code[:3]:
                    code = owner[3].code + code[3:]
                    if owner[2].start in phrase:  # the words the code came from
                        extra = list(range(owner[2].start, owner[2].end + 1))
            if petrarch:
                code = self._compose_all(code, phrase)
            elif role and role not in _ROLE_LESS and len(code) == 3:
                code = compose_code(code, role)
            ids = list(range(m.start, m.end + 1)) + extra
            return [Actor(code, self._text(ids), tuple(ids), entry.kind)]
        if role is not None:
            owners = [t for t in full if t[0] > 0 or t[2].part >= 0]
            if not owners and shared is not None and shared.id != head.id:
                owners = [t for t in self._full(shared, self._phrase(shared)) if t[0] > 0]
            if owners:
                best = owners[0][0]
                out = []
                for d, first, m, entry in owners:
                    if d != best:
                        break
                    ids = sorted({head.id, *range(m.start, m.end + 1)})
                    code = (self._compose_all(entry.code, phrase) if petrarch
                            else compose_code(entry.code, role))
                    out.append(Actor(code, self._text(ids), tuple(ids), "agent"))
                return _unique(out)
            if role in _ROLE_LESS:
                return []
            code = role[:-1] if role.endswith("~") else "---" + role.lstrip("~")
            return [Actor(code, head.form, (head.id,), "agent")]
        # Not an actor word: only a genitive/possessive owner names the actor.
        owners = [t for t in full if t[1] in ("nmod", "nmod:poss") and t[0] <= 2]
        if owners:
            d, first, m, entry = owners[0]
            ids = list(range(m.start, m.end + 1))
            return [Actor(entry.code, self._text(ids), tuple(ids), entry.kind)]
        return []

    def _possessive(self, match: ActorMatch) -> bool:
        """Whether the match is a possessor: "Ithilen's", "Russlands" (a genitive before)."""
        word = self.sentence.words[match.end - 1]
        return word.deprel == "nmod:poss" or (
            word.rel == "nmod" and word.feats.get("Case") == "Gen" and word.id < word.head)

    def _compose_all(self, code: str, phrase: dict[int, tuple[int, str]]) -> str:
        """PETRARCH's composition: every role noun of the phrase, in text order, the
        ones put in front first ("An MSF Arnor diplomat" -> NGO + ARN + GOV)."""
        roles = [self.roles[wid] for wid in sorted(phrase)
                 if wid in self.roles and phrase[wid][0] <= 2 and self.roles[wid] not in _ROLE_LESS]
        for role in sorted(roles, key=lambda r: not r.endswith("~")):
            code = compose_code(code, role)
        return code

    def mentions(self) -> list[tuple[int, ActorEntry, ActorMatch]]:
        """Every dictionary actor in the sentence, in order (for coreference history)."""
        out = []
        seen: set[int] = set()
        for wid in sorted(self.matches):
            for m in self.matches[wid]:
                if id(m) not in seen:
                    seen.add(id(m))
                    entry = self._entry_code(m)
                    if entry is not None:
                        out.append((m.start, entry, m))
        return out


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out
