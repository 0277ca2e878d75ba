"""Readers of the dictionary files (``actors.tsv``, ``agents.tsv``, ``people.tsv``,
``verbs.yaml``, ``lang.yaml``): each row is validated, and an error names the file and
the line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import MISSING
from pathlib import Path
from typing import Any

import yaml

from ..cameo import load_cameo
from ..errors import DictionaryError
from .model import ACTOR_KINDS, ActorEntry, LanguageResources, LanguageRules, VerbPattern, normalize

__all__ = ["ACTOR_COLUMNS", "AGENT_COLUMNS", "FRAME_TARGETS", "load_actor_table", "load_agent_table",
           "load_frames", "load_rules", "load_verb_table", "load_yaml"]

class _Yaml12Loader(yaml.SafeLoader):
    """Safe YAML loader where only true/false are booleans ("on", "no" stay words), and
    a key given twice in one mapping is an error (YAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} given twice (lines {seen[key]} and {line})",
                        key_node.start_mark)
                seen[key] = line
            except TypeError:
                pass  # an unhashable key: the base class reports it
        return super().construct_mapping(node, deep=deep)


_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse YAML with YAML 1.2 booleans, so the preposition "on" stays a string."""
    return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def _read_text(path: Any) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: not valid UTF-8 ({exc.reason})") from exc


def _rows(path: Any, required: Iterable[str],
          allowed: Iterable[str] | None = None) -> Iterable[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` from a TSV with ``#`` comments and a header.

    ``allowed``: the columns the header may name (others are an error); any, if ``None``.
    """
    text = _read_text(path)
    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    body = [(i, line) for i, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        return
    header_no, header = body[0]
    columns = header.split("\t")
    missing = [c for c in required if c not in columns]
    if missing:
        raise DictionaryError(f"{path}, line {header_no}: header lacks column(s) {missing}")
    if allowed is not None:
        unknown = [c for c in columns if c not in allowed]
        if unknown:
            raise DictionaryError(
                f"{path}, line {header_no}: unknown column(s) {unknown} "
                f"(the columns are {', '.join(c for c in allowed)})")
        doubled = sorted({c for c in columns if columns.count(c) > 1})
        if doubled:
            raise DictionaryError(f"{path}, line {header_no}: column(s) {doubled} given twice")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in body[1:])), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    for (lineno, _), values in zip(body[1:], reader):
        if len(values) > len(columns):
            raise DictionaryError(
                f"{path}, line {lineno}: {len(values)} fields, header has {len(columns)}"
            )
        values += [""] * (len(columns) - len(values))
        yield lineno, {c: v.strip() for c, v in zip(columns, values)}


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{where}: date must be YYYY-MM-DD, got {value!r}") from None


def _check_actor_code(code: str, where: str) -> None:
    if not code or len(code) < 3 or not code.replace("-", "").isalnum() or code.upper() != code:
        raise DictionaryError(f"{where}: actor code must be upper-case letters, got {code!r}")


#: the columns of ``actors.tsv``/``people.tsv`` (``names`` is ``phrase`` in people.tsv) and ``agents.tsv``
ACTOR_COLUMNS = ("phrase", "names", "code", "kind", "start", "end", "note")
AGENT_COLUMNS = ("phrase", "role", "note")


def load_actor_table(path: Any, res: LanguageResources, *, override: bool = False,
                     strict: bool = False, fill: bool = False) -> int:
    """Add the rows of an ``actors.tsv``/``people.tsv`` file to ``res``; return the count.

    ``override``: a phrase this file names replaces what ``res`` knew about it (a
    user dictionary layered over the shipped ones); the file's own rows for one
    phrase (several date ranges) are all kept. ``strict`` (user dictionaries): a
    column other than :data:`ACTOR_COLUMNS`, and a phrase given twice for
    overlapping dates, are errors too. ``fill``: the reverse of ``override``, phrases
    ``res`` knew keep their entries and this file's rows for them are skipped (a
    generated file under the hand-made ones).
    """
    count = 0
    seen: set[str] = set()
    spans: dict[str, list[tuple[dt.date | None, dt.date | None, int]]] = {}
    known = set(res.actors) if fill else ()
    name = Path(str(path)).name
    for lineno, row in _rows(path, ["code"], ACTOR_COLUMNS if strict else None):
        where = f"{path}, line {lineno}"
        phrases = row.get("phrase") or row.get("names") or ""
        code, kind = row["code"], row.get("kind") or "person"
        if not phrases:
            raise DictionaryError(f"{where}: empty phrase")
        _check_actor_code(code, where)
        if kind not in ACTOR_KINDS:
            raise DictionaryError(f"{where}: unknown kind {kind!r} (one of {sorted(ACTOR_KINDS)})")
        entry = ActorEntry(code, kind, _date(row.get("start", ""), where),
                           _date(row.get("end", ""), where), f"{name}:{lineno}")
        if entry.start and entry.end and entry.end <= entry.start:
            raise DictionaryError(f"{where}: end {entry.end} is not after start {entry.start}")
        if strict:
            _check_overlap(phrases, entry, lineno, spans, where)
        for phrase in phrases.split("|"):
            endings = res.rules.adjective_endings if kind == "adj" else ("",)
            for ending in endings:
                text = phrase.strip() + ending
                if known and tuple(normalize(text).split()) in known:
                    continue
                replace = override and normalize(text) not in seen
                seen.add(normalize(text))
                res.add_actor(text, entry, replace=replace)
                count += 1
    return count


