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
# From dated news text to figures of escalation: code two real corpora, aggregate
# the events per week and dyad, and draw
#
# 1. the Russia–Ukraine escalation timeline in 2022 (Goldstein and an escalation index),
# 2. its QuadClass composition,
# 3. a heatmap of the most frequent dyads,
# 4. the key events of the dyad, labelled,
# 5. article date versus the event date resolved from the text,
# 6. our coding of US–North Korea next to ICEWS.
#
# **Data** (read from `../shared/corpora`, or the folder in `$EVENTCODER_SHARED`):
# the English versions of Ukrainian official addresses (22 February – 17 May 2022, 191
# texts) and English Wikinews articles 2019–2021 (295). Without that folder the
# notebook says so and uses the small example corpus shipped with eventcoder (`eventcoder.datasets`).
#
# **Run time**: parsing is the slow step (about 40 sentences per second per core with
# the compact models); parses are cached, so a second run takes seconds. Set
# `EVENTCODER_NOTEBOOK_LIMIT=40` to code only 40 articles per corpus, spread
# evenly over time (the tests do this).

# %%
import logging
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import eventcoder
from eventcoder.aggregate import dyad_summary, escalation_series, quad_shares
from eventcoder.cameo import actor_country
from eventcoder.datasets import load_corpus, load_example, project_root, shared_dir
from eventcoder.loaders import load_icews
from eventcoder.plotting import (
    plot_comparison,
    plot_dyad_events,
    plot_dyad_heatmap,
    plot_escalation,
    plot_quad_composition,
    publication_style,
    save_figure,
)

logging.basicConfig(level=logging.WARNING)
pd.set_option("display.max_colwidth", 100)


ROOT = project_root() or Path.cwd()
SHARED = shared_dir()
CORPORA = SHARED / "corpora" if SHARED else Path("corpora-not-found")
FIGURES = Path(os.environ.get("EVENTCODER_FIGURES", ROOT / "figures"))
FIGURES.mkdir(parents=True, exist_ok=True)
LIMIT = int(os.environ.get("EVENTCODER_NOTEBOOK_LIMIT", "0")) or None


if (CORPORA / "ukraine_official_addresses_en_2022.jsonl").is_file():
    ukraine = load_corpus("ukraine_official_addresses_en_2022.jsonl", limit=LIMIT)
    ukraine = ukraine.assign(speaker="UKRGOV")  # officials' speeches: see "Code the corpora"
    wikinews = load_corpus("wikinews_en_2019_2021.jsonl", limit=LIMIT)
    print(f"corpora from {CORPORA}: {len(ukraine)} Ukrainian addresses, {len(wikinews)} Wikinews articles")
else:
    print(f"{CORPORA} is not available: using the small example corpus shipped with eventcoder.")
    ukraine = load_example("ukraine_2022_example_en").assign(speaker=None)  # news, not speeches
    wikinews = ukraine.iloc[0:0]

ukraine[["id", "date", "text"]].head()

# %% [markdown]
# ## Code the corpora
#
# One call per corpus. `attrs["summary"]` accounts for every article: coded (at
# least one event), no event, or quarantined with a reason.
#
# The addresses are speeches and statements of Ukrainian officials (the president, the
# prime minister, the head of the presidential office: the corpus's `speaker_uk`), so a
# `speaker` column makes their "I" and "we" Ukraine's government (`UKRGOV`).

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
# `dyad_summary` gives one row per directed dyad (countries, i.e. the first three
# letters of the actor codes) with counts per QuadClass and Goldstein measures.
# Only asserted events count by default (not negated, hypothetical or future ones).

# %%
dyad_summary(events_ua).head(10)

# %% [markdown]
# ## 1. Russia–Ukraine, week by week
#
# `escalation_series` fills every week of the period (weeks without events are zeros,
# not gaps). The escalation index is the negative rolling mean of the Goldstein
# weights over `window` weeks, so *up means more conflict* (see the docstring for the
# formula).

# %%
DYADS = ["RUS-UKR", "UKR-RUS"]
series = escalation_series(events_ua, freq="W", dyads=DYADS, window=3,
                           start="2022-02-14", end="2022-05-22")
series[["period", "dyad", "n_events", "verbal_conflict", "material_conflict",
        "goldstein_mean", "escalation_index"]].head(8)

# %%
with publication_style():
    fig, axes = plt.subplots(2, 1, figsize=(7, 5.5), sharex=True)
    plot_escalation(series, dyads=DYADS, y="goldstein_mean", rolling=3, ax=axes[0])
    axes[0].set_title("Russia–Ukraine 2022: mean Goldstein per week (3-week rolling mean)")
    plot_escalation(series, dyads=DYADS, y="escalation_index", rolling=None, ax=axes[1])
    axes[1].set_title("Escalation index (up = more conflict)")
    save_figure(fig, "02_escalation_rus_ukr", directory=FIGURES)

