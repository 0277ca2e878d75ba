"""What the tag repair before parsing changes (issue 13): counts, and each change shown.

Parses real text with the shipped compact models (parse cache off) and reports, per
corpus, how many sentences had no VERB after tagging, how many words the verb rescue and
the name tagging retagged, and prints the rescued words in context so their precision
can be judged by reading. On the held-out treebank slice (EWT test 1-500, gold tokens
and tags available), each rescued word is checked against the gold UPOS.

Usage::

    python benchmarks/tag_repair.py --language en --limit 200 --show 40
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from common import SHARED  # noqa: E402

CORPORA = {
    "en": [("itn", "corpora/itn_wikipedia_in_the_news_de_en.jsonl"),
           ("wikinews", "corpora/wikinews_en_2019_2021.jsonl"),
           ("addresses", "corpora/ukraine_official_addresses_en_2022.jsonl")],
    "de": [("itn", "corpora/itn_wikipedia_in_the_news_de_en.jsonl")],
}
HELD_OUT = {"en": ("ud/UD_English-EWT/en_ewt-ud-test.conllu", 500),
            "de": ("ud/UD_German-GSD/de_gsd-ud-test.conllu", 400)}


def _texts(rel: str, language: str, limit: int) -> list[str]:
    out = []
    for line in (SHARED / rel).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("language", language) == language and rec.get("text"):
            out.append(rec["text"])
    return out[:limit]


def _held_out(language: str) -> tuple[list[str], list[list[tuple[str, str]]]]:
    rel, n = HELD_OUT[language]
    texts, gold, words = [], [], []
    for line in (SHARED / rel).read_text(encoding="utf-8").splitlines():
        if line.startswith("# text ="):
            texts.append(line.split("=", 1)[1].strip())
        elif not line.strip():
            if words:
                gold.append(words)
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append((cols[1], cols[3]))
    return texts[:n], gold[:n]


def _changes(docs) -> list[tuple[str, str, str, str]]:
    """(kind, tagger's tag, word, sentence) for each retagged word."""
    out = []
    for d in docs:
        for s in d.sentences:
            for w in s.words:
                for part in w.misc.split("|"):
                    if part.startswith(("Rescued=", "NameTag=")):
                        kind, tag = part.split("=")
                        out.append((kind, tag, w.form, s.surface()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", default="en", choices=sorted(CORPORA))
    ap.add_argument("--limit", type=int, default=200, help="texts per corpus")
    ap.add_argument("--show", type=int, default=30, help="rescued words to print per corpus")
    args = ap.parse_args()
    from eventcoder.parsing import parse_texts

    for name, rel in CORPORA[args.language]:
        docs = parse_texts(_texts(rel, args.language, args.limit), language=args.language,
                           use_cache=False, progress=False)
        sents = [s for d in docs for s in d.sentences]
        changes = _changes(docs)
        rescued = [c for c in changes if c[0] == "Rescued"]
        no_verb = sum(1 for s in sents if not any(w.upos == "VERB" for w in s.words))
        print(f"{name}: {len(sents)} sentences, {no_verb} still without VERB; "
              f"verbs rescued {len(rescued)}, name words tagged PROPN "
              f"{len(changes) - len(rescued)}")
        for _, tag, form, sentence in rescued[: args.show]:
            print(f"   {form} ({tag}): {sentence[:150]}")
    texts, gold = _held_out(args.language)
    docs = parse_texts(texts, language=args.language, use_cache=False, progress=False)
    right = wrong = 0
    for d, g in zip(docs, gold, strict=True):
        gold_tags = {form: tag for form, tag in g}
        for kind, _, form, sentence in _changes(d and [d]):
            if kind != "Rescued":
                continue
            ok = gold_tags.get(form) in ("VERB", "AUX")
            right += ok
            wrong += not ok
            if not ok:
                print(f"   held-out, gold {gold_tags.get(form)}: {form}: {sentence[:150]}")
    print(f"held-out {HELD_OUT[args.language][0]} 1-{len(texts)}: rescued {right + wrong}, "
          f"gold VERB/AUX {right}, other {wrong}")


if __name__ == "__main__":
    main()
