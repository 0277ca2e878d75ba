"""Time and peak memory of parsing one over-long sentence, with and without the sentence bound.

Usage::

    python benchmarks/long_sentences.py [--words 250 500 1000] [--bounds 0 250] [--language de]

Each measurement runs in a fresh process (peak RSS is per process): load the compact
stanza models, parse a short text (the baseline), then parse one text of ``N`` words
without a sentence end ("Krieg Krieg Krieg ...", issue 17 finding 7) with
``max_sentence_words`` set to each bound (0: none), the parse cache off. Prints the
time, the peak resident memory above the baseline, and how many sentences the
parser was given.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from common import REPO, machine

_CHILD = r"""
import json, os, resource, sys, time
from eventcoder.parsing import parse_texts
words, bound, language = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
parse_texts(["Russland warnte Japan."], language=language, use_cache=False, progress=False)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
docs = parse_texts(["Krieg " * words], language=language, use_cache=False, progress=False,
                   max_sentence_words=bound)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "base_mib": base / 1024, "peak_mib": peak / 1024,
                  "sentences": len(docs[0].sentences)}))
"""


def measure(words: int, bound: int, language: str, timeout: float) -> dict | None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    env.setdefault("STANZA_RESOURCES_DIR", tempfile.mkdtemp())  # the shipped compact models
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(words), str(bound), language],
                              env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, nargs="+", default=[250, 500, 1000])
    ap.add_argument("--bounds", type=int, nargs="+", default=[0, 250])
    ap.add_argument("--language", default="de")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per measurement")
    args = ap.parse_args()
    print(machine())
    print(f"{'words':>6} {'bound':>6} {'seconds':>8} {'peak-base MiB':>14} {'sentences':>9}")
    for words in args.words:
        for bound in args.bounds:
            row = measure(words, bound, args.language, args.timeout)
            if row is None:
                print(f"{words:>6} {bound or 'none':>6} {'> ' + str(int(args.timeout)):>8}")
                continue
            print(f"{words:>6} {bound or 'none':>6} {row['seconds']:>8.1f} "
                  f"{row['peak_mib'] - row['base_mib']:>14.0f} {row['sentences']:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
