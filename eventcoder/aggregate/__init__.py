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
undirected dyad sorts the two countries ("PRK-USA" for both directions). Events
whose source or target country is empty are not dyadic and are left out of dyad
aggregates.
"""

from __future__ import annotations

from .dyads import (
    MEASURES,
    QUAD_COLUMNS,
    DyadSpec,
    _parse_dyad,  # noqa: F401 - plotting imports it from here
    add_dyads,
    dyad_matrix,
    dyad_summary,
    filter_events,
    quad_shares,
)
from .series import escalation_series

__all__ = [
    "MEASURES",
    "QUAD_COLUMNS",
    "DyadSpec",
    "add_dyads",
    "dyad_matrix",
    "dyad_summary",
    "escalation_series",
    "filter_events",
    "quad_shares",
]
