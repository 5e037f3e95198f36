"""The SQLite store: idempotent ingest, one transaction per article, filters, round trips, open modes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire import store as store_module
from eventwire.errors import EventwireError
from eventwire.store import SCHEMA_VERSION, Store, content_hash, country_info
from records import Record, arrest_record, check_spans, make_record, protest_record, sample_records, variant


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


# ---------------------------------------------------------------------------------------------------- samples


def test_samples_are_valid(samples: list[Record]) -> None:
    for record in samples:
        check_spans(record)
    assert len({content_hash(r) for r in samples}) == 3


# ---------------------------------------------------------------------------------------------------- ingest


def test_add_writes_all_rows(store: Store) -> None:
    assert store.stats() == {"articles": 3, "events": 6, "places": 7, "quotes": 4}
    counts = store.table_counts()
    assert counts["event_locations"] == 7  # 1 + 1 + 1 + 1 + 2 + 1
    assert counts["sources"] == 3 + 5  # one publisher per article, one per attributed event


def test_add_is_idempotent(store: Store, samples: list[Record]) -> None:
    before = store.table_counts()
    assert [store.add(r) for r in samples] == [False, False, False]
    assert store.add_many(sample_records()) == 0
    assert store.table_counts() == before


def test_same_text_other_date_updates_not_duplicates() -> None:
    with Store(":memory:") as s:
        assert s.put(arrest_record()) == "added"
        assert s.put(variant(arrest_record(), published="2025-11-10")) == "updated"
        assert s.stats() == {"articles": 1, "events": 2, "places": 2, "quotes": 1}  # events counted once
        assert s.get("art-syr-1")["article"]["published"] == "2025-11-10"
        assert s.put(variant(arrest_record(), published="2025-11-10")) == "unchanged"


def test_update_keeps_id_and_ingest_order() -> None:
    with Store(":memory:") as s:
        s.add_many(sample_records())
        assert s.put(variant(arrest_record(), published=None)) == "updated"
        assert [r["article"]["id"] for r in s.records()] == ["art-syr-1", "art-ken-1", "art-ukr-1"]
        assert s.table_counts()["sources"] == 3 + 5


def test_same_text_other_id_is_another_article() -> None:
    with Store(":memory:") as s:
        assert s.put(arrest_record()) == "added"
        other = variant(arrest_record(), id="wire-copy")
        assert s.put(other) == "added"
        assert s.stats()["articles"] == 2


def test_id_collision_gets_suffix() -> None:
    with Store(":memory:") as s:
        original = arrest_record()
        assert s.add(original)
        other = variant(arrest_record(), text=original["article"]["text"] + "\n\nMore.")
        assert s.add(other)
        assert other["article"]["id"] == "art-syr-1"  # the caller's record is untouched
        stored = list(s.records())
        assert [r["article"]["id"] for r in stored] == ["art-syr-1", "art-syr-1-2"]
        assert [e["id"] for e in stored[1]["events"]] == ["art-syr-1-2-e1", "art-syr-1-2-e2"]
        assert ids(s.events(article_id="art-syr-1-2")) == ["art-syr-1-2-e1", "art-syr-1-2-e2"]
        third = variant(arrest_record(), text=original["article"]["text"] + "\n\nEven more.")
        assert s.add(third)
        assert list(s.records())[2]["article"]["id"] == "art-syr-1-3"


def test_event_id_collision_across_articles() -> None:
    with Store(":memory:") as s:
        a = arrest_record()
        b = protest_record()
        b["events"][0]["id"] = a["events"][0]["id"]
        assert s.add(a) and s.add(b)
        assert ids(s.events(article_id="art-ken-1")) == ["art-syr-1-e1-2", "art-ken-1-e2"]


def test_failed_write_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(":memory:") as s:
        assert s.add(arrest_record())
        before = s.table_counts()
        real = Store._insert

        def failing(self: Store, table: str, row: dict) -> None:
            if table == "quotes":
                raise sqlite3.OperationalError("disk on fire")
            real(self, table, row)

        monkeypatch.setattr(Store, "_insert", failing)
        with pytest.raises(sqlite3.OperationalError):
            s.add(protest_record())
        assert s.table_counts() == before
        monkeypatch.undo()
        assert s.add(protest_record())  # the store is usable afterwards, and nothing half-written blocks it
        assert s.stats()["articles"] == 2


def test_bad_record_is_a_user_error() -> None:
    with Store(":memory:") as s:
        for bad in ({"format": 2, "article": {"text": "x"}}, {"format": 1}, ["x"]):
            with pytest.raises(EventwireError, match="EW305"):
                s.add(bad)  # type: ignore[arg-type]
        assert s.stats()["articles"] == 0


def test_minimal_record_without_ids_or_events() -> None:
    record = make_record("Nothing happened.", id="", title=None, source=None, url=None, published=None)
    with Store(":memory:") as s:
        assert s.add(record)
        (stored,) = list(s.records())
        assert len(stored["article"]["id"]) == 16
        assert s.table_counts()["sources"] == 0


def test_delete_cascades(store: Store) -> None:
    assert store.delete("art-ukr-1")
    assert store.stats() == {"articles": 2, "events": 4, "places": 4, "quotes": 3}
    assert store.table_counts()["event_locations"] == 4
    assert store.table_counts()["sources"] == 2 + 3
    assert not store.delete("art-ukr-1")


# ---------------------------------------------------------------------------------------------------- reading


def test_records_round_trip(store: Store, samples: list[Record]) -> None:
    assert list(store.records()) == samples
    assert list(store.records(["art-ukr-1", "art-syr-1", "nope"])) == [samples[0], samples[2]]
    assert store.get("art-ken-1") == samples[1]
    assert store.get("nope") is None
    assert store.has(samples[0]) and store.has(variant(samples[0], published="1999-01-01"))
    assert not store.has(variant(samples[0], id="another-id"))


def test_unicode_survives(store: Store) -> None:
    (ukr,) = store.records(["art-ukr-1"])
    assert "«Харків знову під ударом»" in ukr["article"]["text"]
    (row,) = store.events(text="НІЧ", limit=1)  # Cyrillic case folding in the title search
    assert row["article_title"] == "Drones hit Kharkiv region – «ще одна ніч»"
    assert store.events(text="CAFÉ") == []  # the café is in a quote, not in an event sentence
    assert ids(store.events(text="teachers’")) == ["art-ken-1-e1", "art-ken-1-e2"]  # curly apostrophe title


def test_event_row_columns(store: Store) -> None:
    (row,) = store.events(acled_type="Arrests")
    assert row["id"] == "art-syr-1-e1"
    assert row["actor1"] == "Syrian security forces" and row["actor2"] == "Islamic State"
    assert row["actor1_country"] == "SYR" and row["actor1_sector"] == "SECURITY"
    assert (row["lat"], row["lon"], row["geonameid"], row["geo_precision"]) == (35.336, 40.141, 170794, 1)
    assert (row["date_value"], row["date_precision"], row["time_precision"]) == ("2025-11-08", "day", 1)
    assert row["arrested"] == 71 and row["killed"] is None
    assert row["attribution_source"] == "Interior Ministry" and row["attribution_kind"] == "official"
    assert row["aggregate"] == 0 and row["modality"] == "asserted"
    assert row["sentence_text"].startswith("Syrian security forces arrested") and row["sentence_text"][-1] == "."
    assert row["article_title"] == "Dozens of IS suspects held in eastern Syria"
    assert "event_json" not in row
    (agg,) = store.events(type="assault", since="2025-10", until="2025-10")
    assert agg["aggregate"] == 1 and agg["date_value_end"] == "2025-10-31" and agg["time_precision"] == 3
    assert agg["lat"] is None and agg["killed"] == 40
    (strike,) = store.events(source="officials", country="UA")
    assert strike["attribution_count"] == 2 and strike["country_name"] == "Ukraine"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {},
            ["art-syr-1-e1", "art-syr-1-e2", "art-ken-1-e1", "art-ken-1-e2", "art-ukr-1-e1", "art-ukr-1-e2"],
        ),
        ({"type": "protest"}, ["art-ken-1-e1", "art-ken-1-e2"]),
        ({"acled_type": "protests"}, ["art-ken-1-e1", "art-ken-1-e2"]),
        ({"acled_type": "peaceful PROTEST"}, ["art-ken-1-e2"]),
        ({"acled_type": "Strategic developments"}, ["art-syr-1-e1"]),
        ({"sub_event_type": "air/drone strike"}, ["art-ukr-1-e1", "art-ukr-1-e2"]),
        ({"sub_event_type": "Protests"}, []),  # an event type is not a sub-event type
        ({"country": "SY"}, ["art-syr-1-e1", "art-syr-1-e2"]),
        ({"country": "syr"}, ["art-syr-1-e1", "art-syr-1-e2"]),
        ({"country": "Syria"}, ["art-syr-1-e1", "art-syr-1-e2"]),
        ({"country": "kenya"}, ["art-ken-1-e1", "art-ken-1-e2"]),
        ({"country": "UKR"}, ["art-ukr-1-e1", "art-ukr-1-e2"]),
        ({"country": "Atlantis"}, []),
        ({"admin1": "kharkiv oblast"}, ["art-ukr-1-e1", "art-ukr-1-e2"]),
        ({"admin1": "Mombasa"}, ["art-ken-1-e2"]),
        ({"since": "2025-11-08"}, ["art-syr-1-e1", "art-syr-1-e2", "art-ken-1-e2"]),
        ({"until": "2025-11-03"}, ["art-ukr-1-e1", "art-ukr-1-e2"]),
        ({"until": "2025-10"}, ["art-ukr-1-e2"]),
        (
            {"until": "2025-11"},
            ["art-syr-1-e1", "art-syr-1-e2", "art-ken-1-e1", "art-ken-1-e2", "art-ukr-1-e1", "art-ukr-1-e2"],
        ),
        ({"since": "2025-11-04", "until": "2025-11-08"}, ["art-syr-1-e1", "art-ken-1-e1"]),
        ({"since": "2026"}, []),
        ({"text": "UNPAID salaries"}, ["art-ken-1-e1"]),  # sentence
        ({"text": "arrested"}, ["art-syr-1-e1"]),  # trigger
        ({"text": "islamic state"}, ["art-syr-1-e1"]),  # target name
        ({"text": "military forces of russia"}, ["art-ukr-1-e1"]),  # actor name (not in the text)
        ({"text": "eastern syria"}, ["art-syr-1-e1", "art-syr-1-e2"]),  # article title
        ({"source": "interior"}, ["art-syr-1-e1"]),
        ({"source": "WITNESS"}, ["art-ken-1-e1"]),
        ({"source": "sample daily"}, ["art-ken-1-e1", "art-ken-1-e2"]),  # the article's publisher
        ({"source": "100%"}, []),  # no LIKE wildcards
        ({"modality": "reported"}, ["art-ken-1-e1", "art-ukr-1-e1", "art-ukr-1-e2"]),
        ({"modality": ["asserted", "planned"]}, ["art-syr-1-e1", "art-syr-1-e2", "art-ken-1-e2"]),
        ({"country": "UA", "modality": "reported", "text": "strikes"}, ["art-ukr-1-e2"]),
        ({"article_id": "art-ken-1"}, ["art-ken-1-e1", "art-ken-1-e2"]),
        ({"limit": 2}, ["art-syr-1-e1", "art-syr-1-e2"]),
        ({"limit": 2, "offset": 3}, ["art-ken-1-e2", "art-ukr-1-e1"]),
        ({"offset": 5}, ["art-ukr-1-e2"]),
    ],
)
def test_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert ids(store.events(**filters)) == expected
    counted = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
    if counted == filters:
        assert store.count(**filters) == len(expected)
    pairs = list(store.event_records(**filters))
    assert [event["id"] for _, event in pairs] == expected
    assert all(event in record["events"] for record, event in pairs)


def test_country_matches_any_event_location() -> None:
    record = arrest_record()
    cross = record["events"][0]["locations"]
    cross.append({**cross[0], "name": "Mosul", "country": "IQ", "admin1": "Nineveh", "lat": 36.3, "lon": 43.1})
    with Store(":memory:") as s:
        s.add(record)
        assert ids(s.events(country="Iraq")) == ["art-syr-1-e1"]
        assert ids(s.events(admin1="nineveh")) == ["art-syr-1-e1"]
        assert s.table_counts()["event_locations"] == 3


@pytest.mark.parametrize("bad", [{"since": "last week"}, {"until": "2025/11/01"}, {"limit": -1}, {"offset": "2"}])
def test_bad_filters_are_user_errors(store: Store, bad: dict) -> None:
    with pytest.raises(EventwireError, match="EW309|EW310"):
        store.events(**bad)


def test_filters_are_parameterised(store: Store) -> None:
    evil = "x' OR 1=1; DROP TABLE events; --"
    for key in ("type", "acled_type", "country", "admin1", "text", "source", "modality", "article_id"):
        assert store.events(**{key: evil}) == []
    assert store.stats()["events"] == 6


def test_country_info() -> None:
    assert country_info("ua") == {"iso2": "UA", "iso3": "UKR", "numeric": "804", "name": "Ukraine"}
    assert country_info("KENYA")["iso3"] == "KEN"
    assert country_info(None) is None and country_info("ZZZ") is None


# ---------------------------------------------------------------------------------------------------- files


def test_file_store_persists_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "ew.db"
    with Store(path) as s:
        assert s.add_many(sample_records()) == 3
        assert s.schema_version == SCHEMA_VERSION
    with Store(path) as s:
        assert s.stats()["events"] == 6
        assert not s.add(arrest_record())
    with Store(path, readonly=True) as ro:
        assert list(ro.records()) == sample_records()
        assert ids(ro.events(country="Kenya")) == ["art-ken-1-e1", "art-ken-1-e2"]
        with pytest.raises(EventwireError, match="EW304"):
            ro.add(variant(arrest_record(), published="2030-01-01"))
        with pytest.raises(EventwireError, match="EW304"):
            ro.delete("art-syr-1")
        assert "readonly=True" in repr(ro)


def test_foreign_keys_are_on(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store._insert("events", {"id": "orphan", "article_id": "nope", "seq": 1, "event_json": "{}"})


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda p: p.write_text("this is not a database, just text\n" * 200), "EW301"),
        (lambda p: p.mkdir(), "EW306"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE people (name TEXT)").connection.commit(),
            "EW307",
        ),
        (
            lambda p: sqlite3.connect(p).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}").connection.commit(),
            "EW303",
        ),
    ],
)
def test_open_errors(tmp_path: Path, setup, code: str) -> None:
    path = tmp_path / "x.db"
    setup(path)
    with pytest.raises(EventwireError, match=code):
        Store(path)


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="EW306"):
        Store(tmp_path / "no" / "such" / "dir.db")


def test_streaming_reads_tolerate_writes(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.add_many(sample_records())
        seen = []
        for record in s.records():
            seen.append(record["article"]["id"])
            s.add(variant(record, id=record["article"]["id"] + "-copy"))  # writing while a read is pending
        assert seen[:3] == ["art-syr-1", "art-ken-1", "art-ukr-1"]
        assert s.stats()["articles"] == 6


def test_readonly_errors(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="EW302"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(EventwireError, match="EW306"):
        Store(":memory:", readonly=True)
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(EventwireError, match="EW311"):
        Store(empty, readonly=True)


def test_migrations_run_once_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", [(SCHEMA_VERSION + 1, "ALTER TABLE events ADD COLUMN admin2 TEXT")])
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION + 1
        cols = [r[1] for r in s._conn.execute("PRAGMA table_info(events)")]
        assert "admin2" in cols
    Store(path).close()  # already at the new version: the ALTER does not run again


def test_an_unknown_filter_is_an_error_not_ignored(store):
    import pytest

    with pytest.raises(TypeError, match="unknown event filter"):
        store.events(contry="SY")


def test_reading_an_older_file_upgrades_it_once(tmp_path):
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.add(arrest_record())
    conn = sqlite3.connect(db)
    conn.executescript("DROP TABLE reviews; PRAGMA user_version = 2;")
    conn.close()
    with Store.for_reading(db) as store:  # what `eventwire events` and the read-only web app open
        assert store.readonly and store.schema_version == SCHEMA_VERSION and store.stats()["articles"] == 1
