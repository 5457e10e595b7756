"""Who says it: reported speech, "according to", relays and pronouns carried across sentences.

News attributes mostly indirectly ("NIS said North Korea sent...", "according to...", "citing..."), often
after the content (", Kyiv's Defense Intelligence Directorate has said."), sometimes in the next sentence,
and then by pronoun ("He said...", "the agency added"). This module reads a parsed Doc sentence by sentence
and returns, for each sentence, the speakers it names, resolved to canonical actors with a memory of who
spoke last so pronouns resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from workbench.actors import ANONYMOUS_HEADS, ActorRegistry, Source, default_registry
from workbench.corpus import boilerplate_spans

SPEECH_VERBS = frozenset(
    """
say tell state claim clarify add note explain announce report confirm estimate believe assess warn write
reveal disclose indicate suggest insist stress emphasise emphasize comment quip accuse allege argue assert
predict inform brief testify acknowledge admit deny dismiss describe quote show find conclude reckon think
know continue respond reply tweet post publish mention observe agree dispute calculate count record detect
track identify verify declare maintain contend reject refute remark specify elaborate answer recount relay
convey signal hint concede put share urge caution affirm corroborate understand learn read speak project
forecast circulate offer expect anticipate fear cite
""".split()
)
# Verbs that are speech only with a clause ("maintains that ..."), not with an object ("maintains 1.2m troops").
CLAUSE_ONLY = frozenset(
    """
maintain show find know learn continue read share put understand record count track offer project circulate
detect identify
""".split()
)
NON_SPEAKERS = frozenset(
    """
move figure number total estimate deployment troop soldier data image photo footage video decision step
plan deal treaty pact war attack what this that toll loss count tally which
""".split()
)
# "a message from Ukraine's intelligence service": the speaker is whoever the message is from.
MESSAGE_NOUNS = frozenset(
    """
message statement letter leaflet post video appeal communique communiqué document briefing assessment readout
figure figures data estimate estimates report reports tally count information story claim
""".split()
)
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_THING = {"it", "they", "we", "i"}
ANAPHORS = {
    "agency": "intelligence",
    "service": "intelligence",
    "directorate": "intelligence",
    "official": "anonymous",
    "diplomat": "anonymous",
    "source": "anonymous",
    "officials": "anonymous",
    "minister": "person",
    "president": "person",
    "spokesman": "person",
    "spokeswoman": "person",
    "spokesperson": "person",
    "secretary": "person",
    "general": "person",
    "lawmaker": "person",
    "ministry": "organization",
    "government": "organization",
    "alliance": "alliance",
    "newspaper": "media",
    "report": "media",
    "outlet": "media",
    "broadcaster": "media",
    "channel": "media",
    "message": "any_thing",
    "statement": "any_thing",
    "chief": "person",
    "envoy": "person",
    "ambassador": "person",
    "commander": "person",
    "leader": "person",
}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass
class Speaker:
    """A speaker named (or implied) in one sentence."""

    source: Source
    start_char: int
    end_char: int
    cue: str  # the verb lemma, "according to", "citing", "based on", "agent", "carried"
    verb_i: int | None = None  # token index of the speech verb, when there is one
    via: Source | None = None
    reported_by: Source | None = None


@dataclass
class SentenceInfo:
    """One sentence of an article with the facts every extractor needs."""

    index: int
    span: Span
    paragraph: int
    heading: bool
    skip: bool  # boilerplate: page furniture, captions, footers
    caption: bool = False
    speakers: list[Speaker] = field(default_factory=list)


def _mention_span(token: Token) -> Span:
    """The noun phrase of a speaker: its left modifiers and compounds, without relative clauses.

    Appositions are kept ("Park Sun-won, a member of ... committee") because they type the speaker.
    """
    doc = token.doc
    keep_deps = {
        "compound",
        "amod",
        "det",
        "poss",
        "case",
        "nmod",
        "nummod",
        "punct",
        "appos",
        "prep",
        "pobj",
        "cc",
        "conj",
        "quantmod",
        "advmod",
        "npadvmod",
    }
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
            break
        if child.dep_ in keep_deps:
            right = max(right, child.right_edge.i)
    span = doc[left : right + 1]
    # Trim trailing punctuation and leading quotes.
    while len(span) > 1 and span[-1].is_punct:
        span = doc[span.start : span.end - 1]
    while len(span) > 1 and span[0].is_punct:
        span = doc[span.start + 1 : span.end]
    return span


def _name_span(token: Token) -> Span:
    """Just the name: the head and its compounds/left modifiers ("U.S. Defense Secretary Lloyd Austin")."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "det", "poss", "nmod", "case", "punct", "quantmod", "nummod"}:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in {"compound", "flat"} or (child.dep_ == "punct" and child.text == "-"):
            right = max(right, child.right_edge.i)
    span = doc[left : right + 1]
    while len(span) > 1 and (span[0].is_punct or span[0].dep_ == "det"):
        span = doc[span.start + 1 : span.end]
    return span


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (
        token.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in token.subtree)
    )


