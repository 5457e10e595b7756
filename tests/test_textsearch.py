"""The trie regexes find exactly what the plain longest-first alternations found, only faster.

The registry and the gazetteer switched from ``a|b|c|...`` to ``trie_alternation``; these tests rebuild
the old-style regexes from the same name lists and compare every match (spans, groups, order) on the
seed and eval texts and on generated strings made of name fragments.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.actors import Actor, ActorRegistry, default_registry, same_length_norm
from workbench.places import REGION_WORDS, Gazetteer, Place, default_gazetteer
from workbench.textsearch import NEVER, trie_alternation

ROOT = Path(__file__).resolve().parents[1]
TEXT_FILES = sorted(
    [
        *ROOT.glob("seeds/*.txt"),
        *ROOT.glob("tests/eval/dev*/*.txt"),
        *ROOT.glob("tests/eval/holdout/*.txt"),
    ]
)


def plain_alternation(words: list[str]) -> str:
    """The pattern the callers used before the trie: every word, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def actor_regexes(aliases: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """(old, new) versions of ``ActorRegistry._alias_regex``, same wrappers."""
    return tuple(
        re.compile(r"(?<![\w])(?:" + body + r")(?![\w\-])")
        for body in (plain_alternation(aliases), trie_alternation(aliases))
    )


def place_regexes(names: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """(old, new) versions of ``Gazetteer._regex``, same wrappers and named groups."""
    return tuple(
        re.compile(r"(?<![\w\-])(?:the\s+)?(?P<name>" + body + r")" rf"(?P<region>\s+{REGION_WORDS}\b)?(?![\w])")
        for body in (plain_alternation(names), trie_alternation(names))
    )


def matches(regex: re.Pattern, text: str) -> list[tuple]:
    """Everything observable about the matches: order, spans, every group and its span."""
    return [(m.span(), m.group(0), m.groupdict(), m.regs) for m in regex.finditer(text)]


@cache
def registry_regexes() -> tuple[re.Pattern, re.Pattern]:
    return actor_regexes(list(default_registry()._by_alias))


@cache
def gazetteer_regexes() -> tuple[re.Pattern, re.Pattern]:
    return place_regexes(list(default_gazetteer().by_alias))


def pieces(text: str) -> list[str]:
    """The whole text plus its sentences (find_in runs per sentence, Gazetteer.find per document too)."""
    return [text, *(s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip())]


# ------------------------------------------------------------------------------------------ the builder


def test_shares_prefixes():
    assert trie_alternation(["kursk", "kyiv", "kharkiv"]) == "k(?:harkiv|ursk|yiv)"
    assert trie_alternation(["kursk"]) == "kursk"


def test_longest_first_and_backtracks_to_shorter():
    regex = re.compile(r"(?:" + trie_alternation(["washington", "washington post", "wash"]) + r")(?![\w])")
    assert [m.group(0) for m in regex.finditer("washington post")] == ["washington post"]
    # the longer name is refused by the look-ahead, so the engine falls back to the shorter one
    assert [m.group(0) for m in regex.finditer("washington posted it")] == ["washington"]
    assert [m.group(0) for m in regex.finditer("washing")] == []
    assert [m.group(0) for m in regex.finditer("wash up")] == ["wash"]


def test_escapes_special_characters():
    words = ["u.s.", "c++", "(dprk)", "a|b", "x*", "[isw]", "$1", "^up", "back\\slash", "?"]
    regex = re.compile(trie_alternation(words))
    for word in words:
        assert regex.fullmatch(word), word
    assert not regex.fullmatch("uxsx")
    assert not regex.fullmatch("a")
    assert not regex.fullmatch("cc")


def test_empty_list_never_matches():
    assert trie_alternation([]) == NEVER
    assert re.compile(trie_alternation([])).search("anything at all") is None
    assert re.compile(trie_alternation(iter(()))).search("") is None


def test_empty_word_and_duplicates_behave_like_the_plain_alternation():
    for words in (["", "ab"], ["a", "a", "ab"], [""]):
        old, new = re.compile(plain_alternation(words)), re.compile(trie_alternation(words))
        for text in ("", "a", "ab", "abc", "xab"):
            assert matches(old, text) == matches(new, text), (words, text)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab-. ", min_size=0, max_size=5), min_size=1, max_size=8),
    text=st.text(alphabet="ab-. c", max_size=30),
)
def test_same_as_plain_alternation_on_small_alphabets(words: list[str], text: str):
    """Any non-empty word list (an empty one never matches, see test_empty_list_never_matches)."""
    for old, new in (actor_regexes(words), place_regexes(words)):
        assert matches(old, text) == matches(new, text)
    old, new = re.compile(plain_alternation(words)), re.compile(trie_alternation(words))
    assert matches(old, text) == matches(new, text)


# ------------------------------------------------------------------------------------------ the real lists


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_actor_regex_identical_on_texts(path: Path):
    old, new = registry_regexes()
    for piece in pieces(path.read_text(encoding="utf-8")):
        lowered = same_length_norm(piece)
        assert matches(old, lowered) == matches(new, lowered)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_place_regex_identical_on_texts(path: Path):
    old, new = gazetteer_regexes()
    for piece in pieces(path.read_text(encoding="utf-8")):
        assert matches(old, piece) == matches(new, piece)


def test_texts_were_found():
    assert len(TEXT_FILES) >= 20
    assert {p.parent.name for p in TEXT_FILES} >= {"seeds", "dev", "holdout"}


def test_classes_use_the_trie_with_their_old_wrappers():
    """The shipped regexes are the ``new`` ones compared above, so the text checks cover find_in/find."""
    assert default_registry()._alias_regex.pattern == registry_regexes()[1].pattern
    assert default_gazetteer()._regex.pattern == gazetteer_regexes()[1].pattern


def test_find_in_and_find_results_match_the_plain_regexes():
    """Swap the old regexes into copies of the shipped objects: find_in/find return the same objects."""
    registry, gazetteer = default_registry(), default_gazetteer()
    old_registry, old_gazetteer = copy.copy(registry), copy.copy(gazetteer)
    old_registry._alias_regex = registry_regexes()[0]
    old_gazetteer._regex = gazetteer_regexes()[0]
    for path in TEXT_FILES:
        for piece in pieces(path.read_text(encoding="utf-8")):
            assert registry.find_in(piece) == old_registry.find_in(piece)
            blocked = [(s, e) for s, e, actor in registry.find_in(piece) if actor.kind in {"media", "person"}]
            assert gazetteer.find(piece, blocked) == old_gazetteer.find(piece, blocked)


def test_small_registry_and_gazetteer_still_work():
    registry = ActorRegistry(
        [
            Actor(canonical="Washington Post", kind="media", type="media", country="United States", aliases=()),
            Actor(canonical="Washington", kind="organization", type="government", country="United States", aliases=()),
        ]
    )
    assert [(s, e, a.canonical) for s, e, a in registry.find_in("The Washington Post said Washington lied.")] == [
        (4, 19, "Washington Post"),
        (25, 35, "Washington"),
    ]
    assert ActorRegistry([]).find_in("Washington") == []
    kursk = Place("Kursk", "region", "Russia", 51.7, 36.2)
    gazetteer = Gazetteer([(kursk, ("Kursk",))])
    [mention] = gazetteer.find("Fighting in the Kursk region went on.")
    assert (mention.start, mention.end, mention.text) == (16, 28, "Kursk region")
    assert Gazetteer([]).find("Kursk") == []


# ------------------------------------------------------------------------------------------ generated strings


@cache
def fragments() -> list[str]:
    """Aliases, their prefixes (near misses) and the glue the wrappers look at."""
    names = list(default_registry()._by_alias) + list(default_gazetteer().by_alias)
    picked = names[::7]
    return sorted(
        {
            *picked,
            *(n[: len(n) // 2] for n in picked),
            *(n + "s" for n in picked[::5]),
            " ",
            "  ",
            "-",
            "'",
            ".",
            ",",
            "\n",
            "the ",
            "The ",
            " region",
            " oblast",
            " regions ",
            "ern",
            "’",
            "–",
        }
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.deferred(lambda: st.sampled_from(fragments())), max_size=12).map("".join))
def test_same_as_plain_alternation_on_generated_text(text: str):
    old, new = registry_regexes()
    lowered = same_length_norm(text)
    assert matches(old, lowered) == matches(new, lowered)
    assert matches(old, text) == matches(new, text)
    old, new = gazetteer_regexes()
    assert matches(old, text) == matches(new, text)
