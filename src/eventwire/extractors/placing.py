"""Placing and dating: the places and the date of each draft from its sentence (and the paragraph around it),
and whether an event is an aggregate (a toll over many days) rather than one incident.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from eventwire.extractors.dates import FoundDate, as_planned, names_weekday, range_end, record_fields
from eventwire.extractors.incidents import dateline_heads
from eventwire.extractors.parse import clause_verb, doc_text, span_text, subject_of
from eventwire.extractors.places import FoundPlace, location_fields
from eventwire.extractors.triggers import Draft
from eventwire.lexicons import load, word_class, word_set

_ANAPHOR_DETS = frozenset({"the", "this", "that", "these", "those"})


#: A run of sentences with no blank line is cut into paragraphs of at most this many sentences, or tokens. News
#: paragraphs hold a handful of sentences; an unbroken text (one line, no blank lines) would otherwise be one
#: paragraph, and the paragraph checks that read every word of an event's paragraph would grow with its length
#: squared. The token limit only binds on run-on sentences (25 news sentences are about 600 tokens).
MAX_PARAGRAPH_SENTENCES = 25
MAX_PARAGRAPH_TOKENS = 1_000


def paragraph_index(doc: Doc) -> list[int]:
    """Paragraph number of every sentence (a blank line, or the limits above, start one).

    Example:
        >>> # "A. B.\n\nC." -> [0, 0, 1]
    """
    text = doc_text(doc)  # slices of the joined text: Span.text joins the sentence's tokens anew on every call
    out = []
    n = 0
    run = tokens = 0
    for sent in doc.sents:
        out.append(n)
        run += 1
        tokens += len(sent)
        # (a token's trailing whitespace is one space at most: a blank line is always inside the sentence's text)
        if (
            "\n\n" in text[sent.start_char : sent.end_char]
            or run >= MAX_PARAGRAPH_SENTENCES
            or tokens >= MAX_PARAGRAPH_TOKENS
        ):
            n += 1
            run = tokens = 0
    return out


def _located(places: list[FoundPlace], sent: Span, exclude: list[tuple[int, int]]) -> list[int]:
    """Indices of the places of ``sent`` that can locate an event: after a locative preposition, no metonym."""
    out = []
    for i, p in enumerate(places):
        if not (sent.start_char <= p["start"] < sent.end_char) or p["prep"] is None or p["metonym"]:
            continue
        if any(a <= p["start"] < b for a, b in exclude):
            continue
        out.append(i)
    return out


def _location_dict(place: FoundPlace) -> dict:
    return {**location_fields(place), "precision": place["precision"]}


def _place_owners(root: Token, drafts: list[Draft]) -> list[Draft]:
    """The events a located place belongs to.

    The first trigger among the place's heads owns it ("attacked a village near X"). Otherwise the place
    phrase hangs on a verb: it belongs to the events whose triggers that verb governs ("carried out raids in X,
    arresting ..."). A place on a noun that is no event ("a hospital in X") belongs to none.
    """
    for anc in [root, *root.ancestors]:
        # the trigger itself, or a noun trigger that is the object of this verb ("fired tear gas at ... in X")
        owner = next(
            (
                d
                for d in drafts
                if any(
                    t.token == anc or (anc.pos_ == "VERB" and t.rule.pos == "noun" and t.token.head == anc)
                    for t in d.triggers
                )
            ),
            None,
        )
        if owner is not None:
            return [owner]
    tok = root
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj":
        return []
    attach = tok.head.head  # the word the preposition modifies
    if attach.pos_ not in ("VERB", "AUX"):
        return _at_the_time(root, drafts)
    return [d for d in drafts if any(attach == t.token or attach in t.token.ancestors for t in d.triggers)]


def _at_the_time(root: Token, drafts: list[Draft]) -> list[Draft]:
    """The events of a "when" clause of the verb a place's phrase is in ("was serving with Legion units in
    Manbij when the bomb exploded"): where the main clause was is where the bomb went off."""
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    marks = word_set("lexicon", "simultaneity_marks")
    clauses = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in c.children)
    ]
    return [d for d in drafts if any(c == t.token or c in t.token.ancestors for c in clauses for t in d.triggers)]


