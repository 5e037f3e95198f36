"""Event typing, grouping, arguments, modality and dates, on sentences written for these tests."""

from __future__ import annotations

import pytest


def events_of(extract, text: str, published: str = "2025-11-09") -> list[dict]:
    return extract(text, published)["events"]


def only(events: list[dict], type_: str, mode: str | None = None) -> dict:
    found = [e for e in events if e["type"] == type_ and (mode is None or e["mode"] == mode)]
    assert len(found) == 1, [(e["type"], e["mode"]) for e in events]
    return found[0]


def test_arrest_and_seizure_in_one_sentence_are_two_events(extract):
    evs = events_of(
        extract,
        "Police in Kano arrested 14 suspected militants on Thursday and seized rifles "
        "and ammunition, a spokesman said.",
    )
    arrest = only(evs, "COERCE", "arrest")
    seize = only(evs, "COERCE", "seize")
    assert arrest["acled"] == {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    assert arrest["counts"]["arrested"]["value"] == 14
    assert seize["acled"]["sub_event_type"] == "Disrupted weapons use"
    assert arrest["actors"][0]["sector"] == "POLICE"
    assert arrest["location"]["name"] == "Kano" and arrest["location"]["country"] == "NG"
    assert arrest["date"] == {**arrest["date"], "value": "2025-11-06", "precision": "day", "inherited": False}


def test_air_strike_with_casualties_is_one_event_typed_by_the_weapon(extract):
    evs = events_of(
        extract, "An air strike on a market in El Fasher killed at least 12 people and wounded 20 on Saturday."
    )
    ev = only(evs, "ASSAULT")
    assert ev["mode"] == "aerial"
    assert ev["acled"]["sub_event_type"] == "Air/drone strike"
    assert (ev["counts"]["killed"]["value"], ev["counts"]["killed"]["qualifier"]) == (12, "at_least")
    assert ev["counts"]["injured"]["value"] == 20


def test_killing_soldiers_is_an_armed_clash_killing_villagers_an_attack(extract):
    soldiers = only(events_of(extract, "Militants killed five soldiers near Gao on Monday."), "ASSAULT")
    villagers = only(events_of(extract, "Gunmen killed five villagers near Gao on Monday."), "ASSAULT")
    assert soldiers["acled"]["sub_event_type"] == "Armed clash"
    assert villagers["acled"]["sub_event_type"] == "Attack"
    assert soldiers["location"]["precision"] == 2  # "near"


def test_roadside_bomb_is_remote_explosive(extract):
    ev = only(
        events_of(extract, "A roadside bomb struck a police van in Peshawar on Tuesday, killing four officers."),
        "ASSAULT",
    )
    assert ev["acled"]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["counts"]["killed"]["value"] == 4


def test_peaceful_protest_and_one_broken_up(extract):
    calm = only(events_of(extract, "Thousands of teachers marched peacefully through Nairobi on Friday."), "PROTEST")
    assert calm["acled"]["sub_event_type"] == "Peaceful protest"
    broken = only(
        events_of(
            extract, "Hundreds of students protested in Dhaka on Friday. Police fired tear gas to disperse them."
        ),
        "PROTEST",
    )
    assert broken["acled"]["sub_event_type"] == "Protest with intervention"


def test_visit_is_consult_without_acled_type_and_planned(extract):
    ev = only(
        events_of(extract, "The Turkish foreign minister is expected to visit Baghdad next week."), "CONSULT", "visit"
    )
    assert ev["acled"] is None
    assert ev["modality"] == "planned"
    assert ev["date"]["precision"] == "week" and ev["date"]["value"] > "2025-11-09"


def test_negated_and_hypothetical_events(extract):
    neg = only(events_of(extract, "The group denied that it had attacked the convoy."), "ASSAULT")
    assert neg["modality"] == "negated"
    hyp = only(events_of(extract, "The rebels could attack the town if talks fail."), "ASSAULT")
    assert hyp["modality"] == "hypothetical"


def test_reportedly_makes_an_event_reported(extract):
    ev = only(
        events_of(extract, "Soldiers reportedly arrested three journalists in Goma on Monday."), "COERCE", "arrest"
    )
    assert ev["modality"] == "reported"


def test_monthly_toll_is_an_aggregate_with_month_precision(extract):
    ev = only(
        events_of(
            extract,
            "More than 60 civilians were killed in September, according to the "
            "Sudan Conflict Observatory, a monitoring group.",
        ),
        "ASSAULT",
    )
    assert ev["aggregate"] is True
    assert ev["date"]["precision"] == "month" and ev["date"]["value"].startswith("2025-09")
    assert ev["attribution"]["kind"] == "monitor"
    assert (ev["counts"]["killed"]["value"], ev["counts"]["killed"]["qualifier"]) == (60, "more_than")


def test_restated_event_is_merged_not_duplicated(extract):
    evs = events_of(
        extract, "The foreign minister will visit Ankara next month.\n\nThe visit will focus on trade and security."
    )
    assert len([e for e in evs if e["type"] == "CONSULT"]) == 1
    assert only(evs, "CONSULT").get("mentions")  # (beside it, the minister's stated intention: AGREE)


def test_event_without_a_date_of_its_own_takes_the_reports_date_flagged(extract):
    evs = events_of(
        extract,
        "Police said on Saturday they had detained a senior militant commander.\n\n"
        "Separately, soldiers arrested two suspected smugglers in Homs.",
    )
    second = [e for e in evs if e["mode"] == "arrest"][-1]
    assert second["date"]["inherited"] is True and second["date"]["value"] == "2025-11-08"


def test_no_date_anywhere_gives_a_week_before_publication_flagged(extract):
    ev = only(events_of(extract, "Soldiers arrested two suspected smugglers in Homs."), "COERCE", "arrest")
    assert ev["date"]["inherited"] is True and ev["date"]["precision"] == "week"
    assert ev["date"]["value_end"] == "2025-11-09"


@pytest.mark.parametrize(
    "text", ["Turkey has shelled a town in northern Syria.", "Soldiers are shelling a town in northern Syria."]
)
def test_no_date_anywhere_and_told_in_the_present_gives_the_day_of_the_report(extract, text):
    ev = only(events_of(extract, text), "ASSAULT")
    assert ev["date"]["inherited"] is True and ev["date"]["precision"] == "day"
    assert ev["date"]["value"] == "2025-11-09"


@pytest.mark.parametrize(
    "text",
    [
        "Partners who demonstrate a genuine willingness will be rewarded.",
        "The bomb squad examined the site.",
        "The ceasefire talks were described as difficult by observers for years.",
    ],
)
def test_words_that_only_look_like_events_are_not_events(extract, text):
    assert [e for e in events_of(extract, text) if e["type"] in ("PROTEST", "ASSAULT")] == []


def test_event_ids_are_stable(extract):
    text = "Police arrested 14 men in Kano on Thursday."
    assert [e["id"] for e in events_of(extract, text)] == [e["id"] for e in events_of(extract, text)]


def test_a_planned_event_on_a_weekday_is_dated_ahead(extract):
    ev = only(events_of(extract, "The foreign minister will visit Ankara on Saturday."), "CONSULT", "visit")
    assert ev["modality"] == "planned"
    assert ev["date"]["value"] == "2025-11-15"  # published Sunday 2025-11-09: the coming Saturday


def _subtype(ev: dict) -> str | None:
    return (ev.get("acled") or {}).get("sub_event_type")


def _best(evs: list[dict]) -> dict:
    return max(evs, key=lambda e: e["confidence"])


@pytest.mark.parametrize(
    "text, subtype",
    [
        (
            "Government aircraft dropped barrels filled with chlorine gas on the village of Kafr Zita on Monday.",
            "Chemical weapon",
        ),
        (
            "Rebels fired a barrage of mortar shells at the market in Dara on Friday, wounding six people.",
            "Shelling/artillery/missile attack",
        ),
        ("Gunmen attacked an army checkpoint outside Mopti on Sunday.", "Armed clash"),
        ("Demonstrators threw stones at police outside the parliament in Tirana on Friday.", "Violent demonstration"),
        ("Police clashed with protesters in central Quito on Tuesday.", "Violent demonstration"),
        ("An angry mob lynched two suspected thieves in Kisumu on Monday.", "Mob violence"),
        ("The army deployed additional troops to the northern border on Monday.", "Change to group/activity"),
        (
            "Government troops withdrew from the border crossing on Sunday, and rebels took control of it.",
            "Non-violent transfer of territory",
        ),
        # a withdrawal that no one is said to take advantage of is the force's own move
        ("Government troops withdrew from the border crossing on Sunday.", "Change to group/activity"),
        ("Rebels entered the town of Kalma on Monday without resistance.", "Non-violent transfer of territory"),
        # the winner unnamed: whom the ground was taken from tells it
        ("The village was recaptured from government forces on Monday.", "Non-state actor overtakes territory"),
        ("Army troops captured two villages in the north on Tuesday.", "Government regains territory"),
        ("Police arrested 20 activists during a protest in the capital on Friday.", "Protest with intervention"),
        ("Police arrested 20 activists ahead of a planned march on Friday.", "Arrests"),
        (
            "Thousands marched peacefully in Lusaka on Saturday against the arrest of an opposition leader.",
            "Peaceful protest",
        ),
        (
            "Police fired tear gas and live rounds at protesters in the capital, killing two.",
            "Excessive force against protesters",
        ),
        ("Two women were raped by soldiers in the village on Sunday.", "Sexual violence"),
        ("Militants detonated explosives under a bridge near Lashkar Gah on Tuesday.", "Remote explosive/landmine/IED"),
        ("A bomb disposal squad detonated the explosives in a field on Tuesday.", "Disrupted weapons use"),
        ("A bomber blew himself up with a bomb outside a mosque in Kano on Friday.", "Suicide bomb"),
        ("Residents found a mass grave outside the town of Bor on Monday.", "Other"),
        # an infinitive of aim: the ground was fought for, not taken
        ("Rebels launched an attack to capture the army post at Gusau on Sunday.", "Armed clash"),
        (
            "Three soldiers were killed when their truck hit a roadside mine near Tessit.",
            "Remote explosive/landmine/IED",
        ),
        ("A crowd vandalised and looted the district office in Warri on Monday.", "Looting/property destruction"),
        ("Rebel fighters retook the town of Qaryat on Saturday.", "Non-state actor overtakes territory"),
        ("More than 40 militia fighters surrendered to the army in Ituri on Friday.", "Agreement"),
    ],
)
def test_specific_acled_subtypes(extract, text, subtype):
    evs = events_of(extract, text)
    assert _subtype(_best([e for e in evs if e.get("acled")])) == subtype, [
        (e["trigger"]["text"], _subtype(e), e["confidence"]) for e in evs
    ]


def test_the_classifier_does_not_recode_a_capture_whose_winner_is_named(extract):
    evs = events_of(extract, "Government forces seized the town of Dabo from the rebels on Friday.")
    assert [_subtype(e) for e in evs if e.get("acled")] == ["Government regains territory"]


def test_an_attack_with_no_victim_named_has_no_acled_subtype(extract):
    # ACLED's "Attack" is violence against civilians: "because of rebel attacks" names no one attacked
    evs = events_of(extract, "Thousands of villagers have fled their homes because of rebel attacks, the agency said.")
    assert not [e for e in evs if _subtype(e) == "Attack"], [(e["trigger"]["text"], _subtype(e)) for e in evs]


def test_a_specific_weapon_outranks_a_generic_attack_elsewhere_in_the_report(extract):
    evs = events_of(
        extract,
        "The attack on the town of Kessab left 30 people in hospital on Tuesday. "
        "Doctors said the victims showed signs of exposure to sarin.",
    )
    assert _subtype(_best([e for e in evs if e.get("acled")])) == "Chemical weapon"


def test_deaths_in_a_disaster_are_no_attack(extract):
    evs = events_of(extract, "Eleven people were killed when floods swept through villages near Sylhet on Monday.")
    assert not [e for e in evs if e["type"] == "ASSAULT"]


@pytest.mark.parametrize(
    "text, type_",
    [
        ("The foreign ministry rejected the proposal for new talks on Monday.", "REJECT"),
        ("The opposition demanded the resignation of the interior minister.", "REQUEST"),
        ("The two governments agreed to reopen their embassies.", "AGREE"),
        ("The prime minister praised the work of the election commission.", "SUPPORT"),
        ("The government lifted the curfew in the capital on Sunday.", "CONCEDE"),
    ],
)
def test_what_governments_say_is_coded_in_plover(extract, text, type_):
    ev = _best(events_of(extract, text))
    assert ev["type"] == type_ and ev["acled"] is None


def test_an_asked_for_arrest_has_not_happened(extract):
    evs = events_of(extract, "Residents demanded the arrest of the officers who beat a trader in Lagos.")
    arrest = only(evs, "COERCE", "arrest")
    assert arrest["modality"] == "hypothetical" and arrest["acled"] is None


def test_an_arrest_told_inside_a_demand_stays_asserted(extract):
    evs = events_of(extract, "Students demanded the release of two activists arrested in Dhaka last week.")
    assert only(evs, "COERCE", "arrest")["modality"] == "asserted"


def test_no_one_arrested_is_negated(extract):
    evs = events_of(extract, "No one was arrested after the fight in the market, police said.")
    assert only(evs, "COERCE", "arrest")["modality"] == "negated"


def test_a_later_arrest_of_named_activists_stays_arrests(extract):
    evs = events_of(
        extract,
        "Hundreds of farmers marched through Patna on Monday. Police arrested three opposition activists "
        "at their homes.",
    )
    assert _subtype(only(evs, "COERCE", "arrest")) == "Arrests"


@pytest.mark.parametrize(
    "text, mode, actor, sector",
    [
        ("Angry students staged rallies in Dhaka on Friday.", "demo", "students", "PROTESTERS"),
        ("The army launched an offensive on the rebel town of Kidal on Sunday.", None, "army", "MILITARY"),
        ("Two men were killed in police firing in Surat on Monday.", None, "police", "POLICE"),
        ("Three youths were injured in a lathi-charge in Surat on Monday.", None, "police", "POLICE"),
        ("Two villagers were killed when troops opened fire on a crowd near Gao.", None, "troops", "MILITARY"),
        ("Israeli tanks fired shells at the town of Rafah on Monday.", "heavy-weapons", "Israeli", "MILITARY"),
    ],
)
def test_actor_through_support_verbs_instruments_and_weapons(extract, text, mode, actor, sector):
    ev = _best([e for e in events_of(extract, text) if e["type"] in ("ASSAULT", "PROTEST")])
    assert mode is None or ev["mode"] == mode
    assert ev["actors"], ev
    first = ev["actors"][0]
    assert actor in first["text"] or actor == first["name"], ev["actors"]
    assert first["sector"] == sector


def test_a_pronoun_subject_stands_for_the_speaker(extract):
    evs = events_of(extract, "Norway has said it will back the proposal.")
    # the backing is planned; the sentence's event is Norway's stated intention (PLOVER AGREE)
    assert _best(evs)["type"] == "AGREE" and _best(evs)["actors"][0]["text"] == "Norway"
    assert only(evs, "SUPPORT")["actors"][0]["text"] == "Norway"


def test_sector_comes_from_the_head_noun(extract):
    ev = only(events_of(extract, "A police officer arrested two rebel leaders in Kano on Monday."), "COERCE", "arrest")
    assert ev["actors"][0]["sector"] == "POLICE"
    assert ev["targets"][0]["sector"] == "REBEL"


@pytest.mark.parametrize(
    "text",
    ["Rebels attacked the village in March.", "The curfew will last until May.", "Thousands marched on 1 May."],
)
def test_month_names_are_never_triggers(extract, text):
    assert all(e["trigger"]["text"].lower() not in ("march", "may") for e in events_of(extract, text))


def test_leaving_without_a_fight_is_a_transfer_of_territory(extract):
    ev = _best(events_of(extract, "Government troops withdrew from the town of Tessit without a fight on Sunday."))
    assert _subtype(ev) == "Non-violent transfer of territory" and ev["modality"] == "asserted"


def test_a_reporting_sentence_is_no_classifier_event(extract):
    evs = events_of(extract, "A resident said gunfire could be heard across the town.")
    assert not [e for e in evs if e.get("acled_classifier") and e["trigger"]["text"] == "said"]


def test_a_wounded_count_in_another_paragraph_is_not_merged(extract):
    evs = events_of(
        extract,
        "Gunmen attacked a bus near Gao on Monday, killing five people.\n\n"
        "In a separate incident, four soldiers were wounded.",
    )
    first = [e for e in evs if e["type"] == "ASSAULT"][0]
    assert first["counts"]["injured"] is None


def test_the_main_clause_tells_the_headline_event_not_a_relative_clause(extract):
    evs = events_of(
        extract,
        "Officials lifted a night curfew in the town, where 28 people have been killed in ethnic riots this year.",
    )
    assert _best(evs)["type"] == "CONCEDE"


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Argentina has apologized to Brazil for the incident.", "SUPPORT", None),
        ("The two countries upgraded their diplomatic ties to ambassadorial level.", "SUPPORT", None),
        ("Soldiers beat up detainees at the camp, a rights group said.", "ASSAULT", "beat"),
        ("Hundreds of farmers blocked roads into the capital on Monday.", "PROTEST", "obstruct"),
        ("Police blocked the main road into the capital on Monday.", "COERCE", "restrict"),
        ("Hackers tried to hack into the computers of army officers.", "COERCE", "cyber"),
    ],
)
def test_general_plover_verbs(extract, text, type_, mode):
    assert only(events_of(extract, text), type_, mode)["acled"] is None or type_ in ("ASSAULT", "PROTEST")


