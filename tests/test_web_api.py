"""The REST API (issue 14) through FastAPI's TestClient, over a store of the sample reports plus a hostile one."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import HOSTILE  # noqa: E402
from eventwire import cli, export  # noqa: E402
from eventwire.store import SCHEMA_VERSION, Store  # noqa: E402
from eventwire.web import create_app  # noqa: E402
from eventwire.web.app import Limits  # noqa: E402

pytestmark = pytest.mark.slow
TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HAPPENED = ["asserted", "reported", "planned"]


@pytest.fixture
def client(web_db: Path) -> TestClient:
    """A read-only server (no token)."""
    return TestClient(create_app(web_db))


@pytest.fixture
def writer(web_db: Path, pipeline) -> TestClient:
    """A server with a token (reviews and ingest allowed), sharing the session's pipeline."""
    return TestClient(create_app(web_db, token=TOKEN, pipeline=pipeline))


def all_ids(client: TestClient, **params) -> list[str]:
    return [e["id"] for e in client.get("/api/events", params={"limit": 500, **params}).json()["events"]]


def first_event(client: TestClient, **params) -> dict:
    return client.get("/api/events", params={"limit": 1, **params}).json()["events"][0]


# ---------------------------------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    "params",
    [
        {"type": "PROTEST"},
        {"acled_type": "Battles"},
        {"acled_type": "arrests"},
        {"country": "NG"},
        {"country": "Nigeria", "type": "COERCE"},
        {"admin1": "Borno"},
        {"since": "2025-11-01", "until": "2025-12-31"},
        {"until": "2025"},
        {"text": "drone"},
        {"source": "police"},
        {"modality": "negated"},
        {"article_id": "hostile"},
    ],
)
def test_filters_match_the_cli(client: TestClient, web_db: Path, params: dict) -> None:
    # every filter of `eventwire events`, with its default modalities, gives the store's rows in the store's order
    got = all_ids(client, **params)
    with Store(web_db, readonly=True) as store:
        wanted = [r["id"] for r in store.events(**{"modality": HAPPENED, **params})]
    assert got == wanted
    if params != {"modality": "negated"}:
        assert got, f"the sample store should hold events for {params}"


def test_all_modalities_lists_more(client: TestClient, web_db: Path) -> None:
    with Store(web_db, readonly=True) as store:
        everything = [r["id"] for r in store.events()]
    assert all_ids(client, all_modalities=True) == everything
    assert len(all_ids(client)) < len(everything)


@pytest.mark.parametrize("sort", ["ingest", "-ingest", "date", "-date"])
def test_cursor_walks_every_event_once_in_order(client: TestClient, sort: str) -> None:
    whole = client.get("/api/events", params={"limit": 500, "sort": sort, "all_modalities": True}).json()["events"]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 7, "sort": sort, "all_modalities": True, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        seen += page["events"]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages > 3
    assert [e["id"] for e in seen] == [e["id"] for e in whole]
    assert len({e["id"] for e in seen}) == len(seen)
    dates = [e["date_value"] or "" for e in seen]
    if sort == "date":
        assert dates == sorted(dates)
    elif sort == "-date":
        assert dates == sorted(dates, reverse=True)
    elif sort == "-ingest":
        assert [e["id"] for e in seen] == list(reversed(all_ids(client, all_modalities=True)))