def _check_overlap(phrases: str, entry: ActorEntry, lineno: int,
                   spans: dict[str, list[tuple[dt.date | None, dt.date | None, int]]],
                   where: str) -> None:
    """Refuse a phrase that an earlier row of the file names for overlapping dates."""
    low, high = entry.start or dt.date.min, entry.end or dt.date.max
    for phrase in phrases.split("|"):
        key = " ".join(normalize(phrase).split())
        for start, end, line in spans.get(key, ()):
            if low < (end or dt.date.max) and (start or dt.date.min) < high:
                raise DictionaryError(
                    f"{where}: duplicate phrase {phrase.strip()!r}: line {line} names it for "
                    f"overlapping dates (give each row its own start/end, or merge the rows)")
        spans.setdefault(key, []).append((entry.start, entry.end, lineno))


def load_agent_table(path: Any, res: LanguageResources, *, strict: bool = False) -> int:
    """Add the rows of an ``agents.tsv`` file to ``res``; return the count.

    ``strict`` (user dictionaries): a column other than :data:`AGENT_COLUMNS`, and
    a phrase given twice, are errors too.
    """
    count = 0
    seen: dict[str, int] = {}
    for lineno, row in _rows(path, ["phrase", "role"], AGENT_COLUMNS if strict else None):
        where = f"{path}, line {lineno}"
        role = row["role"]
        if not row["phrase"]:
            raise DictionaryError(f"{where}: empty phrase")
        if role != "*" and (len(role) != 3 or not role.isalpha() or not role.isupper()):
            raise DictionaryError(f"{where}: role must be a 3-letter code or '*', got {role!r}")
        for phrase in row["phrase"].split("|") if strict else ():
            key = " ".join(normalize(phrase).split())
            if key in seen:
                raise DictionaryError(f"{where}: duplicate phrase {phrase.strip()!r} "
                                      f"(line {seen[key]} gives it already)")
            seen[key] = lineno
        for phrase in row["phrase"].split("|"):
            res.add_agent(phrase, role)
            count += 1
    return count


def _str_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(f"{where}: {key!r} must be a string or a list of strings")
    return tuple(normalize(v) for v in value)


_VERB_KEYS = {"code", "lemmas", "nouns", "target_preps", "target_relations", "source_relations",
              "one_sided", "intransitive", "note"}


