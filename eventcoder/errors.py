"""Every exception eventcoder raises on purpose, in one place.

Each class derives from :class:`EventcoderError` (catch that for "anything eventcoder
refused") and from the built-in exception it has always been (``ValueError``,
``FileNotFoundError``), so existing ``except ValueError`` code keeps working.

Examples
--------
>>> from eventcoder.errors import EventcoderError, UnknownLanguageError
>>> issubclass(UnknownLanguageError, EventcoderError), issubclass(UnknownLanguageError, ValueError)
(True, True)
"""

from __future__ import annotations

__all__ = [
    "ConlluError",
    "DictionaryError",
    "EventcoderError",
    "FrozenResourcesError",
    "GoldError",
    "InputError",
    "ModelsNotFoundError",
    "OutputError",
    "ResumeError",
    "UnknownLanguageError",
]


class EventcoderError(Exception):
    """Base class of the errors eventcoder raises on purpose."""


class InputError(EventcoderError, ValueError):
    """An input record that cannot be coded (no text, a bad date, an unknown language).

    Convenience calls on one text raise it; corpus calls quarantine the record
    instead and count it. ``reason_code`` is the quarantine reason code
    (:data:`eventcoder.records.QUARANTINE_REASONS`).
    """

    def __init__(self, message: str, reason_code: str = "") -> None:
        super().__init__(message)
        self.reason_code = reason_code


class UnknownLanguageError(InputError):
    """No resources exist for the requested language; the message lists the supported ones."""

    def __init__(self, message: str, reason_code: str = "unknown_language") -> None:
        super().__init__(message, reason_code)


class DictionaryError(EventcoderError, ValueError):
    """A dictionary file that cannot be used; the message names file and row."""


class FrozenResourcesError(EventcoderError, TypeError):
    """Shipped language resources are shared and read-only: build a new object to extend them."""


class ConlluError(EventcoderError, ValueError):
    """A CoNLL-U input that cannot be read; the message names source and line."""


class GoldError(EventcoderError, ValueError):
    """A gold-standard file that cannot be read; the message names file and record."""


class ModelsNotFoundError(EventcoderError, FileNotFoundError):
    """No usable parsing models were found; the message names the fix."""


class OutputError(EventcoderError, ValueError):
    """An output path that cannot be used: it is an input, it exists (and overwriting was not
    asked for), or it cannot be written. Raised before anything is read or written."""


class ResumeError(EventcoderError, ValueError):
    """An interrupted run cannot be resumed as asked (inputs or settings changed)."""
