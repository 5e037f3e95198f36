"""The place index: built once per session from the real data (about 20 s), then queried."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import gazetteer
from eventwire.errors import EventwireError
from eventwire.gazetteer import Gazetteer, Place, haversine_km, lookup, normalize, sources

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("gazetteer") / f"gazetteer-v{gazetteer.SCHEMA_VERSION}.sqlite"
    Gazetteer.build(path)
    return path


@pytest.fixture(scope="session")
def gaz(gaz_path) -> Gazetteer:
    return Gazetteer(gaz_path)


def best(gaz: Gazetteer, name: str, **kw) -> Place:
    found = gaz.lookup(name, **kw)
    assert found, f"no candidate for {name!r}"
    return found[0]


# ------------------------------------------------------------------------------------------------ lookups


def test_damascus(gaz: Gazetteer) -> None:
    p = best(gaz, "Damascus")
    assert (p.geonameid, p.country, p.feature) == (170654, "SY", "city")
    assert haversine_km(p.lat, p.lon, 33.51, 36.29) < 25
    assert p.admin1 == "Dimashq" and p.admin1_code == "13"
    assert (p.country_iso3, p.country_name) == ("SYR", "Syria")


@pytest.mark.parametrize(
    "name",
    [
        "Deir ez-Zor",
        "Deir al-Zour",
        "Dayr az Zawr",
        "Deir ez Zor",
        "DEIR EZ-ZOR",
        "Deir el-Zor",
        "Deir Ezzor",
    ],
)
def test_deir_ez_zor_spellings(gaz: Gazetteer, name: str) -> None:
    p = best(gaz, name)
    assert p.geonameid == 170794
    assert p.admin1 == "Deir ez-Zor"


@pytest.mark.parametrize("name", ["Raqqa", "Rakka", "Ar Raqqah", "Ar-Raqqah", "al-Raqqa", "Al Raqqa", "Raqqah"])
def test_raqqa_spellings(gaz: Gazetteer, name: str) -> None:
    p = best(gaz, name)
    assert (p.geonameid, p.country, p.feature, p.admin1) == (172955, "SY", "city", "Ar-Raqqah")


def test_fuzzy_spellings_only_on_request(gaz: Gazetteer) -> None:
    assert gaz.lookup("Dair al-Zour") == []
    assert best(gaz, "Dair al-Zour", fuzzy=True).geonameid == 170794
    assert best(gaz, "Shaddadi", fuzzy=True, country="SY").name == "Ash Shaddādah"
    assert gaz.lookup("Qxzzyvv", fuzzy=True) == []


def test_region_of_a_place_with_a_suffix(gaz: Gazetteer) -> None:
    # "Raqqa" is only the city's alternate name; "Raqqa province" is the region the city lies in
    p = best(gaz, "Raqqa province")
    assert (p.feature, p.admin1_code, p.admin1) == ("admin1", "04", "Ar-Raqqah")
    assert best(gaz, "Hasakah governorate").admin1 == "Al-Hasakah"


def test_homs_city_before_its_governorate(gaz: Gazetteer) -> None:
    found = gaz.lookup("Homs")
    assert found[0].geonameid == 169577 and found[0].admin1 == "Homs"
    assert found[1].feature == "admin1" and found[1].admin1_code == "11"


def test_country_by_name_and_short_forms(gaz: Gazetteer) -> None:
    p = best(gaz, "Syria")
    assert (p.feature, p.country, p.country_iso3) == ("country", "SY", "SYR")
    for name, iso in [
        ("U.S.", "US"),
        ("US", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("DR Congo", "CD"),
        ("Georgia", "GE"),
    ]:
        p = best(gaz, name)
        assert (p.feature, p.country) == ("country", iso), name


@pytest.mark.parametrize("name", ["Deir ez-Zor province", "Deir ez-Zor Governorate", "Deir al-Zour province"])
def test_admin1_suffix_forms(gaz: Gazetteer, name: str) -> None:
    p = best(gaz, name)
    assert (p.feature, p.geonameid, p.admin1, p.country) == ("admin1", 170792, "Deir ez-Zor", "SY")
    # its point is the centre of the governorate's settled area, within the governorate (near its seat)
    assert haversine_km(p.lat, p.lon, 35.336, 40.141) < 100


def test_washington_prior_is_dc(gaz: Gazetteer) -> None:
    p = best(gaz, "Washington")
    assert (p.geonameid, p.country, p.admin1_code) == (4140963, "US", "DC")
    assert any(c.feature == "admin1" and c.admin1_code == "WA" for c in gaz.lookup("Washington"))


def test_primary_before_alternate_and_population(gaz: Gazetteer) -> None:
    # Hama city is "Ḩamāh" in GeoNames; as the seat of Hama governorate it still comes first
    assert best(gaz, "Hama").geonameid == 170017
    assert best(gaz, "Texas").feature == "admin1"
    assert best(gaz, "Paris").country == "FR"


def test_country_filter(gaz: Gazetteer) -> None:
    found = gaz.lookup("Damascus", country="US")
    assert found and all(p.country == "US" for p in found)
    assert best(gaz, "Damascus", country="SYR").geonameid == 170654
    assert gaz.lookup("Damascus", country="JP") == []


def test_limit_and_unknown(gaz: Gazetteer) -> None:
    assert len(gaz.lookup("Springfield", limit=3)) == 3
    assert gaz.lookup("Qxzzyvv Wplk") == []
    assert gaz.lookup("") == [] and gaz.lookup("  -- ") == []


def test_has_name_and_prefix(gaz: Gazetteer) -> None:
    assert gaz.has_name("Deir ez-Zor") and gaz.has_name("deir al zour")
    assert not gaz.has_name("Qxzzyvv")
    assert gaz.has_prefix("Deir") and gaz.has_prefix("Deir ez")
    assert not gaz.has_prefix("Deir ez-Zor Qxzzyvv")


def test_country_capital_admin1(gaz: Gazetteer) -> None:
    sy = gaz.country("SY")
    assert sy is not None and sy == gaz.country("SYR") and sy.name == "Syria"
    assert 32 < sy.lat < 37.5 and 35.5 < sy.lon < 42.5  # the median of its cities lies inside Syria
    assert gaz.country("ZZ") is None
    assert gaz.capital("SY").geonameid == 170654
    assert gaz.capital("USA").geonameid == 4140963
    region = gaz.admin1_place("SY", "07")
    assert region is not None and (region.name, region.feature) == ("Deir ez-Zor", "admin1")
    assert gaz.admin1_place("SY", "99") is None
    assert gaz.place(169577).name == "Homs"


def test_demonyms(gaz: Gazetteer) -> None:
    for word, iso in [
        ("Syrian", "SY"),
        ("Syrians", "SY"),
        ("syrian", "SY"),
        ("Turkish", "TR"),
        ("Turks", "TR"),
        ("American", "US"),
        ("Iranian", "IR"),
        ("Israelis", "IL"),
        ("Russian", "RU"),
        ("Ukrainian", "UA"),
        ("Nigerian", "NG"),
        ("Frenchmen", "FR"),
        ("South Korean", "KR"),
        ("Swiss", "CH"),
    ]:
        assert gaz.demonym(word) == iso, word
    assert gaz.demonym("Martian") is None
    assert gaz.demonym("") is None


def test_demonym_file_is_complete_and_valid(gaz: Gazetteer, gaz_path) -> None:
    rows = [
        line.split("\t")
        for line in gazetteer.DEMONYMS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(len(r) == 2 for r in rows)
    codes = {r[1].strip() for r in rows}
    assert len(codes) >= 190
    with sqlite3.connect(gaz_path) as con:
        known = {r[0] for r in con.execute("SELECT iso2 FROM countries")}
    assert codes <= known


# -------------------------------------------------------------------------------------------------- index


def _small_cities(tmp_path):
    """Two cities in cities500.json's shape: enough for a real (fast) build."""

    def city(gid, name, lat, lon, a1, pop, alts):
        return {
            "geonameid": gid,
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "countrycode": "SY",
            "population": pop,
            "timezone": "Asia/Damascus",
            "admin1code": a1,
            "alternatenames": alts,
        }

    cities = {
        "170654": city(170654, "Damascus", 33.5102, 36.29128, "13", 1569394, ["DAM", "Dimashq", "Damas"]),
        "169577": city(169577, "Homs", 34.72405, 36.72559, "11", 775404, ["Hims", "QHS", "حمص"]),
    }
    path = tmp_path / "cities-small.json"
    path.write_text(json.dumps(cities), encoding="utf-8")
    return path


