"""The CAMEO event ontology: codes, short names, root codes, QuadClass, Goldstein.

The table ships as package data (``resources/cameo/event_codes.tsv``), built by
``scripts/build_cameo_table.py`` from the reference tables in ``../shared/cameo``.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from .resources_path import resource_dir

__all__ = ["ORG_PREFIXES", "CameoCode", "QUAD_CLASS_LABELS", "UNKNOWN_QUAD_CLASS", "actor_country",
           "actor_role", "cameo_code", "describe_code", "load_cameo", "quad_of", "root_of",
           "split_actor"]

QUAD_CLASS_LABELS = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}

#: QuadClass of an event code that is not in the CAMEO table (a dictionary's own
#: code, such as PETRARCH's test codes "903" or "174L"): its meaning is unknown.
UNKNOWN_QUAD_CLASS = 0


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
    path = resource_dir("cameo", "event_codes.tsv")
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


@functools.lru_cache(maxsize=4096)
def describe_code(code: str) -> CameoCode:
    """The CAMEO entry of ``code``, or a stand-in for a code that is not CAMEO.

    Dictionaries from elsewhere (PETRARCH's validation files, a project's own
    extensions) may use codes the CAMEO table lacks. Such events are kept with
    their code as written; what CAMEO would say about them is unknown, so the
    stand-in has the name ``"(not a CAMEO code)"``, QuadClass
    :data:`UNKNOWN_QUAD_CLASS` (0), a NaN Goldstein weight, and the root code
    of its first two digits only where that is a CAMEO root ("174L" -> "17",
    "903" -> "").

    Examples
    --------
    >>> describe_code("042").name
    'Make a visit'
    >>> c = describe_code("174L")
    >>> c.code, c.root_code, c.quad_class, c.goldstein != c.goldstein
    ('174L', '17', 0, True)
    """
    code = str(code)
    table = load_cameo()
    found = table.get(code)
    if found is not None:
        return found
    root = code[:2] if code[:2] in table else ""
    return CameoCode(code=code, name="(not a CAMEO code)", root_code=root,
                     quad_class=UNKNOWN_QUAD_CLASS, goldstein=float("nan"))


# --------------------------------------------------------------------------- event codes


def root_of(code: str) -> str:
    """The two-digit CAMEO root of an event code; ``""`` for none.

    Examples
    --------
    >>> root_of("0231"), root_of("195"), root_of(""), root_of("174L")
    ('02', '19', '', '17')
    """
    code = str(code or "").strip()
    if not code:
        return ""
    cameo = load_cameo()
    if code in cameo:
        return cameo[code].root_code
    return code[:2]


def quad_of(code: str) -> int:
    """QuadClass (1-4) of an event code; :data:`UNKNOWN_QUAD_CLASS` (0) when it is not CAMEO.

    A code missing from the table takes the class of its 3- or 2-digit prefix.

    Examples
    --------
    >>> quad_of("042"), quad_of("1124"), quad_of("190"), quad_of("903")
    (1, 3, 4, 0)
    """
    code = str(code or "").strip()
    cameo = load_cameo()
    for key in (code, code[:3], code[:2]):
        if key in cameo:
            return cameo[key].quad_class
    return UNKNOWN_QUAD_CLASS


# --------------------------------------------------------------------------- actor codes

#: actor codes whose first six letters name an organisation, not a country
ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC")


def split_actor(code: str) -> tuple[str, str]:
    """Split a CAMEO actor code into its country (or organisation) and its primary role.

    The country is the first three letters ("USAGOV" -> "USA", "---GOV" -> "---",
    the unknown country); an organisation code (IGO, NGO, IMG, MNC) keeps its first
    six ("IGONATMIL" -> "IGONAT"). The role is the next three letters. An empty code
    (one-sided events have no target) gives ``("", "")``.

    Examples
    --------
    >>> [split_actor(c) for c in ("USAGOV", "IGOUNO", "IGONATMIL", "---MIL", "PRK", "")]
    [('USA', 'GOV'), ('IGOUNO', ''), ('IGONAT', 'MIL'), ('---', 'MIL'), ('PRK', ''), ('', '')]
    """
    code = str(code or "").strip()
    start = 6 if code.startswith(ORG_PREFIXES) else 3
    return code[:start], code[start:start + 3]


def actor_country(code: str) -> str:
    """The country (or organisation) part of an actor code (see :func:`split_actor`).

    Examples
    --------
    >>> [actor_country(c) for c in ("USAGOV", "---GOV", "IGOUNO", "IGONATMIL", "PRK", "")]
    ['USA', '---', 'IGOUNO', 'IGONAT', 'PRK', '']
    """
    return split_actor(code)[0]


def actor_role(code: str) -> str:
    """The primary role part of an actor code, ``""`` if it has none (see :func:`split_actor`).

    Examples
    --------
    >>> [actor_role(c) for c in ("USAGOV", "---MIL", "IGONATMIL", "PRK")]
    ['GOV', 'MIL', 'MIL', '']
    """
    return split_actor(code)[1]
