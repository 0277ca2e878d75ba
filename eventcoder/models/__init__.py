"""Compact stanza models shipped with eventcoder (the recipe that trains them: ``training/``).

The model files under ``eventcoder/models/<lang>/`` were trained with
``python training/train.py <lang>`` (in the source repository, not installed) from
CC BY-SA Universal Dependencies treebanks only (see ``MODELS.md``); they are licensed
CC BY-SA (ShareAlike).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["COMPACT_LANGUAGES", "PROCESSORS", "compact_model_dir"]

#: Languages for which compact models are trained and shipped.
COMPACT_LANGUAGES: tuple[str, ...] = ("de", "en")

#: Stanza processors in pipeline order, and the file name of each compact model.
PROCESSORS: dict[str, str] = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}


def compact_model_dir(language: str) -> Path:
    """Return the folder that holds (or would hold) the shipped models for ``language``.

    Examples
    --------
    >>> compact_model_dir("de").name
    'de'
    """
    return Path(__file__).resolve().parent / language
