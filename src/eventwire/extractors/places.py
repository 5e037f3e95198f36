"""Toponyms: find place names, resolve them in the gazetteer using the article's context, say how each is used.

Finding: spaCy's GPE/LOC/FAC entities, extended with the gazetteer where NER cuts a name short ("Deir" ->
"Deir ez-Zor"), plus mislabelled names that stand where places stand (after "in", or listed with places).
Resolving: each name's candidates are scored by prior (population, feature), the article's country focus, and
containment ("X in Y province", "X, Y"). Use: a place after a locative preposition ("in", "near") can be an
event location; one that acts or speaks ("Washington said", "Moscow's ministry") is an actor (metonymy).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from eventwire.gazetteer import Gazetteer, Place, haversine_km, normalize
from eventwire.lexicons import load

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
_ADMIN_WORDS = frozenset(
    {
        "province",
        "governorate",
        "state",
        "region",
        "district",
        "county",
        "department",
        "prefecture",
        "oblast",
        "municipality",
    }
)
_VICINITY = frozenset(
    {
        "outskirts",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "vicinity",
        "edge",
        "suburb",
        "suburbs",
        "outside",
        "near",
    }
)


@functools.cache
def _macro_regions() -> frozenset[str]:
    return frozenset(normalize(r) for r in load("lexicon")["macro_regions"])


@functools.cache
def _place_nouns() -> frozenset[str]:
    return frozenset(load("lexicon")["place_nouns"])


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word person names: "Khalil" alone later is the person, not a town."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            words.update(_bare(t.text).lower() for t in ent if t.is_alpha or "-" in t.text)
            words.add(_bare(ent[1:].text).lower())  # "al-Sharaa" from "Ahmed al-Sharaa"
    return words


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
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        # "a Damascus suburb": part of a place, near the town
        prep, _ = _locative_prep(tok.head)
        return (prep, 2) if prep else (None, 0)
    if tok.dep_ == "pobj":
        prep = tok.head
        word = prep.lower_
        if word == "of" and prep.head.lower_ in _VICINITY:
            outer, _ = _locative_prep(prep.head)
            return (outer or prep.head.lower_, 2)
        if word == "of" and prep.head.lemma_.lower() in _place_nouns():
            return _locative_prep(prep.head)  # "near the town of Tibu": the town's preposition
        if word in preps:
            return word, int(preps[word])
        if prep.head.lower_ in _VICINITY:  # "close to X", "north of X"
            return prep.head.lower_, 2
    return None, 0


def _is_metonym(root: Token) -> bool:
    """A place name used for its government or people: a subject of a verb, or a possessor."""
    tok = root
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
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
        if j > len(doc) or doc[j - 1].is_space or doc[j - 1].text in (",", ".", ";", "—", "(", ")"):
            break
        if gaz.has_name(doc[start:j].text):
            best = j
        elif not gaz.has_prefix(doc[start:j].text):
            break
    return start, best


def _candidates(doc: Doc, gaz: Gazetteer, limit_char: int) -> list[tuple[Span, str]]:
    """(span, kind) of every toponym or demonym, in text order; kind is "toponym" or "demonym"."""
    person_words = _person_words(doc)
    found: list[tuple[Span, str]] = []
    taken: set[int] = set()
    place_roots: set[int] = set()
    ents = [e for e in doc.ents if e.start_char < limit_char]
    for ent in ents:
        if ent.label_ in _PLACE_LABELS:
            place_roots.add(ent.root.i)
    for ent in ents:
        text = ent.text.removesuffix("’s").removesuffix("'s")
        if ent.label_ == "NORP":
            if gaz.demonym(text):
                found.append((ent, "demonym"))
            continue
        if text.lower() in person_words:
            continue
        if normalize(text) in _macro_regions():
            found.append((ent, "region"))
            continue
        if "-" in text and not gaz.has_name(text) and all(gaz.has_name(p) for p in text.split("-") if p):
            continue  # "U.S.-Syria relations": two places named as a pair, not a place
        start, end = ent.start, ent.end
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
            if not (listed or located) or not gaz.has_name(doc[start:end].text):
                continue
        start, end = _extend(doc, start, end, gaz)
        # "Homs governorate", "Borno state": the region word belongs to the name
        if end < len(doc) and doc[end].lower_ in _ADMIN_WORDS and gaz.has_name(doc[start : end + 1].text):
            end += 1
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        found.append((doc[start:end], "toponym"))
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
                found.append((doc[start:end], "toponym"))
    # proper nouns listed with places that NER missed ("in Damascus, Raqqa and Homs")
    for i in sorted(place_roots):
        for conj in doc[i].conjuncts:
            if conj.i in taken or conj.pos_ != "PROPN" or conj.idx >= limit_char:
                continue
            start, end = _extend(doc, conj.i, conj.i + 1, gaz)
            if gaz.has_name(doc[start:end].text) and not any(k in taken for k in range(start, end)):
                taken.update(range(start, end))
                found.append((doc[start:end], "toponym"))
    found.sort(key=lambda f: f[0].start)
    return found


def _container(doc: Doc, found: list, index: int) -> int | None:
    """The index of the mention containing mention ``index`` by the text's own words: "X in Y province", "X, Y",
    "X, the capital of Y"."""
    if index + 1 >= len(found):
        return None
    between = doc.text[found[index].end : found[index + 1].start].strip().lower()
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


def find_places(doc: Doc, gazetteer: Gazetteer, *, limit_char: int | None = None) -> list[dict]:
    """Every toponym and demonym in ``doc`` resolved to a gazetteer entry (or left unresolved, with nulls).

    Returned dicts have the record's place shape plus private keys (``_root``: token index of the name's head,
    ``_prep``, ``_precision``, ``_metonym``) that the event extractor reads and the record builder drops.

    Example:
        >>> # "Gunmen attacked a post near Homs" -> [{"name": "Homs", "country": "SY", "_prep": "near", ...}]
    """
    limit = len(doc.text) if limit_char is None else limit_char
    found = [_Mention(span, kind, span.start_char, span.end_char) for span, kind in _candidates(doc, gazetteer, limit)]
    return _resolve(doc, found, gazetteer)


def resolve_spans(doc: Doc, spans: list[tuple[int, int]], gazetteer: Gazetteer) -> list[dict]:
    """Resolve given toponym spans (character offsets into ``doc.text``), without recognition, with the same
    context scoring as :func:`find_places`: one place dict per span, in the order given.

    A span is parsed as the tokens it touches; the returned ``text``/``start``/``end`` are the given ones. A
    demonym ("Syrian") resolves to its country, a macro region ("Middle East") is kind ``region``.

    Example:
        >>> # resolve_spans(nlp("Shelling hit Homs."), [(13, 17)], Gazetteer.default())[0]["country"] -> "SY"
    """
    found: list[_Mention] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:  # offsets in whitespace: the nearest token
            i = min(len(doc) - 1, max(0, _token_at(doc, start)))
            span = doc[i : i + 1]
        text = _bare(doc.text[start:end])
        if normalize(text) in _macro_regions():
            kind = "region"
        elif gazetteer.demonym(text) and not gazetteer.has_name(text):
            kind = "demonym"
        else:
            kind = "toponym"
        found.append(_Mention(span, kind, start, end))
    order = sorted(range(len(found)), key=lambda k: (found[k].start, found[k].end))
    resolved = _resolve(doc, [found[k] for k in order], gazetteer)
    out: list[dict] = [{}] * len(found)
    for k, place in zip(order, resolved, strict=True):
        out[k] = place
    return out


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


#: Features the record names; the gazetteer's others (counties, continents) are reported with ``feature`` null.
_RECORD_FEATURES = frozenset({"city", "admin1", "country"})
#: Weights of the resolution score (see ``_Context.score``).
_RANK_WEIGHT = 0.8
_COUNTRY_WEIGHT = 4.0
_ADMIN1_WEIGHT = 3.0
_NEAR_WEIGHT = 2.0
_NEAR_KM = 300.0
_CANDIDATES = 25


def _contains(outer: Place, inner: Place) -> float:
    """How well ``outer`` (named as the container: "X, Y", "X in Y") contains ``inner``: 10 same region,
    5 same country, -5 another country."""
    if outer.feature == "continent" or not outer.country:
        return 0.0
    if outer.country != inner.country:
        return -5.0
    if outer.feature in ("admin1", "admin2", "city") and outer.admin1_code and outer.admin1_code == inner.admin1_code:
        return 10.0
    return 5.0


class _Context:
    """What the other toponyms of the text say: the countries and first-order regions they point to (each
    distinct name counted once) and their points."""

    def __init__(self, names: list[str], bests: list[Place | None]) -> None:
        self.countries: Counter = Counter()
        self.regions: Counter = Counter()
        self.points: dict[str, list[Place]] = {}
        seen: set[str] = set()
        for name, best in zip(names, bests, strict=True):
            if best is None or not best.country or name in seen:
                continue
            seen.add(name)
            self.countries[best.country] += 1
            if best.feature != "country" and best.admin1_code:
                self.regions[(best.country, best.admin1_code)] += 1
            if best.feature in ("city", "admin2"):
                self.points.setdefault(name, []).append(best)
        self.total = sum(self.countries.values())

    def score(self, place: Place, rank: int, name: str) -> float:
        """Prior (the gazetteer's rank, population), plus agreement with the rest of the text: the share of
        other names in the same country and in the same first-order region, and a nearby place."""
        score = math.log10(place.population + 10) - _RANK_WEIGHT * rank
        if not self.total or not place.country:
            return score
        score += _COUNTRY_WEIGHT * self.countries.get(place.country, 0) / self.total
        if place.feature != "country" and place.admin1_code:
            score += _ADMIN1_WEIGHT * self.regions.get((place.country, place.admin1_code), 0) / self.total
        if place.feature in ("city", "admin2"):
            near = min(
                (
                    haversine_km(place.lat, place.lon, q.lat, q.lon)
                    for other, qs in self.points.items()
                    if other != name
                    for q in qs
                ),
                default=_NEAR_KM,
            )
            score += _NEAR_WEIGHT * max(0.0, 1.0 - near / _NEAR_KM)
        return score


def _options(gazetteer: Gazetteer, m: _Mention, text: str) -> list[Place]:
    if m.kind == "demonym":
        iso2 = gazetteer.demonym(text)
        country = gazetteer.country(iso2) if iso2 else None
        return [country] if country else []
    if m.kind == "region":  # continents are points; other macro regions stay unresolved
        return [p for p in gazetteer.lookup(text, limit=3) if p.feature == "continent"]
    return gazetteer.lookup(text, limit=_CANDIDATES)


def _resolve(doc: Doc, found: list[_Mention], gazetteer: Gazetteer) -> list[dict]:
    """Place dicts for mentions in text order.

    Each name's candidates are scored by prior (gazetteer rank, population) and by the rest of the text: the
    countries and regions the other names resolve to, places near them, and containment ("X, Y", "X in Y"),
    which scores both names of the pair. Two rounds: the context of the first is the names' priors.
    """
    texts = [_bare(doc.text[m.start : m.end]) for m in found]
    names = [normalize(t) for t in texts]
    options = [_options(gazetteer, m, t) for m, t in zip(found, texts, strict=True)]
    # containment pairs: (contained, container)
    pairs: dict[int, int] = {}
    for i, m in enumerate(found):
        j = _container(doc, found, i) if m.kind == "toponym" else None
        if j is not None and options[j] and options[i] and found[j].kind == "toponym":
            pairs[i] = j
    contained_by = {j: i for i, j in pairs.items()}
    bests: list[Place | None] = [o[0] if o else None for o in options]
    for _ in range(2):
        context = _Context(names, bests)
        new: list[Place | None] = []
        for i, cands in enumerate(options):
            if not cands:
                new.append(None)
                continue

            def total(rc: tuple[int, Place], i: int = i, context: _Context = context) -> float:
                rank, place = rc
                score = context.score(place, rank, names[i])
                if i in pairs:
                    score += max(_contains(outer, place) for outer in options[pairs[i]][:10])
                if i in contained_by:
                    score += max([0.0, *(_contains(place, inner) for inner in options[contained_by[i]][:10])])
                return score

            new.append(max(enumerate(cands), key=total)[1])
        bests = new
    places: list[dict] = []
    for m, best in zip(found, bests, strict=True):
        root = m.span.root
        prep, precision = _locative_prep(root)
        if best is not None and best.feature in ("admin1", "country", "continent"):
            precision = 3 if prep else precision
        elif best is not None and best.feature == "admin2":
            precision = 2 if prep else precision
        text = doc.text[m.start : m.end]
        place = {
            "text": text,
            "name": best.name if best else text,
            "geonameid": best.geonameid if best else None,
            "lat": round(best.lat, 5) if best else None,
            "lon": round(best.lon, 5) if best else None,
            "admin1": best.admin1 if best else None,
            "country": (best.country or None) if best else None,
            "country_name": best.country_name if best else None,
            "feature": best.feature if best and best.feature in _RECORD_FEATURES else None,
            "kind": m.kind,
            "role": "mentioned",
            "start": m.start,
            "end": m.end,
            "_root": root.i,
            "_prep": prep,
            "_precision": precision or 1,
            "_metonym": m.kind == "demonym" or _is_metonym(root),
        }
        places.append(place)
    return places
