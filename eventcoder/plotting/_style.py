"""Shared look of the plots: palettes with one meaning each, style, date axes, captions."""

from __future__ import annotations

import contextlib
import logging
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

logger = logging.getLogger("eventcoder.plotting")

#: Okabe & Ito's colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
             "#F0E442", "#000000")
#: QuadClass 1-4: blues for cooperation, orange/vermillion for conflict. These four
#: colours mean QuadClass in every figure and nothing else.
QUAD_COLORS = ("#56B4E9", "#0072B2", "#E69F00", "#D55E00")
#: conflict is hatched, so cooperation and conflict differ in grey scale too
QUAD_HATCHES = ("", "", "////", "////")
QUAD_MARKERS = ("o", "s", "^", "v")
#: dyads (and other series): the Okabe-Ito colours QuadClass does not use, each with
#: its own marker, line style and fill, so grey-scale prints keep them apart
DYAD_STYLES = (
    {"color": "#000000", "marker": "o", "linestyle": "-", "markerfacecolor": "#000000"},
    {"color": "#CC79A7", "marker": "s", "linestyle": "--", "markerfacecolor": "white"},
    {"color": "#009E73", "marker": "^", "linestyle": ":", "markerfacecolor": "#009E73"},
    {"color": "#777777", "marker": "D", "linestyle": "-.", "markerfacecolor": "white"},
)
DYAD_HATCHES = ("", "\\\\\\\\", "....", "xxxx")
#: periods a corpus does not cover
UNCOVERED = {"color": "0.88", "linewidth": 0, "zorder": 0}
UNCOVERED_LABEL = "no texts in the corpus"

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
    colors = [s["color"] for s in DYAD_STYLES]
    params = {**_STYLE, "axes.prop_cycle": cycler(color=colors), **overrides}
    with plt.rc_context(params):
        yield


def save_figure(fig: Figure, name: str, formats: Sequence[str] = ("png", "pdf"),
                directory: str | Path = "figures", *, dpi: int = 300) -> list[Path]:
    """Write ``fig`` as ``directory/name.<format>`` for each format, tightly cropped.

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
        paths = []
        for fmt in formats:
            path = folder / f"{name}.{fmt.lstrip('.')}"
            fig.savefig(path, dpi=dpi, bbox_inches="tight")
            paths.append(path)
    logger.info("saved %s", ", ".join(str(p) for p in paths))
    return paths


def new_axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else plt.subplots()[1]


def date_axis(ax: Axes) -> None:
    """Concise date ticks that do not overlap (and no AutoDateLocator warnings on short spans)."""
    low, high = ax.get_xlim()
    if high - low < 2:  # one day or less: no interval fits
        ax.set_xlim(low - 1, high + 1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def integer_ticks(ax: Axes) -> None:
    """Counts have whole-number ticks."""
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4, min_n_ticks=2))


def dyad_text(label: str, directed: bool = True) -> str:
    """'RUS-UKR' as 'RUS→UKR' (directed) or 'RUS↔UKR' (both directions).

    Examples
    --------
    >>> dyad_text("RUS-UKR"), dyad_text("USA-PRK", directed=False), dyad_text("----UKR")
    ('RUS→UKR', 'USA↔PRK', '---→UKR')
    """
    from ..aggregate.dyads import _split_dyad

    if label == "all":
        return "all events"
    source, target = _split_dyad(label)
    return f"{source}{'→' if directed else '↔'}{target}" if target else label


def period_bounds(periods: pd.Series | pd.Index, freq: str | None) -> tuple[np.ndarray, np.ndarray]:
    """First and last instant of each period (starts as given), as datetime64 arrays."""
    starts = pd.DatetimeIndex(pd.to_datetime(periods))
    if freq:
        index = pd.PeriodIndex(starts, freq=freq)
        return starts.to_numpy(), (index.end_time + pd.Timedelta(1, "ns")).to_numpy()
    unique = np.unique(starts.to_numpy())
    step = np.min(np.diff(unique)) if len(unique) > 1 else np.timedelta64(1, "D")
    return starts.to_numpy(), (starts + step).to_numpy()


def shade_uncovered(ax: Axes, starts: Sequence, ends: Sequence, covered: Sequence[bool],
                    *, label: bool = True) -> int:
    """Grey bands over the periods without texts; returns how many were shaded."""
    shaded = 0
    for start, end, ok in zip(starts, ends, covered, strict=True):
        if not ok:
            ax.axvspan(start, end, label=UNCOVERED_LABEL if label and not shaded else None,
                       **UNCOVERED)
            shaded += 1
    return shaded


def below_axis(ax: Axes):
    """Coordinates whose (0, 0) is the axes' left edge just under everything below the axes."""
    from matplotlib.transforms import Bbox

    def coords(renderer) -> Bbox:
        frame = ax.get_window_extent(renderer)
        artists = [ax.xaxis.label, ax.xaxis.get_offset_text(), *ax.get_xticklabels()]
        lows = [a.get_window_extent(renderer).y0 for a in artists
                if a.get_visible() and a.get_text()]
        low = min([frame.y0, *lows])
        return Bbox.from_extents(frame.x0, low, frame.x1, low + 1)

    return coords


def add_caption(ax: Axes, text: str, *, fontsize: float = 7.0, offset: float = 6.0) -> None:
    """Write ``text`` under ``ax``, below its tick labels and axis label, wrapped to its width.

    ``offset`` is the gap in points. The caption is a text of ``ax`` with the gid
    ``"eventcoder-caption"``.
    """
    if not text:
        return
    fig = ax.figure
    width_in = ax.get_position().width * fig.get_figwidth()
    chars = max(40, int(width_in * 72 / (0.52 * fontsize)))
    wrapped = "\n".join(textwrap.fill(part, chars) for part in text.split("\n"))
    ax.annotate(wrapped, xy=(0, 0), xycoords=below_axis(ax), xytext=(0, -offset),
                textcoords="offset points", ha="left", va="top", fontsize=fontsize,
                color="0.25", annotation_clip=False, gid="eventcoder-caption")


def luminance(rgba: Sequence[float]) -> float:
    """Relative luminance (WCAG) of a colour: below about 0.4, white text reads better.

    Examples
    --------
    >>> round(luminance((0, 0, 0, 1)), 2), round(luminance((1, 1, 1, 1)), 2)
    (0.0, 1.0)
    """
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(c)) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
