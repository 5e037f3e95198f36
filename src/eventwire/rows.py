"""One event as one flat row: the columns the store, the exports and the CLI all read.

An event of a format-1 record is nested (actors, locations, counts, a date, an attribution); a table, a CSV file or
a GeoJSON feature wants one value per column. :func:`event_row` is the only code that flattens an event: the store
writes its columns to the ``events`` table (:meth:`eventwire.store.Store.events` returns them with the same names),
the ACLED CSV and GeoJSON exports rename and select from it, and the CLI's tables show it. A format that needs a
column another format lacks adds it here, so that every format gives the same answer for the same event (the same
first location, the same actor names, the same counts).

:func:`location_row` flattens one place the same way (an event's locations, an article's places), and
:func:`event_locations`, :func:`party_names` and :func:`count_values` are the readings the row is made of, for the
formats that list every location, party or count rather than the first.

Values are read defensively (a record from a file may lack keys or hold the wrong types): a missing or malformed
value is None, never an exception; integers are integers or None (:func:`as_int`).

Example:
    >>> event = {"id": "e1", "type": "COERCE", "actors": [{"name": "Police"}], "counts": {"arrested": {"value": 5}},
    ...          "locations": [{"name": "Kano", "country": "NG", "lat": 12.0, "lon": 8.5}]}
    >>> row = event_row({"article": {"id": "a1", "text": ""}}, event)
    >>> row["actor1"], row["arrested"], row["location_name"], row["article_id"]
    ('Police', 5, 'Kano', 'a1')
"""

from __future__ import annotations

import json
from typing import Any

#: The columns of :func:`event_row`, in order, and what each holds. The first columns (``id`` to ``confidence``)
#: are the store's ``events`` table; the last ones are read by one format or another and not stored. "The first
#: location" is the first of :func:`event_locations`; party names are ``name``, else ``text``.
EVENT_COLUMNS: dict[str, str] = {
    "id": "the event's id",
    "article_id": "the id of the article it was found in",
    "type": "PLOVER event type (ASSAULT, PROTEST, COERCE ...)",
    "mode": "PLOVER mode (firearms, arrest ...), or None",
    "acled_event_type": "ACLED event type (Battles, Protests ...), or None",
    "acled_sub_event_type": "ACLED sub-event type (Armed clash, Arrests ...), or None",
    "trigger_text": "the trigger words",
    "trigger_start": "character offset of the trigger in the article text",
    "trigger_end": "end offset (exclusive) of the trigger",
    "actor1": "the first actor's name",
    "actor1_country": "the first actor's country (ISO3)",
    "actor1_sector": "the first actor's sector (SECURITY, REBELS ...)",
    "assoc_actors": "the other actors' names, joined by '; '",
    "actor2": "the first target's name",
    "actor2_country": "the first target's country (ISO3)",
    "actor2_sector": "the first target's sector",
    "assoc_targets": "the other targets' names, joined by '; '",
    "date_value": "the date (YYYY-MM-DD; the first day of a week, month or year)",
    "date_value_end": "the last day of a week, month or year, or None",
    "date_precision": "day, week, month or year",
    "time_precision": "ACLED time precision (1 day, 2 week, 3 month), as the record gives it",
    "date_text": "the date words",
    "location_name": "the first location's name (else its text)",
    "geonameid": "the first location's GeoNames id",
    "lat": "the first location's latitude",
    "lon": "the first location's longitude",
    "admin1": "the first location's first-order region",
    "country": "the first location's country (ISO2)",
    "country_name": "the first location's country name",
    "geo_precision": "the first location's ACLED geo precision (1 town, 2 near/region, 3 province)",
    "killed": "the number killed",
    "injured": "the number injured",
    "arrested": "the number arrested",
    "counts_json": "every count of the event as JSON (with qualifiers and spans), or None",
    "attribution_source": "who the claim comes from",
    "attribution_kind": "the source's kind (official, media, monitor, witness, anonymous ...)",
    "attribution_count": "how many sources, when the report counts them",
    "modality": "asserted, reported, planned, negated or hypothetical",
    "aggregate": "True for a figure over a period (a monthly toll), False for one incident",
    "sentence_start": "offset of the event's sentence",
    "sentence_end": "end offset of the event's sentence",
    "sentence_text": "the event's sentence, from the article text (else the sentence's own text)",
    "confidence": "how sure the extractor is (0-1)",
    # not stored in ``events``: read by an export or the CLI
    "actors": "every actor's name, joined by '; '",
    "targets": "every target's name, joined by '; '",
    "date_inherited": "True when the event has no date of its own and takes the report's",
    "admin2": "the first location's second-order region",
    "admin3": "the first location's third-order region",
    "attribution_start": "offset of the attribution's evidence",
    "attribution_end": "end offset of the attribution's evidence",
    "article_title": "the article's title",
    "article_url": "the article's url",
    "article_source": "the article's publisher",
    "article_published": "the article's publication date",
}

