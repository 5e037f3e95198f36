"""The index file: its schema version, tables and ``meta``, where it lives, and what one holds.

Both sides of the place index read this module: the builder (``build.py``) writes the tables and the ``meta`` rows,
the lookup (``lookup.py``) checks the ``meta`` rows before it opens a file. ``SCHEMA_VERSION`` is the version of
everything an index holds; a file of another version is rebuilt (the default one) or refused (a user's).

Example:
    >>> default_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"
    True
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from eventwire.errors import EventwireError

#: Bump whenever the tables, the normalisation or the ranking data change: an index with another version is rebuilt.
SCHEMA_VERSION = 3

#: Kinds of names in the ``names`` table; kinds below ``KIND_ALTERNATE`` rank as the place's own name.
KIND_PRIMARY, KIND_ASCII, KIND_DERIVED, KIND_ALTERNATE = 0, 1, 2, 3

#: Ranking groups among own-name matches (lower first): countries; prominent cities (national capitals with
#: 100,000+ people, and the seat of a region named like it: "Homs" in Homs governorate); then regions and other
#: cities together, by population (a region's population is the sum of its places'), so "Texas" is the state
#: but "Victoria" (Malta's region of 7,000) does not outrank Victoria, Hong Kong.
GROUP_COUNTRY, GROUP_PROMINENT, GROUP_OTHER = 0, 1, 2

#: Where ``Gazetteer.default()`` looks first: a user's index (``eventwire gazetteer build --geonames ...``).
ENV_INDEX = "EVENTWIRE_GAZETTEER"

#: The index's tables: ``places`` (one row per place; ``grp`` is its ranking group), ``countries`` and ``admin1``
#: (the names and GeoNames ids of countries and first-order regions), ``names`` (normalised name -> place, with the
#: kind of name) and ``loose`` (loose spelling key -> normalised name); ``meta`` holds what the build recorded.
TABLES_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT NOT NULL, admin1_code TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    grp INTEGER NOT NULL);
CREATE TABLE countries (
    iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, capital TEXT, capital_id INTEGER, geonameid INTEGER);
CREATE TABLE admin1 (
    country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER,
    PRIMARY KEY (country, code)) WITHOUT ROWID;
CREATE TABLE names (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE loose (lkey TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (lkey, key)) WITHOUT ROWID;
"""


# ------------------------------------------------------------------------------------------- index location


def default_path() -> Path:
    """Where ``Gazetteer.default()`` keeps its index: ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``.

    Example:
        >>> default_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"
        True
    """
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventwire")
    return Path(root) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def read_meta(path: Path) -> dict[str, str] | None:
    """The ``meta`` table of an index file, or None when the file is missing or not an index.

    Example:
        >>> read_meta(Path("/no/such/index.sqlite")) is None
        True
    """
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return None


def check_user_index(path: Path) -> Path:
    """``path`` when it is a complete index of this schema; else an error saying how to make one.

    Example:
        >>> check_user_index(Path("/no/such/index.sqlite"))  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        eventwire.errors.EventwireError: [EW407] ...
    """
    how = "build one with: eventwire gazetteer build --geonames FILE... --output PATH"
    meta = read_meta(path)
    if meta is None or meta.get("complete") != "1":
        raise EventwireError(f"[EW407] {ENV_INDEX}={path} is not a complete eventwire place index; {how}")
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise EventwireError(
            f"[EW407] {ENV_INDEX}={path} has schema version {meta.get('schema_version')}, this eventwire needs "
            f"{SCHEMA_VERSION}; {how}"
        )
    return path


def active_path() -> Path:
    """The index ``Gazetteer.default()`` opens: ``$EVENTWIRE_GAZETTEER`` when set, else ``default_path()``.

    Example:
        >>> active_path() == default_path() or ENV_INDEX in os.environ
        True
    """
    user = os.environ.get(ENV_INDEX)
    return Path(user) if user else default_path()


def index_info(path: str | Path) -> dict[str, object]:
    """What an index file holds: path, size, its ``meta`` (sources, build time) and counts by feature.

    Example:
        >>> index_info(default_path())["places"]["country"] > 200  # doctest: +SKIP
        True
    """
    path = Path(path)
    meta = read_meta(path)
    if meta is None:
        raise EventwireError(f"[EW407] {path} is not an eventwire place index")
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        by_feature = dict(con.execute("SELECT feature, count(*) FROM places GROUP BY feature ORDER BY 2 DESC"))
        counts = {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("names", "countries", "admin1")
        }
    finally:
        con.close()
    try:
        inputs = json.loads(meta.get("inputs", "[]"))
    except ValueError:
        inputs = []
    return {
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "schema_version": meta.get("schema_version"),
        "built": meta.get("built"),
        "complete": meta.get("complete") == "1",
        "from_geonames_dumps": meta.get("sources") == "geonames",
        "natural_features": meta.get("natural") == "1",
        "inputs": inputs,
        "places": by_feature,
        **counts,
    }
