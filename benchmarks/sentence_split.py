"""Sentence segmentation of news text: stanza's tokenizer plus eventcoder's repair rules, and SoMaJo.

The held-out treebank slices (German GSD test 1-400, English EWT test 1-500) have gold
sentence boundaries. Runs of ``--group`` consecutive sentences are joined into one
paragraph (spaces between them, as in running text) and split again; the predicted
boundaries are compared with the gold ones by character offset. Prints boundary
precision, recall and F1, and the number of splits that fall inside a gold sentence per
1,000 gold boundaries, for these segmenters:

- ``none``: stanza's tokenizer alone;
- ``old``: with the repair rules before issue 13 (abbreviations, ordinals, lower-case
  starts, closing quotes);
- ``new``: with the current rules (also no final punctuation on the left, multi-word
  names of the actor dictionary) -- what the pipeline does by default;
- ``somajo``: SoMaJo's sentences (stanza's tokens regrouped at SoMaJo's sentence ends,
  as ``sentence_splitter="somajo"`` does; needs the optional SoMaJo);
- ``somajo+new``: SoMaJo's sentences, then the current repair rules.

``--news N`` also splits real news without gold boundaries (the first N English Wikinews
articles of ``../shared/corpora``; German: the seed article and the 12 German "In the
news" blurbs) and counts, per segmenter, the split points between two sentences of one
paragraph and, by a heuristic, those inside a sentence: the next "sentence" starts with a
lower-case letter or with punctuation that cannot open a sentence, the previous one does
not end with final punctuation (. ! ? : ; ... before closing quotes), ends with an
abbreviation that never ends a sentence (the ``always`` list of ``ssplit_rules.json``:
"Mr.", "Dr.", "z.B." ...) or with a day number before a month ("am 15. | August"), or the
split cuts a multi-word name of the actor dictionary ("Saudi | Arabia"). The repair rules
undo exactly these, so their rows are near 0 by construction; the informative rows there
are the bare segmenters, and the other direction: likely *missed* boundaries, a word of
two or more letters with a lower-case letter, then . ! or ? (and closing quotes), a space
and a capital letter, inside one predicted sentence.

Usage::

    python benchmarks/sentence_split.py [--language de en] [--group 8] [--news 120]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from common import CORPORA, SHARED, read_jsonl  # noqa: E402

HELD_OUT = {"de": ("UD_German-GSD/de_gsd-ud-test.conllu", 0, 400),
            "en": ("UD_English-EWT/en_ewt-ud-test.conllu", 0, 500)}
SEGMENTERS = ("none", "old", "new", "somajo", "somajo+new")


def _texts(path: Path, start: int, stop: int) -> list[str]:
    out = [line.split("=", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
           if line.startswith("# text =")]
    return out[start:stop]


def _old_should_merge(prev: str, nxt: str, gap: str, rules: dict, language: str = "") -> bool:
    from eventcoder.parsing.sentences import _ends_with_word, _starts_with_word

    if "\n\n" in gap or not prev or not nxt:
        return False
    if all(not c.isalnum() for c in nxt) or all(not c.isalnum() for c in prev):
        return True
    if nxt[0] in rules.get("no_open", ()) or nxt[0].islower():
        return True
    if re.search(r"(?:^|\s)\d{1,2}\.$", prev) and any(
            _starts_with_word(nxt, m) for m in rules.get("months", ())):
        return True
    if any(_ends_with_word(prev, a) for a in rules.get("always", ())):
        return True
    if any(_ends_with_word(prev, a) for a in rules.get("if_lower", ())):
        return nxt[0].islower() or nxt[0].isdigit()
    return False


def _spans(doc) -> list[tuple[int, int]]:
    return [(int(s.tokens[0].start_char), int(s.tokens[-1].end_char)) for s in doc.sentences]


def _boundaries(doc) -> set[int]:
    return {end for _, end in _spans(doc)[:-1]}


def segment(text: str, lang: str, nlp, stanza, names=SEGMENTERS) -> dict[str, list[tuple[int, int]]]:
    """Sentence spans of ``text`` per segmenter (see the module docstring)."""
    from eventcoder.parsing import sentences as S

    doc = nlp.process([stanza.Document([], text=S._tokenizer_text(text, lang))],
                      processors="tokenize,mwt")[0]
    current = S._should_merge
    out = {}
    for name in names:
        if name == "none":
            out[name] = _spans(doc)
        elif name in ("old", "new"):
            S._should_merge = _old_should_merge if name == "old" else current
            try:
                out[name] = _spans(S._repair_sentences(doc, lang))
            finally:
                S._should_merge = current
        else:
            from eventcoder.parsing.segmenters import resegment, somajo_boundaries

            seg = resegment(doc, somajo_boundaries(text, lang))
            out[name] = _spans(S._repair_sentences(seg, lang) if name == "somajo+new" else seg)
    return out


def held_out(lang: str, group: int, nlp, stanza, names) -> None:
    rel, start, stop = HELD_OUT[lang]
    sents = _texts(SHARED / "ud" / rel, start, stop)
    totals = {name: [0, 0, 0, 0] for name in names}  # tp, fp, fn, inside
    for i in range(0, len(sents), group):
        chunk = sents[i:i + group]
        text = " ".join(chunk)
        gold, inner, pos = set(), [], 0
        for s in chunk:
            inner.append((pos, pos + len(s)))
            pos += len(s) + 1
            gold.add(pos - 1)
        gold.discard(len(text))
        for name, spans in segment(text, lang, nlp, stanza, names).items():
            pred = {end for _, end in spans[:-1]}
            t = totals[name]
            t[0] += len(pred & gold)
            t[1] += len(pred - gold)
            t[2] += len(gold - pred)
            t[3] += sum(1 for b in pred - gold if any(a < b < z for a, z in inner))
    n_gold = totals[names[0]][0] + totals[names[0]][2]
    print(f"{lang}: {len(sents)} held-out sentences in paragraphs of {group}; {n_gold} gold boundaries")
    for name, (tp, fp, fn, inside) in totals.items():
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:10s}: boundary P {p:.3f} R {r:.3f} F1 {f:.3f}; splits inside a sentence: "
              f"{inside} ({1000 * inside / max(1, n_gold):.0f} per 1,000 boundaries)")


_MISSED = re.compile(r"(?<![\w.])(\w*[a-zäöüß]\w*)[.!?][\"'”’»«)]*\s+[\"“„»«(]?[A-ZÄÖÜ]")
_DAY_MONTH = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _inside(prev: str, nxt: str, lang: str, rules: dict) -> str | None:
    """Why the split between ``prev`` and ``nxt`` looks like one inside a sentence, or None."""
    from eventcoder.parsing.sentences import (
        _ends_with_word,
        _joins_a_name,
        _lacks_final_punctuation,
        _starts_with_word,
    )

    if nxt[0].islower() or nxt[0] in rules.get("no_open", ()):
        return "lower-case or closing start"
    if _lacks_final_punctuation(prev):
        return "no final punctuation"
    if any(_ends_with_word(prev, a) for a in rules.get("always", ())):
        return "abbreviation"
    if _DAY_MONTH.search(prev) and any(_starts_with_word(nxt, m) for m in rules.get("months", ())):
        return "day before month"
    if _joins_a_name(prev, nxt, lang):
        return "inside a name"
    return None


def _missed(sentence: str, rules: dict) -> int:
    abbrev = {a.lower() for a in (*rules.get("always", ()), *rules.get("if_lower", ()))}
    return sum(1 for m in _MISSED.finditer(sentence) if len(m.group(1)) >= 2
               and f"{m.group(1)}.".lower() not in abbrev)


def news(lang: str, n: int, nlp, stanza, names) -> None:
    from eventcoder.parsing.sentences import _normalize_text, _rules

    if lang == "en":
        rows = [r for r in read_jsonl(CORPORA / "wikinews_en_2019_2021.jsonl") if r.get("text")][:n]
        what = f"{len(rows)} English Wikinews articles"
    else:
        rows = read_jsonl(REPO / "eventcoder" / "examples" / "seed_article_de.jsonl")
        rows += [r for r in read_jsonl(CORPORA / "itn_wikipedia_in_the_news_de_en.jsonl")
                 if r.get("language") == "de" and r.get("text")]
        what = f"the German seed article and {len(rows) - 1} German blurbs"
    rules = _rules()[lang]
    counts = {name: {"sentences": 0, "splits": 0, "inside": 0, "missed": 0, "why": {}} for name in names}
    examples: dict[str, list[str]] = {name: [] for name in names}
    for row in rows:
        text = _normalize_text(row["text"])
        for name, spans in segment(text, lang, nlp, stanza, names).items():
            c = counts[name]
            c["sentences"] += len(spans)
            c["missed"] += sum(_missed(text[a:z], rules) for a, z in spans)
            for (a0, z0), (a1, z1) in zip(spans, spans[1:]):
                if "\n\n" in text[z0:a1]:
                    continue
                c["splits"] += 1
                why = _inside(text[a0:z0], text[a1:z1], lang, rules)
                if why:
                    c["inside"] += 1
                    c["why"][why] = c["why"].get(why, 0) + 1
                    if len(examples[name]) < 4:
                        examples[name].append(f"{text[max(a0, z0 - 30):z0]} | {text[a1:a1 + 25]}")
    print(f"{lang} news: {what}")
    for name, c in counts.items():
        why = ", ".join(f"{k} {v}" for k, v in sorted(c["why"].items(), key=lambda kv: -kv[1]))
        print(f"  {name:10s}: {c['sentences']} sentences, {c['splits']} split points inside paragraphs, "
              f"{c['inside']} inside a sentence ({why or '-'}); likely missed boundaries {c['missed']}")
        for e in examples[name]:
            print(f"      {e!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", nargs="+", default=["de", "en"])
    ap.add_argument("--group", type=int, default=8, help="sentences per paragraph")
    ap.add_argument("--news", type=int, default=0, help="also split N news articles (0: no)")
    ap.add_argument("--no-somajo", action="store_true", help="leave SoMaJo out")
    args = ap.parse_args(argv)

    from eventcoder.parsing.pipeline import _import_stanza, _pipeline
    from eventcoder.parsing.resolution import resolve_models

    names = SEGMENTERS[:3] if args.no_somajo else SEGMENTERS
    stanza = _import_stanza()
    for lang in args.language:
        nlp = _pipeline(resolve_models(lang))
        held_out(lang, args.group, nlp, stanza, names)
        if args.news:
            news(lang, args.news, nlp, stanza, names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
