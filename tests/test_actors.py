"""Actors and targets (extractors/actors.py): dictionary names, sectors, countries, and who does a noun event.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.extractors import actors


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Gunmen loyal to ISWAP raided the depot", "Islamic State West Africa Province"),  # longest alias first
        ("a cell of the Islamic State group", "Islamic State"),
        ("fighters of al Shabaab", "al-Shabaab"),
        ("THE TTP CLAIMED IT", "Tehrik-i-Taliban Pakistan"),
        ("this is a plan", None),  # "is" is no alias: short upper-case aliases match their case only
        ("the basis of the talks", None),  # no alias inside a word
    ],
)
def test_named_actor(text, name):
    entry = actors.named_actor(text)
    assert (entry["name"] if entry else None) == name


@pytest.mark.parametrize(
    "phrase, sector",
    [
        ("rebel leader", "REBEL"),  # a role noun gives way to the word before it
        ("police officer", "POLICE"),
        ("army officer", "MILITARY"),
        ("riot police", "POLICE"),
        ("border guards", "SECURITY"),
        ("striking nurses", "CIVILIANS"),
        ("a local journalist", "MEDIA"),
        ("the orchard", None),
    ],
)
def test_sector_of(nlp, phrase, sector):
    assert actors.sector_of(nlp(phrase)) == sector


@pytest.mark.parametrize(
    "sentence, head, name, country, sector",
    [
        ("Syrian security forces stormed the camp.", "forces", "Syrian security forces", "SYR", "SECURITY"),
        ("Kenyan police dispersed the march.", "police", "Kenyan police", "KEN", "POLICE"),
        ("Five Boko Haram fighters were killed.", "fighters", "Boko Haram", "NGA", "REBEL"),
        ("A group of farmers blocked the road.", "group", "group of farmers", None, "CIVILIANS"),
    ],
)
def test_describe(nlp, gazetteer, sentence, head, name, country, sector):
    actor = actors.describe(token(nlp(sentence), head), gazetteer)
    assert (actor["name"], actor["country"], actor["sector"]) == (name, country, sector)
    assert sentence[actor["start"] : actor["end"]] == actor["text"]


def test_describe_gives_acled_names_from_the_sector_template(nlp, gazetteer):
    actor = actors.describe(token(nlp("Nigerian soldiers entered the village."), "soldiers"), gazetteer)
    assert actor["acled_name"] == "Military Forces of Nigeria"


@pytest.mark.parametrize(
    "sentence, noun, subject",
    [
        ("Dock workers staged a strike on Monday.", "strike", "workers"),
        ("A curfew was imposed by the army.", "curfew", "army"),
        ("The farmers marched in protest.", "protest", "farmers"),
        ("The strike ended on Monday.", "strike", None),  # no verb carrying the noun
    ],
)
def test_support_subject(nlp, sentence, noun, subject):
    found = actors.support_subject(token(nlp(sentence), noun))
    assert (found.text if found is not None else None) == subject


@pytest.mark.parametrize(
    "sentence, nth, antecedent",
    [
        ("Norway said it would send observers.", 0, "Norway"),
        ("The villagers said they had fled.", 0, "villagers"),
        ("The villagers said it was over.", 0, None),  # "it" never stands for a plural
        ("It rained.", 0, None),
        # an object pronoun is not its own verb's subject: the herders were forced, not the soldiers
        ("The herders say soldiers forced them to leave.", 0, "herders"),
    ],
)
def test_antecedent(nlp, sentence, nth, antecedent):
    doc = nlp(sentence)
    pron = [t for t in doc if t.pos_ == "PRON"][nth]
    found = actors.antecedent(pron)
    assert (found.text if found is not None else None) == antecedent


@pytest.mark.parametrize(
    "sector, armed, state",
    [
        ("MILITARY", True, True),
        ("POLICE", True, True),
        ("REBEL", True, False),
        ("GOVERNMENT", False, True),
        ("CIVILIANS", False, False),
        (None, False, False),
    ],
)
def test_armed_and_state_sectors(sector, armed, state):
    actor = {"sector": sector}
    assert actors.is_armed(actor) is armed and actors.is_state(actor) is state
    assert actors.is_armed(None) is False and actors.is_state(None) is False


def test_he_is_not_something_of_his(extract):
    text = "The president made clear his patience was running out as he met top security aides on Tuesday."
    ev = next(e for e in extract(text, "2018-04-05")["events"] if e["type"] == "CONSULT")
    assert [a["text"] for a in ev["actors"]] == ["The president"]


@pytest.mark.parametrize(
    "sentence, trigger, accused",
    [
        ("A local man has been charged with murder in the stabbing death of a shopkeeper.", "death", "man"),
        ("Her cousin is suspected in the armed robbery of a petrol station.", "robbery", "cousin"),
        ("Okafor was charged in two kidnappings near the border.", "kidnappings", "Okafor"),
        ("Police sought a man suspected in the shooting of a guard.", "shooting", "man"),
        ("Police said the robbery of a petrol station happened at night.", "robbery", None),
    ],
)
def test_the_person_charged_with_an_act_is_its_alleged_actor(nlp, sentence, trigger, accused):
    # written for the project
    from eventwire.extractors.actors import accused_of

    doc = nlp(sentence)
    found = accused_of(next(t for t in doc if t.text == trigger))
    assert (found.text if found is not None else None) == accused


def test_a_hedge_on_an_attack_is_no_one_who_attacked(extract):
    # written for the project: "suspected" says how sure the report is
    text = "In September, at least 12 people died in suspected militia attacks across the province, monitors said."
    (attack,) = [e for e in extract(text, "2025-11-09")["events"] if e["type"] == "ASSAULT"]
    assert "suspected" not in [a["text"] for a in attack["actors"]]


@pytest.mark.parametrize(
    "text, trigger, actor",
    [
        # written for the project: the object of a verb that makes someone act does what its infinitive says
        ("The colonel sent his platoon to storm the depot near Gao on Monday.", "storm", "his platoon"),
        # a command is the act of whoever gives it: the council suspends, not the weekly
        ("The council ordered the weekly to suspend publication on Monday.", "suspend", "council"),
        ("The miners say troops forced them to abandon the camp at Kidal on Sunday.", "abandon", "miners"),
        # a tool used for a purpose does not act: the army struck
        ("The army used drones to strike a convoy near Gao on Monday.", None, "army"),
    ],
)
def test_an_object_that_is_made_to_act_is_the_actor(extract, text, trigger, actor):
    events = extract(text, "2026-11-20")["events"]
    ev = next(e for e in events if trigger is None or e["trigger"]["text"] == trigger)
    assert actor in [a["text"].removeprefix("The ") for a in ev["actors"]]


@pytest.mark.parametrize(
    "text, trigger, target",
    [
        # written for the project: what runs into a bomb suffers it
        ("A minibus struck a landmine outside Gao on Sunday, killing six passengers.", "landmine", "minibus"),
        # a label before a colon is no subject
        (
            "Live updates: Georgian police clear protest camp; student leader detained",
            "detained",
            "student leader",
        ),
        # a headline's second clause, past a semicolon, keeps its victim a victim
        ("Police fire tear gas at marchers in Kampala; boy shot dead in Gulu", "tear gas", None),
    ],
)
def test_who_suffered_and_who_acted_in_headlines_and_mines(extract, text, trigger, target):
    ev = next(e for e in extract(text, "2026-11-20")["events"] if e["trigger"]["text"] == trigger)
    actors = [a["text"].lower() for a in ev["actors"]]
    assert all(w not in " ".join(actors) for w in ("minibus", "live", "updates", "boy"))
    if target:
        assert target in " ".join(t["text"] for t in ev["targets"])
