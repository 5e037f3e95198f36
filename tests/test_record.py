"""Assembling the record (record.py): ids, the empty record, the report's own voice, and filling by extractors.

Every report is fictional, written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.components import new_doc
from eventwire.ingest.readers import Article
from eventwire.record import FORMAT, empty_record, fill_record, report_voice, text_key
from eventwire.schema import validate


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Troops entered the town.", "Troops entered the town.", True),
        ("Troops entered the town.", "Troops entered the town!", False),
        ("", "", True),
        ("Café", "Cafe", False),  # the key reads the exact characters
    ],
)
def test_text_key_is_a_short_stable_hash(a, b, same):
    assert len(text_key(a)) == 16 and all(c in "0123456789abcdef" for c in text_key(a))
    assert (text_key(a) == text_key(b)) is same


@pytest.mark.parametrize(
    "article, language",
    [
        (Article(id="r1", text="Rain fell on the coast."), "en"),
        (
            Article(
                id="r2",
                text="Farmers marched in Tamale.",
                title="March in Tamale",
                published=dt.date(2025, 3, 4),
                source="Coast Herald",
                url="https://example.org/r2",
                warnings=["[EW000] a reader's warning"],
            ),
            None,
        ),
    ],
)
def test_empty_record_carries_the_article_and_nothing_extracted(article, language):
    rec = empty_record(article, language)
    assert rec["format"] == FORMAT == 1
    assert rec["article"]["id"] == article.id and rec["article"]["text"] == article.text
    assert rec["article"]["published"] == (article.published.isoformat() if article.published else None)
    assert rec["article"]["language"] == language and rec["article"]["source"] == article.source
    assert (rec["events"], rec["places"], rec["quotes"], rec["entities"]) == ([], [], [], [])
    assert rec["warnings"] == article.warnings and rec["warnings"] is not article.warnings  # a copy
    assert validate(rec) == []


@pytest.mark.parametrize("source", ["Coast Herald", None])
def test_report_voice_is_the_publisher_without_evidence(source):
    voice = report_voice(Article(id="r", text="...", source=source))
    assert voice == {"source": source, "kind": "media", "voice": "report", "text": None, "start": None, "end": None}


@pytest.mark.parametrize(
    "text, published, warning_codes",
    [
        ("Police arrested 14 protesters in Nairobi on Friday.", dt.date(2025, 11, 9), []),
        ("Police arrested 14 protesters in Nairobi on Friday.", None, ["EW032"]),
        ("Soldiers shelled the village of Xqzvworth.", dt.date(2025, 11, 9), ["EW101"]),
    ],
)
def test_fill_record_reads_the_extractors_results_and_warns(pipeline, text, published, warning_codes):
    article = Article(id="r", text=text, published=published)
    doc = pipeline.nlp(new_doc(pipeline.nlp, text, published=published))
    rec = fill_record(empty_record(article, "en"), article, doc)
    assert validate(rec) == []
    assert rec["events"], text
    assert all(e["attribution"] is not None for e in rec["events"])  # unattributed events speak as the report
    assert [w[1:6] for w in rec["warnings"]] == warning_codes
    # private working keys never leave the record module
    for item in rec["places"] + rec["quotes"]:
        assert not any(k.startswith("_") for k in item)


def test_a_place_coded_to_the_unit_holding_it_is_a_warning(pipeline):
    text = "Gunmen attacked a village in Zzqarville district, Kano state on Monday."
    article = Article(id="w", text=text, published=dt.date(2025, 11, 9))
    doc = pipeline.nlp(new_doc(pipeline.nlp, text, published=article.published))
    rec = fill_record(empty_record(article, "en"), article, doc)
    assert any(w.startswith("[EW102]") and "Zzqarville" in w for w in rec["warnings"])
    assert not any(k.startswith("_") for p in rec["places"] for k in p)
