"""Find figures in text and turn them into (low, high, qualifier): "10,000 and 12,000", "several thousand", "six".

Pure regular expressions, no spaCy: the spans are exact character offsets, ranges are split here (the model
labels "between 10,000 and 12,000" as one CARDINAL), and every vague quantity follows one documented
convention (see VAGUE) so analysts can compare estimates across articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# The documented convention for vague quantities (data/README.md repeats it): (low, high).
VAGUE: dict[str, tuple[int, int]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "several hundred thousand": (200_000, 999_999),
    "a few hundred thousand": (200_000, 999_999),
    "several tens of thousands": (20_000, 99_999),
    "millions": (2_000_000, 9_999_999),
    "several million": (2_000_000, 9_999_999),
    "thousands": (2_000, 9_999),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999),
    "a couple thousand": (2_000, 2_999),
    "a couple of thousand": (2_000, 2_999),
    "hundreds": (200, 999),
    "several hundred": (200, 999),
    "a few hundred": (200, 999),
    "a couple hundred": (200, 299),
    "a couple of hundred": (200, 299),
    "dozens": (24, 99),
    "several dozen": (24, 99),
    "a few dozen": (24, 99),
    "scores": (40, 99),
}

QUALIFIERS = [
    "no fewer than",
    "no less than",
    "not more than",
    "no more than",
    "fewer than",
    "less than",
    "more than",
    "as many as",
    "as few as",
    "upwards of",
    "upward of",
    "in excess of",
    "close to",
    "just over",
    "just under",
    "well over",
    "well above",
    "at least",
    "at most",
    "up to",
    "an estimated",
    "estimated",
    "approximately",
    "roughly",
    "around",
    "about",
    "nearly",
    "almost",
    "over",
    "under",
    "some",
    "above",
    "below",
    "maybe",
    "perhaps",
    "possibly",
    "reportedly",
]

_WORD_NUM = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion)"
# A spelled-out number: "eighteen", "twenty-five", "three thousand", "two hundred and fifty", "a dozen".
_SPELLED = (
    rf"(?:(?:{_WORD_NUM})\s+dozen|(?:{_WORD_NUM})(?:[\s\-](?:{_WORD_NUM}))?"
    rf"(?:\s+{_SCALE}(?:\s+(?:and\s+)?(?:{_WORD_NUM})(?:[\s\-](?:{_WORD_NUM}))?)?)*"
    rf"|a\s+(?:dozen|hundred|thousand|million))"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS_SCALED = rf"{_DIGITS}(?:(?:\s*|-)(?:{_SCALE})|\s*[kK]\b|(?:mn?|bn)\b)?"  # "1.2-million-strong" too
_NUMBER = rf"(?:{_DIGITS_SCALED}|{_SPELLED})"
_VAGUE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))

_RANGE = re.compile(
    rf"(?<![\w.,])(?:(?P<between>between|from)\s+)?(?P<lo>{_NUMBER})"
    # "thirty or forty at a time", "1,200, maybe 1,800": a speaker's range
    rf"\s*(?P<sep>and|to|-|–|—|or|,\s*(?:maybe|perhaps|possibly))\s*(?P<hi>{_NUMBER})(?![\w]|[.,]\d)",
    re.IGNORECASE,
)
_POINT = re.compile(rf"(?<![\w.,])(?P<num>{_NUMBER})(?![\w]|[.,]\d)", re.IGNORECASE)
_VAGUE_RE = re.compile(rf"(?<![\w])(?P<num>{_VAGUE})(?![\w])", re.IGNORECASE)
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(“\"'‘–—-]))(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS)
    + r")\s+[\"“‘']?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A number found in text. ``start``/``end`` index ``number_text`` in the text that was scanned."""

    start: int
    end: int
    number_text: str
    low: int
    high: int
    qualifier: str | None = None
    vague: bool = False
    is_range: bool = False