class SpeakerMemory:
    """Who spoke last, by kind, so "he", "it" and "the agency" resolve to an earlier speaker."""

    def __init__(self) -> None:
        self.history: list[Source] = []

    def remember(self, source: Source) -> None:
        self.history.append(source)

    def recall(self, wanted: str) -> Source | None:
        for source in reversed(self.history[-25:]):
            if wanted == "person" and source.kind == "person":
                return source
            if wanted == "human" and (
                source.kind == "person"
                or (source.kind == "anonymous" and not re.search(r"(?:sources|officials|people)$", source.name))
            ):
                return source
            if wanted == "alliance" and (source.type == "alliance" or source.name == "NATO"):
                return source
            if wanted == "anonymous" and source.kind == "anonymous":
                return source
            if wanted == "anonymous_plural" and source.kind == "anonymous" and re.search(r"s$", source.name):
                return source
            if wanted == "intelligence" and source.type == "intelligence" and source.kind != "person":
                return source
            if wanted == "media" and source.kind == "media":
                return source
            if wanted == "organization" and source.kind in {"organization", "country"}:
                return source
            if wanted == "any_thing" and source.kind in {"organization", "country", "media"}:
                return source
        return None

    def last_full_name(self, surname: str) -> Source | None:
        """ "Park" -> "Park Sun-won" when an earlier speaker's name contains that word."""
        for source in reversed(self.history):
            parts = re.split(r"[\s\-]+", source.name)
            if source.kind == "person" and surname in parts:
                return source
        return None


