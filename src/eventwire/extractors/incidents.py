"""Incidents: every restatement of one incident in a report becomes one event, placed and dated from the report.

A wire report tells its main incident three or four times (headline, lead, a quote, a later paragraph), each time
with other details. The trigger extractor finds each statement; this module folds the statements of one incident
into one event, lists them in its ``mentions``, and fills what the best statement leaves out from the others:
the actor, the place, the date, the counts (by ACLED's rules: the lowest credible figure, never a sum over
restatements; a later "the toll rose to 12" updates it). An event whose incident names no place takes the
report's dateline, else the place its headline or lead names, at ACLED geo precision 2 or 3.

Statements merge when they are the same kind of act (:func:`incident_key`) and nothing in them tells them apart:
their own places are near each other (or one holds the other), their own dates overlap, and their named actors
can be the same party. Two attacks in two towns, or on two days, stay two events.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter

from spacy.tokens import Doc, Token

from eventwire.extractors.dates import range_end
from eventwire.extractors.places import location_fields
from eventwire.gazetteer import Gazetteer, haversine_km
from eventwire.lexicons import load, word_set

#: Kilometres within which two named places can be the scene of one incident (a town and its suburb).
SAME_SCENE_KM = 40.0
#: ACLED geo precision of a place inherited from the report rather than named in the event's own sentence.
INHERITED_PRECISION = 2

#: Coercion modes that restrict everyone: told together, they are one set of measures, not several incidents.
_RESTRICTIONS = frozenset({"curfew", "censor", "restrict", "martial-law"})

#: Acts that did not happen never merge with acts told as done; a plan does ("will visit" and "the visit").
_NOT_DONE = ("hypothetical", "negated")


def incident_key(event: dict) -> tuple:
    """What kind of act an event is, for deciding whether two statements can tell one incident.

    Violence is one kind whatever its word ("shot", "killed", "the attack"), except abductions, sexual violence and
    destruction of property, which are acts of their own; coercion keeps its mode apart (an arrest and a seizure
    in one raid are two acts of one incident); other types are one kind each. An act that did not happen (negated,
    hypothetical) never merges with one told as done.

    Example:
        >>> incident_key({"type": "ASSAULT", "mode": "shoot", "modality": "asserted", "aggregate": False})
        ('ASSAULT', None, False, False)
    """
    kind = event["type"]
    mode = event.get("mode")
    if kind == "ASSAULT":
        mode = mode if mode in ("abduct", "sexual", "destroy") else None
    elif kind == "COERCE" and mode in _RESTRICTIONS:
        mode = "restrict"  # "imposed a curfew, and mobile internet was suspended": one set of restrictions
    elif kind != "COERCE":
        mode = None
    return kind, mode, event.get("modality") in _NOT_DONE, bool(event.get("aggregate"))


def _holds(outer: dict, inner: dict) -> bool:
    """Whether a region or country holds a place ("Syria" holds "Homs"); a continent or a region of the world
    ("the Middle East") is too wide to tell any place apart."""
    if outer.get("lat") is not None and (outer.get("feature") == "continent" or not outer.get("country")):
        return True
    if outer.get("feature") == "country":
        return bool(outer.get("country")) and outer.get("country") == inner.get("country")
    if outer.get("feature") == "admin1":
        return outer.get("country") == inner.get("country") and outer.get("name") == inner.get("admin1")
    return False


def same_scene(a: dict, b: dict) -> bool:
    """Whether two event locations can be the scene of one incident: the same place, near each other, or one
    holding the other. Unresolved names agree only with the same name.

    Example:
        >>> same_scene({"name": "Homs", "lat": 34.73, "lon": 36.71}, {"name": "Homs", "lat": 34.72, "lon": 36.72})
        True
    """
    if a.get("geonameid") is not None and a.get("geonameid") == b.get("geonameid"):
        return True
    if a.get("lat") is None or b.get("lat") is None:
        return (a.get("name") or a.get("text") or "").lower() == (b.get("name") or b.get("text") or "").lower()
    if _holds(a, b) or _holds(b, a):
        return True
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= SAME_SCENE_KM


def _wider(loc: dict, locations: list[dict]) -> bool:
    """Whether a place holds another of the list without being held by it (the country or region of a town)."""
    return any(o is not loc and _holds(loc, o) and not _holds(o, loc) for o in locations)


def _specific(locations: list[dict]) -> list[dict]:
    """The most specific of a statement's places: a country or region that holds another of them says no more
    ("in Suárez, a town in Colombia's Cauca province": Suárez), so it cannot join the statement to a third place."""
    return [loc for loc in locations if not _wider(loc, locations)]


def _own_locations(event: dict) -> list[dict]:
    return [loc for loc in event["locations"] if not loc.get("inherited")]


def _own_date(event: dict) -> dict | None:
    """The date an event's words or their context give it: its own sentence's, else the last day the report named
    before it ("On Sunday, ... He fought with officers") unless it names an act told before ("the robbery"); not
    the week before publication that an undated report gets, nor the date of a statement about it ("police said
    on Tuesday"), which tells nothing of when the act took place."""
    date = event.get("date")
    if not date or not date.get("text") or date.get("_said") or event.get("_figure"):
        return None  # ("by Monday the toll rose to 12": Monday is when the dead were counted)
    if date.get("inherited") and event.get("_definite"):
        return None  # "as he conducted the robbery": the act named before, whatever day the last sentence told
    return date


def refers_back(token: Token) -> bool:
    """Whether a trigger names an act as one already known: a noun with a definite or possessive determiner ("the
    robbery", "this attack", "his arrest").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("the robbery")
        >>> refers_back(doc[1])  # a blank pipeline has no parse: nothing depends on the noun
        False
    """
    if token.dep_ == "amod" and token.tag_ == "VBN" and token.head.pos_ == "NOUN":
        token = token.head  # "recovered from the arrested men": the arrest told before
    elif token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN":
        token = token.head  # "the shooting death of Crutcher": the determiner is on the phrase's head
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
        for c in token.children
    )


