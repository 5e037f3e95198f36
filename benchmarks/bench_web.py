"""Latency of the web API over a big store: 100,000 synthetic events, a server in one process, requests from another.

Usage: python benchmarks/bench_web.py [--events 100000] [--requests 2000] [--keep DB]

Builds a temporary store of synthetic records (5 events per article, written through :meth:`Store.add` with
``synchronous = OFF`` for speed; that pragma is the benchmark's only, never the store's), starts ``eventwire serve``
on 127.0.0.1 in a subprocess (read-only, as a server without a token runs), then sends the requests from this
process over one keep-alive HTTP connection, one at a time, and prints a Markdown table of p50/p95/max per kind
of request with the error count (any status but 200, or a failed request). The mix: 40% ``/api/events`` first page
(no filter, as the page opens), 10% first page with a type filter, 10% the next page by cursor, 10% date-sorted
first page, 20% ``/api/stats``, 5% ``/api/events/{id}``, 5% ``/api/articles/{id}``. The targets (issue 14):
``/api/events`` first page p95 < 50 ms, ``/api/stats`` p95 < 200 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "src"))  # appended: a PYTHONPATH given by the caller wins

from eventwire.store import Store  # noqa: E402

PLACES = (
    ("Kano", "Kano", "NG", "Nigeria", 12.0, 8.52),
    ("Maiduguri", "Borno", "NG", "Nigeria", 11.85, 13.16),
    ("Aleppo", "Aleppo", "SY", "Syria", 36.2, 37.16),
    ("Homs", "Homs", "SY", "Syria", 34.73, 36.71),
    ("Nairobi", "Nairobi Area", "KE", "Kenya", -1.28, 36.82),
    ("Lyon", "Auvergne-Rhône-Alpes", "FR", "France", 45.75, 4.85),
    ("Taiz", "Taiz", "YE", "Yemen", 13.58, 44.02),
    ("Culiacán", "Sinaloa", "MX", "Mexico", 24.8, -107.39),
    ("Quetta", "Balochistan", "PK", "Pakistan", 30.18, 66.99),
    ("El Fasher", "North Darfur", "SD", "Sudan", 13.63, 25.35),
)
KINDS = (
    ("ASSAULT", "firearms", "Battles", "Armed clash", "clashed with", "killed"),
    ("PROTEST", "demo", "Protests", "Peaceful protest", "marched against", "injured"),
    ("COERCE", "arrest", "Strategic developments", "Arrests", "arrested", "arrested"),
    ("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike", "bombed", "killed"),
    ("CONSULT", "visit", None, None, "met", None),
)
ACTORS = ("Police", "Army", "Rebels", "Protesters", "Militia", "Security forces", "Gunmen", "Officials")
MODALITIES = ("asserted",) * 7 + ("reported",) * 2 + ("negated",)


def synthetic_record(n: int, rng: random.Random, per_article: int) -> dict:
    """One article record of ``per_article`` events, each with spans into its text."""
    sentences, events = [], []
    offset = 0
    day0 = 20_000  # days since 1970: 2024-10-04
    for i in range(per_article):
        etype, mode, acled_type, sub, verb, count_key = rng.choice(KINDS)
        actor, target = rng.sample(ACTORS, 2)
        name, admin1, country, country_name, lat, lon = rng.choice(PLACES)
        number = rng.randint(1, 40)
        date = time.strftime("%Y-%m-%d", time.gmtime((day0 + rng.randint(0, 365)) * 86400))
        sentence = f"{actor} {verb} {target} in {name} on {date}, leaving {number} {count_key or 'people'}. "
        start = offset

        def span(word: str, base: int = start, text: str = sentence) -> dict:
            s = base + text.index(word)
            return {"text": word, "start": s, "end": s + len(word)}

        place = {"name": name, "admin1": admin1, "country": country, "country_name": country_name}
        place.update(lat=lat + rng.uniform(-0.3, 0.3), lon=lon + rng.uniform(-0.3, 0.3), precision=1, geonameid=None)
        place.update(span(name))
        counts = {count_key: {"value": number, "qualifier": "exact", **span(str(number))}} if count_key else {}
        events.append(
            {
                "id": f"syn{n}-e{i + 1}",
                "type": etype,
                "mode": mode,
                "acled": {"event_type": acled_type, "sub_event_type": sub} if acled_type else None,
                "trigger": span(verb),
                "mentions": [{"start": start, "end": start + len(sentence) - 1}],
                "actors": [{"name": actor, "country": None, "sector": None, **span(actor)}],
                "targets": [{"name": target, "country": None, "sector": None, **span(target)}],
                "location": place,
                "locations": [place],
                "date": {"value": date, "precision": "day", "time_precision": 1, **span(date)},
                "counts": counts,
                "attribution": {"source": "Synthetic Wire", "kind": "media", "text": None, "start": None, "end": None},
                "modality": rng.choice(MODALITIES),
                "aggregate": False,
                "sentence": {"start": start, "end": start + len(sentence) - 1},
                "confidence": 0.9,
            }
        )
        sentences.append(sentence)
        offset += len(sentence)
    return {
        "format": 1,
        "article": {
            "id": f"syn{n}",
            "title": f"Synthetic report {n}",
            "published": "2025-10-05",
            "source": "Synthetic Wire",
            "url": f"https://example.org/{n}",
            "language": "en",
            "text": "".join(sentences),
        },
        "events": events,
        "places": [],
        "quotes": [],
        "entities": [],
        "warnings": [],
    }


def build(path: Path, events: int, seed: int = 14, per_article: int = 5) -> float:
    """Write ``events`` synthetic events into a new store at ``path``; return the seconds it took."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with Store(path) as store:
        store._conn.execute("PRAGMA synchronous = OFF")  # the benchmark's build only: no fsync per article
        for n in range(events // per_article):
            store.add(synthetic_record(n, rng, per_article))
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("EVENTWIRE_TOKEN", None)
    cmd = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def run(port: int, requests: int, seed: int = 7) -> tuple[dict[str, list[float]], int]:
    """Send the request mix; return latencies (ms) by kind and the error count."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(path: str) -> tuple[float, int, bytes]:
        t0 = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return (time.perf_counter() - t0) * 1000, response.status, body

    _, _, body = get("/api/events?limit=50")
    first = json.loads(body)
    cursor = first["next_cursor"]
    ids = [e["id"] for e in first["events"]]
    articles = sorted({e["article_id"] for e in first["events"]})
    mix = (
        [("events first page", "/api/events?limit=50")] * 40
        + [("events ?type= first page", "/api/events?" + urlencode({"type": "PROTEST", "limit": 50}))] * 10
        + [("events next page (cursor)", "/api/events?" + urlencode({"cursor": cursor, "limit": 50}))] * 10
        + [("events ?sort=-date first page", "/api/events?sort=-date&limit=50")] * 10
        + [("stats", "/api/stats")] * 20
        + [("event by id", None)] * 5
        + [("article by id", None)] * 5
    )
    latencies: dict[str, list[float]] = {}
    errors = 0
    for _ in range(requests):
        kind, path = rng.choice(mix)
        if kind == "event by id":
            path = f"/api/events/{rng.choice(ids)}"
        elif kind == "article by id":
            path = f"/api/articles/{rng.choice(articles)}"
        try:
            ms, status, _ = get(path)
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        if status != 200:
            errors += 1
        latencies.setdefault(kind, []).append(ms)
    conn.close()
    return latencies, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store here instead of a temporary file")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    db = args.keep or Path(folder.name) / "bench.db"
    if db.exists():
        print(f"reusing {db}")
    else:
        seconds = build(db, args.events)
        print(f"built {args.events:,} synthetic events in {seconds:.0f} s ({db.stat().st_size / 1e6:.0f} MB)")
    with Store(db, readonly=True) as store:
        stats = store.stats()
    port = free_port()
    server = start_server(db, port)
    try:
        started = time.perf_counter()
        latencies, errors = run(port, args.requests)
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    sent = sum(len(v) for v in latencies.values()) + errors
    print(f"\n{stats['events']:,} events in {stats['articles']:,} articles; {sent:,} requests in {wall:.1f} s")
    print(f"({sent / wall:.0f} requests/s, one connection), errors: {errors}\n")
    print("| request | n | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for kind, values in latencies.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"| {kind} | {len(values)} | {p50:.1f} | {p95:.1f} | {max(values):.1f} |")


if __name__ == "__main__":
    main()