def test_default_builds_and_rebuilds_outdated_index(tmp_path, monkeypatch) -> None:
    small = _small_cities(tmp_path)
    monkeypatch.setattr(sources, "cities_json", lambda: small)
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(lookup, "_default", None)
    path = tmp_path / "cache" / f"gazetteer-v{gazetteer.SCHEMA_VERSION}.sqlite"
    assert gazetteer.default_path() == path

    gaz = Gazetteer.default()
    assert gaz is Gazetteer.default()
    assert path.exists() and gaz.lookup("Damascus")[0].geonameid == 170654
    gaz.close()

    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(EventwireError, match="EW403"):
        Gazetteer(path)

    monkeypatch.setattr(lookup, "_default", None)
    rebuilt = Gazetteer.default()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
            gazetteer.SCHEMA_VERSION
        )
    con.close()
    assert rebuilt.lookup("Homs")[0].geonameid == 169577
    assert not list(path.parent.glob("*.tmp"))  # the temporary build file was renamed away
    rebuilt.close()


def test_not_an_index(tmp_path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    with pytest.raises(EventwireError, match="EW402"):
        Gazetteer(bogus)
    with pytest.raises(EventwireError, match="EW402"):
        Gazetteer(tmp_path / "missing.sqlite")


def test_open_is_fast(gaz_path) -> None:
    started = time.perf_counter()
    g = Gazetteer(gaz_path)
    assert g.has_name("Homs")
    assert time.perf_counter() - started < 1.0
    g.close()


# ---------------------------------------------------------------------------------------------- normalize


def test_normalize_examples() -> None:
    assert normalize("Deir ez-Zor") == normalize("Deir ez Zor") == normalize("Deir al-Zor") == "der al zor"
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("Ar Raqqah") == normalize("ar-Raqqah") == normalize("Al Raqqah")
    assert normalize("Ḩimş") == "hims"
    assert normalize("  São   Paulo ") == "sao paulo"
    assert normalize("Ma'arrat al-Nu'man") == normalize("Maarrat an Numan")
    assert normalize("Kraków") == "krakow" and normalize("Øresund") == "oresund"
    assert normalize("As") == "as"  # a one-word name keeps its letters
    assert normalize("") == "" and normalize("--") == ""


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 0) == 0
    assert abs(haversine_km(33.51, 36.29, 34.72, 36.72) - 140) < 3
    assert abs(haversine_km(0, 0, 0, 180) - 20015) < 5


