"""Date expressions in news text, resolved against the article's publication date.

News convention is the base of every rule here: a bare weekday ("on Saturday") is the most recent such day on
or before publication (the publication day itself when it is that weekday), "in October" is the most recent
October on or before the publication month, "last week" is Monday..Sunday of the week before publication.
"The last week" / "the past week" (and month, year) are rolling spans ending on the publication day.
Relative expressions never fall back to today's date: without a publication date they resolve to ``None``.

Precisions are ``day``, ``week``, ``month`` and ``year``; for the last three ``value`` is the first day of the
span and ``value_end`` its last day. ``time_precision`` is ACLED's code: 1 day, 2 week, 3 month or year.

Own small rules handle weekdays, relative phrases and the common absolute formats; dateparser is only asked
(cached) about the few absolute forms left over, e.g. ``11/03/2025``. Only short candidate spans (spaCy
``DATE`` entities and this module's regex matches) are ever resolved, so long texts stay cheap.

A record date (note ``value_end``, not ``end``, for the end of a range: ``end`` is the span end)::

    {"value": "2025-11-08", "value_end": null, "precision": "day", "time_precision": 1,
     "text": "on Saturday", "start": 120, "end": 131}

A found date (:class:`FoundDate`, what ``eventwire_dates`` leaves in ``Doc._.ew_dates``) adds ``forward``: the
same words read as a time still to come, which a planned event takes ("will visit on Saturday" is the coming
Saturday, see :func:`forward_reading`). Which reading an event gets is the events component's choice; what the
words allow is decided here, once.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypedDict

import spacy

from eventwire.extractors.numbers import TENS, UNITS, parse_number
from eventwire.extractors.parse import doc_text
from eventwire.lexicons import word_set

__all__ = [
    "DateValue",
    "FoundDate",
    "Reading",
    "resolve_date",
    "fixed_in_past",
    "names_weekday",
    "forward_reading",
    "find_dates",
    "as_planned",
    "record_fields",
    "range_end",
]

PRECISIONS = ("day", "week", "month", "year")
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class DateValue:
    """A resolved date: one day, or a span (``value``..``value_end``, both inclusive) with its precision.

    Example:
        >>> d = DateValue(date(2025, 10, 1), date(2025, 10, 31), "month")
        >>> d.time_precision
        3
    """

    value: date
    value_end: date | None
    precision: str  # day | week | month | year

    @property
    def time_precision(self) -> int:
        """ACLED's time precision: 1 for a day, 2 for a week (or similar span), 3 for a month or year."""
        return _TIME_PRECISION[self.precision]

    def to_record(self, text: str, start: int, end: int) -> dict:
        """The record's date dict for this value, with its evidence span.

        Example:
            >>> DateValue(date(2025, 11, 8), None, "day").to_record("on Saturday", 3, 14)["value"]
            '2025-11-08'
        """
        return {
            "value": self.value.isoformat(),
            "value_end": self.value_end.isoformat() if self.value_end else None,
            "precision": self.precision,
            "time_precision": self.time_precision,
            "text": text,
            "start": start,
            "end": end,
        }


class Reading(TypedDict):
    """Another reading of a found date's words: the span it would name instead (ISO days, both inclusive)."""

    value: str
    value_end: str | None


class FoundDate(TypedDict):
    """A date as ``eventwire_dates`` leaves it in ``Doc._.ew_dates``: the record's date fields (see the module
    docstring) and ``forward``, the reading of its words for a planned event (:func:`forward_reading`), None when
    it has no other (already on or after publication, fixed in the past by its words, or a week or a year).

    Example:
        >>> # "will visit on Saturday", published Sunday 2025-11-09 -> {"value": "2025-11-08", ...,
        >>> #     "forward": {"value": "2025-11-15", "value_end": None}}
    """

    value: str
    value_end: str | None
    precision: str
    time_precision: int
    text: str
    start: int
    end: int
    forward: Reading | None


#: The fields of a found date that an event's date copies, in the record's order.
RECORD_FIELDS = ("value", "value_end", "precision", "time_precision", "text", "start", "end")


