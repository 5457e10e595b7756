"""Number parsing: a table of the ways news writes headcounts, and what each must become."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.numbers import VAGUE, find_figures, parse_number

CASES = [
    # text, number_text, low, high, qualifier
    ("sent over 3,000 military personnel", "3,000", 3000, 3000, "over"),
    ("between 10,000 and 12,000 troops", "10,000 and 12,000", 10000, 12000, None),
    ("10,000 to 12,000 soldiers", "10,000 to 12,000", 10000, 12000, None),
    ("10-12,000 soldiers", "10-12,000", 10000, 12000, None),
    ("from 8,000 to 10,000 troops", "8,000 to 10,000", 8000, 10000, None),
    ("10 to 12 thousand troops", "10 to 12 thousand", 10000, 12000, None),
    ("several thousand troops", "several thousand", 2000, 9999, None),
    ("thousands of soldiers", "thousands", 2000, 9999, None),
    ("hundreds of thousands of Russian soldiers", "hundreds of thousands", 200000, 999999, None),
    ("tens of thousands of troops", "tens of thousands", 20000, 99999, None),
    ("hundreds of soldiers", "hundreds", 200, 999, None),
    ("dozens of officers", "dozens", 24, 99, None),
    ("a couple thousand workers", "a couple thousand", 2000, 2999, None),
    ("nearly 1.3 million active personnel", "1.3 million", 1300000, 1300000, "nearly"),
    ("11 thousand troops", "11 thousand", 11000, 11000, None),
    ("12k troops", "12k", 12000, 12000, None),
    ("six North Korean officers", "six", 6, 6, None),
    ("eighteen soldiers", "eighteen", 18, 18, None),
    ("three thousand soldiers", "three thousand", 3000, 3000, None),
    ("twenty-five men", "twenty-five", 25, 25, None),
    ("a dozen soldiers", "a dozen", 12, 12, None),
    ("an estimated 18 soldiers", "18", 18, 18, "an estimated"),
    ("at least 3,000 soldiers", "3,000", 3000, 3000, "at least"),
    ("up to 100,000 troops", "100,000", 100000, 100000, "up to"),
    ("more than 1,100 casualties", "1,100", 1100, 1100, "more than"),
    ("some 10,000 troops", "10,000", 10000, 10000, "some"),
    ("about 10,000 troops", "10,000", 10000, 10000, "about"),
    ("a 3,000-strong force", "3,000", 3000, 3000, None),
    ("its 1.2-million-strong army", "1.2-million", 1200000, 1200000, None),
    # a speaker's range: "X or Y", "X, maybe Y"
    ("they rushed us twenty or thirty at a time", "twenty or thirty", 20, 30, None),
    ("on our sector I'd guess 700, perhaps 900", "700, perhaps 900", 700, 900, None),
    ("10,000 or more soldiers", "10,000", 10000, 10000, None),
]


@pytest.mark.parametrize(("text", "number_text", "low", "high", "qualifier"), CASES)
def test_figures_table(text, number_text, low, high, qualifier):
    figures = list(find_figures(text))
    assert [(f.number_text, f.low, f.high, f.qualifier) for f in figures][:1] == [(number_text, low, high, qualifier)]
    first = figures[0]
    assert text[first.start : first.end] == number_text


@pytest.mark.parametrize(
    "text", ["from October 8 to 13", "in 2022-2024", "2022 and 2024", "grew by 20,000 to 600,000 troops"]
)
def test_date_ranges_are_not_ranges(text):
    assert not any(f.is_range for f in find_figures(text))


@pytest.mark.parametrize("text", ["Posted : 2024-11-13 17:24", "Updated 2025-01-07T09:41:02", "at 10:00 and 23:15"])
def test_timestamps_are_not_figures(text):
    assert list(find_figures(text)) == []


def test_increase_by_to_is_two_figures():
    text = "The decree lifts the force by roughly 90,000 to 2.1 million servicemen."
    assert [(f.number_text, f.low) for f in find_figures(text)] == [("90,000", 90000), ("2.1 million", 2100000)]


def test_vague_convention_is_ordered():
    for phrase, (low, high) in VAGUE.items():
        assert 0 < low < high, phrase


@given(st.integers(min_value=0, max_value=10**9))
def test_formatted_integers_round_trip(value):
    assert parse_number(f"{value:,}") == value
    assert parse_number(str(value)) == value


@given(st.text(max_size=200))
def test_find_figures_never_crashes_and_spans_are_exact(text):
    for figure in find_figures(text):
        assert text[figure.start : figure.end] == figure.number_text
        assert figure.low <= figure.high
