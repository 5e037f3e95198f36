"""Toponyms: find place names, resolve them in the gazetteer using the article's context, say how each is used.

Finding: spaCy's GPE/LOC/FAC entities, extended with the gazetteer where NER cuts a name short ("Deir" ->
"Deir ez-Zor"), plus mislabelled names that stand where places stand (after "in", or listed with places), a
dateline in capitals ("MANSFIELD —"), each name of a pair ("U.S.-Syria talks") and a place inside an
institution's name ("Texas Department of Health", "University of Alexandria").
Resolving (:func:`_resolve`, shared by :func:`find_places` and :func:`resolve_spans`): each name's candidates
are scored by prior (population, capitals and region seats first, alternate names last, a town named after a
country or region below it) and by agreement with the other names of the text, each weighted by how sure its own
choice is: the share of them in the same country and first-order region, a town nearby, and containment ("X in Y
province", "Charleston, W.Va."; two cities side by side are a list), which scores both names of the pair. The
names are revisited one after another for a few rounds, each seeing the others' latest choice.
Use: a place after a locative preposition ("in", "near") can be an event location; one that acts or speaks
("Washington said", "Moscow's ministry"), a demonym, or a name inside another name is not (metonymy).
Counties and continents resolve with their point but ``feature`` null (the record names city/admin1/country).
Names the gazetteer lacks and landmarks ("the White House", "X Square") are coded to the unit the text puts them
in, else (landmarks, or any name in an article about one city) to the article's city, at geo precision 2 or 3,
with a warning (``FoundPlace.warning``); an unambiguous gazetteer name (a country, a region, a city of
100,000+, "X County") is a place whatever NER labels it.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import Counter
from typing import NamedTuple, TypedDict

from spacy.tokens import Doc, Span, Token

from eventwire.errors import msg
from eventwire.extractors.dates import resolve_date
from eventwire.extractors.parse import doc_text as joined_text
from eventwire.gazetteer import (
    GROUP_COUNTRY,
    GROUP_PROMINENT,
    KIND_ALTERNATE,
    KIND_DERIVED,
    Gazetteer,
    Place,
    haversine_km,
    normalize,
)
from eventwire.lexicons import load, word_set

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})


class FoundPlace(TypedDict):
    """A place as ``eventwire_places`` leaves it in ``Doc._.ew_places``: the contract with the components after it.

    The first fields are the record's place fields (``docs/record-format.md``); the record adds the place's
    ``role``, which is not the finder's to say (see ``record.py``). The last five are for the components after
    this one and never reach the record:

    - ``root``: token index of the name's head in the Doc (where the events component looks up what governs it);
    - ``prep``: the locative preposition the name hangs on ("in", "near"), None when none does: only a place
      after one can be an event's location;
    - ``precision``: the ACLED geo precision an event located there gets (1 the town itself, 2 near it or a
      district, 3 a province or country);
    - ``metonym``: the name stands for a government or people ("Washington said", a demonym, a name inside
      another name), so it locates nothing;
    - ``warning``: None, or the message (EW102-EW105) for a landmark or a name the gazetteer lacks, coded to the
      unit around it; the record adds it to its warnings.

    Nothing downstream changes a found place: a location is a copy (:func:`location_fields`).

    Example:
        >>> # "Gunmen attacked a post near Homs" -> [{"text": "Homs", "country": "SY", ..., "prep": "near",
        >>> #     "precision": 2, "metonym": False, "warning": None}]
    """

    text: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    country_name: str | None
    feature: str | None  # city | admin1 | country; None for the gazetteer's other features and unresolved names
    kind: str  # toponym | demonym | region
    start: int
    end: int
    root: int
    prep: str | None
    precision: int
    metonym: bool
    warning: str | None


#: The fields of a found place that the record's place repeats, in the record's order (``role`` goes after ``kind``).
RECORD_FIELDS = (
    "text", "name", "geonameid", "lat", "lon", "admin1", "country", "country_name", "feature", "kind", "start", "end"
)  # fmt: skip
#: The fields an event's location copies from its place, in the record's order (then ``precision``).
LOCATION_FIELDS = tuple(f for f in RECORD_FIELDS if f != "kind")


def location_fields(place: FoundPlace | dict) -> dict:
    """A new dict of the fields an event's location takes from a place: the place itself is left as it is.

    Also takes the incidents step's place dicts (a dateline's), which have these fields and no others.

    Example:
        >>> location_fields({"text": "Homs", "name": "Homs", "kind": "toponym", "start": 3, "prep": "in"})
        {'text': 'Homs', 'name': 'Homs', 'start': 3}
    """
    return {f: place[f] for f in LOCATION_FIELDS if f in place}


@functools.cache
def _macro_regions() -> frozenset[str]:
    return frozenset(normalize(r) for r in load("lexicon")["macro_regions"])


@functools.cache
def _place_nouns() -> frozenset[str]:
    return frozenset(load("lexicon")["place_nouns"])


def _person_words(doc: Doc, gaz: Gazetteer) -> set[str]:
    """Words of multi-word person names: "Khalil" alone later is the person, not a town. A country, a
    first-order region or a prominent city stays a place (a book title naming a country, mislabelled a person)."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            words.update(_bare(t.text).lower() for t in ent if t.is_alpha or "-" in t.text)
            words.add(_bare(ent[1:].text).lower())  # "al-Sharaa" from "Ahmed al-Sharaa"
    return {w for w in words if not _is_strong_name(gaz, w, prominent_only=True)}


def _is_strong_name(gaz: Gazetteer, text: str, *, prominent_only: bool = False) -> bool:
    """Whether ``text`` is the own name of a country, a first-order region, a county, or a town of 10,000+
    (with ``prominent_only``: a country, a region, or a city of 100,000+)."""
    for p in gaz.lookup(text, limit=3):
        if p.name_kind == KIND_ALTERNATE:
            continue
        if p.feature in ("country", "admin1", "continent"):
            return True
        if p.feature == "admin2" and not prominent_only:
            return True
        if p.feature == "city" and p.population >= (100_000 if prominent_only else 10_000):
            return True
    return False


def _demonym_first(gaz: Gazetteer, text: str) -> bool:
    """Whether a demonym ("Canadian", "Arab", "English") names its country rather than a place spelt the same:
    unless that place is a country, a region or a city of 100,000+, the small town that shares the word (Canadian,
    Texas) is far less often meant than the people or country it derives from."""
    return gaz.is_demonym(text) and not _is_strong_name(gaz, text, prominent_only=True)


def _bare(text: str) -> str:
    return text.removesuffix("’s").removesuffix("'s")


