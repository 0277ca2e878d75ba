"""Rebuild eventcoder/resources/cameo/plover.tsv from ../shared/cameo/plover_mapping.tsv.

Keeps only the mapping facts: CAMEO code -> PLOVER event type, PLOVER mode and
PLOVER context (the 2021 CAMEO2PLOVER file). Where the file has no event type
for a code, the PLOVER manual's root table is used (155 -> MOBILIZE, 176 ->
COERCE, ...); codes PLOVER drops (all of 01x and 02x) get an empty event type.
A code listed twice keeps its first line (the file lists the root ``08`` under
CONCEDE and again under RETREAT; 081-083 are CONCEDE, 084-087 RETREAT).

Usage: python scripts/build_plover_table.py [SHARED_DIR]
"""

from __future__ import annotations

import csv
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eventcoder" / "resources" / "cameo" / "plover.tsv"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
}

logger = logging.getLogger("build_plover_table")


def build(shared: Path) -> list[tuple[str, str, str, str]]:
    """Return ``(cameo_code, plover_event, plover_mode, plover_context)`` rows."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    with (shared / "cameo" / "plover_mapping.tsv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            code = rec["cameo_code"].strip()
            if code in rows:
                logger.info("%s listed again (%s); keeping %s", code,
                            rec["plover_event"], rows[code][1])
                continue
            event = rec["plover_event"].strip()
            if not event:
                manual = rec["plover_manual_root_table"].strip().upper()
                event = manual if manual in PLOVER_TYPES else ""
            context = "; ".join(c.strip() for c in rec["plover_context"].split(";") if c.strip())
            rows[code] = (code, event, rec["plover_mode"].strip(), context)
    return sorted(rows.values(), key=lambda r: (r[0][:2], len(r[0]), r[0]))


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    rows = build(shared)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("cameo_code\tplover_event\tplover_mode\tplover_context\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    logger.info("wrote %d rows to %s", len(rows), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