_latin = st.text(alphabet=st.characters(codec="latin-1") | st.sampled_from("ḨşāīūĀ‘’ʿ-. "), max_size=30)
_tokens = st.lists(
    st.sampled_from(
        [
            "Deir",
            "ez",
            "-",
            "Zor",
            "al",
            "As",
            "ash",
            "'",
            ".",
            "ou",
            "ei",
            "eou",
            "OU",
            "Ḩimş",
            " ",
            "U.S.",
            "Raqqah",
            "el-",
            "an",
        ]
    ),
    max_size=8,
).map("".join)
_names = st.one_of(st.text(max_size=30), _latin, _tokens)


@settings(max_examples=300, deadline=None)
@given(_names)
def test_normalize_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(_names)
def test_normalize_case_insensitive(text: str) -> None:
    assert normalize(text.upper()) == normalize(text.lower()) == normalize(text)


# ------------------------------------------------------------------ GeoNames' points (countries, regions, seas)


def test_country_points_are_geonames_own(gaz: Gazetteer) -> None:
    # GeoNames' points (country_points.tsv), where gold sets built on GeoNames put a country; countryinfo's point
    # for the United States lies 235 km from it
    for iso, lat, lon in (("US", 39.76, -98.5), ("RU", 60, 100), ("SY", 35, 38), ("FR", 46, 2)):
        p = gaz.country(iso)
        assert p is not None and haversine_km(p.lat, p.lon, lat, lon) < 1, iso