def _dates_overlap(a: dict, b: dict) -> bool:
    """Whether two dated ranges can hold the same day (a day inside a week or month it names), or are the two days
    of one night ("late Saturday night" and "at 12:52 a.m. Sunday").

    Example:
        >>> sat = {"value": "2026-09-12", "precision": "day", "text": "late Saturday night"}
        >>> _dates_overlap(sat, {"value": "2026-09-13", "precision": "day", "text": "12:52 a.m. Sunday"})
        True
    """
    if a["value"] <= range_end(b) and b["value"] <= range_end(a):
        return True
    if a.get("precision") != "day" or b.get("precision") != "day":
        return False
    first, second = sorted([a, b], key=lambda d: d["value"])
    if (dt.date.fromisoformat(second["value"]) - dt.date.fromisoformat(first["value"])).days != 1:
        return False
    late = set(_WORD.findall((first.get("text") or "").lower())) & word_set("lexicon", "night_words")
    early = set(_WORD.findall((second.get("text") or "").replace(".", "").lower())) & word_set(
        "lexicon", "small_hours_words"
    )
    return bool(late or early)


_WORD = re.compile(r"[a-z0-9]+")


def _name_words(actor: dict) -> set[str]:
    return set(_WORD.findall((actor.get("name") or actor.get("text") or "").lower())) - word_set(
        "lexicon", "name_stop_words"
    )


def _family(sector: str | None) -> str | None:
    """The family of a sector that one party's names may fall in ("police" and "officers": state forces)."""
    for family in load("actors")["sector_families"]:
        if sector in family:
            return family[0]
    return sector


def _crowd(actor: dict) -> bool:
    """Whether an actor is named only as a number of people ("Hundreds of people", "thousands")."""
    words = set(_WORD.findall((actor.get("text") or actor.get("name") or "").lower()))
    return bool(words) and words <= word_set("lexicon", "crowd_words")


