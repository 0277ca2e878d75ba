"""The cluster bootstrap behind the intervals of :func:`escalation_series`.

Events of one text are not independent (one article reports the same clash in
several sentences), so the resampling unit is the text: each replicate draws the
period's texts with replacement, keeping all events of a drawn text.
"""

from __future__ import annotations

import numpy as np


def cluster_bootstrap(n: np.ndarray, g: np.ndarray, c: np.ndarray, *, prior: float,
                      n_boot: int, alpha: float,
                      rng: np.random.Generator) -> dict[str, tuple[float, float]]:
    """Percentile intervals of the mean Goldstein, conflict share and escalation.

    Parameters
    ----------
    n, g, c : arrays, one entry per text
        Events, Goldstein sum and conflict events (QuadClass 3 and 4) of each text.
    prior : float
        ``k`` of the escalation measure ``-G / (n + k)``.
    n_boot : int
        Replicates.
    alpha : float
        Lower tail (0.025 for a 95 % interval).
    rng : numpy Generator

    Returns
    -------
    dict
        ``{"goldstein_mean": (low, high), "conflict_share": ..., "escalation": ...}``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> out = cluster_bootstrap(np.array([1., 1.]), np.array([-10., 2.]), np.array([1., 0.]),
    ...                         prior=5, n_boot=200, alpha=0.025, rng=rng)
    >>> out["goldstein_mean"]
    (-10.0, 2.0)
    """
    draws = rng.integers(0, len(n), size=(n_boot, len(n)))
    events, gsum, conflict = n[draws].sum(axis=1), g[draws].sum(axis=1), c[draws].sum(axis=1)
    stats = {"goldstein_mean": gsum / events, "conflict_share": conflict / events,
             "escalation": -gsum / (events + prior)}
    return {name: (float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha)))
            for name, values in stats.items()}
