"""Gazetteer lookup speed: mean time per ``Gazetteer.lookup`` over common and hard place names.

Usage: python benchmarks/bench_gazetteer.py [--repeat N]
Uses the default index (built once into ``$EVENTWIRE_CACHE``); prints, in milliseconds, the mean of first
lookups (a fresh ``Gazetteer`` for each round, so its lookup cache is empty) and of repeated ones (cache hits).
This replaces a timed unit test: timings belong in benchmarks, where a slow shared machine cannot fail the suite.
The old test's bar was 10 ms per lookup.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

NAMES = ["Damascus", "Deir ez-Zor", "Raqqa", "Homs", "Syria", "Aleppo", "Washington", "Kyiv"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()

    from eventwire.gazetteer import Gazetteer

    path = Gazetteer.default().path
    cold = {name: 0.0 for name in NAMES}
    for _ in range(args.repeat):
        gaz = Gazetteer(path)  # a new instance starts with an empty lookup cache
        for name in NAMES:
            started = time.perf_counter()
            gaz.lookup(name)
            cold[name] += (time.perf_counter() - started) / args.repeat
    started = time.perf_counter()
    for _ in range(args.repeat):
        for name in NAMES:
            gaz.lookup(name)
    warm = (time.perf_counter() - started) / (args.repeat * len(NAMES))
    slowest = max(cold, key=cold.get)
    print(
        f"gazetteer lookup: first {sum(cold.values()) / len(cold) * 1000:.3f} ms (slowest {slowest!r} "
        f"{cold[slowest] * 1000:.3f} ms), repeated {warm * 1000:.4f} ms"
    )


if __name__ == "__main__":
    main()