def assign_locations(
    drafts: list[Draft], places: list[FoundPlace], doc: Doc, sents: list[Span], paragraphs: list[int]
) -> set[int]:
    """Give each draft the places its sentence ties to it (a place on its trigger or on the verb that carries it;
    coordinated events share one), or the places a following sentence of its paragraph restates ("The operations
    took place in X and Y").

    Returns the indices (into ``places``) of the places given to a draft: the record's places of role "event".
    The places themselves are left as they are; each draft gets copies.

    Example:
        >>> # "Police raided homes in Kano, arresting 12" -> both the raid and the arrests are in Kano; {0}
    """
    used: set[int] = set()
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sent.start, []).append(d)
    restatement = word_set("lexicon", "locative_restatement")
    last_with_events: int | None = None
    for si, sent in enumerate(sents):
        sent_drafts = by_sent.get(sent.start, [])
        if sent_drafts:
            exclude = [
                (d.record["attribution"]["start"], d.record["attribution"]["end"])
                for d in sent_drafts
                if d.record.get("attribution") and d.record["attribution"].get("start") is not None
            ]
            located = _located(places, sent, exclude)
            # a name that is the event's own word is no place of it ("17 Slain in Dagestani Battle": the battle,
            # not the town of Battle in England)
            trigger_tokens = {t.token.i for d in sent_drafts for t in d.triggers}
            located = [i for i in located if places[i]["root"] not in trigger_tokens]
            for i in located:
                owners = _place_owners(doc[places[i]["root"]], sent_drafts)
                for d in owners:
                    d.record["locations"].append(_location_dict(places[i]))
                if owners:
                    used.add(i)
            # "paid a visit to Rabat", "travelled to Rabat": a visit takes place where it goes, and so does a
            # deployment ("sent two wings of the Frontier Corps to Bannu")
            for d in sent_drafts:
                if d.record["locations"] or d.primary.rule.mode not in ("visit", "troops"):
                    continue
                for i, p in enumerate(places):
                    root = doc[p["root"]]
                    if (  # a country visited is a place, not the party it can stand for elsewhere
                        sent.start_char <= p["start"] < sent.end_char
                        and root.dep_ == "pobj"
                        and root.head.lower_ == "to"
                        and root.head.head == d.primary.token
                    ):
                        d.record["locations"].append(_location_dict(p))
                        used.add(i)
            # "arrested 14 men in X and seized rifles": coordinated events without a place share X
            for d in sent_drafts:
                if d.record["locations"]:
                    continue
                if _own_scene(d.primary.token):
                    continue  # "clashed in a camp and gunmen fired on a patrol in X": its scene is not X
                mates = {c.i for t in d.triggers for c in t.token.conjuncts}
                donor = next(
                    (
                        o
                        for o in sent_drafts
                        if o.record["locations"]
                        and any(t.token.i in mates for t in o.triggers)
                        and not (_has_subject(o.primary.token) and _has_subject(d.primary.token))
                    ),
                    None,
                )
                if donor is not None:
                    d.record["locations"] = list(donor.record["locations"])
            last_with_events = si
            continue
        # "The operations took place in X and Y": places for the events just told, same paragraph
        if last_with_events is None or paragraphs[last_with_events] != paragraphs[si]:
            continue
        anaphoric = False
        for tok in sent:
            lemma = tok.lemma_.lower()
            two = f"{lemma} {tok.nbor(1).lower_}" if tok.i + 1 < len(doc) else lemma
            if tok.pos_ == "VERB" and (lemma in restatement or two in restatement):
                subj = subject_of(tok)
                if (
                    subj is not None
                    and subj.pos_ == "NOUN"
                    and any(c.lower_ in _ANAPHOR_DETS or c.dep_ == "poss" for c in subj.children)
                ):
                    anaphoric = True
        if not anaphoric:
            continue
        located = _located(places, sent, [])
        for d in by_sent.get(sents[last_with_events].start, []):
            if not d.record["locations"]:
                for i in located:
                    d.record["locations"].append(_location_dict(places[i]))
                    used.add(i)
    return used


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _own_scene(tok: Token) -> bool:
    """Whether a verb says where it happened in words that name no place ("clashed in a refugee camp")."""
    return tok.pos_ == "VERB" and any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at", "near", "inside", "outside")
        and any(p.dep_ == "pobj" and p.pos_ == "NOUN" and not p.ent_type_ for p in c.children)
        for c in tok.children
    )


