"""The word lists of ``data/speech.yaml`` that every step of quote finding reads."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eventwire.extractors.sources import KIND_ORDER, phrase_pattern
from eventwire.lexicons import load as load_data

SPEECH_YAML = Path(__file__).resolve().parents[2] / "data" / "speech.yaml"


@dataclass(frozen=True)
class SpeechLexicon:
    """The word lists of ``speech.yaml``, lower-cased into sets (``media_names`` keep their case)."""

    verbs: frozenset[str]
    tail_only_verbs: frozenset[str]
    phrasal_verbs: frozenset[tuple[str, str]]
    phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    roles: frozenset[str]
    ranks: frozenset[str]
    name_particles: frozenset[str]
    org_words: frozenset[str]
    kinds: dict[str, frozenset[str]]
    media_names: tuple[str, ...]
    anonymous_heads: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    shared_org_heads: frozenset[str] = frozenset()
    attitude_verbs: frozenset[str] = frozenset()
    object_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    naming_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    issuing_verbs: frozenset[str] = frozenset()
    _patterns: dict[str, re.Pattern] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_yaml(cls, path: str | Path | None = None) -> SpeechLexicon:
        """Read a lexicon file shaped like ``data/speech.yaml``; with no ``path``, the packaged one with the user's
        overrides (``EVENTWIRE_DATA``, see :mod:`eventwire.lexicons`).

        Example:
            >>> lex = SpeechLexicon.from_yaml()
            >>> "say" in lex.verbs and "analyst" in lex.kinds["expert"]
            True
        """
        if path is None:
            raw = load_data("speech")
        else:
            with open(path, encoding="utf-8") as fh:
                raw = yaml.safe_load(fh) or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key) or [])

        kinds = {k: frozenset(str(w).lower() for w in (raw.get("source_kinds") or {}).get(k) or []) for k in KIND_ORDER}
        objects: dict[str, set[str]] = {}
        for entry in raw.get("object_verbs") or []:
            parts = str(entry).lower().split()
            if parts:
                objects.setdefault(parts[0], set()).add(parts[-1] if len(parts) > 1 else "")
        phrasal = []
        for entry in raw.get("phrasal_verbs") or []:
            parts = str(entry).lower().split()
            if len(parts) == 2:
                phrasal.append((parts[0], parts[1]))
        lex = cls(
            verbs=words("verbs"),
            tail_only_verbs=words("tail_only_verbs"),
            phrasal_verbs=frozenset(phrasal),
            phrases=tuple(tuple(str(p).lower().split()) for p in raw.get("phrases") or [] if str(p).split()),
            nouns=words("nouns"),
            roles=words("roles") | frozenset().union(*kinds.values()),
            ranks=words("ranks"),
            name_particles=words("name_particles"),
            org_words=words("org_words"),
            kinds=kinds,
            media_names=tuple(str(n) for n in raw.get("media_names") or []),
            anonymous_heads=words("anonymous_heads"),
            shared_org_heads=words("shared_org_heads"),
            attitude_verbs=words("attitude_verbs"),
            object_verbs={k: frozenset(v) for k, v in objects.items()},
            naming_verbs=words("naming_verbs"),
            claim_nouns=words("claim_nouns") | words("nouns"),
            issuing_verbs=words("issuing_verbs"),
            headline_labels=words("headline_labels"),
            headline_sources=words("headline_sources"),
            anonymity_phrases=tuple(str(p).lower() for p in raw.get("anonymity_phrases") or []),
        )
        lex._patterns["media_names"] = phrase_pattern(lex.media_names, ignore_case=False)
        lex._patterns["anonymity"] = phrase_pattern(lex.anonymity_phrases, ignore_case=True)
        return lex

    def pattern(self, name: str) -> re.Pattern:
        return self._patterns[name]


@functools.cache
def default_lexicon() -> SpeechLexicon:
    """The packaged ``data/speech.yaml`` (with the user's overrides), read once."""
    return SpeechLexicon.from_yaml()