def test_military_vehicles_blocking_roads_is_a_restriction_not_a_protest(extract):
    evs = events_of(extract, "Residents said military trucks blocked the roads into the district for hours.")
    assert [(e["type"], e["mode"]) for e in evs] == [("COERCE", "restrict")]


def test_a_stated_intention_is_an_agreement_beside_the_planned_act(extract):
    evs = events_of(extract, "Norway will send food aid to the refugees, its foreign minister said.")
    statement = only(evs, "AGREE")
    assert statement["modality"] == "asserted" and statement["acled"] is None
    assert statement["actors"][0]["text"] == "Norway"
    assert only(evs, "AID")["modality"] == "planned"
    assert _best(evs) is statement


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The rebel commander vowed to attack the garrison.", "violence"),
        ("Ghana will withdraw its peacekeepers unless the fighting stops.", "relations"),
        ("The government plans to impose a curfew on the capital.", "restrict"),
    ],
)
def test_an_intention_to_do_harm_or_on_a_condition_is_a_threat(extract, text, mode):
    evs = events_of(extract, text)
    assert _best(evs)["type"] == "THREATEN" and _best(evs)["mode"] == mode


def test_what_another_party_must_do_is_a_request_by_the_speaker(extract):
    evs = events_of(extract, "The minister said the rebels must release the hostages.")
    request = _best(evs)
    assert request["type"] == "REQUEST"
    assert request["actors"][0]["text"] == "The minister" and request["targets"][0]["text"] == "the rebels"


