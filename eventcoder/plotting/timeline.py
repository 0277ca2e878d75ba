"""Time lines of escalation series: measures with intervals, counts, QuadClass composition."""

from __future__ import annotations

import textwrap  # noqa: F401 - the doctests use it
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..aggregate import QUAD_COLUMNS, DyadSpec, escalation_series
from ..aggregate.dyads import _parse_dyad, _requested
from ..cameo import QUAD_CLASS_LABELS
from ._style import (
    DYAD_HATCHES,
    DYAD_STYLES,
    QUAD_COLORS,
    QUAD_HATCHES,
    add_caption,
    date_axis,
    dyad_text,
    integer_ticks,
    new_axes,
    period_bounds,
    shade_uncovered,
)

__all__ = ["plot_counts", "plot_escalation", "plot_quad_composition", "series_caption"]

#: y columns of a series that can be drawn, with their axis labels
Y_LABELS = {
    "goldstein_mean": "Goldstein (mean)", "escalation": "Escalation (volume-aware)",
    "escalation_index": "Escalation index (rolling)", "conflict_share": "Conflict share",
    "goldstein_sum": "Goldstein (sum)", "net_cooperation": "Net cooperation",
    "n_events": "Events", "n_texts": "Texts", "verbal_coop": "Verbal cooperation",
    "material_coop": "Material cooperation", "verbal_conflict": "Verbal conflict",
    "material_conflict": "Material conflict",
}
_SIGNED = {"goldstein_mean", "goldstein_sum", "escalation", "escalation_index", "net_cooperation"}
#: y limits of bounded measures (Goldstein's scale is -10 to +10)
_RANGES = {"goldstein_mean": (-10.5, 10.5), "escalation": (-10.5, 10.5),
           "escalation_index": (-10.5, 10.5), "conflict_share": (-0.03, 1.03)}
_FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def _is_series(data: pd.DataFrame) -> bool:
    return {"period", "dyad", "n_events"} <= set(data.columns)


def _series(data: pd.DataFrame, freq: str, dyads, **kwargs) -> pd.DataFrame:
    return data if _is_series(data) else escalation_series(data, freq=freq, dyads=dyads, **kwargs)


def _check_column(series: pd.DataFrame, y: str, caller: str) -> None:
    valid = [c for c in Y_LABELS if c in series.columns]
    if y not in series.columns or y not in Y_LABELS:
        raise ValueError(f"{caller}: y={y!r} is not a column it can draw; valid columns: "
                         f"{', '.join(valid)}")


def _labels(series: pd.DataFrame, dyads, hue: str, limit: int = 4) -> list[str]:
    """The series' labels to draw: the requested dyads (in order) or the largest ones."""
    present = list(dict.fromkeys(series[hue]))
    if dyads is None or hue != "dyad":
        totals = series.groupby(hue, sort=False)["n_events"].sum().astype(float)
        return list(totals.sort_values(ascending=False, kind="stable").index[:limit])
    directed = series.attrs.get("directed", True)
    out = []
    for dyad in _requested(dyads):
        key = _parse_dyad(dyad, directed)
        match = [p for p in present if p != "all" and _parse_dyad(p, directed) == key]
        if not match:
            raise ValueError(f"dyad {dyad!r} is not in the series; it has {present[:12]}")
        out.append(match[0])
    return list(dict.fromkeys(out))


