"""Checks on the paths a run writes, made before anything is read or written.

No output may be an input (after resolving links: a run would destroy what it reads), an
existing output is replaced only when asked, and every output must be writable, so that a
run that cannot finish fails at once with a message instead of after the whole corpus.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import OutputError

__all__ = ["check_distinct", "check_not_inputs", "check_writable", "same_file"]


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when ``a`` and ``b`` name the same file (links resolved, hard links too).

    Examples
    --------
    >>> same_file("eventcoder/../eventcoder/cli.py", "eventcoder/cli.py")
    True
    """
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def _read_by_folder(folder: Path, path: Path) -> bool:
    """True when ``path`` would be read as an article of the input folder ``folder``."""
    try:
        return (folder.is_dir() and path.suffix.lower() == ".txt"
                and os.path.realpath(path.parent) == os.path.realpath(folder))
    except OSError:
        return False


def check_not_inputs(inputs: Iterable[str | os.PathLike], outputs: Mapping[str, Path | None]) -> None:
    """Raise :class:`OutputError` when an output (``role -> path``) is one of the inputs.

    A folder input counts with the ``.txt`` files it would read.

    Examples
    --------
    >>> check_not_inputs(["a.jsonl"], {"output": Path("a.jsonl")})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    eventcoder.errors.OutputError: output a.jsonl is an input (a.jsonl): writing it would destroy it; ...
    """
    sources = [Path(p) for p in inputs]
    for role, path in outputs.items():
        if path is None:
            continue
        for source in sources:
            if same_file(path, source) or _read_by_folder(source, path):
                raise OutputError(f"{role} {path} is an input ({source}): writing it would destroy "
                                  f"it; choose another path")


def check_distinct(outputs: Mapping[str, Path | None]) -> None:
    """Raise :class:`OutputError` when two outputs (``role -> path``) are the same file.

    Examples
    --------
    >>> check_distinct({"output": Path("e.csv"), "quarantine file": Path("./e.csv")})
    Traceback (most recent call last):
    eventcoder.errors.OutputError: quarantine file e.csv is also the output; give each its own path
    """
    seen: list[tuple[str, Path]] = []
    for role, path in outputs.items():
        if path is None:
            continue
        for other_role, other in seen:
            if same_file(path, other):
                raise OutputError(f"{role} {path} is also the {other_role}; give each its own path")
        seen.append((role, path))


def _existing_ancestor(path: Path) -> Path:
    """``path`` or the nearest folder above it that exists."""
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor)


def check_writable(path: Path, role: str) -> None:
    """Raise :class:`OutputError` unless ``path`` can be written (created, with its folders).

    An existing file is opened for appending (nothing is written); for a new one, a
    temporary file is made and removed in its folder, or the nearest existing folder
    above it must be writable.
    """
    where = f"{role} {path}"
    try:
        if path.is_dir():
            raise OutputError(f"{where} is a folder, not a file")
        if path.exists():
            with open(path, "ab"):
                pass
            return
        folder = path.parent if str(path.parent) else Path(".")
        if folder.is_dir():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".eventcoder-write-check-")
            os.close(fd)
            os.unlink(tmp)
            return
        ancestor = _existing_ancestor(folder)
        if not ancestor.is_dir():
            raise OutputError(f"{where} cannot be made: {ancestor} is a file, not a folder")
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise OutputError(f"{where} cannot be made: the folder {ancestor} is not writable")
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{where} cannot be written: {exc.strerror or exc}") from None