def test_refusing_to_cooperate_is_a_rejection(extract):
    assert _best(events_of(extract, "The government said it would not lift the curfew."))["type"] == "REJECT"


def test_a_statement_outranks_the_violence_it_is_about(extract):
    evs = events_of(extract, "The ministry condemned the air strikes that killed 12 civilians.")
    assert _best(evs)["type"] == "ACCUSE"
    assert only(evs, "ASSAULT", "aerial")["acled"]["sub_event_type"] == "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        "Two protesters died in police firing in the town on Sunday.",  # "police firing" parsed as a clause
        "The inspector ordered firing at the crowd in which three men were killed.",  # a relative clause
        "Four deaths occurred due to police firing on the mob.",  # an event noun, its instrument on the verb
        "Two men died in police firing on Sunday.",  # "firing" misparsed as a clause of its own
    ],
)
def test_a_killing_names_the_police_from_its_instrument(extract, text):
    killing = only(events_of(extract, text), "ASSAULT")
    assert killing["actors"] and killing["actors"][0]["sector"] == "POLICE"


def test_a_killing_with_an_actor_of_its_own_is_no_restatement_of_an_attack(extract):
    evs = events_of(extract, "A mob attacked shops in the market. One man was killed in police firing nearby.")
    killed = [e for e in evs if e["counts"]["killed"]]
    assert len(evs) == 2 and killed and killed[0]["actors"][0]["sector"] == "POLICE"


