"""Places that are also first names: "[Vladimir] Putin" is a man, "the Vladimir region" a place."""

from __future__ import annotations

import pytest

from workbench.places import extract_places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("It will signal an escalation of chaos caused by [Vladimir] Putin's war.", []),
        ("Vladimir Putin met Kim Jong Un.", []),
        ("Troops trained near Vladimir and in the Vladimir region.", ["Vladimir"]),
        ("Recruits from Vladimir, Putin's critics say, were sent first.", ["Vladimir"]),
        ("North Korea sent troops to Russia, the President of Russia said.", ["North Korea", "Russia"]),
    ],
)
def test_first_names_before_known_surnames_are_not_places(text, places):
    assert [p.place for p in extract_places(text)] == places
