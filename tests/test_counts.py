"""Counts: numbers, number words, vague words, qualifiers, ranges and sums over victim groups."""

from __future__ import annotations

import pytest

from eventwire.extractors.counts import count_for, left_dead


def _count(nlp, sentence: str, verb: str, key: str):
    doc = nlp(sentence)
    trigger = next(t for t in doc if t.text == verb)
    return count_for(trigger, key)


@pytest.mark.parametrize(
    "sentence, verb, key, value, qualifier",
    [
        ("Gunmen killed at least 12 villagers on Sunday.", "killed", "killed", 12, "at_least"),
        ("More than 40 people were killed in attacks.", "killed", "killed", 40, "more_than"),
        ("Police arrested 71 suspected members of the group.", "arrested", "arrested", 71, "exact"),
        ("Police detained dozens of protesters.", "detained", "arrested", 12, "at_least"),
        ("The clashes killed two soldiers and three civilians.", "killed", "killed", 5, "exact"),
        ("Militants abducted about 30 students from a school.", "abducted", "kidnapped", 30, "about"),
    ],
)
def test_count_for_trigger(nlp, sentence, verb, key, value, qualifier):
    found = _count(nlp, sentence, verb, key)
    assert found is not None
    assert (found["value"], found["qualifier"]) == (value, qualifier)
    assert sentence[found["start"] : found["end"]] == found["text"]


def test_casualties_alone_give_no_killed_count(nlp):
    doc = nlp("The attack caused many casualties.")
    assert count_for(doc[1], "killed") is None


@pytest.mark.parametrize(
    "sentence, verb, key",
    [
        ("A man was killed in the attack.", "killed", "killed"),
        ("A policeman was shot dead on Monday.", "shot", "killed"),
        ("Police arrested the suspect on Friday.", "arrested", "arrested"),
        ("Police are investigating the death of a shopkeeper.", "death", "killed"),
    ],
)
def test_a_single_victim_counts_one(nlp, sentence, verb, key):
    found = _count(nlp, sentence, verb, key)
    assert found is not None and found["value"] == 1
    assert sentence[found["start"] : found["end"]] == found["text"]


def test_a_group_counts_no_one(nlp):
    assert _count(nlp, "The mob was dispersed and the crowd was killed off.", "killed", "killed") is None


@pytest.mark.parametrize(
    "sentence, word, value, text",
    [
        ("The fighting left five officers and 12 militants dead.", "fighting", 17, "five officers and 12"),
        ("In the attack, 14 people were left dead.", "attack", 14, "14"),
        ("Gunmen attacked a bus on Monday, leaving three dead.", "attacked", 3, "three"),
        ("A bomb blast at a market left 12 people dead and 30 wounded.", "blast", 12, "12"),
        ("The attack left the town without power.", "attack", None, None),
    ],
)
def test_a_toll_told_through_leave(nlp, sentence, word, value, text):
    # written for the project
    doc = nlp(sentence)
    found = left_dead(next(t for t in doc if t.text == word))
    assert (found and found["value"], found and found["text"]) == (value, text)


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("Police fatally shot a man outside the station.", 1),
        ("Gunmen shot dead three villagers.", 3),
        ("A man was shot to death outside the station.", 1),
        ("Troops shot and killed four protesters.", 4),
        ("Two guards were shot and killed at the gate.", 2),  # "killed" shares the passive subject of "shot"
    ],
)
def test_a_shooting_counts_the_deaths_its_sentence_tells(extract, sentence, killed):
    # written for the project
    (event,) = [e for e in extract(sentence, "2025-03-09")["events"] if e["type"] == "ASSAULT"]
    assert (event["counts"].get("killed") or {}).get("value") == killed


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("Crowds demanded answers over a fatal stabbing of Keith Brandt on Tuesday.", 1),
        ("Residents mourned after the deadly stabbing of two teenagers near the station.", 2),
        ("A shooting of a cyclist near the park angered residents.", None),  # not said to be fatal
        # the small model tags these names as organisations or not at all; the age the report gives makes them people
        ("Tom Mixley was fatally shot on Friday. Mixley, 26, had been on parole.", 1),
        ("Crowds mourned after the fatal stabbing of Ray Ardell Benton. Benton, 51, drove a city bus.", 1),
        ("Crowds gathered after the deadly bombing of a market in Kano.", None),  # a market is no victim
    ],
)
def test_a_fatal_act_of_named_victims_counts_them_killed(extract, sentence, killed):
    # written for the project
    (event,) = [e for e in extract(sentence, "2016-09-26")["events"] if e["type"] == "ASSAULT"]
    assert (event["counts"].get("killed") or {}).get("value") == killed


@pytest.mark.parametrize(
    "sentence, verb, value",
    [
        # written for the project: the relative pronoun stands for the person the clause describes
        ("Detectives looked into the death of a 17-year-old who was stabbed to death outside a bar.", "stabbed", 1),
        ("Officers found three men who had been killed near the river.", "killed", 3),
        ("A third guard who was shot by the robber is in hospital.", "shot", None),  # shot, not said to be dead
        ("A third guard who was shot dead by the robber was buried.", "shot", 1),
    ],
)
def test_a_relative_clause_counts_the_people_it_describes(nlp, sentence, verb, value):
    found = _count(nlp, sentence, verb, "killed")
    assert (found and found["value"]) == value