def test_a_killing_is_no_restatement_of_an_attack_that_did_not_happen(extract):
    evs = events_of(
        extract, "Families would rather stay in the camps than risk another attack. Two men died in police firing."
    )
    died = next(e for e in evs if e["counts"]["killed"])
    assert died["modality"] == "asserted" and died["actors"][0]["sector"] == "POLICE"


def test_an_intention_does_not_reach_a_coordinated_verb(extract):
    evs = events_of(extract, "The villagers are ready to stay in the shelters rather than face another raid.")
    assert not [e for e in evs if e["type"] in ("THREATEN", "AGREE")]


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("The rebels returned the captured helicopter to the government.", "RETREAT", "release"),
        ("Thousands of villagers sought refuge in the neighbouring country.", "REQUEST", "assist"),
        ("The newspaper defied the ban on publishing.", "REJECT", None),
        ("The army lifted the blockade of the port.", "RETREAT", "withdraw"),
        ("The government allowed the delivery of food aid to the region.", "RETREAT", "access"),
        ("The UN recalled its monitors from the country.", "SANCTION", "withdraw"),
        ("The union is pressuring teachers to end the strike.", "REQUEST", None),
    ],
)
def test_plover_verbs_of_giving_back_asking_defying_and_easing(extract, text, type_, mode):
    evs = events_of(extract, text)
    assert (_best(evs)["type"], _best(evs)["mode"]) == (type_, mode)


def test_a_unilateral_truce_and_troops_on_alert(extract):
    truce = _best(events_of(extract, "The militia declared a unilateral ceasefire on Friday."))
    assert (truce["type"], truce["mode"]) == ("RETREAT", "ceasefire")
    alert = _best(events_of(extract, "The troops remained on high alert."))
    assert (alert["type"], alert["mode"]) == ("MOBILIZE", "troops")


