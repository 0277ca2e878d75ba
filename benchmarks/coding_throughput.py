"""Coding throughput on pre-parsed CoNLL-U (the coder alone, no parsing).

Usage: python benchmarks/coding_throughput.py [SHARED_DIR]
Prints sentences/second per language and ends with ``coding: N sentences/s``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from eventcoder import load_language, read_conllu
from eventcoder.coding import code_documents

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
FILES = {
    "de": ["UD_German-GSD/de_gsd-ud-test.conllu", "UD_German-PUD/de_pud-ud-test.conllu"],
    "en": ["UD_English-EWT/en_ewt-ud-test.conllu", "UD_English-PUD/en_pud-ud-test.conllu"],
}


def main() -> None:
    total_sents = total_time = 0.0
    for lang, files in FILES.items():
        res = load_language(lang)
        docs = [d for f in files for d in read_conllu(SHARED / "ud" / f)]
        n = sum(len(d.sentences) for d in docs)
        code_documents(docs[:1], res)  # warm caches (simplemma's lexicon)
        start = time.perf_counter()
        events = code_documents(docs, res)
        elapsed = time.perf_counter() - start
        print(f"{lang}: {n} sentences, {len(events)} events, {elapsed:.2f} s, {n / elapsed:,.0f} sentences/s")
        total_sents += n
        total_time += elapsed
    print(f"coding: {total_sents / total_time:,.0f} sentences/s")


if __name__ == "__main__":
    main()
