"""Words to actors: names, relative and personal pronouns, "das Land", event nouns,
and the speaker of reported speech."""

from __future__ import annotations

from ..actors import Actor
from ..conllu import Word
from ..dictionaries import normalize
from .clause import _VERBAL, _Clause, _simple_lemma
from .patterns import _noun_matches, _verb_keys
from .tree import _coordinated


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
        if key in rules.subject_only_pronouns and w.deprel not in (
                *rules.source_relations, *rules.passive_subject_relations):
            return []  # "I support it": an object "it" is a thing far more often than a country
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
    """Most recent earlier actor(s): for "er"/"das Land"; two for "die beiden Länder".

    A pronoun looks back at most ``antecedent_window`` sentences (lang.yaml); a noun
    such as "das Land" looks back through the whole document."""
    ctx, window = cl.ctx, cl.res.rules.antecedent_window
    recent = [a for a, n in zip(ctx.history, ctx.history_sentence, strict=False)
              if countries or not window or ctx.sentences_seen - n <= window]
    candidates = [a for a in reversed(recent) if a.code not in exclude]
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