# The gate: habits, kinds and charges are no incidents; each has a twin that is one.
@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Clashes are frequent in the border district.", 0),
        ("Clashes erupted in the border district on Monday.", 1),
        ("Demonstrators have sometimes gathered in the park while marching through the city.", 0),
        ("Demonstrators gathered in the park on Sunday and marched through the city.", 1),
        ("The minister listed threats such as farmers' clashes and kidnappings in the north.", 0),
        ("Farmers clashed with herders in the north on Friday.", 1),
        ("The man was charged with robbery and assault of a police officer.", 0),
        ("The man robbed a shop and assaulted a police officer on Friday.", 1),
    ],
)
def test_habits_kinds_and_charges_are_not_incidents(extract, text, events):
    found = [e for e in events_of(extract, text) if e["type"] in ("PROTEST", "ASSAULT")]
    assert len(found) == events, [(e["type"], e["trigger"]["text"]) for e in found]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("A warrant was issued for his arrest after he missed a meeting with his parole officer.", "hypothetical"),
        ("He fled through the woods to evade arrest.", "negated"),
        ("The governor was unwilling to commit troops to the border.", "negated"),
    ],
)
def test_acts_that_a_warrant_or_an_escape_name_did_not_happen(extract, text, mode):
    evs = [e for e in events_of(extract, text) if e["type"] in ("COERCE", "MOBILIZE", "AGREE")]
    assert evs and all(e["modality"] == mode for e in evs), [(e["type"], e["modality"]) for e in evs]


def test_a_date_of_another_clause_does_not_date_the_event(extract):
    text = "On a visit to Rabat, the senator recalled that Morocco was the first country to recognise the US in 1777."
    visit = only(events_of(extract, text, "2018-04-05"), "CONSULT")
    assert not (visit["date"] or {}).get("value", "").startswith("1777")


def test_opening_fire_is_an_attack_by_its_subject_on_its_target(extract):
    ev = only(events_of(extract, "Militants opened fire on a bus in Quetta on Monday."), "ASSAULT")
    assert ev["trigger"]["text"] == "opened fire"
    assert [a["text"] for a in ev["actors"]] == ["Militants"]
    assert [t["text"] for t in ev["targets"]] == ["a bus"]  # not "fire", the trigger's own word


@pytest.mark.parametrize("doer", ["Gunmen", "Insurgents", "Militants"])
def test_armed_men_named_by_a_violence_word_still_act(extract, doer):
    ev = only(events_of(extract, f"{doer} attacked a police post in Kano on Monday."), "ASSAULT")
    assert [a["text"] for a in ev["actors"]] == [doer]


def test_both_sides_of_fighting_between_are_actors(extract):
    text = "Three days of fighting between police and insurgents ended on Saturday in Dagestan."
    ev = only(events_of(extract, text), "ASSAULT")
    assert {a["text"] for a in ev["actors"]} == {"police", "insurgents"}


def test_a_coordinated_clause_with_its_own_doer_and_place_is_another_incident(extract):
    text = (
        "Rival families clashed in a refugee camp on Saturday and armed groups opened fire on an army patrol "
        "in the Bekaa Valley."
    )
    evs = [e for e in events_of(extract, text, "2009-03-22") if e["type"] == "ASSAULT"]
    assert sorted(e["trigger"]["text"] for e in evs) == ["clashed", "opened fire"]


def test_the_dateline_is_no_place_of_the_event_itself(extract):
    text = "BEIRUT: Gunmen opened fire on a bus in a refugee camp on Saturday."
    ev = only(events_of(extract, text, "2009-03-22"), "ASSAULT")
    assert ev["location"]["name"] == "Beirut" and ev["location"].get("inherited") == "dateline"


@pytest.mark.parametrize(
    ("text", "trigger", "subtype"),
    [
        ("Police say a man pulled a gun on another man at a motel.", "pulled", "Attack"),
        ("A three-hour shootout between police and gunmen left four gunmen dead.", "shootout", "Armed clash"),
        ("His supporters fought running battles with police in Lahore.", "fought", "Violent demonstration"),
    ],
)
def test_threats_with_a_weapon_shootouts_and_supporters_battles(extract, text, trigger, subtype):
    evs = [e for e in events_of(extract, text) if e["type"] in ("ASSAULT", "PROTEST")]
    assert [(e["trigger"]["text"], (e["acled"] or {}).get("sub_event_type")) for e in evs] == [(trigger, subtype)]


def test_police_brought_in_after_a_shared_passive_is_a_deployment(extract):
    text = "The capital has been barricaded and scores of extra police brought in amid fears of violence."
    ev = only(events_of(extract, text), "MOBILIZE")
    assert ev["trigger"]["text"] == "brought in"


def test_a_headline_participle_with_its_subject_is_passive(extract):
    ev = only(events_of(extract, "Juvenile arrested in city bar had mother's blessing."), "COERCE", "arrest")
    assert [t["text"] for t in ev["targets"]] == ["Juvenile"]
    assert all(a["text"] != "Juvenile" for a in ev["actors"])


def test_a_dateline_misparsed_as_subject_is_no_territory_taken(extract):
    text = "SAN FRANCISCO — A police officer who was shot on Saturday has been taken off life support."
    assert not [e for e in events_of(extract, text) if (e["acled"] or {}).get("event_type") == "Battles"]


def test_a_vehicle_blown_up_by_a_mine_is_an_explosion_and_one_incident_with_it(extract):
    text = "A police car was blown up by a second mine about 15 minutes after the first explosion."
    evs = [e for e in events_of(extract, text, "2009-03-30") if e["type"] == "ASSAULT"]
    assert [(e["mode"], (e["acled"] or {}).get("sub_event_type")) for e in evs] == [
        ("explosives", "Remote explosive/landmine/IED")
    ]


