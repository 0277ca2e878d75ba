# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Escalation over time
#
# From dated texts to figures a reviewer can check: code two real corpora, aggregate
# the events per week and dyad, and draw
#
# 1. Russia → Ukraine and Ukraine → Russia in 2022, week by week: the mean Goldstein
#    score and a volume-aware escalation measure, with intervals and the number of events,
# 2. the QuadClass composition of the dyad,
# 3. who does what to whom (a dyad heatmap of one corpus),
# 4. the dyad's events on a time line, with the key events numbered and your own time line,
# 5. article date versus the event date resolved from the text,
# 6. our coding of the United States and North Korea next to ICEWS.
#
# **Data** (read from `../shared/corpora`, or the folder in `$EVENTCODER_SHARED`):
# the English versions of Ukrainian official addresses (22 February – 17 May 2022, 191
# texts: speeches and statements of one party to the war, not news) and English Wikinews
# articles 2019–2021 (295). Without that folder the notebook says so and uses the small
# example corpus shipped with eventcoder (`eventcoder.datasets`).
#
# **Sample runs.** `EVENTCODER_NOTEBOOK_LIMIT=40` codes only 40 texts per corpus, spread
# evenly over time (the tests use 6). Such a run, and a run on the example corpus, writes
# its figures to `figures/sample/` and says "sample, N = …" in every title: only a full
# run writes `figures/`, where the README's figure lives.
#
# **Run time**: parsing is the slow step (about 40 sentences per second per core with
# the compact models); parses are cached, so a second run takes seconds.

# %%
import logging
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import eventcoder
from eventcoder.aggregate import (
    compare_series,
    dyad_summary,
    escalation_series,
    key_events,
)
from eventcoder.datasets import load_corpus, load_example, project_root, shared_dir, spread
from eventcoder.loaders import load_icews
from eventcoder.plotting import (
    add_caption,
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
    series_caption,
)

logging.basicConfig(level=logging.WARNING)
pd.set_option("display.max_colwidth", 100)

ROOT = project_root() or Path.cwd()
SHARED = shared_dir()
CORPORA = SHARED / "corpora" if SHARED else Path("corpora-not-found")
LIMIT = int(os.environ.get("EVENTCODER_NOTEBOOK_LIMIT", "0")) or None
ADDRESSES = "ukraine_official_addresses_en_2022.jsonl"

if (CORPORA / ADDRESSES).is_file():
    all_ua = load_corpus(ADDRESSES)
    all_wn = load_corpus("wikinews_en_2019_2021.jsonl")
    ukraine, wikinews = spread(all_ua, LIMIT), spread(all_wn, LIMIT)
    ukraine = ukraine.assign(speaker="UKRGOV")  # officials' speeches: see "Code the corpora"
    FULL = LIMIT is None or (len(ukraine) == len(all_ua) and len(wikinews) == len(all_wn))
    SOURCE_UA = "Ukrainian official addresses (English translations)"
    SOURCE_WN = "English Wikinews"
else:
    print(f"{CORPORA} is not available: using the small example corpus shipped with eventcoder.")
    all_ua = ukraine = load_example("ukraine_2022_example_en").assign(speaker=None)
    all_wn = wikinews = ukraine.iloc[0:0]
    FULL = False
    SOURCE_UA, SOURCE_WN = "eventcoder's example news texts (fallback)", "no Wikinews"

# a sample (or fallback) run never writes where the README's figure lives
FIGURES = Path(os.environ.get("EVENTCODER_FIGURES", ROOT / "figures"))
FIGURES = FIGURES if FULL else FIGURES / "sample"
FIGURES.mkdir(parents=True, exist_ok=True)


def tag(n: int, of: int) -> str:
    """' (sample, N = 40 of 191 texts)' for a sample run, '' for a full run."""
    if FULL:
        return ""
    if SHARED is None or not (CORPORA / ADDRESSES).is_file():
        return f" (sample, N = {n} example texts, not the corpus)"
    return f" (sample, N = {n} of {of} texts)"


