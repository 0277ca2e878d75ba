"""Plots of coded events, in the seaborn calling style, with matplotlib only.

Every plot function has the form ``f(data, *, ..., ax=None, **kwargs) -> Axes``:
it draws on ``ax`` (a new figure's axes when omitted), passes ``kwargs`` to the
main matplotlib call and returns the axes. Nothing changes matplotlib's global
state on import; wrap figures for a paper in :func:`publication_style` and write
them with :func:`save_figure`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from eventcoder.events import Event, events_to_frame
>>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
...           "19", 4, -10.0, "attack", "...", "en")
>>> with publication_style():
...     ax = plot_escalation(events_to_frame([e]), freq="D")
>>> ax.get_ylabel()
'Goldstein (mean)'
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .aggregate import QUAD_COLUMNS, DyadSpec, dyad_matrix, escalation_series, filter_events
from .cameo import QUAD_CLASS_LABELS

__all__ = [
    "OKABE_ITO",
    "plot_comparison",
    "plot_dyad_events",
    "plot_dyad_heatmap",
    "plot_escalation",
    "plot_quad_composition",
    "publication_style",
    "save_figure",
]

logger = logging.getLogger(__name__)

#: Okabe & Ito's colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
             "#F0E442", "#000000")
#: QuadClass 1-4: blues for cooperation, orange/vermillion for conflict.
QUAD_COLORS = ("#56B4E9", "#0072B2", "#E69F00", "#D55E00")

_STYLE = {
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "lines.linewidth": 1.4,
    "figure.figsize": (6.3, 3.5),
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
}

_COMPARABLE = ("n_events", *QUAD_COLUMNS, "goldstein_sum", "goldstein_mean",
               "conflict_share", "net_cooperation")
_YLABELS = {"goldstein_mean": "Goldstein (mean)", "goldstein_sum": "Goldstein (sum)",
            "escalation_index": "Escalation index", "conflict_share": "Conflict share",
            "net_cooperation": "Net cooperation", "n_events": "Events"}


@contextlib.contextmanager
def publication_style(**overrides) -> Iterator[None]:
    """Publication defaults inside a ``with`` block: fonts, sizes, dpi, palette.

    Parameters
    ----------
    **overrides
        Further rcParams ("font.size": 11 ...).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with publication_style():
    ...     mpl.rcParams["savefig.dpi"]
    300.0
    """
    from cycler import cycler
    params = {**_STYLE, "axes.prop_cycle": cycler(color=list(OKABE_ITO)), **overrides}
    with plt.rc_context(params):
        yield


def save_figure(fig: Figure, name: str, formats: Sequence[str] = ("png", "pdf"),
                directory: str | Path = "figures", *, dpi: int = 300) -> list[Path]:
    """Write ``fig`` as ``directory/name.<format>`` for each format, tightly laid out.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> fig, ax = plt.subplots()
    >>> [p.suffix for p in save_figure(fig, "demo", directory=tempfile.mkdtemp())]
    ['.png', '.pdf']
    >>> plt.close(fig)
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    with publication_style():
        fig.tight_layout()
        paths = []
        for fmt in formats:
            path = folder / f"{name}.{fmt.lstrip('.')}"
            fig.savefig(path, dpi=dpi, bbox_inches="tight")
            paths.append(path)
    logger.info("saved %s", ", ".join(str(p) for p in paths))
    return paths


def _axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else plt.subplots()[1]


def _date_axis(ax: Axes) -> None:
    """Concise date ticks that do not overlap."""
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _is_series(data: pd.DataFrame) -> bool:
    return {"period", "dyad", "n_events"} <= set(data.columns)


def plot_escalation(data: pd.DataFrame, *, dyads: Sequence[DyadSpec] | None = None,
                    y: str = "goldstein_mean", rolling: int | None = 4, freq: str = "W",
                    ax: Axes | None = None, **kwargs) -> Axes:
    """Escalation timeline of one or more dyads, with a rolling mean.

    Parameters
    ----------
    data : DataFrame
        An events frame, or the output of :func:`~eventcoder.aggregate.escalation_series`.
    dyads : sequence of "SRC-TGT" or (source, target), optional
        Dyads to draw; by default the (at most 6) dyads with most events.
    y : str
        A series column: "goldstein_mean", "escalation_index", "conflict_share" ...
    rolling : int or None
        Periods of the rolling mean drawn as a solid line over the raw values
        (thin, transparent); ``None`` or 1 draws the raw values only.
    freq : str
        Period, when ``data`` is an events frame.
    ax : Axes, optional
    **kwargs
        Passed to :func:`~eventcoder.aggregate.escalation_series` when ``data``
        is an events frame (``measure``, ``window``, ``date``, ``modes`` ...).

    Returns
    -------
    Axes
    """
    series = data if _is_series(data) else escalation_series(data, freq=freq, dyads=dyads,
                                                             **kwargs)
    ax = _axes(ax)
    totals = series.groupby("dyad")["n_events"].sum().sort_values(ascending=False, kind="stable")
    if dyads is not None:
        from .aggregate import _parse_dyad
        present = set(totals.index)
        wanted = [_parse_dyad(d, directed) for d in dyads for directed in (True, False)]
        labels = list(dict.fromkeys(d for d in wanted if d in present))
    else:
        labels = list(totals.index[:6])
    for i, label in enumerate(labels):
        part = series[series["dyad"] == label].sort_values("period")
        color = OKABE_ITO[i % len(OKABE_ITO)]
        values = part[y].astype(float)
        if rolling and rolling > 1:
            ax.plot(part["period"], values, color=color, alpha=0.3, linewidth=0.8)
            values = values.rolling(rolling, min_periods=1).mean()
        ax.plot(part["period"], values, color=color, label=label)
    if y in ("goldstein_mean", "goldstein_sum", "net_cooperation", "escalation_index"):
        ax.axhline(0, color="0.5", linewidth=0.6)
    ax.set_ylabel(_YLABELS.get(y, y))
    ax.set_xlabel("")
    _date_axis(ax)
    if labels:
        ax.legend(title="Dyad")
    return ax


