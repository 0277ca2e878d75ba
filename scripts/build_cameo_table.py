"""Rebuild eventcoder/resources/cameo/event_codes.tsv from ../shared/cameo.

Numbers (root code, QuadClass, Goldstein weight) are copied from the shared
reference tables (GDELT's Goldstein column; a code without a GDELT value takes
its parent's). Short names are eventcoder's own: the GDELT/manual label with
"not specified below" and typos removed, shortened and lower-cased.

Usage: python scripts/build_cameo_table.py [SHARED_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eventcoder" / "resources" / "cameo" / "event_codes.tsv"
QUAD = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
        **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
FIXES = {"matyerial": "material", "ÒhirdÓ": " third ", "Òhird": "third"}


def short_name(name: str) -> str:
    for bad, good in FIXES.items():
        name = name.replace(bad, good)
    name = re.sub(r",?\s*not specifi?c?ed below", "", name, flags=re.I)
    name = re.sub(r"\s+", " ", name).strip(" ,")
    name = re.sub(r"\s*\(.*?\)", "", name)
    name = name.replace("Express intent to", "Intend to")
    if name.isupper():
        name = name.capitalize()
    return name[:1].upper() + name[1:].lower()


def main(shared: Path) -> None:
    codes = list(csv.DictReader(open(shared / "cameo_event_codes.tsv", encoding="utf-8"), delimiter="\t"))
    with open(shared / "goldstein.tsv", encoding="utf-8") as fh:
        gold = {r["code"]: r for r in csv.DictReader(fh, delimiter="\t")}
    rows = []
    weights: dict[str, float] = {}
    for r in codes:
        code = r["code"]
        g = gold.get(code, {}).get("goldstein_gdelt", "")
        if not g:
            g = gold.get(code, {}).get("goldstein_icews", "")
        if g:
            weights[code] = float(g)
        else:
            parent = code[:-1]
            while parent and parent not in weights:
                parent = parent[:-1]
            weights[code] = weights[parent] if parent else 0.0
        root = r["root_code"]
        name = r["gdelt_name"] or r["name"]
        rows.append((code, root, str(QUAD[int(root)]), f"{weights[code]:.1f}", short_name(name)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# CAMEO 1.1b3 event codes. Numbers from ../shared/cameo (GDELT Goldstein weights;\n")
        fh.write("# codes without one take their parent's). Names are eventcoder's short labels.\n")
        fh.write("# Regenerate with: python scripts/build_cameo_table.py\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "root_code", "quad_class", "goldstein", "name"])
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "cameo")