def record_fields(found: FoundDate) -> dict:
    """A new dict of a found date's record fields (what an event's date copies), without its other readings.

    Example:
        >>> found = {"value": "2025-11-08", "value_end": None, "precision": "day", "time_precision": 1,
        ...          "text": "on Saturday", "start": 0, "end": 11, "forward": None}
        >>> list(record_fields(found))
        ['value', 'value_end', 'precision', 'time_precision', 'text', 'start', 'end']
    """
    return {f: found[f] for f in RECORD_FIELDS}


# --------------------------------------------------------------------------------------------- vocabulary

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first (so ``sept`` wins over ``sep``)."""
    return "|".join(sorted(words, key=len, reverse=True))


_WD = _alt(_WEEKDAYS)
_MON = _alt(_MONTHS)
_NUM_WORD = rf"(?:(?:{_alt(TENS)})(?:[- ](?:{_alt(k for k in UNITS if k != 'zero')}))?|{_alt(UNITS)})"
_NUM = rf"(?:\d{{1,4}}|{_NUM_WORD}|an?)"


# ------------------------------------------------------------------------------------------ span helpers


def _day(d: date) -> DateValue:
    return DateValue(d, None, "day")


def _week_of(d: date) -> DateValue:
    monday = d - timedelta(days=d.weekday())
    return DateValue(monday, monday + timedelta(days=6), "week")


def _month(year: int, month: int) -> DateValue:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return DateValue(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")


def _year(year: int) -> DateValue:
    return DateValue(date(year, 1, 1), date(year, 12, 31), "year")


def _shift_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


# ------------------------------------------------------------------------------------------ normalising

_EDGE_JUNK = " \t\n\u00a0,.;:!?()[]{}\"'\u2018\u2019\u201c\u201d-\u2013\u2014"
# Words before a date that do not change which day/span it names.
_LEAD = re.compile(
    r"^(?:(?:(?:the )?early hours of|(?:the )?(?:night|morning|afternoon|evening) of|"
    r"(?:the )?(?:end|start|beginning|middle|first half|second half) of|"
    r"on|in|at|during|over|throughout|around|about|circa|of|the|early|late|earlier|later)\b|mid-|mid\b)\s*"
)
_TIME_OF_DAY = re.compile(r"\s+(?:night|morning|afternoon|evening|overnight|noon|midday|midnight)$")
_SPECIAL = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "overnight": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "day before yesterday": -2, "tomorrow": 1, "day after tomorrow": 2,
}  # fmt: skip


def _normalise(expression: str) -> str:
    """Lower-case, collapse spaces; drop edge punctuation, abbreviation dots, ordinals, neutral lead words."""
    s = expression.lower().replace("\u2019", "'").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip(_EDGE_JUNK)
    s = re.sub(r"'s$", "", s)
    s = re.sub(rf"\b({_MON}|{_WD})\.", r"\1", s)
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", s)
    previous = None
    while previous != s:
        previous = s
        s = re.sub(r"^this (?:coming|upcoming) ", "next ", s)
        s = re.sub(r"^(?:this|the) (?:past|last) ", "past ", s)  # "the last week" is a rolling week
        s = re.sub(r"^coming ", "next ", s)
        s = _LEAD.sub("", s, count=1)
    # "Saturday, Nov. 8": the explicit date says all the weekday does.
    s = re.sub(rf"^(?:{_WD}),? (?=\d|(?:{_MON})\b)", "", s)
    return s.strip(_EDGE_JUNK)


# --------------------------------------------------------------------------------------------- resolving

_RE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:t[\d:.]*z?)?$")
_RE_MONTH_DAY = re.compile(rf"^(?P<mon>{_MON}) (?P<day>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?$")
_RE_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}}) (?:of )?(?P<mon>{_MON})(?:,? (?P<year>\d{{4}}))?$")
_RE_MONTH = re.compile(rf"^(?:(?P<rel>last|this|next|past|previous) )?(?P<mon>{_MON})(?:,? (?P<year>\d{{4}}))?$")
_RE_YEAR = re.compile(r"^(?:the year )?(?P<year>\d{4})$")
_RE_WEEKDAY = re.compile(
    rf"^(?:(?P<rel>last|this|next|past|previous) )?(?P<wd>{_WD})"
    r"(?: (?:of )?(?:the )?(?P<week>last|this|next|previous|past|following) week)?$"
)
_RE_RELATIVE = re.compile(r"^(?P<rel>last|this|next|past|previous|current) (?P<unit>week|weekend|month|year)$")
_RE_AGO = re.compile(rf"^(?P<n>{_NUM}) (?P<unit>day|week|month|year)s? ago$")
_RE_NUMERIC = re.compile(r"^\d{1,4}([./])\d{1,2}\1\d{1,4}$")
_RE_VAGUE = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|ago|recent|since)\b|\d0s\b")


def resolve_date(expression: str, published: date | None) -> DateValue | None:
    """Resolve one date expression against the publication date ``published``.

    Relative expressions ("on Saturday", "last week", "in October", "Nov. 3") need ``published``: with
    ``published=None`` they return None (today's date is never guessed). Durations and vague phrases
    ("three years", "recent years") return None. Never raises.

    Example:
        >>> resolve_date("on Saturday", date(2025, 11, 9))
        DateValue(value=datetime.date(2025, 11, 8), value_end=None, precision='day')
        >>> resolve_date("in October", date(2025, 11, 9)).value_end
        datetime.date(2025, 10, 31)
        >>> resolve_date("yesterday", None) is None
        True
    """
    if not isinstance(expression, str) or len(expression) > 80:
        return None
    return _resolve_cached(expression, published)


_RE_EARLIER = re.compile(r"^\W*(?:earlier|previously)\b", re.IGNORECASE)
_RE_LATER = re.compile(r"^\W*later\b", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def _resolve_cached(expression: str, published: date | None) -> DateValue | None:
    try:
        value = _resolve(_normalise(expression), published)
    except (ValueError, OverflowError):  # out-of-range dates (Feb 30, year 0, before date.min)
        return None
    return _clip_to_publication(expression, value, published)


def _clip_to_publication(expression: str, value: DateValue | None, pub: date | None) -> DateValue | None:
    """Cut a span at the publication date when the words say which side of it: "earlier this month" is the
    part of the month already past, "later this week" the part still to come."""
    if value is None or pub is None or value.value_end is None or not value.value <= pub <= value.value_end:
        return value
    if _RE_EARLIER.match(expression):
        return DateValue(value.value, pub, value.precision)
    if _RE_LATER.match(expression):
        return DateValue(pub, value.value_end, value.precision)
    return value


# A year written out ("in March 2019", "on 3 June 2024"): the words fix the date whatever the verb's tense.
_RE_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")
_WEEKDAY_NAMES = tuple(k for k in _WEEKDAYS if k.endswith("day"))


def fixed_in_past(text: str) -> bool:
    """Whether a date's words put it before publication even for a planned act: a past word of ``lexicon.yaml``
    (``past_date_words``: "last", "ago", "earlier" ...) or a written year.

    Example:
        >>> fixed_in_past("last Saturday"), fixed_in_past("in March 2019"), fixed_in_past("on Saturday")
        (True, True, False)
    """
    low = text.lower()
    # substrings, not words: "the past week" and "lastly" alike; the words are few and dates are short
    return any(w in low for w in word_set("lexicon", "past_date_words")) or bool(_RE_WRITTEN_YEAR.search(low))


def names_weekday(text: str) -> bool:
    """Whether a date's words name a day of the week ("on Friday", "late Saturday night").

    Example:
        >>> names_weekday("late Saturday night"), names_weekday("on December 1")
        (True, False)
    """
    low = text.lower()
    return any(w in low for w in _WEEKDAY_NAMES)


def forward_reading(value: DateValue, text: str, published: date) -> DateValue | None:
    """The reading of a date's words as a time still to come, for a planned event, or None when there is none.

    News dates resolve to the past (:func:`resolve_date`); "will visit on Saturday" means the coming Saturday and
    "talks planned for August" the coming August. A weekday moves on a week, another day or a month a year. None
    when the date is on or after ``published`` already or its period still runs ("this month"), when its words fix
    it in the past
    (:func:`fixed_in_past`), for a week or a year, and for 29 February (no twin next year).

    Example:
        >>> forward_reading(resolve_date("on Saturday", date(2025, 11, 9)), "on Saturday", date(2025, 11, 9))
        DateValue(value=datetime.date(2025, 11, 15), value_end=None, precision='day')
        >>> forward_reading(resolve_date("last Saturday", date(2025, 11, 9)), "last Saturday", date(2025, 11, 9))
    """
    if value.value >= published or fixed_in_past(text):
        return None
    if value.value_end is not None and value.value_end >= published:
        return None  # a period still running ("talks planned this month", "in November" in November): this one
    if value.precision == "day" and names_weekday(text):

        def later(d: date) -> date:
            return d + timedelta(days=7)

    elif value.precision in ("day", "month"):

        def later(d: date) -> date:
            return d.replace(year=d.year + 1)

    else:
        return None
    try:
        return DateValue(later(value.value), later(value.value_end) if value.value_end else None, value.precision)
    except ValueError:  # 29 February has no twin next year
        return None


def _resolve(s: str, pub: date | None) -> DateValue | None:
    if not s:
        return None

    # Absolute forms first: they need no publication date when they carry their year.
    if m := _RE_ISO.match(s):
        return _day(date(int(m[1]), int(m[2]), int(m[3])))
    for pattern in (_RE_MONTH_DAY, _RE_DAY_MONTH):
        if m := pattern.match(s):
            month, day = _MONTHS[m["mon"]], int(m["day"])
            if m["year"]:
                return _day(date(int(m["year"]), month, day))
            return _day(_month_day_before(month, day, pub)) if pub else None
    if m := _RE_YEAR.match(s):
        return _year(int(m["year"]))
    if m := _RE_MONTH.match(s):
        month = _MONTHS[m["mon"]]
        if m["year"]:
            return None if m["rel"] else _month(int(m["year"]), month)
        if pub is None:
            return None
        rel = m["rel"]
        if rel == "this":
            return _month(pub.year, month)
        if rel == "next":
            return _month(pub.year if month > pub.month else pub.year + 1, month)
        if rel in ("last", "past", "previous"):
            return _month(pub.year if month < pub.month else pub.year - 1, month)
        return _month(pub.year if month <= pub.month else pub.year - 1, month)

    # Everything below is relative to the publication date, except dateparser's absolute forms ("3.11.2025").
    if pub is None:
        return _dateparser_fallback(s, None)

    time_stripped = _TIME_OF_DAY.sub("", s)
    for candidate in (s, time_stripped):
        if candidate in _SPECIAL:
            return _day(pub + timedelta(days=_SPECIAL[candidate]))
    s = time_stripped

    if m := _RE_WEEKDAY.match(s):
        return _day(_weekday(_WEEKDAYS[m["wd"]], m["rel"], m["week"], pub))
    if s == "weekend":
        return _weekend(None, pub)
    if m := _RE_RELATIVE.match(s):
        return _relative(m["rel"], m["unit"], pub)
    if m := _RE_AGO.match(s):
        n = 1 if m["n"] in ("a", "an") else parse_number(m["n"])  # "a week ago"
        if n is None:
            return None
        unit = m["unit"]
        if unit == "day":
            return _day(pub - timedelta(days=n))
        if unit == "week":
            return _week_of(pub - timedelta(weeks=n))
        if unit == "month":
            return _month(pub.year, pub.month - n)
        return _year(pub.year - n)
    return _dateparser_fallback(s, pub)


def _month_day_before(month: int, day: int, pub: date) -> date:
    """The most recent ``month``/``day`` on or before ``pub`` (Feb 29 looks back to a leap year)."""
    for year in range(pub.year, pub.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            if day > 29 or month != 2:  # never valid in any year
                raise
            continue
        if candidate <= pub:
            return candidate
    raise ValueError(f"no {month}/{day} before {pub}")


def _weekday(wd: int, rel: str | None, week: str | None, pub: date) -> date:
    monday = pub - timedelta(days=pub.weekday())
    if week:  # "Monday last week", "Tuesday of next week"
        offset = {"last": -7, "previous": -7, "past": -7, "this": 0, "next": 7, "following": 7}[week]
        return monday + timedelta(days=offset + wd)
    if rel == "this":
        return monday + timedelta(days=wd)
    if rel == "next":  # strictly after publication
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if rel in ("last", "past", "previous"):  # strictly before publication
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)  # on or before publication


def _weekend(rel: str | None, pub: date) -> DateValue:
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # most recent Saturday on or before pub
    if rel in ("last", "past", "previous") and saturday + timedelta(days=1) >= pub:
        saturday -= timedelta(days=7)  # "last weekend" is one that is over
    elif rel == "this":
        saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    elif rel == "next":
        saturday = pub + timedelta(days=(5 - pub.weekday() - 1) % 7 + 1)
    return DateValue(saturday, saturday + timedelta(days=1), "week")


def _relative(rel: str, unit: str, pub: date) -> DateValue:
    if unit == "weekend":
        return _weekend(rel, pub)
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "past": None}[rel]
    if step is None:  # rolling window ending on publication: "the past week"
        if unit == "week":
            start = pub - timedelta(days=6)
        elif unit == "month":
            start = _shift_months(pub, -1) + timedelta(days=1)
        else:
            start = _shift_months(pub, -12) + timedelta(days=1)
        return DateValue(start, pub, unit)
    if unit == "week":
        return _week_of(pub + timedelta(weeks=step))
    if unit == "month":
        return _month(pub.year, pub.month + step)
    return _year(pub.year + step)


def _dateparser_fallback(s: str, pub: date | None) -> DateValue | None:
    """Ask dateparser about what looks like an absolute date the rules above did not take ("11/03/2025")."""
    if len(s) > 40 or _RE_VAGUE.search(s):
        return None
    if not (_RE_NUMERIC.match(s) or (re.search(rf"\b(?:{_MON})\b", s) and re.search(r"\d", s))):
        return None
    return _dateparser(s, pub)


@functools.lru_cache(maxsize=4096)
def _dateparser(s: str, pub: date | None) -> DateValue | None:
    from dateparser.date import DateDataParser  # slow import; only when needed

    settings: dict = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime.combine(pub, time())
    else:
        settings["REQUIRE_PARTS"] = ["year"]  # never fill a missing year from today
    if (m := _RE_NUMERIC.match(s)) and m[1] == ".":
        settings["DATE_ORDER"] = "DMY"  # 3.11.2025 is European
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    except Exception:  # a third-party parser on arbitrary text: a miss is just "no date"
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return _year(found.year)
    if data.period == "month":
        return _month(found.year, found.month)
    if data.period == "week":
        return _week_of(found)
    return _day(found)


# --------------------------------------------------------------------------------------- finding in a doc

_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # a run of spaces with at most one line break


def _cap(words) -> str:
    """Capitalised forms only (``May``, not ``may``), even inside a case-insensitive pattern."""
    return "(?-i:" + _alt(w.capitalize() for w in words) + ")"


_MONTH_FULL = _cap(k for k in _MONTHS if len(k) > 3 and k != "sept" or k == "may")
_MONTH_ABBR = _cap(k for k in _MONTHS if len(k) <= 4 and k != "may" and k not in ("june", "july"))
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_WEEKDAY_FULL = _cap(k for k in _WEEKDAYS if k.endswith("day"))
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR_NUM = r"(?:19|20)\d\d(?!\d)"
_LEAD_WD = rf"(?:{_WEEKDAY_FULL},?{_SP})?"

_DOC_PATTERNS = [
    r"\d{4}-\d{2}-\d{2}(?!\d)",
    r"\d{1,2}/\d{1,2}/\d{4}(?!\d)",
    rf"{_LEAD_WD}{_MONTH_ANY}{_SP}{_DAY_NUM}(?:,?{_SP}{_YEAR_NUM})?",
    rf"{_LEAD_WD}{_DAY_NUM}{_SP}(?:of{_SP})?{_MONTH_ANY}(?:,?{_SP}{_YEAR_NUM})?",
    rf"{_MONTH_FULL},?{_SP}{_YEAR_NUM}",
    rf"(?:(?:last|this|next|past){_SP})?{_WEEKDAY_FULL}"
    rf"(?:{_SP}(?:night|morning|afternoon|evening)|{_SP}(?:of{_SP})?(?:last|this|next){_SP}week)?",
    rf"(?:the{_SP}day{_SP}before{_SP})?yesterday(?:{_SP}(?:morning|afternoon|evening))?|today|tonight"
    rf"|tomorrow|last{_SP}night|overnight|this{_SP}(?:morning|afternoon|evening)",
    rf"(?:(?:last|this|next|past|previous){_SP}|this{_SP}past{_SP})(?:week(?:end)?|month|year)",
    rf"the{_SP}weekend",
    rf"(?<![\w-]){_NUM}{_SP}(?:days?|weeks?|months?|years?){_SP}ago",
    # A bare month or year only after a word that makes it a time ("in May", not "May said").
    rf"(?:(?:in|since|during|until|till|by|from|before|after|through|of|early|late|mid|last|next|this){_SP}"
    rf"|mid-)(?:{_MONTH_FULL}|{_YEAR_NUM})",
]
_DOC_RE = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in _DOC_PATTERNS) + r")(?!\w)", re.IGNORECASE)
# The part of a "context word + month/year" match that is the date itself.
_CONTEXT_WORD = re.compile(r"^(?:in|since|during|until|till|by|from|before|after|through|of)\s+", re.IGNORECASE)
# Words just before a date that belong to the expression as written ("on Saturday", "in early October").
_LEFT = re.compile(
    rf"(?:\b(?:on|in|during|over|throughout|at){_SP})?"
    rf"(?:\b(?:early|late|earlier|later){_SP}|\bmid-|\bmid{_SP})?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+|\d+")
# Lower-cased words that can begin a match of _DOC_RE (besides digits).
_START_WORDS = frozenset(
    {k for k in _WEEKDAYS if k.endswith("day")}
    | set(_MONTHS)
    | set(UNITS)
    | set(TENS)
    | set(
        "a an the last this next past previous yesterday today tonight overnight tomorrow in since during until till"
        " by from before after through of early late mid".split()
    )
)
# Words that are dates only with a context word or a day/year beside them ("May said", "March organisers").
_AMBIGUOUS = frozenset({"May", "March"})
# A date inside one of these entities is part of a name ("The Sunday Times").
_THE = re.compile(rf"\bthe{_SP}$", re.IGNORECASE)
_NON_DATE_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "NORP", "GPE"})
# Capitalised words that make a weekday part of a name ("Black Friday", "Bloody Sunday").
_NAMED_DAY = re.compile(r"(?-i:Black|Good|Bloody|Ash|Palm|Holy|Easter|Cyber|Super|Maundy|Shrove|Giving)[ \t]+$")


def find_dates(doc: spacy.tokens.Doc, published: date | None) -> list[FoundDate]:
    """Every resolvable date mention in ``doc``, as :class:`FoundDate` dicts, in text order.

    Candidates are spaCy ``DATE`` entities plus this module's own regex matches (for what NER misses, e.g.
    "Tuesday night", "over the weekend"); overlapping candidates keep the longest that resolves. Vague or
    duration phrases ("recent years", "two-decade", "61 days") are skipped. Spans include a leading
    preposition or modifier when it is part of the expression ("on Saturday", "in early October"). Each date
    carries its ``forward`` reading (None without ``published``).

    Example:
        >>> from eventwire import nlp
        >>> doc = nlp.load()("Police arrested 71 people on Saturday.")  # doctest: +SKIP
        >>> find_dates(doc, date(2025, 11, 9))[0]["text"]  # doctest: +SKIP
        'on Saturday'
    """
    text = doc_text(doc)
    blocked = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in _NON_DATE_LABELS)
    block_starts = [b[0] for b in blocked]

    def overlaps_other_entity(start: int, end: int) -> bool:
        i = bisect.bisect_right(block_starts, end - 1) - 1  # entities never overlap: the last one is enough
        return i >= 0 and blocked[i][1] > start

    spans: set[tuple[int, int]] = {
        (e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE" and e.text not in _AMBIGUOUS
    }
    # The full pattern is tried only where a word that can begin a date starts: one scan of the words is
    # much cheaper than a big alternation tried at every character of a long text.
    match = _DOC_RE.match
    for word in _WORD.finditer(text):
        if not (word[0][0].isdigit() or word[0].lower() in _START_WORDS):
            continue
        if (m := match(text, word.start())) is None:
            continue
        start, end = m.span()
        if context := _CONTEXT_WORD.match(m[0]):
            start += context.end()
        if not overlaps_other_entity(start, end):
            spans.add((start, end))

    resolved = []
    for start, end in spans:
        head = text[start : start + 4].lower()
        if head[:3] in _WEEKDAYS and _NAMED_DAY.search(text, max(0, start - 12), start):
            continue
        # "the last week" / "the past week" is a rolling week, not last calendar week: keep the article.
        if head in ("last", "past") and (the := _THE.search(text, max(0, start - 8), start)):
            start = the.start()
        if (left := _LEFT.search(text, max(0, start - 40), start)) and left[0].strip():
            start = left.start()
        value = resolve_date(text[start:end], published)
        if value is not None:
            resolved.append((start, end, value))
    return [_found(value, text[start:end], start, end, published) for start, end, value in _non_overlapping(resolved)]


def _found(value: DateValue, text: str, start: int, end: int, published: date | None) -> FoundDate:
    forward = forward_reading(value, text, published) if published is not None else None
    reading: Reading | None = None
    if forward is not None:
        reading = {
            "value": forward.value.isoformat(),
            "value_end": forward.value_end.isoformat() if forward.value_end else None,
        }
    return FoundDate(**value.to_record(text, start, end), forward=reading)


def as_planned(found: FoundDate) -> FoundDate:
    """A found date as a planned event reads it: its forward reading where it has one, else as found.

    Example:
        >>> found = {"value": "2025-11-08", "value_end": None, "precision": "day", "time_precision": 1,
        ...          "text": "on Saturday", "start": 0, "end": 11,
        ...          "forward": {"value": "2025-11-15", "value_end": None}}
        >>> as_planned(found)["value"]
        '2025-11-15'
    """
    if found["forward"] is None:
        return found
    return {**found, **found["forward"]}


def _non_overlapping(found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
    """Of overlapping spans keep the longest (then earliest); result in text order. Linear in clusters."""
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, DateValue]] = []
    cluster: list[tuple[int, int, DateValue]] = []
    cluster_end = -1

    def flush() -> None:
        chosen: list[tuple[int, int, DateValue]] = []
        for item in sorted(cluster, key=lambda f: (f[0] - f[1], f[0])):
            if all(item[1] <= c[0] or item[0] >= c[1] for c in chosen):
                chosen.append(item)
        kept.extend(sorted(chosen, key=lambda f: f[0]))

    for item in found:
        if cluster and item[0] >= cluster_end:
            flush()
            cluster = []
        cluster_end = max(cluster_end, item[1]) if cluster else item[1]
        cluster.append(item)
    if cluster:
        flush()
    return kept


def range_end(date: dict) -> str:
    """The last day (ISO) a resolved date covers: its ``value_end``, else the end of its month or year.

    Example:
        >>> range_end({"value": "2025-02-01", "precision": "month"})
        '2025-02-31'
        >>> range_end({"value": "2025-02-03", "precision": "day"})
        '2025-02-03'
    """
    if date.get("value_end"):
        return date["value_end"]
    if date.get("precision") == "month":
        return date["value"][:7] + "-31"  # compared as text: past every day of the month
    if date.get("precision") == "year":
        return date["value"][:4] + "-12-31"
    return date["value"]
