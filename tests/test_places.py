"""Toponyms: found, resolved in context, and told apart as event places, mentions and actors."""

from __future__ import annotations

import pytest

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


# ------------------------------------------------------------------ landmarks and places the gazetteer lacks


def _found(pipeline, text: str) -> list[dict]:
    from eventwire.extractors.places import find_places

    return find_places(pipeline.nlp(text), pipeline.gazetteer)


def test_a_landmark_takes_the_city_of_its_context_not_a_namesake_town(pipeline):
    places = _found(
        pipeline,
        "Senators met at the White House on Monday. Later, in Washington, the president spoke to reporters.",
    )
    house = by_text(places, "White House")
    assert house["country"] == "US" and haversine_km(house["lat"], house["lon"], 38.895, -77.036) < 20
    assert house["feature"] == "city" and house["precision"] == 2 and "[EW103]" in house["warning"]


def test_a_landmark_the_text_puts_in_a_city_is_coded_to_it(pipeline):
    places = _found(pipeline, "A bomb exploded near Union Square in San Francisco.")
    square = by_text(places, "Union Square")
    assert square["name"] == "San Francisco" and square["precision"] == 2 and "[EW102]" in square["warning"]


def test_a_landmark_without_a_city_stays_unresolved_with_a_warning(pipeline):
    # "Liberty Square" is only an alternate name of some town: no reason to put it there
    square = by_text(_found(pipeline, "Crowds filled Liberty Square on Friday."), "Liberty Square")
    assert square["geonameid"] is None and square["lat"] is None and "[EW104]" in square["warning"]


def test_an_unknown_village_is_coded_to_the_region_the_text_puts_it_in(pipeline):
    from eventwire.extractors.places import resolve_spans

    text = "Gunmen killed four people in Tungan Maiwa, a village in Kaduna state, on Sunday."
    assert not pipeline.gazetteer.has_name("Tungan Maiwa")
    village, state = resolve_spans(
        pipeline.nlp(text),
        [(text.index("Tungan"), text.index(",")), (text.index("Kaduna"), text.index(", on"))],
        pipeline.gazetteer,
    )
    assert village["text"] == "Tungan Maiwa" and village["admin1"] == "Kaduna" and village["feature"] == "admin1"
    assert village["precision"] == 3 and "[EW102]" in village["warning"] and "Tungan Maiwa" in village["warning"]
    assert state["warning"] is None


def test_an_unknown_place_listed_among_towns_of_no_single_focus_is_not_coded(pipeline):
    from eventwire.extractors.places import resolve_spans

    text = "Fighting spread from Homs and Tungan Maiwa to Hama."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Homs", "Tungan Maiwa", "Hama")]
    assert resolve_spans(pipeline.nlp(text), spans, pipeline.gazetteer)[1]["geonameid"] is None


def test_an_unknown_place_in_an_article_about_one_city_is_coded_to_it_at_low_precision(pipeline):
    from eventwire.extractors.places import resolve_spans

    text = "Police in Kandahar said gunmen attacked Tungan Maiwa. Kandahar officials and Hama residents condemned it."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Kandahar", "Tungan Maiwa", "Hama")]
    spans.append((text.rindex("Kandahar"), text.rindex("Kandahar") + len("Kandahar")))
    village = resolve_spans(pipeline.nlp(text), spans, pipeline.gazetteer)[1]
    assert (
        village["country"] == "AF"
        and village["feature"] == "city"
        and village["precision"] == 3
        and "[EW105]" in village["warning"]
    )


# ------------------------------------------------------------------------------ gazetteer-driven detection


def _with_ents(pipeline, text: str, ents: list[tuple[str, str]]):
    """The parsed text with NER's entities replaced by ``ents`` ((name, label) pairs): what a tagger that
    missed or mislabelled a name leaves."""
    from spacy.tokens import Span

    doc = pipeline.nlp(text)
    spans = []
    for name, label in ents:
        span = doc.char_span(text.index(name), text.index(name) + len(name))
        spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return doc


