"""Score coded events against a gold standard.

A gold standard is a JSONL file (one sentence per line) or a YAML file (a list
of the same mappings, or ``{"sentences": [...]}``); see ``docs/validation.md``::

    {"id": "kcna-1", "language": "en", "date": "2023-07-12",
     "text": "Russia condemned the missile test.",
     "conllu": "1\\tRussia\\t...",              # optional: lets eventcoder code it
     "events": [{"source": "RUS", "target": "PRK", "code": "111"}]}

:func:`validate` compares predicted events (a frame from the coder, an events
CSV/JSONL file, or :class:`~eventcoder.events.Event` records) with the gold
events of the same sentences and returns a :class:`ValidationReport`:
precision, recall and F1 at several levels (full code, root code, QuadClass;
actors as full codes, as country only, or ignored; with and without the
target), a per-root-code table, a root-code confusion matrix and the list of
misses and false positives per sentence.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .cameo import actor_country, load_cameo, quad_of, root_of
from .errors import GoldError

__all__ = [
    "GoldError",
    "GoldEvent",
    "GoldSentence",
    "ValidationReport",
    "code_gold",
    "gold_to_documents",
    "read_gold",
    "validate",
]

EVENT_LEVELS = ("code", "root", "quad")
ACTOR_LEVELS = ("full", "country", "ignored")
NONE = "none"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event: source actor, target actor ("" when one-sided), event code."""

    source: str
    target: str
    code: str


@dataclass(slots=True)
class GoldSentence:
    """One gold-standard sentence (or short document) and its expected events."""

    id: str
    text: str = ""
    events: list[GoldEvent] = field(default_factory=list)
    language: str = ""
    date: str = ""
    conllu: str = ""
    doc_id: str = ""
    sentence_id: str = ""
    category: str = ""


# --------------------------------------------------------------------------- codes
# --------------------------------------------------------------------------- gold reader
def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, int):
        raise TypeError("a code given as a number loses its leading zeros; quote it")
    return str(value).strip()


def _gold_event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: an event must be a mapping with source, target, code")
    unknown = set(item) - {"source", "target", "code", "event_code", "note", "mode"}
    if unknown:
        raise GoldError(f"{where}: unknown event key(s) {sorted(unknown)}")
    try:
        code = _clean(item.get("code", item.get("event_code")))
        source = _clean(item.get("source"))
        target = _clean(item.get("target"))
    except TypeError as exc:
        raise GoldError(f"{where}: {exc}") from None
    if not code:
        raise GoldError(f"{where}: event without 'code'")
    if not source:
        raise GoldError(f"{where}: event without 'source'")
    return GoldEvent(source.upper(), target.upper(), code)


_SENTENCE_KEYS = {"id", "text", "events", "language", "date", "conllu", "doc_id", "sentence_id",
                  "category", "note"}


def _gold_sentence(item: Any, where: str) -> GoldSentence:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = set(item) - _SENTENCE_KEYS
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {sorted(unknown)}")
    if item.get("id") in (None, ""):
        raise GoldError(f"{where}: record without 'id'")
    events = item.get("events") or []
    if not isinstance(events, list):
        raise GoldError(f"{where}: 'events' must be a list")
    sid = str(item["id"])
    date = item.get("date") or ""
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    return GoldSentence(
        id=sid, text=" ".join(str(item.get("text") or "").split()),
        events=[_gold_event(e, f"{where}, event {n}") for n, e in enumerate(events, start=1)],
        language=str(item.get("language") or ""), date=str(date),
        conllu=str(item.get("conllu") or ""), doc_id=str(item.get("doc_id") or ""),
        sentence_id=str(item.get("sentence_id") or ""), category=str(item.get("category") or ""),
    )


