"""Time series per period and dyad: counts, texts, Goldstein, escalation, with intervals.

A period without events has no mean Goldstein score: the measures of such a period
(and of a *thin* one, below the minimum-n rule) are NaN, not 0, unless ``fill=`` asks
for a value. With ``corpus=`` (the texts that were coded) a period in which the corpus
has no text is *not covered*: even its counts are missing (``<NA>``), because nothing
was read there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._bootstrap import cluster_bootstrap
from .dyads import (
    _FREQ_ALIASES,
    MEASURES,
    QUAD_COLUMNS,
    DyadSpec,
    _requested,
    _split_dyad,
    _text_ids,
    check_events,
    dyad_labels,
    filter_events,
)

__all__ = ["SERIES_COLUMNS", "escalation_series"]

logger = logging.getLogger("eventcoder.aggregate")

_COUNTS = ("n_events", "n_texts", *QUAD_COLUMNS, "net_cooperation")
#: the columns of :func:`escalation_series`, in order
SERIES_COLUMNS = (
    "period", "dyad", "source_country", "target_country", "n_events", "n_texts",
    "corpus_texts", "covered", "thin", *QUAD_COLUMNS, "goldstein_sum",
    "goldstein_mean", "goldstein_mean_low", "goldstein_mean_high",
    "conflict_share", "conflict_share_low", "conflict_share_high", "net_cooperation",
    "escalation", "escalation_low", "escalation_high", "escalation_index")
_FREQS = ("D", "W", "M", "Q", "Y")
_PRECISION_RANK = {"": 0, "day": 0, "week": 1, "month": 2, "year": 4}
_FREQ_RANK = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 4}


def escalation_series(events: pd.DataFrame, *, freq: str = "W",
                      dyads: Sequence[DyadSpec] | DyadSpec | None = None,
                      measure: str = "goldstein", window: int = 4, directed: bool = True,
                      date: str = "date", modes: Sequence[str] | None = ("asserted",),
                      by_dyad: bool = True, start: str | pd.Timestamp | None = None,
                      end: str | pd.Timestamp | None = None,
                      corpus: pd.DataFrame | pd.Series | None = None, fill: float | None = None,
                      min_events: int = 3, min_texts: int = 2, prior_events: float = 5.0,
                      ci: float | None = 0.95, n_boot: int = 1000, seed: int = 0,
                      self_dyads: bool = False, text: str | None = "doc_id",
                      **filters) -> pd.DataFrame:
    """Per period and dyad: events, texts, QuadClass counts, Goldstein, escalation, CIs.

    Parameters
    ----------
    events : DataFrame
        An events frame (:func:`eventcoder.code_articles`, a loader frame).
    freq : {"D", "W", "M", "Q", "Y"}
        Period: day, week (Monday to Sunday), month, quarter, year ("ME", "MS" ...
        are read as "M").
    dyads : "SRC-TGT", (source, target), or a sequence of them, optional
        Dyads to report, each present in the output even without events; by
        default every dyad in the (filtered) events. Country codes only
        ("RUS-UKR"; a name such as "Russia" raises with a hint). With
        ``directed=False`` the label keeps the order requested.
    measure : {"goldstein", "conflict_share", "net_cooperation"}
        What ``escalation_index`` is built from (see Notes).
    window : int
        Periods pooled by ``escalation_index`` (this one and the ``window - 1``
        before it).
    directed : bool
        Directed or undirected dyads.
    date : {"date", "event_date"}
        Article date (default) or the event date resolved from the text. Event
        dates known less precisely than ``freq`` (a month in a weekly series)
        are left out and counted in ``attrs["imprecise"]``.
    modes : sequence of str or None
        Event modes counted; asserted only by default, ``None`` for all.
    by_dyad : bool
        If False, all filtered events (dyadic or not) form one series,
        ``dyad == "all"``.
    start, end : str or Timestamp, optional
        Date range; also the extent of the period grid (default: the first and
        last event or corpus text).
    corpus : DataFrame or Series, optional
        The texts that were coded, including those without events: a frame with
        a ``date`` column (the articles given to ``code_articles``) or a Series
        of dates. Periods with no text are *not covered*: counts ``<NA>``,
        measures NaN (drawn shaded by the plots). Without it every period of the
        grid counts as covered.
    fill : float, optional
        Value for the measures of covered periods that have none (no events, or
        thin); by default they stay NaN. ``fill=0`` gives the zero-filled series
        of older versions. Counts are never filled.
    min_events, min_texts : int
        Minimum-n rule: a period's measures (and intervals) need at least
        ``min_events`` events from at least ``min_texts`` distinct texts; a
        period with fewer is *thin* and its measures are NaN.
    prior_events : float
        ``k`` of the volume-aware ``escalation`` (see Notes).
    ci : float or None
        Level of the bootstrap intervals (0.95); ``None`` skips them (NaN).
    n_boot : int
        Bootstrap replicates.
    seed : int
        Seed of the bootstrap (the same input gives the same intervals).
    self_dyads : bool
        With ``dyads=None``, include events within one country ("UKR-UKR");
        requested dyads are always reported.
    text : str or None
        The column naming the text each event comes from (``n_texts``, the
        bootstrap's unit); ``None`` makes every event a text of its own (event
        data without story ids: the ICEWS TKG subsets, whose ``doc_id`` is only
        the split).
    **filters
        Further :func:`filter_events` arguments (``quad_classes``, ``root_codes``,
        ``countries``, ``source_roles``, ``known_only`` ...).

    Returns
    -------
    DataFrame
        One row per dyad and period (every period from start to end), sorted by
        dyad then period. Columns (``SERIES_COLUMNS``):

        - ``period`` (datetime64): first day of the period.
        - ``dyad`` (str): "RUS-UKR" (requested order for undirected requests) or
          "all"; ``source_country``, ``target_country`` (str).
        - ``n_events`` (Int64): events counted; ``n_texts`` (Int64): distinct
          texts (``doc_id``) they come from (an event without ``doc_id`` is a
          text of its own). ``<NA>`` where the period is not covered.
        - ``corpus_texts`` (Int64): texts of ``corpus`` in the period (all
          dyads), ``<NA>`` without ``corpus``.
        - ``covered`` (bool): the corpus has texts in the period (always True
          without ``corpus``).
        - ``thin`` (bool): the period has events, but fewer than the minimum-n
          rule asks; its measures are NaN.
        - ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
          ``material_conflict`` (Int64): events of QuadClass 1-4.
        - ``goldstein_sum`` (float): sum of the Goldstein weights (0 with no
          events, NaN where not covered).
        - ``goldstein_mean`` (float): goldstein_sum / n_events; NaN without
          events, for thin periods and where not covered.
        - ``conflict_share`` (float): (QuadClass 3 + 4) / n_events; NaN as above.
        - ``net_cooperation`` (Int64): QuadClass 1 + 2 minus QuadClass 3 + 4.
        - ``escalation`` (float): the volume-aware escalation of the period (see
          Notes); NaN as above.
        - ``*_low``, ``*_high`` (float): the ``ci`` bootstrap interval of
          ``goldstein_mean``, ``conflict_share`` and ``escalation``, resampling
          the period's texts (with their events); NaN for periods with measures
          from a single text or without measures.
        - ``escalation_index`` (float): the rolling measure (see Notes).

        ``attrs`` keeps ``freq``, ``directed``, ``date``, ``modes``,
        ``min_events``, ``min_texts``, ``ci``, ``prior_events``, ``n_events``
        and ``n_texts`` (totals), ``corpus_texts`` and ``imprecise`` for the
        plots' captions.

    Notes
    -----
    ``escalation`` weighs intensity by volume. With the period's Goldstein sum
    ``G``, its ``n`` events and ``k = prior_events``::

        escalation = -G / (n + k)

    the mean Goldstein score shrunk towards neutral (0) by ``k`` pseudo-events
    of weight 0, with the sign flipped so that *up means more conflict*. It lies
    in [-10, 10]: one event of weight -10 gives 10/6 = 1.7 (k = 5), ten give
    6.7, fifty 9.1, while ``goldstein_mean`` is -10 in all three.

    ``escalation_index`` pools the last ``window`` periods W (including the
    current one); positive when relations worsen:

    - ``"goldstein"``: ``-sum_W(goldstein_sum) / sum_W(n_events)``;
    - ``"conflict_share"``: ``sum_W(QuadClass 3 + 4) / sum_W(n_events)``;
    - ``"net_cooperation"``: ``-mean_W(net_cooperation)``.

    It is NaN where the pooled events fail the minimum-n rule or the period is
    not covered.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
    ...           "19", 4, -10.0, "attack", "...", "en")
    >>> s = escalation_series(events_to_frame([e]), freq="D", window=2, end="2024-01-03",
    ...                       min_events=1, min_texts=1)
    >>> s[["period", "n_events", "n_texts", "goldstein_mean", "escalation", "escalation_index"]]
          period  n_events  n_texts  goldstein_mean  escalation  escalation_index
    0 2024-01-02         1        1           -10.0    1.666667              10.0
    1 2024-01-03         0        0             NaN         NaN              10.0
    """
    check_events(events, "escalation_series")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    if window < 1:
        raise ValueError("window must be at least 1")
    freq = _FREQ_ALIASES.get(freq, freq)
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {_FREQS}, not {freq!r}")
    if ci is not None and not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (0.95), not {ci!r}")
    wanted = dyad_labels(dyads, directed=directed) if _requested(dyads) is not None else None
    frame = filter_events(events, directed=directed, date=date, modes=modes,
                          start=start, end=end, **filters)
    missing = frame["timestamp"].isna()
    if missing.any():
        logger.warning("escalation_series: %d events without a usable %s left out",
                       int(missing.sum()), date)
        frame = frame[~missing]
    imprecise = 0
    if date == "event_date" and "date_precision" in frame:
        rank = frame["date_precision"].fillna("").map(lambda p: _PRECISION_RANK.get(p, 0))
        too_coarse = rank > _FREQ_RANK[freq]
        imprecise = int(too_coarse.sum())
        if imprecise:
            logger.info("escalation_series: %d events dated less precisely than %r left out",
                        imprecise, freq)
            frame = frame[~too_coarse]
    if by_dyad:
        frame = frame[frame["dyad"] != ""]
        if wanted is not None:
            frame = frame[frame["dyad"].isin(list(wanted))]
            frame = frame.assign(dyad=frame["dyad"].map(wanted))
            labels = list(dict.fromkeys(wanted.values()))
        else:
            if not self_dyads:
                frame = frame[frame["source_country"] != frame["target_country"]]
            labels = sorted(frame["dyad"].unique())
    else:
        frame = frame.assign(dyad="all")
        labels = ["all"]
    corpus_dates = _corpus_dates(corpus)
    known = pd.concat([frame["timestamp"], corpus_dates]) if corpus is not None else frame[
        "timestamp"]
    first = pd.Timestamp(start) if start is not None else known.min()
    last = pd.Timestamp(end) if end is not None else known.max()
    attrs = {"freq": freq, "directed": directed, "date": date,
             "modes": None if modes is None else tuple(modes), "min_events": min_events,
             "min_texts": min_texts, "ci": ci, "prior_events": prior_events, "n_events": len(frame),
             "n_texts": int(_text_ids(frame, text).nunique()), "imprecise": imprecise,
             "corpus_texts": None if corpus is None else int(corpus_dates.notna().sum())}
    if pd.isna(first) or pd.isna(last) or not labels:
        out = pd.DataFrame({c: [] for c in SERIES_COLUMNS})
        out.attrs = attrs
        return out
    periods = pd.period_range(first, last, freq=freq)
    frame = frame.assign(period=frame["timestamp"].dt.to_period(freq), _text=_text_ids(frame, text))
    table = _counts(frame, labels, periods)
    table = _coverage(table, corpus_dates if corpus is not None else None, periods, freq)
    table = _measures(table, min_events, min_texts, prior_events, fill)
    table = _intervals(table, frame, ci, n_boot, seed, prior_events)
    table["escalation_index"] = _index(table, measure, window, min_events, min_texts, fill)
    table["period"] = table["period"].dt.start_time
    parts = [_split_dyad(d) for d in table["dyad"]]
    table["source_country"] = [p[0] if p[1] else "" for p in parts]
    table["target_country"] = [p[1] for p in parts]
    order = {label: i for i, label in enumerate(labels)}
    table = table.sort_values(["dyad", "period"], key=lambda s: s.map(order)
                              if s.name == "dyad" else s, ignore_index=True)
    out = table[list(SERIES_COLUMNS)]
    out.attrs = attrs
    return out


def _corpus_dates(corpus: pd.DataFrame | pd.Series | None) -> pd.Series:
    if corpus is None:
        return pd.Series([], dtype="datetime64[ns]")
    if isinstance(corpus, pd.DataFrame) and "date" not in corpus:
        raise ValueError("corpus must have a 'date' column (the articles that were coded)")
    values = corpus["date"] if isinstance(corpus, pd.DataFrame) else corpus
    text = pd.Series(values).astype("string").fillna("")
    return pd.to_datetime(text.where(text != ""), format="ISO8601", errors="coerce")


def _counts(frame: pd.DataFrame, labels: list[str], periods: pd.PeriodIndex) -> pd.DataFrame:
    """Per (dyad, period): event counts, texts, QuadClass counts, Goldstein sum; zeros if none."""
    grid = pd.MultiIndex.from_product([labels, periods], names=["dyad", "period"])
    quad = frame["quad_class"].astype(int)
    data = pd.DataFrame({"dyad": frame["dyad"], "period": frame["period"], "n_events": 1,
                         "goldstein_sum": frame["goldstein"].astype(float)}, index=frame.index)
    for q, column in enumerate(QUAD_COLUMNS, start=1):
        data[column] = (quad == q).astype("int64")
    grouped = data.groupby(["dyad", "period"]).sum()
    grouped["n_texts"] = frame.groupby(["dyad", "period"])["_text"].nunique()
    table = grouped.reindex(grid, fill_value=0).reset_index()
    table["net_cooperation"] = (table["verbal_coop"] + table["material_coop"]
                                - table["verbal_conflict"] - table["material_conflict"])
    return table


def _coverage(table: pd.DataFrame, corpus_dates: pd.Series | None, periods: pd.PeriodIndex,
              freq: str) -> pd.DataFrame:
    if corpus_dates is None:
        table["corpus_texts"] = pd.array([pd.NA] * len(table), dtype="Int64")
        table["covered"] = True
    else:
        per = corpus_dates.dropna().dt.to_period(freq).value_counts()
        texts = table["period"].map(per).fillna(0).astype("int64")
        table["corpus_texts"] = texts.astype("Int64")
        table["covered"] = texts > 0
    for column in _COUNTS:
        table[column] = table[column].astype("Int64").where(table["covered"], pd.NA)
    table["goldstein_sum"] = table["goldstein_sum"].astype(float).where(table["covered"])
    return table


def _measures(table: pd.DataFrame, min_events: int, min_texts: int, prior: float,
              fill: float | None) -> pd.DataFrame:
    n = table["n_events"].astype(float)
    texts = table["n_texts"].astype(float)
    enough = table["covered"] & (n >= max(1, min_events)) & (texts >= max(1, min_texts))
    table["thin"] = table["covered"] & (n > 0) & ~enough
    conflict = (table["verbal_conflict"] + table["material_conflict"]).astype(float)
    gsum = table["goldstein_sum"]
    values = {"goldstein_mean": gsum / n, "conflict_share": conflict / n,
              "escalation": -gsum / (n + prior)}
    for column, value in values.items():
        value = value.where(enough)
        if fill is not None:
            value = value.where(~table["covered"] | enough, float(fill))
        table[column] = value.astype(float)
        table[f"{column}_low"] = np.nan
        table[f"{column}_high"] = np.nan
    table["_enough"] = enough
    return table


def _intervals(table: pd.DataFrame, frame: pd.DataFrame, ci: float | None, n_boot: int,
               seed: int, prior: float) -> pd.DataFrame:
    """Bootstrap intervals per (dyad, period), resampling texts; cells with 2+ texts only."""
    if ci is None or frame.empty:
        return table.drop(columns="_enough")
    per_text = frame.assign(
        _n=1, _g=frame["goldstein"].astype(float).fillna(0.0),
        _c=frame["quad_class"].isin([3, 4]).astype(int)).groupby(
        ["dyad", "period", "_text"])[["_n", "_g", "_c"]].sum()
    cells = table.index[table["_enough"] & (table["n_texts"].fillna(0) >= 2)]
    rng = np.random.default_rng(seed)
    alpha = (1 - ci) / 2
    for i in cells:
        texts = per_text.loc[(table.at[i, "dyad"], table.at[i, "period"])]
        bounds = cluster_bootstrap(texts["_n"].to_numpy(float), texts["_g"].to_numpy(float),
                                   texts["_c"].to_numpy(float), prior=prior, n_boot=n_boot,
                                   alpha=alpha, rng=rng)
        for column, (low, high) in bounds.items():
            table.at[i, f"{column}_low"] = low
            table.at[i, f"{column}_high"] = high
    return table.drop(columns="_enough")


def _index(table: pd.DataFrame, measure: str, window: int, min_events: int, min_texts: int,
           fill: float | None) -> pd.Series:
    data = pd.DataFrame({
        "dyad": table["dyad"], "n": table["n_events"].astype(float).fillna(0.0),
        "texts": table["n_texts"].astype(float).fillna(0.0),
        "g": table["goldstein_sum"].fillna(0.0),
        "c": (table["verbal_conflict"] + table["material_conflict"]).astype(float).fillna(0.0),
        "net": table["net_cooperation"].astype(float)})
    groups = data.groupby("dyad", sort=False)

    def rolling(column: str, how: str = "sum") -> pd.Series:
        return groups[column].transform(
            lambda s: getattr(s.rolling(window, min_periods=1), how)())

    n = rolling("n")
    if measure == "goldstein":
        value = -rolling("g") / n
    elif measure == "conflict_share":
        value = rolling("c") / n
    else:
        value = -rolling("net", "mean")
    enough = table["covered"] & (n >= max(1, min_events)) & (rolling("texts") >= max(1, min_texts))
    value = value.where(enough)
    if fill is not None:
        value = value.where(~table["covered"] | enough, float(fill))
    return value.astype(float) + 0.0
