"""Loaders: hand-written fixtures with known values, and the real files in ../shared."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES, shared_path

from eventcoder.aggregate import escalation_series
from eventcoder.events import EVENT_COLUMNS
from eventcoder.loaders import (
    PROVENANCE_COLUMNS,
    country_code,
    icews_actor_code,
    load_gdelt,
    load_icews,
    load_phoenix,
)

COLUMNS = [*EVENT_COLUMNS, *PROVENANCE_COLUMNS]
EVENTS = ("corpora", "events")


def check_schema(frame):
    assert list(frame.columns) == COLUMNS
    assert str(frame["quad_class"].dtype) == "int64"
    assert str(frame["goldstein"].dtype) == "float64"
    text = [c for c in COLUMNS if c not in ("quad_class", "goldstein")]
    assert not frame[text].isna().any().any()
    assert set(frame["mode"]) == {"asserted"}


def rows(frame, *columns):
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize(("name", "code"), [
    ("North Korea", "PRK"), ("Russia", "RUS"), ("Russland", "RUS"), ("United States", "USA"),
    ("Romania", "ROM"), ("Turkey", "TUR"), ("Occupied Palestinian Territory", "PSE"),
    ("Donald Trump", ""), ("", ""),
])
def test_country_code(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(("name", "kwargs", "code"), [
    ("Military (Russia)", {}, "RUSMIL"),
    ("Cabinet / Council of Ministers / Advisors (India)", {}, "INDGOV"),
    ("Citizen (Nigeria)", {}, "NGACVL"),
    ("North Korea", {}, "PRK"),
    ("Citizen (Atlantis)", {}, ""),
    ("Angry villagers", {"country": "India", "sectors": "Citizen"}, "INDCVL"),
    ("Unknown gunmen", {"sectors": "Police"}, "---COP"),
    ("Somebody", {}, ""),
])
def test_icews_actor_code(name, kwargs, code):
    assert icews_actor_code(name, "2018-09-01", **kwargs) == code


def test_gdelt1_fixture_58_and_57_columns():
    frame = load_gdelt(FIXTURES / "gdelt1_sample.tsv")
    check_schema(frame)
    assert rows(frame, "source", "target", "event_code", "root_code", "quad_class") == [
        ("RUSGOV", "UKR", "0874", "08", 2), ("USA", "", "190", "19", 4),
        ("CAN", "POL", "1312", "13", 3)]
    assert frame["goldstein"].tolist() == [10.0, -10.0, -5.8]
    # daily export: article date = DATEADDED; back-file row: SQLDATE
    assert frame["date"].tolist() == ["2016-07-28", "2016-07-28", "1982-01-02"]
    assert frame["event_date"].tolist() == ["2016-07-27", "2016-07-28", "1982-01-02"]
    assert frame["source_text"].iloc[0] == "RUSSIA"
    assert frame["url"].tolist() == ["http://example.org/a", "http://example.org/b", ""]
    assert frame["doc_id"].iloc[2] == "gdelt:1552839"
    assert set(frame["dataset"]) == {"gdelt1"}
    assert frame["event_name"].iloc[2] != ""  # from the CAMEO table


def test_gdelt2_fixture_61_columns():
    frame = load_gdelt(FIXTURES / "gdelt2_sample.tsv")
    check_schema(frame)
    assert set(frame["dataset"]) == {"gdelt2"}
    assert rows(frame, "source", "target", "event_code", "date", "event_date") == [
        ("ARMMIL", "AZE", "0871", "2020-11-13", "2020-11-13"),
        ("ETH", "ERI", "111", "2020-11-14", "2020-11-12")]
    assert frame["record_id"].tolist() == ["954680550", "954680551"]


def test_gdelt_rejects_nothing_silently_on_empty_codes():
    row = "\t".join(["7", "20200101"] + [""] * 56)
    frame = load_gdelt(io.StringIO(row))
    assert frame["event_code"].tolist() == [""] and frame["quad_class"].tolist() == [0]


def test_icews_dataverse_fixture():
    frame = load_icews(FIXTURES / "icews_sample.tab")
    check_schema(frame)
    assert set(frame["dataset"]) == {"icews"}
    assert rows(frame, "source", "target") == [
        ("PRK", "USA"), ("USAGOV", "PRKGOV"), ("INDCVL", "INDCOP"), ("", "NGACVL")]
    assert frame["event_code"].tolist() == ["138", "111", "141", "042"]  # "42" padded
    assert frame["goldstein"].tolist() == [-7.0, -2.0, -6.5, 1.9]  # Intensity
    assert frame["quad_class"].tolist() == [3, 3, 3, 1]  # from the CAMEO table
    assert frame["event_name"].iloc[0] == "Threaten with military force"
    assert frame["doc_id"].iloc[1] == "icews:30002" and frame["sentence_id"].iloc[1] == "1"
    assert frame["source_text"].iloc[1] == "Rex Tillerson"


def test_icews_subset_fixture_and_actor_overrides():
    frame = load_icews(FIXTURES / "icews_sample_tkg.tsv")
    check_schema(frame)
    assert set(frame["dataset"]) == {"icews_tkg"}
    assert rows(frame, "source", "target") == [
        ("USAGOV", "PRKGOV"), ("RUSMIL", "UKR"), ("USAGOV", "PRK"), ("", "KENCOP")]
    assert frame["source_text"].tolist()[2] == "Mike Pompeo"
    assert frame["goldstein"].iloc[1] == -10.0  # CAMEO weight of 190
    override = load_icews(FIXTURES / "icews_sample_tkg.tsv",
                          actor_codes={"Mike Pompeo": "USAGOV"})
    assert override["source"].iloc[2] == "USAGOV"


def test_icews_rejects_other_files():
    with pytest.raises(ValueError, match="not an ICEWS file"):
        load_icews(io.StringIO("a\tb\n1\t2\n"))


def test_phoenix_fixture_headerless():
    frame = load_phoenix(FIXTURES / "phoenix_sample.tsv")
    check_schema(frame)
    assert rows(frame, "source", "target", "event_code", "quad_class") == [
        ("RUSMIL", "UKR", "190", 4), ("USAGOV", "RUS", "111", 3), ("IGOUNO", "", "0231", 1)]
    assert frame["goldstein"].tolist()[:2] == [-10.0, -2.0]
    assert frame["goldstein"].iloc[2] == 3.4  # missing: CAMEO weight of 0231
    assert frame["doc_id"].tolist() == ["story9", "story10", "story11"]
    assert frame["sentence_id"].iloc[0] == "story9_3"
    assert frame["url"].iloc[0] == "http://example.org/p1"
    assert frame["date"].iloc[1] == "2015-06-02"


def test_phoenix_with_cline_header():
    text = ("eid\tstory_date\tsource\ttarget\tcode\troot_code\tquad_class\tgoldstein\n"
            "h1\t2001-09-11\tUSA\tAFG\t190\t19\t4\t-10\n")
    frame = load_phoenix(io.StringIO(text))
    assert rows(frame, "date", "source", "target", "record_id") == [
        ("2001-09-11", "USA", "AFG", "h1")]


@pytest.mark.shared
def test_shared_gdelt1_export():
    frame = load_gdelt(shared_path(*EVENTS, "gdelt1_export_sample_20160728.tsv"))
    check_schema(frame)
    assert len(frame) == 710 and set(frame["dataset"]) == {"gdelt1"}
    assert (frame["url"] != "").sum() == 509
    assert frame["quad_class"].between(1, 4).all()
    assert frame["event_date"].str.match(r"\d{4}-\d\d-\d\d$").all()


@pytest.mark.shared
def test_shared_gdelt2_dyadic():
    frame = load_gdelt(shared_path(*EVENTS, "gdelt2_dyadic_20201113_20201115.csv"))
    check_schema(frame)
    assert len(frame) == 9354 and set(frame["dataset"]) == {"gdelt2"}
    assert (frame["source"] != "").all() and (frame["target"] != "").all()
    assert set(frame["date"]) <= {"2020-11-13", "2020-11-14", "2020-11-15"}
    series = escalation_series(frame, freq="D", dyads=["ARM-AZE"])
    assert series["n_events"].sum() > 0


@pytest.mark.shared
@pytest.mark.parametrize(("name", "n_rows"), [("icews14_tkg_valid_test.tsv", 17904)])
def test_shared_icews_subset(name, n_rows):
    frame = load_icews(shared_path(*EVENTS, name))
    check_schema(frame)
    assert len(frame) == n_rows
    coded = frame[(frame["source"] != "") & (frame["target"] != "")]
    assert len(coded) > n_rows / 3
    assert frame["date"].str.startswith("2014").all()
    assert frame["quad_class"].between(0, 4).all()
    china = frame[frame["source_text"] == "China"]
    assert len(china) == 504 and set(china["source"]) == {"CHN"}
    obama = frame[frame["source_text"] == "Barack Obama"]
    assert len(obama) == 379


@pytest.mark.parametrize(("sector", "role"), [
    ("Reserve Bank", "BUS"), ("Political Parties", "GOV"), ("Naval", "MIL"),
    ("Human Rights Commission", "HRI"), ("Executive,Government", "GOV"), ("Economist", ""),
])
def test_icews_sector_roles(sector, role):
    assert icews_actor_code(f"{sector} (Kenya)") == "KEN" + role


def test_country_names_ignore_accents_and_case():
    assert country_code("Cote d'Ivoire") == country_code("CÔTE D’IVOIRE") == "CIV"
    assert country_code("Palestinian Territory, Occupied") == "PSE"
