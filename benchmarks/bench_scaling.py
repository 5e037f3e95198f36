"""How extraction time grows with the length of one run-on text (no full stops, no blank lines).

Usage: python benchmarks/bench_scaling.py [--sizes 5000 10000 20000 40000] [--seed S]

For each size, builds one text of that many characters from sentences written for this script, joined by
", and " (so the parser sees no sentence end), extracts it once with the full pipeline (after a warm-up) and
prints a Markdown table: characters, seconds, seconds per 10,000 characters, and the growth exponent between
consecutive sizes (1 is linear, 2 quadratic, 3 cubic). Run it with ``PYTHONPATH`` pointing at another checkout's
``src`` to compare versions on the same machine.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "src"))  # appended: a PYTHONPATH given by the caller wins

PHRASES = (
    "gunmen killed 3 people in Kaduna on Sunday",
    "police arrested 12 men in Kano on 4 March 2025",
    "protesters marched in Nairobi on Tuesday",
    "soldiers clashed with rebels near Aleppo last week",
    "the army said",
    "an airstrike hit Homs on 2 November",
    "officials said on Friday",
)


def run_on(size: int, rng: random.Random) -> str:
    """A text of about ``size`` characters without a full stop."""
    out: list[str] = []
    total = 0
    while total < size:
        out.append(rng.choice(PHRASES))
        total += len(out[-1]) + 6
    return ", and ".join(out)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 10_000, 20_000, 40_000])
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()

    import eventwire
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.extract("Police arrested 12 men in Kano on Monday.", published="2025-03-05")
    print(f"eventwire from {Path(eventwire.__file__).parent}")
    print("| characters | seconds | s per 10,000 chars | growth exponent | events |")
    print("|---:|---:|---:|---:|---:|")
    previous: tuple[int, float] | None = None
    for size in args.sizes:
        text = run_on(size, random.Random(args.seed))
        started = time.perf_counter()
        record = pipeline.extract(text, published="2025-03-05")
        seconds = time.perf_counter() - started
        growth = "" if previous is None else f"{math.log(seconds / previous[1]) / math.log(size / previous[0]):.2f}"
        print(f"| {size:,} | {seconds:.2f} | {seconds / size * 10_000:.2f} | {growth} | {len(record['events'])} |")
        previous = (size, seconds)


if __name__ == "__main__":
    main()
