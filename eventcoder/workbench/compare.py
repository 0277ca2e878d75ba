"""Code a corpus with and without draft dictionaries and show the difference: events
gained, lost and changed, with their evidence."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

from ..api import code_parsed
from ..dictionaries import describe_dictionaries
from ..events import EVENT_COLUMNS
from .corpus import documents

__all__ = ["CHANGES", "DIFF_COLUMNS", "compare_coding"]

#: the values of the ``change`` column
CHANGES = ("gained", "lost", "changed", "same")
DIFF_COLUMNS = ("change", *EVENT_COLUMNS, "was_source", "was_target", "was_event_code", "was_pattern")
_WHAT = ("source", "target", "event_code", "mode")


def _paths(value: Any) -> tuple:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) or hasattr(value, "__fspath__") else tuple(value)


def compare_coding(corpus: Any, *, language: str, dictionaries: Any, baseline: Any = (),
                   include_same: bool = False) -> pd.DataFrame:
    """Code a corpus twice, without and with draft dictionaries, and list what changed.

    Events are compared per trigger (document, sentence and the words that
    triggered them): an event coded only with the drafts is *gained*, one coded
    only without them is *lost*, and one whose source, target, code or mode
    differs on the same trigger is *changed* (the ``was_*`` columns say what it
    was).

    Parameters
    ----------
    corpus : list of Document, DataFrame, list of dict, or CoNLL-U
        Parsed documents (:func:`parse_corpus`; fastest), articles to parse, or CoNLL-U.
    language : str
        ``"de"`` or ``"en"``.
    dictionaries : path or sequence of paths
        The draft dictionary folders.
    baseline : path or sequence of paths, optional
        Folders both codings use (your dictionaries so far); the drafts are
        layered over them.
    include_same : bool, default False
        Also return the events both codings agree on (``change == "same"``).

    Returns
    -------
    pandas.DataFrame
        One row per event that differs, in corpus order, renderable with
        :func:`eventcoder.show_events`:

        - ``change`` (str): ``"gained"``, ``"lost"``, ``"changed"`` (or ``"same"``).
        - the columns of :func:`eventcoder.events_to_frame`: the event coded with
          the drafts (for a lost event: the event coded without them).
        - ``was_source``, ``was_target``, ``was_event_code``, ``was_pattern``
          (str): for a changed event, what it was without the drafts; ``""`` otherwise.

        ``frame.attrs["summary"]`` counts the events of each kind of change;
        ``frame.attrs["dictionaries"]`` describes the ``baseline`` and ``draft``
        folders (:func:`eventcoder.dictionaries.describe_dictionaries`).

    Examples
    --------
    >>> import tempfile
    >>> from eventcoder import read_conllu
    >>> from eventcoder.workbench import draft_verbs, write_dictionary
    >>> docs = read_conllu(
    ...     "1\\tRussia\\tRussia\\tPROPN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
    ...     "2\\toutflanked\\toutflank\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
    ...     "3\\tUkraine\\tUkraine\\tPROPN\\t_\\t_\\t2\\tobj\\t_\\t_\\n")
    >>> draft = tempfile.mkdtemp()
    >>> _ = write_dictionary(draft, language="en", verbs=draft_verbs({"outflank": "190"}))
    >>> diff = compare_coding(docs, language="en", dictionaries=draft)
    >>> diff[["change", "source", "target", "event_code", "trigger"]]
       change source target event_code     trigger
    0  gained    RUS    UKR        190  outflanked
    >>> diff.attrs["summary"]
    {'gained': 1, 'lost': 0, 'changed': 0, 'same': 0}
    """
    baseline, drafts = _paths(baseline), _paths(dictionaries)
    docs = [d for d in documents(corpus, language) if any(s.words for s in d.sentences)]
    before = code_parsed(docs, language=language, dictionaries=baseline)
    after = code_parsed(docs, language=language, dictionaries=(*baseline, *drafts))
    order = {doc.id: i for i, doc in enumerate(docs)}
    groups: dict[tuple, list[list[dict]]] = defaultdict(lambda: [[], []])
    for side, frame in enumerate((before, after)):
        for row in frame.to_dict("records"):
            groups[(row["doc_id"], row["sentence_id"], row["trigger_span"])][side].append(row)
    rows = []
    was = dict.fromkeys(("was_source", "was_target", "was_event_code", "was_pattern"), "")
    for old, new in groups.values():
        old_left = list(old)
        unmatched_new = []
        for row in new:
            twin = next((o for o in old_left if all(o[k] == row[k] for k in _WHAT)), None)
            if twin is not None:
                old_left.remove(twin)
                if include_same:
                    rows.append({"change": "same", **row, **was})
            else:
                unmatched_new.append(row)
        for row, old_row in zip(unmatched_new, old_left, strict=False):
            rows.append({"change": "changed", **row, "was_source": old_row["source"],
                         "was_target": old_row["target"], "was_event_code": old_row["event_code"],
                         "was_pattern": old_row["pattern"]})
        rows += [{"change": "gained", **row, **was} for row in unmatched_new[len(old_left):]]
        rows += [{"change": "lost", **row, **was} for row in old_left[len(unmatched_new):]]
    out = pd.DataFrame(rows, columns=list(DIFF_COLUMNS))
    if out.empty:
        out = out.astype({c: before[c].dtype for c in EVENT_COLUMNS if c in before.columns})
    if len(out):
        sort = out.assign(_doc=out["doc_id"].map(order),
                          _sent=pd.to_numeric(out["sentence_id"], errors="coerce"))
        out = out.loc[sort.sort_values(["_doc", "_sent", "sentence_id"], kind="stable").index]
        out = out.reset_index(drop=True)
    counts = out["change"].value_counts()
    same = len(after) - int(counts.get("gained", 0)) - int(counts.get("changed", 0))
    out.attrs["summary"] = {"gained": int(counts.get("gained", 0)), "lost": int(counts.get("lost", 0)),
                            "changed": int(counts.get("changed", 0)), "same": same}
    out.attrs["dictionaries"] = {"baseline": describe_dictionaries(baseline),
                                 "draft": describe_dictionaries(drafts)}
    return out
