"""PostgreSQL under the same :class:`~eventwire.store.Store`: ``--db postgresql://USER@HOST:5432/DB``.

The store's SQL is written once, for SQLite (``store.py``). :class:`PgConnection` gives a psycopg connection the
few methods the store calls on an ``sqlite3.Connection`` (``execute``, ``create_function``, ``close``, rows read by
name or position) and rewrites each statement into PostgreSQL's dialect on the way, so the schema, the migrations,
the filters and every query stay one text. What it rewrites, and why:

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``), the only placeholder style psycopg takes;
* in ``CREATE TABLE``: ``REAL`` becomes ``DOUBLE PRECISION`` (PostgreSQL's ``real`` is 4 bytes: coordinates
  would lose their fifth decimal), ``INTEGER`` becomes ``BIGINT``, and text ids compare in the "C" collation (the
  store finds the next free ``id-N`` with a range scan that needs byte order);
* ``x = ? COLLATE NOCASE`` becomes ``lower(x) = lower(?)``, and an index on ``(x COLLATE NOCASE)`` one on
  ``(lower(x))``; ``casefold()`` and ``instr()`` are SQL functions the connection creates (``lower``,
  ``strpos``);
* ``INTEGER PRIMARY KEY`` (SQLite numbers such rows itself) becomes an identity column, and a cursor's
  ``lastrowid`` after an ``INSERT`` is ``lastval()``; ``ifnull`` is ``coalesce``; ``INDEXED BY`` hints go,
  and SQLite's ``CROSS JOIN ... ON`` (a join order hint) is a plain ``JOIN``; a subquery in ``FROM`` gets the name
  PostgreSQL requires; ``rowid`` (a tie-break of sort orders) is ``ctid``;
* ``json_each(?)`` over a JSON array becomes ``json_array_elements_text(?::json)``; ``LIMIT -1`` (SQLite's "no
  limit") becomes ``LIMIT NULL``;
* ``PRAGMA user_version`` reads and writes the table ``eventwire_meta``; ``PRAGMA table_info`` reads
  ``information_schema``; ``sqlite_master`` is ``information_schema.tables``; the other pragmas (write-ahead log,
  foreign keys) have no PostgreSQL counterpart to set and do nothing;
* ``BEGIN IMMEDIATE`` (SQLite's "take the write lock now") becomes ``BEGIN`` and a transaction-level advisory
  lock, so that two writers (two ``ingest`` runs, the web app) take turns exactly as on SQLite: the next
  ``ingest_seq`` and the free ids are read and written under one lock. ``lock_timeout`` is the store's busy
  timeout.

A read-only store (the web app) sets ``default_transaction_read_only``, so any write is refused by the server.

Example:
    >>> redact("postgresql://ew:secret@db.example:5432/events")
    'postgresql://ew:***@db.example:5432/events'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.errors import EventwireError, msg

#: URL schemes read as PostgreSQL.
SCHEMES = ("postgresql://", "postgres://")
#: The advisory lock every writing transaction takes (any number; this one spells "ew15").
WRITE_LOCK = 0x65773135

_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION casefold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS $$ SELECT lower(t) $$",
    "CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT strpos(haystack, needle) $$",
)


def is_url(path: object) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database rather than an SQLite file.

    Example:
        >>> is_url("postgresql://localhost/ew"), is_url("eventwire.db")
        (True, False)
    """
    return isinstance(path, str) and path.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL with its password hidden, for messages.

    Example:
        >>> redact("postgresql://ew@localhost/ew")
        'postgresql://ew@localhost/ew'
    """
    return re.sub(r"^(\w+://[^:/@]+):[^@]*@", r"\1:***@", url)


class Row(Sequence):
    """A result row read by position (``row[0]``) or by name (``row["id"]``), and ``dict(row)``, as
    ``sqlite3.Row``."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: list[str], values: Sequence[Any]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return self._values[self._names.index(key)]
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any):
    names = [c.name for c in cursor.description] if cursor.description else []
    return lambda values: Row(names, values)


class _Done:
    """The result of a statement with nothing to return (a pragma with no PostgreSQL counterpart)."""

    rowcount = 0

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list:
        return []

    def __iter__(self) -> Iterator:
        return iter(())


