"""Stances: who confirms, denies, cannot confirm, or expects North Korean troops in Russia / the war.

One record per actor and sentence. The cue decides the stance (dismissals such as "baseless rumours", "fake
news", "media fabrication" and "nonsense" are denials; "stopped short of confirming", "couldn't confirm" and
"no evidence" cannot confirm; "highly likely" expects); the actor comes from attribution, else from the
sentence's subject, else from the first actor named before the cue.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.actors import ActorRegistry, Source, default_registry
from workbench.attribution import SpeakerMemory, analyse

STANCES = ("confirms", "denies", "cannot_confirm", "expects")

DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:es|ed|ing)?|baseless|fake news|fabricat\w*|nonsense|unfounded|"
    r"groundless|rumou?rs?|provocation|slander\w*|hoax|disput(?:es|ed|ing)|reject(?:s|ed|ing)?|refut\w*|"
    r"lies\b|a lie\b|false (?:claims?|reports?)|mock(?:s|ed|ing)?|no one has seen|propaganda)\b", re.I)
CANNOT = re.compile(
    r"\b(?:(?:could|can|would|did|does|do)(?:n't|n’t| not)(?: yet)? (?:independently )?(?:confirm|verify)|"
    r"unable to (?:independently )?(?:confirm|verify)|cannot (?:yet )?(?:confirm|verify)|no evidence|"
    r"stopp(?:ed|ing) short of confirm\w*|not aware|declin(?:ed|es|ing) to (?:confirm|comment)|"
    r"no (?:information|indication|confirmation)|(?:is|are|remains?) unclear|uncertain|"
    r"if (?:the )?(?:reports?|this|that|it|these reports)\b.*\b(?:prove|proves|is|are)\b.*\b(?:true|accurate|correct)|"
    r"prove accurate|not (?:yet )?(?:confirmed|verified)|could not independently)\b", re.I)
EXPECT = re.compile(
    r"\b(?:highly likely|(?:is|are|was|were) likely|likely to|expect(?:s|ed|ing)?|will be (?:ready|deployed|sent)|"
    r"could be deployed|would send|anticipat\w*|poised to|possibility|by (?:november|december|january))\b", re.I)
CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|evidence|proof|sent|deployed|deploying|sending|transport\w*|arrived|stationed|"
    r"involvement|involved|transfer|are in russia|in russia|participation|escalation|fighting|training|"
    r"troops?|soldiers?|accus\w*|claim(?:s|ed|ing)?)\b", re.I)
TOPIC = re.compile(r"north korea|pyongyang|dprk|korean|troops?|soldiers?|deploy|involvement|the claims?|the story|"
                   r"the reports?|rumou?r|such a deployment|allegations?", re.I)
NEGATED_CONFIRM = re.compile(r"\b(?:not|n't|n’t|never|no)\b[^.]{0,25}\bconfirm", re.I)


@dataclass
class StanceRecord:
    doc_id: str
    actor: str
    actor_country: str | None
    stance: str
    sentence: str
    start_char: int
    end_char: int
    actor_type: str | None = None
    actor_mention: str | None = None
    cue: str | None = None


def classify(text: str) -> tuple[str, str] | None:
    """(stance, cue) for a sentence, or None when it takes no position."""
    if (m := DENY.search(text)) and not re.search(r"\bnot? den", text, re.I):
        return "denies", m.group(0)
    if (m := re.search(r"highly likely", text, re.I)):
        return "expects", m.group(0)
    if (m := CANNOT.search(text)):
        return "cannot_confirm", m.group(0)
    if (m := EXPECT.search(text)):
        return "expects", m.group(0)
    if (m := CONFIRM.search(text)) and not NEGATED_CONFIRM.search(text):
        return "confirms", m.group(0)
    return None


class StanceExtractor:
    def __init__(self, registry: ActorRegistry | None = None):
        self.registry = registry or default_registry()

    def _fallback_actor(self, sent: Span, cue_at: int) -> Source | None:
        """The sentence's grammatical subject if it is an actor, else the first actor named before the cue."""
        memory = SpeakerMemory()
        from workbench.attribution import Attributor

        attributor = Attributor(self.registry)
        for token in sent:
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT" and token.pos_ in {"PROPN", "NOUN"}:
                resolved = attributor.resolve_token(token, memory)
                if resolved and (resolved[0].known or resolved[0].kind in {"person", "anonymous", "media"}):
                    return resolved[0]
        prefix = sent.doc.text[sent.start_char:cue_at]
        hits = self.registry.find_in(prefix)
        hits = [h for h in hits if h[2].kind in {"person", "organization", "country", "media"}]
        if hits:
            start, end, _actor = hits[0]
            return self.registry.resolve(prefix[start:end])
        return None

    def __call__(self, doc: Doc, doc_id: str = "") -> list[StanceRecord]:
        records: list[StanceRecord] = []
        for info in analyse(doc, self.registry):
            if info.skip:
                continue
            sent = info.span
            text = sent.text
            if not TOPIC.search(text):
                continue
            found = classify(text)
            if found is None:
                continue
            stance, cue = found
            cue_at = sent.start_char + text.lower().find(cue.lower())
            actors: list[Source] = []
            speakers = info.speakers
            # a media outlet relaying a minister's words: the minister holds the stance
            if len(speakers) > 1 and speakers[0].source.kind == "media":
                speakers = speakers[1:] + speakers[:1]
            for speaker in speakers[:2]:
                actors.append(speaker.source)
                if speaker.source.kind != "media" and stance != "confirms":
                    break
            if not actors:
                fallback = self._fallback_actor(sent, cue_at)
                if fallback is not None:
                    actors.append(fallback)
            if not actors:
                continue
            seen: set[str] = set()
            for actor in actors[:1] if stance != "confirms" else actors[:2]:
                if actor.name in seen:
                    continue
                seen.add(actor.name)
                records.append(StanceRecord(
                    doc_id=doc_id, actor=actor.name, actor_country=actor.country, stance=stance,
                    sentence=text.strip(), start_char=sent.start_char, end_char=sent.end_char,
                    actor_type=actor.type, actor_mention=actor.mention, cue=cue,
                ))
        return records


@Language.factory("workbench_stances")
def make_stances_component(nlp: Language, name: str) -> StancesComponent:
    return StancesComponent()


class StancesComponent:
    """spaCy component: ``doc._.stances`` = list of StanceRecord."""

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("stances"):
            Doc.set_extension("stances", default=None)
        doc._.stances = StanceExtractor()(doc, doc.user_data.get("doc_id", ""))
        return doc


def records_to_dicts(records: list[StanceRecord]) -> list[dict]:
    return [asdict(r) for r in records]
