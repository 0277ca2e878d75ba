"""The words of one language's temporal expressions (``resources/<lang>/temporal.yaml``).

:func:`load_temporal` reads the file once per language into a frozen
:class:`TemporalLexicon` of lookup tables; :func:`_key` is the normalised form
of a word that every lookup uses.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from eventcoder.conllu import Word
from eventcoder.dictionaries import load_yaml
from eventcoder.resources_path import resource_dir

__all__ = ["TemporalLexicon", "load_temporal"]


@dataclass(frozen=True)
class TemporalLexicon:
    """The words of one language's ``temporal.yaml``, as read-only lookup tables."""

    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    day_parts: tuple[str, ...]
    unit_singular: dict[str, str]
    unit_plural: dict[str, str]
    relative: tuple[tuple[str, int], ...]
    relative_prefix_match: bool
    deictic_days: dict[str, int]
    deictic_upos: frozenset[str]
    ago_cases: frozenset[str]
    ago_words: frozenset[str]
    ahead_cases: frozenset[str]
    numbers: dict[str, int]
    skip_cases: frozenset[str]
    skip_words: frozenset[str]
    year_cases: frozenset[str]
    year_words: frozenset[str]
    period_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    skip_modifiers: tuple[str, ...] = ()
    indefinite_articles: frozenset[str] = frozenset()
    narrative_determiners: frozenset[str] = frozenset()
    after_cases: frozenset[str] = frozenset()
    seasons: dict[str, int] = field(default_factory=dict)
    numeric_date_order: str = "dmy"
    extra: dict = field(default_factory=dict)

    def matches(self, word: Word, words: Iterable[str]) -> bool:
        """Is ``word`` (form or lemma) in ``words`` (or starts with one, for prefix languages)?"""
        for text in (_key(word.form), _key(word.lemma)):
            for w in words:
                if text == w or (self.relative_prefix_match and text.startswith(w)):
                    return True
        return False

    def relative_offset(self, word: Word) -> int | None:
        """-1/0/+1 if ``word`` is "vergangen"/"dies"/"nächst" (or "last"/"this"/"next")."""
        for text in (_key(word.form), _key(word.lemma)):
            for stem, offset in self.relative:
                if text == stem or (self.relative_prefix_match and text.startswith(stem)):
                    return offset
        return None


def _key(text: str) -> str:
    return text.lower().rstrip(".") if text not in (".", "") else text


def _words(values: Iterable) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@functools.cache
def load_temporal(language: str) -> TemporalLexicon:
    """Read ``resources/<language>/temporal.yaml``.

    Parameters
    ----------
    language : str
        Language code ("de", "en").

    Returns
    -------
    TemporalLexicon

    Raises
    ------
    FileNotFoundError
        If the language has no ``temporal.yaml``.

    Examples
    --------
    >>> load_temporal("de").months["juli"]
    7
    """
    path = resource_dir(language) / "temporal.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no temporal expressions for language {language!r} ({path})")
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    months = {str(n).lower(): int(m) for m, names in data.get("months", {}).items() for n in names}
    weekdays = {str(n).lower(): int(d) for d, names in data.get("weekdays", {}).items()
                for n in names}
    singular: dict[str, str] = {}
    plural: dict[str, str] = {}
    for unit, forms in (data.get("units") or {}).items():
        for form in forms.get("singular", ()):
            singular[str(form).lower()] = unit
        for form in forms.get("plural", ()):
            plural[str(form).lower()] = unit
    relative = tuple(sorted(((str(w).lower(), int(off)) for off, ws in
                             (data.get("relative") or {}).items() for w in ws),
                            key=lambda p: -len(p[0])))
    return TemporalLexicon(
        language=language,
        months=MappingProxyType(months),
        weekdays=MappingProxyType(weekdays),
        day_parts=tuple(str(p).lower() for p in data.get("day_parts") or ()),
        unit_singular=MappingProxyType(singular),
        unit_plural=MappingProxyType(plural),
        relative=relative,
        relative_prefix_match=bool(data.get("relative_prefix_match", False)),
        deictic_days=MappingProxyType({str(k).lower(): int(v)
                                       for k, v in (data.get("deictic_days") or {}).items()}),
        deictic_upos=frozenset(data.get("deictic_upos") or ()),
        ago_cases=_words(data.get("ago_cases")),
        ago_words=_words(data.get("ago_words")),
        ahead_cases=_words(data.get("ahead_cases")),
        numbers=MappingProxyType({str(k).lower(): int(v)
                                  for k, v in (data.get("numbers") or {}).items()}),
        skip_cases=_words(data.get("skip_cases")),
        skip_words=_words(data.get("skip_words")),
        year_cases=_words(data.get("year_cases")),
        year_words=_words(data.get("year_words")),
        period_words=_words(data.get("period_words")),
        future_auxiliaries=_words(data.get("future_auxiliaries")),
        skip_modifiers=tuple(sorted(_words(data.get("skip_modifiers")))),
        indefinite_articles=_words(data.get("indefinite_articles")),
        narrative_determiners=_words(data.get("narrative_determiners")),
        after_cases=_words(data.get("after_cases")),
        seasons=MappingProxyType({str(k).lower(): int(v)
                                  for k, v in (data.get("seasons") or {}).items()}),
        numeric_date_order=str(data.get("numeric_date_order", "dmy")),
    )