def test_a_bridge_blown_up_by_rebels_stays_property_destruction(extract):
    ev = only(events_of(extract, "Rebels blew up a bridge near the town."), "ASSAULT")
    assert ev["mode"] == "destroy"


@pytest.mark.parametrize(
    "text", ["Chaudhry would be sworn in on March 21.", "The patient was taken off life support on Monday."]
)
def test_a_particle_that_makes_another_verb_triggers_nothing(extract, text):
    assert [e for e in events_of(extract, text) if e["type"] in ("AGREE", "ASSAULT")] == []


def test_a_day_on_a_noun_above_the_event_dates_that_noun_not_the_event(extract):
    text = "Clinton's comments Tuesday on the shooting death of Crutcher came as the facts are still being gathered."
    ev = only(events_of(extract, text, "2016-09-21"), "ASSAULT")
    assert (ev["date"] or {}).get("text") != "Tuesday"


def test_the_event_word_is_no_place_of_the_event(extract):
    evs = events_of(
        extract, "At Least 17 Slain in Dagestani Battle. Police and insurgents fought in Dagestan on Saturday."
    )
    assert all((e["location"] or {}).get("name") != "Battle" for e in evs)


def test_wanted_for_a_crime_is_no_wish(extract):
    text = "A man wanted for violating his parole killed three police officers in two shootings on Saturday."
    ev = only(events_of(extract, text, "2009-03-24"), "ASSAULT")
    assert ev["modality"] == "asserted" and ev["date"]["value"] == "2009-03-21"
    assert only(events_of(extract, "The rebels wanted to attack the town."), "ASSAULT")["modality"] == "planned"


# plain conflict reporting (issue 12; conventions in ../shared/docs/taxonomy.md), one rule at a time
@pytest.mark.parametrize(
    "text, subtype",
    [
        # small-arms or machine-gun fire at the other side's positions: a battle
        (
            "Separatist fighters directed machine-gun fire at government positions near Krasnohorivka overnight, "
            "the military said.",
            "Armed clash",
        ),
        ("Their positions near the dam came under sniper fire on Sunday.", "Armed clash"),
        ("Troops returned fire at insurgent positions in the hills north of the town.", "Armed clash"),
        # fire traded across a border or a line of control: a battle
        ("The two armies exchanged fire along the border on Sunday.", "Armed clash"),
        ("Indian and Pakistani troops traded fire across the Line of Control overnight.", "Armed clash"),
        # explosions a monitoring mission records: shelling
        ("The monitors heard 14 explosions east of the town on Wednesday.", "Shelling/artillery/missile attack"),
        ("The mission recorded 25 explosions in the region on Thursday.", "Shelling/artillery/missile attack"),
        # a body found with signs of violence: an attack
        ("Villagers found a trader's body with gunshot wounds in a ditch on Sunday.", "Attack"),
        ("Fishermen recovered a decapitated body from the lake early on Monday.", "Attack"),
        # a thwarted incursion: a battle
        ("Soldiers foiled an infiltration bid by armed men along the frontier on Saturday.", "Armed clash"),
        ("Government troops repulsed an incursion by rebels into the district overnight.", "Armed clash"),
    ],
)
def test_plain_conflict_reporting_gets_its_acled_subtype(extract, text, subtype):
    evs = [e for e in events_of(extract, text) if e.get("acled")]
    assert evs and _subtype(_best(evs)) == subtype, [(e["trigger"]["text"], _subtype(e), e["confidence"]) for e in evs]


@pytest.mark.parametrize(
    "text",
    [
        "A fire at an army post destroyed two tents on Monday.",  # a blaze, not gunfire
        "Police fired at a crowd near the parliament on Friday.",  # no armed positions
        "The two leaders exchanged views on the border dispute on Sunday.",
        "Residents heard a loud explosion at a chemical plant on Monday.",  # no monitors, and an industrial blast
        "Rescuers found a fisherman's body after floods swept the river bank on Sunday.",
        "The company said it had foiled an attempted intrusion into its computer network.",
    ],
)
def test_near_misses_of_the_plain_conflict_rules_are_no_battle_shelling_or_attack(extract, text):
    subtypes = {_subtype(e) for e in events_of(extract, text)}
    assert not subtypes & {"Armed clash", "Shelling/artillery/missile attack", "Attack"}, subtypes


def test_a_shooting_at_a_checkpoint_keeps_its_toll(extract):
    ev = _best(events_of(extract, "Officers shot dead two robbers at a police checkpoint outside the city on Monday."))
    assert _subtype(ev) != "Armed clash" and ev["counts"]["killed"]["value"] == 2


def test_monitors_who_record_explosions_are_not_their_actor(extract):
    shelling = _best(events_of(extract, "Observers of the mission recorded 60 explosions near the contact line."))
    assert _subtype(shelling) == "Shelling/artillery/missile attack" and not shelling["actors"]


def test_who_finds_a_body_is_not_the_attacker(extract):
    attack = _best(events_of(extract, "Farmers found the bodies of three men with gunshot wounds near the road."))
    assert _subtype(attack) == "Attack" and not attack["actors"]


@pytest.mark.parametrize(
    ("text", "type_", "actor"),
    [
        ("The police shooting of a black man on Friday sparked anger.", "ASSAULT", "police"),
        ("Police officials said a second device was also found in Chelsea.", "COERCE", "Police"),
    ],
)
def test_a_force_before_the_act_or_the_report_s_police_is_its_actor(extract, text, type_, actor):
    ev = only(events_of(extract, text), type_)
    assert [a["text"] for a in ev["actors"]] == [actor]


