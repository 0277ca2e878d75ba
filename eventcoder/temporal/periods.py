"""Calendar arithmetic for event dates: the start of a period, shifting by units,
and the date of an undated weekday or month relative to the article date."""

from __future__ import annotations

import datetime as dt


def _period_start(day: dt.date, precision: str) -> dt.date:
    if precision == "week":
        return day - dt.timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    return dt.date(day.year + n, 1, 1)


def _weekday_date(article: dt.date, weekday: int, offset: int | None, future: bool,
                  nearest: bool = False) -> dt.date:
    """The date of a weekday: back from the article date, forward in future clauses,
    the nearest one in present-tense clauses ("Der Prozess beginnt am Freitag")."""
    if offset == 0:  # "diesen Mittwoch": in the article's week
        return article - dt.timedelta(days=article.weekday()) + dt.timedelta(days=weekday)
    if offset is None and nearest and not future:
        back = (article.weekday() - weekday) % 7
        return article - dt.timedelta(days=back) if back <= 3 else article + dt.timedelta(
            days=7 - back)
    if offset == 1 or (offset is None and future):
        ahead = (weekday - article.weekday()) % 7
        return article + dt.timedelta(days=ahead or (7 if offset == 1 else 0))
    back = (article.weekday() - weekday) % 7
    return article - dt.timedelta(days=back or (7 if offset == -1 else 0))


def _nearest_year(article: dt.date, month: int, day: int) -> int:
    """The year that puts ``month``/``day`` closest to the article date."""
    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day) - article).days)
        except ValueError:  # 29 February
            return 10**6
    return min((article.year - 1, article.year, article.year + 1), key=distance)


def _month_year(article: dt.date, month: int, day: int | None, offset: int | None,
                future: bool, nearest: bool = False) -> int:
    """The year of an undated month (and day): the nearest one in the text's direction.

    Past by default (news reports what happened), forward in future clauses, and the
    nearest one in present-tense clauses ("Die Wahl findet im Oktober statt").
    """
    key = (month, day or 1)
    now = (article.month, article.day if day else 1)
    if offset is None and nearest and not future:
        if day is None:  # compare month starts, so the running month is "now"
            return _nearest_year(article.replace(day=1), month, 1)
        return _nearest_year(article, month, day)
    if offset == 0:
        return article.year
    if offset == 1 or (offset is None and future):
        return article.year if key > now or (key == now and offset is None) else article.year + 1
    if offset == -1:
        return article.year if key < now else article.year - 1
    return article.year if key <= now else article.year - 1
