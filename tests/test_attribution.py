"""Who a claim comes from: named officials, monitors, media and anonymous sources."""

from __future__ import annotations

import pytest

from eventwire.extractors.attribution import source_kind


@pytest.mark.parametrize(
    "phrase, kind",
    [
        ("monitoring group Syrian Observatory for Human Rights", "monitor"),
        ("two security sources, speaking on condition of anonymity", "anonymous"),
        ("state television", "media"),
        ("a witness", "witness"),
        ("Interior Ministry spokesperson", "official"),
    ],
)
def test_source_kind(phrase, kind):
    assert source_kind(phrase, named=True) == kind


def first_event(extract, text: str) -> dict:
    events = extract(text)["events"]
    assert events, text
    return events[0]


def test_according_to_a_named_official(extract):
    ev = first_event(
        extract, "According to police spokesman Chief Supt. John Abara, officers arrested 12 men in Enugu on Friday."
    )
    att = ev["attribution"]
    assert att["kind"] == "official" and "Abara" in att["source"]


def test_anonymous_sources_with_their_count(extract):
    ev = first_event(
        extract,
        "Three sources familiar with the matter told Reuters that troops had seized the "
        "weapons depot's rifles in Sirte.",
    )
    att = ev["attribution"]
    assert att["kind"] == "anonymous" and att.get("count") == 3 and att.get("via") == "Reuters"


def test_an_event_the_report_states_itself_is_attributed_to_the_report(pipeline):
    ev = pipeline.extract("Police arrested 12 men in Enugu on Friday.", published="2025-11-09", source="Daily Wire")[
        "events"
    ][0]
    assert ev["attribution"] == {
        "source": "Daily Wire",
        "kind": "media",
        "voice": "report",
        "text": None,
        "start": None,
        "end": None,
    }
    assert ev["modality"] == "asserted"


def test_a_dateline_the_parse_makes_a_subject_is_not_the_source(nlp):
    # the small model can make a dateline a second subject of "said" ("KANO -- ... fighting ended ..., officials
    # said"); the parse is built by hand so the test does not depend on the model's mood
    from spacy.tokens import Doc

    from eventwire.extractors.attribution import find_attribution

    words = ["KANO", "--", "fighting", "ended", ",", "officials", "said", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[6, 0, 3, 6, 6, 6, 6, 6],
        deps=["nsubj", "punct", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PUNCT", "NOUN", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"],
        lemmas=["KANO", "--", "fighting", "end", ",", "official", "say", "."],
    )
    found = find_attribution(doc[2])
    assert found is not None and found["source"] == "officials"
    assert found["start"] == doc[5].idx  # the evidence is "officials said", not the whole sentence
