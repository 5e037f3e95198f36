"""The record's JSON Schema and the span check (schema.py). Records are built by hand for these tests."""

from __future__ import annotations

import copy

import pytest

from eventwire.schema import schema, validate

TEXT = "Rebels seized Kalo on Monday."


def minimal() -> dict:
    """A valid record with one place, written by hand."""
    return {
        "format": 1,
        "article": {
            "id": "s1",
            "title": None,
            "published": "2025-11-10",
            "source": None,
            "url": None,
            "language": "en",
            "text": TEXT,
        },
        "events": [],
        "places": [
            {
                "text": "Kalo",
                "start": 14,
                "end": 18,
                "name": "Kalo",
                "geonameid": None,
                "lat": None,
                "lon": None,
                "admin1": None,
                "country": None,
                "country_name": None,
                "feature": None,
                "kind": "toponym",
                "role": "mentioned",
            }
        ],
        "quotes": [],
        "entities": [{"text": "Monday", "label": "DATE", "start": 22, "end": 28}],
        "warnings": [],
        "extractor": {"name": "eventwire", "version": "0.1.0"},
    }


def test_schema_is_the_shipped_format_1():
    assert schema()["properties"]["format"] == {"const": 1}
    assert minimal()["places"][0]["text"] == TEXT[14:18]  # the hand-built record is right
    assert validate(minimal()) == []


def _set(path: str, value):
    def change(rec: dict) -> None:
        *parents, last = path.split("/")
        node = rec
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is KeyError:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    "change, problem",
    [
        (_set("format", 2), "format"),
        (_set("article", KeyError), "'article' is a required property"),
        (_set("places/0/kind", "village"), "places/0/kind"),
        (_set("places/0/role", "maybe"), "places/0/role"),
        # spans must point at their text in the article
        (_set("places/0/start", 13), "places/0: span 13-18 is not 'Kalo'"),
        (_set("entities/0/text", "Tuesday"), "entities/0: span 22-28 is not 'Tuesday'"),
    ],
)
def test_validate_names_each_problem(change, problem):
    rec = copy.deepcopy(minimal())
    change(rec)
    problems = validate(rec)
    assert problems and any(problem in p for p in problems), problems


def test_a_speaker_span_outside_the_text_is_reported():
    rec = copy.deepcopy(minimal())
    rec["quotes"] = [
        {
            "text": "Kalo",
            "kind": "direct",
            "speaker": "X",
            "start": 14,
            "end": 18,
            "speaker_start": 20,
            "speaker_end": 99,
        }
    ]
    assert any("speaker span out of the text" in p for p in validate(rec))
