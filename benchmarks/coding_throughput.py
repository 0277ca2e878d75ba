"""Coding throughput on pre-parsed CoNLL-U (the coder alone, no parsing).

Usage: python benchmarks/coding_throughput.py [SHARED_DIR]
Codes each language's sentences ``REPEATS`` times and takes the median run (a single
pass lasts a fraction of a second, so one run is noisy). Prints sentences/second per
language and ends with ``coding: N sentences/s`` (all sentences over the summed medians).
The first pass also fills the word caches (normalised forms, simplemma lemmas, compound
heads), as the first articles of a corpus do; it is printed separately.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from eventcoder import load_language, read_conllu
from eventcoder.coding import code_documents

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
REPEATS = 7
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
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            events = code_documents(docs, res)
            times.append(time.perf_counter() - start)
        elapsed = statistics.median(times)
        print(f"{lang}: {n} sentences, {len(events)} events, median of {REPEATS} runs {elapsed:.3f} s "
              f"(first {times[0]:.3f} s, fastest {min(times):.3f} s), {n / elapsed:,.0f} sentences/s; "
              f"first pass {n / times[0]:,.0f} sentences/s")
        total_sents += n
        total_time += elapsed
    print(f"coding: {total_sents / total_time:,.0f} sentences/s")


if __name__ == "__main__":
    main()
