"""Benchmark: parse real news text with the compact models, then code events.

Usage::

    python benchmarks/parse_and_code.py --language en --n 50 [--shared ../shared] [--threads 2]

Reads English Wikinews articles (``corpora/wikinews_en_2019_2021.jsonl``) or
German "In the news" blurbs (``corpora/itn_wikipedia_in_the_news_de_en.jsonl``)
from the shared folder, parses them without the cache, and reports texts,
sentences and words per second (model loading excluded). If
``eventcoder.code_conllu`` exists, it then codes the parses and reports events.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load_texts(shared: Path, language: str, n: int) -> list[str]:
    """The first ``n`` texts of the language's corpus."""
    name = ("wikinews_en_2019_2021.jsonl" if language == "en"
            else "itn_wikipedia_in_the_news_de_en.jsonl")
    texts = []
    with open(shared / "corpora" / name, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("language") == language and rec.get("text"):
                texts.append(rec["text"])
            if len(texts) >= n:
                break
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--language", default="en", choices=["de", "en"])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared")))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from eventcoder import parsing

    texts = load_texts(args.shared, args.language, args.n)
    choice = parsing.resolve_models(args.language)
    parsing._pipeline(choice)  # load outside the timing
    t0 = time.perf_counter()
    docs = parsing.parse_texts(texts, language=args.language, use_cache=False,
                               batch_size=args.batch_size, progress=False)
    secs = time.perf_counter() - t0
    nsent = sum(len(d.sentences) for d in docs)
    nword = sum(len(s.words) for d in docs for s in d.sentences)
    print(f"models: {choice.source} {choice.identity}")
    print(f"parsed {len(texts)} texts, {nsent} sentences, {nword} words in {secs:.1f} s "
          f"({nsent / secs:.1f} sentences/s, {nword / secs:.0f} words/s, "
          f"{args.threads} threads)")

    import eventcoder

    code_conllu = getattr(eventcoder, "code_conllu", None)
    if code_conllu is None:
        print("eventcoder.code_conllu not available yet; skipping coding")
        return 0
    from eventcoder.conllu import write_conllu

    t0 = time.perf_counter()
    frame = code_conllu(write_conllu(docs), language=args.language)
    print(f"coded {len(frame)} events in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
