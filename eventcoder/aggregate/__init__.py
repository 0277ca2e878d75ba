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
undirected dyad sorts the two countries ("PRK-USA" for both directions), except
that a requested dyad keeps the order it was asked for. Events whose source or
target country is empty are not dyadic and are left out of dyad aggregates;
events within one country ("UKR-UKR") are left out of dyad summaries unless
``self_dyads=True``.

Empty and thin periods
----------------------
:func:`escalation_series` reports a measure (mean Goldstein, conflict share,
escalation) only for periods with enough events from enough texts; other periods
are NaN, never 0, and periods the corpus does not cover have no counts either.
"""

from __future__ import annotations

from .compare import COMPARE_COLUMNS, compare_series, coverage_periods
from .dyads import (
    MEASURES,
    QUAD_COLUMNS,
    REQUIRED_COLUMNS,
    DyadSpec,
    _parse_dyad,  # noqa: F401 - plotting imports it from here
    add_dyads,
    check_events,
    dyad_labels,
    dyad_matrix,
    dyad_summary,
    filter_events,
    quad_shares,
)
from .keyevents import KEY_EVENT_COLUMNS, key_events
from .series import SERIES_COLUMNS, escalation_series

__all__ = [
    "COMPARE_COLUMNS",
    "KEY_EVENT_COLUMNS",
    "MEASURES",
    "QUAD_COLUMNS",
    "REQUIRED_COLUMNS",
    "SERIES_COLUMNS",
    "DyadSpec",
    "add_dyads",
    "check_events",
    "compare_series",
    "coverage_periods",
    "dyad_labels",
    "dyad_matrix",
    "dyad_summary",
    "escalation_series",
    "filter_events",
    "key_events",
    "quad_shares",
]
