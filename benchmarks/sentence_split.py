"""Sentence segmentation of news text: stanza's tokenizer plus eventcoder's repair rules.

The held-out treebank slices (German GSD test 1-400, English EWT test 1-500) have gold
sentence boundaries. Runs of ``--group`` consecutive sentences are joined into one
paragraph (spaces between them, as in running text) and split again; the predicted
boundaries are compared with the gold ones by character offset. Prints boundary
precision, recall and F1, and the number of splits that fall inside a gold sentence per
1,000 gold boundaries, without repair, with the repair rules before this change
(``old``: abbreviations, ordinals, lower-case starts, closing quotes) and with the
current rules (``new``: also no final punctuation on the left, multi-word names of the
actor dictionary).

Usage::

    python benchmarks/sentence_split.py [--language de en] [--group 8]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from common import SHARED  # noqa: E402

HELD_OUT = {"de": ("UD_German-GSD/de_gsd-ud-test.conllu", 0, 400),
            "en": ("UD_English-EWT/en_ewt-ud-test.conllu", 0, 500)}


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


def _boundaries(doc) -> set[int]:
    return {int(s.tokens[-1].end_char) for s in doc.sentences[:-1]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", nargs="+", default=["de", "en"])
    ap.add_argument("--group", type=int, default=8, help="sentences per paragraph")
    args = ap.parse_args(argv)

    from eventcoder.parsing import sentences as S
    from eventcoder.parsing.pipeline import _import_stanza, _pipeline
    from eventcoder.parsing.resolution import resolve_models

    stanza = _import_stanza()
    for lang in args.language:
        rel, start, stop = HELD_OUT[lang]
        sents = _texts(SHARED / "ud" / rel, start, stop)
        nlp = _pipeline(resolve_models(lang))
        totals = {name: [0, 0, 0, 0] for name in ("none", "old", "new")}  # tp, fp, fn, inside
        for i in range(0, len(sents), args.group):
            group = sents[i:i + args.group]
            text = " ".join(group)
            gold, inner, pos = set(), [], 0
            for s in group:
                inner.append((pos, pos + len(s)))
                pos += len(s) + 1
                gold.add(pos - 1)
            gold.discard(len(text))
            doc = nlp.process([stanza.Document([], text=S._tokenizer_text(text, lang))],
                              processors="tokenize,mwt")[0]
            current = S._should_merge
            for name in ("none", "old", "new"):
                if name == "none":
                    pred = _boundaries(doc)
                else:
                    S._should_merge = _old_should_merge if name == "old" else current
                    try:
                        pred = _boundaries(S._repair_sentences(doc, lang))
                    finally:
                        S._should_merge = current
                tp = len(pred & gold)
                inside = sum(1 for b in pred - gold if any(a < b < z for a, z in inner))
                t = totals[name]
                t[0] += tp
                t[1] += len(pred - gold)
                t[2] += len(gold - pred)
                t[3] += inside
        n_gold = totals["none"][0] + totals["none"][2]
        print(f"{lang}: {len(sents)} held-out sentences in paragraphs of {args.group}; "
              f"{n_gold} gold boundaries")
        for name, (tp, fp, fn, inside) in totals.items():
            p = tp / (tp + fp) if tp + fp else float("nan")
            r = tp / (tp + fn) if tp + fn else float("nan")
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {name:4s} repair: boundary P {p:.3f} R {r:.3f} F1 {f:.3f}; "
                  f"splits inside a sentence: {inside} ({1000 * inside / max(1, n_gold):.0f} per "
                  f"1,000 boundaries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
