"""Throughput of `eventwire` extraction against raw spaCy on the same texts, in the same run.

Usage: python benchmarks/bench_extract.py [--repeat N] [PATH ...]
Defaults to the bundled samples in examples/ (repeated N times, default 5). Prints a Markdown table for
BENCHMARKS.md: words/s for raw spaCy (`nlp.pipe`, the full small pipeline) and for eventwire (reading already
done: spaCy + every extractor + record building), their ratio, the time share of each extraction stage, and the
peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "examples")])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import eventwire.components as components_mod
    from eventwire import nlp as nlp_mod
    from eventwire.gazetteer import Gazetteer
    from eventwire.ingest import Article, read_paths
    from eventwire.pipeline import Pipeline

    started = time.perf_counter()
    gazetteer = Gazetteer.default()
    nlp = nlp_mod.load(spacy_matcher=True)  # raw spaCy: its own Matcher in the attribute ruler (see throughput.py)
    load_s = time.perf_counter() - started

    articles = [a for a in read_paths(args.paths) if isinstance(a, Article)] * args.repeat
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    # warm-up, so neither side pays first-call costs
    list(nlp.pipe(texts[:2]))

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0

    # time each extraction stage by wrapping the functions the pipeline's extractor components call
    stages: dict[str, float] = defaultdict(float)
    for name in ("find_places", "find_dates", "find_quotes", "find_events"):
        original = getattr(components_mod, name)

        def timed(*a, _original=original, _name=name, **k):
            s = time.perf_counter()
            try:
                return _original(*a, **k)
            finally:
                stages[_name] += time.perf_counter() - s

        setattr(components_mod, name, timed)

    pipeline = Pipeline(gazetteer=gazetteer)
    list(pipeline.process(articles[:2]))
    stages.clear()
    t0 = time.perf_counter()
    n_events = sum(len(r["events"]) for r in pipeline.process(articles))
    eventwire_s = time.perf_counter() - t0

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()}"
    )
    print(
        f"texts: {len(texts)} ({len(set(texts))} distinct x {args.repeat}), {words:,} words; "
        f"{n_events} events; model + gazetteer load {load_s:.1f} s\n"
    )
    print("| run | seconds | words/s | vs raw spaCy |")
    print("|---|---|---|---|")
    print(f"| raw spaCy `nlp.pipe` (en_core_web_sm, full pipeline) | {spacy_s:.2f} | {words / spacy_s:,.0f} | 1.00 |")
    print(
        f"| eventwire extract (spaCy + extractors + record) | {eventwire_s:.2f} | {words / eventwire_s:,.0f} "
        f"| {spacy_s / eventwire_s:.2f} |"
    )
    print("\n| extraction stage | seconds | share of eventwire time |")
    print("|---|---|---|")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {secs:.2f} | {secs / eventwire_s:.1%} |")
    print(f"\npeak resident memory: {rss_mb:,.0f} MB")


if __name__ == "__main__":
    main()
