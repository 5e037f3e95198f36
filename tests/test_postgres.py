"""The store on PostgreSQL (issue 15, part 4): the same schema, migrations and queries as on SQLite.

Every test runs against a throwaway PostgreSQL cluster started on 127.0.0.1 (``conftest.postgres_server``); they
skip, saying why, where PostgreSQL's server binaries or psycopg are missing. The strongest check compares the two
backends row for row: the same records stored in both give the same rows for every filter of ``test_store.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import test_store
from eventwire.cli import main
from eventwire.errors import EventwireError
from eventwire.pg import redact, translate
from eventwire.store import SCHEMA_VERSION, Store
from records import arrest_record, sample_records, variant

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "ingest_runner.py"
FILTER_CASES = [case[0] for case in test_store.test_filters.pytestmark[0].args[1]]


@pytest.fixture
def both(postgres_url):
    """The three samples in an SQLite store and in a PostgreSQL one."""
    with Store(":memory:") as lite, Store(postgres_url) as pg:
        for record in sample_records():
            lite.add(record)
            pg.add(record)
        yield lite, pg


def test_the_schema_is_created_and_versioned(postgres_url):
    with Store(postgres_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.stats() == {"articles": 0, "events": 0, "places": 0, "quotes": 0}
    with Store(postgres_url) as again:  # opening again changes nothing
        assert again.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize("filters", FILTER_CASES, ids=[json.dumps(f) for f in FILTER_CASES])
def test_every_filter_gives_the_rows_of_sqlite(both, filters):
    lite, pg = both
    assert pg.events(**filters) == lite.events(**filters)
    assert list(pg.event_records(**filters)) == list(lite.event_records(**filters))
    counted = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
    assert pg.count(**counted) == lite.count(**counted)


def test_records_tables_and_ids_as_sqlite(both):
    lite, pg = both
    assert list(pg.records()) == list(lite.records()) == sample_records()
    assert list(pg.records(["art-ukr-1", "nope"])) == list(lite.records(["art-ukr-1", "nope"]))
    assert pg.table_counts() == lite.table_counts()
    for store in (lite, pg):  # the same id rules: a colliding id gets the next free suffix
        other = variant(arrest_record(), text=arrest_record()["article"]["text"] + " More.")
        assert store.put(other) == "added" and store.put(other) == "unchanged"
        assert store.put(variant(other, published="2030-01-01")) == "updated"
    assert [r["article"]["id"] for r in pg.records()] == [r["article"]["id"] for r in lite.records()]
    assert pg.delete("art-syr-1-2") and lite.delete("art-syr-1-2")
    assert pg.table_counts() == lite.table_counts()


def test_coordinates_keep_their_precision(postgres_url):
    record = arrest_record()
    record["events"][0]["location"]["lat"] = 35.3359612
    with Store(postgres_url) as store:
        store.add(record)
        assert store.events()[0]["lat"] == 35.3359612


def test_failures_work_the_same(postgres_url):
    with Store(postgres_url) as store:
        store.record_failure("a.jsonl:3", "[EW014] line is not valid JSON", stage="read", path="a.jsonl")
        store.record_failure("a.jsonl:3", "[EW014] line is not valid JSON", stage="read", path="a.jsonl")
        assert [(f["origin"], f["attempts"], f["stage"]) for f in store.failures()] == [("a.jsonl:3", 2, "read")]
        assert store.clear_failures(["a.jsonl:3"]) == 1 and store.failures() == []


def test_a_read_only_store_refuses_writes(postgres_url):
    Store(postgres_url).close()
    with Store(postgres_url, readonly=True) as store:
        assert store.events() == []
        with pytest.raises(EventwireError, match="EW304"):
            store.add(arrest_record())


def test_an_unreachable_server_is_one_line():
    with pytest.raises(EventwireError, match=r"EW306.*ew:\*\*\*@127\.0\.0\.1"):
        Store("postgresql://ew:secret@127.0.0.1:1/none", timeout=2)


def test_translate_rewrites_only_the_dialect():
    assert translate("SELECT 1 FROM t WHERE instr(casefold(x), ?) > 0 AND y = '100%'") == (
        "SELECT 1 FROM t WHERE instr(casefold(x), %s) > 0 AND y = '100%%'"
    )
    assert (
        translate(
            "SELECT 1 FROM articles a CROSS JOIN events e INDEXED BY events_article ON e.article_id = a.id"
            " WHERE ifnull(x, '') = ?"
        )
        == "SELECT 1 FROM articles a JOIN events e ON e.article_id = a.id WHERE coalesce(x, '') = %s"
    )
    assert translate("SELECT k, count(*) FROM (SELECT e.rowid AS k FROM events e) GROUP BY k") == (
        "SELECT k, count(*) FROM (SELECT e.ctid AS k FROM events e) AS _sub1 GROUP BY k"
    )
    assert redact("postgres://u:p@h/d") == "postgres://u:***@h/d"


def test_rewritten_queries_run_on_the_server(both):
    """The rewrites above are valid PostgreSQL and give SQLite's answers (a subquery without a name, a rowid tie-break,
    a join order hint)."""
    lite, pg = both
    sql = (
        "SELECT count(*) AS n, count(DISTINCT a) AS articles FROM (SELECT e.article_id AS a FROM articles x"
        " CROSS JOIN events e INDEXED BY events_article ON e.article_id = x.id WHERE ifnull(e.type, '') <> ?)"
    )
    assert tuple(pg._conn.execute(sql, ("",)).fetchone()) == tuple(lite._conn.execute(sql, ("",)).fetchone()) == (6, 3)
    ordered = "SELECT e.id FROM events e ORDER BY ifnull(e.date_value, ''), e.rowid"
    assert [r[0] for r in pg._conn.execute(ordered)] == [r[0] for r in lite._conn.execute(ordered)]


def test_ingest_events_and_export_through_the_cli(capsys, postgres_url, pipeline, monkeypatch, tmp_path):
    import eventwire.cli as cli

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: pipeline)
    report = tmp_path / "r.txt"
    report.write_text("Police arrested 12 men in Kano on Monday, the army said.", encoding="utf-8")
    assert main(["ingest", str(report), "--db", postgres_url, "--published", "2025-03-05"]) == 0
    assert main(["events", "--db", postgres_url, "--format", "json", "--country", "NG"]) == 0
    out, _ = capsys.readouterr()
    rows = json.loads(out[out.index("[") :])
    assert rows and rows[0]["arrested"] == 12 and rows[0]["country"] == "NG"
    assert main(["export", "--db", postgres_url, "--format", "jsonl"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out.splitlines()[0])["article"]["origin"] == str(report)


@pytest.mark.slow
def test_two_concurrent_writers_lose_and_double_nothing(postgres_url, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for folder, numbers in ((a, range(0, 120)), (b, range(80, 200))):
        (folder / "wire.jsonl").write_text(
            "".join(json.dumps({"id": f"r{i}", "text": f"Report {i}."}) + "\n" for i in numbers), encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EVENTWIRE_TEST_PAUSE": "0.001"}
    procs = [
        subprocess.Popen(
            [sys.executable, str(RUNNER), "ingest", str(f / "wire.jsonl"), "--db", postgres_url, "-q"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in (a, b)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with Store(postgres_url, readonly=True) as store:
        ids = sorted(r["article"]["id"] for r in store.records())
        seqs = [r["ingest_seq"] for r in store._conn.execute("SELECT ingest_seq FROM articles")]
        assert store.failures() == []
    assert ids == sorted(f"r{i}" for i in range(200))
    assert len(set(seqs)) == 200  # every article has its own place in ingest order


def test_integer_primary_keys_number_rows_and_give_lastrowid(postgres_url):
    """SQLite's self-numbering ids and ``cursor.lastrowid``, as a table like the web app's reviews uses them."""
    with Store(postgres_url) as store:
        conn = store._conn
        conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, at REAL)")
        conn.execute("CREATE INDEX IF NOT EXISTS notes_at ON notes (ifnull(at, 0))")
        first = conn.execute("INSERT INTO notes (event_id, at) VALUES (?, ?)", ("e1", 1.5)).lastrowid
        second = conn.execute("INSERT INTO notes (event_id, at) VALUES (?, ?)", ("e2", None)).lastrowid
        assert (first, second) == (1, 2)
        rows = conn.execute("SELECT id, ifnull(at, 0) AS at FROM notes ORDER BY id").fetchall()
        assert [(r["id"], r["at"]) for r in rows] == [(1, 1.5), (2, 0)]


def test_the_web_api_answers_the_same_on_postgresql(postgres_url, tmp_path):
    # issue 15, part 4: the web app works on PostgreSQL unchanged; the same records in both stores give the same
    # JSON for every read route, and a review round trip
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    lite_db = tmp_path / "web.db"
    with Store(lite_db) as lite, Store(postgres_url) as pg:
        for record in sample_records():
            lite.add(record)
            pg.add(record)
    token = {"Authorization": "Bearer t0ken"}
    lite, pg = (TestClient(create_app(db, token="t0ken")) for db in (lite_db, postgres_url))
    first = lite.get("/api/events").json()["events"][0]
    routes = [
        "/api/events",
        "/api/events?type=ASSAULT&sort=-date",
        "/api/events?limit=2",
        f"/api/events/{first['id']}",
        f"/api/articles/{first['article_id']}",
        "/api/sources",
        "/api/stats",
        "/api/export?format=jsonl",
        "/api/export?format=acled-csv",
    ]
    for route in routes:
        a, b = lite.get(route), pg.get(route)
        assert (a.status_code, a.text) == (b.status_code, b.text), route
    review = {"status": "confirmed", "corrections": {"killed": 3}, "note": "checked"}
    for client in (lite, pg):
        assert client.post(f"/api/events/{first['id']}/reviews", json=review, headers=token).status_code == 201
    a, b = lite.get(f"/api/events/{first['id']}").json(), pg.get(f"/api/events/{first['id']}").json()
    assert a["review"]["status"] == b["review"]["status"] == "confirmed"
