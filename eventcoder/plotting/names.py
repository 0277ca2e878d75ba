"""Names beside CAMEO codes: "RUS" -> "Russia", "IGOUNO" -> "United Nations", "---" -> "unknown"."""

from __future__ import annotations

import functools

__all__ = ["country_name", "labelled"]

#: CAMEO region codes (CAMEO manual, table 3.3)
_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CAS": "Central Asia", "CAU": "Caucasus",
    "CEU": "Central Europe", "CFR": "Central Africa", "CRB": "Caribbean",
    "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EIN": "East Indies", "EUR": "Europe",
    "LAM": "Latin America", "MDT": "Mediterranean", "MEA": "Middle East",
    "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf",
    "SAF": "Southern Africa", "SAM": "South America", "SAS": "South Asia",
    "SCN": "Scandinavia", "SEA": "Southeast Asia", "WAF": "West Africa", "WST": "the West",
}
#: organisations as :func:`eventcoder.cameo.actor_country` reports them (six letters)
_ORGANISATIONS = {
    "IGOUNO": "United Nations", "IGOEUR": "EU / European IGO", "IGONAT": "NATO",
    "IGOWTO": "WTO", "IGOAFR": "African Union / IGO", "IGOARL": "Arab League",
    "IGOASN": "ASEAN", "IGOGCC": "Gulf Cooperation Council", "IGOOPC": "OPEC",
    "IGOOAS": "Organization of American States", "IGOCOE": "Council of Europe",
    "IGOCIS": "CIS", "IGOICC": "International Criminal Court", "IGOBRI": "BRICS",
    "IGOSCO": "Shanghai Cooperation Org.", "IGOWAF": "ECOWAS / West African IGO",
    "IGOG20": "G20", "IGOIMF": "IMF", "IGOOIC": "Org. of Islamic Cooperation",
    "NGOAMN": "Amnesty International", "NGOHRW": "Human Rights Watch", "NGOIRC": "Red Cross",
    "NGOMSF": "Médecins Sans Frontières", "NGOGRP": "Greenpeace",
}
_KINDS = {"IGO": "intergovernmental org.", "NGO": "NGO", "IMG": "armed group (intl.)",
          "MNC": "multinational company"}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """CAMEO country code -> short English name (CLDR), for every ISO country."""
    try:
        import babel
        import pycountry
    except ImportError:  # pragma: no cover - both are install requirements
        return {}
    from ..countries import cameo_country

    names = babel.Locale.parse("en").territories
    out = {}
    for country in pycountry.countries:
        name = names.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        out[cameo_country(country.alpha_3)] = name
    return out


def country_name(code: str) -> str:
    """An English name for the country part of an actor code; ``""`` if unknown.

    Examples
    --------
    >>> [country_name(c) for c in ("RUS", "PRK", "IGOUNO", "EUR", "---", "ROM", "IGOXYZ")]
    ['Russia', 'North Korea', 'United Nations', 'Europe', 'unknown', 'Romania', 'intergovernmental org.']
    """
    code = str(code or "")
    if code == "---":
        return "unknown"
    if code in _ORGANISATIONS:
        return _ORGANISATIONS[code]
    if code[:3] in _KINDS and (len(code) > 3 or code in _KINDS):
        return _KINDS[code[:3]]
    if code in _REGIONS:
        return _REGIONS[code]
    return _countries().get(code, "")


def labelled(code: str, *, width: int = 18) -> str:
    """"RUS Russia": the code with its name (shortened to ``width`` characters).

    Examples
    --------
    >>> labelled("RUS"), labelled("IGOEUR"), labelled("---"), labelled("XYZ")
    ('RUS Russia', 'IGOEUR EU / European IGO', '--- unknown', 'XYZ')
    """
    name = country_name(code)
    if len(name) > width:
        name = name[:width - 1].rstrip() + "…"
    return f"{code} {name}" if name else code