def test_an_unambiguous_name_is_a_place_whatever_ner_says(pipeline):
    from eventwire.extractors.places import find_places

    text = "Troops moved from Kabul to Pennsylvania, and officials of Licking County were told."
    doc = _with_ents(pipeline, text, [("Kabul", "NORP")])  # a city tagged as a nationality, the others missed
    found = {p["text"]: p for p in find_places(doc, pipeline.gazetteer)}
    assert found["Kabul"]["country"] == "AF" and found["Pennsylvania"]["feature"] == "admin1"
    assert found["Licking County"]["country"] == "US"


def test_a_lower_case_name_after_a_preposition_is_a_place(pipeline):
    from eventwire.extractors.places import find_places

    doc = _with_ents(pipeline, "protesters gathered in damascus on friday.", [])
    assert [p["country"] for p in find_places(doc, pipeline.gazetteer)] == ["SY"]


def test_direction_words_persons_and_demonyms_are_not_taken_for_places(pipeline):
    from eventwire.extractors.places import find_places

    text = "The West must act, Georgia Smith said. Canadian officials agreed. Reading it, nice people smiled."
    doc = _with_ents(pipeline, text, [("Georgia Smith", "PERSON")])
    assert find_places(doc, pipeline.gazetteer) == []


def test_a_region_named_after_its_seat_does_not_make_other_towns_namesakes(pipeline):
    from eventwire.extractors.places import _names_a_region, resolve_spans

    gaz = pipeline.gazetteer
    assert _names_a_region(gaz.lookup("Louisiana")) and not _names_a_region(gaz.lookup("Alexandria"))
    text = "Alexandria police and Fairfax County deputies searched Arlington on Monday."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Alexandria", "Fairfax County", "Arlington")]
    alexandria = resolve_spans(pipeline.nlp(text), spans, gaz)[0]
    assert (alexandria["country"], alexandria["admin1"]) == ("US", "Virginia")


def test_a_town_and_a_county_named_together_are_the_pair_that_lie_side_by_side(pipeline):
    from eventwire.extractors.places import resolve_spans

    text = "Henry County deputies searched a home in Paris on Friday."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Henry County", "Paris")]
    county, town = resolve_spans(pipeline.nlp(text), spans, pipeline.gazetteer)
    # a dozen states have a Henry County and several a Paris; Tennessee's lie side by side
    assert (county["admin1"], town["admin1"]) == ("Tennessee", "Tennessee")


def test_a_bar_on_a_street_is_a_landmark_not_the_town_of_its_first_word(extract):
    places = extract("Police checked IDs at Brick Street Bar in Oxford, Ohio, on Saturday.", "2009-03-31")["places"]
    bar = next(p for p in places if p["text"].startswith("Brick"))
    assert bar.get("geonameid") != 5095947  # Brick, New Jersey


def test_a_politicians_state_in_brackets_is_no_place(extract):
    # written for the project: "Sen. X (Vt.)" names the state X represents, not where anything happened
    text = "Protests broke out in Charlotte on Sunday. Sen. Jane Harlow (Vt.) said the city needed calm."
    places = extract(text, "2016-09-26")["places"]
    assert "Vt." not in [p["text"] for p in places]
    assert by_text(places, "Charlotte")["admin1"] == "North Carolina"


def test_a_nickname_does_not_pull_a_city_to_a_namesake_beside_its_other_bearer(extract):
    # "Queen City" is another name of Burlington, Vermont (and of Cincinnati, and of Charlotte): no evidence that
    # Charlotte is the Vermont town 15 km from Burlington
    text = "Police clashed with protesters in Charlotte on Tuesday. The Queen City was quiet by Thursday."
    places = extract(text, "2016-09-26")["places"]
    assert by_text(places, "Charlotte")["admin1"] == "North Carolina"


