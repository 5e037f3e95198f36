"""Assembling the article record (format 1) from an article and its spaCy Doc.

The extractor components (``components.py``) leave their results on the Doc; this module alone turns them into the
format-1 dict. Of a found place (``places.FoundPlace``) the record keeps the public fields and adds its ``role``;
the fields for the components (``root``, ``prep``, ``precision``, ``metonym``, ``warning``) never leave this module.
"""

from __future__ import annotations

import hashlib
import logging

from spacy.tokens import Doc

from eventwire import __version__
from eventwire.errors import msg
from eventwire.extractors.places import RECORD_FIELDS, FoundPlace
from eventwire.ingest.readers import Article

FORMAT = 1
log = logging.getLogger("eventwire.record")


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
            # where the report was read (a file, ``file:LINE``, ``file#OFFSET``); None for text given directly
            "origin": None if article.origin == "<text>" else article.origin,
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


def place_record(place: FoundPlace, role: str) -> dict:
    """The record's place (format 1) for a found place: its public fields and its ``role``, "event" when it locates
    an event of the record (``Doc._.ew_event_places``), else "mentioned".

    Example:
        >>> found = {"text": "Kano", "name": "Kano", "geonameid": 2335204, "lat": 12.0, "lon": 8.5,
        ...          "admin1": "Kano", "country": "NG", "country_name": "Nigeria", "feature": "city",
        ...          "kind": "toponym", "start": 25, "end": 29, "root": 5, "prep": "in", "precision": 1,
        ...          "metonym": False, "warning": None}
        >>> list(place_record(found, "event"))[-4:]
        ['kind', 'role', 'start', 'end']
    """
    out: dict = {}
    for field in RECORD_FIELDS:
        out[field] = place[field]
        if field == "kind":
            out["role"] = role  # the format gives the role after the kind
    return out


def fill_record(record: dict, article: Article, doc: Doc) -> dict:
    """Fill ``record`` (from :func:`empty_record`) in place from what the extractor components left on ``doc``.

    A component's failure (``doc._.ew_errors``) leaves the article without extracted values and with a warning
    saying why; its text and metadata are kept. Past its time budget (``doc._.ew_over_budget``), the article keeps
    its text, metadata and named entities, with a warning.

    Example:
        >>> # fill_record(empty_record(a, "en"), a, nlp(components.new_doc(nlp, a.text, published=a.published)))
    """
    if doc._.ew_errors:
        log.error("extraction failed for %s: %s", article.origin, "; ".join(doc._.ew_errors))
        record["warnings"].append(msg("EW033", error=doc._.ew_errors[0][:200]))
        return record
    entities = [{"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char} for e in doc.ents]
    if doc._.ew_over_budget is not None:
        log.warning("extraction of %s stopped after %s s", article.origin, doc._.ew_over_budget)
        record["entities"] = entities
        record["warnings"].append(msg("EW035", seconds=doc._.ew_over_budget))
        return record
    places = doc._.ew_places
    events = doc._.ew_events
    for event in events:
        if event["attribution"] is None:
            event["attribution"] = report_voice(article)
    record["events"] = events
    event_places = set(doc._.ew_event_places or ())
    record["places"] = [place_record(p, "event" if i in event_places else "mentioned") for i, p in enumerate(places)]
    record["quotes"] = [_public(q) for q in doc._.ew_quotes]
    record["entities"] = entities
    if article.published is None:
        record["warnings"].append(msg("EW032"))
    unresolved = sorted({p["text"] for p in places if p["geonameid"] is None and p["kind"] == "toponym"})
    for name in unresolved:
        record["warnings"].append(msg("EW101", name=name))
    # a landmark or an unknown place coded to the unit that holds it says so (EW102-EW105), once per message
    for warning in dict.fromkeys(p["warning"] for p in places if p["warning"]):
        record["warnings"].append(warning)
    return record