def series_caption(series: pd.DataFrame, dyads: Sequence[str] | None = None, *,
                   y: str = "goldstein_mean", note: str | None = None, ci: bool = True) -> str:
    """The caption of a series figure: N, texts, period, rules, intervals and shading.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "RUS", "", "UKR", "", "190", "Fight", "19", 4, -10.0,
    ...           "", "", "en")
    >>> text = series_caption(escalation_series(events_to_frame([e])), note="Example")
    >>> print(textwrap.fill(text, 80))
    Example. N = 1 asserted event from 1 text; per week, by article date. Points:
    weeks with at least 3 events from 2 texts; gaps: fewer.
    """
    attrs = series.attrs
    part = series if dyads is None else series[series["dyad"].isin(list(dyads))]
    n_events = int(part["n_events"].sum()) if len(part) else 0
    all_drawn = dyads is None or set(dyads) >= set(series["dyad"])
    n_texts = attrs.get("n_texts") if all_drawn and "n_texts" in attrs else int(
        part["n_texts"].sum()) if len(part) else 0
    modes = attrs.get("modes", ("asserted",))
    what = "asserted event" if modes == ("asserted",) else "event"
    freq = _FREQ_WORDS.get(attrs.get("freq", ""), "period")
    when = "by the event date given in the text" if attrs.get("date") == "event_date" \
        else "by article date"
    text = f"{note.rstrip('.')}. " if note else ""
    text += (f"N = {n_events:,} {what}{'s' if n_events != 1 else ''} from {n_texts:,} "
             f"text{'s' if n_texts != 1 else ''}")
    if attrs.get("corpus_texts"):
        text += f" (corpus: {attrs['corpus_texts']:,} texts)"
    text += f"; per {freq}, {when}."
    if y in ("goldstein_mean", "conflict_share", "escalation", "escalation_index"):
        events, texts = attrs.get("min_events", 3), attrs.get("min_texts", 2)
        text += (f" Points: {freq}s with at least {events} event{'s' if events != 1 else ''} "
                 f"from {texts} text{'s' if texts != 1 else ''}; gaps: fewer.")
    if y == "escalation":
        text += (f" Escalation = -(sum of Goldstein) / (n + {attrs.get('prior_events', 5):g}),"
                 " the mean shrunk towards 0 when n is small; up = more conflict.")
    if ci and f"{y}_low" in series and series[f"{y}_low"].notna().any():
        text += (f" Bars: {attrs.get('ci', 0.95):.0%} bootstrap intervals (texts resampled;"
                 " none where a single text).")
    if "covered" in part and not part["covered"].all():
        text += " Grey: no texts in the corpus."
    return text