def same_party(mine: list[dict], theirs: list[dict]) -> bool:
    """Whether two lists of actors can name one party: either names none, a content word is shared, or a sector.

    Example:
        >>> same_party([{"name": "Chicago police", "sector": "POLICE"}], [{"name": "police officers"}])
        True
    """
    # a crowd named only by its size ("hundreds of people") can be any party named elsewhere
    mine, theirs = [a for a in mine if not _crowd(a)], [a for a in theirs if not _crowd(a)]
    if not mine or not theirs:
        return True
    sectors = {_family(a.get("sector")) for a in theirs if a.get("sector")}
    words = set().union(*(_name_words(a) for a in theirs))
    if any(_name_words(a) & words or (a.get("sector") and _family(a.get("sector")) in sectors) for a in mine):
        return True
    # told apart only when both sides say what kind of party they are ("police" and "protesters"); a bare noun
    # ("the man", "the parolee") can be anyone named elsewhere
    return not (sectors and any(a.get("sector") for a in mine))


def _named_victims(targets: list[dict], text: str | None = None) -> list[set[str]]:
    """The name words of targets that are people named by name ("Terence Crutcher", "Scott"): capitalised words
    only, no sector or country (not "police officers", not "Syrians"); a word capitalised only because it opens a
    sentence ("Woman wasn't kidnapped") is no name."""
    out = []
    for t in targets:
        words = (t.get("text") or "").replace(",", " ").split()
        start = t.get("start")
        opening = (
            text is not None
            and start is not None
            and (start == 0 or text[max(0, start - 2) : start].strip() in ("", "."))
        )
        if len(words) == 1 and opening and not re.search(rf"[a-z,] {re.escape(words[0])}\b", text or ""):
            continue  # unless the word is capitalised inside a sentence too ("Keith Lamont Scott" ... "Scott, who")
        if words and not t.get("sector") and not t.get("country") and all(w[:1].isupper() for w in words):
            out.append(_name_words(t))
    return [w for w in out if w]


def victim_overlap(mine: list[dict], theirs: list[dict], text: str | None = None) -> bool | None:
    """Whether two statements' named victims overlap: None when either names none (nothing to tell them apart),
    else True when a name word is shared ("Terence Crutcher" and "Crutcher") and False when none is.

    Example:
        >>> victim_overlap([{"text": "Terence Crutcher"}], [{"text": "Keith Lamont Scott"}])
        False
    """
    a, b = _named_victims(mine, text), _named_victims(theirs, text)
    if not (a and b):
        return None
    return any(x & y for x in a for y in b)


def same_victims(mine: list[dict], theirs: list[dict], text: str | None = None) -> bool:
    """Whether two statements can tell of the same victims: not when each names its victim and no name word is
    shared ("killing Terence Crutcher" in Tulsa, "Keith Lamont Scott was killed" in Charlotte).

    Example:
        >>> same_victims([{"text": "Terence Crutcher"}], [{"text": "Crutcher"}])
        True
        >>> same_victims([{"text": "Terence Crutcher"}], [{"text": "Keith Lamont Scott"}])
        False
    """
    return victim_overlap(mine, theirs, text) is not False


def compatible(incident: dict, event: dict, text: str | None = None) -> bool:
    """Whether ``event`` can restate ``incident``: same kind of act, a scene, a day and a party they can share.

    Example:
        >>> base = {"type": "ASSAULT", "mode": None, "modality": "asserted", "aggregate": False, "actors": [],
        ...         "locations": [], "date": None}
        >>> compatible(base, dict(base))
        True
    """
    if incident_key(incident) != incident_key(event):
        return False
    mine, theirs = _specific(_own_locations(incident)), _specific(_own_locations(event))
    if mine and theirs and not any(same_scene(a, b) for a in mine for b in theirs):
        return False
    d1, d2 = _own_date(incident), _own_date(event)
    if d1 and d2 and not _dates_overlap(d1, d2):
        return False
    return same_party(incident["actors"], event["actors"]) and same_victims(incident["targets"], event["targets"], text)


