"""The ``eventwire`` command. Thin: parse arguments, call the library, turn failures into one-line messages.

Exit codes: 0 when every item was processed (bad items are listed on stderr), 1 when nothing could be
processed, 2 for a usage error (a bad option or value). Every file output is written whole or not at all
(:func:`eventwire.export.atomic_output`), and never over the database or an input.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import logging
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from eventwire import __version__
from eventwire.errors import EventwireError, msg

EPILOG = """\
examples:
  eventwire extract report.txt --published 2025-11-09 --format json
  eventwire extract page.html articles.jsonl --format table
  eventwire ingest examples/ --db eventwire.db
  eventwire ingest crawl/CC-NEWS-2025.warc.gz feeds/*.rss wire.jsonl.gz --workers 2
  eventwire ingest big/ --dask tcp://scheduler:8786 --db eventwire.db
  eventwire failures --db eventwire.db && eventwire ingest --retry-failed --db eventwire.db
  eventwire export --format parquet --output analytics/
  eventwire events --db eventwire.db --acled-type Arrests --country SY --since 2025-11-01
  eventwire events --source "Observatory" --format csv
  eventwire export --format geojson --output events.geojson
  eventwire export --format acled-csv --reviewed --output reviewed.csv
  eventwire serve --db eventwire.db            # then open http://127.0.0.1:8000/

Inputs: .txt (first line a headline when followed by a blank line; an optional NAME.json beside it gives id,
title, published, source, url), .html (main text extracted), .jsonl or .jsonl.gz (one {"id", "text",
"published", ...} per line), .csv or .csv.gz (a header with text, id, title, published, url, source), .warc or
.warc.gz (every HTML page of a crawl), .rss and .atom (every item of a feed). Folders are read recursively. A bad
item is listed at the end and never stops the others; `ingest` keeps it in the database (`eventwire failures`).
"""


def _date(value: str) -> dt.date:
    from eventwire.ingest.readers import parse_published

    try:
        parsed = parse_published(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if parsed is None:
        raise argparse.ArgumentTypeError("empty date (expected YYYY-MM-DD)")
    return parsed


def _seconds(value: str) -> float | None:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not n >= 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} must be a number of seconds >= 0 (0: no limit)")
    return n or None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be positive")
    return n


def _db(value: str) -> Path | str:
    """An SQLite file, or a PostgreSQL URL kept as text (a Path would fold its ``//``)."""
    from eventwire.pg import is_url

    return value if is_url(value) else Path(value)


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=_db,
        default=Path("eventwire.db"),
        metavar="DB",
        help="SQLite file (default eventwire.db), or a PostgreSQL database: postgresql://USER@HOST:5432/NAME",
    )


def _shown(db: Path | str) -> str:
    """The database as a message names it (a PostgreSQL URL without its password)."""
    from eventwire.pg import redact

    return redact(str(db))


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (combine freely; text matches are case-insensitive)")
    g.add_argument("--type", help="PLOVER type, e.g. ASSAULT, COERCE, PROTEST")
    g.add_argument("--acled-type", metavar="TYPE", help='ACLED event type or sub-type, e.g. "Battles", "Arrests"')
    g.add_argument("--country", help="ISO2, ISO3 or name of the event's country, e.g. SY, SYR, Syria")
    g.add_argument("--admin1", help="first-order region, e.g. Homs")
    g.add_argument("--since", type=_date, metavar="DATE", help="events on or after this date (YYYY-MM-DD)")
    g.add_argument("--until", type=_date, metavar="DATE", help="events on or before this date (YYYY-MM-DD)")
    g.add_argument("--text", help="words in the event's sentence, trigger, actors or the article title")
    g.add_argument("--source", help='who the claim comes from, e.g. "Syrian Observatory", "Reuters"')
    g.add_argument(
        "--modality",
        choices=["asserted", "reported", "planned", "negated", "hypothetical"],
        help="only events of this modality (negated and hypothetical events are listed only when asked for)",
    )
    g.add_argument(
        "--all-modalities",
        action="store_true",
        help="also list acts that did not happen (negated: 'police denied firing') or may not ('would attack')",
    )
    p.add_argument(
        "--reviewed",
        action="store_true",
        help="use analysts' reviews (eventwire serve): corrected values replace the machine's, rejected events "
        "are left out (filters still select on the machine's values)",
    )


def _add_time_budget(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--time-budget",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="stop analysing one article after this long, keeping its text and entities with a warning "
        "(default 120; 0: no limit)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``eventwire`` command.

    Example:
        >>> build_parser().parse_args(["extract", "a.txt", "--format", "table"]).format
        'table'
    """
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Turn English news reports into structured, geocoded, sourced event records "
        "(who did what to whom, where, when, how many, according to whom).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract",
        help="print the records of reports (no database)",
        description="Extract events, places, dates, quotes and sources from reports and print "
        "them as article records (format 1; see docs/record-format.md).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="report files (.txt .html .jsonl[.gz] .csv[.gz] .warc[.gz] .rss .atom) or folders",
    )
    p.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="publication date (YYYY-MM-DD) that relative dates resolve against; overrides the article's own",
    )
    p.add_argument(
        "--format",
        choices=["json", "jsonl", "table"],
        default="json",
        help="json: one object (an array for several); jsonl: one record per line; table: events",
    )
    p.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
    p.add_argument(
        "--max-chars",
        type=_positive,
        default=200_000,
        metavar="N",
        help="analyse at most N characters of an article (default 200000, at most the model's limit); "
        "the full text is kept",
    )
    _add_time_budget(p)
    p.add_argument(
        "--all-modalities",
        action="store_true",
        help="table: also show negated and hypothetical acts (records always hold them, with their modality)",
    )

    p = sub.add_parser(
        "ingest",
        help="extract reports and store them in the database",
        description="Extract reports and store their records in SQLite (or PostgreSQL: --db postgresql://...). "
        "Idempotent: an article (its text, id and url) already stored is skipped, or updated when its record "
        "changed (another --published). Inputs are read as a stream; extraction runs in this process, in "
        "--workers processes or on Dask workers, and this process alone writes. An item that cannot be read, "
        "analysed or stored is listed and kept (`eventwire failures`) for --retry-failed. A run killed midway "
        "and started again stores every report once. Warnings are counted by kind at the end; -v lists them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files (.txt .html .jsonl[.gz] .csv[.gz] .warc[.gz] .rss .atom) or folders",
    )
    _add_db(p)
    p.add_argument("--published", type=_date, metavar="DATE", help="publication date for articles without one")
    p.add_argument("--max-chars", type=_positive, default=200_000, metavar="N")
    _add_time_budget(p)
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="extract in N processes, each loading the model once (about 300 MB each); one writer stores the "
        "records in input order (default 1)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on Dask workers: tcp://HOST:8786 (a running scheduler) or local:N (start N local worker "
        "processes); needs the dask extra",
    )
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="read again the items that failed before (see `eventwire failures`), from the folder the first run "
        "was started in; a success removes the failure",
    )
    p.add_argument("--batch-size", type=_positive, default=16, metavar="N", help="articles per batch (default 16)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,  # given here or before the command: either sets it
        help="list every warning, not only their counts by kind",
    )

    p = sub.add_parser(
        "failures",
        help="list the items that could not be read, analysed or stored",
        description="List the input items an ingest could not read (stage read), analyse (extract: the record "
        "holds the text only) or store (store), with the reason and the number of attempts. "
        "`eventwire ingest --retry-failed` reads them again.",
        epilog="examples:\n  eventwire failures --db eventwire.db\n  eventwire failures --stage extract --format json\n"
        "  eventwire ingest --retry-failed --db eventwire.db\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_db(p)
    p.add_argument("--stage", choices=["read", "extract", "store"], help="only failures at this stage")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--limit", type=_positive, default=None, help="at most this many")

    p = sub.add_parser(
        "events",
        help="list stored events",
        description="List the events in the database, newest ingest last.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_db(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--limit", type=_positive, default=None, help="at most this many events")
    _add_filters(p)

    p = sub.add_parser(
        "export",
        help="export stored events as ACLED CSV, GeoJSON, JSON Lines or Parquet",
        description="Export from the database. acled-csv: ACLED's column names, events with an "
        "ACLED type that happened (asserted or reported); geojson: one point per event location; "
        "jsonl: the full article records; parquet: events.parquet (one row per event, every column of "
        "eventwire's event row), places.parquet and quotes.parquet in the folder --output, for DuckDB, "
        "pandas or Spark.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", choices=["acled-csv", "geojson", "jsonl", "parquet"], required=True)
    _add_db(p)
    p.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
    _add_filters(p)

    p = sub.add_parser(
        "eval",
        help="measure accuracy on a public gold set",
        description="Score eventwire against a gold-standard dataset and print the figures "
        "(Markdown, as in docs/EVALUATION.md).",
        epilog="examples:\n"
        "  eventwire eval geo --dataset lgl ../shared/eval/lgl/lgl.xml --gold-toponyms\n"
        "  eventwire eval events --dataset case2021 ../shared/eval/case2021-task2-dev\n"
        "  eventwire eval quotes --dataset polnear ../shared/eval/polnear-dev\n"
        "  eventwire eval articles ../shared/eval/articles-dev/gold.jsonl\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "kind",
        choices=["geo", "events", "quotes", "articles"],
        help="what to measure (articles: whole reports, one record per incident)",
    )
    p.add_argument("path", type=Path, help="the dataset's file or folder")
    p.add_argument(
        "--dataset",
        help="geo: lgl | geowebnews; events: case2021 | plover-gsr | indiapoliceevents; quotes: polnear; "
        "articles: articles-dev (the default for articles, the only kind that needs none)",
    )
    p.add_argument(
        "--gold-toponyms",
        action="store_true",
        help="geo: resolve the gold toponym spans only (how Mordecai3 published its figures)",
    )
    p.add_argument("--limit", type=_positive, help="score only the first N documents (a quick look)")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--output", "-o", type=Path, help="also write the report to this file")

    p = sub.add_parser(
        "train",
        help="build a model from the project's training data",
        description="Train the ACLED sentence classifier on sentences written for the project "
        "(training/acled/<CODE>.txt) and save it where extraction loads it.",
        epilog="examples:\n  eventwire train acled\n  eventwire train acled --holdout 0.2\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("model", choices=["acled"], help="which model")
    p.add_argument("--data", type=Path, default=Path("training/acled"), help="training folder (default training/acled)")
    p.add_argument(
        "--output", "-o", type=Path, default=None, help="model folder (default: the package's data/models/acled)"
    )
    p.add_argument("--epochs", type=_positive, default=25)
    p.add_argument("--holdout", type=float, default=0.0, help="share of each class kept out and scored (e.g. 0.2)")

    p = sub.add_parser(
        "gazetteer",
        help="build a larger place index from GeoNames dumps, or describe the index in use",
        description="build: make a place index from GeoNames dump files you downloaded from "
        "https://download.geonames.org/export/dump/ (allCountries.zip, cities500.zip, a country's file such as "
        "SY.zip, and alternateNamesV2.zip; .txt or .zip), on top of the default data, streamed with bounded "
        "memory; then set EVENTWIRE_GAZETTEER=PATH and every eventwire command uses it. "
        "info: print the index's path, size, counts and sources (the one EVENTWIRE_GAZETTEER names, else the "
        "default one). Without EVENTWIRE_GAZETTEER eventwire uses its default index (GeoNames cities500, built "
        "once into the cache; no download).",
        epilog="examples:\n"
        "  eventwire gazetteer build --geonames SY.txt alternateNamesV2.txt --output sy.sqlite\n"
        "  eventwire gazetteer build --geonames allCountries.zip --natural --output world.sqlite\n"
        "  export EVENTWIRE_GAZETTEER=$PWD/sy.sqlite\n"
        "  eventwire gazetteer info\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", choices=["build", "info"], help="build an index, or describe one")
    p.add_argument(
        "--geonames",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="build: GeoNames dump files (19-column geoname tables, alternateNamesV2.txt; .txt or .zip)",
    )
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        help="build: the index file to write (default gazetteer-geonames.sqlite); info: the index to describe",
    )
    p.add_argument(
        "--natural",
        action="store_true",
        help="build: also keep natural features and spots (GeoNames classes H, T, L, S: rivers, mountains, "
        "parks, buildings)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="info: output format")

    p = sub.add_parser(
        "serve",
        help="run the web app and REST API over a database",
        description="Serve the map, timeline, table and article view (with each value's evidence highlighted) and "
        "the REST API (/api/events, /api/articles/ID, /api/sources, /api/stats, /api/export; OpenAPI at /docs) over "
        "a database, with no network access needed. Read-only unless a token is set (EVENTWIRE_TOKEN or "
        "--token-file): then POST /api/articles (ingest) and analysts' reviews are allowed to requests with "
        "'Authorization: Bearer TOKEN'; the page asks for the token before storing a review.",
        epilog="examples:\n"
        "  eventwire serve --db eventwire.db\n"
        "  eventwire serve --db eventwire.db --host 0.0.0.0 --port 8080\n"
        "  EVENTWIRE_TOKEN=$(openssl rand -hex 16) eventwire serve --db eventwire.db   # allow reviews and ingest\n"
        "  eventwire serve --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'        # online base map\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_positive, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help="read the write token from this file (else from EVENTWIRE_TOKEN; neither: read-only)",
    )
    p.add_argument("--tiles", metavar="URL", help="raster tile URL with {z}/{x}/{y} drawn under the outlines (online)")
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow this origin to call the API from another site (repeatable; default: none)",
    )

    p = sub.add_parser(
        "reviews",
        help="export analysts' reviews",
        description="export: write every review (verdict, corrections, note, the event as extracted and as "
        "reviewed, its sentence) as JSON Lines, oldest first, to make gold or training data.",
        epilog="examples:\n  eventwire reviews export --db eventwire.db --output reviews.jsonl\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", choices=["export"], help="what to do")
    _add_db(p)
    p.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")

    p = sub.add_parser("schema", help="print the JSON Schema of the article record")
    p.add_argument("--output", "-o", type=Path)
    return parser


def _err(message: str) -> None:
    print(f"eventwire: {message}", file=sys.stderr)


def _items(paths: Sequence[str], published: dt.date | None, override: bool) -> Iterator:
    from eventwire.ingest import read_paths

    for item in read_paths(paths):
        if published is not None and hasattr(item, "published") and (override or item.published is None):
            item.published = published
        yield item


def make_pipeline(max_chars: int, time_budget: float | None = 120.0):
    """The extraction pipeline a command uses (one per process; tests substitute a shared one)."""
    from eventwire.pipeline import Options, Pipeline

    return Pipeline(Options(max_chars=max_chars, time_budget=time_budget))


def _records(args: argparse.Namespace, bad: list, override: bool) -> Iterator[dict]:
    """Records of every readable item; unreadable ones go to ``bad``."""
    from eventwire.ingest import BadItem

    pipeline = make_pipeline(args.max_chars, args.time_budget)

    def good() -> Iterator:
        for item in _items(args.paths, args.published, override):
            if isinstance(item, BadItem):
                bad.append(item)
                continue
            yield item

    yield from pipeline.process(good())


def _report_bad(bad: list, processed: int) -> int:
    if bad:
        _err(f"{len(bad)} item(s) could not be processed:")
        for item in bad:
            print(f"  {item.origin}: {item.reason}", file=sys.stderr)
    if processed == 0:
        _err("nothing could be processed")
        return 1
    return 0


def _report_warnings(found: list[tuple[str, str]], verbose: bool) -> None:
    """Count the records' warnings by kind (their code) on stderr; ``verbose`` lists every one."""
    if not found:
        return
    from collections import Counter

    kinds = Counter(w[1 : w.index("]")] if w.startswith("[") and "]" in w else "other" for _, w in found)
    summary = ", ".join(f"{n} {code}" for code, n in sorted(kinds.items()))
    hint = "" if verbose else " (-v lists them)"
    _err(f"{len(found)} warning(s): {summary}{hint}")
    if verbose:
        for origin, warning in found:
            print(f"  {origin}: {warning}", file=sys.stderr)


def _inputs(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """The input files (and report files inside input folders) an output must not overwrite."""
    from eventwire.ingest.readers import SUFFIXES, suffix_of

    out: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend((f, "one of the inputs") for f in sorted(p.rglob("*")) if suffix_of(f) in SUFFIXES)
        else:
            out.append((p, "one of the inputs"))
    return out


def _database(path: Path | str) -> list[tuple[Path, str]]:
    if isinstance(path, str):  # a PostgreSQL URL: no file to protect
        return []
    return [(Path(str(path) + suffix), "the database") for suffix in ("", "-wal", "-shm", "-journal")]


@contextlib.contextmanager
def _output(path: Path | None, protect: Sequence[tuple[Path, str]] = ()) -> Iterator[TextIO]:
    """Standard output, or ``path`` written whole or not at all (never over a protected path)."""
    if path is None:
        yield sys.stdout
        return
    from eventwire.export import atomic_output

    with atomic_output(path, protect=protect) as fp:
        yield fp


#: Modalities of acts that happened, are happening or are decided: what lists show unless --all-modalities.
HAPPENED = ("asserted", "reported", "planned")


def _events_table(rows: list[dict], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "type", "ACLED sub-type", "actor", "target", "where", "counts", "source", "modality"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*[str(v) if v is not None else "" for v in r.values()])
    console = Console()
    if not console.is_terminal:  # piped or captured: do not squeeze the table into 80 columns
        console = Console(width=200)
    console.print(table)


def _event_row(record: dict, event: dict) -> dict:
    """A row of ``extract --format table``: the event's row (:func:`eventwire.rows.event_row`), shown with every
    location and the counts' qualifiers (``killed >5``), which a stored row does not keep."""
    from eventwire.rows import event_locations, event_row, location_row

    row = event_row(record, event)
    counts = ", ".join(
        f"{k} {'>' if v.get('qualifier') == 'more_than' else ''}{v['value']}"
        for k, v in (event.get("counts") or {}).items()
        if v
    )
    places = [location_row(loc) for loc in event_locations(event)]
    return {
        "date": (row["date_value"] or "") + ("*" if row["date_inherited"] else ""),
        "type": f"{row['type']}/{row['mode']}" if row["mode"] else row["type"],
        "acled": row["acled_sub_event_type"],
        "actor": row["actors"],
        "target": row["targets"],
        "where": ", ".join(f"{p['name']} ({p['country'] or '?'})" for p in places),
        "counts": counts,
        "source": row["attribution_source"],
        "modality": row["modality"] + (" (aggregate)" if row["aggregate"] else ""),
    }


def _stored_event_row(row: dict) -> dict:
    """A row of ``events --format table``, from a stored event row (:meth:`eventwire.store.Store.events`)."""
    return {
        "date": row["date_value"],
        "type": f"{row['type']}/{row['mode']}" if row["mode"] else row["type"],
        "acled": row["acled_sub_event_type"],
        "actor": row["actor1"],
        "target": row["actor2"],
        "where": ", ".join(x for x in (row["location_name"], row["admin1"], row["country"]) if x),
        "counts": ", ".join(f"{k} {row[k]}" for k in ("killed", "injured", "arrested") if row[k] is not None),
        "source": row["attribution_source"],
        "modality": row["modality"],
    }


class _NothingToWrite(Exception):
    """Raised inside an output block to leave the output file as it was."""


def cmd_extract(args: argparse.Namespace) -> int:
    """``eventwire extract``: print records."""
    bad: list = []
    records = []
    processed = 0
    try:
        with _output(args.output, _inputs(args.paths)) as out:
            processed = _write_records(args, bad, records, out)
            if processed == 0 and args.output is not None:
                raise _NothingToWrite  # nothing could be read: an existing file keeps its contents
    except _NothingToWrite:
        pass
    return _report_bad(bad, processed)


def _write_records(args: argparse.Namespace, bad: list, records: list, out: TextIO) -> int:
    """Write the records of ``extract`` to ``out``; return how many there were."""
    processed = 0
    for record in _records(args, bad, override=True):
        processed += 1
        if args.format == "jsonl":  # stream: a long batch shows results as they come
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        else:
            records.append(record)
    if args.format == "json" and records:
        payload = records[0] if len(records) == 1 else records
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "table":
        for record in records:
            art = record["article"]
            shown = [e for e in record["events"] if args.all_modalities or e.get("modality") in HAPPENED]
            _events_table(
                [_event_row(record, e) for e in shown],
                f"{art['id']}: {art.get('title') or ''} ({art.get('published') or 'no date'})",
            )
            for w in record["warnings"]:
                print(f"  warning: {w}", file=sys.stderr)
    return processed


#: Warnings that mean an article's analysis did not complete (the record holds its text only): such an article is
#: stored and also kept as a failure of stage ``extract``, for ``--retry-failed``.
EXTRACT_FAILURES = ("[EW033]", "[EW035]")


def cmd_ingest(args: argparse.Namespace) -> int:
    """``eventwire ingest``: extract and store, with a progress bar.

    The inputs are read as a stream (nothing is read ahead but the batches in flight) and extracted in this
    process, in ``--workers`` processes or on Dask workers; this process alone writes. Every article is stored
    in its own transaction; one that cannot be stored (after waiting up to the busy timeout for a locked
    database), an item that cannot be read and an article whose analysis failed are listed, kept in the
    ``failures`` table for ``--retry-failed``, and the others go on.
    """
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventwire.ingest import BadItem
    from eventwire.parallel import batched, make_extractor
    from eventwire.pipeline import Options
    from eventwire.store import Store

    if not args.paths and not args.retry_failed:
        raise EventwireError(msg("EW233"))
    options = Options(max_chars=args.max_chars, time_budget=args.time_budget, batch_size=args.batch_size)
    with Store(args.db) as store:
        known_failures = {f["origin"]: f for f in store.failures()}
        bad: list = []
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        events = 0
        warnings: list[tuple[str, str]] = []
        recovered: list[str] = []

        def fail(item, stage: str) -> None:
            bad.append(item)
            try:
                store.record_failure(item.origin, item.reason, stage=stage, path=item.path)
            except Exception as e:  # the database itself fails (locked, full): the item is still listed
                logging.getLogger("eventwire.cli").warning("could not keep the failure of %s: %s", item.origin, e)

        def articles() -> Iterator:
            items = _items(args.paths, args.published, override=False)
            if args.retry_failed:
                items = itertools.chain(_retry_items(known_failures, args.published), items)
            for item in items:
                if isinstance(item, BadItem):
                    fail(item, "read")
                else:
                    yield item

        started = time.monotonic()
        n = 0
        with (
            make_extractor(
                options,
                workers=args.workers,
                dask=args.dask,
                local=lambda: make_pipeline(args.max_chars, args.time_budget),
            ) as extractor,
            Progress(
                SpinnerColumn(),
                TextColumn("[bold]ingest"),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TimeElapsedColumn(),
                disable=args.quiet or not sys.stderr.isatty(),
                transient=False,
            ) as progress,
        ):
            task = progress.add_task("ingest", total=None, rate=0.0)
            for batch, records in extractor.run(batched(articles(), args.batch_size)):
                for article, record in zip(batch, records, strict=True):
                    n += 1
                    progress.update(task, advance=1, rate=n / max(time.monotonic() - started, 1e-6))
                    try:
                        result = store.put(record)
                    except Exception as e:  # a locked or full database, a bad value: this article, not the batch
                        why = msg("EW036", error=f"{type(e).__name__}: {e}"[:200])
                        fail(BadItem(article.origin, why, path=article.path), "store")
                        continue
                    counts[result] += 1
                    if result != "unchanged":
                        events += len(record["events"])
                    warnings.extend((article.origin, w) for w in record["warnings"])
                    failed = next((w for w in record["warnings"] if w.startswith(EXTRACT_FAILURES)), None)
                    if failed:
                        fail(BadItem(article.origin, failed, path=article.path), "extract")
                    elif article.origin in known_failures:
                        recovered.append(article.origin)
                if recovered:
                    store.clear_failures(recovered)
                    recovered.clear()
        elapsed = time.monotonic() - started
        stats = store.stats()
        left = len(store.failures())
    rate = n / elapsed if elapsed > 0 else 0.0
    workers = f", {extractor.workers} worker(s)" if extractor.workers > 1 else ""
    print(
        f"ingested {counts['added']} new article(s) with {events} event(s) into {_shown(args.db)} "
        f"({counts['updated']} updated, {counts['unchanged']} already stored, {len(bad)} not processed; "
        f"{rate:.1f} articles/s{workers}). The store now holds {stats['articles']} article(s), "
        f"{stats['events']} event(s)" + (f"; {left} failure(s) kept (`eventwire failures`)." if left else ".")
    )
    _report_warnings(warnings, args.verbose)
    stored = counts["added"] + counts["updated"] + counts["unchanged"]
    if args.retry_failed and not args.paths and not known_failures:
        print("no failures to retry", file=sys.stderr)
        return 0
    return _report_bad(bad, stored)


def _retry_items(failures: dict[str, dict], published: dt.date | None) -> Iterator:
    """The items of earlier failures, read again from their files: every item of a file that failed as a whole,
    the failed lines, rows or records of the others. A file read again that no longer holds a failed item
    leaves that failure as it was."""
    from eventwire.ingest import BadItem

    by_path: dict[str, set[str]] = {}
    for origin, failure in failures.items():
        by_path.setdefault(failure["path"] or origin, set()).add(origin)
    for path, origins in by_path.items():
        whole = path in origins
        for item in _items([path], published, override=False):
            if whole or item.origin in origins:
                if isinstance(item, BadItem) and not whole and item.origin == path:
                    continue  # the file as a whole now fails: its own failure, not one of these items
                yield item


def cmd_failures(args: argparse.Namespace) -> int:
    """``eventwire failures``: the items kept as failures, with their reasons."""
    with _open_store(args.db) as store:
        rows = store.failures(stage=args.stage, limit=args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        from eventwire.export import write_csv

        write_csv(rows, sys.stdout)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows)} failure(s) in {_shown(args.db)}")
        for col in ("origin", "stage", "reason", "attempts", "last failed"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["origin"], r["stage"], r["reason"], str(r["attempts"]), r["last_failed_at"])
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)
        console.print(table)
        if rows:
            print(f"retry them with: eventwire ingest --retry-failed --db {_shown(args.db)}", file=sys.stderr)
    return 0


def _filters(args: argparse.Namespace) -> dict:
    return {
        "type": args.type,
        "acled_type": args.acled_type,
        "country": args.country,
        "admin1": args.admin1,
        "since": args.since.isoformat() if args.since else None,
        "until": args.until.isoformat() if args.until else None,
        "text": args.text,
        "source": args.source,
        "modality": args.modality or (None if args.all_modalities else list(HAPPENED)),
    }


def _open_store(path: Path | str):
    from eventwire.store import Store

    if isinstance(path, Path) and not path.exists():
        raise EventwireError(f"[EW201] no database at {path}; create it with `eventwire ingest PATH --db {path}`")
    return Store.for_reading(path)


def cmd_events(args: argparse.Namespace) -> int:
    """``eventwire events``: list stored events."""
    with _open_store(args.db) as store:
        rows = store.events(**_filters(args), limit=args.limit)
        if args.reviewed:
            from eventwire.reviews import reviewed_rows

            rows = reviewed_rows(store, rows)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        from eventwire.export import write_csv

        write_csv(rows, sys.stdout)
    else:
        table_rows = [_stored_event_row(r) for r in rows]
        _events_table(table_rows, f"{len(rows)} event(s) in {_shown(args.db)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``eventwire export``: ACLED CSV, GeoJSON or JSON Lines."""
    from eventwire import export
    from eventwire.reviews import reviewed_pairs, reviewed_records

    if args.format == "parquet":
        return _export_parquet(args)
    with _open_store(args.db) as store, _output(args.output, _database(args.db)) as out:
        pairs = store.event_records(**_filters(args))
        if args.reviewed:
            pairs = reviewed_pairs(store, pairs)
        if args.format == "jsonl":
            ids = None
            if any(v for v in _filters(args).values()):
                ids = sorted({r["article_id"] for r in store.events(**_filters(args))})
            records = store.records(ids)
            n = export.write_jsonl(reviewed_records(store, records) if args.reviewed else records, out)
            what = f"{n} record(s)"
        elif args.format == "geojson":
            skipped = export.write_geojson(pairs, out)
            what = f"GeoJSON ({skipped} event(s) without coordinates left out)"
        else:
            n = export.write_acled_csv(pairs, out)
            what = f"{n} ACLED row(s)"
    if args.output:
        print(f"wrote {what} to {args.output}", file=sys.stderr)
    return 0


def _export_parquet(args: argparse.Namespace) -> int:
    """``eventwire export --format parquet --output FOLDER``: events, places and quotes as three Parquet files."""
    from eventwire.parquet import write_parquet

    if args.output is None:
        raise EventwireError(msg("EW234"))
    with _open_store(args.db) as store:
        ids = None
        if any(v for v in _filters(args).values()):
            ids = sorted({r["article_id"] for r in store.events(**_filters(args))})
        counts = write_parquet(
            args.output, store.event_records(**_filters(args)), store.records(ids), store.records(ids)
        )
    print(
        f"wrote {counts['events']} event(s), {counts['places']} place(s) and {counts['quotes']} quote(s) as "
        f"Parquet to {args.output}/",
        file=sys.stderr,
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``eventwire serve``: the web app and REST API (uvicorn)."""
    import os

    if isinstance(args.db, Path) and not args.db.exists():
        hint = f"create it with `eventwire ingest PATH --db {args.db}`"
        raise EventwireError(f"[EW201] no database at {args.db}; {hint}")
    token = os.environ.get("EVENTWIRE_TOKEN") or None
    if args.token_file is not None:
        token = args.token_file.read_text(encoding="utf-8").strip() or None
    try:
        import uvicorn

        from eventwire.web import create_app
    except ModuleNotFoundError as e:
        raise EventwireError(f"[EW211] the web app needs the package {e.name}: reinstall eventwire") from e
    app = create_app(args.db, token=token, tile_url=args.tiles, cors_origins=args.cors_origin)
    mode = "reviews and ingest need the token" if token else "read-only (set EVENTWIRE_TOKEN to allow reviews)"
    print(
        f"eventwire: serving {_shown(args.db)} at http://{args.host}:{args.port}/ ({mode}); API docs at /docs",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_reviews(args: argparse.Namespace) -> int:
    """``eventwire reviews export``: analysts' reviews as JSON Lines."""
    from eventwire.reviews import write_reviews_jsonl

    with _open_store(args.db) as store, _output(args.output, _database(args.db)) as out:
        n = write_reviews_jsonl(store, out)
    if args.output:
        print(f"wrote {n} review(s) to {args.output}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """``eventwire eval``: score against a gold set."""
    import importlib

    from eventwire.eval import KINDS

    module_name, datasets = KINDS[args.kind]
    if args.dataset is None and len(datasets) == 1 and args.kind == "articles":
        args.dataset = datasets[0]
    if args.dataset not in datasets:
        raise EventwireError(f"[EW202] eval {args.kind} reads --dataset {' | '.join(datasets)}, not {args.dataset!r}")
    if not args.path.exists():
        raise EventwireError(f"[EW203] no dataset at {args.path}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        raise EventwireError(f"[EW204] eval {args.kind} is not available in this version ({e.name})") from e
    options = {"gold_toponyms": args.gold_toponyms} if args.kind == "geo" else {}
    result = module.evaluate(args.dataset, args.path, pipeline=make_pipeline(200_000), limit=args.limit, **options)
    text = json.dumps(result, indent=2, ensure_ascii=False) if args.format == "json" else module.render(result)
    print(text)
    if args.output:
        with _output(args.output, [(args.path, "the dataset")]) as out:
            out.write(text + "\n")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """``eventwire train acled``: build the ACLED sentence classifier."""
    from importlib import resources

    from eventwire.models import acled

    if not args.data.is_dir():
        raise EventwireError(f"[EW205] no training folder at {args.data}")
    output = args.output or Path(str(resources.files("eventwire.data").joinpath(acled.MODEL_DIR)))
    try:
        figures = acled.train(args.data, output, epochs=args.epochs, holdout=args.holdout)
    except FileNotFoundError as e:
        raise EventwireError(f"[EW206] {e}") from e
    print(f"trained the ACLED classifier into {output}: {json.dumps(figures)}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``eventwire schema``: print the record's JSON Schema."""
    from eventwire.schema import schema

    with _output(args.output) as out:
        out.write(json.dumps(schema(), indent=2) + "\n")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """``eventwire gazetteer build|info``: a place index from GeoNames dumps; what an index holds."""
    import os

    from eventwire import gazetteer

    if args.action == "build":
        if not args.geonames:
            raise EventwireError("[EW408] gazetteer build needs --geonames FILE... (GeoNames dump files)")
        output = args.output or Path("gazetteer-geonames.sqlite")
        started = time.perf_counter()
        meta = gazetteer.Gazetteer.build(output, geonames=args.geonames, natural=args.natural)
        print(
            f"built {output} in {time.perf_counter() - started:.0f} s: {meta.get('places')} places, "
            f"{meta.get('names')} names ({meta.get('geonames_new_places')} places added from the dumps)\n"
            f"use it with: export {gazetteer.ENV_INDEX}={output.resolve()}"
        )
        return 0
    path = args.output or gazetteer.active_path()
    if args.output is None and gazetteer.ENV_INDEX not in os.environ and not path.exists():
        gazetteer.Gazetteer.default()  # the default index is built on first use
    info = gazetteer.index_info(path)
    if args.format == "json":
        print(json.dumps(info, indent=2))
        return 0
    print(f"index: {info['path']} ({info['size_bytes'] / 1e6:.1f} MB, built {info['built']})")
    print("kind: " + ("from GeoNames dumps" if info["from_geonames_dumps"] else "default (no download)"))
    print("places: " + ", ".join(f"{n} {feature}" for feature, n in info["places"].items()))
    print(f"names: {info['names']}; countries: {info['countries']}; first-order regions: {info['admin1']}")
    print("sources: " + "; ".join(info["inputs"]))
    return 0


COMMANDS = {
    "extract": cmd_extract,
    "ingest": cmd_ingest,
    "failures": cmd_failures,
    "events": cmd_events,
    "export": cmd_export,
    "eval": cmd_eval,
    "train": cmd_train,
    "schema": cmd_schema,
    "gazetteer": cmd_gazetteer,
    "serve": cmd_serve,
    "reviews": cmd_reviews,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Example:
        >>> main(["--version"])  # doctest: +SKIP
        eventwire 0.1.0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="eventwire: %(message)s" if not args.verbose else "%(levelname)s %(name)s: %(message)s",
    )
    # the one-time gazetteer build takes a minute: always say so rather than sit silent
    logging.getLogger("eventwire.gazetteer").setLevel(logging.INFO)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except EventwireError as e:
        _err(str(e))
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # a file the command could not open or write: one line, never a traceback
        where = f"{e.filename}: " if e.filename else ""
        _err(msg("EW209", error=f"{where}{e.strerror or e}"))
        return 1
    except Exception as e:  # a bug: one line for the user, the traceback for the report when asked (-v)
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        _err(msg("EW210", error=f"{type(e).__name__}: {e}"[:300]))
        return 1


if __name__ == "__main__":
    sys.exit(main())
