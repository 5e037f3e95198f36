"""The one flat row of an event: its columns are documented, and the store, the exports and the CLI agree with it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.cli import _event_row
from eventwire.export import acled_row, event_pairs, geojson_features
from eventwire.rows import EVENT_COLUMNS, LOCATION_COLUMNS, event_row, location_row
from eventwire.store import EVENT_TABLE_COLUMNS, Store
from records import Record, protest_record


def pairs(samples: list[Record]) -> list[tuple[Record, dict]]:
    return list(event_pairs(samples))


def test_every_column_is_documented_in_order(samples: list[Record]) -> None:
    for record, event in pairs(samples):
        assert list(event_row(record, event)) == list(EVENT_COLUMNS)
        for location in event["locations"]:
            assert list(location_row(location)) == list(LOCATION_COLUMNS)
    assert all(isinstance(text, str) and text for text in [*EVENT_COLUMNS.values(), *LOCATION_COLUMNS.values()])


def test_the_events_table_holds_the_row_columns() -> None:
    with Store(":memory:") as store:
        columns = [r[1] for r in store._conn.execute("PRAGMA table_info(events)")]
    assert [c for c in columns if c not in ("seq", "event_json")] == list(EVENT_TABLE_COLUMNS)
    assert set(EVENT_TABLE_COLUMNS) <= set(EVENT_COLUMNS)
    with Store(":memory:") as store:
        located = [r[1] for r in store._conn.execute("PRAGMA table_info(event_locations)")]
    assert located == ["event_id", "seq", *LOCATION_COLUMNS]


def test_stored_rows_are_the_event_rows(store: Store, samples: list[Record]) -> None:
    stored = {row["id"]: row for row in store.events()}
    assert len(stored) == len(pairs(samples))
    for record, event in pairs(samples):
        row = event_row(record, event)
        expected = {c: row[c] for c in (*EVENT_TABLE_COLUMNS, "article_title", "article_url", "article_source")}
        got = {c: stored[event["id"]][c] for c in expected}
        assert got == expected  # SQLite gives the aggregate flag back as 0/1, which equals False/True


def test_the_exports_read_the_row(samples: list[Record]) -> None:
    for record, event in pairs(samples):
        row = event_row(record, event)
        acled = acled_row(record, event, timestamp=0)
        assert acled["event_id_cnty"] == row["id"] and acled["actor1"] == (row["actor1"] or "")
        assert acled["location"] == (row["location_name"] or "") and acled["admin1"] == (row["admin1"] or "")
        assert acled["notes"] == " ".join((row["sentence_text"] or "").split())
        for feature in geojson_features(record, event):
            props = feature["properties"]
            assert (props["event_id"], props["killed"], props["actors"]) == (row["id"], row["killed"], row["actors"])
            assert (props["date"], props["aggregate"]) == (row["date_value"], row["aggregate"])
        table = _event_row(record, event)
        assert table["actor"] == row["actors"] and table["source"] == row["attribution_source"]


def test_row_of_an_event_with_odd_values_does_not_fail() -> None:
    record = {"article": {"id": "a", "text": "Short."}}
    event = {
        "id": "e",
        "actors": ["junk", {"text": "gunmen", "name": None}],
        "targets": None,
        "counts": {"killed": {"value": 3.0}, "injured": "many", "arrested": None},
        "date": "yesterday",
        "locations": [{"name": "X", "geonameid": "12", "precision": 1.5}],
        "sentence": {"start": 0, "end": 99, "text": "Its own text."},
        "aggregate": 0,
    }
    row = event_row(record, event)
    assert (row["actor1"], row["actors"], row["actor2"]) == ("gunmen", "gunmen", None)
    assert (row["killed"], row["injured"], row["arrested"]) == (3, None, None)
    assert row["date_value"] is None and row["geonameid"] is None and row["geo_precision"] is None
    assert row["sentence_text"] == "Its own text."  # the offsets lie past the text: the sentence's own text
    assert row["aggregate"] is False and json.loads(row["counts_json"])["injured"] == "many"
    assert event_row({}, {})["id"] is None


@pytest.mark.parametrize("first", [True, False])
def test_the_row_takes_the_first_location_or_the_single_one(first: bool) -> None:
    record = protest_record()
    event = record["events"][0]
    if not first:
        event["locations"] = []  # only the single "location" is left
    row = event_row(record, event)
    assert row["location_name"] == "Nairobi" and row["country"] == "KE"


def test_acled_csv_of_a_row_is_csv_safe() -> None:
    record = protest_record()
    record["events"][0]["actors"][0]["name"] = "=HYPERLINK(1)"
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(acled_row(record, record["events"][0], timestamp=0)))
    writer.writerow(acled_row(record, record["events"][0], timestamp=0))
    assert "'=HYPERLINK(1)" in buf.getvalue()
    assert event_row(record, record["events"][0])["actor1"] == "=HYPERLINK(1)"  # the row keeps the data as it is
