"""Compare a dyad across event datasets (our coding, ICEWS, GDELT) where all of them have data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .dyads import _FREQ_ALIASES, DyadSpec, check_events, dyad_labels, filter_events

__all__ = ["COMPARE_COLUMNS", "compare_series", "coverage_periods"]

#: the columns of :func:`compare_series`, in order
COMPARE_COLUMNS = ("period", "dataset", "covered", "overlap", "n_events", "total_events",
                   "share", "z")

Coverage = pd.DataFrame | pd.Series | tuple


def coverage_periods(dates: Coverage, freq: str) -> pd.PeriodIndex:
    """The periods a dataset covers: those with a text (dates), or every period of (start, end).

    Examples
    --------
    >>> coverage_periods(("2018-08-29", "2018-10-31"), "M").astype(str).tolist()
    ['2018-08', '2018-09', '2018-10']
    >>> coverage_periods(pd.Series(["2020-01-05", "2020-03-01"]), "M").astype(str).tolist()
    ['2020-01', '2020-03']
    """
    freq = _FREQ_ALIASES.get(freq, freq)
    if isinstance(dates, tuple):
        start, end = dates
        return pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq=freq)
    values = dates["date"] if isinstance(dates, pd.DataFrame) else dates
    text = pd.Series(values).astype("string").fillna("")
    stamps = pd.to_datetime(text.where(text != ""), format="ISO8601", errors="coerce").dropna()
    return pd.PeriodIndex(sorted(set(stamps.dt.to_period(freq))), freq=freq)


def compare_series(data: pd.DataFrame, *, dyads: Sequence[DyadSpec] | DyadSpec,
                   hue: str = "dataset", freq: str = "M", directed: bool = False,
                   coverage: Mapping[str, Coverage] | None = None,
                   modes: Sequence[str] | None = ("asserted",), **filters) -> pd.DataFrame:
    """Per period and dataset: the dyads' events, as counts, shares and z-scores.

    Datasets differ in volume by orders of magnitude (ICEWS codes millions of
    stories, a corpus a few hundred texts), so raw counts are not comparable;
    ``share`` (the dyads' events among all events of the dataset in the period)
    and ``z`` (counts standardised over the periods every dataset covers) are.
    Outside a dataset's coverage everything is missing, never 0.

    Parameters
    ----------
    data : DataFrame
        Events of several datasets in one frame, told apart by ``hue``
        (``pd.concat([ours.assign(dataset="eventcoder"), load_icews(path)])``;
        the loaders set ``dataset``). Actor codes are CAMEO codes (the loaders
        map ICEWS names: "North Korea" -> PRK).
    dyads : "SRC-TGT", (source, target) or a sequence of them
        Summed.
    hue : str
        The column naming the dataset.
    freq : {"D", "W", "M", "Q", "Y"}
    directed : bool
        Undirected by default (both directions together).
    coverage : mapping, optional
        Dataset -> the dates it covers: its texts (a frame with ``date`` or a
        Series of dates; only periods with a text are covered) or a
        ``(start, end)`` pair. By default a dataset covers every period from its
        first to its last event (of any dyad).
    modes : sequence of str or None
        Event modes counted (asserted by default).
    **filters
        Passed to :func:`~eventcoder.aggregate.filter_events`.

    Returns
    -------
    DataFrame
        One row per period (of the union of all coverage) and dataset.
        Columns ``COMPARE_COLUMNS``:

        - ``period`` (datetime64): first day; ``dataset`` (str).
        - ``covered`` (bool): the dataset has data in the period.
        - ``overlap`` (bool): every dataset has data in the period.
        - ``n_events`` (Int64): events of the dyads; ``<NA>`` where not covered.
        - ``total_events`` (Int64): all events of the dataset (every dyad).
        - ``share`` (float): n_events / total_events; NaN where not covered or
          total_events is 0.
        - ``z`` (float): n_events standardised (mean 0, SD 1) over the
          overlapping periods of that dataset; NaN outside the overlap, or where
          the counts do not vary.

        ``attrs["coverage"]`` maps each dataset to its first and last covered
        period.

    Examples
    --------
    >>> ev = pd.DataFrame({"source": ["USA", "PRK", "USA", "CHN"], "target": ["PRK", "USA", "PRK", "USA"],
    ...     "date": ["2018-09-03", "2018-09-20", "2018-10-02", "2018-10-05"],
    ...     "quad_class": 1, "goldstein": 1.0, "dataset": ["a", "a", "b", "b"]})
    >>> out = compare_series(ev, dyads="USA-PRK")
    >>> out[["period", "dataset", "covered", "overlap", "n_events", "share"]]
          period dataset  covered  overlap  n_events  share
    0 2018-09-01       a     True    False         2    1.0
    1 2018-10-01       a    False    False      <NA>    NaN
    2 2018-09-01       b    False    False      <NA>    NaN
    3 2018-10-01       b     True    False         1    0.5
    """
    check_events(data, "compare_series", ("source", "target", "date", hue))
    freq = _FREQ_ALIASES.get(freq, freq)
    labels = set(dyad_labels(dyads, directed=directed))
    names = list(dict.fromkeys(data[hue].astype(str)))
    frames = {name: filter_events(data[data[hue].astype(str) == name], directed=directed,
                                  modes=modes, **filters) for name in names}
    covered: dict[str, pd.PeriodIndex] = {}
    for name, frame in frames.items():
        given = (coverage or {}).get(name)
        if given is not None:
            covered[name] = coverage_periods(given, freq)
        else:
            stamps = frame["timestamp"].dropna()
            covered[name] = (pd.period_range(stamps.min(), stamps.max(), freq=freq)
                             if len(stamps) else pd.PeriodIndex([], freq=freq))
    union = sorted(set().union(*map(set, covered.values())))
    grid = pd.PeriodIndex(union, freq=freq)
    common = set(grid)
    for periods in covered.values():
        common &= set(periods)
    rows = []
    for name, frame in frames.items():
        stamps = frame["timestamp"]
        periods = stamps.dropna().dt.to_period(freq)
        total = periods.value_counts()
        mine = periods[frame.loc[periods.index, "dyad"].isin(labels)].value_counts()
        part = pd.DataFrame({"period": grid, "dataset": name})
        part["covered"] = part["period"].isin(set(covered[name]))
        part["overlap"] = part["period"].isin(common)
        part["n_events"] = pd.array(part["period"].map(mine).fillna(0).astype(int),
                                    dtype="Int64")
        part["total_events"] = pd.array(part["period"].map(total).fillna(0).astype(int),
                                        dtype="Int64")
        for column in ("n_events", "total_events"):
            part[column] = part[column].where(part["covered"], pd.NA)
        totals = part["total_events"].astype(float)
        part["share"] = (part["n_events"].astype(float) / totals.where(totals > 0)).astype(float)
        counts = part["n_events"].astype(float).where(part["overlap"])
        spread = counts.std(ddof=0)
        part["z"] = (counts - counts.mean()) / spread if spread and spread > 0 else np.nan
        rows.append(part)
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        {c: [] for c in COMPARE_COLUMNS})
    if len(out):
        out["period"] = pd.PeriodIndex(out["period"], freq=freq).start_time
        out["z"] = out["z"].astype(float)
    out = out[list(COMPARE_COLUMNS)]
    out.attrs = {"freq": freq, "directed": directed, "dyads": sorted(labels),
                 "coverage": {name: (str(p.min()), str(p.max())) if len(p) else (None, None)
                              for name, p in covered.items()}}
    return out