_PLACEHOLDER = re.compile(r"\?")
_NOCASE_EQ = re.compile(r"([\w.]+) = \? COLLATE NOCASE")
_NOCASE_INDEX = re.compile(r"\((\w+) COLLATE NOCASE\)")
_JSON_EACH = re.compile(r"json_each\(\?\)")
_LIMIT = re.compile(r"LIMIT \? OFFSET \?")
_USER_VERSION_SET = re.compile(r"^PRAGMA user_version = (\d+)$")
_TABLE_INFO = re.compile(r"^PRAGMA table_info\((\w+)\)$")


def translate(sql: str) -> str:
    """One statement of the store's SQLite dialect in PostgreSQL's (see the module's notes), placeholders ``%s``.

    Example:
        >>> translate("SELECT id FROM events e WHERE e.type = ? COLLATE NOCASE LIMIT ? OFFSET ?")
        'SELECT id FROM events e WHERE lower(e.type) = lower(%s) LIMIT NULLIF(%s::bigint, -1) OFFSET %s'
        >>> translate("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, lat REAL, n INTEGER)")
        'CREATE TABLE IF NOT EXISTS t (id TEXT COLLATE "C" PRIMARY KEY, lat DOUBLE PRECISION, n BIGINT)'
    """
    text = sql.strip()
    if re.match(r"^(CREATE TABLE|ALTER TABLE)", text):
        # SQLite's INTEGER PRIMARY KEY numbers rows by itself: an identity column here
        text = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", text)
        text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text)
        text = re.sub(r"\bINTEGER\b", "BIGINT", text)
        text = re.sub(r"\bid(\s+)TEXT PRIMARY KEY", r'id\1TEXT COLLATE "C" PRIMARY KEY', text)
    text = re.sub(r"\bifnull\(", "coalesce(", text)
    text = re.sub(r"\s+INDEXED BY \w+", "", text)  # SQLite's index hint: PostgreSQL's planner chooses alone
    # SQLite's CROSS JOIN ... ON fixes the join order; PostgreSQL allows ON only on a plain JOIN
    text = re.sub(r"\bCROSS JOIN (\w+ \w+) ON\b", r"JOIN \1 ON", text)
    text = re.sub(r"\b(\w+)\.rowid\b", r"\1.ctid", text)  # no rowid here; ctid: a row's stable place, for ties
    text = _alias_subqueries(text)
    text = _NOCASE_INDEX.sub(r"(lower(\1))", text)
    text = _NOCASE_EQ.sub(r"lower(\1) = lower(?)", text)
    text = _JSON_EACH.sub("json_array_elements_text(?::json) AS je(value)", text)
    text = _LIMIT.sub("LIMIT NULLIF(?::bigint, -1) OFFSET ?", text)
    text = text.replace("%", "%%")
    return _PLACEHOLDER.sub("%s", text)


