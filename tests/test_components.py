"""The extractor components: registered, in order, talking only through the Doc, failing one Doc at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from eventwire.components import EXTENSIONS, EXTRACTORS, new_doc


def test_the_pipeline_runs_the_extractors_after_the_parser_in_order(pipeline):
    names = pipeline.nlp.pipe_names
    assert [n for n in names if n in EXTRACTORS] == list(EXTRACTORS)
    assert names.index("parser") < names.index(EXTRACTORS[0])
    assert all(Doc.has_extension(f"ew_{name}") for name in EXTENSIONS)


def test_results_and_the_publication_date_travel_on_the_doc(pipeline):
    text = "Police arrested 12 men in Kano on Monday, a spokesman said."
    doc = pipeline.nlp(new_doc(pipeline.nlp, text, published=dt.date(2025, 3, 5)))
    assert doc._.ew_published == dt.date(2025, 3, 5)
    assert [p["name"] for p in doc._.ew_places] == ["Kano"]
    assert doc._.ew_dates and doc._.ew_dates[0]["value"] == "2025-03-03"
    (arrest,) = [e for e in doc._.ew_events if e["mode"] == "arrest"]
    assert arrest["date"]["value"] == "2025-03-03"
    assert doc._.ew_errors == []


def test_a_failing_component_stops_only_its_doc_and_says_why(pipeline, monkeypatch):
    import eventwire.components as components

    def boom(doc, published):
        if "Kano" in doc.text:
            raise ValueError("bad date table")
        return []

    monkeypatch.setattr(components, "find_dates", boom)
    texts = ["Police arrested 12 men in Kano.", "Troops shelled a village near Gao."]
    docs = list(pipeline.nlp.pipe([new_doc(pipeline.nlp, t) for t in texts]))
    assert docs[0]._.ew_errors == ["eventwire_dates: ValueError: bad date table"]
    assert docs[0]._.ew_events == []  # the events component did not run on a Doc missing its dates
    assert docs[1]._.ew_errors == [] and docs[1]._.ew_events


@pytest.mark.parametrize("name", EXTRACTORS)
def test_each_component_is_a_registered_factory(name):
    from spacy.language import Language

    assert Language.has_factory(name)
