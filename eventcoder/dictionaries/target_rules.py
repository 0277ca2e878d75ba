"""Which CAMEO events may stand without a target, and which are domestic by nature.

The table is language-neutral data (``resources/common/targets.yaml``, each row with
the reason from the CAMEO codebook). :func:`load_target_rules` reads it into a
:class:`TargetRules`, which :func:`eventcoder.load_language` keeps as
``LanguageResources.target_rules``; the coder asks it whether an event without a
target is kept and whether a source may act on its own country as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DictionaryError

__all__ = ["TargetRules", "load_target_rules"]

_SECTIONS = ("one_sided", "domestic")


@dataclass(frozen=True)
class TargetRules:
    """CAMEO code prefixes that may stand without a target, and that are domestic by nature.

    Attributes
    ----------
    one_sided : tuple of str
        Code prefixes ("14", "150", "0873") whose events are kept without a target.
    domestic : tuple of str
        Code prefixes whose events a source may do to its own country as a whole
        (protests, arrests, curfews).
    reasons : tuple of (str, str, str)
        ``(section, prefix, why)`` rows of the table.

    An empty table (the default, e.g. for resources built from PETRARCH files alone)
    lets no code stand without a target and treats no code as domestic.

    Examples
    --------
    >>> rules = TargetRules(one_sided=("14", "150"), domestic=("173",))
    >>> rules.may_stand_alone("141"), rules.may_stand_alone("190")
    (True, False)
    >>> rules.is_domestic("173"), rules.is_domestic("190")
    (True, False)
    """

    one_sided: tuple[str, ...] = ()
    domestic: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str, str], ...] = ()

    def may_stand_alone(self, code: str) -> bool:
        """Whether an event with CAMEO ``code`` is kept without a target.

        Examples
        --------
        >>> TargetRules(one_sided=("15",)).may_stand_alone("150")
        True
        """
        return bool(self.one_sided) and code.startswith(self.one_sided)

    def is_domestic(self, code: str) -> bool:
        """Whether a source may do an event with CAMEO ``code`` to its own country as a whole.

        Examples
        --------
        >>> TargetRules(domestic=("173",)).is_domestic("173")
        True
        """
        return bool(self.domestic) and code.startswith(self.domestic)


def load_target_rules(path: str | Path) -> TargetRules:
    """Read a targets table (``resources/common/targets.yaml``).

    Parameters
    ----------
    path : path
        A YAML file with the sections ``one_sided`` and ``domestic``, each a list
        of ``{code: "<CAMEO prefix>", why: "<reason>"}``.

    Returns
    -------
    TargetRules

    Raises
    ------
    DictionaryError
        A section or key the table does not have, a code that is not CAMEO, a
        row without a reason, or a prefix given twice (the message names file and row).

    Examples
    --------
    >>> from eventcoder.resources_path import resource_dir
    >>> rules = load_target_rules(resource_dir("common", "targets.yaml"))
    >>> rules.may_stand_alone("141"), rules.is_domestic("173"), rules.is_domestic("190")
    (True, True, False)
    """
    from ..cameo import load_cameo
    from .readers import _read_text, load_yaml

    path = Path(path)
    try:
        data = load_yaml(_read_text(path)) or {}
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) - set(_SECTIONS):
        raise DictionaryError(f"{path}: must map {' and '.join(_SECTIONS)} to lists of codes")
    cameo = load_cameo()
    found: dict[str, tuple[str, ...]] = {}
    reasons: list[tuple[str, str, str]] = []
    for section in _SECTIONS:
        rows = data.get(section) or []
        if not isinstance(rows, list):
            raise DictionaryError(f"{path}: {section!r} must be a list")
        codes: list[str] = []
        for n, row in enumerate(rows, 1):
            where = f"{path}, {section} row {n}"
            if not isinstance(row, dict) or set(row) - {"code", "why"}:
                raise DictionaryError(f"{where}: a row has 'code' and 'why' only")
            code, why = row.get("code"), row.get("why")
            if not isinstance(code, str) or code not in cameo:
                raise DictionaryError(f"{where}: {code!r} is not a quoted CAMEO event code")
            if not isinstance(why, str) or not why.strip():
                raise DictionaryError(f"{where} (code {code}): say 'why' from the codebook")
            if code in codes:
                raise DictionaryError(f"{where}: code {code} given twice")
            codes.append(code)
            reasons.append((section, code, why))
        found[section] = tuple(codes)
    return TargetRules(one_sided=found["one_sided"], domestic=found["domestic"], reasons=tuple(reasons))
