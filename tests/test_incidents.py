"""Incidents: one event per incident, with its mentions; places and dates from the whole report; the event gate.

Reports here are written for the project.
"""

from __future__ import annotations

import pytest

from eventwire.extractors.incidents import (
    compatible,
    dateline_place,
    dateline_spans,
    incident_key,
    merge_incidents,
    refers_back,
    same_party,
    same_scene,
)
from eventwire.schema import validate


def _event(**kw) -> dict:
    """A minimal record event: an asserted act at ``start`` with nothing known."""
    start = kw.pop("start", 0)
    base = {
        "type": "ASSAULT",
        "mode": None,
        "acled": None,
        "trigger": {"text": "x", "start": start, "end": start + 1},
        "actors": [],
        "targets": [],
        "locations": [],
        "date": None,
        "counts": {"killed": None, "injured": None, "arrested": None},
        "attribution": None,
        "modality": "asserted",
        "aggregate": False,
        "sentence": {"start": start, "end": start + 10},
        "confidence": 0.5,
    }
    base.update(kw)
    return base


HOMS = {"name": "Homs", "geonameid": 169577, "lat": 34.73, "lon": 36.71, "country": "SY", "feature": "city"}
ALEPPO = {"name": "Aleppo", "geonameid": 170063, "lat": 36.2, "lon": 37.16, "country": "SY", "feature": "city"}
SYRIA = {"name": "Syria", "geonameid": 163843, "lat": 35.0, "lon": 38.0, "country": "SY", "feature": "country"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (HOMS, dict(HOMS), True),
        (HOMS, ALEPPO, False),
        (SYRIA, ALEPPO, True),  # a country holds its cities
        (HOMS, {"name": "Homs suburb", "lat": 34.75, "lon": 36.75}, True),  # within a few kilometres
        ({"name": "Al-Qasr", "lat": None, "lon": None}, {"name": "al-qasr", "lat": None, "lon": None}, True),
        ({"name": "Al-Qasr", "lat": None, "lon": None}, HOMS, False),
    ],
)
def test_same_scene(a, b, same):
    assert same_scene(a, b) is same


@pytest.mark.parametrize(
    ("mine", "theirs", "same"),
    [
        ([], [{"name": "rebels"}], True),  # nobody named: cannot be told apart
        ([{"name": "Chicago police"}], [{"name": "police"}], True),
        ([{"name": "army", "sector": "MILITARY"}], [{"name": "soldiers", "sector": "MILITARY"}], True),
        ([{"name": "army", "sector": "MILITARY"}], [{"name": "protesters", "sector": "PROTESTERS"}], False),
        # "New York City police" and "officers" (alone read as the army's): both the state's forces
        ([{"name": "New York City police", "sector": "POLICE"}], [{"name": "officers", "sector": "MILITARY"}], True),
        ([{"name": "rebels", "sector": "REBEL"}], [{"name": "soldiers", "sector": "MILITARY"}], False),
    ],
)
def test_same_party(mine, theirs, same):
    assert same_party(mine, theirs) is same


def test_incident_key_keeps_arrests_and_seizures_apart_but_joins_violence_words():
    assert incident_key(_event(type="COERCE", mode="arrest")) != incident_key(_event(type="COERCE", mode="seize"))
    assert incident_key(_event(mode="shoot")) == incident_key(_event(mode="bomb"))
    assert incident_key(_event(mode="abduct")) != incident_key(_event(mode="shoot"))
    # an act that did not happen is never the same event as one that did
    assert incident_key(_event(modality="negated")) != incident_key(_event())


@pytest.mark.parametrize(
    ("change", "ok"),
    [
        ({}, True),
        ({"locations": [ALEPPO]}, False),  # another town
        ({"date": {"value": "2025-11-03", "precision": "day", "text": "Monday"}}, False),  # another day
        ({"date": {"value": "2025-11-01", "precision": "month", "text": "November"}}, True),  # the month holds it
        # the day the report named last before it ("On Monday, ... gunmen attacked"): another incident's day
        ({"date": {"value": "2025-10-01", "precision": "day", "text": "Oct 1", "inherited": True}}, False),
        # ... unless the event names an act told before ("the attack")
        (
            {
                "date": {"value": "2025-10-01", "precision": "day", "text": "Oct 1", "inherited": True},
                "_definite": True,
            },
            True,
        ),
        # the week before publication, for a report with no date: no day of its own
        ({"date": {"value": "2025-10-01", "precision": "week", "text": None, "inherited": True}}, True),
        # a date on the reporting verb ("police said on Monday") dates the statement
        ({"date": {"value": "2025-11-03", "precision": "day", "text": "Monday", "_said": True}}, True),
        ({"type": "PROTEST"}, False),
        ({"aggregate": True}, False),  # a monthly toll is not one incident
    ],
)
def test_compatible(change, ok):
    incident = _event(locations=[HOMS], date={"value": "2025-11-08", "precision": "day", "text": "Saturday"})
    assert compatible(incident, _event(**change)) is ok