def read_gold(source: str | os.PathLike | Iterable[dict | GoldSentence]) -> list[GoldSentence]:
    """Read a gold standard: a ``.jsonl``/``.json``/``.yaml`` file or records.

    Raises
    ------
    GoldError
        Naming the file and the record (line for JSONL) that is wrong, or a
        duplicate id.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"gold standard not found: {path}")
        text = path.read_text(encoding="utf-8")
        suffix = path.suffix.lower()
        items: list[tuple[str, Any]] = []
        if suffix in (".yaml", ".yml"):
            from .dictionaries import load_yaml

            data = load_yaml(text) or []
            if isinstance(data, dict):
                data = data.get("sentences", [])
            if not isinstance(data, list):
                raise GoldError(f"{path}: expected a list of sentences")
            items = [(f"{path}, record {n}", d) for n, d in enumerate(data, start=1)]
        elif suffix == ".json":
            data = json.loads(text)
            if isinstance(data, dict):
                data = data.get("sentences", [])
            items = [(f"{path}, record {n}", d) for n, d in enumerate(data, start=1)]
        else:
            for lineno, line in enumerate(text.splitlines(), start=1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                try:
                    items.append((f"{path}, line {lineno}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}, line {lineno}: not valid JSON ({exc.msg})") from None
        sentences = [_gold_sentence(item, where) for where, item in items]
    else:
        sentences = [s if isinstance(s, GoldSentence) else _gold_sentence(s, f"record {n}")
                     for n, s in enumerate(source, start=1)]
    seen: set[str] = set()
    for s in sentences:
        if s.id in seen:
            raise GoldError(f"duplicate gold id {s.id!r}")
        seen.add(s.id)
    return sentences


def gold_to_documents(gold: Sequence[GoldSentence]) -> list:
    """Turn gold records with ``conllu`` into documents (id = gold id) for the coder."""
    from .conllu import read_conllu

    docs = []
    for s in gold:
        if not s.conllu:
            continue
        parsed = read_conllu(s.conllu if s.conllu.endswith("\n") else s.conllu + "\n",
                             default_doc_id=s.id)
        for doc in parsed:
            doc.id = s.id
            if s.date:
                doc.metadata["date"] = s.date
            for n, sent in enumerate(doc.sentences, start=1):
                sent.id = sent.id or str(n)
            docs.append(doc)
    return docs


def code_gold(gold: Sequence[GoldSentence] | str | os.PathLike, language: Any = None) -> pd.DataFrame:
    """Code the gold sentences' CoNLL-U with eventcoder.

    ``language`` is a language code ("de") or a
    :class:`~eventcoder.dictionaries.LanguageResources`; with one, only the
    records of that language (or without one) are coded. ``None`` codes every
    record in its own ``language`` (records without one raise ``ValueError``).
    Records without ``conllu`` give no events.
    """
    from .coding import code_documents
    from .dictionaries import LanguageResources, load_language
    from .events import events_to_frame

    if not isinstance(gold, list):
        gold = read_gold(gold)
    if language is None:
        unknown = [s.id for s in gold if not s.language]
        if unknown:
            raise ValueError(f"gold records without a language: {unknown[:5]} (give one)")
        events = []
        for lang in sorted({s.language for s in gold}):
            chosen = [s for s in gold if s.language == lang]
            events += code_documents(gold_to_documents(chosen), load_language(lang))
        return events_to_frame(events)
    if isinstance(language, LanguageResources):
        res = language
    else:
        res = load_language(str(language))
    chosen = [s for s in gold if not s.language or s.language == res.language]
    return events_to_frame(code_documents(gold_to_documents(chosen), res))


# --------------------------------------------------------------------------- predictions
def _predicted_frame(predicted: Any) -> pd.DataFrame:
    from .events import Event, events_to_frame

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


# --------------------------------------------------------------------------- scoring
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


@dataclass
class ValidationReport:
    """The result of :func:`validate`.

    Attributes
    ----------
    scores : DataFrame
        One row per level: ``event_level`` (code, root, quad), ``actors`` (full,
        country, ignored), ``target`` (True: the target is compared), ``tp``,
        ``fp``, ``fn``, ``precision``, ``recall``, ``f1``.
    per_root : DataFrame
        Per CAMEO root code: ``gold``, ``predicted``, ``tp``, precision, recall,
        F1, with events compared on (source, target, root code), full actor codes.
    confusion : DataFrame
        Root-code confusion matrix: rows gold root, columns predicted root,
        ``"none"`` for a missed or invented event. Gold and predicted events of
        a sentence are paired when they have the same source and target.
    errors : DataFrame
        Per sentence: ``id``, ``kind`` ("miss" or "false positive"), ``source``,
        ``target``, ``code``, ``text`` -- compared on the full code.
    sentences : DataFrame
        Per gold sentence: ``id``, ``gold``, ``predicted``, ``correct`` (the
        predicted events equal the gold events, full code, as multisets).
    unmatched : int
        Predicted events whose sentence is not in the gold standard (ignored).
    """

    scores: pd.DataFrame
    per_root: pd.DataFrame
    confusion: pd.DataFrame
    errors: pd.DataFrame
    sentences: pd.DataFrame
    unmatched: int = 0

    def score(self, event_level: str = "code", actors: str = "full",
              target: bool = True) -> pd.Series:
        """The row of :attr:`scores` for one level."""
        s = self.scores
        row = s[(s.event_level == event_level) & (s.actors == actors) & (s.target == target)]
        if row.empty:
            raise KeyError(f"no score for {event_level=}, {actors=}, {target=}")
        return row.iloc[0]

    @property
    def f1(self) -> float:
        """F1 at the strictest level: full code, full actor codes, with target."""
        return float(self.score()["f1"])

    @property
    def sentence_accuracy(self) -> float:
        """Share of gold sentences whose events were all coded right (full code)."""
        return float(self.sentences["correct"].mean()) if len(self.sentences) else float("nan")

    def _blocks(self) -> list[tuple[str, str, pd.DataFrame]]:
        n = len(self.sentences)
        n_gold = int(self.sentences["gold"].sum()) if n else 0
        intro = (f"{n} gold sentences, {n_gold} gold events, "
                 f"{int(self.sentences['predicted'].sum()) if n else 0} predicted events; "
                 f"{int(self.sentences['correct'].sum()) if n else 0}/{n} sentences fully right.")
        if self.unmatched:
            intro += (f" {self.unmatched} predicted events were outside the gold sentences"
                      " (ignored).")
        scores = self.scores.copy()
        scores["target"] = scores["target"].map({True: "with", False: "without"})
        return [
            ("Summary", intro, pd.DataFrame()),
            ("Precision, recall, F1", "event level x actor level x target", scores),
            ("Per root code", "source, target and root code compared", self.per_root),
            ("Root-code confusion", "rows: gold, columns: predicted", self.confusion),
            ("Misses and false positives", "full code, full actors, with target", self.errors),
        ]

    def to_markdown(self) -> str:
        """The report as Markdown (tables, numbers rounded to 3 places)."""
        parts = ["# Validation report", ""]
        for title, intro, frame in self._blocks():
            parts += [f"## {title}", "", intro, ""]
            if not frame.empty:
                parts += [_markdown_table(frame, index=title == "Root-code confusion"), ""]
        return "\n".join(parts)

    def to_html(self) -> str:
        """The report as a standalone HTML page."""
        parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'>"
                 "<title>Validation report</title>",
                 "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
                 "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                 "padding:2px 6px;text-align:right}</style></head><body>",
                 "<h1>Validation report</h1>"]
        for title, intro, frame in self._blocks():
            parts.append(f"<h2>{html.escape(title)}</h2><p>{html.escape(intro)}</p>")
            if not frame.empty:
                parts.append(frame.to_html(index=title == "Root-code confusion",
                                           float_format=lambda x: f"{x:.3f}", border=0))
        parts.append("</body></html>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return self.to_html()

    def __str__(self) -> str:
        return self.to_markdown()


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if pd.isna(value) else f"{value:.3f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def _markdown_table(frame: pd.DataFrame, *, index: bool = False) -> str:
    frame = frame.reset_index() if index else frame
    cols = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_fmt(v) for v in row) + " |")
    return "\n".join(lines)


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
    """
    from .dictionaries import LanguageResources

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
                    tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
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
        for e, n in (p - g).items():
            err_rows += [{"id": s.id, "kind": "false positive", "source": e.source,
                          "target": e.target, "code": e.code, "text": s.text}] * n
        sent_rows.append({"id": s.id, "category": s.category, "gold": sum(g.values()),
                          "predicted": sum(p.values()), "correct": g == p})
    errors = pd.DataFrame(err_rows, columns=["id", "kind", "source", "target", "code", "text"])
    sentences = pd.DataFrame(sent_rows, columns=["id", "category", "gold", "predicted", "correct"])
    return ValidationReport(scores=scores, per_root=per_root, confusion=confusion, errors=errors,
                            sentences=sentences, unmatched=unmatched)
