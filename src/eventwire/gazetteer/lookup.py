"""Looking places up in a built index: :class:`Gazetteer` (names to candidate places, countries, regions, capitals,
demonyms) and :class:`Place`, one entry.

A :class:`Gazetteer` opens an index file read-only and answers with SQL queries on it; only the small tables
(countries, regions, ``data/demonyms.tsv``) and an LRU cache of recent lookups live in memory. Every name is looked up
under the key :func:`eventwire.gazetteer.names.normalize` gives it, the key the builder indexed it under.
``Gazetteer.default()`` is the process-wide instance; it builds the default index (:mod:`eventwire.gazetteer.build`)
the first time, or when the data or the building code changed.

Example:
    >>> Gazetteer.default().lookup("Dayr az Zawr")[0].name  # doctest: +SKIP
    'Deir ez-Zor'
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EventwireError, msg
from eventwire.gazetteer import build as builder
from eventwire.gazetteer import sources
from eventwire.gazetteer.index import (
    ENV_INDEX,
    KIND_ALTERNATE,
    KIND_PRIMARY,
    SCHEMA_VERSION,
    check_user_index,
    default_path,
    read_meta,
)
from eventwire.gazetteer.names import ADMIN1_SUFFIXES, loose_key, normalize
from eventwire.gazetteer.sources import DEMONYMS_FILE, read_tsv

#: Adjectives of continents (demonyms.tsv holds countries'): "European" points to Europe.
_CONTINENT_DEMONYMS = {
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "north american": "North America",
    "south american": "South America",
}


# ------------------------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a city, a first-order region ("admin1") or a country.

    Example:
        >>> Gazetteer.default().lookup("Homs")[0].admin1  # doctest: +SKIP
        'Homs'
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO2, e.g. "SY"
    country_iso3: str | None
    country_name: str | None
    admin1_code: str | None
    admin1: str | None  # admin1 NAME, e.g. "Deir ez-Zor"
    feature: str  # "city" | "admin1" | "admin2" | "country" | "continent"
    population: int
    #: ranking group (``GROUP_COUNTRY``, ``GROUP_PROMINENT``, ``GROUP_OTHER``) and, for a lookup's result, the kind
    #: of name it matched (``KIND_PRIMARY`` ... ``KIND_ALTERNATE``)
    group: int = field(default=2, compare=False)
    name_kind: int = field(default=0, compare=False)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    Example:
        >>> round(haversine_km(33.51, 36.29, 34.72, 36.72))  # Damascus - Homs
        140
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ------------------------------------------------------------------------------------------------- querying

_PLACE_COLUMNS = "p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1_code, p.feature, p.population, p.grp"
_RANK = f"""(kind = {KIND_ALTERNATE}), CASE WHEN kind = {KIND_ALTERNATE} THEN 0 ELSE p.grp END,
    p.population DESC, p.geonameid"""
_LOOKUP_SQL = (
    f"SELECT {_PLACE_COLUMNS}, n.kind AS kind FROM names n JOIN places p ON p.geonameid = n.geonameid "
    f"WHERE n.key = ?{{country}} ORDER BY {_RANK} LIMIT ?"
)
_FUZZY_SQL = (
    f"SELECT {_PLACE_COLUMNS}, min(n.kind) AS kind FROM loose l JOIN names n ON n.key = l.key "
    f"JOIN places p ON p.geonameid = n.geonameid WHERE l.lkey = ?{{country}} GROUP BY p.geonameid "
    f"ORDER BY {_RANK} LIMIT ?"
)
_LOOKUP_CACHE_SIZE = 4096

_default_lock = threading.Lock()
_default: Gazetteer | None = None


class Gazetteer:
    """Read-only access to a built place index.

    Example:
        >>> gaz = Gazetteer.default()  # doctest: +SKIP
        >>> gaz.lookup("Deir ez-Zor province")[0].feature  # doctest: +SKIP
        'admin1'
        >>> gaz.demonym("Syrians")  # doctest: +SKIP
        'SY'
    """

    def __init__(self, path: str | Path) -> None:
        """Open an existing index file (read-only). Raises ``EventwireError`` when it is not a current index.

        Example:
            >>> Gazetteer(default_path()).has_name("Homs")  # doctest: +SKIP
            True
        """
        self.path = Path(path)
        meta = read_meta(self.path)
        if meta is None or meta.get("complete") != "1":
            raise EventwireError(msg("EW402", path=self.path))
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise EventwireError(
                msg("EW403", path=self.path, found=meta.get("schema_version"), expected=SCHEMA_VERSION)
            )
        self._con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA query_only = ON")
        self._lock = threading.Lock()
        self._demonyms = self._load_demonyms(DEMONYMS_FILE)
        # the two small tables live in memory (a few thousand rows): places need their names on every lookup
        self._countries = {
            r[0]: r[1:] for r in self._query("SELECT iso2, iso3, name, capital_id, geonameid FROM countries", ())
        }
        self._iso3 = {v[0]: k for k, v in self._countries.items() if v[0]}
        self._admin1 = {(r[0], r[1]): (r[2], r[3]) for r in self._query("SELECT * FROM admin1", ())}
        self._country_ids: dict[int, str] | None = None
        self._admin1_ids: dict[int, tuple[str, str, str]] | None = None
        self._cached_lookup = functools.lru_cache(maxsize=_LOOKUP_CACHE_SIZE)(self._lookup)

    # -- construction

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide instance: the index ``$EVENTWIRE_GAZETTEER`` names (one built by ``eventwire gazetteer
        build --geonames ...``; used as it is), else the one at ``default_path()``, built first if missing or
        outdated.

        Example:
            >>> Gazetteer.default() is Gazetteer.default()  # doctest: +SKIP
            True
        """
        global _default
        with _default_lock:
            if _default is None:
                user = os.environ.get(ENV_INDEX)
                if user:
                    _default = cls(check_user_index(Path(user)))
                    return _default
                path = default_path()
                if not builder.is_current(path, sources.cities_json()):
                    cls.build(path)
                _default = cls(path)
            return _default

    @staticmethod
    def build(
        path: str | Path,
        *,
        cities_json: str | Path | None = None,
        geonames: Iterable[str | Path] = (),
        natural: bool = False,
        batch_rows: int = builder.BATCH_ROWS,
    ) -> dict[str, str]:
        """Build an index into ``path`` and return its ``meta``: :func:`eventwire.gazetteer.build.build_index`, which
        says what each argument does (kept here so that ``Gazetteer.build(...)`` reads as it always did).

        Example:
            >>> Gazetteer.build("/tmp/gazetteer.sqlite")["complete"]  # doctest: +SKIP
            '1'
        """
        return builder.build_index(
            path, cities_json=cities_json, geonames=geonames, natural=natural, batch_rows=batch_rows
        )

    @staticmethod
    def _load_demonyms(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        if path.exists():
            for row in read_tsv(path):
                if len(row) >= 2 and row[1]:
                    table.setdefault(normalize(row[0]), row[1].upper())
        return table

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()

    # -- queries

    def _query(self, sql: str, args: Iterable[object]) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, tuple(args)).fetchall()

    def _country_code(self, code: str) -> str:
        code = code.strip().upper()
        return self._iso3.get(code, code) if len(code) == 3 else code

    def _place(self, row: tuple) -> Place:
        gid, name, lat, lon, cc, a1, feature, pop, grp = row[:9]
        country = self._countries.get(cc)
        region = self._admin1.get((cc, a1)) if a1 is not None else None
        return Place(
            gid,
            name,
            lat,
            lon,
            cc,
            country[0] if country else None,
            country[1] if country else None,
            a1,
            region[0] if region else None,
            feature,
            pop,
            grp,
            row[9] if len(row) > 9 else KIND_PRIMARY,
        )

    def _rows(self, sql: str, key: str, country: str | None, limit: int, admin1: str | None = None) -> list[Place]:
        where, args = "", [key]
        if country:
            where, args = " AND p.country = ?", [key, country]
            if admin1:
                where, args = " AND p.country = ? AND p.admin1_code = ?", [key, country, admin1]
        return [self._place(r) for r in self._query(sql.format(country=where), [*args, limit])]

    def _lookup(
        self, key: str, country: str | None, limit: int, fuzzy: bool, admin1: str | None = None
    ) -> tuple[Place, ...]:
        found = self._rows(_LOOKUP_SQL, key, country, limit, admin1)
        if not found:  # the article is often dropped or added: "al-Raqqa" for "Raqqa", "Ar Raqqah" for "Raqqah"
            other = key[3:] if key.startswith("al ") else f"al {key}"
            found = self._rows(_LOOKUP_SQL, other, country, limit, admin1) if len(other) >= 3 else []
        tokens = key.split()
        if not found and len(tokens) > 1 and tokens[-1] in ADMIN1_SUFFIXES:
            # "Deir al-Zour province": the region of the place the rest of the name finds
            seen: set[int] = set()
            for p in self._lookup(" ".join(tokens[:-1]), country, limit, fuzzy, admin1):
                region = p if p.feature == "admin1" else None
                if p.feature == "city" and p.admin1_code:
                    region = self.admin1_place(p.country, p.admin1_code)
                if region is not None and region.geonameid not in seen:
                    seen.add(region.geonameid)
                    found.append(region)
        if not found and fuzzy and len(key) >= 4:
            loose = loose_key(key)
            if len(loose) >= 4:
                found = self._rows(_FUZZY_SQL, loose, country, limit, admin1)
        return tuple(found[:limit])

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        limit: int = 20,
        fuzzy: bool = False,
    ) -> list[Place]:
        """Candidates for a surface name, best prior first.

        Matches of a place's own name (primary, ASCII, or derived: "Deir ez-Zor province", "U.S.") come before
        alternate names. Among own-name matches: countries, then prominent cities (national capitals, the seat
        of a same-named region: "Homs", "Washington"), then regions and other cities by population; alternate
        names by population.
        ``country`` (ISO2 or ISO3) keeps one country's places, and with it ``admin1`` (a first-order region's
        code) one region's: the towns of a common name in the article's own area, which a world-wide top
        ``limit`` may leave out ("Burlington" in Connecticut).

        A name that matches nothing is retried with its leading article dropped or added ("al-Raqqa" ->
        "Raqqa"), then, ending in "province", "governorate" ..., as the region of the place the rest names
        ("Deir al-Zour province"). With ``fuzzy=True`` a name still unmatched is tried with a loose spelling key
        (q/k, o/u, e/i, doubled letters: "Dair al-Zour", "Bukamal"); use it for spans already known to be
        places (NER GPE/LOC), best with ``country``: it also finds Vidin, Bulgaria for "Biden".

        Example:
            >>> [p.geonameid for p in Gazetteer.default().lookup("Dayr az Zawr")][:1]  # doctest: +SKIP
            [170794]
        """
        key = normalize(name)
        if not key or limit <= 0:
            return []
        code = self._country_code(country) if country else None
        return list(self._cached_lookup(key, code, limit, fuzzy, admin1 if code else None))

    def has_name(self, name: str) -> bool:
        """Whether ``name`` (normalised) is exactly some place's name; for extending NER spans.

        Example:
            >>> gaz = Gazetteer.default()  # doctest: +SKIP
            >>> gaz.has_name("Deir ez-Zor"), gaz.has_name("Deir ez-Zor Street")  # doctest: +SKIP
            (True, False)
        """
        key = normalize(name)
        return bool(key) and bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def has_prefix(self, name: str) -> bool:
        """Whether some place name continues ``name`` with further words ("Deir" -> "Deir ez-Zor").

        Example:
            >>> Gazetteer.default().has_prefix("Deir ez")  # doctest: +SKIP
            True
        """
        key = normalize(name)
        if not key:
            return False
        lo = key + " "
        return bool(self._query("SELECT 1 FROM names WHERE key > ? AND key < ? LIMIT 1", (lo, key + "!")))

    def place(self, geonameid: int) -> Place | None:
        """The entry with this GeoNames id, if indexed.

        Example:
            >>> Gazetteer.default().place(170654).name  # doctest: +SKIP
            'Damascus'
        """
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.geonameid = ?", (geonameid,))
        return self._place(rows[0]) if rows else None

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO2 or ISO3 code (its point: ``countryinfo``'s, else the centre of its cities).

        Example:
            >>> Gazetteer.default().country("SYR").name  # doctest: +SKIP
            'Syria'
        """
        row = self._countries.get(self._country_code(code))
        return self.place(row[3]) if row and row[3] is not None else None

    def admin1_place(self, country: str, admin1_code: str) -> Place | None:
        """The first-order region ``admin1_code`` of ``country`` (ISO2 or ISO3).

        Example:
            >>> Gazetteer.default().admin1_place("SY", "07").name  # doctest: +SKIP
            'Deir ez-Zor'
        """
        row = self._admin1.get((self._country_code(country), admin1_code))
        return self.place(row[1]) if row and row[1] is not None else None

    def capital(self, country: str) -> Place | None:
        """The capital city of a country (ISO2 or ISO3), as GeoNames names it.

        Example:
            >>> Gazetteer.default().capital("US").admin1_code  # doctest: +SKIP
            'DC'
        """
        row = self._countries.get(self._country_code(country))
        return self.place(row[2]) if row and row[2] is not None else None

    def places(self, feature: str | None = None) -> Iterator[Place]:
        """Every indexed entry (of one ``feature``: "city", "admin1", "country"), in geonameid order.

        Example:
            >>> sum(1 for _ in Gazetteer.default().places("country")) > 200  # doctest: +SKIP
            True
        """
        where, args = (" WHERE p.feature = ?", (feature,)) if feature else ("", ())
        for row in self._query(f"SELECT {_PLACE_COLUMNS} FROM places p{where} ORDER BY p.geonameid", args):
            yield self._place(row)

    def country_of_geonameid(self, geonameid: int) -> str | None:
        """The ISO2 code of the country whose GeoNames id is ``geonameid`` (6252001 -> "US"), else None.

        Example:
            >>> Gazetteer.default().country_of_geonameid(163843)  # doctest: +SKIP
            'SY'
        """
        if self._country_ids is None:
            self._country_ids = {v[3]: k for k, v in self._countries.items() if v[3] is not None}
        return self._country_ids.get(geonameid)

    def admin1_of_geonameid(self, geonameid: int) -> tuple[str, str, str] | None:
        """``(country ISO2, admin1 code, admin1 name)`` of the first-order region with this GeoNames id, else None.

        Example:
            >>> Gazetteer.default().admin1_of_geonameid(4331987)  # doctest: +SKIP
            ('US', 'LA', 'Louisiana')
        """
        if self._admin1_ids is None:
            self._admin1_ids = {v[1]: (k[0], k[1], v[0]) for k, v in self._admin1.items() if v[1] is not None}
        return self._admin1_ids.get(geonameid)

    def _demonym_target(self, word: str) -> str | None:
        """ISO2 from demonyms.tsv, or "@" and a continent's name ("European" -> "@Europe")."""
        key = normalize(word)
        for k in (key, key[:-3] + "man" if key.endswith("men") else None, key[:-1] if key.endswith("s") else None):
            if k is None:
                continue
            found = self._demonyms.get(k)
            if found is None and k in _CONTINENT_DEMONYMS:
                found = "@" + _CONTINENT_DEMONYMS[k]
            if found is not None:
                return found
        return None

    def demonym(self, word: str) -> str | None:
        """The ISO2 country of a demonym or adjective ("Syrian", "Syrians", "Frenchmen", "Texan"), from
        ``demonyms.tsv``; None for one of a continent ("European").

        Example:
            >>> Gazetteer.default().demonym("Syrians")  # doctest: +SKIP
            'SY'
        """
        found = self._demonym_target(word)
        return None if found is None or found.startswith("@") else found

    def is_demonym(self, word: str) -> bool:
        """Whether ``word`` is in ``demonyms.tsv`` (a country's, a region's or a continent's)."""
        return self._demonym_target(word) is not None

    def demonym_place(self, word: str) -> Place | None:
        """The place a demonym points to: a country ("Syrian") or a continent ("European").

        Example:
            >>> Gazetteer.default().demonym_place("Europeans").name  # doctest: +SKIP
            'Europe'
        """
        found = self._demonym_target(word)
        if found is None:
            return None
        if found.startswith("@"):
            return next((p for p in self.lookup(found[1:], limit=5) if p.feature == "continent"), None)
        return self.country(found)
