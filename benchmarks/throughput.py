"""End-to-end ingest throughput (read + extract + store) against raw spaCy on the same texts, in the same run.

Usage: python benchmarks/throughput.py [--reports 1000] [--words 500] [--workers 1 2] [--dask local:2]
                                      [--seed 15] [--workdir DIR]

Writes ``--reports`` reports of about ``--words`` words each into one JSON Lines file, composed for the project from
the paragraphs of the fictional sample reports in ``examples/`` (each report a random draw of paragraphs, so no two
are the same text), then measures in one process run:

* raw spaCy: ``nlp.pipe`` of the full small English pipeline over the same texts (batch 16);
* eventwire with 1 worker: ``read_paths`` -> ``Pipeline`` -> ``Store.put`` into a new SQLite file (what
  ``eventwire ingest FILE`` does);
* eventwire with each N of ``--workers`` above 1: the same through ``ProcessExtractor`` (``ingest --workers N``);
* with ``--dask ADDRESS``: the same through ``DaskExtractor`` (``ingest --dask local:2``, or a cluster's address).

Prints a Markdown table for BENCHMARKS.md: seconds, reports/s, words/s, reports a day at that rate, the ratio to
raw spaCy (>= 1.0 is the issue-15 goal for one worker), the speed-up over one worker and its scaling efficiency,
and the peak resident memory (of this process for one worker; of the largest worker process for N workers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def compose(n: int, words: int, seed: int, out: Path) -> tuple[list[str], int]:
    """Write ``n`` reports of about ``words`` words to ``out`` (JSON Lines); return their texts and word count."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    titles: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n\n")
        titles.append(head.strip())
        paragraphs.extend(p.strip() for p in body.split("\n\n") if len(p.split()) >= 8)
    texts = []
    with open(out, "w", encoding="utf-8") as fp:
        for i in range(n):
            chosen: list[str] = []
            while sum(len(p.split()) for p in chosen) < words:
                chosen.append(rng.choice(paragraphs))
            text = "\n\n".join(chosen)
            texts.append(text)
            day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
            item = {"id": f"gen-{i:05d}", "title": rng.choice(titles), "published": day.isoformat(), "text": text}
            fp.write(json.dumps(item, ensure_ascii=False) + "\n")
    return texts, sum(len(t.split()) for t in texts)


def ingest(path: Path, db: Path, workers: int, dask: str | None = None) -> tuple[float, int, int, float, int]:
    """Read, extract and store ``path`` into ``db``; return seconds, articles stored, events, the largest worker's
    peak resident memory in MB (0 for one worker, measured by the caller, and for Dask) and the number of workers."""
    from eventwire.ingest import Article, read_paths
    from eventwire.parallel import DaskExtractor, LocalExtractor, ProcessExtractor, batched
    from eventwire.pipeline import Options, Pipeline
    from eventwire.store import Store

    options = Options()
    if dask:
        extractor = DaskExtractor(options, dask)
        workers = extractor.workers
    else:
        extractor = ProcessExtractor(options, workers) if workers > 1 else LocalExtractor(Pipeline(options))
    if dask:  # load the model in every worker before the clock, as the one-worker run loads before too
        extractor.warm()
    elif workers > 1:  # start the workers (model loads) before the clock
        warm = [Article(id=f"w{i}", text="Police arrested 5 men.") for i in range(workers)]
        list(extractor.run([[a] for a in warm]))
    else:
        list(extractor.pipeline.process([Article(id="w", text="Police arrested 5 men.")]))
    stored = events = 0
    peaks: list[float] = []
    with Store(db) as store, extractor:
        t0 = time.perf_counter()
        articles = (a for a in read_paths([path]) if isinstance(a, Article))
        for _, records in extractor.run(batched(articles, options.batch_size)):
            for record in records:
                store.put(record)
                stored += 1
                events += len(record["events"])
        seconds = time.perf_counter() - t0
        if workers > 1 and not dask:
            # each worker's own high-water mark (VmHWM starts afresh at exec; getrusage's children figure keeps
            # the parent's size at fork, which is not the worker's)
            peaks = [_peak_mb(pid) for pid in extractor._pool._processes]  # noqa: SLF001
    return seconds, stored, events, max(peaks, default=0.0), workers


def _peak_mb(pid: int) -> float:
    """A process's peak resident memory (``VmHWM``) in MB, from ``/proc`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--dask", default=None, help="also run on Dask: local:N or tcp://HOST:8786")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    from eventwire import nlp as nlp_mod

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ew-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "reports.jsonl"
    texts, words = compose(args.reports, args.words, args.seed, source)
    load1 = os.getloadavg()[0]

    nlp = nlp_mod.load()
    list(nlp.pipe(texts[:4]))  # warm-up
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    raw_s = time.perf_counter() - t0
    del nlp

    rows = []
    one = None
    runs = [(w, None) for w in args.workers] + ([(0, args.dask)] if args.dask else [])
    for workers, dask in runs:
        db = work / (f"w{workers}.db" if not dask else "dask.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        seconds, stored, events, worker_rss, n = ingest(source, db, workers, dask)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if n == 1 and not dask else worker_rss
        one = one or (seconds if n == 1 and not dask else None)
        rows.append((n, seconds, stored, events, rss, dask))
    load2 = os.getloadavg()[0]

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC; load average {load1:.1f} at the start, "
        f"{load2:.1f} at the end"
    )
    print(f"reports: {args.reports} composed from examples/ (seed {args.seed}), {words:,} words, in {source}\n")
    print("| run | seconds | reports/s | words/s | reports a day | vs raw spaCy | speed-up | efficiency | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    n = args.reports
    print(
        f"| raw spaCy `nlp.pipe` (full pipeline, 1 process) | {raw_s:.1f} | {n / raw_s:.2f} | {words / raw_s:,.0f} "
        f"| {86400 * n / raw_s:,.0f} | 1.00 | | | |"
    )
    for workers, seconds, stored, _events, rss, dask in rows:
        speed_up = f"{one / seconds:.2f}" if one else ""
        efficiency = f"{one / seconds / workers:.0%}" if one and workers else ""
        what = "worker" if workers == 1 else "workers (peak RSS: largest worker)"
        if dask:
            what = f"Dask workers (`--dask {dask}`; peak RSS not measured)"
        print(
            f"| eventwire read + extract + store, {workers} {what} | {seconds:.1f} | {n / seconds:.2f} "
            f"| {words / seconds:,.0f} | {86400 * n / seconds:,.0f} | {raw_s / seconds:.2f} | {speed_up} "
            f"| {efficiency} | {f'{rss:,.0f} MB' if rss else ''} |"
        )
        assert stored == n, f"{stored} of {n} stored"
    print(f"\nevents found: {rows[0][3]:,}")


if __name__ == "__main__":
    main()
