"""Collapse the same event reported several times into one record.

News repeats itself: one missile launch is reported in the lead, again in a
quote, and again by every agency. Event-data studies therefore collapse events
with the same source, target and event code close in time, either within a
sliding window (:func:`deduplicate` with ``window=``) or with the "one-a-day"
filter of the Phoenix and GDELT pipelines (one record per source, target, code
and calendar day). Every merged record keeps its provenance: how many reports
it stands for (``n_reports``) and which (``reports``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

__all__ = ["DEFAULT_KEYS", "deduplicate"]

logger = logging.getLogger(__name__)

DEFAULT_KEYS: tuple[str, ...] = ("source", "target", "event_code", "mode")
"""Columns that must agree for two rows to be the same event (those present)."""


def _report_ids(events: pd.DataFrame) -> pd.Series:
    if "doc_id" in events.columns and "sentence_id" in events.columns:
        return events["doc_id"].astype(str) + ":" + events["sentence_id"].astype(str)
    return pd.Series([str(i) for i in events.index], index=events.index)


def deduplicate(
    events: pd.DataFrame,
    *,
    window: str | pd.Timedelta = "1D",
    date: str = "event_date",
    one_a_day: bool = False,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Collapse repeated reports of the same event, keeping their provenance.

    Two rows are the same event when they agree on ``keys`` (source, target,
    event code and mode) and their dates are close:

    - by default, rows of a key are sorted by date and a new event starts
      whenever a row's date is ``window`` or more after the first row of the
      current event (so ``"1D"`` merges reports of the same day, ``"7D"``
      reports less than a week apart);
    - with ``one_a_day=True``, the Phoenix/GDELT filter: one event per key and
      calendar day (``window`` is ignored).

    Rows without a usable date are never merged. The first report (earliest
    date, then input order) represents the event.

    Parameters
    ----------
    events : pandas.DataFrame
        An events frame (:func:`eventcoder.events.events_to_frame`).
    window : str or pandas.Timedelta, default "1D"
        How close two reports' dates must be (a pandas offset string).
    date : str, default "event_date"
        The date column; where it is empty the ``date`` (document date)
        column is used if there is one.
    one_a_day : bool, default False
        Use the one-a-day filter instead of the sliding window.
    keys : sequence of str, optional
        Columns that must agree; by default those of :data:`DEFAULT_KEYS`
        that the frame has.

    Returns
    -------
    pandas.DataFrame
        One row per event with the input columns plus ``n_reports`` (int) and
        ``reports`` ("doc_id:sentence_id" of every merged row, in input order,
        joined by ``";"``). ``frame.attrs["dedupe"]`` holds the counts
        ``{"before": n, "after": m, "window": ..., "one_a_day": ...}``, which
        are also logged at INFO level.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "doc_id": ["a", "a", "b", "b"], "sentence_id": ["1", "4", "2", "9"],
    ...     "source": ["PRK"] * 4, "target": ["", "", "", "KOR"],
    ...     "event_code": ["138"] * 4, "mode": ["asserted"] * 4,
    ...     "event_date": ["2023-08-30", "2023-08-30", "2023-08-30", "2023-08-30"]})
    >>> out = deduplicate(frame)
    >>> out[["target", "n_reports", "reports"]].values.tolist()
    [['', 3, 'a:1;a:4;b:2'], ['KOR', 1, 'b:9']]
    >>> out.attrs["dedupe"]["before"], out.attrs["dedupe"]["after"]
    (4, 2)
    """
    key_cols = [k for k in (keys if keys is not None else DEFAULT_KEYS) if k in events.columns]
    missing = [k for k in (keys or ()) if k not in events.columns]
    if missing:
        raise KeyError(f"deduplicate: no column(s) {missing} in the events frame")
    if date not in events.columns:
        raise KeyError(f"deduplicate: no date column {date!r} in the events frame")
    span = pd.Timedelta(window)
    frame = events.reset_index(drop=True)
    raw = frame[date].astype("string").fillna("")
    if "date" in frame.columns and date != "date":
        raw = raw.mask(raw.str.strip() == "", frame["date"].astype("string").fillna(""))
    when = pd.to_datetime(raw.str.strip().replace("", None), errors="coerce", format="mixed")
    reports = _report_ids(frame)

    key_of = (list(zip(*(frame[k].astype(str) for k in key_cols), strict=True)) if key_cols
              else [()] * len(frame))
    times = when.tolist()
    missing_date = [pd.isna(t) for t in times]
    stamp = [0 if m else t.value for m, t in zip(missing_date, times, strict=True)]
    order = sorted(range(len(frame)), key=lambda i: (key_of[i], missing_date[i], stamp[i], i))
    day_ns = 86_400 * 10**9
    cluster = [0] * len(frame)
    current = -1
    prev_key: tuple | None = None
    start = 0
    for i in order:
        key, t = key_of[i], stamp[i]
        if missing_date[i]:
            current += 1
            prev_key = None
        elif one_a_day:
            if key != prev_key or t // day_ns != start // day_ns:
                current += 1
                prev_key, start = key, t
        elif key != prev_key or t - start >= span.value:
            current += 1
            prev_key, start = key, t
        cluster[i] = current

    report_list = reports.tolist()
    members: dict[int, list[int]] = {}
    for i in range(len(frame)):  # input order
        members.setdefault(cluster[i], []).append(i)
    firsts = []
    for idx in members.values():
        first = min(idx, key=lambda i: (missing_date[i], stamp[i], i))
        firsts.append((first, len(idx), ";".join(report_list[i] for i in idx)))
    firsts.sort()
    out = frame.iloc[[f[0] for f in firsts]]
    out = out.assign(n_reports=[f[1] for f in firsts], reports=[f[2] for f in firsts])
    out = out.reset_index(drop=True)
    out.attrs = dict(events.attrs)
    out.attrs["dedupe"] = {"before": len(events), "after": len(out),
                           "window": None if one_a_day else str(window), "one_a_day": one_a_day}
    logger.info("deduplicate: %d events -> %d (%s)", len(events), len(out),
                "one-a-day" if one_a_day else f"window {window}")
    return out