def test_merge_keeps_the_best_statement_and_fills_from_the_others():
    text = "A" * 100
    head = _event(start=0, confidence=0.8, acled={"event_type": "Battles", "sub_event_type": "Armed clash"})
    later = _event(
        start=50,
        confidence=0.4,
        locations=[HOMS],
        actors=[{"name": "army", "text": "army", "start": 50, "end": 54}],
        counts={"killed": {"value": 12, "qualifier": "exact", "text": "12", "start": 55, "end": 57}},
    )
    (one,) = merge_incidents([later, head], text)
    assert one["trigger"]["start"] == 0
    assert one["acled"]["sub_event_type"] == "Armed clash"
    assert one["locations"] == [HOMS] and one["actors"][0]["name"] == "army"
    assert one["counts"]["killed"]["value"] == 12
    assert [m["start"] for m in one["mentions"]] == [0, 50]


def test_merge_keeps_two_towns_apart():
    events = [_event(start=0, locations=[HOMS]), _event(start=50, locations=[ALEPPO])]
    assert len(merge_incidents(events, "A" * 100)) == 2


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("Officials put the dead at 12 later.", 12),  # conflicting figures: the lowest credible one
        ("Officials said the toll rose to 19.", 19),  # a later update replaces it
    ],
)
def test_counts_are_reconciled_by_acleds_rules(second, expected):
    first = "Gunmen killed 15 in X. "
    text = first + second

    def killed(value: int, at: int) -> dict:
        return {"killed": {"value": value, "qualifier": "exact", "text": str(value), "start": at, "end": at + 2}}

    events = [
        _event(start=0, confidence=0.8, counts=killed(15, 14), sentence={"start": 0, "end": len(first)}),
        _event(start=len(first), counts=killed(expected, len(first)), sentence={"start": len(first), "end": len(text)}),
    ]
    (one,) = merge_incidents(events, text)
    assert one["counts"]["killed"]["value"] == expected


def test_restated_attack_counts_the_lowest_figure(extract):
    second = "Hospital officials later said 12 people had died in the attack on the market."
    expected = 12
    text = f"Gunmen killed 15 people in an attack on a market in Kaduna on Sunday.\n\n{second}"
    record = extract(text, "2025-11-11")
    attacks = [e for e in record["events"] if e["type"] == "ASSAULT" and e["modality"] != "negated"]
    assert len(attacks) == 1, [(e["trigger"]["text"], e["sentence"]) for e in attacks]
    assert attacks[0]["counts"]["killed"]["value"] == expected
    k = attacks[0]["counts"]["killed"]
    assert text[k["start"] : k["end"]] == k["text"]


def test_a_figure_for_one_side_is_a_part_of_a_toll_of_both_sides(extract):
    # written for the project: 11 rebels are part of "three soldiers and some ten rebels", not a lower
    # figure for the whole battle; a lower figure for the whole still wins
    text = (
        "A battle between soldiers and rebels near Dover ended on Saturday with three soldiers and some ten rebels "
        "left dead, officials said. An army spokesman told reporters that 11 rebels were killed in the battle "
        "near Dover."
    )
    (battle,) = [e for e in extract(text, "2025-11-11")["events"] if e["type"] == "ASSAULT"]
    assert battle["counts"]["killed"]["value"] == 13
    assert "_groups" not in battle["counts"]["killed"]


