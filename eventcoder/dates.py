"""Parsing the publication dates that documents and articles carry."""

from __future__ import annotations

import datetime as dt

__all__ = ["parse_date"]


def parse_date(value: str | dt.date | None, *, where: str = "date") -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (or an ISO timestamp, a date or a datetime) into a date.

    ``None`` and ``""`` stay ``None``; anything else that is not a date raises (a
    number, a boolean, "2023-01-01garbage", "3 March 2022").

    Examples
    --------
    >>> parse_date("2022-09-26T11:16:52+00:00"), parse_date(None)
    (datetime.date(2022, 9, 26), None)
    >>> parse_date("2023-01-01garbage")
    Traceback (most recent call last):
    ValueError: date: '2023-01-01garbage' is not a date (expected YYYY-MM-DD)

    Raises
    ------
    ValueError
        Naming ``where`` when the value is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not a date (expected a YYYY-MM-DD string)")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if len(text) > 10 and text[10] in "T ":  # an ISO timestamp: its day
            return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)")
