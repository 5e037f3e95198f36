"""End-to-end ingest throughput (read + extract + store) against raw spaCy on the same texts, in the same run.

Usage: python benchmarks/throughput.py [--reports 1000] [--words 500] [--workers 1 2] [--dask local:2]
                                      [--seed 15] [--workdir DIR] [--interleave SLICES]

Writes ``--reports`` reports of about ``--words`` words each into one JSON Lines file, composed for the project from
the paragraphs of the fictional sample reports in ``examples/`` (each report a random draw of paragraphs, so no two
are the same text), then measures in one process run:

* raw spaCy: ``nlp.pipe`` of the full small English pipeline over the same texts (batch 16);
* eventwire with 1 worker: ``read_paths`` -> ``Pipeline`` -> ``Store.put`` into a new SQLite file (what
  ``eventwire ingest FILE`` does);
* eventwire with each N of ``--workers`` above 1: the same through ``ProcessExtractor`` (``ingest --workers N``);
* with ``--dask ADDRESS``: the same through ``DaskExtractor`` (``ingest --dask local:2``, or a cluster's address).

Prints a Markdown table for BENCHMARKS.md: seconds, reports/s, words/s, reports a day at that rate, the ratio to
raw spaCy (>= 1.0 is the issue-15 goal for one worker), for one worker also CPU seconds and the ratio of CPU time
(steadier than the wall clock on a machine other jobs share), the speed-up over one worker and its scaling
efficiency, and the peak resident memory (of this process for one worker; of the largest worker process for N
workers). Raw spaCy is the English pipeline with spaCy's own Matcher in its attribute ruler, as before issue 15
(``nlp.load(spacy_matcher=True)``); eventwire's pipeline uses the indexed match of ``eventwire.rulematch``.

With ``--interleave SLICES``, instead: raw spaCy and the one-worker ingest take turns over that many slices of the
reports, and each side's time is summed, so that a change in other jobs' load during the run falls on both sides
alike (on a shared machine the plain order, all of raw spaCy and then all of eventwire, moves the ratio by 10-20%).
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


def ingest(path: Path, db: Path, workers: int, dask: str | None = None) -> tuple[float, float, int, int, float, int]:
    """Read, extract and store ``path`` into ``db``; return seconds, this process's CPU seconds, articles stored,
    events, the largest worker's peak resident memory in MB (0 for one worker, measured by the caller, and for
    Dask) and the number of workers."""
    from eventwire.ingest import Article
    from eventwire.parallel import DaskExtractor, LocalExtractor, ProcessExtractor
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
        t0, c0 = time.perf_counter(), time.process_time()
        stored, events = _store_all(extractor, store, path, options.batch_size)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if workers > 1 and not dask:
            # each worker's own high-water mark (VmHWM starts afresh at exec; getrusage's children figure keeps
            # the parent's size at fork, which is not the worker's)
            peaks = [_peak_mb(pid) for pid in extractor._pool._processes]  # noqa: SLF001
    return seconds, cpu, stored, events, max(peaks, default=0.0), workers


def _store_all(extractor, store, path: Path, batch_size: int) -> tuple[int, int]:
    """Read ``path``, extract every report and store its record, as ``eventwire ingest`` does; return the articles
    stored and the events they hold."""
    from eventwire.ingest import Article, read_paths
    from eventwire.parallel import batched

    stored = events = 0
    articles = (a for a in read_paths([path]) if isinstance(a, Article))
    for _, records in extractor.run(batched(articles, batch_size)):
        for record in records:
            store.put(record)
            stored += 1
            events += len(record["events"])
    return stored, events


def interleaved(texts: list[str], source: Path, work: Path, slices: int) -> tuple[list[float], list[float], int, int]:
    """Raw spaCy and the one-worker ingest in turns over ``slices`` slices of the reports (raw spaCy on slice 1,
    then eventwire on slice 1, raw spaCy on slice 2 ...), so that the load other jobs put on a shared machine falls
    on both alike; return raw spaCy's [seconds, CPU seconds], eventwire's, the articles stored and the events.
    The slices are read from their own files, so reading counts as in ``ingest``."""
    from eventwire import nlp as nlp_mod
    from eventwire.ingest import Article
    from eventwire.parallel import LocalExtractor
    from eventwire.pipeline import Options, Pipeline
    from eventwire.store import Store

    nlp = nlp_mod.load(spacy_matcher=True)  # as in main(): spaCy's own Matcher in the attribute ruler
    list(nlp.pipe(texts[:4]))  # warm-up
    options = Options()
    extractor = LocalExtractor(Pipeline(options))
    list(extractor.pipeline.process([Article(id="w", text="Police arrested 5 men.")]))
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // slices)
    raw, ours = [0.0, 0.0], [0.0, 0.0]
    stored = events = 0
    db = work / "interleaved.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store(db) as store, extractor:
        for start in range(0, len(lines), size):
            part = work / f"slice-{start:06d}.jsonl"
            part.write_text("".join(lines[start : start + size]), encoding="utf-8")
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts[start : start + size], batch_size=16):
                pass
            raw[0] += time.perf_counter() - t0
            raw[1] += time.process_time() - c0
            t0, c0 = time.perf_counter(), time.process_time()
            n_stored, n_events = _store_all(extractor, store, part, options.batch_size)
            stored, events = stored + n_stored, events + n_events
            ours[0] += time.perf_counter() - t0
            ours[1] += time.process_time() - c0
    return raw, ours, stored, events


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
    parser.add_argument(
        "--interleave",
        type=int,
        default=0,
        metavar="SLICES",
        help="instead: raw spaCy and one worker in turns over SLICES slices of the reports (see interleaved())",
    )
    args = parser.parse_args()

    from eventwire import nlp as nlp_mod

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ew-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "reports.jsonl"
    texts, words = compose(args.reports, args.words, args.seed, source)
    load1 = os.getloadavg()[0]

    if args.interleave:
        raw, ours, stored, events = interleaved(texts, source, work, args.interleave)
        assert stored == args.reports, f"{stored} of {args.reports} stored"
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC; load average {load1:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end"
        )
        print(f"reports: {args.reports} composed from examples/ (seed {args.seed}), {words:,} words, in {source}")
        print(f"raw spaCy and eventwire (read + extract + store, 1 worker) in turns over {args.interleave} slices\n")
        print("| run | seconds | words/s | vs raw spaCy | CPU seconds | vs raw spaCy, CPU | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(f"| raw spaCy `nlp.pipe` | {raw[0]:.1f} | {words / raw[0]:,.0f} | 1.00 | {raw[1]:.1f} | 1.00 | |")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"| eventwire, 1 worker | {ours[0]:.1f} | {words / ours[0]:,.0f} | {raw[0] / ours[0]:.2f} "
            f"| {ours[1]:.1f} | {raw[1] / ours[1]:.2f} | {rss:,.0f} MB (both pipelines) |"
        )
        print(f"\nevents found: {events:,}")
        return

    # raw spaCy: the English pipeline as the tagger-parser-NER stage had it before issue 15, spaCy's own Matcher in
    # its attribute ruler (eventwire's pipeline indexes the ruler's patterns: rulematch.py)
    nlp = nlp_mod.load(spacy_matcher=True)
    list(nlp.pipe(texts[:4]))  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    raw_s, raw_cpu = time.perf_counter() - t0, time.process_time() - c0
    del nlp

    rows = []
    one = None
    runs = [(w, None) for w in args.workers] + ([(0, args.dask)] if args.dask else [])
    for workers, dask in runs:
        db = work / (f"w{workers}.db" if not dask else "dask.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        seconds, cpu, stored, events, worker_rss, n = ingest(source, db, workers, dask)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if n == 1 and not dask else worker_rss
        one = one or (seconds if n == 1 and not dask else None)
        rows.append((n, seconds, cpu, stored, events, rss, dask))
    load2 = os.getloadavg()[0]

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC; load average {load1:.1f} at the start, "
        f"{load2:.1f} at the end"
    )
    print(f"reports: {args.reports} composed from examples/ (seed {args.seed}), {words:,} words, in {source}\n")
    # CPU seconds (of this process: one worker only) beside the wall clock: on a machine shared with other jobs the
    # wall-clock ratio moves with their load between the two measurements, the CPU-time ratio much less
    print(
        "| run | seconds | reports/s | words/s | reports a day | vs raw spaCy | CPU seconds | vs raw spaCy, CPU "
        "| speed-up | efficiency | peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    n = args.reports
    print(
        f"| raw spaCy `nlp.pipe` (full pipeline, 1 process) | {raw_s:.1f} | {n / raw_s:.2f} | {words / raw_s:,.0f} "
        f"| {86400 * n / raw_s:,.0f} | 1.00 | {raw_cpu:.1f} | 1.00 | | | |"
    )
    for workers, seconds, cpu, stored, _events, rss, dask in rows:
        single = workers == 1 and not dask
        cpu_cells = f"{cpu:.1f} | {raw_cpu / cpu:.2f}" if single else " | "
        speed_up = f"{one / seconds:.2f}" if one else ""
        efficiency = f"{one / seconds / workers:.0%}" if one and workers else ""
        what = "worker" if workers == 1 else "workers (peak RSS: largest worker)"
        if dask:
            what = f"Dask workers (`--dask {dask}`; peak RSS not measured)"
        print(
            f"| eventwire read + extract + store, {workers} {what} | {seconds:.1f} | {n / seconds:.2f} "
            f"| {words / seconds:,.0f} | {86400 * n / seconds:,.0f} | {raw_s / seconds:.2f} | {cpu_cells} | {speed_up} "
            f"| {efficiency} | {f'{rss:,.0f} MB' if rss else ''} |"
        )
        assert stored == n, f"{stored} of {n} stored"
    print(f"\nevents found: {rows[0][4]:,}")


if __name__ == "__main__":
    main()