def test_a_report_of_one_raid_is_one_arrest_event_with_all_its_mentions(extract):
    text = (
        "Police arrest 9 in Kano drug raid\n\n"
        "KANO, Nigeria - Police arrested nine men in a dawn raid in Kano on Tuesday, a spokesman said.\n\n"
        "The nine were arrested after a tip-off, the spokesman added."
    )
    record = extract(text, "2025-11-12")
    validate(record)
    arrests = [e for e in record["events"] if e["type"] == "COERCE" and e["mode"] == "arrest"]
    assert len(arrests) == 1
    mentions = arrests[0]["mentions"]
    assert len(mentions) >= 2
    for m in mentions:
        assert record["article"]["text"][m["start"] : m["end"]] == m["text"]
        assert m["start"] <= m["trigger"]["start"] < m["end"]
    assert arrests[0]["location"]["name"] == "Kano"
    assert arrests[0]["counts"]["arrested"]["value"] == 9


def test_an_event_without_a_place_takes_the_datelines(extract):
    text = "BEIRUT, Nov 9 (Reuters) - Gunmen shot dead two guards at a checkpoint on Saturday, officials said."
    record = extract(text, "2025-11-09")
    (attack,) = [e for e in record["events"] if e["type"] == "ASSAULT"]
    assert attack["location"]["name"] == "Beirut"
    assert attack["location"]["inherited"] == "dateline"
    assert attack["location"]["precision"] >= 2
    assert all(a["name"].upper() != "BEIRUT" for a in attack["actors"])  # the dateline is no actor


def test_dateline_spans_and_place():
    text = "SAN FRANCISCO — A police officer was shot on Saturday."
    assert dateline_spans(text) == [(0, 13)]
    place = {"start": 0, "end": 13, "lat": 37.77, "lon": -122.42, "name": "San Francisco", "geonameid": 5391959}
    assert dateline_place(text, [place])["name"] == "San Francisco"
    assert dateline_spans("Police said - nothing more.") == []
    assert dateline_spans("Feud kills two . MIEH MIEH/BEIRUT: Rival families clashed.") == [(17, 33)]


def test_a_dateline_the_tagger_missed_is_looked_up_in_the_gazetteer(gazetteer):
    text = "CROMWELL — Police arrested a man on Sunday."
    ct = {"start": 60, "end": 71, "lat": 41.6, "lon": -72.7, "name": "Connecticut", "country": "US"}
    place = dateline_place(text, [ct], gazetteer=gazetteer)
    assert place is not None and place["country"] == "US" and text[place["start"] : place["end"]] == "CROMWELL"


@pytest.mark.parametrize(
    "text",
    [
        "Were there clashes in the capital on Monday?",
        "More: Rebels clash with troops in the north",
        "Campaigners say they care about issues of sexual violence.",
        "The minister said the government is committed to a full inquiry.",
        "The gang committed several crimes in the district, the police chief said.",
        "The ministry gave no date, nor offered a public timetable.",
        "In his haste to withdraw from the region, the minister forgot his allies.",
        "For months she kept withdrawing her late father's pension.",
        # written for the project: a state that has lasted years, a run of acts, a court's remand, a vote, speech
        "Niger has been fighting armed groups in the west since 2015.",
        "The market town has seen repeated raids on its police posts.",
        "A magistrate on Friday remanded the pair in police custody for a week.",
        "The tax, which lawmakers approved in June, takes effect next year.",
        "What the movement has gained, its founders concede, is time.",
        "The two candidates meet for a final televised debate in Salem next week.",
    ],
)
def test_non_events_give_no_event(extract, text):
    events = [e for e in extract(text)["events"] if e["modality"] not in ("negated", "hypothetical")]
    scored = [e for e in events if e["acled"] or e["type"] not in ("ACCUSE", "THREATEN", "REQUEST", "REJECT")]
    assert scored == [], [(e["type"], e["trigger"]["text"]) for e in scored]


def test_a_participle_describing_a_car_takes_no_territory(extract):
    text = "A pickup driven by a man from Reno hit a pole on Main Street, police said."
    assert not [e for e in extract(text)["events"] if (e["acled"] or {}).get("event_type") == "Battles"]


def test_headline_passive_subject_is_the_target_and_arrests_are_by_the_reports_police(extract):
    text = "Teacher arrested after school fight\n\nThe teacher was arrested on Friday, Springfield police said."
    (arrest,) = [e for e in extract(text)["events"] if e["mode"] == "arrest"]
    assert arrest["actors"] and "police" in arrest["actors"][0]["name"].lower()
    assert all("teacher" not in a["name"].lower() for a in arrest["actors"])