def _told_apart(event: dict, text: str) -> bool:
    """Whether an event's sentence says it is another incident ("In a separate incident, ...", "Elsewhere, ...")."""
    sentence = text[event["sentence"]["start"] : event["sentence"]["end"]].lower()
    return any(re.search(rf"\b{re.escape(cue)}\b", sentence) for cue in load("lexicon")["separate_incident"])


def _update_cue(text: str) -> bool:
    """Whether a sentence tells a figure that replaces an earlier one ("the toll rose to 12")."""
    words = set(_WORD.findall(text.lower()))
    return bool(words & set(load("lexicon")["count_updates"]))


def _reconcile_counts(members: list[dict], text: str) -> dict:
    """One incident's counts from its statements: the latest stated update wins, else the lowest figure (ACLED's
    rule for conflicting reports), never a sum; each value keeps the evidence span of the figure used."""
    keys: list[str] = []
    for m in members:
        keys.extend(k for k in m["counts"] if k not in keys)
    counts: dict = {}
    for key in keys:
        found = [m for m in members if m["counts"].get(key)]
        if not found:
            counts[key] = None
            continue
        updates = [
            m for m in found if _update_cue(text[m["sentence"]["start"] : m["sentence"]["end"]]) and m is not found[0]
        ]
        if updates:
            chosen = max(updates, key=lambda m: m["sentence"]["start"])
        else:
            whole = [m for m in found if not _part_of_another(m["counts"][key], [f["counts"][key] for f in found])]
            # "also" adds to a figure of the same kind told before it; with none before ("12 were killed ... 35
            # people also were wounded") it sets the wounded beside the dead and competes like any other figure
            first = min((m["sentence"]["start"] for m in whole if not m["counts"][key].get("_added")), default=None)
            added = [
                m
                for m in whole
                if m["counts"][key].get("_added") and first is not None and m["sentence"]["start"] > first
            ]
            base = [m for m in whole if m not in added] or whole
            chosen = min(base, key=lambda m: (_value(m["counts"][key]), m["sentence"]["start"]))
            extra = [m["counts"][key] for m in added if m is not chosen]
            if extra:
                counts[key] = _summed([chosen["counts"][key], *extra])
                continue
        counts[key] = chosen["counts"][key]
    return counts


def _summed(parts: list[dict]) -> dict:
    """One figure from a base figure and the victims told in addition to it, each part's evidence kept in
    ``parts`` ("1" soldier killed, "a US serviceman ... died alongside him": 2)."""
    qualifiers = [p["qualifier"] for p in parts if p["qualifier"] != "exact"]
    return {
        **{k: v for k, v in parts[0].items() if k in ("text", "start", "end")},
        "value": sum(int(p["value"]) for p in parts),
        "qualifier": qualifiers[0] if qualifiers else "exact",
        "parts": [{k: p[k] for k in ("value", "text", "start", "end")} for p in parts],
    }


def _part_of_another(count: dict, others: list[dict]) -> bool:
    """Whether a figure counts one group of the victims that another statement counts with other groups ("14
    rebels died" beside "three soldiers and some ten rebels lay dead"): a part, not a lower
    figure for the whole, which ACLED's lowest-figure rule would otherwise take."""
    mine = count.get("_groups") or []
    if len(mine) != 1 or mine[0][1] is None:
        return False
    family = _family(mine[0][1])
    return any(len(o.get("_groups") or []) > 1 and any(_family(s) == family for _, s in o["_groups"]) for o in others)


def _value(count: dict) -> float:
    value = count.get("value")
    return float(value) if isinstance(value, (int, float)) else math.inf


