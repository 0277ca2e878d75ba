"""Choose the sentences of the development gold from real text in ../shared, reproducibly.

Writes candidate records (the gold format of ``data/gold/GUIDELINES.md`` with ``events``
left empty for the annotator) to stdout or ``--out``. The choice never looks at what the
coder outputs: a sentence is drawn because it mentions a political actor (any name or
role noun of the shipped actor, agent and people tables, or a CLDR country name), or at
random from the same sources ("random" share, which brings sentences with no event).

Sources (held-out for the shipped models where a treebank is used):

- de: the seed article, the German "In the news" blurbs, German PUD sentences 851-1000,
  German GSD test sentences 1-400.
- en: the Ukrainian official addresses 2022, the English "In the news" blurbs, the news
  documents of English GUM dev/test, English EWT test sentences 1-500. (Wikinews is left
  out: it stays the unseen check.)

Round 2 (``--round 2``) adds, without repeating a round-1 sentence: every remaining
actor-filter sentence of the held-out treebank parts (de), all remaining English "In the
news" blurbs and more address sentences (en), and in both languages the PUD news
sentences 1-850 that mention an actor in German, with the same sentence ids in English
(PUD is parallel). The shipped parsers were trained on PUD 1-850 (German) and all of
PUD (English): these records carry ``"parser_seen": true`` and their raw-text scores are
reported apart.

Usage::

    python scripts/select_dev_gold.py --language de --out /tmp/candidates_de.jsonl
    python scripts/select_dev_gold.py --language de --round 2 --out /tmp/candidates_de_r2.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))
SEED = 20261204

# how many sentences to draw per source: (actor-filter, random)
PLAN = {
    "de": [("seed", None, None), ("itn", None, None), ("pud", 45, 12), ("gsd", 45, 15)],
    "en": [("addresses", 60, 15), ("itn", 45, 10), ("gum-news", 20, 5), ("ewt", 20, 10)],
}
# round 2: ("source", n actor-filter or None for all remaining, n random)
PLAN_2 = {
    "de": [("pud", None, 0), ("gsd", None, 0), ("pud-seen", None, 0)],
    "en": [("itn", "all", 0), ("addresses", 45, 10), ("pud-seen", None, 0)],
}

_ABBREV = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Prof|Gen|Lt|Col|Sgt|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
                     r"No|Nr|bzw|ca|Dr|z\.B|u\.a|d\.h|v\.a|S|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|"
                     r"U\.S|U\.N|U\.K|E\.U)\.$")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”“»«']?\s+(?=[\"„“«»(]?[A-ZÄÖÜ0-9])")


def split_sentences(text: str) -> list[str]:
    """A plain, deterministic sentence split for choosing candidates (annotators fix it)."""
    parts: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if not para:
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            left = para[start:m.start()].rstrip()
            if _ABBREV.search(left):
                continue
            parts.append(para[start:m.start()].strip())
            start = m.end()
        parts.append(para[start:].strip())
    return [p for p in parts if len(p) > 1]


def split_of(record_id: str) -> str:
    """``test`` for about 5/16 of ids (first hex digit of sha1 in 0-4), else ``dev``."""
    return "test" if hashlib.sha1(record_id.encode()).hexdigest()[0] in "01234" else "dev"


def _actor_terms(language: str) -> list[str]:
    import babel

    terms: set[str] = set()
    res = ROOT / "eventcoder" / "resources"
    for name in ("actors.tsv", "agents.tsv"):
        for line in (res / language / name).read_text(encoding="utf-8").splitlines()[1:]:
            if line.startswith("#") or not line.strip():
                continue
            terms.update(t.strip() for t in line.split("\t")[0].split("|") if t.strip())
    for line in (res / "common" / "people.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("names\t") or not line.strip():
            continue
        terms.update(t.strip() for t in line.split("\t")[0].split("|") if t.strip())
    for name in babel.Locale(language).territories.values():
        terms.add(name)
    return sorted((t for t in terms if len(t) >= 3), key=len, reverse=True)


def _matcher(language: str) -> re.Pattern[str]:
    terms = _actor_terms(language)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)


def _ud_sentences(path: Path, start: int = 0, stop: int | None = None,
                  doc_prefix: str | None = None) -> Iterator[dict]:
    sent: dict[str, str] = {}
    n = 0
    doc = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id"):
            sent = {"sent_id": line.split("=", 1)[1].strip()}
        elif line.startswith("# text =") and sent:
            sent["text"] = line.split("=", 1)[1].strip()
        elif not line.strip() and sent:
            if start <= n and (stop is None or n < stop) and (doc_prefix is None or
                                                               doc.startswith(doc_prefix)):
                yield {"corpus": path.parent.name, "file": path.name, "sent_id": sent["sent_id"],
                       "text": sent.get("text", ""), "doc": doc}
            n += 1
            sent = {}


def _corpus_sentences(path: Path, language: str, max_per_doc: int | None = None) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("language", language) != language or not row.get("text"):
            continue
        sents = split_sentences(row["text"])
        for i, text in enumerate(sents):
            if max_per_doc is not None and i >= max_per_doc:
                break
            yield {"corpus": path.name, "id": row["id"], "sentence": i + 1, "text": text,
                   "date": (row.get("date") or "")[:10],
                   "context": " ".join(sents[max(0, i - 3):i])}


def _seed_sentences() -> Iterator[dict]:
    path = next(p for p in sorted((SHARED / "seed").glob("*.txt")))
    text = path.read_text(encoding="utf-8")
    sents = split_sentences(text)
    for i, s in enumerate(sents):
        yield {"corpus": f"seed/{path.name}", "id": path.stem, "sentence": i + 1, "text": s,
               "date": "2023-08-30", "context": " ".join(sents[max(0, i - 3):i])}


def _source(language: str, name: str) -> list[dict]:
    ud = SHARED / "ud"
    corpora = SHARED / "corpora"
    if name == "seed":
        return list(_seed_sentences())
    if name == "itn":
        return list(_corpus_sentences(corpora / "itn_wikipedia_in_the_news_de_en.jsonl", language))
    if name == "addresses":
        return list(_corpus_sentences(corpora / "ukraine_official_addresses_en_2022.jsonl", language))
    if name == "pud":
        return list(_ud_sentences(ud / "UD_German-PUD" / "de_pud-ud-test.conllu", 850, None))
    if name == "pud-seen":  # German and English PUD 1-850, news only, chosen by the German filter
        german = _ud_sentences(ud / "UD_German-PUD" / "de_pud-ud-test.conllu", 0, 850)
        match = _matcher("de")
        ids = {s["sent_id"] for s in german if s["sent_id"].startswith("n") and match.search(s["text"])}
        folder, file = (("UD_German-PUD", "de_pud-ud-test.conllu") if language == "de" else
                        ("UD_English-PUD", "en_pud-ud-test.conllu"))
        return [s for s in _ud_sentences(ud / folder / file, 0, 850) if s["sent_id"] in ids]
    if name == "gsd":
        return list(_ud_sentences(ud / "UD_German-GSD" / "de_gsd-ud-test.conllu", 0, 400))
    if name == "ewt":
        return list(_ud_sentences(ud / "UD_English-EWT" / "en_ewt-ud-test.conllu", 0, 500))
    if name == "gum-news":
        out = []
        for f in ("en_gum-ud-dev.conllu", "en_gum-ud-test.conllu"):
            out.extend(_ud_sentences(ud / "UD_English-GUM" / f, doc_prefix="GUM_news"))
        return out
    raise ValueError(name)


def _record(language: str, item: dict, selection: str) -> dict:
    if "sent_id" in item:
        rid = f"{language}-{item['corpus'].split('-')[-1].lower()}-{item['sent_id']}"
        origin = {"corpus": item["corpus"], "file": item["file"], "sent_id": item["sent_id"]}
        date, context = "", ""
    else:
        short = item["corpus"].split("_")[0].split("/")[0].replace(".jsonl", "")
        rid = f"{language}-{short}-{item['id']}-s{item['sentence']}"
        origin = {"corpus": item["corpus"], "id": item["id"], "sentence": item["sentence"]}
        date, context = item["date"], item["context"]
    rec = {"id": rid, "language": language, "date": date, "split": split_of(rid),
           "origin": origin, "selection": selection, "context": context, "text": item["text"],
           "events": [], "acceptable": [], "note": ""}
    if item["corpus"].startswith("ukraine_official_addresses"):
        rec["speaker"] = "UKRGOV"
    return rec


def select_round_2(language: str) -> list[dict]:
    """Round 2 candidates for ``language``: none of them is a round-1 candidate."""
    rng = random.Random(SEED + 2)
    match = _matcher(language)
    taken = {r["id"] for r in select(language)}
    out: list[dict] = []
    for name, n_actor, n_random in PLAN_2[language]:
        items = [it for it in _source(language, name) if _record(language, it, "")["id"] not in taken]
        if name == "pud-seen":
            chosen = items
        elif n_actor == "all":
            chosen = items
        elif n_actor is None:
            chosen = [it for it in items if match.search(it["text"])]
        else:
            with_actor = [it for it in items if match.search(it["text"])]
            chosen = rng.sample(with_actor, min(n_actor, len(with_actor)))
        rest = [it for it in items if it not in chosen]
        chosen_random = rng.sample(rest, min(n_random, len(rest)))
        for it in chosen:
            rec = _record(language, it, "all" if n_actor == "all" else "actor-filter")
            if name == "pud-seen":
                rec["parser_seen"] = True
            out.append(rec)
        out.extend(_record(language, it, "random") for it in chosen_random)
    return out


def select(language: str) -> list[dict]:
    """The candidate records for ``language``, in a fixed order."""
    rng = random.Random(SEED)
    match = _matcher(language)
    out: list[dict] = []
    for name, n_actor, n_random in PLAN[language]:
        items = _source(language, name)
        if n_actor is None:  # small sources: every sentence
            out.extend(_record(language, it, "all" if not match.search(it["text"]) else "all")
                       for it in items)
            continue
        with_actor = [it for it in items if match.search(it["text"])]
        chosen = rng.sample(with_actor, min(n_actor, len(with_actor)))
        rest = [it for it in items if it not in chosen]
        chosen_random = rng.sample(rest, min(n_random, len(rest)))
        out.extend(_record(language, it, "actor-filter") for it in chosen)
        out.extend(_record(language, it, "random") for it in chosen_random)
    seen: set[str] = set()
    unique = []
    for rec in out:
        if rec["id"] not in seen:
            seen.add(rec["id"])
            unique.append(rec)
    return unique


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", required=True, choices=sorted(PLAN))
    parser.add_argument("--round", type=int, choices=[1, 2], default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    records = select(args.language) if args.round == 1 else select_round_2(args.language)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{len(records)} candidates ({args.language})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
