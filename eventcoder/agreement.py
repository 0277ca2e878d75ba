"""Inter-coder agreement: Cohen's and Fleiss' kappa for human codings.

Two or more coders code the same sentences. :func:`coding_table` turns their
event tables (one row per coded event, with a ``coder`` column) into a
sentence x coder table of labels at root-code level: the sorted set of root
codes a coder gave the sentence ("04+19"), or ``"none"``. :func:`cohen_kappa`
compares two columns of it, :func:`fleiss_kappa` all of them, and
:func:`agreement_summary` gives every pair and the overall figure.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from .cameo import root_of

__all__ = ["agreement_summary", "coding_table", "cohen_kappa", "fleiss_kappa"]

NONE = "none"


def coding_table(codings: pd.DataFrame, *, coder: str = "coder", item: str = "sentence_id",
                 code: str = "event_code", level: str = "root",
                 items: list | None = None) -> pd.DataFrame:
    """One label per (sentence, coder): the sorted root codes the coder gave it.

    Parameters
    ----------
    codings : DataFrame
        One row per coded event; a sentence a coder saw but coded no event for
        can be a row with an empty ``code``.
    coder, item, code : str
        Column names.
    level : {"root", "code"}
        Compare root codes ("19") or full codes ("193").
    items : list, optional
        All sentences coded (those missing for a coder get ``"none"``).

    Returns
    -------
    DataFrame
        Index: items; columns: coders; values: labels such as ``"04+19"``.
    """
    for col in (coder, item, code):
        if col not in codings.columns:
            raise KeyError(f"codings lack the column {col!r}")
    if level not in ("root", "code"):
        raise ValueError(f"level must be 'root' or 'code', got {level!r}")
    frame = codings[[coder, item, code]].copy()
    frame[code] = frame[code].fillna("").astype(str).str.strip()
    if level == "root":
        frame[code] = [root_of(c) if c else "" for c in frame[code]]
    labels = (frame.groupby([item, coder])[code]
              .agg(lambda s: "+".join(sorted({c for c in s if c})) or NONE)
              .unstack(coder))
    coders = list(dict.fromkeys(frame[coder]))
    index = list(dict.fromkeys(list(items or []) + list(labels.index)))
    return labels.reindex(index=index, columns=coders).fillna(NONE)


def cohen_kappa(a: pd.Series | list, b: pd.Series | list) -> float:
    """Cohen's kappa of two coders' labels for the same items.

    Pairs where either label is missing are dropped. Returns 1.0 when both
    coders used one and the same label throughout (no chance correction possible).

    Examples
    --------
    >>> round(cohen_kappa(["04", "19", "none", "04"], ["04", "19", "04", "04"]), 3)
    0.556
    """
    a, b = pd.Series(list(a) if not isinstance(a, pd.Series) else a), \
        pd.Series(list(b) if not isinstance(b, pd.Series) else b)
    if len(a) != len(b):
        raise ValueError(f"the codings differ in length ({len(a)} vs {len(b)})")
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    keep = a.notna() & b.notna()
    a, b = a[keep].astype(str), b[keep].astype(str)
    n = len(a)
    if n == 0:
        return float("nan")
    p_o = float((a == b).mean())
    pa, pb = a.value_counts(normalize=True), b.value_counts(normalize=True)
    p_e = float(sum(pa.get(k, 0.0) * pb.get(k, 0.0) for k in set(pa.index) | set(pb.index)))
    if p_e == 1.0:
        return 1.0
    return round((p_o - p_e) / (1.0 - p_e), 12)


def fleiss_kappa(table: pd.DataFrame) -> float:
    """Fleiss' kappa of an items x coders table of labels (two or more coders).

    Every item must be coded by the same number of coders (missing labels are
    not allowed). The formula of Fleiss (1971).

    Examples
    --------
    >>> t = pd.DataFrame({"a": ["04", "19", "04"], "b": ["04", "19", "19"],
    ...                   "c": ["04", "19", "04"]})
    >>> round(fleiss_kappa(t), 3)
    0.55
    """
    if table.shape[1] < 2:
        raise ValueError("Fleiss' kappa needs at least two coders")
    if table.isna().any().any():
        raise ValueError("every item needs a label from every coder (found missing labels)")
    values = table.astype(str).to_numpy()
    cats = sorted(set(values.ravel()))
    counts = np.array([[int((row == c).sum()) for c in cats] for row in values], dtype=float)
    n_items, n_raters = counts.shape[0], values.shape[1]
    if n_items == 0:
        return float("nan")
    p_j = counts.sum(axis=0) / (n_items * n_raters)
    p_i = ((counts ** 2).sum(axis=1) - n_raters) / (n_raters * (n_raters - 1))
    p_bar, p_e = p_i.mean(), float((p_j ** 2).sum())
    if p_e == 1.0:
        return 1.0
    return round(float((p_bar - p_e) / (1.0 - p_e)), 12)


def agreement_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa and raw agreement for every pair of coders, and Fleiss' kappa for all.

    Returns a frame with columns ``coders``, ``measure``, ``items``,
    ``agreement`` (share of identical labels), ``kappa``.
    """
    rows = []
    for c1, c2 in combinations(table.columns, 2):
        pair = table[[c1, c2]].dropna()
        rows.append({"coders": f"{c1} / {c2}", "measure": "Cohen's kappa", "items": len(pair),
                     "agreement": float((pair[c1] == pair[c2]).mean()) if len(pair) else np.nan,
                     "kappa": cohen_kappa(pair[c1], pair[c2])})
    if table.shape[1] >= 2:
        full = table.dropna()
        same = full.nunique(axis=1) == 1
        rows.append({"coders": " / ".join(map(str, table.columns)), "measure": "Fleiss' kappa",
                     "items": len(full), "agreement": float(same.mean()) if len(full) else np.nan,
                     "kappa": fleiss_kappa(full)})
    return pd.DataFrame(rows, columns=["coders", "measure", "items", "agreement", "kappa"])
