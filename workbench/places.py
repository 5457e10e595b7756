"""The offline gazetteer: recognising places in text and geocoding them without a network.

The spaCy model calls Kursk a PRODUCT and misses "the Donetsk region", so places come from the gazetteer in
``data/gazetteer.csv`` (GeoNames coordinates, see its notes). Matching is token-exact and case-sensitive so
demonyms ("North Korean") never match a country, and outlet names ("Kyiv Independent") block the places
inside them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import paths
from workbench.textsearch import trie_alternation

if TYPE_CHECKING:
    from workbench.actors import ActorRegistry


@dataclass(frozen=True)
class Place:
    place: str
    kind: str  # country | city | region
    country: str | None
    lat: float | None
    lon: float | None
    population: int | None = None


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


REGION_WORDS = r"(?:region|regions|oblast|oblasts|province|provinces|krai|territory|republic)"
DIRECTIONS = (
    r"(?:eastern|western|northern|southern|north-eastern|northeastern|south-eastern|southeastern|"
    r"north-western|northwestern|south-western|southwestern|central|far-eastern|far eastern)"
)


class Gazetteer:
    """Places by alias, with the city/region ambiguity resolved by the words around the mention."""

    def __init__(self, places: list[tuple[Place, tuple[str, ...]]]):
        self.by_alias: dict[str, list[Place]] = {}
        for place, aliases in places:
            for alias in aliases:
                self.by_alias.setdefault(alias, []).append(place)
        self.canonical: dict[str, list[Place]] = {}
        for place, _ in places:
            self.canonical.setdefault(place.place, []).append(place)
        ordered = sorted(self.by_alias, key=len, reverse=True)
        self._regex = (
            re.compile(
                r"(?<![\w\-])(?:the\s+)?(?P<name>" + trie_alternation(ordered) + r")"
                rf"(?P<region>\s+{REGION_WORDS}\b)?(?![\w])"
            )
            if ordered
            else None
        )

    @classmethod
    def from_csv(cls, path: Path) -> Gazetteer:
        rows: list[tuple[Place, tuple[str, ...]]] = []
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):

                def number(key: str, row: dict = row) -> float | None:
                    try:
                        return float(row.get(key) or "")
                    except ValueError:
                        return None

                pop = number("population")
                place = Place(
                    place=row["place"].strip(),
                    kind=row["kind"].strip(),
                    country=(row.get("country") or "").strip() or None,
                    lat=number("lat"),
                    lon=number("lon"),
                    population=int(pop) if pop else None,
                )
                aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
                aliases.add(place.place)
                rows.append((place, tuple(sorted(aliases))))
        return cls(rows)

    def lookup(self, name: str, prefer: str | None = None) -> Place | None:
        """The best place for an alias: a region when ``prefer='region'``, else the most likely reading."""
        candidates = self.by_alias.get(name) or self.canonical.get(name) or []
        if not candidates:
            return None
        if prefer:
            preferred = [p for p in candidates if p.kind == prefer]
            if preferred:
                candidates = preferred
        kind_rank = {"country": 0, "region": 1, "city": 2}
        # Bare "Donetsk": the Ukrainian city of 900k, never a small namesake; countries beat cities.
        return sorted(candidates, key=lambda p: (kind_rank.get(p.kind, 3), -(p.population or 0)))[0]

    def find(self, text: str, blocked: list[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Place mentions in ``text``; spans overlapping ``blocked`` (outlet names...) are skipped."""
        if not self._regex:
            return []
        found: list[PlaceMention] = []
        for match in self._regex.finditer(text):
            start, end = match.start("name"), match.end()
            if any(not (end <= s or start >= e) for s, e in blocked):
                continue
            name = match.group("name")
            prefer = "region" if match.group("region") else None
            place = self.lookup(name, prefer)
            if place is None:
                continue
            found.append(PlaceMention(start, end, text[start:end], place))
        return found


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer.from_csv(paths.GAZETTEER_PATH)


# ------------------------------------------------------------------------------------------ spaCy component

from dataclasses import asdict  # noqa: E402

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


@dataclass
class PlaceRecord:
    """One place named in one article (a row of the places table)."""

    doc_id: str
    place: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: int
    first_start: int
    first_end: int
    surface_forms: str


