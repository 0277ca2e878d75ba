"""Dyads: who acted towards whom. Labels, filters, per-dyad summaries and matrices."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..cameo import actor_country, actor_role

__all__ = ["DyadSpec", "QUAD_COLUMNS", "add_dyads", "dyad_labels", "dyad_matrix", "dyad_summary",
           "filter_events", "quad_shares"]

logger = logging.getLogger("eventcoder.aggregate")

QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
MEASURES = ("goldstein", "conflict_share", "net_cooperation")
_FREQ_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y"}

DyadSpec = str | tuple[str, str]


def _dyad_label(source: str, target: str, directed: bool) -> str:
    if not directed and target < source:
        source, target = target, source
    return f"{source}-{target}"


def _split_dyad(label: str) -> tuple[str, str]:
    """Inverse of ``_dyad_label``; "---" (unknown country) contains the separator."""
    if label.startswith("---"):
        return "---", label[4:]
    source, _, target = label.partition("-")
    return source, target


#: a country part of a dyad: 3 letters, the unknown country, or an organisation (IGOUNO)
_COUNTRY = re.compile(r"(---|[A-Z]{3}|(IGO|NGO|IMG|MNC)([A-Z]{3})?)")
#: separators accepted in a requested dyad besides "-": arrows and dashes
_SEPARATORS = re.compile(r"\s*(?:→|↔|<->|->|>|–|—)\s*")


def _suggest(part: str) -> str:
    from ..loaders import country_code  # lazy: the name table is built on first use

    return country_code(part) or ""


def _parse_dyad(dyad: DyadSpec, directed: bool) -> str:
    """A requested dyad as the label the aggregates use ("RUS-UKR"; sorted if undirected)."""
    if isinstance(dyad, str):
        text = _SEPARATORS.sub("-", dyad.strip())
        source, target = _split_dyad(text)
    elif isinstance(dyad, tuple) and len(dyad) == 2 and all(isinstance(p, str) for p in dyad):
        source, target = dyad[0].strip(), dyad[1].strip()
    else:
        raise ValueError(f"dyad {dyad!r} is not 'SRC-TGT' or a (source, target) pair")
    if not target:
        raise ValueError(f"dyad {dyad!r} is not 'SRC-TGT' or a (source, target) pair "
                         "(CAMEO country codes such as 'RUS-UKR')")
    bad = [p for p in (source, target) if not _COUNTRY.fullmatch(p)]
    if bad:
        codes = [_suggest(p) if p in bad else p for p in (source, target)]
        hint = (f"; did you mean {'-'.join(codes)!r}?" if all(codes)
                else "; use eventcoder.loaders.country_code(name) to look a name up")
        what = (f"{bad[0]!r} is not a CAMEO country code" if len(bad) == 1
                else f"{bad[0]!r} and {bad[1]!r} are not CAMEO country codes")
        raise ValueError(f"dyad {dyad!r}: {what}. Dyads are written with country codes, "
                         f"'SRC-TGT' (\"RUS-UKR\", \"USA-PRK\", \"IGOUNO-PRK\"){hint}")
    return _dyad_label(source, target, directed)


def _requested(dyads: Sequence[DyadSpec] | DyadSpec | None) -> list[DyadSpec] | None:
    """``dyads`` as a list: a bare "RUS-JPN" or ("RUS", "JPN") is one dyad."""
    if dyads is None:
        return None
    if isinstance(dyads, str):
        return [dyads]
    if (isinstance(dyads, tuple) and len(dyads) == 2 and all(isinstance(d, str) for d in dyads)
            and not any("-" in d or _SEPARATORS.search(d) for d in dyads)):
        return [dyads]
    return list(dyads)


def dyad_labels(dyads: Sequence[DyadSpec] | DyadSpec, *, directed: bool = True) -> dict[str, str]:
    """Requested dyads -> {label used in the aggregates: label as requested}.

    Directed dyads keep their label; an undirected request keeps the order it was
    written in ("USA-PRK" stays "USA-PRK" although the canonical label sorts it).

    Examples
    --------
    >>> dyad_labels("USA-PRK", directed=False)
    {'PRK-USA': 'USA-PRK'}
    >>> dyad_labels(["RUS→UKR", ("UKR", "RUS")])
    {'RUS-UKR': 'RUS-UKR', 'UKR-RUS': 'UKR-RUS'}
    >>> dyad_labels(["Russia-Japan"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: dyad 'Russia-Japan': 'Russia' and 'Japan' are not CAMEO ... did you mean 'RUS-JPN'?
    """
    out: dict[str, str] = {}
    for dyad in _requested(dyads) or []:
        canonical = _parse_dyad(dyad, directed)
        out.setdefault(canonical, _parse_dyad(dyad, True))
    return out


def _event_dates(events: pd.DataFrame, date: str) -> pd.Series:
    if date not in ("date", "event_date"):
        raise ValueError(f"date must be 'date' or 'event_date', not {date!r}")
    values = events["date"].astype("string").fillna("")
    if date == "event_date" and "event_date" in events:
        own = events["event_date"].astype("string").fillna("")
        values = own.where(own != "", values)
    return pd.to_datetime(values.where(values != ""), format="ISO8601", errors="coerce")


#: columns every aggregate needs (an events frame or a loader frame has them)
REQUIRED_COLUMNS = ("source", "target", "date", "quad_class", "goldstein")


def check_events(events: pd.DataFrame, caller: str,
                 required: Sequence[str] = REQUIRED_COLUMNS) -> None:
    """Raise a ``ValueError`` naming the missing columns when ``events`` is not an events frame."""
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"{caller} takes an events DataFrame, not {type(events).__name__}")
    missing = [c for c in required if c not in events.columns]
    if missing:
        raise ValueError(
            f"{caller} needs an events frame (eventcoder.code_articles, events_to_frame or a "
            f"loader such as load_icews); this one lacks {', '.join(map(repr, missing))}. "
            f"It has: {', '.join(map(str, events.columns[:20]))}")


def add_dyads(events: pd.DataFrame, *, directed: bool = True,
              date: str = "date") -> pd.DataFrame:
    """Return a copy of ``events`` with country, role, dyad and timestamp columns.

    Parameters
    ----------
    events : DataFrame
        An events frame (``EVENT_COLUMNS``).
    directed : bool
        Directed ("USA-PRK" differs from "PRK-USA") or undirected dyads.
    date : {"date", "event_date"}
        Which date becomes ``timestamp``: the article date, or the event date
        resolved from the text (falling back to the article date where empty).

    Returns
    -------
    DataFrame
        The input columns plus ``source_country``, ``target_country`` (see the
        module docstring), ``source_role``, ``target_role``, ``dyad`` ("USA-PRK";
        ``""`` where either country is empty) and ``timestamp`` (datetime64;
        NaT where the date is missing or unparsable).

    Examples
    --------
    >>> from eventcoder.events import events_to_frame
    >>> frame = add_dyads(events_to_frame([]))
    >>> frame.columns[-6:].tolist()
    ['source_country', 'target_country', 'source_role', 'target_role', 'dyad', 'timestamp']
    """
    check_events(events, "add_dyads", ("source", "target", "date"))
    out = events.copy()
    out["source_country"] = out["source"].fillna("").map(actor_country)
    out["target_country"] = out["target"].fillna("").map(actor_country)
    out["source_role"] = out["source"].fillna("").map(actor_role)
    out["target_role"] = out["target"].fillna("").map(actor_role)
    both = (out["source_country"] != "") & (out["target_country"] != "")
    labels = [_dyad_label(s, t, directed) if ok else ""
              for s, t, ok in zip(out["source_country"], out["target_country"], both,
                                  strict=True)]
    out["dyad"] = pd.Series(labels, index=out.index, dtype=object)
    out["timestamp"] = _event_dates(out, date) if len(out) else pd.Series(
        [], index=out.index, dtype="datetime64[ns]")
    return out


def _as_set(values: str | Iterable | None) -> set | None:
    if values is None:
        return None
    if isinstance(values, (str, int)):
        return {values}
    return set(values)


def filter_events(events: pd.DataFrame, *, countries: Iterable[str] | None = None,
                  sources: Iterable[str] | None = None, targets: Iterable[str] | None = None,
                  source_roles: Iterable[str] | None = None,
                  target_roles: Iterable[str] | None = None,
                  quad_classes: Iterable[int] | None = None,
                  root_codes: Iterable[str] | None = None,
                  start: str | pd.Timestamp | None = None,
                  end: str | pd.Timestamp | None = None,
                  modes: Sequence[str] | None = ("asserted",), date: str = "date",
                  directed: bool = True, known_only: bool = False,
                  self_dyads: bool = True) -> pd.DataFrame:
    """Select events; every filter that is ``None`` lets everything through.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    countries : iterable of str, optional
        Keep events whose source *and* target countries are both in this set
        (one-sided events: the source country).
    sources, targets : iterable of str, optional
        Keep events whose source (target) country is in the set.
    source_roles, target_roles : iterable of str, optional
        Keep events whose source (target) role is in the set ("GOV", "MIL");
        ``""`` stands for "no role".
    quad_classes : iterable of int, optional
        QuadClass values to keep (1-4).
    root_codes : iterable of str, optional
        CAMEO root codes to keep ("19"); ints are zero-padded.
    start, end : str or Timestamp, optional
        Inclusive date range on the chosen ``date``.
    modes : sequence of str or None
        Event modes to keep; asserted events only by default, ``None`` for all.
    date : {"date", "event_date"}
        The date that ``start``/``end`` and ``timestamp`` use.
    directed : bool
        For the ``dyad`` column.
    known_only : bool
        Drop events whose source or target country is unknown ("---GOV").
    self_dyads : bool
        Keep events within one country ("UKRGOV" -> "UKRMIL"); ``False`` drops them.

    Returns
    -------
    DataFrame
        The kept rows with the columns of :func:`add_dyads`.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> len(filter_events(events_to_frame([e]), quad_classes=[1, 2]))
    0
    """
    frame = add_dyads(events, directed=directed, date=date)
    keep = pd.Series(True, index=frame.index)
    if modes is not None and "mode" in frame:
        keep &= frame["mode"].fillna("asserted").isin(list(modes))
    if known_only:
        keep &= (frame["source_country"] != "---") & (frame["target_country"] != "---")
    if not self_dyads:
        keep &= frame["source_country"] != frame["target_country"]
    wanted = _as_set(countries)
    if wanted is not None:
        target_ok = frame["target_country"].isin(wanted) | (frame["target_country"] == "")
        keep &= frame["source_country"].isin(wanted) & target_ok
    for column, values in (("source_country", sources), ("target_country", targets),
                           ("source_role", source_roles), ("target_role", target_roles)):
        wanted = _as_set(values)
        if wanted is not None:
            keep &= frame[column].isin(wanted)
    wanted = _as_set(quad_classes)
    if wanted is not None:
        keep &= frame["quad_class"].isin({int(q) for q in wanted})
    wanted = _as_set(root_codes)
    if wanted is not None:
        roots = {f"{int(r):02d}" if str(r).isdigit() else str(r) for r in wanted}
        keep &= frame["root_code"].astype(str).isin(roots)
    if start is not None:
        keep &= frame["timestamp"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["timestamp"] <= pd.Timestamp(end)
    return frame[keep]


def _text_ids(frame: pd.DataFrame, column: str | None = "doc_id") -> pd.Series:
    """The text (article) of each event: ``column``; events without one are texts of their own."""
    own = pd.Series([f"#{i}" for i in range(len(frame))], index=frame.index, dtype=object)
    if column is None or column not in frame:
        return own
    doc = frame[column].fillna("").astype(str)
    return doc.where(doc != "", own)


def _measures(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per-group counts and Goldstein sums; ``frame`` has ``quad_class``, ``goldstein``."""
    quads = pd.get_dummies(frame["quad_class"].astype(int)).reindex(
        columns=[1, 2, 3, 4], fill_value=0).astype("int64")
    quads.columns = list(QUAD_COLUMNS)
    data = pd.concat([frame[keys], quads], axis=1)
    data["n_events"] = 1
    data["goldstein_sum"] = frame["goldstein"].astype(float)
    grouped = data.groupby(keys, sort=True).sum()
    grouped["n_texts"] = _text_ids(frame).groupby([frame[k] for k in keys], sort=True).nunique()
    return grouped


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    n = table["n_events"]
    conflict = table["verbal_conflict"] + table["material_conflict"]
    table["goldstein_mean"] = table["goldstein_sum"] / n.where(n > 0)
    table["conflict_share"] = conflict / n.where(n > 0)
    table["net_cooperation"] = table["verbal_coop"] + table["material_coop"] - conflict
    return table


_SUMMARY_COLUMNS = ("n_events", "n_texts", *QUAD_COLUMNS, "goldstein_sum", "goldstein_mean",
                    "conflict_share", "net_cooperation")


def dyad_summary(events: pd.DataFrame, *, directed: bool = True, self_dyads: bool = False,
                 **filters) -> pd.DataFrame:
    """One row per dyad with event counts and Goldstein measures.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    directed : bool
        Directed or undirected dyads.
    self_dyads : bool
        Include events within one country ("UKR-UKR": a government and its
        military, parliament ...); left out by default, they are not relations
        between countries.
    **filters
        Passed to :func:`filter_events` (``modes``, ``countries``, ``known_only``,
        ``start`` ...).

    Returns
    -------
    DataFrame
        One row per dyad, sorted by ``n_events`` descending. Columns:

        - ``dyad`` (str): "USA-PRK"; ``source_country``, ``target_country``
          (str; for undirected dyads the alphabetically first and second).
        - ``n_events`` (int): events; ``n_texts`` (int): distinct texts
          (``doc_id``) they come from.
        - ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
          ``material_conflict`` (int): events per QuadClass 1-4.
        - ``goldstein_sum`` (float); ``goldstein_mean`` (float): sum / n_events.
        - ``conflict_share`` (float): (QuadClass 3 + 4) / n_events.
        - ``net_cooperation`` (int): QuadClass 1 + 2 minus 3 + 4.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> dyad_summary(events_to_frame([e, e]))[["dyad", "n_events", "n_texts", "conflict_share"]]
          dyad  n_events  n_texts  conflict_share
    0  USA-PRK         2        1             1.0
    """
    check_events(events, "dyad_summary")
    frame = filter_events(events, directed=directed, self_dyads=self_dyads, **filters)
    frame = frame[frame["dyad"] != ""]
    if frame.empty:
        return pd.DataFrame(columns=["dyad", "source_country", "target_country",
                                     *_SUMMARY_COLUMNS])
    table = _finish(_measures(frame, ["dyad"])).reset_index()
    parts = [_split_dyad(d) for d in table["dyad"]]
    table.insert(1, "source_country", [p[0] for p in parts])
    table.insert(2, "target_country", [p[1] for p in parts])
    table = table[["dyad", "source_country", "target_country", *_SUMMARY_COLUMNS]]
    return table.sort_values(["n_events", "dyad"], ascending=[False, True],
                             ignore_index=True)


def dyad_matrix(events: pd.DataFrame, *, value: str = "conflict_share",
                countries: Sequence[str] | None = None, directed: bool = True,
                **filters) -> pd.DataFrame:
    """A countries x countries table of one dyad measure (rows: source, columns: target).

    Parameters
    ----------
    events : DataFrame
        An events frame.
    value : str
        A column of :func:`dyad_summary` ("conflict_share", "goldstein_mean",
        "n_events" ...).
    countries : sequence of str, optional
        Rows and columns, in this order; by default every country in a dyad.
    directed : bool
        If False, the matrix is symmetric.
    **filters
        Passed to :func:`filter_events`.

    Returns
    -------
    DataFrame
        Indexed by source country, columns target country; NaN where the two
        have no events.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> dyad_matrix(events_to_frame([e]), value="goldstein_sum").loc["USA", "PRK"]
    np.float64(-10.0)
    """
    if value not in _SUMMARY_COLUMNS:
        raise ValueError(f"value must be one of {_SUMMARY_COLUMNS}, not {value!r}")
    summary = dyad_summary(events, directed=directed, **filters)
    if countries is None:
        countries = sorted(set(summary["source_country"]) | set(summary["target_country"]))
    countries = list(countries)
    matrix = pd.DataFrame(np.nan, index=pd.Index(countries, name="source_country"),
                          columns=pd.Index(countries, name="target_country"))
    for row in summary.itertuples(index=False):
        src, tgt, val = row.source_country, row.target_country, getattr(row, value)
        for a, b in ((src, tgt), (tgt, src)) if not directed else ((src, tgt),):
            if a in matrix.index and b in matrix.columns:
                matrix.loc[a, b] = float(val)
    return matrix


def quad_shares(events: pd.DataFrame, *, countries: Iterable[str], **filters) -> pd.Series:
    """Shares of the four QuadClasses among the events between ``countries`` (self-dyads left out).

    Parameters
    ----------
    events : pandas.DataFrame
        Events (``source``, ``target``, ``quad_class``).
    countries : iterable of str
        Country codes ("USA", "PRK", "IGOUNO"): events whose source and target
        countries are both among them, and differ, are counted.
    **filters
        Passed to :func:`filter_events` (``modes``, ``start``, ``end``, ...).

    Returns
    -------
    pandas.Series
        Index ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
        ``material_conflict``; values are shares summing to 1, all NaN when no
        event qualifies (a share of nothing is not 0). ``attrs["n"]`` is the
        number of events.

    Examples
    --------
    >>> ev = pd.DataFrame({"source": ["USAGOV", "PRK", "USA"], "target": ["PRK", "USA", "USA"],
    ...                    "quad_class": [3, 4, 1], "mode": "asserted"})
    >>> s = quad_shares(ev, countries=["USA", "PRK"])
    >>> s.tolist(), s.attrs["n"]
    ([0.0, 0.0, 0.5, 0.5], 2)
    """
    wanted = {str(c) for c in countries}
    frame = filter_events(events, **filters) if filters else events
    src = frame["source"].fillna("").map(actor_country)
    tgt = frame["target"].fillna("").map(actor_country)
    pair = frame[src.isin(wanted) & tgt.isin(wanted) & (src != tgt)]
    counts = pair["quad_class"].value_counts().reindex([1, 2, 3, 4], fill_value=0)
    n = int(counts.sum())
    shares = (counts / n) if n else counts.astype(float) * np.nan
    out = pd.Series(shares.to_numpy(dtype=float), index=list(QUAD_COLUMNS))
    out.attrs["n"] = n
    return out
