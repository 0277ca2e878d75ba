"""Cached re-run: code notebook 02's corpus twice; the second run reads every parse from the cache.

Usage::

    python benchmarks/cached_rerun.py [--limit 40] [--cache-dir DIR]

Notebook 02 (escalation over time) codes the English Ukrainian official addresses
(191) and Wikinews articles (295) from ``../shared/corpora`` with
:func:`eventcoder.code_articles`. ``--limit N`` takes N of each, evenly spread
over time, as the notebook does with ``EVENTCODER_NOTEBOOK_LIMIT`` (the tests use
40); ``--limit 0`` takes all. The first run parses into a fresh cache folder
(or ``--cache-dir``; an already warm one makes the first run a cached one too);
the second run is the cached re-run. Prints both times and the cache counters.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd
from common import CORPORA, machine, read_jsonl, spread


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=40, help="articles per corpus (0: all)")
    ap.add_argument("--cache-dir", default=None, help="parse cache (default: a fresh temporary folder)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    args = ap.parse_args()

    import torch

    import eventcoder
    from eventcoder.parsing import cache_info

    torch.set_num_threads(args.threads)
    print(f"machine: {machine()}")
    frames = {}
    for name in ("ukraine_official_addresses_en_2022.jsonl", "wikinews_en_2019_2021.jsonl"):
        if not (CORPORA / name).is_file():
            raise SystemExit(f"{CORPORA / name} not found: set EVENTCODER_SHARED to the shared folder")
        rows = spread(read_jsonl(CORPORA / name), args.limit or None)
        frames[name] = pd.DataFrame(rows)[["id", "date", "text"]].astype(str)
    n = sum(len(f) for f in frames.values())
    print(f"corpus: {', '.join(f'{len(f)} from {k}' for k, f in frames.items())} ({n} articles)")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(args.cache_dir) if args.cache_dir else Path(tmp) / "parses"
        times = []
        for label in ("first run", "cached re-run"):
            before = cache_info()
            t0 = time.perf_counter()
            events = [eventcoder.code_articles(f, language="en", cache_dir=cache, progress=False)
                      for f in frames.values()]
            secs = time.perf_counter() - t0
            after = cache_info()
            times.append(secs)
            print(f"{label}: {secs:.1f} s ({n / secs * 60:.0f} articles/min), "
                  f"{sum(len(e) for e in events)} events, parsed {after['parsed'] - before['parsed']}, "
                  f"from cache {after['cache_hits'] - before['cache_hits']}")
        print(f"cached re-run: {times[1]:.1f} s for {n} articles "
              f"({times[0] / times[1]:.0f}x faster than the first run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
