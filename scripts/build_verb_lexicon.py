"""Build ``eventcoder/resources/<lang>/verb_lexicon.tsv`` from Universal Dependencies.

The verb rescue (``eventcoder/parsing/verb_rescue.py``) retags a word the tagger took
for a noun only where its lemma is a verb: a lemma of the event dictionary, of the
language rules' verb lists, or of this lexicon. The lexicon lists each lemma that the
CC BY-SA treebanks tag as VERB with its reading: ``verb`` where VERB is at least
``--min-count`` times and more often than NOUN, ADJ or PROPN together, ``noun`` where
the other tags win ("attack", "sanction", "force": the rescue asks more of these). The
held-out evaluation slices (EWT test sentences 1-500, GSD test 1-400) are left out, and
so are the CC BY-NC-SA treebanks (GUM, LinES, ParTUT, LIT).

Usage::

    python scripts/build_verb_lexicon.py en
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))

#: (file under ud/, first sentence used): CC BY-SA treebanks, held-out slices skipped
SOURCES = {
    "en": [("UD_English-EWT/en_ewt-ud-dev.conllu", 0), ("UD_English-EWT/en_ewt-ud-test.conllu", 500),
           ("UD_English-Atis/en_atis-ud-train.conllu", 0), ("UD_English-PUD/en_pud-ud-test.conllu", 0)],
    "de": [("UD_German-GSD/de_gsd-ud-dev.conllu", 0), ("UD_German-GSD/de_gsd-ud-test.conllu", 400),
           ("UD_German-PUD/de_pud-ud-test.conllu", 0)],
}
OTHER_TAGS = ("NOUN", "ADJ", "PROPN")


def count_tags(language: str) -> dict[str, Counter]:
    """Lemma -> Counter of UPOS over the language's sources."""
    tags: dict[str, Counter] = {}
    for rel, first in SOURCES[language]:
        n = -1
        for line in (SHARED / "ud" / rel).read_text(encoding="utf-8").splitlines():
            if line.startswith("# sent_id"):
                n += 1
            if n < first or not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            lemma = cols[2].lower()
            if lemma.isalpha():
                tags.setdefault(lemma, Counter())[cols[3]] += 1
    return tags


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("language", choices=sorted(SOURCES))
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    tags = count_tags(args.language)
    rows = []
    for lemma, c in sorted(tags.items()):
        other = sum(c[t] for t in OTHER_TAGS)
        if c["VERB"] >= args.min_count and c["VERB"] > other:
            rows.append(f"{lemma}\tverb\t{c['VERB']}\t{other}")
        elif c["VERB"] and other >= c["VERB"]:
            rows.append(f"{lemma}\tnoun\t{c['VERB']}\t{other}")
    out = REPO / "eventcoder" / "resources" / args.language / "verb_lexicon.tsv"
    header = [
        f"# Verb lemmas of {args.language} for the verb rescue (eventcoder/parsing/verb_rescue.py).",
        "# Built by scripts/build_verb_lexicon.py from Universal Dependencies treebanks",
        "# (CC BY-SA: " + ", ".join(rel.split("/")[0] for rel, _ in SOURCES[args.language]) + "),",
        "# held-out evaluation slices left out. reading: verb = tagged VERB >= "
        f"{args.min_count} times and more",
        "# often than NOUN, ADJ or PROPN; noun = tagged VERB, but as often or more as NOUN, ADJ",
        "# or PROPN. Regenerate, do not edit.",
        "lemma\treading\tverb_count\tother_count",
    ]
    out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    readings = Counter(r.split("\t")[1] for r in rows)
    print(f"{out.relative_to(REPO)}: {readings['verb']} verbs, {readings['noun']} noun-like")


if __name__ == "__main__":
    main()
