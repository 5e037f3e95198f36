"""Kill ``eventwire ingest`` with SIGKILL at random moments; check that no article is partial or duplicated.

Usage: python benchmarks/kill9.py [--trials 20] [--articles 150] [--seed S] [--workdir DIR]

Writes ``--articles`` short reports (sentences written for this script) into a folder, then runs ``--trials``
times: start ``eventwire ingest FOLDER --db DB`` as a subprocess, kill it with SIGKILL after a random delay
(between the moment it starts storing and a little after it would finish), and check the database:

* ``PRAGMA integrity_check`` is ``ok``;
* no partial article: every stored article has exactly the event, place and quote rows its stored record lists;
* no duplicate: no two stored articles have the same text (every report written here is different).

Odd trials start from a new database; even ones resume the database the previous trial killed, so re-ingesting
after a crash is checked too. A last ingest runs to completion and must leave every article stored exactly once.
Prints a Markdown summary; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHRASES = (
    "Police arrested {n} men in Kano on Monday.",
    "Gunmen killed {n} people in Kaduna on Sunday, officials said.",
    "Protesters marched through Nairobi on Tuesday.",
    "An airstrike hit a market near Aleppo, the observatory said.",
    "At least {n} people were injured in the blast in Mogadishu.",
    "Troops recaptured the town of Goma after heavy fighting.",
)


def write_reports(folder: Path, n: int, rng: random.Random) -> None:
    """``n`` distinct short reports, ``r000.txt`` ..."""
    for i in range(n):
        body = " ".join(rng.choice(PHRASES).format(n=rng.randint(2, 90)) for _ in range(rng.randint(3, 8)))
        (folder / f"r{i:03d}.txt").write_text(f"Report {i}\n\n{body} (report {i})\n", encoding="utf-8")


def check(db: Path) -> dict:
    """Integrity, partial and duplicated articles of ``db`` (missing file: nothing stored yet)."""
    if not db.exists():
        return {"integrity": "ok", "articles": 0, "partial": 0, "duplicated": 0}
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return {"integrity": integrity, "articles": 0, "partial": 0, "duplicated": 0}
        partial = 0
        rows = conn.execute("SELECT id, record_json FROM articles").fetchall()
        for article_id, record_json in rows:
            record = json.loads(record_json)
            for table, key, want in (
                ("events", "article_id", len(record.get("events") or [])),
                ("places", "article_id", len(record.get("places") or [])),
                ("quotes", "article_id", len(record.get("quotes") or [])),
            ):
                got = conn.execute(f"SELECT count(*) FROM {table} WHERE {key} = ?", (article_id,)).fetchone()[0]
                if got != want:
                    partial += 1
                    break
        duplicated = conn.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM articles GROUP BY text)"
        ).fetchone()[0]
        return {"integrity": integrity, "articles": len(rows), "partial": partial, "duplicated": duplicated}
    finally:
        conn.close()


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", str(db), "--quiet"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="ewkill9-"))
    folder = work / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    write_reports(folder, args.articles, rng)
    db = work / "kill9.db"

    # how long start-up (spaCy, gazetteer) and a full ingest take here: kills are spread from the first store to
    # a little after the last
    one = work / "one"
    one.mkdir(exist_ok=True)
    (one / "r000.txt").write_text((folder / "r000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    started = time.monotonic()
    ingest(one, work / "timing-1.db").wait()
    startup = time.monotonic() - started
    started = time.monotonic()
    ingest(folder, work / "timing-n.db").wait()
    full = time.monotonic() - started
    results = []
    for trial in range(1, args.trials + 1):
        if trial % 2 == 1 and db.exists():  # odd trials start a new database; even ones resume the killed one
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        delay = rng.uniform(startup * 0.9, full * 1.02)
        proc = ingest(folder, db)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = check(db)
        results.append({"trial": trial, "delay_s": round(delay, 2), "killed": killed, **state})
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    final = ingest(folder, db)
    final.wait()
    end = check(db)
    failures = [r for r in results if r["integrity"] != "ok" or r["partial"] or r["duplicated"]]
    ok = not failures and end["articles"] == args.articles and not end["partial"] and not end["duplicated"]
    killed = sum(r["killed"] for r in results)
    print(f"kill -9 trials: {args.trials} ({killed} killed mid-run); start-up {startup:.1f} s, all {full:.1f} s")
    print(f"date {dt.date.today().isoformat()}; {platform.machine()}, {os.cpu_count()} CPU(s)")
    print("| trials | killed | partial articles | duplicated articles | integrity failures | final articles |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.trials} | {killed} | {sum(r['partial'] for r in results)} | "
        f"{sum(r['duplicated'] for r in results)} | {sum(r['integrity'] != 'ok' for r in results)} | "
        f"{end['articles']} of {args.articles} |"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