def _date_rank(statement: dict) -> tuple:
    """Which statement's date an incident keeps: a date of its own before one of a statement about it ("said on
    Tuesday"), before an inherited one; then the finest precision. An act named as known ("the fatal shooting of
    X") takes no day from the sentences before it: its inherited date comes after every other date."""
    date = statement.get("date")
    if not date:
        return (3, 9)
    if (date.get("inherited") and statement.get("_definite")) or statement.get("_figure"):
        return (2, 5)
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    return (2 if date.get("inherited") else 1 if date.get("_said") else 0, order.get(date.get("precision"), 4))


def _mention(event: dict, text: str) -> dict:
    start, end = event["sentence"]["start"], event["sentence"]["end"]
    return {"text": text[start:end], "start": start, "end": end, "trigger": dict(event["trigger"])}


def _fold(members: list[dict], text: str) -> dict:
    """One event from the statements of one incident; ``members[0]`` is the best statement."""
    head = dict(members[0])
    head["mentions"] = sorted((_mention(m, text) for m in members), key=lambda m: (m["start"], m["trigger"]["start"]))
    for key in ("actors", "targets"):
        if not head[key]:
            head[key] = next((m[key] for m in members if m[key]), [])
    locations: list[dict] = []
    for m in members:
        for loc in _own_locations(m):
            if not any(_same_place(loc, k) for k in locations):
                locations.append(loc)
    # the most specific place first: a town a statement names before the country or region another one names
    wider = [_wider(loc, locations) for loc in locations]
    locations = [loc for _, loc in sorted(zip(wider, locations, strict=True), key=lambda pair: pair[0])]
    head["locations"] = locations or head["locations"]
    head["date"] = min(members, key=_date_rank).get("date")
    if not head.get("acled"):  # the incident's ACLED code is that of its best statement that has one
        head["acled"] = next((m["acled"] for m in members if m.get("acled")), None)
    head["counts"] = _reconcile_counts(members, text)
    if not head.get("attribution") or head["attribution"].get("voice") == "report":
        head["attribution"] = next(
            (m["attribution"] for m in members if m.get("attribution") and m["attribution"].get("voice") != "report"),
            head.get("attribution"),
        )
    return head


def _same_place(a: dict, b: dict) -> bool:
    if a.get("geonameid") is not None:
        return a.get("geonameid") == b.get("geonameid")
    return a.get("text") == b.get("text") and b.get("geonameid") is None


def merge_incidents(events: list[dict], text: str) -> list[dict]:
    """Fold every restatement of one incident into one event with ``mentions``, best statement first.

    The most confident statement of an incident is its trigger; the others are taken in order of confidence and
    join the first incident they are :func:`compatible` with. The result is in text order of the triggers.

    Example:
        >>> # "Blast kills 3 in X. A bomb killed three people in X on Monday, police said." -> one event, 2 mentions
    """

    def confidence(e: dict) -> tuple:
        return (-(e.get("confidence") or 0), e["trigger"]["start"])

    # statements that say where, when or who first: a bare restatement ("seven were killed in the clashes") then
    # joins the nearest incident it fits, not whichever was told with the most confidence
    order = sorted(events, key=lambda e: (_bare(e), *confidence(e)))
    groups: list[list[dict]] = []
    state: list[dict] = []  # each incident as known so far: its fields folded from its members
    for event in order:
        fits = [
            i
            for i, incident in enumerate(state)
            if compatible(incident, event, text) and not (_told_apart(event, text) or _told_apart(incident, text))
        ]
        if fits:
            # the incident that names the same victim, else the nearest one it can restate: a statement that
            # names nothing of its own ("seven were killed in the clashes") tells of the incident told beside it
            i = min(
                fits,
                key=lambda k: (not victim_overlap(state[k]["targets"], event["targets"], text), _gap(groups[k], event)),
            )
            groups[i].append(event)
            groups[i].sort(key=confidence)
            state[i] = _fold(groups[i], text)
        else:
            groups.append([event])
            state.append(_fold([event], text))
    _join_raids(groups, state, text)
    return sorted(state, key=lambda e: e["trigger"]["start"])


