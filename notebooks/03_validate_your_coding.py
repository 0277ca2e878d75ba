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
# How good is automatic event coding on *your* kind of text? Code a few dozen
# sentences by hand (a **gold standard**), let eventcoder code them too, and
# compare. This notebook uses the small example gold standard that ships with
# eventcoder: 10 English and 10 German news-style sentences with hand-written
# dependency parses and hand-coded CAMEO events (`eventcoder/examples/gold_sentences.jsonl`;
# the format is described in `docs/validation.md`).

# %%

import pandas as pd
from IPython.display import Markdown, display

from eventcoder.agreement import agreement_summary, coding_table
from eventcoder.datasets import example_path
from eventcoder.validation import code_gold, read_gold, validate

gold = read_gold(example_path("gold_sentences"))
pd.DataFrame([{"id": g.id, "language": g.language, "text": g.text,
               "gold events": "; ".join(f"{e.source} -> {e.target} {e.code}" for e in g.events)}
              for g in gold])

# %% [markdown]
# ## Code the sentences
#
# Each gold record carries its CoNLL-U parse, so eventcoder can code it directly
# (with your own texts you would code the articles and pass the events frame or
# CSV file instead).

# %%
predicted = pd.concat([code_gold(gold, "en"), code_gold(gold, "de")], ignore_index=True)
predicted[["doc_id", "source", "target", "event_code", "event_name", "mode", "trigger"]]

# %% [markdown]
# ## Score
#
# Only asserted events count (a negated "did not sign" is no event). Precision:
# how many coded events are right; recall: how many gold events were found.
# The table repeats this at looser levels: the root code instead of the full
# code, the country instead of the full actor code, without the target.

# %%
report = validate(predicted, gold, modes=["asserted"])
print(f"F1 (full code, actors, target): {report.f1:.2f}; "
      f"sentences fully right: {report.sentence_accuracy:.0%}")
report.scores.round(3)

# %% [markdown]
# Per CAMEO root code, and which root codes the coder confused (rows: gold,
# columns: coded; `none`: missed or invented):

# %%
report.per_root.round(2)

# %%
report.confusion

# %% [markdown]
# ## What went wrong, sentence by sentence
#
# These are the rows to read when you extend the dictionaries (`verbs.yaml`,
# `actors.tsv`): a miss with a false positive of the same dyad is a wrong code;
# a miss alone is a verb or actor the dictionaries do not know.

# %%
report.errors

# %% [markdown]
# The whole report as Markdown (use `report.to_html()` for a web page, or the
# command line: `eventcoder validate gold.jsonl --language de --report report.html`):

# %%
display(Markdown(report.to_markdown()))

# %% [markdown]
# ## Do human coders agree?
#
# Before trusting a gold standard, have two or more people code the same
# sentences and measure their agreement at root-code level: Cohen's kappa for
# each pair, Fleiss' kappa for all of them. Here, three invented codings of
# five of the sentences:

# %%
codings = pd.DataFrame([
    ("ann", "en-02", "163"), ("bob", "en-02", "163"), ("cem", "en-02", "172"),
    ("ann", "en-03", "040"), ("bob", "en-03", "043"), ("cem", "en-03", "040"),
    ("ann", "en-04", "195"), ("bob", "en-04", "190"), ("cem", "en-04", "195"),
    ("ann", "de-05", "112"), ("bob", "de-05", "112"), ("cem", "de-05", "111"),
    ("ann", "de-08", ""), ("bob", "de-08", ""), ("cem", "de-08", "154"),
], columns=["coder", "sentence_id", "event_code"])
table = coding_table(codings)
table

# %%
agreement_summary(table).round(3)
