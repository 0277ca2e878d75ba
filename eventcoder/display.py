"""Check codings by eye: each event's sentence with source, trigger and target marked.

In Jupyter, ``show_events(events)`` (or ``EventView(events)``) renders a table whose
sentence column highlights the words the event was coded from: as a cell's last
expression, or anywhere in a cell with ``show_events(events, display=True)`` (or
``view.display()``); ``show_events(events, path="events.html")`` (or ``view.save(path)``)
writes the table as an HTML page, from a script too. ``events`` is an events frame, a
list of :class:`~eventcoder.events.Event` objects or of event dicts. The sentence is
raw text while ``*_span`` holds 1-based word ids of the parse, so the words are
found by searching ``source_text``, ``trigger`` and ``target_text`` in the
sentence (whole phrase first, then word by word, then by word stem for
inflected triggers), using the span to pick among repeated words; where the
words cannot be found the span alone marks an approximate position (dotted
underline). Every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["EventView", "highlight_sentence", "show_events"]

# Okabe-Ito tints; each role also has its own underline so print and grey scale work.
ROLE_STYLES = {
    "source": "background:#cfe8f7;border-bottom:2px solid #0072B2",
    "trigger": "background:#fbe3b0;border-bottom:2px solid #E69F00;font-weight:bold",
    "target": "background:#f1d9e7;border-bottom:2px dashed #CC79A7",
}
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w+")
_PRIORITY = {"trigger": 0, "source": 1, "target": 2}


@dataclass(frozen=True)
class Mark:
    """A highlighted character range of a sentence."""

    start: int
    end: int
    role: str
    approximate: bool = False


def _span_ids(span: str) -> list[int]:
    ids = []
    for part in re.split(r"[,\s]+", str(span or "").strip()):
        low, _, high = part.partition("-")
        if low.isdigit():
            ids.extend(range(int(low), int(high) + 1 if high.isdigit() else int(low) + 1))
    return ids


def _span_chars(sentence: str, span: str) -> list[tuple[int, int]]:
    """Character ranges of the words with these ids, by a rough tokenisation."""
    tokens = [m.span() for m in _TOKEN.finditer(sentence)]
    return [tokens[i - 1] for i in _span_ids(span) if 0 < i <= len(tokens)]


def _nearest(matches: list[tuple[int, int]], anchor: int | None) -> tuple[int, int] | None:
    if not matches:
        return None
    if anchor is None:
        return matches[0]
    return min(matches, key=lambda m: abs(m[0] - anchor))


def _search(sentence: str, pattern: str, anchor: int | None) -> tuple[int, int] | None:
    regex = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
    return _nearest([m.span() for m in regex.finditer(sentence)], anchor)


def _find(sentence: str, phrase: str, span: str, role: str) -> list[Mark]:
    """Marks for one role: phrase, then words, then stems, then the span."""
    chars = _span_chars(sentence, span)
    anchor = chars[0][0] if chars else None
    words = _WORD.findall(phrase or "")
    if not words:
        return [Mark(s, e, role, True) for s, e in chars]
    whole = _search(sentence, r"\W+".join(re.escape(w) for w in words), anchor)
    if whole:
        return [Mark(*whole, role)]
    marks = []
    for i, word in enumerate(words):
        if len(word) < 3 and len(words) > 1:
            continue  # particles and articles: too ambiguous alone
        # a span is a range "first-last": the last word sits near its end
        near = chars[-1][0] if chars and i == len(words) - 1 and i > 0 else anchor
        found = _search(sentence, re.escape(word), near)
        if found is None and len(word) >= 5:  # inflected verb: "condemn" -> "condemned"
            stem = word[:max(4, len(word) - 3)]
            found = _search(sentence, re.escape(stem) + r"\w*", near)
        if found is not None:
            marks.append(Mark(*found, role))
    if marks:
        return marks
    return [Mark(s, e, role, True) for s, e in chars]


def highlight_sentence(sentence: str, *, source_text: str = "", trigger: str = "",
                       target_text: str = "", source_span: str = "", trigger_span: str = "",
                       target_span: str = "") -> str:
    """The sentence as HTML with the source, trigger and target words marked.

    Examples
    --------
    >>> out = highlight_sentence("Seoul & Washington condemned the test.",
    ...                          source_text="Seoul", trigger="condemn")
    >>> print(re.sub(r' class="[^"]*" style="[^"]*" title="([^"]*)"', r"[\\1]", out))
    <mark[source]>Seoul</mark> &amp; Washington <mark[trigger]>condemned</mark> the test.
    """
    sentence = str(sentence or "")
    marks: list[Mark] = []
    for role, phrase, span in (("trigger", trigger, trigger_span),
                               ("source", source_text, source_span),
                               ("target", target_text, target_span)):
        marks.extend(_find(sentence, str(phrase or ""), str(span or ""), role))
    taken: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (_PRIORITY[m.role], m.start)):
        if all(mark.end <= t.start or mark.start >= t.end for t in taken):
            taken.append(mark)
    out, pos = [], 0
    for mark in sorted(taken, key=lambda m: m.start):
        out.append(html.escape(sentence[pos:mark.start]))
        style = ROLE_STYLES[mark.role] + (";border-bottom-style:dotted" if mark.approximate
                                          else "")
        title = mark.role + (" (approximate, from the word ids)" if mark.approximate else "")
        out.append(f'<mark class="ec-{mark.role}" style="{style}" title="{title}">'
                   f"{html.escape(sentence[mark.start:mark.end])}</mark>")
        pos = mark.end
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _as_frame(events: Any) -> pd.DataFrame:
    """An events frame from a frame, an Event, or a list of Events or dicts."""
    from .events import Event, events_to_frame

    if isinstance(events, pd.DataFrame):
        return events
    if isinstance(events, Event):
        return events_to_frame([events])
    if isinstance(events, dict):
        return pd.DataFrame([events])
    if isinstance(events, Iterable) and not isinstance(events, str | bytes | os.PathLike):
        items = list(events)
        if all(isinstance(e, Event) for e in items):
            return events_to_frame(items)
        if all(isinstance(e, dict) for e in items):
            return pd.DataFrame(items)
    raise TypeError(f"show_events takes an events frame, a list of events (Event objects or dicts), "
                    f"not {type(events).__name__}")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>body{{font-family:sans-serif;margin:1.5em}} table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}}</style>
</head>
<body>
{body}
</body>
</html>
"""