def _bare(event: dict) -> bool:
    """Whether a statement names nothing of its incident: no place, day, actor or named victim of its own."""
    return not (_own_locations(event) or _own_date(event) or event["actors"] or _named_victims(event["targets"]))


def _gap(members: list[dict], event: dict) -> int:
    """How far, in characters, a statement stands from the nearest statement of an incident; one after it counts
    double, since a report tells an incident before it comes back to it."""
    start = event["sentence"]["start"]
    return min(
        start - m["sentence"]["start"] if m["sentence"]["start"] <= start else 2 * (m["sentence"]["start"] - start)
        for m in members
    )


def _next_to(a: dict, b: dict, text: str) -> bool:
    """Whether two statements share a sentence or stand in sentences next to each other."""
    (s1, e1), (s2, e2) = sorted([(a["start"], a["end"]), (b["start"], b["end"])])
    return s1 == s2 or not text[e1:s2].strip()


def _join_raids(groups: list[list[dict]], state: list[dict], text: str) -> None:
    """Fold a seizure into the arrest told beside it (same or next sentence, same party, scene and day): one raid is
    one incident ("officers raided a house and arrested two men. Officers seized a rifle during the raid"), as
    analysts code it. The event stays an arrest with its count; a seizure of weapons gives its ACLED sub-type,
    "Disrupted weapons use", since the arrests are part of stopping the weapons' use. Members of armed groups
    held are ACLED's "Arrests" of their own, beside the seizure ("arrested 14 suspected militants and seized
    rifles": two events).

    Example:
        >>> # "Police arrested two men and seized a pistol" -> one COERCE event, mode arrest, 2 mentions
    """
    for i, arrest in enumerate(state):
        if arrest["type"] != "COERCE" or arrest.get("mode") != "arrest" or not groups[i]:
            continue
        if any(t.get("sector") in load("actors")["armed_sectors"] for t in arrest["targets"]):
            continue  # members of armed groups held: ACLED's "Arrests", beside the seizure's own event
        for j, seizure in enumerate(state):
            if i == j or seizure["type"] != "COERCE" or seizure.get("mode") != "seize" or not groups[j]:
                continue
            near = any(_next_to(m, n, text) for m in arrest["mentions"] for n in seizure["mentions"])
            if not near or _told_apart(seizure, text) or not compatible(arrest, {**seizure, "mode": "arrest"}, text):
                continue
            groups[i] += groups[j]
            groups[j] = []
            state[i] = _fold(groups[i], text)
            if (seizure.get("acled") or {}).get("sub_event_type") == "Disrupted weapons use":
                state[i]["acled"] = seizure["acled"]
    # the seizures folded into a raid leave no incident of their own
    state[:] = [s for s, g in zip(state, groups, strict=True) if g]
    groups[:] = [g for g in groups if g]


# --- places from the whole report -------------------------------------------------------------------------------

