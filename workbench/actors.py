"""The actor registry: canonical names, aliases, types and countries for the people and bodies who speak.

Mentions resolve in three steps: a registry alias inside the mention ("U.S. Defense Secretary Lloyd Austin"
-> Lloyd Austin), a country plus a role ("South Korea's spy agency" -> South Korea NIS, "Germany's foreign
ministry" -> Germany Foreign Ministry), and otherwise the mention itself, typed from its head noun ("a senior
U.S. official" -> anonymous, United States). Unknown speakers are kept, never dropped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workbench import paths
from workbench.textsearch import trie_alternation


@dataclass(frozen=True)
class Actor:
    canonical: str
    kind: str  # person | organization | media | country
    type: str  # intelligence | government | military | lawmaker | media | alliance | anonymous | ...
    country: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A resolved speaker: what the ledger's source columns hold."""

    name: str
    mention: str
    type: str | None
    country: str | None
    kind: str = "unknown"  # person | organization | media | country | anonymous | unknown
    known: bool = False


# Nationality words and metonyms -> the country (or body) they speak for.
NATIONALITY = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "u.s": "United States",
    "usa": "United States",
    "washington": "United States",
    "america": "United States",
    "united states": "United States",
    "pentagon": "United States",
    "white house": "United States",
    "south korean": "South Korea",
    "south korea": "South Korea",
    "seoul": "South Korea",
    "korean": "South Korea",
    "north korean": "North Korea",
    "north korea": "North Korea",
    "pyongyang": "North Korea",
    "dprk": "North Korea",
    "ukrainian": "Ukraine",
    "ukraine": "Ukraine",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "russian": "Russia",
    "russia": "Russia",
    "moscow": "Russia",
    "kremlin": "Russia",
    "belarusian": "Belarus",
    "belarus": "Belarus",
    "minsk": "Belarus",
    "german": "Germany",
    "germany": "Germany",
    "berlin": "Germany",
    "japanese": "Japan",
    "japan": "Japan",
    "tokyo": "Japan",
    "chinese": "China",
    "china": "China",
    "beijing": "China",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "london": "United Kingdom",
    "britain": "United Kingdom",
    "french": "France",
    "france": "France",
    "paris": "France",
    "polish": "Poland",
    "poland": "Poland",
    "nato": "NATO",
    "alliance": "NATO",
    "eu": "European Union",
    "european union": "European Union",
    "brussels": None,
    "western": None,
    "european": "European Union",
}

ROLE_TYPES = [
    # (regex over the lower-cased mention, source type); first hit wins.
    (r"\b(?:spy|intelligence|nis|hur|gur|directorate|spook)\b", "intelligence"),
    (
        r"\b(?:lawmakers?|legislators?|mps?|parliamentarians?|senators?|congress(?:man|woman|men)?|rep\.|"
        r"representative|assembly|committee)\b",
        "lawmaker",
    ),
    (
        r"\b(?:report|reports|newspaper|paper|daily|channel|outlet|broadcaster|news agency|magazine|website|"
        r"blog|tv|television|radio|media|post|times|journal|news|wire|telegram|shimbun|ilbo|sinmun|herald|gazette|"
        r"tribune|telegraph|chronicle|pravda|izvestia)\b",
        "media",
    ),
    (r"\b(?:nato|alliance)\b", "alliance"),
    (
        r"\b(?:general|commander|army|military|armed forces|joint chiefs|colonel|admiral|troops|defen[cs]e forces|"
        r"general staff)\b",
        "military",
    ),
    (r"\b(?:think tank|institute|analysts?|experts?|researchers?|professor|scholar)\b", "expert"),
    (
        r"\b(?:president|minister|ministry|secretary|spokes(?:man|woman|person)|government|official|officials|"
        r"office|department|ambassador|embassy|mission|kremlin|white house|pentagon|administration|envoy|"
        r"adviser|advisor|cabinet|state department)\b",
        "government",
    ),
]

ANONYMOUS_HEADS = {
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "source",
    "sources",
    "person",
    "people",
    "insider",
    "insiders",
    "officer",
    "officers",
    "aide",
    "aides",
}
# Heads of a group that speaks for itself, whichever body or country its modifiers name.
VOICE_HEADS = frozenset(
    "blogger bloggers analyst analysts expert experts commentator commentators journalist journalists "
    "correspondent correspondents observer observers researcher researchers".split()
)
MEDIA_HEADS = {
    "report",
    "reports",
    "newspaper",
    "channel",
    "outlet",
    "broadcaster",
    "daily",
    "magazine",
    "website",
    "blog",
    "paper",
    "media",
    "agency",
    "tabloid",
    "wire",
}
_DETERMINERS = re.compile(r"^(?:a|an|the|some|several|two|three|one|another|other)\s+", re.IGNORECASE)


