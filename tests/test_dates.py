"""Date expressions resolved against the publication date (eventwire.extractors.dates)."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire.extractors import dates
from eventwire.extractors.dates import (
    PRECISIONS,
    DateValue,
    as_planned,
    find_dates,
    fixed_in_past,
    forward_reading,
    record_fields,
    resolve_date,
)

SUN = date(2025, 11, 9)  # a Sunday
SAT = date(2025, 11, 8)
WED = date(2025, 11, 12)
D = date.fromisoformat

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# (expression, published, value, value_end, precision)
CASES = [
    # bare weekdays: most recent on or before publication; the publication weekday is that day itself
    ("on Saturday", SUN, "2025-11-08", None, "day"),
    ("on Sunday", SUN, "2025-11-09", None, "day"),
    ("Saturday", SAT, "2025-11-08", None, "day"),
    ("on Monday", SUN, "2025-11-03", None, "day"),
    ("Tuesday night", SUN, "2025-11-04", None, "day"),
    ("Saturday morning", SUN, "2025-11-08", None, "day"),
    ("late Tuesday", SUN, "2025-11-04", None, "day"),
    ("the early hours of Saturday", SUN, "2025-11-08", None, "day"),
    ("on the night of Nov. 3", SUN, "2025-11-03", None, "day"),
    ("Saturday's", SUN, "2025-11-08", None, "day"),
    ("last Friday", SUN, "2025-11-07", None, "day"),
    ("last Sunday", SUN, "2025-11-02", None, "day"),  # "last" is strictly before publication
    ("next Saturday", SUN, "2025-11-15", None, "day"),
    ("next Sunday", SUN, "2025-11-16", None, "day"),
    ("this Friday", WED, "2025-11-14", None, "day"),
    ("on Monday last week", SUN, "2025-10-27", None, "day"),
    ("Monday of last week", WED, "2025-11-03", None, "day"),
    ("Tuesday next week", SUN, "2025-11-11", None, "day"),
    # days relative to publication
    ("yesterday", SUN, "2025-11-08", None, "day"),
    ("today", SUN, "2025-11-09", None, "day"),
    ("tonight", SUN, "2025-11-09", None, "day"),
    ("last night", SUN, "2025-11-08", None, "day"),
    ("overnight", SUN, "2025-11-08", None, "day"),  # news' "overnight": the night before the report
    ("this morning", SUN, "2025-11-09", None, "day"),
    ("yesterday afternoon", SUN, "2025-11-08", None, "day"),
    ("the day before yesterday", SUN, "2025-11-07", None, "day"),
    ("tomorrow", SUN, "2025-11-10", None, "day"),
    ("two days ago", SUN, "2025-11-07", None, "day"),
    ("3 days ago", SUN, "2025-11-06", None, "day"),
    ("a day ago", SUN, "2025-11-08", None, "day"),
    # absolute days
    ("on Nov. 3", SUN, "2025-11-03", None, "day"),
    ("Nov 3", SUN, "2025-11-03", None, "day"),
    ("Nov. 3rd", SUN, "2025-11-03", None, "day"),
    ("November 3, 2025", SUN, "2025-11-03", None, "day"),
    ("November 3, 2025", None, "2025-11-03", None, "day"),
    ("3 November", SUN, "2025-11-03", None, "day"),
    ("3rd of November 2002", SUN, "2002-11-03", None, "day"),
    ("2025-11-03", SUN, "2025-11-03", None, "day"),
    ("2025-11-03", None, "2025-11-03", None, "day"),
    ("Saturday, Nov. 8", SUN, "2025-11-08", None, "day"),
    ("Nov. 30", SUN, "2024-11-30", None, "day"),  # no year: on or before publication
    ("Feb. 29", SUN, "2024-02-29", None, "day"),
    ("11/03/2025", SUN, "2025-11-03", None, "day"),  # dateparser: US order
    ("3.11.2025", None, "2025-11-03", None, "day"),  # dateparser: dotted is day first
    # weeks (Monday..Sunday) and weekends
    ("last week", SUN, "2025-10-27", "2025-11-02", "week"),
    ("last week", WED, "2025-11-03", "2025-11-09", "week"),
    ("this week", SUN, "2025-11-03", "2025-11-09", "week"),
    ("earlier this week", WED, "2025-11-10", "2025-11-12", "week"),  # the part already past
    ("next week", SUN, "2025-11-10", "2025-11-16", "week"),
    ("early next week", SUN, "2025-11-10", "2025-11-16", "week"),
    ("late last week", WED, "2025-11-03", "2025-11-09", "week"),
    ("the end of last week", SUN, "2025-10-27", "2025-11-02", "week"),
    ("two weeks ago", SUN, "2025-10-20", "2025-10-26", "week"),
    ("a week ago", WED, "2025-11-03", "2025-11-09", "week"),
    ("the past week", SUN, "2025-11-03", "2025-11-09", "week"),  # rolling, ends on publication
    ("in the last week", WED, "2025-11-06", "2025-11-12", "week"),  # "the last week" is rolling too
    ("over the past month", SUN, "2025-10-10", "2025-11-09", "month"),
    ("the past year", SUN, "2024-11-10", "2025-11-09", "year"),
    ("over the weekend", SUN, "2025-11-08", "2025-11-09", "week"),
    ("over the weekend", WED, "2025-11-08", "2025-11-09", "week"),
    ("at the weekend", date(2025, 11, 10), "2025-11-08", "2025-11-09", "week"),
    ("last weekend", WED, "2025-11-08", "2025-11-09", "week"),
    ("last weekend", SUN, "2025-11-01", "2025-11-02", "week"),
    ("this weekend", WED, "2025-11-15", "2025-11-16", "week"),
    # months
    ("in October", SUN, "2025-10-01", "2025-10-31", "month"),
    ("in November", SUN, "2025-11-01", "2025-11-30", "month"),
    ("in December", SUN, "2024-12-01", "2024-12-31", "month"),
    ("in mid-October", SUN, "2025-10-01", "2025-10-31", "month"),
    ("late October", SUN, "2025-10-01", "2025-10-31", "month"),
    ("last October", date(2025, 10, 20), "2024-10-01", "2024-10-31", "month"),
    ("next March", SUN, "2026-03-01", "2026-03-31", "month"),
    ("October 2024", SUN, "2024-10-01", "2024-10-31", "month"),
    ("October 2024", None, "2024-10-01", "2024-10-31", "month"),
    ("earlier this month", SUN, "2025-11-01", "2025-11-09", "month"),
    ("later this month", SUN, "2025-11-09", "2025-11-30", "month"),  # the part still to come
    ("last month", SUN, "2025-10-01", "2025-10-31", "month"),
    ("last month", date(2025, 1, 15), "2024-12-01", "2024-12-31", "month"),
    ("next month", date(2025, 12, 15), "2026-01-01", "2026-01-31", "month"),
    ("three months ago", SUN, "2025-08-01", "2025-08-31", "month"),
    # years
    ("last year", SUN, "2024-01-01", "2024-12-31", "year"),
    ("this year", SUN, "2025-01-01", "2025-12-31", "year"),
    ("earlier this year", SUN, "2025-01-01", "2025-11-09", "year"),
    ("in 2019", SUN, "2019-01-01", "2019-12-31", "year"),
    ("in 2019", None, "2019-01-01", "2019-12-31", "year"),
    ("early 2024", SUN, "2024-01-01", "2024-12-31", "year"),
    ("two years ago", SUN, "2023-01-01", "2023-12-31", "year"),
    ("twenty-two years ago", SUN, "2003-01-01", "2003-12-31", "year"),
]

UNRESOLVABLE = [
    "recent years",
    "in recent years",
    "two-decade",
    "years",
    "Years ago",
    "years ago",
    "for three years",
    "three years",
    "61 days",
    "thousands over 61 days",
    "a few days ago",
    "the 1990s",
    "decades",
    "the next day",
    "",
    "   ",
    "Nov. 31",
    "2025-13-01",
]

RELATIVE = [
    "on Saturday",
    "Tuesday night",
    "yesterday",
    "today",
    "on Nov. 3",
    "3 November",
    "last week",
    "this week",
    "early next week",
    "in October",
    "earlier this month",
    "last month",
    "last year",
    "on Monday last week",
    "over the weekend",
    "two days ago",
    "last Friday",
]


@pytest.mark.parametrize(("expression", "published", "value", "value_end", "precision"), CASES)
def test_resolve_table(expression, published, value, value_end, precision):
    got = resolve_date(expression, published)
    assert got == DateValue(D(value), D(value_end) if value_end else None, precision)


@pytest.mark.parametrize("expression", UNRESOLVABLE)
def test_vague_and_durations_are_skipped(expression):
    assert resolve_date(expression, SUN) is None


@pytest.mark.parametrize("expression", RELATIVE)
def test_relative_without_published_is_none(expression):
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(("precision", "code"), [("day", 1), ("week", 2), ("month", 3), ("year", 3)])
def test_time_precision(precision, code):
    assert DateValue(SUN, None if precision == "day" else SUN, precision).time_precision == code


def test_to_record_shape():
    record = resolve_date("in October", SUN).to_record("in October", 10, 20)
    assert record == {
        "value": "2025-10-01",
        "value_end": "2025-10-31",
        "precision": "month",
        "time_precision": 3,
        "text": "in October",
        "start": 10,
        "end": 20,
    }


# ------------------------------------------------------------------------------------------ forward readings

# (expression, published, forward value, forward value_end): the reading of a planned act ("will visit on
# Saturday"); None where the words allow no later one
FORWARD = [
    # a weekday moves on a week
    ("on Saturday", SUN, "2025-11-15", None),
    ("Tuesday night", SUN, "2025-11-11", None),
    ("on Monday", WED, "2025-11-17", None),
    # another day or a month, a year
    ("on Nov. 3", SUN, "2026-11-03", None),
    ("3 November", SUN, "2026-11-03", None),
    ("in October", SUN, "2026-10-01", "2026-10-31"),
    ("in February", date(2025, 3, 5), "2026-02-01", "2026-02-28"),
    # already on or after publication: as it is
    ("on Sunday", SUN, None, None),
    ("tomorrow", SUN, None, None),
    ("next Saturday", SUN, None, None),
    ("next month", SUN, None, None),
    ("later this month", SUN, None, None),
    # the words fix it in the past (lexicon.yaml past_date_words, a written year)
    ("last Friday", SUN, None, None),
    ("yesterday", SUN, None, None),
    ("two days ago", SUN, None, None),
    ("earlier this month", SUN, None, None),
    ("last month", SUN, None, None),
    ("the past week", SUN, None, None),
    ("November 3, 2025", SUN, None, None),
    ("October 2024", SUN, None, None),
    ("in 2019", SUN, None, None),
    # a period that still runs on the day of publication is this one, not next year's
    ("this month", SUN, None, None),
    ("in November", SUN, None, None),
    # a week or a year has no later reading
    ("over the weekend", SUN, None, None),
    ("this week", WED, None, None),
    # 29 February has no twin next year
    ("Feb. 29", date(2024, 3, 5), None, None),
    ("in February", date(2024, 3, 5), None, None),
]


@pytest.mark.parametrize(("expression", "published", "value", "value_end"), FORWARD)
def test_forward_reading_table(expression, published, value, value_end):
    found = resolve_date(expression, published)
    got = forward_reading(found, expression, published)
    if value is None:
        assert got is None
    else:
        assert got == DateValue(D(value), D(value_end) if value_end else None, found.precision)


# (date's words, fixed in the past)
FIXED = [
    ("last Saturday", True),
    ("Last week", True),
    ("two weeks ago", True),
    ("yesterday morning", True),
    ("earlier this month", True),
    ("the past year", True),
    ("over the previous week", True),
    ("in March 2019", True),
    ("on 3 June 2024", True),
    ("in 1998", True),
    ("on Saturday", False),
    ("in August", False),
    ("Nov. 3", False),
    ("next week", False),
    ("this month", False),
    ("tomorrow", False),
]


@pytest.mark.parametrize(("text", "fixed"), FIXED)
def test_fixed_in_past_table(text, fixed):
    assert fixed_in_past(text) is fixed


def test_as_planned_takes_the_forward_reading_and_record_fields_drop_it():
    on_saturday = {
        "value": "2025-11-08",
        "value_end": None,
        "precision": "day",
        "time_precision": 1,
        "text": "on Saturday",
        "start": 10,
        "end": 21,
        "forward": {"value": "2025-11-15", "value_end": None},
    }
    planned = as_planned(on_saturday)
    assert (planned["value"], planned["text"], planned["start"]) == ("2025-11-15", "on Saturday", 10)
    assert on_saturday["value"] == "2025-11-08"  # the found date is left as it is
    assert as_planned({**on_saturday, "forward": None})["value"] == "2025-11-08"
    assert record_fields(planned) == {k: v for k, v in planned.items() if k != "forward"}


# ------------------------------------------------------------------------------------------ properties

REALISTIC = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(published=REALISTIC, weekday=st.sampled_from(WEEKDAYS), lower=st.booleans())
def test_bare_weekday_is_within_the_week_before_publication(published, weekday, lower):
    expression = f"on {weekday.lower() if lower else weekday}"
    got = resolve_date(expression, published)
    assert got is not None and got.precision == "day" and got.value_end is None
    assert got.value.weekday() == WEEKDAYS.index(weekday)
    assert 0 <= (published - got.value).days <= 6


@given(published=REALISTIC, n=st.integers(min_value=0, max_value=400))
def test_days_ago(published, n):
    assert resolve_date(f"{n} days ago", published).value == published - timedelta(days=n)


@given(published=REALISTIC, unit=st.sampled_from(["week", "month", "year"]), rel=st.sampled_from(["last", "this"]))
def test_spans_are_ordered_and_not_after_their_period(published, unit, rel):
    got = resolve_date(f"{rel} {unit}", published)
    assert got.precision == unit and got.value <= got.value_end
    if rel == "this":
        assert got.value <= published <= got.value_end
    else:
        assert got.value_end < published


@settings(deadline=None)
@given(expression=st.text(max_size=60), published=st.none() | st.dates())
def test_resolve_never_raises(expression, published):
    got = resolve_date(expression, published)
    assert got is None or (got.precision in PRECISIONS and (got.value_end is None or got.value <= got.value_end))


@settings(deadline=None)
@given(
    expression=st.sampled_from(RELATIVE + [f"on {w}" for w in WEEKDAYS] + [f"last {w}" for w in WEEKDAYS])
    | st.builds(lambda n, u: f"{n} {u} ago", st.integers(0, 9999), st.sampled_from(["days", "weeks", "months"]))
)
def test_relative_never_guesses_today(expression):
    assert resolve_date(expression, None) is None


@settings(deadline=None)
@given(expression=st.text(alphabet="0123456789 -/.,:NovOctMaySaturdyagoinlstwek", max_size=30), published=st.dates())
def test_resolve_never_raises_on_date_like_noise(expression, published):
    resolve_date(expression, published)


# ------------------------------------------------------------------------------------------ in a doc


@pytest.fixture(scope="module")
def nlp():
    from eventwire.nlp import load

    return load()


SENTENCES = (
    "Syrian security forces arrested 71 suspected IS members on Saturday, the Interior Ministry said on Sunday.\n\n"
    "Gunmen attacked a village Tuesday night, killing five. On Monday last week, police raided a house.\n\n"
    "Over the weekend two people were killed. Two days ago a bomb exploded, and last Friday a drone struck.\n\n"
    "At least 40 people were killed in October, the monitor said. Talks will resume early next week.\n\n"
    "In recent years the two-decade conflict has displaced thousands; the last census was in 2019.\n\n"
    "The Sunday Times reported that protests began on Nov. 3 and grew by 3 November 2025."
)


def test_find_dates_spans_and_values(nlp):
    doc = nlp(SENTENCES)
    found = find_dates(doc, SUN)
    for record in found:
        assert doc.text[record["start"] : record["end"]] == record["text"]
        assert set(record) == {"value", "value_end", "precision", "time_precision", "text", "start", "end", "forward"}
    starts = [r["start"] for r in found]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:], strict=False))
    by_text = {r["text"]: (r["value"], r["value_end"], r["precision"]) for r in found}
    assert by_text["on Saturday"] == ("2025-11-08", None, "day")
    assert by_text["on Sunday"] == ("2025-11-09", None, "day")
    assert by_text["Tuesday night"] == ("2025-11-04", None, "day")
    assert by_text["On Monday last week"] == ("2025-10-27", None, "day")
    assert by_text["Over the weekend"] == ("2025-11-08", "2025-11-09", "week")
    assert by_text["Two days ago"] == ("2025-11-07", None, "day")
    assert by_text["last Friday"] == ("2025-11-07", None, "day")
    assert by_text["in October"] == ("2025-10-01", "2025-10-31", "month")
    assert by_text["early next week"] == ("2025-11-10", "2025-11-16", "week")
    assert by_text["in 2019"] == ("2019-01-01", "2019-12-31", "year")
    assert by_text["on Nov. 3"] == ("2025-11-03", None, "day")
    assert by_text["3 November 2025"] == ("2025-11-03", None, "day")
    texts = " | ".join(by_text)
    assert "recent" not in texts and "decade" not in texts and "Times" not in texts


def test_find_dates_reads_overnight_as_the_night_before(nlp):
    # written for the project
    doc = nlp("Troops detained nine men at roadblocks overnight, a spokesman said.")
    assert [(r["text"], r["value"]) for r in find_dates(doc, SUN)] == [("overnight", "2025-11-08")]


@given(
    weekday=st.sampled_from(WEEKDAYS),
    prep=st.sampled_from(["on ", "", "late "]),
    published=REALISTIC,
)
@settings(deadline=None, max_examples=25)
def test_find_dates_spans_match_text(nlp, weekday, prep, published):
    doc = nlp(f"Police said five people were killed {prep}{weekday} in the north.")
    found = find_dates(doc, published)
    assert found, doc.text
    for record in found:
        assert doc.text[record["start"] : record["end"]] == record["text"]
    assert found[0]["text"] == f"{prep}{weekday}"


def test_find_dates_records_each_dates_forward_reading():
    doc = _plain_doc("The minister will visit on Saturday. Talks held last Friday ended. Elections are due in October.")
    got = [(r["text"], r["value"], r["forward"]) for r in find_dates(doc, SUN)]
    assert got == [
        ("on Saturday", "2025-11-08", {"value": "2025-11-15", "value_end": None}),
        ("last Friday", "2025-11-07", None),
        ("in October", "2025-10-01", {"value": "2026-10-01", "value_end": "2026-10-31"}),
    ]
    assert all(r["forward"] is None for r in find_dates(doc, None))


def test_find_dates_without_published_keeps_only_absolute(nlp):
    doc = nlp("Troops withdrew on Saturday, months after the clashes of November 3, 2025 and 2019.")
    found = find_dates(doc, None)
    assert [(r["text"], r["value"], r["precision"]) for r in found] == [
        ("November 3, 2025", "2025-11-03", "day"),
        ("2019", "2019-01-01", "year"),
    ]


def test_find_dates_ignores_names_and_ambiguous_months():
    doc = _plain_doc("Black Friday sales rose. May said so in May. March organisers met on Friday.")
    texts = [r["text"] for r in find_dates(doc, SUN)]
    assert texts == ["in May", "on Friday"]


def test_find_dates_rolling_and_calendar_weeks():
    doc = _plain_doc("In the last week, 12 died. Last week, 3 died. On Saturday, Nov. 8 a bomb went off.")
    got = [(r["text"], r["value"], r["value_end"]) for r in find_dates(doc, WED)]
    assert got == [
        ("In the last week", "2025-11-06", "2025-11-12"),
        ("Last week", "2025-11-03", "2025-11-09"),
        ("On Saturday, Nov. 8", "2025-11-08", None),
    ]


def _plain_doc(text: str) -> Doc:
    """A Doc with no entities (only the regex path), built without tokenising a long text."""
    words = [text[i : i + 1000] for i in range(0, len(text), 1000)] or [""]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[False] * len(words))


def test_find_dates_on_5mb_text_is_cheap_and_never_asks_dateparser_about_sentences(monkeypatch):
    asked: list[str] = []
    original = dates._dateparser_fallback

    def spy(s, pub):
        asked.append(s)
        return original(s, pub)

    monkeypatch.setattr(dates, "_dateparser_fallback", spy)
    dates._resolve_cached.cache_clear()  # so the spy sees what a fresh process would ask
    paragraph = (
        "Police arrested 71 people on Saturday, officials said, after weeks of unrest in the province and "
        "clashes that the monitor said had killed dozens since the start of the year. Residents described "
        "queues at checkpoints and shuttered markets across the district, while aid groups appealed for access "
        "and the governor promised an inquiry into the deaths reported on 11/03/2025 near the border crossing. "
    )
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    doc = _plain_doc(text)
    t0 = time.perf_counter()
    found = find_dates(doc, SUN)
    elapsed = time.perf_counter() - t0
    n = text.count(paragraph)
    assert len(found) == 2 * n
    assert found[-1]["text"] == "on 11/03/2025" and found[-1]["value"] == "2025-11-03"
    assert asked and all(len(s) <= 40 for s in asked)
    assert elapsed < 25, elapsed
