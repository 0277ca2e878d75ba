"""The bilingual consistency check: German and English PUD are the same 1,000 sentences.

Codes both treebanks from their gold parses (and, with ``--raw``, from raw text), aligns
the events by sentence id, and prints: events per language, events per 1,000
sentences, and the agreement of the two languages as Dice on (sentence, source country,
target country, root code). An event found in one language only points at a gap in the
other language's dictionaries (verb, noun, actor, agent); ``--list N`` prints N of them
per side.

Usage::

    python benchmarks/pud_parallel.py
    python benchmarks/pud_parallel.py --list 30 --raw
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from common import SHARED  # noqa: E402

FILES = {"de": SHARED / "ud" / "UD_German-PUD" / "de_pud-ud-test.conllu",
         "en": SHARED / "ud" / "UD_English-PUD" / "en_pud-ud-test.conllu"}


def _code_gold(language: str, modes: set[str] | None):
    from eventcoder import load_language, read_conllu
    from eventcoder.coding import code_document
    from eventcoder.conllu import Document

    res = load_language(language)
    sents = [s for d in read_conllu(FILES[language]) for s in d.sentences]
    events, texts = {}, {}
    for s in sents:
        found = code_document(Document(id=s.id, sentences=[s]), res)
        events[s.id] = [e for e in found if modes is None or e.mode in modes]
        texts[s.id] = s.text
    return events, texts


def _code_raw(language: str, texts: dict[str, str], modes: set[str] | None):
    import pandas as pd

    from eventcoder import code_articles

    frame = code_articles(pd.DataFrame({"id": list(texts), "text": list(texts.values())}),
                          language=language, progress=False)
    events: dict[str, list] = {k: [] for k in texts}
    for row in frame.itertuples():
        if modes is None or row.mode in modes:
            events[row.doc_id].append(row)
    return events


def _keys(events: dict[str, list]) -> Counter:
    from eventcoder.cameo import actor_country, root_of

    return Counter((sid, actor_country(e.source), actor_country(e.target), root_of(e.event_code))
                   for sid, found in events.items() for e in found)


def _report(label: str, de: dict, en: dict, texts: dict, n_list: int) -> dict:
    kd, ke = _keys(de), _keys(en)
    both = sum((kd & ke).values())
    n_de, n_en = sum(kd.values()), sum(ke.values())
    dice = 2 * both / (n_de + n_en) if n_de + n_en else float("nan")
    n = len(texts["en"])
    print(f"{label}: de {n_de} events ({1000 * n_de / n:.0f} per 1,000 sentences), en {n_en} "
          f"({1000 * n_en / n:.0f}); in common {both}; Dice {dice:.2f}; de/en {n_de / max(1, n_en):.2f}")
    if n_list:
        for side, only in (("English only", ke - kd), ("German only", kd - ke)):
            print(f"  {side} ({sum(only.values())}):")
            for key in list(only)[:n_list]:
                print(f"    {key[1]}->{key[2] or '-'} {key[3]}  {texts['en'][key[0]][:110]}")
    return {"de": n_de, "en": n_en, "common": both, "dice": dice}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", type=int, default=0, help="print N one-sided events per side")
    ap.add_argument("--raw", action="store_true", help="also code the raw sentence texts")
    ap.add_argument("--modes", default="asserted", help="'asserted' (default) or 'all'")
    args = ap.parse_args(argv)
    if not all(p.is_file() for p in FILES.values()):
        print(f"PUD treebanks not found under {SHARED}/ud: set EVENTCODER_SHARED")
        return 1
    modes = None if args.modes == "all" else set(args.modes.split(","))
    t0 = time.perf_counter()
    de, de_text = _code_gold("de", modes)
    en, en_text = _code_gold("en", modes)
    print(f"PUD: {len(de_text)} German and {len(en_text)} English sentences, gold parses, modes "
          f"{args.modes} ({time.perf_counter() - t0:.1f} s)")
    texts = {"de": de_text, "en": en_text}
    _report("gold parses", de, en, texts, args.list)
    if args.raw:
        t0 = time.perf_counter()
        rde, ren = _code_raw("de", de_text, modes), _code_raw("en", en_text, modes)
        print(f"raw text coded in {time.perf_counter() - t0:.0f} s")
        _report("raw text", rde, ren, texts, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
