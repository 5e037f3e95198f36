"""Analyst review: verdicts and corrections of stored events, kept apart from the extraction.

An analyst marks an event ``confirmed`` or ``rejected``, or corrects a field (:data:`FIELDS`) with a note. Each
review is one row of the store's ``reviews`` table (:meth:`eventwire.store.Store.add_review`), never a change to the
event: the machine's reading and the analyst's stay side by side. Reviews are keyed by the event id, a hash of the
article text, the trigger's offset and the event's type and mode, so re-ingesting the same report (another
``--published``, a re-run) finds them again; an event a newer extractor reads differently gets a new id, and its
old reviews stay listed (``current`` false) with the machine's event as it was (``extracted``).

Reading reviews: :func:`effective` folds an event's reviews, oldest first, into one (the latest verdict, each
field's latest correction); :func:`apply_review` returns a copy of the event with the corrected values, in the
record's own shape, so every export (:mod:`eventwire.export`) and :func:`eventwire.rows.event_row` read it as they
read any event. :func:`reviewed_pairs` and :func:`reviewed_rows` do that for the ``--reviewed`` exports and lists:
rejected events are left out. Filters select on the machine's values.

Example:
    >>> event = {"id": "e1", "type": "ASSAULT", "acled": None, "counts": {}}
    >>> review = effective([{"status": "confirmed", "corrections": {"killed": 3}, "note": "per the ministry",
    ...                      "created_at": "2026-01-01T00:00:00Z", "reviewer": None}])
    >>> fixed = apply_review(event, review)
    >>> fixed["counts"]["killed"]["value"], fixed["review"]["status"], event["counts"]
    (3, 'confirmed', {})
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from eventwire.errors import EventwireError, msg
from eventwire.gazetteer import country_info
from eventwire.rows import event_row

#: PLOVER's sixteen event types (../shared/docs/taxonomy.md).
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: ACLED's event types and their sub-event types (the same list as :mod:`eventwire.eval.events`).
ACLED_SUBTYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
ACLED_TYPE_OF = {sub: etype for etype, subs in ACLED_SUBTYPES.items() for sub in subs}

#: Verdicts an analyst can give.
STATUSES = ("confirmed", "rejected")

#: The fields an analyst can correct, and what each takes.
FIELDS: dict[str, str] = {
    "type": "PLOVER event type, one of PLOVER_TYPES",
    "acled_event_type": "ACLED event type, or null for none",
    "acled_sub_event_type": "ACLED sub-event type (sets the event type too), or null",
    "actors": "list of actor names (first is ACLED's actor1)",
    "targets": "list of target names (first is ACLED's actor2)",
    "location": 'object {"name", "admin1", "country" (ISO2), "lat", "lon"}; name required',
    "date": "YYYY-MM-DD",
    "killed": "whole number >= 0, or null",
    "injured": "whole number >= 0, or null",
    "arrested": "whole number >= 0, or null",
}

#: The columns of :func:`eventwire.rows.event_row` a correction can change (what :func:`reviewed_rows` replaces).
CORRECTED_COLUMNS = (
    "type",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor1_country",
    "actor1_sector",
    "assoc_actors",
    "actor2",
    "actor2_country",
    "actor2_sector",
    "assoc_targets",
    "date_value",
    "date_value_end",
    "date_precision",
    "time_precision",
    "date_text",
    "location_name",
    "geonameid",
    "lat",
    "lon",
    "admin1",
    "country",
    "country_name",
    "geo_precision",
    "killed",
    "injured",
    "arrested",
    "counts_json",
)

MAX_TEXT = 300
MAX_NOTE = 2000
MAX_NAMES = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bad(why: str) -> EventwireError:
    return EventwireError(msg("EW315", why=why))


def _text(field: str, value: object, *, limit: int = MAX_TEXT, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _bad(f"{field} is required")
        return None
    if not isinstance(value, str):
        raise _bad(f"{field} must be text")
    if len(value) > limit:
        raise _bad(f"{field} is longer than {limit} characters")
    return value.strip()


def _number(field: str, value: object, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _bad(f"{field} must be a number from {low:g} to {high:g}")
    return float(value)


def check_review(status: object, corrections: object, note: object) -> tuple[str | None, dict[str, Any], str | None]:
    """Check one review as a client sends it; return ``(status, corrections, note)`` cleaned, or raise
    :class:`EventwireError` (``[EW315] ...``) naming what is wrong.

    Example:
        >>> status, corrections, note = check_review("confirmed", {"acled_sub_event_type": "Arrests"}, " ok ")
        >>> status, corrections["acled_event_type"], note
        ('confirmed', 'Strategic developments', 'ok')
        >>> check_review("maybe", {}, None)
        Traceback (most recent call last):
        ...
        eventwire.errors.EventwireError: [EW315] Bad review: status must be one of confirmed, rejected, or null.
    """
    if status is not None and status not in STATUSES:
        raise _bad(f"status must be one of {', '.join(STATUSES)}, or null")
    if corrections is None:
        corrections = {}
    if not isinstance(corrections, dict):
        raise _bad("corrections must be an object of field -> value")
    unknown = sorted(set(corrections) - set(FIELDS))
    if unknown:
        raise _bad(f"cannot correct {', '.join(map(repr, unknown))[:200]}; fields: {', '.join(FIELDS)}")
    clean: dict[str, Any] = {}
    for field, value in corrections.items():
        clean[field] = _check_field(field, value)
    sub = clean.get("acled_sub_event_type")
    if sub is not None:
        parent = ACLED_TYPE_OF[sub]
        if clean.get("acled_event_type", parent) != parent:
            raise _bad(f"{sub!r} is a sub-type of {parent!r}, not of {clean['acled_event_type']!r}")
        clean["acled_event_type"] = parent
    note = _text("note", note, limit=MAX_NOTE)
    if status is None and not clean and not note:
        raise _bad("give a status, a correction or a note")
    return status, clean, note  # type: ignore[return-value]


def _check_field(field: str, value: object) -> Any:
    if field == "type":
        if value not in PLOVER_TYPES:
            raise _bad(f"type must be a PLOVER type ({', '.join(PLOVER_TYPES)})")
        return value
    if field == "acled_event_type":
        if value is not None and value not in ACLED_SUBTYPES:
            raise _bad(f"acled_event_type must be one of {', '.join(ACLED_SUBTYPES)}, or null")
        return value
    if field == "acled_sub_event_type":
        if value is not None and value not in ACLED_TYPE_OF:
            raise _bad("acled_sub_event_type is not an ACLED sub-event type")
        return value
    if field in ("actors", "targets"):
        if not isinstance(value, list) or len(value) > MAX_NAMES:
            raise _bad(f"{field} must be a list of at most {MAX_NAMES} names")
        return [name for name in (_text(field, v) for v in value) if name]
    if field == "location":
        if not isinstance(value, dict):
            raise _bad('location must be an object {"name", "admin1", "country", "lat", "lon"}')
        extra = set(value) - {"name", "admin1", "country", "lat", "lon"}
        if extra:
            raise _bad(f"location has unknown keys {sorted(extra)}")
        country = _text("location.country", value.get("country"), limit=3)
        if country is not None:
            info = country_info(country)
            if info is None:
                raise _bad(f"location.country {country!r} is not a country code")
            country = info["iso2"]
        lat = _number("location.lat", value.get("lat"), -90, 90)
        lon = _number("location.lon", value.get("lon"), -180, 180)
        if (lat is None) != (lon is None):
            raise _bad("location needs both lat and lon, or neither")
        return {
            "name": _text("location.name", value.get("name"), required=True),
            "admin1": _text("location.admin1", value.get("admin1")),
            "country": country,
            "lat": lat,
            "lon": lon,
        }
    if field == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            raise _bad("date must be YYYY-MM-DD")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _bad(f"date {value!r} is not a calendar date") from None
        return value
    # counts
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise _bad(f"{field} must be a whole number >= 0, or null")
    return value


def effective(reviews: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """One event's reviews (oldest first, as :meth:`eventwire.store.Store.reviews` lists them) folded into one:
    the latest verdict, each field's latest correction, the latest note; None when there are none.

    Example:
        >>> effective([{"status": "rejected", "corrections": {"killed": 2}, "note": "dup", "created_at": "t1"},
        ...            {"status": None, "corrections": {"killed": 3}, "note": None, "created_at": "t2"}])
        {'status': 'rejected', 'corrections': {'killed': 3}, 'note': 'dup', 'reviews': 2, 'updated_at': 't2'}
    """
    out: dict[str, Any] | None = None
    for review in reviews:
        if out is None:
            out = {"status": None, "corrections": {}, "note": None, "reviews": 0, "updated_at": None}
        if review.get("status"):
            out["status"] = review["status"]
        out["corrections"].update(review.get("corrections") or {})
        if review.get("note"):
            out["note"] = review["note"]
        out["reviews"] += 1
        out["updated_at"] = review.get("created_at")
    return out


def by_event(reviews: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """:func:`effective` review per event id, for a list of reviews of several events.

    Example:
        >>> by_event([{"event_id": "e1", "status": "confirmed"}])["e1"]["status"]
        'confirmed'
    """
    grouped: dict[str, list[dict[str, Any]]] = {}
    for review in reviews:
        grouped.setdefault(review["event_id"], []).append(review)
    return {event_id: effective(items) for event_id, items in grouped.items()}  # type: ignore[misc]


def _party(name: str, old: list[dict[str, Any]]) -> dict[str, Any]:
    for party in old:
        if isinstance(party, dict) and (party.get("name") or party.get("text")) == name:
            return party  # the machine's party, with its evidence span, when the analyst kept it
    return {"text": None, "name": name, "country": None, "sector": None, "start": None, "end": None}


def apply_review(event: dict[str, Any], review: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of ``event`` with ``review``'s corrections in the record's own shape, plus ``event["review"]``
    (``status``, ``corrected`` field names, ``note``); the event itself when there is no review.

    A corrected value has no evidence span (``start``/``end`` null): it is the analyst's, not the text's.

    Example:
        >>> ev = {"id": "e1", "actors": [{"name": "Police", "start": 0, "end": 6}]}
        >>> fixed = apply_review(ev, {"status": None, "corrections": {"actors": ["Police", "Army"]}, "note": None})
        >>> [(a["name"], a["start"]) for a in fixed["actors"]], fixed["review"]["corrected"]
        ([('Police', 0), ('Army', None)], ['actors'])
    """
    if not review:
        return event
    fixed = json.loads(json.dumps(event))
    corrections = review.get("corrections") or {}
    for field, value in corrections.items():
        if field == "type":
            fixed["type"] = value
        elif field in ("acled_event_type", "acled_sub_event_type"):
            acled = dict(fixed.get("acled") or {})
            acled["event_type" if field == "acled_event_type" else "sub_event_type"] = value
            fixed["acled"] = acled
        elif field in ("actors", "targets"):
            old = fixed.get(field) if isinstance(fixed.get(field), list) else []
            fixed[field] = [_party(name, old) for name in value]
        elif field == "location":
            info = country_info(value["country"]) if value.get("country") else None
            place = {
                "text": None,
                "name": value["name"],
                "geonameid": None,
                "lat": value.get("lat"),
                "lon": value.get("lon"),
                "admin1": value.get("admin1"),
                "country": value.get("country"),
                "country_name": info["name"] if info else None,
                "precision": None,
                "start": None,
                "end": None,
            }
            fixed["location"], fixed["locations"] = place, [place]
        elif field == "date":
            fixed["date"] = {"value": value, "precision": "day", "time_precision": 1, "text": None}
            fixed["date"].update(start=None, end=None)
        else:  # a count
            counts = dict(fixed.get("counts") or {})
            counts[field] = None if value is None else {"value": value, "qualifier": "exact", "text": None}
            if counts[field] is not None:
                counts[field].update(start=None, end=None)
            fixed["counts"] = counts
    acled = fixed.get("acled")
    if isinstance(acled, dict) and not acled.get("event_type"):
        fixed["acled"] = None  # the analyst says ACLED would not code it
    fixed["review"] = {"status": review.get("status"), "corrected": sorted(corrections), "note": review.get("note")}
    return fixed


