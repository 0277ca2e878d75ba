"""When did an event happen? Resolve temporal expressions against the article date.

News dates events relative to the day of publication: "am Mittwoch", "last
week", "im vergangenen Jahr", "vor zwei Wochen", "in July", "2006",
"am 15. August". :func:`resolve_event_date` finds such an expression in the
clause of the event's trigger word and turns it into a date with a precision
(day, week, month or year); where the text says nothing, the event keeps the
article date.

The algorithm is language-neutral: every word it needs (month and weekday
names, units, "vergangen"/"last", "vor"/"ago", prepositions that make a time a
boundary such as "seit"/"since") is read from ``resources/<lang>/temporal.yaml``.

How an expression is found
--------------------------
1. The trigger's *clause* is the trigger and its dependents, not crossing into
   other clauses (``ccomp``, ``xcomp``, ``advcl``, ``acl``, ``parataxis``, a
   conjoined predicate) nor into core arguments (``nsubj``, ``obj``, ``iobj``:
   "arrested the organiser of last month's blasts" is not dated last month).
   Temporal phrases nested in oblique phrases count ("nach dem Treffen ... im
   Jahr 2018"). The nearest phrase to the trigger wins.
2. An embedded event with no expression of its own takes that of the clause
   that governs it ("Am Mittwoch sagte das Militär, dass Nordkorea ...
   abfeuerte" dates the launch to Wednesday), climbing through ``ccomp``,
   ``xcomp``, ``advcl``, ``conj``, ``csubj`` and ``parataxis`` (not through
   relative clauses).
3. Finally a reporting clause attached as ``parataxis`` ("..., sagte
   Jean-Pierre am Mittwoch.") dates the quote it reports.

How a phrase is read
--------------------
Dates are given as the first day of their period: precision "week" starts on
Monday, "month" on the 1st, "year" on 1 January. Weekdays and months without a
year point back from the article date (on or before it), forward in a clause
with a future auxiliary ("will", "werden") or a modifier like "nächsten"/"next",
and to the nearest one in a present-tense clause without auxiliary ("Die Wahl
findet im Oktober statt"). Seasons give a year ("im vergangenen Sommer").
A bare number is a year only if it has four digits (1000-2099) and stands as a
time ("2006", "in 2018", "im Jahr 2018", "Juli 1918"), not as a count ("2000
Soldaten") or after other prepositions ("auf 2000").
Boundaries, durations, habits and vague times are not event dates and are
skipped: "seit 2006", "until July", "for two weeks", "zwei Wochen später",
"in den vergangenen Jahren", "jeden Freitag", "a few weeks ago".
Not resolved: weekends and holidays ("am Wochenende", "Black Friday"), decades
("in den 1990er Jahren"), times relative to another event ("the next year",
"am Vortag"), and clock times (ignored; the day is kept).

Modules
-------
``lexicon`` (reading ``temporal.yaml``), ``words`` (what one word is: a month,
a unit, a year, ...), ``phrases`` (the trigger's clause and the temporal
phrases in it), ``reading`` (one phrase -> a date and precision), ``periods``
(calendar arithmetic), ``resolve`` (:func:`resolve_event_date`, :class:`EventDate`).
"""

from .lexicon import TemporalLexicon, load_temporal
from .resolve import PRECISIONS as PRECISIONS
from .resolve import EventDate, resolve_event_date

__all__ = ["EventDate", "TemporalLexicon", "load_temporal", "resolve_event_date"]
