"""Draft dictionary entries as frames in the shipped formats: verb patterns
(``verbs.yaml``), actors (``actors.tsv``, ``people.tsv``) and agent nouns (``agents.tsv``).
Codes are checked at once; :func:`eventcoder.workbench.write_dictionary` writes the frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..cameo import load_cameo
from ..dictionaries import ACTOR_KINDS
from ..errors import DictionaryError

__all__ = ["ACTOR_DRAFT_COLUMNS", "AGENT_DRAFT_COLUMNS", "NOTE", "VERB_DRAFT_COLUMNS", "clean_text",
           "clean_words", "draft_actors", "draft_agents", "draft_verbs"]

VERB_DRAFT_COLUMNS = ("lemma", "code", "nouns", "target_preps", "one_sided", "intransitive", "note")
ACTOR_DRAFT_COLUMNS = ("phrase", "code", "kind", "start", "end", "note")
AGENT_DRAFT_COLUMNS = ("phrase", "role", "note")
NOTE = "drafted with the eventcoder workbench"


def _items(values: Any, key: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows from a mapping ``key -> code`` or a frame (or list of dicts) with the columns."""
    if isinstance(values, Mapping):
        return [{key: k, columns[1]: v} for k, v in values.items()]
    frame = values if isinstance(values, pd.DataFrame) else pd.DataFrame(list(values))
    if key not in frame.columns and key == "lemma" and "lemmas" in frame.columns:
        return frame.to_dict("records")
    missing = [c for c in (key, columns[1]) if c not in frame.columns]
    if missing:
        raise KeyError(f"the entries need the column(s) {missing} (they have {list(frame.columns)})")
    return frame.to_dict("records")


