"""The spine's acceptance on a real report (the Syria raids, Nov 2025), read from ../shared when present."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventwire.ingest import read_paths
from eventwire.schema import validate

ROOT = Path(__file__).resolve().parent.parent


def test_seed_acceptance_check_passes(shared):
    """Runs the issue's own check (../shared/tools/check_seed.py): every analyst fact must hold."""
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "check_seed.py")], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "seed facts 12/12" in out.stdout


def test_seed_record_is_valid_and_ignores_page_residue(shared, pipeline):
    article = next(iter(read_paths([shared / "corpus" / "syria-raids-2025-11.txt"])))
    record = next(pipeline.process([article]))
    assert validate(record) == []
    assert "Related Posts" not in record["article"]["text"]
    khalil = [q for q in record["quotes"] if q["speaker"] and "Khalil" in q["speaker"]]
    direct = [q for q in khalil if q["kind"] == "direct"]
    assert direct and all(q["speaker_org"] == "Interior Ministry" for q in direct)


def test_sources_of_the_seed_report_are_listable(shared, pipeline, tmp_path, monkeypatch, capsys):
    """`eventwire events --source "Syrian Observatory"` finds the monitor's monthly toll, and only events it sources."""
    import json

    import eventwire.cli as cli

    monkeypatch.setattr(cli, "make_pipeline", lambda max_chars, time_budget=None: pipeline)
    db = str(tmp_path / "seed.db")
    seed = str(shared / "corpus" / "syria-raids-2025-11.txt")
    assert cli.main(["ingest", seed, "--db", db, "--published", "2025-11-09", "--quiet"]) == 0
    capsys.readouterr()
    assert cli.main(["events", "--db", db, "--source", "Syrian Observatory", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("Observatory" in r["attribution_source"] for r in rows)
    assert any(r["killed"] == 40 and r["attribution_kind"] == "monitor" for r in rows)