def _date_span(doc: Doc, date: dict) -> Span | None:
    """The tokens of a found date, for reading where it hangs in the parse."""
    return doc.char_span(date["start"], date["end"], alignment_mode="expand")


_FILED_KEY = "eventwire_datelines"


def _filed(doc: Doc) -> list[tuple[int, int]]:
    """The report's datelines (:func:`incidents.dateline_heads`), found once per Doc and kept in its
    ``user_data``: every event's date is checked against them."""
    spans = doc.user_data.get(_FILED_KEY)
    if spans is None:
        spans = doc.user_data[_FILED_KEY] = dateline_heads(doc_text(doc))
    return spans


def _date_fit(draft: Draft, date: dict) -> tuple[int, int]:
    """How well a date in the sentence fits an event: attached to its trigger (or a coordinated one) first,
    then any date not on a reporting verb ("police said on Saturday" dates the statement), then distance."""
    span = _date_span(draft.sent.doc, date)
    distance = abs(date["start"] - draft.primary.start)
    if span is None:
        return 3, distance
    heads = list(span.root.ancestors)
    triggers = {t.token.i for t in draft.triggers}
    coordinated = {c.i for t in draft.triggers for c in t.token.conjuncts}
    owner = next((h for h in heads if h.pos_ != "ADP"), None)
    if (
        owner is not None
        and owner.pos_ == "NOUN"
        and any(c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in owner.children)
    ):
        # "the second fatal shooting this year", "the deadliest attack this year": a span things are counted in
        return 4, distance
    if any(h.i in triggers for h in heads):
        return 0, distance
    if any(h.i in coordinated for h in heads):
        return 1, distance
    if (
        owner is not None
        and owner.pos_ in ("NOUN", "PROPN")
        and owner.i not in triggers
        and owner.is_ancestor(draft.primary.token)
    ):
        # "Clinton's comments Tuesday on the shooting death of Crutcher": the day of the comments, not the shooting
        return 4, distance
    verb = next((h for h in heads if h.pos_ in ("VERB", "AUX")), None)
    lemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in word_set("lexicon", "reporting_verbs") or lemma in word_set("lexicon", "judging_verbs"):
        return 3, distance
    if verb is not None and not any(verb.is_ancestor(t.token) for t in draft.triggers):
        # the date of another clause ("on a visit to Morocco, ... recalling that Morocco was the first to
        # recognise the US in 1777"): it dates that clause's act, not this one
        return 4, distance
    return 2, distance


_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _nearer_ahead(draft: Draft, date: FoundDate, published: dt.date | None) -> bool:
    """Whether a date on an act named by a noun (which has no tense) is the coming one because that is the nearer
    reading: "a rally in Belgrade on December 1", written on 20 November, is eleven days ahead, not a year back.

    Example:
        >>> # "settled on a single rally on December 1" published 2026-11-20 -> True for "on December 1"
    """
    trigger = draft.primary.token
    if published is None or trigger.pos_ not in ("NOUN", "PROPN") or date["precision"] != "day":
        return False
    if names_weekday(date.get("text") or ""):
        return False  # "the armed robbery Friday": a weekday alone is the last one, as the date finder reads it
    span = _date_span(draft.sent.doc, date)
    if span is None:
        return False
    carrier = clause_verb(trigger)
    # the date on the noun, or on a verb that carries it not told in the past ("have settled on a rally ... on
    # December 1"; "police broke up a rally on December 1" is last year's)
    on_noun = trigger in span.root.ancestors
    on_carrier = (
        carrier in span.root.ancestors
        and carrier.tag_ != "VBD"
        and not any(c.dep_ == "aux" and c.tag_ == "VBD" for c in carrier.children)
    )
    if not (on_noun or on_carrier):
        return False
    ahead = as_planned(date)
    if ahead["value"] == date["value"]:
        return False
    back = (published - dt.date.fromisoformat(date["value"])).days
    return 0 < (dt.date.fromisoformat(ahead["value"]) - published).days < back