def reviewed_pairs(store: Any, pairs: Iterable[tuple[dict, dict]]) -> Iterator[tuple[dict, dict]]:
    """``(record, event)`` pairs (as :meth:`eventwire.store.Store.event_records` yields them) with every review
    applied; rejected events are left out. Reviews are read a batch of events at a time.

    Example:
        >>> list(reviewed_pairs(None, []))
        []
    """
    batch: list[tuple[dict, dict]] = []

    def flush() -> Iterator[tuple[dict, dict]]:
        found = by_event(store.reviews([event.get("id") for _, event in batch]))
        for record, event in batch:
            review = found.get(event.get("id"))
            if review and review["status"] == "rejected":
                continue
            yield record, apply_review(event, review)
        batch.clear()

    for pair in pairs:
        batch.append(pair)
        if len(batch) >= 500:
            yield from flush()
    if batch:
        yield from flush()


def reviewed_records(store: Any, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Article records with every event's review applied (:func:`apply_review`) and rejected events left out.

    Example:
        >>> list(reviewed_records(None, []))
        []
    """
    for record in records:
        events = record.get("events") or []
        pairs = reviewed_pairs(store, ((record, event) for event in events)) if events else []
        yield {**record, "events": [event for _, event in pairs]}


def reviewed_rows(store: Any, rows: list[dict[str, Any]], *, drop_rejected: bool = True) -> list[dict[str, Any]]:
    """Flat event rows (:meth:`eventwire.store.Store.events`) with ``review_status`` and ``review_note`` added and
    the corrected columns (:data:`CORRECTED_COLUMNS`) replaced; rejected events are left out unless
    ``drop_rejected`` is false.

    Example:
        >>> reviewed_rows(None, [])
        []
    """
    if not rows:
        return []
    found = by_event(store.reviews([row["id"] for row in rows]))
    out = []
    for row in rows:
        review = found.get(row["id"])
        if review is None:
            out.append({**row, "review_status": None, "review_note": None})
            continue
        if drop_rejected and review["status"] == "rejected":
            continue
        item = {**row, "review_status": review["status"], "review_note": review["note"]}
        if review["corrections"]:
            pair = store.event(row["id"])
            if pair is not None:
                fixed = event_row(pair[0], apply_review(pair[1], review))
                item.update({column: fixed[column] for column in CORRECTED_COLUMNS})
        out.append(item)
    return out


def write_reviews_jsonl(store: Any, fp: TextIO) -> int:
    """Write every review as JSON Lines, oldest first, each with the article text's evidence around it (the event's
    sentence) and the effective corrected event, so the file can become gold or training data; return the count.

    Example:
        >>> import io
        >>> from eventwire.store import Store
        >>> write_reviews_jsonl(Store(":memory:"), io.StringIO())
        0
    """
    n = 0
    all_reviews = store.reviews()
    folded = by_event(all_reviews)
    for review in all_reviews:
        extracted = review.get("extracted") or {}
        pair = store.event(review["event_id"])
        record = pair[0] if pair else {"article": {"id": review.get("article_id")}}
        row = event_row(record, extracted)
        line = {
            **{k: review[k] for k in ("id", "event_id", "article_id", "status", "corrections", "note", "reviewer")},
            "created_at": review["created_at"],
            "current": review["current"],
            "sentence": row["sentence_text"],
            "extracted": extracted,
            "reviewed": apply_review(extracted, folded.get(review["event_id"])),
        }
        fp.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n
