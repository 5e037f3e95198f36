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
    # the made-up name must be kept as a place: a record with no places at all must fail, not pass
    assert [p["text"] for p in unresolved] == ["Xqzvworth"]
    for p in unresolved:
        assert p["lat"] is None and p["lon"] is None
        assert any("EW101" in w and p["text"] in w for w in rec["warnings"])


def test_resolve_spans_resolves_given_spans_with_the_same_context(pipeline):
    from eventwire.extractors.places import resolve_spans

    text = "Flooding hit Paris, Texas, and nearby Clarksville on Sunday. European officials said Canadian aid arrived."
    doc = pipeline.nlp(text)
    words = ("Paris", "Texas", "Clarksville", "European", "Canadian")
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    paris, texas, clarksville, european, canadian = resolve_spans(doc, spans, pipeline.gazetteer)
    assert (paris["country"], paris["admin1"]) == ("US", "Texas")  # "X, Y": the town inside the region named
    assert texas["feature"] == "admin1" and clarksville["admin1"] == "Texas"
    assert (european["kind"], european["name"], european["country"]) == ("demonym", "Europe", None)
    assert (canadian["kind"], canadian["country"]) == ("demonym", "CA")  # the adjective, not Canadian, Texas
    assert [(p["start"], p["end"]) for p in (paris, texas, clarksville, european, canadian)] == spans


def test_state_abbreviations_and_counties(extract):
    places = places_of(extract, "A tornado struck Charleston, W.Va., and damaged homes in Kanawha County.")
    charleston = by_text(places, "Charleston")
    assert (charleston["country"], charleston["admin1"]) == ("US", "West Virginia")
    county = by_text(places, "Kanawha County")
    assert county["admin1"] == "West Virginia" and county["lat"] is not None and county["feature"] is None


def test_place_inside_an_organisation_name_is_a_mentioned_toponym(extract):
    rec = extract("The Texas Department of Public Safety arrested four men in Houston on Friday.")
    texas = by_text(rec["places"], "Texas")
    assert texas["feature"] == "admin1" and texas["role"] == "mentioned"
    assert by_text(rec["places"], "Houston")["role"] == "event"