def _in_future_clause(doc: Doc, date: FoundDate) -> bool:
    """Whether a date stands in a clause told in the future: its verb has "will", "shall" or "would" ("will travel
    on Wednesday", "said it would march again on Thursday").

    Example:
        >>> # "The minister will visit Gao on Wednesday" -> True for "on Wednesday"
    """
    span = _date_span(doc, date)
    if span is None:
        return False
    verb = clause_verb(span.root)
    return any(c.dep_ == "aux" and c.lower_ in word_set("lexicon", "future_auxiliaries") for c in verb.children)


def choose_date(draft: Draft, dates: list[FoundDate], published: dt.date | None) -> dict | None:
    """The date of a draft: the best-fitting date of its own sentence (on its trigger first, the finer first), a plan's
    in its forward reading (``dates.forward_reading``); else the latest earlier day or week of the report, else the
    week before publication (``inherited``). Only chooses: what a date's words allow is the date finder's to say.

    Example:
        >>> # "Police arrested 12 men on Saturday" published 2025-11-09 -> {"value": "2025-11-08", "precision": "day"}
    """
    sent = draft.sent
    doc = sent.doc
    pub = published.isoformat() if published else None
    future = draft.record["modality"] in ("planned", "hypothetical")
    filed = _filed(doc)
    own = [
        d
        for d in dates
        if sent.start_char <= d["start"] < sent.end_char and not any(a <= d["start"] < b for a, b in filed)
    ]
    # a date in a clause told in the future ("will travel to Gao on Wednesday") is still to come, whatever the
    # event's modality ("X will travel" is also a promise, told as done)
    pairs = [(d, future or _in_future_clause(doc, d) or _nearer_ahead(draft, d, published)) for d in own]
    if published is not None:
        pairs = [(as_planned(d) if ahead else d, ahead) for d, ahead in pairs]
    if pub is not None:
        # a plan is dated by when it should happen, a past event by when it happened
        pairs = [
            (d, ahead)
            for d, ahead in pairs
            if ((d.get("value_end") or d["value"]) >= pub) == ahead
            or d["value"] <= pub <= (d.get("value_end") or d["value"])
        ]
    own = [d for d, _ in pairs]
    fit = {id(d): _date_fit(draft, d) for d in own}
    own = [d for d in own if fit[id(d)][0] < 4]
    if own:
        # among dates that fit as well, the finer one ("on Thursday" before "this month")
        best = min(own, key=lambda d: (fit[id(d)][0], _PRECISION_ORDER.get(d["precision"], 4), fit[id(d)][1]))
        # a finer date of the sentence inside the chosen one tells the same time more exactly ("exploded on
        # Thursday, ... the fifth attack this month")
        finer = [
            d
            for d in own
            if _PRECISION_ORDER.get(d["precision"], 4) < _PRECISION_ORDER.get(best["precision"], 4)
            and fit[id(d)][0] < 3
            and best["value"] <= d["value"] <= range_end(best)
        ]
        if finer:
            best = min(finer, key=lambda d: (fit[id(d)], _PRECISION_ORDER.get(d["precision"], 4)))
        # a date on a reporting verb ("police said on Tuesday") dates the statement: it dates the event only
        # when nothing better is known, and another statement of the incident with a date of its own outranks it
        return {**record_fields(best), "inherited": False, "_said": fit[id(best)][0] == 3}
    if future and draft.record["modality"] != "planned":
        return None  # a hypothetical act has no day; a planned one, below, the day the plan was told
    earlier = [
        d
        for d in dates
        if d["start"] < sent.start_char
        and d["precision"] in ("day", "week")
        and (pub is None or d["value"] <= pub)
        and not _far_guess(doc, d, published)
    ]
    # a day told in a clause about a noun ("students held since the start of the week") dates that clause's act: a day
    # of a main clause before it is a better guess, when there is one
    main = [d for d in earlier if not _in_modifier_clause(doc, d)]
    if earlier:
        # a plan with no day of its own is dated by the day it was made or told ("ordered them freed", after
        # "agreed on Monday")
        return {**record_fields((main or earlier)[-1]), "inherited": True}
    if published is not None and (future or _told_as_now(draft.primary.token)):
        # "Turkey has shelled a city", "Israel floods farmlands": a report's present or present perfect, with no
        # day before it, tells what happened by the day it was filed
        return {
            "value": published.isoformat(),
            "value_end": None,
            "precision": "day",
            "time_precision": 1,
            "text": None,
            "start": None,
            "end": None,
            "inherited": True,
        }
    if published is not None:
        # nothing in the report dates it: the week before the report, as ACLED codes an undated report (time
        # precision 2: known to the week)
        return {
            "value": (published - dt.timedelta(days=6)).isoformat(),
            "value_end": published.isoformat(),
            "precision": "week",
            "time_precision": 2,
            "text": None,
            "start": None,
            "end": None,
            "inherited": True,
        }
    return None


