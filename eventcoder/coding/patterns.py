"""Which verb pattern of the dictionary a verb matches: the verb's dictionary keys
(lemmas, separable particles, participles, inflection endings), the pattern's nouns
and noun phrases, particles and source prepositions."""

from __future__ import annotations

import functools

from ..conllu import Word
from ..dictionaries import VerbPattern, normalize
from .clause import _VERBAL, _Clause, _simple_lemma
from .tree import _INSIDE_RELS, _case_of, _complement_of, _complements, _coordinated, _has_prep, _subject


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
        if any(k.endswith(noun) and len(noun) >= n for k in keys for noun in nouns
               if " " not in noun):
            return True
        # a compound whose head holds the noun: "Sanktionspaket" is a package of "Sanktion"
        for k in keys:
            for container in cl.res.rules.container_nouns:
                held = k[:-len(container)] if k.endswith(container) else ""
                if len(held) > n and any(held in (noun, noun + "s") for noun in nouns):
                    return True
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
    for child in cl.kids(verb):  # "imposed a new package of sanctions": what the noun holds
        if child.deprel in _NOUN_RELS and cl.keys[child.id - 1] in cl.res.rules.container_nouns:
            for held in cl.kids(child):
                if held.rel == "nmod" and _noun_matches(cl, held, nouns) and (
                        not _case_of(cl, held)
                        or _case_of(cl, held) & cl.res.rules.container_preps):
                    return held
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
