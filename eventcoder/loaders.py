"""Bring existing event data (GDELT, ICEWS, Phoenix) into eventcoder's events schema.

Every loader returns a frame whose first columns are ``EVENT_COLUMNS`` (see
:func:`eventcoder.events_to_frame`), so the aggregation and plotting functions
work on it unchanged. Columns the source lacks are ``""`` (text) or NaN
(``goldstein``); ``mode`` is "asserted". Three provenance columns follow:
``dataset`` ("gdelt1", "gdelt2", "icews", "icews_tkg", "phoenix"), ``record_id``
(the source's event id, or the row number) and ``url`` (the article, where known).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import logging
import re
import unicodedata
from collections.abc import Mapping
from os import PathLike

import pandas as pd

from .cameo import load_cameo
from .countries import cameo_country, cldr_countries
from .events import EVENT_COLUMNS

__all__ = ["PROVENANCE_COLUMNS", "country_code", "icews_actor_code", "load_gdelt", "load_icews",
           "load_phoenix"]

logger = logging.getLogger(__name__)

PROVENANCE_COLUMNS = ("dataset", "record_id", "url")
PathOrBuffer = str | PathLike | io.IOBase

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
_GEO1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
_GEO2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]


def _gdelt_columns(geo: list[str]) -> list[str]:
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR] + _EVENT
            + [f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in geo]
            + ["DATEADDED", "SOURCEURL"])


GDELT1_COLUMNS = tuple(_gdelt_columns(_GEO1))  # 58; the back-file lacks SOURCEURL
GDELT2_COLUMNS = tuple(_gdelt_columns(_GEO2))  # 61

# ICEWS sector words -> CAMEO role codes (first match, on the lower-cased sector).
_SECTOR_ROLES = (
    ("bank", "BUS"), ("police", "COP"), ("military", "MIL"), ("defense", "MIL"), ("army", "MIL"),
    ("judiciary", "JUD"), ("judge", "JUD"), ("court", "JUD"), ("lawyer", "JUD"),
    ("legislat", "LEG"), ("parliament", "LEG"), ("congress", "LEG"), ("senate", "LEG"),
    ("lawmaker", "LEG"), ("opposition", "OPP"), ("rebel", "REB"), ("insurgent", "REB"),
    ("militant", "REB"), ("criminal", "CRM"), ("gang", "CRM"), ("attacker", "UAF"),
    ("protest", "CVL"), ("activist", "CVL"), ("citizen", "CVL"), ("men", "CVL"),
    ("women", "CVL"), ("children", "CVL"), ("student", "EDU"), ("education", "EDU"),
    ("media", "MED"), ("journalist", "MED"), ("business", "BUS"), ("company", "BUS"),
    ("employee", "LAB"), ("labor", "LAB"), ("worker", "LAB"), ("refugee", "REF"),
    ("immigrant", "REF"), ("medical", "HLH"), ("health", "HLH"), ("religio", "REL"),
    ("naval", "MIL"), ("air force", "MIL"), ("reserve", "MIL"), ("armed band", "REB"),
    ("militia", "REB"), ("combatant", "REB"), ("separatist", "REB"), ("thie", "CRM"),
    ("mob", "CVL"), ("villager", "CVL"), ("indigenous", "CVL"), ("prosecutor", "JUD"),
    ("attorney", "JUD"), ("representatives", "LEG"), ("assembl", "LEG"),
    ("human rights", "HRI"), ("professor", "EDU"), ("bishop", "REL"),
    ("newspaper", "MED"), ("parti", "GOV"), ("party", "GOV"), ("government", "GOV"),
    ("director", "GOV"), ("ministr", "GOV"), ("minister", "GOV"),
    ("cabinet", "GOV"), ("foreign affairs", "GOV"), ("official", "GOV"),
    ("authorit", "GOV"), ("governor", "GOV"), ("mayor", "GOV"), ("envoy", "GOV"),
    ("head of", "GOV"), ("royal", "GOV"), ("executive", "GOV"), ("treasury", "GOV"),
    ("domestic affairs", "GOV"), ("election", "GOV"),
)
_PAREN = re.compile(r"^(?P<sector>.+?)\s*\((?P<country>[^()]+)\)\s*$")


def _key(name: str) -> str:
    """Lower case without accents: "Côte d'Ivoire" -> "cote d'ivoire"."""
    decomposed = unicodedata.normalize("NFKD", str(name).strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-cased country names (pycountry, CLDR en/de) -> CAMEO country codes."""
    names: dict[str, str] = {}
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is installed with babel
        logger.warning("pycountry missing: country names are not mapped to codes")
        return names
    for country in pycountry.countries:
        code = cameo_country(country.alpha_3)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(_key(value), code)
    for locale in ("en", "de"):
        for name, code in cldr_countries(locale):
            names[_key(name)] = code
    aliases = {"occupied palestinian territory": "PSE", "palestinian territory, occupied": "PSE",
               "palestine": "PSE", "turkey": "TUR",
               "holy see": "VAT", "czech republic": "CZE", "swaziland": "SWZ",
               "macedonia": "MKD", "burma": "MMR", "ivory coast": "CIV", "laos": "LAO",
               "democratic republic of congo": "COD", "republic of congo": "COG",
               "united nations": "IGOUNO", "european union": "IGOEEC"}
    names.update({_key(k): cameo_country(v) for k, v in aliases.items()})
    return names