@pytest.mark.parametrize(
    ("text", "mode", "actor_word", "not_actor"),
    [
        # a participle describing a noun: the noun suffered the act
        ("A student arrested at the gate was later freed, police said.", "arrest", "police", "student"),
        # a protest nobody is named for was held by the protesters the report names
        ("Protesters gathered outside the court on Monday. The protest lasted three hours.", "demo", "protester", None),
    ],
)
def test_actors_come_from_the_report_when_the_sentence_names_none(extract, text, mode, actor_word, not_actor):
    events = [e for e in extract(text)["events"] if e["mode"] == mode]
    assert events
    for e in events:
        names = " ".join(a["name"].lower() for a in e["actors"])
        assert actor_word in names
        assert not_actor is None or not_actor not in names


def test_a_count_is_never_an_actor(extract):
    text = "Officials said the 20 killed included five children. A car bomb killed 20 people in a market on Monday."
    for e in extract(text)["events"]:
        assert all(not a["name"].split()[-1].isdigit() for a in e["actors"]), e["actors"]


def test_a_toll_since_a_day_is_an_aggregate_and_keeps_apart_from_a_new_incident(extract):
    text = (
        "Artillery shelled the town of Tal Hamid on Tuesday, a spokesman said.\n\n"
        "A monitor said 40 fighters have been killed in the fighting around Tal Hamid since Saturday."
    )
    violence = [e for e in extract(text, "2025-11-12")["events"] if e["type"] == "ASSAULT"]
    assert any(e["aggregate"] for e in violence)
    assert any(not e["aggregate"] for e in violence)


@pytest.mark.parametrize(
    ("text", "index", "known"),
    [
        ("He conducted the robbery.", 3, True),
        ("Comments on the shooting death of the man.", 4, True),  # the determiner sits on "death"
        ("A robbery was reported.", 1, False),
        ("Robberies rose.", 0, False),
    ],
)
def test_refers_back(nlp, text, index, known):
    assert refers_back(nlp(text)[index]) is known


def test_a_place_the_gazetteer_lacks_is_coded_to_the_reports_place_and_keeps_its_words(extract):
    # written for the project: "Tamarind Heights" is no GeoNames name; the report names three towns (no focus town
    # to code it to) and is filed from Chicago
    text = (
        "CHICAGO - Gunmen shot a shopkeeper in Tamarind Heights on Friday, police said. The victim lived in "
        "Evanston and worked in Oak Park."
    )
    (attack,) = [e for e in extract(text, "2016-04-02")["events"] if e["type"] == "ASSAULT"]
    loc = attack["location"]
    assert loc["text"] == "Tamarind Heights" and loc["name"] == "Chicago"
    assert loc["precision"] >= 2 and loc["inherited"]


def test_named_victims_tell_incidents_apart():
    from eventwire.extractors.incidents import same_victims

    assert same_victims([{"text": "Tom Ardell"}], [{"text": "Ardell"}])
    assert not same_victims([{"text": "Tom Ardell"}], [{"text": "Ray Benton"}])
    assert same_victims([{"text": "Tom Ardell"}], [{"text": "police officers", "sector": "POLICE"}])
    # a word capitalised because it opens the headline is no name
    text = "Woman robbed near station. Police said Ana Ruiz was robbed."
    assert same_victims([{"text": "Woman", "start": 0}], [{"text": "Ana Ruiz", "start": 39}], text)


def test_two_killings_by_police_of_two_named_men_are_two_incidents(extract):
    # written for the project
    text = (
        "The senator criticized police for shooting and killing Tom Ardell, an unarmed man. Protests broke out "
        "after Ray Benton was killed by police. The shooting death of Ardell drew national attention."
    )
    kills = [e for e in extract(text, "2016-09-21")["events"] if e["type"] == "ASSAULT"]
    named = [{w for t in e["targets"] for w in t["text"].split()} & {"Ardell", "Benton"} for e in kills]
    assert len(kills) == 2 and sorted(map(sorted, named)) == [["Ardell"], ["Benton"]]


def test_a_day_on_a_judgement_dates_the_judgement_not_the_act(extract):
    # written for the project: "condemned ... for shooting" on Tuesday; the shooting was on Friday
    text = "Police shot Tom Ardell in Tulsa on Friday. On Tuesday, the governor condemned police for shooting Ardell."
    kills = [e for e in extract(text, "2016-09-21")["events"] if e["type"] == "ASSAULT"]
    assert len(kills) == 1 and kills[0]["date"]["value"] == "2016-09-16"


