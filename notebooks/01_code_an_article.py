# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Code an article
#
# This notebook turns one German news article into CAMEO event records and shows
# *why* each record exists. The article is the one eventcoder was started from: a
# report of 30 August 2023 on North Korea, Russia and the United States
# (`eventcoder/examples/seed_article_de.jsonl`).
#
# Everything runs offline: the text is parsed by stanza with the compact German
# model shipped with eventcoder (or stanza's official model, if you installed it
# with `eventcoder models download de`), and parses are cached, so a second run is
# fast.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import eventcoder
from eventcoder.cameo import actor_country
from eventcoder.datasets import example_path, load_example, project_root
from eventcoder.display import show_events
from eventcoder.parsing import resolve_models
from eventcoder.plotting import plot_dyad_events, publication_style, save_figure

pd.set_option("display.max_colwidth", 80)


ROOT = project_root() or Path.cwd()
FIGURES = Path(os.environ.get("EVENTCODER_FIGURES", ROOT / "figures"))
FIGURES.mkdir(parents=True, exist_ok=True)
ARTICLE = example_path("seed_article_de")

article = load_example("seed_article_de").iloc[0]
print(article["id"], "|", article["source"], "|", len(article["text"]), "characters")
print(article["text"][:600], "...")

# %% [markdown]
# ## Which parser?
#
# eventcoder looks for models in this order: a folder you name (`model_dir=`),
# stanza's official models if they are installed, then its own compact models.

# %%
choice = resolve_models("de")
print(choice.source, "models from", choice.directory)

# %% [markdown]
# ## Code it
#
# `code_articles` reads the file (one JSON object per line, with `id`, `date`,
# `language` and `text`), parses it, and codes every sentence. Nothing is dropped
# silently: `events.attrs["summary"]` counts the articles that gave events, gave
# none, or could not be read.

# %%
events = eventcoder.code_articles(ARTICLE, progress=False)
print(events.attrs["summary"])
events[["source", "target", "event_code", "event_name", "quad_class", "goldstein", "mode"]]

# %% [markdown]
# ## Check each record by eye
#
# Every record carries its evidence: the sentence, the words coded as the source
# (blue, underlined), the trigger (orange, bold) and the target (pink, dashed
# underline). In JupyterLab the table below highlights them.

# %%
show_events(events)

# %% [markdown]
# ## What the columns mean
#
# | column | meaning |
# |---|---|
# | `doc_id`, `sentence_id` | article and sentence the record comes from |
# | `date` | the article's date |
# | `source`, `target` | CAMEO actor codes: country + role (`USAGOV`, `PRKMIL`); `target` is empty for one-sided events such as a missile test |
# | `source_text`, `target_text` | the words the actors were coded from |
# | `event_code`, `event_name`, `root_code` | CAMEO event code (`130` threaten, `112` accuse, `042` visit ...), its name and two-digit root |
# | `quad_class` | 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict |
# | `goldstein` | Goldstein weight of the code, from -10 (most conflictual) to +10 |
# | `trigger`, `trigger_span` | the verb (with particle or noun) that coded the event, and its word ids |
# | `mode` | asserted, negated, hypothetical, future, belief or question |
# | `event_date`, `date_precision`, `date_phrase` | when it happened according to the text ("im Juli" → month), else the article date |
# | `plover_event` | the PLOVER event type of the CAMEO code |
# | `pattern` | the dictionary entry that coded the event: every record can be traced to a line of data |
#
# The full list is in the docstring of `eventcoder.events_to_frame`.

# %% [markdown]
# ## Why does this record exist?
#
# The `pattern` column names the dictionary entry (file and line) that matched, and
# the spans give the word ids in the sentence.

# %%
events[["source_text", "trigger", "target_text", "event_code", "pattern"]]

# %% [markdown]
# ## What was said, and the action it is about
#
# CAMEO codes what an actor *says* about an action as an event of its own. "Im
# vergangenen Jahr beschuldigte die USA Nordkorea, heimlich Artilleriegeschosse nach
# Russland zu verschiffen" is a US accusation against North Korea (112), not a North
# Korean arms delivery: the delivery is kept in the statement's `embedded_code` (072,
# military aid) and `embedded_target` (RUS), so threatened, demanded or intended
# actions can still be studied without being counted as events that happened
# (`docs/conventions.md` lists these conventions with their CAMEO references).

# %%
statements = events[events["embedded_code"] != ""]
statements[["source", "target", "event_code", "event_name", "embedded_code", "embedded_target", "mode"]]

# %% [markdown]
# ## When did it happen?
#
# News reports mix today's events with background. eventcoder resolves dates the
# sentence gives ("im Juli", "im vergangenen Jahr", "2006") relative to the
# article's date, and keeps the article's date where the text says nothing.

# %%
events[["event_code", "event_name", "date", "event_date", "date_precision", "date_phrase"]]

# %% [markdown]
# ## The article's events on a time line
#
# The figure places each event of the article on its *event* date, with the
# Goldstein weight on the y axis (colour and marker: QuadClass; hollow: not
# asserted). An event the text dates only to a month or a year ("im Juli", "2006")
# is a bar over that month or year, not a point on its first day. The numbered key
# events (asserted only; here all from one text, so ranked by |Goldstein|, and
# with `key_min_goldstein=0` even mild ones, since one article has few) are
# listed under the figure instead of labelled in place.

# %%
dyadic = events[events["target"].str.len() > 0]
top_dyad = (dyadic["source"].map(actor_country) + "-" + dyadic["target"].map(actor_country)
            ).value_counts().index[0]
with publication_style():
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    plot_dyad_events(events, top_dyad, date="event_date", key=6, key_min_goldstein=0, ax=ax,
                     note=f"{article['source']}: 1 text, {len(events)} events")
    ax.set_title(f"Events of the seed article, {top_dyad.replace('-', '↔')}, by event date")
    paths = save_figure(fig, "01_seed_article_events", formats=("png", "pdf"), directory=FIGURES)
paths

# %% [markdown]
# ## Keep the results
#
# The frame is ordinary pandas: write it to CSV or Parquet, or use the command line:
#
# ```
# eventcoder code eventcoder/examples/seed_article_de.jsonl --output events.csv
# ```

# %%
events.to_csv(FIGURES / "01_seed_article_events.csv", index=False)
len(events)