def test_territories_without_a_geonames_point_keep_the_countryinfo_one(gaz: Gazetteer) -> None:
    own = {g.country for g in sources.geonames_points(gazetteer.COUNTRY_POINTS_FILE)}
    assert "PR" not in own and "US" in own and len(own) == 193
    pr = gaz.country("PR")
    lat, lon = sources.country_points()["PR"]
    assert pr is not None and haversine_km(pr.lat, pr.lon, lat, lon) < 1
    assert sources.country_points()["MM"] == (22.0, 98.0)  # listed twice: the non-capital point is kept


def test_admin1_points_are_geonames_own(gaz: Gazetteer) -> None:
    # New York State's GeoNames point, not New York City 280 km away; Deir ez-Zor governorate's, not the city's
    ny = best(gaz, "New York State")
    assert ny.feature == "admin1" and haversine_km(ny.lat, ny.lon, 43.00035, -75.4999) < 1
    dz = gaz.admin1_place("SY", "07")
    assert dz is not None and haversine_km(dz.lat, dz.lon, 35.16667, 40.28333) < 1


def test_seas_macro_regions_and_continents(gaz: Gazetteer) -> None:
    gulf = best(gaz, "Persian Gulf")
    assert (gulf.feature, gulf.country) == ("water", "") and haversine_km(gulf.lat, gulf.lon, 27, 51) < 1
    areas = [p for p in gaz.lookup("Middle East") if p.feature == "area"]
    assert areas and haversine_km(areas[0].lat, areas[0].lon, 33.14, 35.86) < 1
    africa = best(gaz, "Africa")
    assert africa.feature == "continent" and africa.geonameid == 6255146
    assert africa.population > 1_000_000_000  # continents.tsv's: a continent outranks a town named like it
    assert best(gaz, "EU").name == "Europe"  # not Eu, France
    # GeoNames' Latin alternate names reach the same places; other scripts are never indexed
    assert best(gaz, "Golfo de Aden").name == "Gulf of Aden"
    assert not gaz.has_name("Африка")


# ------------------------------------------------------------------------- an index from GeoNames dump files

FIXTURES = Path(__file__).parent / "data" / "geonames"
DUMP = FIXTURES / "SY-sample.txt"
ALTNAMES = FIXTURES / "alternateNamesV2-sample.txt"


@pytest.fixture(scope="module")
def dump_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("dump")
    path = tmp / "geonames.sqlite"
    meta = Gazetteer.build(path, cities_json=_small_cities(tmp), geonames=[DUMP, ALTNAMES], natural=True, batch_rows=2)
    assert meta["geonames_rows"] == "9"  # the historical village is left out
    assert not list(tmp.glob("*.tmp*"))  # neither the temporary index nor the staging database stays behind
    return path


