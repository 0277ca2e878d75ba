"""Key events of a dyad: the asserted events most texts report, then the most intense."""

from __future__ import annotations

import pandas as pd

from .dyads import DyadSpec, _parse_dyad, _text_ids, check_events, filter_events

__all__ = ["KEY_EVENT_COLUMNS", "key_events"]

#: the columns of :func:`key_events`, in order
KEY_EVENT_COLUMNS = ("number", "timestamp", "when", "precision", "source", "target", "direction",
                     "event_code", "event_name", "quad_class", "goldstein", "n_texts",
                     "n_events", "doc_id", "sentence")


def _when(stamp: pd.Timestamp, precision: str) -> str:
    if precision == "year":
        return f"{stamp:%Y}"
    if precision == "month":
        return f"{stamp:%Y-%m}"
    if precision == "week":
        return f"week of {stamp:%Y-%m-%d}"
    return f"{stamp:%Y-%m-%d}"


def key_events(events: pd.DataFrame, dyad: DyadSpec, *, n: int = 8, directed: bool = False,
               date: str = "date", min_goldstein: float = 0.0) -> pd.DataFrame:
    """The ``n`` key events of a dyad, numbered in date order.

    Only asserted events qualify (not negated, hypothetical, future ...). Reports
    of the same event (same day, same source and target country, same CAMEO code)
    are merged. They are ranked by the number of distinct texts reporting them,
    then by |Goldstein|, then by date; the top ``n`` are numbered 1..n by date.

    Parameters
    ----------
    events : DataFrame
        An events frame.
    dyad : "SRC-TGT" or (source, target)
    n : int
        How many.
    directed : bool
        Only source -> target, or both directions (default).
    date : {"date", "event_date"}
        Article date or the event date resolved from the text.
    min_goldstein : float
        Leave out events with |Goldstein| below this.

    Returns
    -------
    DataFrame
        Columns ``KEY_EVENT_COLUMNS``: ``number`` (int, 1..n by date),
        ``timestamp`` (datetime64), ``when`` (str: the date at its precision,
        "2022-02-24", "2022-03" or "2014"), ``precision`` (str: "day", "week",
        "month" or "year"), ``source``, ``target`` (actor codes
        of the first report), ``direction`` ("RUS→UKR", countries),
        ``event_code``, ``event_name``, ``quad_class`` (int), ``goldstein``
        (float), ``n_texts`` (int: texts reporting it), ``n_events`` (int:
        records merged), ``doc_id`` and ``sentence`` of the first report.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> def e(doc, code, name, gold, mode="asserted"):
    ...     return Event(doc, "1", "2022-02-24", "RUSMIL", "", "UKR", "", code, name, code[:2],
    ...                  4 if gold < 0 else 1, gold, "", "", "en", mode=mode)
    >>> frame = events_to_frame([e("a", "190", "Fight", -10.0), e("b", "190", "Fight", -10.0),
    ...                          e("a", "195", "Air strike", -10.0, mode="negated"),
    ...                          e("c", "018", "Empathize", 3.4)])
    >>> key_events(frame, "RUS-UKR", n=2)[["number", "when", "direction", "event_name", "n_texts"]]
       number        when direction event_name  n_texts
    0       1  2022-02-24   RUS→UKR      Fight        2
    1       2  2022-02-24   RUS→UKR  Empathize        1
    """
    check_events(events, "key_events")
    label = _parse_dyad(dyad, directed)
    frame = filter_events(events, directed=directed, date=date, modes=("asserted",))
    frame = frame[(frame["dyad"] == label) & frame["timestamp"].notna()]
    frame = frame[frame["goldstein"].abs().fillna(0) >= min_goldstein]
    if frame.empty:
        return pd.DataFrame({c: [] for c in KEY_EVENT_COLUMNS})
    precision = (frame["date_precision"].fillna("") if date == "event_date"
                 and "date_precision" in frame else pd.Series("day", index=frame.index))
    frame = frame.assign(_day=frame["timestamp"].dt.normalize(), _text=_text_ids(frame),
                         _precision=precision)
    keys = ["_day", "source_country", "target_country", "event_code"]
    grouped = frame.groupby(keys, sort=False)
    merged = grouped.first().reset_index()
    merged["n_texts"] = grouped["_text"].nunique().to_numpy()
    merged["n_events"] = grouped.size().to_numpy()
    merged["_weight"] = merged["goldstein"].abs().fillna(0)
    top = merged.sort_values(["n_texts", "_weight", "_day"], ascending=[False, False, True],
                             kind="stable").head(n).sort_values("_day", kind="stable")
    out = pd.DataFrame({
        "number": range(1, len(top) + 1),
        "timestamp": top["_day"].to_numpy(),
        "when": [_when(t, p) for t, p in zip(top["_day"], top["_precision"], strict=True)],
        "precision": [p if p in ("week", "month", "year") else "day" for p in top["_precision"]],
        "source": top["source"].to_numpy(), "target": top["target"].to_numpy(),
        "direction": (top["source_country"] + "→" + top["target_country"]).to_numpy(),
        "event_code": top["event_code"].to_numpy(), "event_name": top["event_name"].to_numpy(),
        "quad_class": top["quad_class"].astype(int).to_numpy(),
        "goldstein": top["goldstein"].astype(float).to_numpy(),
        "n_texts": top["n_texts"].astype(int).to_numpy(),
        "n_events": top["n_events"].astype(int).to_numpy(),
        "doc_id": top["doc_id"].to_numpy() if "doc_id" in top else "",
        "sentence": top["sentence"].to_numpy() if "sentence" in top else ""})
    return out[list(KEY_EVENT_COLUMNS)]
