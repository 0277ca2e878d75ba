"""Confidence intervals for small validation samples.

- :func:`wilson_interval`: a proportion (k of n checked events are right). Unlike the
  normal approximation it stays inside [0, 1] and is usable for n of 10 or 20.
- :func:`score_intervals`: precision, recall and F1 against a gold standard with
  intervals for small samples, acceptable events counted neither way (as
  :func:`validate` does). Each interval is the wider of two: the Wilson interval of
  the counts (precision = tp of tp + fp; F1 = 2tp of 2tp + fp + fn) and the bootstrap
  percentile interval that resamples *sentences* (the events of one sentence are not
  independent). The bootstrap alone collapses to a point when every sentence scores
  0 (0 of 9 found is not "recall 0 exactly"); Wilson alone ignores the clustering.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from .gold import GoldSentence, read_gold
from .scoring import ACTOR_LEVELS, EVENT_LEVELS, _assign, _key, _predicted_frame

__all__ = ["SCORE_COLUMNS", "score_intervals", "sentence_counts", "wilson_interval"]

#: the columns of :func:`score_intervals`, in order
SCORE_COLUMNS = ("measure", "estimate", "low", "high", "tp", "fp", "fn", "sentences")


def wilson_interval(k: int | float, n: int | float, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the proportion ``k / n``; ``(nan, nan)`` when ``n`` is 0.

    Examples
    --------
    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    >>> [round(x, 3) for x in wilson_interval(0, 5)]
    [0.0, 0.434]
    """
    if n <= 0:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def sentence_counts(predicted: Any, gold: Sequence[GoldSentence] | Any, *, event: str = "root",
                    actors: str = "country", modes: Iterable[str] | None = ("asserted",)
                    ) -> pd.DataFrame:
    """(tp, fp, fn) per gold sentence at one level; acceptable events count neither way.

    Parameters
    ----------
    predicted : DataFrame or path
        Coded events (``doc_id`` = gold id, or matched as :func:`validate` does).
    gold : list of GoldSentence, or a path
    event : {"code", "root", "quad"}
    actors : {"full", "country", "ignored"}
    modes : iterable of str or None
        Predicted modes scored (asserted only by default).

    Returns
    -------
    DataFrame
        Columns ``id``, ``tp``, ``fp``, ``fn`` (int), one row per gold sentence.
    """
    if event not in EVENT_LEVELS or actors not in ACTOR_LEVELS:
        raise ValueError(f"event must be one of {EVENT_LEVELS}, actors one of {ACTOR_LEVELS}")
    gold_list = gold if isinstance(gold, list) and all(isinstance(g, GoldSentence)
                                                       for g in gold) else read_gold(gold)
    frame = _predicted_frame(predicted)
    if modes is not None:
        frame = frame[frame["mode"].isin(set(modes)) | (frame["mode"] == "")]
    owners = _assign(frame, gold_list)
    with_target = actors != "ignored"

    def keys(items) -> Counter:
        return Counter(_key(s, t, c, event, actors, with_target) for s, t, c in items)

    pred: dict[str, list] = {s.id: [] for s in gold_list}
    for owner, src, tgt, code in zip(owners, frame["source"], frame["target"],
                                     frame["event_code"], strict=True):
        if owner is not None:
            pred[owner].append((src.strip().upper(), tgt.strip().upper(), code.strip()))
    rows = []
    for s in gold_list:
        g = keys((e.source, e.target, e.code) for e in s.events)
        p = keys(pred[s.id])
        hit = g & p
        extra = (p - g) - keys((e.source, e.target, e.code) for e in s.acceptable)
        rows.append({"id": s.id, "tp": sum(hit.values()), "fp": sum(extra.values()),
                     "fn": sum((g - hit).values())})
    return pd.DataFrame(rows, columns=["id", "tp", "fp", "fn"])


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, ...]:
    with np.errstate(invalid="ignore", divide="ignore"):
        return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)


def score_intervals(predicted: Any, gold: Sequence[GoldSentence] | Any, *, event: str = "root",
                    actors: str = "country", modes: Iterable[str] | None = ("asserted",),
                    level: float = 0.95, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Precision, recall and F1 with intervals (Wilson and bootstrap over sentences, the wider).

    Parameters
    ----------
    predicted, gold, event, actors, modes
        As :func:`sentence_counts`; the default level is the CAMEO root code with
        source and target countries.
    level : float
        Interval level.
    n_boot : int
        Bootstrap replicates (sentences drawn with replacement).
    seed : int

    Returns
    -------
    DataFrame
        Three rows (``measure`` "precision", "recall", "f1") with columns
        ``SCORE_COLUMNS``: ``estimate`` (float; NaN when undefined: precision
        without predictions), ``low``, ``high`` (float: the wider of the Wilson
        and the bootstrap percentile interval, see the module docstring),
        ``tp``, ``fp``, ``fn`` (int, totals) and ``sentences`` (int: gold
        sentences scored). ``attrs`` keeps ``event``, ``actors``, ``level``.

    Examples
    --------
    >>> gold = [{"id": f"s{i}", "events": [{"source": "RUS", "target": "UKR", "code": "190"}]}
    ...         for i in range(4)]
    >>> pred = pd.DataFrame({"doc_id": ["s0", "s1", "s2", "s2"], "sentence_id": "1",
    ...     "source": "RUS", "target": "UKR", "event_code": ["190", "193", "111", "190"]})
    >>> score_intervals(pred, gold, n_boot=200)[["measure", "estimate", "tp", "fp", "fn"]]
         measure  estimate  tp  fp  fn
    0  precision      0.75   3   1   1
    1     recall      0.75   3   1   1
    2         f1      0.75   3   1   1
    """
    counts = sentence_counts(predicted, gold, event=event, actors=actors, modes=modes)
    arrays = [counts[c].to_numpy(float) for c in ("tp", "fp", "fn")]
    estimates = _prf(*(a.sum() for a in arrays))
    if len(counts):
        draws = np.random.default_rng(seed).integers(0, len(counts), (n_boot, len(counts)))
        boot = _prf(*(a[draws].sum(axis=1) for a in arrays))
    else:
        boot = (np.array([np.nan]),) * 3
    alpha = (1 - level) / 2
    tp, fp, fn = (float(a.sum()) for a in arrays)
    wilson = {"precision": wilson_interval(tp, tp + fp, level),
              "recall": wilson_interval(tp, tp + fn, level),
              "f1": wilson_interval(2 * tp, 2 * tp + fp + fn, level)}
    rows = []
    for name, estimate, values in zip(("precision", "recall", "f1"), estimates, boot,
                                      strict=True):
        values = values[~np.isnan(values)]
        low, high = wilson[name]
        if len(values) and not np.isnan(low):
            low = min(low, float(np.quantile(values, alpha)))
            high = max(high, float(np.quantile(values, 1 - alpha)))
        rows.append({"measure": name, "estimate": float(estimate), "low": low, "high": high,
                     "tp": int(arrays[0].sum()), "fp": int(arrays[1].sum()),
                     "fn": int(arrays[2].sum()), "sentences": len(counts)})
    out = pd.DataFrame(rows, columns=list(SCORE_COLUMNS))
    out.attrs = {"event": event, "actors": actors, "level": level}
    return out