def words_to_int(text: str) -> int | None:
    """ "eighteen" -> 18, "three thousand" -> 3000, "twenty-five" -> 25, "a dozen" -> 12; else None."""
    words = re.split(r"[\s\-]+", text.lower().strip())
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    if words[0] == "a" and len(words) == 2:
        return 12 if words[1] == "dozen" else SCALES.get(words[1])
    total, current, seen = 0, 0, False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> int | None:
    """Parse one number as written: "3,000", "1.3 million", "11 thousand", "12k", "six" -> int (or None)."""
    raw = text.strip().lower()
    match = re.fullmatch(rf"({_DIGITS})(?:\s*|-)({_SCALE}|k|mn?|bn)?", raw)
    if match:
        value = float(match.group(1).replace(",", ""))
        scale = match.group(2)
        if scale:
            value *= {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}.get(scale) or SCALES[scale]
        return round(value)
    return words_to_int(raw)


def _has_scale(text: str) -> bool:
    return bool(re.search(rf"{_SCALE}|,\d{{3}}|\d[kK]\b", text, re.IGNORECASE))


def _range_values(lo_text: str, hi_text: str) -> tuple[int, int] | None:
    lo, hi = parse_number(lo_text), parse_number(hi_text)
    if lo is None or hi is None:
        return None
    # "10-12,000" and "10 to 12 thousand": the scale written once applies to both ends.
    if not _has_scale(lo_text) and _has_scale(hi_text):
        for factor in (1_000_000, 1_000, 100):
            if lo * factor <= hi and lo * factor * 10 > hi and hi % factor == 0:
                lo *= factor
                break
    if lo > hi:
        return None
    return lo, hi


def _qualifier_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 30) : start]
    match = _QUALIFIER_RE.search(window)
    return re.sub(r"\s+", " ", match.group("q").lower()) if match else None


def _looks_like_non_range(text: str, match: re.Match[str]) -> bool:
    """ "October 8 to 13", "2022-2024", "24/7": ranges of dates, years or scores, not headcounts."""
    sep = match.group("sep")
    lo_text, hi_text = match.group("lo"), match.group("hi")
    before = text[max(0, match.start() - 12) : match.start()]
    if re.search(
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*$",
        before,
    ):
        return True
    lo, hi = parse_number(lo_text), parse_number(hi_text)
    if lo is None or hi is None:
        return True
    if 1900 <= lo <= 2100 and 1900 <= hi <= 2100 and "," not in lo_text:
        return True
    # "raised the ceiling by 150,000 to 1.3 million": an increase and the new total, not a range
    if sep.lower() == "to" and re.search(r"\bby\s+(?:(?:some|about|around|roughly|nearly|almost|over)\s+)?$", before):
        return True
    # "six soldiers and 3,000 ..." is two figures, not a range, unless "between" frames it.
    return sep.lower() == "and" and not match.group("between")


_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}:\d{2}(?::\d{2})?\b")


def find_figures(text: str) -> Iterator[Figure]:
    """Every number, range and vague quantity in ``text``, left to right, non-overlapping."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    # timestamps are never figures: "2024-11-13", "17:24", "2024-11-13T17:24"
    taken.extend((m.start(), m.end()) for m in _TIMESTAMP.finditer(text))
    found: list[Figure] = []
    for match in _VAGUE_RE.finditer(text):
        phrase = re.sub(r"\s+", " ", match.group("num").lower())
        low, high = VAGUE[phrase]
        start, end = match.start("num"), match.end("num")
        found.append(Figure(start, end, text[start:end], low, high, _qualifier_before(text, start), vague=True))
        taken.append((start, end))
    for match in _RANGE.finditer(text):
        if _looks_like_non_range(text, match):
            continue
        values = _range_values(match.group("lo"), match.group("hi"))
        if values is None:
            continue
        start, end = match.start("lo"), match.end("hi")
        if not free(start, end):
            continue
        qualifier = _qualifier_before(text, match.start())
        found.append(Figure(start, end, text[start:end], values[0], values[1], qualifier, is_range=True))
        taken.append((start, end))
    for match in _POINT.finditer(text):
        start, end = match.start("num"), match.end("num")
        number_text = text[start:end]
        if not free(start, end):
            continue
        value = parse_number(number_text)
        if value is None:
            continue
        if number_text.lower().startswith("a ") and value not in (12, 100, 1000, 1_000_000):
            continue
        found.append(Figure(start, end, number_text, value, value, _qualifier_before(text, start)))
        taken.append((start, end))
    yield from sorted(found, key=lambda f: f.start)