@pytest.mark.parametrize(
    "text", ["The city is in limbo as the Guard occupies quiet streets.", "Troops patrolled the city centre on Sunday."]
)
def test_forces_holding_streets_are_a_deployment(extract, text):
    ev = only(events_of(extract, text), "MOBILIZE")
    assert ev["acled"] is None


def test_a_protest_that_turns_to_looting_is_a_violent_demonstration(extract):
    # written for the project
    text = "Protests broke out in Durban on Monday, with many turning to looting and rioting."
    (protest,) = [e for e in extract(text, "2021-07-13")["events"] if e["type"] == "PROTEST"]
    assert protest["acled"]["sub_event_type"] == "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "A man stabbed his neighbour in Kano on Friday, police said.",
        "Residents mourned after the fatal stabbing of two teenagers in Lagos on Saturday.",
    ],
)
def test_a_knife_attack_is_an_attack(extract, text):
    # written for the project
    events = [e for e in extract(text, "2025-03-09")["events"] if e["type"] == "ASSAULT"]
    assert len(events) == 1 and events[0]["acled"]["sub_event_type"] == "Attack"


def test_one_death_last_month_is_one_incident_not_a_monthly_toll(extract):
    text = "A neighbour is accused of murder after a stabbing that killed a shopkeeper last month, police said."
    (death,) = [e for e in extract(text, "2018-04-05")["events"] if e["type"] == "ASSAULT"]
    assert death["aggregate"] is False and death["counts"]["killed"]["value"] == 1


@pytest.mark.parametrize(
    "text, sub_type",
    [
        ("Two students were stabbed outside a school in Lagos on Monday.", "Attack"),
        ("Police fired on protesters in Lagos on Monday, killing two.", "Excessive force against protesters"),
    ],
)
def test_force_against_protesters_needs_a_protest(extract, text, sub_type):
    # written for the project: students and workers are in the protesters' sector, but an attack on two students
    # with no protest told is an attack on civilians
    (event,) = [e for e in extract(text, "2016-09-26")["events"] if e["type"] == "ASSAULT"]
    assert event["acled"]["sub_event_type"] == sub_type


@pytest.mark.parametrize(
    "text, type_, modality",
    [
        # written for the project: what is asked for is the information or the inquiry, not the shooting
        ("Marchers asked for news about the deadly stabbing of Tom Ardell in Tulsa.", "ASSAULT", "asserted"),
        ("Residents want information about the deadly bombing of a market in Kano.", "ASSAULT", "asserted"),
        ("Residents demanded the arrest of the officers in Lagos.", "COERCE", "hypothetical"),  # asked for itself
    ],
)
def test_an_act_that_is_only_the_topic_of_a_demand_happened(extract, text, type_, modality):
    assert only(events_of(extract, text), type_)["modality"] == modality


def test_a_chanted_slogan_tells_no_act(extract):
    # written for the project: "don't shoot" is what the crowd chants, not a shooting, and "Hands" is no actor
    text = 'Protesters marched through Tulsa on Sunday, chanting, "Hands up, don\'t shoot."'
    evs = events_of(extract, text)
    assert [e["type"] for e in evs] == ["PROTEST"]


def test_a_gerund_with_an_article_is_a_noun_with_its_doer(extract):
    # written for the project: the tagger reads "shooting" as a verb; "the police shooting of" names its doer
    text = "TULSA - Almost ten days since the police shooting of one young farmer here sparked riots, all is quiet."
    ev = only(events_of(extract, text), "ASSAULT")
    assert [a["text"] for a in ev["actors"]] == ["police"]
    assert "riots" not in [t["text"] for t in ev["targets"]]  # what the shooting sparked is no victim of it


def test_talks_that_aim_at_a_deal_are_held(extract):
    # written for the project: what the talks aim at is a plan; the talks themselves are told as held
    evs = events_of(extract, "The rebels say negotiations with the army aim to end the siege of Goma.")
    assert only(evs, "CONSULT")["modality"] != "planned"


@pytest.mark.parametrize(
    "text, killing",
    [
        # written for the project: what the verb acts on makes it another verb
        ("Army engineers executed the new road projects in the valley.", False),
        ("The crew shot a video in the park on Monday.", False),
        ("Militants executed five hostages on Monday.", True),
        ("Gunmen shot a policeman in Kano on Monday.", True),
    ],
)
def test_executing_a_project_is_no_killing(extract, text, killing):
    assert any(e["type"] == "ASSAULT" for e in events_of(extract, text)) == killing


@pytest.mark.parametrize(
    "text, subtype",
    [
        # written for the project: demonstrators who demand or chant are demonstrating
        (
            "Hundreds of protesters demanded that the governor resign, outside his office in Lagos.",
            "Peaceful protest",
        ),
        # the shooting is what they ask about, and "don't shoot" what they chant: no force against them
        (
            "Groups of demonstrators called for answers about the deadly shooting of Tom Ardell in Tulsa, chanting, "
            '"Hands up, don\'t shoot."',
            "Peaceful protest",
        ),
    ],
)
def test_demonstrators_demanding_are_a_protest(extract, text, subtype):
    protest = only(events_of(extract, text), "PROTEST")
    assert protest["acled"]["sub_event_type"] == subtype


@pytest.mark.parametrize(
    "text, found",
    [
        # written for the project
        ("A row between neighbours in Dover ended in property damage on Sunday, police said.", True),
        ("Police are looking into vandalism at the mayor's office in Dover.", True),
        ("The tornado caused property damage across the county on Sunday.", False),  # a disaster's damage
    ],
)
def test_property_damage_is_destruction_of_property(extract, text, found):
    hits = [e for e in events_of(extract, text) if e["type"] == "ASSAULT" and e["mode"] == "destroy"]
    assert bool(hits) == found
    assert all(e["acled"]["sub_event_type"] == "Looting/property destruction" for e in hits)


