"""Helpers shared by the benchmark scripts: corpora, the machine, RSS sampling."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
#: the article corpora of ../shared/corpora (the others there are event data)
ARTICLE_CORPORA = ("itn_wikipedia_in_the_news_de_en.jsonl", "ukraine_official_addresses_en_2022.jsonl",
                   "wikinews_en_2019_2021.jsonl")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All records of a JSON Lines file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def spread(rows: list[dict[str, Any]], n: int | None) -> list[dict[str, Any]]:
    """At most ``n`` rows evenly spaced in date order (as notebook 02 picks them); all if ``n`` is None."""
    rows = sorted(rows, key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))))
    if not n or len(rows) <= n:
        return rows
    step = (len(rows) - 1) / (n - 1) if n > 1 else 0
    return [rows[round(i * step)] for i in range(n)]


def articles(language: str, n: int) -> list[dict[str, Any]]:
    """``n`` articles in ``language``: English Wikinews, or the German ITN blurbs and the seed article."""
    if language == "en":
        path = CORPORA / "wikinews_en_2019_2021.jsonl"
        if not path.is_file():
            raise SystemExit(f"{path} not found: set EVENTCODER_SHARED to the shared folder")
        rows = [r for r in read_jsonl(path) if r.get("text")]
    else:
        rows = read_jsonl(REPO / "eventcoder" / "examples" / "seed_article_de.jsonl")
        itn = CORPORA / "itn_wikipedia_in_the_news_de_en.jsonl"
        if itn.is_file():
            rows += [r for r in read_jsonl(itn) if r.get("language") == "de" and r.get("text")]
    keep = ("id", "date", "language", "text")
    return [{k: r[k] for k in keep if k in r} | {"language": language} for r in rows[:n]]


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def machine() -> str:
    """CPU model, cores, memory and the load average (other jobs on the machine skew timings)."""
    model = platform.processor() or "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((line.split(":", 1)[1].strip() for line in out.splitlines()
                      if line.startswith("Model name")), model)
    except OSError:
        pass
    import psutil

    mem = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB; load average {load}"


class RssSampler:
    """Sample the resident memory of this process and its children in a background thread.

    Examples
    --------
    >>> with RssSampler(0.1) as rss:  # doctest: +SKIP
    ...     work()
    >>> rss.peak_mib  # doctest: +SKIP
    """

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self.interval = interval
        self.samples: list[tuple[float, float]] = []  # (seconds, MiB: process + children)
        self._proc = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._t0 = 0.0

    def now_mib(self) -> float:
        import psutil

        total = self._proc.memory_info().rss
        for child in self._proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - self._t0, self.now_mib()))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._t0 = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((time.perf_counter() - self._t0, self.now_mib()))

    def elapsed(self) -> float:
        """Seconds since sampling started."""
        return time.perf_counter() - self._t0

    @property
    def peak_mib(self) -> float:
        return max(m for _, m in self.samples)
