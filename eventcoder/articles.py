"""Raw article text -> events: read articles, parse them with stanza, code them.

Bad records (no text, undecodable bytes, a JSONL line that is not JSON, an
unsupported language, a date that is not a date) are never dropped silently:
they are logged by record and collected in ``frame.attrs["quarantine"]`` (a list
of ``{"record": ..., "reason": ...}``), and the rest of the batch completes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

import pandas as pd

from .api import code_parsed
from .dates import parse_date
from .dictionaries import UnknownLanguageError, available_languages
from .events import EVENT_COLUMNS, events_to_frame

__all__ = ["code_articles", "code_text", "read_articles"]

logger = logging.getLogger(__name__)


def _read_jsonl(path: Path, quarantine: list[dict]) -> list[dict]:
    rows = []
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                quarantine.append({"record": where, "reason": f"undecodable bytes ({exc.reason})",
                                   "original": raw.decode("utf-8", "replace")})
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                quarantine.append({"record": where, "reason": f"bad JSON: {exc.msg}", "original": line})
                continue
            if not isinstance(row, dict):
                quarantine.append({"record": where, "reason": "JSON line is not an object",
                                   "original": line})
                continue
            row.setdefault("_record", where)
            rows.append(row)
    return rows


def _read_txt(path: Path, quarantine: list[dict]) -> list[dict]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        quarantine.append({"record": str(path), "reason": f"undecodable bytes ({exc.reason})"})
        return []
    return [{"id": path.stem, "text": text, "_record": str(path)}]


def read_articles(source: str | os.PathLike | pd.DataFrame, quarantine: list[dict] | None = None,
                  ) -> pd.DataFrame:
    """Read articles from a DataFrame, a .jsonl/.csv/.parquet/.txt file or a folder of .txt.

    Returns one row per article; unreadable records go to ``quarantine``.
    """
    quarantine = quarantine if quarantine is not None else []
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame["_record"] = [f"row {i}" for i in range(len(frame))]
        return frame
    path = Path(source)
    if path.is_dir():
        rows = [r for p in sorted(path.glob("*.txt")) for r in _read_txt(p, quarantine)]
        return pd.DataFrame(rows)
    if not path.exists():
        raise FileNotFoundError(f"articles not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return pd.DataFrame(_read_jsonl(path, quarantine))
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    elif suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".txt":
        return pd.DataFrame(_read_txt(path, quarantine))
    else:
        raise ValueError(f"{path}: unsupported input type {suffix!r} (.txt, .jsonl, .csv, .parquet)")
    frame["_record"] = [f"{path}:row {i + 1}" for i in range(len(frame))]
    return frame


def code_text(text: str, *, language: str, date: str | dt.date | None = None,
              doc_id: str | None = None, **parse_options) -> pd.DataFrame:
    """Parse one text with stanza and code it into events.

    Parameters
    ----------
    text : str
        Article text.
    language : str
        "de" or "en".
    date : str or datetime.date, optional
        Publication date ``YYYY-MM-DD`` (selects office holders; anchors "am Mittwoch").
    doc_id : str, optional
        Document id for the records (default ``"doc1"``).
    **parse_options
        Passed to :func:`eventcoder.parsing.parse_texts` (``model_dir``,
        ``cache_dir``, ``use_cache``, ``progress``).

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`eventcoder.events_to_frame`.

    Examples
    --------
    >>> frame = code_text("Russland verurteilte Japan.", language="de")  # doctest: +SKIP
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"document {doc_id or 'doc1'!r}: empty text")
    frame = pd.DataFrame([{"id": doc_id or "doc1", "text": text, "date": date or "",
                           "language": language}])
    return code_articles(frame, **parse_options)


def _group_language(language: str | None, row: pd.Series) -> str:
    value = row.get("language") if "language" in row else None
    if isinstance(value, str) and value.strip():
        return value.strip().lower()
    if language:
        return language.lower()
    raise UnknownLanguageError("no language given and the record has no 'language' field")


def code_articles(
    articles: str | os.PathLike | pd.DataFrame,
    *,
    language: str | None = None,
    text: str = "text",
    date: str = "date",
    id: str = "id",
    date_default: str | dt.date | None = None,
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    progress: bool = True,
) -> pd.DataFrame:
    """Code many articles (one row each) into one events frame.

    Parameters
    ----------
    articles : DataFrame or path
        A DataFrame, or a ``.jsonl``, ``.csv``, ``.parquet`` or ``.txt`` file, or
        a folder of ``.txt`` files.
    language : str, optional
        Language of all articles; a per-article ``language`` column wins.
    text, date, id : str
        Column names of the text, the publication date and the article id.
    date_default : str, optional
        Date for articles without one.
    model_dir, cache_dir, use_cache, progress
        Parsing options (see :func:`eventcoder.parsing.parse_texts`).

    Returns
    -------
    pandas.DataFrame
        The events (columns of :func:`eventcoder.events_to_frame`).
        ``frame.attrs["quarantine"]`` lists records that could not be coded, with
        the reason; ``frame.attrs["summary"]`` counts input, coded, no_event and
        quarantined records (coded + no_event + quarantined = input).
    """
    from .parsing import parse_texts

    quarantine: list[dict] = []
    frame = read_articles(articles, quarantine)
    n_input = len(frame) + len(quarantine)
    supported = set(available_languages())
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for i, row in frame.iterrows():
        record = row.get("_record", f"row {i}")
        doc_id = str(row.get(id) or "") or f"doc{i + 1}"
        body = row.get(text)
        if not isinstance(body, str) or not body.strip():
            quarantine.append({"record": record, "reason": "no text"})
            continue
        try:
            lang = _group_language(language, row)
        except UnknownLanguageError as exc:
            quarantine.append({"record": record, "reason": str(exc)})
            continue
        if lang not in supported:
            quarantine.append({"record": record, "reason": f"unsupported language {lang!r}"})
            continue
        raw_date = row.get(date) if date in row else None
        raw_date = raw_date if isinstance(raw_date, str | dt.date) and raw_date != "" else date_default
        try:
            day = parse_date(raw_date, where=f"record {record}")
        except ValueError as exc:
            quarantine.append({"record": record, "reason": str(exc)})
            continue
        groups.setdefault(lang, []).append((doc_id, body, day.isoformat() if day else ""))
    frames = []
    n_coded = 0
    n_docs = 0
    for lang, items in groups.items():
        docs = parse_texts([t for _, t, _ in items], language=lang, model_dir=model_dir,
                           cache_dir=cache_dir, use_cache=use_cache, progress=progress)
        for doc, (doc_id, _, day) in zip(docs, items):
            doc.id = doc_id
            if day:
                doc.metadata["date"] = day
        events = code_parsed(docs, language=lang)
        n_docs += len(docs)
        n_coded += events["doc_id"].nunique() if len(events) else 0
        frames.append(events)
    for item in quarantine:
        logger.warning("quarantined %s: %s", item["record"], item["reason"])
    out = pd.concat(frames, ignore_index=True) if frames else events_to_frame([])
    out = out[list(EVENT_COLUMNS)]
    out.attrs["quarantine"] = quarantine
    out.attrs["summary"] = {"input": n_input, "coded": int(n_coded), "no_event": n_docs - int(n_coded),
                            "quarantined": len(quarantine)}
    return out
