"""Plots of coded events, in the seaborn calling style, with matplotlib only.

Every plot function has the form ``f(data, *, ..., ax=None, **kwargs) -> Axes``:
it draws on ``ax`` (a new figure's axes when omitted), passes ``kwargs`` on and
returns the axes. Nothing changes matplotlib's global state on import; wrap
figures for a paper in :func:`publication_style` and write them with
:func:`save_figure`.

What the figures promise a reader:

- a period without enough events is a gap, never a 0; periods the corpus does
  not cover are shaded grey; counts sit in a strip under the measure;
- intervals are drawn where the data allow them, and the caption gives N, the
  texts, the period and the rules;
- dyads read with their direction ("RUS→UKR", "USA↔PRK"), in colours, markers
  and line styles that survive grey-scale printing; the four QuadClass colours
  mean QuadClass in every figure and nothing else.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from eventcoder.events import Event, events_to_frame
>>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "NK", "190", "Fight",
...           "19", 4, -10.0, "attack", "...", "en")
>>> with publication_style():
...     ax = plot_escalation(events_to_frame([e]), freq="D", min_events=1, min_texts=1)
>>> ax.get_ylabel(), ax.get_legend().get_texts()[0].get_text()
('Goldstein (mean)', 'USA→PRK')
"""

from __future__ import annotations

from ._style import (
    DYAD_STYLES,
    OKABE_ITO,
    QUAD_COLORS,
    add_caption,
    publication_style,
    save_figure,
)
from .compare import plot_comparison, plot_quad_shares
from .dyadplots import plot_dyad_events, plot_dyad_heatmap
from .names import country_name, labelled
from .timeline import plot_counts, plot_escalation, plot_quad_composition, series_caption

__all__ = [
    "DYAD_STYLES",
    "OKABE_ITO",
    "QUAD_COLORS",
    "add_caption",
    "country_name",
    "labelled",
    "plot_comparison",
    "plot_counts",
    "plot_dyad_events",
    "plot_dyad_heatmap",
    "plot_escalation",
    "plot_quad_composition",
    "plot_quad_shares",
    "publication_style",
    "save_figure",
    "series_caption",
]
