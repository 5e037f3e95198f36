"""The geoparsing evaluation: gold readers, span matching, both scoring modes and the Markdown report.

The fixtures in tests/data are fictional texts in the layouts of LGL's and GeoWebNews' XML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import geo

DATA = Path(__file__).parent / "data"
LGL = DATA / "lgl_tiny.xml"
GWN = DATA / "gwn_tiny.xml"


# ------------------------------------------------------------------------------------------------ readers


def test_lgl_reader_keeps_every_toponym_and_its_gold_place() -> None:
    docs = list(geo.read_lgl(LGL))
    assert [d.id for d in docs] == ["1001", "1002"]
    assert [len(d.toponyms) for d in docs] == [4, 5]
    for doc in docs:
        for top in doc.toponyms:
            assert doc.text[top.start : top.end] == top.name
    kano = docs[0].toponyms[0]
    assert (kano.geonameid, kano.lat, kano.lon) == (2335204, 12.00012, 8.51672)
    assert (kano.country_name, kano.country_geonameid, kano.admin1_name) == ("Nigeria", 2328926, "Kano")
    assert kano.type == "P.PPLA"
    creek = docs[1].toponyms[-1]
    assert creek.name == "Millbrook Creek" and not creek.has_coords  # a toponym without a gaztag
    assert sum(d.realigned + d.dropped for d in docs) == 0


def test_geowebnews_reader_scores_place_types_and_ignores_demonyms() -> None:
    docs = list(geo.read_geowebnews(GWN))
    first, second = docs
    names = [(t.name, t.type) for t in first.toponyms]
    # common nouns ("capital"), non-locational expressions ("residents") are not toponyms
    assert names == [
        ("Kenya", "Metonymic"),
        ("Nairobi", "Literal"),
        ("Kenyan", "Non_Literal_Modifier"),
        ("Nairobi", "Metonymic"),
        ("Kilima Hotel", "Literal"),
    ]
    hotel = first.toponyms[-1]
    assert hotel.geonameid is None and hotel.has_coords  # coordinates without a GeoNames id
    # a span off by a few characters is moved onto its name; one whose name is not there is dropped
    assert (first.realigned, first.dropped) == (1, 1)
    for t in first.toponyms:
        assert first.text[t.start : t.end] == t.name
    # Demonym spans are neither scored nor held against a system that finds them
    assert [t.name for t in second.toponyms] == ["Kisumu"]
    assert second.ignored == [(0, 7)]


def test_match_spans_pairs_overlaps_one_to_one_largest_first() -> None:
    found = [(0, 10), (12, 20), (30, 35)]
    gold = [(5, 10), (0, 4), (13, 15), (40, 45)]
    assert geo.match_spans(found, gold) == [(0, 0), (1, 2)]
    assert geo.match_spans([(0, 5)], [(5, 9)]) == []  # touching is not overlapping


# ------------------------------------------------------------------------------------------------ scoring


@pytest.mark.slow
def test_gold_toponym_mode_resolves_exactly_the_gold_spans(pipeline) -> None:
    result = geo.evaluate("lgl", LGL, pipeline=pipeline, gold_toponyms=True, progress=False, details=True)
    assert result["mode"] == "gold-toponyms" and "recognition" not in result
    assert (result["docs"], result["gold_toponyms"], result["gold_with_coordinates"]) == (2, 9, 8)
    g = result["geocoding"]
    assert g["scored"] == 8
    assert g["acc161"] >= 0.85 and g["country_acc"] == 1.0 and g["admin1_acc"] >= 0.8
    assert g["median_km"] < 50
    rows = result["details"]["geocoded"]
    assert {r["gold"] for r in rows} == {"Kano", "Nigeria", "Abuja", "Homs", "Hama", "Syria"}


@pytest.mark.slow
def test_end_to_end_mode_scores_recognition_and_geocoding(pipeline) -> None:
    result = geo.evaluate("geowebnews", GWN, pipeline=pipeline, progress=False, details=True)
    rec = result["recognition"]
    assert result["gold_toponyms"] == 6
    assert rec["matched"] + rec["missed"] == 6
    assert rec["found"] == rec["matched"] + rec["false_positives"]
    assert rec["recall"] >= 0.5 and rec["precision"] >= 0.5
    # a place found on a Demonym span ("Kenyans") is not a false positive
    assert all(s["text"] != "Kenyans" for s in result["details"]["spurious"])
    g = result["geocoding"]
    assert g["scored"] <= rec["matched"] and g["acc161"] >= 0.75
    assert result["spans_realigned"] == 1 and result["spans_dropped"] == 1


@pytest.mark.slow
def test_limit_and_render(pipeline) -> None:
    result = geo.evaluate("lgl", LGL, pipeline=pipeline, limit=1, progress=False)
    assert result["docs"] == 1 and result["command"].endswith("--limit 1")
    text = geo.render(result)
    assert text.startswith("### Geocoding: LGL, end to end")
    assert "| toponym F1 |" in text and "| accuracy@161 km |" in text
    assert f"`{result['command']}`" in text
    assert "Mordecai3" in text


def test_unknown_dataset_is_refused() -> None:
    with pytest.raises(ValueError):
        geo.evaluate("nope", LGL, pipeline=None)


@pytest.mark.slow
def test_real_lgl_first_documents(pipeline, shared) -> None:
    path = shared / "eval" / "lgl" / "lgl.xml"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    result = geo.evaluate("lgl", path, pipeline=pipeline, limit=5, progress=False)
    assert result["docs"] == 5 and result["gold_toponyms"] > 10
    assert result["recognition"]["f1"] > 0.3  # five short local reports: a smoke test, not a measure
    assert result["geocoding"]["acc161"] > 0.3