def _locative_prep(root: Token) -> tuple[str | None, int]:
    """The locative preposition a place name hangs on ("in", "near") and the geo precision it implies."""
    preps = load("lexicon")["locative_preps"]
    tok = root
    for _ in range(4):
        if tok.dep_ in ("conj", "appos") and tok.head != tok:
            tok = tok.head
            continue
        break
    if (tok.dep_ == "compound" and tok.head.pos_ == "NOUN") or (tok.dep_ == "poss" and _part_of_place(tok.head)):
        # "a Damascus suburb", "Kharkiv's Saltivka district": part of a place, near the town
        prep, _ = _locative_prep(tok.head)
        return (prep, 2) if prep else (None, 0)
    if tok.dep_ == "pobj":
        prep = tok.head
        word = prep.lower_
        if word == "of" and prep.head.lower_ in word_set("lexicon", "vicinity_words"):
            outer, _ = _locative_prep(prep.head)
            return (outer or prep.head.lower_, 2)
        if word == "of" and _part_of_place(prep.head):
            # "near the town of Tibu", "in the main market of Al-Mayadin": the preposition of the place's part;
            # a building of a town is in it, whatever the sentence does with it ("attacked the police station of X")
            outer, precision = _locative_prep(prep.head)
            if outer is None and prep.head.lemma_.lower() in word_set("lexicon", "landmark_words"):
                return "of", 1
            return outer, precision
        if word in preps:
            return word, int(preps[word])
        if prep.head.lower_ in word_set("lexicon", "vicinity_words"):  # "close to X", "north of X"
            return prep.head.lower_, 2
    return None, 0


def _part_of_place(noun: Token) -> bool:
    """Whether a noun names a part of a place ("district", "outskirts", "streets", "market")."""
    lemma = noun.lemma_.lower()
    return (
        lemma in _place_nouns()
        or lemma in word_set("lexicon", "vicinity_words")
        or lemma in word_set("lexicon", "landmark_words")
    )


def _is_metonym(root: Token) -> bool:
    """A place name used for its government or people: a subject of a verb, a possessor (not of a part of it: "in
    Kharkiv's Saltivka district"), or the first half of an affiliation ("the US-led coalition", "Iran-backed")."""
    doc = root.doc
    if (
        root.i + 2 < len(doc)
        and doc[root.i + 1].text == "-"
        and doc[root.i + 2].lower_ in word_set("lexicon", "affiliation_participles")
    ):
        return True
    tok = root
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    if tok.dep_ == "poss" and _part_of_place(tok.head):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if tok.dep_ == "compound" and tok.head.ent_type_ in ("ORG", "NORP"):
        return True
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("with", "between", "against", "by", "to")
        and not _locative_prep(root)[0]
    )


def _extend(doc: Doc, start: int, end: int, gaz: Gazetteer) -> tuple[int, int]:
    """Widen a token span to the longest gazetteer name starting there (NER often stops at "Deir")."""
    best = end
    for extra in range(1, 5):
        j = end + extra
        # a dash ends a name ("MAKHACHKALA -- Three days"): normalising drops it, so the gazetteer would match
        if j > len(doc) or doc[j - 1].is_space or doc[j - 1].text in (",", ".", ";", "—", "–", "--", "(", ")"):
            break
        if gaz.has_name(doc[start:j].text):
            best = j
        elif not gaz.has_prefix(doc[start:j].text):
            break
    return start, best


def _mention(span: Span, kind: str, *, embedded: bool = False) -> _Mention:
    return _Mention(span, kind, span.start_char, span.end_char, embedded)


def _embedded(doc: Doc, start: int, end: int, gaz: Gazetteer) -> list[_Mention]:
    """Place names inside an organisation's or facility's name: a leading one ("Texas Department of Health",
    "Gainesville Police") or one after "of" ("University of Alexandria"), when the name has an institution
    word and the place is a country, region, county or town of 10,000+."""
    tokens = doc[start:end]
    if len(tokens) < 2 or not any(t.lower_ in word_set("lexicon", "institution_words") for t in tokens[1:]):
        return []
    if _is_street(tokens.text):  # streets are named after places elsewhere ("Brooklyn Boulevard" in Ohio)
        return []
    out: list[_Mention] = []
    for k in range(min(4, len(tokens) - 1), 0, -1):
        head = doc[start : start + k]
        if head[-1].lower_ not in word_set("lexicon", "institution_words") and _is_strong_name(gaz, head.text):
            out.append(_mention(head, "toponym", embedded=True))
            break
    for t in tokens:
        if t.lower_ == "of" and t.i + 1 < end:
            tail_end = end
            while tail_end > t.i + 1 and not _is_strong_name(gaz, doc[t.i + 1 : tail_end].text):
                tail_end -= 1
            if tail_end > t.i + 1 and not any(m.start <= doc[t.i + 1].idx < m.end for m in out):
                out.append(_mention(doc[t.i + 1 : tail_end], "toponym", embedded=True))
            break
    return out


def _dateline(doc: Doc, gaz: Gazetteer, limit_char: int) -> list[Span]:
    """A place in capitals opening a paragraph before a dash or comma ("MANSFIELD — ...", "BEIRUT (AP) —")."""
    out = []
    prev = None  # the token before (indexing the Doc builds a new Token each time: slow on long texts)
    for tok in doc:
        if tok.idx >= limit_char:
            break
        before, prev = prev, tok
        if before is not None and "\n" not in before.text_with_ws and not before.is_space:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 4 and doc[end].is_upper and doc[end].is_alpha and len(doc[end]) > 1:
            end += 1
        if end == tok.i or end >= len(doc) or doc[end].text not in ("—", "–", "-", "--", ",", "(", ":"):
            continue
        span = doc[tok.i : end]
        if gaz.has_name(span.text):
            out.append(span)
    return out