def plot_escalation(data: pd.DataFrame, *, x: str = "period", y: str = "goldstein_mean",
                    hue: str = "dyad", dyads: Sequence[DyadSpec] | DyadSpec | None = None,
                    ci: bool = True, counts: bool = True, caption: bool = True,
                    note: str | None = None, freq: str = "W", ax: Axes | None = None,
                    **kwargs) -> Axes:
    """Escalation of one or more dyads per period, with intervals, gaps and counts.

    Periods without enough events are gaps (not zeros); periods the corpus does
    not cover are shaded; a strip under the axes shows the events per period;
    a caption gives N, the texts, the rules and what the bars are.

    Parameters
    ----------
    data : DataFrame
        An escalation series (:func:`~eventcoder.aggregate.escalation_series`) or
        an events frame (aggregated here with ``freq``, ``dyads`` and ``kwargs``).
    x : str
        The period column.
    y : str
        The measure: "goldstein_mean", "escalation" (volume-aware),
        "conflict_share", "escalation_index" ... (a wrong name lists the valid ones).
    hue : str
        The column of the series drawn as separate lines.
    dyads : "SRC-TGT" or a sequence, optional
        Dyads to draw (in this order); by default the (at most 4) with most events.
    ci : bool
        Draw the bootstrap intervals (``y + "_low"``/``"_high"``) as bars.
    counts : bool
        Add a strip with the events per period under the axes.
    caption : bool
        Write the caption (:func:`series_caption`) under the figure.
    note : str, optional
        First sentence of the caption: what the data are ("Ukrainian official
        addresses, 22 Feb-17 May 2022").
    freq : str
        Period, when ``data`` is an events frame.
    ax : Axes, optional
    **kwargs
        Passed to :func:`~eventcoder.aggregate.escalation_series` when ``data``
        is an events frame (``corpus``, ``date``, ``min_events`` ...).

    Returns
    -------
    Axes
        The axes of the measure (the count strip is the next axes of the figure).
    """
    series = _series(data, freq, dyads, **kwargs)
    _check_column(series, y, "plot_escalation")
    ax = new_axes(ax)
    labels = _labels(series, dyads, hue)
    directed = series.attrs.get("directed", True)
    freq_ = series.attrs.get("freq")
    if labels:
        first = series[series[hue] == labels[0]].sort_values(x)
        starts, ends = period_bounds(first[x], freq_)
        shade_uncovered(ax, starts, ends, first["covered"] if "covered" in first
                        else [True] * len(first))
        ax.set_xlim(starts.min(), ends.max())  # the whole grid, even where nothing is drawn
    for i, label in enumerate(labels):
        part = series[series[hue] == label].sort_values(x)
        starts, ends = period_bounds(part[x], freq_)
        dodge = (i - (len(labels) - 1) / 2) * 0.12
        mid = starts + (ends - starts) * (0.5 + dodge)
        values = part[y].astype(float).to_numpy()
        yerr = None
        if ci and f"{y}_low" in part:
            low, high = (part[f"{y}_{s}"].astype(float).to_numpy() for s in ("low", "high"))
            yerr = np.vstack([values - low, high - values])
        ax.errorbar(mid, values, yerr=yerr, label=dyad_text(label, directed), capsize=2,
                    elinewidth=0.8, markersize=4, linewidth=1.2, **DYAD_STYLES[i % 4])
    if y in _SIGNED:
        ax.axhline(0, color="0.5", linewidth=0.6, zorder=1)
    if y in _RANGES and ax.get_autoscaley_on():
        ax.set_ylim(*_RANGES[y])  # the measure's whole scale: figures compare at a glance
    drawn = series[series[hue].isin(labels)][y]
    if labels and drawn.notna().sum() == 0:
        rule = (f"at least {series.attrs.get('min_events', 3)} events from "
                f"{series.attrs.get('min_texts', 2)} texts")
        ax.text(0.5, 0.5, f"no {_FREQ_WORDS.get(freq_, 'period')} has enough events ({rule})",
                transform=ax.transAxes, ha="center", va="center", fontsize=8, color="0.35",
                gid="nothing-drawn")
    ax.set_ylabel(Y_LABELS.get(y, y))
    ax.set_xlabel("")
    if labels:
        ax.legend(loc="best")
    bottom = ax
    if counts and labels:
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        strip = make_axes_locatable(ax).append_axes("bottom", size="32%", pad=0.1, sharex=ax)
        plot_counts(series, x=x, hue=hue, dyads=labels, legend=False, ax=strip)
        ax.tick_params(labelbottom=False)
        bottom = strip
    else:
        date_axis(ax)
    if caption:
        add_caption(bottom, series_caption(series, labels, y=y, note=note, ci=ci))
    return ax


def plot_counts(data: pd.DataFrame, *, x: str = "period", y: str = "n_events",
                hue: str = "dyad", dyads: Sequence[DyadSpec] | DyadSpec | None = None,
                legend: bool = True, freq: str = "W", ax: Axes | None = None, **kwargs) -> Axes:
    """Events (or texts) per period as bars, one per dyad, with whole-number ticks.

    Parameters
    ----------
    data : DataFrame
        An escalation series, or an events frame (aggregated with ``freq``).
    y : {"n_events", "n_texts", "verbal_coop", ...}
        The count drawn.
    hue, dyads, freq
        As :func:`plot_escalation`.
    legend : bool
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.bar``.

    Returns
    -------
    Axes
    """
    series = _series(data, freq, dyads)
    _check_column(series, y, "plot_counts")
    ax = new_axes(ax)
    labels = _labels(series, dyads, hue)
    directed = series.attrs.get("directed", True)
    freq_ = series.attrs.get("freq")
    for i, label in enumerate(labels):
        part = series[series[hue] == label].sort_values(x)
        starts, ends = period_bounds(part[x], freq_)
        if i == 0:
            shade_uncovered(ax, starts, ends, part["covered"] if "covered" in part
                            else [True] * len(part), label=legend)
            ax.set_xlim(starts.min(), ends.max())
        days = (ends - starts) / np.timedelta64(1, "D")
        width = 0.8 * days / max(1, len(labels))
        left = starts + ((0.1 * days + i * width) * 86400e9).astype("timedelta64[ns]")
        style = DYAD_STYLES[i % 4]
        ax.bar(left, part[y].astype(float).to_numpy(), width=width, align="edge",
               color=style["color"] if i % 2 == 0 else "white", edgecolor=style["color"],
               hatch=DYAD_HATCHES[i % 4], linewidth=0.6, label=dyad_text(label, directed),
               **kwargs)
    ax.set_ylabel({"n_events": "events", "n_texts": "texts"}.get(y, Y_LABELS.get(y, y)))
    integer_ticks(ax)
    ax.set_ylim(bottom=0)
    date_axis(ax)
    if legend and labels:
        ax.legend(loc="upper left")
    return ax


