"""What every PETRARCH reader shares: the :class:`ImportReport` that counts what was
read and what could not be translated, reading a dictionary file's lines
without comments, PETRARCH phrases as eventcoder words, and the code blocks,
particles and null codes of the formats."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from eventcoder.dictionaries import normalize

__all__ = ["NULL_CODES", "PARTICLES", "TARGET_PREPS", "ImportReport"]

PARTICLES = frozenset("""about across after against along around at away back by down for from in
into of off on onto out over through to toward towards under up upon with""".split())
NULL_CODES = {"---", "+++", "###", "xxx", "xxy"}
#: Prepositions whose objects PETRARCH-style coding takes as the target when the
#: verb has no actor as its object ("restore ties with Gondor", "fired on Mordor").
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "for",
                "from", "over")


@dataclass
class ImportReport:
    """What a PETRARCH import read, and which features it could not translate.

    ``counts``: entries imported per kind ("actor phrases", "agents", "verbs",
    "patterns"). ``unsupported``: feature kind -> how often it occurred;
    ``examples``: up to three ``file:line: text`` per kind.
    """

    files: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    unsupported: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def note(self, kind: str, where: str, text: str) -> None:
        self.unsupported[kind] += 1
        ex = self.examples.setdefault(kind, [])
        if len(ex) < 3:
            ex.append(f"{where}: {text.strip()[:90]}")

    def to_frame(self) -> pd.DataFrame:
        """One row per unsupported feature kind: ``feature``, ``count``, ``example``."""
        rows = [{"feature": k, "count": n, "example": (self.examples.get(k) or [""])[0]}
                for k, n in self.unsupported.most_common()]
        return pd.DataFrame(rows, columns=["feature", "count", "example"])

    def lines(self) -> list[str]:
        """A readable summary, one line per count and per unsupported feature."""
        out = [f"read {len(self.files)} file(s) in {self.seconds:.1f} s: "
               + ", ".join(f"{n} {k}" for k, n in sorted(self.counts.items()))]
        if self.unsupported:
            out.append("not translated (counted, by feature):")
            for kind, n in self.unsupported.most_common():
                out.append(f"  {n:6d}  {kind}   e.g. {(self.examples.get(kind) or [''])[0]}")
        return out


# --------------------------------------------------------------------------- helpers
def _lines(path: Path) -> Iterable[tuple[int, str]]:
    """(line number, line without comment) for the non-empty lines of a file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    in_xml_comment = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml_comment:
            if "-->" in line:
                in_xml_comment = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!") or stripped.startswith("<"):
            if "-->" not in stripped and stripped.startswith("<!--"):
                in_xml_comment = True
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield lineno, line


def _words(phrase: str) -> str:
    """PETRARCH phrase -> eventcoder phrase: underscores are spaces, lower case."""
    return " ".join(normalize(phrase.replace("_", " ")).split())


_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