def test_an_office_a_speaker_works_for_is_no_place_and_a_shared_headline_place_is(extract):
    # written for the project: the arrests are in Lyon, where the protest was; "the Rhône prefecture" is whom the
    # spokeswoman speaks for
    text = (
        "Police fire tear gas at Lyon protest over fare rise, dozens detained.\n\n"
        '"Those who were detained refused to disperse," said Anne Roux, a spokeswoman for the Rhône prefecture.'
    )
    (arrest,) = [e for e in extract(text, "2026-09-21")["events"] if e["type"] == "COERCE"]
    assert arrest["location"]["name"] == "Lyon" and arrest["location"]["inherited"] == "sentence"


def test_where_a_named_victim_lives_is_no_place_of_the_act(extract):
    # written for the project: "of Park Ridge" is the victim's home; the report names no other place
    text = "Police said Tom Ardell stabbed Ann Bell, 55, of Park Ridge in an alley on Friday."
    (attack,) = [e for e in extract(text, "2018-04-05")["events"] if e["type"] == "ASSAULT"]
    assert attack["location"] is None or attack["location"]["name"] != "Park Ridge"


def test_an_act_named_as_known_takes_no_day_from_the_sentence_before(extract):
    # written for the project: "On Sunday" dates the march, not "the fatal shooting" told a week before
    text = (
        "Tulsa tense a week after police shooting.\n\n"
        "TULSA - Days after police had shot an unarmed driver here, setting off rallies, the city is calm.\n\n"
        "On Sunday, marchers walked through the centre. Small groups asked for information about the fatal "
        "shooting of Tom Ardell."
    )
    (shooting,) = [e for e in extract(text, "2016-09-26")["events"] if e["type"] == "ASSAULT"]
    assert shooting["date"]["value"] != "2016-09-25"


@pytest.mark.parametrize(
    "text, published, trigger, value",
    [
        # written for the project: the day of the main clause, not of the clause about the activists
        (
            "The government agreed on Monday to free the activists. It also ordered all students detained over the "
            "past week released at once. Some 2,000 students marched in the capital.",
            "2009-03-18",
            "marched",
            "2009-03-16",
        ),
        # the only day told before is in a clause about a noun: it is still the best guess
        (
            "A shot fired into a wall during a robbery in Dover on Friday night was an accident. The robbers "
            "demanded money. Protesters marched in Dover.",
            "2009-03-23",
            "marched",
            "2009-03-20",
        ),
        # a month and day with no year, read as last year, is lent to no later sentence; "last year" is a year
        (
            "The judge is to take office on March 21. Students marched in the capital.",
            "2009-03-16",
            "marched",
            "2009-03-10",
        ),
        (
            "The man was shot on May 26 last year in Dover. Mourners marched through the town.",
            "2018-04-05",
            "marched",
            "2017-05-26",
        ),
    ],
)
def test_which_earlier_day_an_undated_act_takes(extract, text, published, trigger, value):
    events = extract(text, published)["events"]
    (event,) = [e for e in events if e["trigger"]["text"] == trigger]
    assert event["date"]["value"] == value


@pytest.mark.parametrize(
    "text, key, value",
    [
        # written for the project: "alongside him" adds a victim to the one told before
        (
            "A soldier was killed by a roadside bomb near Dover on Thursday. A second soldier died alongside him "
            "in the blast, officials said.",
            "killed",
            2,
        ),
        # "also" sets the wounded beside the dead: the 35 compete with the army's 14, they do not add to them
        (
            "A car bomb killed 12 people in Dover on Thursday. Doctors said 35 others were also injured in the "
            "blast. The army said 8 people died and 14 were injured in the blast.",
            "injured",
            14,
        ),
    ],
)
def test_victims_told_in_addition_add_to_the_figure(extract, text, key, value):
    (attack,) = [e for e in extract(text, "2025-11-14")["events"] if e["type"] == "ASSAULT"]
    count = attack["counts"][key]
    assert count["value"] == value
    for part in count.get("parts", [count]):
        assert text[part["start"] : part["end"]] == part["text"]


def test_an_incident_is_placed_at_its_most_specific_place(extract):
    # written for the project: the town told in a "when" clause's main clause, not the country of the headline
    text = (
        "A French soldier was killed by a roadside bomb in Syria on Thursday. He had been embedded with Foreign "
        "Legion units in Manbij when the bomb exploded."
    )
    (attack,) = [e for e in extract(text, "2018-03-31")["events"] if e["type"] == "ASSAULT"]
    assert attack["location"]["name"] == "Manbij"
    assert [loc["name"] for loc in attack["locations"]] == ["Manbij", "Syria"]


