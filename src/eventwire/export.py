"""Exports: JSON Lines (records), GeoJSON (one point per event location) and ACLED-style CSV.

Every writer takes an open text file object and writes to it (no printing); the GeoJSON and CSV writers take
``(article record, event)`` pairs, as :meth:`eventwire.store.Store.event_records` yields them, so they also
work on records straight from the extractor (see :func:`event_pairs`). :func:`atomic_output` opens a file so
that it is replaced only once it is complete.

CSV cells that a spreadsheet would read as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return; OWASP's "CSV injection" rule) are written with a leading ``'`` (:func:`csv_safe`): report text
and page metadata are written by strangers. JSON and GeoJSON keep text as data, unchanged.

Example:
    >>> import io
    >>> buf = io.StringIO()
    >>> write_jsonl([{"format": 1}], buf)
    1
    >>> buf.getvalue()
    '{"format": 1}\\n'
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import EventwireError, msg
from eventwire.gazetteer import country_info
from eventwire.rows import count_values, event_locations, event_row, has_point, location_row, party_names

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, tab or CR gets a ``'``.

    Numbers are left alone (a negative longitude is data, not a formula).

    Example:
        >>> csv_safe("=HYPERLINK(1)"), csv_safe("-1+2"), csv_safe(-1.5), csv_safe("Kano")
        ("'=HYPERLINK(1)", "'-1+2", -1.5, 'Kano')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Sequence[dict[str, Any]], fp: TextIO) -> int:
    """Write dict rows as CSV (header from the first row's keys), every cell through :func:`csv_safe`.

    Example:
        >>> import io
        >>> buf = io.StringIO(); write_csv([{"a": "@SUM(1)", "b": 2}], buf)
        1
        >>> buf.getvalue().splitlines()
        ['a,b', "'@SUM(1),2"]
    """
    if not rows:
        return 0
    writer = csv.DictWriter(fp, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_safe(value) for key, value in row.items()})
    return len(rows)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path, *, protect: Iterable[tuple[Path, str]] = ()) -> None:
    """Raise :class:`EventwireError` when ``path`` cannot be an output: a folder, in a missing folder, or one of
    ``protect`` (``(path, what it is)`` pairs: the database, an input), which writing would destroy.

    Example:
        >>> try:
        ...     check_output(Path("/no/such/folder/out.csv"))
        ... except EventwireError as e:
        ...     print(str(e)[:49])
        [EW208] cannot write /no/such/folder/out.csv: the
    """
    if path.is_dir():
        raise EventwireError(msg("EW208", path=path, why="it is a folder"))
    folder = path.parent
    if not folder.is_dir():
        raise EventwireError(msg("EW208", path=path, why=f"the folder {folder} does not exist"))
    target = path.resolve()
    for other, what in protect:
        if _same_file(path, other) or target == other.resolve():
            raise EventwireError(msg("EW207", path=path, what=what))


@contextlib.contextmanager
def atomic_output(path: Path, *, protect: Iterable[tuple[Path, str]] = ()) -> Iterator[TextIO]:
    """Open ``path`` for writing text so that it appears only once complete.

    The text goes to a temporary file in the same folder, which replaces ``path`` after it is flushed to disk;
    on any failure (a full disk, a file size limit, an exception) the temporary file is removed and ``path``,
    if it existed, is untouched. An existing file's permissions are kept. OS errors become one-line
    :class:`EventwireError` messages. See :func:`check_output` for ``protect``.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "a.txt"
        >>> with atomic_output(out) as fp:
        ...     _ = fp.write("done")
        >>> out.read_text()
        'done'
    """
    check_output(path, protect=protect)
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as e:
        raise EventwireError(msg("EW208", path=path, why=e.strerror or e)) from e
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600 files; an output is as readable as any other file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, path)
    except OSError as e:
        _remove(tmp)
        raise EventwireError(msg("EW208", path=path, why=e.strerror or e)) from e
    except BaseException:
        _remove(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


#: ACLED's column names, in ACLED's order. Columns we have no value for stay empty.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: ACLED event type -> disorder type.
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

#: Modalities ACLED would code: the event happened (as opposed to planned, negated, hypothetical).
ACLED_MODALITIES = frozenset({"asserted", "reported"})

#: ACLED ``time_precision`` for our date precisions, used when a date carries no ``time_precision`` itself.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}

Pair = tuple[dict[str, Any], dict[str, Any]]


def event_pairs(records: Iterable[dict[str, Any]]) -> Iterator[Pair]:
    """``(record, event)`` for every event of every record, for exporting records that are not in a store.

    Example:
        >>> [e["id"] for _, e in event_pairs([{"events": [{"id": "e1"}, {"id": "e2"}]}])]
        ['e1', 'e2']
    """
    for record in records:
        for event in record.get("events") or []:
            yield record, event


def write_jsonl(records: Iterable[dict[str, Any]], fp: TextIO) -> int:
    """Write one JSON record per line (UTF-8 text, not ASCII-escaped); return how many were written.

    Example:
        >>> import io
        >>> buf = io.StringIO(); write_jsonl([{"a": "Харків"}, {"b": 2}], buf)
        2
        >>> buf.getvalue().splitlines()[0]
        '{"a": "Харків"}'
    """
    n = 0
    for record in records:
        fp.write(json.dumps(record, ensure_ascii=False))
        fp.write("\n")
        n += 1
    return n


# ---------------------------------------------------------------------------------------------------- GeoJSON


def geojson_features(record: dict[str, Any], event: dict[str, Any]) -> list[dict[str, Any]]:
    """The GeoJSON Point features of one event: one per location with coordinates (``[]`` when none has).

    Feature ids are ``<event id>/<n>`` (n = the location's 0-based index in the event).

    Example:
        >>> ev = {"id": "e1", "locations": [{"name": "Aleppo", "lat": 36.2, "lon": 37.16}, {"name": "?"}]}
        >>> [f["geometry"]["coordinates"] for f in geojson_features({"article": {}}, ev)]
        [[37.16, 36.2]]
    """
    row = event_row(record, event)
    # the GeoJSON property names; every value is the row's
    common = {
        "event_id": row["id"],
        "type": row["type"],
        "mode": row["mode"],
        "acled_event_type": row["acled_event_type"],
        "acled_sub_event_type": row["acled_sub_event_type"],
        "date": row["date_value"],
        "date_end": row["date_value_end"],
        "date_precision": row["date_precision"],
        "time_precision": row["time_precision"],
        "killed": row["killed"],
        "injured": row["injured"],
        "arrested": row["arrested"],
        "counts": count_values(event),
        "actors": row["actors"],
        "targets": row["targets"],
        "attribution_source": row["attribution_source"],
        "attribution_kind": row["attribution_kind"],
        "attribution_count": row["attribution_count"],
        "modality": row["modality"],
        "aggregate": row["aggregate"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "article_url": row["article_url"],
    }
    features = []
    # one feature per location: every location of the event, not only the row's first
    for n, location in enumerate(event_locations(event)):
        place = location_row(location)
        if not has_point(place["lat"], place["lon"]):
            continue
        properties = {
            **common,
            "place": place["name"] or place["text"],
            "geonameid": place["geonameid"],
            "admin1": place["admin1"],
            "country": place["country"],
            "geo_precision": place["precision"],
        }
        features.append(
            {
                "type": "Feature",
                "id": f"{row['id']}/{n}",
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": properties,
            }
        )
    return features


def write_geojson(pairs: Iterable[Pair], fp: TextIO) -> int:
    """Write a GeoJSON FeatureCollection of event locations; return how many events had no coordinates.

    One Point feature per event location (``event["locations"]``, else ``event["location"]``); locations
    without ``lat``/``lon`` are left out, and an event left with no feature at all counts as skipped.
    Streams: one feature per line, nothing held in memory.

    Example:
        >>> import io, json
        >>> ev = {"id": "e1", "location": {"name": "Aleppo", "lat": 36.2, "lon": 37.16}}
        >>> buf = io.StringIO(); write_geojson([({"article": {}}, ev), ({"article": {}}, {"id": "e2"})], buf)
        1
        >>> len(json.loads(buf.getvalue())["features"])
        1
    """
    skipped = 0
    first = True
    fp.write('{"type": "FeatureCollection", "features": [')
    for record, event in pairs:
        features = geojson_features(record, event)
        if not features:
            skipped += 1
        for feature in features:
            fp.write("\n" if first else ",\n")
            fp.write(json.dumps(feature, ensure_ascii=False))
            first = False
    fp.write("\n]}\n")
    return skipped


# -------------------------------------------------------------------------------------------------- ACLED CSV


def is_acled_event(event: dict[str, Any]) -> bool:
    """Whether ACLED would code this event: it has an ACLED event type and happened (asserted or reported).

    Example:
        >>> is_acled_event({"acled": {"event_type": "Protests"}, "modality": "reported"})
        True
        >>> is_acled_event({"acled": {"event_type": "Protests"}, "modality": "planned"})
        False
    """
    acled = event.get("acled")
    return isinstance(acled, dict) and bool(acled.get("event_type")) and event.get("modality") in ACLED_MODALITIES


def _join(values: Iterable[object]) -> str:
    seen: list[str] = []
    for value in values:
        text = str(value).strip() if value is not None else ""
        if text and text.casefold() not in {s.casefold() for s in seen}:
            seen.append(text)
    return "; ".join(seen)


def _cell(value: object) -> object:
    return "" if value is None else value


def acled_row(record: dict[str, Any], event: dict[str, Any], *, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED-style CSV row (a dict over :data:`ACLED_COLUMNS`) for one event, whatever its modality.

    Example:
        >>> ev = {"id": "e1", "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        ...       "date": {"value": "2025-11-08", "precision": "day"},
        ...       "location": {"name": "Nairobi", "country": "KE", "lat": -1.28, "lon": 36.82}}
        >>> row = acled_row({"article": {"source": "Example Wire"}}, ev, timestamp=0)
        >>> row["disorder_type"], row["country"], row["iso"], row["year"], row["fatalities"]
        ('Demonstrations', 'Kenya', '404', 2025, 0)
    """
    row = event_row(record, event)
    # ACLED's association columns name each other actor once (any case), so they need the names, not the joined row
    actors, targets = party_names(event.get("actors")), party_names(event.get("targets"))
    value = str(row["date_value"] or "")
    time_precision = row["time_precision"] or TIME_PRECISION.get(str(row["date_precision"]))
    iso2 = row["country"]
    info = country_info(iso2) if isinstance(iso2, str) and len(iso2) == 2 else None
    event_type = row["acled_event_type"]
    killed = row["killed"]
    if killed is None and event_type:
        killed = 0  # ACLED records 0 fatalities when no death is reported
    point = has_point(row["lat"], row["lon"])
    acled = {
        "event_id_cnty": row["id"],
        "event_date": value[:10],
        "year": int(value[:4]) if value[:4].isdigit() else None,
        "time_precision": time_precision,
        "disorder_type": DISORDER_TYPES.get(str(event_type)),
        "event_type": event_type,
        "sub_event_type": row["acled_sub_event_type"],
        "actor1": row["actor1"],
        "assoc_actor_1": _join(actors[1:]),
        "actor2": row["actor2"],
        "assoc_actor_2": _join(targets[1:]),
        "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else None,
        "iso": info["numeric"] if info else None,
        "country": row["country_name"] or (info["name"] if info else iso2),
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "admin3": row["admin3"],
        "location": row["location_name"],
        "latitude": row["lat"] if point else None,
        "longitude": row["lon"] if point else None,
        "geo_precision": row["geo_precision"],
        "source": _join([row["attribution_source"], row["article_source"]]),
        "notes": " ".join((row["sentence_text"] or "").split()),
        "fatalities": killed,
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }
    return {column: csv_safe(_cell(acled.get(column))) for column in ACLED_COLUMNS}


def write_acled_csv(pairs: Iterable[Pair], fp: TextIO, *, timestamp: int | None = None) -> int:
    """Write ACLED-style CSV (header :data:`ACLED_COLUMNS`); return the number of events written.

    Only events ACLED would code are written (:func:`is_acled_event`: an ACLED type, modality asserted or
    reported). Open ``fp`` with ``newline=""``. ``timestamp`` (unix seconds) defaults to now. Text cells go
    through :func:`csv_safe` (in :func:`acled_row`).

    Example:
        >>> import io
        >>> buf = io.StringIO(); write_acled_csv([], buf)
        0
        >>> buf.getvalue().split(",")[:2]
        ['event_id_cnty', 'event_date']
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(fp, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for record, event in pairs:
        if is_acled_event(event):
            writer.writerow(acled_row(record, event, timestamp=stamp))
            n += 1
    return n