#: The columns of :func:`location_row`, in order.
LOCATION_COLUMNS: dict[str, str] = {
    "name": "the place's name (GeoNames')",
    "text": "the words of the article that name it",
    "geonameid": "its GeoNames id",
    "lat": "latitude",
    "lon": "longitude",
    "admin1": "first-order region",
    "country": "country (ISO2)",
    "country_name": "country name",
    "precision": "ACLED geo precision (1, 2, 3)",
    "start": "offset of the words in the article text",
    "end": "end offset of the words",
}


def as_int(value: object) -> int | None:
    """``value`` as an int when it is one (or a whole float); None for anything else, booleans included.

    Example:
        >>> as_int(3), as_int(3.0), as_int(3.5), as_int("3"), as_int(True)
        (3, 3, None, None, None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def party_names(parties: object) -> list[str]:
    """The names of a list of actors or targets (``name``, else ``text``), skipping what is not a party.

    Example:
        >>> party_names([{"name": "Police"}, {"text": "gunmen", "name": None}, "junk", {"name": ""}])
        ['Police', 'gunmen']
    """
    if not isinstance(parties, list):
        return []
    return [n for n in ((p.get("name") or p.get("text")) for p in parties if isinstance(p, dict)) if n]


def event_locations(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Every place an event happened: ``event["locations"]``, else ``[event["location"]]``, else ``[]``.

    Example:
        >>> event_locations({"location": {"name": "Aleppo"}, "locations": []})
        [{'name': 'Aleppo'}]
    """
    locations = [loc for loc in (event.get("locations") or []) if isinstance(loc, dict)]
    if not locations and isinstance(event.get("location"), dict):
        locations = [event["location"]]
    return locations


def count_values(event: dict[str, Any]) -> dict[str, int | None]:
    """Every count of an event as a number (``{"killed": 8, "injured": 4}``), without qualifiers or spans.

    Example:
        >>> count_values({"counts": {"killed": {"value": 8, "qualifier": "exact"}, "injured": None, "arrested": 3}})
        {'killed': 8, 'arrested': 3}
    """
    values: dict[str, int | None] = {}
    for key, count in _dict(event.get("counts")).items():
        if count is not None:
            values[key] = as_int(count.get("value")) if isinstance(count, dict) else as_int(count)
    return values


