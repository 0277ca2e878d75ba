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
# # Validate your coding
#
# How good is automatic event coding on *your* kind of text? Two honest answers:
#
# 1. **Held-out gold standard, raw text.** Score the coder on sentences coded by hand
#    that nobody used to tune it, coded the way you will run it: from raw text,
#    parsed by stanza (not from hand-made parses), with confidence intervals, because
#    a few dozen events give wide ones.
# 2. **A precision audit of your own corpus.** Draw a stratified random sample of the
#    events the coder produced, check them by hand in a spreadsheet, and estimate the
#    share that is right.
#
# The gold standard is the development gold in `data/gold/` (German and English news,
# speeches and treebank sentences; how it was chosen and coded: `data/gold/GUIDELINES.md`).
# Each record has a fixed split: `dev` (rules may be tuned on it, its errors read) and
# `test` (only reported). This notebook scores the **test** split only.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from eventcoder.agreement import agreement_summary, coding_table
from eventcoder.datasets import example_path, project_root
from eventcoder.plotting import add_caption, publication_style, save_figure
from eventcoder.validation import (
    audit_precision,
    audit_sample,
    code_gold,
    gold_verdicts,
    read_coding_sheet,
    read_gold,
    score_intervals,
    write_coding_sheet,
)
from eventcoder.validation.paths import code_gold_raw

ROOT = project_root() or Path.cwd()
LIMIT = int(os.environ.get("EVENTCODER_NOTEBOOK_LIMIT", "0")) or None
GOLD_FILES = sorted((ROOT / "data" / "gold").glob("dev_*.jsonl"))

if GOLD_FILES:
    held_out = [s for path in GOLD_FILES for s in read_gold(path)
                if s.split == "test" and not s.parser_seen]  # PUD: the parsers were trained on it
    HONEST = True
else:
    print("data/gold is not here (an installed package?): scoring the small example gold "
          "standard instead. Its sentences were used to write the coder: the scores below are "
          "in-sample and say little about your texts.")
    held_out = read_gold(example_path("gold_sentences"))
    HONEST = False
test = held_out
if LIMIT:  # a quick run: the first LIMIT records per language
    test = [s for lang in ("de", "en") for s in [r for r in held_out if r.language == lang][:LIMIT]]
SAMPLE = len(test) < len(held_out) or not HONEST
FIGURES = Path(os.environ.get("EVENTCODER_FIGURES", ROOT / "figures"))
FIGURES = FIGURES / "sample" if SAMPLE else FIGURES
FIGURES.mkdir(parents=True, exist_ok=True)
TAG = f" (sample, N = {len(test)} of {len(held_out)} sentences)" if SAMPLE else ""

overview = pd.DataFrame([{"language": s.language, "with events": bool(s.events),
                          "required events": len(s.events), "acceptable": len(s.acceptable)}
                         for s in test])
overview.groupby("language").agg(sentences=("with events", "size"),
                                 with_events=("with events", "sum"),
                                 required_events=("required events", "sum"),
                                 acceptable_events=("acceptable", "sum"))

# %% [markdown]
# ## Code the sentences from raw text
#
# Each record's context (up to three sentences before it in the same article) and
# sentence are coded as one article, exactly as `code_articles` codes yours; only the
# events of the record's own sentence are scored. (The hand-made parses of the
# example gold are used only in the fallback.)

# %%
predicted = code_gold_raw(test) if HONEST else code_gold(test)
print(f"{len(predicted)} events coded in {len(test)} sentences")
predicted[["doc_id", "source", "target", "event_code", "event_name", "mode", "trigger"]].head(10)

# %% [markdown]
# ## Score, with intervals
#
# Only asserted events count (a negated "did not sign" is no event). **Precision**: the
# share of coded events that are right; **recall**: the share of gold events found. An
# `acceptable` gold event (defensible, not required) counts neither way. The main level
# is the CAMEO root code with source and target countries; `code, full` is the strict
# level (full code, full actor codes). The 95 % intervals are the wider of the Wilson
# interval of the counts and a bootstrap that resamples *sentences* (events of one
# sentence are not independent; the bootstrap alone would claim "exactly 0" when every
# sentence scores 0).

# %%
LEVELS = [("root", "country"), ("code", "full")]
rows = []
for language in ("de", "en", "all"):
    part = [s for s in test if language in ("all", s.language)]
    for event, actors in LEVELS:
        table = score_intervals(predicted, part, event=event, actors=actors)
        rows.append(table.assign(language=language, level=f"{event}, {actors}"))
scores = pd.concat(rows, ignore_index=True)
scores[["language", "level", "measure", "estimate", "low", "high", "tp", "fp", "fn",
        "sentences"]].round(2)