def test_bad_cursor_sort_and_dates_are_400s(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2}).json()
    for params in ({"cursor": "garbage"}, {"cursor": page["next_cursor"], "sort": "date"}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 400 and "[EW313]" in response.json()["detail"]
    response = client.get("/api/events", params={"since": "last week"})
    assert response.status_code == 400 and "[EW309]" in response.json()["detail"]
    assert client.get("/api/events", params={"sort": "random"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_total_counts_every_match(client: TestClient) -> None:
    body = client.get("/api/events", params={"type": "ASSAULT", "limit": 2, "total": True}).json()
    assert body["total"] == len(all_ids(client, type="ASSAULT")) > 2


def test_404s(client: TestClient, writer: TestClient) -> None:
    assert client.get("/api/events/no-such-event").status_code == 404
    assert client.get("/api/articles/no-such-article").status_code == 404
    response = writer.post("/api/events/no-such-event/reviews", json={"status": "confirmed"}, headers=AUTH)
    assert response.status_code == 404 and "[EW314]" in response.json()["detail"]
    assert client.get("/api/nothing").status_code == 404


def test_event_detail(client: TestClient) -> None:
    row = first_event(client, type="COERCE")
    body = client.get(f"/api/events/{row['id']}").json()
    assert body["event"]["id"] == row["id"] and body["row"]["type"] == "COERCE"
    assert body["review"] is None and body["reviews"] == [] and body["reviewed"] == body["event"]
    assert body["article"]["id"] == row["article_id"]


# ---------------------------------------------------------------------------------------------------- articles


def test_article_has_its_text_and_every_span(client: TestClient, web_db: Path) -> None:
    with Store(web_db, readonly=True) as store:
        row = next(r for r in store.events(type="COERCE") if r["actor1"] and r["location_name"] and r["date_value"])
        record = store.get(row["article_id"])
    body = client.get(f"/api/articles/{record['article']['id']}").json()
    text = body["article"]["text"]
    assert text == record["article"]["text"]
    kinds = {s["kind"] for s in body["spans"]}
    assert {"trigger", "actor", "place", "date"} <= kinds
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    triggers = {(s["event_id"], text[s["start"] : s["end"]]) for s in body["spans"] if s["kind"] == "trigger"}
    assert triggers == {(e["id"], e["trigger"]["text"]) for e in record["events"]}
    assert [e["id"] for e in body["events"]] == [e["id"] for e in record["events"]]


def test_hostile_article_comes_back_as_data(client: TestClient) -> None:
    body = client.get("/api/articles/hostile").json()
    assert body["article"]["title"] == HOSTILE["title"]
    assert "<script>" in body["article"]["text"]
    assert client.get("/api/articles/hostile").headers["content-type"].startswith("application/json")


# ---------------------------------------------------------------------------------------------------- sources, stats


def test_sources_count_the_events_they_support(client: TestClient, web_db: Path) -> None:
    sources = client.get("/api/sources").json()["sources"]
    assert sources and all(s["events"] >= 1 and s["articles"] >= 1 for s in sources)
    with Store(web_db, readonly=True) as store:
        rows = store.events()
    publisher = next(s for s in sources if s["kind"] == "publisher")
    assert publisher["events"] == sum(1 for r in rows if r["article_source"] == publisher["source"])


def test_stats(client: TestClient, web_db: Path) -> None:
    body = client.get("/api/stats", params={"all_modalities": True}).json()
    with Store(web_db, readonly=True) as store:
        rows = store.events()
        assert body["totals"]["events"] == store.stats()["events"] == len(rows)
    assert sum(r["events"] for r in body["by_day_type"]) == sum(1 for r in rows if r["date_value"])
    assert sum(r["events"] for r in body["by_admin1"]) == len(rows)
    protests = client.get("/api/stats", params={"type": "PROTEST"}).json()["by_day_type"]
    assert protests and {r["type"] for r in protests} == {"PROTEST"}


# ---------------------------------------------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl"])
def test_export_streams_what_the_cli_writes(client: TestClient, web_db: Path, fmt: str) -> None:
    with client.stream("GET", "/api/export", params={"format": fmt, "country": "NG"}) as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers  # streamed
        assert "attachment" in response.headers["content-disposition"]
        body = "".join(response.iter_text())
    with Store(web_db, readonly=True) as store:
        filters = {"country": "NG", "modality": HAPPENED}
        buf = io.StringIO()
        if fmt == "acled-csv":
            export.write_acled_csv(store.event_records(**filters), buf, timestamp=0)
        elif fmt == "geojson":
            export.write_geojson(store.event_records(**filters), buf)
        else:
            export.write_jsonl(store.records(sorted({r["article_id"] for r in store.events(**filters)})), buf)
    if fmt == "acled-csv":
        got = [{**r, "timestamp": "0"} for r in csv.DictReader(io.StringIO(body))]
        assert got and got == list(csv.DictReader(io.StringIO(buf.getvalue())))
    elif fmt == "geojson":
        assert json.loads(body) == json.loads(buf.getvalue()) and json.loads(body)["features"]
    else:
        assert [json.loads(line) for line in body.splitlines()] == [json.loads(x) for x in buf.getvalue().splitlines()]


def test_export_rejects_a_bad_format_or_filter(client: TestClient) -> None:
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
    assert client.get("/api/export", params={"format": "jsonl", "since": "soon"}).status_code == 400


# ---------------------------------------------------------------------------------------------------- security


def test_writes_need_the_token(client: TestClient, writer: TestClient) -> None:
    event_id = first_event(client)["id"]
    review = {"status": "confirmed"}
    article = {"text": "Police arrested 3 men in Kano on Monday.", "published": "2025-03-05"}
    # a server without a token is read-only: its store connection cannot write, and writes are refused
    assert client.app.state.stores.get().readonly is True
    assert client.post(f"/api/events/{event_id}/reviews", json=review, headers=AUTH).status_code == 403
    assert client.post("/api/articles", json=article, headers=AUTH).status_code == 403
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}):
        response = writer.post(f"/api/events/{event_id}/reviews", json=review, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert writer.post("/api/articles", json=article, headers=headers).status_code == 401
    assert writer.post(f"/api/events/{event_id}/reviews", json=review, headers=AUTH).status_code == 201
    assert client.get(f"/api/events/{event_id}").json()["review"]["status"] == "confirmed"


def test_ingest_with_the_token(writer: TestClient) -> None:
    article = {"id": "kano-1", "text": "Police arrested 3 men in Kano on Monday.", "published": "2025-03-05"}
    first = writer.post("/api/articles", json=article, headers=AUTH)
    assert first.status_code == 201 and first.json()["result"] == "added" and first.json()["events"] >= 1
    assert writer.post("/api/articles", json=article, headers=AUTH).json()["result"] == "unchanged"
    assert all_ids(writer, article_id="kano-1")
    # another text under a taken id is stored under a new id, and the answer says which
    other = {**article, "text": "Soldiers arrested 4 men in Kano on Tuesday."}
    renamed = writer.post("/api/articles", json=other, headers=AUTH).json()
    assert renamed["result"] == "added" and renamed["article_id"] == "kano-1-2"
    assert writer.get("/api/articles/kano-1-2").json()["article"]["text"] == other["text"]
    bad = writer.post("/api/articles", json={**article, "published": "someday"}, headers=AUTH)
    assert bad.status_code == 422


def test_size_limits(web_db: Path) -> None:
    small = TestClient(create_app(web_db, token=TOKEN, limits=Limits(body=2_000, query=300)))
    event_id = first_event(small)["id"]
    big = {"note": "x" * 1_900, "status": "confirmed", "corrections": {"actors": ["y" * 200]}}
    response = small.post(f"/api/events/{event_id}/reviews", json=big, headers=AUTH)
    assert response.status_code == 413
    assert small.get("/api/events", params={"text": "a" * 400}).status_code == 414
    assert small.get("/api/events", params={"text": "a" * 250}).status_code == 422  # a filter is at most 200
    default = TestClient(create_app(web_db))
    assert default.get("/api/events", params={"limit": 501}).status_code == 422
    assert default.app.state.limits.body == 1_000_000


def test_security_headers_and_no_inline_script(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/static/app.js", "/api/events/nope", "/docs"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"
    for page in ("/", "/docs"):
        html = client.get(page).text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
        assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
        assert not re.search(r"\son[a-z]+\s*=", html) and "style=" not in html and "https://" not in html
    # the UI never hands data to innerHTML (it builds the DOM with textContent)
    assert "innerHTML" not in (Path(__file__).parents[1] / "frontend" / "src" / "main.js").read_text()


def test_cors_is_off_by_default(web_db: Path) -> None:
    headers = {"Origin": "https://elsewhere.example"}
    assert (
        "access-control-allow-origin" not in TestClient(create_app(web_db)).get("/api/stats", headers=headers).headers
    )
    allowed = TestClient(create_app(web_db, cors_origins=["https://elsewhere.example"]))
    assert allowed.get("/api/stats", headers=headers).headers["access-control-allow-origin"] == headers["Origin"]


# ---------------------------------------------------------------------------------------------------- reviews


def test_bad_reviews_are_400s(writer: TestClient) -> None:
    event_id = first_event(writer)["id"]
    for body in (
        {},
        {"corrections": {"colour": "red"}},
        {"corrections": {"type": "PICNIC"}},
        {"corrections": {"killed": -1}},
        {"corrections": {"date": "2025-02-30"}},
        {"corrections": {"acled_event_type": "Riots", "acled_sub_event_type": "Arrests"}},
        {"corrections": {"location": {"name": "X", "lat": 10}}},
    ):
        response = writer.post(f"/api/events/{event_id}/reviews", json=body, headers=AUTH)
        assert response.status_code == 400 and "[EW315]" in response.json()["detail"], body
    assert writer.post(f"/api/events/{event_id}/reviews", json={"status": "maybe"}, headers=AUTH).status_code == 422


def test_review_round_trip_survives_reingest(writer: TestClient, web_db: Path, pipeline) -> None:
    row = first_event(writer, acled_type="Arrests", country="NG")
    correction = {
        "killed": 2,
        "acled_sub_event_type": "Looting/property destruction",
        "actors": ["Nigerian Army"],
        "location": {"name": "Bama", "admin1": "Borno", "country": "NG", "lat": 11.52, "lon": 13.69},
        "date": "2026-03-11",
    }
    body = {"status": "confirmed", "corrections": correction, "note": "per the army statement", "reviewer": "ana"}
    saved = writer.post(f"/api/events/{row['id']}/reviews", json=body, headers=AUTH)
    assert saved.status_code == 201
    before = writer.get(f"/api/events/{row['id']}").json()
    assert before["event"]["counts"] == first_pair(web_db, row["id"])["counts"]  # the extraction is untouched
    # re-ingest the same report with another publication date: its rows are deleted and written again
    with Store(web_db) as store:
        record = store.get(row["article_id"])
        article = record["article"]
        again = pipeline.extract(article["text"], published="2026-03-20", id=article["id"], title=article["title"])
        again["article"].update(source=article["source"], url=article["url"])
        assert store.put(again) == "updated"
    after = writer.get(f"/api/events/{row['id']}").json()
    assert after["review"]["status"] == "confirmed" and after["review"]["corrections"]["killed"] == 2
    assert after["reviews"][0]["current"] is True and after["reviews"][0]["reviewer"] == "ana"
    reviewed = after["reviewed"]
    assert reviewed["counts"]["killed"]["value"] == 2 and reviewed["acled"]["event_type"] == "Strategic developments"
    assert reviewed["actors"][0]["name"] == "Nigerian Army" and reviewed["location"]["name"] == "Bama"
    listed = next(e for e in writer.get("/api/events", params={"limit": 500}).json()["events"] if e["id"] == row["id"])
    assert listed["review"] == {
        "status": "confirmed",
        "corrected": sorted([*correction, "acled_event_type"]),
        "note": "per the army statement",
        "reviews": 1,
    }
    page = writer.get("/api/events", params={"limit": 500, "reviewed": True}).json()["events"]
    reviewed_row = next(e for e in page if e["id"] == row["id"])
    assert (reviewed_row["killed"], reviewed_row["location_name"], reviewed_row["date_value"]) == (
        2,
        "Bama",
        "2026-03-11",
    )


def first_pair(db: Path, event_id: str) -> dict:
    with Store(db, readonly=True) as store:
        return store.event(event_id)[1]


def acled_rows(client: TestClient, **params) -> dict[str, dict]:
    text = client.get("/api/export", params={"format": "acled-csv", **params}).text
    return {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(text))}


def test_reviewed_values_in_acled_csv_and_the_cli(writer: TestClient, web_db: Path, capsys) -> None:
    fixed, dropped = [e["id"] for e in writer.get("/api/events", params={"acled_type": "Battles"}).json()["events"]][:2]
    fix = {"killed": 9, "actors": ["Army", "Police"], "acled_sub_event_type": "Government regains territory"}
    writer.post(f"/api/events/{fixed}/reviews", json={"corrections": fix}, headers=AUTH)
    writer.post(f"/api/events/{dropped}/reviews", json={"status": "rejected", "note": "a duplicate"}, headers=AUTH)
    machine, reviewed = acled_rows(writer), acled_rows(writer, reviewed=True)
    assert dropped in machine and dropped not in reviewed
    assert machine[fixed]["fatalities"] != "9" and machine[fixed]["sub_event_type"] == "Armed clash"
    row = reviewed[fixed]
    assert (row["fatalities"], row["actor1"], row["assoc_actor_1"]) == ("9", "Army", "Police")
    assert row["sub_event_type"] == "Government regains territory" and row["event_type"] == "Battles"
    # the CLI reads the same reviews: export and events with --reviewed, reviews export
    out = web_db.parent / "reviewed.csv"
    assert cli.main(["export", "--db", str(web_db), "--format", "acled-csv", "--reviewed", "-o", str(out)]) == 0
    cli_rows = {r["event_id_cnty"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert cli_rows[fixed]["fatalities"] == "9" and dropped not in cli_rows
    capsys.readouterr()
    assert cli.main(["events", "--db", str(web_db), "--reviewed", "--format", "json"]) == 0
    listed = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed[fixed]["killed"] == 9 and listed[fixed]["review_status"] is None and dropped not in listed
    assert cli.main(["events", "--db", str(web_db), "--format", "json"]) == 0
    assert dropped in {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert cli.main(["reviews", "export", "--db", str(web_db)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["event_id"], x["status"]) for x in lines] == [(fixed, None), (dropped, "rejected")]
    assert lines[0]["reviewed"]["counts"]["killed"]["value"] == 9 and lines[0]["extracted"]["id"] == fixed
    assert lines[0]["sentence"] and lines[1]["note"] == "a duplicate"


# ---------------------------------------------------------------------------------------------------- store, CLI


def test_schema_2_file_upgrades_to_the_current_schema_keeping_its_data(web_db: Path) -> None:
    conn = sqlite3.connect(web_db)
    conn.executescript("DROP TABLE reviews; PRAGMA user_version = 2;")
    conn.close()
    create_app(web_db)  # a read-only app upgrades an older file it may write, once, as ingest would
    with Store(web_db, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store.reviews() == [] and store.stats()["events"] > 0


def test_an_older_file_that_cannot_be_written_keeps_its_coded_message(web_db: Path, capsys) -> None:
    import os

    conn = sqlite3.connect(web_db)
    conn.executescript("DROP TABLE reviews; PRAGMA user_version = 2;")
    conn.close()
    web_db.chmod(0o444)
    try:
        if os.access(web_db, os.W_OK):
            pytest.skip("running as root: a read-only file is still writable")
        with pytest.raises(Exception, match="EW308"):
            create_app(web_db)
    finally:
        web_db.chmod(0o644)


def test_serve_without_a_database_is_one_coded_line(tmp_path: Path, capsys) -> None:
    assert cli.main(["serve", "--db", str(tmp_path / "missing.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("eventwire: [EW201] no database at") and "\n" not in err


def test_docs_and_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/sources", "/api/stats"} <= set(
        spec["paths"]
    )
    assert "/api/export" in spec["paths"] and "post" in spec["paths"]["/api/articles"]
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_a_body_must_declare_its_length(writer: TestClient) -> None:
    event_id = first_event(writer)["id"]

    def chunks():
        yield b'{"status": '
        yield b'"confirmed"}'

    # a generator body goes out chunked, without Content-Length: refused before anything reads it
    response = writer.post(f"/api/events/{event_id}/reviews", content=chunks(), headers=AUTH)
    assert response.status_code == 411
    assert writer.get(f"/api/events/{event_id}").json()["review"] is None


def test_tiles_are_the_only_other_origin_allowed(web_db: Path) -> None:
    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    online = TestClient(create_app(web_db, tile_url=tiles))
    assert online.get("/api/config").json()["tile_url"] == tiles
    csp = online.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tile.example.org;" in csp and "connect-src 'self'" in csp
    offline = TestClient(create_app(web_db)).get("/api/config").json()
    assert (
        offline["tile_url"] is None
        and offline["writable"] is False
        and "Arrests" in offline["acled_types"]["Strategic developments"]
    )


def test_serve_help_teaches_with_examples(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "EVENTWIRE_TOKEN" in out and "--port" in out and "/docs" in out
