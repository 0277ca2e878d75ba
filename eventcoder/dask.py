"""Code a Dask DataFrame or Bag of articles, partition by partition.

When one machine is not enough, put the articles in a Dask collection and let a
``dask.distributed`` cluster code them. Each partition is a plain pandas frame
of articles (``id``, ``text``, ``date``, optionally ``language``), coded on a
worker by :func:`eventcoder.batch.engine.code_records` (what :func:`eventcoder.code_articles`
and :func:`eventcoder.stream.code_stream` run), so a partition gives exactly the
events, quarantine and accounting that the same articles give on one machine.

One parser per worker
    stanza pipelines are built by :mod:`eventcoder.parsing`, which keeps one
    pipeline per process and model identity; the dictionaries are loaded once
    per process too (:func:`eventcoder.load_language`). A worker *process*
    therefore loads the models on its first partition and reuses them for
    every later one. Within a process, partitions are coded one at a time (a
    lock guards the shared pipeline, which is not thread-safe), so start
    workers with one thread each and get parallelism from processes:
    ``LocalCluster(n_workers=N, threads_per_worker=1, processes=True)``.
    :class:`PreloadModels` is an optional worker plugin that loads the models
    when a worker starts (and caps torch's threads per worker), so the first
    partition does not pay for it.

Nothing is dropped
    :func:`code_dask` returns the events, the quarantined records (with the
    reason and the original row) and per-partition counts, all from the same
    tasks: compute them together (``dask.compute(*result)`` or
    ``result.persist()``) and every partition is parsed once. Over all
    partitions, ``coded + no_event + quarantined == input``.

On a real cluster the same code runs unchanged: connect a client with
``Client("tcp://scheduler:8786")`` before computing. The workers need
eventcoder (and its models, or the ``model_dir`` you pass, at the same path)
installed; a shared ``cache_dir`` lets re-runs skip parsing.

Examples
--------
>>> import dask.dataframe as dd, pandas as pd
>>> from eventcoder.dask import code_dask_dataframe
>>> articles = dd.from_pandas(pd.DataFrame({
...     "id": ["a1", "a2"], "date": ["2023-08-30", "2023-08-31"],
...     "text": ["Russland verurteilte Japan.", "Die USA kritisierten China."]}),
...     npartitions=2)
>>> events = code_dask_dataframe(articles, language="de")  # doctest: +SKIP
>>> events.compute()[["doc_id", "source", "target", "event_code"]]  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from typing import Any, NamedTuple

import pandas as pd

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    from dask.delayed import Delayed, delayed
    from distributed import WorkerPlugin
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError("eventcoder.dask needs dask and distributed: pip install 'eventcoder[dask]'") from exc

from eventcoder.batch.engine import check_language, code_records
from eventcoder.batch.readers import record_from_item
from eventcoder.batch.records import QUARANTINE_COLUMNS as RECORD_QUARANTINE_COLUMNS
from eventcoder.batch.records import Record, RecordOptions, describe, quarantine_frame
from eventcoder.dates import parse_date
from eventcoder.dictionaries import check_dictionaries
from eventcoder.events import EVENT_COLUMNS, events_to_frame

__all__ = [
    "QUARANTINE_COLUMNS",
    "SUMMARY_COLUMNS",
    "DaskCoding",
    "PreloadModels",
    "code_dask",
    "code_dask_bag",
    "code_dask_dataframe",
    "code_partition",
    "events_meta",
]

logger = logging.getLogger(__name__)

#: columns of the quarantine frame: the partition, then the columns of
#: :func:`eventcoder.quarantine_frame` (``index`` is the position within the partition)
QUARANTINE_COLUMNS: tuple[str, ...] = ("partition", *RECORD_QUARANTINE_COLUMNS)
#: columns of the per-partition accounting frame
SUMMARY_COLUMNS: tuple[str, ...] = ("partition", "input", "coded", "no_event", "quarantined", "events")

# stanza pipelines are shared by the threads of a worker process and are not thread-safe
_PARSE_LOCK = threading.Lock()


class DaskCoding(NamedTuple):
    """What :func:`code_dask` returns: three lazy Dask DataFrames built on the same tasks.

    Attributes
    ----------
    events : dask.dataframe.DataFrame
        The events, columns :data:`eventcoder.EVENT_COLUMNS` (see :func:`events_meta`).
    quarantine : dask.dataframe.DataFrame
        One row per record that could not be coded: :data:`QUARANTINE_COLUMNS`.
    summary : dask.dataframe.DataFrame
        One row per partition: :data:`SUMMARY_COLUMNS`.
    """

    events: dd.DataFrame
    quarantine: dd.DataFrame
    summary: dd.DataFrame

    def persist(self, **kwargs: Any) -> DaskCoding:
        """Persist the three frames together (each partition is coded once)."""
        return DaskCoding(*dask.persist(*self, **kwargs))

    def compute(self, **kwargs: Any) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Compute the three frames together (each partition is coded once)."""
        return dask.compute(*self, **kwargs)