def has_point(lat: object, lon: object) -> bool:
    """Whether ``lat``/``lon`` are numbers on the globe (a place that can be put on a map).

    Example:
        >>> has_point(36.2, 37.16), has_point(None, 37.16), has_point(91, 0), has_point(True, 0)
        (True, False, False, False)
    """
    return (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and not isinstance(lat, bool)
        and not isinstance(lon, bool)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def location_row(location: dict[str, Any]) -> dict[str, Any]:
    """One place (an event's location or an article's place) as a flat row over :data:`LOCATION_COLUMNS`.

    Example:
        >>> location_row({"name": "Homs", "geonameid": 169577.0, "lat": 34.7, "lon": 36.7, "precision": 1})["geonameid"]
        169577
    """
    return {
        "name": location.get("name"),
        "text": location.get("text"),
        "geonameid": as_int(location.get("geonameid")),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "admin1": location.get("admin1"),
        "country": location.get("country"),
        "country_name": location.get("country_name"),
        "precision": as_int(location.get("precision")),
        "start": as_int(location.get("start")),
        "end": as_int(location.get("end")),
    }


def _slice(text: str, start: object, end: object) -> str | None:
    start, end = as_int(start), as_int(end)
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return None
    return text[start:end]


def event_row(record: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """The event as one flat row over :data:`EVENT_COLUMNS` (see there for each column), with its article's fields.

    ``record`` is the article record the event belongs to (its ``article`` gives the article columns and the text
    the sentence is cut from); the event need not be in ``record["events"]``.

    Example:
        >>> event = {"id": "e1", "type": "ASSAULT", "actors": [{"name": "Gunmen"}, {"name": "Militia"}],
        ...          "date": {"value": "2025-11-08", "precision": "day", "inherited": True},
        ...          "sentence": {"start": 0, "end": 14}, "aggregate": False}
        >>> row = event_row({"article": {"id": "a1", "text": "Gunmen struck. Then..."}}, event)
        >>> row["actor1"], row["assoc_actors"], row["actors"], row["date_inherited"], row["sentence_text"]
        ('Gunmen', 'Militia', 'Gunmen; Militia', True, 'Gunmen struck.')
    """
    article = _dict(record.get("article"))
    text = article.get("text") if isinstance(article.get("text"), str) else ""
    actors = [a for a in (event.get("actors") or []) if isinstance(a, dict)]
    targets = [t for t in (event.get("targets") or []) if isinstance(t, dict)]
    actor_names, target_names = party_names(actors), party_names(targets)
    locations = event_locations(event)
    first = locations[0] if locations else {}
    place = location_row(first)
    acled, trigger = _dict(event.get("acled")), _dict(event.get("trigger"))
    date, attribution = _dict(event.get("date")), _dict(event.get("attribution"))
    sentence = _dict(event.get("sentence"))
    counts = _dict(event.get("counts"))
    values = count_values(event)
    aggregate = event.get("aggregate")
    inherited = date.get("inherited")
    return {
        "id": event.get("id"),
        "article_id": article.get("id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "trigger_text": trigger.get("text"),
        "trigger_start": as_int(trigger.get("start")),
        "trigger_end": as_int(trigger.get("end")),
        "actor1": actor_names[0] if actor_names else None,
        "actor1_country": actors[0].get("country") if actors else None,
        "actor1_sector": actors[0].get("sector") if actors else None,
        "assoc_actors": "; ".join(actor_names[1:]) or None,
        "actor2": target_names[0] if target_names else None,
        "actor2_country": targets[0].get("country") if targets else None,
        "actor2_sector": targets[0].get("sector") if targets else None,
        "assoc_targets": "; ".join(target_names[1:]) or None,
        "date_value": date.get("value"),
        "date_value_end": date.get("value_end"),
        "date_precision": date.get("precision"),
        "time_precision": as_int(date.get("time_precision")),
        "date_text": date.get("text"),
        "location_name": place["name"] or place["text"],
        "geonameid": place["geonameid"],
        "lat": place["lat"],
        "lon": place["lon"],
        "admin1": place["admin1"],
        "country": place["country"],
        "country_name": place["country_name"],
        "geo_precision": place["precision"],
        "killed": values.get("killed"),
        "injured": values.get("injured"),
        "arrested": values.get("arrested"),
        # compact JSON, as every JSON column of the store
        "counts_json": json.dumps(counts, ensure_ascii=False, separators=(",", ":")) if counts else None,
        "attribution_source": attribution.get("source"),
        "attribution_kind": attribution.get("kind"),
        "attribution_count": as_int(attribution.get("count")),
        "modality": event.get("modality"),
        "aggregate": None if aggregate is None else bool(aggregate),
        "sentence_start": as_int(sentence.get("start")),
        "sentence_end": as_int(sentence.get("end")),
        "sentence_text": _slice(text, sentence.get("start"), sentence.get("end")) or sentence.get("text"),
        "confidence": event.get("confidence"),
        "actors": "; ".join(actor_names) or None,
        "targets": "; ".join(target_names) or None,
        "date_inherited": None if inherited is None else bool(inherited),
        "admin2": first.get("admin2"),
        "admin3": first.get("admin3"),
        "attribution_start": as_int(attribution.get("start")),
        "attribution_end": as_int(attribution.get("end")),
        "article_title": article.get("title"),
        "article_url": article.get("url"),
        "article_source": article.get("source"),
        "article_published": article.get("published"),
    }