def extract_places(
    text: str, doc_id: str = "", gazetteer: Gazetteer | None = None, blocked: list[tuple[int, int]] | None = None
) -> list[PlaceRecord]:
    """Every gazetteer place in ``text`` with its mention count; outlet names are blocked out."""
    gazetteer = gazetteer or default_gazetteer()
    if blocked is None:
        from workbench.actors import default_registry

        registry = default_registry()
        # outlets ("Kyiv Independent") and people ("Vladimir Putin") are not places
        blocked = [(s, e) for s, e, actor in registry.find_in(text) if actor.kind in {"media", "person"}]
        blocked += _first_names(text, registry)
    grouped: dict[str, list[PlaceMention]] = {}
    for mention in gazetteer.find(text, blocked) + _named_settlements(text, gazetteer):
        grouped.setdefault(mention.place.place, []).append(mention)
    records = []
    for name, mentions in grouped.items():
        kinds = [m.place.kind for m in mentions]
        kind = max(set(kinds), key=lambda k: (kinds.count(k), k == "region"))
        place = next(m.place for m in mentions if m.place.kind == kind)
        records.append(
            PlaceRecord(
                doc_id=doc_id,
                place=name,
                kind=kind,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
                mentions=len(mentions),
                first_start=mentions[0].start,
                first_end=mentions[0].end,
                surface_forms="|".join(sorted({m.text for m in mentions})),
            )
        )
    return sorted(records, key=lambda r: (r.first_start, r.place))


def _first_names(text: str, registry: ActorRegistry) -> list[tuple[int, int]]:
    """Capitalised words right before a known person's surname: "[Vladimir] Putin" names a man, not a city."""
    pattern = _surname_pattern(registry)
    if pattern is None:
        return []
    return [(m.start("first"), m.end("first")) for m in pattern.finditer(text)]


@cache
def _surname_pattern(registry: ActorRegistry) -> re.Pattern[str] | None:
    gazetteer = default_gazetteer()
    surnames = {
        words[-1]
        for actor in registry.actors
        if actor.kind == "person"
        for words in (name.split() for name in (actor.canonical, *actor.aliases))
        # a personal name ("Vladimir Putin"), not a role ("leader of North Korea") nor a place-final title
        if len(words) > 1
        and all(w[:1].isupper() for w in words)
        and len(words[-1]) > 2
        and gazetteer.lookup(words[-1]) is None
    }
    if not surnames:
        return None
    alternation = trie_alternation(sorted(surnames, key=len, reverse=True))
    return re.compile(r"(?P<first>(?<![\w\-])[A-Z][a-z]+)[\])]?\s+(?:" + alternation + r")(?![\w\-])")


_SETTLEMENT = re.compile(
    r"\b(?:village|villages|town|settlement|hamlet|city|district)\s+of\s+"
    r"(?P<name>[A-Z][a-zà-ÿ'’]+(?:[ \-][A-Z][a-zà-ÿ'’]+)?)"
)


def _named_settlements(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """ "the village of Plekhovo": front-line places too small for the gazetteer, kept without coordinates."""
    found = []
    for match in _SETTLEMENT.finditer(text):
        name = match.group("name")
        if gazetteer.lookup(name) is not None:
            continue  # the gazetteer already geocodes it
        place = Place(place=name, kind="city", country=None, lat=None, lon=None)
        found.append(PlaceMention(match.start("name"), match.end("name"), name, place))
    # later bare mentions of the same settlement ("fighting around Plekhovo") count too
    names = {m.text for m in found}
    for name in names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(m.start == match.start() for m in found):
                found.append(PlaceMention(match.start(), match.end(), name, Place(name, "city", None, None, None)))
    return sorted(found, key=lambda m: m.start)


@Language.factory("workbench_places")
def make_places_component(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    """spaCy component: ``doc._.places`` = list of PlaceRecord."""

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("places"):
            Doc.set_extension("places", default=None)
        doc._.places = extract_places(doc.text, doc.user_data.get("doc_id", ""))
        return doc


def records_to_dicts(records: list[PlaceRecord]) -> list[dict]:
    return [asdict(r) for r in records]
