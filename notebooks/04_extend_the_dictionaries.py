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
# # Extend the dictionaries
#
# eventcoder codes an event only when its dictionaries know the verb (`verbs.yaml`)
# and both actors (`actors.tsv`, `agents.tsv`, `people.tsv`). On text about other
# places, other years or other topics than the dictionaries were written for, many
# events are missed. This notebook is the **dictionary workbench**: it goes through a
# corpus and
#
# 1. lists the **verbs** that no verb pattern codes although an actor-like subject or
#    object goes with them, ranked, each with its uses in context;
# 2. lists the **noun phrases that look like actors** (unknown names, nouns such as
#    "hijackers") but have no code;
# 3. turns the entries you pick into a **user dictionary folder** in the shipped
#    formats, checked by the real loader;
# 4. codes the corpus again with that folder and shows the **difference**: events
#    gained, lost and changed, with their evidence, before you keep the entries.
#
# Your dictionaries never touch the installed package: a folder is layered over the
# shipped dictionaries with `dictionaries=[folder]` in every coding function, or
# `eventcoder code ... --dictionary FOLDER` on the command line.
#
# **Data** (from `../shared/corpora`, or the folder in `$EVENTCODER_SHARED`): 30
# English Wikinews articles spread over 2019–2021 (CC BY 2.5), from the corpus of
# notebook 02, and the 12 German blurbs of Wikipedia's "In the news" box (2022–23,
# CC BY-SA 3.0). Without that folder the notebook says so and uses the examples
# shipped with eventcoder. Parses are cached: after notebook 02 (or a first run of a
# few minutes) this notebook runs in seconds. `EVENTCODER_NOTEBOOK_LIMIT=N` takes N
# articles instead of 30 (the tests take 6: the lists are then short).

# %%
import os
import shutil
from pathlib import Path

import pandas as pd
from IPython.display import display

import eventcoder as ec
from eventcoder import workbench as wb
from eventcoder.datasets import load_corpus, load_example, project_root, shared_dir

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)

ROOT = project_root() or Path.cwd()
SHARED = shared_dir()
CORPORA = SHARED / "corpora" if SHARED else Path("corpora-not-found")
LIMIT = int(os.environ.get("EVENTCODER_NOTEBOOK_LIMIT", "0")) or 30
# where this notebook writes its dictionary folders (yours belong with your project's data)
OUTPUT = Path(os.environ.get("EVENTCODER_FIGURES", ROOT / "figures")) / "04_dictionaries"
DRAFT, MINE = OUTPUT / "draft", OUTPUT / "mine"
shutil.rmtree(DRAFT, ignore_errors=True)  # a draft starts empty on every run

if (CORPORA / "wikinews_en_2019_2021.jsonl").is_file():
    articles = load_corpus("wikinews_en_2019_2021.jsonl", limit=LIMIT)  # spread evenly over time
    blurbs = load_corpus("itn_wikipedia_in_the_news_de_en.jsonl")
    german = blurbs[blurbs["language"] == "de"]
    print(f"corpus from {CORPORA}: {len(articles)} Wikinews articles, "
          f"{articles['date'].min()} to {articles['date'].max()}; {len(german)} German blurbs")
else:
    print(f"{CORPORA} is not available: using the examples shipped with eventcoder.")
    articles, german = load_example("ukraine_2022_example_en"), load_example("seed_article_de")
articles[["id", "date", "text"]].head()

# %% [markdown]
# ## Parse once, code with the shipped dictionaries
#
# `wb.parse_corpus` parses the texts of one language into dependency trees (through
# the parse cache) and keeps each article's id and date. Every workbench function
# takes these documents; coding them again takes seconds.

# %%
docs = wb.parse_corpus(articles, language="en", progress=False)
shipped = ec.code_parsed(docs, language="en")
print(f"{len(docs)} articles, {sum(len(d.sentences) for d in docs)} sentences: {len(shipped)} events "
      f"in {shipped['doc_id'].nunique()} articles with the shipped dictionaries")