class Attributor:
    """Finds the speakers of each sentence of a Doc."""

    def __init__(self, registry: ActorRegistry | None = None):
        self.registry = registry or default_registry()

    # -------------------------------------------------------------------------------------------- mentions

    def resolve_token(self, token: Token, memory: SpeakerMemory) -> tuple[Source, Span] | None:
        """Resolve the subject/object ``token`` of a speech cue into a Source (pronouns via memory)."""
        lower = token.lower_
        if token.pos_ == "PRON" or lower in PRONOUNS_PERSON | PRONOUNS_THING:
            if lower in PRONOUNS_PERSON:
                recalled = memory.recall("human")
            elif lower in {"it", "they"}:
                recalled = (
                    memory.recall("organization")
                    or memory.recall("intelligence")
                    or memory.recall("any_thing")
                    or memory.recall("anonymous")
                )
            else:
                return None
            if recalled is None or lower in {"who", "which", "that"}:
                return None
            return recalled, token.doc[token.i : token.i + 1]
        if lower in {"who", "which", "that"}:
            return None
        possessed_heads = ANONYMOUS_HEADS | {"diplomat", "spokesman", "mission"}
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in possessed_heads
            and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in token.children)
        ):
            recalled = memory.recall("organization")  # "its diplomats dismissed the reports": that country
            if recalled is not None:
                return recalled, _mention_span(token)
        if lower in {"one", "two", "some", "several", "all", "both"} and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(
                g.lower_ in {"them", "those"} or g.lemma_.lower() in {"source", "official", "person", "people"}
                for g in c.children
            )
            for c in token.children
        ):
            recalled = memory.recall("anonymous_plural") or memory.recall("anonymous")  # one of the sources just named
            return (recalled, token.doc[token.i : token.i + 1]) if recalled is not None else None
        if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.ent_type_ != "PERSON"):
            # "the State Secretary of the Security Council, Alexander Volfovich": the named person speaks
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                    return self.resolve_token(child, memory)
        if token.lemma_.lower() in MESSAGE_NOUNS or token.lower_ in MESSAGE_NOUNS:
            # "Seoul's estimate", "by its count": the possessor speaks
            for child in token.children:
                if child.dep_ == "poss" and child.lower_ not in {"whose"}:
                    resolved = self.resolve_token(child, memory)
                    if resolved:
                        return resolved
            # "a message from X", "figures circulated by X", "data released by X"
            for child in token.children:
                candidates = []
                if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                    candidates = [c for c in child.children if c.dep_ == "pobj"]
                elif child.dep_ in {"acl", "relcl"}:
                    for grandchild in child.children:
                        if grandchild.dep_ == "agent" or (grandchild.dep_ == "prep" and grandchild.lower_ == "by"):
                            candidates = [c for c in grandchild.children if c.dep_ == "pobj"]
                for candidate in candidates:
                    resolved = self.resolve_token(candidate, memory)
                    if resolved:
                        return resolved
            if token.lemma_.lower() in NON_SPEAKERS or token.lower_ in {"figures", "data", "estimates", "reports"}:
                return None
        mention = _mention_span(token)
        name = _name_span(token)
        head = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
        # "the agency", "the official", "the minister": an earlier speaker of that kind.
        definite = any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in token.children
        )
        plain = all(
            t.i == token.i
            or t.lower_ in {"spy", "intelligence", "news", "defence", "defense", "foreign", "same", "latter", "former"}
            for t in name
        )
        if token.pos_ == "NOUN" and plain and definite and lower in ANAPHORS:
            # "the agency said", "according to the president": an actor named earlier
            recalled = memory.recall(ANAPHORS[lower])
            return (recalled, mention) if recalled is not None else None
        if token.pos_ == "NOUN" and token.lemma_.lower() in NON_SPEAKERS:
            return None  # "the move", "the figures": not a speaker
        is_person = _is_person(token)
        if token.pos_ == "PROPN" and len(name) == 1 and (earlier := memory.last_full_name(token.text)):
            # Korean names put the family name first: "Park" later means "Park Sun-won".
            return earlier, mention
        text = name.text if (is_person or token.pos_ == "NOUN") else mention.text
        if is_person and token.ent_type_ == "PERSON":
            # "Poland's Foreign Minister Radosław Sikorski" -> "Radosław Sikorski"
            entity = next((e for e in token.doc.ents if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
            if entity is not None:
                text = entity.text
        if token.pos_ == "NOUN" and self.registry.find_in(mention.text) and not self.registry.find_in(name.text):
            text = mention.text  # "the public broadcaster of Ukraine, Suspilne": the apposition names it
        typed_by = mention.text
        source = self.registry.resolve(text, head=head, is_person=is_person)
        if not source.known and typed_by != text:
            richer = self.registry.resolve(typed_by, head=head, is_person=is_person)
            if richer.known and richer.kind == "person":
                source = richer
            else:
                source = Source(
                    source.name,
                    source.mention,
                    richer.type or source.type,
                    source.country or richer.country,
                    source.kind,
                    source.known,
                )
        if not source.name:
            return None
        return source, mention

    # --------------------------------------------------------------------------------------------- speech

    def _subject_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                    return verb.head
                return child
        # "X ..., saying ..." / "X said and added": the subject of the governing verb.
        if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
            return self._subject_of(verb.head)
        # "..., who said": the noun the relative clause hangs on.
        if verb.dep_ == "relcl":
            return verb.head
        return None

    def _agent_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        return None

    def _relay_in(self, span: Span, memory: SpeakerMemory) -> Source | None:
        """ "following a briefing with the NIS", "citing an anonymous official", "briefed by" -> that source."""
        for token in span:
            if token.lower_ in {"citing", "quoting"} or (
                token.lower_ in {"with", "by", "from"} and token.head.lemma_ in {"briefing", "brief", "information"}
            ):
                for child in token.children:
                    if child.dep_ in {"pobj", "dobj"}:
                        resolved = self.resolve_token(child, memory)
                        if resolved:
                            return resolved[0]
        return None

    def sentence_speakers(self, sent: Span, memory: SpeakerMemory) -> list[Speaker]:
        speakers: list[Speaker] = []
        taken: set[int] = set()

        def add(token: Token, cue: str, verb_i: int | None = None) -> Speaker | None:
            resolved = self.resolve_token(token, memory)
            if resolved is None:
                return None
            source, span = resolved
            if any(t.i in taken for t in span):
                # the same speaker governs a second verb ("Speaking in ..., he said ..."): keep the governing one
                for earlier in speakers:
                    if (
                        earlier.start_char == span.start_char
                        and verb_i is not None
                        and earlier.verb_i is not None
                        and token.doc[verb_i].is_ancestor(token.doc[earlier.verb_i])
                    ):
                        earlier.verb_i, earlier.cue = verb_i, cue
                return None
            taken.update(t.i for t in span)
            speaker = Speaker(source, span.start_char, span.end_char, cue, verb_i)
            speakers.append(speaker)
            if source.kind != "media" or cue != "according to":
                memory.remember(source)  # at once: "NIS said it was confirming..." -> it = NIS
            return speaker

        for token in sent:
            lower = token.lower_
            # "according to X" / "based on X" / "per X" / "citing X"
            if lower == "according" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "to":
                for child in token.doc[token.i + 1].children:
                    if child.dep_ == "pobj":
                        speaker = add(child, "according to")
                        if speaker:
                            speaker.via = self._relay_in(token.doc[token.i : sent.end], memory)
            elif lower == "per" and token.dep_ == "prep":
                for child in token.children:
                    # "per the NIS", never "per soldier" or "per day"
                    if child.dep_ == "pobj" and (child.pos_ == "PROPN" or self.registry.find_in(child.text)):
                        add(child, "according to")
            elif lower == "based" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "on":
                for child in token.doc[token.i + 1].children:
                    if child.dep_ == "pobj":
                        add(child, "based on")
            elif lower in {"citing", "quoting"}:
                continue  # handled as a relay of the verb's subject below
            elif (
                token.lemma_.lower() in {"estimate", "count", "tally", "assessment", "calculation", "figure"}
                and token.pos_ == "NOUN"
                and any(c.dep_ == "poss" for c in token.children)
            ):
                # "by its count", "Kyiv's estimate is higher still"
                possessor = next(c for c in token.children if c.dep_ == "poss")
                add(possessor, "estimate")
            elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS:
                if token.lemma_.lower() == "report" and token.tag_ == "VBN" and token.dep_ == "amod":
                    continue
                if (
                    token.lemma_.lower() in CLAUSE_ONLY
                    and not any(
                        c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS)
                        for c in token.children
                    )
                    and not (token.lemma_.lower() == "put" and any(c.lower_ == "at" for c in token.children))
                ):
                    continue
                subject = self._subject_of(token)
                passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
                if subject is not None and (passive or subject.dep_ == "nsubjpass"):
                    # "troops are said to be...": the subject is the content, not the speaker
                    agent = self._agent_of(token)
                    subject = agent
                if subject is None:
                    agent = self._agent_of(token)
                    if agent is not None:
                        add(agent, "agent", token.i)
                        continue
                    if passive:
                        continue  # "The army is said to have ...": nobody is named
                    # ", South Korea's spy agency said." mis-parsed as an apposition: the noun before the verb
                    before = token.doc[token.i - 1] if token.i > sent.start else None
                    while before is not None and before.pos_ in {"AUX", "ADV", "PART"} and before.i > sent.start:
                        before = token.doc[before.i - 1]
                    if before is not None and before.pos_ in {"NOUN", "PROPN"}:
                        add(before, token.lemma_.lower(), token.i)
                    continue
                speaker = add(subject, token.lemma_.lower(), token.i)
                if speaker:
                    speaker.via = self._relay_in(sent, memory)
            elif token.dep_ == "agent" and token.head.lemma_.lower() in {
                "share",
                "provide",
                "report",
                "confirm",
                "release",
                "publish",
                "disclose",
            }:
                for child in token.children:
                    if child.dep_ == "pobj":
                        add(child, "agent", token.head.i)
        # A figure relayed from a media outlet: "NIS said ..., according to Yonhap" keeps NIS, notes Yonhap.
        verbal = [s for s in speakers if s.verb_i is not None]
        according = [s for s in speakers if s.cue == "according to"]
        if verbal and according:
            for speaker in according:
                if speaker.source.kind == "media":
                    for other in verbal:
                        other.reported_by = speaker.source
        return speakers

    def trailing_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "..., Seoul's spy agency says" / "..., the agency projects, ...": a reporting tag the parse missed."""
        verbs = (
            r"(?:said|says|say|added|adds|reported|reports|told\s+\w+(?:\s+\w+)?|claims|claimed|confirmed|"
            r"confirms|warned|warns|projects|projected|estimates|estimated|believes|noted|notes)"
        )
        final_tag = rf"[,;:]\s+((?:the\s+)?[^,;:]{{2,80}}?)\s+{verbs}(?:\s+on\s+\w+)?\s*[.!\"”]*\s*$"
        match = re.search(final_tag, sent.text) or re.search(rf",\s+((?:the\s+)?[^,;:]{{2,40}}?)\s+{verbs},", sent.text)
        if not match:
            return None
        mention = match.group(1)
        anaphor = re.fullmatch(r"(?i)the\s+(?:spy\s+|intelligence\s+)?(\w+)", mention.strip())
        if anaphor and anaphor.group(1).lower() in ANAPHORS:
            source = memory.recall(ANAPHORS[anaphor.group(1).lower()])
            if source is None:
                return None
        elif self.registry.find_in(mention):
            source = self.registry.resolve(mention)
        elif re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}", mention.strip()):
            # "..., Tesla said, ...": a name (or call sign) the registry does not know
            source = memory.last_full_name(mention.strip()) or Source(
                mention.strip(), mention.strip(), None, None, "person"
            )
        else:
            return None
        memory.remember(source)
        start = sent.start_char + match.start(1)
        return Speaker(source, start, start + len(mention), "trailing")

    def parenthetical_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "... 600 dead (NIS briefing to lawmakers, April 30)": a source note in brackets at the end."""
        match = re.search(r"\(([^()]{2,80})\)\s*[.;]?\s*$", sent.text)
        if not match or not (hits := self.registry.find_in(match.group(1))):
            return None
        start, end, _actor = hits[0]
        source = self.registry.resolve(match.group(1)[start:end])
        memory.remember(source)
        offset = sent.start_char + match.start(1)
        return Speaker(source, offset + start, offset + end, "colon")

    def colon_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "Lukashenko: 'It's nonsense'", "South Korea NIS (Oct. 18): 12,000 planned" -> the named actor."""
        match = re.match(r"\s*([^:]{2,60}?)\s*(?:\([^)]*\))?\s*:\s+\S", sent.text)
        if not match:
            return None
        hits = self.registry.find_in(match.group(1))
        if not hits:
            return None
        start, end, _actor = hits[0]
        source = self.registry.resolve(match.group(1)[start:end])
        memory.remember(source)
        return Speaker(source, sent.start_char + start, sent.start_char + end, "colon")

    def remember_mentions(self, sent: Span, memory: SpeakerMemory) -> None:
        """Actors named anywhere in a sentence: later "the agency" or "the president" may mean them."""
        for start, end, actor in self.registry.find_in(sent.text):
            if actor.kind in {"person", "organization"}:
                memory.remember(self.registry._source(actor, sent.text[start:end]))

    def remember_subjects(self, sent: Span, memory: SpeakerMemory) -> None:
        """Named people who act in a sentence become candidates for a later "he" or "she"."""
        for token in sent:
            if (
                token.pos_ == "NOUN"
                and token.lower_ in {"official", "diplomat", "officer", "commander", "source"}
                and token.dep_ not in _SUBJECT_DEPS
                and not (token.dep_ == "appos" and token.head.pos_ == "PROPN")
            ):
                resolved = self.resolve_token(token, memory)
                if resolved and resolved[0].kind == "anonymous":
                    memory.remember(resolved[0])  # "a claim boosted by a Ukrainian official. He said ..."
            if token.dep_ in _SUBJECT_DEPS and token.pos_ == "PROPN" and _is_person(token):
                resolved = self.resolve_token(token, memory)
                if resolved and resolved[0].kind == "person":
                    memory.remember(resolved[0])


# ------------------------------------------------------------------------------------------ doc structure

_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$|;\s*$")


def analyse(doc: Doc, registry: ActorRegistry | None = None) -> list[SentenceInfo]:
    """Sentences with paragraph numbers, heading flags, boilerplate flags and speakers (cached on the Doc)."""
    cached = doc.user_data.get("workbench_sentences")
    if cached is not None:
        return cached
    text = doc.text
    furniture = boilerplate_spans(text)
    # paragraph number of every character: a new paragraph at each newline run
    para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    infos: list[SentenceInfo] = []
    attributor = Attributor(registry)
    memory = SpeakerMemory()
    import bisect

    for index, sent in enumerate(doc.sents):
        stripped = sent.text.strip()
        if not stripped:
            continue
        start = sent.start_char
        paragraph = bisect.bisect_right(para_starts, start) - 1
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start + len(sent.text.rstrip()))
        line_end = len(text) if line_end < 0 else line_end
        whole_line = text[line_start:line_end].strip() == stripped
        words = len(stripped.split())
        heading = whole_line and words <= 30 and not _TERMINAL.search(stripped)
        skip_kind = next((s.kind for s in furniture if s.start <= start < max(s.end, s.start + 1)), None)
        caption = skip_kind == "boilerplate" and bool(re.match(r"(?i)in this .*photo|.*\((?:AP|AFP)", stripped))
        info = SentenceInfo(index, sent, paragraph, heading, skip_kind is not None, caption)
        if not info.skip:
            info.speakers = attributor.sentence_speakers(sent, memory)
            if not info.speakers and (
                colon := attributor.colon_speaker(sent, memory) or attributor.parenthetical_speaker(sent, memory)
            ):
                info.speakers = [colon]
            if not any(s.verb_i is not None for s in info.speakers) and (
                tag := attributor.trailing_speaker(sent, memory)
            ):
                info.speakers.append(tag)
            attributor.remember_subjects(sent, memory)
            attributor.remember_mentions(sent, memory)
        infos.append(info)
    doc.user_data["workbench_sentences"] = infos
    return infos
