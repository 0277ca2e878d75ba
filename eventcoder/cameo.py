"""The CAMEO event ontology: codes, short names, root codes, QuadClass, Goldstein.

The table ships as package data (``resources/cameo/event_codes.tsv``), built by
``scripts/build_cameo_table.py`` from the reference tables in ``../shared/cameo``.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

__all__ = ["CameoCode", "QUAD_CLASS_LABELS", "load_cameo", "cameo_code"]

QUAD_CLASS_LABELS = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code.

    Attributes
    ----------
    code : str
        The code as a string with leading zeros ("042").
    name : str
        eventcoder's short name ("Make a visit").
    root_code : str
        The two-digit root ("04").
    quad_class : int
        1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
        4 material conflict.
    goldstein : float
        Goldstein conflict-cooperation weight (-10 .. +10), GDELT values.
    """

    code: str
    name: str
    root_code: str
    quad_class: int
    goldstein: float


@functools.lru_cache(maxsize=1)
def load_cameo() -> dict[str, CameoCode]:
    """Return every CAMEO code, keyed by code string.

    Examples
    --------
    >>> load_cameo()["129"].name
    'Veto'
    """
    path = resources.files("eventcoder") / "resources" / "cameo" / "event_codes.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    table = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        table[row["code"]] = CameoCode(
            code=row["code"], name=row["name"], root_code=row["root_code"],
            quad_class=int(row["quad_class"]), goldstein=float(row["goldstein"]),
        )
    return table


def cameo_code(code: str) -> CameoCode:
    """Look up one code; raise ``KeyError`` naming it if it is not CAMEO."""
    try:
        return load_cameo()[str(code)]
    except KeyError:
        raise KeyError(f"{code!r} is not a CAMEO event code") from None