def norm(text: str) -> str:
    """Comparison form: lower case, curly quotes straightened, spaces folded."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def same_length_norm(text: str) -> str:
    """Like norm() but character-for-character, so match offsets still index the original text."""
    table = str.maketrans({"’": "'", "‘": "'", "‐": "-", "–": "-", "\n": " ", "\t": " ", "\r": " "})
    return text.translate(table).lower()


def strip_determiner(text: str) -> str:
    text = text.strip().strip("\"“”‘’'(),;:").strip()
    text = re.sub(r"(?:'s|’s)$", "", text)
    return _DETERMINERS.sub("", text).strip()


def country_in(text: str) -> str | None:
    """The first nationality word or country name in ``text`` -> the country it speaks for."""
    lowered = norm(text)
    best: tuple[int, str | None] | None = None
    for word, country in NATIONALITY.items():
        match = re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])", lowered)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), country)
    return best[1] if best else None


def role_type(text: str) -> str | None:
    lowered = norm(text)
    for pattern, kind in ROLE_TYPES:
        if re.search(pattern, lowered):
            return kind
    return None


class ActorRegistry:
    """Canonical actors loaded from ``data/actors.csv`` (canonical, aliases, kind, type, country, notes)."""

    def __init__(self, actors: list[Actor]):
        self.actors = actors
        self._by_alias: dict[str, Actor] = {}
        for actor in actors:
            for alias in (actor.canonical, *actor.aliases):
                self._by_alias.setdefault(norm(alias), actor)
        # Longest aliases first so "Washington Post" wins over "Washington"; the trie keeps that order and is fast.
        self._alias_patterns = sorted(self._by_alias, key=len, reverse=True)
        self._alias_regex = (
            re.compile(r"(?<![\w])(?:" + trie_alternation(self._alias_patterns) + r")(?![\w\-])")
            if self._alias_patterns
            else None
        )

    @classmethod
    def from_csv(cls, path: Path) -> ActorRegistry:
        actors: list[Actor] = []
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if not row.get("canonical"):
                    continue
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                actors.append(
                    Actor(
                        canonical=row["canonical"].strip(),
                        kind=(row.get("kind") or "organization").strip(),
                        type=(row.get("type") or "").strip() or "government",
                        country=(row.get("country") or "").strip() or None,
                        aliases=aliases,
                    )
                )
        return cls(actors)

    def get(self, alias: str) -> Actor | None:
        return self._by_alias.get(norm(alias))

    def aliases_of(self, kinds: set[str]) -> list[str]:
        return sorted({a for actor in self.actors if actor.kind in kinds for a in (actor.canonical, *actor.aliases)})

    def find_in(self, text: str) -> list[tuple[int, int, Actor]]:
        """Registry aliases inside ``text`` as (start, end, actor), longest-first and non-overlapping.

        Offsets index ``text`` itself (the comparison form keeps every character in place).
        """
        if not self._alias_regex:
            return []
        lowered = same_length_norm(text)
        return [(m.start(), m.end(), self._by_alias[m.group(0)]) for m in self._alias_regex.finditer(lowered)]

    def _body_of(self, country: str, is_it: Callable[[Actor], bool]) -> Actor | None:
        """The first organization of ``country`` in the registry that ``is_it``."""
        return next((a for a in self.actors if a.kind == "organization" and a.country == country and is_it(a)), None)

    def intelligence_of(self, country: str) -> Actor | None:
        return self._body_of(country, lambda actor: actor.type == "intelligence")

    def defence_ministry_of(self, country: str) -> Actor | None:
        """The country's defence ministry, for a bare "Ministry of Defence" after one of its ministers spoke."""
        return self._body_of(country, lambda actor: "ministry" in (n := actor.canonical.lower()) and "defen" in n)

    def resolve(self, mention: str, *, head: str | None = None, is_person: bool = False) -> Source:
        """Turn a speaker mention into a Source. ``head`` is the mention's head noun when known."""
        # Korean usage: "the South's spy agency", "the North's military" name the two states
        mention = re.sub(r"^(?:[Tt]he\s+)?(South|North)(?='s\b|’s\b)", r"\1 Korea", mention.strip())
        # wire headline style: "S. Korea's spy agency", "N. Korean troops"
        mention = re.sub(r"\b([SN])\.\s?(?=Korea)", lambda m: "South " if m.group(1) == "S" else "North ", mention)
        clean = strip_determiner(mention)
        lowered = norm(clean)
        head_l = (head or (lowered.split()[-1] if lowered else "")).lower()
        # "a pro-Kremlin blog", "anti-Kyiv channels": the name only colours the speaker
        hits = [h for h in self.find_in(clean) if not re.search(r"(?i)\b(?:pro|anti)-$", clean[: h[0]])]
        rank = {"person": 0, "media": 1, "organization": 2, "country": 3}
        anonymous_head = head_l in ANONYMOUS_HEADS and not is_person
        if len({h[2].canonical for h in hits}) > 1 and not re.sub(
            r"(?i)\b(?:and|both|the)\b|[,&\s]", "", "".join(clean[a:b] for a, b in _gaps(hits, len(clean)))
        ):
            # "Seoul and Kyiv say ...": a joint claim keeps both names as written
            first = min(hits, key=lambda h: h[0])[2]
            return Source(clean, mention.strip(), first.type, first.country, first.kind)
        embassy = re.match(r"(?i)(.*?)\bembass(?:y|ies)\b", clean)
        if embassy and not any(h[2].kind != "country" for h in hits) and (owner := country_in(embassy.group(1))):
            # "the Russian Embassy in Japan": Russia's mission, named as written (not Japan's)
            return Source(clean, mention.strip(), "government", owner, "organization")
        if hits:
            hits.sort(key=lambda h: (rank.get(h[2].kind, 4), -(h[1] - h[0])))
            if len({h[2].canonical for h in hits if h[2].kind == "person"}) > 1:
                # "former NATO Secretary General Jens Stoltenberg": a role alias and a name; the name heads the phrase
                hits.sort(key=lambda h: (rank.get(h[2].kind, 4), -h[1]))
            start, end, actor = hits[0]
            if start == 0 and end == len(clean):
                return self._source(actor, mention)  # the whole mention is an alias ("North Korean government")
            covers_head = head_l in lowered[start:end] if head_l else True
            if anonymous_head and not covers_head and actor.kind != "person":
                # "Ukrainian military sources": named body, anonymous voice
                return Source(clean, mention.strip(), "anonymous", actor.country, "anonymous")
            if head_l in VOICE_HEADS and not covers_head and actor.kind != "person":
                # "Ukrainian military bloggers", "analysts in Seoul": the name only says whose; kept as written
                return Source(clean, mention.strip(), role_type(clean), actor.country, "organization")
            # "a senior U.S. official" names a country but speaks anonymously; "Washington Post report" is media.
            if not (actor.kind == "country" and (anonymous_head or head_l in MEDIA_HEADS)):
                if actor.kind == "country":
                    role = role_type(clean)
                    if role == "intelligence" and (intel := self.intelligence_of(actor.country or "")):
                        return self._source(intel, mention)
                    if (
                        role
                        and role not in ("media",)
                        and head_l not in {actor.canonical.lower()}
                        and len(lowered.split()) > len(norm(actor.canonical).split())
                    ):
                        # "South Korean government" -> "South Korea Government": the nationality word is the country
                        name = f"{actor.canonical} {_role_phrase(clean[:start] + clean[end:])}".strip()
                        return Source(name, mention.strip(), role, actor.country, "organization")
                    if not role and (body := _named_body(clean, end)):
                        # "Ukraine's Center for Strategic Communications": a body the registry lacks, not Ukraine
                        return Source(body, mention.strip(), "government", actor.country, "organization")
                return self._source(actor, mention)
        country = country_in(clean)
        role = role_type(clean)
        if anonymous_head:  # "a Ukrainian intelligence officer" speaks for himself, not for the agency
            return Source(clean, mention.strip(), "anonymous", country, "anonymous")
        if role == "intelligence" and country and (intel := self.intelligence_of(country)):
            return self._source(intel, mention)
        if (head_l in MEDIA_HEADS and role != "intelligence") or role == "media":  # a spy agency is no news agency
            name = re.sub(r"\s+(?:report|reports)$", "", clean)
            return Source(name, mention.strip(), "media", "media", "media")
        kind = "person" if is_person else "organization"
        return Source(clean, mention.strip(), role or ("government" if country else None), country, kind)

    @staticmethod
    def _source(actor: Actor, mention: str) -> Source:
        return Source(actor.canonical, mention.strip(), actor.type, actor.country, actor.kind, known=True)


