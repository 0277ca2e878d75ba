"""Repair what stanza's tokenizer does to news text, with rules in ``ssplit_rules.json``.

Before tokenizing: single line breaks become spaces (:func:`_normalize_text`) and
characters the tokenizer never saw are mapped to ones it did (``char_map``,
:func:`_tokenizer_text`), keeping the length so offsets still point into the
original. After tokenizing: wrong sentence splits are merged again
(:func:`_repair_sentences`): after a "sentence" that does not end with final punctuation,
inside a multi-word name of the actor dictionary ("U.N. | Security Council"), after
abbreviations and ordinals ("am 15. | August"), before closing quotes.
The rules live in ``eventcoder/models/ssplit_rules.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .pipeline import _import_stanza

_RULES_FILE = Path(__file__).resolve().parents[1] / "models" / "ssplit_rules.json"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return json.loads(_RULES_FILE.read_text(encoding="utf-8"))


def _normalize_text(text: str) -> str:
    """Same-length normalisation: single line breaks inside a paragraph become spaces."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)


@lru_cache(maxsize=8)
def _char_table(language: str) -> dict[int, str]:
    """One-for-one character replacements the tokenizer is given (``char_map`` in the rules)."""
    mapping = _rules().get(language, {}).get("char_map", {})
    if any(len(k) != 1 or len(v) != 1 for k, v in mapping.items()):
        raise ValueError(f"char_map of {language!r} in {_RULES_FILE} must map single characters")
    return str.maketrans(mapping)


def _tokenizer_text(text: str, language: str) -> str:
    """The text as the tokenizer sees it: characters it never saw in training mapped to ones
    it did («» -> "), same length, so character offsets still point into the original."""
    return text.translate(_char_table(language))


#: changes whenever the repair code changes what a parse looks like (part of the cache key)
REPAIR_VERSION = 13


@lru_cache(maxsize=1)
def _rules_hash() -> str:
    """The rules file and the repair code's version: parses cached under another are stale."""
    h = hashlib.sha256(_RULES_FILE.read_bytes())
    h.update(f"repair-v{REPAIR_VERSION}".encode())
    return h.hexdigest()[:8]


def _ends_with_word(text: str, word: str) -> bool:
    if not text.endswith(word):
        return False
    before = text[: len(text) - len(word)]
    return not before or not before[-1].isalnum()


def _starts_with_word(text: str, word: str) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word) :]
    return not rest or not rest[0].isalnum()


#: characters that may close a sentence, and what may follow them (quotes, brackets)
_FINAL = ".!?:;…"
_CLOSING = "\"'”’»«›‹)]"


def _lacks_final_punctuation(text: str) -> bool:
    """True when ``text`` does not end like a sentence (no . ! ? : ; … before closing quotes)."""
    stripped = text.rstrip().rstrip(_CLOSING).rstrip()
    return bool(stripped) and stripped[-1] not in _FINAL


def _joins_a_name(prev: str, nxt: str, language: str) -> bool:
    """True when the split cuts a multi-word name of the actor dictionary ("U.N. | Security
    Council", "Saudi | Arabia"): data-checked, no sentence-specific rule."""
    from ..dictionaries import load_language, normalize

    try:
        actors = load_language(language).actors
    except Exception:  # noqa: BLE001 - a language without dictionaries has no names to protect
        return False
    left, right = prev.split()[-3:], nxt.split()[:3]
    for k in range(1, len(left) + 1):
        for m in range(1, len(right) + 1):
            words = [normalize(w) for w in left[-k:] + right[:m]]
            words[-1] = words[-1].rstrip(".,;:!?\"'”)")
            if tuple(words) in actors:
                return True
    return False


