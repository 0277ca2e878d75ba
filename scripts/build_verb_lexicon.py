"""Build ``eventcoder/resources/<lang>/verb_lexicon.txt`` from Universal Dependencies.

The verb rescue (``eventcoder/parsing/verb_rescue.py``) retags a word the tagger took
for a noun only where its lemma is a verb: a lemma of the event dictionary, of the
language rules' verb lists, or of this lexicon. The lexicon holds the lemmas that the
CC BY-SA treebanks tag as VERB at least ``--min-count`` times and more often than as
NOUN, ADJ or PROPN (so "result", "issue", "attack" stay out unless the dictionary has
them). The held-out evaluation slices (EWT test sentences 1-500, GSD test 1-400) are
left out, and so are the CC BY-NC-SA treebanks (GUM, LinES, ParTUT, LIT).

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
    keep = sorted(lemma for lemma, c in tags.items()
                  if c["VERB"] >= args.min_count and c["VERB"] > sum(c[t] for t in OTHER_TAGS))
    out = REPO / "eventcoder" / "resources" / args.language / "verb_lexicon.txt"
    header = [
        f"# Verb lemmas of {args.language} for the verb rescue (eventcoder/parsing/verb_rescue.py).",
        "# Built by scripts/build_verb_lexicon.py from Universal Dependencies treebanks",
        "# (CC BY-SA: " + ", ".join(rel.split("/")[0] for rel, _ in SOURCES[args.language]) + "),",
        f"# held-out evaluation slices left out: lemmas tagged VERB >= {args.min_count} times and",
        "# more often than NOUN, ADJ or PROPN. Regenerate, do not edit.",
    ]
    out.write_text("\n".join(header + keep) + "\n", encoding="utf-8")
    print(f"{out.relative_to(REPO)}: {len(keep)} lemmas")


if __name__ == "__main__":
    main()
