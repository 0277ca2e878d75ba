"""Plot functions: assertions on the returned Axes (Agg backend)."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.dates

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

import eventcoder  # noqa: E402
from eventcoder.aggregate import SERIES_COLUMNS, dyad_matrix, escalation_series  # noqa: E402
from eventcoder.events import Event, events_to_frame  # noqa: E402
from eventcoder.plotting import (  # noqa: E402
    DYAD_STYLES,
    QUAD_COLORS,
    country_name,
    plot_comparison,
    plot_counts,
    plot_dyad_events,
    plot_dyad_heatmap,
    plot_escalation,
    plot_quad_composition,
    plot_quad_shares,
    publication_style,
    save_figure,
)
from eventcoder.plotting.timeline import Y_LABELS  # noqa: E402

_CODES = {"018": ("Make empathetic comment", "01", 1, 3.4), "042": ("Make a visit", "04", 1, 1.9),
          "070": ("Provide aid", "07", 2, 7.0), "112": ("Accuse", "11", 3, -2.0),
          "190": ("Fight", "19", 4, -10.0)}


def ev(date, source, target, code, mode="asserted", doc="doc", precision="", event_date=""):
    name, root, quad, gold = _CODES[code]
    return Event(doc, "1", date, source, source, target, target, code, name, root, quad,
                 gold, "verb", "sentence", "en", mode=mode, event_date=event_date,
                 date_precision=precision)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def events():
    return events_to_frame([
        ev("2024-01-01", "USAGOV", "PRK", "112", doc="a"),
        ev("2024-01-02", "PRK", "USA", "190", doc="b"),
        ev("2024-01-10", "USA", "PRK", "042", doc="c"),
        ev("2024-01-24", "RUS", "UKR", "190", doc="d"),
        ev("2024-01-25", "RUS", "UKR", "070", doc="e"),
        ev("2024-01-25", "UKR", "RUS", "112", "negated", doc="e"),
        ev("2024-01-26", "---GOV", "UKR", "112", doc="f"),
    ])


@pytest.fixture
def weekly():
    """RUS-UKR over five weeks: week 1 two texts, week 2 none, week 3 one event."""
    return events_to_frame([
        ev("2024-01-01", "RUS", "UKR", "190", doc="a"), ev("2024-01-01", "RUS", "UKR", "190", doc="a"),
        ev("2024-01-02", "RUS", "UKR", "112", doc="b"), ev("2024-01-03", "RUS", "UKR", "042", doc="c"),
        ev("2024-01-16", "RUS", "UKR", "190", doc="d"),
        ev("2024-01-29", "RUS", "UKR", "190", doc="e"), ev("2024-01-30", "RUS", "UKR", "112", doc="f"),
        ev("2024-01-31", "RUS", "UKR", "112", doc="g"),
        ev("2024-01-02", "UKR", "RUS", "112", doc="b"), ev("2024-01-30", "UKR", "RUS", "190", doc="f"),
    ])


def _line(ax, label):
    return next(c for c in ax.containers if c.get_label() == label).lines[0]


def test_gaps_are_gaps_not_zeros(weekly):
    ax = plot_escalation(weekly, dyads="RUS-UKR")
    y = _line(ax, "RUS→UKR").get_ydata()
    # weeks of Jan 1, 8, 15, 22, 29: only weeks 1 and 5 have 3+ events from 2+ texts
    assert np.isnan(y).tolist() == [False, True, True, True, False]
    assert y[0] == pytest.approx((-10 - 10 - 2 + 1.9) / 4)
    assert ax.get_ylabel() == "Goldstein (mean)"


def test_intervals_counts_strip_and_caption(weekly):
    ax = plot_escalation(weekly, dyads=["RUS-UKR", "UKR-RUS"], y="escalation", note="Test data")
    container = next(c for c in ax.containers if c.get_label() == "RUS→UKR")
    assert container.has_yerr  # the bootstrap intervals are drawn
    fig = ax.figure
    strip = [a for a in fig.axes if a is not ax][0]
    heights = [p.get_height() for p in strip.patches]
    assert heights[:5] == [4, 0, 1, 0, 3]  # RUS→UKR events per week: zeros are real counts here
    assert all(float(t).is_integer() for t in strip.get_yticks())
    caption = [t for t in strip.texts if t.get_gid() == "eventcoder-caption"][0].get_text()
    assert caption.startswith("Test data. N = 10 asserted events from 7 texts")
    assert "bootstrap" in caption and "(n + 5)" in caption
    assert ax.get_ylabel() == "Escalation (volume-aware)"


def test_uncovered_periods_are_shaded(weekly):
    corpus = pd.DataFrame({"date": ["2024-01-01", "2024-01-16", "2024-01-30"]})
    series = escalation_series(weekly, dyads="RUS-UKR", corpus=corpus, min_texts=1)
    ax = plot_escalation(series, counts=False)
    shaded = [p for p in ax.patches if p.get_label() == "no texts in the corpus"]
    assert len(shaded) == 1  # one legend entry ...
    assert len(ax.patches) == 2  # ... for the two uncovered weeks (Jan 8 and Jan 22)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["no texts in the corpus", "RUS→UKR"]
    assert "Grey: no texts in the corpus" in ax.texts[-1].get_text()


def test_direction_arrows_and_requested_order(events):
    ax = plot_escalation(events, dyads=["USA-PRK"], directed=False, min_events=1, min_texts=1,
                         caption=False, counts=False)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["USA↔PRK"]


def test_grayscale_safe_styles(weekly):
    ax = plot_escalation(weekly, dyads=["RUS-UKR", "UKR-RUS"], min_events=1, min_texts=1)
    first, second = (_line(ax, label) for label in ("RUS→UKR", "UKR→RUS"))
    assert first.get_marker() != second.get_marker()
    assert first.get_linestyle() != second.get_linestyle()
    # dyad colours never reuse a QuadClass colour
    assert not {s["color"] for s in DYAD_STYLES} & set(QUAD_COLORS)


def test_bad_y_lists_valid_columns(events):
    with pytest.raises(ValueError, match="valid columns: goldstein_mean, escalation"):
        plot_escalation(events, y="goldstein")
    assert set(Y_LABELS) <= set(SERIES_COLUMNS)


def test_plot_escalation_draws_on_given_axes(events):
    fig, ax = plt.subplots()
    assert plot_escalation(events, ax=ax, counts=False) is ax
    assert len(fig.axes) == 1


def test_no_date_locator_warnings_for_daily_series(events):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for dyad in ("RUS-UKR", "USA-PRK"):
            ax = plot_escalation(events, dyads=dyad, freq="D", directed=False)
            ax.figure.canvas.draw()


def test_plot_counts_integer_ticks(weekly):
    ax = plot_counts(weekly, dyads=["RUS-UKR"])
    assert [p.get_height() for p in ax.patches] == [4, 0, 1, 0, 3]
    assert all(float(t).is_integer() for t in ax.get_yticks())


@pytest.mark.parametrize("kind", ["area", "bar"])
def test_plot_quad_composition(events, kind):
    ax = plot_quad_composition(events, kind=kind, freq="W")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Verbal cooperation", "Material cooperation", "Verbal conflict",
                      "Material conflict"]
    if kind == "bar":
        heights = [p.get_height() for p in ax.patches]
        assert np.nansum(heights) == 6  # asserted events
        assert len(ax.patches) == 4 * 4  # four weeks x four classes
        assert [p.get_hatch() for p in ax.patches[8:9]] == ["////"]  # conflict hatched
        assert to_rgba(ax.patches[12].get_facecolor()) == to_rgba(QUAD_COLORS[3])
    else:
        assert len(ax.collections) == 4


def test_plot_quad_composition_normalized_has_no_bar_without_events(events):
    ax = plot_quad_composition(events, dyad="RUS-UKR", kind="bar", normalize=True, freq="D")
    tops = {}
    for patch in ax.patches:
        if np.isfinite(patch.get_height()):
            x = round(patch.get_x(), 3)
            tops[x] = max(tops.get(x, 0), patch.get_y() + patch.get_height())
    assert set(np.round(list(tops.values()), 6)) == {1.0}
    assert ax.get_ylabel() == "Share of events"
    with pytest.raises(ValueError):
        plot_quad_composition(events, kind="pie")


def test_heatmap_masks_diagonal_drops_unknown_names_and_n(events):
    more = pd.concat([events, events_to_frame([ev("2024-01-05", "UKRGOV", "UKRMIL", "042")])])
    ax = plot_dyad_heatmap(more, value="n_events", countries=["USA", "PRK", "RUS", "UKR"])
    image = ax.get_images()[0].get_array()
    assert image.shape == (4, 4)
    assert image[0, 1] == 2 and image[1, 0] == 1 and image[2, 3] == 2
    assert np.ma.is_masked(image[3, 3])  # UKR→UKR: the diagonal is masked
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["USA United States",
                                                                 "PRK North Korea"]
    assert "2\nn=2" in {t.get_text() for t in ax.texts}
    assert len([p for p in ax.patches if p.get_gid() == "diagonal"]) == 4
    default = plot_dyad_heatmap(events, value="n_events")
    assert "--- unknown" not in [t.get_text() for t in default.get_yticklabels()]
    labelled = plot_dyad_heatmap(events, value="n_events", unknown="label")
    assert "--- unknown" in [t.get_text() for t in labelled.get_yticklabels()]


def test_heatmap_annotation_colour_follows_luminance(events):
    ax = plot_dyad_heatmap(events, value="conflict_share", countries=["USA", "PRK"],
                           caption=False)
    colours = {t.get_text().split("\n")[0]: t.get_color() for t in ax.texts}
    # cividis: 0 is dark blue (white text), 1 is yellow (black text)
    assert colours["0.50"] in ("white", "black") and colours["1.00"] == "black"


def test_heatmap_one_corpus_per_figure(events):
    both = pd.concat([events.assign(dataset="a"), events.assign(dataset="b")])
    with pytest.raises(ValueError, match="one corpus per figure"):
        plot_dyad_heatmap(both)


def test_heatmap_from_matrix_diverging(events):
    matrix = dyad_matrix(events, value="goldstein_mean")
    ax = plot_dyad_heatmap(matrix, value="goldstein_mean", annotate=False)
    assert ax.get_images()[0].get_clim() == (-10.0, 10.0)
    assert not [t for t in ax.texts if t.get_gid() != "eventcoder-caption"]


def test_key_events_asserted_numbered_and_listed():
    frame = events_to_frame([
        ev("2024-01-02", "RUS", "UKR", "190", doc="a"), ev("2024-01-02", "RUS", "UKR", "190", doc="b"),
        ev("2024-01-03", "RUS", "UKR", "190", "negated", doc="c"),
        ev("2024-01-04", "UKR", "RUS", "018", doc="d"), ev("2024-01-05", "UKR", "RUS", "112", doc="d")])
    ax = plot_dyad_events(frame, "RUS-UKR", key=2, annotations=[("2024-01-03", "talks")])
    numbers = [t.get_text() for t in ax.texts if t.get_gid() == "key-event"]
    assert numbers == ["1"]  # a comment (3.4) or an accusation (-2) is no key event by default
    table = [t for t in ax.texts if t.get_gid() == "eventcoder-caption"][0].get_text()
    assert "RUS→UKR     190  Fight" in table and "(2 texts)" in table
    assert " A  2024-01-03  talks" in table
    assert "negated" not in table
    anything = plot_dyad_events(frame, "RUS-UKR", key=2, key_min_goldstein=0)
    table = [t for t in anything.texts if t.get_gid() == "eventcoder-caption"][0].get_text()
    assert "Make empathetic comment" in table  # |3.4| beats |-2.0|, after the two-text event
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == ["Verbal cooperation", "Material cooperation", "Verbal conflict",
                          "Material conflict"] and "not asserted (hollow)" in legend
    assert ax.get_title() == "RUS↔UKR"


def test_year_precision_events_are_bars_not_january_points():
    frame = events_to_frame([
        ev("2024-05-02", "RUS", "UKR", "190", event_date="2014-01-01", precision="year"),
        ev("2024-05-02", "RUS", "UKR", "112", event_date="2024-05-02", precision="day")])
    ax = plot_dyad_events(frame, "RUS-UKR", date="event_date", key=0)
    points = np.concatenate([c.get_offsets() for c in ax.collections
                             if hasattr(c, "get_offsets") and len(c.get_offsets())
                             and c.__class__.__name__ == "PathCollection"])
    assert len(points) == 1  # the 2014 event is not a point
    bars = [c for c in ax.collections if c.__class__.__name__ == "LineCollection"]
    (segment,) = bars[0].get_segments()
    assert segment[1][0] - segment[0][0] > 364  # spans the year
    assert "date known to the month/year" in [t.get_text() for t in ax.get_legend().get_texts()]
    # numbered as a key event, it is numbered in the middle of its year, not on 1 January
    keyed = plot_dyad_events(frame, "RUS-UKR", date="event_date", key=1, key_min_goldstein=0)
    number = [t for t in keyed.texts if t.get_gid() == "key-event"][0]
    assert pd.Timestamp(number.xy[0]).strftime("%Y-%m") == "2014-07"
    assert "2014 " in [t for t in keyed.texts if t.get_gid() == "eventcoder-caption"][0].get_text()


def test_comparison_only_over_overlap_with_shares(events):
    reference = events_to_frame([ev("2024-01-03", "USA", "PRK", "190"),
                                 ev("2024-01-30", "USA", "PRK", "190"),
                                 ev("2024-02-20", "CHN", "USA", "042")]).assign(dataset="ICEWS")
    data = pd.concat([events.assign(dataset="ours"), reference])
    ax = plot_comparison(data, dyads="USA-PRK", freq="W")
    ours, ref = ax.get_lines()
    # overlap: weeks Jan 1 - Jan 22 (ours ends Jan 26): ICEWS's Jan 30 event is left out
    assert ours.get_label() == "ours (n = 3)" and ref.get_label() == "ICEWS (n = 1)"
    assert len(ours.get_xdata()) == 4
    # ICEWS has no event at all in Jan 8-22: no share (not 0)
    assert ref.get_ydata()[0] == 1.0 and np.isnan(ref.get_ydata()[1:]).all()
    assert list(ours.get_ydata()) == pytest.approx([2 / 2, 1 / 1, np.nan, 0.0], nan_ok=True)
    assert ax.get_ylabel() == "Share of the dataset's events"
    with pytest.raises(ValueError, match="y must be one of"):
        plot_comparison(data, dyads="USA-PRK", y="n")


def test_comparison_without_overlap_says_so(events):
    old = events_to_frame([ev("2018-09-03", "USA", "PRK", "190")]).assign(dataset="ICEWS 2018")
    data = pd.concat([events.assign(dataset="ours"), old])
    with pytest.raises(ValueError, match="share no period .*ICEWS 2018: 2018-09 to 2018-09"):
        plot_comparison(data, dyads="USA-PRK", freq="M")


def test_quad_shares_with_intervals(events):
    old = events_to_frame([ev("2018-09-03", "USA", "PRK", "190")] * 3).assign(dataset="ICEWS")
    ax = plot_quad_shares(pd.concat([events.assign(dataset="ours"), old]),
                          countries=["USA", "PRK"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["ours (n = 3)", "ICEWS (n = 3)"]
    assert len(ax.patches) == 8 and ax.get_ylim() == (0, 1)


def test_names():
    assert country_name("RUS") == "Russia" and country_name("---") == "unknown"


def test_package_level_exports():
    assert eventcoder.plot_escalation is plot_escalation
    assert "plot_dyad_heatmap" in eventcoder.__all__


def test_publication_style_is_scoped():
    before = mpl.rcParams["font.size"]
    with publication_style(**{"font.size": 13}):
        assert mpl.rcParams["font.size"] == 13
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == DYAD_STYLES[0]["color"]
    assert mpl.rcParams["font.size"] == before


def test_save_figure(tmp_path, events):
    ax = plot_escalation(events)
    paths = save_figure(ax.figure, "escalation", directory=tmp_path / "figs")
    assert [p.name for p in paths] == ["escalation.png", "escalation.pdf"]
    assert all(p.stat().st_size > 1000 for p in paths)
    assert paths[0].read_bytes()[:4] == b"\x89PNG"
    assert paths[1].read_bytes()[:4] == b"%PDF"


def test_whole_grid_shown_and_a_note_when_every_period_is_thin(weekly):
    ax = plot_escalation(weekly, dyads="UKR-RUS", counts=False)  # 2 events in 5 weeks
    low, high = (pd.Timestamp(matplotlib.dates.num2date(v)).round("h").strftime("%Y-%m-%d")
                 for v in ax.get_xlim())
    assert (low, high) == ("2024-01-01", "2024-02-05")  # five whole weeks
    note = [t for t in ax.texts if t.get_gid() == "nothing-drawn"]
    assert note and "no week has enough events" in note[0].get_text()
