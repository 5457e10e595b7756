"""Named entities only where the extractors read them: the ``workbench_entities`` component.

The model's entity recognizer is the most expensive component of ``en_core_web_sm`` (about 40% of its run
time), yet the extractors read entity labels in two places only: PERSON, to tell a named speaker from an
organisation, and DATE/TIME, for the time of a figure. So the recognizer runs sentence by sentence, and only on
sentences that can use it (:func:`needs_entities`): those with a figure and a time word (a month, a weekday,
"last week", a year), and those with a proper noun that neither the gazetteer nor the actor registry knows (nor
the calendar, "Friday", nor a nationality, "North Korean"). In the other sentences the people of the actor
registry are marked PERSON by rule, and every other token is outside any entity.

Each chosen sentence is recognised on its own (as a standalone Doc), so the result depends on the sentence alone:
the fast path (see ``engines.py``), which parses an article in pieces, gets exactly the entities of a whole-text
run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from workbench.actors import ActorRegistry, default_registry
from workbench.doc_pieces import TokenTable
from workbench.numbers import find_figures
from workbench.places import Gazetteer, default_gazetteer

_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# What a DATE or TIME entity is made of: calendar words and their abbreviations, relative times, years.
_TIME_CUE = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(_CALENDAR)) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
    r"today|tonight|yesterday|tomorrow|ago|"
    r"(?:minute|hour|day|night|week|weekend|fortnight|month|year|decade|spring|summer|autumn|fall|winter"
    r"|morning|afternoon|evening)s?)\b|\b(?:1[89]|20)\d\d\b"
)
# Nationality words the tagger calls proper nouns: the recognizer would only call them NORP, which no one reads.
_NATIONALITIES = frozenset(
    "north south korean koreans russian russians ukrainian ukrainians american americans chinese japanese "
    "european europeans western belarusian belarusians british german germans french polish estonian "
    "latvian lithuanian finnish swedish dutch italian turkish iranian soviet allied".split()
)


class DocFacts:
    """What :func:`needs_entities` reads, found once per Doc: known names (gazetteer and registry) and proper nouns."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, registry: ActorRegistry):
        self.text = doc.text
        hits = registry.find_in(self.text)
        self.known = [(m.start, m.end) for m in gazetteer.find(self.text)] + [(s, e) for s, e, _a in hits]
        self.people = [(s, e) for s, e, actor in hits if actor.kind == "person"]
        pos = doc.to_array([POS]).reshape(-1) if len(doc) else numpy.zeros(0, dtype="uint64")
        self.proper = numpy.flatnonzero(pos == PROPN)
        self.tokens = TokenTable(doc, self.text)
        self.doc = doc


def needs_entities(sent: Span, facts: DocFacts) -> bool:
    """Can the extractors use entity labels in ``sent``? A figure with a time word, or an unknown proper noun."""
    text = facts.text[sent.start_char : sent.end_char]
    if not text.strip():
        return False
    if _TIME_CUE.search(text) and next(iter(find_figures(text)), None) is not None:
        return True
    lo, hi = numpy.searchsorted(facts.proper, [sent.start, sent.end])
    for i in facts.proper[lo:hi].tolist():
        token = facts.doc[i]
        if token.lower_ in _CALENDAR or token.lower_ in _NATIONALITIES:
            continue
        if not any(s <= token.idx < e for s, e in facts.known):
            return True
    return False


def registry_people(sent: Span, facts: DocFacts) -> list[Span]:
    """The registry's people named in ``sent``, as PERSON spans (token-aligned, inside the sentence)."""
    spans = []
    for start, end in facts.people:
        if sent.start_char <= start and end <= sent.end_char:
            span = facts.doc.char_span(start, end, label="PERSON", alignment_mode="contract")
            if span is not None and len(span):
                spans.append(span)
    return spans


class EntityRecognizer:
    """spaCy component: the model's recognizer, run on the sentences that need it (see the module docstring)."""

    def __init__(self, nlp: Language, source: str = "ner", batch_size: int = 256):
        self.nlp = nlp
        self.source = source
        self.batch_size = batch_size
        self._gazetteer: Gazetteer | None = None
        self._registry: ActorRegistry | None = None

    def _plan(self, doc: Doc) -> tuple[DocFacts, list[Span], list[Span]]:
        """The Doc's facts, the sentences to recognise, and the rule-based PERSON spans of the others."""
        if self._gazetteer is None or self._registry is None:
            self._gazetteer, self._registry = default_gazetteer(), default_registry()
        facts = DocFacts(doc, self._gazetteer, self._registry)
        chosen, people = [], []
        for sent in doc.sents:
            if needs_entities(sent, facts):
                chosen.append(sent)
            else:
                people += registry_people(sent, facts)
        return facts, chosen, people

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """Recognise the chosen sentences of all ``docs`` in one batch, then write each Doc's entities."""
        docs = list(docs)
        plans = [self._plan(doc) for doc in docs]
        pieces = [
            facts.tokens.piece(doc.vocab, sent.start, sent.end)
            for doc, (facts, sents, _people) in zip(docs, plans, strict=True)
            for sent in sents
        ]
        recognizer = self.nlp.get_pipe(self.source)
        recognised = iter(list(recognizer.pipe(pieces, batch_size=self.batch_size)) if pieces else [])
        for doc, (_facts, sents, people) in zip(docs, plans, strict=True):
            if not len(doc):
                yield doc
                continue
            # IOB codes: 1 = inside, 2 = outside, 3 = begins; written as arrays (no Span objects per entity)
            ents = numpy.zeros((len(doc), 2), dtype="uint64")
            ents[:, 0] = 2
            person = doc.vocab.strings.add("PERSON")
            for span in people:
                ents[span.start, 0] = 3
                ents[span.start + 1 : span.end, 0] = 1
                ents[span.start : span.end, 1] = person
            for sent in sents:
                ents[sent.start : sent.end] = next(recognised).to_array([ENT_IOB, ENT_TYPE])
            doc.from_array([ENT_IOB, ENT_TYPE], ents)
            yield doc


@Language.factory("workbench_entities", default_config={"source": "ner"})
def make_entities_component(nlp: Language, name: str, source: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, source)
