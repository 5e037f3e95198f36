"""Hand-written format-1 sample records for tests (made-up articles; no real news text).

Every span is computed from the article text with :func:`span`, so the records are valid by construction;
:func:`check_spans` verifies that for any record. Each builder returns a fresh dict, safe to modify.

Example:
    >>> rec = arrest_record()
    >>> check_spans(rec)
    >>> rec["events"][0]["acled"]["sub_event_type"]
    'Arrests'
"""

from __future__ import annotations

import copy
from typing import Any

Record = dict[str, Any]


def span(text: str, needle: str, nth: int = 0) -> dict[str, int]:
    """``{"start", "end"}`` of the ``nth`` (0-based) occurrence of ``needle`` in ``text``.

    Example:
        >>> span("a b a", "a", 1)
        {'start': 4, 'end': 5}
    """
    start = -1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ValueError(f"{needle!r} (occurrence {nth}) not in text")
    return {"start": start, "end": start + len(needle)}


def spanned(text: str, needle: str, nth: int = 0, **fields: Any) -> dict[str, Any]:
    """``{"text": needle, **fields, "start", "end"}``: a value with its evidence span.

    Example:
        >>> spanned("Police arrested 5 men.", "5", value=5)
        {'text': '5', 'value': 5, 'start': 16, 'end': 17}
    """
    return {"text": needle, **fields, **span(text, needle, nth)}


def location(text: str, needle: str, nth: int = 0, **fields: Any) -> dict[str, Any]:
    """A location dict (record shape); unknown keys default to None.

    Example:
        >>> location("in Aleppo", "Aleppo", name="Aleppo")["lat"] is None
        True
    """
    keys = ("name", "geonameid", "lat", "lon", "admin1", "country", "precision")
    return spanned(text, needle, nth, **{k: fields.pop(k, None) for k in keys}, **fields)


def party(text: str, needle: str, name: str, country: str | None, sector: str | None) -> dict[str, Any]:
    """An actor or target dict.

    Example:
        >>> party("Police came", "Police", "Police", None, "SECURITY")["end"]
        6
    """
    return spanned(text, needle, name=name, country=country, sector=sector)


def count(text: str, needle: str, value: int, qualifier: str = "exact", nth: int = 0) -> dict[str, Any]:
    """A count dict (``{"value", "qualifier", "text", "start", "end"}``).

    Example:
        >>> count("5 dead", "5", 5)["qualifier"]
        'exact'
    """
    return {"value": value, "qualifier": qualifier, **spanned(text, needle, nth)}


def sentence(text: str, needle: str) -> dict[str, int]:
    """The span of the sentence that starts with ``needle`` and ends at the next ``.`` (inclusive).

    Example:
        >>> sentence("One. Two three. Four.", "Two")
        {'start': 5, 'end': 15}
    """
    start = span(text, needle)["start"]
    return {"start": start, "end": text.index(".", start) + 1}