def _far_guess(doc: Doc, date: dict, published: dt.date | None) -> bool:
    """Whether a date is a month and day without a year that reads more than a month before publication ("would
    take office on May 9", a week after a report of May 2, read as last year's): too doubtful a past to lend."""
    if published is None:
        return False
    told = (date.get("text") or "") + doc_text(doc)[date["end"] : date["end"] + 16]  # "May 26 last year"
    if re.search(r"\d{4}|\byear\b", told, re.IGNORECASE):
        return False
    return date["value"] < (published - dt.timedelta(days=31)).isoformat()


def _in_modifier_clause(doc, date: dict) -> bool:
    """Whether a date sits in a clause that describes a noun ("students held since the start of the week", "a driver
    who was stabbed on Monday")."""
    span = _date_span(doc, date)
    if span is None:
        return False
    return any(h.dep_ in ("acl", "relcl") and h.pos_ == "VERB" for h in span.root.ancestors)


def _told_as_now(tok: Token) -> bool:
    """Whether the verb that tells an act is in the present or the present perfect ("has shelled", "floods", "is
    marching"), not the past ("shelled")."""
    verb = clause_verb(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "MD") for a in auxes) or verb.tag_ == "VBD":
        return False
    return verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def is_aggregate(draft: Draft) -> bool:
    """Whether an event is a total over many incidents ("40 killed in October", "killed since Saturday") rather than
    one incident.

    Example:
        >>> # "More than 40 people were killed in October, the monitor said." -> True
    """
    rec = draft.record
    if rec["type"] not in ("ASSAULT", "PROTEST"):
        return False
    date = rec.get("date") or {}
    if date and not date.get("inherited") and date.get("precision") in ("month", "year"):
        # "a shopkeeper's stabbing death last month": one death is one incident, its day untold
        return (rec["counts"].get("killed") or {}).get("value") != 1
    text = span_text(draft.sent).lower()
    # a toll counted from a day on ("have been killed in the clashes since Saturday") adds up several days
    since = any(t.lower_ == "since" and any(c.ent_type_ == "DATE" for c in t.subtree) for t in draft.sent)
    own_day = bool(date) and not date.get("inherited") and not date.get("_said") and date.get("precision") == "day"
    # an act on a day of its own is one incident whatever span the sentence mentions besides ("killed on Sunday,
    # in one of the deadliest attacks this year"); only a total over places ("across the country") adds it up
    cues = load("lexicon")["aggregate_place_cues"] if own_day else load("lexicon")["aggregate_cues"]
    # whole words: "fatally" holds no "tally"
    if since or any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in cues):
        return bool(rec["counts"].get("killed") or rec["counts"].get("injured"))
    if own_day:
        return False  # "two shootings on Saturday": the incidents of one day, told together
    if any(t.lemma_.lower() in word_set("lexicon", "campaign_nouns") for t in draft.sent):
        return True  # "during a months-long air campaign the army dropped barrel bombs": many strikes
    return any(_many_incidents(t.token) for t in draft.triggers if t.rule.pos == "noun" and not t.rule.outcome)


def _many_incidents(noun: Token) -> bool:
    """Whether a plural event noun tells acts that are not one incident ("repeated attacks on the base", "the
    bombings in two cities"): not a weapon ("hit the station with drones"), nor a noun whose plural tells one
    engagement (``one_incident_plurals``: "the clashes", "five explosions in quick succession").

    Example:
        >>> import spacy
        >>> _many_incidents(spacy.blank("en")("attacks")[0])  # no tagger: not known to be plural
        False
    """
    lemma = noun.lemma_.lower()
    if noun.tag_ != "NNS" or lemma in word_class("weapons"):
        return False
    return lemma not in word_set("lexicon", "one_incident_plurals")
