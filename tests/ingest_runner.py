"""Run ``eventwire ingest`` in a subprocess with a stand-in extractor, for the kill -9 and concurrency tests.

Usage: python tests/ingest_runner.py INGEST-ARGS...

The stand-in gives each article a copy of one of the hand-written sample records (``records.py``, chosen by the
article's number) under the article's id and origin, after a short pause (``EVENTWIRE_TEST_PAUSE`` seconds per
article, default 0.005), so a test can run hundreds of ingests in seconds and kill them while they store. All
the rest is the real command: the readers, the ingest loop, the failures table and the store. Not a test module
(pytest collects ``test_*.py`` only).
"""

from __future__ import annotations

import copy
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwire import cli  # noqa: E402
from records import sample_records  # noqa: E402


class StandIn:
    """A pipeline whose records are the samples, renamed for each article."""

    def __init__(self) -> None:
        self.samples = sample_records()
        self.pause = float(os.environ.get("EVENTWIRE_TEST_PAUSE", "0.005"))

    def process(self, articles):
        for article in articles:
            time.sleep(self.pause)
            number = int("".join(c for c in article.id if c.isdigit()) or 0)
            record = copy.deepcopy(self.samples[number % len(self.samples)])
            record["article"].update(id=article.id, origin=article.origin)
            for i, event in enumerate(record["events"]):
                event["id"] = f"{article.id}-e{i + 1}"
            yield record


if __name__ == "__main__":
    cli.make_pipeline = lambda max_chars, time_budget=None: StandIn()
    sys.exit(cli.main(sys.argv[1:]))
