"""A synthetic corpus for the benchmarks: N unique news articles about North Korean troops in Russia.

Every article is built from templates with a seeded RNG (article i of seed s is always the same text, and no two
articles are equal, so no cache helps): a headline, a lead with a personnel figure, then paragraphs of attributed
figures, reactions and stances, quotes and background, with names from ``data/actors.csv`` and places from
``data/gazetteer.csv``. The mix follows the seeds: about one sentence in six holds a personnel figure, about a
third attribute something to a speaker, and the rest is background; about 600 words per article.

    python -m bench.corpus 1000 /tmp/corpus          # writes /tmp/corpus/art_000000.txt ...
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

MONTHS = ["October", "November", "December", "January"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TROOPS = ["troops", "soldiers", "military personnel", "servicemen", "special forces troops", "infantry troops"]
QUALIFIERS = ["", "", "about ", "more than ", "at least ", "up to ", "nearly ", "some ", "an estimated "]
VAGUE = ["thousands of", "several thousand", "hundreds of", "tens of thousands of"]
SENT_VERBS = [
    "had been sent to",
    "had been deployed to",
    "had arrived in",
    "were stationed in",
    "had been moved to",
    "were being trained in",
    "were fighting in",
    "would be sent to",
]
CASUALTY = ["killed or wounded", "killed", "wounded", "captured"]
SPEECH = [
    "said",
    "told reporters",
    "said in a statement",
    "said on {day}",
    "told lawmakers",
    "said in a briefing",
    "estimated",
    "reported",
]
STANCES = [
    "{actor} denied the reports, calling them {dismissal}.",
    "{actor} dismissed the claims as {dismissal}.",
    "{actor} said it could not independently confirm the reports about North Korean troops.",
    "{actor} declined to confirm whether North Korean soldiers were in {place}.",
    "{actor} said it was highly likely that more North Korean troops would follow.",
    "{actor} confirmed that North Korean soldiers were in {place}, citing intelligence reports.",
]
DISMISSALS = ["baseless rumours", "fake news", "groundless", "a provocation", "propaganda", "nonsense"]
QUOTES = [
    '"We are watching the situation in {place} very closely," {person} said.',
    '"This is a dangerous escalation of the war," {person} told {media}.',
    "{person} told {media} that the deployment showed how isolated {country} had become.",
    "{person} said the {adj} arrangement would be discussed with allies on {day}.",
    "{person} warned that the cooperation could spread to {place} and beyond.",
    "In a post on social media, {person} wrote that the allies needed a {adj} response.",
]
BACKGROUND = [
    "The {region} has seen heavy fighting since the summer, with both sides trading artillery fire across the "
    "{adj} front.",
    "Long columns of trucks were seen on the road between {place} and {place2} in the early hours of {day}.",
    "Residents of {place} queued at petrol stations, and some shops had run out of bread.",
    "The border crossing near {place} was closed for most of the week because of drone attacks.",
    "Much of the {adj} countryside around {place} is flat farmland, cut by rivers and small forests.",
    "Winter usually slows the pace of operations, as mud and snow make the roads around {place} hard to use.",
    "Satellite images of a training ground outside {place} showed rows of new tents and parked vehicles.",
    "Pyongyang and Moscow signed a mutual defence treaty in June, and the two governments have since grown closer.",
    "The treaty obliges each side to come to the aid of the other if it is attacked.",
    "Analysts have long questioned how well the North Korean army, which has not fought a war in decades, would adapt.",
    "Power went out across {place} after an overnight strike on a substation.",
    "The fighting has displaced tens of thousands of people from villages near {place}.",
    "Rail links between the {region} and the rest of the country were repaired within days.",
    "Local officials in {place} urged families with children to leave the area before the winter.",
    "Shelling damaged a school and a hospital on the outskirts of {place} on {day} night.",
    "The front line in the {region} has barely moved in recent weeks despite repeated assaults.",
    "Temperatures near {place} dropped below freezing, and heavy fog limited the use of drones.",
    "Ukraine launched a surprise incursion into the Kursk region in August and still holds part of it.",
    "Prices for food and fuel have risen sharply in {place} since the start of the year.",
    "A new pontoon bridge was built across the river south of {place} after the old one was destroyed.",
]
HEADINGS = [
    "What we know",
    "Reaction from {country}",
    "Background",
    "On the ground in {place}",
    "Analysis",
    "The numbers",
    "What comes next",
    "Diplomatic fallout",
]
BOILER = [
    "Share this article",
    "Follow us on Telegram for the latest updates",
    "Read more: {place} under fire",
    "Sign up for our daily newsletter",
]
ADJ = ["uneasy", "new", "long", "fragile", "wider", "narrow", "northern", "southern", "eastern", "secret", "joint"]


@dataclass
class Names:
    people: list[str]
    bodies: list[str]
    media: list[str]
    countries: list[str]
    places: list[str]
    regions: list[str]


def load_names() -> Names:
    people, bodies, media = [], [], []
    with open(DATA / "actors.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["canonical"].strip()
            kind = row["kind"].strip()
            if kind == "person" and " " in name and not name.lower().startswith(("south korea", "the ")):
                people.append(name)
            elif kind == "organization":
                bodies.append(name)
            elif kind == "media":
                media.append(name)
    places, regions = [], []
    with open(DATA / "gazetteer.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("country") in {"Russia", "Ukraine"}:
                (regions if row["kind"] == "region" else places).append(row["place"].strip())
    bodies = [b for b in bodies if not b.startswith(("South Korea ", "Ukraine ", "US ", "Russian ", "Japan "))] + [
        "South Korea's National Intelligence Service",
        "Ukraine's military intelligence agency",
        "the Pentagon",
        "the Kremlin",
        "South Korea's Joint Chiefs of Staff",
        "Ukraine's General Staff",
    ]
    countries = ["South Korea", "Ukraine", "the United States", "Russia", "North Korea", "Japan", "Germany", "NATO"]
    return Names(people[:80], bodies, media[:40], countries, places[:300], regions[:60] or ["Kursk region"])


class ArticleWriter:
    """Writes article ``i`` of a corpus: deterministic in (seed, i)."""

    def __init__(self, names: Names, seed: int = 7, words: int = 600):
        self.names = names
        self.seed = seed
        self.words = words

    def _fill(self, rng: random.Random, template: str) -> str:
        n = self.names
        place, place2 = rng.sample(n.places, 2)
        region = rng.choice(n.regions)
        region = region if region.lower().endswith(("region", "oblast", "krai")) else f"{region} region"
        return template.format(
            place=place,
            place2=place2,
            region=region,
            day=rng.choice(DAYS),
            month=rng.choice(MONTHS),
            person=rng.choice(n.people),
            actor=rng.choice(n.bodies + n.countries),
            media=rng.choice(n.media),
            country=rng.choice(n.countries),
            adj=rng.choice(ADJ),
            dismissal=rng.choice(DISMISSALS),
        )

    def _figure(self, rng: random.Random) -> str:
        if rng.random() < 0.12:
            number = rng.choice(VAGUE)
            troops = rng.choice(["North Korean troops", "North Korean soldiers"])
            phrase = f"{number} {troops}"
        else:
            value = rng.choice([rng.randrange(100, 1000, 50), rng.randrange(1000, 15000, 100), rng.randrange(10, 100)])
            phrase = f"{rng.choice(QUALIFIERS)}{value:,} North Korean {rng.choice(TROOPS)}"
        source = rng.choice(self.names.bodies + self.names.people)
        place = rng.choice(self.names.places)
        form = rng.random()
        if form < 0.35:
            said = rng.choice(SPEECH).format(day=rng.choice(DAYS))
            return f"{source} {said} that {phrase} {rng.choice(SENT_VERBS)} {place}."
        if form < 0.6:
            return f"According to {source}, {phrase} {rng.choice(SENT_VERBS)} {place} by early {rng.choice(MONTHS)}."
        if form < 0.8:
            return (
                f"{phrase[0].upper()}{phrase[1:]} have been {rng.choice(CASUALTY)} in the fighting near {place}, "
                f"{source} said."
            )
        return (
            f"{source} estimated that {phrase} were taking part in operations in the {place} area, up from "
            f"{rng.randrange(1000, 5000, 100):,} a month earlier."
        )

    def _paragraph(self, rng: random.Random, kind: str) -> list[str]:
        if kind == "claim":
            return [self._figure(rng)] + ([self._fill(rng, rng.choice(QUOTES))] if rng.random() < 0.4 else [])
        if kind == "reaction":
            return [self._fill(rng, rng.choice(STANCES))] + (
                [self._fill(rng, rng.choice(QUOTES))] if rng.random() < 0.5 else []
            )
        if kind == "quote":
            return [self._fill(rng, rng.choice(QUOTES)) for _ in range(rng.choice([1, 2]))]
        count = rng.choice([2, 3, 3, 4])
        return [self._fill(rng, t) for t in rng.sample(BACKGROUND, count)]

    def article(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:{i}")
        n = self.names
        headline = rng.choice(
            [
                f"{rng.choice(n.countries).replace('the ', '').title()} says North Korean troops are in "
                f"{rng.choice(n.places)}",
                f"North Korean soldiers seen near {rng.choice(n.places)}, officials say",
                f"{rng.randrange(1000, 12000, 500):,} North Korean troops sent to Russia, report says",
                "Allies weigh response as North Korea deepens ties with Moscow",
            ]
        )
        lines = [headline, ""]
        words = 0
        paragraphs = [[self._figure(rng), self._fill(rng, rng.choice(QUOTES))]]
        kinds = ["claim", "claim", "reaction", "quote", "background", "background", "background"]
        while words < self.words:
            if rng.random() < 0.08:
                paragraphs.append([self._fill(rng, rng.choice(HEADINGS))])
            paragraph = self._paragraph(rng, rng.choice(kinds))
            paragraphs.append(paragraph)
            words = sum(len(s.split()) for p in paragraphs for s in p)
        if rng.random() < 0.5:
            paragraphs.append([self._fill(rng, rng.choice(BOILER))])
        surname = rng.choice(["Lee", "Park", "Smith", "Novak", "Kovalenko"])
        paragraphs.append(
            [f"Reporting by {rng.choice(n.people).split()[0]} {surname}; article {i} of corpus {self.seed}."]
        )
        for paragraph in paragraphs:
            lines.append(" ".join(paragraph))
            lines.append("")
        return "\n".join(lines)


def iter_articles(n: int, seed: int = 7, words: int = 600) -> Iterator[tuple[str, str]]:
    """(file name, text) for articles 0..n-1."""
    writer = ArticleWriter(load_names(), seed=seed, words=words)
    seen: set[str] = set()
    for i in range(n):
        text = writer.article(i)
        digest = hashlib.sha256(text.encode()).hexdigest()
        assert digest not in seen, f"article {i} repeats an earlier one"
        seen.add(digest)
        yield f"art_{seed}_{i:06d}.txt", text


def write_corpus(n: int, out: Path, seed: int = 7, words: int = 600) -> Path:
    """Write ``n`` articles to ``out`` (created; existing article files are kept when identical)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in iter_articles(n, seed=seed, words=words):
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=600, help="target words per article")
    args = parser.parse_args(argv)
    write_corpus(args.n, args.out, seed=args.seed, words=args.words)
    print(f"{args.n} articles in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
