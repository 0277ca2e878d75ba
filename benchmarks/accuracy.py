"""Accuracy on the development gold: from raw text (what users get) and from gold parses.

Reads every ``data/gold/dev_*.jsonl`` (see ``data/gold/GUIDELINES.md``), codes each
record from raw text (context + sentence, parsed by stanza like any article) and, where
the record is a UD treebank sentence, from its gold parse, and prints precision, recall
and F1 per language with 95 % bootstrap intervals (sentences resampled):

- ``raw``: every record, from raw text (the result);
- ``raw/ud``: the treebank records only, from raw text;
- ``gold/ud``: the same treebank records from their gold parses (a diagnostic: the
  coder without parser errors).

The main level is the CAMEO root code with the source and target countries
(``root, country``); the full code with full actor codes is the strict level. Only
asserted events are scored by default (what ``escalation_series`` aggregates);
``--modes all`` scores every mode. Splits: ``dev`` (errors may be read and rules
tuned), ``test`` (only reported), ``all``. Records marked ``parser_seen`` (PUD, which the
shipped parsers were trained on) are left out of ``raw`` unless ``--with-parser-seen``.

Usage::

    python benchmarks/accuracy.py                         # both languages, all splits
    python benchmarks/accuracy.py --language de --split dev --errors 20
    python benchmarks/accuracy.py --json before.json      # keep the figures to compare
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from common import SHARED  # noqa: E402

STATEMENT_ROOTS = ("01", "02", "03", "10", "11", "12", "13")
LEVELS = (("root", "country"), ("code", "full"), ("root", "ignored"))


def _gold_files(language: str) -> list[Path]:
    return sorted(p for p in (REPO / "data" / "gold").glob("dev_*.jsonl")
                  if p.stem.startswith(f"dev_{language}") or p.stem == f"dev_{language}")


def _keys(events, level: tuple[str, str]):
    from eventcoder.validation.scoring import _key

    event, actors = level
    return Counter(_key(e.source, e.target, e.code, event, actors, actors != "ignored")
                   for e in events)


def _per_sentence(report_pred: dict, gold, level) -> list[tuple[int, int, int]]:
    """(tp, fp, fn) per gold sentence at ``level``, acceptable events neither way."""
    out = []
    for s in gold:
        g = _keys(s.events, level)
        p = _keys(report_pred.get(s.id, []), level)
        hit = g & p
        extra = (p - g) - _keys(s.acceptable, level)
        out.append((sum(hit.values()), sum(extra.values()), sum((g - hit).values())))
    return out


def _prf(rows: list[tuple[int, int, int]]) -> tuple[float, float, float, int, int, int]:
    tp = sum(r[0] for r in rows)
    fp = sum(r[1] for r in rows)
    fn = sum(r[2] for r in rows)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return p, r, f, tp, fp, fn


def _bootstrap(rows, n: int = 1000, seed: int = 1) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    stats = [[], [], []]
    for _ in range(n):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        for i, v in enumerate(_prf(sample)[:3]):
            if v == v:
                stats[i].append(v)
    out = []
    for values in stats:
        values.sort()
        if not values:
            out.append((float("nan"), float("nan")))
        else:
            out.append((values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]))
    return out


def _predictions(frame, modes) -> dict:
    from eventcoder.validation.gold import GoldEvent

    if modes is not None:
        frame = frame[frame["mode"].isin(modes)]
    pred: dict[str, list] = {}
    for doc, src, tgt, code in zip(frame["doc_id"], frame["source"], frame["target"],
                                   frame["event_code"], strict=True):
        pred.setdefault(doc, []).append(GoldEvent(str(src).upper(), str(tgt).upper(), str(code)))
    return pred


def _fmt(v: float) -> str:
    return "  -  " if v != v else f"{v:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", nargs="+", default=["de", "en"])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--modes", default="asserted", help="'asserted' (default) or 'all'")
    ap.add_argument("--with-parser-seen", action="store_true",
                    help="score the PUD records the parsers were trained on in 'raw' too")
    ap.add_argument("--errors", type=int, default=0, help="print N errors per language (dev split only)")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--dictionary", action="append", default=[], help="user dictionary folder")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    from eventcoder.validation import read_gold
    from eventcoder.validation.paths import code_gold_raw, code_gold_ud

    modes = None if args.modes == "all" else [m.strip() for m in args.modes.split(",")]
    results: dict = {}
    for lang in args.language:
        gold = [s for p in _gold_files(lang) for s in read_gold(p)]
        if args.split != "all":
            gold = [s for s in gold if s.split == args.split]
        if not gold:
            print(f"{lang}: no gold records")
            continue
        t0 = time.perf_counter()
        raw = code_gold_raw(gold, model_dir=args.model_dir, dictionaries=args.dictionary)
        t_raw = time.perf_counter() - t0
        summary = raw.attrs.get("summary") or {}
        if summary.get("quarantined"):  # a record the pipeline could not code counts as missed
            print(f"  {lang}: {summary['quarantined']} records quarantined while coding from raw "
                  f"text: {summary.get('quarantine_reasons')}")
        ud, ud_ids = code_gold_ud(gold, SHARED / "ud", dictionaries=args.dictionary)
        raw_pred, ud_pred = _predictions(raw, modes), _predictions(ud, modes)
        ud_set = set(ud_ids)
        scored = gold if args.with_parser_seen else [s for s in gold if not s.parser_seen]
        groups = {
            "raw": (scored, raw_pred),
            "raw/ud": ([s for s in gold if s.id in ud_set], raw_pred),
            "gold/ud": ([s for s in gold if s.id in ud_set], ud_pred),
        }
        n_events = sum(len(s.events) for s in scored)
        print(f"\n== {lang}: {len(gold)} records ({args.split}), {len(scored)} scored from raw text "
              f"({sum(1 for s in scored if s.events)} with events, {n_events} required events); "
              f"{len(ud_set)} with a treebank parse; modes {args.modes}; raw-text coding "
              f"{t_raw:.0f} s")
        print(f"{'path':8s} {'level':16s} {'P':>5s} {'R':>5s} {'F1':>5s}   {'tp':>4s} {'fp':>4s} {'fn':>4s}"
              f"   95% CI (P | R | F1)")
        results[lang] = {}
        for name, (records, pred) in groups.items():
            for level in LEVELS:
                rows = _per_sentence(pred, records, level)
                p, r, f, tp, fp, fn = _prf(rows)
                ci = _bootstrap(rows) if level == LEVELS[0] and rows else []
                cis = " | ".join(f"{_fmt(a)}-{_fmt(b)}" for a, b in ci)
                print(f"{name:8s} {level[0] + ', ' + level[1]:16s} {_fmt(p):>5s} {_fmt(r):>5s} "
                      f"{_fmt(f):>5s}   {tp:4d} {fp:4d} {fn:4d}   {cis}")
                results[lang][f"{name}:{level[0]},{level[1]}"] = {
                    "precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn,
                    "ci": ci, "records": len(records)}
        # statement events (issue: CAMEO statement conventions): right root, by country dyad
        st_gold = [s for s in scored if any(e.code[:2] in STATEMENT_ROOTS for e in s.events)]
        if st_gold:
            hit = total = 0
            for s in st_gold:
                g = _keys([e for e in s.events if e.code[:2] in STATEMENT_ROOTS], LEVELS[0])
                p = _keys(raw_pred.get(s.id, []), LEVELS[0])
                hit += sum((g & p).values())
                total += sum(g.values())
            print(f"statement events (roots {','.join(STATEMENT_ROOTS)}) found with the right root "
                  f"and dyad, raw text: {hit}/{total}")
            results[lang]["statements"] = {"hit": hit, "total": total}
        for split in ("dev", "test"):
            part = [s for s in scored if s.split == split]
            if part and args.split == "all":
                p, r, f, tp, fp, fn = _prf(_per_sentence(raw_pred, part, LEVELS[0]))
                print(f"raw, {split:4s} ({len(part)} records): P {_fmt(p)} R {_fmt(r)} F1 {_fmt(f)} "
                      f"(tp {tp}, fp {fp}, fn {fn})")
                results[lang][f"raw:{split}"] = {"precision": p, "recall": r, "f1": f}
        predicted = sum(len(v) for k, v in raw_pred.items() if k in {s.id for s in scored})
        print(f"raw-text events predicted on {len(scored)} records: {predicted} "
              f"({1000 * predicted / max(1, len(scored)):.0f} per 1,000 sentences)")
        if args.errors:
            dev = [s for s in scored if s.split == "dev"]
            shown = 0
            for s in dev:
                g = _keys(s.events, LEVELS[0])
                p = _keys(raw_pred.get(s.id, []), LEVELS[0])
                extra = (p - g) - _keys(s.acceptable, LEVELS[0])
                miss = g - p
                if (extra or miss) and shown < args.errors:
                    shown += 1
                    print(f"  {s.id}: {s.text[:150]}")
                    for k in miss:
                        print(f"     miss {k}")
                    for k in extra:
                        print(f"     false {k}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
