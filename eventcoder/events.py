"""The event record and its tabular form."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, fields

import pandas as pd

__all__ = ["EVENT_COLUMNS", "Event", "events_to_frame", "MODES"]

MODES = ("asserted", "negated", "hypothetical", "future", "belief", "question")


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, and the evidence for it.

    The fields are the columns of :func:`events_to_frame`, documented there.
    """

    doc_id: str
    sentence_id: str
    date: str
    source: str
    source_text: str
    target: str
    target_text: str
    event_code: str
    event_name: str
    root_code: str
    quad_class: int
    goldstein: float
    trigger: str
    sentence: str
    language: str
    mode: str = "asserted"
    event_date: str = ""
    date_precision: str = ""
    date_phrase: str = ""
    plover_event: str = ""
    source_span: str = ""
    target_span: str = ""
    trigger_span: str = ""
    pattern: str = ""
    embedded_code: str = ""
    embedded_target: str = ""
    method: str = "tree"
    source_inferred: bool = False
    target_inferred: bool = False


EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Event))

_row = operator.attrgetter(*EVENT_COLUMNS)

_DTYPES = {
    "quad_class": "int64",
    "goldstein": "float64",
    "source_inferred": "bool",
    "target_inferred": "bool",
}


def events_to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Turn event records into a DataFrame with one row per event.

    Parameters
    ----------
    events : iterable of Event

    Returns
    -------
    pandas.DataFrame
        Columns, in this order (``EVENT_COLUMNS``):

        - ``doc_id`` (str): document id (``# newdoc id`` or the article id).
        - ``sentence_id`` (str): sentence id within the document (``# sent_id``).
        - ``date`` (str): the document's date, ``YYYY-MM-DD``, or ``""`` if unknown.
        - ``source`` (str): CAMEO actor code of who acted ("USAGOV", "RUS", "IGOUNO").
        - ``source_text`` (str): the words the source was coded from.
        - ``target`` (str): actor code of whom it was done to; ``""`` for one-sided
          events (a missile test).
        - ``target_text`` (str): the words the target was coded from.
        - ``event_code`` (str): CAMEO event code with leading zeros ("042").
        - ``event_name`` (str): short name of the code.
        - ``root_code`` (str): two-digit CAMEO root ("04").
        - ``quad_class`` (int): 1 verbal cooperation, 2 material cooperation,
          3 verbal conflict, 4 material conflict; 0 for a code that is not in
          the CAMEO table (a dictionary's own code, kept as written).
        - ``goldstein`` (float): Goldstein weight of the code (-10 .. +10);
          NaN for a code that is not CAMEO.
        - ``trigger`` (str): the verb (with particle/noun) that coded the event.
        - ``sentence`` (str): the sentence text, the evidence.
        - ``language`` (str): language of the sentence ("de", "en").
        - ``mode`` (str): "asserted"; or "negated" ("reagierten nicht"),
          "hypothetical" ("würde ... verletzen", conditions, appeals' content),
          "future" (announced, intended or the purpose of an act: "will meet",
          "tried to meet", "sent troops to attack"), "belief" (reported beliefs: "die USA glauben, dass ..."),
          "question". Aggregations count asserted events by default; the
          others stay visible and selectable.
        - ``event_date`` (str): the date the event happened, resolved from the
          text where it says so, else the document date.
        - ``date_precision`` (str): "day", "week", "month", "year" or "" (unknown).
        - ``date_phrase`` (str): the words that set ``event_date`` ("im Juli").
        - ``plover_event`` (str): PLOVER event type for the CAMEO code.
        - ``source_span``, ``target_span``, ``trigger_span`` (str): 1-based word
          ids in the sentence ("3-4", "7"), for highlighting the evidence.
        - ``pattern`` (str): the dictionary entry that coded the event
          ("de/verbs.yaml#12"), so every record can be traced; a statement frame adds
          its name ("en/verbs.yaml#40 (threat frame)").
        - ``embedded_code``, ``embedded_target`` (str): for a statement (an appeal,
          demand, threat, refusal or intent: "threatened to cut off gas to Moldova"),
          the CAMEO code and target of the action it talks about, which is not coded as
          an event of its own (CAMEO's convention); ``""`` otherwise. Study intended or
          threatened actions through these columns.
        - ``method`` (str): ``"tree"`` (coded from the dependency tree),
          ``"shallow"`` (the parse was implausible for the trigger; coded from tags and
          word order: an actor name, the verb, an actor name; filter these out for
          the strictest data) or ``"nominal"`` (a noun names the event between two
          named sides: "fighting between X and Y"; :mod:`eventcoder.coding.nominal`).
        - ``source_inferred``, ``target_inferred`` (bool): the actor's country is not
          in its own words but the article's ("the police" in an article about France
          -> ``FRACOP``; see :mod:`eventcoder.coding.context_country`); filter on these
          to keep only actors the text names with their country.

    Examples
    --------
    >>> events_to_frame([]).columns[:3].tolist()
    ['doc_id', 'sentence_id', 'date']
    """
    # Column by column with the final dtypes: several times faster than building
    # from rows and converting, which matters for the many small chunks of a stream.
    rows = [_row(e) for e in events]
    columns = list(zip(*rows)) if rows else [()] * len(EVENT_COLUMNS)
    return pd.DataFrame({name: pd.Series(list(values), dtype=_DTYPES.get(name, "object"))
                         for name, values in zip(EVENT_COLUMNS, columns)})