def plot_quad_composition(data: pd.DataFrame, *, dyad: DyadSpec | None = None,
                          kind: str = "area", normalize: bool = False, freq: str = "W",
                          ax: Axes | None = None, **kwargs) -> Axes:
    """Events per QuadClass over time, as a stacked area or stacked bars.

    Parameters
    ----------
    data : DataFrame
        An events frame, or an escalation series.
    dyad : "SRC-TGT" or (source, target), optional
        One dyad; by default all events (or all dyads of the series) summed.
    kind : {"area", "bar"}
    normalize : bool
        Shares of each period's events instead of counts.
    freq : str
        Period, when ``data`` is an events frame.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.stackplot`` or ``Axes.bar``.

    Returns
    -------
    Axes
    """
    if kind not in ("area", "bar"):
        raise ValueError(f"kind must be 'area' or 'bar', not {kind!r}")
    if _is_series(data):
        series = data
        if dyad is not None:
            from .aggregate import _parse_dyad
            series = series[series["dyad"].isin({_parse_dyad(dyad, True),
                                                  _parse_dyad(dyad, False)})]
    else:
        series = escalation_series(data, freq=freq, dyads=None if dyad is None else [dyad],
                                   by_dyad=dyad is not None)
    table = series.groupby("period")[list(QUAD_COLUMNS)].sum().sort_index()
    if normalize:
        table = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
    ax = _axes(ax)
    labels = [QUAD_CLASS_LABELS[q] for q in (1, 2, 3, 4)]
    if kind == "area":
        ax.stackplot(table.index, *(table[c].to_numpy() for c in QUAD_COLUMNS),
                     labels=labels, colors=QUAD_COLORS, **kwargs)
    else:
        width = kwargs.pop("width", _bar_width(table.index))
        bottom = np.zeros(len(table))
        for column, label, color in zip(QUAD_COLUMNS, labels, QUAD_COLORS, strict=True):
            ax.bar(table.index, table[column], bottom=bottom, width=width, label=label,
                   color=color, align="edge", **kwargs)
            bottom += table[column].to_numpy()
    ax.set_ylabel("Share of events" if normalize else "Events")
    ax.legend(loc="upper left")
    _date_axis(ax)
    return ax


def _bar_width(index: pd.Index) -> float:
    if len(index) < 2:
        return 0.8
    return 0.8 * float(np.min(np.diff(index.to_numpy())) / np.timedelta64(1, "D"))


def plot_dyad_heatmap(data: pd.DataFrame, *, value: str = "conflict_share",
                      countries: Sequence[str] | None = None, annotate: bool = True,
                      ax: Axes | None = None, **kwargs) -> Axes:
    """Countries x countries heatmap of a dyad measure (rows: source, columns: target).

    Parameters
    ----------
    data : DataFrame
        An events frame, or a matrix from :func:`~eventcoder.aggregate.dyad_matrix`.
    value : str
        The measure ("conflict_share", "goldstein_mean", "n_events" ...).
    countries : sequence of str, optional
        Rows/columns; by default the 12 countries in most events.
    annotate : bool
        Write each cell's value.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.imshow`` (``cmap``, ``vmin``, ``vmax``).

    Returns
    -------
    Axes
    """
    if "event_code" in data.columns:
        if countries is None:
            frame = filter_events(data)
            counts = pd.concat([frame["source_country"], frame["target_country"]])
            countries = counts[counts != ""].value_counts().index[:12].tolist()
        matrix = dyad_matrix(data, value=value, countries=countries)
    else:
        matrix = data if countries is None else data.reindex(index=countries,
                                                             columns=countries)
    diverging = value in ("goldstein_mean", "goldstein_sum", "net_cooperation")
    if diverging:
        bound = float(np.nanmax(np.abs(matrix.to_numpy()))) if matrix.notna().any().any() else 1
        kwargs = {"cmap": "PuOr", "vmin": -bound, "vmax": bound, **kwargs}
    else:
        kwargs = {"cmap": "cividis", **kwargs}
    ax = _axes(ax)
    image = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", **kwargs)
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=90)
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.set_xlabel("Target")
    ax.set_ylabel("Source")
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=_YLABELS.get(value, value))
    if annotate:
        for (i, j), cell in np.ndenumerate(matrix.to_numpy(dtype=float)):
            if not np.isnan(cell):
                ax.text(j, i, f"{cell:.2g}", ha="center", va="center", fontsize=7)
    return ax


