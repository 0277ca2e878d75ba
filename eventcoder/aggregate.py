"""Aggregate coded events into dyads and escalation time series.

All functions take the events frame of :func:`eventcoder.events_to_frame` (or a
frame from :mod:`eventcoder.loaders`) and return new pandas objects; the input is
never modified.

Actor codes and countries
-------------------------
The *country* of an actor code is its first three characters ("USAGOV" -> "USA",
"---GOV" -> "---", the unknown country), except for organisations: a code that
starts with "IGO", "NGO", "IMG" or "MNC" keeps its first six characters, or the
whole code if it is shorter ("IGOUNO" -> "IGOUNO", "IGONATMIL" -> "IGONAT").
The *role* is the next three characters ("USAGOV" -> "GOV", "IGONATMIL" -> "MIL").
An empty code (one-sided events have no target) has country "" and role "".

Dyads
-----
A directed dyad is ``"<source country>-<target country>"`` ("USA-PRK"); an
undirected dyad sorts the two countries ("PRK-USA" for both directions). Events
whose source or target country is empty are not dyadic and are left out of dyad
aggregates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .cameo import actor_country, actor_role

__all__ = [
    "add_dyads",
    "dyad_matrix",
    "dyad_summary",
    "escalation_series",
    "filter_events",
]

logger = logging.getLogger(__name__)

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


def _parse_dyad(dyad: DyadSpec, directed: bool) -> str:
    if isinstance(dyad, str):
        source, target = _split_dyad(dyad)
        if not target:
            raise ValueError(f"dyad {dyad!r} is not 'SRC-TGT' or a (source, target) pair")
    else:
        source, target = dyad
    return _dyad_label(source, target, directed)


def _event_dates(events: pd.DataFrame, date: str) -> pd.Series:
    if date not in ("date", "event_date"):
        raise ValueError(f"date must be 'date' or 'event_date', not {date!r}")
    values = events["date"].astype("string").fillna("")
    if date == "event_date" and "event_date" in events:
        own = events["event_date"].astype("string").fillna("")
        values = own.where(own != "", values)
    return pd.to_datetime(values.where(values != ""), format="ISO8601", errors="coerce")


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
                  directed: bool = True, known_only: bool = False) -> pd.DataFrame:
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


def _measures(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per-group counts and Goldstein measures; ``frame`` has ``quad_class``, ``goldstein``."""
    quads = pd.get_dummies(frame["quad_class"].astype(int)).reindex(
        columns=[1, 2, 3, 4], fill_value=0).astype("int64")
    quads.columns = list(QUAD_COLUMNS)
    data = pd.concat([frame[keys], quads], axis=1)
    data["n_events"] = 1
    data["goldstein_sum"] = frame["goldstein"].astype(float)
    grouped = data.groupby(keys, sort=True).sum()
    return grouped


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    n = table["n_events"]
    conflict = table["verbal_conflict"] + table["material_conflict"]
    table["goldstein_mean"] = (table["goldstein_sum"] / n.where(n > 0)).fillna(0.0)
    table["conflict_share"] = (conflict / n.where(n > 0)).fillna(0.0)
    table["net_cooperation"] = table["verbal_coop"] + table["material_coop"] - conflict
    return table


_SUMMARY_COLUMNS = ("n_events", *QUAD_COLUMNS, "goldstein_sum", "goldstein_mean",
                    "conflict_share", "net_cooperation")


def dyad_summary(events: pd.DataFrame, *, directed: bool = True, **filters) -> pd.DataFrame:
    """One row per dyad with event counts and Goldstein measures.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    directed : bool
        Directed or undirected dyads.
    **filters
        Passed to :func:`filter_events` (``modes``, ``countries``, ``start`` ...).

    Returns
    -------
    DataFrame
        Columns ``dyad``, ``source_country``, ``target_country`` (for undirected
        dyads: the alphabetically first and second country), ``n_events``,
        ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
        ``material_conflict`` (event counts per QuadClass 1-4),
        ``goldstein_sum``, ``goldstein_mean`` (sum / n_events),
        ``conflict_share`` ((QuadClass 3 + 4) / n_events) and
        ``net_cooperation`` (QuadClass 1 + 2 minus 3 + 4), sorted by
        ``n_events`` descending.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> dyad_summary(events_to_frame([e, e]))[["dyad", "n_events", "conflict_share"]]
          dyad  n_events  conflict_share
    0  USA-PRK         2             1.0
    """
    frame = filter_events(events, directed=directed, **filters)
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