def _candidates(doc: Doc, gaz: Gazetteer, limit_char: int) -> list[_Mention]:
    """Every toponym or demonym, in text order; kind is "toponym", "demonym" or "region"."""
    person_words = _person_words(doc, gaz)
    found: list[_Mention] = []
    taken: set[int] = set()
    place_roots: set[int] = set()
    ents = [e for e in doc.ents if e.start_char < limit_char]
    for ent in ents:
        if ent.label_ in _PLACE_LABELS:
            place_roots.add(ent.root.i)
    for span in _dateline(doc, gaz, limit_char):
        taken.update(range(span.start, span.end))
        found.append(_mention(span, "toponym"))
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = ent.text.removesuffix("’s").removesuffix("'s")
        if ent.label_ == "NORP" or (ent.label_ in _PLACE_LABELS and _demonym_first(gaz, text)):
            if gaz.is_demonym(text):
                found.append(_mention(ent, "demonym"))
            continue
        if text.lower() in person_words:
            continue
        if normalize(text) in _macro_regions():
            found.append(_mention(ent, "region"))
            continue
        if "-" in text and not gaz.has_name(text) and all(_is_strong_name(gaz, p) for p in text.split("-") if p):
            # "U.S.-Syria relations": each is named (for its country); neither is where something happened. Only
            # names of countries, regions and towns of note: "Wal-Mart" is no pair of hamlets
            pos = 0
            for part in text.split("-"):
                if part:
                    at = text.index(part, pos)
                    pos = at + len(part)
                    found.append(_Mention(ent, "toponym", ent.start_char + at, ent.start_char + pos, True))
            taken.update(range(ent.start, ent.end))
            continue
        start, end = ent.start, ent.end
        if doc[end - 1].dep_ == "cc" or doc[end - 1].lower_ in ("and", "or", "&"):
            continue  # a span the tagger cut inside a pair ("at Grand and State", two streets): no place name
        if doc[start].lower_ == "the":
            start += 1
        if start >= end:
            continue
        if ent.label_ not in _PLACE_LABELS:
            if ent.label_ not in _OTHER_LABELS:
                continue
            root = ent.root
            listed = (root.dep_ == "conj" and root.head.i in place_roots) or any(
                c.i in place_roots for c in root.children if c.dep_ == "conj"
            )
            located = _locative_prep(root)[0] is not None
            name = doc[start:end].text
            # the small model tags many a lone town name as a person ("Gainesville's", "of Alexandria"); a person
            # named in full elsewhere is in ``person_words`` already, so a lone word that is a county, a region or
            # a town of 10,000+ is the place
            lone = ent.label_ == "PERSON" and end - start == 1 and _is_strong_name(gaz, name)
            if not gaz.has_name(name) or not (listed or located or lone):
                if ent.label_ in ("ORG", "FAC"):
                    inner = _embedded(doc, start, end, gaz)
                    if not inner and _is_strong_name(gaz, name):  # a town's name NER took for an organisation
                        inner = [_mention(doc[start:end], "toponym", embedded=True)]
                    for m in inner:
                        taken.update(range(m.span.start, m.span.end))
                        found.append(m)
                continue
        start, end = _extend(doc, start, end, gaz)
        # "Homs governorate", "Borno state": the region word belongs to the name
        if (
            end < len(doc)
            and doc[end].lower_ in word_set("lexicon", "admin_words")
            and gaz.has_name(doc[start : end + 1].text)
        ):
            end += 1
        # "200 block of Memphis Avenue": the tagger stops before the street word, which makes the name a street's
        if end < len(doc) and doc[end].text[:1].isupper() and _is_street(doc[start : end + 1].text):
            end += 1
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        tentative = ent.label_ == "PERSON" and not (listed or located)
        found.append(_mention(doc[start:end], "toponym")._replace(tentative=tentative))
    # proper nouns NER missed where places stand: after a locative preposition ("arrested in Enugu")
    in_entity = {i for e in doc.ents for i in range(e.start, e.end)}
    preps = load("lexicon")["locative_preps"]
    for tok in doc:
        if tok.idx >= limit_char:
            break
        if (
            tok.pos_ == "PROPN"
            and tok.dep_ == "pobj"
            and (
                tok.head.lower_ in preps or (tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _place_nouns())
            )
            and tok.i not in in_entity
            and tok.i not in taken
            and tok.text.lower() not in person_words
            and tok.text[:1].isupper()
        ):
            start, end = _extend(doc, tok.i, tok.i + 1, gaz)
            if gaz.has_name(doc[start:end].text) and not any(k in taken for k in range(start, end)):
                taken.update(range(start, end))
                place_roots.add(tok.i)
                found.append(_mention(doc[start:end], "toponym"))
    # proper nouns listed with places that NER missed ("in Damascus, Raqqa and Homs")
    for i in sorted(place_roots):
        for conj in doc[i].conjuncts:
            if conj.i in taken or conj.pos_ != "PROPN" or conj.idx >= limit_char:
                continue
            start, end = _extend(doc, conj.i, conj.i + 1, gaz)
            if gaz.has_name(doc[start:end].text) and not any(k in taken for k in range(start, end)):
                taken.update(range(start, end))
                found.append(_mention(doc[start:end], "toponym"))
    found.extend(_gazetteer_names(doc, gaz, limit_char, taken, person_words))
    found.sort(key=lambda m: (m.start, m.end))
    return [m for m in found if not (_party_label(doc, m) or _in_title(doc, m))]


_OPENING_QUOTES = frozenset({"‘", "“", '"', "'", "«"})
_CLOSING_QUOTES = frozenset({"’", "”", '"', "'", "»"})


def _in_title(doc: Doc, m: _Mention) -> bool:
    """Whether the mention opens a quoted title of more words ("an actress in 'Hart of Dixie'"): a work's name."""
    i = m.span.start - 1
    if i < 0 or doc[i].text not in _OPENING_QUOTES:
        return False
    for j in range(m.span.end, min(m.span.end + 8, len(doc))):
        if doc[j].text in _CLOSING_QUOTES:
            return j > m.span.end  # words of the title after the name
        if doc[j].is_sent_start:
            break
    return False


#: "Sen. Bernie Sanders (Vt.)", "Rep. Steve Scalise (R-La.)": the state a politician represents, in brackets
#: after the name (a US convention); it says nothing of where the report's acts happen.
_PARTY_PREFIX = frozenset({"d", "r", "i", "-", "d-", "r-", "i-"})


def _party_label(doc: Doc, m: _Mention) -> bool:
    """Whether the mention is a politician's state in brackets right after a person's name."""
    i = m.span.start - 1
    while i >= 0 and m.span.start - i <= 3 and doc[i].lower_ in _PARTY_PREFIX:
        i -= 1
    if i < 1 or doc[i].text != "(" or doc[i - 1].ent_type_ != "PERSON":
        return False
    j = m.span.end
    while j < len(doc) and doc[j].text == ".":
        j += 1
    return j < len(doc) and doc[j].text == ")"


#: Entity labels whose words are never a place of their own: a multi-word person's name ("Georgia Smith").
_PERSON_LABELS = frozenset({"PERSON"})


#: A day to read relative dates against when only asking whether a phrase has a date reading at all.
_ANY_DAY = datetime.date(2000, 6, 15)

#: The least population of a town a name after a locative preposition is read as when the tagger called it a date.
MISDATED_TOWN_POPULATION = 15_000