def test_a_visit_takes_place_where_it_goes(extract):
    # written for the project: the country visited is the visit's place, not a party
    text = "The delegation led by Senator Ray Holt, who is paying a visit to Morocco this week, praised the ties."
    (visit,) = [e for e in extract(text, "2018-04-05")["events"] if e["type"] == "CONSULT"]
    assert visit["location"]["name"] == "Morocco"


# --- written for the project: restatements that name nothing of their own, tolls, raids --------------------------


def test_a_toll_told_later_updates_the_incident_it_follows(extract):
    text = (
        "GAO, Mali - Gunmen stormed an army post near Gao on Sunday, killing at least seven soldiers, "
        "officers said.\n\n"
        "By Monday evening the toll had risen to 12 soldiers, a military source said."
    )
    (attack,) = [e for e in extract(text, "2026-10-06")["events"] if e["type"] == "ASSAULT"]
    assert attack["counts"]["killed"]["value"] == 12
    assert attack["date"]["value"] == "2026-10-04"  # Monday is when the dead were counted, not the attack's day
    assert len(attack["mentions"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The long war has taken a heavy toll on the city's economy.",  # no figure: no event
        "Protesters gathered at the toll booth on the ring road on Sunday.",
    ],
)
def test_a_toll_without_a_figure_is_no_killing(extract, text):
    assert not [e for e in extract(text, "2026-10-06")["events"] if e["type"] == "ASSAULT"]


def test_a_bare_restatement_joins_the_incident_told_beside_it(extract):
    text = (
        "ADEN, Yemen - A drone struck an army camp near Lahij on Sunday night, wounding three soldiers.\n\n"
        "Further north, rebels attacked army positions near Marib on Sunday. At least seven fighters were killed "
        "in the first hours of the clashes, officers said."
    )
    events = [e for e in extract(text, "2026-11-23")["events"] if e["type"] == "ASSAULT"]
    clash = next(e for e in events if any("Marib" in m["text"] for m in e["mentions"]))
    assert clash["counts"]["killed"]["value"] == 7
    assert len(events) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Police in Kokomo arrested two men on Monday and seized a pistol and cocaine.",
        "Police in Kokomo raided a house on Monday and arrested two men. Officers seized a rifle during the raid.",
    ],
)
def test_an_arrest_and_a_seizure_of_one_raid_are_one_incident(extract, text):
    (raid,) = [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "COERCE"]
    assert raid["mode"] == "arrest" and raid["acled"]["sub_event_type"] == "Disrupted weapons use"
    assert len(raid["mentions"]) == 2


def test_a_seizure_told_apart_stays_its_own_incident(extract):
    text = "Police arrested a man in Kokomo on Monday. Separately, officers seized a rifle in Marion."
    assert len([e for e in extract(text, "2026-11-20")["events"] if e["type"] == "COERCE"]) == 2


def test_who_opened_fire_is_the_noun_the_relative_clause_describes(extract):
    text = "Police are hunting a group of gunmen who opened fire on patrons at a tavern in Durban on Saturday."
    (attack,) = [e for e in extract(text, "2026-10-20")["events"] if e["type"] == "ASSAULT"]
    assert "gunmen" in attack["actors"][0]["text"]


@pytest.mark.parametrize(
    "text, published, trigger, value",
    [
        # written for the project. A dateline's date is when the report was filed; the act has its own day.
        (
            "NAIROBI, Sept 16 — Police fired tear gas at marchers in Nairobi on Tuesday.",
            "2026-09-16",
            "tear gas",
            "2026-09-15",
        ),
        # a clause in the future: its weekday and its month are still to come, even on a promise told as done
        (
            "The defence minister will travel to Gao on Wednesday, his office said.",
            "2026-10-06",
            "will travel",
            "2026-10-07",
        ),
        (
            "The militia will hand over a batch of weapons for destruction in Tumaco in November, officials said.",
            "2026-09-21",
            "will hand",
            "2026-11-01",
        ),
        # an act named by a noun has no tense: its month and day are the nearer reading, unless told in the past;
        # a weekday alone stays the last one
        ("The unions have settled on a single rally in Novi Sad on December 1.", "2026-11-20", "rally", "2026-12-01"),
        ("Police broke up a rally in Novi Sad on December 1.", "2026-11-20", "rally", "2025-12-01"),
        (
            "Detectives believe the pair carried out the armed robbery Friday at a pawn shop in Augusta.",
            "2026-11-24",
            "armed robbery",
            "2026-11-20",
        ),
    ],
)
def test_which_day_a_statement_takes(extract, text, published, trigger, value):
    ev = next(e for e in extract(text, published)["events"] if e["trigger"]["text"] == trigger)
    assert ev["date"]["value"] == value