TAG_UA = tag(len(ukraine), len(all_ua))
TAG_WN = tag(len(wikinews), len(all_wn))
span = f"{ukraine['date'].min()} to {ukraine['date'].max()}" if len(ukraine) else ""
NOTE_UA = f"{SOURCE_UA}, {len(ukraine)} of {len(all_ua)} texts, {span}"
print(f"{len(ukraine)} of {len(all_ua)} addresses, {len(wikinews)} of {len(all_wn)} Wikinews "
      f"articles; figures go to {FIGURES.name}/")
ukraine[["id", "date", "text"]].head()

# %% [markdown]
# ## Code the corpora
#
# One call per corpus. `attrs["summary"]` accounts for every text: coded (at least one
# event), no event, or quarantined with a reason.
#
# The addresses are speeches and statements of Ukrainian officials (the president, the
# prime minister, the head of the presidential office), so a `speaker` column makes their
# "I" and "we" Ukraine's government (`UKRGOV`).

# %%
events_ua = eventcoder.code_articles(ukraine[["id", "date", "text", "speaker"]], language="en")
events_wn = (eventcoder.code_articles(wikinews[["id", "date", "text"]], language="en")
             if len(wikinews) else events_ua.iloc[0:0])
print("Ukrainian addresses:", events_ua.attrs["summary"])
if len(wikinews):
    print("Wikinews:           ", events_wn.attrs["summary"])
print(len(events_ua), "and", len(events_wn), "events")

# %% [markdown]
# ## Which dyads?
#
# `dyad_summary` gives one row per directed dyad of *countries* (the country part of the
# actor codes, `eventcoder.cameo.actor_country`), with the events, the distinct texts they
# come from, counts per QuadClass and Goldstein measures. Only asserted events count
# (not negated, hypothetical or future ones), and events within one country (a
# government and its army, `UKR-UKR`) are left out: they are not relations between
# countries (`self_dyads=True` keeps them).

# %%
top = dyad_summary(events_ua).head(10)
top.insert(1, "names", [f"{country_name(s)} → {country_name(t)}"
                        for s, t in zip(top["source_country"], top["target_country"])])
top

# %% [markdown]
# ## 1. Russia–Ukraine, week by week
#
# `escalation_series` gives per week and dyad the events (`n_events`), the texts they
# come from (`n_texts`) and, where there is enough to say something, the measures:
#
# - a week **without events has no mean**: its measures are NaN (drawn as a gap), not
#   0 ("neutral relations");
# - a **thin** week, with fewer than 3 events or events from a single text, is a gap
#   too (`min_events`, `min_texts`);
# - with `corpus=` (the texts that were coded) a week in which the corpus has **no
#   text** is not covered: no counts, shaded grey in the figures;
# - `goldstein_mean` is the mean Goldstein weight (−10 conflict … +10 cooperation);
#   `escalation = −ΣGoldstein / (n + 5)` weighs it by volume (one −10 event gives 1.7,
#   ten give 6.7; up = more conflict);
# - `*_low`, `*_high`: 95 % bootstrap intervals that resample the week's *texts*
#   (events of one speech are not independent).

# %%
DYADS = ["RUS-UKR", "UKR-RUS"]
series = escalation_series(events_ua, freq="W", dyads=DYADS, corpus=ukraine)
series[["period", "dyad", "n_events", "n_texts", "covered", "thin", "goldstein_mean",
        "goldstein_mean_low", "goldstein_mean_high", "escalation"]].head(8)

