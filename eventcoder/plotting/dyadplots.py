"""Who does what to whom: the dyad heatmap and the events of one dyad on a time line."""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..aggregate import DyadSpec, dyad_summary, filter_events, key_events
from ..aggregate.dyads import _parse_dyad
from ..cameo import QUAD_CLASS_LABELS
from ._style import (
    QUAD_COLORS,
    QUAD_MARKERS,
    add_caption,
    below_axis,
    date_axis,
    dyad_text,
    luminance,
    new_axes,
)
from .names import labelled

__all__ = ["plot_dyad_events", "plot_dyad_heatmap"]

_HEAT_LABELS = {"conflict_share": "Conflict share (QuadClass 3 + 4)",
                "goldstein_mean": "Goldstein (mean)", "n_events": "Events",
                "goldstein_sum": "Goldstein (sum)", "net_cooperation": "Net cooperation"}


def _fmt(value: float, measure: str) -> str:
    if measure in ("n_events", "n_texts", "net_cooperation") or measure in (
            "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"):
        return f"{value:.0f}"
    return f"{value:.2f}" if measure == "conflict_share" else f"{value:.1f}"


def plot_dyad_heatmap(data: pd.DataFrame, *, value: str = "conflict_share",
                      countries: Sequence[str] | None = None, n_countries: int = 10,
                      unknown: str = "drop", names: bool = True, min_n: int = 1,
                      annotate: bool = True, caption: bool = True, note: str | None = None,
                      counts: pd.DataFrame | None = None, ax: Axes | None = None,
                      **kwargs) -> Axes:
    """Source x target heatmap of a dyad measure, with n in every cell.

    Parameters
    ----------
    data : DataFrame
        An events frame of *one* corpus (pooling corpora of different genres and
        years mixes what they cover; a frame with several ``dataset`` values
        raises), or a matrix from :func:`~eventcoder.aggregate.dyad_matrix`.
    value : str
        "conflict_share", "goldstein_mean", "n_events" ...
    countries : sequence of str, optional
        Rows and columns; by default the ``n_countries`` in most events.
    unknown : {"drop", "label"}
        Leave out the unknown country "---" (default) or show it as "unknown".
    names : bool
        Write names beside the codes ("RUS Russia").
    min_n : int
        Cells with fewer events are blank (their n is still written).
    annotate : bool
        Write value and n in each cell, black or white by the cell's luminance.
    caption : bool
        Explain rows, columns, n and the blank cells under the figure.
    note : str, optional
        First sentence of the caption (what the data are).
    counts : DataFrame, optional
        Event counts for a matrix ``data`` (same shape), written as n.
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.imshow`` (``cmap``, ``vmin``, ``vmax``).

    Returns
    -------
    Axes
    """
    if unknown not in ("drop", "label"):
        raise ValueError(f"unknown must be 'drop' or 'label', not {unknown!r}")
    if "source" in data.columns and "target" in data.columns:
        if "dataset" in data.columns and data["dataset"].nunique() > 1:
            raise ValueError("plot_dyad_heatmap draws one corpus per figure; data has datasets "
                             f"{sorted(data['dataset'].unique())}: draw one heatmap each")
        summary = dyad_summary(data, known_only=unknown == "drop")
        if countries is None:
            volume = pd.concat([summary.groupby("source_country")["n_events"].sum(),
                                summary.groupby("target_country")["n_events"].sum()])
            countries = volume.groupby(level=0).sum().sort_values(
                ascending=False, kind="stable").index[:n_countries].tolist()
        countries = list(countries)
        grid = pd.DataFrame(np.nan, index=countries, columns=countries)
        matrix, n = grid.copy(), grid.copy()
        for row in summary.itertuples(index=False):
            if row.source_country in grid.index and row.target_country in grid.columns:
                matrix.loc[row.source_country, row.target_country] = float(getattr(row, value))
                n.loc[row.source_country, row.target_country] = float(row.n_events)
        total = int(np.nansum(n.to_numpy()))
    else:
        matrix = data if countries is None else data.reindex(index=countries, columns=countries)
        n = counts.reindex_like(matrix) if counts is not None else None
        total = int(np.nansum(n.to_numpy())) if n is not None else None
    values = matrix.to_numpy(dtype=float).copy()
    for i, code in enumerate(matrix.index):
        if code in matrix.columns:
            values[i, list(matrix.columns).index(code)] = np.nan  # the diagonal: not a relation
    if n is not None:
        values[np.nan_to_num(n.to_numpy(dtype=float)) < min_n] = np.nan
    diverging = value in ("goldstein_mean", "goldstein_sum", "net_cooperation")
    if diverging:
        bound = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        kwargs = {"cmap": "PuOr", "vmin": -bound, "vmax": bound, **kwargs}
    elif value == "conflict_share":
        kwargs = {"cmap": "cividis", "vmin": 0.0, "vmax": 1.0, **kwargs}
    else:
        kwargs = {"cmap": "cividis", **kwargs}
    ax = new_axes(ax)
    ax.set_facecolor("white")
    image = ax.imshow(np.ma.masked_invalid(values), aspect="equal", **kwargs)
    def label(code: str) -> str:
        return labelled(code) if names else code

    ax.set_xticks(range(matrix.shape[1]), [label(c) for c in matrix.columns], rotation=60,
                  ha="right", rotation_mode="anchor")
    ax.set_yticks(range(matrix.shape[0]), [label(c) for c in matrix.index])
    ax.set_xlabel("Target")
    ax.set_ylabel("Source")
    ax.grid(False)
    for i, code in enumerate(matrix.index):
        if code in matrix.columns:
            j = list(matrix.columns).index(code)
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="0.93", hatch="////",
                                   edgecolor="0.75", linewidth=0, gid="diagonal"))
    ax.figure.colorbar(image, ax=ax, label=_HEAT_LABELS.get(value, value), shrink=0.8)
    if annotate:
        cmap, norm = image.get_cmap(), image.norm
        for (i, j), cell in np.ndenumerate(values):
            count = n.iat[i, j] if n is not None else np.nan
            if np.isnan(cell) and not (count > 0 and matrix.index[i] != matrix.columns[j]):
                continue
            if np.isnan(cell):
                ax.text(j, i, f"n={count:.0f}", ha="center", va="center", fontsize=6,
                        color="0.45")
                continue
            text = _fmt(cell, value) + (f"\nn={count:.0f}" if count == count else "")
            color = "white" if luminance(cmap(norm(cell))) < 0.4 else "black"
            ax.text(j, i, text, ha="center", va="center", fontsize=6.5, color=color,
                    linespacing=1.1)
    if caption:
        text = f"{note.rstrip('.')}. " if note else ""
        if total is not None:
            text += f"N = {total:,} asserted events between the countries shown. "
        text += ("Rows: source, columns: target; n = events in the cell. Hatched: the "
                 "diagonal (events within one country, left out)")
        text += "; unknown actors (---) left out" if unknown == "drop" else ""
        text += f"; blank: no events{f' or fewer than {min_n}' if min_n > 1 else ''}."
        add_caption(ax, text)
    return ax


