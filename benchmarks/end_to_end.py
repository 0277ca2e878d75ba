"""End-to-end throughput: raw articles -> events with the compact models, 1 and 2 workers.

Usage::

    python benchmarks/end_to_end.py [--language en de] [--limit 30] [--workers 1 2]

For each language, the first ``--limit`` articles (English Wikinews from
``../shared/corpora``; German: the seed article and the German "In the news"
blurbs) are

1. coded by :func:`eventcoder.stream.code_stream` with 1 and 2 worker processes
   and the parse cache off: articles per minute in all, and in the steady state
   (after the first chunk of each worker, so without starting the processes and
   loading the models);
2. parsed by the bare stanza pipeline (the same pipeline eventcoder builds,
   ``bulk_process`` in batches of 32, no sentence repair, no CoNLL-U, no coding)
   and coded by :func:`eventcoder.code_articles` (parse cache off): the
   overhead of eventcoder over stanza alone (``--repeats`` alternating runs of
   each, the fastest counts).

Prints figures; nothing is asserted. The parse cache is never read or written.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd
from common import articles, machine, write_jsonl


def _load_seconds(language: str) -> float:
    """Time to build the stanza pipeline in this process (cached afterwards)."""
    from eventcoder import parsing

    t0 = time.perf_counter()
    parsing._pipeline(parsing.resolve_models(language))
    return time.perf_counter() - t0


def _stream(path: Path, language: str, workers: int, chunk_size: int, out_dir: Path,
            ) -> tuple[float, object, list[tuple[float, int]]]:
    """Run code_stream; return seconds, the run summary and (seconds, records done) per chunk."""
    from eventcoder.stream import code_stream

    commits: list[tuple[float, int]] = []
    t0 = time.perf_counter()
    run = code_stream([path], output=out_dir / f"events-{language}-{workers}.jsonl", language=language,
                      workers=workers, chunk_size=chunk_size, use_cache=False, resume=False,
                      on_chunk=lambda c: commits.append((time.perf_counter() - t0, c.stop)))
    return time.perf_counter() - t0, run, commits


def _steady(commits: list[tuple[float, int]], workers: int) -> str:
    """Articles/min after the first ``workers`` chunks (process start-up and model loading excluded)."""
    if len(commits) <= workers:
        return "too few chunks for a steady-state figure"
    (t1, n1), (t2, n2) = commits[workers - 1], commits[-1]
    return f"steady state {(n2 - n1) / (t2 - t1) * 60:.1f} articles/min after the first {workers} chunk(s)"


def _bare_stanza(texts: list[str], language: str, batch_size: int = 32) -> tuple[float, int, int]:
    import stanza

    from eventcoder import parsing

    nlp = parsing._pipeline(parsing.resolve_models(language))
    t0 = time.perf_counter()
    n_sent = n_word = 0
    for b in range(0, len(texts), batch_size):
        docs = nlp.bulk_process([stanza.Document([], text=t) for t in texts[b:b + batch_size]])
        n_sent += sum(len(d.sentences) for d in docs)
        n_word += sum(len(s.words) for d in docs for s in d.sentences)
    return time.perf_counter() - t0, n_sent, n_word


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--language", nargs="+", default=["en", "de"], choices=["en", "de"])
    ap.add_argument("--limit", type=int, default=30, help="articles per language (default 30)")
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--chunk-size", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=2,
                    help="runs of bare stanza and code_articles each; the fastest counts (default 2)")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads in this process (default 1, as in each worker)")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    print(f"machine: {machine()}")
    print(f"torch threads in this process: {torch.get_num_threads()} (workers use 1 each)")
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        for language in args.language:
            rows = articles(language, args.limit)
            path = write_jsonl(rows, out_dir / f"articles-{language}.jsonl")
            chars = sum(len(r["text"]) for r in rows)
            print(f"\n[{language}] {len(rows)} articles, {chars / len(rows):,.0f} characters each on average")
            load = _load_seconds(language)
            print(f"  model loading: {load:.1f} s (once per process)")
            for workers in args.workers:
                # workers > 1 are fresh processes: they import eventcoder and load the models first
                secs, run, commits = _stream(path, language, workers, args.chunk_size, out_dir)
                print(f"  code_stream, {workers} worker(s): {secs:.1f} s in all, "
                      f"{len(rows) / secs * 60:.1f} articles/min; {_steady(commits, workers)}; {run}")
            texts = [r["text"] for r in rows]
            import eventcoder

            bares, fulls = [], []
            for _ in range(args.repeats):  # alternate, keep the fastest of each: other jobs add noise
                bare, n_sent, n_word = _bare_stanza(texts, language)
                t0 = time.perf_counter()
                frame = eventcoder.code_articles(pd.DataFrame(rows), language=language, use_cache=False,
                                                 progress=False)
                bares.append(bare)
                fulls.append(time.perf_counter() - t0)
            bare, full = min(bares), min(fulls)
            print(f"  bare stanza: {bare:.1f} s ({n_sent} sentences, {n_word} words, "
                  f"{n_sent / bare:.1f} sentences/s); runs: {', '.join(f'{b:.1f}' for b in bares)} s")
            print(f"  code_articles (parse + repair + CoNLL-U + coding, no cache): {full:.1f} s, "
                  f"{len(frame)} events; runs: {', '.join(f'{f:.1f}' for f in fulls)} s")
            print(f"  overhead over bare stanza: {100 * (full - bare) / bare:+.0f} %")
    print(f"\nmachine after the run: {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
