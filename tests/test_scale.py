"""Ingest at scale (issue 15): origins kept, failures kept and retried, kill -9 and concurrent writers lose
nothing and double nothing, Parquet read back with DuckDB, worker processes give the records of one process.

The kill -9 and concurrency tests run ``tests/ingest_runner.py``: the real ``eventwire ingest`` in a subprocess,
with the hand-written sample records standing in for extraction so that each run takes a second, not a model load.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.errors import EventwireError
from eventwire.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "ingest_runner.py"
SENTENCE = "Police arrested {n} men in Kano on Monday, the army said."


@pytest.fixture
def shared_pipeline(pipeline, monkeypatch):
    """Reuse the session's pipeline so each command does not reload spaCy."""
    import eventwire.cli as cli

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: pipeline)
    return pipeline


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def jsonl(path: Path, items: list[object]) -> Path:
    path.write_text("".join((i if isinstance(i, str) else json.dumps(i)) + "\n" for i in items), encoding="utf-8")
    return path


def env() -> dict[str, str]:
    src = str(ROOT / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


# ------------------------------------------------------------------------------------------------ origins


def test_two_reports_of_one_name_are_stored_apart_with_their_origins(capsys, tmp_path, shared_pipeline):
    for folder, n in (("north", 3), ("south", 4)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(SENTENCE.format(n=n), encoding="utf-8")
    db = tmp_path / "ew.db"
    code, out, _ = run(capsys, "ingest", str(tmp_path / "north"), str(tmp_path / "south"), "--db", str(db))
    assert code == 0
    with Store(db, readonly=True) as store:
        rows = store._conn.execute("SELECT id, origin FROM articles ORDER BY ingest_seq").fetchall()
        records = list(store.records())
    assert [tuple(r) for r in rows] == [
        ("report", str(tmp_path / "north" / "report.txt")),
        ("report-2", str(tmp_path / "south" / "report.txt")),
    ]
    assert [r["article"]["origin"] for r in records] == [r[1] for r in rows]


def test_a_schema_2_database_gains_origins_and_failures(tmp_path, samples):
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.add({**samples[0], "article": {**samples[0]["article"], "origin": "a/x.txt"}})
    conn = sqlite3.connect(db)
    conn.executescript("DROP TABLE failures; DROP INDEX articles_origin; ALTER TABLE articles DROP COLUMN origin;")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store._conn.execute("SELECT origin FROM articles").fetchone()[0] == "a/x.txt"
        assert store.failures() == []


# ------------------------------------------------------------------------------------------------ failures


def test_failures_are_kept_listed_and_retried(capsys, tmp_path, shared_pipeline, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wire = jsonl(Path("wire.jsonl"), [{"id": "a", "text": SENTENCE.format(n=2)}, "not json", {"id": "c"}])
    db = "ew.db"
    code, _, err = run(capsys, "ingest", str(wire), "missing.txt", "--db", db)
    assert code == 0 and "3 item(s) could not be processed" in err
    code, out, _ = run(capsys, "failures", "--db", db, "--format", "json")
    failures = {f["origin"]: f for f in json.loads(out)}
    assert sorted(failures) == ["missing.txt", "wire.jsonl:2", "wire.jsonl:3"]
    assert failures["wire.jsonl:2"]["reason"].startswith("[EW014]") and failures["missing.txt"]["stage"] == "read"
    assert failures["wire.jsonl:3"]["path"] == "wire.jsonl"

    # the lines are mended; the missing file is still missing
    jsonl(
        wire,
        [
            {"id": "a", "text": SENTENCE.format(n=2)},
            {"id": "b", "text": SENTENCE.format(n=3)},
            {"id": "c", "text": SENTENCE.format(n=4)},
        ],
    )
    code, out, err = run(capsys, "ingest", "--retry-failed", "--db", db)
    assert code == 0 and "ingested 2 new article(s)" in out
    with Store(db, readonly=True) as store:
        left = store.failures()
        assert sorted(r["article"]["id"] for r in store.records()) == ["a", "b", "c"]
    assert [(f["origin"], f["attempts"]) for f in left] == [("missing.txt", 2)]


def test_an_article_whose_analysis_failed_is_stored_and_retried(capsys, tmp_path, shared_pipeline, monkeypatch):
    import eventwire.cli as cli

    class Failing:
        def process(self, articles):
            for record in shared_pipeline.process(articles):
                record["events"] = []
                record["warnings"].append(
                    "[EW033] the analysis of this article failed (boom); the record holds the text only"
                )
                yield record

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: Failing())
    wire = jsonl(tmp_path / "w.jsonl", [{"id": "a", "text": SENTENCE.format(n=2)}])
    db = str(tmp_path / "ew.db")
    run(capsys, "ingest", str(wire), "--db", db)
    with Store(db, readonly=True) as store:
        assert [f["stage"] for f in store.failures()] == ["extract"] and store.stats()["events"] == 0
    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: shared_pipeline)
    code, out, _ = run(capsys, "ingest", "--retry-failed", "--db", db)
    assert code == 0 and "1 updated" in out
    with Store(db, readonly=True) as store:
        assert store.failures() == [] and store.stats()["events"] >= 1


def test_retry_without_failures_says_so(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", "--retry-failed", "--db", str(tmp_path / "ew.db"))
    assert code == 0 and "no failures to retry" in err


def test_ingest_without_paths_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", "--db", str(tmp_path / "ew.db"))
    assert code == 1 and "EW233" in err


# ------------------------------------------------------------------------------------------------ Parquet


def test_parquet_export_is_read_back_by_duckdb(capsys, tmp_path, store, samples):
    duckdb = pytest.importorskip("duckdb")
    from eventwire.parquet import write_parquet
    from eventwire.rows import event_row

    out = tmp_path / "analytics"
    counts = write_parquet(out, store.event_records(), store.records(), store.records())
    stats = store.stats()
    assert counts == {"events": stats["events"], "places": stats["places"], "quotes": stats["quotes"]}
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM '{out}/events.parquet' ORDER BY id")
    names = [d[0] for d in cur.description]
    events = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    expected = sorted((event_row(r, e) for r in samples for e in r["events"]), key=lambda row: row["id"])
    assert [e["id"] for e in events] == [e["id"] for e in expected]
    for got, want in zip(events, expected, strict=True):
        for column in ("actor1", "country", "killed", "arrested", "modality", "date_value", "sentence_text"):
            assert got[column] == want[column], (column, got[column], want[column])
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM '{out}/events.parquet'").fetchall()}
    assert (types["killed"], types["lat"], types["aggregate"]) == ("BIGINT", "DOUBLE", "BOOLEAN")
    places = con.execute(f"SELECT count(*), count(DISTINCT article_id) FROM '{out}/places.parquet'").fetchone()
    assert places == (stats["places"], len({r["article"]["id"] for r in samples if r["places"]}))
    speakers = {r[0] for r in con.execute(f"SELECT speaker FROM '{out}/quotes.parquet'").fetchall()}
    assert speakers == {q["speaker"] for r in samples for q in r["quotes"]}


def test_parquet_export_through_the_cli_needs_a_folder(capsys, tmp_path, store, samples):
    pytest.importorskip("pyarrow")
    db = tmp_path / "ew.db"
    with Store(db) as s:
        s.add_many(samples)
    assert run(capsys, "export", "--db", str(db), "--format", "parquet")[0] == 1
    code, _, err = run(capsys, "export", "--db", str(db), "--format", "parquet", "--output", str(tmp_path / "pq"))
    assert code == 0 and "Parquet" in err
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["events.parquet", "places.parquet", "quotes.parquet"]


# ------------------------------------------------------------------------------------- kill -9, two writers


def _reports(folder: Path, n: int) -> Path:
    """``n`` one-line articles in one JSON Lines file; the stand-in extractor gives each a sample record."""
    return jsonl(folder / "wire.jsonl", [{"id": f"r{i}", "text": f"Report {i}."} for i in range(n)])


def _check(db: Path, expected: set[str] | None = None) -> int:
    """Integrity, no partial article, no article stored twice; return how many are stored."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return 0
        for article_id, record_json in conn.execute("SELECT id, record_json FROM articles"):
            record = json.loads(record_json)
            stored = {
                t: conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (article_id,)).fetchone()[0]
                for t in ("events", "places", "quotes")
            }
            assert stored == {t: len(record[t]) for t in ("events", "places", "quotes")}, article_id
        doubled = conn.execute("SELECT origin FROM articles GROUP BY origin HAVING count(*) > 1").fetchall()
        assert doubled == []
        origins = {r[0] for r in conn.execute("SELECT origin FROM articles")}
        if expected is not None:
            assert origins == expected
        return len(origins)
    finally:
        conn.close()


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_mid_batch_then_resume_stores_every_report_once(tmp_path):
    """20 trials: an ingest is killed with SIGKILL while it stores (after 1-25 more articles), then started again
    on the same database; after each kill nothing is partial or doubled, and the last run stores every report
    exactly once."""
    n = 400
    wire = _reports(tmp_path, n)
    expected = {f"{wire}:{i + 1}" for i in range(n)}
    rng = random.Random(15)
    db = tmp_path / "k.db"
    cmd = [sys.executable, str(RUNNER), "ingest", str(wire), "--db", str(db), "-q"]
    killed_mid_run = 0
    for _trial in range(20):
        before = _check(db)
        target = before + rng.randint(1, 25)
        proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _stored(db) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_mid_run += proc.returncode == -signal.SIGKILL
        after = _check(db)  # no partial article, none stored twice, whatever the moment of the kill
        assert after >= before
    resumed = subprocess.run(cmd, env=env(), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _check(db, expected) == n
    assert killed_mid_run == 20  # every trial was killed mid-run, while it stored


@pytest.mark.slow
def test_two_ingests_into_one_sqlite_file_both_finish(tmp_path):
    """Two processes ingest overlapping inputs into one file at once: both finish, nothing lost or doubled."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first = jsonl(a / "wire.jsonl", [{"id": f"r{i}", "text": f"Report {i}."} for i in range(150)])
    second = jsonl(b / "wire.jsonl", [{"id": f"r{i}", "text": f"Report {i}."} for i in range(100, 250)])
    db = tmp_path / "both.db"
    procs = [
        subprocess.Popen(
            [sys.executable, str(RUNNER), "ingest", str(path), "--db", str(db), "-q"],
            env={**env(), "EVENTWIRE_TEST_PAUSE": "0.001"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("0 not processed" in out for out, _ in outs), outs
    # 250 distinct reports: the 50 both read are one article each (same text, id and url), stored once
    with Store(db, readonly=True) as store:
        records = list(store.records())
        assert store.failures() == []
    assert sorted(r["article"]["id"] for r in records) == sorted(f"r{i}" for i in range(250))
    assert _check(db) == 250


# --------------------------------------------------------------------------------------------- workers


@pytest.mark.slow
def test_two_worker_processes_give_the_records_of_one(pipeline, tmp_path):
    from eventwire.ingest import read_paths
    from eventwire.parallel import ProcessExtractor, batched
    from eventwire.pipeline import Options

    examples = sorted((ROOT / "examples").glob("*.txt"))[:6]
    articles = [a for a in read_paths(examples)]
    expected = list(pipeline.process(articles))
    with ProcessExtractor(Options(batch_size=2), workers=2) as extractor:
        got = [r for _, records in extractor.run(batched(articles, 2)) for r in records]
        assert got == expected
        # a worker killed (as the kernel's OOM killer would) is one line, not a traceback
        os.kill(next(iter(extractor._pool._processes)), signal.SIGKILL)
        with pytest.raises(EventwireError, match="EW235"):
            list(extractor.run(batched(articles, 2)))


@pytest.mark.slow
def test_dask_workers_give_the_records_of_one_process(pipeline):
    pytest.importorskip("dask.distributed")
    from eventwire.ingest import read_paths
    from eventwire.parallel import DaskExtractor, batched
    from eventwire.pipeline import Options

    articles = list(read_paths(sorted((ROOT / "examples").glob("*.txt"))[:4]))
    expected = list(pipeline.process(articles))
    with DaskExtractor(Options(batch_size=2), "local:2") as extractor:
        assert extractor.workers == 2
        got = [r for _, records in extractor.run(batched(articles, 2)) for r in records]
    assert got == expected


def test_a_bad_dask_address_is_one_line(capsys, tmp_path):
    pytest.importorskip("dask.distributed")
    (tmp_path / "a.txt").write_text(SENTENCE.format(n=2), encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "d.db"), "--dask", "local:x")
    assert code == 1 and "EW230" in err


@pytest.mark.slow
def test_kill_9_of_an_ingest_with_workers_ends_its_workers_and_resumes(tmp_path):
    """SIGKILL of `ingest --workers 2` while it stores: its worker processes exit (they watch their parent), and
    the same command started again stores every report once."""
    n = 60
    wire = jsonl(tmp_path / "wire.jsonl", [{"id": f"w{i}", "text": SENTENCE.format(n=i + 2)} for i in range(n)])
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(wire), "--db", str(db), "--workers", "2", "-q"]
    cmd += ["--batch-size", "4"]
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while proc.poll() is None and _stored(db) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert proc.poll() is None and children, "the ingest ended before it could be killed mid-run"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _check(db)
    gone_by = time.monotonic() + 15
    while time.monotonic() < gone_by and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.2)
    left = [c for c in children if Path(f"/proc/{c}").exists()]
    for c in left:  # do not leave them behind if the test fails
        os.kill(int(c), signal.SIGKILL)
    assert left == []
    done = subprocess.run(cmd, env=env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _check(db, {f"{wire}:{i + 1}" for i in range(n)}) == n