def _is_town(gaz: Gazetteer, text: str) -> bool:
    """Whether ``text`` is by its own name a town of :data:`MISDATED_TOWN_POPULATION` or more ("Manbij")."""
    return any(
        p.name_kind != KIND_ALTERNATE and p.feature == "city" and p.population >= MISDATED_TOWN_POPULATION
        for p in gaz.lookup(text, limit=3)
    )


@functools.lru_cache(maxsize=8192)
def _is_unambiguous(gaz: Gazetteer, text: str) -> bool:
    """Whether ``text`` is, by its own name, a country, a first-order region, a city of 100,000+ or a county
    named with its generic word ("Licking County"), and is no demonym ("Canadian" stays the people), no
    continent (a macro region NER labels itself) and no direction word ("West", "Central").

    Example:
        >>> # _is_unambiguous(gaz, "Pennsylvania") -> True; "West", "Canadian", "Miss" -> False
    """
    words = text.lower().split()
    if len(words) == 1 and words[0] in word_set("lexicon", "generic_region_words"):
        return False
    if _demonym_first(gaz, text) or gaz.is_demonym(text):
        return False
    for p in gaz.lookup(text, limit=3):
        if p.name_kind == KIND_ALTERNATE or (p.name_kind == KIND_DERIVED and len(words) == 1 and "." not in text):
            continue  # another name, or a short form that is also a word or a title ("Miss", "Ill"), not "U.S."
        if p.feature in ("country", "admin1") or (p.feature == "city" and p.population >= 100_000):
            return True
        if p.feature == "admin2" and len(words) >= 2 and words[-1] in word_set("lexicon", "admin_words"):
            return True  # a county named with its generic word ("Licking County")
    return False