def _gaps(hits: list[tuple[int, int, Actor]], length: int) -> list[tuple[int, int]]:
    """The stretches of a mention between (and around) its registry hits."""
    gaps, cursor = [], 0
    for start, end, _actor in sorted(hits, key=lambda h: h[0]):
        gaps.append((cursor, start))
        cursor = max(cursor, end)
    return [*gaps, (cursor, length)]


def _named_body(text: str, country_end: int) -> str | None:
    """The proper name after a country's possessive ("Ukraine's Center for X" -> "Center for X"), else None."""
    rest = re.sub(r"^(?:'s|’s)?\s+", "", text[country_end:])
    words = rest.split()
    if words and words[0].lower() in {"and", "or", "&"}:
        return None  # "Seoul and Kyiv": a second actor, not a body of the first
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in {"for", "of", "and", "the", "on"} for w in words):
        return None
    return rest if words[-1][:1].isupper() else None


def _role_phrase(text: str) -> str:
    """ "South Korea's Foreign Minister" -> "Foreign Minister", "South Korea's military" -> "Military"."""
    words = re.sub(r"^.*?(?:'s|’s)\s+", "", text).split()
    while words and words[-1].lower() in {"in", "of", "from", "at", "the", "for"}:
        words.pop()  # "analysts in" once "Seoul" is taken out
    kept = [w for w in words if w[:1].isupper() or w.lower() in {"of"}]
    return " ".join(kept) if kept else " ".join(w.capitalize() for w in words)


@cache
def default_registry() -> ActorRegistry:
    """The registry shipped in ``data/actors.csv`` (loaded once per process)."""
    return ActorRegistry.from_csv(paths.ACTORS_PATH)