def test_demonstrators_travelling_to_a_sit_in_are_a_protest(extract):
    # written for the project: their journey is part of the protest, not a state visit
    text = "Some 3,000 demonstrators were travelling to Lahore to join a sit-in outside the assembly."
    assert only(events_of(extract, text), "PROTEST")["actors"]


def test_a_meeting_between_two_parties_has_both(extract):
    # written for the project: the first party named acts, the other is its counterpart
    text = "State television showed a meeting on Friday between Prime Minister Ray Holt and the region's leader."
    meeting = only(events_of(extract, text), "CONSULT")
    assert [a["text"] for a in meeting["actors"]] == ["Prime Minister Ray Holt"]
    assert [t["text"] for t in meeting["targets"]] == ["the region's leader"]


@pytest.mark.parametrize(
    "text, subtype",
    [
        # written for the project: victims who fired themselves were in an exchange of fire
        (
            "In the capital, police fatally shot three men on Friday who refused to stop at a roadblock and began "
            "firing at officers.",
            "Armed clash",
        ),
        ("Police shot dead a man who had been waving a knife at passers-by.", "Attack"),
    ],
)
def test_victims_who_fired_back_were_in_a_clash(extract, text, subtype):
    (shooting,) = [e for e in events_of(extract, text) if e["type"] == "ASSAULT"]
    assert shooting["acled"]["sub_event_type"] == subtype


def test_an_order_to_free_people_is_a_planned_release_dated_by_the_order(extract):
    # written for the project: the controller's object is who is freed; an order is a decision (planned), dated
    # by the day it was told
    text = "The governor met protest leaders in Kano on Monday. He ordered all the detainees to be freed immediately."
    release = only(events_of(extract, text, "2025-11-12"), "RETREAT")
    assert release["modality"] == "planned" and release["date"]["value"] == "2025-11-10"
    assert [t["text"] for t in release["targets"]] == ["all the detainees"]


def test_who_detained_people_a_sentence_praises_is_not_who_praises_them(extract):
    # written for the project: "the students detained at the rally" were detained by someone the sentence does not
    # name, not by the mayor who praised them
    detention = only(events_of(extract, "The mayor praised the students detained at the rally in Kano."), "COERCE")
    assert [t["text"] for t in detention["targets"]] == ["the students"]
    assert "The mayor" not in [a["text"] for a in detention["actors"]]


def test_no_order_to_withdraw_is_no_withdrawal(extract):
    # written for the project: "no" on the noun that would carry the act denies it
    text = "The president issued no order to withdraw the 500 troops from the border region."
    assert only(events_of(extract, text), "RETREAT")["modality"] == "negated"


@pytest.mark.parametrize(
    "text, actor",
    [
        # written for the project: whoever is on the trip makes it
        (
            "Speaking in Rabat, Senator Ray Holt, who was then on an official trip to Morocco, praised the ties.",
            "Senator Ray Holt",
        ),
        ("The foreign minister is currently on a trip to Japan.", "The foreign minister"),
    ],
)
def test_whoever_is_on_the_trip_makes_it(extract, text, actor):
    visit = only(events_of(extract, text, "2018-04-05"), "CONSULT")
    assert [a["text"] for a in visit["actors"]] == [actor]


def test_driving_a_city_bus_takes_no_ground(extract):
    # written for the project: "city" only describes the bus
    assert events_of(extract, "Benton, 51, drove a city bus for twenty years.") == []


@pytest.mark.parametrize(
    "text, trigger, aggregate",
    [
        # written for the project. A day of its own makes one incident, whatever span the sentence also names.
        (
            "Nine guards were killed when gunmen stormed a prison near Kidal on Sunday, in one of the deadliest "
            "raids in the region this year.",
            "stormed",
            False,
        ),
        ("On Sunday alone, 40 civilians died in shelling across the country, a monitor said.", "shelling", True),
        # the toll of one incident, updated, is no total over incidents
        ("By Monday night the toll from the ambush near Kidal had risen to 12 soldiers.", "ambush", False),
        # a market held weekly is no weekly tally
        ("A bomb killed four traders at the weekly cattle market in Gao on Friday.", "bomb", False),
        # a plural that tells one engagement, and weapons in the plural
        ("Residents heard at least five explosions near the barracks.", "explosions", False),
        ("Rebels hit the police post with drones and rifles.", "drones", False),
        # a run of acts
        ("Gunmen carried out attacks on police posts in the district.", "attacks", True),
        ("During a months-long air campaign the army dropped barrel bombs on the suburbs.", "bombs", True),
    ],
)
def test_what_makes_a_total_over_incidents(extract, text, trigger, aggregate):
    ev = next(e for e in extract(text, "2026-11-20")["events"] if e["trigger"]["text"] == trigger)
    assert ev["aggregate"] is aggregate


@pytest.mark.parametrize(
    "text, mode",
    [
        # written for the project: restrictions on everyone are coercion, with no ACLED event of their own
        ("The army imposed a curfew on the old town of Kano on Monday.", "curfew"),
        ("Mobile internet was cut off in Kano from Sunday evening, the regulator said.", "censor"),
        ("The governor shut down mobile internet across Kano state on Sunday.", "censor"),
    ],
)
def test_curfews_and_internet_cuts_are_coercion_without_an_acled_type(extract, text, mode):
    (ev,) = [e for e in extract(text, "2026-11-20")["events"] if e["type"] == "COERCE"]
    assert ev["mode"] == mode and ev["acled"] is None
