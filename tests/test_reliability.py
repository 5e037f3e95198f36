"""The promises of docs/RELIABILITY.md: no lost article, no partial article, no duplicate, no traceback.

Each test is one case of issue 10 ("Nothing lost, nothing stops a batch"), run through the command line where
a user would meet it. Long runs (>= 100,000 fuzzed inputs, kill -9 trials, time per KB) are in benchmarks/.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventwire import export
from eventwire.cli import main
from eventwire.errors import EventwireError
from eventwire.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parent.parent
REPORT = "Troops clash with rebels\n\nSoldiers arrested 14 suspected rebels in Goma on Tuesday, the army said.\n"
SENTENCE = "Police arrested {n} men in Kano on Monday, the army said."


@pytest.fixture(autouse=True)
def _shared_pipeline(pipeline, monkeypatch):
    """Reuse the session's pipeline so each command does not reload spaCy."""
    import eventwire.cli as cli

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: pipeline)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def stored(db: Path) -> int:
    with Store(db, readonly=True) as s:
        return s.stats()["articles"]


def jsonl(path: Path, items: list[object]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------- batch isolation


def test_metadata_of_the_wrong_type_is_rejected_not_fatal(capsys, tmp_path):
    odd = [["a", "list"], {"an": "object"}, True, 42, None]
    items = [
        {"id": f"w{i}", "text": SENTENCE.format(n=i + 2), key: odd[i % len(odd)]}
        for i, key in enumerate(["title", "source", "url"] * 3 + ["title", "id"])
    ]
    db = tmp_path / "ew.db"
    code, out, err = run(capsys, "ingest", str(jsonl(tmp_path / "odd.jsonl", items)), "--db", str(db), "-v")
    assert code == 0 and stored(db) == 11  # was 0 of 11 (sqlite3.ProgrammingError)
    assert "EW023" in err
    with Store(db, readonly=True) as s:
        titles = {r["article"]["id"]: r["article"]["title"] for r in s.records()}
    assert titles["w0"] is None and titles["w6"] is None  # a list or object title is dropped, not stored as text
    assert titles["w3"] == "42"  # a number is kept as its text
    assert "odd-11" in titles  # an id that is a list gives way to the line's own id


def test_sidecar_metadata_of_the_wrong_type(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": ["x"], "source": {"y": 1}, "url": 3}), encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(tmp_path / "a.txt"), "--format", "json")
    article = json.loads(out)["article"]
    assert code == 0 and article["title"] == "Troops clash with rebels" and article["source"] is None
    assert article["url"] == "3"


def test_lone_surrogates_are_replaced_with_a_warning(capsys, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s1", "title": "T\\ud800", "text": "Police arrested 3 men in Kano.\\udfff"}\n')
    code, out, _ = run(capsys, "extract", str(path), "--format", "json")
    record = json.loads(out)
    assert code == 0 and record["article"]["text"].endswith("\ufffd") and record["article"]["title"] == "T\ufffd"
    assert any("EW024" in w for w in record["warnings"])
    db = tmp_path / "ew.db"
    assert run(capsys, "ingest", str(path), "--db", str(db))[0] == 0 and stored(db) == 1


def test_max_chars_is_capped_at_the_model_limit(pipeline, gazetteer, monkeypatch):
    import eventwire.nlp as nlp_mod
    from eventwire.pipeline import Options, Pipeline

    monkeypatch.setattr(pipeline.nlp, "max_length", 2_000)  # the same check as spaCy's 1,000,000 (E088)
    monkeypatch.setattr(nlp_mod, "load_extracting", lambda model, gazetteer: pipeline.nlp)
    capped = Pipeline(Options(max_chars=1_500_000), gazetteer=gazetteer)
    assert capped.max_chars == 2_000
    record = capped.extract(" ".join([SENTENCE.format(n=3)] * 60), published="2025-11-09")
    assert record["events"] and any("EW031" in w for w in record["warnings"])
    assert not any("EW033" in w for w in record["warnings"])


def test_an_unreadable_database_write_costs_one_article(capsys, tmp_path, monkeypatch):
    real = Store.put

    def put(self, record):
        if "13 men" in record["article"]["text"]:
            raise sqlite3.OperationalError("database is locked")
        return real(self, record)

    monkeypatch.setattr(Store, "put", put)
    items = [{"id": f"a{n}", "text": SENTENCE.format(n=n)} for n in range(10, 16)]
    db = tmp_path / "ew.db"
    code, out, err = run(capsys, "ingest", str(jsonl(tmp_path / "b.jsonl", items)), "--db", str(db))
    assert code == 0 and stored(db) == 5
    assert "b.jsonl:4: [EW036] could not be stored (OperationalError: database is locked)" in err


def test_a_reader_holding_the_database_does_not_block_ingest(capsys, tmp_path):
    db = tmp_path / "ew.db"
    items = [{"id": f"a{n}", "text": SENTENCE.format(n=n)} for n in range(2, 12)]
    run(capsys, "ingest", str(jsonl(tmp_path / "a.jsonl", items[:3])), "--db", str(db))
    reader = sqlite3.connect(db, timeout=0)
    rows = reader.execute("SELECT * FROM articles")  # an export piped into a slow pager: a read left open
    rows.fetchone()  # (with more rows to come, the statement and its read lock stay open)
    try:
        code, out, err = run(capsys, "ingest", str(jsonl(tmp_path / "b.jsonl", items)), "--db", str(db))
    finally:
        reader.close()
    assert code == 0 and stored(db) == 10  # was "database is locked", 0 of 10 stored


def test_a_busy_writer_is_waited_for(tmp_path):
    from records import arrest_record

    db = tmp_path / "ew.db"
    Store(db).close()
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another ingest in the middle of its transaction
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    with Store(db, timeout=10) as s:
        assert s.put(arrest_record()) == "added"
    other.close()
    with Store(db, timeout=0.05) as s:  # and a writer that never lets go is reported, not waited for forever
        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            s.put(arrest_record() | {"article": {**arrest_record()["article"], "id": "x"}})
        blocker.close()


def test_placeholder_publication_dates(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "a.txt"), "--published", "0001-01-01"])
    assert exc.value.code == 2 and "outside the years" in capsys.readouterr().err
    path = jsonl(tmp_path / "n.jsonl", [{"id": "n1", "text": SENTENCE.format(n=4), "published": "0001-01-01T00:00:00"}])
    code, out, _ = run(capsys, "extract", str(path), "--format", "json")
    record = json.loads(out)
    assert code == 0 and record["events"]  # was an OverflowError: no events, exit code 0
    assert record["article"]["published"] is None and any("EW027" in w for w in record["warnings"])


def test_an_unreadable_sub_folder_is_listed(capsys, tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(REPORT, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # as a folder without read permission does (root can read any)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, "extract", str(tmp_path), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1
    assert f"{tmp_path / 'locked'}: [EW025] could not read the folder: Permission denied" in err


def test_a_spacy_failure_costs_one_article(pipeline, monkeypatch):
    from eventwire.ingest import Article

    real = pipeline.nlp

    class Flaky:
        max_length = real.max_length
        make_doc = real.make_doc

        def pipe(self, *args, **kwargs):
            raise RuntimeError("a batch fails")

        def __call__(self, doc):
            if "BOOM" in doc.text:
                raise ValueError("this text fails")
            return real(doc)

    monkeypatch.setattr(pipeline, "nlp", Flaky())
    articles = [Article(id=str(n), text=SENTENCE.format(n=n) + (" BOOM" if n == 3 else "")) for n in (2, 3, 4)]
    records = list(pipeline.process(articles))
    assert [bool(r["events"]) for r in records] == [True, False, True]
    assert "EW033" in records[1]["warnings"][-1] and "this text fails" in records[1]["warnings"][-1]


def test_the_time_budget_keeps_the_text_and_entities(gazetteer, monkeypatch):
    import eventwire.components as components
    import eventwire.pipeline as pipeline_mod

    def slow(doc, **kwargs):
        time.sleep(5)
        return []

    monkeypatch.setattr(components, "find_events", slow)  # the last extractor component: the budget is shared
    budgeted = pipeline_mod.Pipeline(pipeline_mod.Options(time_budget=0.5), gazetteer=gazetteer)
    started = time.monotonic()
    record = budgeted.extract("Police arrested 3 men in Kano on Monday.", published="2025-11-09")
    assert time.monotonic() - started < 4
    assert record["article"]["text"].startswith("Police") and record["events"] == [] and record["places"] == []
    assert any(e["text"] == "Kano" for e in record["entities"])
    assert "EW035" in record["warnings"][-1]


def test_ingest_summarises_warnings(capsys, tmp_path):
    (tmp_path / "bad-utf8.txt").write_bytes(REPORT.encode() + b"\xff\xfe more text.")
    db = tmp_path / "ew.db"
    code, out, err = run(capsys, "ingest", str(tmp_path), "--db", str(db))
    assert code == 0 and "EW012" in err and "(-v lists them)" in err and "invalid UTF-8" not in err
    code, out, err = run(capsys, "-v", "ingest", str(tmp_path), "--db", str(tmp_path / "two.db"))
    assert "bad-utf8.txt: [EW012] invalid UTF-8" in err


def test_a_bug_is_one_line_and_its_traceback_is_shown_with_v(capsys, monkeypatch):
    import eventwire.cli as cli

    def broken(args):
        raise RuntimeError("an unexpected state")

    monkeypatch.setitem(cli.COMMANDS, "schema", broken)
    code = main(["schema"])
    err = capsys.readouterr().err
    assert code == 1 and "[EW210] internal error: RuntimeError: an unexpected state" in err and "Traceback" not in err
    assert main(["-v", "schema"]) == 1
    assert "Traceback" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------ safe outputs


def test_export_refuses_to_overwrite_the_database(capsys, tmp_path):
    db = tmp_path / "q.db"
    run(
        capsys, "ingest", str(jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": SENTENCE.format(n=5)}])), "--db", str(db)
    )
    size = db.stat().st_size
    code, out, err = run(capsys, "export", "--db", str(db), "--format", "jsonl", "--output", str(db))
    assert code == 1 and "EW207" in err and "the database" in err
    assert db.stat().st_size == size and stored(db) == 1  # was truncated to 0 bytes


def test_extract_refuses_to_overwrite_its_input(capsys, tmp_path):
    report = tmp_path / "a.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(report), "--output", str(report))
    assert code == 1 and "EW207" in err and "one of the inputs" in err
    assert report.read_text(encoding="utf-8") == REPORT  # was emptied
    code, out, err = run(capsys, "extract", str(tmp_path), "--output", str(report))  # inside an input folder
    assert code == 1 and "EW207" in err


def test_nothing_extracted_leaves_the_output_as_it_was(capsys, tmp_path):
    out = tmp_path / "records.json"
    out.write_text("[] earlier results\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "missing.txt"), "--output", str(out))
    assert code == 1 and "EW020" in err
    assert out.read_text(encoding="utf-8") == "[] earlier results\n"


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda tmp: tmp / "no" / "such" / "out.json", "does not exist"),
        (lambda tmp: tmp, "it is a folder"),
    ],
)
def test_an_unwritable_output_is_one_line(capsys, tmp_path, make, why):
    report = tmp_path / "a.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(report), "--output", str(make(tmp_path)))
    assert code == 1 and "EW208" in err and why in err and len(err.strip().splitlines()) == 1


def test_a_read_only_output_folder_is_one_line(capsys, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):  # what a read-only folder does (root may write anywhere, so it is simulated)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    report = tmp_path / "a.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(report), "--output", str(tmp_path / "out.json"))
    assert code == 1 and "[EW208] cannot write" in err and "Permission denied" in err


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "events.geojson"
    target.write_text("the good export\n", encoding="utf-8")
    with pytest.raises(EventwireError, match="EW208.*No space left"):
        with export.atomic_output(target) as fp:
            fp.write("half of a new export")
            raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "the good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]  # no temporary file left behind


def test_a_file_size_limit_keeps_the_good_export(capsys, tmp_path):
    db = tmp_path / "ew.db"
    items = [{"id": f"a{n}", "text": SENTENCE.format(n=n) * 20} for n in range(2, 12)]
    run(capsys, "ingest", str(jsonl(tmp_path / "a.jsonl", items)), "--db", str(db))
    good = tmp_path / "out.jsonl"
    assert run(capsys, "export", "--db", str(db), "--format", "jsonl", "--output", str(good))[0] == 0
    before = good.read_bytes()

    def limit() -> None:  # `ulimit -f 100` (100 blocks of 512 bytes)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100 * 512, 100 * 512))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "eventwire", "export", "--db", str(db), "--format", "jsonl", "--output", str(good)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, preexec_fn=limit, timeout=120)
    assert done.returncode == 1 and "[EW208] cannot write" in done.stderr and "Traceback" not in done.stderr
    assert good.read_bytes() == before and len(before) > 100 * 512  # was replaced by a cut-off file


# ---------------------------------------------------------------------------------------------------- identity


def test_reingesting_with_another_date_updates(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "ew.db"
    code, out, _ = run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(db), "--published", "2025-11-09")
    events = json.loads(run(capsys, "events", "--db", str(db), "--format", "json")[1])
    code, out, _ = run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(db), "--published", "2025-11-10")
    assert code == 0 and "1 updated" in out and stored(db) == 1
    again = json.loads(run(capsys, "events", "--db", str(db), "--format", "json")[1])
    assert len(again) == len(events)  # was stored twice, its events counted twice
    assert {e["article_published"] for e in again} == {"2025-11-10"}


def test_a_schema_1_database_is_rehashed(tmp_path):
    import hashlib

    from records import arrest_record, variant

    db = tmp_path / "old.db"
    with Store(db) as s:
        s.add(arrest_record())
        text = arrest_record()["article"]["text"]
        old = hashlib.sha256((text + "\x1f" + "2025-11-09").encode()).hexdigest()  # schema 1: text + date
        s._conn.execute("UPDATE articles SET content_hash = ?", (old,))
        s._conn.execute("PRAGMA user_version = 1")
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION  # migrated through every step after 1
        assert s.schema_version == SCHEMA_VERSION  # every migration ran, the rehash (2) among them
        assert s.put(variant(arrest_record(), published="2025-12-01")) == "updated"
        assert s.stats()["articles"] == 1


# ------------------------------------------------------------------------------------------------- CSV safety


FORMULA = '=HYPERLINK("http://x","y")'


def test_acled_csv_neutralises_formulas(store):
    record = next(store.records(["art-syr-1"]))
    event = record["events"][0]
    event["actors"] = [{"name": "+cmd|' /C calc'!A0"}]
    start = event["sentence"]["start"]
    record["article"]["text"] = record["article"]["text"][:start] + "=" + record["article"]["text"][start + 1 :]
    record["article"]["source"] = "@SUM(1)"
    buf = io.StringIO()
    export.write_acled_csv([(record, event)], buf, timestamp=0)
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["actor1"] == "'+cmd|' /C calc'!A0" and row["notes"].startswith("'=")
    assert not [v for v in row.values() if v.startswith(export.FORMULA_STARTS) and not _number(v)]


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_safe_follows_owasp(cell):
    assert export.csv_safe(cell) == "'" + cell
    assert export.csv_safe(-12.5) == -12.5 and export.csv_safe("Kano") == "Kano"


def test_events_csv_neutralises_page_metadata(capsys, tmp_path):
    db = tmp_path / "ew.db"
    item = {"id": "m1", "text": "-" + SENTENCE.format(n=7), "title": FORMULA, "source": "@evil"}
    run(capsys, "ingest", str(jsonl(tmp_path / "m.jsonl", [item])), "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(run(capsys, "events", "--db", str(db), "--format", "csv")[1])))
    assert rows
    for row in rows:
        assert row["article_title"] == "'" + FORMULA and row["article_source"] == "'@evil"
        assert not row["sentence_text"].startswith(export.FORMULA_STARTS)
    geo = json.loads(run(capsys, "export", "--db", str(db), "--format", "geojson")[1])
    assert geo["features"] and {f["properties"]["article_title"] for f in geo["features"]} == {FORMULA}  # data


# ------------------------------------------------------------------------------------------------ bounded work


def test_run_on_text_gets_bounded_sentences(nlp):
    from eventwire.nlp import MAX_SENTENCE_TOKENS

    doc = nlp(" ".join(["police arrested twelve men in Kano and"] * 200))  # 1,400 tokens, no full stop
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    first = "Police arrested 12 men in Kano on Monday, the army said."
    assert [s.text for s in nlp(first + " Gunmen fled.").sents] == [first, "Gunmen fled."]


def test_long_runs_are_tokenized_in_pieces(nlp):
    from eventwire.nlp import MAX_WORD_CHARS

    text = "Police arrested 3 men. " + "“" * 2_000 + " in Kano."
    doc = nlp.make_doc(text)
    assert doc.text == text and max(len(t) for t in doc) <= MAX_WORD_CHARS
    plain = "Supt. Musa said 12 men were held in Kano (Nigeria) on 3 March."
    assert [t.text for t in nlp.make_doc(plain)] == [t.text for t in nlp.tokenizer.inner(plain)]


def test_unbroken_text_is_cut_into_bounded_paragraphs(nlp):
    from eventwire.extractors.placing import MAX_PARAGRAPH_SENTENCES, paragraph_index

    doc = nlp(" ".join(f"Police arrested {n} men." for n in range(2, 62)))
    index = paragraph_index(doc)
    assert len(index) == 60 and max(index.count(p) for p in set(index)) <= MAX_PARAGRAPH_SENTENCES
    two = nlp("Police arrested 3 men.\n\nGunmen fled.")
    assert paragraph_index(two) == [0, 1]


def test_entities_of_a_phrase_are_those_of_the_span(nlp):
    from eventwire.extractors.attribution import _ents_within

    doc = nlp((ROOT / "examples").glob("*.txt").__next__().read_text(encoding="utf-8"))
    for start in range(0, len(doc), 7):
        for end in (start, start + 1, start + 5, start + 40, len(doc)):
            span = doc[start : min(end, len(doc))]
            want = [(e.start, e.end, e.label_) for e in span.ents]
            assert [(e.start, e.end, e.label_) for e in _ents_within(span)] == want


def test_long_symbol_runs_are_not_parsed(pipeline):
    junk = "“—… " * 1_000  # one spaCy token per character: the costliest text to parse, and no prose
    record = pipeline.extract(junk)
    assert record["article"]["text"] == junk.strip() and record["events"] == []
    assert "EW037" in record["warnings"][-1]
    table = "\n".join(f"Kano | {n} | {n * 3} | arrested" for n in range(200))  # digits are prose enough
    assert not any("EW037" in w for w in pipeline.extract(table)["warnings"])
