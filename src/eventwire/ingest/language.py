"""A cheap language check: is this text English?

The share of the most frequent English function words is high (> 15%) in any English prose and near zero in other
languages; non-Latin scripts are recognised by their Unicode block. Good enough to stop the English-only
extractors from producing nonsense, at no cost.
"""

from __future__ import annotations

import re
import unicodedata

_ENGLISH = frozenset(
    "the of and to in a is that for on was with he it as at by from his be have has had were are said an "
    "they not but who this which its their been after or will would more than two one there also".split()
)
# Function words of a few frequent news languages, used only to name the language when it is not English.
_OTHERS = {
    "fr": frozenset("le la les des et est dans pour une que qui sur pas par au du avec ont été".split()),
    "es": frozenset("el la los las del y en por que una con para se fue han al como más".split()),
    "de": frozenset("der die das und ist nicht mit den von zu ein eine auf dem des sich im für".split()),
    "pt": frozenset("o a os as do da dos das e em que um uma para com não por foi".split()),
    "it": frozenset("il la le gli di e che un una per con non sono del della nel".split()),
    "id": frozenset("yang dan di ini itu dengan untuk tidak dari dalam akan pada".split()),
    "tr": frozenset("ve bir bu da de için ile olarak çok daha gibi".split()),
}
_SCRIPTS = {
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "CJK": "zh",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "DEVANAGARI": "hi",
    "HEBREW": "he",
    "GREEK": "el",
    "THAI": "th",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, sample: int = 20000) -> str | None:
    """Return an ISO 639-1 code for ``text`` ("en" for English), or None when it cannot tell.

    Example:
        >>> guess_language("The army said on Monday that two soldiers were killed in the attack.")
        'en'
        >>> guess_language("La police a arrêté trois hommes dans la nuit de lundi à mardi pour vol.")
        'fr'
    """
    head = text[:sample]
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 20:
        return None
    non_latin: dict[str, int] = {}
    for c in letters:
        if ord(c) > 0x24F:
            name = unicodedata.name(c, "")
            for script, code in _SCRIPTS.items():
                if name.startswith(script):
                    non_latin[code] = non_latin.get(code, 0) + 1
                    break
    if non_latin:
        code, n = max(non_latin.items(), key=lambda kv: kv[1])
        if n > 0.3 * len(letters):
            return code
    words = [w.lower() for w in _WORD.findall(head)]
    if not words:
        return None
    english = sum(w in _ENGLISH for w in words) / len(words)
    if english >= 0.12:
        return "en"
    scores = {code: sum(w in vocab for w in words) / len(words) for code, vocab in _OTHERS.items()}
    code, best = max(scores.items(), key=lambda kv: kv[1])
    if best >= 0.12 and best > english:
        return code
    return None
