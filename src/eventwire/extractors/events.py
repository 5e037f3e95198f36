"""Events: the orchestration of one report's events, from trigger words to incidents.

The steps, each in a module of its own: triggers and drafts (``triggers.py``), the gate (``gate.py``),
statements about acts not yet done (``statements.py``), arguments and counts (``arguments.py``), ACLED coding
(``acled_coding.py``), places and dates (``placing.py``), confidence (``confidence.py``), and one event per incident
with places from the whole report (``incidents.py``). One sentence may hold several events ("arresting 71 and
seizing explosives" is an arrest and a seizure); words that describe one incident ("an air strike killed 12") join
into one event, typed by the most specific word.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.extractors.acled_coding import (
    acled_code,
    class_code,
    classifier_drafts,
    recode_intervention,
    recode_unopposed,
    refine_with_classifier,
)
from eventwire.extractors.arguments import (
    arrests_by_police,
    draft_counts,
    find_arguments,
    protests_by_protesters,
    statement_actors,
)
from eventwire.extractors.attribution import find_attribution, modality
from eventwire.extractors.confidence import event_confidence, subordination_of
from eventwire.extractors.dates import FoundDate
from eventwire.extractors.gate import UNREALISED, is_stale, tells_no_event
from eventwire.extractors.incidents import dateline_spans, merge_incidents, place_from_report, refers_back
from eventwire.extractors.parse import doc_text, span_text
from eventwire.extractors.places import FoundPlace
from eventwire.extractors.placing import assign_locations, choose_date, is_aggregate, paragraph_index
from eventwire.extractors.statements import promised_harm_is_threat, statement_drafts
from eventwire.extractors.triggers import Draft, find_triggers, group_triggers
from eventwire.models import acled as acled_model


def _event_id(text_key: str, draft: Draft) -> str:
    p = draft.primary
    raw = f"{text_key}:{p.start}:{p.rule.type}:{p.rule.mode}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FoundEvents:
    """What :func:`find_events` finds in a report.

    ``events``: the record's events (format 1). ``event_places``: the indices, in ascending order, of the found
    places (``places`` as given) that an event's own sentence, or a sentence restating it, places it at
    (:func:`eventwire.extractors.placing.assign_locations` decides): the record gives them ``role`` "event".

    Example:
        >>> FoundEvents(events=[], event_places=[]).event_places
        []
    """

    events: list[dict]
    event_places: list[int]


def find_events(
    doc: Doc,
    *,
    places: list[FoundPlace],
    dates: list[FoundDate],
    quotes: list[dict],
    published: dt.date | None,
    gazetteer=None,
    limit_char: int | None = None,
    text_key: str = "",
) -> FoundEvents:
    """Every event in ``doc`` as a record event dict (format 1), in text order, and the places that locate them.

    ``places`` come from :func:`eventwire.extractors.places.find_places` (read, never changed),
    ``dates`` from :func:`eventwire.extractors.dates.find_dates`, ``quotes`` from
    :func:`eventwire.extractors.quotes.find_quotes`.

    Example:
        >>> # "Police arrested 12 men in Kano on Monday."
        >>> #   -> FoundEvents(events=[{"type": "COERCE", "mode": "arrest", ...}], event_places=[0])
    """
    limit = len(doc_text(doc)) if limit_char is None else limit_char
    sents = [s for s in doc.sents if s.start_char < limit]
    paragraphs = paragraph_index(doc)[: len(sents)]
    drafts: list[Draft] = []
    for si, sent in enumerate(sents):
        drafts.extend(group_triggers(find_triggers(sent), sent, paragraphs[si]))
    cats = dict(zip((s.start for s in sents), acled_model.classify([span_text(s) for s in sents]), strict=True))
    drafts.extend(classifier_drafts(sents, paragraphs, drafts, cats))
    drafts.extend(statement_drafts(drafts))
    promised_harm_is_threat(drafts)
    drafts = [d for d in drafts if not tells_no_event(d)]
    drafts.sort(key=lambda d: d.primary.start)
    for d in drafts:
        p = d.primary
        actors, targets = statement_actors(d, gazetteer) if d.act else find_arguments(d, gazetteer)
        attribution = find_attribution(d.act.primary.token if d.act else p.token, quotes)
        counts = draft_counts(d)
        d.record = {
            "id": _event_id(text_key, d),
            "type": p.rule.type,
            "mode": p.rule.mode,
            "acled": acled_code(d, actors, targets, counts),
            "trigger": {"text": p.text, "start": p.start, "end": p.end},
            "actors": actors,
            "targets": targets,
            "location": None,
            "locations": [],
            "date": None,
            "counts": counts,
            "attribution": attribution,
            "modality": "asserted" if d.act else modality(p.token, attribution),
            "aggregate": False,
            "sentence": {"start": d.sent.start_char, "end": d.sent.end_char},
            "confidence": 0.0,
            # an act named as known, or told in the past perfect ("47 people had been arrested"), refers back to
            # an act told before: it takes no day from the sentence before it
            "_definite": refers_back(p.token) or _pluperfect(p.token),
            # a toll told on its own: its day is when it was counted, not when the act took place
            "_figure": any(t.rule.needs_count for t in d.triggers),
        }
        if p.rule.rank == 1:  # typed by the classifier alone: say so
            d.record["acled_classifier"] = {
                "label": class_code(d),
                "probability": round(max(cats[d.sent.start].values()), 3),
            }
    event_places = assign_locations(drafts, places, doc, sents, paragraphs)
    sent_para = {s.start: paragraphs[i] for i, s in enumerate(sents)}
    protest_paragraphs = {
        d.paragraph for d in drafts if d.primary.rule.type == "PROTEST" and d.record["modality"] not in UNREALISED
    }
    for d in drafts:
        d.paragraph_has_protest = d.paragraph in protest_paragraphs
    for d in drafts:
        rec = d.record
        rec["date"] = choose_date(d, dates, published)
        rec["aggregate"] = is_aggregate(d)
        in_paragraph = [s for s in sents if sent_para[s.start] == d.paragraph]
        recode_intervention(d, in_paragraph)
        recode_unopposed(d, in_paragraph)
    # a classifier-only event told as history ("in 2015, gunmen ...") is background to the report
    drafts = [d for d in drafts if not (d.primary.rule.rank == 1 and is_stale(d, published))]
    refine_with_classifier(drafts, cats)
    subordination = subordination_of(drafts)
    events = []
    for d in drafts:
        rec = d.record
        # one place named twice in a sentence is one location
        unique: dict[tuple, dict] = {}
        for loc in rec["locations"]:
            unique.setdefault(
                (loc.get("geonameid"), loc["text"]) if loc.get("geonameid") is None else (loc["geonameid"],), loc
            )
        rec["locations"] = list(unique.values())
        if rec["modality"] in UNREALISED:
            rec["acled"] = None  # ACLED codes what took place: a planned, conditional or denied event is none
        rec["confidence"] = event_confidence(d, cats.get(d.sent.start), subordination[id(d)])
        events.append(rec)
    text = doc_text(doc)
    datelines = dateline_spans(text)
    for rec in events:  # "BEIRUT, Nov 9 - Gunmen ...": the dateline is where the report was filed, no one who acts
        rec["actors"] = [x for x in rec["actors"] if not any(a <= x["start"] < b for a, b in datelines)]
        # nor where the act took place: an event with no place of its own inherits the dateline later, as a guess
        # (ACLED precision 2) that another statement's own place can overrule
        rec["locations"] = [
            x for x in rec["locations"] if x.get("start") is None or not any(a <= x["start"] < b for a, b in datelines)
        ]
    events = merge_incidents(events, text)
    arrests_by_police(events, doc, gazetteer)
    protests_by_protesters(events, doc, gazetteer)
    place_from_report(events, doc, places, text, gazetteer)
    for rec in events:
        rec["location"] = rec["locations"][0] if rec["locations"] else None
        rec.pop("_definite", None)
        rec.pop("_figure", None)
        if rec["date"]:
            rec["date"] = {k: v for k, v in rec["date"].items() if not k.startswith("_")}
        rec["counts"] = {
            key: {k: v for k, v in count.items() if not k.startswith("_")} if count else count
            for key, count in rec["counts"].items()
        }
    return FoundEvents(events=events, event_places=sorted(event_places))


def _pluperfect(token: Token) -> bool:
    """Whether a verb is told in the past perfect ("had been arrested", "had fled").

    Example:
        >>> import spacy
        >>> _pluperfect(spacy.blank("en")("arrested")[0])  # no parse: no auxiliary
        False
    """
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children)


__all__ = ["FoundEvents", "find_events"]
