"""Our coding next to reference event data (ICEWS, GDELT): over time, or by composition."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..aggregate import QUAD_COLUMNS, DyadSpec, compare_series, quad_shares
from ..aggregate.compare import Coverage
from ..cameo import QUAD_CLASS_LABELS
from ..validation.intervals import wilson_interval
from ._style import add_caption, date_axis, new_axes, period_bounds

__all__ = ["plot_comparison", "plot_quad_shares"]

#: datasets get grey shades and their own markers: colours keep meaning dyads and QuadClass
SOURCE_STYLES = (
    {"color": "0.1", "marker": "o", "linestyle": "-", "markerfacecolor": "0.1"},
    {"color": "0.5", "marker": "s", "linestyle": "--", "markerfacecolor": "white"},
    {"color": "0.3", "marker": "^", "linestyle": ":", "markerfacecolor": "0.3"},
)
_Y = {"share": "Share of the dataset's events", "z": "z-score of events (overlap)",
      "n_events": "Events"}


def plot_comparison(data: pd.DataFrame, *, dyads: Sequence[DyadSpec] | DyadSpec,
                    y: str = "share", hue: str = "dataset", freq: str = "M",
                    directed: bool = False, coverage: Mapping[str, Coverage] | None = None,
                    caption: bool = True, ax: Axes | None = None, **kwargs) -> Axes:
    """A dyad in several datasets over the periods all of them cover.

    Parameters
    ----------
    data : DataFrame
        Events of several datasets, told apart by ``hue`` (see
        :func:`~eventcoder.aggregate.compare_series`).
    dyads : "SRC-TGT" or a sequence
        Summed, undirected by default.
    y : {"share", "z", "n_events"}
        Share of each dataset's events (default), z-scores of counts, or raw
        counts (not comparable across datasets of different size; allowed for
        one dataset's own view).
    hue : str
        The dataset column.
    freq : str
    directed : bool
    coverage : mapping, optional
        Dataset -> dates it covers (see :func:`~eventcoder.aggregate.compare_series`).
    caption : bool
        Coverage and N of each dataset under the figure.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.plot``.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        When the datasets share no period (the message gives each one's coverage):
        a comparison over time needs the same time.
    """
    if y not in _Y:
        raise ValueError(f"y must be one of {tuple(_Y)}, not {y!r}")
    table = compare_series(data, dyads=dyads, hue=hue, freq=freq, directed=directed,
                           coverage=coverage)
    spans = table.attrs["coverage"]
    if not table["overlap"].any():
        what = "; ".join(f"{name}: {a} to {b}" for name, (a, b) in spans.items())
        raise ValueError(f"the datasets share no period ({what}); a comparison over time needs "
                         "overlapping coverage. Compare what kind of events each records with "
                         "plot_quad_shares instead")
    ax = new_axes(ax)
    shown = table[table["overlap"]]
    for i, (name, part) in enumerate(shown.groupby(hue, sort=False)):
        starts, ends = period_bounds(part["period"], table.attrs["freq"])
        mid = starts + (ends - starts) / 2
        n = int(part["n_events"].sum())
        ax.plot(mid, part[y].astype(float).to_numpy(), label=f"{name} (n = {n:,})",
                markersize=4, **{**SOURCE_STYLES[i % len(SOURCE_STYLES)], **kwargs})
    ax.set_ylabel(_Y[y])
    if y == "z":
        ax.axhline(0, color="0.5", linewidth=0.6)
    else:
        ax.set_ylim(bottom=0)
    date_axis(ax)
    ax.legend()
    if caption:
        first, last = shown["period"].min(), shown["period"].max()
        text = (f"Periods covered by every dataset only ({first:%Y-%m-%d} to {last:%Y-%m-%d}); "
                "coverage: " + "; ".join(f"{k} {a} to {b}" for k, (a, b) in spans.items())
                + ". " + {"share": "Share: the dyads' events among all events of the dataset.",
                          "z": "z: counts standardised within each dataset over the overlap.",
                          "n_events": "Raw counts."}[y])
        add_caption(ax, text)
    return ax


def plot_quad_shares(data: pd.DataFrame, *, countries: Sequence[str], hue: str = "dataset",
                     order: Sequence[str] | None = None, caption: bool = True,
                     note: str | None = None, ax: Axes | None = None, **kwargs) -> Axes:
    """What kind of events each dataset records between ``countries``: QuadClass shares, 95 % CI.

    A composition comparison needs no common period (say which periods in
    ``note``); the Wilson intervals show how many events each share rests on.

    Parameters
    ----------
    data : DataFrame
        Events of several datasets, told apart by ``hue``.
    countries : sequence of str
        Events between any two different of these countries (both directions).
    hue : str
    order : sequence of str, optional
        Datasets, in this order.
    caption : bool
    note : str, optional
        First sentence of the caption (the periods and sources).
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.bar``.

    Returns
    -------
    Axes
    """
    names = list(order) if order is not None else list(dict.fromkeys(data[hue].astype(str)))
    ax = new_axes(ax)
    width = 0.8 / max(1, len(names))
    x = np.arange(len(QUAD_COLUMNS))
    empty = []
    for i, name in enumerate(names):
        part = data[data[hue].astype(str) == name]
        shares = quad_shares(part, countries=countries)
        n = shares.attrs["n"]
        if not n:
            empty.append(name)
        bounds = [wilson_interval(s * n, n) if n else (np.nan, np.nan) for s in shares]
        low = shares.to_numpy() - np.array([b[0] for b in bounds])
        high = np.array([b[1] for b in bounds]) - shares.to_numpy()
        style = SOURCE_STYLES[i % len(SOURCE_STYLES)]
        ax.bar(x + (i - (len(names) - 1) / 2) * width, shares.to_numpy(), width=width,
               yerr=np.vstack([low, high]), capsize=2, color=style["color"] if i % 2 == 0
               else "white", edgecolor=style["color"], hatch="" if i % 2 == 0 else "////",
               label=f"{name} (n = {n:,})", error_kw={"elinewidth": 0.8}, **kwargs)
    ax.set_xticks(x, [QUAD_CLASS_LABELS[q] for q in (1, 2, 3, 4)])
    ax.set_ylabel("Share of the dyad's events")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if caption:
        text = f"{note.rstrip('.')}. " if note else ""
        text += (f"Events between {', '.join(countries)} (both directions; within one country "
                 "left out). Bars: 95% Wilson intervals.")
        if empty:
            text += f" No such events in: {', '.join(empty)} (no bars)."
        add_caption(ax, text)
    return ax