def escalation_series(events: pd.DataFrame, *, freq: str = "W",
                      dyads: Sequence[DyadSpec] | None = None, measure: str = "goldstein",
                      window: int = 4, directed: bool = True, date: str = "date",
                      modes: Sequence[str] | None = ("asserted",), by_dyad: bool = True,
                      start: str | pd.Timestamp | None = None,
                      end: str | pd.Timestamp | None = None, **filters) -> pd.DataFrame:
    """Per period and dyad: QuadClass counts, Goldstein, conflict share, escalation index.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    freq : str
        pandas period alias: "D", "W" (weeks ending Sunday), "M", "Q", "Y";
        "ME"/"MS" etc. are accepted as "M".
    dyads : sequence of "SRC-TGT" or (source, target), optional
        Dyads to report, each present in the output even with no events; by
        default every dyad in the (filtered) events.
    measure : {"goldstein", "conflict_share", "net_cooperation"}
        What the escalation index is built from (see Notes).
    window : int
        Rolling window of the index, in periods (``min_periods=1``).
    directed : bool
        Directed or undirected dyads.
    date : {"date", "event_date"}
        Article date (default) or the event date resolved from the text.
    modes : sequence of str or None
        Event modes counted; asserted only by default, ``None`` for all.
    by_dyad : bool
        If False, all filtered events (dyadic or not) form one series with
        ``dyad == "all"``.
    start, end : str or Timestamp, optional
        Date range; also the extent of the period grid (default: the first and
        last event).
    **filters
        Further :func:`filter_events` arguments (``quad_classes``, ``root_codes``,
        ``countries``, ``source_roles`` ...).

    Returns
    -------
    DataFrame
        One row per period and dyad, every period from start to end, sorted by
        dyad then period. Columns:

        - ``period`` (datetime64): start of the period.
        - ``dyad``, ``source_country``, ``target_country`` (str).
        - ``n_events`` (int): events counted.
        - ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
          ``material_conflict`` (int): events of QuadClass 1, 2, 3, 4.
        - ``goldstein_sum`` (float), ``goldstein_mean`` (float; 0 with no events).
        - ``conflict_share`` (float): (QuadClass 3 + 4) / n_events; 0 with no events.
        - ``net_cooperation`` (int): (QuadClass 1 + 2) - (QuadClass 3 + 4).
        - ``escalation_index`` (float): see Notes.

        Periods with no events are rows of zeros, not gaps.

    Notes
    -----
    The escalation index is positive when relations worsen. Over the last
    ``window`` periods (W, including the current one):

    - ``"goldstein"``: ``-sum_W(goldstein_sum) / sum_W(n_events)``, the
      negated event-weighted mean Goldstein score;
    - ``"conflict_share"``: ``sum_W(conflict events) / sum_W(n_events)``;
    - ``"net_cooperation"``: ``-mean_W(net_cooperation)``.

    A window without events gives 0.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> s = escalation_series(events_to_frame([e]), freq="D", window=2,
    ...                       end="2024-01-03")
    >>> s[["period", "n_events", "goldstein_sum", "escalation_index"]]
          period  n_events  goldstein_sum  escalation_index
    0 2024-01-02         1          -10.0              10.0
    1 2024-01-03         0            0.0              10.0
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    if window < 1:
        raise ValueError("window must be at least 1")
    freq = _FREQ_ALIASES.get(freq, freq)
    frame = filter_events(events, directed=directed, date=date, modes=modes,
                          start=start, end=end, **filters)
    missing = frame["timestamp"].isna()
    if missing.any():
        logger.warning("escalation_series: %d events without a usable %s left out",
                       int(missing.sum()), date)
        frame = frame[~missing]
    if by_dyad:
        frame = frame[frame["dyad"] != ""]
        wanted = [_parse_dyad(d, directed) for d in dyads] if dyads is not None else None
        if wanted is not None:
            frame = frame[frame["dyad"].isin(wanted)]
        labels = wanted if wanted is not None else sorted(frame["dyad"].unique())
    else:
        frame = frame.assign(dyad="all")
        labels = ["all"]
    first = pd.Timestamp(start) if start is not None else frame["timestamp"].min()
    last = pd.Timestamp(end) if end is not None else frame["timestamp"].max()
    if pd.isna(first) or pd.isna(last) or not labels:
        return pd.DataFrame(columns=["period", "dyad", "source_country", "target_country",
                                     *_SUMMARY_COLUMNS, "escalation_index"])
    periods = pd.period_range(first, last, freq=freq)
    frame = frame.assign(period=frame["timestamp"].dt.to_period(freq))
    grid = pd.MultiIndex.from_product([labels, periods], names=["dyad", "period"])
    counts = _measures(frame, ["dyad", "period"]) if len(frame) else None
    cols = ["n_events", *QUAD_COLUMNS, "goldstein_sum"]
    if counts is None:
        table = pd.DataFrame(0, index=grid, columns=cols)
    else:
        table = counts[cols].reindex(grid, fill_value=0)
    table = table.astype({c: "int64" for c in cols[:-1]} | {"goldstein_sum": "float64"})
    table = _finish(table).reset_index()
    table["escalation_index"] = _index(table, measure, window)
    table["period"] = table["period"].dt.start_time
    parts = [_split_dyad(d) for d in table["dyad"]]
    table.insert(2, "source_country", [p[0] for p in parts])
    table.insert(3, "target_country", [p[1] for p in parts])
    table = table[["period", "dyad", "source_country", "target_country", *_SUMMARY_COLUMNS,
                   "escalation_index"]]
    return table.sort_values(["dyad", "period"], ignore_index=True)


def _index(table: pd.DataFrame, measure: str, window: int) -> pd.Series:
    groups = table.groupby("dyad", sort=False)

    def rolling_sum(column: str) -> pd.Series:
        return groups[column].transform(lambda s: s.rolling(window, min_periods=1).sum())

    n = rolling_sum("n_events")
    if measure == "goldstein":
        value = -rolling_sum("goldstein_sum") / n.where(n > 0)
    elif measure == "conflict_share":
        table = table.assign(_conflict=table["verbal_conflict"] + table["material_conflict"])
        groups = table.groupby("dyad", sort=False)
        value = rolling_sum("_conflict") / n.where(n > 0)
    else:
        value = -groups["net_cooperation"].transform(
            lambda s: s.rolling(window, min_periods=1).mean())
    return value.fillna(0.0).astype(float) + 0.0
