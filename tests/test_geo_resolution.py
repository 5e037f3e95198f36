"""Geocoding choices: which of several same-named places a text means, and where a region's point lies."""

from __future__ import annotations

from eventwire.extractors.places import _confidence, _contains, _Context, find_places, resolve_spans
from eventwire.gazetteer import Gazetteer, haversine_km


def _resolve(nlp, gazetteer: Gazetteer, text: str, names: list[str]) -> dict[str, dict]:
    doc = nlp(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return dict(zip(names, resolve_spans(doc, spans, gazetteer), strict=True))


def test_demonym_names_its_country_not_a_small_namesake_town(nlp, gazetteer):
    # "Canadian" is also a small town in Texas: the word far more often means the people or the country
    got = _resolve(nlp, gazetteer, "The Canadian singer played two nights in Toronto.", ["Canadian", "Toronto"])
    assert got["Canadian"]["kind"] == "demonym" and got["Canadian"]["country"] == "CA"
    assert got["Toronto"]["country"] == "CA"


def test_two_listed_cities_are_not_read_as_a_district_and_its_city(nlp, gazetteer):
    # "X, Y" between two cities is a list, not containment: not the namesakes in Georgia, US, because they sit
    # side by side
    text = "After Athens, Rome is the last stop on the choir's spring tour."
    got = _resolve(nlp, gazetteer, text, ["Athens", "Rome"])
    assert got["Athens"]["country"] == "GR" and got["Rome"]["country"] == "IT"


def test_a_state_name_is_the_state_not_a_town_called_after_it(nlp, gazetteer):
    got = _resolve(nlp, gazetteer, "The storm moved from Texas into Louisiana overnight.", ["Texas", "Louisiana"])
    assert got["Louisiana"]["feature"] == "admin1" and got["Louisiana"]["country"] == "US"


def test_containment_by_a_region_still_places_the_town(nlp, gazetteer):
    got = _resolve(nlp, gazetteer, "Crews worked through the night in Paris, Texas.", ["Paris", "Texas"])
    assert got["Paris"]["country"] == "US" and got["Paris"]["admin1"] == "Texas"


def test_a_city_contains_only_a_larger_city_of_its_region(gazetteer):
    big = next(p for p in gazetteer.lookup("Toronto") if p.country == "CA")
    small = next(p for p in gazetteer.lookup("Markham") if p.country == "CA")
    assert _contains(big, small) > 0 and _contains(small, big) == 0


def test_an_uncertain_name_counts_less_in_the_context(gazetteer):
    # one doubtful small town abroad gives its country less support than a sure one
    town = next(p for p in gazetteer.lookup("Toronto") if p.country == "AU")
    rival = next(p for p in gazetteer.lookup("Toronto") if p.country == "CA")
    doubtful = _Context(["x", "y"], [town, town], [0.2, 0.2])
    sure = _Context(["x", "y"], [town, town], [1.0, 1.0])
    assert doubtful.score(rival, 0, "x") == sure.score(rival, 0, "x")  # own name left out: nothing else says AU
    near = next(p for p in gazetteer.lookup("Newcastle") if p.country == "AU")
    assert _Context(["x", "y"], [near, town], [1.0, 0.2]).score(near, 0, "x") < _Context(
        ["x", "y"], [near, town], [1.0, 1.0]
    ).score(near, 0, "x")


def test_confidence_grows_with_the_margin_of_the_best_candidate():
    assert _confidence([5.0]) == 1.0
    assert _confidence([5.0, 5.0]) < _confidence([5.0, 4.0]) < _confidence([5.0, 1.0]) == 1.0


def test_a_region_point_is_the_middle_of_its_territory_not_its_seat(gazetteer):
    # a first-order region's point is the centre of its settled area: New York State's lies far from New York City
    state = next(p for p in gazetteer.lookup("New York") if p.feature == "admin1")
    city = next(p for p in gazetteer.lookup("New York") if p.feature == "city")
    assert haversine_km(state.lat, state.lon, city.lat, city.lon) > 150
    # and inside the state: nearer its own capital, Albany, than the city is
    albany = next(p for p in gazetteer.lookup("Albany") if p.admin1_code == "NY")
    assert haversine_km(state.lat, state.lon, albany.lat, albany.lon) < haversine_km(
        city.lat, city.lon, albany.lat, albany.lon
    )


def _with_person(nlp, text: str, word: str):
    """``text`` parsed, with the last ``word`` re-tagged as a one-word PERSON (as the small model often does)."""
    doc = nlp(text)
    at = text.rindex(word)
    span = doc.char_span(at, at + len(word), label="PERSON")
    doc.set_ents([e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [span])
    return doc


def test_a_lone_town_name_tagged_as_a_person_is_kept_where_the_text_is(nlp, gazetteer):
    doc = _with_person(
        nlp,
        "Crews fixed a water main in Gainesville, Texas, on Monday. Gainesville residents can drink again.",
        "Gainesville",
    )
    found = [p for p in find_places(doc, gazetteer) if p["text"] == "Gainesville"]
    assert len(found) == 2 and {(p["country"], p["admin1"]) for p in found} == {("US", "Texas")}


def test_a_lone_person_name_that_is_also_a_town_elsewhere_stays_a_person(nlp, gazetteer):
    doc = _with_person(nlp, "Flooding closed roads in Denver, Colorado. Nelson thanked the crews.", "Nelson")
    assert "Nelson" not in {p["text"] for p in find_places(doc, gazetteer)}


def test_a_name_the_gazetteer_lacks_lies_at_the_place_it_is_named_after(nlp, gazetteer):
    text = "Students gathered outside Arizona State University, and others near the Farallon Islands."
    got = _resolve(nlp, gazetteer, text, ["Arizona State University", "Farallon Islands"])
    assert got["Arizona State University"]["admin1"] == "Arizona"
    assert got["Arizona State University"]["text"] == "Arizona State University"
    # a generic word ("Islands") is no place of its own
    assert got["Farallon Islands"]["lat"] is None
