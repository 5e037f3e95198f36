"""Assembling the article record (format 1) from an article and its spaCy Doc.

The order is fixed and one-way: places, dates and quotes first (events read them), then events, then the
``places`` list (whose ``role`` the events set). Private working keys (``_root`` ...) never leave this module.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from eventwire import __version__
from eventwire.errors import msg
from eventwire.extractors.dates import find_dates
from eventwire.extractors.events import find_events
from eventwire.extractors.places import find_places
from eventwire.extractors.quotes import find_quotes
from eventwire.gazetteer import Gazetteer
from eventwire.ingest.readers import Article

FORMAT = 1


def text_key(text: str) -> str:
    """A short content hash of a text, the base of stable ids.

    Example:
        >>> text_key("abc")
        'a9993e364706816a'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def empty_record(article: Article, language: str | None) -> dict:
    """The record of an article before extraction: its metadata, text and warnings, no extracted values.

    Example:
        >>> empty_record(Article(id="a1", text="Hi."), "en")["events"]
        []
    """
    return {
        "format": FORMAT,
        "article": {
            "id": article.id,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source,
            "url": article.url,
            "language": language,
            "text": article.text,
        },
        "events": [],
        "places": [],
        "quotes": [],
        "entities": [],
        "warnings": list(article.warnings),
        "extractor": {"name": "eventwire", "version": __version__},
    }


def report_voice(article: Article) -> dict:
    """The attribution of an event the report states in its own voice: the publisher, with no evidence span.

    Example:
        >>> report_voice(Article(id="a", text="...", source="Reuters"))["kind"]
        'media'
    """
    return {"source": article.source, "kind": "media", "voice": "report", "text": None, "start": None, "end": None}


def _public(d: dict) -> dict:
    return {k: v for k, v in d.items() if not k.startswith("_")}


def fill_record(record: dict, article: Article, doc: Doc, gazetteer: Gazetteer, *, limit_char: int) -> dict:
    """Run every extractor over ``doc`` and fill ``record`` (from :func:`empty_record`) in place.

    ``limit_char`` bounds the analysed part of the text (the doc covers at most that much).

    Example:
        >>> # fill_record(empty_record(a, "en"), a, nlp(a.text), Gazetteer.default(), limit_char=len(a.text))
    """
    published = article.published
    places = find_places(doc, gazetteer, limit_char=limit_char)
    dates = find_dates(doc, published)
    quotes = find_quotes(doc)
    events = find_events(
        doc,
        places=places,
        dates=dates,
        quotes=quotes,
        published=published,
        gazetteer=gazetteer,
        limit_char=limit_char,
        text_key=text_key(article.text),
    )
    for event in events:
        if event["attribution"] is None:
            event["attribution"] = report_voice(article)
    record["events"] = events
    record["places"] = [_public(p) for p in places]
    record["quotes"] = [_public(q) for q in quotes]
    record["entities"] = [
        {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char} for e in doc.ents
    ]
    if published is None:
        record["warnings"].append(msg("EW032"))
    unresolved = sorted({p["text"] for p in places if p["geonameid"] is None and p["kind"] == "toponym"})
    for name in unresolved:
        record["warnings"].append(msg("EW101", name=name))
    return record
