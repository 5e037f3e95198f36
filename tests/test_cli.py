"""The command line: every command through ``main(argv)``, formats, filters, exit codes and clean messages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from eventwire.cli import build_parser, main
from eventwire.schema import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
README = Path(__file__).resolve().parent.parent / "README.md"
REPORT = "Troops clash with rebels\n\nSoldiers arrested 14 suspected rebels in Goma on Tuesday, the army said.\n"


@pytest.fixture(autouse=True)
def _shared_pipeline(pipeline, monkeypatch):
    """Reuse the session's pipeline so each command does not reload spaCy."""
    import eventwire.cli as cli

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: pipeline)


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "goma.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_is_one_valid_record(capsys, report):
    code, out, err = run(capsys, "extract", str(report), "--published", "2025-11-09", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert validate(record) == []
    assert record["article"]["published"] == "2025-11-09" and record["article"]["title"] == "Troops clash with rebels"
    assert record["events"][0]["counts"]["arrested"]["value"] == 14


def test_extract_jsonl_and_table(capsys, report, tmp_path):
    code, out, _ = run(capsys, "extract", str(report), str(report), "--format", "jsonl")
    assert code == 0 and len(out.strip().splitlines()) == 2
    code, out, _ = run(capsys, "extract", str(report), "--format", "table", "--published", "2025-11-09")
    assert code == 0 and "COERCE/arrest" in out and "Goma" in out


def test_extract_jsonl_input_keeps_ids(capsys, tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps({"id": "wire-1", "text": "Police arrested two men in Kano.", "published": "2025-01-02"}) + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(f), "--format", "json")
    assert code == 0 and json.loads(out)["article"]["id"] == "wire-1"


@pytest.mark.parametrize("value", ["2025-13-45", "yesterday", "9/11/2025"])
def test_malformed_published_is_a_usage_error_without_traceback(capsys, report, value):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(report), "--published", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--published" in err and "Traceback" not in err


def test_bad_items_are_listed_and_do_not_stop_the_batch(capsys, report, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, "extract", str(empty), str(report), str(binary), "--format", "jsonl")
    assert code == 0
    assert len(out.strip().splitlines()) == 1
    assert "2 item(s) could not be processed" in err and "EW010" in err and "EW011" in err
    assert "Traceback" not in err


def test_exit_code_is_one_when_nothing_could_be_processed(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run(capsys, "extract", str(empty), str(tmp_path / "missing.txt"))
    assert code == 1 and out == "" and "nothing could be processed" in err


def test_ingest_is_idempotent_and_events_filter(capsys, tmp_path):
    db = tmp_path / "ew.db"
    code, out, _ = run(capsys, "ingest", str(EXAMPLES), "--db", str(db), "--quiet")
    assert code == 0 and re.search(r"ingested \d+ new article", out)
    first = json.loads(run(capsys, "events", "--db", str(db), "--format", "json")[1])
    code, out, _ = run(capsys, "ingest", str(EXAMPLES), "--db", str(db), "--quiet")
    assert "ingested 0 new article(s)" in out
    assert json.loads(run(capsys, "events", "--db", str(db), "--format", "json")[1]) == first

    arrests = json.loads(run(capsys, "events", "--db", str(db), "--acled-type", "Arrests", "--format", "json")[1])
    assert arrests and all(r["acled_sub_event_type"] == "Arrests" for r in arrests)
    nigeria = json.loads(run(capsys, "events", "--db", str(db), "--country", "NG", "--format", "json")[1])
    assert nigeria and all("Maiduguri" in json.dumps(r) or r["country"] == "NG" for r in nigeria)
    csv_out = run(capsys, "events", "--db", str(db), "--format", "csv", "--since", "2026-01-01")[1]
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert rows and all(r["date_value"] >= "2026-01-01" for r in rows)
    code, out, _ = run(capsys, "events", "--db", str(db), "--text", "tear gas")
    assert code == 0 and "event(s)" in out


def test_export_formats(capsys, tmp_path):
    db = tmp_path / "ew.db"
    run(capsys, "ingest", str(EXAMPLES), "--db", str(db), "--quiet")
    acled = tmp_path / "acled.csv"
    assert run(capsys, "export", "--db", str(db), "--format", "acled-csv", "--output", str(acled))[0] == 0
    rows = list(csv.DictReader(acled.open(encoding="utf-8")))
    assert rows and {"event_date", "event_type", "sub_event_type", "latitude", "longitude"} <= set(rows[0])
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "geojson")
    geo = json.loads(out)
    assert code == 0 and geo["type"] == "FeatureCollection" and geo["features"]
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "jsonl")
    lines = out.splitlines()
    # one valid record per ingested report: an empty export must fail here, not pass vacuously
    assert code == 0 and len(lines) == len(list(EXAMPLES.glob("*.txt")))
    assert all(validate(json.loads(line)) == [] for line in lines)


def test_events_on_a_missing_database_is_a_clean_error(capsys, tmp_path):
    code, out, err = run(capsys, "events", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "EW201" in err and "Traceback" not in err


def test_schema_command_prints_the_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["properties"]["format"] == {"const": 1}


def test_every_command_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in commands:
        assert f"eventwire {name}" in text, f"README does not document `eventwire {name}`"


def test_help_teaches_with_examples(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "--published" in out and "examples:" in out


def test_acts_that_did_not_happen_are_listed_only_when_asked(capsys, tmp_path):
    report = tmp_path / "denial.txt"
    report.write_text(
        "Army denies raid\n\nThe army denied arresting 30 students in Goma on Monday. "
        "Soldiers arrested 12 rebels in Beni on Tuesday, the army said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "d.db"
    assert main(["ingest", str(report), "--db", str(db), "--published", "2025-11-12", "-q"]) == 0
    capsys.readouterr()
    main(["events", "--db", str(db), "--format", "json"])
    shown = {e["modality"] for e in json.loads(capsys.readouterr().out)}
    main(["events", "--db", str(db), "--format", "json", "--all-modalities"])
    every = {e["modality"] for e in json.loads(capsys.readouterr().out)}
    assert "negated" in every and "negated" not in shown
    assert shown and shown <= {"asserted", "reported", "planned"}