def make_record(
    text: str,
    *,
    id: str = "art-0001",
    title: str | None = "Sample article",
    published: str | None = "2025-11-09",
    source: str | None = "Example Wire",
    url: str | None = "https://news.example.org/sample",
    events: list[dict[str, Any]] | None = None,
    places: list[dict[str, Any]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
    warnings: list[str] | None = None,
) -> Record:
    """A whole record around ``text`` (no events unless given).

    Example:
        >>> make_record("Nothing happened.")["format"]
        1
    """
    return {
        "format": 1,
        "article": {
            "id": id,
            "title": title,
            "published": published,
            "source": source,
            "url": url,
            "language": "en",
            "text": text,
        },
        "events": events or [],
        "places": places or [],
        "quotes": quotes or [],
        "entities": entities or [],
        "warnings": warnings or [],
    }


def make_event(
    text: str,
    id: str,
    trigger: str,
    *,
    sentence_start: str,
    type: str,
    mode: str | None = None,
    acled: tuple[str, str] | None = None,
    actors: list[dict[str, Any]] | None = None,
    targets: list[dict[str, Any]] | None = None,
    locations: list[dict[str, Any]] | None = None,
    date: dict[str, Any] | None = None,
    counts: dict[str, Any] | None = None,
    attribution: dict[str, Any] | None = None,
    modality: str = "asserted",
    aggregate: bool = False,
    confidence: float = 0.8,
) -> dict[str, Any]:
    """An event dict; ``location`` is the first of ``locations`` (or None).

    Example:
        >>> ev = make_event("Police arrested 5.", "e1", "arrested", sentence_start="Police", type="COERCE")
        >>> ev["modality"]
        'asserted'
    """
    locations = locations or []
    return {
        "id": id,
        "type": type,
        "mode": mode,
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "trigger": spanned(text, trigger),
        "actors": actors or [],
        "targets": targets or [],
        "location": locations[0] if locations else None,
        "locations": locations,
        "date": date,
        "counts": {"killed": None, "injured": None, "arrested": None, **(counts or {})},
        "attribution": attribution,
        "modality": modality,
        "aggregate": aggregate,
        "sentence": sentence(text, sentence_start),
        "confidence": confidence,
    }


def date(text: str, needle: str, value: str, precision: str = "day", **fields: Any) -> dict[str, Any]:
    """A date dict: ``value``, ``value_end`` (range end), ``precision``, ``time_precision`` (ACLED 1/2/3).

    Example:
        >>> date("on Monday", "on Monday", "2025-11-03")["time_precision"]
        1
    """
    time_precision = {"day": 1, "week": 2, "month": 3}.get(precision)
    return spanned(
        text,
        needle,
        value=value,
        value_end=fields.pop("value_end", None),
        precision=precision,
        time_precision=fields.pop("time_precision", time_precision),
        **fields,
    )


# ---------------------------------------------------------------------------------------------------- samples

ARREST_TEXT = (
    "Syrian security forces arrested 71 suspected Islamic State members in Deir ez-Zor on Saturday, "
    "the Interior Ministry announced.\n\n"
    "Officials met tribal elders in Raqqa on Sunday to discuss security.\n\n"
    '"The operation continues," said Fares Khalil, an Interior Ministry spokesperson.'
)


def arrest_record() -> Record:
    """Syria: an ACLED arrest (Deir ez-Zor, official source), a non-ACLED meeting (Raqqa); a direct quote.

    Example:
        >>> [e["type"] for e in arrest_record()["events"]]
        ['COERCE', 'CONSULT']
    """
    t = ARREST_TEXT
    deir = dict(name="Deir ez-Zor", geonameid=170794, lat=35.336, lon=40.141, admin1="Deir ez-Zor")
    deir.update(country="SY", precision=1)
    raqqa = dict(name="Raqqa", geonameid=172955, lat=35.9528, lon=39.0079, admin1="Raqqa", country="SY")
    raqqa.update(precision=1)
    arrest = make_event(
        t,
        "art-syr-1-e1",
        "arrested",
        sentence_start="Syrian security",
        type="COERCE",
        mode="arrest",
        acled=("Strategic developments", "Arrests"),
        actors=[party(t, "Syrian security forces", "Syrian security forces", "SYR", "SECURITY")],
        targets=[party(t, "71 suspected Islamic State members", "Islamic State", None, "REBEL")],
        locations=[location(t, "Deir ez-Zor", **deir)],
        date=date(t, "on Saturday", "2025-11-08"),
        counts={"arrested": count(t, "71", 71)},
        attribution=spanned(t, "the Interior Ministry announced", source="Interior Ministry", kind="official"),
        confidence=0.9,
    )
    meeting = make_event(
        t,
        "art-syr-1-e2",
        "met",
        sentence_start="Officials met",
        type="CONSULT",
        mode="meet",
        actors=[party(t, "Officials", "Syrian government", "SYR", "GOVERNMENT")],
        targets=[party(t, "tribal elders", "tribal elders", "SYR", "CIVILIAN")],
        locations=[location(t, "Raqqa", **raqqa)],
        date=date(t, "on Sunday", "2025-11-09"),
    )
    return make_record(
        t,
        id="art-syr-1",
        title="Dozens of IS suspects held in eastern Syria",
        published="2025-11-09",
        source="Example Wire",
        url="https://news.example.org/syria/arrests",
        events=[arrest, meeting],
        places=[
            {**location(t, "Deir ez-Zor", **deir), "role": "event", "kind": "city"},
            {**location(t, "Raqqa", **raqqa), "role": "event", "kind": "city"},
        ],
        quotes=[
            {
                "text": "The operation continues,",
                "kind": "direct",
                "speaker": "Fares Khalil",
                "speaker_title": "Interior Ministry spokesperson",
                "speaker_org": "Interior Ministry",
                "cue": "said",
                **span(t, "The operation continues,"),
                "speaker_start": span(t, "Fares Khalil")["start"],
                "speaker_end": span(t, "Fares Khalil")["end"],
            }
        ],
        entities=[
            {"label": "ORG", **spanned(t, "Interior Ministry")},
            {"label": "GPE", **spanned(t, "Raqqa")},
        ],
    )


PROTEST_TEXT = (
    "Hundreds of teachers protested outside Parliament in Nairobi on Tuesday over unpaid salaries, "
    "witnesses said. Police fired tear gas and at least 12 people were injured.\n\n"
    "The union said its members would march again in Mombasa next week.\n\n"
    "“We will not stop,” said union secretary-general Akinyi Otieno at a café near the scene."
)


def protest_record() -> Record:
    """Kenya: a reported ACLED protest with injuries (witnesses) and a *planned* march; curly quotes.

    Example:
        >>> [e["modality"] for e in protest_record()["events"]]
        ['reported', 'planned']
    """
    t = PROTEST_TEXT
    nairobi = dict(name="Nairobi", geonameid=184745, lat=-1.28333, lon=36.81667, admin1="Nairobi Area")
    nairobi.update(country="KE", precision=1)
    mombasa = dict(name="Mombasa", geonameid=186301, lat=-4.05466, lon=39.66359, admin1="Mombasa")
    mombasa.update(country="KE", precision=1)
    protest = make_event(
        t,
        "art-ken-1-e1",
        "protested",
        sentence_start="Hundreds of teachers",
        type="PROTEST",
        mode="demonstrate",
        acled=("Protests", "Protest with intervention"),
        actors=[party(t, "Hundreds of teachers", "Protesters (Kenya)", "KEN", "LABOR")],
        locations=[location(t, "Nairobi", **nairobi)],
        date=date(t, "on Tuesday", "2025-11-04"),
        counts={"injured": count(t, "at least 12", 12, "at_least")},
        attribution=spanned(t, "witnesses said", source="witnesses", kind="witness", count=None),
        modality="reported",
    )
    march = make_event(
        t,
        "art-ken-1-e2",
        "march",
        sentence_start="The union said",
        type="PROTEST",
        mode="demonstrate",
        acled=("Protests", "Peaceful protest"),
        actors=[party(t, "its members", "Kenya National Union of Teachers", "KEN", "LABOR")],
        locations=[location(t, "Mombasa", **mombasa)],
        date=date(t, "next week", "2025-11-10", "week", value_end="2025-11-16"),
        attribution=spanned(t, "The union said", source="Kenya National Union of Teachers", kind="unknown"),
        modality="planned",
    )
    speaker = span(t, "Akinyi Otieno")
    return make_record(
        t,
        id="art-ken-1",
        title="Teachers’ protest in Nairobi met with tear gas",
        published="2025-11-05",
        source="Sample Daily",
        url="https://sample-daily.example.com/kenya/teachers",
        events=[protest, march],
        places=[
            {**location(t, "Nairobi", **nairobi), "role": "event", "kind": "city"},
            {**location(t, "Mombasa", **mombasa), "role": "event", "kind": "city"},
        ],
        quotes=[
            {
                "text": "We will not stop,",
                "kind": "direct",
                "speaker": "Akinyi Otieno",
                "speaker_title": "union secretary-general",
                "speaker_org": None,
                "cue": "said",
                **span(t, "We will not stop,"),
                "speaker_start": speaker["start"],
                "speaker_end": speaker["end"],
            },
            {
                "text": "its members would march again in Mombasa next week",
                "kind": "indirect",
                "speaker": "The union",
                "speaker_title": None,
                "speaker_org": "Kenya National Union of Teachers",
                "cue": "said",
                **span(t, "its members would march again in Mombasa next week"),
                "speaker_start": span(t, "The union")["start"],
                "speaker_end": span(t, "The union")["end"],
            },
        ],
        warnings=["EW999 sample warning: the tear gas event was not extracted"],
    )


STRIKE_TEXT = (
    "Russian drones struck Kharkiv and nearby Chuhuiv overnight, killing at least five civilians, "
    "two anonymous officials told reporters.\n\n"
    "«Харків знову під ударом», the regional governor wrote on Telegram.\n\n"
    "Strikes have killed 40 people in the region in October, according to a monitoring group."
)


def strike_record() -> Record:
    """Ukraine: a drone strike at two places (at least 5 killed), an aggregate without coordinates; Cyrillic.

    Example:
        >>> [len(e["locations"]) for e in strike_record()["events"]]
        [2, 1]
    """
    t = STRIKE_TEXT
    kharkiv = dict(name="Kharkiv", geonameid=706483, lat=49.98081, lon=36.25272, admin1="Kharkiv Oblast")
    kharkiv.update(country="UA", country_name="Ukraine", precision=1)
    chuhuiv = dict(name="Chuhuiv", geonameid=711390, lat=49.83572, lon=36.68608, admin1="Kharkiv Oblast")
    chuhuiv.update(country="UA", country_name="Ukraine", precision=2)
    strike = make_event(
        t,
        "art-ukr-1-e1",
        "struck",
        sentence_start="Russian drones",
        type="ASSAULT",
        mode="aerial",
        acled=("Explosions/Remote violence", "Air/drone strike"),
        actors=[party(t, "Russian drones", "Military Forces of Russia", "RUS", "MILITARY")],
        targets=[party(t, "five civilians", "Civilians (Ukraine)", "UKR", "CIVILIAN")],
        locations=[location(t, "Kharkiv", **kharkiv), location(t, "Chuhuiv", **chuhuiv)],
        date=date(t, "overnight", "2025-11-03"),
        counts={"killed": count(t, "at least five", 5, "at_least")},
        attribution=spanned(t, "two anonymous officials told reporters", source="officials", kind="anonymous", count=2),
        modality="reported",
    )
    aggregate = make_event(
        t,
        "art-ukr-1-e2",
        "killed",
        sentence_start="Strikes have",
        type="ASSAULT",
        mode=None,
        acled=("Explosions/Remote violence", "Air/drone strike"),
        locations=[
            {"text": "the region", "name": "Kharkiv Oblast", "admin1": "Kharkiv Oblast", "country": "UA"}
            | {"geonameid": None, "lat": None, "lon": None, "precision": 3, **span(t, "the region")}
        ],
        date=date(t, "in October", "2025-10-01", "month", value_end="2025-10-31"),
        counts={"killed": count(t, "40", 40)},
        attribution=spanned(t, "a monitoring group", source="a monitoring group", kind="monitor"),
        modality="reported",
        aggregate=True,
    )
    return make_record(
        t,
        id="art-ukr-1",
        title="Drones hit Kharkiv region – «ще одна ніч»",
        published="2025-11-03T07:15:00+02:00",
        source="Beispiel Nachrichten",
        url="https://beispiel.example.net/ukraine/kharkiv?id=ü",
        events=[strike, aggregate],
        places=[
            {**location(t, "Kharkiv", **kharkiv), "role": "event", "kind": "city"},
            {**location(t, "Chuhuiv", **chuhuiv), "role": "event", "kind": "city"},
            {**location(t, "Telegram", name=None), "role": "mentioned", "kind": None},
        ],
        quotes=[
            {
                "text": "Харків знову під ударом",
                "kind": "direct",
                "speaker": "the regional governor",
                "speaker_title": "regional governor",
                "speaker_org": None,
                "cue": "wrote",
                **span(t, "Харків знову під ударом"),
                "speaker_start": span(t, "the regional governor")["start"],
                "speaker_end": span(t, "the regional governor")["end"],
            }
        ],
    )


def sample_records() -> list[Record]:
    """The three samples, fresh: Syria (arrest + meeting), Kenya (protest + planned march), Ukraine (strike).

    Example:
        >>> [r["article"]["id"] for r in sample_records()]
        ['art-syr-1', 'art-ken-1', 'art-ukr-1']
    """
    return [arrest_record(), protest_record(), strike_record()]


def variant(record: Record, **article: Any) -> Record:
    """A deep copy of ``record`` with some ``article`` fields replaced.

    Example:
        >>> variant(arrest_record(), published="2025-12-01")["article"]["published"]
        '2025-12-01'
    """
    out = copy.deepcopy(record)
    out["article"].update(article)
    return out


def check_spans(record: Record) -> None:
    """Assert every dict carrying ``text``, ``start`` and ``end`` points at that text in ``article.text``.

    Example:
        >>> check_spans(protest_record())
    """
    body = record["article"]["text"]

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            start, end, text = value.get("start"), value.get("end"), value.get("text")
            if isinstance(start, int) and isinstance(end, int) and isinstance(text, str):
                assert body[start:end] == text, f"{path}: {body[start:end]!r} != {text!r}"
            for key, item in value.items():
                if key != "article":
                    walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(record, "record")