# %%
with publication_style():
    fig, axes = plt.subplots(3, 1, figsize=(7.2, 7.2), sharex=True,
                             gridspec_kw={"height_ratios": [3, 3, 1.3]})
    plot_escalation(series, y="goldstein_mean", dyads=DYADS, counts=False, caption=False,
                    ax=axes[0])
    axes[0].set_title(f"Russia–Ukraine 2022, from Ukrainian official addresses{TAG_UA}")
    plot_escalation(series, y="escalation", dyads=DYADS, counts=False, caption=False, ax=axes[1])
    axes[1].get_legend().remove()
    plot_counts(series, dyads=DYADS, legend=False, ax=axes[2])
    for ax in axes[:2]:
        ax.tick_params(labelbottom=False)
    add_caption(axes[2], series_caption(series, y="escalation", note=NOTE_UA))
    save_figure(fig, "02_escalation_rus_ukr", directory=FIGURES)

# %% [markdown]
# ## 2. What kind of events?
#
# QuadClass composition of the Russia–Ukraine dyad (both directions), per week. The
# QuadClass colours are the same in every figure (blue: cooperation, orange: conflict,
# hatched).

# %%
both_ways = escalation_series(events_ua, freq="W", dyads="RUS-UKR", directed=False,
                              corpus=ukraine, ci=None)
with publication_style():
    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    plot_quad_composition(both_ways, kind="bar", ax=ax)
    ax.set_title(f"Russia↔Ukraine 2022: events per QuadClass and week{TAG_UA}")
    add_caption(ax, series_caption(both_ways, y="n_events", note=NOTE_UA))
    save_figure(fig, "02_quadclass_rus_ukr", directory=FIGURES)

# %% [markdown]
# ## 3. Who does what to whom?
#
# Share of conflict events (QuadClass 3 and 4) per directed dyad of the countries in most
# events, **one corpus per figure** (the addresses; Wikinews covers other years and
# another genre). The diagonal (events within one country) is hatched, the unknown
# country `---` left out, and each cell says on how many events it rests; cells with
# fewer than 3 events stay blank.

# %%
with publication_style():
    fig, ax = plt.subplots(figsize=(7.2, 6.2))
    plot_dyad_heatmap(events_ua, value="conflict_share", min_n=3, note=NOTE_UA, ax=ax)
    ax.set_title(f"Conflict share by dyad, Ukrainian official addresses 2022{TAG_UA}")
    save_figure(fig, "02_dyad_heatmap", directory=FIGURES)

# %% [markdown]
# ## 4. Key events of the dyad
#
# Every Russia–Ukraine event on its date, with its Goldstein weight. Hollow markers are
# events the coder flags as not asserted; the numbered ones are the **key events**
# (`key_events`: asserted only, the events most texts report first, then the most
# intense), listed under the figure. The dashed lines are *your* time line: dates you
# know from elsewhere, passed as `annotations=[(date, label), ...]`.

# %%
TIMELINE = [("2022-02-24", "Russia's full-scale invasion begins"),
            ("2022-03-29", "Russian-Ukrainian talks in Istanbul"),
            ("2022-04-03", "killings in Bucha reported"),
            ("2022-05-16", "evacuation of the Azovstal defenders begins")]
with publication_style():
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    plot_dyad_events(events_ua, "RUS-UKR", key=8, annotations=TIMELINE, note=NOTE_UA, ax=ax)
    ax.set_title(f"Russia↔Ukraine events, 2022{TAG_UA}")
    save_figure(fig, "02_key_events_rus_ukr", directory=FIGURES)

keys = key_events(events_ua, "RUS-UKR", n=8)
keys[["number", "when", "direction", "event_code", "event_name", "n_texts", "sentence"]]

# %% [markdown]
# Check each key event against its sentence:

# %%
chosen = events_ua.merge(keys[["doc_id", "event_code", "sentence"]],
                         on=["doc_id", "event_code", "sentence"])
eventcoder.show_events(chosen)

# %% [markdown]
# ## 5. Article date or event date?
#
# Addresses often look back ("on 24 February", "last week"). With `date="event_date"`
# every aggregation uses the date resolved from the sentence instead of the day the text
# was published. Events the text dates only to the month or year cannot be placed in a
# week and are left out of the weekly series (`attrs["imprecise"]` counts them). Here:
# all asserted events per week.

