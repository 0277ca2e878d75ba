"""The validation report: scores, per-root table, confusion, errors; as Markdown or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = ["ValidationReport"]


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
