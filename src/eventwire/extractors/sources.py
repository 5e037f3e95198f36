"""What kind of source a speaker or an event's source is: one classifier for quotes and attributions.

Kinds: official, media, monitor, expert, witness, anonymous, unknown. The words come from one list,
``data/speech.yaml`` ``source_kinds`` (with ``media_names``, ``anonymity_phrases`` and ``anonymous_heads``), so a
quote's ``speaker_kind`` and an event's ``attribution.kind`` are decided the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.lexicons import load

#: Kinds tried in this order when classing a source phrase by its words.
KIND_ORDER = ("witness", "monitor", "media", "expert", "official")


@dataclass(frozen=True)
class SourceWords:
    """The word lists that decide a source's kind, lower-cased (``media_names`` keep their case)."""

    kinds: dict[str, frozenset[str]]
    anonymous_heads: frozenset[str]
    patterns: dict[str, re.Pattern]

    def kind_of_word(self, word: str) -> str | None:
        """The kind a single head word names, trying ``KIND_ORDER`` (a plural counts as its singular).

        Example:
            >>> source_words().kind_of_word("witnesses")
            'witness'
        """
        forms = {word, word[:-1]} if word.endswith("s") else {word}
        return next((k for k in KIND_ORDER if forms & self.kinds[k]), None)


def phrase_pattern(entries: Iterable[str], *, ignore_case: bool) -> re.Pattern:
    """A regex matching any of ``entries`` as whole words (longest first); one that never matches when empty.

    Example:
        >>> bool(phrase_pattern(["news agency"], ignore_case=True).search("the state News Agency said"))
        True
    """
    alts = sorted({str(e) for e in entries if str(e).strip()}, key=len, reverse=True)
    if not alts:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE if ignore_case else 0)


@functools.cache
def source_words() -> SourceWords:
    """The packaged lists from ``data/speech.yaml``, read once.

    Example:
        >>> "spokesperson" in source_words().kinds["official"]
        True
    """
    raw = load("speech")
    listed = raw.get("source_kinds") or {}
    kinds = {k: frozenset(str(w).lower() for w in listed.get(k) or []) for k in KIND_ORDER}
    patterns = {k: phrase_pattern(words, ignore_case=True) for k, words in kinds.items()}
    patterns["media_names"] = phrase_pattern((str(n) for n in raw.get("media_names") or []), ignore_case=False)
    patterns["anonymity"] = phrase_pattern((str(p) for p in raw.get("anonymity_phrases") or []), ignore_case=True)
    heads = frozenset(str(w).lower() for w in raw.get("anonymous_heads") or [])
    return SourceWords(kinds=kinds, anonymous_heads=heads, patterns=patterns)


def source_kind(
    phrase: str,
    *,
    name: str | None = None,
    head_word: str | None = None,
    head_lemma: str | None = None,
    named: bool = False,
    after: str = "",
) -> str:
    """Class a source: official | media | monitor | expert | witness | anonymous | unknown.

    The head word decides first ("spokesperson", "analyst"), then a news organisation's name in ``name``, then any
    listed word or phrase in ``phrase``, trying the kinds in ``KIND_ORDER``. A source that is no witness is
    anonymous when its phrase says so ("speaking on condition of anonymity"), or, when it has no proper name
    (``named`` false), when the words right after it say so (``after``) or its head is an anonymous head ("six
    sources", "a senior official").

    Example:
        >>> source_kind("monitoring group Syrian Observatory for Human Rights", named=True)
        'monitor'
        >>> source_kind("two security sources, speaking on condition of anonymity", head_word="sources")
        'anonymous'
        >>> source_kind("a senior official", head_word="official")
        'anonymous'
        >>> source_kind("Interior Ministry spokesperson", head_word="spokesperson", named=True)
        'official'
    """
    words = source_words()
    kind = words.kind_of_word(head_word) if head_word else None
    if kind is None and words.patterns["media_names"].search(name if name is not None else phrase):
        kind = "media"
    if kind is None:
        kind = next((k for k in KIND_ORDER if words.patterns[k].search(phrase)), "unknown")
    if kind == "witness":
        return kind
    anonymity = words.patterns["anonymity"]
    if anonymity.search(phrase):
        return "anonymous"
    if not named:
        heads = words.anonymous_heads
        if (after and anonymity.search(after)) or head_word in heads or head_lemma in heads:
            return "anonymous"
    return kind