def test_dump_adds_places_with_their_names(dump_index: Path) -> None:
    g = Gazetteer(dump_index)
    village = best(g, "Tall Zaytunah")
    assert (village.geonameid, village.feature, village.country, village.admin1) == (99100001, "city", "SY", "Homs")
    assert (village.lat, village.lon) == (34.81, 36.95)
    for alternate in ("Tell Zeitouna", "Tal Zaytuna", "Zaytouna Hill"):  # the dump's column and alternateNamesV2
        assert best(g, alternate).geonameid == 99100001
        assert best(g, alternate).name_kind == gazetteer.KIND_ALTERNATE
    assert g.lookup("12345") == [] and not g.has_name("https://example.org/wiki/Tall_Zaytunah")
    assert g.lookup("Nowhere Junction") == []  # a name of a place not kept
    assert g.lookup("Qaryat Qadimah") == []  # PPLH: historical
    assert best(g, "Ash Sham").geonameid == 170654  # a new name for a place already indexed
    assert best(g, "Damascus").group == gazetteer.GROUP_PROMINENT  # which keeps its rank
    assert best(g, "Bustan District").feature == "admin2"
    assert best(g, "Tall Zaytuna", fuzzy=True).geonameid == 99100001  # loose keys of the new names
    g.close()


def test_dump_points_replace_region_and_country_points(dump_index: Path) -> None:
    g = Gazetteer(dump_index)
    syria, homs = g.country("SY"), g.admin1_place("SY", "11")
    assert (syria.lat, syria.lon) == (35.1, 38.2)
    assert (homs.lat, homs.lon) == (34.6, 38.1) and homs.feature == "admin1"
    g.close()


def test_dump_natural_features_only_on_request(dump_index: Path, tmp_path: Path) -> None:
    g = Gazetteer(dump_index)
    assert best(g, "Nahr Qasabiyah").feature == "water"
    assert best(g, "Qasabiyah Stream").geonameid == 99100004
    assert best(g, "Zaytunah Mill").feature == "spot"
    assert best(g, "Jabal Abu Rijmayn Sharqi").feature == "terrain"
    g.close()
    plain = tmp_path / "plain.sqlite"
    Gazetteer.build(plain, cities_json=_small_cities(tmp_path), geonames=[DUMP, ALTNAMES])
    g = Gazetteer(plain)
    assert g.lookup("Nahr Qasabiyah") == [] and g.lookup("Zaytunah Mill") == []
    assert best(g, "Tell Zeitouna").geonameid == 99100001
    g.close()