def country_code(name: str) -> str:
    """The CAMEO country code for a country name, or ``""`` if it is not one.

    Names come from pycountry and the CLDR (English and German, via babel);
    ISO codes that CAMEO spells differently are translated ("Romania" -> "ROM").

    Examples
    --------
    >>> country_code("North Korea"), country_code("Russland"), country_code("Donald Trump")
    ('PRK', 'RUS', '')
    """
    return _country_names().get(_key(name), "")


@functools.lru_cache(maxsize=4096)
def _sector_role(sector: str) -> str:
    sector = sector.lower()
    for word, role in _SECTOR_ROLES:
        if re.search(rf"\b{re.escape(word)}", sector):
            return role
    return ""


@functools.lru_cache(maxsize=1)
def _english_actors() -> dict[tuple[str, ...], list]:
    try:
        from .dictionaries import load_language
        return load_language("en").actors
    except Exception as error:  # noqa: BLE001 - the dictionaries are optional here
        logger.warning("English actor dictionary unavailable (%s)", error)
        return {}


@functools.lru_cache(maxsize=65536)
def _name_code(name: str) -> tuple[str, tuple]:
    """(code, ()) for names that need no date, else ("", dictionary entries)."""
    from .dictionaries import normalize
    match = _PAREN.match(name)
    if match and country_code(match["country"]):
        return country_code(match["country"]) + _sector_role(match["sector"]), ()
    if country_code(name):
        return country_code(name), ()
    return "", tuple(_english_actors().get(tuple(normalize(name).split()), ()))


def icews_actor_code(name: str, date: str = "", *, country: str = "",
                     sectors: str = "") -> str:
    """A CAMEO actor code for an ICEWS actor, ``""`` if it cannot be resolved.

    "Military (Russia)" -> "RUSMIL"; "North Korea" -> "PRK"; a person or
    organisation known to eventcoder's English actor dictionary ("Donald Trump")
    takes its code there (valid on ``date``); otherwise ``country`` (a name,
    Dataverse "Source Country") and ``sectors`` give country and role, an actor
    with sectors but no known country gets "---" + role.

    Examples
    --------
    >>> icews_actor_code("Military (Russia)"), icews_actor_code("North Korea")
    ('RUSMIL', 'PRK')
    >>> icews_actor_code("Angry villagers", country="India", sectors="Citizen")
    'INDCVL'
    """
    name = str(name or "").strip()
    code, entries = _name_code(name) if name else ("", ())
    if code:
        return code
    if entries:
        try:
            day = dt.date.fromisoformat(str(date)[:10])
        except ValueError:
            day = None
        valid = [e for e in entries if e.valid_on(day)]
        return (valid or entries)[0].code
    base = country_code(country or "")
    role = _sector_role(sectors or "")
    if base:
        return base + role
    return "---" + role if role else ""


