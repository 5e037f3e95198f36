"""Exports: JSON Lines, GeoJSON and ACLED-style CSV parse back and hold what they promise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from eventwire.export import (
    ACLED_COLUMNS,
    acled_row,
    event_pairs,
    is_acled_event,
    write_acled_csv,
    write_geojson,
    write_jsonl,
)
from eventwire.store import Store
from records import Record, protest_record, strike_record


def test_jsonl_round_trip(store: Store, samples: list[Record]) -> None:
    buf = io.StringIO()
    assert write_jsonl(store.records(), buf) == 3
    lines = buf.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == samples
    assert "Харків знову" in lines[2]  # written as UTF-8 text, not \u escapes


def test_jsonl_file_utf8(tmp_path: Path, samples: list[Record]) -> None:
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as fp:
        write_jsonl(samples, fp)
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == samples


def test_geojson(store: Store) -> None:
    buf = io.StringIO()
    skipped = write_geojson(store.event_records(), buf)
    data = json.loads(buf.getvalue())
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert skipped == 1  # the Ukrainian aggregate has no coordinates
    # one feature per located event location: Syria 1 + 1, Kenya 1 + 1, Ukraine 2 (strike) + 0 (aggregate)
    assert len(features) == 6
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
    strike = [f for f in features if f["properties"]["event_id"] == "art-ukr-1-e1"]
    assert [f["properties"]["place"] for f in strike] == ["Kharkiv", "Chuhuiv"]
    assert [f["id"] for f in strike] == ["art-ukr-1-e1/0", "art-ukr-1-e1/1"]
    assert strike[0]["geometry"]["coordinates"] == [36.25272, 49.98081]
    props = strike[1]["properties"]
    assert props["geo_precision"] == 2 and props["admin1"] == "Kharkiv Oblast" and props["country"] == "UA"
    assert props["killed"] == 5 and props["counts"] == {"killed": 5}
    assert props["acled_event_type"] == "Explosions/Remote violence"
    assert props["acled_sub_event_type"] == "Air/drone strike"
    assert props["actors"] == "Military Forces of Russia" and props["targets"] == "Civilians (Ukraine)"
    assert props["attribution_kind"] == "anonymous" and props["attribution_count"] == 2
    assert props["modality"] == "reported" and props["aggregate"] is False
    assert props["article_title"] == "Drones hit Kharkiv region – «ще одна ніч»"
    assert (props["date"], props["date_precision"]) == ("2025-11-03", "day")


def test_geojson_location_fallback_and_empty() -> None:
    record = protest_record()
    event = record["events"][0]
    event["locations"] = []  # only the single "location" is left
    buf = io.StringIO()
    assert write_geojson([(record, event)], buf) == 0
    (feature,) = json.loads(buf.getvalue())["features"]
    assert feature["properties"]["place"] == "Nairobi"

    buf = io.StringIO()
    assert write_geojson([], buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}

    event["location"] = {"name": "Nowhere", "lat": None, "lon": 12.0}
    buf = io.StringIO()
    assert write_geojson([(record, event)], buf) == 1
    assert json.loads(buf.getvalue())["features"] == []


def test_acled_csv(store: Store) -> None:
    buf = io.StringIO(newline="")
    written = write_acled_csv(store.event_records(), buf, timestamp=1_762_700_000)
    buf.seek(0)
    reader = csv.DictReader(buf)
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    rows = list(reader)
    # ACLED-typed and happened: Syrian arrest, Kenyan protest, Ukrainian strike and aggregate
    # (not: the Syrian meeting, no ACLED type; the Kenyan march, planned)
    assert written == len(rows) == 4
    by_id = {r["event_id_cnty"]: r for r in rows}
    assert sorted(by_id) == ["art-ken-1-e1", "art-syr-1-e1", "art-ukr-1-e1", "art-ukr-1-e2"]

    arrest = by_id["art-syr-1-e1"]
    assert arrest["event_date"] == "2025-11-08" and arrest["year"] == "2025" and arrest["time_precision"] == "1"
    assert arrest["disorder_type"] == "Strategic developments" and arrest["sub_event_type"] == "Arrests"
    assert arrest["actor1"] == "Syrian security forces" and arrest["actor2"] == "Islamic State"
    assert arrest["country"] == "Syria" and arrest["iso"] == "760" and arrest["admin1"] == "Deir ez-Zor"
    assert (arrest["location"], arrest["latitude"], arrest["longitude"]) == (
        "Deir ez-Zor",
        "35.336",
        "40.141",
    )
    assert arrest["geo_precision"] == "1"
    assert arrest["source"] == "Interior Ministry; Example Wire"
    assert arrest["notes"].startswith("Syrian security forces arrested 71") and "\n" not in arrest["notes"]
    assert arrest["fatalities"] == "0" and arrest["timestamp"] == "1762700000"
    assert arrest["inter1"] == arrest["region"] == arrest["admin2"] == arrest["tags"] == ""

    protest = by_id["art-ken-1-e1"]
    assert protest["disorder_type"] == "Demonstrations" and protest["country"] == "Kenya"
    assert protest["source"] == "witnesses; Sample Daily" and protest["fatalities"] == "0"

    strike = by_id["art-ukr-1-e1"]
    assert strike["disorder_type"] == "Political violence" and strike["fatalities"] == "5"
    assert strike["location"] == "Kharkiv" and strike["country"] == "Ukraine" and strike["iso"] == "804"
    aggregate = by_id["art-ukr-1-e2"]
    assert aggregate["time_precision"] == "3" and aggregate["event_date"] == "2025-10-01"
    assert aggregate["latitude"] == aggregate["longitude"] == "" and aggregate["fatalities"] == "40"


def test_acled_csv_file_unicode(tmp_path: Path) -> None:
    record = strike_record()
    record["events"][0]["actors"][0]["name"] = "Збройні сили РФ"
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as fp:
        assert write_acled_csv(event_pairs([record]), fp) == 2
    with path.open(encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    assert rows[0]["actor1"] == "Збройні сили РФ"
    assert int(rows[0]["timestamp"]) > 1_700_000_000


def test_acled_row_details() -> None:
    record = strike_record()
    event = record["events"][0]
    event["date"] = {**event["date"], "time_precision": None, "precision": "week"}
    event["actors"].append({"name": "Air Force of Russia"})
    event["actors"].append({"name": "air force of russia"})  # duplicates are joined once
    event["targets"] = []
    row = acled_row(record, event, timestamp=0)
    assert row["time_precision"] == 2  # derived from precision when the date has no time_precision
    assert row["assoc_actor_1"] == "Air Force of Russia" and row["actor2"] == ""
    event["acled"] = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    event["locations"] = [{"name": "Somewhere", "country": "XX", "lat": 1.0, "lon": 2.0}]
    row = acled_row(record, event, timestamp=0)
    assert row["civilian_targeting"] == "Civilian targeting" and row["disorder_type"] == "Political violence"
    assert row["country"] == "XX" and row["iso"] == ""  # unknown country: ISO2 kept, no numeric code


def test_is_acled_event() -> None:
    base = {"acled": {"event_type": "Riots", "sub_event_type": "Mob violence"}}
    assert is_acled_event({**base, "modality": "asserted"})
    assert is_acled_event({**base, "modality": "reported"})
    for modality in ("planned", "negated", "hypothetical", None):
        assert not is_acled_event({**base, "modality": modality})
    assert not is_acled_event({"acled": None, "modality": "asserted"})
    assert not is_acled_event({"modality": "asserted"})


def test_exports_from_filtered_store(store: Store) -> None:
    buf = io.StringIO()
    assert write_acled_csv(store.event_records(country="Kenya"), buf, timestamp=0) == 1
    buf = io.StringIO()
    assert write_geojson(store.event_records(country="Kenya"), buf) == 0
    assert len(json.loads(buf.getvalue())["features"]) == 2
