"""The REST API (``/api/...``): events, articles with their evidence spans, sources, stats, exports, reviews, ingest.

Every read goes through :class:`eventwire.store.Store` (parameterised SQL only); every value comes back as JSON data,
never as markup. Writes (``POST``) need the server's token as ``Authorization: Bearer <token>``; a server started
without a token answers them 403.

Example:
    >>> from fastapi.testclient import TestClient  # doctest: +SKIP
    >>> client = TestClient(create_app("eventwire.db"))  # doctest: +SKIP
    >>> page = client.get("/api/events", params={"type": "PROTEST", "limit": 2}).json()  # doctest: +SKIP
    >>> client.get("/api/events", params={"cursor": page["next_cursor"]}).json()  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import binascii
import csv
import hmac
import io
import json
import queue
import threading
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from eventwire import export, reviews
from eventwire.errors import EventwireError, msg
from eventwire.rows import event_row
from eventwire.store import SORTS, Store

router = APIRouter(prefix="/api")

#: Modalities of acts that happened, are happening or are decided: what lists show unless asked for all (as the CLI).
HAPPENED = ("asserted", "reported", "planned")
MAX_TEXT = 200


# ---------------------------------------------------------------------------------------------------- helpers


def _stores(request: Request) -> Any:
    return request.app.state.stores


class _ThreadStore:
    """The store of whichever thread uses it: FastAPI runs a sync dependency and its endpoint in different worker
    threads, and an SQLite connection must stay in the thread that opened it, so the connection is looked up at
    each call (:meth:`eventwire.web.app.Stores.get`)."""

    def __init__(self, stores: Any) -> None:
        self._stores = stores

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stores.get(), name)


async def store(request: Request) -> Store:
    """This request's store (a FastAPI dependency; async, so it runs in no worker thread of its own)."""
    return _ThreadStore(_stores(request))  # type: ignore[return-value]


StoreDep = Annotated[Store, Depends(store)]