def clean_text(value: Any, what: str) -> str:
    """A table cell as text (missing: ``""``); a tab or line break is an error naming ``what``."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    if any(c in text for c in "\t\n\r"):
        raise DictionaryError(f"{what}: {text!r} holds a tab or a line break")
    return text


def clean_words(value: Any, lemma: str, what: str) -> tuple[str, ...]:
    """Words from a string, a list, or a dict of ``lemma`` -> list (missing: ``()``)."""
    if isinstance(value, Mapping):
        value = value.get(lemma, ())
    if value is None or isinstance(value, float) and value != value:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(clean_text(v, what) for v in value if clean_text(v, what))


def _flag(value: Any, lemma: str) -> bool:
    if isinstance(value, Mapping):
        value = value.get(lemma, False)
    return bool(value) if value is not None and value == value else False


def draft_verbs(codes: Any, *, nouns: Any = (), target_preps: Any = (), one_sided: Any = False,
                intransitive: Any = False, note: str = NOTE) -> pd.DataFrame:
    """Draft ``verbs.yaml`` entries: a verb lemma and the CAMEO event code it stands for.

    Parameters
    ----------
    codes : dict or DataFrame
        ``{lemma: code}`` ("clash": "190"), or a frame with ``lemma`` and ``code``
        columns (for instance rows of :func:`uncoded_verbs` with a ``code`` column
        added); its other draft columns are used where present.
    nouns, target_preps : sequence of str, or dict of lemma -> sequence
        For every verb (a sequence) or per verb (a dict): nouns the verb needs as
        its object ("hold" + "talks"), prepositions whose phrase is the target
        ("clash *with*").
    one_sided, intransitive : bool, or dict of lemma -> bool
        The event needs no target; the verb codes only without a direct object.
    note : str
        Written to the entry.

    Returns
    -------
    pandas.DataFrame
        One row per verb with the columns ``lemma``, ``code`` (str), ``nouns``,
        ``target_preps`` (tuples of str), ``one_sided``, ``intransitive`` (bool)
        and ``note`` (str): pass it to :func:`write_dictionary` as ``verbs``.

    Raises
    ------
    eventcoder.DictionaryError
        For a code that is not a CAMEO event code, naming the verb.

    Examples
    --------
    >>> draft_verbs({"clash": "190"}, target_preps=["with"])[["lemma", "code", "target_preps"]]
       lemma code target_preps
    0  clash  190      (with,)
    """
    cameo = load_cameo()
    rows = []
    for item in _items(codes, "lemma", VERB_DRAFT_COLUMNS):
        lemma = clean_text(item.get("lemma", ""), "draft verb")
        lemmas = (lemma,) if lemma else tuple(clean_words(item.get("lemmas"), "", "draft verb"))
        code = item.get("code")
        if not lemmas:
            raise DictionaryError(f"draft verb with code {code!r}: no lemma")
        what = f"draft verb {' / '.join(lemmas)!r}"
        if not isinstance(code, str) or code not in cameo:
            raise DictionaryError(f"{what}: {code!r} is not a CAMEO event code (a string such as "
                                  "'190'; eventcoder.load_cameo() lists them)")
        key = lemmas[0]
        rows.append({
            "lemma": " | ".join(lemmas) if len(lemmas) > 1 else key, "code": code,
            "nouns": clean_words(item.get("nouns", nouns), key, what) or clean_words(nouns, key, what),
            "target_preps": clean_words(item.get("target_preps", target_preps), key, what)
            or clean_words(target_preps, key, what),
            "one_sided": _flag(item.get("one_sided", one_sided), key) or _flag(one_sided, key),
            "intransitive": _flag(item.get("intransitive", intransitive), key) or _flag(intransitive, key),
            "note": clean_text(item.get("note") or note, what),
        })
    return pd.DataFrame(rows, columns=list(VERB_DRAFT_COLUMNS))


def _date(value: Any, what: str) -> str:
    text = clean_text(value, what)
    if isinstance(value, dt.date):
        return value.isoformat()
    if text:
        try:
            dt.date.fromisoformat(text[:10])
        except ValueError:
            raise DictionaryError(f"{what}: date must be YYYY-MM-DD, got {text!r}") from None
        return text[:10]
    return ""


def draft_actors(codes: Any, *, kind: str = "group", start: Any = None, end: Any = None,
                 note: str = NOTE) -> pd.DataFrame:
    """Draft ``actors.tsv`` rows: a phrase (a name) and the CAMEO actor code it stands for.

    Parameters
    ----------
    codes : dict or DataFrame
        ``{phrase: code}`` ("Wagner Group": "RUSMIL"), or a frame with ``phrase``
        and ``code`` columns (rows of :func:`uncoded_actors` with a ``code``
        column added; its ``kind``, ``start``, ``end`` and ``note`` are used where present).
        Spelling variants go in one phrase separated by ``|``.
    kind : str, default "group"
        One of ``country, adj, capital, institution, person, igo, group, region``.
    start, end : str, optional
        ``YYYY-MM-DD``: the entry holds from ``start`` until before ``end`` (an
        office holder); either may be left open.
    note : str
        Written to the row.

    Returns
    -------
    pandas.DataFrame
        Columns ``phrase, code, kind, start, end, note`` (str): pass it to
        :func:`write_dictionary` as ``actors`` (or ``people``).

    Examples
    --------
    >>> draft_actors({"Wagner Group": "RUSMIL"}).loc[0, ["phrase", "code", "kind"]].tolist()
    ['Wagner Group', 'RUSMIL', 'group']
    """
    rows = []
    for item in _items(codes, "phrase", ACTOR_DRAFT_COLUMNS):
        phrase = clean_text(item.get("phrase"), "draft actor")
        what = f"draft actor {phrase!r}"
        code = clean_text(item.get("code"), what)
        row_kind = clean_text(item.get("kind") if "kind" in item and item.get("kind") in ACTOR_KINDS
                         else kind, what)
        if not phrase:
            raise DictionaryError(f"draft actor with code {code!r}: empty phrase")
        if len(code) < 3 or code.upper() != code or not code.replace("-", "").isalnum():
            raise DictionaryError(f"{what}: actor code must be upper-case letters such as "
                                  f"'UKRMIL', got {code!r}")
        if row_kind not in ACTOR_KINDS:
            raise DictionaryError(f"{what}: unknown kind {row_kind!r} (one of {sorted(ACTOR_KINDS)})")
        first, last = _date(item.get("start", start) or start, what), _date(item.get("end", end) or end, what)
        if first and last and last <= first:
            raise DictionaryError(f"{what}: end {last} is not after start {first}")
        rows.append({"phrase": phrase, "code": code, "kind": row_kind, "start": first, "end": last,
                     "note": clean_text(item.get("note") or note, what)})
    return pd.DataFrame(rows, columns=list(ACTOR_DRAFT_COLUMNS))


def draft_agents(roles: Any, *, note: str = NOTE) -> pd.DataFrame:
    """Draft ``agents.tsv`` rows: a noun for people by what they do, and its role code.

    Parameters
    ----------
    roles : dict or DataFrame
        ``{phrase: role}`` ("militant|militants": "REB"), or a frame with
        ``phrase`` and ``role`` columns. A role is a three-letter code (``MIL``,
        ``REB``, ``CVL``, ...) or ``*`` (the role of the organisation it belongs to).
    note : str
        Written to the row.

    Returns
    -------
    pandas.DataFrame
        Columns ``phrase, role, note``: pass it to :func:`write_dictionary` as ``agents``.

    Examples
    --------
    >>> draft_agents({"militant|militants": "REB"}).values.tolist()[0][:2]
    ['militant|militants', 'REB']
    """
    rows = []
    for item in _items(roles, "phrase", AGENT_DRAFT_COLUMNS):
        phrase = clean_text(item.get("phrase"), "draft agent")
        role = clean_text(item.get("role"), f"draft agent {phrase!r}")
        if not phrase:
            raise DictionaryError(f"draft agent with role {role!r}: empty phrase")
        if role != "*" and (len(role) != 3 or not role.isalpha() or not role.isupper()):
            raise DictionaryError(f"draft agent {phrase!r}: role must be a 3-letter code or '*', "
                                  f"got {role!r}")
        rows.append({"phrase": phrase, "role": role, "note": clean_text(item.get("note") or note, phrase)})
    return pd.DataFrame(rows, columns=list(AGENT_DRAFT_COLUMNS))