_KEYWORDS = {"WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "CROSS", "INNER", "UNION", "ON", "OFFSET", "HAVING"}


def _alias_subqueries(text: str) -> str:
    """Name every ``FROM (SELECT ...)`` that has no name: SQLite allows it, PostgreSQL wants an alias.

    Example:
        >>> _alias_subqueries("SELECT n FROM (SELECT 1 AS n) WHERE n > 0")
        'SELECT n FROM (SELECT 1 AS n) AS _sub1 WHERE n > 0'
    """
    out: list[str] = []
    i = n = 0
    for found in re.finditer(r"\bFROM\s*\(\s*SELECT\b", text, re.IGNORECASE):
        if found.start() < i:
            continue  # inside a subquery already copied
        start = text.index("(", found.start())
        depth, end = 0, start
        for end in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        following = text[end + 1 :].lstrip()
        word = re.match(r"\w+", following)
        out.append(text[i : start + 1] + _alias_subqueries(text[start + 1 : end]) + ")")
        if not word or word[0].upper() in _KEYWORDS:
            n += 1
            out.append(f" AS _sub{n}")
        i = end + 1
    out.append(text[i:])
    return "".join(out)


class PgConnection:
    """A psycopg connection that answers the calls :class:`~eventwire.store.Store` makes on an SQLite one.

    Example:
        >>> conn = PgConnection("postgresql://ew@127.0.0.1:5432/ew")  # doctest: +SKIP
        >>> conn.execute("SELECT count(*) FROM articles WHERE id = ?", ("a",)).fetchone()[0]  # doctest: +SKIP
        0
    """

    def __init__(self, url: str, *, readonly: bool = False, timeout: float = 30.0) -> None:
        try:
            import psycopg
        except ImportError as e:
            raise EventwireError(msg("EW321", error=e.name)) from e
        self.url = url
        self.readonly = readonly
        self.row_factory = None  # set by the store for SQLite; rows here are always readable by name
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as e:
            raise EventwireError(msg("EW306", path=redact(url), why=str(e).strip().splitlines()[0])) from e
        self._conn.row_factory = _row_factory
        ms = int(timeout * 1000)
        self._conn.execute(f"SET lock_timeout = {ms}")
        self._conn.execute("SET client_min_messages = warning")
        if readonly:
            self._conn.execute("SET default_transaction_read_only = on")
        else:
            self._ensure_functions()

    def _ensure_functions(self) -> None:
        """Create ``casefold`` and ``instr`` once; under a lock, as two connections replacing one function at once
        fail ("tuple concurrently updated")."""
        have = self._conn.execute(
            "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE p.proname IN ('casefold', 'instr') AND n.nspname = current_schema()"
        ).fetchone()[0]
        if have == 2:
            return
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            for statement in _FUNCTIONS:
                self._conn.execute(statement)

    def create_function(self, *args: object, **kwargs: object) -> None:
        """SQLite registers Python functions per connection; here they are SQL functions in the database."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement of the store's SQL (rewritten by :func:`translate`); the cursor, rows by name."""
        text = sql.strip()
        special = self._special(text, params)
        if special is not None:
            return special
        values = tuple(int(v) if isinstance(v, bool) else v for v in params)
        cursor = self._conn.execute(translate(text), values)  # type: ignore[arg-type]
        return _Cursor(cursor, self._conn) if text[:6].upper() == "INSERT" else cursor

    def _special(self, text: str, params: Sequence[Any]) -> Any:
        upper = text.upper()
        if upper == "BEGIN IMMEDIATE":
            self._conn.execute("BEGIN")
            if not self.readonly:
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return _Done()
        if upper == "PRAGMA USER_VERSION":
            if self._conn.execute("SELECT to_regclass('eventwire_meta')").fetchone()[0] is None:
                return _Rows([(0,)])
            cur = self._conn.execute("SELECT value FROM eventwire_meta WHERE key = 'schema_version'")
            row = cur.fetchone()
            return _Rows([(row[0] if row else 0,)])
        found = _USER_VERSION_SET.match(text)
        if found:
            self._conn.execute("CREATE TABLE IF NOT EXISTS eventwire_meta (key TEXT PRIMARY KEY, value BIGINT)")
            self._conn.execute(
                "INSERT INTO eventwire_meta (key, value) VALUES ('schema_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (int(found[1]),),
            )
            return _Done()
        found = _TABLE_INFO.match(text)
        if found:
            return self._conn.execute(
                "SELECT ordinal_position, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
                (found[1],),
            )
        if upper.startswith("PRAGMA"):  # foreign_keys, journal_mode, query_only: nothing to set here
            return _Done()
        if "FROM SQLITE_MASTER" in upper:
            return self._conn.execute(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
                " AND table_name <> 'eventwire_meta'"
            )
        return None

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()


class _Cursor:
    """A psycopg cursor after an ``INSERT``, with sqlite3's ``lastrowid``: the id the insert just numbered."""

    def __init__(self, cursor: Any, conn: Any) -> None:
        self._cursor = cursor
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Iterator:
        return iter(self._cursor)

    @property
    def lastrowid(self) -> int | None:
        import psycopg

        try:  # the last value a sequence (an identity column) gave in this session, as SQLite's last rowid
            return int(self._conn.execute("SELECT lastval()").fetchone()[0])
        except psycopg.Error:  # no identity column numbered anything yet
            return None


class _Rows(_Done):
    def __init__(self, rows: list[tuple]) -> None:
        self._rows = rows

    def fetchone(self):  # type: ignore[override]
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list:
        return list(self._rows)

    def __iter__(self) -> Iterator:
        return iter(self._rows)
