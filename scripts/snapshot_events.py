"""Write the events the coder gives on a fixed set of inputs, to check that a refactoring
changes nothing (byte-identical files before and after).

Inputs: every German and English UD treebank in ../shared/ud (gold parses, coded with
``code_conllu``), the hand-parsed test fixtures, the German PUD and English PUD, and the
example corpus in ``eventcoder/examples`` coded from raw text (stanza, through the parse cache).

Usage::

    python scripts/snapshot_events.py OUT_DIR            # write one CSV per input
    python scripts/snapshot_events.py OUT_DIR --compare OTHER_DIR   # then diff the two
    python scripts/snapshot_events.py OUT_DIR --no-raw   # skip the raw-text corpus

Prints one line per input with its number of events and the SHA-256 of the file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))


def _inputs() -> list[tuple[str, str, Path]]:
    out = []
    ud = SHARED / "ud"
    for folder in sorted(ud.glob("UD_German-*")) + sorted(ud.glob("UD_English-*")):
        lang = "de" if "German" in folder.name else "en"
        for path in sorted(folder.glob("*.conllu")):
            out.append((f"ud-{path.stem}", lang, path))
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.conllu")):
        lang = "de" if path.name.startswith("de_") else "en"
        out.append((f"fixture-{path.stem}", lang, path))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="a snapshot folder to compare with")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw-text example corpus")
    args = parser.parse_args(argv)

    import eventcoder as ec

    args.out.mkdir(parents=True, exist_ok=True)
    for name, lang, path in _inputs():
        frame = ec.code_conllu(path, language=lang)
        target = args.out / f"{name}.csv"
        frame.to_csv(target, index=False)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
        print(f"{name:45s} {len(frame):6d} events  {digest}")
    if not args.no_raw:
        for path in [ROOT / "eventcoder" / "examples" / f"{n}.jsonl"
                     for n in ("seed_article_de", "ukraine_2022_example_en")]:
            frame = ec.code_articles(path, progress=False)
            target = args.out / f"raw-{path.stem}.csv"
            frame.to_csv(target, index=False)
            digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
            print(f"{'raw-' + path.stem:45s} {len(frame):6d} events  {digest}")
    if args.compare:
        differ = []
        for target in sorted(args.out.glob("*.csv")):
            other = args.compare / target.name
            if not other.is_file() or other.read_bytes() != target.read_bytes():
                differ.append(target.name)
        missing = sorted({p.name for p in args.compare.glob("*.csv")} - {p.name for p in
                                                                          args.out.glob("*.csv")})
        print(f"compared with {args.compare}: {len(differ)} files differ {differ}; "
              f"missing here: {missing}")
        return 1 if differ or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
