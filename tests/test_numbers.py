"""One number parser for counts and dates (extractors/numbers.py): digits, number words, scales and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.extractors import counts, dates
from eventwire.extractors.numbers import TENS, UNITS, parse_number


@given(st.integers(min_value=0, max_value=10_000_000))
def test_parse_number_reads_digits_with_and_without_commas(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize(
    "text, value",
    [
        ("twenty-five", 25),
        ("twenty five", 25),
        ("Six", 6),
        ("zero", 0),
        ("ninety-nine", 99),
        ("3 million", 3_000_000),
        ("2.5 thousand", 2500),
        ("10-15", 10),
        ("40 to 60", 40),
        ("one hundred and five", 105),
        ("two thousand three hundred", 2300),
        ("a dozen", 12),
        ("dozen", 12),
        ("1\u2009200", 1200),  # a thin space between thousands
        ("several", None),  # a vague word is the counts' business, not a number
        ("a", None),  # "a week ago" is the dates' idiom, read there
        ("", None),
        ("twenty-five men", None),
    ],
)
def test_parse_number_words_and_ranges(text, value):
    assert parse_number(text) == value


@given(st.text(max_size=20))
def test_parse_number_never_raises(text):
    parse_number(text)


def test_every_number_word_of_the_tables_parses_to_its_value():
    for word, value in {**UNITS, **TENS}.items():
        assert parse_number(word) == value
    for tens, t in TENS.items():
        for unit, u in UNITS.items():
            if 0 < u < 10:
                assert parse_number(f"{tens}-{unit}") == t + u


def test_counts_and_dates_use_the_same_parser():
    assert counts.parse_number is parse_number and dates.parse_number is parse_number
