"""Numbers written in digits or words, for counts ("twenty-five killed") and dates ("three weeks ago").

One parser, :func:`parse_number`, and the word tables the date patterns match number words with.
"""

from __future__ import annotations

import re

#: Number words below twenty.
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
#: The tens from twenty.
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # fmt: skip
_WORDS = {
    **UNITS,
    **TENS,
    "hundred": 100,
    "thousand": 1000,
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_RANGE = re.compile(r"^(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)$")


def parse_number(text: str) -> int | None:
    """The integer a number expression stands for, or None.

    Example:
        >>> parse_number("1,200"), parse_number("twenty-five"), parse_number("3 million"), parse_number("10-15")
        (1200, 25, 3000000, 10)
    """
    t = text.lower().strip().replace("\u2009", "").replace("\u00a0", " ")
    m = _RANGE.match(t)
    if m:
        return int(m[1].replace(",", ""))
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", t):
        return int(float(t.replace(",", "")))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million)", t)
    if m:
        return int(float(m[1]) * _SCALE[m[2]])
    if t in _WORDS:
        return _WORDS[t]
    parts = re.split(r"[-\s]+", t)
    if parts and all(p in _WORDS or p in _SCALE or p == "and" for p in parts):
        total, current = 0, 0
        for p in parts:
            if p == "and":
                continue
            if p in _SCALE:
                current = max(current, 1) * _SCALE[p]
                if _SCALE[p] >= 1000:
                    total, current = total + current, 0
            else:
                current += _WORDS[p]
        return total + current
    return None