# %% [markdown]
# ## 2. What kind of events?
#
# QuadClass composition of the Russia–Ukraine dyad (both directions), per week.

# %%
with publication_style():
    both_ways = escalation_series(events_ua, freq="W", dyads=["RUS-UKR"], directed=False,
                                  start="2022-02-14", end="2022-05-22")
    ax = plot_quad_composition(both_ways, kind="bar")
    ax.set_title("Russia–Ukraine 2022: events per QuadClass and week")
    save_figure(ax.figure, "02_quadclass_rus_ukr", directory=FIGURES)

# %% [markdown]
# ## 3. Who does what to whom?
#
# Share of conflict events (QuadClass 3 and 4) for the countries in most events.

# %%
with publication_style():
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    plot_dyad_heatmap(pd.concat([events_ua, events_wn]), value="conflict_share", ax=ax)
    ax.set_title("Conflict share by dyad (rows: source)")
    save_figure(fig, "02_dyad_heatmap", directory=FIGURES)

# %% [markdown]
# ## 4. Key events of the dyad
#
# Every Russia–Ukraine event on its date, with the Goldstein weight; the most extreme
# ones are labelled with their CAMEO names. Check a label against its sentence with
# `eventcoder.show_events`.

# %%
with publication_style():
    fig, ax = plt.subplots(figsize=(8, 4.5))
    plot_dyad_events(events_ua, "RUS-UKR", n_labels=6, ax=ax)
    ax.set_title("Russia–Ukraine events, 2022")
    save_figure(fig, "02_key_events_rus_ukr", directory=FIGURES)

key = events_ua[(events_ua["source"].map(actor_country).isin(["RUS", "UKR"]))
                & (events_ua["target"].map(actor_country).isin(["RUS", "UKR"]))]
eventcoder.show_events(key.sort_values("goldstein").head(8))

# %% [markdown]
# ## 5. Article date or event date?
#
# Addresses often look back ("on 24 February", "last week"). With `date="event_date"`
# every aggregation uses the date resolved from the sentence instead of the day the
# text was published. Here: all events per week, both ways.

# %%
by_article = escalation_series(events_ua, freq="W", by_dyad=False, start="2022-02-14",
                               end="2022-05-22")
by_event = escalation_series(events_ua, freq="W", by_dyad=False, date="event_date",
                             start="2022-02-14", end="2022-05-22")
moved = (events_ua["event_date"] != events_ua["date"]).mean()
print(f"{moved:.0%} of the events are dated from the text, not the article")
with publication_style():
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(pd.to_datetime(by_article["period"]), by_article["n_events"], label="article date")
    ax.plot(pd.to_datetime(by_event["period"]), by_event["n_events"], label="event date",
            linestyle="--")
    ax.set_ylabel("events per week")
    ax.legend(frameon=False)
    ax.set_title("Ukrainian addresses 2022: events by article date and by event date")
    save_figure(fig, "02_article_vs_event_date", directory=FIGURES)

# %% [markdown]
# ## 6. Our coding next to ICEWS: the United States and North Korea
#
# The ICEWS subset in `../shared/corpora/events` covers 2018, our Wikinews corpus
# 2019–2021, so the two do not overlap in time; the figure puts both on one monthly
# axis, and the table compares the kind of events each records for the dyad.

# %%
icews_path = CORPORA / "events" / "icews18_renet_valid_test.tsv"
if icews_path.is_file() and len(events_wn):
    icews = load_icews(icews_path)
    with publication_style():
        fig, ax = plt.subplots(figsize=(8, 3.5))
        plot_comparison(events_wn, icews, dyads=["USA-PRK"], freq="M", y="n_events",
                        labels=("eventcoder (Wikinews 2019–21)", "ICEWS (2018)"), ax=ax)
        ax.set_title("United States – North Korea: events per month")
        save_figure(fig, "02_usa_prk_vs_icews", directory=FIGURES)

    comparison = pd.DataFrame({"eventcoder": quad_shares(events_wn, countries=["USA", "PRK"]),
                               "ICEWS 2018": quad_shares(icews, countries=["USA", "PRK"])}).round(2)
else:
    comparison = "ICEWS subset or Wikinews corpus not available: comparison skipped"
comparison

# %% [markdown]
# ## Keep the events
#
# Save the coded events next to the figures, so a paper's figures can be redrawn
# without parsing again.

# %%
pd.concat([events_ua, events_wn]).to_parquet(FIGURES / "02_events.parquet", index=False)
sorted(p.name for p in FIGURES.glob("02_*"))
