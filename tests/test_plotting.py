"""Plot functions: assertions on the returned Axes (Agg backend)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from eventcoder.aggregate import dyad_matrix, escalation_series  # noqa: E402
from eventcoder.events import Event, events_to_frame  # noqa: E402
from eventcoder.plotting import (  # noqa: E402
    OKABE_ITO,
    plot_comparison,
    plot_dyad_events,
    plot_dyad_heatmap,
    plot_escalation,
    plot_quad_composition,
    publication_style,
    save_figure,
)

_CODES = {"042": ("Make a visit", "04", 1, 1.9), "070": ("Provide aid", "07", 2, 7.0),
          "112": ("Accuse", "11", 3, -2.0), "190": ("Fight", "19", 4, -10.0)}


def ev(date, source, target, code, mode="asserted"):
    name, root, quad, gold = _CODES[code]
    return Event("doc", "1", date, source, source, target, target, code, name, root, quad,
                 gold, "verb", "sentence", "en", mode=mode)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def events():
    return events_to_frame([
        ev("2024-01-01", "USAGOV", "PRK", "112"), ev("2024-01-02", "PRK", "USA", "190"),
        ev("2024-01-10", "USA", "PRK", "042"), ev("2024-01-24", "RUS", "UKR", "190"),
        ev("2024-01-25", "RUS", "UKR", "070"), ev("2024-01-25", "UKR", "RUS", "112", "negated"),
        ev("2024-01-26", "---GOV", "UKR", "112"),
    ])


def test_plot_escalation_from_events(events):
    ax = plot_escalation(events, dyads=["USA-PRK", "RUS-UKR"], rolling=2)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["USA-PRK", "RUS-UKR"]
    # raw + rolling line per dyad, plus the zero line
    assert len(ax.get_lines()) == 5
    assert ax.get_ylabel() == "Goldstein (mean)"
    usa = [line for line in ax.get_lines() if line.get_label() == "USA-PRK"][0]
    # weekly means -2.0, 1.9, 0, 0 (weeks of Jan 1, 8, 15, 22); rolling mean over 2 weeks
    assert list(usa.get_ydata()) == pytest.approx([-2.0, -0.05, 0.95, 0.0])


def test_plot_escalation_from_series_index_no_rolling(events):
    series = escalation_series(events, freq="D", dyads=["RUS-UKR"], window=1)
    ax = plot_escalation(series, y="escalation_index", rolling=None)
    line = [x for x in ax.get_lines() if x.get_label() == "RUS-UKR"][0]
    assert list(line.get_ydata()) == pytest.approx([10.0, -7.0])
    assert ax.get_ylabel() == "Escalation index"


def test_plot_escalation_draws_on_given_axes(events):
    fig, ax = plt.subplots()
    assert plot_escalation(events, ax=ax) is ax
    assert len(fig.axes) == 1


@pytest.mark.parametrize("kind", ["area", "bar"])
def test_plot_quad_composition(events, kind):
    ax = plot_quad_composition(events, kind=kind, freq="W")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Verbal cooperation", "Material cooperation", "Verbal conflict",
                      "Material conflict"]
    if kind == "bar":
        heights = [p.get_height() for p in ax.patches]
        assert sum(heights) == 6  # asserted events, one-sided none here
        assert len(ax.patches) == 4 * 4  # four weeks x four classes
    else:
        assert len(ax.collections) == 4


def test_plot_quad_composition_normalized_dyad(events):
    ax = plot_quad_composition(events, dyad="RUS-UKR", kind="bar", normalize=True, freq="D")
    tops = {}
    for patch in ax.patches:
        x = round(patch.get_x(), 3)
        tops[x] = max(tops.get(x, 0), patch.get_y() + patch.get_height())
    assert set(np.round(list(tops.values()), 6)) == {1.0}
    assert ax.get_ylabel() == "Share of events"
    with pytest.raises(ValueError):
        plot_quad_composition(events, kind="pie")


def test_plot_dyad_heatmap_from_events(events):
    ax = plot_dyad_heatmap(events, value="n_events", countries=["USA", "PRK", "RUS", "UKR"])
    image = ax.get_images()[0].get_array()
    assert image.shape == (4, 4)
    assert image[0, 1] == 2 and image[1, 0] == 1 and image[2, 3] == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["USA", "PRK", "RUS", "UKR"]
    assert {t.get_text() for t in ax.texts} == {"1", "2"}


def test_plot_dyad_heatmap_from_matrix_diverging(events):
    matrix = dyad_matrix(events, value="goldstein_mean")
    ax = plot_dyad_heatmap(matrix, value="goldstein_mean", annotate=False)
    image = ax.get_images()[0]
    assert image.get_clim() == (-10.0, 10.0)
    assert len(ax.texts) == 0


def test_plot_dyad_events_labels_key_events(events):
    ax = plot_dyad_events(events, ("USA", "PRK"), n_labels=2)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["USAGOV→PRK: Accuse", "PRK→USA: Fight"]  # two largest |Goldstein|, by date
    assert ax.collections[0].get_offsets().shape == (3, 2)
    assert ax.get_title() == "PRK-USA"


def test_plot_dyad_events_one_label_per_code():
    frame = events_to_frame([ev(f"2024-01-0{d}", "RUS", "UKR", "190") for d in (1, 2, 3)]
                            + [ev("2024-01-04", "RUS", "UKR", "112")])
    ax = plot_dyad_events(frame, "RUS-UKR", n_labels=3)
    assert [t.get_text() for t in ax.texts] == ["RUS→UKR: Fight", "RUS→UKR: Accuse"]


def test_plot_dyad_events_marks_not_asserted(events):
    ax = plot_dyad_events(events, "RUS-UKR", directed=False, n_labels=0)
    assert len(ax.collections) == 2  # asserted, and the negated one hollow
    assert ax.collections[1].get_offsets().shape == (1, 2)


def test_plot_comparison_same_axes(events):
    reference = events_to_frame([ev("2024-01-03", "USA", "PRK", "190"),
                                 ev("2024-01-30", "USA", "PRK", "190")])
    ax = plot_comparison(events, reference, dyads=["USA-PRK"], y="n_events",
                         labels=("ours", "ICEWS"))
    ours, ref = ax.get_lines()
    assert ours.get_label() == "ours" and ref.get_label() == "ICEWS"
    # both on the same weekly grid Jan 1 - Jan 29: 5 weeks
    assert list(ours.get_ydata()) == [2, 1, 0, 0, 0]
    assert list(ref.get_ydata()) == [1, 0, 0, 0, 1]
    with pytest.raises(ValueError):
        plot_comparison(events, reference, y="escalation_index")


def test_publication_style_is_scoped():
    before = mpl.rcParams["font.size"]
    with publication_style(**{"font.size": 13}):
        assert mpl.rcParams["font.size"] == 13
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == OKABE_ITO[0]
    assert mpl.rcParams["font.size"] == before


def test_save_figure(tmp_path, events):
    ax = plot_escalation(events)
    paths = save_figure(ax.figure, "escalation", directory=tmp_path / "figs")
    assert [p.name for p in paths] == ["escalation.png", "escalation.pdf"]
    assert all(p.stat().st_size > 1000 for p in paths)
    assert paths[0].read_bytes()[:4] == b"\x89PNG"
    assert paths[1].read_bytes()[:4] == b"%PDF"
