"""Country names and codes: the one table built from babel's CLDR data and pycountry.

CAMEO country codes are ISO 3166 alpha-3 codes except for a few
(``resources/common/country_codes.tsv``: Romania is ROM, not ROU). Country names in
every language come from the CLDR (via babel); the actor dictionaries add
adjectives, short forms and capitals on top.

Examples
--------
>>> dict(cldr_countries("de"))["Nordkorea"]
'PRK'
>>> cameo_country("ROU")
'ROM'
"""

from __future__ import annotations

import csv
import functools
import logging
from collections.abc import Mapping
from types import MappingProxyType

from .resources_path import resource_dir

__all__ = ["cameo_country", "cldr_countries", "iso3_overrides"]

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def iso3_overrides() -> Mapping[str, str]:
    """ISO alpha-3 -> CAMEO code where the two differ (``country_codes.tsv``)."""
    path = resource_dir("common", "country_codes.tsv")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return MappingProxyType({row["iso3"]: row["cameo"] for row in csv.DictReader(lines, delimiter="\t")})


def cameo_country(iso3: str) -> str:
    """The CAMEO code of an ISO 3166 alpha-3 country code."""
    return iso3_overrides().get(iso3, iso3)


@functools.lru_cache(maxsize=16)
def cldr_countries(language: str) -> tuple[tuple[str, str], ...]:
    """Every country name the CLDR knows in ``language``, with its CAMEO code, in CLDR order.

    Regions that are not countries (numeric CLDR codes, codes pycountry does not
    know) are left out. Empty when babel or pycountry is missing (logged).
    """
    try:
        import babel
        import pycountry
    except ImportError:  # pragma: no cover - both are install requirements
        logger.warning("babel/pycountry missing: no CLDR country names")
        return ()
    out = []
    for alpha2, name in babel.Locale.parse(language).territories.items():
        if not alpha2.isalpha():
            continue
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            out.append((name, cameo_country(country.alpha_3)))
    return tuple(out)