def test_a_place_inside_a_street_name_is_no_place_of_the_report(extract):
    text = "A woman from the 200 block of Memphis Avenue was arrested in Berea, Kentucky, on Sunday."
    places = extract(text, "2016-09-26")["places"]
    assert "Memphis" not in [p["text"] for p in places]


def test_a_county_inside_an_office_name_places_the_town(extract):
    text = "A shot was fired during a home invasion in Newberry on Friday, Alachua County Sheriff's deputies said."
    places = extract(text, "2016-09-26")["places"]
    assert by_text(places, "Newberry")["admin1"] == "Florida"


def test_a_name_opening_a_quoted_title_is_no_place(extract):
    # written for the project: "Hart" (a Michigan town) opens the name of a television series
    text = "The singer, who starred in ‘Hart of Dixie’, was robbed in Beverly Hills on Monday."
    places = extract(text, "2018-03-23")["places"]
    assert [p["text"] for p in places] == ["Beverly Hills"]


def test_a_dash_after_a_dateline_is_not_part_of_the_name(gazetteer):
    import spacy

    from eventwire.extractors.places import _extend

    # "MAKHACHKALA --" normalises to the city's name: widening the tagger's span must stop at the dash
    doc = spacy.blank("en")("MAKHACHKALA -- Three days of fighting")
    assert [t.text for t in doc][:2] == ["MAKHACHKALA", "--"]
    assert _extend(doc, 0, 1, gazetteer) == (0, 1)


def test_a_span_cut_inside_a_pair_of_streets_is_no_place(extract):
    # the small model tags "Grand and" (of "at Grand and Lake", two Chicago streets) as a facility
    text = "The suspect fled onto the train platform at Grand and Lake, where he threatened two riders."
    assert not any(p["text"].endswith(" and") for p in extract(text, "2018-04-05")["places"])


def test_a_town_the_tagger_called_a_date_is_a_place_after_a_locative_preposition(nlp, gazetteer):
    # written for the project: the small model sometimes tags a town it does not know as a DATE ("in Manbij"); a
    # name no date reading explains, after "in", is looked up as a town of some size (Manbij has under 100,000)
    from spacy.tokens import Span

    from eventwire.extractors.places import find_places

    doc = nlp("The convoy was waiting in Manbij for an escort.")
    i = next(t.i for t in doc if t.text == "Manbij")
    doc.ents = [Span(doc, i, i + 1, label="DATE")]
    assert [p["name"] for p in find_places(doc, gazetteer)] == ["Manbij"]
    doc = nlp("The convoy was waiting in March for an escort.")  # a real date stays a date
    i = next(t.i for t in doc if t.text == "March")
    doc.ents = [Span(doc, i, i + 1, label="DATE")]
    assert find_places(doc, gazetteer) == []


@pytest.mark.parametrize(
    "text, place",
    [
        # written for the project: a building or a market of a town is in that town, whatever the verb does with it
        ("A car bomb exploded in the main market of Al-Mayadin on Monday, killing two traders.", "Al Mayādīn"),
        ("Rebels attacked the police station of Suárez, a town in Cauca province, on Saturday.", "Suárez"),
        # a place before "-led" is an affiliation, not a scene
        ("Militiamen backed by the US-led coalition arrested nine men in Raqqa on Monday.", "Ar Raqqah"),
    ],
)
def test_where_the_act_is_among_the_places_of_its_sentence(extract, text, place):
    events = [e for e in extract(text, "2026-11-20")["events"] if e["type"] in ("ASSAULT", "COERCE")]
    assert events and all(e["location"]["name"] == place for e in events)


@pytest.mark.parametrize(
    "text, place",
    [
        # written for the project: a deployment takes place where the forces go
        ("The interior ministry sent two wings of the Frontier Corps to Bannu on Monday.", "Bannu"),
        ("The army deployed paramilitary rangers to Karachi on Monday.", "Karachi"),
    ],
)
def test_a_deployment_takes_place_where_the_forces_go(extract, text, place):
    (ev,) = [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "MOBILIZE"]
    assert ev["location"]["name"] == place
