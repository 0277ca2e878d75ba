"""Where the package's per-language resource folders are."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

__all__ = ["resource_dir"]


def resource_dir(*parts: str) -> Traversable:
    """The package data folder ``eventcoder/resources/<parts...>``.

    Examples
    --------
    >>> (resource_dir("de") / "lang.yaml").is_file()
    True
    """
    path = resources.files("eventcoder") / "resources"
    for part in parts:
        path = path / part
    return path