# %%
start, end = ukraine["date"].min(), ukraine["date"].max()
by_article = escalation_series(events_ua, freq="W", by_dyad=False, corpus=ukraine, ci=None)
by_event = escalation_series(events_ua, freq="W", by_dyad=False, corpus=ukraine, ci=None,
                             date="event_date", start=start, end=end)
moved = (events_ua["event_date"].fillna("") != events_ua["date"]).mean()
print(f"{moved:.0%} of the events are dated from the text; {by_event.attrs['imprecise']} are "
      f"dated only to a month or year and left out of the event-date series")
both = pd.concat([by_article.assign(dating="article date"),
                  by_event.assign(dating="event date")], ignore_index=True)
both.attrs = {**by_article.attrs}
with publication_style():
    fig, ax = plt.subplots(figsize=(7.2, 3.2))
    plot_counts(both, hue="dating", ax=ax)
    ax.set_ylabel("events per week")
    ax.set_title(f"Ukrainian addresses 2022: events by article date and by event date{TAG_UA}")
    add_caption(ax, series_caption(by_article, y="n_events", note=NOTE_UA)
                + f" Event date: {int(by_event['n_events'].sum())} events inside the corpus "
                  f"period; {by_event.attrs['imprecise']} dated only to a month or year left out.")
    save_figure(fig, "02_article_vs_event_date", directory=FIGURES)

# %% [markdown]
# ## 6. Our coding next to ICEWS: the United States and North Korea
#
# The ICEWS subset in `../shared/corpora/events` (the ICEWS18 TKG valid/test split, actor
# names mapped to CAMEO codes by `load_icews`: "North Korea" → `PRK`) covers 29 August –
# 31 October 2018; our Wikinews corpus 2019–2021. A comparison *over time* needs the same
# time: `plot_comparison` draws only the periods both cover, as shares of each dataset's
# events (or z-scores), and here it finds none. What can be compared is the *kind* of
# events each source records for the dyad, with the number of events behind each share.

# %%
icews_path = CORPORA / "events" / "icews18_renet_valid_test.tsv"
if icews_path.is_file() and len(events_wn):
    icews = load_icews(icews_path).assign(dataset="ICEWS18 subset (2018)")
    ours = events_wn.assign(dataset="eventcoder, Wikinews 2019–21")
    both_sources = pd.concat([ours, icews], ignore_index=True)
    coverage = {"eventcoder, Wikinews 2019–21": wikinews}
    try:
        with publication_style():
            plot_comparison(both_sources, dyads="USA-PRK", freq="M", coverage=coverage)
    except ValueError as error:
        plt.close("all")
        print("Over time:", error)
    monthly = compare_series(both_sources, dyads="USA-PRK", freq="M", coverage=coverage)
    print("coverage:", monthly.attrs["coverage"])
    with publication_style():
        fig, ax = plt.subplots(figsize=(6.4, 3.4))
        plot_quad_shares(both_sources, countries=["USA", "PRK"], ax=ax,
                         order=["eventcoder, Wikinews 2019–21", "ICEWS18 subset (2018)"],
                         note=f"Different periods: {SOURCE_WN} {all_wn['date'].min()} to "
                              f"{all_wn['date'].max()} ({len(wikinews)} texts coded); ICEWS18 "
                              "TKG subset, 2018-08-29 to 2018-10-31")
        ax.set_title(f"United States↔North Korea: what kind of events?{TAG_WN}")
        save_figure(fig, "02_usa_prk_vs_icews", directory=FIGURES)
    comparison = monthly[monthly["covered"]].groupby("dataset")[["n_events", "total_events"]].sum()
else:
    comparison = "ICEWS subset or Wikinews corpus not available: comparison skipped"
comparison

# %% [markdown]
# ## Keep the events
#
# Save the coded events next to the figures, so a paper's figures can be redrawn without
# parsing again.

# %%
pd.concat([events_ua, events_wn]).to_parquet(FIGURES / "02_events.parquet", index=False)
sorted(p.name for p in FIGURES.glob("02_*"))
