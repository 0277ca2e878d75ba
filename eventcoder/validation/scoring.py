"""Scoring predicted events against a gold standard (:func:`validate`).

Events are compared as multisets per sentence at several levels (full code, root,
QuadClass; actors full, by country, or ignored; with and without the target). A
predicted event that matches no required gold event but one of the sentence's
*acceptable* events (at the same level) is neither a true nor a false positive.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..cameo import actor_country, load_cameo, quad_of, root_of
from .gold import GoldEvent, GoldSentence, code_gold, read_gold
from .report import ValidationReport

__all__ = ["ACTOR_LEVELS", "EVENT_LEVELS", "validate"]

EVENT_LEVELS = ("code", "root", "quad")
ACTOR_LEVELS = ("full", "country", "ignored")
NONE = "none"


def _predicted_frame(predicted: Any) -> pd.DataFrame:
    from ..events import Event, events_to_frame

    if isinstance(predicted, pd.DataFrame):
        frame = predicted
    elif isinstance(predicted, (str, os.PathLike)):
        path = Path(predicted)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        elif suffix == ".tsv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep="\t")
        elif suffix in (".jsonl", ".json"):
            frame = pd.read_json(path, lines=suffix == ".jsonl", dtype=False)
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        else:
            raise ValueError(f"unknown predicted-events format {suffix!r} for {path}")
    else:
        items = list(predicted)
        if items and not all(isinstance(e, Event) for e in items):
            raise TypeError("predicted must be a DataFrame, a path or Event records")
        frame = events_to_frame(items)
    missing = {"source", "event_code"} - set(frame.columns)
    if missing:
        raise ValueError(f"predicted events lack column(s) {sorted(missing)}")
    frame = frame.copy()
    for col in ("doc_id", "sentence_id", "sentence", "source", "target", "event_code", "mode"):
        if col not in frame.columns:
            frame[col] = ""
        frame[col] = frame[col].fillna("").astype(str)
    # CSV readers may have stripped leading zeros: "42" -> "042"
    frame["event_code"] = [c.zfill(3) if c.isdigit() and len(c) < 3 else c
                           for c in frame["event_code"]]
    return frame


def _assign(frame: pd.DataFrame, gold: Sequence[GoldSentence]) -> list[str | None]:
    """The gold id each predicted row belongs to (None: not in the gold standard)."""
    by_pair = {(s.doc_id or s.id, s.sentence_id): s.id for s in gold if s.sentence_id}
    by_id = {s.id: s.id for s in gold}
    by_doc: dict[str, list[str]] = {}
    for s in gold:
        by_doc.setdefault(s.doc_id or s.id, []).append(s.id)
    by_text = {s.text: s.id for s in gold if s.text}
    out: list[str | None] = []
    for doc, sent, text in zip(frame["doc_id"], frame["sentence_id"], frame["sentence"],
                               strict=True):
        key = by_pair.get((doc, sent))
        if key is None and doc in by_id and len(by_doc.get(doc, ())) <= 1:
            key = by_id[doc]
        if key is None and doc and sent and f"{doc}/{sent}" in by_id:
            key = by_id[f"{doc}/{sent}"]
        if key is None and text:
            key = by_text.get(" ".join(text.split()))
        out.append(key)
    return out


def _key(source: str, target: str, code: str, event: str, actors: str, with_target: bool) -> tuple:
    if event == "code":
        what = code
    elif event == "root":
        what = root_of(code)
    else:
        what = str(quad_of(code) or "")
    if actors == "ignored":
        return (what,)
    if actors == "country":
        source, target = actor_country(source), actor_country(target)
    return (source, target, what) if with_target else (source, what)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    if tp + fp == 0 and tp + fn == 0:
        p = r = 1.0
    f = 2 * p * r / (p + r) if p + r and not (pd.isna(p) or pd.isna(r)) else 0.0
    if tp == 0 and (fp or fn):
        f = 0.0
    return p, r, f


def validate(predicted: Any, gold: Any, *, modes: Iterable[str] | None = None) -> ValidationReport:
    """Score predicted events against a gold standard.

    Parameters
    ----------
    predicted : DataFrame, path, iterable of Event, or LanguageResources
        Coded events (columns ``doc_id``, ``sentence_id``, ``source``,
        ``target``, ``event_code``; ``sentence`` helps matching). A predicted
        event belongs to the gold record whose (``doc_id``, ``sentence_id``)
        it has, else whose ``id`` equals its ``doc_id`` (one-sentence records)
        or ``"doc_id/sentence_id"``, else whose text equals its sentence.
        A :class:`~eventcoder.dictionaries.LanguageResources` codes the gold
        records' CoNLL-U with those dictionaries first (:func:`code_gold`).
    gold : path, list of GoldSentence or of dicts
        The gold standard (:func:`read_gold`).
    modes : iterable of str, optional
        Keep only predicted events with these modes (e.g. ``["asserted"]``);
        by default all are scored.

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> gold = [{"id": "s1", "events": [{"source": "RUS", "target": "UKR", "code": "190"}]}]
    >>> pred = pd.DataFrame({"doc_id": ["s1"], "sentence_id": ["1"], "source": ["RUS"],
    ...                      "target": ["UKR"], "event_code": ["193"]})
    >>> report = validate(pred, gold)
    >>> float(report.score("code")["f1"]), float(report.score("root")["f1"])
    (0.0, 1.0)

    An acceptable event is neither a hit nor a false positive:

    >>> gold = [{"id": "s1", "events": [],
    ...          "acceptable": [{"source": "RUS", "target": "UKR", "code": "193"}]}]
    >>> int(validate(pred, gold).score("code")["fp"])
    0
    """
    from ..dictionaries import LanguageResources

    gold_list = gold if isinstance(gold, list) and all(isinstance(g, GoldSentence) for g in gold) \
        else read_gold(gold)
    if isinstance(predicted, LanguageResources):
        predicted = code_gold(gold_list, predicted)
    frame = _predicted_frame(predicted)
    if modes is not None:
        frame = frame[frame["mode"].isin(set(modes)) | (frame["mode"] == "")]
    owners = _assign(frame, gold_list)
    pred: dict[str, list[GoldEvent]] = {s.id: [] for s in gold_list}
    unmatched = 0
    for owner, src, tgt, code in zip(owners, frame["source"], frame["target"],
                                     frame["event_code"], strict=True):
        if owner is None:
            unmatched += 1
        else:
            pred[owner].append(GoldEvent(src.strip().upper(), tgt.strip().upper(), code.strip()))

    rows = []
    for event_level in EVENT_LEVELS:
        for actors in ACTOR_LEVELS:
            for with_target in (True, False):
                if actors == "ignored" and not with_target:
                    continue
                tp = fp = fn = 0
                for s in gold_list:
                    g = Counter(_key(e.source, e.target, e.code, event_level, actors, with_target)
                                for e in s.events)
                    p = Counter(_key(e.source, e.target, e.code, event_level, actors, with_target)
                                for e in pred[s.id])
                    hit = sum((g & p).values())
                    extra = p - g
                    if s.acceptable and extra:  # defensible, not required: not counted either way
                        ok = Counter(_key(e.source, e.target, e.code, event_level, actors,
                                          with_target) for e in s.acceptable)
                        extra = extra - ok
                    tp, fp, fn = tp + hit, fp + sum(extra.values()), fn + sum(g.values()) - hit
                prec, rec, f1 = _prf(tp, fp, fn)
                rows.append({"event_level": event_level, "actors": actors, "target": with_target,
                             "tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec,
                             "f1": f1})
    scores = pd.DataFrame(rows)

    # per root code
    per: dict[str, list[int]] = {}
    for s in gold_list:
        g = Counter((e.source, e.target, root_of(e.code)) for e in s.events)
        p = Counter((e.source, e.target, root_of(e.code)) for e in pred[s.id])
        for key, n in g.items():
            per.setdefault(key[2], [0, 0, 0])[0] += n
        for key, n in p.items():
            per.setdefault(key[2], [0, 0, 0])[1] += n
        for key, n in (g & p).items():
            per[key[2]][2] += n
    root_rows = []
    names = load_cameo()
    for root in sorted(per):
        ng, np_, tp = per[root]
        prec, rec, f1 = _prf(tp, np_ - tp, ng - tp)
        root_rows.append({"root": root, "name": names[root].name if root in names else "",
                          "gold": ng, "predicted": np_, "tp": tp, "precision": prec,
                          "recall": rec, "f1": f1})
    per_root = pd.DataFrame(root_rows, columns=["root", "name", "gold", "predicted", "tp",
                                                "precision", "recall", "f1"])

    # confusion (pair events by dyad)
    pairs: Counter = Counter()
    for s in gold_list:
        g_left = [(e.source, e.target, root_of(e.code)) for e in s.events]
        p_left = [(e.source, e.target, root_of(e.code)) for e in pred[s.id]]
        for item in list(g_left):  # exact matches first
            if item in p_left:
                p_left.remove(item)
                g_left.remove(item)
                pairs[(item[2], item[2])] += 1
        for item in list(g_left):
            same = [p for p in p_left if p[:2] == item[:2]]
            if same:
                p_left.remove(same[0])
                g_left.remove(item)
                pairs[(item[2], same[0][2])] += 1
        for item in g_left:
            pairs[(item[2], NONE)] += 1
        for item in p_left:
            pairs[(NONE, item[2])] += 1
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs} - {NONE}) + [NONE]
    labels = list(dict.fromkeys(labels))
    confusion = pd.DataFrame(0, index=pd.Index(labels, name="gold"),
                             columns=pd.Index(labels, name="predicted"), dtype=int)
    for (a, b), n in pairs.items():
        confusion.loc[a, b] += n
    if len(labels) == 1:
        confusion = confusion.iloc[0:0, 0:0]

    # per-sentence errors
    err_rows, sent_rows = [], []
    for s in gold_list:
        g = Counter(s.events)
        p = Counter(pred[s.id])
        for e, n in (g - p).items():
            err_rows += [{"id": s.id, "kind": "miss", "source": e.source, "target": e.target,
                          "code": e.code, "text": s.text}] * n
        extra = (p - g) - Counter(s.acceptable)
        for e, n in extra.items():
            err_rows += [{"id": s.id, "kind": "false positive", "source": e.source,
                          "target": e.target, "code": e.code, "text": s.text}] * n
        sent_rows.append({"id": s.id, "category": s.category, "gold": sum(g.values()),
                          "predicted": sum(p.values()), "correct": not (g - p) and not extra})
    errors = pd.DataFrame(err_rows, columns=["id", "kind", "source", "target", "code", "text"])
    sentences = pd.DataFrame(sent_rows, columns=["id", "category", "gold", "predicted", "correct"])
    return ValidationReport(scores=scores, per_root=per_root, confusion=confusion, errors=errors,
                            sentences=sentences, unmatched=unmatched)