# %%
main = scores[scores["level"] == "root, country"]
with publication_style():
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    markers = {"de": "o", "en": "s", "all": "D"}
    for i, (language, part) in enumerate(main.groupby("language", sort=False)):
        x = np.arange(3) + (i - 1) * 0.18
        est = part["estimate"].to_numpy()
        err = np.vstack([est - part["low"].to_numpy(), part["high"].to_numpy() - est])
        n_events = sum(len(s.events) for s in test if language in ("all", s.language))
        coded = int(part["tp"].iloc[0] + part["fp"].iloc[0])
        ax.errorbar(x, est, yerr=err, fmt=markers[language], color=["0.1", "0.45", "#CC79A7"][i],
                    capsize=3, markersize=5, linestyle="",
                    label=f"{language}: {int(part['sentences'].iloc[0])} sentences, "
                          f"{n_events} gold events, {coded} coded")
    ax.set_xticks(range(3), ["precision", "recall", "F1"])
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel("score (root code + countries)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    what = ("development gold, test split (held out)" if HONEST
            else "example gold standard (in-sample: the coder was written on it)")
    ax.set_title(f"eventcoder from raw text\n{what}{TAG}")
    add_caption(ax, "Asserted events; acceptable gold events count neither way; records whose "
                    "sentences the parsers were trained on (PUD) left out. Bars: 95% intervals, "
                    "the wider of Wilson and a bootstrap over sentences. No point: undefined "
                    "(precision without coded events).")
    save_figure(fig, "03_accuracy_test_split", directory=FIGURES)

# %% [markdown]
# How to read it: with a few dozen gold events an interval spans tens of percentage
# points. Two coders (or two versions of the coder) whose intervals overlap widely are
# not shown to differ by this gold standard. For the development split, per-language
# details, and the same sentences coded from gold parses (the coder without parser
# errors), run `python benchmarks/accuracy.py`.
#
# The test split's errors are not listed here on purpose: reading them to change the
# rules would turn the held-out test into another development set. Read the `dev`
# split's errors instead (`benchmarks/accuracy.py --split dev --errors 20`).

# %% [markdown]
# ## A precision audit of your own events
#
# On your corpus there is no gold standard, but precision can be estimated by checking
# a sample of the coder's events:
#
# 1. `audit_sample` draws a **stratified** random sample (here by dyad and root code,
#    so rare kinds of events are in it) and gives each event the weight of the events
#    it stands for;
# 2. `write_coding_sheet` writes it as a CSV coding sheet: one row per event, the
#    sentence with `[SRC ...]`, `[EVT ...]` and `[TGT ...]` around the words coded, and
#    an empty column `correct` to fill in with y or n;
# 3. `read_coding_sheet` reads it back (and names the rows with anything else than y, n
#    or empty), and `audit_precision` estimates the precision over all coded events,
#    with a Wilson interval on the effective sample size.
#
# Here the events are the coder's events on the test sentences above.

# %%
sample = audit_sample(predicted, n=40, by=("dyad", "root_code"), seed=1)
sheet = write_coding_sheet(sample, FIGURES / "03_audit_sheet.csv")
print(f"coding sheet: {Path(sheet).name}, {len(sample)} events from "
      f"{sample['stratum'].nunique()} strata")
sample[["audit_id", "stratum", "weight", "marked_sentence", "event_code", "event_name",
        "target"]].head(8)

# %% [markdown]
# You would now open the sheet in a spreadsheet and fill in `correct`. Because these
# events come from gold sentences, the gold standard can play the checker here
# (`gold_verdicts`: right if a required or acceptable gold event of the sentence has
# the same root code and countries), so the numbers below are real, not made up.

# %%
sample["correct"] = gold_verdicts(sample, test)
checked = write_coding_sheet(sample, FIGURES / "03_audit_sheet_checked.csv")
audit = audit_precision(read_coding_sheet(checked), by="stratum")
audit.round(2).head(12)

# %% [markdown]
# The audit's precision (row `all`) estimates the same quantity as the precision above,
# from a sample; its interval is wider because fewer events are checked.
#
# ## Do coders agree?
#
# Inter-coder agreement needs a **second, independent coding** of the same sentences.
# The development gold was coded once, by one annotator: there is no second human
# coding to report, and this notebook does not invent one. When you have two or more
# coders, put their codings in one table with a `coder` column (`docs/validation.md`)
# and run the same functions.
#
# What the functions compute is shown here on the one pair of codings that exists,
# the gold standard and the coder, per sentence at root-code level. This is the
# coder's agreement with the gold, not agreement between humans; acceptable gold
# events are not used, so it is stricter than the scores above.

# %%
gold_rows = [("gold", s.id, e.code) for s in test for e in s.events]
asserted = predicted[predicted["mode"] == "asserted"]
coder_rows = list(zip(["eventcoder"] * len(asserted), asserted["doc_id"], asserted["event_code"]))
codings = pd.DataFrame(gold_rows + coder_rows, columns=["coder", "sentence_id", "event_code"])
table = coding_table(codings, items=[s.id for s in test])
print(table.value_counts().head(8))
agreement_summary(table).round(3)