#: A dateline opens a paragraph: a place in capitals, perhaps its country or state, then a dash or a news agency
#: ("BEIRUT, Nov 9 (Reuters) -", "SAN FRANCISCO —", "KOLKATA, India –").
_DATELINE = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?] ))([A-Z][A-Z.'/\- ]{2,40}[A-Z.])"  # the place, in capitals, opening a line or
    # after the headline's full stop
    r"(?:,[^\n—–]{0,40}?)?\s*(?:\([A-Za-z .]+\)\s*)?"  # its country or the date; the agency
    r"(?:[—–-]+|:)\s"
)


def dateline_spans(text: str, within: int = 600) -> list[tuple[int, int]]:
    """Where the report's dateline names its place, in its opening paragraphs: (start, end) offsets.

    Example:
        >>> dateline_spans("SAN FRANCISCO — A police officer ...")
        [(0, 13)]
    """
    return [m.span(1) for m in _DATELINE.finditer(text[:within])]


def dateline_heads(text: str, within: int = 600) -> list[tuple[int, int]]:
    """The whole datelines of a report's opening paragraphs, place, country or date, and agency included: a date
    there ("BEIRUT, Nov 9 (Reuters) -") tells when the report was filed, not when anything in it happened.

    Example:
        >>> dateline_heads("NAIROBI, Sept 16 — Police fired tear gas on Tuesday.")
        [(0, 18)]
    """
    return [m.span(0) for m in _DATELINE.finditer(text[:within])]


def dateline_place(text: str, places: list[dict], within: int = 600, gazetteer: Gazetteer | None = None) -> dict | None:
    """The resolved place of the report's dateline, when its opening paragraphs have one.

    A dateline in capitals is often missed by the entity tagger ("CROMWELL —"); with a ``gazetteer`` its name is
    looked up, keeping a candidate in a country the report's other places are in, else a prominent place.

    Example:
        >>> p = {"start": 0, "end": 6, "lat": 33.9, "lon": 35.5, "geonameid": 276781, "name": "Beirut"}
        >>> dateline_place("BEIRUT, Nov 9 (Reuters) - Gunmen ...", [p])["name"]
        'Beirut'
    """
    spans = dateline_spans(text, within)
    for start, end in spans:
        for p in places:
            if start <= p["start"] < end and p.get("lat") is not None:
                return p
    if gazetteer is None or not spans:
        return None
    countries = Counter(p["country"] for p in places if p.get("country"))
    # the report's regions: those its places lie in, and those it names ("Connecticut")
    regions = {p.get("admin1") for p in places} | {p.get("name") for p in places if p.get("feature") == "admin1"}
    for start, end in spans:
        # "MIEH MIEH/BEIRUT": each name of a double dateline, the first that resolves
        for part in re.finditer(r"[^/]+", text[start:end]):
            name = part.group().strip()
            cands = gazetteer.lookup(name.title(), limit=10)
            # a candidate in one of the report's regions, else in one of its countries (lookup order breaks ties)
            best = next((c for c in cands if c.admin1 and c.admin1 in regions), None) or next(
                (c for c in cands if c.country in countries), None
            )
            if best is None and cands and (cands[0].feature in ("country", "admin1") or cands[0].population >= 100_000):
                best = cands[0]  # a country, a region or a large city needs no support from the rest
            if best is not None:
                a = start + part.start() + (len(part.group()) - len(part.group().lstrip()))
                return _place_of(best, text[a : a + len(name)], a)
    return None


def _place_of(place, surface: str, start: int) -> dict:
    """A record place for a gazetteer entry named at ``start`` (the dateline's words as evidence)."""
    return {
        "text": surface,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "country": place.country,
        "country_name": place.country_name,
        "feature": place.feature if place.feature in ("city", "admin1", "country") else None,
        "start": start,
        "end": start + len(surface),
    }


_SPECIFIC = {"city": 0, None: 1, "admin2": 1, "admin1": 2, "country": 3, "continent": 4}


def _most_specific(places: list[dict]) -> dict | None:
    located = [p for p in places if p.get("lat") is not None]
    if not located:
        return None
    return min(located, key=lambda p: (_SPECIFIC.get(p.get("feature"), 1), p["start"]))


def _inherited(place: dict, how: str) -> dict:
    loc = location_fields(place)
    coarse = 3 if place.get("feature") in ("admin1", "country", "continent") else INHERITED_PRECISION
    loc["precision"] = max(place.get("precision") or 1, coarse)
    loc["inherited"] = how
    return loc


def _affiliation(doc: Doc, start: int) -> bool:
    """Whether the place at ``start`` names whom a person speaks or works for ("a spokeswoman for the Rhône
    prefecture", "the head of the Kano police") or where a named person lives ("Ann Bell, 55, of Park Ridge"): an
    office or a home, not where an act took place."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if not span:  # None, or empty where the offset falls on whitespace
        return False
    tok = span[0]
    for _ in range(4):
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("for", "of"):
        return False
    owner = tok.head.head
    # "Ann Bell, 61, of Oak Lawn": where a named person lives, not where the act took place
    residence = tok.head.lower_ == "of" and owner.ent_type_ == "PERSON"
    return residence or owner.lemma_.lower() in word_set("actors", "role_nouns")


def place_from_report(
    events: list[dict], doc: Doc, places: list[dict], text: str, gazetteer: Gazetteer | None = None
) -> None:
    """Give an event whose statements name no place the report's: its own sentence's other places first (a
    place named there that no preposition ties to the event: "Oakland officer shot"), then the dateline, then the
    most specific place of the headline and lead. Never a place that locates another incident of the report.

    Example:
        >>> # "KANO, Nigeria - ... Police arrested 12 men." -> the arrest is in Kano, precision 2
    """
    if not events:
        return
    elsewhere = {
        (loc.get("geonameid"), loc.get("start"))
        for e in events
        if e["locations"]
        for loc in e["locations"]
        if not loc.get("inherited")
    }

    def free(p: dict) -> bool:  # no other incident's own place
        return (p.get("geonameid"), p["start"]) not in elsewhere

    sents = list(doc.sents)
    lead_end = sents[min(1, len(sents) - 1)].end_char if sents else 0
    dateline = dateline_place(text, places, gazetteer=gazetteer)
    filed = dateline_spans(text)

    offices = {p["start"] for p in places if _affiliation(doc, p["start"])}  # read once, not per event

    def located(p: dict) -> bool:  # a place with coordinates that can be a scene: no nationality, office or home
        return p.get("lat") is not None and not p.get("metonym") and p["start"] not in offices

    def told(p: dict) -> bool:  # a scene the report's words name, not its dateline, and no other incident's
        return located(p) and free(p) and not any(a <= p["start"] < b for a, b in filed)

    lead = _most_specific([p for p in places if p["start"] < lead_end and told(p)])
    for event in events:
        # a place the gazetteer lacks ("in River North") still says the event is in the report's area: it is coded
        # to the report's place, as a landmark is coded to its town, and keeps its own words
        unknown = next((loc for loc in event["locations"] if loc.get("lat") is None), None)
        if event["locations"] and (unknown is None or any(loc.get("lat") is not None for loc in event["locations"])):
            continue
        spans = [(m["start"], m["end"]) for m in event.get("mentions") or [event["sentence"]]]
        # the event's own word is no place of it ("Slain in Dagestani Battle": the battle, not Battle in England)
        words = {(m.get("trigger") or {}).get("start") for m in event.get("mentions") or []}
        words.add(event["trigger"]["start"])
        own = _most_specific(
            [p for p in places if any(a <= p["start"] < b for a, b in spans) and told(p) and p["start"] not in words]
        )
        found = [(p, how) for p, how in ((own, "sentence"), (dateline, "dateline"), (lead, "lead")) if p is not None]
        if not found:
            # the report names no other place: a place its own statement shares with another act of the same sentence
            # ("police fire tear gas at Lyon protest, dozens detained": the arrests are in Lyon too)
            shared = _most_specific(
                [
                    p
                    for p in places
                    if any(a <= p["start"] < b for a, b in spans) and located(p) and p["start"] not in words
                ]
            )
            found = [(shared, "sentence")] if shared is not None else []
        if not found:
            continue
        chosen, how = found[0]
        # a country or region named in the sentence is where the report's own, finer place lies ("ISLAMABAD -
        # Pakistan agreed ..."): the finer place it holds
        finer = next((f for f in found[1:] if _holds(chosen, f[0]) and _SPECIFIC.get(f[0].get("feature"), 1) < 2), None)
        if finer is not None:
            chosen, how = finer
        loc = _inherited(chosen, how)
        if unknown is not None:
            loc = {**loc, **{f: unknown[f] for f in ("text", "start", "end") if f in unknown}}
            loc["precision"] = max(loc["precision"], unknown.get("precision") or 1)
        event["locations"] = [loc]