# %% [markdown]
# ## 1. Verbs that no pattern codes
#
# A verb is listed when it coded nothing although its subject, its object or one of
# its prepositional objects looks like an actor: a phrase the dictionaries code
# ("Russia" → RUS, "the police" → ---COP), an unknown proper name, or a noun that
# names people by what they do. The columns:
#
# | column | meaning |
# |---|---|
# | `count` | uses with an actor-like subject or object that coded nothing |
# | `would_code` | uses between two actors that already have codes: an entry for the verb codes these at once |
# | `with_both` | uses with an actor-like subject and direct object (some may need actor entries too) |
# | `in_dictionary` | the verb has entries, but none coded these uses (they need a noun or a particle: "call *for*", "call *on*") |
# | `subjects`, `objects` | the most frequent ones, with their codes |
# | `preps` | prepositions of actor-like prepositional objects: list them as `target_preps` |
# | `examples` | keyword in context, the verb in brackets |

# %%
verbs = wb.uncoded_verbs(docs, language="en")
verbs.head(15)

# %% [markdown]
# Read the uses of a verb before you give it a code: `wb.verb_occurrences` has one
# row per use, and `show_events` marks the subject (blue), the verb (orange) and the
# object (pink) in each sentence. Here, the bare verb "call" (the dictionary has
# "call for", "call on", ... but not "call" alone):

# %%
uses = wb.verb_occurrences(docs, language="en")
print(f"{len(uses)} uses of {uses['lemma'].nunique()} verbs")
ec.show_events(uses[uses["lemma"] == "call"])

# %% [markdown]
# "Biden called Trump a clown" is a criticism: CAMEO 111, *Criticize or denounce*
# (`ec.load_cameo()` lists every code with its name, QuadClass and Goldstein weight):

# %%
cameo = ec.load_cameo()
cameo["111"]

# %% [markdown]
# ## 2. Noun phrases that look like actors but have no code
#
# Two kinds: **names** (runs of proper nouns, and capitalised words inside a
# sentence, that no dictionary entry covers; words the corpus also writes in lower
# case are left out) and **agent nouns** (nouns whose ending names people by what
# they do, unknown to the agent dictionary). Most promising first: most often the
# subject or object of a verb. `suggested_code` is what the whole noun phrase gets
# from its other words ("Peruvian president Pedro Castillo" → PERGOV), a hint for
# the code; `file` says where an entry would go.

# %%
actors = wb.uncoded_actors(docs, language="en")
actors.head(20)

# %% [markdown]
# Not every name is an actor (hurricanes, marathon runners and words the tagger took
# for names are in the list too): read the uses. Two media and a commander:

# %%
names = wb.actor_occurrences(docs, language="en", kinds=["name"])
ec.show_events(names[names["key"].isin(["cnn", "new york times", "qasem soleimani"])].head(6))

# %% [markdown]
# ## 3. Draft entries
#
# Drafts are frames in the shipped formats: `wb.draft_verbs` (a lemma and a CAMEO
# event code, optionally `nouns`, `target_preps`, `one_sided`), `wb.draft_actors`
# (a phrase and a CAMEO actor code, its kind, and for office holders `start` and
# `end` of the office: a person is coded as the government only while in office, and
# as an elite, `ELI`, after) and `wb.draft_agents` (a noun and its role). They check
# the codes at once; you can also add a `code` column to rows of the lists above and
# pass those.
#
# Our picks from the lists: **call** → 111; **CNN** and the **New York Times** →
# USAMED (US media); **Qasem Soleimani**, commander of Iran's Quds Force → IRNMIL.

# %%
draft_verbs = wb.draft_verbs({"call": "111"})
draft_actors = pd.concat([
    wb.draft_actors({"CNN": "USAMED", "New York Times": "USAMED"}),
    wb.draft_actors({"Qasem Soleimani|Soleimani": "IRNMIL"}, kind="person",
                    note="commander of the Quds Force"),
], ignore_index=True)
draft_actors

# %% [markdown]
# A code that is not a CAMEO code is refused with a message naming the entry:

# %%
try:
    wb.draft_verbs({"call": "1111"})
except ec.DictionaryError as err:
    print(err)

# %% [markdown]
# `wb.write_dictionary` writes the drafts to a folder (`verbs.yaml`, `actors.tsv`,
# ...), then loads it with the real loader: a write that would break the folder is
# undone and the loader's error, naming file and line, is raised. The report says
# where each entry went.

# %%
wb.write_dictionary(DRAFT, language="en", verbs=draft_verbs, actors=draft_actors)

# %%
print((DRAFT / "verbs.yaml").read_text())
print((DRAFT / "actors.tsv").read_text())

# %% [markdown]
# ## 4. What the drafts change
#
# `wb.compare_coding` codes the corpus without and with the draft folder and lists
# every event that differs, per trigger: **gained** (coded only with the drafts),
# **lost** (coded only without them) and **changed** (same trigger, other actors or
# code; the `was_*` columns say what it was).

# %%
diff = wb.compare_coding(docs, language="en", dictionaries=[DRAFT])
print(diff.attrs["summary"])
diff[["change", "doc_id", "source", "target", "event_code", "trigger", "was_source", "was_target",
      "was_event_code"]]

# %% [markdown]
# The evidence, change by change:

# %%
for change in wb.CHANGES[:3]:
    rows = diff[diff["change"] == change]
    print(f"{change}: {len(rows)} events")
    if len(rows):
        display(ec.show_events(rows))

# %% [markdown]
# Read the gained and changed events as you would read any coding. Most "call"
# events are criticisms ("Biden called Trump a clown"), but "The United States
# called its actions defensive" is not: a bare verb is broad. Give an entry `nouns`
# or `target_preps` to narrow it, or leave the verb out; whether a few wrong events
# are worth the right ones depends on your research question (notebook 03 measures
# precision on a gold standard). A new actor also completes events of verbs the
# dictionary had, and not always right ones: "Trump attacked Drudge ... called for
# CNN ..." now has a target, CNN, for an attack in words that the shipped "attack"
# entry codes as force (190). Where the actor was known under another name ("head
# of Iran's Quds Force" → IRNMIL), the event stays the same.
#
# ## Keep the entries
#
# When the difference is what you want, copy the draft into your own dictionary
# folder. `wb.read_dictionary` reads a folder back into frames; `write_dictionary`
# replaces entries it has already (same verb and nouns, same phrase and dates), so
# running this again changes nothing.

# %%
kept = wb.write_dictionary(MINE, language="en", **wb.read_dictionary(DRAFT))
kept

# %% [markdown]
# From now on, code with your folder (several folders: later ones win ties). Every
# events frame records which user dictionaries coded it, with a hash of their
# content, so a result can be traced to the exact dictionaries:

# %%
events = ec.code_parsed(docs, language="en", dictionaries=[MINE])
print(f"{len(events)} events with your dictionary (shipped alone: {len(shipped)})")
events.attrs["dictionaries"]

# %% [markdown]
# The workbench takes the same folders: the lists then show what is still missing
# ("call" is gone from the verbs).

# %%
wb.uncoded_verbs(docs, language="en", dictionaries=[MINE]).head(5)

# %% [markdown]
# On the command line the same folder is `--dictionary`:
#
# ```bash
# eventcoder code articles.jsonl --language en --dictionary figures/04_dictionaries/mine -o events.csv
# ```
#
# A broken file stops the run before anything is coded, naming the file and line,
# for example `mine/verbs.yaml, line 1 (entry 1): '1111' is not a CAMEO event code`.
#
# ## German
#
# The workbench works the same on German text: separable verbs are listed as the
# dictionary writes them ("schlägt ... vor" → `vorschlagen`), and German agent nouns
# by their endings ("Demonstranten", "Aktivisten").

# %%
docs_de = wb.parse_corpus(german, language="de", progress=False)
wb.uncoded_verbs(docs_de, language="de").head(10)

# %%
wb.uncoded_actors(docs_de, language="de").head(10)