def _gazetteer_names(doc: Doc, gaz: Gazetteer, limit_char: int, taken: set[int], person_words: set[str]):
    """Unambiguous gazetteer names (see ``_is_unambiguous``) that NER missed or labelled otherwise: a place
    whatever the entity label, unless they are words of a person's full name. A capitalised name (or one in
    capitals) that the tagger reads as a proper noun, or any name after a locative preposition ("protests in
    cairo"); a name inside an organisation's or a title's entity is kept as embedded (used for its institution).

    Example:
        >>> # "Clashes spread to texas and Pennsylvania." -> mentions "texas" and "Pennsylvania"
    """
    preps = load("lexicon")["locative_preps"]
    label_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    tokens = list(doc)  # indexing a list, not the Doc (which builds a Token on each access)
    full = joined_text(doc)
    out: list[_Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.idx >= limit_char:
            break
        ent = label_of.get(i)
        if (
            i in taken
            or not tok.is_alpha
            or (ent is not None and ent.label_ in _PERSON_LABELS and len(ent) > 1)
            or tok.lower_ in person_words
        ):
            i += 1
            continue
        capital = tok.text[:1].isupper() and (tok.pos_ == "PROPN" or tok.is_upper or not tok.is_sent_start)
        after_prep = i > 0 and tokens[i - 1].lower_ in preps
        # "in Manbij" tagged a date: a name after a locative preposition that no date reading explains may be any
        # town of some size, not only an unambiguous one
        misdated = (
            capital
            and after_prep
            and ent is not None
            and ent.label_ in ("DATE", "TIME")
            and resolve_date(ent.text, _ANY_DAY) is None
        )
        if not (capital or (after_prep and tok.pos_ in ("PROPN", "NOUN"))):
            i += 1
            continue
        best_end = None
        for j in range(i + 1, min(len(tokens), i + 4) + 1):
            last = tokens[j - 1]
            if last.is_space or (last.is_punct and last.text != "-") or any(k in taken for k in range(i, j)):
                break  # a name ends at a dash, a full stop or a comma ("MANSFIELD —", "Africa.")
            text = full[tok.idx : last.idx + len(last.text)]
            if _is_unambiguous(gaz, text) or (misdated and _is_town(gaz, text)):
                best_end = j
            if j < len(tokens) and not gaz.has_prefix(text):
                break
        if best_end is None:
            i += 1
            continue
        span = doc[i:best_end]
        embedded = ent is not None and ent.label_ not in _PLACE_LABELS and not (ent.start == i and ent.end == best_end)
        if embedded and _is_street(ent.text):  # streets are named after places elsewhere ("Brooklyn Boulevard")
            i = best_end
            continue
        taken.update(range(i, best_end))
        out.append(_mention(span, "toponym", embedded=embedded))
        i = best_end
    return out


def _container(text: str, found: list, index: int) -> int | None:
    """The index of the mention containing mention ``index`` by the text's own words (``text`` is the Doc's text):
    "X in Y province", "X, Y", "X, the capital of Y"."""
    if index + 1 >= len(found):
        return None
    between = text[found[index].end : found[index + 1].start].strip().lower()
    if between in (
        ",",
        "in",
        ", in",
        "province of",
        "in the province of",
        ", the capital of",
        "the capital of",
        "in the",
        ", in the",
        ", a town in",
        ", a city in",
        ", a village in",
    ):
        return index + 1
    return None


def find_places(doc: Doc, gazetteer: Gazetteer, *, limit_char: int | None = None) -> list[FoundPlace]:
    """Every toponym and demonym in ``doc`` resolved to a gazetteer entry (or left unresolved, with nulls).

    Each is a :class:`FoundPlace`: the record's place fields and those the events component reads (``root``,
    ``prep``, ``precision``, ``metonym``, ``warning``). A landmark or a place the gazetteer lacks keeps its own
    ``text`` but carries the unit it is coded to (``name``, ``geonameid``, ``lat``/``lon``, ``feature`` of a city,
    county or region), ``precision`` 2 or 3 and a ``warning`` (EW102-EW105); a landmark left without coordinates
    has only the warning. The record builder adds ``warning`` to the record's warnings (it warns EW101 for places
    without a geonameid only).

    Example:
        >>> # "Gunmen attacked a post near Homs" -> [{"name": "Homs", "country": "SY", "prep": "near", ...}]
    """
    limit = len(joined_text(doc)) if limit_char is None else limit_char
    found = _candidates(doc, gazetteer, limit)
    places = _resolve(doc, found, gazetteer)
    if not any(m.tentative for m in found):
        return places
    # a lone word tagged as a person ("Gainesville's mayor") is the town when the text's other places lie in its
    # first-order region; elsewhere ("Obama", "Nelson") it is the person the tagger saw
    sure = {(p["country"], p["admin1"]) for m, p in zip(found, places, strict=True) if not m.tentative}
    return [
        p
        for m, p in zip(found, places, strict=True)
        if not m.tentative or (p["country"] is not None and (p["country"], p["admin1"]) in sure)
    ]


def resolve_spans(doc: Doc, spans: list[tuple[int, int]], gazetteer: Gazetteer) -> list[FoundPlace]:
    """Resolve given toponym spans (character offsets into ``doc.text``), without recognition, with the same
    context scoring as :func:`find_places`: one :class:`FoundPlace` per span, in the order given.

    A span is parsed as the tokens it touches; the returned ``text``/``start``/``end`` are the given ones. A
    demonym ("Syrian") resolves to its country, a macro region ("Middle East") is kind ``region``.

    Example:
        >>> # resolve_spans(nlp("Shelling hit Homs."), [(13, 17)], Gazetteer.default())[0]["country"] -> "SY"
    """
    found: list[_Mention] = []
    doc_text = joined_text(doc)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:  # offsets in whitespace: the nearest token
            i = min(len(doc) - 1, max(0, _token_at(doc, start)))
            span = doc[i : i + 1]
        text = _bare(doc_text[start:end])
        if normalize(text) in _macro_regions():
            kind = "region"
        elif gazetteer.is_demonym(text) and (
            _demonym_first(gazetteer, text) or span.root.ent_type_ == "NORP" or span.root.pos_ == "ADJ"
        ):
            kind = "demonym"  # "Canadian" the adjective, not Canadian, Texas
        else:
            kind = "toponym"
        found.append(_Mention(span, kind, start, end))
    order = sorted(range(len(found)), key=lambda k: (found[k].start, found[k].end))
    resolved = _resolve(doc, [found[k] for k in order], gazetteer)
    by_index = dict(zip(order, resolved, strict=True))
    return [by_index[k] for k in range(len(found))]


def _token_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx + len(tok.text) > char:
            return tok.i
    return len(doc) - 1


class _Mention(NamedTuple):
    span: Span  # the tokens parsed
    kind: str  # "toponym" | "demonym" | "region"
    start: int  # character offsets reported
    end: int
    embedded: bool = False  # inside an organisation's name or a pair ("Texas Department of Health", "U.S.-Syria")
    tentative: bool = False  # a lone word the tagger took for a person: kept only where the other places agree


#: Features the record names; the gazetteer's others (counties, continents) are reported with ``feature`` null.
_RECORD_FEATURES = frozenset({"city", "admin1", "country"})
#: Features a macro region of ``lexicon.yaml`` may resolve to: a continent, or an area, sea or terrain of no country.
_REGION_FEATURES = frozenset({"continent", "area", "water", "terrain"})
#: Weights of the resolution score (see ``_Context.score``).
_PROMINENT_BONUS = 1.0
_ALTERNATE_MALUS = 2.0
_COUNTRY_WEIGHT = 4.0
_ADMIN1_WEIGHT = 3.0
_NEAR_WEIGHT = 2.0
_REGION_SATURATION = 2.0  # half the other names in a region is full agreement
_NEAR_KM = 300.0
_NAMESAKE_MALUS = 2.0  # a town named like a country or region it is not ("Louisiana", Missouri)
_CITY_CONTAINER = 2.0  # "X, Y" with Y a larger city of X's region: weak, as such pairs are mostly lists
_CONFIDENT_MARGIN = 2.0  # a best candidate ahead by two orders of magnitude of prior is a sure choice
_FLOOR_WEIGHT = 0.2  # the weight of the least sure name in the context
_ROUNDS = 4
_WEIGHT_STEP = 0.05  # a confidence that moves less leaves the context as it was
_CANDIDATES = 25
_COLOCATED_WEIGHT = 1.5  # a town or county with a candidate of another name beside it (see ``_resolve``)
_COLOCATED_KM = 30.0


def _contains(outer: Place, inner: Place) -> float:
    """How well ``outer`` (named as the container: "X, Y", "X in Y") contains ``inner``: 10 in its region (a
    region or county named as the container), 5 in its country, -5 in another country; a region that does not
    hold it says nothing ("Damascus, Deir ez-Zor, Raqqa" lists places, it does not nest them)."""
    if outer.feature == "continent" or not outer.country:
        return 0.0
    if outer.feature == "city":
        # "After Paris, London ..." lists two cities far more often than it places a district in a city: weak,
        # and only for a larger city of the same region
        same = outer.country == inner.country and outer.admin1_code == inner.admin1_code
        return _CITY_CONTAINER if same and outer.population > inner.population else 0.0
    if outer.country != inner.country:
        return -5.0
    if outer.feature == "country":
        return 5.0
    return 10.0 if outer.admin1_code and outer.admin1_code == inner.admin1_code else 0.0


def _prior(place: Place, rank: int) -> float:
    """How likely a candidate is before context: population, countries and prominent cities (capitals, seats
    of a region of the same name) first, a match on one of its alternate names last."""
    score = math.log10(place.population + 10) - 0.05 * rank
    if place.name_kind == KIND_ALTERNATE:
        score -= _ALTERNATE_MALUS
    elif place.group in (GROUP_COUNTRY, GROUP_PROMINENT):
        # prominence goes with the name a place is known by: Aleppo is prominent as "Aleppo", not as "Beroea"
        score += _PROMINENT_BONUS
    return score


class _Context:
    """What the other toponyms of the text say (each distinct name counted once, the name scored left out):
    the countries and first-order regions their current best places lie in, and where those are.

    Each name counts with its confidence (``weights``, 0..1: how clearly its best place beat its runner-up in the
    previous round), so an ambiguous small town ("Canadian", a Paris of 10,000) cannot drag a well-known place
    to its namesake's country, while a country, a state or an unambiguous town anchors the rest."""

    def __init__(self, names: list[str], bests: list[Place | None], weights: list[float] | None = None) -> None:
        self.by_name: dict[str, Place] = {}
        self.weight: dict[str, float] = {}
        for k, (name, best) in enumerate(zip(names, bests, strict=True)):
            if best is not None and best.country and name not in self.by_name:
                self.by_name[name] = best
                self.weight[name] = 1.0 if weights is None else weights[k]
        self.towns = [(name, q) for name, q in self.by_name.items() if q.feature in ("city", "admin2")]
        self.total = sum(self.weight.values())
        self.countries: Counter = Counter()
        self.regions: Counter = Counter()
        for name, best in self.by_name.items():
            self.countries[best.country] += self.weight[name]
            if best.feature != "country" and best.admin1_code:
                # a region named outright ("Tennessee", "Ky.") says more than a town in it
                self.regions[(best.country, best.admin1_code)] += self.weight[name] * self._region_votes(best)

    @staticmethod
    def _region_votes(best: Place) -> float:
        return 2.0 if best.feature == "admin1" else 1.0

    def score(self, place: Place, rank: int, name: str) -> float:
        """The prior plus agreement with the other names: the (confidence-weighted) share of them in the same
        country, in the same first-order region, and a nearby town."""
        score = _prior(place, rank)
        own = self.by_name.get(name)
        w_own = self.weight.get(name, 0.0)
        total = self.total - w_own
        if total <= 0.0 or not place.country:
            return score
        # a context of one unsure name (a hamlet "Queen City") is less than a whole name's worth of agreement
        total = max(total, 1.0)
        countries = self.countries.get(place.country, 0) - (
            w_own if own is not None and own.country == place.country else 0
        )
        share = max(0.0, countries) / total
        score += _COUNTRY_WEIGHT * share
        if place.feature == "country":
            score += _ADMIN1_WEIGHT * min(1.0, share)
        elif place.admin1_code:
            key = (place.country, place.admin1_code)
            regions = self.regions.get(key, 0)
            if own is not None and own.feature != "country" and (own.country, own.admin1_code) == key:
                regions -= w_own * self._region_votes(own)
            score += _ADMIN1_WEIGHT * min(1.0, _REGION_SATURATION * max(0.0, regions) / total)
        if place.feature in ("country", "admin1"):  # a region agrees with every other place inside it
            inside = max(
                (
                    self.weight[other]
                    for other, q in self.by_name.items()
                    if other != name
                    and q is not place
                    and q.country == place.country
                    and (place.feature == "country" or q.admin1_code == place.admin1_code)
                ),
                default=0.0,
            )
            score += _NEAR_WEIGHT * inside
        elif place.feature in ("city", "admin2"):
            near = max(
                (
                    self.weight[other] * (1.0 - haversine_km(place.lat, place.lon, q.lat, q.lon) / _NEAR_KM)
                    for other, q in self.towns
                    if other != name
                ),
                default=0.0,
            )
            score += _NEAR_WEIGHT * max(0.0, near)
        return score


def _confidence(scores: list[float]) -> float:
    """How clearly the best of a name's candidates beats the runner-up (0..1): a margin of ``_CONFIDENT_MARGIN``
    (in orders of magnitude of population, the prior's unit) or more is full confidence; a lone candidate is sure."""
    if len(scores) < 2:
        return 1.0
    first, second = sorted(scores, reverse=True)[:2]
    return _FLOOR_WEIGHT + (1.0 - _FLOOR_WEIGHT) * min(1.0, (first - second) / _CONFIDENT_MARGIN)


def _options(gazetteer: Gazetteer, m: _Mention, text: str) -> tuple[list[Place], str | None]:
    """A mention's candidates, and the name they were looked up by (None for a demonym or a macro region)."""
    if m.kind == "demonym":
        place = gazetteer.demonym_place(text)
        return ([place] if place else []), None
    if m.kind == "region":  # a continent, or a macro region GeoNames gives a point ("Middle East", "Sahel")
        return [p for p in gazetteer.lookup(text, limit=3) if p.feature in _REGION_FEATURES], None
    found = gazetteer.lookup(text, limit=_CANDIDATES)
    if not found:
        inner = _inner_place(gazetteer, m)
        if inner is not None:
            return gazetteer.lookup(inner, limit=_CANDIDATES), inner
    return found, text


#: A country or first-order region holding this share of the (confidence-weighted) names is the article's area.
_AREA_SHARE = 0.2


def _add_area_candidates(
    gazetteer: Gazetteer,
    queries: list[str | None],
    options: list[list[Place]],
    ranks: list[list[int]],
    bests: list[Place | None],
    weights: list[float],
) -> None:
    """Add to each name's candidates those of the article's own countries and first-order regions (where a share
    ``_AREA_SHARE`` of its names lie, by their first choice): a common name ("Burlington", "Kent") has more
    namesakes than a world-wide lookup returns, and the one of the article's area may not be among them. Each
    keeps its rank within its area's list, so a town is not marked down for its namesakes elsewhere."""
    countries: Counter = Counter()
    regions: Counter = Counter()
    for best, weight, query in zip(bests, weights, queries, strict=True):
        if best is None or not best.country or query is None:
            continue
        countries[best.country] += weight
        if best.feature != "country" and best.admin1_code:
            regions[(best.country, best.admin1_code)] += weight
    total = sum(countries.values())
    if total <= 0:
        return
    areas = [(cc, None) for cc, w in countries.most_common(2) if w >= _AREA_SHARE * total]
    areas += [(cc, a1) for (cc, a1), w in regions.most_common(3) if w >= _AREA_SHARE * total]
    for i, query in enumerate(queries):
        if query is None or not options[i]:
            continue
        have = {p.geonameid for p in options[i]}
        for cc, a1 in areas:
            for rank, place in enumerate(gazetteer.lookup(query, country=cc, admin1=a1, limit=_CANDIDATES)):
                if place.geonameid not in have:
                    have.add(place.geonameid)
                    options[i].append(place)
                    ranks[i].append(rank)


@functools.cache
def _generic_words() -> frozenset[str]:
    """Words that are the generic part of a name, never its place ("Canary Islands", "Republic", "Town Hall")."""
    lists = ("institution_words", "admin_words", "vicinity_words", "generic_name_words")
    return frozenset().union(*(word_set("lexicon", key) for key in lists))


def _inner_place(gazetteer: Gazetteer, m: _Mention) -> str | None:
    """A run of words inside a name the gazetteer lacks that is a country, a region, a county or a town of
    10,000+: a facility, street or body named after its place lies there ("Arizona State University", "Dubai
    World Cup", "Cavan Institute"). The longest such run, the most populous among equally long ones; generic words
    ("Islands", "Republic", "Eastern") never count. None when there is none."""
    tokens = [t for t in m.span if t.idx >= m.start and t.idx + len(t.text) <= m.end]
    generic = _generic_words() | _place_nouns()
    for size in range(min(4, len(tokens) - 1), 0, -1):
        best: tuple[int, str] | None = None
        for k in range(len(tokens) - size + 1):
            run = tokens[k : k + size]
            # a region word closing a run belongs to the name ("Alachua County Sheriff's Office")
            named = run[:-1] if size > 1 and run[-1].lower_ in word_set("lexicon", "admin_words") else run
            if not run[0].text[:1].isupper() or any(t.lower_ in generic for t in named):
                continue
            text = m.span.doc[run[0].i : run[-1].i + 1].text  # the run's own tokens: Doc.text would join them all
            top = gazetteer.lookup(text, limit=1) if _is_strong_name(gazetteer, text) else []
            if top and (best is None or top[0].population > best[0]):
                best = (top[0].population, text)
        if best is not None:
            return best[1]
    return None


#: Features that can stand for a landmark's or an unknown place's enclosing unit, with the geo precision they give.
_UNIT_PRECISION = {"city": 2, "admin2": 2, "admin1": 3}
#: An article's city is its focus when it has more than this share of the (confidence-weighted) mentions of cities.
_FOCUS_SHARE = 0.5
#: A landmark's namesake town counts as "of the article's area" within this distance of one of its other towns.
_AREA_KM = 100.0


def _is_landmark(text: str) -> bool:
    """Whether a name of several words ends in a word for a building, site or street ("the White House", "Union
    Square", "Dulles International Airport"; ``landmark_words`` in ``lexicon.yaml``).

    Example:
        >>> _is_landmark("Hampton Park"), _is_landmark("Deir ez-Zor")
        (True, False)
    """
    words = text.lower().replace(".", "").replace("’", " ").replace("'", " ").split()  # not normalize: it folds "ou"
    return len(words) >= 2 and words[-1] in word_set("lexicon", "landmark_words")


def _is_street(text: str) -> bool:
    """Whether a name of several words is a street's ("Memphis Street", "Dublin Rd."; ``street_words``).

    Example:
        >>> _is_street("Memphis Street"), _is_street("Texas Stadium")
        (True, False)
    """
    words = text.lower().replace(".", "").split()
    return len(words) >= 2 and words[-1] in word_set("lexicon", "street_words")


def _between_contains(text: str) -> bool:
    """Whether the words between two names say the second holds the first ("X, Y province", "X, a village in Y
    district", "X (Y, Z)", "X near Y"): only ``container_words`` and at least one comma, bracket or preposition."""
    words = text.replace(",", " , ").replace("(", " ( ").lower().split()
    allowed = word_set("lexicon", "container_words")
    return bool(words) and all(w in allowed for w in words) and any(w in (",", "(", "in", "of", "near") for w in words)


class _Unit(NamedTuple):
    """Where a landmark or a place the gazetteer lacks is coded: the unit, its precision, the warning."""

    place: Place
    precision: int
    warning: str


def _enclosing_units(
    doc_text: str, found: list[_Mention], texts: list[str], bests: list[Place | None], weights: list[float]
) -> dict[int, _Unit | str]:
    """For landmarks and for places the gazetteer lacks, the smallest known unit the text puts them in.

    - A name the gazetteer lacks followed by a known one that holds it ("X, Y province", "a village X in Y
      district", "X (Y, Z)") is coded to that one: a town or county (precision 2), a first-order region (3).
    - A landmark ("X House", "X Park", "X Airport" ...) whose only match is a town outside the article's area (no
      other name in its first-order region or within ``_AREA_KM``) is no such town: like a landmark the
      gazetteer lacks, it takes the unit the text puts it in, else the article's city (the city its other names
      choose most often), at precision 2.
    - Any other name the gazetteer lacks, in an article whose city has more than ``_FOCUS_SHARE`` of its city
      mentions, is coded to that city at precision 3.
    The value is a ``_Unit``, or the warning for a landmark left unresolved.
    """
    landmark = [m.kind == "toponym" and _is_landmark(t) for m, t in zip(found, texts, strict=True)]
    known = [k for k, b in enumerate(bests) if b is not None and found[k].kind == "toponym" and not landmark[k]]
    # the article's city: the one its other names choose most often, each counted with its confidence
    cities: Counter = Counter()
    first: dict[int, int] = {}
    for k in known:
        q = bests[k]
        if q is not None and q.feature == "city" and not found[k].embedded:
            cities[q.geonameid] += weights[k]
            first.setdefault(q.geonameid, k)
    city = max(cities, key=lambda g: (cities[g], -first[g])) if cities else None
    out: dict[int, _Unit | str] = {}
    for i, m in enumerate(found):
        best = bests[i]
        if m.kind != "toponym" or (best is not None and not landmark[i]):
            continue
        if best is not None and best.name_kind == KIND_ALTERNATE and best.feature in ("city", "admin2"):
            best = None  # "Liberty Square" as another name of some town: not the town
        elif best is not None and best.feature in ("city", "admin2"):
            others = [bests[k] for k in known if normalize(texts[k]) != normalize(texts[i])]
            if not others or any(_in_area(best, q) for q in others):
                continue  # a town of the article's area named like a landmark ("Highland Park"), or no area known
        elif best is not None:
            continue  # a landmark named after its region or country ("Texas Stadium"): that region
        unit = None
        for j in range(i + 1, min(i + 3, len(found))):  # "X, Y district, Z province": the nearest known one
            if not _between_contains(doc_text[found[j - 1].end : found[j].start]):
                break
            q = bests[j]
            if q is not None and found[j].kind == "toponym" and q.feature in _UNIT_PRECISION and not landmark[j]:
                precision = _UNIT_PRECISION[q.feature]
                unit = _Unit(q, precision, msg("EW102", name=texts[i], unit=q.name, precision=precision))
                break
        if unit is None and landmark[i] and city is not None:
            q = bests[first[city]]
            assert q is not None
            unit = _Unit(q, 2, msg("EW103", name=texts[i], unit=q.name))
        if unit is None and city is not None and cities[city] > _FOCUS_SHARE * sum(cities.values()):
            # a place the gazetteer lacks, in an article about one city: most often a part or a neighbour of it
            # (measured: about two in three lie within 161 km), so it is coded there, at the low precision 3
            q = bests[first[city]]
            assert q is not None
            unit = _Unit(q, 3, msg("EW105", name=texts[i], unit=q.name))
        if unit is not None:
            out[i] = unit
        elif landmark[i]:
            out[i] = msg("EW104", name=texts[i])
    return out


def _in_area(place: Place, other: Place | None) -> bool:
    """Whether ``place`` lies in ``other``'s first-order region, or within ``_AREA_KM`` of it (a town)."""
    if other is None or other.country != place.country:
        return False
    if other.admin1_code and other.admin1_code == place.admin1_code:
        return True
    return other.feature in ("city", "admin2") and haversine_km(place.lat, place.lon, other.lat, other.lon) <= _AREA_KM


def _names_a_region(cands: list[Place]) -> bool:
    """Whether the name is a country's or a first-order region's own name ("Louisiana", "Belgium") and no
    region's named after its seat (the governorate of Alexandria is named for the city)."""
    seats = {(c.country, c.admin1_code) for c in cands if c.feature == "city" and c.group == GROUP_PROMINENT}
    return any(
        c.feature in ("country", "admin1")
        and c.name_kind != KIND_ALTERNATE
        and (c.feature == "country" or (c.country, c.admin1_code) not in seats)
        for c in cands
    )


def _resolve(doc: Doc, found: list[_Mention], gazetteer: Gazetteer) -> list[FoundPlace]:
    """Found places for mentions in text order.

    Each name's candidates are scored by prior (gazetteer rank, population) and by the rest of the text: the
    countries and regions the other names resolve to (each weighted by its confidence), places near them, and
    containment ("X, Y", "X in Y"), which scores both names of the pair. ``_ROUNDS`` rounds, the first in the
    context of the names' priors; within a round each name sees the choices already updated.
    """
    doc_text = joined_text(doc)
    texts = [_bare(doc_text[m.start : m.end]) for m in found]
    names = [normalize(t) for t in texts]
    looked_up = [_options(gazetteer, m, t) for m, t in zip(found, texts, strict=True)]
    options = [o for o, _ in looked_up]
    # a name resolved through the place inside it ("Dublin" in "Dublin Center Drive") is that place's name in the
    # context: not a second, independent vote for its choice
    names = [normalize(q) if q else n for (_, q), n in zip(looked_up, names, strict=True)]
    ranks = [list(range(len(o))) for o in options]
    # containment pairs: (contained, container)
    pairs: dict[int, int] = {}
    for i, m in enumerate(found):
        j = _container(doc_text, found, i) if m.kind == "toponym" else None
        if j is not None and options[j] and options[i] and found[j].kind == "toponym":
            pairs[i] = j
    contained_by = {j: i for i, j in pairs.items()}
    # names that are a country's or a first-order region's own name ("Louisiana", "Belgium"): a town called
    # after it is a namesake, meant far less often than the country or region
    # — unless the region is named after its own seat ("Alexandria" governorate): then the name is a city's first
    regional = [_names_a_region(cands) for cands in options]
    bests: list[Place | None] = [o[0] if o else None for o in options]
    weights = [_confidence([_prior(c, r) for r, c in enumerate(o)]) for o in options]
    # a street found through a place inside its name says nothing of where the article is: streets are named
    # after places elsewhere ("Memphis Street" in a Louisiana town)
    silent = [q is not None and q != t and _is_street(t) for (_, q), t in zip(looked_up, texts, strict=True)]
    _add_area_candidates(gazetteer, [q for _, q in looked_up], options, ranks, bests, weights)
    # where each other name's towns and counties lie, by first-order region: a town and a county (or two towns)
    # named together that lie side by side are most likely those two ("Huntsville" and "Walker County" in
    # Texas, not Alabama's), whatever each one's current choice
    spots: dict[tuple[str, str | None], list[tuple[str, float, float]]] = {}
    for k, cands in enumerate(options):
        if found[k].kind != "toponym" or silent[k]:
            continue
        for c in cands:
            # a nickname or another language's name ("Queen City") is no evidence that two towns stand side by side
            if c.feature in ("city", "admin2") and c.name_kind != KIND_ALTERNATE:
                spots.setdefault((c.country, c.admin1_code), []).append((names[k], c.lat, c.lon))

    def colocated(place: Place, name: str) -> float:
        return float(
            any(
                other != name and haversine_km(place.lat, place.lon, lat, lon) <= _COLOCATED_KM
                for other, lat, lon in spots.get((place.country, place.admin1_code), ())
            )
        )

    for _ in range(_ROUNDS):
        # names are updated one after another, each seeing the others' latest choice (updating all at once lets
        # two names that depend on each other swap back and forth: a county and its seat flipping between states)
        context = _Context(names, bests, [0.0 if silent[k] else w for k, w in enumerate(weights)])
        changed = False
        memo: dict[tuple[str, str], tuple[Place, float]] = {}  # a name repeated outside any "X, Y" pair scores the same
        for i, cands in enumerate(options):
            if not cands:
                continue
            key = (names[i], found[i].kind)
            plain = i not in pairs and i not in contained_by
            if plain and key in memo:
                bests[i], weights[i] = memo[key]
                continue
            if changed:
                context = _Context(names, bests, [0.0 if silent[k] else w for k, w in enumerate(weights)])
                changed = False

            def total(rc: tuple[int, Place], i: int = i, context: _Context = context) -> float:
                rank, place = rc
                score = context.score(place, rank, names[i])
                if regional[i] and place.feature in ("city", "admin2") and place.group != GROUP_PROMINENT:
                    score -= _NAMESAKE_MALUS
                if i in pairs:
                    score += max(_contains(outer, place) for outer in options[pairs[i]][:10])
                if i in contained_by:
                    score += max([0.0, *(_contains(place, inner) for inner in options[contained_by[i]][:10])])
                if place.feature in ("city", "admin2") and place.name_kind != KIND_ALTERNATE:
                    score += _COLOCATED_WEIGHT * colocated(place, names[i])
                return score

            scores = [total(rc) for rc in zip(ranks[i], cands, strict=True)]
            best = cands[max(range(len(cands)), key=scores.__getitem__)]
            weight = _confidence(scores)
            changed = best is not bests[i] or abs(weight - weights[i]) > _WEIGHT_STEP
            bests[i], weights[i] = best, weight
            if plain:
                memo[key] = (best, weight)
    units = _enclosing_units(doc_text, found, texts, bests, weights)
    places: list[FoundPlace] = []
    for i, (m, best) in enumerate(zip(found, bests, strict=True)):
        root = m.span.root
        prep, precision = _locative_prep(root)
        unit = units.get(i)
        warning = unit if isinstance(unit, str) else None
        if isinstance(unit, _Unit):
            best, precision, warning = unit
        elif warning is not None:
            best = None  # a landmark's namesake town elsewhere: no coordinates rather than wrong ones
        elif best is not None and best.feature in ("admin1", "country", "continent"):
            precision = 3 if prep else precision
        elif best is not None and best.feature == "admin2":
            precision = 2 if prep else precision
        text = doc_text[m.start : m.end]
        place = FoundPlace(
            text=text,
            name=best.name if best else text,
            geonameid=best.geonameid if best else None,
            lat=round(best.lat, 5) if best else None,
            lon=round(best.lon, 5) if best else None,
            admin1=best.admin1 if best else None,
            country=(best.country or None) if best else None,
            country_name=best.country_name if best else None,
            feature=best.feature if best and best.feature in _RECORD_FEATURES else None,
            kind=m.kind,
            start=m.start,
            end=m.end,
            root=root.i,
            prep=prep,
            precision=precision or 1,
            metonym=m.kind == "demonym" or m.embedded or _is_metonym(root),
            warning=warning,
        )
        places.append(place)
    return places