def _annotations(annotations) -> list[tuple[pd.Timestamp, str]]:
    if annotations is None:
        return []
    if isinstance(annotations, pd.DataFrame):
        pairs: Iterable = zip(annotations["date"], annotations["label"], strict=True)
    else:
        pairs = annotations
    return sorted((pd.Timestamp(d), str(label)) for d, label in pairs)


def plot_dyad_events(events: pd.DataFrame, dyad: DyadSpec, *, directed: bool = False,
                     key: int = 6, key_min_goldstein: float = 4.0, annotations=None,
                     table: bool = True, date: str = "date", note: str | None = None,
                     ax: Axes | None = None, **kwargs) -> Axes:
    """Each event of one dyad on a time line (y: Goldstein), key events numbered.

    Marker colour and shape give the QuadClass; hollow markers are events the
    coder flags as not asserted (negated, hypothetical, future ...: not counted
    by the series); events whose date the text gives only to the month or year
    (``date="event_date"``) are bars over that month or year, not points on its
    first day. The key events (:func:`~eventcoder.aggregate.key_events`:
    asserted, ranked by the texts reporting them, then |Goldstein|) are
    numbered, and listed under the axes instead of labelled in place.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    dyad : "SRC-TGT" or (source, target)
    directed : bool
        Only events from source to target, or both directions (default).
    key : int
        How many key events to number (0: none).
    key_min_goldstein : float
        Only events with |Goldstein| at least this can be key events (4: threats,
        negotiations and stronger; not comments, praise or visits).
    annotations : sequence of (date, label) or DataFrame with ``date``, ``label``, optional
        Your own time line (dates of known turning points), drawn as dashed
        lines lettered A, B ... and listed with the key events.
    table : bool
        List the key events and annotations under the axes.
    date : {"date", "event_date"}
    note : str, optional
        First line of the list (what the data are).
    ax : Axes, optional
    **kwargs
        Passed to ``Axes.scatter`` for the events.

    Returns
    -------
    Axes
    """
    label = _parse_dyad(dyad, directed)
    frame = filter_events(events, directed=directed, date=date, modes=None)
    frame = frame[frame["dyad"] == label].dropna(subset=["timestamp"])
    precision = (frame["date_precision"].fillna("") if date == "event_date"
                 and "date_precision" in frame else pd.Series("", index=frame.index))
    coarse = precision.isin(["week", "month", "year"])
    asserted = frame["mode"].fillna("asserted").eq("asserted") if "mode" in frame \
        else pd.Series(True, index=frame.index)
    ax = new_axes(ax)
    handles = []
    for q in (1, 2, 3, 4):
        of_q = frame["quad_class"].astype(int) == q
        style = {"marker": QUAD_MARKERS[q - 1], "s": 26, "linewidths": 0.8, **kwargs}
        points = of_q & ~coarse
        ax.scatter(frame.loc[points & asserted, "timestamp"],
                   frame.loc[points & asserted, "goldstein"], color=QUAD_COLORS[q - 1],
                   edgecolors="0.2", zorder=3, **style)
        ax.scatter(frame.loc[points & ~asserted, "timestamp"],
                   frame.loc[points & ~asserted, "goldstein"], facecolors="none",
                   edgecolors=QUAD_COLORS[q - 1], zorder=3, **style)
        for stamp, weight, prec in zip(frame.loc[of_q & coarse, "timestamp"],
                                       frame.loc[of_q & coarse, "goldstein"],
                                       precision[of_q & coarse], strict=True):
            period = pd.Period(stamp, {"week": "W", "month": "M", "year": "Y"}[prec])
            ax.hlines(weight, period.start_time, period.end_time, color=QUAD_COLORS[q - 1],
                      linewidth=2.5, alpha=0.8, zorder=2)
        handles.append(Line2D([], [], linestyle="", marker=QUAD_MARKERS[q - 1],
                              color=QUAD_COLORS[q - 1], markeredgecolor="0.2",
                              label=QUAD_CLASS_LABELS[q]))
    if (~asserted).any():
        handles.append(Line2D([], [], linestyle="", marker="o", markerfacecolor="none",
                              color="0.35", label="not asserted (hollow)"))
    if coarse.any():
        handles.append(Line2D([], [], color="0.35", linewidth=2.5,
                              label="date known to the month/year"))
    lines = [note] if note else []
    chosen = key_events(events, dyad, n=key, directed=directed, date=date,
                        min_goldstein=key_min_goldstein) if key else None
    if chosen is not None and len(chosen):
        spots: dict[tuple, int] = {}
        for row in chosen.itertuples(index=False):
            if row.precision != "day":  # a bar: number its middle, not its first day
                period = pd.Period(row.timestamp, {"week": "W", "month": "M", "year": "Y"}[
                    row.precision])
                row = row._replace(timestamp=period.start_time + (period.end_time
                                                                  - period.start_time) / 2)
            spot = (row.timestamp, row.goldstein)
            shift = spots.get(spot, 0)
            spots[spot] = shift + 1
            ax.scatter([row.timestamp], [row.goldstein], s=90, facecolors="none",
                       edgecolors="black", linewidths=0.8, zorder=4)
            ax.annotate(str(row.number), (row.timestamp, row.goldstein),
                        xytext=(5 + 8 * shift, 5), textcoords="offset points", fontsize=7,
                        fontweight="bold", zorder=5, gid="key-event")
            lines.append(f"{row.number:>2}  {row.when:<10}  {row.direction:<11} "
                         f"{row.event_code:<4} {str(row.event_name)[:44]:<44} "
                         f"({row.n_texts} text{'s' if row.n_texts != 1 else ''})")
    for letter, (stamp, text) in zip(string.ascii_uppercase, _annotations(annotations)):
        ax.axvline(stamp, color="0.4", linestyle="--", linewidth=0.8, zorder=1)
        ax.annotate(letter, (stamp, 1.0), xycoords=("data", "axes fraction"), xytext=(2, -2),
                    textcoords="offset points", va="top", fontsize=7, fontweight="bold",
                    gid="annotation")
        lines.append(f" {letter}  {stamp:%Y-%m-%d}  {text}")
    ax.axhline(0, color="0.5", linewidth=0.6)
    ax.set_ylim(-10.8, 10.8)
    ax.set_ylabel("Goldstein (−10 conflict … +10 cooperation)")
    ax.set_title(dyad_text(_parse_dyad(dyad, True), directed))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    date_axis(ax)
    if table and len(lines) > (1 if note else 0):
        ax.annotate("\n".join(lines), xy=(0, 0), xycoords=below_axis(ax), xytext=(0, -6),
                    textcoords="offset points", ha="left", va="top", fontsize=6.5,
                    family="monospace", annotation_clip=False, gid="eventcoder-caption")
    return ax