def test_a_dateline_is_no_subject(extract):
    text = "NAIROBI, Nov 20 — Police fired tear gas at marchers in Nairobi on Tuesday."
    (ev,) = [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "ASSAULT"]
    assert [a["text"] for a in ev["actors"]] == ["Police"]


@pytest.mark.parametrize(
    "text, trigger, modality",
    [
        # written for the project: a future told in reported speech is a plan; with a condition, a hypothesis
        ("The ministry said it would send more police to Kidal this week.", "send", "planned"),
        ("The ministry said the army would pull out of Kidal if the talks failed.", "pull out", "hypothetical"),
    ],
)
def test_a_future_told_in_reported_speech_is_planned(extract, text, trigger, modality):
    ev = next(e for e in extract(text, "2026-11-20")["events"] if e["trigger"]["text"] == trigger)
    assert ev["modality"] == modality


def test_a_long_fight_with_a_recent_start_is_still_an_incident(extract):
    text = "Troops have been fighting rebels near Gao since Monday, killing 12."
    (ev,) = [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "ASSAULT"]
    assert ev["counts"]["killed"]["value"] == 12


def test_statements_of_one_night_are_one_incident(extract):
    # written for the project: the night runs past midnight
    text = (
        "Two Men Hurt in Late Friday Night Shooting\n\n"
        "MARION — Two men were wounded late Friday night when someone fired on a crowd outside a bar.\n\n"
        "Officers arrived at 12:40 a.m. Saturday and found a 30-year-old man shot in the leg."
    )
    shootings = [e for e in extract(text, "2026-09-14")["events"] if e["type"] == "ASSAULT"]
    assert len(shootings) == 1


def test_the_arrested_men_restate_the_arrest(extract):
    text = (
        "Police arrested two men in Pune on Saturday over a jewellery shop robbery. Cash and a motorcycle "
        "were recovered from the arrested men, an officer said."
    )
    arrests = [e for e in extract(text, "2026-11-09")["events"] if e["type"] == "COERCE"]
    assert len(arrests) == 1


def test_allowing_someone_to_act_is_a_concession_not_speech(extract):
    # written for the project: "allow" takes a clause of what is allowed, unlike "concede that"
    text = "The court decided to allow the opposition candidate to stand in the December election."
    assert [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "CONCEDE"]


def test_a_country_beside_a_town_joins_no_other_town(extract):
    # written for the project: the first attack names its town and its country; the second, another province
    text = (
        "Rebels attacked the police station in Suárez, Colombia, on Saturday night, killing two officers.\n\n"
        "Hours earlier, troops retook a rural area in neighbouring Valle del Cauca province, killing three fighters."
    )
    assert len([e for e in extract(text, "2026-09-21")["events"] if e["type"] == "ASSAULT"]) == 2


def test_an_inverted_condition_makes_a_reported_future_hypothetical(extract):
    text = "Should the talks collapse, the unions have said they would return to blocking motorways near Nis."
    assert not [e for e in extract(text, "2026-11-20")["events"] if e["modality"] in ("planned", "asserted")]


def test_restrictions_told_together_are_one_set_of_measures(extract):
    # written for the project: a curfew and an internet cut in one sentence are one coercion incident
    text = "The district administration imposed a curfew on Kano on Monday, and mobile internet was cut off."
    assert len([e for e in extract(text, "2026-11-20")["events"] if e["type"] == "COERCE"]) == 1


def test_an_act_told_in_the_past_perfect_joins_the_one_told_before(extract):
    # written for the project: the second statement names no day of its own; it refers back to the first
    text = (
        "Police in Kisumu detained dozens of marchers on Tuesday.\n\n"
        "On Wednesday, traders reopened their shops. Police said 47 people had been arrested for unlawful assembly."
    )
    assert len([e for e in extract(text, "2026-09-17")["events"] if e["type"] == "COERCE"]) == 1