def plot_quad_composition(data: pd.DataFrame, *, dyad: DyadSpec | None = None,
                          kind: str = "bar", normalize: bool = False, freq: str = "W",
                          corpus: pd.DataFrame | None = None, ax: Axes | None = None,
                          **kwargs) -> Axes:
    """Events per QuadClass and period, stacked (bars by default).

    Cooperation is blue, conflict orange/vermillion and hatched (the QuadClass
    colours of every figure); periods the corpus does not cover are shaded, and
    with ``normalize`` a period without events has no bar (a share of nothing
    is not 0).

    Parameters
    ----------
    data : DataFrame
        An events frame, or an escalation series (its dyads are summed).
    dyad : "SRC-TGT" or (source, target), optional
        One dyad; by default all events.
    kind : {"bar", "area"}
    normalize : bool
        Shares of each period's events instead of counts.
    freq : str
        Period, when ``data`` is an events frame.
    corpus : DataFrame, optional
        The coded texts (coverage), when ``data`` is an events frame.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.bar`` or ``Axes.stackplot``.

    Returns
    -------
    Axes
    """
    if kind not in ("area", "bar"):
        raise ValueError(f"kind must be 'area' or 'bar', not {kind!r}")
    if _is_series(data):
        series = data
        if dyad is not None:
            directed = series.attrs.get("directed", True)
            key = _parse_dyad(dyad, directed)
            series = series[[_parse_dyad(d, directed) == key for d in series["dyad"]]]
    else:
        series = escalation_series(data, freq=freq, dyads=None if dyad is None else [dyad],
                                   by_dyad=dyad is not None, corpus=corpus, ci=None)
    grouped = series.groupby("period", sort=True)
    table = grouped[list(QUAD_COLUMNS)].sum(min_count=1).astype(float)
    covered = grouped["covered"].all() if "covered" in series else pd.Series(True, table.index)
    if normalize:
        table = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0)
    ax = new_axes(ax)
    starts, ends = period_bounds(table.index, series.attrs.get("freq"))
    shade_uncovered(ax, starts, ends, covered.to_numpy())
    labels = [QUAD_CLASS_LABELS[q] for q in (1, 2, 3, 4)]
    if kind == "area":
        mids = starts + (ends - starts) / 2
        ax.stackplot(mids, *(table[c].fillna(0).to_numpy() for c in QUAD_COLUMNS),
                     labels=labels, colors=QUAD_COLORS, hatch=list(QUAD_HATCHES),
                     edgecolor="white", linewidth=0.4, **kwargs)
    else:
        days = (ends - starts) / np.timedelta64(1, "D")
        left = starts + ((0.1 * days) * 86400e9).astype("timedelta64[ns]")
        bottom = np.zeros(len(table))
        for column, label, color, hatch in zip(QUAD_COLUMNS, labels, QUAD_COLORS, QUAD_HATCHES,
                                               strict=True):
            heights = table[column].to_numpy()
            ax.bar(left, heights, bottom=bottom, width=0.8 * days, align="edge", label=label,
                   color=color, hatch=hatch, edgecolor="white", linewidth=0.4, **kwargs)
            bottom = bottom + np.nan_to_num(heights)
    ax.set_ylabel("Share of events" if normalize else "Events")
    if not normalize:
        integer_ticks(ax)
    if len(table):
        ax.set_xlim(starts.min(), ends.max())
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    date_axis(ax)
    return ax