def plot_dyad_events(events: pd.DataFrame, dyad: DyadSpec, *, directed: bool = False,
                     n_labels: int = 5, date: str = "date", ax: Axes | None = None,
                     **kwargs) -> Axes:
    """Each event of one dyad on a time line (y: Goldstein), the key events labelled.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    dyad : "SRC-TGT" or (source, target)
    directed : bool
        Only events from source to target, or both directions (default).
    n_labels : int
        Label this many events with the largest |Goldstein| by their code names.
    date : {"date", "event_date"}
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.scatter``; further filters are not taken here, filter
        the frame with :func:`~eventcoder.aggregate.filter_events` first.

    Returns
    -------
    Axes
    """
    from .aggregate import _parse_dyad
    frame = filter_events(events, directed=directed, date=date, modes=None)
    frame = frame[frame["dyad"] == _parse_dyad(dyad, directed)].dropna(subset=["timestamp"])
    ax = _axes(ax)
    colors = [QUAD_COLORS[int(q) - 1] if 1 <= int(q) <= 4 else "0.5"
              for q in frame["quad_class"]]
    markers = frame["mode"].eq("asserted") if "mode" in frame else pd.Series(True)
    ax.scatter(frame["timestamp"][markers], frame["goldstein"][markers],
               c=[c for c, m in zip(colors, markers, strict=True) if m], **kwargs)
    if (~markers).any():
        ax.scatter(frame["timestamp"][~markers], frame["goldstein"][~markers],
                   facecolors="none", edgecolors="0.4", label="not asserted")
    # key events: largest |Goldstein|, one per event code, earliest first
    key = frame.assign(_weight=-frame["goldstein"].abs()).sort_values(
        ["_weight", "timestamp"], kind="stable").drop_duplicates("event_code")
    for n, row in enumerate(key.head(n_labels).sort_values("timestamp").itertuples()):
        label = row.event_name or row.event_code
        ax.annotate(f"{row.source}→{row.target}: {label}", (row.timestamp, row.goldstein),
                    xytext=(6, 10 if n % 2 == 0 else -14), textcoords="offset points",
                    fontsize=7, arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.5})
    ax.axhline(0, color="0.5", linewidth=0.6)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("Goldstein")
    _date_axis(ax)
    ax.set_title(_parse_dyad(dyad, directed))
    return ax


def plot_comparison(ours: pd.DataFrame, reference: pd.DataFrame, *,
                    dyads: Sequence[DyadSpec] | None = None, y: str = "n_events",
                    freq: str = "W", labels: tuple[str, str] = ("eventcoder", "reference"),
                    directed: bool = False, ax: Axes | None = None, **kwargs) -> Axes:
    """Our coding and a reference dataset (GDELT, ICEWS ...) as two lines on one axes.

    Parameters
    ----------
    ours, reference : DataFrame
        Events frames (e.g. from :mod:`eventcoder.loaders` for the reference).
    dyads : sequence of "SRC-TGT" or (source, target), optional
        Restrict both to these dyads (summed); by default all dyadic events.
    y : str
        A series column ("n_events", "goldstein_mean", "conflict_share" ...).
    freq : str
        Period.
    labels : (str, str)
        Legend entries.
    directed : bool
        Directed dyads (default: undirected, both directions together).
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.plot`` for both lines.

    Returns
    -------
    Axes
    """
    if y not in _COMPARABLE:
        raise ValueError(f"y must be one of {_COMPARABLE}, not {y!r}")
    stamps = pd.concat([filter_events(f, directed=directed)["timestamp"]
                        for f in (ours, reference)]).dropna()
    ax = _axes(ax)
    for frame, label, color in zip((ours, reference), labels, OKABE_ITO, strict=False):
        series = escalation_series(frame, freq=freq, dyads=dyads, directed=directed,
                                   by_dyad=True, start=stamps.min() if len(stamps) else None,
                                   end=stamps.max() if len(stamps) else None)
        table = series.groupby("period")[[*QUAD_COLUMNS, "n_events", "goldstein_sum",
                                           "net_cooperation"]].sum()
        n = table["n_events"].where(table["n_events"] > 0)
        table["goldstein_mean"] = (table["goldstein_sum"] / n).fillna(0.0)
        table["conflict_share"] = ((table["verbal_conflict"] + table["material_conflict"])
                                   / n).fillna(0.0)
        ax.plot(table.index, table[y], label=label, color=color, **kwargs)
    ax.set_ylabel(_YLABELS.get(y, y))
    _date_axis(ax)
    ax.legend()
    return ax
