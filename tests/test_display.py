"""Evidence view: sentences with source, trigger and target marked, HTML-escaped."""

from __future__ import annotations

import re

import pytest

from eventcoder.display import EventView, highlight_sentence, show_events
from eventcoder.events import Event, events_to_frame

_MARK = re.compile(r'<mark class="ec-(\w+)"[^>]*>(.*?)</mark>')


def marks(html: str) -> list[tuple[str, str]]:
    return _MARK.findall(html)


def ev(sentence: str, source_text: str, trigger: str, target_text: str, *, spans=("", "", ""),
       mode: str = "asserted", language: str = "en") -> Event:
    return Event("doc1", "s1", "2024-01-02", "USAGOV", source_text, "PRK", target_text, "111",
                 "Criticize or denounce", "11", 3, -2.0, trigger, sentence, language, mode=mode,
                 source_span=spans[0], target_span=spans[1], trigger_span=spans[2])


@pytest.mark.parametrize(("sentence", "source", "trigger", "target", "expected"), [
    ("The US criticized North Korea on Monday.", "US", "criticize", "North Korea",
     [("source", "US"), ("trigger", "criticized"), ("target", "North Korea")]),
    # German: inflected trigger, target phrase with a genitive
    ("Die Bundesregierung verurteilte den Raketentest Nordkoreas scharf.", "Bundesregierung",
     "verurteilen", "Nordkoreas",
     [("source", "Bundesregierung"), ("trigger", "verurteilte"), ("target", "Nordkoreas")]),
    # case differs, phrase split by punctuation in the sentence
    ("the u.s. state department, in a statement, accused PYONGYANG.", "U.S. State Department",
     "accuse", "Pyongyang",
     [("source", "u.s. state department"), ("trigger", "accused"), ("target", "PYONGYANG")]),
    # one-sided event: no target
    ("North Korea launched a missile.", "North Korea", "launch", "",
     [("source", "North Korea"), ("trigger", "launched")]),
])
def test_highlight_finds_words(sentence, source, trigger, target, expected):
    html = highlight_sentence(sentence, source_text=source, trigger=trigger, target_text=target)
    assert marks(html) == expected
    assert re.sub(r"<[^>]+>", "", html) == sentence.replace("&", "&amp;")


def test_highlight_escapes_html():
    html = highlight_sentence('<script>alert("x")</script> Russia & "Ukraine" talk',
                              source_text="Russia", target_text='"Ukraine"')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert marks(html) == [("source", "Russia"), ("target", "Ukraine")]


def test_span_picks_the_right_occurrence():
    sentence = "Russia said Russia attacked Ukraine."
    html = highlight_sentence(sentence, source_text="Russia", source_span="3",
                              trigger="attack", target_text="Ukraine")
    first = html.index("<mark")
    assert html[:first] == "Russia said "  # the second "Russia", word 3


def test_span_fallback_is_marked_approximate():
    html = highlight_sentence("Moskau griff Kiew an.", source_text="Russland", source_span="1",
                              trigger="angreifen", trigger_span="2")
    assert ("source", "Moskau") in marks(html)
    assert "approximate" in html and "dotted" in html


def test_overlapping_marks_keep_the_trigger():
    html = highlight_sentence("Sanctions hit Iran.", source_text="Sanctions hit",
                              trigger="hit")
    assert marks(html) == [("trigger", "hit")]


def test_separable_verb_particle_found_near_the_span_end():
    sentence = "Auf dem Gipfel forderten die USA Nordkorea auf, Tests zu stoppen."
    html = highlight_sentence(sentence, source_text="USA", source_span="6",
                              trigger="forderten auf", trigger_span="4-8",
                              target_text="Nordkorea", target_span="7")
    assert marks(html) == [("trigger", "forderten"), ("source", "USA"),
                           ("target", "Nordkorea"), ("trigger", "auf")]
    assert html.startswith("Auf dem Gipfel")


def test_empty_sentence_gives_empty_string():
    assert highlight_sentence("", source_text="US") == ""


def test_event_view_html_table():
    frame = events_to_frame([
        ev("The US criticized North Korea.", "US", "criticize", "North Korea"),
        ev("The US would criticize <b>North Korea</b>.", "US", "criticize", "North Korea",
           mode="hypothetical"),
    ])
    view = show_events(frame)
    assert isinstance(view, EventView) and len(view) == 2
    html = view._repr_html_()
    assert html.count("<tr>") == 3  # header + two events
    assert "<b>North Korea</b>" not in html and "&lt;b&gt;" in html
    assert "[hypothetical]" in html
    assert html.count('<td style="white-space:nowrap">') == 2  # dates do not wrap
    assert "USAGOV" in html and "Criticize or denounce" in html
    assert len(marks(html)) == 6


def test_event_view_max_rows_and_loader_frames():
    frame = events_to_frame([ev("", "", "", "")] * 3)
    html = EventView(frame, max_rows=2).to_html()
    assert html.count("(no sentence)") == 2
    assert "1 more events" in html
    assert repr(show_events(frame)) == "EventView(3 events)"


# issue 17 (everyday friction): a list of events, mid-cell display, HTML written from a script


def test_show_events_takes_a_list_of_events_or_dicts():
    """show_events([...]) raised AttributeError."""
    events = [ev("The US criticized North Korea.", "US", "criticize", "North Korea")]
    html = show_events(events).to_html()
    assert marks(html)[1] == ("trigger", "criticized")
    rows = events_to_frame(events).to_dict("records")
    assert show_events(rows).to_html() == html
    assert show_events(events[0]).to_html() == html
    assert len(show_events([])) == 0
    with pytest.raises(TypeError, match="events frame, a list of events"):
        show_events("events.csv")


def test_show_events_displays_mid_cell(monkeypatch):
    """It rendered only as a cell's last expression."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    view = show_events([ev("The US criticized North Korea.", "US", "criticize", "North Korea")])
    assert view.display() is None and shown == [view]
    shown.clear()
    assert show_events([], display=True) is None and len(shown) == 1


def test_show_events_writes_an_html_page(tmp_path):
    events = [ev("Russia & <Ukraine> talk.", "Russia", "talk", "Ukraine")]
    path = show_events(events).save(tmp_path / "out" / "events.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "&lt;" in page and "<Ukraine>" not in page and page.rstrip().endswith("</html>")
    assert show_events(events, path=tmp_path / "b.html").to_html() in (tmp_path / "b.html").read_text()