def _finish(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Fill derived and missing columns, order them, set dtypes."""
    cameo = load_cameo()
    codes = frame["event_code"].fillna("").astype(str).str.strip()
    codes = codes.map(lambda c: "0" + c if c not in cameo and "0" + c in cameo else c)
    frame["event_code"] = codes
    names = codes.map(lambda c: cameo[c].name if c in cameo else "")
    frame["event_name"] = frame.get("event_name", names).where(
        frame.get("event_name", names).fillna("") != "", names)
    roots = frame.get("root_code", codes.str[:2]).fillna("").astype(str).str.strip()
    frame["root_code"] = roots.where(roots != "", codes.str[:2]).str.zfill(2).where(
        codes != "", "")
    for column, default in (("quad_class", lambda c: cameo[c].quad_class if c in cameo else 0),
                            ("goldstein", lambda c: cameo[c].goldstein if c in cameo else None)):
        fallback = pd.to_numeric(codes.map(default), errors="coerce").astype(float)
        given = pd.to_numeric(frame[column], errors="coerce") if column in frame else fallback
        frame[column] = given.fillna(fallback)
    frame["quad_class"] = pd.to_numeric(frame["quad_class"], errors="coerce").fillna(0)
    frame["dataset"] = dataset
    flags = ("source_inferred", "target_inferred")
    for column in (*EVENT_COLUMNS, "record_id", "url"):
        if column not in frame:
            frame[column] = "asserted" if column == "mode" else False if column in flags else ""
    out = frame[[*EVENT_COLUMNS, *PROVENANCE_COLUMNS]].copy()
    text = [c for c in out.columns if c not in ("quad_class", "goldstein", *flags)]
    out[text] = out[text].fillna("").astype(str).astype(object)
    return out.astype({"quad_class": "int64", "goldstein": "float64",
                       **dict.fromkeys(flags, "bool")}).reset_index(drop=True)


def _iso_date(values: pd.Series) -> pd.Series:
    """YYYYMMDD[hhmmss] -> YYYY-MM-DD; anything else -> ""."""
    text = values.fillna("").astype(str).str.strip()
    ok = text.str.fullmatch(r"\d{8}(\d{6})?")
    return (text.str[:4] + "-" + text.str[4:6] + "-" + text.str[6:8]).where(ok, "")


def _sniff(path: PathOrBuffer) -> tuple[str, list[str]]:
    """Delimiter and first row of a text file."""
    if isinstance(path, io.IOBase):
        first = path.readline()
        path.seek(0)
    else:
        with open(path, encoding="utf-8", newline="") as handle:
            first = handle.readline()
    delimiter = "\t" if first.count("\t") >= first.count(",") else ","
    return delimiter, next(csv.reader([first], delimiter=delimiter), [])


def load_gdelt(path: PathOrBuffer, *, version: int | None = None) -> pd.DataFrame:
    """Read a GDELT 1.0 (57/58 columns) or 2.0 (61 columns) event export.

    Parameters
    ----------
    path : path or file object
        Tab-separated without header (the official exports), or comma/tab
        separated with the official column names as header.
    version : {1, 2}, optional
        Detected from the number of columns when omitted.

    Returns
    -------
    DataFrame
        ``EVENT_COLUMNS`` + ``PROVENANCE_COLUMNS``. ``source``/``target`` are
        Actor1Code/Actor2Code, ``*_text`` the actor names; ``event_date`` is
        SQLDATE (``date_precision`` "day"); ``date`` is the day the article was
        added (DATEADDED) for rows with a SOURCEURL, else SQLDATE (the 1.0
        back-file, whose DATEADDED is the date of the back-fill); ``doc_id`` and
        ``url`` are SOURCEURL, ``record_id`` GLOBALEVENTID.

    Examples
    --------
    >>> import io
    >>> row = "\\t".join(["1", "20160727"] + [""] * 24 + ["190", "190", "19", "4", "-10"]
    ...                  + [""] * 25 + ["20160728", "http://x"])
    >>> load_gdelt(io.StringIO(row))[["date", "event_date", "quad_class"]]
             date  event_date  quad_class
    0  2016-07-28  2016-07-27           4
    """
    delimiter, first = _sniff(path)
    header = bool(first) and first[0].strip().upper() == "GLOBALEVENTID"
    width = len(first)
    if version is None:
        version = 2 if width >= 61 and (not header or "Actor1Geo_ADM2Code" in first) else 1
    columns = list(GDELT2_COLUMNS if version == 2 else GDELT1_COLUMNS)
    if header:
        raw = pd.read_csv(path, sep=delimiter, dtype=str, keep_default_na=False)
    else:
        names = columns + [f"extra_{i}" for i in range(max(0, width - len(columns)))]
        raw = pd.read_csv(path, sep=delimiter, header=None, names=names, dtype=str,
                          keep_default_na=False, quoting=csv.QUOTE_NONE)
    raw = raw.reindex(columns=sorted(set(raw.columns) | set(columns), key=str), fill_value="")
    url = raw["SOURCEURL"].astype(str)
    event_date = _iso_date(raw["SQLDATE"])
    added = _iso_date(raw["DATEADDED"])
    frame = pd.DataFrame({
        "doc_id": url.where(url != "", "gdelt:" + raw["GLOBALEVENTID"].astype(str)),
        "sentence_id": "", "date": added.where((url != "") & (added != ""), event_date),
        "source": raw["Actor1Code"], "source_text": raw["Actor1Name"],
        "target": raw["Actor2Code"], "target_text": raw["Actor2Name"],
        "event_code": raw["EventCode"], "root_code": raw["EventRootCode"],
        "quad_class": raw["QuadClass"], "goldstein": raw["GoldsteinScale"],
        "event_date": event_date, "date_precision": "day",
        "pattern": f"gdelt{version}", "record_id": raw["GLOBALEVENTID"], "url": url,
    })
    return _finish(frame, f"gdelt{version}")


_TKG_COLUMNS = {"date", "source", "event_text", "target", "cameo_code_mapped"}


def load_icews(path: PathOrBuffer, *,
               actor_codes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read ICEWS events: the Dataverse tab format or the TKG subset format.

    Parameters
    ----------
    path : path or file object
        Either the Harvard Dataverse files (header ``Event ID, Event Date,
        Source Name, Source Sectors, Source Country, Event Text, CAMEO Code,
        Intensity, Target Name, ...``) or the subset TSVs of ``../shared/corpora/
        events`` (``date, source, event_text, target, cameo_code_mapped,
        cameo_root, quad_class, split``).
    actor_codes : mapping of str to str, optional
        Actor names to CAMEO codes ({"Mike Pompeo": "USAGOV"}), tried before
        :func:`icews_actor_code`.

    Returns
    -------
    DataFrame
        ``EVENT_COLUMNS`` + ``PROVENANCE_COLUMNS``. The actor names stay in
        ``source_text``/``target_text``; codes come from
        :func:`icews_actor_code` ("" where unresolved). ``goldstein`` is the
        ICEWS Intensity where given, else the CAMEO Goldstein weight;
        ``event_name`` is the ICEWS Event Text; ``date`` and ``event_date`` are
        the event date; ``doc_id`` is the Story ID (Dataverse) or the split
        (subset); ``trigger_span``-like evidence is not available.

    Examples
    --------
    >>> import io
    >>> text = ("date\\tsource\\tevent_text\\ttarget\\tcameo_code_mapped\\tcameo_root"
    ...         "\\tquad_class\\tsplit\\n2018-09-01\\tPolice (India)\\tArrest\\tCitizen (India)"
    ...         "\\t173\\t17\\t4\\ttest\\n")
    >>> load_icews(io.StringIO(text))[["source", "target", "event_code", "goldstein"]]
       source  target event_code  goldstein
    0  INDCOP  INDCVL        173       -5.0
    """
    _, first = _sniff(path)
    raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    known = dict(actor_codes or {})

    def col(name: str) -> pd.Series:
        return raw[name] if name in raw else pd.Series("", index=raw.index, dtype=object)

    def codes(names: pd.Series, dates: pd.Series, countries: pd.Series,
              sectors: pd.Series) -> list[str]:
        return [known.get(n) or icews_actor_code(n, d, country=c, sectors=s)
                for n, d, c, s in zip(names, dates, countries, sectors, strict=True)]

    if _TKG_COLUMNS <= set(first):
        dates, none = raw["date"], col("")
        frame = pd.DataFrame({
            "doc_id": "icews:" + col("split"), "date": dates, "event_date": dates,
            "date_precision": "day", "source": codes(raw["source"], dates, none, none),
            "source_text": raw["source"], "target": codes(raw["target"], dates, none, none),
            "target_text": raw["target"], "event_code": raw["cameo_code_mapped"],
            "event_name": raw["event_text"], "root_code": col("cameo_root"),
            "quad_class": col("quad_class").replace("", None), "pattern": "icews_tkg",
            "record_id": raw.index.astype(str),
        })
        return _finish(frame, "icews_tkg")
    if "Event ID" not in raw or "CAMEO Code" not in raw:
        raise ValueError(f"not an ICEWS file: columns {list(raw.columns)[:8]}")
    dates = raw["Event Date"]
    frame = pd.DataFrame({
        "doc_id": "icews:" + col("Story ID"), "sentence_id": col("Sentence Number"),
        "date": dates, "event_date": dates, "date_precision": "day",
        "source": codes(raw["Source Name"], dates, col("Source Country"), col("Source Sectors")),
        "source_text": raw["Source Name"],
        "target": codes(raw["Target Name"], dates, col("Target Country"), col("Target Sectors")),
        "target_text": raw["Target Name"], "event_code": raw["CAMEO Code"],
        "event_name": col("Event Text"), "goldstein": col("Intensity").replace("", None),
        "pattern": "icews", "record_id": raw["Event ID"],
    })
    return _finish(frame, "icews")


PHOENIX_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)
# Cline Center historical Phoenix header names -> the OEDA names above.
_PHOENIX_ALIASES = {"eid": "EventID", "story_date": "Date", "source": "SourceActorFull",
                    "target": "TargetActorFull", "code": "EventCode",
                    "root_code": "EventRootCode", "quad_class": "QuadClass",
                    "goldstein": "GoldsteinScore", "aid": "SentenceID", "url": "URLs"}