def _should_merge(prev: str, nxt: str, gap: str, rules: dict[str, Any], language: str = "") -> bool:
    if "\n\n" in gap or not prev or not nxt:
        return False
    if all(not c.isalnum() for c in nxt) or all(not c.isalnum() for c in prev):
        return True
    if nxt[0] in rules.get("no_open", ()) or nxt[0].islower():
        return True
    if _lacks_final_punctuation(prev):  # a sentence ends with punctuation: this one did not end
        return True
    if language and _joins_a_name(prev, nxt, language):
        return True
    if re.search(r"(?:^|\s)\d{1,2}\.$", prev) and any(
        _starts_with_word(nxt, m) for m in rules.get("months", ())
    ):
        return True
    if any(_ends_with_word(prev, a) for a in rules.get("always", ())):
        return True
    if rules.get("initials") and re.search(r"(?:^|\s)[A-Z][a-z]+ (?:[A-Z]\. )*[A-Z]\.$", prev):
        return True  # a first name and its initial: "John R. | Bolton"
    if any(_ends_with_word(prev, a) for a in rules.get("if_lower", ())):
        return (nxt[0].islower() or nxt[0].isdigit() or len(prev.split()) == 1
                # nothing but the abbreviation: "U.S. | Muslim groups criticized ..."
                or bool(language) and _starts_with_agent(nxt, language))
    return False


def _starts_with_agent(nxt: str, language: str) -> bool:
    """True when ``nxt`` opens with a word of the agent dictionary ("U.S. | President",
    "U.N. | Secretary-General"): after an abbreviation it continues a noun phrase."""
    from ..dictionaries import load_language, normalize

    try:
        agents = load_language(language).agents
    except Exception:  # noqa: BLE001 - a language without dictionaries has no agents
        return False
    first = nxt.split()[0] if nxt.split() else ""
    return normalize(first.rstrip(".,;:!?\"'”)")) in agents


def _token_groups(sentence: list[dict]) -> list[list[dict]]:
    """Split a stanza sentence dict into tokens: [mwt-entry, words...] or [word]."""
    groups: list[list[dict]] = []
    covered = 0
    for entry in sentence:
        ident = entry["id"]
        if isinstance(ident, (tuple, list)):
            groups.append([entry])
            covered = ident[-1]
        elif ident <= covered:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _renumber(groups: list[list[dict]]) -> list[dict]:
    out: list[dict] = []
    n = 0
    for group in groups:
        if len(group) > 1:
            first = n + 1
            mwt = dict(group[0])
            words = []
            for w in group[1:]:
                n += 1
                w = dict(w)
                w["id"] = n
                words.append(w)
            mwt["id"] = (first, n)
            out.append(mwt)
            out.extend(words)
        else:
            n += 1
            w = dict(group[0])
            w["id"] = n
            out.append(w)
    return out


def _span(group: list[dict]) -> tuple[int, int]:
    return int(group[0]["start_char"]), int(group[0]["end_char"])


def _repair_sentences(doc: Any, language: str) -> Any:
    """Undo bad sentence splits in a tokenized stanza Document (returns a Document)."""
    rules = _rules().get(language.split("_")[0], {})
    if len(doc.sentences) < 2 or not rules:
        return doc
    text = doc.text
    sents = [_token_groups(s) for s in doc.to_dict()]
    if any("start_char" not in g[0] for s in sents for g in s):
        return doc
    closers = set(rules.get("no_open", ())) | {'"', "“", "”", "«", "»", "›", "‹", "'"}
    changed = False
    merged: list[list[list[dict]]] = [sents[0]]
    for cur in sents[1:]:
        prev = merged[-1]
        # closing quotes/brackets glued to the previous sentence belong to it
        while cur and _span(cur[0])[0] == _span(prev[-1])[1] and cur[0][0]["text"] in closers:
            prev.append(cur.pop(0))
            changed = True
        if not cur:
            continue
        p0, p1 = _span(prev[0])[0], _span(prev[-1])[1]
        n0, n1 = _span(cur[0])[0], _span(cur[-1])[1]
        if _should_merge(text[p0:p1], text[n0:n1], text[p1:n0], rules, language.split("_")[0]):
            prev.extend(cur)
            changed = True
        else:
            merged.append(cur)
    if not changed:
        return doc
    stanza = _import_stanza()
    return stanza.Document([_renumber(s) for s in merged], text=text)

