"""Toponyms: found, resolved in context, and told apart as event places, mentions and actors."""

from __future__ import annotations

from eventwire.gazetteer import haversine_km


def places_of(extract, text: str) -> list[dict]:
    return extract(text)["places"]


def by_text(places: list[dict], text: str) -> dict:
    return next(p for p in places if p["text"] == text)


def test_ner_spans_are_extended_to_the_gazetteer_name(extract):
    places = places_of(extract, "Raids took place in Damascus, Deir ez-Zor, Raqqa and Homs, officials said.")
    names = [p["text"] for p in places]
    assert "Deir ez-Zor" in names and "Homs" in names
    deir = by_text(places, "Deir ez-Zor")
    assert deir["country"] == "SY" and haversine_km(deir["lat"], deir["lon"], 35.336, 40.141) < 25


def test_article_focus_picks_the_right_homonym(extract):
    places = places_of(extract, "Syrian troops moved from Damascus to Homs. Residents of Homs fled east.")
    assert {p["country"] for p in places if p["kind"] == "toponym"} == {"SY"}


def test_containment_phrase_resolves_a_town_inside_its_region(extract):
    places = places_of(extract, "Gunmen attacked a village near Maiduguri, in Borno state, on Monday.")
    town = by_text(places, "Maiduguri")
    assert town["country"] == "NG" and town["admin1"] == "Borno"


def test_metonymic_capitals_are_mentioned_not_event_places(extract):
    rec = extract("Damascus rejected claims that police arrested five protesters in Homs.")
    assert by_text(rec["places"], "Damascus")["role"] == "mentioned"
    assert by_text(rec["places"], "Homs")["role"] == "event"


def test_a_town_ner_missed_after_a_locative_preposition_is_found(extract):
    rec = extract("Officers arrested 12 men in Enugu on Friday.")
    assert by_text(rec["places"], "Enugu")["country"] == "NG"


def test_demonyms_are_places_of_kind_demonym(extract):
    places = places_of(extract, "Nigerian troops crossed the border.")
    assert by_text(places, "Nigerian")["kind"] == "demonym"
    assert by_text(places, "Nigerian")["country"] == "NG"


def test_unknown_place_keeps_null_coordinates_and_a_warning(extract):
    rec = extract("Militants attacked the village of Xqzvworth in the night.")
    unresolved = [p for p in rec["places"] if p["geonameid"] is None and p["kind"] == "toponym"]
    for p in unresolved:
        assert p["lat"] is None and p["lon"] is None
        assert any(p["text"] in w for w in rec["warnings"])