def load_phoenix(path: PathOrBuffer) -> pd.DataFrame:
    """Read Phoenix-style event data (tab-separated, with or without a header).

    Parameters
    ----------
    path : path or file object
        The OEDA daily Phoenix files (26 columns, no header: ``EventID, Date,
        Year, Month, Day, SourceActorFull, SourceActorEntity, SourceActorRole,
        SourceActorAttribute, TargetActorFull, ..., EventCode, EventRootCode,
        QuadClass, GoldsteinScore, Issues, Lat, Lon, LocationName, StateName,
        CountryCode, SentenceID, URLs, NewsSources``), or a file with those
        names (or the Cline Center names ``eid, story_date, source, target,
        code, root_code, quad_class, goldstein``) as header.

    Returns
    -------
    DataFrame
        ``EVENT_COLUMNS`` + ``PROVENANCE_COLUMNS``; ``source``/``target`` are
        the full actor codes, ``doc_id``/``sentence_id`` from SentenceID
        ("<story id>_<n>"), ``date`` and ``event_date`` the story date.

    Examples
    --------
    >>> import io
    >>> row = "\\t".join(["e1", "20150601", "2015", "06", "01", "RUSMIL", "RUS", "MIL", "",
    ...                   "UKR", "UKR", "", "", "190", "19", "4", "-10.0"] + [""] * 9)
    >>> load_phoenix(io.StringIO(row))[["date", "source", "target", "goldstein"]]
             date  source target  goldstein
    0  2015-06-01  RUSMIL    UKR      -10.0
    """
    _, first = _sniff(path)
    header = bool({"EventID", "eid", "Date", "story_date"} & set(first))
    if header:
        raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False,
                          quoting=csv.QUOTE_NONE).rename(columns=_PHOENIX_ALIASES)
    else:
        width = len(first)
        names = list(PHOENIX_COLUMNS[:width]) + [f"extra_{i}" for i in
                                                 range(max(0, width - len(PHOENIX_COLUMNS)))]
        raw = pd.read_csv(path, sep="\t", header=None, names=names, dtype=str,
                          keep_default_na=False, quoting=csv.QUOTE_NONE)
    raw = raw.reindex(columns=sorted(set(raw.columns) | set(PHOENIX_COLUMNS)), fill_value="")
    dates = _iso_date(raw["Date"].str.replace("-", "", regex=False))
    sentence = raw["SentenceID"].astype(str)
    story = sentence.str.rsplit("_", n=1).str[0]
    frame = pd.DataFrame({
        "doc_id": story.where(story != "", "phoenix:" + raw["EventID"]),
        "sentence_id": sentence, "date": dates, "event_date": dates,
        "date_precision": dates.where(dates == "", "day"),
        "source": raw["SourceActorFull"], "target": raw["TargetActorFull"],
        "event_code": raw["EventCode"], "root_code": raw["EventRootCode"],
        "quad_class": raw["QuadClass"].where(raw["QuadClass"] != "", None),
        "goldstein": raw["GoldsteinScore"].where(raw["GoldsteinScore"] != "", None),
        "pattern": "phoenix", "record_id": raw["EventID"],
        "url": raw["URLs"].str.split(",").str[0].fillna(""),
    })
    return _finish(frame, "phoenix")
