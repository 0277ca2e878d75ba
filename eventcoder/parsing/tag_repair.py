"""Tag repair between tagging and parsing: the language's ``tag_repair.yaml`` (issue 13).

Two repairs run on each tagged sentence before the parser sees it, each only where the
language's ``resources/<lang>/tag_repair.yaml`` turns it on: known names become proper
nouns (:mod:`.name_tags`), and a verb the tagger took for a noun becomes a verb again
(:mod:`.verb_rescue`). After parsing, names the parser nested are coordinated again
(:mod:`.coordination`), a verb's adjacent subjects become one phrase (:mod:`.subjects`)
and clause-final separable particles join their verb (:mod:`.particles`).
:func:`repair_fingerprint` names the rules and the dictionary data
they read, for the parse cache key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

__all__ = ["repair_data", "repair_fingerprint", "repair_tags"]


@lru_cache(maxsize=8)
def repair_data(language: str) -> dict[str, Any]:
    """The parsed ``tag_repair.yaml`` of ``language`` (empty where it has none).

    Examples
    --------
    >>> sorted(repair_data("en"))
    ['coordination', 'names', 'subjects', 'verbs']
    >>> sorted(repair_data("de"))
    ['coordination', 'names', 'particles', 'subjects']
    >>> repair_data("xx")
    {}
    """
    from ..dictionaries.readers import load_yaml
    from ..resources_path import resource_dir

    path = resource_dir() / language / "tag_repair.yaml"
    if not path.is_file():
        return {}
    return load_yaml(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=8)
def repair_fingerprint(language: str) -> str:
    """A short hash of the repair rules and the names and verbs they read ("" for none)."""
    from .name_tags import _names, name_rules
    from .verb_rescue import rescue_rules

    names = name_rules(language)
    verbs = rescue_rules(language)
    data = repair_data(language)
    if not names and verbs is None and not any(
            data.get(k) for k in ("subjects", "coordination", "particles")):
        return ""
    h = hashlib.sha256(repr(sorted(repair_data(language).items())).encode())
    if names:
        h.update(repr(sorted(_names(language)[0])).encode())
    if verbs is not None:
        h.update(verbs.fingerprint.encode())
    return h.hexdigest()[:8]


def repair_tags(doc: Any, language: str) -> dict[str, int]:
    """Run both repairs on a tagged, unparsed stanza Document; count what each changed."""
    from .name_tags import tag_names
    from .verb_rescue import rescue_verbs

    return {"names_tagged": tag_names(doc, language),
            "verbs_rescued": rescue_verbs(doc, language)}