def test_dump_zip_and_bad_files(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(DUMP, "SY.txt")
        z.writestr("readme.txt", "not a table")
    path = tmp_path / "z.sqlite"
    Gazetteer.build(path, cities_json=_small_cities(tmp_path), geonames=[archive])
    g = Gazetteer(path)
    assert best(g, "Tell Zeitouna").geonameid == 99100001
    g.close()
    with pytest.raises(EventwireError, match="EW405"):
        Gazetteer.build(tmp_path / "x.sqlite", geonames=[tmp_path / "missing.txt"])
    with pytest.raises(EventwireError, match="EW406"):
        Gazetteer.build(tmp_path / "x.sqlite", cities_json=_small_cities(tmp_path), geonames=[gazetteer.ADMIN1_FILE])
    assert not (tmp_path / "x.sqlite").exists()


def test_env_index_is_the_default(dump_index: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(lookup, "_default", None)
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(gazetteer.ENV_INDEX, str(dump_index))
    assert gazetteer.active_path() == dump_index
    g = Gazetteer.default()
    assert g.path == dump_index and best(g, "Tall Zaytunah").geonameid == 99100001
    assert not (tmp_path / "cache").exists()  # nothing built
    g.close()
    monkeypatch.setattr(lookup, "_default", None)
    monkeypatch.setenv(gazetteer.ENV_INDEX, str(tmp_path / "missing.sqlite"))
    with pytest.raises(EventwireError, match="EW407.*gazetteer build"):
        Gazetteer.default()
    monkeypatch.setattr(lookup, "_default", None)


def test_index_info(dump_index: Path) -> None:
    info = gazetteer.index_info(dump_index)
    assert info["path"] == str(dump_index) and info["size_bytes"] > 0 and info["complete"]
    assert info["from_geonames_dumps"] and info["natural_features"]
    shipped = sum(g.feature_class == "H" for g in sources.geonames_points(gazetteer.SEAS_FILE))
    assert info["places"]["water"] == shipped + 1 and info["countries"] > 200 and info["names"] > 0
    assert any("SY-sample.txt" in s for s in info["inputs"])
    assert any(s.startswith("countryinfo") for s in info["inputs"])


def test_cli_gazetteer_build_and_info(tmp_path: Path, monkeypatch, capsys) -> None:
    from eventwire.cli import main

    small = _small_cities(tmp_path)
    monkeypatch.setattr(sources, "cities_json", lambda: small)
    out = tmp_path / "cli.sqlite"
    assert main(["gazetteer", "build", "--geonames", str(DUMP), str(ALTNAMES), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"EVENTWIRE_GAZETTEER={out}" in printed
    assert main(["gazetteer", "info", "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and "from GeoNames dumps" in printed and "SY-sample.txt" in printed
    assert main(["gazetteer", "info", "--output", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["from_geonames_dumps"] is True
    assert main(["gazetteer", "build"]) == 1  # no --geonames


def test_a_region_of_the_world_ranks_above_a_neighbourhood_of_its_name(gazetteer):
    # GeoNames' macro region keeps its population; a "Middle East" neighbourhood of Baltimore has 1,872 people
    best = gazetteer.lookup("Middle East")[0]
    assert best.country == "" and best.feature == "area"


@pytest.mark.parametrize(
    "name, country, geonames_name",
    [
        ("Tatarstan", "RU", "Tatarstan Republic"),  # "Republic" dropped
        ("Ingushetia", "RU", "Ingushetiya Republic"),  # GeoNames' "-iya" as English writes it
        ("Kabardino-Balkaria", "RU", "Kabardino-Balkariya Republic"),
        ("Adygea", "RU", "Adygeya Republic"),
        ("Bekaa Valley", "LB", "Béqaa"),  # place_aliases.tsv
    ],
)
def test_regions_by_the_names_english_gives_them(gazetteer, name, country, geonames_name):
    best = gazetteer.lookup(name)[0]
    assert (best.feature, best.country, best.name) == ("admin1", country, geonames_name)


def test_the_package_finds_its_data_files() -> None:
    from importlib import resources

    assert Path(str(resources.files("eventwire") / "data")) == gazetteer.DATA_DIR
    files = [value for name, value in vars(gazetteer).items() if name.endswith("_FILE")]
    assert len(files) == 9 and all(path.is_file() for path in files)


def test_the_index_fingerprint_covers_the_building_code_only() -> None:
    from eventwire.gazetteer import build

    hashed = {path.name for path in build._BUILD_CODE}
    assert hashed == {"names.py", "sources.py", "index.py", "build.py"}  # a lookup change needs no rebuild


def test_one_reader_of_the_country_table(gaz_path) -> None:
    # the index's countries and the store's country lookup come from the same reading of countryInfo.txt
    with sqlite3.connect(gaz_path) as con:
        indexed = {r[0]: r[1:] for r in con.execute("SELECT iso2, iso3, name, geonameid FROM countries")}
    rows = gazetteer.read_country_info()
    assert len(rows) == 252 and {r.iso2 for r in rows} <= set(indexed)
    for row in rows:
        assert indexed[row.iso2] == (row.iso3, row.name, row.geonameid)
        assert gazetteer.country_info(row.iso3) == {
            "iso2": row.iso2,
            "iso3": row.iso3,
            "numeric": row.numeric,
            "name": row.name,
        }
    # cells are stripped as the index has always had them: the name GeoNames writes with a trailing space is found
    assert gazetteer.country_info("Bonaire, Saint Eustatius and Saba")["iso2"] == "BQ"