async def require_token(request: Request) -> None:
    """Allow a write only with the server's bearer token: 403 when the server has none, 401 when it is missing
    or wrong (compared in constant time)."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with a token (EVENTWIRE_TOKEN) to allow writes")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


class Filters(BaseModel):
    """The filters of ``eventwire events`` (see :meth:`eventwire.store.Store.events`)."""

    type: str | None = Field(None, max_length=MAX_TEXT, description="PLOVER type, e.g. ASSAULT")
    acled_type: str | None = Field(None, max_length=MAX_TEXT, description="ACLED event type or sub-type")
    country: str | None = Field(None, max_length=MAX_TEXT, description="ISO2, ISO3 or name")
    admin1: str | None = Field(None, max_length=MAX_TEXT, description="first-order region")
    since: str | None = Field(None, max_length=32, description="YYYY[-MM[-DD]], inclusive")
    until: str | None = Field(None, max_length=32, description="YYYY[-MM[-DD]], inclusive")
    text: str | None = Field(None, max_length=MAX_TEXT, description="words in the sentence, trigger, actors, title")
    source: str | None = Field(None, max_length=MAX_TEXT, description="who the claim comes from")
    modality: Literal["asserted", "reported", "planned", "negated", "hypothetical"] | None = None
    all_modalities: bool = Field(False, description="also list negated and hypothetical acts")
    article_id: str | None = Field(None, max_length=MAX_TEXT)

    def store_filters(self) -> dict[str, Any]:
        """The keyword filters of :meth:`Store.events`."""
        values = self.model_dump(exclude={"all_modalities"})
        values["modality"] = self.modality or (None if self.all_modalities else list(HAPPENED))
        return {k: v for k, v in values.items() if v not in (None, "")}


Modality = Literal["asserted", "reported", "planned", "negated", "hypothetical"]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
DateText = Annotated[str | None, Query(max_length=32, description="YYYY[-MM[-DD]], inclusive")]


async def filters(
    type: Annotated[str | None, Query(max_length=MAX_TEXT, description="PLOVER type, e.g. ASSAULT")] = None,
    acled_type: Annotated[str | None, Query(max_length=MAX_TEXT, description="ACLED event type or sub-type")] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT, description="ISO2, ISO3 or name")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT, description="first-order region")] = None,
    since: DateText = None,
    until: DateText = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT, description="words in the sentence, actors, title")] = None,
    source: Annotated[str | None, Query(max_length=MAX_TEXT, description="who the claim comes from")] = None,
    modality: Annotated[Modality | None, Query()] = None,
    all_modalities: Annotated[bool, Query(description="also list negated and hypothetical acts")] = False,
    article_id: Text = None,
) -> Filters:
    """The filters of a request's query string (a FastAPI dependency)."""
    return Filters(
        type=type,
        acled_type=acled_type,
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        text=text,
        source=source,
        modality=modality,
        all_modalities=all_modalities,
        article_id=article_id,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


def encode_cursor(sort: str, key: list[Any]) -> str:
    """An opaque page cursor: the sort and the last row's sort key.

    Example:
        >>> decode_cursor(encode_cursor("date", ["2025-11-08", 7]), "date")
        ['2025-11-08', 7]
    """
    raw = json.dumps([sort, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    """The sort key a cursor holds; :class:`EventwireError` (EW313) for one this server did not make for ``sort``.

    Example:
        >>> decode_cursor("bm9wZQ", "date")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        eventwire.errors.EventwireError: [EW313] Bad cursor: ...
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, key = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise EventwireError(msg("EW313")) from None
    if made_for != sort or not isinstance(key, list):
        raise EventwireError(msg("EW313"))
    return key


def _review_summary(review: dict[str, Any] | None) -> dict[str, Any] | None:
    if not review:
        return None
    return {
        "status": review["status"],
        "corrected": sorted(review["corrections"]),
        "note": review["note"],
        "reviews": review["reviews"],
    }


def _article_meta(record: dict[str, Any]) -> dict[str, Any]:
    article = record.get("article") or {}
    return {k: article.get(k) for k in ("id", "title", "published", "source", "url", "language")}


# ---------------------------------------------------------------------------------------------------- events


@router.get("/events", summary="List events (filters, cursor pagination, sort)")
def list_events(
    s: StoreDep,
    request: Request,
    filters: FiltersDep,
    sort: Annotated[Literal["ingest", "-ingest", "date", "-date"], Query()] = "ingest",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    reviewed: Annotated[bool, Query(description="analysts' values; rejected events left out")] = False,
    total: Annotated[bool, Query(description="also count every matching event (slower on big stores)")] = False,
) -> dict[str, Any]:
    """One page of events, ``limit`` rows after ``cursor`` (``next_cursor`` of the previous page) in ``sort``
    order. Each row is :meth:`eventwire.store.Store.events`'s with its ``review`` (or null)."""
    limit = min(limit, request.app.state.limits.page)
    after = decode_cursor(cursor, sort) if cursor else None
    rows = s.events_page(sort=sort, after=after, limit=limit, **filters.store_filters())
    next_cursor = encode_cursor(sort, rows[-1]["sort_key"]) if len(rows) == limit else None
    found = reviews.by_event(s.reviews([row["id"] for row in rows])) if rows else {}
    for row in rows:
        row.pop("sort_key")
    if reviewed:
        rows = reviews.reviewed_rows(s, rows)
    for row in rows:
        row["review"] = _review_summary(found.get(row["id"]))
    body: dict[str, Any] = {"events": rows, "next_cursor": next_cursor, "sort": sort}
    if total:
        body["total"] = s.count(**filters.store_filters())
    return body


@router.get("/events/{event_id}", summary="One event: the machine's reading, its reviews, the reviewed reading")
def get_event(event_id: str, s: StoreDep) -> dict[str, Any]:
    """The event as extracted (``event``), its flat ``row``, every review (``reviews``, oldest first), their
    effective sum (``review``) and the event with the corrections applied (``reviewed``)."""
    pair = s.event(event_id)
    if pair is None:
        raise HTTPException(404, msg("EW314", event_id=event_id))
    record, event = pair
    history = s.reviews([event_id])
    review = reviews.effective(history)
    for item in history:
        item.pop("extracted", None)
    return {
        "article": _article_meta(record),
        "event": event,
        "row": event_row(record, event),
        "review": review,
        "reviews": history,
        "reviewed": reviews.apply_review(event, review),
    }


class ReviewIn(BaseModel):
    """One analyst review: a verdict, corrections, a note (at least one)."""

    status: Literal["confirmed", "rejected"] | None = None
    corrections: dict[str, Any] = Field(default_factory=dict, description=", ".join(reviews.FIELDS))
    note: str | None = Field(None, max_length=reviews.MAX_NOTE)
    reviewer: str | None = Field(None, max_length=100)


@router.post(
    "/events/{event_id}/reviews",
    summary="Review an event (needs the token)",
    dependencies=[Depends(require_token)],
    status_code=201,
)
def add_review(event_id: str, body: ReviewIn, s: StoreDep) -> dict[str, Any]:
    """Store one review (never changing the extraction); returns it and the event's effective review."""
    if s.event(event_id) is None:
        raise HTTPException(404, msg("EW314", event_id=event_id))
    status, corrections, note = reviews.check_review(body.status, body.corrections, body.note)
    saved = s.add_review(event_id, status=status, corrections=corrections, note=note, reviewer=body.reviewer)
    saved.pop("extracted", None)
    return {"review": saved, "effective": reviews.effective(s.reviews([event_id]))}


@router.get("/reviews", summary="Every review, oldest first")
def list_reviews(s: StoreDep) -> dict[str, Any]:
    """Every stored review (without the extracted snapshot; ``eventwire reviews export`` has it)."""
    items = s.reviews()
    for item in items:
        item.pop("extracted", None)
    return {"reviews": items}


# ---------------------------------------------------------------------------------------------------- articles

#: The kinds of evidence span the article view highlights, in the order of the legend.
SPAN_KINDS = ("trigger", "actor", "target", "place", "date", "count", "source", "quote", "mention")


def _span(text: str, kind: str, item: Any, **extra: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return None
    if not 0 <= start < end <= len(text):
        return None
    return {"kind": kind, "start": start, "end": end, **extra}


def evidence_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence span of a record: ``{"kind", "start", "end", "event_id", "label"}``, sorted by start; spans
    outside the text are left out.

    Example:
        >>> rec = {"article": {"text": "Police arrested 5."}, "events": [{"id": "e1",
        ...        "trigger": {"start": 7, "end": 15}, "actors": [{"name": "Police", "start": 0, "end": 6}]}]}
        >>> [(s["kind"], s["start"]) for s in evidence_spans(rec)]
        [('actor', 0), ('trigger', 7)]
    """
    text = (record.get("article") or {}).get("text") or ""
    spans: list[dict[str, Any] | None] = []
    for event in record.get("events") or []:
        eid = event.get("id")
        spans.append(_span(text, "trigger", event.get("trigger"), event_id=eid, label=event.get("type")))
        for mention in event.get("mentions") or []:
            spans.append(_span(text, "mention", mention, event_id=eid, label="mention"))
        for kind, key in (("actor", "actors"), ("target", "targets")):
            for party in event.get(key) or []:
                label = party.get("name") if isinstance(party, dict) else None
                spans.append(_span(text, kind, party, event_id=eid, label=label))
        seen_places = set()
        for place in [*(event.get("locations") or []), event.get("location")]:
            if isinstance(place, dict) and (place.get("start"), place.get("end")) not in seen_places:
                seen_places.add((place.get("start"), place.get("end")))
                spans.append(_span(text, "place", place, event_id=eid, label=place.get("name")))
        spans.append(_span(text, "date", event.get("date"), event_id=eid, label=(event.get("date") or {}).get("value")))
        for name, count in (event.get("counts") or {}).items():
            spans.append(_span(text, "count", count, event_id=eid, label=name))
        attribution = event.get("attribution")
        label = attribution.get("source") if isinstance(attribution, dict) else None
        spans.append(_span(text, "source", attribution, event_id=eid, label=label))
    for quote in record.get("quotes") or []:
        spans.append(_span(text, "quote", quote, event_id=None, label=quote.get("speaker")))
    for place in record.get("places") or []:
        spans.append(_span(text, "place", place, event_id=None, label=place.get("name")))
    found = [s for s in spans if s is not None]
    found.sort(key=lambda s: (s["start"], -s["end"], SPAN_KINDS.index(s["kind"])))
    return found


@router.get("/articles/{article_id}", summary="An article: its text and every evidence span")
def get_article(article_id: str, s: StoreDep) -> dict[str, Any]:
    """The article (with its ``text``), its events (each with its ``review``), places, quotes, and ``spans``:
    every evidence span (``kind``: trigger, actor, target, place, date, count, source, quote, mention)."""
    record = s.get(article_id)
    if record is None:
        raise HTTPException(404, f"No article {article_id!r} in the database.")
    events = record.get("events") or []
    found = reviews.by_event(s.reviews([e.get("id") for e in events]))
    return {
        "article": {**_article_meta(record), "text": (record.get("article") or {}).get("text") or ""},
        "events": [{**e, "review": _review_summary(found.get(e.get("id")))} for e in events],
        "places": record.get("places") or [],
        "quotes": record.get("quotes") or [],
        "warnings": record.get("warnings") or [],
        "spans": evidence_spans(record),
        "span_kinds": list(SPAN_KINDS),
    }


class ArticleIn(BaseModel):
    """An article to ingest (as a JSON Lines input line)."""

    text: str = Field(min_length=1, max_length=200_000)
    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=32, description="YYYY-MM-DD")
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


@router.post(
    "/articles",
    summary="Ingest an article (needs the token)",
    dependencies=[Depends(require_token)],
    status_code=201,
)
def ingest_article(body: ArticleIn, request: Request, s: StoreDep) -> dict[str, Any]:
    """Extract the article and store it (idempotent, as ``eventwire ingest``): ``result`` is added, updated or
    unchanged."""
    state = request.app.state
    with state.pipeline_lock:  # one extraction at a time: the spaCy pipeline is not shared across threads
        if state.pipeline is None:
            from eventwire.pipeline import Pipeline

            state.pipeline = Pipeline()
        try:
            record = state.pipeline.extract(
                body.text, published=body.published, title=body.title, id=body.id, source=body.source, url=body.url
            )
        except ValueError as e:
            raise HTTPException(422, str(e)[:300]) from None
    result = s.put(record)
    return {"result": result, "article_id": s.stored_id(record), "events": len(record.get("events") or [])}


# ---------------------------------------------------------------------------------------------------- the rest


@router.get("/sources", summary="Sources and how many events each supports")
def list_sources(s: StoreDep) -> dict[str, Any]:
    """Every source (attributions and publishers) with its kind and the number of events and articles."""
    return {"sources": s.sources_summary()}


@router.get("/stats", summary="Counts by day x type and by admin1")
def stats(s: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    """``totals`` (articles, events, places, quotes, reviewed_events), ``by_day_type`` and ``by_admin1``, with the
    filters of ``/api/events``."""
    totals = s.stats()
    totals["reviewed_events"] = s.review_count()
    return {"totals": totals, **s.event_counts(**filters.store_filters())}


EXPORT_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "jsonl": ("application/x-ndjson", "records.jsonl"),
}


def _export_chunks(s: Store, fmt: str, filters: dict[str, Any], reviewed: bool) -> Iterator[str]:
    """The export's text, a piece at a time (a row, a feature, a record)."""
    if fmt == "jsonl":
        ids = sorted({r["article_id"] for r in s.events(**filters)}) if filters else None
        records = s.records(ids)
        for record in reviews.reviewed_records(s, records) if reviewed else records:
            yield json.dumps(record, ensure_ascii=False) + "\n"
        return
    pairs = s.event_records(**filters)
    if reviewed:
        pairs = reviews.reviewed_pairs(s, pairs)
    if fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": ['
        first = True
        for record, event in pairs:
            for feature in export.geojson_features(record, event):
                yield ("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
                first = False
        yield "\n]}\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=export.ACLED_COLUMNS)
    writer.writeheader()
    for record, event in pairs:
        if export.is_acled_event(event):
            writer.writerow(export.acled_row(record, event))
        if buffer.tell() > 16_384:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


_DONE = object()


def _threaded(stores: Any, produce: Any) -> Iterator[str]:
    """Run ``produce(store)`` in a thread of its own with its own connection (an SQLite connection stays in one
    thread, and a streamed body is read from several), passing its pieces through a small queue."""
    pieces: queue.Queue[Any] = queue.Queue(maxsize=16)
    stop = threading.Event()

    def work() -> None:
        try:
            with stores.open() as s:
                for piece in produce(s):
                    while not stop.is_set():
                        try:
                            pieces.put(piece, timeout=0.5)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
        except Exception as e:  # reported in the body: the status line has gone already
            pieces.put(f"\n[export failed: {type(e).__name__}]\n")
        finally:
            pieces.put(_DONE)

    threading.Thread(target=work, daemon=True, name="eventwire-export").start()
    try:
        while (piece := pieces.get()) is not _DONE:
            yield piece
    finally:
        stop.set()


@router.get("/export", summary="Export events, streamed: acled-csv, geojson or jsonl")
def export_events(
    request: Request,
    filters: FiltersDep,
    format: Annotated[Literal["acled-csv", "geojson", "jsonl"], Query()],
    reviewed: Annotated[bool, Query(description="analysts' values; rejected events left out")] = False,
) -> StreamingResponse:
    """The export of ``eventwire export`` with the same filters, streamed as it is written."""
    media, name = EXPORT_TYPES[format]
    wanted = filters.store_filters()
    _stores(request).get().events_page(limit=0, **wanted)  # a bad filter is a 400 now, not a broken stream later
    chunks = _threaded(_stores(request), lambda s: _export_chunks(s, format, wanted, reviewed))
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=media, headers=disposition)


@router.get("/config", summary="What the UI needs: writable or not, tile URL, the codes a review may use")
def config(request: Request) -> dict[str, Any]:
    """Whether writes are on (a token is set), the optional tile URL, the sort orders and the review vocabulary."""
    state = request.app.state
    return {
        "writable": bool(state.token),
        "tile_url": state.tile_url,
        "sorts": list(SORTS),
        "review_fields": reviews.FIELDS,
        "plover_types": list(reviews.PLOVER_TYPES),
        "acled_types": {k: list(v) for k, v in reviews.ACLED_SUBTYPES.items()},
        "span_kinds": list(SPAN_KINDS),
    }
