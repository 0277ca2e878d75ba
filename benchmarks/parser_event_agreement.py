"""How much of the coding survives parsing from raw text? Events from our parses vs gold parses.

For the held-out treebank sentences the compact models never saw (German GSD test
1-400, English EWT test 1-500), code the gold UD parse (the reference) and the raw
sentence text parsed with a model directory, and compare the events per sentence:
precision, recall and F1 on (source, target, code) and on root codes.

Usage: python benchmarks/parser_event_agreement.py [--model-dir DIR] [--language de en]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from eventcoder import load_language, read_conllu
from eventcoder.coding import code_document
from eventcoder.conllu import Document
from eventcoder.parsing import parse_texts

SHARED = Path(__file__).resolve().parents[2] / "shared"
HELD_OUT = {"de": ("UD_German-GSD/de_gsd-ud-test.conllu", 400),
            "en": ("UD_English-EWT/en_ewt-ud-test.conllu", 500)}


def _keys(events, root: bool) -> Counter:
    return Counter((e.source[:3], e.target[:3], e.event_code[:2] if root else e.event_code)
                   for e in events)


def _prf(gold: list[Counter], pred: list[Counter]) -> tuple[float, float, float, int, int]:
    tp = sum(sum((g & p).values()) for g, p in zip(gold, pred))
    n_gold = sum(sum(g.values()) for g in gold)
    n_pred = sum(sum(p.values()) for p in pred)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, n_gold, n_pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model-dir", default=None, help="models to parse with (default: resolved)")
    ap.add_argument("--language", nargs="+", default=["de", "en"])
    args = ap.parse_args()
    for lang in args.language:
        path, n = HELD_OUT[lang]
        res = load_language(lang)
        sents = [s for d in read_conllu(SHARED / "ud" / path) for s in d.sentences][:n]
        gold = []
        for i, s in enumerate(sents):
            gold.append(code_document(Document(id=f"s{i}", sentences=[s]), res))
        start = time.perf_counter()
        docs = parse_texts([s.text for s in sents], language=lang, model_dir=args.model_dir,
                           use_cache=False, progress=False)
        seconds = time.perf_counter() - start
        pred = [code_document(d, res) for d in docs]
        print(f"{lang}: {len(sents)} held-out sentences parsed in {seconds:.0f} s; "
              f"{sum(map(len, gold))} events from gold parses, {sum(map(len, pred))} from ours")
        for label, root in (("full code", False), ("root code", True)):
            p, r, f, ng, npred = _prf([_keys(g, root) for g in gold], [_keys(x, root) for x in pred])
            print(f"  {label:9s} (country dyad): precision {p:.2f} recall {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
