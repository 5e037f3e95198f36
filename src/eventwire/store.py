"""The SQLite store: every SQL statement in eventwire lives in this module.

One :class:`Store` wraps one SQLite file. A format-1 record is written as one article row plus flat rows
for its events, event locations, places, quotes and sources, all in one transaction; the record itself is
kept verbatim (``articles.record_json``) so :meth:`Store.records` gives back exactly what was added. Ingest
is idempotent: an article's identity is its :func:`content_hash` (its text, id and url, not its publication
date); adding it again updates the stored copy when the record differs, and changes nothing otherwise.

File databases use SQLite's write-ahead log, so a reader (an export piped into a slow pager) never blocks an
ingest, and a writer waits up to ``timeout`` seconds for another writer before reporting the database locked.

The schema is one SQL string (``CREATE ... IF NOT EXISTS``, always the newest shape) plus a numbered list of
migrations for older files; ``PRAGMA user_version`` records which schema a file has.

Example:
    >>> with Store(":memory:") as store:  # doctest: +SKIP
    ...     store.add(record)
    ...     rows = store.events(country="Syria", since="2025-11-01")
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypedDict, Unpack

from eventwire import pg
from eventwire.errors import EventwireError, msg
from eventwire.gazetteer import country_info
from eventwire.rows import EVENT_COLUMNS, as_int, event_locations, event_row, location_row

#: The schema version this code writes (``PRAGMA user_version``).
SCHEMA_VERSION = 4

#: The newest schema. Every statement is idempotent, so it also runs (after the migrations) on older files
#: to add new tables and indexes. Statements are separated by ``;`` (no triggers, no ``;`` inside strings).
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,
    ingest_seq   INTEGER NOT NULL,
    content_hash TEXT UNIQUE NOT NULL,
    title        TEXT,
    published    TEXT,
    source       TEXT,
    url          TEXT,
    language     TEXT,
    text         TEXT,
    record_json  TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    origin       TEXT
);
CREATE INDEX IF NOT EXISTS articles_ingest_seq ON articles (ingest_seq);
CREATE INDEX IF NOT EXISTS articles_origin ON articles (origin);

CREATE TABLE IF NOT EXISTS events (
    id                   TEXT PRIMARY KEY,
    article_id           TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq                  INTEGER NOT NULL,
    type                 TEXT,
    mode                 TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    trigger_text         TEXT,
    trigger_start        INTEGER,
    trigger_end          INTEGER,
    actor1               TEXT,
    actor1_country       TEXT,
    actor1_sector        TEXT,
    assoc_actors         TEXT,
    actor2               TEXT,
    actor2_country       TEXT,
    actor2_sector        TEXT,
    assoc_targets        TEXT,
    date_value           TEXT,
    date_value_end       TEXT,
    date_precision       TEXT,
    time_precision       INTEGER,
    date_text            TEXT,
    location_name        TEXT,
    geonameid            INTEGER,
    lat                  REAL,
    lon                  REAL,
    admin1               TEXT,
    country              TEXT,
    country_name         TEXT,
    geo_precision        INTEGER,
    killed               INTEGER,
    injured              INTEGER,
    arrested             INTEGER,
    counts_json          TEXT,
    attribution_source   TEXT,
    attribution_kind     TEXT,
    attribution_count    INTEGER,
    modality             TEXT,
    aggregate            INTEGER,
    sentence_start       INTEGER,
    sentence_end         INTEGER,
    sentence_text        TEXT,
    confidence           REAL,
    event_json           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id, seq);
CREATE INDEX IF NOT EXISTS events_type ON events (type COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_acled_type ON events (acled_event_type COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_acled_sub_type ON events (acled_sub_event_type COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_country ON events (country);
CREATE INDEX IF NOT EXISTS events_admin1 ON events (admin1);
CREATE INDEX IF NOT EXISTS events_date ON events (date_value);
CREATE INDEX IF NOT EXISTS events_modality ON events (modality);

CREATE TABLE IF NOT EXISTS event_locations (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    name         TEXT,
    text         TEXT,
    geonameid    INTEGER,
    lat          REAL,
    lon          REAL,
    admin1       TEXT,
    country      TEXT,
    country_name TEXT,
    precision    INTEGER,
    "start"      INTEGER,
    "end"        INTEGER,
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX IF NOT EXISTS event_locations_country ON event_locations (country);
CREATE INDEX IF NOT EXISTS event_locations_admin1 ON event_locations (admin1);

CREATE TABLE IF NOT EXISTS places (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    name         TEXT,
    text         TEXT,
    geonameid    INTEGER,
    lat          REAL,
    lon          REAL,
    admin1       TEXT,
    country      TEXT,
    country_name TEXT,
    precision    INTEGER,
    role         TEXT,
    kind         TEXT,
    "start"      INTEGER,
    "end"        INTEGER,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS places_geonameid ON places (geonameid);
CREATE INDEX IF NOT EXISTS places_country ON places (country);

CREATE TABLE IF NOT EXISTS quotes (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    text          TEXT,
    kind          TEXT,
    speaker       TEXT,
    speaker_title TEXT,
    speaker_org   TEXT,
    cue           TEXT,
    "start"       INTEGER,
    "end"         INTEGER,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);

CREATE TABLE IF NOT EXISTS sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id   TEXT REFERENCES events (id) ON DELETE CASCADE,
    source     TEXT,
    kind       TEXT,
    "start"    INTEGER,
    "end"      INTEGER
);
CREATE INDEX IF NOT EXISTS sources_article ON sources (article_id);
CREATE INDEX IF NOT EXISTS sources_event ON sources (event_id);

CREATE TABLE IF NOT EXISTS failures (
    origin           TEXT PRIMARY KEY,
    path             TEXT,
    stage            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    first_failed_at  TEXT NOT NULL,
    last_failed_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_path ON failures (path)
"""

