"""CAMEO statement frames: what an actor says about an action is coded as its own event.

"Russia threatened to cut off gas supplies to Moldova" is a threat by Russia against
Moldova (13x), not a (future) reduction of aid; "the EU demanded that Russia withdraw" is
a demand on Russia (10x); "France urged Iran to resume talks" an appeal to Iran (02x);
"Hungary refused to send weapons to Ukraine" a rejection (12x); "Germany offered to
mediate" an expression of intent (03x). The frame verb (per language,
``resources/<lang>/frames.yaml``) gives the code family, the embedded action's code picks
the sub-code and CAMEO's rule says where the target is (``resources/common/frames.yaml``).

The embedded action is not emitted as an event of its own: its code and target are kept
in the frame event (``embedded_code``, ``embedded_target``). A frame verb that codes an
event itself ("warned North Korea, not to ...") keeps that event, with its unspecified
code refined by the embedded action.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..actors import Actor
from ..conllu import Word
from ..dictionaries import VerbPattern, normalize
from .arguments import _source_words
from .clause import _Clause
from .modes import _mode
from .reference import _resolve
from .targets import _own_country
from .tree import _case_of, _is_passive

__all__ = ["Coded", "apply_frames"]

#: relations through which a frame verb governs the action it talks about
_FRAME_RELS = ("xcomp", "ccomp")


@dataclass
class Coded:
    """One coded verb of a sentence, before it becomes events."""

    verb: Word
    pattern: VerbPattern
    noun: Word | None
    triples: list[tuple[Actor, Actor | None, str]]
    src_words: list[Word]
    mode: str
    trigger_ids: list[int] = field(default_factory=list)
    embedded_code: str = ""
    embedded_target: str = ""
    frame: str = ""
    method: str = "tree"


def _frame_keys(cl: _Clause, word: Word) -> list[str]:
    """The lemma of a possible frame verb, and with its particle or preposition ("call on")."""
    lemma = normalize(word.lemma)
    keys = [lemma, normalize(word.form)]
    for child in cl.kids(word):
        if child.deprel == "compound:prt":
            keys.append(f"{lemma} {normalize(child.form)}")
            keys.append(normalize(child.form) + lemma)  # German "auf" + "fordern"
        elif child.rel == "obl":
            keys.extend(f"{lemma} {case}" for case in _case_of(cl, child))
    return keys


def _governor(cl: _Clause, verb: Word) -> tuple[Word, str] | None:
    """The frame verb that governs ``verb`` (through infinitives and content clauses)."""
    w, depth = verb, 0
    while w.head and w.rel in _FRAME_RELS and depth < 3:
        gov = cl.word(w.head)
        for key in _frame_keys(cl, gov):
            frame = cl.res.frames.get(key)
            if frame is not None:
                return gov, frame
        w, depth = gov, depth + 1
    return None


def _code(rule: dict, embedded: str, frame: str) -> str | None:
    codes = rule["codes"]
    for key in (embedded[:4], embedded[:3], embedded[:2]):
        if key in codes:
            return codes[key]
    return None if frame == "intent" else rule["default"]


def _subjects(cl: _Clause, gov: Word) -> list[Actor]:
    words = _source_words(cl, gov, cl.res.rules.source_relations, _is_passive(cl, gov))
    return [a for w in words for a in _resolve(cl, w, verb=gov)]


def _objects(cl: _Clause, gov: Word, exclude: set[str]) -> list[Actor]:
    return [a for c in cl.kids(gov) if c.deprel in ("obj", "iobj")
            for a in _resolve(cl, c, exclude=exclude, verb=gov)]


def apply_frames(cl: _Clause, coded: list[Coded]) -> list[Coded]:
    """Turn coded actions governed by a frame verb into the statement events CAMEO codes.

    Returns the coded verbs to emit: frame events in place of the actions they embed.
    """
    if not cl.res.frames:
        return coded
    by_verb = {c.verb.id: c for c in coded}
    out: list[Coded] = []
    dropped: set[int] = set()
    for item in coded:
        found = _governor(cl, item.verb)
        if found is None or not item.triples:
            out.append(item)
            continue
        gov, frame = found
        rule = cl.res.frame_rules[frame]
        first_code = item.triples[0][2]
        first_target = next((t.code for _, t, _ in item.triples if t is not None), "")
        own = by_verb.get(gov.id)
        if own is not None:  # the frame verb codes an event of its own: keep that one
            own.embedded_code = own.embedded_code or first_code
            own.embedded_target = own.embedded_target or first_target
            refined = _code(rule, first_code, frame)
            if refined and all(code == rule["default"] for _, _, code in own.triples):
                own.triples = [(s, t, refined) for s, t, _ in own.triples]
            dropped.add(item.verb.id)
            continue
        subjects = _subjects(cl, gov)
        embedded_sources = {s.code for s, _, _ in item.triples}
        code = _code(rule, first_code, frame)
        if code is None:
            out.append(item)
            continue
        if rule["target"] == "embedded_source":
            # an appeal or demand: someone else is to act, and is the target
            if not subjects or embedded_sources <= {a.code for a in subjects}:
                out.append(item)
                continue
            sources = subjects
            targets = [s for s, _, _ in item.triples]
        else:
            # a threat, refusal or intent: the speaker's own action; its target is the target
            if subjects and not embedded_sources & {a.code for a in subjects}:
                out.append(item)  # "X warned that Y would attack": not X's threat
                continue
            sources = subjects or [s for s, _, _ in item.triples]
            targets = [t for _, t, _ in item.triples if t is not None]
            if not targets:
                targets = _objects(cl, gov, {a.code for a in sources})
        seen: set[str] = set()
        targets = [t for t in targets if not (t.code in seen or seen.add(t.code))]
        triples = [(s, t, code) for s in sources for t in (targets or [None])
                   if t is None or not (t.code == s.code or _own_country(cl, s, t, code))]
        if not triples:
            out.append(item)
            continue
        out.append(Coded(
            verb=gov, pattern=item.pattern, noun=None, triples=triples, src_words=item.src_words,
            mode=_mode(cl, gov, None), trigger_ids=sorted({gov.id, *item.trigger_ids}),
            embedded_code=first_code, embedded_target=first_target, frame=frame))
    out = [c for c in out if c.verb.id not in dropped or c.frame]
    return out + _uncoded_frames(cl, out)


def _embedded_actors(cl: _Clause, clause: Word, exclude: set[str]) -> list[Actor]:
    """Named actors an uncoded embedded action is done to: its objects and obliques, and
    what hangs on them ("to cut off gas supplies *to Moldova*")."""
    out: list[Actor] = []
    for arg in cl.kids(clause):
        if arg.rel not in ("obj", "iobj", "obl"):
            continue
        out += _resolve(cl, arg, exclude=exclude, verb=clause)
        for sub in cl.kids(arg):
            if sub.rel == "nmod":
                out += _resolve(cl, sub, exclude=exclude, verb=clause)
    return out


def _uncoded_frames(cl: _Clause, coded: list[Coded]) -> list[Coded]:
    """Threats and refusals whose action the dictionary does not code: the frame's own
    code ("threatened to cut off gas supplies to Moldova" -> 130 against Moldova); a
    frame verb coded without a target gets the embedded clause's ("threatened to block
    Sweden's bid" -> against Sweden).

    Only frames whose target is the embedded action's target and whose code does not
    depend on the action (threat, refusal; not intent, whose code is the action's), with a
    named source and a named target in the embedded clause.
    """
    targetless = {c.verb.id: c for c in coded
                  if c.triples and all(t is None for _, t, _ in c.triples) and not c.frame}
    taken = {c.verb.id for c in coded} | {i for c in coded for i in c.trigger_ids}
    out: list[Coded] = []
    for gov in cl.sentence.words:
        if (gov.id in taken and gov.id not in targetless) or gov.upos != "VERB":
            continue
        frame = next((cl.res.frames[k] for k in _frame_keys(cl, gov) if k in cl.res.frames), None)
        rule = cl.res.frame_rules.get(frame) if frame else None
        if rule is None or frame == "intent" or rule["target"] != "embedded_target":
            continue
        clause = next((c for c in cl.kids(gov) if c.rel in _FRAME_RELS and c.upos == "VERB"), None)
        sources = _subjects(cl, gov) if clause is not None else []
        if not sources:
            continue
        own = {a.code for a in sources}
        targets = [t for t in _embedded_actors(cl, clause, own)
                   if not any(_own_country(cl, s, t, rule["default"]) for s in sources)]
        seen: set[str] = set()
        targets = [t for t in targets if not (t.code in seen or seen.add(t.code))]
        if not targets:
            continue
        own_item = targetless.get(gov.id)
        if own_item is not None:  # "threatened to block Sweden's bid": the threat's target
            own_item.triples = [(s, t, code) for s, _, code in own_item.triples for t in targets
                                if s.code != t.code]
            own_item.embedded_target = targets[0].code
            continue
        pattern = VerbPattern(lemma=normalize(gov.lemma), code=rule["default"],
                              id=f"frames.yaml#{frame}")
        out.append(Coded(
            verb=gov, pattern=pattern, noun=None,
            triples=[(s, t, rule["default"]) for s in sources for t in targets if s.code != t.code],
            src_words=[], mode=_mode(cl, gov, None), trigger_ids=[gov.id, clause.id],
            frame=frame))
    return [c for c in out if c.triples]