def _entry_lines(text: str) -> list[int]:
    """The line on which each entry of a ``verbs.yaml`` list starts (valid YAML only)."""
    node = yaml.compose(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass
    if isinstance(node, yaml.MappingNode):
        node = next((v for k, v in node.value if k.value == "verbs"), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def load_verb_table(path: Any, res: LanguageResources, *, prefix: str, first: bool = False,
                    strict: bool = False) -> int:
    """Add the patterns of a ``verbs.yaml`` file to ``res``; return the count.

    Errors name the file, the line and the entry number. ``strict`` (user
    dictionaries): a lemma that an earlier entry lists with the same nouns is an
    error too (only one of them could ever code), and an entry replaces the
    patterns known before for the same verb and nouns (the shipped ones, or an
    earlier folder's).
    """
    text = _read_text(path)
    try:
        data = load_yaml(text) or []
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("verbs", [])
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of verb entries")
    lines = _entry_lines(text)
    cameo = load_cameo()
    count = 0
    seen: dict[tuple, str] = {}
    for n, item in enumerate(data, start=1):
        place = f"line {lines[n - 1]} (entry {n})" if n <= len(lines) else f"entry {n}"
        where = f"{path}, {place}"
        if not isinstance(item, dict):
            raise DictionaryError(f"{where}: expected a mapping, got {type(item).__name__}")
        unknown = set(item) - _VERB_KEYS
        if unknown:
            raise DictionaryError(f"{where}: unknown key(s) {sorted(map(str, unknown))}")
        code = item.get("code")
        if isinstance(code, int):
            raise DictionaryError(f"{where}: code {code!r} must be quoted so leading zeros survive")
        if not isinstance(code, str) or code not in cameo:
            raise DictionaryError(f"{where}: {code!r} is not a CAMEO event code")
        where = f"{where} (code {code})"
        lemmas = _str_tuple(item.get("lemmas"), where, "lemmas")
        if not lemmas:
            raise DictionaryError(f"{where}: 'lemmas' is required")
        one_sided = item.get("one_sided")
        if one_sided is not None and not isinstance(one_sided, bool):
            raise DictionaryError(f"{where}: 'one_sided' must be true or false")
        intransitive = item.get("intransitive", False)
        if not isinstance(intransitive, bool):
            raise DictionaryError(f"{where}: 'intransitive' must be true or false")
        if any(not lemma.strip() for lemma in lemmas):
            raise DictionaryError(f"{where}: empty lemma in {list(lemmas)}")
        nouns = tuple(sorted(_str_tuple(item.get("nouns"), where, "nouns")))
        for lemma in lemmas if strict else ():
            key = (" ".join(lemma.split()), nouns, intransitive)
            if key in seen:
                with_nouns = f" with nouns {list(nouns)}" if nouns else ""
                raise DictionaryError(f"{where}: duplicate verb {lemma!r}{with_nouns}: "
                                      f"{seen[key]} lists it already")
            seen[key] = place
        for lemma in lemmas:
            head, _, particle = lemma.partition(" ")
            res.add_verb(first=first, replace=strict, pattern=VerbPattern(
                code=code, lemma=lemma, particle=particle,
                nouns=_str_tuple(item.get("nouns"), where, "nouns"),
                target_preps=_str_tuple(item.get("target_preps"), where, "target_preps"),
                target_relations=_str_tuple(item.get("target_relations"), where, "target_relations"),
                source_relations=_str_tuple(item.get("source_relations"), where, "source_relations"),
                one_sided=one_sided, id=f"{prefix}#{n}", intransitive=intransitive,
            ))
            count += 1
    return count


def load_rules(path: Any) -> LanguageRules:
    """Read a ``lang.yaml`` file into :class:`LanguageRules`."""
    try:
        data = load_yaml(_read_text(path))
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping of rule names")
    kwargs: dict[str, Any] = {}
    for name, fld in LanguageRules.__dataclass_fields__.items():
        if name not in data:
            if fld.default is not MISSING:
                continue  # an optional rule (added later; older lang.yaml files lack it)
            raise DictionaryError(f"{path}: missing rule {name!r}")
        kwargs[name] = _rule_value(data[name], str(fld.type), f"{path}: rule {name!r}")
    return LanguageRules(**kwargs)


def _is_word(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _rule_value(value: Any, kind: str, where: str) -> Any:
    """Check and convert one ``lang.yaml`` value to the type of its rule."""
    if kind.startswith(("frozenset", "tuple")):
        items = [] if value is None else [value] if _is_word(value) else value
        if not isinstance(items, list) or not all(_is_word(v) for v in items):
            raise DictionaryError(f"{where} must be a word or a list of words, got {value!r}")
        if kind.startswith("frozenset"):
            return frozenset(normalize(str(v)) for v in items)
        return tuple(str(v) for v in items)
    if kind == "bool":
        if not isinstance(value, bool):
            raise DictionaryError(f"{where} must be true or false, got {value!r}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DictionaryError(f"{where} must be an integer, got {value!r}")
        try:
            return int(value)
        except ValueError:
            raise DictionaryError(f"{where} must be an integer, got {value!r}") from None
    if not _is_word(value):
        raise DictionaryError(f"{where} must be a word, got {value!r}")
    return str(value)




#: where a statement frame's target comes from (see resources/common/frames.yaml)
FRAME_TARGETS = ("embedded_source", "embedded_target")


def load_frames(common: Any, path: Any, res: LanguageResources) -> int:
    """Read the statement frames: codes from ``common`` (language-neutral), verbs from ``path``.

    Returns the number of frame verbs; errors name the file and the frame.
    """
    cameo = load_cameo()
    try:
        rules = load_yaml(_read_text(common)) or {}
        verbs = load_yaml(_read_text(path)) or {}
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(rules, dict) or not isinstance(verbs, dict):
        raise DictionaryError(f"{common} and {path} must map frame names")
    frames: dict[str, dict[str, Any]] = {}
    for name, rule in rules.items():
        where = f"{common}, frame {name!r}"
        if not isinstance(rule, dict) or rule.get("target") not in FRAME_TARGETS:
            raise DictionaryError(f"{where}: 'target' must be one of {FRAME_TARGETS}")
        codes = {str(k): str(v) for k, v in (rule.get("codes") or {}).items()}
        default = str(rule.get("default", ""))
        for code in (default, *codes.values()):
            if code not in cameo:
                raise DictionaryError(f"{where}: {code!r} is not a CAMEO event code")
        frames[str(name)] = {"target": rule["target"], "default": default, "codes": codes}
    count = 0
    lemmas: dict[str, str] = {}
    for name, words in verbs.items():
        if name not in frames:
            raise DictionaryError(f"{path}: unknown frame {name!r} (one of {sorted(frames)})")
        for word in _str_tuple(words, f"{path}, frame {name!r}", "verbs"):
            lemmas[normalize(word)] = str(name)
            count += 1
    res.frames = lemmas
    res.frame_rules = frames
    return count
