"""Parsing the publication dates that documents and articles carry."""

from __future__ import annotations

import datetime as dt

__all__ = ["parse_date"]


def parse_date(value: str | dt.date | None, *, where: str = "date") -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (or a date/datetime) into a date; ``None``/"" stay ``None``.

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
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None
