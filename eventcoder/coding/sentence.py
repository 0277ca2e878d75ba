"""Coding one sentence: for each verb that matches a pattern, its (source, target,
code) triples and mode become events; the sentence's actors are remembered for the
rest of the document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..actors import Actor, SentenceActors
from ..cameo import describe_code
from ..conllu import Sentence, Word
from ..dictionaries import LanguageResources, VerbPattern, normalize
from ..events import Event
from ..plover import plover_event
from ..temporal import resolve_event_date
from .arguments import _source_words, _target_words
from .clause import _DEFAULT_OPTIONS, _VERBAL, CodingOptions, DocumentContext, _Clause, _dedupe
from .frames import Coded, apply_frames
from .modes import _mode
from .nominal import nominal_coded
from .patterns import _match_pattern, _source_obliques
from .reference import _resolve, _speaker
from .shallow import shallow_coded
from .targets import (
    _fallback_targets,
    _inside,
    _is_speech_verb,
    _needs_target,
    _new_actor,
    _own_country,
    _resolve_or_inside,
)
from .tree import _NOT_INSIDE, _case_of, _coordinated, _is_passive


def _span(ids: Iterable[int]) -> str:
    ids = sorted(set(ids))
    if not ids:
        return ""
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


def _happening(cl: _Clause, w: Word) -> bool:
    """Whether ``w`` names an accident or a natural event (``happening_nouns`` of
    lang.yaml, or a German compound ending in one): such a subject is no actor, and a
    country in its phrase is where it happened, not who acted."""
    nouns = cl.res.rules.happening_nouns
    if not nouns or w.upos not in ("NOUN", "PROPN"):
        return False
    keys = {normalize(w.lemma), cl.keys[w.id - 1]}
    if keys & nouns:
        return True
    return cl.res.rules.compound_suffix_match and any(
        k.endswith(n) and len(n) >= cl.res.rules.compound_min_suffix for k in keys for n in nouns)


def _event_triples(cl: _Clause, verb: Word, pattern: VerbPattern, noun: Word | None,
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
    if any(_happening(cl, w) for w in src_words):
        return None  # "A plane crash in Pokhara, Nepal, kills ...": no actor did it
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
    if not targets and pattern.one_sided is not True:  # a one-sided verb searches no further
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
    elif not targets and _needs_target(cl, pattern):
        return None  # the code needs a target (resources/common/targets.yaml, the verb's one_sided)
    for src in sources:
        for tgt in targets or [None]:
            if tgt is not None and tgt.code == src.code:
                continue
            if _own_country(cl, src, tgt, pattern.code):
                continue  # "UKRGOV" -> "Ukraine": a country as a whole is no target of its own side
            triples.append((src, tgt, pattern.code))
            if tgt is not None and pattern.reverse_code:
                triples.append((tgt, src, pattern.reverse_code))
    return triples, src_words


#: CAMEO codes (prefixes) whose events coordinated subjects do to each other ("X and Y
#: met", "... agreed to talks", "... signed an accord", "... agreed to a ceasefire",
#: "... fought"): express intent to meet or negotiate, consult, diplomatic cooperation,
#: declare a ceasefire, fight.
RECIPROCAL_CODES = ("036", "04", "05", "0871", "19")


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
    coded: list[Coded] = []
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
        triples_found = _event_triples(cl, verb, pattern, noun, prt_obl)
        if triples_found is None:
            continue
        triples, src_words = triples_found
        mode = _mode(cl, verb, noun)
        if mode == "asserted" and any(
                cl.keys[c.id - 1] in res.rules.negation_words and c.rel in ("det", "cc", "advmod")
                for sw in src_words for c in cl.kids(sw)):
            mode = "negated"  # "neither the US nor ...", "kein Land"
        trigger_ids = [verb.id] + ([noun.id] if noun is not None else [])
        trigger_ids += [c.id for c in cl.kids(verb) if c.deprel == "compound:prt"]
        coded.append(Coded(verb, pattern, noun, triples, src_words, mode, trigger_ids))
    events: list[Event] = []
    text = sentence.surface()
    date_str = date.isoformat() if date else ""
    items = apply_frames(cl, coded)
    if cl.options.shallow:
        items += shallow_coded(cl, coded)
    if cl.options.nominal:
        items += nominal_coded(cl, coded)
    for item in items:
        verb, pattern = item.verb, item.pattern
        when = resolve_event_date(sentence, verb.id, date, res.language)
        trigger = " ".join(sentence.words[i - 1].form for i in sorted(set(item.trigger_ids)))
        pattern_id = pattern.id + (f" ({item.frame} frame)" if item.frame else "")
        seen: set[tuple[str, str, str]] = set()
        for src, tgt, event_code in item.triples:
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
                trigger=trigger, sentence=text, language=res.language, mode=item.mode,
                event_date=when.date, date_precision=when.precision,
                date_phrase=when.phrase, plover_event=plover_event(code.code),
                source_span=_span(src.span), target_span=_span(tgt.span) if tgt else "",
                trigger_span=_span(item.trigger_ids), pattern=pattern_id,
                embedded_code=item.embedded_code, embedded_target=item.embedded_target,
                method=item.method,
            ))
    material = [e for e in events if e.quad_class in (2, 4) and e.mode == "asserted"]
    if material:
        ctx.last_material = _dedupe([Actor(e.source, e.source_text, (), "event") for e in material])
    _remember(cl)
    return events


def _remember(cl: _Clause) -> None:
    """Update the document context with this sentence's actors and speaker."""
    ctx = cl.ctx
    for start, entry, match in cl.actors.mentions():
        ctx.history.append(Actor(entry.code, cl.word(start).form, (start,), entry.kind))
        ctx.history_sentence.append(ctx.sentences_seen)
        if entry.kind == "person" and match.end > match.start:
            # The family name may come last ("Kirby" of "John Kirby") or first ("Kim" of
            # "Kim Jong Un"): both stand for the person later in the document; the last
            # token wins where two people share a token.
            first, last = cl.keys[match.start - 1], cl.keys[match.end - 1]
            if len(first) > 1 and (first,) not in cl.res.actors:
                ctx.aliases.setdefault((first,), list(match.entries))
            ctx.aliases[(last,)] = list(match.entries)
    del ctx.history[:-200]
    del ctx.history_sentence[:-200]
    ctx.sentences_seen += 1
    speaker = _speaker(cl, None)
    if speaker:
        ctx.speakers = speaker
