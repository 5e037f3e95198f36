"""Actors and targets: who acts and who is acted on, normalised with the actor dictionary (``data/actors.yaml``).

Each actor is a record dict: ``text`` and its span, a normalised ``name``, ``country`` (ISO3), ``sector``, and
``acled_name`` where ACLED's naming applies ("Military Forces of Syria").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from eventwire.extractors.parse import phrase, span_dict
from eventwire.lexicons import load

_LEADING_NOISE = frozenset({"det", "nummod", "quantmod", "predet", "advmod", "punct"})


@functools.cache
def _alias_patterns() -> list[tuple[re.Pattern[str], dict]]:
    patterns = []
    for entry in load("actors")["named"]:
        for alias in entry["aliases"]:
            alias = str(alias)
            strict = alias.isupper() and len(alias) <= 4
            flags = 0 if strict else re.IGNORECASE
            patterns.append((re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", flags), entry))
    # longest aliases first, so "Islamic State West Africa Province" beats "Islamic State"
    patterns.sort(key=lambda p: -len(p[0].pattern))
    return patterns


@functools.cache
def _sector_nouns() -> list[tuple[tuple[str, ...], str]]:
    out = []
    for sector, nouns in load("actors")["sectors"].items():
        for noun in nouns:
            out.append((tuple(str(noun).lower().split()), sector))
    out.sort(key=lambda p: -len(p[0]))
    return out


def named_actor(text: str) -> dict | None:
    """The dictionary entry whose alias appears in ``text``, or None.

    Example:
        >>> named_actor("71 suspected IS members")["name"]
        'Islamic State'
        >>> named_actor("this is fine") is None
        True
    """
    for pattern, entry in _alias_patterns():
        if pattern.search(text):
            return entry
    return None


def sector_of(tokens: Span) -> str | None:
    """The sector a phrase's head nouns name ("Syrian security forces" -> SECURITY), or None."""
    lemmas = [t.lemma_.lower() for t in tokens if not t.is_punct]
    words = [t.lower_ for t in tokens if not t.is_punct]
    for seq in (lemmas, words):
        for nouns, sector in _sector_nouns():
            n = len(nouns)
            # the head is at the end of the core phrase: match the noun sequence ending at the last word first
            for end in range(len(seq), n - 1, -1):
                if tuple(seq[end - n : end]) == nouns:
                    return sector
    return None


def _country_of(span: Span, gazetteer) -> str | None:
    """ISO3 of a demonym or place name inside the phrase ("Syrian forces", "Nigeria's army")."""
    if gazetteer is None:
        return None
    for tok in span:
        if tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.text[:1].isupper():
            iso2 = gazetteer.demonym(tok.text)
            if iso2 is None and tok.ent_type_ == "GPE":
                best = gazetteer.lookup(tok.text, limit=1)
                iso2 = best[0].country if best and best[0].feature == "country" else None
            if iso2:
                place = gazetteer.country(iso2)
                return place.country_iso3 if place else None
    return None


def describe(head: Token, gazetteer=None) -> dict:
    """The actor dict for the noun phrase headed by ``head``.

    Example:
        >>> # "Syrian security forces" -> {"name": "Syrian security forces", "country": "SYR", "sector": "SECURITY"}
    """
    span = phrase(head)
    # a leading number or determiner is evidence of a count, not part of the actor's name
    name_tokens = [t for t in span if not (t.dep_ in _LEADING_NOISE and t.i < head.i) and not t.like_num]
    while name_tokens and name_tokens[0].lower_ in ("suspected", "alleged", "more", "than", "least", "at"):
        name_tokens = name_tokens[1:]
    # the name as written (original spacing), from the first kept word to the end of the phrase
    name = head.doc.text[name_tokens[0].idx : span.end_char] if name_tokens else span.text
    name = re.sub(r"[’']s$", "", name.strip())
    entry = named_actor(span.text)
    sector = entry["sector"] if entry else sector_of(span)
    country = entry.get("country") if entry else None
    country = country or _country_of(span, gazetteer)
    actor = span_dict(span, name=entry["name"] if entry else name, country=country, sector=sector)
    acled_name = entry.get("acled_name") if entry else None
    if not acled_name and sector and country and gazetteer is not None:
        template = load("actors")["acled_names"].get(sector)
        place = gazetteer.country(country)
        if template and place:
            acled_name = template.format(country=place.country_name or place.name)
    actor["acled_name"] = acled_name
    return actor


def is_armed(actor: dict | None) -> bool:
    """Whether ACLED counts the actor as armed (an attack on it is a battle)."""
    return bool(actor) and actor.get("sector") in load("actors")["armed_sectors"]


def is_state(actor: dict | None) -> bool:
    """Whether the actor speaks or acts for a state (army, police, government)."""
    return bool(actor) and actor.get("sector") in load("actors")["state_sectors"]