class EventView:
    """An events frame shown as a table of highlighted sentences (rich HTML in Jupyter).

    Parameters
    ----------
    frame : DataFrame, Event, or list of Events or dicts
        Events (``EVENT_COLUMNS``; loader frames without sentences work too).
    max_rows : int
        Rows rendered; the rest are counted below the table.

    Examples
    --------
    >>> from eventcoder.events import Event, events_to_frame
    >>> e = Event("d", "1", "2024-01-02", "USAGOV", "US", "PRK", "North Korea", "111",
    ...           "Criticize or denounce", "11", 3, -2.0, "criticize",
    ...           "The US criticized North Korea.", "en")
    >>> view = EventView(events_to_frame([e]))
    >>> "North Korea</mark>" in view._repr_html_()
    True
    """

    def __init__(self, frame: Any, *, max_rows: int = 50) -> None:
        self.frame = _as_frame(frame)
        self.max_rows = max_rows

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"EventView({len(self.frame)} events)"

    def _row(self, row: pd.Series) -> str:
        get = row.get
        sentence = highlight_sentence(
            get("sentence", ""), source_text=get("source_text", ""),
            trigger=get("trigger", ""), target_text=get("target_text", ""),
            source_span=get("source_span", ""), trigger_span=get("trigger_span", ""),
            target_span=get("target_span", "")) or "<i>(no sentence)</i>"
        mode = str(get("mode", "") or "")
        mode_html = "" if mode in ("", "asserted") else f" <i>[{_cell(mode)}]</i>"
        event = (f"<b>{_cell(get('event_code', ''))}</b> {_cell(get('event_name', ''))}"
                 f"{mode_html}")
        date = _cell(get("event_date", "") or get("date", ""))
        where = f"{_cell(get('doc_id', ''))} {_cell(get('sentence_id', ''))}".strip()
        pattern = _cell(get("pattern", ""))
        return (f'<tr><td style="white-space:nowrap">{date}</td>'
                f"<td>{_cell(get('source', ''))}</td><td>{event}</td>"
                f"<td>{_cell(get('target', ''))}</td>"
                f'<td style="text-align:left">{sentence}</td>'
                f'<td title="{pattern}">{where}</td></tr>')

    def to_html(self) -> str:
        """The table as an HTML string."""
        rows = "".join(self._row(row) for _, row in self.frame.head(self.max_rows).iterrows())
        more = len(self.frame) - min(len(self.frame), self.max_rows)
        legend = " ".join(f'<mark style="{style}">{role}</mark>'
                          for role, style in ROLE_STYLES.items())
        footer = f"<p>… {more} more events</p>" if more > 0 else ""
        return ('<div class="eventcoder-events">'
                f"<p>{len(self.frame)} events. {legend}</p>"
                '<table><thead><tr><th>date</th><th>source</th><th>event</th>'
                "<th>target</th><th>sentence</th><th>doc</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>{footer}</div>")

    def _repr_html_(self) -> str:
        return self.to_html()

    def display(self) -> None:
        """Show the table now, anywhere in a notebook cell (not only as its last expression)."""
        from IPython.display import display

        display(self)

    def save(self, path: str | os.PathLike, *, title: str = "eventcoder events") -> Path:
        """Write the table as a standalone HTML page (UTF-8); return its path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_PAGE.format(title=html.escape(title), body=self.to_html()), encoding="utf-8")
        return path


def show_events(events: Any, *, max_rows: int = 50, display: bool = False,
                path: str | os.PathLike | None = None) -> EventView | None:
    """Show events with their evidence: an :class:`EventView` of highlighted sentences.

    Parameters
    ----------
    events : DataFrame, Event, or list of Events or dicts
        What :func:`eventcoder.code_articles` and friends return, or events picked from it.
    max_rows : int, default 50
        Rows rendered; the rest are counted below the table.
    display : bool, default False
        Show it now (in Jupyter, anywhere in a cell) and return None; by default the
        view is returned, and a cell's last expression renders it.
    path : path, optional
        Also write the table as an HTML page there (works from a script).

    Examples
    --------
    >>> from eventcoder.events import events_to_frame
    >>> show_events(events_to_frame([]))
    EventView(0 events)
    >>> show_events([])
    EventView(0 events)
    """
    view = EventView(events, max_rows=max_rows)
    if path is not None:
        view.save(path)
    if display:
        view.display()
        return None
    return view