#: Migration 3 (issue 14): analysts' reviews, a table of their own that nothing else writes, and the indexes of the
#: web app's pages and counts. A review is keyed by the event id, which is a hash of the article text, the trigger's
#: offset and the event's type and mode (``extractors/events.py``), so it is the same when the same report is ingested
#: again; there is no foreign key, so re-ingesting (which deletes and rewrites an article's rows) never deletes a
#: review. ``extracted`` keeps the machine's event as it was when reviewed. Part of :data:`SCHEMA` too.
REVIEWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id          INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL,
    article_id  TEXT,
    status      TEXT,
    corrections TEXT,
    note        TEXT,
    reviewer    TEXT,
    created_at  TEXT NOT NULL,
    extracted   TEXT
);
CREATE INDEX IF NOT EXISTS reviews_event ON reviews (event_id, id);
CREATE INDEX IF NOT EXISTS events_date_sort ON events (ifnull(date_value, ''));
CREATE INDEX IF NOT EXISTS events_counts ON events (modality, date_value, type, country, admin1)
"""
SCHEMA += ";\n" + REVIEWS_SCHEMA


def _rehash(conn: sqlite3.Connection) -> None:
    """Migration 2: identity no longer includes the publication date; recompute every ``content_hash``.

    Two rows of schema 1 may hold the same text with two dates (the duplicates this change prevents); the later
    one keeps its old hash, so the upgrade deletes nothing.
    """
    seen: set[str] = set()
    rows = conn.execute("SELECT id, record_json FROM articles ORDER BY ingest_seq").fetchall()
    for article_id, record_json in rows:
        digest = content_hash(json.loads(record_json))
        if digest in seen:
            continue
        seen.add(digest)
        conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (digest, article_id))


def _add_origin(conn: sqlite3.Connection) -> None:
    """Migration 4: ``articles.origin`` (where each report was read), filled from the stored records that say it.

    The ``failures`` table comes with :data:`SCHEMA`, which runs after the migrations. The step reads only tables
    of schema 2, so it applies whether or not a migration 3 ran before it.
    """
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if "origin" not in columns:
        conn.execute("ALTER TABLE articles ADD COLUMN origin TEXT")
    conn.execute("UPDATE articles SET origin = json_extract(record_json, '$.article.origin') WHERE origin IS NULL")


#: ``(version, step)`` steps that bring a file from ``version - 1`` to ``version``; run in order, each once,
#: before :data:`SCHEMA`. A step is SQL or a function of the connection. Append here (and bump
#: :data:`SCHEMA_VERSION`, and update :data:`SCHEMA`) when the shape changes. Numbers may have gaps (3 is the
#: reviews table of another branch): a file gets every step above its version.
#: Example of a future step: ``(5, "ALTER TABLE events ADD COLUMN admin2 TEXT")``.
MIGRATIONS: list[tuple[int, str | Callable[[sqlite3.Connection], None]]] = [
    (2, _rehash),
    (3, REVIEWS_SCHEMA),
    (4, _add_origin),
]

#: The columns of :func:`eventwire.rows.event_row` the ``events`` table keeps (with ``seq``, the event's place in its
#: record, and ``event_json``, the event itself): every column up to ``confidence``.
EVENT_TABLE_COLUMNS = tuple(EVENT_COLUMNS)[: tuple(EVENT_COLUMNS).index("confidence") + 1]

#: The orders of :meth:`Store.events_page`: the SQL of its key (the last part breaks ties) and whether it descends.
#: ``ifnull(e.date_value, '')`` is the expression of the ``events_date_sort`` index, so a date page needs no sort.
SORTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "ingest": (("a.ingest_seq", "e.seq"), False),
    "-ingest": (("a.ingest_seq", "e.seq"), True),
    "date": (("ifnull(e.date_value, '')", "e.rowid"), False),
    "-date": (("ifnull(e.date_value, '')", "e.rowid"), True),
}
EventSort = Literal["ingest", "-ingest", "date", "-date"]

#: What :meth:`Store.put` did with a record.
PutResult = Literal["added", "updated", "unchanged"]

#: Tables this module owns; a file holding other tables and no ``user_version`` is someone else's database.
TABLES = ("articles", "events", "event_locations", "places", "quotes", "sources", "failures", "reviews")

#: Where an item failed: ``read`` (the input could not be read), ``extract`` (its analysis failed or ran out of
#: time: the record holds the text only), ``store`` (its record could not be written).
FailureStage = Literal["read", "extract", "store"]

_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$")


# ---------------------------------------------------------------------------------------------------- helpers


def content_hash(record: dict[str, Any]) -> str:
    """Return the sha256 (hex) of the article text (UTF-8) plus its id and url: the ingest identity.

    The publication date is not part of it: the same report ingested with another date is the same article
    (its stored copy is updated), never a second one. Text that cannot be encoded (lone surrogates) is hashed
    with them replaced.

    Example:
        >>> rec = {"article": {"id": "a1", "text": "Police arrested 5 men.", "published": "2025-11-09"}}
        >>> len(content_hash(rec))
        64
        >>> content_hash(rec) == content_hash({"article": {**rec["article"], "published": "2025-11-10"}})
        True
        >>> content_hash(rec) == content_hash({"article": {**rec["article"], "id": "other"}})
        False
    """
    article = record.get("article") or {}
    digest = hashlib.sha256()
    for i, key in enumerate(("text", "id", "url")):
        if i:
            digest.update(b"\x1f")
        digest.update(str(article.get(key) or "").encode("utf-8", errors="replace"))
    return digest.hexdigest()


def _casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------------- Store


class EventFilters(TypedDict, total=False):
    """The filters shared by :meth:`Store.events`, :meth:`Store.count` and :meth:`Store.event_records`."""

    type: str | None
    acled_type: str | None
    sub_event_type: str | None
    country: str | None
    admin1: str | None
    since: str | None
    until: str | None
    text: str | None
    source: str | None
    modality: str | Sequence[str] | None
    article_id: str | None


class Store:
    """An eventwire SQLite database.

    ``path`` is a file (created when missing) or ``":memory:"``. ``readonly=True`` opens an existing file with
    ``mode=ro`` (for the web app): queries work, :meth:`add` and :meth:`delete` raise :class:`EventwireError`.

    Example:
        >>> with Store(":memory:") as store:
        ...     store.stats()
        {'articles': 0, 'events': 0, 'places': 0, 'quotes': 0}
    """

    def __init__(self, path: str | Path = "eventwire.db", *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = str(path)
        self.readonly = readonly
        if pg.is_url(path):
            self._open_postgres(readonly, timeout)
            return
        memory = self.path == ":memory:"
        if readonly and memory:
            raise EventwireError(msg("EW306", path=self.path, why="an in-memory database cannot be read-only"))
        if not memory and Path(self.path).is_dir():
            raise EventwireError(msg("EW306", path=self.path, why="it is a directory"))
        if readonly and not Path(self.path).is_file():
            raise EventwireError(msg("EW302", path=self.path))
        try:
            if readonly:
                uri = Path(self.path).absolute().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
            else:
                self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout)
        except sqlite3.Error as exc:
            raise EventwireError(msg("EW306", path=self.path, why=exc)) from exc
        self._conn.row_factory = sqlite3.Row
        self._conn.create_function("casefold", 1, _casefold, deterministic=True)
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                self._conn.execute("PRAGMA query_only = ON")
            self._check_schema()
            if not readonly and not memory:
                # readers never block the writer (nor it them); the setting is kept in the file
                self._conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise EventwireError(msg("EW306", path=self.path, why=exc)) from exc
            raise EventwireError(msg("EW301", path=self.path)) from exc
        except EventwireError:
            self._conn.close()
            raise

    def _open_postgres(self, readonly: bool, timeout: float) -> None:
        """The same store in a PostgreSQL database (``eventwire.pg``: the SQL rewritten on the way)."""
        self._conn = pg.PgConnection(self.path, readonly=readonly, timeout=timeout)  # type: ignore[assignment]
        try:
            self._check_schema()
        except Exception:
            self._conn.close()
            raise

    # -- life cycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def for_reading(cls, path: str | Path, *, timeout: float = 30.0) -> Store:
        """A read-only store; a file of an older schema is first upgraded in place (once, as ``ingest`` would),
        so that reading commands and the web app work after an upgrade of eventwire. A file that cannot be written
        keeps its EW308 message.

        Example:
            >>> # Store.for_reading("eventwire.db").events(limit=10)
        """
        try:
            return cls(path, readonly=True, timeout=timeout)
        except EventwireError as e:
            if not str(e).startswith("[EW308]"):
                raise
            try:
                cls(path, timeout=timeout).close()  # runs the migrations
            except (EventwireError, sqlite3.Error):
                raise e from None
            return cls(path, readonly=True, timeout=timeout)

    def __repr__(self) -> str:
        return f"Store({pg.redact(self.path)!r}{', readonly=True' if self.readonly else ''})"

    def close(self) -> None:
        """Close the connection (idempotent).

        Example:
            >>> s = Store(":memory:"); s.close(); s.close()
        """
        self._conn.close()

    @property
    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``.

        Example:
            >>> Store(":memory:").schema_version == SCHEMA_VERSION
            True
        """
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_schema(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise EventwireError(msg("EW303", path=pg.redact(self.path), found=version, known=SCHEMA_VERSION))
        if version == SCHEMA_VERSION:
            return
        names = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and {n for n in names if not n.startswith("sqlite_")} - set(TABLES):
            raise EventwireError(msg("EW307", path=pg.redact(self.path)))
        if self.readonly:
            raise EventwireError(msg("EW311" if version == 0 else "EW308", path=pg.redact(self.path)))
        with self._transaction():
            # another process may have upgraded the file between the check above and this lock
            version = self.schema_version
            if version == SCHEMA_VERSION:
                return
            for step, sql in MIGRATIONS:
                if version and step > version:
                    if callable(sql):
                        sql(self._conn)
                        continue
                    for statement in _statements(sql):
                        self._conn.execute(statement)
            for statement in _statements(SCHEMA):
                self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)

    # -- writing

    def add(self, record: dict[str, Any]) -> bool:
        """Store one format-1 record in one transaction; False (nothing written) if it is stored unchanged.

        A record whose identity (:func:`content_hash`) is stored but which differs (another publication date, a
        newer extraction) replaces the stored copy: :meth:`put` says which happened. When the article id is
        taken by a different article, the stored copy gets a new id (``<id>-2``, ``<id>-3`` ...), and so do
        colliding event ids; the caller's ``record`` is never modified.

        Example:
            >>> from tests.records import arrest_record  # doctest: +SKIP
            >>> store = Store(":memory:")  # doctest: +SKIP
            >>> store.add(arrest_record()), store.add(arrest_record())  # doctest: +SKIP
            (True, False)
        """
        return self.put(record) != "unchanged"

    def put(self, record: dict[str, Any]) -> PutResult:
        """Store one format-1 record in one transaction: ``"added"``, ``"updated"`` or ``"unchanged"``.

        An update keeps the stored article's id and place in ingest order; its old rows go in the same
        transaction as the new ones come, so no reader ever sees both or neither.

        Example:
            >>> rec = {"format": 1, "article": {"id": "a", "text": "Hi.", "published": "2025-01-01"}}
            >>> with Store(":memory:") as s:
            ...     first, again = s.put(rec), s.put(rec)
            ...     later = s.put({**rec, "article": {**rec["article"], "published": "2025-01-02"}})
            ...     first, again, later, s.stats()["articles"]
            ('added', 'unchanged', 'updated', 1)
        """
        self._writable("add records")
        _check_record(record)
        digest = content_hash(record)
        with self._transaction():
            row = self._conn.execute(
                "SELECT id, ingest_seq, record_json FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row is None:
                self._write(self._unique_ids(record), digest)
                return "added"
            if _without_ids(json.loads(row["record_json"])) == _without_ids(record):
                return "unchanged"
            self._conn.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
            record = json.loads(_dumps(record))
            record["article"]["id"] = row["id"]
            self._write(self._unique_ids(record), digest, ingest_seq=row["ingest_seq"])
        return "updated"

    def add_many(self, records: Iterable[dict[str, Any]]) -> int:
        """:meth:`add` each record (one transaction each); return how many were new.

        Example:
            >>> Store(":memory:").add_many([])
            0
        """
        return sum(1 for record in records if self.add(record))

    def delete(self, article_id: str) -> bool:
        """Delete one article and (by cascade) all its rows; False when no such article.

        Example:
            >>> Store(":memory:").delete("nope")
            False
        """
        self._writable("delete records")
        with self._transaction():
            cur = self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return cur.rowcount > 0

    # -- failures: items that could not be read, analysed or stored, kept until a retry succeeds

    def record_failure(self, origin: str, reason: str, *, stage: FailureStage, path: str | None = None) -> None:
        """Keep (or count again) the failure of one input item: its origin, why, and at which stage.

        ``path`` is the input file to read again for ``eventwire ingest --retry-failed``; an item that fails again
        keeps its first time and counts one more attempt.

        Example:
            >>> with Store(":memory:") as s:
            ...     s.record_failure("a.jsonl:3", "[EW014] line is not valid JSON", stage="read", path="a.jsonl")
            ...     s.record_failure("a.jsonl:3", "[EW014] line is not valid JSON", stage="read", path="a.jsonl")
            ...     [(f["origin"], f["attempts"]) for f in s.failures()]
            [('a.jsonl:3', 2)]
        """
        self._writable("record failures")
        now = _now()
        with self._transaction():
            self._conn.execute(
                "INSERT INTO failures (origin, path, stage, reason, attempts, first_failed_at, last_failed_at)"
                " VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (origin) DO UPDATE SET path = excluded.path,"
                " stage = excluded.stage, reason = excluded.reason, attempts = failures.attempts + 1,"
                " last_failed_at = excluded.last_failed_at",
                (origin, path, stage, reason, now, now),
            )

    def clear_failures(self, origins: Iterable[str]) -> int:
        """Forget the failures of these origins (they were stored since); return how many there were.

        Example:
            >>> Store(":memory:").clear_failures(["a.txt"])
            0
        """
        self._writable("clear failures")
        with self._transaction():
            cur = self._conn.execute(
                "DELETE FROM failures WHERE origin IN (SELECT value FROM json_each(?))", (_dumps(list(origins)),)
            )
        return cur.rowcount

    def failures(self, *, stage: FailureStage | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """The failed items, oldest first: ``origin``, ``path``, ``stage``, ``reason``, ``attempts``,
        ``first_failed_at``, ``last_failed_at``.

        Example:
            >>> Store(":memory:").failures(stage="read")
            []
        """
        params: list[Any] = []
        where = ""
        if stage is not None:
            where = " WHERE stage = ?"
            params.append(stage)
        sql = f"SELECT * FROM failures{where} ORDER BY first_failed_at, origin{_limit(limit, 0, params)}"
        return [dict(row) for row in self._conn.execute(sql, params)]

    def _writable(self, action: str) -> None:
        if self.readonly:
            raise EventwireError(msg("EW304", path=pg.redact(self.path), action=action))

    def _exists(self, table: str, key: str) -> bool:
        return self._conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None

    def _free_id(self, table: str, key: str, taken: set[str]) -> str:
        """``key``, or ``key-N`` with N one above the highest suffix in use, when ``key`` is taken."""
        if key not in taken and not self._exists(table, key):
            taken.add(key)
            return key
        # ids between "key-" and "key." (the character after "-") all start with "key-": one index range scan
        rows = self._conn.execute(f"SELECT id FROM {table} WHERE id >= ? AND id < ?", (f"{key}-", f"{key}."))
        used = [i[len(key) + 1 :] for i in [r[0] for r in rows] + sorted(taken) if i.startswith(f"{key}-")]
        n = max([int(s) for s in used if s.isdigit()] + [1]) + 1
        taken.add(f"{key}-{n}")
        return f"{key}-{n}"

    def _unique_ids(self, record: dict[str, Any]) -> dict[str, Any]:
        """The record itself when its ids are free, else a copy with fresh article/event ids."""
        old = str(record["article"].get("id") or "")
        article_id = self._free_id("articles", old or content_hash(record)[:16], set())
        taken: set[str] = set()
        event_ids = []
        for i, event in enumerate(record.get("events") or []):
            eid = str(event.get("id") or f"{article_id}-e{i + 1}")
            if article_id != old and old and eid.startswith(old):
                eid = article_id + eid[len(old) :]
            event_ids.append(self._free_id("events", eid, taken))
        events = record.get("events") or []
        if article_id == old and all(e.get("id") == eid for e, eid in zip(events, event_ids, strict=True)):
            return record
        copy = json.loads(_dumps(record))
        copy["article"]["id"] = article_id
        for event, eid in zip(copy.get("events") or [], event_ids, strict=True):
            event["id"] = eid
        return copy

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))

    def _write(self, record: dict[str, Any], digest: str, *, ingest_seq: int | None = None) -> None:
        article = record["article"]
        text = article.get("text") or ""
        article_id = article["id"]
        next_seq = ingest_seq
        if next_seq is None:
            next_seq = self._conn.execute("SELECT coalesce(max(ingest_seq), 0) + 1 FROM articles").fetchone()[0]
        self._insert(
            "articles",
            {
                "id": article_id,
                "ingest_seq": next_seq,
                "content_hash": digest,
                "title": article.get("title"),
                "published": article.get("published"),
                "source": article.get("source"),
                "url": article.get("url"),
                "language": article.get("language"),
                "text": text,
                "record_json": _dumps(record),
                "ingested_at": _now(),
                "origin": article.get("origin"),
            },
        )
        if article.get("source"):
            self._insert(
                "sources",
                {
                    "article_id": article_id,
                    "event_id": None,
                    "source": article["source"],
                    "kind": "publisher",
                },
            )
        for seq, event in enumerate(record.get("events") or [], start=1):
            self._write_event(record, seq, event)
        for seq, place in enumerate(record.get("places") or [], start=1):
            row = {"article_id": article_id, "seq": seq, **location_row(place)}
            row.update(role=place.get("role"), kind=place.get("kind"))
            self._insert("places", row)
        for seq, quote in enumerate(record.get("quotes") or [], start=1):
            keys = ("text", "kind", "speaker", "speaker_title", "speaker_org", "cue", "start", "end")
            row = {"article_id": article_id, "seq": seq, **{k: quote.get(k) for k in keys}}
            row.update(speaker_start=as_int(quote.get("speaker_start")), speaker_end=as_int(quote.get("speaker_end")))
            self._insert("quotes", row)

    def _write_event(self, record: dict[str, Any], seq: int, event: dict[str, Any]) -> None:
        row = event_row(record, event)
        self._insert("events", {**{c: row[c] for c in EVENT_TABLE_COLUMNS}, "seq": seq, "event_json": _dumps(event)})
        for loc_seq, location in enumerate(event_locations(event), start=1):
            self._insert("event_locations", {"event_id": event["id"], "seq": loc_seq, **location_row(location)})
        if row["attribution_source"] or row["attribution_kind"]:
            self._insert(
                "sources",
                {
                    "article_id": row["article_id"],
                    "event_id": event["id"],
                    "source": row["attribution_source"],
                    "kind": row["attribution_kind"],
                    "start": row["attribution_start"],
                    "end": row["attribution_end"],
                },
            )

    # -- reading

    def events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        **filters: Unpack[EventFilters],
    ) -> list[dict[str, Any]]:
        """Flat event rows (one dict per event, in ingest order) matching every filter given.

        Filters: ``type`` PLOVER type; ``acled_type`` ACLED event type *or* sub-event type;
        ``sub_event_type``; ``country`` ISO2, ISO3 or name, matched against any of the event's locations;
        ``admin1`` (any location); ``since``/``until`` ISO dates (``YYYY[-MM[-DD]]``, inclusive) against the
        event's date value; ``text`` substring of the sentence, trigger, actor/target names or article title;
        ``source`` substring of the attribution source or the article's publisher; ``modality`` one value or
        several; ``article_id``. All string matches ignore case. Each row holds the ``events`` columns (not
        ``event_json``) plus ``article_title``, ``article_url``, ``article_source`` and ``article_published``.

        Example:
            >>> Store(":memory:").events(country="Syria", acled_type="arrests", since="2025-11")
            []
        """
        where, params = _where(filters)
        sql = (
            "SELECT e.*, a.title AS article_title, a.url AS article_url, a.source AS article_source,"
            " a.published AS article_published FROM events e JOIN articles a ON a.id = e.article_id"
            f" {where} ORDER BY a.ingest_seq, e.seq{_limit(limit, offset, params)}"
        )
        rows = []
        for row in self._conn.execute(sql, params):
            item = dict(row)
            item.pop("event_json", None)
            rows.append(item)
        return rows

    def count(
        self,
        **filters: Unpack[EventFilters],
    ) -> int:
        """The number of events :meth:`events` would return for the same filters (without a limit).

        Example:
            >>> Store(":memory:").count(type="PROTEST")
            0
        """
        where, params = _where(filters)
        sql = f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id {where}"
        return int(self._conn.execute(sql, params).fetchone()[0])

    def event_records(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        **filters: Unpack[EventFilters],
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """``(article record, event)`` pairs for the exports, with the filters of :meth:`events`.

        Example:
            >>> list(Store(":memory:").event_records(modality=["asserted", "reported"]))
            []
        """
        where, params = _where(filters)
        sql = (
            "SELECT e.article_id, e.event_json FROM events e JOIN articles a ON a.id = e.article_id"
            f" {where} ORDER BY a.ingest_seq, e.seq{_limit(limit, offset, params)}"
        )
        current_id, current = None, None
        for row in self._conn.execute(sql, params):
            if row["article_id"] != current_id:
                current_id, current = row["article_id"], self.get(row["article_id"])
            assert current is not None
            yield current, json.loads(row["event_json"])

    def records(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """The stored records (as added, ids possibly renamed on collision), in ingest order.

        ``ids`` restricts to those article ids (unknown ids are ignored).

        Example:
            >>> list(Store(":memory:").records())
            []
        """
        # The ids first, then the records a chunk at a time: the iteration sees the articles stored when it
        # began, however long the caller takes and whatever it writes meanwhile, and holds no read open between
        # chunks.
        if ids is None:
            cur = self._conn.execute("SELECT id FROM articles ORDER BY ingest_seq")
        else:
            cur = self._conn.execute(
                "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY ingest_seq",
                (_dumps(list(ids)),),
            )
        order = [row[0] for row in cur]
        for i in range(0, len(order), 200):
            chunk = order[i : i + 200]
            rows = self._conn.execute(
                "SELECT id, record_json FROM articles WHERE id IN (SELECT value FROM json_each(?))", (_dumps(chunk),)
            ).fetchall()
            found = {row[0]: row[1] for row in rows}
            for article_id in chunk:
                if article_id in found:  # deleted meanwhile: skipped
                    yield json.loads(found[article_id])

    def get(self, article_id: str) -> dict[str, Any] | None:
        """One stored record by article id, or None.

        Example:
            >>> Store(":memory:").get("nope") is None
            True
        """
        row = self._conn.execute("SELECT record_json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def has(self, record: dict[str, Any]) -> bool:
        """Whether a record with the same :func:`content_hash` is stored.

        Example:
            >>> Store(":memory:").has({"article": {"text": "x"}})
            False
        """
        sql = "SELECT 1 FROM articles WHERE content_hash = ?"
        return self._conn.execute(sql, (content_hash(record),)).fetchone() is not None

    def stored_id(self, record: dict[str, Any]) -> str | None:
        """The id under which a record with the same :func:`content_hash` is stored (the store may have renamed it
        on an id collision, or kept an older copy's id on update), or None.

        Example:
            >>> Store(":memory:").stored_id({"article": {"text": "x"}}) is None
            True
        """
        row = self._conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash(record),)).fetchone()
        return row[0] if row else None

    def stats(self) -> dict[str, int]:
        """Row counts: ``articles``, ``events``, ``places``, ``quotes``.

        Example:
            >>> Store(":memory:").stats()["articles"]
            0
        """
        return {
            table: int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "places", "quotes")
        }

    def table_counts(self) -> dict[str, int]:
        """Row counts of every table (``stats`` plus ``event_locations`` and ``sources``).

        Example:
            >>> sorted(Store(":memory:").table_counts())[:2]
            ['articles', 'event_locations']
        """
        return {t: int(self._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}

    # -- the web app's reads (issue 14)

    def events_page(
        self,
        *,
        sort: EventSort = "ingest",
        after: Sequence[Any] | None = None,
        limit: int = 50,
        **filters: Unpack[EventFilters],
    ) -> list[dict[str, Any]]:
        """One page of :meth:`events` rows in ``sort`` order, after the row whose ``sort_key`` is ``after``.

        Keyset pagination: each row carries ``sort_key`` (a list of plain values); passing the last row's as
        ``after`` gives the next page, however deep, at the cost of the first (no ``OFFSET`` scan), and a page
        never repeats or skips a row when articles are added meanwhile. ``sort``: ``ingest`` (the order of
        :meth:`events`), ``-ingest``, ``date`` (undated first), ``-date``; equal dates keep the order rows were
        written in.

        Example:
            >>> Store(":memory:").events_page(sort="-date", after=["2025-11-08", 12], limit=20, type="PROTEST")
            []
        """
        if sort not in SORTS:
            raise EventwireError(msg("EW312", value=sort, choices=", ".join(SORTS)))
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise EventwireError(msg("EW310", name="limit", value=limit))
        key_sql, descending = SORTS[sort]
        where, params = _where(filters)
        # The join order is forced (CROSS JOIN) so that SQLite walks the sort's index and stops after ``limit`` rows
        # instead of filtering by an index (modality, type) and sorting every match: 10 ms instead of 700 ms for
        # the first page of 100,000 events (BENCHMARKS.md).
        if sort in ("ingest", "-ingest"):
            source = "articles a CROSS JOIN events e INDEXED BY events_article ON e.article_id = a.id"
        else:
            source = "events e INDEXED BY events_date_sort CROSS JOIN articles a ON a.id = e.article_id"
        if after is not None:
            after = list(after)
            if len(after) != len(key_sql) or not all(isinstance(v, str | int) for v in after):
                raise EventwireError(msg("EW313"))
            clause = f"({', '.join(key_sql)}) {'<' if descending else '>'} ({_marks(after)})"
            where = f"{where} AND {clause}" if where else f"WHERE {clause}"
            params.extend(after)
        order = ", ".join(f"{k}{' DESC' if descending else ''}" for k in key_sql)
        sql = (
            "SELECT e.*, a.title AS article_title, a.url AS article_url, a.source AS article_source,"
            f" a.published AS article_published, {', '.join(f'{k} AS _k{i}' for i, k in enumerate(key_sql))}"
            f" FROM {source} {where} ORDER BY {order} LIMIT ?"
        )
        rows = []
        for row in self._conn.execute(sql, [*params, limit]):
            item = dict(row)
            item.pop("event_json", None)
            item["sort_key"] = [item.pop(f"_k{i}") for i in range(len(key_sql))]
            rows.append(item)
        return rows

    def event(self, event_id: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """``(article record, event)`` for one event id, or None.

        Example:
            >>> Store(":memory:").event("nope") is None
            True
        """
        row = self._conn.execute("SELECT article_id, event_json FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        record = self.get(row["article_id"])
        return (record, json.loads(row["event_json"])) if record is not None else None

    def event_counts(self, **filters: Unpack[EventFilters]) -> dict[str, list[dict[str, Any]]]:
        """Event counts for the timeline and the map: ``by_day_type`` (date value x PLOVER type, undated left out)
        and ``by_admin1`` (country x first-order region of the first location), with the filters of :meth:`events`.

        Example:
            >>> Store(":memory:").event_counts(country="SY")
            {'by_day_type': [], 'by_admin1': []}
        """
        where, params = _where(filters)
        # the articles table only when a filter reads it: the counts are then read from the events_counts index alone
        joined = "JOIN articles a ON a.id = e.article_id " if re.search(r"\ba\.", where) else ""
        base = f"FROM events e {joined}{where}"
        dated = f"{base} {'AND' if where else 'WHERE'} e.date_value IS NOT NULL"
        by_day = self._conn.execute(
            f"SELECT substr(e.date_value, 1, 10) AS day, e.type AS type, count(*) AS events {dated}"
            " GROUP BY day, e.type ORDER BY day, e.type",
            params,
        )
        by_admin1 = self._conn.execute(
            f"SELECT e.country AS country, e.admin1 AS admin1, count(*) AS events {base}"
            " GROUP BY e.country, e.admin1 ORDER BY events DESC, e.country, e.admin1",
            params,
        )
        return {"by_day_type": [dict(r) for r in by_day], "by_admin1": [dict(r) for r in by_admin1]}

    def sources_summary(self) -> list[dict[str, Any]]:
        """Every source (an event's attribution, an article's publisher) with how many events it supports.

        A publisher supports every event of its articles; an attribution the events it is the source of.

        Example:
            >>> Store(":memory:").sources_summary()
            []
        """
        sql = (
            "SELECT source, kind, count(DISTINCT event_id) AS events, count(DISTINCT article_id) AS articles FROM ("
            " SELECT s.source, s.kind, s.event_id, s.article_id FROM sources s WHERE s.event_id IS NOT NULL"
            " UNION ALL SELECT s.source, s.kind, e.id, s.article_id FROM sources s"
            " JOIN events e ON e.article_id = s.article_id WHERE s.event_id IS NULL"
            ") WHERE source IS NOT NULL GROUP BY source, kind ORDER BY events DESC, source, kind"
        )
        return [dict(r) for r in self._conn.execute(sql)]

    # -- reviews (issue 14): an analyst's verdicts and corrections, kept apart from the extraction

    def add_review(
        self,
        event_id: str,
        *,
        status: str | None = None,
        corrections: dict[str, Any] | None = None,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> dict[str, Any]:
        """Append one review of a stored event and return it (as :meth:`reviews` lists it).

        ``status`` is ``confirmed``, ``rejected`` or None (a correction alone); ``corrections`` maps field names
        to values (checked by :func:`eventwire.reviews.check_corrections`). The event's stored rows are never
        changed: a review is a row of its own, and a later review of the same field wins when they are read.

        Example:
            >>> with Store(":memory:") as s:  # doctest: +SKIP
            ...     s.add_review("3f2a...", status="confirmed", note="matches the wire copy")["status"]
            'confirmed'
        """
        self._writable("store a review")
        row = self._conn.execute("SELECT article_id, event_json FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise EventwireError(msg("EW314", event_id=event_id))
        with self._transaction():
            cur = self._conn.execute(
                "INSERT INTO reviews (event_id, article_id, status, corrections, note, reviewer, created_at,"
                " extracted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    row["article_id"],
                    status,
                    _dumps(corrections) if corrections else None,
                    note,
                    reviewer,
                    datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
                    row["event_json"],
                ),
            )
        return self.reviews(review_id=cur.lastrowid)[0]

    def review_count(self) -> int:
        """How many events (by id) have at least one review.

        Example:
            >>> Store(":memory:").review_count()
            0
        """
        return int(self._conn.execute("SELECT count(DISTINCT event_id) FROM reviews").fetchone()[0])

    def reviews(self, event_ids: Iterable[str] | None = None, *, review_id: int | None = None) -> list[dict[str, Any]]:
        """Stored reviews, oldest first: all, those of ``event_ids``, or the one ``review_id``.

        Each is a dict: ``id``, ``event_id``, ``article_id``, ``status``, ``corrections`` (a dict), ``note``,
        ``reviewer``, ``created_at``, ``extracted`` (the machine's event when reviewed) and ``current`` (whether
        the event is still stored under that id).

        Example:
            >>> Store(":memory:").reviews(["e1", "e2"])
            []
        """
        sql = "SELECT r.*, EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id) AS current FROM reviews r"
        params: list[Any] = []
        if review_id is not None:
            sql += " WHERE r.id = ?"
            params.append(review_id)
        elif event_ids is not None:
            sql += " WHERE r.event_id IN (SELECT value FROM json_each(?))"
            params.append(_dumps(list(event_ids)))
        out = []
        for row in self._conn.execute(sql + " ORDER BY r.id", params):
            item = dict(row)
            item["corrections"] = json.loads(item["corrections"]) if item["corrections"] else {}
            item["extracted"] = json.loads(item["extracted"]) if item["extracted"] else None
            item["current"] = bool(item["current"])
            out.append(item)
        return out


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _without_ids(record: dict[str, Any]) -> str:
    """A record's JSON without its article and event ids (the store may have renamed them) and its origin, for
    comparing."""
    copy = json.loads(_dumps(record))
    copy.get("article", {}).pop("id", None)
    # where it was read is not what it says: the same report read from another path is the same article
    copy.get("article", {}).pop("origin", None)
    for event in copy.get("events") or []:
        if isinstance(event, dict):
            event.pop("id", None)
    return _dumps(copy)


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def _check_record(record: object) -> None:
    if not isinstance(record, dict):
        raise EventwireError(msg("EW305", why=f"expected a JSON object, got {type(record).__name__}"))
    if record.get("format") != 1:
        raise EventwireError(msg("EW305", why=f"format is {record.get('format')!r}, expected 1"))
    article = record.get("article")
    if not isinstance(article, dict) or not isinstance(article.get("text"), str):
        raise EventwireError(msg("EW305", why="article.text is missing"))
    events = record.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise EventwireError(msg("EW305", why="events must be a list of objects"))


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """Build a parameterised ``WHERE`` clause from the keyword filters of :meth:`Store.events`."""
    unknown = set(filters) - set(EventFilters.__annotations__)
    if unknown:
        raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    if filters.get("type"):
        add("e.type = ? COLLATE NOCASE", filters["type"])
    if filters.get("acled_type"):
        value = filters["acled_type"]
        add(
            "(e.acled_event_type = ? COLLATE NOCASE OR e.acled_sub_event_type = ? COLLATE NOCASE)",
            value,
            value,
        )
    if filters.get("sub_event_type"):
        add("e.acled_sub_event_type = ? COLLATE NOCASE", filters["sub_event_type"])
    if filters.get("country"):
        value = str(filters["country"]).strip()
        info = country_info(value)
        codes = sorted({value.upper()} | ({info["iso2"]} if info else set()))
        names = sorted({value.casefold()} | ({info["name"].casefold()} if info else set()))
        match = "({p}country IN ({c}) OR casefold({p}country_name) IN ({n}))"
        here = match.format(p="e.", c=_marks(codes), n=_marks(names))
        there = match.format(p="l.", c=_marks(codes), n=_marks(names))
        add(
            f"({here} OR EXISTS (SELECT 1 FROM event_locations l WHERE l.event_id = e.id AND {there}))",
            *codes,
            *names,
            *codes,
            *names,
        )
    if filters.get("admin1"):
        value = str(filters["admin1"]).casefold()
        add(
            "(casefold(e.admin1) = ? OR EXISTS (SELECT 1 FROM event_locations l"
            " WHERE l.event_id = e.id AND casefold(l.admin1) = ?))",
            value,
            value,
        )
    for name, op in (("since", ">="), ("until", "<=")):
        value = filters.get(name)
        if value is None:
            continue
        value = str(value).strip()
        if not _DATE_FILTER.match(value):
            raise EventwireError(msg("EW309", name=name, value=value))
        # ``until`` compares the same-length prefix, so until=2025-11 keeps 2025-11-30.
        column = "e.date_value" if op == ">=" else "substr(e.date_value, 1, ?)"
        extra = () if op == ">=" else (len(value),)
        add(f"e.date_value IS NOT NULL AND {column} {op} ?", *extra, value)
    if filters.get("text"):
        value = str(filters["text"]).casefold()
        columns = (
            "e.sentence_text",
            "e.trigger_text",
            "e.actor1",
            "e.assoc_actors",
            "e.actor2",
            "e.assoc_targets",
        )
        ors = " OR ".join(f"instr(casefold({c}), ?) > 0" for c in (*columns, "a.title"))
        add(f"({ors})", *([value] * (len(columns) + 1)))
    if filters.get("source"):
        value = str(filters["source"]).casefold()
        add(
            "(instr(casefold(e.attribution_source), ?) > 0 OR EXISTS (SELECT 1 FROM sources s"
            " WHERE s.article_id = e.article_id AND (s.event_id = e.id OR s.event_id IS NULL)"
            " AND instr(casefold(s.source), ?) > 0))",
            value,
            value,
        )
    modality = filters.get("modality")
    if modality:
        values = [modality] if isinstance(modality, str) else list(modality)
        add(f"e.modality IN ({_marks(values)})", *[str(v).lower() for v in values])
    if filters.get("article_id"):
        add("e.article_id = ?", filters["article_id"])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _limit(limit: int | None, offset: int, params: list[Any]) -> str:
    """`` LIMIT ? OFFSET ?`` (appending to ``params``), or ``""`` when there is no limit/offset."""
    if limit is None and not offset:
        return ""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise EventwireError(msg("EW310", name=name, value=value))
    params.extend((-1 if limit is None else limit, offset))
    return " LIMIT ? OFFSET ?"
