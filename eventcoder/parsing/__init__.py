"""Parse raw text into Universal Dependencies trees with stanza, offline.

This is the only package that builds stanza pipelines. It

* chooses the models (:func:`resolve_models`): an explicit model folder given by
  the user, else stanza's official models if they are already installed in
  stanza's resource folder, else the compact models shipped in
  ``eventcoder/models/<lang>/`` (trained by ``python training/train.py``);
* never touches the network unless asked to (:func:`download_models`);
* repairs sentence splits that news text needs (``"am 15. August"``,
  abbreviations, closing quotes) with rules stored in
  ``eventcoder/models/ssplit_rules.json``;
* parses many texts in batches with a progress bar, and caches the CoNLL-U of
  each text on disk, keyed by the text and the model identity;
* returns :class:`eventcoder.conllu.Document` objects.

Modules, one job each:

* :mod:`~eventcoder.parsing.resolution`: which models (:func:`resolve_models`,
  :class:`ModelChoice`, :class:`ModelsNotFoundError`);
* :mod:`~eventcoder.parsing.pipeline`: building the stanza pipeline;
* :mod:`~eventcoder.parsing.sentences`: text normalisation, character map and
  sentence-split repair (``ssplit_rules.json``);
* :mod:`~eventcoder.parsing.conversion`: stanza output to CoNLL-U and
  :class:`~eventcoder.conllu.Document`;
* :mod:`~eventcoder.parsing.cache`: the parse cache and :func:`cache_info`;
* :mod:`~eventcoder.parsing.parse`: :func:`parse_texts`, which ties them together;
* :mod:`~eventcoder.parsing.listing`: :func:`list_models` and :func:`download_models`.

Examples
--------
>>> from eventcoder.parsing import parse_texts
>>> docs = parse_texts(["Russland griff am 15.\\nAugust die Ukraine an."],
...                    language="de", progress=False)  # doctest: +SKIP
>>> len(docs[0].sentences)  # doctest: +SKIP
1
"""

from __future__ import annotations

from .cache import cache_info
from .listing import download_models, list_models
from .parse import parse_texts
from .pipeline import _pipeline as _pipeline  # used by eventcoder.dask, training/, benchmarks/
from .resolution import ModelChoice, ModelsNotFoundError, resolve_models

__all__ = [
    "ModelChoice",
    "ModelsNotFoundError",
    "cache_info",
    "download_models",
    "list_models",
    "parse_texts",
    "resolve_models",
]
