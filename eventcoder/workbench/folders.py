"""Read and write user dictionary folders in the shipped formats (``verbs.yaml``,
``actors.tsv``, ``agents.tsv``, ``people.tsv``).

Every write is checked by loading the folder with the real loader
(:func:`eventcoder.load_language`); a write that would break the folder is undone and
the loader's error (naming file and line) is raised.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..dictionaries import load_language, load_yaml, normalize
from ..dictionaries.readers import _entry_lines, _rows
from ..errors import DictionaryError
from .drafts import ACTOR_DRAFT_COLUMNS, AGENT_DRAFT_COLUMNS, VERB_DRAFT_COLUMNS, clean_text, clean_words

__all__ = ["read_dictionary", "write_dictionary"]

#: which frame goes to which file
_FILES = {"verbs": "verbs.yaml", "actors": "actors.tsv", "agents": "agents.tsv", "people": "people.tsv"}


def read_dictionary(folder: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """The entries of a user dictionary folder, one frame per file.

    Parameters
    ----------
    folder : path
        A user dictionary folder.

    Returns
    -------
    dict of str to DataFrame
        ``"verbs"`` (columns ``lemmas`` (tuple), ``code``, ``nouns``,
        ``target_preps``, ``one_sided``, ``intransitive``, ``note``, ``line``),
        ``"actors"`` and ``"people"`` (``phrase, code, kind, start, end, note,
        line``) and ``"agents"`` (``phrase, role, note, line``), for the files the
        folder has. ``line`` is where the entry starts in its file.
        ``write_dictionary(other, language=..., **read_dictionary(folder))`` copies
        the entries into another folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> from eventcoder.workbench import draft_verbs
    >>> _ = write_dictionary(folder, language="en", verbs=draft_verbs({"outflank": "190"}))
    >>> read_dictionary(folder)["verbs"][["lemmas", "code", "line"]]
            lemmas code  line
    0  (outflank,)  190     3
    """
    path = Path(folder)
    out: dict[str, pd.DataFrame] = {}
    verbs = path / "verbs.yaml"
    if verbs.is_file():
        text = verbs.read_text(encoding="utf-8")
        data = load_yaml(text) or []
        data = data.get("verbs", []) if isinstance(data, dict) else data
        rows = []
        for item, line in zip(data, _entry_lines(text), strict=False):
            lemmas = item.get("lemmas") or []
            rows.append({"lemmas": tuple([lemmas] if isinstance(lemmas, str) else lemmas),
                         "code": item.get("code"),
                         "nouns": tuple(clean_words(item.get("nouns"), "", "nouns")),
                         "target_preps": tuple(clean_words(item.get("target_preps"), "", "target_preps")),
                         "one_sided": bool(item.get("one_sided", False)),
                         "intransitive": bool(item.get("intransitive", False)),
                         "note": item.get("note", "") or "", "line": line})
        out["verbs"] = pd.DataFrame(rows, columns=["lemmas", *VERB_DRAFT_COLUMNS[1:], "line"])
    for name, columns, required in (("actors", ACTOR_DRAFT_COLUMNS, ["code"]),
                                    ("people", ACTOR_DRAFT_COLUMNS, ["code"]),
                                    ("agents", AGENT_DRAFT_COLUMNS, ["phrase", "role"])):
        file = path / _FILES[name]
        if file.is_file():
            rows = []
            for line, row in _rows(file, required):
                row = {("phrase" if k == "names" else k): v for k, v in row.items()}
                rows.append({**{c: row.get(c, "") for c in columns}, "line": line})
            out[name] = pd.DataFrame(rows, columns=[*columns, "line"])
    return out


# -- writing ------------------------------------------------------------------------------


def _verb_block(row: dict[str, Any]) -> list[str]:
    def flow(values: Iterable[str]) -> str:
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"

    lemmas = row.get("lemmas") or tuple(v.strip() for v in str(row["lemma"]).split("|"))
    lines = [f"- code: {json.dumps(str(row['code']))}", f"  lemmas: {flow(lemmas)}"]
    for key in ("nouns", "target_preps"):
        if len(row.get(key) or ()):
            lines.append(f"  {key}: {flow(row[key])}")
    for key in ("one_sided", "intransitive"):
        if row.get(key):
            lines.append(f"  {key}: true")
    if row.get("note"):
        lines.append(f"  note: {json.dumps(str(row['note']), ensure_ascii=False)}")
    return lines


def _verb_key(lemmas: Iterable[str], nouns: Iterable[str], intransitive: Any) -> tuple:
    return (tuple(sorted(normalize(v) for v in lemmas)), tuple(sorted(normalize(n) for n in nouns)),
            bool(intransitive))


def _merge_verbs(path: Path, frame: pd.DataFrame) -> tuple[str, list[tuple[str, str, str, int]]]:
    """The new text of ``verbs.yaml``: entries with the same lemmas and nouns are replaced
    in place, the others appended; and ``(key, code, status, line)`` per entry written."""
    old = path.read_text(encoding="utf-8") if path.is_file() else (
        "# User verb patterns in eventcoder's verbs.yaml format (see eventcoder/resources/en/"
        "verbs.yaml);\n# written by eventcoder.workbench.write_dictionary.\n")
    lines = old.splitlines()
    data = load_yaml(old) or []
    if isinstance(data, dict):
        raise DictionaryError(f"{path}: write_dictionary writes a plain list of entries, not 'verbs:'")
    starts = _entry_lines(old)
    ends = starts[1:] + [len(lines) + 1]
    where = {}
    for item, first, stop in zip(data, starts, ends, strict=False):
        lemmas = item.get("lemmas") or []
        lemmas = [lemmas] if isinstance(lemmas, str) else lemmas
        key = _verb_key(lemmas, clean_words(item.get("nouns"), "", ""), item.get("intransitive", False))
        while stop - 1 > first and (not lines[stop - 2].strip() or lines[stop - 2].lstrip().startswith("#")):
            stop -= 1  # comments before the next entry stay
        where[key] = (first, stop)
    replace: dict[int, tuple[int, list[str]]] = {}
    appended: list[list[str]] = []
    written = []
    for row in frame.to_dict("records"):
        lemmas = row.get("lemmas") or tuple(v.strip() for v in str(row["lemma"]).split("|"))
        key = _verb_key(lemmas, row.get("nouns") or (), row.get("intransitive"))
        block = _verb_block({**row, "lemmas": lemmas})
        label = " | ".join(lemmas)
        if key in where:
            first, stop = where[key]
            replace[first] = (stop, block)
            written.append((label, str(row["code"]), "replaced", first))
        else:
            appended.append(block)
            written.append((label, str(row["code"]), "added", -len(appended)))
    out: list[str] = []
    i = 1
    while i <= len(lines):
        if i in replace:
            stop, block = replace[i]
            out.extend(block)
            i = stop
            continue
        out.append(lines[i - 1])
        i += 1
    positions = []
    for block in appended:
        positions.append(len(out) + 1)
        out.extend(block)
    written = [(k, c, s, positions[-n - 1] if n < 0 else n) for k, c, s, n in written]
    return "\n".join(out) + "\n", written


def _merge_table(path: Path, frame: pd.DataFrame, columns: tuple[str, ...],
                 key_columns: tuple[str, ...], value: str) -> tuple[str, list[tuple[str, str, str, int]]]:
    """The new text of a TSV: rows with the same key replaced in place, the others appended."""
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        header_at = next(i for i, line in enumerate(lines)
                         if line.strip() and not line.lstrip().startswith("#"))
        header = lines[header_at].split("\t")
        header = ["phrase" if c == "names" else c for c in header]
    else:
        lines = [f"# User {path.stem} in eventcoder's {path.name} format; written by "
                 "eventcoder.workbench.write_dictionary.", "\t".join(columns)]
        header, header_at = list(columns), 1
    at: dict[tuple, int] = {}
    for line, row in _rows(path, [], None) if path.is_file() else ():
        row = {("phrase" if k == "names" else k): v for k, v in row.items()}
        at[tuple(normalize(row.get(c, "")) for c in key_columns)] = line
    written = []
    for row in frame.to_dict("records"):
        missing = [c for c in columns if str(row.get(c) or "") and c not in header]
        if missing:
            raise DictionaryError(f"{path}, line {header_at + 1}: the header lacks column(s) {missing} "
                                  "that the new entries need")
        text = "\t".join(clean_text(row.get(c, ""), str(row.get("phrase"))) for c in header)
        key = tuple(normalize(str(row.get(c) or "")) for c in key_columns)
        if key in at:
            lines[at[key] - 1] = text
            written.append((str(row["phrase"]), str(row[value]), "replaced", at[key]))
        else:
            lines.append(text)
            at[key] = len(lines)
            written.append((str(row["phrase"]), str(row[value]), "added", len(lines)))
    return "\n".join(lines) + "\n", written


def write_dictionary(folder: str | os.PathLike, *, language: str, verbs: Any = None, actors: Any = None,
                     agents: Any = None, people: Any = None) -> pd.DataFrame:
    """Write entries to a user dictionary folder, in the shipped formats, and check it.

    The folder is created if needed. An entry for a verb (same lemmas and nouns),
    phrase (same dates) or agent noun that the file has already replaces that
    entry in place; other entries are appended, and comments stay. The folder is
    then loaded with the real loader for ``language``: if that fails, the files
    are put back as they were and the loader's error is raised.

    Parameters
    ----------
    folder : path
        The user dictionary folder (give it to ``dictionaries=`` or ``--dictionary``).
    language : str
        The language the entries are for (``"de"``, ``"en"``); the check loads it.
    verbs : DataFrame, optional
        From :func:`draft_verbs` (or ``read_dictionary(...)["verbs"]``): ``verbs.yaml``.
    actors, people : DataFrame, optional
        From :func:`draft_actors`: ``actors.tsv``, ``people.tsv``.
    agents : DataFrame, optional
        From :func:`draft_agents`: ``agents.tsv``.

    Returns
    -------
    pandas.DataFrame
        One row per entry written: ``file`` (str), ``line`` (int, where it starts),
        ``entry`` (the lemma(s) or phrase), ``code`` (the event, actor or role code)
        and ``status`` (``"added"`` or ``"replaced"``).

    Raises
    ------
    eventcoder.DictionaryError
        When the folder would not load (the message names file and line); nothing
        is changed then.

    Examples
    --------
    >>> import tempfile
    >>> from eventcoder.workbench import draft_actors, draft_verbs
    >>> folder = tempfile.mkdtemp()
    >>> write_dictionary(folder, language="en", verbs=draft_verbs({"outflank": "190"}),
    ...                  actors=draft_actors({"Eriador Free Militia": "ERIREB"}))
             file  line                 entry    code status
    0  verbs.yaml     3              outflank     190  added
    1  actors.tsv     3  Eriador Free Militia  ERIREB  added
    """
    path = Path(folder).expanduser()
    frames = {"verbs": verbs, "actors": actors, "people": people, "agents": agents}
    plans: dict[Path, str] = {}
    report = []
    for name, frame in frames.items():
        if frame is None:
            continue
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame(list(frame))
        if frame.empty:
            continue
        file = path / _FILES[name]
        if name == "verbs":
            text, written = _merge_verbs(file, frame)
        elif name == "agents":
            text, written = _merge_table(file, frame, AGENT_DRAFT_COLUMNS, ("phrase",), "role")
        else:
            text, written = _merge_table(file, frame, ACTOR_DRAFT_COLUMNS, ("phrase", "start", "end"), "code")
        plans[file] = text
        report += [{"file": file.name, "line": line, "entry": entry, "code": code, "status": status}
                   for entry, code, status, line in written]
    if plans:
        path.mkdir(parents=True, exist_ok=True)
        before = {f: f.read_bytes() if f.is_file() else None for f in plans}
        for file, text in plans.items():
            file.write_text(text, encoding="utf-8")
        try:
            load_language(language, dictionaries=[path])
        except Exception:
            for file, data in before.items():
                if data is None:
                    file.unlink(missing_ok=True)
                else:
                    file.write_bytes(data)
            raise
    return pd.DataFrame(report, columns=["file", "line", "entry", "code", "status"])
