"""Evaluation on public gold sets: dataset readers and scorers, one module per field family.

Each module exposes ``evaluate(dataset, path, *, pipeline, limit=None, **options) -> dict`` (the figures, plain
JSON-able values) and ``render(result) -> str`` (a Markdown report for docs/EVALUATION.md). The ``eventwire eval``
command calls them; nothing here is used at extraction time.
"""

from __future__ import annotations

#: eval kind -> (module, datasets it reads)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "geo": ("eventwire.eval.geo", ("lgl", "geowebnews")),
    "events": ("eventwire.eval.events", ("case2021", "plover-gsr", "indiapoliceevents")),
    "quotes": ("eventwire.eval.quotes", ("polnear",)),
    "articles": ("eventwire.eval.articles", ("articles-dev",)),
}
