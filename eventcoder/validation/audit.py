"""Precision audit: check a stratified random sample of coded events by hand.

A gold standard measures the coder on sentences someone chose. On *your* corpus, the
question is simpler: of the events the coder produced, how many are right? Draw a
stratified random sample of them, check each by hand in a spreadsheet, and read the
verdicts back::

    sample = audit_sample(events, n=100)
    write_coding_sheet(sample, "audit.csv")
    # ... fill in the column "correct" (y or n) in a spreadsheet ...
    audit_precision(read_coding_sheet("audit.csv"))

Strata (by default dyad, CAMEO root code and mode) make rare kinds of events show
up in the sample; each checked event carries the weight of the events it stands for,
so the overall precision is an estimate for all coded events, with a Wilson interval
on the effective sample size.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .intervals import wilson_interval

__all__ = ["AUDIT_COLUMNS", "audit_precision", "audit_sample", "gold_verdicts", "mark_sentence",
           "read_coding_sheet", "write_coding_sheet"]

#: the columns of a coding sheet, in order (the last three are filled in by hand)
AUDIT_COLUMNS = ("audit_id", "stratum", "stratum_size", "stratum_sampled", "weight", "doc_id",
                 "sentence_id", "date", "marked_sentence", "source", "source_text",
                 "event_code", "event_name", "target", "target_text", "mode", "trigger",
                 "correct", "correct_code", "note")
_YES = {"y", "yes", "1", "true", "x", "j", "ja", "correct", "right"}
_NO = {"n", "no", "0", "false", "nein", "wrong", "incorrect"}
_TAGS = {"source": "SRC", "trigger": "EVT", "target": "TGT"}


def mark_sentence(sentence: str, *, source_text: str = "", trigger: str = "",
                  target_text: str = "", source_span: str = "", trigger_span: str = "",
                  target_span: str = "") -> str:
    """The sentence as plain text with the evidence in labelled brackets (for a CSV sheet).

    Examples
    --------
    >>> mark_sentence("Russia condemned the Ukrainian strike.", source_text="Russia",
    ...               trigger="condemned", target_text="Ukrainian")
    '[SRC Russia] [EVT condemned] the [TGT Ukrainian] strike.'
    """
    from ..display import _PRIORITY, _find

    sentence = str(sentence or "")
    marks = []
    for role, phrase, span in (("trigger", trigger, trigger_span),
                               ("source", source_text, source_span),
                               ("target", target_text, target_span)):
        marks.extend(_find(sentence, str(phrase or ""), str(span or ""), role))
    taken = []
    for mark in sorted(marks, key=lambda m: (_PRIORITY[m.role], m.start)):
        if all(mark.end <= t.start or mark.start >= t.end for t in taken):
            taken.append(mark)
    out, pos = [], 0
    for mark in sorted(taken, key=lambda m: m.start):
        approx = "~" if mark.approximate else ""
        out.append(sentence[pos:mark.start])
        out.append(f"[{_TAGS[mark.role]}{approx} {sentence[mark.start:mark.end]}]")
        pos = mark.end
    out.append(sentence[pos:])
    return "".join(out)


def _strata(events: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    from ..cameo import actor_country

    parts = []
    for column in by:
        if column == "dyad":
            src = events["source"].fillna("").map(actor_country)
            tgt = events["target"].fillna("").map(actor_country)
            parts.append(src + "→" + tgt.where(tgt != "", "(none)"))
        elif column == "mode" and "mode" not in events:
            parts.append(pd.Series("asserted", index=events.index))
        else:
            parts.append(events[column].fillna("").astype(str))
    if not parts:
        return pd.Series("all", index=events.index)
    out = parts[0]
    for part in parts[1:]:
        out = out + " | " + part
    return out


def _allocate(sizes: pd.Series, n: int, minimum: int) -> pd.Series:
    """Sample size per stratum: ``minimum`` each (largest strata first), the rest proportional."""
    sizes = sizes.sort_values(ascending=False, kind="stable")
    take = pd.Series(0, index=sizes.index)
    budget = min(n, int(sizes.sum()))
    for stratum, size in sizes.items():
        give = min(minimum, size, budget)
        take[stratum] += give
        budget -= give
    while budget > 0:
        room = sizes - take
        share = room / room.sum() * budget
        add = np.floor(share).astype(int)
        if add.sum() == 0:  # largest remainders
            add = pd.Series(0, index=sizes.index)
            add[(share - np.floor(share)).sort_values(ascending=False).index[:budget]] = 1
            add = add.clip(upper=room)
        take += add
        budget -= int(add.sum())
    return take


def audit_sample(events: pd.DataFrame, *, n: int = 100,
                 by: Sequence[str] = ("dyad", "root_code", "mode"), min_per_stratum: int = 1,
                 seed: int = 0) -> pd.DataFrame:
    """A stratified random sample of coded events to check by hand.

    Parameters
    ----------
    events : DataFrame
        Coded events (all modes: non-asserted events can be checked too).
    n : int
        Sample size (at most the number of events).
    by : sequence of str
        Strata: "dyad" (source and target country, "RUS→UKR"), and any event
        column ("root_code", "mode", "language" ...).
    min_per_stratum : int
        Events drawn from every stratum before the rest of ``n`` is shared in
        proportion to the strata's sizes (largest strata first when ``n`` is too
        small for every stratum).
    seed : int
        The same events and seed give the same sample.

    Returns
    -------
    DataFrame
        The coding sheet (``AUDIT_COLUMNS``): ``audit_id`` ("A001"), ``stratum``,
        ``stratum_size`` (events in the stratum), ``stratum_sampled`` (drawn
        from it), ``weight`` (size / sampled: the events each checked one
        stands for), the event's ``doc_id``, ``sentence_id``, ``date``,
        ``marked_sentence`` (the sentence with ``[SRC ...]``, ``[EVT ...]`` and
        ``[TGT ...]`` around the words coded; ``~`` where the words were placed
        from the parse's word ids only), ``source``, ``source_text``,
        ``event_code``, ``event_name``, ``target``, ``target_text``, ``mode``,
        ``trigger``; and the empty columns ``correct`` (fill in y or n),
        ``correct_code`` and ``note``.

    Examples
    --------
    >>> ev = pd.DataFrame({"source": ["RUS"] * 6 + ["USA"], "target": ["UKR"] * 6 + ["PRK"],
    ...     "event_code": ["190"] * 5 + ["111", "112"], "root_code": ["19"] * 5 + ["11", "11"],
    ...     "sentence": "...", "mode": "asserted"})
    >>> sample = audit_sample(ev, n=4, by=("dyad", "root_code"))
    >>> sample.groupby("stratum")["weight"].first().to_dict()
    {'RUS→UKR | 11': 1.0, 'RUS→UKR | 19': 2.5, 'USA→PRK | 11': 1.0}
    """
    missing = [c for c in ("source", "target", "event_code", "sentence") if c not in events]
    if missing:
        raise ValueError(f"audit_sample needs coded events; missing {missing}")
    frame = events.reset_index(drop=True)
    strata = _strata(frame, by)
    sizes = strata.value_counts()
    take = _allocate(sizes, n, min_per_stratum)
    rng = np.random.default_rng(seed)
    picked = []
    for stratum in sorted(take.index):
        k = int(take[stratum])
        if k:
            rows = np.flatnonzero((strata == stratum).to_numpy())
            picked.extend(sorted(rng.choice(rows, size=k, replace=False)))
    sample = frame.loc[picked].copy()
    sample["stratum"] = strata.loc[picked].to_numpy()
    sample["stratum_size"] = sample["stratum"].map(sizes).astype(int)
    sample["stratum_sampled"] = sample["stratum"].map(take).astype(int)
    sample["weight"] = sample["stratum_size"] / sample["stratum_sampled"]
    sample = sample.sort_values(["stratum", "doc_id" if "doc_id" in sample else "stratum"],
                                kind="stable").reset_index(drop=True)
    width = max(3, len(str(len(sample))))
    sample["audit_id"] = [f"A{i:0{width}d}" for i in range(1, len(sample) + 1)]
    sample["marked_sentence"] = [
        mark_sentence(r.get("sentence", ""), source_text=r.get("source_text", ""),
                      trigger=r.get("trigger", ""), target_text=r.get("target_text", ""),
                      source_span=r.get("source_span", ""), trigger_span=r.get("trigger_span", ""),
                      target_span=r.get("target_span", ""))
        for r in sample.to_dict("records")]
    for column in AUDIT_COLUMNS:
        if column not in sample:
            sample[column] = ""
    return sample[list(AUDIT_COLUMNS)]


def write_coding_sheet(sample: pd.DataFrame, path: str | os.PathLike) -> str:
    """Write the sample as a CSV coding sheet (UTF-8 with BOM, so spreadsheets read it)."""
    sample.to_csv(path, index=False, encoding="utf-8-sig")
    return os.fspath(path)


def read_coding_sheet(path: str | os.PathLike) -> pd.DataFrame:
    """Read a coding sheet back; ``correct`` becomes True/False, ``<NA>`` where left empty.

    Raises
    ------
    ValueError
        Naming the rows whose ``correct`` is neither yes nor no.
    """
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in ("audit_id", "stratum", "weight", "correct") if c not in sheet]
    if missing:
        raise ValueError(f"{os.fspath(path)} is not a coding sheet: it lacks {missing}")
    verdicts = sheet["correct"].str.strip().str.lower()
    bad = ~(verdicts.isin(_YES | _NO) | (verdicts == ""))
    if bad.any():
        rows = ", ".join(f"{a} ({v!r})" for a, v in zip(sheet.loc[bad, "audit_id"],
                                                      sheet.loc[bad, "correct"], strict=True))
        raise ValueError(f"{os.fspath(path)}: 'correct' must be y or n (or empty if not "
                         f"checked); found {rows}")
    sheet["correct"] = pd.array([True if v in _YES else False if v in _NO else pd.NA
                                 for v in verdicts], dtype="boolean")
    for column in ("stratum_size", "stratum_sampled"):
        if column in sheet:
            sheet[column] = pd.to_numeric(sheet[column]).astype(int)
    sheet["weight"] = pd.to_numeric(sheet["weight"]).astype(float)
    return sheet


def gold_verdicts(sample: pd.DataFrame, gold, *, event: str = "root",
                  actors: str = "country") -> pd.Series:
    """Fill a coding sheet's ``correct`` from a gold standard, where one exists.

    An event is right ("y") when its sentence's gold record (``doc_id`` = gold id)
    has a required or acceptable event with the same key at this level, else
    "n"; events of sentences outside the gold stay "" (to check by hand).

    Parameters
    ----------
    sample : DataFrame
        A coding sheet (:func:`audit_sample`).
    gold : list of GoldSentence, or a path
    event : {"code", "root", "quad"}
    actors : {"full", "country", "ignored"}

    Returns
    -------
    Series of str
        "y", "n" or "", aligned with ``sample``.

    Examples
    --------
    >>> from eventcoder.validation import read_gold
    >>> gold = read_gold([{"id": "s1", "events": [{"source": "RUS", "target": "UKR",
    ...                                            "code": "190"}]}])
    >>> sheet = pd.DataFrame({"doc_id": ["s1", "s1", "s2"], "source": ["RUSMIL", "UKR", "RUS"],
    ...                       "target": ["UKR", "RUS", "UKR"], "event_code": ["193", "111", "190"]})
    >>> gold_verdicts(sheet, gold).tolist()
    ['y', 'n', '']
    """
    from .gold import GoldSentence, read_gold
    from .scoring import _key

    records = gold if isinstance(gold, list) and all(isinstance(g, GoldSentence)
                                                     for g in gold) else read_gold(gold)
    with_target = actors != "ignored"
    keys = {s.id: {_key(e.source, e.target, e.code, event, actors, with_target)
                   for e in [*s.events, *s.acceptable]} for s in records}
    out = []
    for doc, src, tgt, code in zip(sample["doc_id"], sample["source"].fillna(""),
                                   sample["target"].fillna(""), sample["event_code"], strict=True):
        if doc not in keys:
            out.append("")
            continue
        key = _key(str(src).upper(), str(tgt).upper(), str(code), event, actors, with_target)
        out.append("y" if key in keys[doc] else "n")
    return pd.Series(out, index=sample.index, dtype=object)


def _row(group: str, part: pd.DataFrame, level: float) -> dict:
    checked = part[part["correct"].notna()]
    k = int(checked["correct"].sum())
    m = len(checked)
    if m == 0:
        return {"group": group, "checked": 0, "correct": 0, "precision": np.nan,
                "low": np.nan, "high": np.nan, "n_effective": 0.0, "events": 0}
    # events each checked one stands for: stratum size / checked in the stratum
    sizes = checked.groupby("stratum")["stratum_size"].first() if "stratum_size" in checked \
        else checked.groupby("stratum")["weight"].sum()
    per = checked.groupby("stratum")["correct"].count()
    w = checked["stratum"].map(sizes / per).to_numpy(float)
    y = checked["correct"].astype(float).to_numpy()
    p = float((w * y).sum() / w.sum())
    n_eff = float(w.sum() ** 2 / (w ** 2).sum())
    low, high = wilson_interval(p * n_eff, n_eff, level)
    return {"group": group, "checked": m, "correct": k, "precision": p, "low": low,
            "high": high, "n_effective": round(n_eff, 1), "events": int(round(w.sum()))}


def audit_precision(sheet: pd.DataFrame, *, by: str | None = "stratum",
                    level: float = 0.95) -> pd.DataFrame:
    """Precision of the coder from a filled-in coding sheet, with Wilson intervals.

    Parameters
    ----------
    sheet : DataFrame
        :func:`read_coding_sheet` output (or a sample with a boolean ``correct``).
    by : str or None
        Also report each value of this column ("stratum", "event_code" ...).
    level : float

    Returns
    -------
    DataFrame
        First the row ``group == "all"``, then one per value of ``by``. Columns:
        ``group`` (str), ``checked`` (int: events with a verdict), ``correct``
        (int), ``precision`` (float: weighted by the events each checked one
        stands for, so "all" estimates the precision over all coded events),
        ``low``, ``high`` (float: Wilson interval on the effective sample size),
        ``n_effective`` (float: Kish's effective n, equal to ``checked`` when the
        weights are equal), ``events`` (int: coded events represented).

    Examples
    --------
    >>> sheet = pd.DataFrame({"stratum": ["a"] * 4 + ["b"] * 2, "stratum_size": [40] * 4 + [2] * 2,
    ...                       "weight": [10.0] * 4 + [1.0] * 2,
    ...                       "correct": [True, True, True, False, False, True]})
    >>> audit_precision(sheet).round(2)[["group", "checked", "correct", "precision", "events"]]
      group  checked  correct  precision  events
    0   all        6        4       0.74      42
    1     a        4        3       0.75      40
    2     b        2        1       0.50       2
    """
    sheet = sheet.copy()
    sheet["correct"] = sheet["correct"].astype("boolean")
    rows = [_row("all", sheet, level)]
    if by is not None:
        for value, part in sheet.groupby(by, sort=True):
            rows.append(_row(str(value), part, level))
    out = pd.DataFrame(rows, columns=["group", "checked", "correct", "precision", "low", "high",
                                      "n_effective", "events"])
    out.attrs = {"level": level, "by": by}
    return out
