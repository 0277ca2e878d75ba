"""Time series: per-period counts, Goldstein measures and an escalation index per dyad."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from .dyads import (
    _FREQ_ALIASES,
    _SUMMARY_COLUMNS,
    MEASURES,
    QUAD_COLUMNS,
    DyadSpec,
    _finish,
    _measures,
    _parse_dyad,
    _split_dyad,
    filter_events,
)

__all__ = ["escalation_series"]

logger = logging.getLogger("eventcoder.aggregate")


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