def events_meta() -> pd.DataFrame:
    """An empty events frame: the schema (columns and dtypes) of the Dask results.

    Examples
    --------
    >>> events_meta().columns.tolist() == list(EVENT_COLUMNS)
    True
    >>> str(events_meta()["quad_class"].dtype)
    'int64'
    """
    return events_to_frame([])


def _quarantine_meta() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("partition", "index") else object)
                         for c in QUARANTINE_COLUMNS})


def _summary_meta() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64") for c in SUMMARY_COLUMNS})


def _label(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value  # numpy scalar -> Python


def _with_ids(articles: pd.DataFrame, id: str) -> pd.DataFrame:
    """Give rows without an id one from their index label (``doc{label + 1}`` for integers).

    A partition's row positions restart at 0, so the ids that
    :func:`eventcoder.code_articles` derives from them would repeat across
    partitions; the index labels of a Dask frame do not (with a RangeIndex they
    are the positions in the whole frame, and the ids match a single run).
    """
    labels = [_label(lab) for lab in articles.index]
    made = [f"doc{lab + 1}" if isinstance(lab, int) else str(lab) for lab in labels]
    if id not in articles.columns:
        return articles.assign(**{id: made})
    current = articles[id]
    missing = current.isna() | (current.astype(str).str.strip() == "")
    if not missing.any():
        return articles
    out = articles.copy()
    out[id] = [m if miss else v for v, m, miss in zip(current.tolist(), made, missing.tolist())]
    return out


def _options(language: str | None = None, date: str | dt.date | None = None,
             speaker: str | None = None, text_field: str = "text", date_field: str = "date",
             id_field: str = "id", speaker_field: str = "speaker",
             model_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
             use_cache: bool = True, dictionaries: tuple[str, ...] = ()) -> RecordOptions:
    day = parse_date(date, where="date")
    language = check_language(language)
    check_dictionaries(dictionaries, language)  # before any task is built
    return RecordOptions(language=language, date=day, speaker=speaker,
                         text_field=text_field, date_field=date_field, id_field=id_field,
                         speaker_field=speaker_field,
                         model_dir=None if model_dir is None else os.fspath(model_dir),
                         cache_dir=None if cache_dir is None else os.fspath(cache_dir),
                         use_cache=use_cache, dictionaries=tuple(os.fspath(d) for d in dictionaries))


def _code(records: list[Record], partition: int, options: RecordOptions,
          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Code one partition's records into (events, quarantine, summary) frames."""
    with _PARSE_LOCK:
        coded = code_records(records, options)
    for item in coded.quarantine:
        logger.warning("quarantined %s: %s", describe(item), item["reason"])
    quarantine = quarantine_frame(coded.quarantine)
    quarantine.insert(0, "partition", partition)
    quarantine = quarantine.astype(_quarantine_meta().dtypes.to_dict())
    counts = coded.counts()
    summary = pd.DataFrame([{"partition": partition, **{c: int(counts[c]) for c in SUMMARY_COLUMNS[1:]}}],
                           columns=list(SUMMARY_COLUMNS)).astype("int64")
    events = coded.events[list(EVENT_COLUMNS)].astype(events_meta().dtypes.to_dict())
    return events.reset_index(drop=True), quarantine, summary


def code_partition(
    articles: pd.DataFrame,
    *,
    partition: int = 0,
    **options: Any,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Code one pandas partition of articles: ``(events, quarantine, summary)``.

    This is what runs on a worker. Each row is one record for
    :func:`eventcoder.batch.engine.code_records` (the function behind
    :func:`eventcoder.code_articles`), named ``partition P, row R (index L)``.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article.
    partition : int
        Number of the partition, recorded in the quarantine and summary rows.
    **options
        As for :func:`eventcoder.code_articles` (``language``, ``date``,
        ``text_field``, ``id_field``, ...). Rows without an id get ``doc{label + 1}``
        from an integer index label, else the label.

    Returns
    -------
    events : pandas.DataFrame
        Columns :data:`eventcoder.EVENT_COLUMNS`, in input order.
    quarantine : pandas.DataFrame
        Columns :data:`QUARANTINE_COLUMNS`; ``original`` holds the row as JSON.
    summary : pandas.DataFrame
        One row, columns :data:`SUMMARY_COLUMNS`.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": ["a1"], "text": [""]})
    >>> events, quarantine, summary = code_partition(frame, language="de")
    >>> quarantine[["record", "reason_code"]].values.tolist()
    [['partition 0, row 0 (index 0)', 'no_text']]
    >>> summary[["input", "quarantined"]].values.tolist()
    [[1, 1]]
    """
    opts = _options(**options)
    articles = _with_ids(articles, opts.id_field)
    columns = list(articles.columns)
    records = [
        Record(pos, f"partition {partition}, row {pos} (index {_label(label)!r})",
               row=dict(zip(columns, values)), ordinal=pos + 1)
        for pos, (label, values) in enumerate(zip(articles.index,
                                                  articles.itertuples(index=False, name=None)))
    ]
    return _code(records, partition, opts)


def _bag_record(item: Any, pos: int, partition: int, id_field: str) -> Record:
    """One Bag item (a dict, or a JSON Lines string) as a record; unreadable ones carry the problem."""
    return record_from_item(item, pos, f"partition {partition}, item {pos}", ordinal=pos + 1,
                            id_field=id_field, default_id=f"doc{partition}-{pos + 1}")


def _code_bag_partition(items: list[Any], *, partition: int, **options: Any,
                        ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    opts = _options(**options)
    records = [_bag_record(item, pos, partition, opts.id_field) for pos, item in enumerate(items)]
    return _code(records, partition, opts)


def _code_delayed(func: Any, parts: list[Delayed], options: dict[str, Any]) -> DaskCoding:
    coded = [delayed(func, nout=3, pure=True)(part, partition=i, **options)
             for i, part in enumerate(parts)]
    if not coded:
        return DaskCoding(dd.from_pandas(events_meta(), npartitions=1),
                          dd.from_pandas(_quarantine_meta(), npartitions=1),
                          dd.from_pandas(_summary_meta(), npartitions=1))
    return DaskCoding(
        dd.from_delayed([c[0] for c in coded], meta=events_meta(), verify_meta=False),
        dd.from_delayed([c[1] for c in coded], meta=_quarantine_meta(), verify_meta=False),
        dd.from_delayed([c[2] for c in coded], meta=_summary_meta(), verify_meta=False),
    )


def code_dask(
    articles: dd.DataFrame | db.Bag,
    *,
    language: str | None = None,
    date: str | dt.date | None = None,
    speaker: str | None = None,
    text_field: str = "text",
    date_field: str = "date",
    id_field: str = "id",
    speaker_field: str = "speaker",
    model_dir: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    dictionaries: tuple[str, ...] = (),
) -> DaskCoding:
    """Code a Dask DataFrame (or Bag) of articles: lazy events, quarantine and accounting.

    Parameters
    ----------
    articles : dask.dataframe.DataFrame or dask.bag.Bag
        One row per article (columns as for :func:`eventcoder.code_articles`);
        a Bag holds dicts (or JSON strings, e.g. ``dask.bag.read_text`` of JSONL).
    language, date, speaker, text_field, date_field, id_field, speaker_field, dictionaries
        As for :func:`eventcoder.code_articles`: the same names with the same meaning
        in every entry point (``date`` is a value, ``*_field`` are column names).
    model_dir : str or path, optional
        Explicit stanza model folder; it must exist at this path on every worker.
    cache_dir : str or path, optional
        Parse cache folder (default: each worker's user cache folder). A shared
        folder lets re-runs on any worker skip parsing.
    use_cache : bool, default True
        Read and write the parse cache.

    Returns
    -------
    DaskCoding
        ``(events, quarantine, summary)``, three lazy Dask DataFrames computed from
        the same per-partition tasks: compute or persist them together.

    Raises
    ------
    TypeError
        For anything but a Dask DataFrame or Bag.
    eventcoder.UnknownLanguageError
        For a ``language`` without dictionaries (records with their own
        unsupported language are quarantined instead).

    Examples
    --------
    >>> result = code_dask(articles, language="en")  # doctest: +SKIP
    >>> events, quarantine, summary = result.compute()  # doctest: +SKIP
    >>> summary[["input", "coded", "no_event", "quarantined"]].sum()  # doctest: +SKIP
    """
    options = {"language": language, "date": date, "speaker": speaker, "text_field": text_field,
               "date_field": date_field, "id_field": id_field, "speaker_field": speaker_field,
               "model_dir": None if model_dir is None else os.fspath(model_dir),
               "cache_dir": None if cache_dir is None else os.fspath(cache_dir),
               "use_cache": use_cache, "dictionaries": tuple(os.fspath(d) for d in dictionaries)}
    _options(**options)  # check language and date before any task runs
    if isinstance(articles, db.Bag):
        return _code_delayed(_code_bag_partition, list(articles.to_delayed()), options)
    if isinstance(articles, dd.DataFrame):
        return _code_delayed(code_partition, list(articles.to_delayed()), options)
    raise TypeError(f"expected a dask DataFrame or Bag of articles, got {type(articles).__name__}; "
                    "for pandas frames use eventcoder.code_articles")


def code_dask_dataframe(
    ddf: dd.DataFrame,
    **options: Any,
) -> dd.DataFrame:
    """Code a Dask DataFrame of articles into a lazy Dask DataFrame of events.

    Quarantined records are logged on the workers; to get them as data (and the
    counts), use :func:`code_dask`, whose ``events`` is this frame.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per article.
    **options
        See :func:`code_dask`.

    Returns
    -------
    dask.dataframe.DataFrame
        The events schema (:func:`events_meta`): columns
        :data:`eventcoder.EVENT_COLUMNS`; text columns come back as Dask's string dtype.

    Examples
    --------
    >>> events = code_dask_dataframe(articles, language="de")  # doctest: +SKIP
    >>> events.groupby("event_code").size().compute()  # doctest: +SKIP
    """
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, got {type(ddf).__name__}")
    return code_dask(ddf, **options).events


def code_dask_bag(bag: db.Bag, **options: Any) -> DaskCoding:
    """Code a Dask Bag of article dicts (or JSON lines): see :func:`code_dask`.

    Items that are not JSON objects are quarantined (``bad_json``,
    ``not_object``), with the item as the original record. Items without an id
    get ``doc{partition}-{n}``.

    Examples
    --------
    >>> bag = dask.bag.read_text("articles-*.jsonl")  # doctest: +SKIP
    >>> events, quarantine, summary = code_dask_bag(bag, language="en").compute()  # doctest: +SKIP
    """
    if not isinstance(bag, db.Bag):
        raise TypeError(f"expected a dask Bag, got {type(bag).__name__}")
    return code_dask(bag, **options)


class PreloadModels(WorkerPlugin):
    """Worker plugin: load the parsing models (and dictionaries) when a worker starts.

    Optional: without it a worker loads them on its first partition. It also
    caps torch's intra-op threads, so N single-threaded workers on N cores do
    not oversubscribe the CPU.

    Parameters
    ----------
    languages : list of str
        Languages to load ("de", "en").
    model_dir : str, optional
        Explicit model folder, as passed to :func:`code_dask`.
    torch_threads : int, optional
        ``torch.set_num_threads`` on each worker (default: leave torch alone).

    Examples
    --------
    >>> client.register_plugin(PreloadModels(["de", "en"], torch_threads=1))  # doctest: +SKIP
    """

    name = "eventcoder-preload-models"

    def __init__(self, languages: list[str], model_dir: str | os.PathLike | None = None,
                 torch_threads: int | None = None) -> None:
        self.languages = list(languages)
        self.model_dir = None if model_dir is None else os.fspath(model_dir)
        self.torch_threads = torch_threads

    def setup(self, worker: Any) -> None:
        from eventcoder.dictionaries import load_language
        from eventcoder.parsing import _pipeline, resolve_models

        if self.torch_threads:
            import torch

            torch.set_num_threads(int(self.torch_threads))
        with _PARSE_LOCK:
            for lang in self.languages:
                load_language(lang)
                _pipeline(resolve_models(lang, self.model_dir))
        logger.info("worker %s: models loaded for %s", getattr(worker, "address", "?"), self.languages)
