"""Peak memory (RSS) while streaming a corpus 10x the shared corpora; it should stay flat.

Usage::

    python benchmarks/memory_streaming.py [--repeat 10] [--limit N] [--workers 1]
                                          [--chunk-size 50] [--cache-dir DIR]

Builds a temporary JSON Lines corpus by repeating the article corpora of
``../shared/corpora`` (Wikipedia "In the news", Ukrainian addresses, Wikinews)
``--repeat`` times, each copy with its own ids, plus two bad records per copy (a
line that is not JSON, an article without text) so the accounting shows a
quarantine. ``--limit N`` keeps the first N articles of each corpus (parsing
all 753 takes long on a small machine).

The unique texts are parsed once first (a warm-up pass that fills the parse
cache, ``--cache-dir`` or eventcoder's default cache folder); then the whole
corpus is streamed by :func:`eventcoder.stream.code_stream` into a JSON Lines
file while a thread samples the resident memory of this process and its worker
processes. Prints RSS after each tenth of the corpus, the peak, and the run's
accounting summary (``input = coded + no_event + quarantined``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import ARTICLE_CORPORA, CORPORA, RssSampler, machine, read_jsonl


def build_corpus(path: Path, repeat: int, limit: int | None) -> tuple[int, int]:
    """Write the repeated corpus; return (records, unique articles)."""
    base = []
    for name in ARTICLE_CORPORA:
        if not (CORPORA / name).is_file():
            raise SystemExit(f"{CORPORA / name} not found: set EVENTCODER_SHARED to the shared folder")
        rows = [r for r in read_jsonl(CORPORA / name)][: limit or None]
        base += [{k: r[k] for k in ("id", "date", "language", "text") if k in r} for r in rows]
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for copy in range(repeat):
            for row in base:
                fh.write(json.dumps({**row, "id": f"{row['id']}#{copy}"}, ensure_ascii=False) + "\n")
                n += 1
            fh.write('{"id": "broken", "text": \n')  # not JSON
            fh.write(json.dumps({"id": f"empty#{copy}", "date": "2022-03-01", "language": "en",
                                 "text": ""}) + "\n")
            n += 2
    return n, len(base)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (default all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--chunk-size", type=int, default=50)
    ap.add_argument("--cache-dir", default=None, help="parse cache (default eventcoder's user cache)")
    ap.add_argument("--interval", type=float, default=0.2, help="seconds between RSS samples")
    args = ap.parse_args()

    import torch

    from eventcoder.stream import code_stream

    torch.set_num_threads(1)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        n, unique = build_corpus(corpus, args.repeat, args.limit or None)
        size = corpus.stat().st_size / 2**20
        print(f"corpus: {n} records ({unique} articles x {args.repeat} + 2 bad records per copy), "
              f"{size:.1f} MiB")
        once = tmp / "once.jsonl"
        with open(corpus, encoding="utf-8") as src, open(once, "w", encoding="utf-8") as dst:
            for _, line in zip(range(unique), src):
                dst.write(line)
        t0 = time.perf_counter()
        code_stream([once], output=tmp / "warmup.jsonl", workers=args.workers, chunk_size=args.chunk_size,
                    cache_dir=args.cache_dir, resume=False)
        print(f"warm-up (parse the {unique} unique texts into the cache, or find them there): "
              f"{time.perf_counter() - t0:.1f} s")

        marks: list[tuple[int, float, float]] = []
        with RssSampler(args.interval) as rss:
            def on_chunk(commit) -> None:
                marks.append((commit.stop, rss.elapsed(), rss.now_mib()))

            start_mib = rss.now_mib()
            run = code_stream([corpus], output=tmp / "events.jsonl", workers=args.workers,
                              chunk_size=args.chunk_size, cache_dir=args.cache_dir, resume=False,
                              on_chunk=on_chunk)
        secs = rss.samples[-1][0]
        out_mib = (tmp / "events.jsonl").stat().st_size / 2**20
        print(f"streamed {run.input} records in {secs:.1f} s ({run.input / secs:.1f} records/s), "
              f"{out_mib:.1f} MiB of events written, {args.workers} worker(s), chunk size {args.chunk_size}")
        print(f"RSS (this process + workers): {start_mib:.0f} MiB at the start")
        shown = set()
        for stop, t, mib in marks:
            tenth = min(10, int(10 * stop / n))
            if tenth not in shown:
                shown.add(tenth)
                print(f"  {stop:>7} records ({100 * stop / n:3.0f} %), {t:7.1f} s: {mib:7.0f} MiB")
        # workers start and load the models on their first chunks: compare from a quarter on
        quarter = next(((stop, mib) for stop, _, mib in marks if stop >= n / 4), marks[0][::2])
        print(f"peak RSS: {rss.peak_mib:.0f} MiB ({len(rss.samples)} samples); from {quarter[0]} "
              f"records to the end: {quarter[1]:.0f} -> {marks[-1][2]:.0f} MiB "
              f"({marks[-1][2] - quarter[1]:+.0f} MiB for {n - quarter[0]} more records)")
        print(f"summary: {run}")
        print(json.dumps({k: v for k, v in run.to_dict().items()
                          if k in ("input", "coded", "no_event", "quarantined", "events",
                                   "quarantine_reasons", "chunks")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
