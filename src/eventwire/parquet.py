"""Parquet export for analytics: ``events.parquet``, ``places.parquet`` and ``quotes.parquet`` in one folder.

Events are flattened by :func:`eventwire.rows.event_row` (every column of :data:`eventwire.rows.EVENT_COLUMNS`, the
same answers as the store, the CSV and the GeoJSON), places by :func:`eventwire.rows.location_row` with the article
id, the place's order in its record, role and kind; quotes keep every field of the record. Columns are typed
(integers, doubles, booleans, strings) so DuckDB, pandas, Polars or Spark read them without guessing, and rows are
written in row groups as they are read, so memory does not grow with the database.

Each file is written to a temporary file in the folder and renamed once all three are complete: a failed export
leaves the folder's old files as they were.

Example:
    >>> # with Store("eventwire.db", readonly=True) as store: write_parquet(store, Path("analytics"))
    >>> # duckdb -c "SELECT country, count(*) FROM 'analytics/events.parquet' GROUP BY 1"
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, msg
from eventwire.rows import EVENT_COLUMNS, LOCATION_COLUMNS, as_int, event_row, location_row

#: Rows per Parquet row group (and held in memory at once).
ROW_GROUP = 10_000

_INT_EVENT = {
    "trigger_start",
    "trigger_end",
    "time_precision",
    "geonameid",
    "geo_precision",
    "killed",
    "injured",
    "arrested",
    "attribution_count",
    "sentence_start",
    "sentence_end",
    "attribution_start",
    "attribution_end",
}
_FLOAT = {"lat", "lon", "confidence"}
_BOOL = {"aggregate", "date_inherited"}
_INT_LOCATION = {"geonameid", "precision", "start", "end"}
QUOTE_COLUMNS = (
    "text",
    "kind",
    "speaker",
    "speaker_title",
    "speaker_org",
    "speaker_kind",
    "cue",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
)
_INT_QUOTE = {"start", "end", "speaker_start", "speaker_end"}


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    def typed(columns: Iterable[str], ints: set[str]) -> list[tuple[str, Any]]:
        out = []
        for c in columns:
            kind = pa.int64() if c in ints else pa.float64() if c in _FLOAT else pa.bool_() if c in _BOOL else None
            out.append((c, kind or pa.string()))
        return out

    head = [("article_id", pa.string()), ("seq", pa.int64())]
    place_tail = [("role", pa.string()), ("kind", pa.string())]
    return {
        "events": pa.schema([*typed(EVENT_COLUMNS, _INT_EVENT), ("article_origin", pa.string())]),
        "places": pa.schema([*head, *typed(LOCATION_COLUMNS, _INT_LOCATION), *place_tail]),
        "quotes": pa.schema([*head, *typed(QUOTE_COLUMNS, _INT_QUOTE)]),
    }


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _clean(row: dict[str, Any], schema: Any) -> dict[str, Any]:
    """A row with every value of its column's type (a malformed value in a record file becomes None)."""
    import pyarrow as pa

    out = {}
    for field in schema:
        value = row.get(field.name)
        if field.type == pa.int64():
            value = as_int(value)
        elif field.type == pa.float64():
            value = _number(value)
        elif field.type == pa.bool_():
            value = value if isinstance(value, bool) else None
        elif value is not None and not isinstance(value, str):
            value = str(value)
        out[field.name] = value
    return out


def event_rows(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """The events' rows: :func:`eventwire.rows.event_row` and the article's origin.

    Example:
        >>> next(event_rows([({"article": {"id": "a", "text": "", "origin": "a.txt"}}, {"id": "e"})]))["article_origin"]
        'a.txt'
    """
    for record, event in pairs:
        yield {**event_row(record, event), "article_origin": (record.get("article") or {}).get("origin")}


def place_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every place of every record, one row each.

    Example:
        >>> rows = place_rows([{"article": {"id": "a"}, "places": [{"name": "Kano", "role": "event"}]}])
        >>> [(r["article_id"], r["seq"], r["name"], r["role"]) for r in rows]
        [('a', 1, 'Kano', 'event')]
    """
    for record in records:
        article_id = (record.get("article") or {}).get("id")
        for seq, place in enumerate(record.get("places") or [], start=1):
            if isinstance(place, dict):
                row = {"article_id": article_id, "seq": seq, **location_row(place)}
                yield {**row, "role": place.get("role"), "kind": place.get("kind")}


def quote_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every quote of every record, one row each.

    Example:
        >>> rows = quote_rows([{"article": {"id": "a"}, "quotes": [{"text": "We will stay", "speaker": "Ali"}]}])
        >>> [(r["article_id"], r["speaker"]) for r in rows]
        [('a', 'Ali')]
    """
    for record in records:
        article_id = (record.get("article") or {}).get("id")
        for seq, quote in enumerate(record.get("quotes") or [], start=1):
            if isinstance(quote, dict):
                yield {"article_id": article_id, "seq": seq, **{c: quote.get(c) for c in QUOTE_COLUMNS}}


def _write(rows: Iterable[dict[str, Any]], schema: Any, path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(_clean(row, schema))
            if len(chunk) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:  # an empty export still has its columns
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def write_parquet(
    folder: Path,
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    records: Iterable[dict[str, Any]] | None = None,
    records_again: Iterable[dict[str, Any]] | None = None,
) -> dict[str, int]:
    """Write ``events.parquet`` from ``(record, event)`` pairs, and ``places.parquet`` and ``quotes.parquet``
    from ``records`` (read twice: ``records_again`` is a second pass over the same records, to stream both files);
    return the row count of each file.

    Example:
        >>> # with Store(db, readonly=True) as s:
        >>> #     write_parquet(Path("out"), s.event_records(), s.records(), s.records())
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise EventwireError(msg("EW320", error=e.name)) from e
    if folder.exists() and not folder.is_dir():
        raise EventwireError(msg("EW208", path=folder, why="it is a file; --output for parquet is a folder"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise EventwireError(msg("EW208", path=folder, why=e.strerror or e)) from e
    schemas = _schemas()
    sources = {
        "events": event_rows(pairs),
        "places": place_rows(records or []),
        "quotes": quote_rows(records_again or []),
    }
    done: dict[str, str] = {}
    counts: dict[str, int] = {}
    try:
        for name, rows in sources.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".parquet.part")
            os.close(fd)
            done[name] = tmp
            counts[name] = _write(rows, schemas[name], tmp)
        for name, tmp in done.items():
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, folder / f"{name}.parquet")
    except OSError as e:
        raise EventwireError(msg("EW208", path=folder, why=e.strerror or e)) from e
    finally:
        for tmp in done.values():
            if os.path.exists(tmp):
                os.remove(tmp)
    return counts


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
