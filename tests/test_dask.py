"""eventcoder.dask on a real dask.distributed LocalCluster (two worker processes).

The same articles coded by Dask, partition by partition, and by
``eventcoder.code_articles`` in this process give the same events, the same
quarantined records and the same accounting.
"""

from __future__ import annotations

import json
import logging
import sys

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import eventcoder
from eventcoder.dask import (
    QUARANTINE_COLUMNS,
    SUMMARY_COLUMNS,
    PreloadModels,
    code_dask,
    code_dask_bag,
    code_dask_dataframe,
    code_partition,
    events_meta,
)

ARTICLES = [
    {"id": "de1", "date": "2023-08-30", "language": "de",
     "text": "Russland verurteilte den Raketentest Nordkoreas. Frankreich unterstützt die Ukraine."},
    {"id": "en1", "date": "2022-03-01", "language": "en",
     "text": "Russia condemned the missile test of North Korea. The United States accused China."},
    {"id": "bad-text", "date": "2022-03-02", "language": "en", "text": "   "},
    {"id": "de2", "date": "2023-07-01", "language": "de",
     "text": "Japan protestierte gegen den Raketentest Nordkoreas. Er traf Kim Jong Un."},
    {"id": "bad-date", "date": "the 40th of May", "language": "en",
     "text": "Japan criticized Russia."},
    {"id": "en2", "date": "2022-04-10", "language": "en",
     "text": "Ukraine asked Germany for weapons. The weather was fine."},
    {"id": "none", "date": "2022-04-11", "language": "en", "text": "The weather was fine on Sunday."},
    {"id": "bad-lang", "date": "2022-04-12", "language": "xx", "text": "Lorem ipsum."},
]
KEY = ["doc_id", "sentence_id", "trigger_span", "source", "target", "event_code"]

pytestmark = [pytest.mark.stanza, pytest.mark.slow]


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Events sorted by their key, every column as Python str for comparison."""
    return (frame[list(eventcoder.EVENT_COLUMNS)].astype(str).sort_values(KEY)
            .reset_index(drop=True))


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.register_plugin(PreloadModels(["de", "en"], torch_threads=1))
        yield client


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """code_articles in this process, its own parse cache."""
    frame = pd.DataFrame(ARTICLES)
    return eventcoder.code_articles(frame, cache_dir=tmp_path_factory.mktemp("local-cache"),
                                    progress=False)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("dask-cache")


@pytest.fixture(scope="module")
def distributed_result(client, shared_cache):
    ddf = dd.from_pandas(pd.DataFrame(ARTICLES), npartitions=3)
    result = code_dask(ddf, cache_dir=shared_cache)
    events, quarantine, summary = result.compute()
    return ddf, events, quarantine, summary


def test_import_does_not_shadow_dask():
    import eventcoder.dask as ecd

    assert "eventcoder" not in dask.__file__
    assert ecd.dd is dd and sys.modules["dask"] is dask


def test_same_events_as_code_articles(distributed_result, local):
    _, events, _, _ = distributed_result
    # the German articles code with any reasonable parser; English depends on the model's quality
    assert set(local["doc_id"]) >= {"de1", "de2"}, "the corpus should code several events"
    pd.testing.assert_frame_equal(_plain(events), _plain(local))


def test_events_schema(distributed_result):
    ddf, events, _, _ = distributed_result
    lazy = code_dask_dataframe(ddf)
    assert isinstance(lazy, dd.DataFrame)
    assert list(lazy.columns) == list(eventcoder.EVENT_COLUMNS)
    assert lazy.npartitions == ddf.npartitions
    assert str(lazy.dtypes["quad_class"]) == "int64" and str(lazy.dtypes["goldstein"]) == "float64"
    assert list(events.columns) == list(events_meta().columns)
    assert events["quad_class"].between(1, 4).all()


def test_quarantine_and_accounting(distributed_result, local):
    ddf, _, quarantine, summary = distributed_result
    assert list(quarantine.columns) == list(QUARANTINE_COLUMNS)
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    assert len(summary) == ddf.npartitions
    totals = summary[["input", "coded", "no_event", "quarantined"]].sum().to_dict()
    assert totals == {k: local.attrs["summary"][k] for k in totals}
    assert summary["events"].sum() == len(local)
    assert totals["input"] == len(ARTICLES)
    assert totals["coded"] + totals["no_event"] + totals["quarantined"] == totals["input"]
    ids = sorted(json.loads(o)["id"] for o in quarantine["original"])
    assert ids == ["bad-date", "bad-lang", "bad-text"]
    reasons = dict(zip((json.loads(o)["id"] for o in quarantine["original"]), quarantine["reason_code"]))
    assert reasons == {"bad-text": "no_text", "bad-date": "bad_date", "bad-lang": "unknown_language"}
    assert quarantine["reason"].str.contains("xx").any()
    # the record names the partition and the index label of the row in the Dask frame
    bad = quarantine[quarantine["original"].str.contains('"bad-date"')].iloc[0]
    assert bad["record"].endswith(f"(index {ARTICLES.index(ARTICLES[4])})")


def test_bag_of_json_lines(client, shared_cache, local):
    lines = [json.dumps(a) for a in ARTICLES] + ["{not json"]
    bag = db.from_sequence(lines, npartitions=2)
    events, quarantine, summary = code_dask_bag(bag, cache_dir=shared_cache).compute()
    pd.testing.assert_frame_equal(_plain(events), _plain(local))
    assert summary["input"].sum() == len(lines)
    assert summary["quarantined"].sum() == 4
    bad = quarantine[quarantine["reason_code"] == "bad_json"]
    assert bad["original"].tolist() == ["{not json"]
    assert bad["record"].iloc[0].startswith("partition 1, item ")


def test_code_partition_without_parsing():
    frame = pd.DataFrame({"id": ["a"], "text": [None]}, index=[41])
    events, quarantine, summary = code_partition(frame, partition=7, language="de")
    assert events.empty and list(events.columns) == list(eventcoder.EVENT_COLUMNS)
    assert quarantine["record"].tolist() == ["partition 7, row 0 (index 41)"]
    assert summary.iloc[0].to_dict() == {"partition": 7, "input": 1, "coded": 0, "no_event": 0,
                                         "quarantined": 1, "events": 0}
    assert quarantine["reason_code"].tolist() == ["no_text"]
    assert json.loads(quarantine["original"].iloc[0]) == {"id": "a", "text": None}


def test_rejects_pandas_input_and_unknown_language():
    with pytest.raises(TypeError, match="code_articles"):
        code_dask(pd.DataFrame(ARTICLES))
    with pytest.raises(eventcoder.UnknownLanguageError, match="xx"):
        code_dask(dd.from_pandas(pd.DataFrame(ARTICLES), npartitions=1), language="xx")


def test_ids_from_the_index_when_absent(client, shared_cache, local):
    """Without an id column, doc ids are the same as a single code_articles run gives."""
    frame = pd.DataFrame(ARTICLES).drop(columns="id")
    events = code_dask_dataframe(dd.from_pandas(frame, npartitions=3), cache_dir=shared_cache).compute()
    single = eventcoder.code_articles(frame, cache_dir=shared_cache, progress=False)
    assert len(events) == len(local)
    assert events["doc_id"].nunique() == local["doc_id"].nunique()
    pd.testing.assert_frame_equal(_plain(events), _plain(single))
