"""One classifier for the kind of a source: quote speakers and event attributions (extractors/sources.py).

Every phrase is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.extractors.attribution import source_kind as attribution_source_kind
from eventwire.extractors.sources import KIND_ORDER, source_kind, source_words


@pytest.mark.parametrize(
    "phrase, kwargs, kind",
    [
        # the head word decides first
        ("the harbour master's spokesperson", {"head_word": "spokesperson", "named": True}, "official"),
        ("a veteran analyst of river trade", {"head_word": "analyst", "named": True}, "expert"),
        ("three villagers", {"head_word": "villagers"}, "witness"),  # a plural head counts as its singular
        # then a news organisation's name, matched with its case
        ("Reuters", {"name": "Reuters", "named": True}, "media"),
        # then any listed word, trying witness, monitor, media, expert, official in turn
        ("the coastal rights observatory", {"named": True}, "monitor"),
        ("state television", {"named": True}, "media"),
        ("a regional governor's office", {"named": True}, "official"),
        ("a neighbour of the ferry pilot", {"named": True}, "witness"),
        ("the orchard cooperative", {"named": True}, "unknown"),
        # anonymity: said in the phrase, always; after it or by the head, only for an unnamed source
        ("two port sources, speaking on condition of anonymity", {"named": True}, "anonymous"),
        ("a senior official", {"head_word": "official"}, "anonymous"),
        ("a senior official", {"head_word": "official", "named": True}, "official"),
        ("a ministry aide", {"after": ", who was not authorised to speak publicly"}, "anonymous"),
        ("Dalia Prent", {"after": ", who was not authorised to speak publicly", "named": True}, "unknown"),
        # a witness stays a witness when unnamed ("a resident, who asked not to be named")
        ("a resident, who asked not to be named", {"head_word": "resident"}, "witness"),
    ],
)
def test_source_kind(phrase, kwargs, kind):
    assert source_kind(phrase, **kwargs) == kind


def test_attribution_uses_the_same_classifier():
    # the old import path keeps working and is the same function
    assert attribution_source_kind is source_kind


def test_each_word_is_listed_under_one_kind_only():
    words = source_words().kinds
    assert set(words) == set(KIND_ORDER) and all(words.values())
    seen: dict[str, str] = {}
    for kind in KIND_ORDER:
        for w in words[kind]:
            assert w not in seen, f"{w!r} is listed under {seen.get(w)} and {kind}"
            seen[w] = kind
