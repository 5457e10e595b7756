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

from workbench.actors import (
    ANONYMOUS_HEADS,
    MEDIA_HEADS,
    ActorRegistry,
    Source,
    country_in,
    default_registry,
    role_type,
)
from workbench.corpus import boilerplate_spans

SPEECH_VERBS = frozenset(
    """
say tell state claim clarify add note explain announce report confirm estimate believe assess warn write
reveal disclose indicate suggest insist stress emphasise emphasize comment quip accuse allege argue assert
predict inform brief testify acknowledge admit deny dismiss describe quote show find conclude reckon think
know continue respond reply tweet post publish mention observe agree dispute calculate count record detect
track identify verify declare maintain contend reject refute remark specify elaborate answer recount relay
convey signal hint concede put share urge caution affirm corroborate understand learn read speak project
forecast circulate offer expect anticipate fear cite credit speculate
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
plan deal treaty pact war attack what this that toll loss count tally which drone camera satellite radar
offensive assault operation strike battle fighting
""".split()
)
# "a message from Ukraine's intelligence service": the speaker is whoever the message is from.
MESSAGE_NOUNS = frozenset(
    """
message statement letter leaflet post video appeal communique communiqué document briefing assessment readout
figure figures data estimate estimates report reports tally count information story claim calculation
""".split()
)
# Role nouns whose holder may be named in an apposition after the role ("the spokesman for X, Jane Doe,").
ROLE_NOUNS = frozenset(
    """
head chief director secretary minister spokesman spokeswoman spokesperson commander envoy ambassador president
adviser advisor deputy lawmaker member representative official chairman chairwoman chair leader governor
""".split()
)
_CALENDAR_WORDS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Singular nouns for one unnamed person of a force ("a Ukrainian commander", "the soldier").
_ONE_PERSON = frozenset(
    "commander soldier fighter serviceman servicewoman colonel sergeant lieutenant captain major medic pilot "
    "gunner sniper volunteer veteran paratrooper marine "
    # civilians quoted in the story: "a resident of North Hamgyong province told RFA ... She said"
    "resident defector woman mother father wife husband farmer trader smuggler".split()
)
# What a bracketed credit names when it is a source: "(South Korean defence white paper)", "(US estimate)".
_SOURCE_NOTE = re.compile(
    r"(?i)\b(?:white paper|report|estimates?|assessment|briefing|intelligence|ministry|officials?|government|"
    r"military|general staff|command|agency|data|figures?|count|tally)\b"
)
# A defence ministry named by no owner: "The Ministry of Defence said", "the MoD estimates".
_BARE_DEFENCE_MINISTRY = re.compile(r"(?i)(?:the\s+)?(?:ministry of defen[cs]e|defen[cs]e ministry|mod)")
# An intelligence body named by no owner: "Spy agency says ...", "the intelligence service".
_GENERIC_INTELLIGENCE = re.compile(r"(?i)(?:the\s+)?(?:spy|intelligence)\s+(?:agency|service)")
# "the 34-year-old", "a 29-year-old gunner": an age describes one person.
_AGED = re.compile(r"\b\d{1,2}-year-old\b")
# What an apposition calls a person: "Maksym, a drone operator", "Kim, a defector".
_PERSON_APPOSITIONS = (
    _ONE_PERSON
    | ROLE_NOUNS
    | frozenset(
        "operator officer resident defector analyst expert researcher blogger journalist farmer driver mother father "
        "wife husband son daughter student worker trader smuggler professor scholar".split()
    )
)
# Further words of role titles ("press secretary", "secretary general", "commander-in-chief").
_ROLE_WORDS = frozenset("press general commander-in-chief of the for".split())
# Findings that, made definite ("the assessment", "these figures"), point back to whoever last gave them.
FINDING_NOUNS = frozenset("assessment estimate tally count figure briefing document report readout".split())
TIME_ENTS = {"DATE", "TIME"}
# Nouns whose content belongs to whoever they are "of" / "by": "claims of Western media about ...".
CLAIM_NOUNS = frozenset("claim report allegation assertion estimate assessment statement".split())
# "held to a figure of 11,000", "floated an estimate of 30,000": the subject of a verb whose object is a
# figure "of N" gives that figure, whatever the verb.
FIGURE_OBJECTS = frozenset("figure estimate tally count".split())
# "tell a story", "tell a tale": narration, not a report of a figure.
NARRATIVE_OBJECTS = frozenset("story tale".split())
# Words that, modifying a finding noun, name who owns it: "media reports", "intelligence estimates".
OWNER_NOUNS = frozenset("media press intelligence".split())
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_THING = {"it", "they", "we", "i"}
ANAPHORS = {
    "agency": "intelligence",
    "paper": "media",
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
    "unit": "military_unit",
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


_DATELINE_DASHES = frozenset({"—", "–", "-", "--", "―"})
# "SEOUL (AP)", "SEOUL, Oct 23 (Reuters)", "KYIV, Ukraine (AP)", "WASHINGTON": a place in capitals and a credit;
# in title case ("Kyiv, Jan 12, 2025 (AFP)") only with the bracketed credit, which no sentence subject carries.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’ -]{2,30}(?:,[^()\n]{1,30})?(?:\s*\([^()\n]{1,30}\))?"
    r"|[A-Z][A-Za-z.'’ -]{2,30}(?:,[^()\n]{1,30})?\s*\([^()\n]{1,30}\))\s*$"
)
# Who is told or briefed: "the lawmakers were told" names the audience, not the speaker.
AUDIENCES = frozenset("lawmaker legislator reporter journalist parliament committee member delegate".split())
# Words that float after a conjoined subject without being part of its name.
_FLOATING = frozenset("all both now too also alike each together themselves".split())


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
        if child.left_edge.i > right + 2:
            break  # a crossing arc ("Zelensky said ... that ..., the first prisoners"): not the speaker's phrase
        if child.dep_ in keep_deps:
            right = max(right, child.right_edge.i)
    span = doc[left : right + 1]
    # Trim trailing punctuation and floating words ("Seoul, Washington, and Kyiv now all say"), and leading quotes.
    while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in _FLOATING):
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
    # "the roughly 3,000 the spy agency cited": the parser hangs the figure on the agency; the name starts after it
    cut = next((t.i for t in span if t.like_num and t.i + 1 < span.end and doc[t.i + 1].dep_ in {"det", "poss"}), None)
    if cut is not None and cut + 1 < token.i:
        span = doc[cut + 1 : right + 1]
    while len(span) > 1 and (span[0].is_punct or span[0].dep_ == "det"):
        span = doc[span.start + 1 : span.end]
    return span


def _depth(token: Token) -> int:
    """Steps from ``token`` up to its sentence root."""
    depth = 0
    while token.head.i != token.i and depth < 40:
        token, depth = token.head, depth + 1
    return depth


def _refers_to_figures(verb: Token) -> bool:
    """The passive subject of ``verb`` is a definite "the figures" / "these estimates" / "the numbers"."""
    return any(
        c.dep_ == "nsubjpass"
        and c.lemma_.lower() in FINDING_NOUNS | {"number", "datum", "data", "figures", "numbers"}
        and any(d.dep_ == "det" and d.lower_ in {"the", "these", "those", "this", "that", "both"} for d in c.children)
        for c in verb.children
    )


def _owner_modifier(noun: Token) -> bool:
    """ "a Pentagon figure", "Western estimates", "a Ukrainian media report": a modifier names who made it.

    Only the noun's own left modifiers count; "official figures" or "early estimates" name nobody.
    """
    for child in noun.lefts:
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        if child.ent_type_ in {"ORG", "GPE", "NORP"} or child.lower_ == "western" or country_in(child.text):
            return True  # the recognizer runs on few sentences: a nationality word names the owner by itself
        if child.pos_ == "PROPN" and child.ent_type_ not in TIME_ENTS:
            return True
        if child.pos_ == "NOUN" and child.lower_ in OWNER_NOUNS:
            return True
    return False


def _evidence_owner(noun: Token) -> bool:
    """ "Ukrainian drone unit footage": footage or video whose words before it name a country or a body."""
    return noun.lemma_.lower() in EVIDENCE_NOUNS and any(
        t.ent_type_ in {"ORG", "GPE", "NORP"} or country_in(t.text) for t in noun.subtree if t.i < noun.i
    )


def _narrates(verb: Token) -> bool:
    """ "... tell a story Pyongyang refuses to tell": a verb whose object is a story with no figure in it
    ("circulated a story that 18 deserted" reports one)."""
    return verb.lemma_.lower() in {"tell", "write", "narrate", "recount"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in NARRATIVE_OBJECTS and not any(t.like_num for t in c.subtree)
        for c in verb.children
    )


def _sourcing_position(noun: Token) -> bool:
    """ "By Western estimates, ...", "A Pentagon figure put ...": the finding sources the sentence only as a
    subject or after "by"/"under"; "lines up with Ukrainian counts" merely compares."""
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in {"by", "under", "on"}


def _inside_quotes(token: Token, sent: Span) -> bool:
    offset = token.idx - sent.start_char
    return any(a <= offset < b for a, b in _quoted_ranges(sent))


def _quoted_ranges(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of ``sent.text`` inside quotation marks, including a quote opened in an earlier sentence
    of the paragraph and closed in this one."""
    text = span_text(sent)
    doc_text = sent.doc.text
    before = doc_text[doc_text.rfind("\n", 0, sent.start_char) + 1 : sent.start_char]
    ranges: list[tuple[int, int]] = []
    offset = 0
    if before.count('"') % 2 == 1 or before.count("“") > before.count("”"):
        close = re.search(r"[\"”]", text)
        offset = close.end() if close else len(text)
        ranges.append((0, offset))
    ranges += [(m.start() + offset, m.end() + offset) for m in re.finditer(r"[\"“][^\"“”]*[\"”]?", text[offset:])]
    return ranges


def _question_label(token: Token) -> bool:
    """ "Q" / "A" right before a colon: an interview or briefing label, not a noun of the sentence."""
    return token.text in {"Q", "A"} and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ":"


def _mistagged_verb(token: Token) -> bool:
    """ "Kyiv's military intelligence estimates roughly 12,000": a reporting verb the tagger read as a plural
    noun; it gives itself away by having a subject."""
    if token.pos_ != "NOUN" or token.lower_ not in {"estimates", "assesses", "reckons", "calculates", "credits"}:
        return False
    if any(c.dep_ == "nsubj" for c in token.children):
        return True
    # "which the defence white paper credits with 1.28 million": a noun phrase on the left, "with N" on the right
    return any(c.dep_ in {"compound", "poss"} for c in token.lefts) and any(
        c.dep_ == "prep" and c.lower_ in {"with", "at"} and any(g.like_num for g in c.subtree) for c in token.rights
    )


def _mistagged_claim(token: Token) -> tuple[Token, Token] | None:
    """ "A Telegram channel close to the military claims that dozens ...": after a long subject the tagger reads
    the reporting verb as a plural noun inside it. Returns (speaker head, reported clause) or None.

    The tell: a bare "claims"/"reports" followed by "that" opening a clause hung elsewhere (a real noun's
    content clause hangs on the noun itself: "the claims that 500 died").
    """
    if token.pos_ != "NOUN" or token.lower_ not in {"claims", "reports", "estimates", "says", "insists", "warns"}:
        return None
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "that" or doc[token.i + 1].dep_ != "mark":
        return None
    clause = doc[token.i + 1].head
    if clause.i == token.i or clause.head.i == token.i:
        return None
    speaker = None
    for ancestor in token.ancestors:
        if ancestor.i < token.i and ancestor.pos_ in {"NOUN", "PROPN"}:
            speaker = ancestor
    if speaker is None or speaker.dep_ not in {"ROOT", "nsubj"} or clause.is_ancestor(speaker):
        return None
    return speaker, clause


VAGUE_COUNTS = frozenset({"dozens", "hundreds", "thousands", "tens"})


def _puts_at_number(verb: Token) -> bool:
    """ "put the number ... at 10,000": an "at" with a number anywhere in the clause (the parser may hang it
    on a participle: "the number of soldiers already sent at 10,000")."""
    return any(
        # "put the number closer to 12,000", "put casualties in the hundreds"
        t.lower_ in {"at", "above", "below", "near", "closer", "nearer", "to", "in"}
        and any(g.like_num or g.pos_ == "NUM" or g.lower_ in VAGUE_COUNTS for g in t.subtree if g.i != t.i)
        for t in verb.subtree
    )


def _tallied(verb: Token) -> bool:
    """ "Ukrainian intelligence had counted about 11,000 North Korean soldiers", "HUR recorded 200 deserters": a
    body's own count of people is a finding, though these verbs are speech only with a clause."""
    return verb.lemma_.lower() in {"count", "record", "identify", "detect"} and any(
        # "now counts 12,000 in total": the figure itself as the object
        c.dep_ == "dobj" and (c.like_num or any(g.like_num for g in c.children))
        for c in verb.children
    )


def _relative_report(verb: Token) -> bool:
    """ "soldiers that Seoul and Kyiv say were sent": a reporting relative clause whose relative pronoun is the
    subject of the reported clause, so the report covers the noun it hangs on (and its figure)."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN", "NUM"}:
        return False
    return any(
        c.dep_ == "ccomp"
        and any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ in {"that", "which", "who"} for g in c.children)
        for c in verb.children
    )


# "the figure that Kyiv has given", "the estimate Tokyo circulated": verbs that hand over a finding someone made.
GIVING_VERBS = frozenset(
    """
give provide circulate release publish cite quote issue share present use offer put supply float report announce
estimate claim confirm mention record
""".split()
)
# Act verbs that continue a speaker's turn when their clause holds the figure: "He offered to swap the two ...".
PLEDGE_VERBS = frozenset("offer propose promise pledge vow demand threaten invite ask".split())


# Publishing evidence: "released video of", "posted photos of", "showed footage of".
SHOWING_VERBS = frozenset("release post publish show share circulate air broadcast".split())
EVIDENCE_NOUNS = frozenset("video footage photo photograph image picture recording".split())
# What evidence does with what it holds: "described in drone footage", "seen in video released by ...".
DEPICTING_VERBS = frozenset("describe show see capture document depict record film".split())


def _shows_figures(verb: Token) -> bool:
    """ "released video of two North Korean soldiers": evidence whose "of" phrase counts people."""
    if verb.lemma_.lower() not in SHOWING_VERBS:
        return False
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in EVIDENCE_NOUNS:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and any(t.like_num for t in prep.subtree):
                return True
    return False


# "a toll Kyiv has since revised to 4,000": verbs that move a finding to a new figure.
REVISING_VERBS = frozenset("revise raise lower update adjust increase cut".split())


def _revised_finding(verb: Token) -> Token | None:
    """The subject of a relative clause that moves a finding or toll to a new figure ("a toll Kyiv has since
    revised to nearly 4,000"), else None: the new figure is the subject's, not the main clause speaker's."""
    if verb.lemma_.lower() not in REVISING_VERBS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ in {"to", "at"} for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in {"that", "which", "who"}:
        return None
    findings = FINDING_NOUNS | {"toll"}
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in findings:
        return subject
    # the parser may read "a toll Kyiv later revised" as "toll" compounding the subject of a conjoined verb
    if verb.dep_ == "conj" and any(c.dep_ == "compound" and c.lemma_.lower() in findings for c in subject.children):
        return subject
    return None


def _given_figure(verb: Token) -> Token | None:
    """ "the figure of about 12,000 troops that Kyiv's intelligence has given": the finding a relative clause's
    subject gave, else None.

    The parser hangs the clause on the nearest noun ("troops"), so the finding is that noun or the noun it is
    "of"; the relative pronoun is the object of the giving verb (or left out: "the estimate Tokyo circulated").
    """
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in GIVING_VERBS:
        return None
    if any(c.dep_ == "dobj" and c.lower_ not in {"that", "which"} for c in verb.children):
        return None
    if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return None  # "soldiers that Seoul says were sent": a report of its own clause
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in {"that", "which", "who"}:
        return None
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in FINDING_NOUNS:
        noun = noun.head.head  # "the figure of 12,000 troops that ...": the figure, with its number
    if noun.lemma_.lower() not in FINDING_NOUNS | {"number"} and not (
        verb.lemma_.lower() in {"report", "cite", "claim", "estimate", "confirm", "record", "mention"}
        and any(c.like_num for c in noun.children)
    ):
        return None
    return noun


def span_text(span: Span | Doc) -> str:
    """``span.text`` sliced from the Doc's text (built once): spaCy joins the span's tokens on every access."""
    doc = span if isinstance(span, Doc) else span.doc
    text = doc.user_data.get("workbench_text")
    if text is None:
        text = doc.user_data["workbench_text"] = doc.text
    return text if span is doc else text[span.start_char : span.end_char]


def doc_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc: spaCy rebuilds the list by scanning every token on each access."""
    cached = doc.user_data.get("workbench_ents")
    if cached is None:
        cached = doc.user_data["workbench_ents"] = tuple(doc.ents)
    return cached


def span_entities(span: Span) -> list[Span]:
    """``span.ents`` (the entities inside ``span``) from the cached list."""
    return [e for e in doc_entities(span.doc) if e.start >= span.start and e.end <= span.end]


_TIME_NOUNS = frozenset(
    """
end beginning start middle close time week month year day weekend spring summer autumn fall winter january
february march april june july august september october november december monday tuesday wednesday thursday
friday saturday sunday
""".split()
)


def _time_word(token: Token) -> bool:
    """A date or time noun ("the end of the month", "December"): never an agent or a speaker."""
    return token.ent_type_ in TIME_ENTS or token.lemma_.lower() in _TIME_NOUNS


def _one_soldier(token: Token) -> bool:
    """ "A Ukrainian soldier who fought near Sudzha told ...": one soldier is a witness who speaks; troops counted
    in the plural ("3,000 soldiers") are the subject matter."""
    return (
        token.lemma_.lower() in {"soldier", "troop"}
        and token.tag_ == "NN"
        and not any(c.like_num for c in token.children)
    )


_CALL_SIGN = re.compile(
    r"(?:call[ -]?sign|nom de guerre|codename|code name|first name|pseudonym|goes by|identified only as|"
    r"known only as|known by (?:the|his|her) (?:call[ -]?sign|name)|(?:his|her) name only as|name as|"
    # "a platoon commander called "Moroz"", "a drone pilot known as "Kobzar"": a quoted name
    r"(?:called|known as)(?=\s+[\"“']))"
    r"(?:\s+(?:is|was))?,?\s+[\"“']?([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
)


# A sentence that only gives the last speaker's call sign: "He goes by the call sign Leleka.", "His call sign is Rys."
_CALL_SIGN_SENTENCE = re.compile(r"\s*(?:(?:He|She) (?:goes|went) by\b|(?:His|Her) (?:call[ -]?sign|nom de guerre)\b)")


def _call_sign(token: Token) -> Source | None:
    """ "a battalion commander, who gave only his call sign, Sokil," / "The officer, who asked to be identified
    only by his call sign, Hrim,": a soldier quoted under a call sign is that person, not an anonymous voice."""
    if token.lemma_.lower() in NON_SPEAKERS and not _one_soldier(token):
        return None
    # the parser often hangs the relative clause elsewhere: read the words right after the noun, up to a quote
    sent_end = token.sent.end_char
    window = token.doc.text[token.idx : min(sent_end, token.idx + 140)]
    clause = re.split(r"[\"“”;]", window, maxsplit=1)[0]
    found = _CALL_SIGN.search(window)  # the sign itself may be quoted: 'by his call sign "Voron"'
    if found is None or found.start() >= len(clause):
        return None
    described = token.doc[token.left_edge.i : token.i + 1].text
    return Source(found.group(1), f"{described} ({found.group(1)})", "military", country_in(described), "person")


def _subject_of_clause_before(verb: Token) -> Token | None:
    """ "Zelensky calls North Korean losses "noticeable," says Russia has ...": a headline's second verb with no
    subject of its own shares the person subject of the clause the parser hung before it."""
    if verb.lower_ not in {"says", "adds", "warns", "claims"}:
        return None
    for child in verb.children:
        if child.dep_ in {"ccomp", "conj"} and child.i < verb.i and child.pos_ == "VERB":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and (subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"):
                return subject
    return None


def _past_dateline(token: Token) -> Token:
    """ "SEOUL (AP) — South Korea's spy agency said", "SEOUL, Oct 23 (Reuters) - The NIS said": the parser makes
    the dateline the subject; the speaker is the noun phrase after the dash."""
    sent = token.sent
    doc = token.doc
    dash = next(
        (
            t
            for t in doc[sent.start : min(sent.end, sent.start + 14)]
            if t.text in _DATELINE_DASHES and t.whitespace_ and t.i > sent.start and doc[t.i - 1].whitespace_
        ),
        None,
    )
    if dash is None or token.i > dash.i or not _DATELINE.match(doc.text[sent.start_char : dash.idx]):
        return token
    for t in doc[dash.i + 1 : sent.end]:
        if t.dep_ in {"appos", "nsubj", "nsubjpass"} and (t.head.i < dash.i or t.head.i > t.i):
            return t
    return token


def _introduced_by_of(token: Token) -> bool:
    """ "the commander of a Ukrainian drone unit", "the head of an intelligence unit": a definite noun that a new
    description follows introduces someone, it does not point back at an earlier speaker."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(
            obj.dep_ == "pobj" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in obj.children)
            for obj in prep.children
        )
        for prep in token.children
    )


def _other_sides_soldiers(token: Token) -> bool:
    """ "Ukrainian soldiers have described ...": soldiers of another nation, as the subject, are witnesses (North
    Korean soldiers as the subject are what is being reported)."""
    if token.lemma_.lower() not in {"soldier", "troop", "serviceman", "servicemember"} or token.dep_ != "nsubj":
        return False
    if token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].lower_ in {"citing", "quoting"}:
        return False  # "The Journal, citing Ukrainian soldiers, reported": the paper speaks, they are its relay
    nations = [country_in(c.text) for c in token.lefts if c.dep_ in {"amod", "compound"}]
    return any(n is not None and n != "North Korea" for n in nations)


def _subject_in_time_phrase(verb: Token) -> Token | None:
    """ "In December a Ukrainian news site, citing ..., reported": the parser swallows the subject into the
    opening time phrase as a second object of "In"; the non-time noun there is the speaker."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i > verb.i or child.i != verb.sent.start:
            continue  # only a phrase that opens the sentence
        objects = [g for g in child.children if g.dep_ == "pobj"]
        # "In December a news site", or "In Seoul, South Korea's National Intelligence Service, which ..., told"
        candidates = objects[1:] + [g for o in objects[:1] for g in o.children if g.dep_ in {"conj", "appos"}]
        found = next((g for g in candidates if g.pos_ in {"NOUN", "PROPN"} and not _time_word(g)), None)
        if found is not None:
            return found
    return None


# Heads of a media mention whose name may follow in apposition ("a Telegram channel, Rybar, claimed").
OUTLET_NOUNS = frozenset("channel outlet newspaper paper site website portal blog broadcaster tabloid".split())


def _listed_before(token: Token) -> int | None:
    """ "US, South Korean, and Japanese officials stated": the owners listed before ``token``'s own phrase, which
    the parser splits off (as a second subject, or a conjunct of the main verb). Read from the surface: chunks
    that each name a country, separated by commas, then "and"/"or". Returns where the list starts."""
    doc = token.doc
    sent = token.sent
    i = token.left_edge.i - 1
    if i <= sent.start or doc[i].lower_ not in {"and", "or"}:
        return None
    i -= 1
    serial = doc[i].text == ","  # "US, South Korean, and Japanese": a comma before "and" needs a real list
    if serial:
        i -= 1
    start, chunks = None, 0
    while i >= sent.start:
        end = i
        while i >= sent.start and doc[i].text != "," and doc[i].pos_ in {"PROPN", "ADJ"} and end - i < 3:
            i -= 1
        chunk = doc[i + 1 : end + 1]
        if not len(chunk) or not country_in(chunk.text):
            break
        start, chunks = chunk.start, chunks + 1
        if i < sent.start or doc[i].text != ",":
            break
        i -= 1
    if start is None or (serial and chunks < 2) or (start > sent.start and doc[start - 1].pos_ == "ADP"):
        return None  # "troops sent to Russia, and US officials said": a clause ends, no list begins
    return start


def _joint_owners(token: Token) -> tuple[Source, Span] | None:
    """ "Western and South Korean intelligence agencies estimate": modifiers of several nations conjoined on one
    head are a joint speaker, kept as written (no one country's body)."""
    if (first := _listed_before(token)) is not None:
        span = token.doc[first : token.i + 1]
        return Source(span.text, span.text, "government", None, "organization"), span
    for child in token.lefts:
        if child.dep_ not in {"amod", "compound"} or not any(g.dep_ == "conj" for g in child.children):
            continue
        owners = [child, *(g for g in child.subtree if g.dep_ == "conj")]
        if sum(1 for o in owners if country_in(o.text) or o.lower_ == "western") >= 2:
            start = child.left_edge.i
            while start < token.i and token.doc[start].dep_ == "det":
                start += 1
            span = token.doc[start : token.i + 1]
            return Source(span.text, span.text, "government", None, "organization"), span
    return None


def _closing_inverted_tag(verb: Token, obj: Token) -> bool:
    """ ", reported the Yonhap news agency.": the parser takes the inverted speaker of a closing tag for the
    verb's object. It is the speaker when the verb reports and nothing but a time or punctuation follows it."""
    if verb.lemma_.lower() not in {"say", "report", "add", "write", "claim", "state", "note", "tell"}:
        return False
    if obj.lemma_.lower() in NON_SPEAKERS or obj.pos_ not in {"NOUN", "PROPN"}:
        return False
    rest = verb.doc[obj.right_edge.i + 1 : verb.sent.end]
    return all(t.is_punct or t.is_space or t.ent_type_ in TIME_ENTS or _time_word(t) for t in rest)


# Verbs that take "to" only in the passive: "believed to number", "said to be", "reported to have".
_RAISING_VERBS = frozenset("believe think say report estimate reckon understand know rumour rumor suppose".split())


# Findings that belong to whoever they are "of": "by the count of the NIS", "on the estimate of Kyiv".
FINDING_OWNED = frozenset("estimate count tally assessment calculation reckoning figure".split())


def _finding_maker(noun: Token) -> Token | None:
    """The actor a finding is "of": "the count of our National Intelligence Service" -> Service."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            maker = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if (
                maker is not None
                and maker.pos_ in {"PROPN", "NOUN"}
                and maker.lemma_.lower() not in NON_SPEAKERS
                and not any(t.like_num for t in maker.subtree)
            ):
                return maker
    return None


def _reduced_passive(verb: Token) -> bool:
    """ "the force – believed to number about 12,000 – has ...": a bare participle with "to" and no auxiliary is
    a passive the parser read as active; its subject is what is believed, not a believer."""
    # "believed to number" has no active reading ("they believed that ..."), whatever tag the parser gives it
    if verb.lemma_.lower() not in _RAISING_VERBS or verb.tag_ not in {"VBN", "VBD"}:
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return False
    return any(
        c.dep_ == "xcomp" and c.i == verb.i + 2 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in verb.children
    )


def _person_subject_before(pronoun: Token) -> Token | None:
    """The nearest person named as a subject earlier in the pronoun's own sentence, outside quotation marks."""
    sent = pronoun.sent
    for token in reversed(sent[: pronoun.i - sent.start]):
        if token.dep_ == "nsubj" and token.ent_type_ == "PERSON" and not _inside_quotes(token, sent):
            return token
    return None


def _is_person(token: Token) -> bool:
    """A person's name, or a proper noun whose own phrase holds one (not a conjoined "..., Washington, and Kyiv",
    which the recognizer may read as a person)."""
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ != "PROPN":
        return False
    stack = [c for c in token.children if c.dep_ not in {"conj", "cc"}]
    while stack:
        child = stack.pop()
        if child.ent_type_ == "PERSON":
            return True
        stack.extend(child.children)
    return False


def fits(source: Source, wanted: str) -> bool:
    """Could ``source`` be what an anaphor of kind ``wanted`` ("the agency" -> intelligence) points back to?"""
    kind = source.kind
    if wanted == "person":
        return kind == "person"
    if wanted == "human":
        return kind == "person" or (
            kind == "anonymous" and not re.search(r"(?:sources|officials|people)$", source.name)
        )
    if wanted == "military_unit":
        return source.type == "military" and kind == "organization"  # "the unit said": the force named before
    if wanted == "alliance":
        return source.type == "alliance" or source.name == "NATO"
    if wanted == "anonymous":
        return kind == "anonymous"
    if wanted == "anonymous_plural":
        return kind == "anonymous" and bool(re.search(r"(?:s|people)$", source.name))
    if wanted == "intelligence":
        return source.type == "intelligence" and kind != "person"
    if wanted == "media":
        return kind == "media"
    if wanted == "organization":
        return kind in {"organization", "country"}
    if wanted == "any_thing":
        return kind in {"organization", "country", "media"}
    return False


class SpeakerMemory:
    """Who spoke last, by kind, so "he", "it" and "the agency" resolve to an earlier speaker."""

    def __init__(self) -> None:
        self.history: list[Source] = []
        self.last_speaker: Source | None = None  # the last actor who actually spoke (not just was named)
        self.previous: list[Source] = []  # the speakers of the sentence before, for a speaker who goes on acting
        # outlets credited with "according to"/"per": kept apart, so "it" never points back at them, while "the
        # paper adds" still can
        self.credited_media: list[Source] = []

    def remember(self, source: Source, spoke: bool = False) -> None:
        self.history.append(source)
        if spoke:
            self.last_speaker = source

    def recall(self, wanted: str, known_only: bool = False) -> Source | None:
        found = next((s for s in reversed(self.history[-25:]) if fits(s, wanted) and (s.known or not known_only)), None)
        if found is None and wanted == "media" and self.credited_media:
            return self.credited_media[-1]  # "Per the Kyiv Independent, ... The paper adds ..."
        return found

    def recall_named(self, head: str) -> Source | None:
        """The latest organization whose name ends in ``head`` ("Russian Defense Ministry" for "the ministry")."""
        if head not in {"ministry", "agency", "service", "directorate", "office", "command", "committee", "council"}:
            return None
        named = [
            source
            for source in reversed(self.history[-25:])
            # "Ministry of Defence" is a ministry too
            if source.kind == "organization"
            and ((words := source.name.lower().split())[-1:] == [head] or (head == "ministry" and head in words))
        ]
        # "the agency" after a headline's bare "Spy agency says ...": the body named since, not the generic words
        return next((source for source in named if not _GENERIC_INTELLIGENCE.fullmatch(source.name)), None)

    def recent_body(self, country: Source) -> Source | None:
        """A body of ``country`` that spoke in the last few mentions: "Kyiv's tally" after Ukraine's General Staff."""
        for source in reversed(self.history[-4:]):
            if source.kind == "organization" and source.known and source.country == country.country:
                return source
        return None

    def recall_anonymous(self, word: str, kinds: frozenset[str] | set[str] = frozenset({"anonymous"})) -> Source | None:
        """The latest anonymous group whose name ends in ``word`` ("three people familiar with ..." for "people");
        a person of ``kinds`` named by that word anywhere ("a contract soldier serving in Kursk" for "soldier")."""
        if not word or word in {"them", "those"}:
            return None
        tail = "$" if kinds == {"anonymous"} else r"\b"
        for source in reversed(self.history[-25:]):
            if source.kind in kinds and re.search(rf"\b{re.escape(word)}{tail}", source.name.lower()):
                return source
        return None

    def recall_private_person(self) -> Source | None:
        """The latest person named who is not a public figure of the registry (a soldier, a resident)."""
        return next((s for s in reversed(self.history[-25:]) if s.kind == "person" and not s.known), None)

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
        token = _past_dateline(token)
        lower = token.lower_
        if _question_label(token):
            return None  # "Q: ..." in a transcript: the reporter's question label, never a source
        if token.pos_ == "PRON" or lower in PRONOUNS_PERSON | PRONOUNS_THING:
            if lower in PRONOUNS_PERSON and (named := _person_subject_before(token)) is not None:
                # "Kirby later put a number on it: at least 3,000 soldiers, he said, had ...": the person whose
                # clause the pronoun interrupts, before anyone remembered from earlier sentences
                resolved = self.resolve_token(named, memory)
                if resolved is not None:
                    return resolved[0], token.doc[token.i : token.i + 1]
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
        if lower in {"who", "whom", "whose", "which", "that"} or lower in _CALENDAR_WORDS:
            return None  # "By mid-November, officials were putting ...": a month never speaks
        if token.lemma_.lower() in NON_SPEAKERS and any(c.dep_ == "nummod" and c.like_num for c in token.children):
            return None  # "12,000 North Korean troops in Russia, says NIS": the figure is what is said
        if any(c.dep_ == "poss" and c.lower_ == "our" for c in token.children) and (
            own := self._our_body(token, memory)
        ):
            return own, _mention_span(token)
        possessed_heads = ANONYMOUS_HEADS | {"diplomat", "spokesman", "mission"}
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in possessed_heads
            and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in token.children)
            and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children)  # "its spokesman Andriy Yusov"
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
            # one of the sources just named; "two of the people" prefers the group that was called "people"
            objects = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            group = objects[0].lower_ if objects else ""
            recalled = memory.recall_anonymous(group) or memory.recall("anonymous_plural") or memory.recall("anonymous")
            return (recalled, token.doc[token.i : token.i + 1]) if recalled is not None else None
        if (
            lower in {"one", "another"}
            and token.dep_ in _SUBJECT_DEPS
            and not any(c.dep_ == "prep" for c in token.children)
            and (
                group := next(
                    (s for s in memory.previous if not s.known and s.kind != "person" and s.name.endswith("s")), None
                )
            )
        ):
            # "Two former officials said ... One put the likely size at ...": one of the group that just spoke
            return group, token.doc[token.i : token.i + 1]
        if lower in {"one", "two", "three", "some", "several", "many", "each", "another"} and (
            group := next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj" and g.tag_ == "NNS"
                ),
                None,
            )
        ):
            # "One of the prisoners, a 26-year-old rifleman, told ...": a member of the group, named generically
            modifiers = [c.text for c in group.lefts if c.dep_ in {"amod", "compound"} and c.ent_type_ not in TIME_ENTS]
            name = " ".join([*modifiers, group.lemma_.lower()])
            return Source(name, _mention_span(token).text, None, country_in(name), "anonymous"), _mention_span(token)
        if (
            token.pos_ == "NOUN"
            and token.dep_ == "appos"
            and token.head.pos_ == "PROPN"
            and token.head.ent_type_ == "PERSON"
            and token.lemma_.lower() in ROLE_NOUNS
        ):
            # "Kim Yong-hyun, the defense minister who had warned ...": the named person, by the name alone (the
            # head's phrase spans the relative clause and its figures)
            resolved = self.resolve_token(token.head, memory)
            return (resolved[0], _name_span(token.head)) if resolved is not None else None
        if (
            token.tag_ in {"NNPS", "NNS"}
            and (people := _PEOPLE_OF.get(token.lower_)) is not None
            and token.doc[token.i - 1].lower_ in {"the", "south"}
            and not any(c.dep_ in {"amod", "compound", "prep"} and c.lower_ != "south" for c in token.children)
        ):
            # "The Ukrainians have been saying 11,000", "the South Koreans told NATO": that country
            name = "South Korea" if token.doc[token.i - 1].lower_ == "south" else people
            return self.registry.resolve(name), token.doc[token.i - 1 : token.i + 1]
        if token.pos_ == "NOUN" and (called := _call_sign(token)) is not None:
            return called, _mention_span(token)
        if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.ent_type_ != "PERSON"):
            # "the State Secretary of the Security Council, Alexander Volfovich": the named person speaks
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                    return self.resolve_token(child, memory)
                if child.dep_ == "appos" and child.pos_ == "PROPN" and token.lemma_.lower() in OUTLET_NOUNS:
                    # "Another channel, Okopnaya Pravda (...), claimed": the outlet's name speaks
                    start = child.left_edge.i + (child.left_edge.dep_ == "det")
                    name = token.doc[start : child.i + 1]
                    known = self.registry.resolve(name.text)
                    return (known if known.known else Source(name.text, name.text, "media", "media", "media")), name
            if token.pos_ == "NOUN" and (joint := _joint_owners(token)) is not None:
                return joint
            if (named := self._named_holder(token, memory)) is not None:
                return named
        if (
            token.lemma_.lower() in MESSAGE_NOUNS
            or token.lower_ in MESSAGE_NOUNS
            or (token.lower_ == "paper" and any(c.lower_ == "white" for c in token.lefts))
            or token.lemma_.lower() in EVIDENCE_NOUNS  # "Ukrainian special forces footage": whoever filmed it
        ):
            # "Seoul's estimate", "by its count": the possessor speaks
            for child in token.children:
                if child.dep_ == "poss" and child.lower_ not in {"whose"}:
                    resolved = self.resolve_token(child, memory)
                    if (
                        resolved
                        and resolved[0].kind == "country"
                        and token.lower_ == "paper"
                        and any(t.lower_ in {"defense", "defence"} for t in token.subtree if t.i < token.i)
                    ):
                        # "South Korea's 2022 defense white paper": that country's defence ministry
                        ministry = self.registry.resolve(f"{resolved[0].name} Defense Ministry")
                        if ministry.known:
                            return ministry, resolved[1]
                    if resolved and resolved[0].kind == "country" and (body := memory.recent_body(resolved[0])):
                        return body, resolved[1]  # "Ukraine's General Staff said ... Kyiv's tally puts": that body
                    if resolved:
                        return resolved
            if _owner_modifier(token) or _evidence_owner(token):
                # "a Pentagon figure", "Western estimates", "a Ukrainian media report": the named owner
                name = _name_span(token)
                head = token.lemma_.lower() if token.lemma_.lower() in {"report", "estimate"} else token.lower_
                owners = [c for c in token.lefts if c.dep_ in {"amod", "compound"}]
                if any(g.dep_ == "conj" for c in owners for g in c.children):
                    # "Ukrainian, South Korean and US estimates": a joint finding keeps its owners as written
                    return Source(name.text, name.text, "government", None, "organization"), name
                owner = self.registry.resolve(name.text, head=head)
                adjective = " ".join(o.text for o in owners)
                if not owner.known and owner.country and all(o.tag_ in {"JJ", "NNP"} for o in owners):
                    # "the British figure", "South Korean estimates": that country's, by the words naming it
                    country = self.registry.resolve(owner.country)
                    if country.known and country.kind == "country" and country_in(adjective) == owner.country:
                        return country, name
                if owner.name and token.lemma_.lower() in EVIDENCE_NOUNS and name.start < token.i:
                    # "Ukrainian special forces footage": the owner who filmed it, not the footage
                    owners_only = token.doc[name.start : token.i]
                    found = self.registry.resolve(owners_only.text)
                    if found.name:
                        return found, owners_only
                if owner.name:
                    return owner, name
            # "a message from X", "figures circulated by X", "data released by X" (never "from early November")
            for child in token.children:
                candidates = []
                if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                    candidates = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in TIME_ENTS]
                elif child.dep_ in {"acl", "relcl"}:
                    for grandchild in child.children:
                        if grandchild.dep_ == "agent" or (grandchild.dep_ == "prep" and grandchild.lower_ == "by"):
                            candidates = [c for c in grandchild.children if c.dep_ == "pobj"]
                for candidate in candidates:
                    resolved = self.resolve_token(candidate, memory)
                    if resolved:
                        return resolved
            if (recalled := self._earlier_finding(token, memory)) is not None:
                return recalled, _mention_span(token)
            if token.lemma_.lower() in NON_SPEAKERS or token.lower_ in {"figures", "data", "estimates", "reports"}:
                return None
        mention = _mention_span(token)
        name = _name_span(token)
        head = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
        # "the agency", "the official", "the minister": an earlier speaker of that kind.
        definite = any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in token.children
        ) or (token.i > 0 and token.doc[token.i - 1].lower_ == "the")  # the parser sometimes drops the det arc
        plain = all(
            t.i == token.i
            or t.lower_ in {"spy", "intelligence", "news", "defence", "defense", "foreign", "same", "latter", "former"}
            for t in name
        )
        common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)  # "the president" tagged PROPN
        if (
            common
            and plain
            and definite
            and lower in _ONE_PERSON
            and not _introduced_by_of(token)
            and (earlier := memory.recall_anonymous(lower, kinds={"person", "anonymous"})) is not None
        ):
            return earlier, mention  # "said the soldier" after "a Russian contract soldier ... said"
        if (
            (common or lower == "old")  # "said the 41-year-old"
            and definite
            and (lower in _ONE_PERSON or lower == "old")
            and _AGED.search(name.text)
            and (earlier := memory.recall_private_person()) is not None
        ):
            # '"...," said the 34-year-old machine-gunner': the person the story named, described again by age
            return earlier, mention
        if common and plain and definite and lower in ANAPHORS and not _introduced_by_of(token):
            # "the agency said", "according to the president": an actor named earlier, first in this sentence
            # ("a closed-door NIS briefing, in which the agency said"), then before it
            # "according to the ministry": the last body called a ministry, before any other organization
            recalled = (
                self._named_earlier(token, ANAPHORS[lower])
                or memory.recall_named(lower)
                # "the source": the last voice called a source, before any other anonymous voice
                or (memory.recall_anonymous(lower) if lower in {"source", "official", "diplomat"} else None)
                # a ministry is never just any earlier body ("the Kremlin ... the ministry")
                or (memory.recall(ANAPHORS[lower]) if lower != "ministry" else None)
            )
            if recalled is None and ANAPHORS[lower] == "anonymous" and lower != "source":
                recalled = memory.recall("person")  # "the diplomat said" after naming Zakharova
            if recalled is not None:
                return recalled, mention
            if len(name) == 1 and ANAPHORS[lower] in {"any_thing", "media"} and lower not in OUTLET_NOUNS:
                return None  # "the report said" with no report before it names nobody ("the paper says" is kept)
            # "the intelligence service", "the agency, known as the NIS," with nobody to point back to: the typed
            # mention itself speaks (an unknown speaker is kept, never dropped)
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in NON_SPEAKERS
            and not _one_soldier(token)
            and not _other_sides_soldiers(token)
        ):
            return None  # "the move", "the figures": not a speaker
        # "says the commander of a drone unit": one unnamed person, whom a later "he" means
        is_person = (
            _is_person(token)
            or (token.tag_ == "NN" and token.lemma_.lower() in _ONE_PERSON)
            # "Maksym, a drone operator in a neighbouring unit, said": a name the recognizer missed, by its role
            or (
                token.pos_ == "PROPN"
                and any(c.dep_ == "appos" and c.lemma_.lower() in _PERSON_APPOSITIONS for c in token.children)
            )
        )
        if token.pos_ == "PROPN" and len(name) == 1 and (earlier := memory.last_full_name(token.text)):
            # Korean names put the family name first: "Park" later means "Park Sun-won".
            return earlier, mention
        text = name.text if (is_person or token.pos_ == "NOUN") else mention.text
        if token.pos_ == "NOUN" and token.lemma_.lower() in {"source", "official", "diplomat", "resident", "officer"}:
            # "a source in Ryanggang Province" -> "Ryanggang Province source": where the voice is, for telling
            # anonymous voices apart
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "inside", "within"}:
                    place = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                    if place is not None:
                        text = f"{token.doc[place.left_edge.i : place.i + 1].text} {text}"
                    break
        if name.text in {"South", "North"} and definite and len(name) == 1:
            text = f"{name.text} Korea"  # "The South believes ...": Korean usage for the two states
        if is_person and token.ent_type_ == "PERSON":
            # "Poland's Foreign Minister Radosław Sikorski" -> "Radosław Sikorski"
            entity = next(
                (e for e in doc_entities(token.doc) if e.start <= token.i < e.end and e.label_ == "PERSON"), None
            )
            if entity is not None:
                text = entity.text
        if (
            token.pos_ == "NOUN"
            and not is_person
            and self.registry.find_in(mention.text)
            and not self.registry.find_in(name.text)
        ):
            # "the public broadcaster of Ukraine, Suspilne": the apposition names it ("a gunner with one of
            # Ukraine's brigades" stays one person)
            text = mention.text
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
        if (
            not source.known
            and _GENERIC_INTELLIGENCE.fullmatch(mention.text)
            and (named := memory.recall("intelligence", known_only=True)) is not None
        ):
            return named, mention  # "Spy agency says ..." with no owner: the intelligence body the article has named
        if (
            not source.known
            and _BARE_DEFENCE_MINISTRY.fullmatch(mention.text)
            and (official := memory.last_speaker) is not None
            and official.known
            and official.country
            and (ministry := self.registry.defence_ministry_of(official.country)) is not None
        ):
            # "The Ministry of Defence said" after Defence Secretary John Healey: the ministry of the official's country
            return self.registry._source(ministry, mention.text), mention
        return source, mention

    def _our_body(self, token: Token, memory: SpeakerMemory) -> Source | None:
        """ "Our intelligence says ..." in a speaker's turn or quote: that body of the speaker's country
        (a Ukrainian officer's "our intelligence" is Ukraine's HUR); None unless the registry knows it."""
        speaker = memory.last_speaker or memory.recall("human")
        if speaker is None or not speaker.country or speaker.country == "media":
            return None
        rest = " ".join(t.text for t in _name_span(token) if t.lower_ != "our")
        source = self.registry.resolve(f"{speaker.country} {rest}", head=token.lower_)
        return source if source.known and source.kind != "country" else None

    @staticmethod
    def _earlier_finding(token: Token, memory: SpeakerMemory) -> Source | None:
        """ "The assessment puts the dead at 1,000", "according to the estimate": whoever spoke last made it.

        Only a bare definite finding ("the/this assessment") refers back; "a Pentagon estimate" names its maker.
        """
        if token.lemma_.lower() not in FINDING_NOUNS or memory.last_speaker is None:
            return None
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in token.children):
            return None
        if any(c.dep_ in {"compound", "amod", "nmod", "poss"} and c.pos_ in {"PROPN", "PRON"} for c in token.children):
            return None
        if any(c.ent_type_ in {"NORP", "ORG", "GPE", "PERSON"} for c in token.children):
            return None
        return memory.last_speaker

    def _named_holder(self, token: Token, memory: SpeakerMemory) -> tuple[Source, Span] | None:
        """ "the head of Estonia's intelligence service, Kaupo Rosin,": the person who holds the role speaks.

        The parser often hangs the name on the organisation (or on the next verb) instead of the role noun, so
        the name is found by position: a PERSON entity right after a comma that closes the role phrase. The
        organisation is remembered too, so a later "the service" finds it.
        """
        if token.lemma_.lower() not in ROLE_NOUNS:
            return None
        doc = token.doc
        mention = _mention_span(token)
        for ent in doc_entities(doc):
            if ent.label_ != "PERSON" or ent.start <= token.i or ent.start > mention.end + 1:
                continue
            closed = ent.end >= len(doc) or doc[ent.end].text in {",", ")", "—", "–"} or ent.end == mention.end
            if doc[ent.start - 1].text != "," or not closed:
                continue
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for org in (c for c in prep.children if c.dep_ == "pobj" and c.i < ent.start):
                        body = self.registry.resolve(doc[org.left_edge.i : ent.start - 1].text, head=org.lower_)
                        if body.name and body.kind == "organization":
                            memory.remember(body)
            resolved = self.resolve_token(ent.root, memory)
            if resolved is not None:
                return resolved[0], doc[token.left_edge.i : ent.end]
        return None

    # --------------------------------------------------------------------------------------------- speech

    def _subject_of(self, verb: Token) -> Token | None:
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        for child in subjects:
            if child.dep_ in _SUBJECT_DEPS:
                if _question_label(child):
                    continue  # "Q: The Times reported ...": the parser makes the label a second subject
                if len(subjects) > 1 and any(t.text in {":", "):"} for t in verb.doc[child.i : verb.i]):
                    continue  # "Rep. Kang (PPP): The ministry's white paper puts ...": the label is not the subject
                if len(subjects) > 1 and any(c.dep_ == "nummod" for c in child.children):
                    continue  # "300 killed and 2,700 wounded fighting ..., the spy agency said": a count, not a speaker
                if any(
                    (first := _listed_before(other)) is not None and first <= child.i < other.i for other in subjects
                ):
                    continue  # "US, South Korean, and Japanese officials": the list's first owner, not the speaker
                if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                    return verb.head
                return child
        # "The week opened with the agency, HUR, reporting that ...": the with-phrase is the subject
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            for prep in verb.head.children:
                if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < verb.i:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and verb.i - pobj.right_edge.i <= 2:
                        return pobj
        # "X ..., saying ..." / "X said and added": the subject of the governing verb.
        if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
            inherited = self._subject_of(verb.head)
            if verb.dep_ == "conj" and inherited is not None and inherited.lemma_.lower() in NON_SPEAKERS:
                # "The offensive came a day after Ukraine's special forces published footage ..., and said ...":
                # the parser joins "said" to the main verb; the clause just before it has the speaker
                for clause in sorted((c for c in verb.head.children if verb.head.i < c.i < verb.i), reverse=True):
                    if clause.dep_ in {"advcl", "ccomp"} and clause.pos_ == "VERB":
                        own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                        if own is not None and own.lemma_.lower() not in NON_SPEAKERS:
                            return own
            return inherited
        # "..., who said": the noun the relative clause hangs on.
        if verb.dep_ == "relcl":
            return verb.head
        return None

    def _adjacent_actor(self, verb: Token, subject: Token) -> Token:
        """ "..., with a group of 1,500 troops ..., South Korea's NIS said": the actor next to a final verb.

        A long sentence-final tag is often parsed with a far-off noun as subject; when that noun names nobody and
        the phrase right before the verb names a registry actor, the tag's actor is the speaker.
        """
        doc = verb.doc
        # "North Korea has lost 1,100 soldiers, South Korea's Joint Chiefs of Staff (JCS) said": a conjoined
        # "said" inherits the first clause's subject, whatever that names
        inherited = verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        if subject.i > verb.i or (
            not inherited and (subject.pos_ != "NOUN" or self.registry.find_in(_name_span(subject).text))
        ):
            return subject
        before = verb.i - 1
        while before > subject.i and doc[before].pos_ in {"AUX", "ADV", "PART"}:
            before -= 1
        if doc[before].text == ")":  # "Service (NIS) said"
            while before > subject.i and doc[before].text != "(":
                before -= 1
            before -= 1
        if before <= subject.i or doc[before].pos_ != "PROPN" or doc[before].i == subject.i:
            return subject
        if not any(t.text == "," for t in doc[subject.i : before]):
            return subject
        comma = max(t.i for t in doc[subject.i : before] if t.text == ",")
        phrase = doc[comma + 1 : before + 1]
        # the head of the phrase between the comma and the verb ("Chiefs" of "Joint Chiefs of Staff")
        head = next((t for t in phrase if not (comma < t.head.i <= before) or t.head.i == t.i), doc[before])
        if head.pos_ not in {"PROPN", "NOUN"} or not self.registry.find_in(phrase.text):
            return subject
        return head

    def _named_earlier(self, token: Token, wanted: str) -> Source | None:
        """An intelligence body or outlet named earlier in ``token``'s own sentence, outside quotation marks."""
        if wanted not in {"intelligence", "media"}:
            return None
        sent = token.sent
        text = span_text(sent)[: token.idx - sent.start_char]
        quoted = _quoted_ranges(sent)
        for start, _end, actor in reversed(self.registry.find_in(text)):
            source = self.registry._source(actor, text[start:_end])
            if fits(source, wanted) and not any(a <= start < b for a, b in quoted):
                return source
        return None

    def _claim_of(self, noun: Token) -> tuple[Token, Token] | None:
        """(claimant, content) of "the claims of X about / that ...", "reports by X that ..."; else None.

        The content is the about-phrase or that-clause; the parser may hang "about" on the verb instead of the
        noun, so a prep "about" right after the claimant phrase counts too.
        """
        claimant = next(
            (
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in {"of", "by", "from", "in"}
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if (
            claimant is not None
            and claimant.head.lower_ == "of"
            and any(c.dep_ == "poss" for c in noun.children)
            and any(t.like_num for t in claimant.subtree)
        ):
            claimant = None  # "Kyiv's claim of 4,000 losses": the of-phrase is the content, the possessor claims
        in_media = claimant is not None and claimant.head.lower_ == "in"  # "reports in Western media that ..."

        if claimant is None and _owner_modifier(noun):
            # "a Ukrainian media report that dozens deserted": the noun names its own claimant
            content = self._that_content(noun)
            return (noun, content) if content is not None else None
        if claimant is None:
            # "Budanov's claim that 9,000 ...", "Kyiv's claim of 4,000 losses": the possessor claims, when a
            # that-clause or an of-phrase with a number says what
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ != "whose"), None)
            if owner is None:
                return None
            content = self._that_content(noun) or next(
                (
                    c
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ == "of" and any(t.like_num for t in c.subtree)
                ),
                None,
            )
            return (owner, content) if content is not None else None
        if claimant is None or claimant.lemma_.lower() in NON_SPEAKERS:
            return None
        # "claims of British tabloids about 5,000 ...": the about-phrase may hang on the claimant itself
        own = next((c for c in claimant.children if c.dep_ == "prep" and c.lower_ == "about"), None)
        inside = {t.i for t in own.subtree} if own is not None else set()
        if any(t.like_num or t.lemma_.lower() in NON_SPEAKERS for t in claimant.subtree if t.i not in inside):
            return None  # "reports of 3,000 troops": the figure, not a claimant
        name = _name_span(claimant).text
        source = self.registry.resolve(name, head=claimant.lemma_.lower())
        if not (source.known or source.kind in {"media", "anonymous"} or claimant.ent_type_ in {"PERSON", "ORG"}):
            return None
        if in_media and source.kind != "media":
            return None  # "reports in October", "claims in parliament": a time or a venue, not a claimant
        if own is not None:
            return claimant, own
        doc = noun.doc
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "about":
                return claimant, child
        if (content := self._that_content(noun)) is not None:
            return claimant, content
        after = claimant.right_edge.i + 1
        if after < len(doc) and doc[after].lower_ == "about" and doc[after].dep_ == "prep":
            return claimant, doc[after]
        return None

    @staticmethod
    def _that_content(noun: Token) -> Token | None:
        """The that-clause saying what a claim noun claims: its own clause, or one the parser hung on the verb
        when a time phrase came between ("points to the NIS assessment this week that 2,000 ...")."""
        for child in noun.children:
            if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                m.lower_ == "that" and m.dep_ == "mark" for m in child.children
            ):
                return child
        doc = noun.doc
        for mark in doc[noun.right_edge.i + 1 : min(noun.right_edge.i + 5, noun.sent.end)]:
            if mark.lower_ == "that" and mark.dep_ == "mark":
                clause = mark.head
                if clause.i > mark.i and clause.dep_ == "ccomp" and clause.head.is_ancestor(noun):
                    return clause
                return None
            if mark.is_punct or mark.pos_ in {"VERB", "AUX"}:
                return None
        return None

    @staticmethod
    def _stranded_subject(verb: Token) -> Token | None:
        """ "Western outlets had for months spoken of 12,000": an adverbial wedged after "had" makes the parser
        read "had" as the main verb and the participle as a modifier; the subject of "had" is the speaker."""
        if verb.dep_ != "acl" or verb.tag_ != "VBN":
            return None
        head = verb.head
        for _ in range(3):
            if head.lemma_.lower() in {"have", "be"} and head.pos_ in {"VERB", "AUX"}:
                return next((c for c in head.children if c.dep_ == "nsubj"), None)
            if head.head.i == head.i:
                break
            head = head.head
        return None

    @staticmethod
    def _inverted_subject(verb: Token) -> Token | None:
        """'"...," said a senior official, who ...': the noun phrase right after a quote-closing verb.

        The parser tends to lose the inverted subject to a following relative clause, so it is taken by position.
        """
        doc = verb.doc
        if verb.i == 0 or doc[verb.i - 1].text not in {",", '"', "”", "'", "’"} or verb.tag_ not in {"VBD", "VBZ"}:
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects and not _closing_inverted_tag(verb, objects[0]):
            return None  # ", put the contingent at 8,000": the noun after the verb is its object, not its speaker
        for chunk in doc.noun_chunks:
            if chunk.start == verb.i + 1:
                return chunk.root
            if chunk.start > verb.i + 1:
                break
        return None

    @staticmethod
    def _anaphoric_finding(noun: Token) -> bool:
        """ "That estimate, roughly 3,000 dead, came in an interview": a definite finding that is the subject of
        its clause and carries the figure in apposition points back to whoever gave the last figure."""
        return (
            noun.lemma_.lower() in FINDING_NOUNS
            and noun.dep_ in {"nsubj", "nsubjpass"}
            and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in noun.children)
            and (
                any(t.like_num for t in noun.subtree)
                # the parser may detach the apposition: "That estimate, about 2,000 killed, came ..."
                or (
                    noun.i + 2 < len(noun.doc)
                    and noun.doc[noun.i + 1].text == ","
                    and any(t.like_num for t in noun.doc[noun.i + 2 : noun.i + 5])
                )
            )
        )

    def _continuing_speaker(self, verb: Token, memory: SpeakerMemory) -> Token | None:
        """The subject of an act verb ("offered to swap the two prisoners") when it is whoever spoke in the
        sentence before and the clause holds a figure; a plain narrative subject is not a source."""
        if not any(t.like_num and t.head.tag_ == "NNS" for t in verb.subtree):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or (resolved := self.resolve_token(subject, memory)) is None:
            return None
        # a public figure's offer is a statement wherever it stands ("Zelensky also offered to hand the two
        # prisoners over"), as is the offer of whoever spoke just before
        public = resolved[0].kind == "person" and resolved[0].known
        return subject if public or resolved[0].name in {s.name for s in memory.previous} else None

    @staticmethod
    def _quoted_as_saying(verb: Token) -> Token | None:
        """The object of "A quoted/cited B as saying ...", else None."""
        if verb.lemma_.lower() not in {"quote", "cite"}:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        saying = any(t.lower_ == "as" for t in verb.subtree) and any(
            t.lemma_.lower() in {"say", "tell", "state"} and t.i != verb.i for t in verb.subtree
        )
        # "quoted the agency as estimating / putting / warning ...": any -ing report after "as" is the object's words
        reporting = any(t.tag_ == "VBG" and t.head.lower_ == "as" and t.head.head.i == verb.i for t in verb.subtree)
        return obj if saying or reporting else None

    @staticmethod
    def _figure_holder(verb: Token) -> Token | None:
        """The subject of a verb whose object is "a figure/estimate of N" ("held to a figure of 11,000")."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for noun in objects:
            if noun.lemma_.lower() not in FIGURE_OBJECTS:
                continue
            if any(t.dep_ == "relcl" and _given_figure(t) is not None for t in noun.subtree):
                continue  # "pointed to the estimate of 8,000 that Tokyo circulated": Tokyo made it
            numbers = [
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.subtree
                if g.like_num or g.pos_ == "NUM"
            ]
            if noun.dep_ == "dobj":
                # "Pentagon raises its estimate to about 10,000", "puts its count at 300"
                numbers += [
                    g
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in {"to", "at"}
                    for g in c.subtree
                    if g.like_num or g.pos_ == "NUM"
                ]
            if numbers:
                return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return None

    def _agent_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    # "expected by the end of the month", "sent by December": a deadline, not an agent
                    if grandchild.dep_ == "pobj" and not _time_word(grandchild):
                        return grandchild
        return None

    def _tagged_clause(self, verb: Token, subject: Token) -> Token | None:
        """The clause a bare reporting tag ("..., the agency told lawmakers", "X, Tesla said, ...") reports.

        The parser hangs such tags on the reported clause as parataxis, or as a conjunct/adverbial clause after
        a comma; the tag itself has no complement clause, so its own subtree never holds the figure.
        """
        head = verb.head
        if head.i == verb.i or head.pos_ not in {"VERB", "AUX"} or verb.dep_ not in {"parataxis", "conj", "advcl"}:
            return None
        recipients_ok = verb.lemma_.lower() in {"tell", "inform", "brief", "assure", "remind", "warn"}
        for child in verb.children:
            if child.dep_ in {"ccomp", "xcomp", "csubj", "parataxis", "attr", "acomp", "oprd"}:
                return None
            if child.dep_ == "dobj" and not (recipients_ok and child.pos_ in {"NOUN", "PROPN", "PRON"}):
                return None
            if child.dep_ == "mark" or child.dep_ == "cc":
                return None  # "because X said", "and X said": a clause of its own, not a tag
        if verb.dep_ != "parataxis":
            first = min(subject.left_edge.i, verb.i)
            if first == 0 or verb.doc[first - 1].text not in {",", "—", "–"}:
                return None
        return head

    def _affiliation(self, source: Source, mention: Span) -> Source | None:
        """ "a source in Ukraine's military intelligence": an anonymous voice inside a named body; the body is
        kept as ``via`` (the source stays anonymous, as written)."""
        if source.kind not in {"anonymous", "person"}:
            return None
        # "NIS Director Cho Tae-yong", "Lee Sung-jun, spokesman for the Joint Chiefs of Staff": a person speaking
        # for a body keeps the body as via
        for _start, _end, actor in self.registry.find_in(mention.text):
            if actor.kind == "organization" and actor.canonical != source.name:
                return self.registry._source(actor, actor.canonical)
        return None

    def _relay_in(self, span: Span | list[Token], memory: SpeakerMemory) -> Source | None:
        """ "following a briefing with the NIS", "citing an anonymous official", "briefed by" -> that source."""
        for token in span:
            if token.lemma_.lower() in {"briefing", "report", "assessment"} and (
                owner := next(
                    (c for c in token.children if c.dep_ in {"compound", "poss"} and self.registry.find_in(c.text)),
                    None,
                )
            ):
                # "lawmakers who attended the NIS briefing": the briefing's body relays
                found = self.registry.resolve(owner.text)
                if found.known and found.kind == "organization":
                    return found
            if token.lower_ in {"citing", "quoting"} or (
                token.lower_ in {"with", "by", "from"} and token.head.lemma_ in {"briefing", "brief", "information"}
            ):
                cited = [c for c in token.children if c.dep_ in {"pobj", "dobj"}]
                # "citing Ukrainian officers fighting near Sudzha": the parser may make the group the subject of
                # the participle that follows it
                cited += [g for c in token.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
                for child in cited:
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
                        and earlier.verb_i is None
                        and earlier.cue == "estimate"
                        and token.doc[verb_i].left_edge.i <= token.i
                    ):
                        earlier.verb_i, earlier.cue = verb_i, cue  # "a Pentagon figure ... put it at": the verb
                        continue
                    if (
                        earlier.start_char == span.start_char
                        and verb_i is not None
                        and earlier.verb_i is not None
                        and token.doc[verb_i].is_ancestor(token.doc[earlier.verb_i])
                    ):
                        earlier.verb_i, earlier.cue = verb_i, cue
                        return None
                # "X published footage ..., and said two dozen were killed": one speaker, a second speech verb of
                # its own (neither verb inside the other's clause)
                doc = token.doc
                same = [e.verb_i for e in speakers if e.start_char == span.start_char and e.verb_i is not None]
                if (
                    verb_i is None
                    or not same
                    or any(doc[v].is_ancestor(doc[verb_i]) or doc[verb_i].is_ancestor(doc[v]) for v in same)
                ):
                    return None
                fresh = False
            else:
                taken.update(t.i for t in span)
                fresh = True
            speaker = Speaker(source, span.start_char, span.end_char, cue, verb_i, via=self._affiliation(source, span))
            speakers.append(speaker)
            if fresh and (source.kind != "media" or cue != "according to"):
                memory.remember(source)  # at once: "NIS said it was confirming..." -> it = NIS
            elif fresh:
                memory.credited_media.append(source)
            return speaker

        for token in sent:
            lower = token.lower_
            # "according to X" / "based on X" / "per X" / "citing X"
            if lower == "according" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "to":
                for child in token.doc[token.i + 1].children:
                    if child.dep_ == "pobj":
                        speaker = add(child, "according to")
                        if speaker:
                            speaker.via = self._relay_in(token.doc[token.i : sent.end], memory) or speaker.via
            elif lower == "per" and token.dep_ == "prep":
                for child in token.children:
                    # "per the NIS", never "per soldier" or "per day"
                    if child.dep_ == "pobj" and (
                        child.pos_ == "PROPN" or self.registry.find_in(_name_span(child).text)
                    ):  # "per the NIS", "per South Korea's intelligence"
                        add(child, "according to")
            elif lower == "based" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "on":
                for child in token.doc[token.i + 1].children:
                    if child.dep_ == "pobj":
                        add(child, "based on")
            elif lower in {"citing", "quoting"}:
                continue  # handled as a relay of the verb's subject below
            elif token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS and (found := self._claim_of(token)):
                # "ridiculed the claims of Western media about 'thousands of soldiers'": the claimant speaks
                claimant, content = found
                resolved = self.resolve_token(claimant, memory)
                name = _name_span(claimant)
                if resolved is not None and not any(t.i in taken for t in name):
                    taken.update(t.i for t in name)
                    speakers.append(Speaker(resolved[0], name.start_char, name.end_char, "claim of", content.i))
                    memory.remember(resolved[0])
            elif (
                token.lemma_.lower() in FINDING_OWNED
                and token.pos_ == "NOUN"
                and token.dep_ == "pobj"
                and token.head.lower_ in {"by", "on", "under", "to"}
                and (maker := _finding_maker(token)) is not None
            ):
                add(maker, "according to")  # "By the count of our National Intelligence Service, some 300 ..."
            elif (
                token.lemma_.lower() in {"estimate", "count", "tally", "assessment", "calculation", "figure"}
                and token.pos_ == "NOUN"
                and (
                    any(c.dep_ == "poss" for c in token.children)
                    or (_owner_modifier(token) and _sourcing_position(token))
                    or self._anaphoric_finding(token)
                )
            ):
                # "by its count", "by Western estimates", "That estimate, roughly 3,000, came in an interview"
                add(token, "estimate")  # resolved through its owner, or whoever gave the last figure
            elif (
                token.pos_ == "NOUN"
                and token.lemma_.lower() in EVIDENCE_NOUNS
                and token.dep_ == "pobj"
                and token.head.lower_ in {"in", "on"}
                and token.head.head.lemma_.lower() in DEPICTING_VERBS
                and (_owner_modifier(token) or _evidence_owner(token))
            ):
                # "an engagement described in Ukrainian special forces footage, dozens ... killed": whose footage
                add(token, "according to")
            elif (
                token.lower_ in {"put", "puts"}
                and token.dep_ == "aux"
                and _puts_at_number(token.head)
                and (holder := next((c for c in (*token.children, *token.head.children) if c.dep_ == "nsubj"), None))
                is not None
            ):
                # "The JCS put killed and wounded at 4,000": the parser reads "put" as an auxiliary of "killed"
                add(holder, "put", token.head.i)
            elif token.like_num and (owner := next((c for c in token.children if c.dep_ == "poss"), None)):
                # "the NIS's initial 1,500": the figure is the possessor's; nested, so a reporter of it relays
                add(owner, "estimate", token.i)
            elif (
                token.pos_ == "VERB"
                and _shows_figures(token)
                and (shower := next((c for c in token.children if c.dep_ == "nsubj"), None)) is not None
            ):
                # "Zelensky released video of two North Korean soldiers captured in Kursk": who shows them
                add(shower, "show", token.i)
            elif token.pos_ == "VERB" and (reviser := _revised_finding(token)) is not None:
                # "a toll Kyiv has since revised to nearly 4,000": the reviser gives the new figure
                add(reviser, "revise", token.i)
            elif token.pos_ == "VERB" and (given := _given_figure(token)) is not None:
                # "the figure of 12,000 that Kyiv's intelligence has given": the giver made the finding
                add(next(c for c in token.children if c.dep_ == "nsubj"), token.lemma_.lower(), given.i)
            elif (
                token.pos_ == "VERB"
                and token.lemma_.lower() in PLEDGE_VERBS
                and (pledger := self._continuing_speaker(token, memory)) is not None
            ):
                # "He also offered to swap the two prisoners": the speaker of the last sentence goes on
                add(pledger, token.lemma_.lower(), token.i)
            elif (mistagged := _mistagged_claim(token)) is not None:
                # "A Ukrainian Telegram channel close to the military claims that ...": "claims" read as a noun
                add(mistagged[0], "claim", mistagged[1].i)
            elif (token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS) or _mistagged_verb(token):
                if token.lemma_.lower() == "report" and token.tag_ == "VBN" and token.dep_ == "amod":
                    continue
                if (
                    token.lemma_.lower() in CLAUSE_ONLY
                    and not any(
                        c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS)
                        for c in token.children
                    )
                    and not (token.lemma_.lower() == "put" and _puts_at_number(token))
                    and not _tallied(token)
                ):
                    continue
                if _narrates(token) or any(
                    a.lemma_.lower() in NARRATIVE_OBJECTS or _narrates(a) for a in token.ancestors
                ):
                    continue  # "notebooks ... tell a story (X refuses to tell)": narration, nobody reports a figure
                subject = self._subject_of(token)
                if (
                    subject is not None
                    and subject.i < token.i
                    and _inside_quotes(subject, sent)
                    and not _inside_quotes(token, sent)
                    and (inverted := self._inverted_subject(token)) is not None
                ):
                    # '"Koreans," says the operator, ...': the quoted words are what was said, not who said it
                    subject = inverted
                passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children) or _reduced_passive(token)
                if (
                    subject is not None
                    and passive
                    and token.lemma_.lower() in {"quote", "cite"}
                    and any(
                        t.lemma_.lower() in {"say", "tell", "state"}
                        and t.head.lower_ == "as"
                        and t.head.head.i == token.i
                        for t in token.subtree
                    )
                ):
                    add(subject, "say", token.i)  # '"...," the NIS was quoted as saying': the quoted body speaks
                    continue
                if subject is not None and (passive or subject.dep_ == "nsubjpass"):
                    # "troops are said to be...": the subject is the content, not the speaker
                    agent = self._agent_of(token)
                    if (
                        agent is None
                        and token.lemma_.lower() in {"tell", "brief", "inform"}
                        and subject.lemma_.lower() in AUDIENCES
                        and memory.last_speaker is not None
                    ):
                        # "..., the lawmakers were told": by whoever last briefed them
                        speakers.append(
                            Speaker(memory.last_speaker, subject.idx, subject.idx + len(subject.text), "say", token.i)
                        )
                        continue
                    subject = agent
                if subject is None:
                    agent = self._agent_of(token)
                    if agent is not None:
                        add(agent, "agent", token.i)
                        continue
                    if passive or (
                        token.dep_ == "acl"
                        and token.tag_ == "VBN"
                        and token.i + 1 < sent.end
                        and token.doc[token.i + 1].lower_ in {"at", "to"}
                    ):
                        # "The army is said to have ...", "an elite unit estimated at 45,000": nobody is named
                        continue
                    # ", South Korea's spy agency said." mis-parsed as an apposition: the noun before the verb
                    before = token.doc[token.i - 1] if token.i > sent.start else None
                    while before is not None and before.pos_ in {"AUX", "ADV", "PART"} and before.i > sent.start:
                        before = token.doc[before.i - 1]
                    if (earlier := _subject_of_clause_before(token)) is not None:
                        add(earlier, token.lemma_.lower(), token.i)  # "Zelensky calls ..., says Russia has ..."
                    elif (stranded := self._stranded_subject(token) or _subject_in_time_phrase(token)) is not None:
                        add(stranded, token.lemma_.lower(), token.i)
                    elif before is not None and before.pos_ in {"NOUN", "PROPN"} and before.ent_type_ not in TIME_ENTS:
                        add(before, token.lemma_.lower(), token.i)
                    elif (inverted := self._inverted_subject(token)) is not None:
                        add(inverted, token.lemma_.lower(), token.i)
                    continue
                subject = self._adjacent_actor(token, subject)
                if (quoted := self._quoted_as_saying(token)) is not None:
                    # "Lee quoted the NIS as saying ...": the quoted body speaks, the quoter relays
                    relay = self.resolve_token(subject, memory)
                    if (speaker := add(quoted, "say", token.i)) is not None and relay is not None:
                        speaker.via = relay[0]
                    continue
                speaker = add(subject, token.lemma_.lower(), token.i)
                if speaker and _relative_report(token):
                    speaker.verb_i = token.head.i  # "11,000 soldiers that Seoul says were sent": the noun's clause
                if speaker:
                    # "X, citing Y, said" / "X said, citing Y": only a relay inside the speaker's own clause counts
                    clause = sorted({t.i for t in subject.subtree} | {t.i for t in token.subtree})
                    speaker.via = self._relay_in([token.doc[i] for i in clause], memory) or speaker.via
                    if (tagged := self._tagged_clause(token, subject)) is not None:
                        speaker.verb_i = tagged.i  # ", Tesla said, ...": the tag reports the clause it hangs on
            elif token.pos_ == "VERB" and (holder := self._figure_holder(token)) is not None:
                # "Seoul has held to a figure of 11,000", "officials floated an estimate of 30,000"
                add(holder, token.lemma_.lower(), token.i)
            elif token.dep_ == "agent" and token.head.lemma_.lower() in {
                "share",
                "provide",
                "report",
                "confirm",
                "release",
                "publish",
                "disclose",
                "give",
                "supply",
                "present",
                "issue",
                "compile",
            }:
                # "The figures were given by X": a sentence that credits figures stated just before
                cue = "figures from" if _refers_to_figures(token.head) else "agent"
                for child in token.children:
                    if child.dep_ == "pobj":
                        add(child, cue, token.head.i)
        # A figure relayed from a media outlet: "NIS said ..., according to Yonhap" keeps NIS, notes Yonhap.
        verbal = [s for s in speakers if s.verb_i is not None]
        if speakers:
            # the main speaker of the sentence: the speech verb nearest the root, else the first cue
            main = min(verbal, key=lambda s: _depth(sent.doc[s.verb_i])) if verbal else speakers[0]
            memory.last_speaker = main.source
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
        # "..., says NIS" (a headline's inverted tag, which the parser reads as an object)
        inverted = (
            r"[,;:][\"”’']?\s+(?:says|said|reports|reported|claims|claimed)\s+"
            r"((?:the\s+)?[^,;:\s][^,;:]{1,60}?)\s*[.!\"”]*\s*$"
        )
        match = (
            re.search(final_tag, span_text(sent))
            or re.search(rf",\s+((?:the\s+)?[^,;:]{{2,40}}?)\s+{verbs},", span_text(sent))
            or re.search(inverted, span_text(sent))
        )
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
        memory.remember(source, spoke=True)
        start = sent.start_char + match.start(1)
        return Speaker(source, start, start + len(mention), "trailing")

    def citing_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "The Wall Street Journal, citing Ukrainian soldiers, reported that ...": the small model often reads the
        cited group as the subject of the report; the phrase before the comma is the speaker, the cited one relays."""
        text = span_text(sent)
        match = _CITING_TAG.match(text)
        if match is None:
            return None
        who = match.group("who")
        if not (self.registry.find_in(who) or re.search(r"\b[A-Z]", who)):
            return None
        source = self.registry.resolve(who, head=who.split()[-1].lower())
        if not source.name:
            return None
        verb = next((t for t in sent if t.idx == sent.start_char + match.start("verb")), None)
        memory.remember(source, spoke=True)
        start = sent.start_char + match.start("who")
        relay = self.registry.resolve(match.group("relay"))
        return Speaker(
            source,
            start,
            start + len(who),
            verb.lemma_.lower() if verb else "say",
            verb.i if verb is not None else None,
            via=relay if relay.name else None,
        )

    def table_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """A row of a plain-text table ("Nov 4    Zelensky    11,000    troops in Kursk"): the cell under a
        SOURCE-like header names who gave the row's figure; with no such header, a cell that is an actor."""
        row = table_row(sent)
        if row is None:
            return None
        line_start, line, cells, header = row
        chosen = None
        if header is not None:
            column = next((c for c in header if _SOURCE_COLUMN.fullmatch(c[2])), None)
            if column is not None and "|" in line:
                # pipe tables do not align their columns: the cell in the same place in the row
                at = header.index(column)
                chosen = cells[at] if len(cells) == len(header) else None
            elif column is not None:
                chosen = next((c for c in cells if c[0] < column[1] and column[0] < c[1]), None)
                if chosen is None or any(ch.isdigit() for ch in chosen[2]):
                    return None
        if chosen is None:
            for cell in cells:
                hits = self.registry.find_in(cell[2])
                if hits and hits[0][0] == 0 and hits[0][1] >= len(cell[2]) - 1:
                    chosen = cell
                    break
        if chosen is None:
            return None
        source = self.registry.resolve(chosen[2])
        memory.remember(source, spoke=True)
        return Speaker(source, line_start + chosen[0], line_start + chosen[1], "colon")

    def parenthetical_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "... 600 dead (NIS briefing to lawmakers, April 30)": a source note in brackets at the end."""
        text, offset = span_text(sent), sent.start_char
        match = re.search(r"\(([^()]{2,80})\)\s*[.;]?\s*$", text)
        if not match and "\n" not in sent.doc.text[sent.start_char : sent.end_char].rstrip(" \t")[-1:]:
            # "• 28,500: U.S. service members in South Korea. (U.S. Forces Korea)": a credit after the full stop,
            # which the sentence splitter puts on its own (on the same line: a bracket line below is a new note)
            line_end = sent.doc.text.find("\n", sent.end_char)
            offset = sent.end_char
            text = sent.doc.text[offset : len(sent.doc.text) if line_end < 0 else line_end]
            match = re.fullmatch(r"\s*\(([^()]{2,80})\)\s*", text)
        if not match:
            return None
        note = match.group(1)
        if not (hits := self.registry.find_in(note)):
            # "(South Korean defence white paper)": a source the registry lacks, named by what it is
            if not _SOURCE_NOTE.search(note) or not country_in(note):
                return None
            source = self.registry.resolve(note)
            start, end = len(note) - len(note.lstrip()), len(note.rstrip())
        else:
            # "(US Secretary of State Antony Blinken)": the person, not the country before the name
            start, end, _actor = min(hits, key=lambda h: (h[2].kind != "person", h[0]))
            source = self.registry.resolve(note[start:end])
        memory.remember(source, spoke=True)
        offset += match.start(1)
        return Speaker(source, offset + start, offset + end, "colon")

    def colon_speaker(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "Lukashenko: 'It's nonsense'", "South Korea NIS (Oct. 18): 12,000 planned" -> the named actor."""
        if (claimed := self._fact_check_claim(sent, memory)) is not None:
            return claimed
        match = re.match(r"\s*([^:]{2,60}?)\s*(?:\([^)]*\))?\s*:\s+\S", span_text(sent))
        if match and any(
            t.pos_ in {"VERB", "AUX"} and t.idx < sent.start_char + match.end(1) for t in sent if not t.is_title
        ):
            # "Kim Jong Un can afford it, at least in raw numbers: he commands ...": a clause, not a label
            return self._credit_line(sent, memory)
        if not match:
            return self._credit_line(sent, memory)
        if (guest := self._named_guest(sent, match)) is not None:
            memory.remember(guest.source, spoke=True)
            return guest
        hits = self.registry.find_in(match.group(1))
        if not hits:
            return self._credit_line(sent, memory)
        start, end, _actor = hits[0]
        source = self.registry.resolve(match.group(1)[start:end])
        memory.remember(source, spoke=True)
        return Speaker(source, sent.start_char + start, sent.start_char + end, "colon")

    def _named_guest(self, sent: Span, label: re.Match[str]) -> Speaker | None:
        """ "Daniel Park, Asia Security Institute: Right now you have ...": a transcript turn labelled with a
        person's name and affiliation is that person's, not the place or body the affiliation names."""
        start = sent.start_char + label.start(1)
        person = next((e for e in sent.ents if e.label_ == "PERSON" and e.start_char == start), None)
        if person is None:
            return None
        rest = sent.doc.text[person.end_char : sent.start_char + label.end(1)]
        if rest.strip() and not rest.startswith(","):
            return None
        known = self.registry.resolve(person.text, is_person=True)
        source = (
            known if known.kind == "person" else Source(person.text, label.group(1), None, country_in(rest), "person")
        )
        return Speaker(source, person.start_char, person.end_char, "colon")

    def _fact_check_claim(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """'CLAIM (post on X, shared 40,000 times): "..."': a fact-check's claim line names its claimant in
        brackets (an actor, else the post or outlet as written); its "VERDICT:" line is the article's voice."""
        match = re.match(r"\s*(?:THE\s+)?CLAIM(?:ED)?S?\s*\((?:by\s+)?([^()]{2,80})\)\s*:", span_text(sent))
        if not match:
            return None
        note = match.group(1)
        if hits := self.registry.find_in(note):
            start, end, _actor = hits[0]
            source = self.registry.resolve(note[start:end])
        else:
            # "post on X, shared 40,000 times" -> "post on X"; "viral Telegram video" as written
            end = next((m.start() for m in re.finditer(r",|;|\s+[-–—]\s+", note)), len(note))
            start = len(note) - len(note.lstrip())
            name = note[start:end].strip()
            source = Source(name, name, "media", "media", "media")
        memory.remember(source, spoke=True)
        offset = sent.start_char + match.start(1)
        return Speaker(source, offset + start, offset + end, "colon")

    def _credit_line(self, sent: Span, memory: SpeakerMemory) -> Speaker | None:
        """ "Troops in Russia suffer 1,100 casualties: JCS": a wire headline credits its source after a colon."""
        _line_start, line_end, whole_line = _line_of(sent)
        if not whole_line and re.search(r"\s[-–—]\s*$", span_text(sent)):
            # "- 3,000: troops in Russia by late October — John Kirby, White House spokesman.": the splitter cuts
            # the line at the dash; the credit is the rest of the line
            text = sent.doc.text[sent.start_char : line_end]
            return self.credit_line(text, sent.start_char, memory, True)
        return self.credit_line(span_text(sent), sent.start_char, memory, whole_line)

    def credit_line(self, text: str, offset: int, memory: SpeakerMemory, whole_line: bool = False) -> Speaker | None:
        """The actor that alone closes ``text`` after a colon, or after a dash when ``text`` is a whole line (a
        headline: "Losses exceed 3,000 – Zelensky"); ``offset``: where ``text`` starts in the doc."""
        match = re.search(r"\S\s*:\s+([^:]{2,50}?)\s*$", text) or (
            re.search(r"\S\s+[-–—]\s+([^:\-–—]{2,90}?)[.\s]*$", text) if whole_line else None
        )
        if not match:
            return None
        tail = match.group(1)
        hits = self.registry.find_in(tail)
        if whole_line and hits and not tail[: hits[0][0]].strip() and re.match(r",\s*\S", tail[hits[0][1] :]):
            # "... by late October — John Kirby, White House national security spokesman.": the name, then its role
            tail = tail[: hits[0][1]]
            hits = hits[:1]
        if len(hits) != 1 or tail[: hits[0][0]].strip() or tail[hits[0][1] :].strip():
            return None  # only a bare actor name closes the line
        source = self.registry.resolve(tail)
        memory.remember(source, spoke=True)
        start = offset + match.start(1)
        return Speaker(source, start, start + len(tail), "colon")

    def remember_mentions(self, sent: Span, memory: SpeakerMemory) -> None:
        """Actors named anywhere in a sentence: later "the agency" or "the president" may mean them.

        A person named only inside a quotation ("'... together with Putin ...,' he said") is not who a later
        "he" means: the quoted speaker is.
        """
        quoted = _quoted_ranges(sent)
        for start, end, actor in self.registry.find_in(span_text(sent)):
            if actor.kind == "person" and any(a <= start < b for a, b in quoted):
                continue
            if actor.kind == "person":
                # "HUR chief Kyrylo Budanov", "the Kremlin spokesman": a role alias names a body too ("the agency")
                words = re.split(r"\s+", span_text(sent)[start:end])
                body = " ".join(w for w in words if w.lower().strip(",.") not in ROLE_NOUNS | _ROLE_WORDS)
                for _s, _e, inner in self.registry.find_in(body) if body else []:
                    if inner.kind in {"organization", "alliance"} and inner.canonical != actor.canonical:
                        memory.remember(self.registry._source(inner, body))
            if actor.kind in {"person", "organization"}:
                memory.remember(self.registry._source(actor, span_text(sent)[start:end]))

    def _may_be_outlet(self, mention: str) -> bool:
        """Cheap test before resolving a subject: only a registry name or a media word can make it an outlet."""
        words = mention.lower().split()
        return (
            bool(self.registry.find_in(mention))
            or role_type(mention) == "media"
            or bool(words and words[-1] in MEDIA_HEADS)
        )

    def remember_subjects(self, sent: Span, memory: SpeakerMemory) -> None:
        """Named people who act in a sentence become candidates for a later "he" or "she" (not inside quotes)."""
        quoted = _quoted_ranges(sent)
        for token in sent:
            if any(a <= token.idx - sent.start_char < b for a, b in quoted):
                continue
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
            elif token.dep_ in _SUBJECT_DEPS and token.pos_ == "PROPN" and (known := memory.last_full_name(token.text)):
                memory.remember(known)  # "Tesla has his own count. His unit, he says, ...": a name met before
            elif (
                token.dep_ in _SUBJECT_DEPS
                and token.pos_ == "PROPN"
                and token.head.pos_ in {"VERB", "AUX"}
                and self._may_be_outlet(_mention_span(token).text)
            ):
                resolved = self.resolve_token(token, memory)
                if resolved and resolved[0].kind == "media":
                    memory.remember(resolved[0])  # "The Hindustan Times carries a piece ... the paper says"


# ------------------------------------------------------------------------------------------ doc structure

# A header cell that names who gave a table row's figure.
_SOURCE_COLUMN = re.compile(r"(?i)source|sources|who|by|claimed by|according to|estimated by|said by|attributed to")


def table_row(
    sent: Span,
) -> tuple[int, str, list[tuple[int, int, str]], list[tuple[int, int, str]] | None] | None:
    """The table line a sentence starts on (its start, text, cells and the table's header, if any), or None when
    the line is not a row of three or more cells."""
    text = sent.doc.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    line_end = text.find("\n", sent.start_char)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    cells = _table_cells(line)
    if len(cells) < 3:
        return None
    return line_start, line, cells, _table_header(text, line_start)


def _table_cells(line: str) -> list[tuple[int, int, str]]:
    """The cells of a plain-text table line: runs of text separated by two or more spaces (or tabs), or by pipes
    ("18 Oct | NIS | 1,500")."""
    if line.count("|") >= 2:
        return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^|\s](?:[^|]*[^|\s])?", line)]
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line.replace("\t", "  "))]


def _pipe_header(cells: list[tuple[int, int, str]], line: str) -> bool:
    """A pipe table's header row: words in every cell and no figures ("Date | Source | Estimate")."""
    return line.count("|") >= 2 and all(not any(ch.isdigit() for ch in c[2]) for c in cells)


def _table_header(text: str, line_start: int) -> list[tuple[int, int, str]] | None:
    """The header of the table a row belongs to: the nearest line above, in the same block of lines, whose three
    or more cells are all in capitals."""
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip():
            return None
        cells = _table_cells(line)
        if re.fullmatch(r"[\s|:+-]+", line):
            end = start - 1  # a markdown rule under the header ("---|---|---")
            continue
        if len(cells) >= 3 and (
            _pipe_header(cells, line) or all(c[2].upper() == c[2] and any(ch.isalpha() for ch in c[2]) for c in cells)
        ):
            return cells
        end = start - 1
    return None


def _line_of(sent: Span) -> tuple[int, int, bool]:
    """(start, end) of the line a sentence starts on, and whether the sentence is that whole line (a heading)."""
    text = sent.doc.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    line_end = text.find("\n", sent.start_char + len(span_text(sent).rstrip()))
    line_end = len(text) if line_end < 0 else line_end
    return line_start, line_end, text[line_start:line_end].strip() == span_text(sent).strip()


def in_quotation(info: SentenceInfo) -> bool:
    """The sentence opens with a quote mark, or sits inside a quotation opened earlier in its paragraph."""
    text = info.span.doc.text
    start = info.span.start_char
    if re.match(r"\s*[\"“]", info.span.text):
        return True
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def unquoted_speaker(info: SentenceInfo) -> Speaker | None:
    """The first speaker of a sentence named outside its quotation marks ('"... the enemy adds ...," X said')."""
    quoted = _quoted_ranges(info.span)  # including a quotation opened in an earlier sentence
    offset = info.span.start_char
    for speaker in info.speakers:
        if not any(a <= speaker.start_char - offset < b for a, b in quoted):
            return speaker
    return None


_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$|;\s*$")


def _share_across_colon(prev: SentenceInfo, info: SentenceInfo, attributor: Attributor, memory: SpeakerMemory) -> None:
    """ "4,700: killed or wounded (NIS briefing)", "... casualties: JCS": the parser splits a line at its colon;
    the credit after the colon belongs to the figure before it too."""
    text = info.span.doc.text
    prev_end = prev.span.start_char + len(prev.span.text.rstrip())
    if prev.skip or prev.speakers or not text[:prev_end].endswith(":") or "\n" in text[prev_end : info.span.start_char]:
        return
    line = text[prev.span.start_char : info.span.end_char]
    credit = None if info.speakers else attributor.credit_line(line, prev.span.start_char, memory)
    if credit is not None:
        info.speakers = [credit]
    carried = credit or next((s for s in info.speakers if s.cue == "colon"), None)
    if carried is not None:
        prev.speakers = [carried]


def _name_role_holders(doc: Doc, infos: list[SentenceInfo], registry: ActorRegistry) -> None:
    """ "Polish defence minister warns ..." (headline) -> the person the article names in that role elsewhere
    ("Polish Defence Minister Władysław Kosiniak-Kamysz"): the guideline wants the person, not the title."""
    people = [e for e in doc_entities(doc) if e.label_ == "PERSON"]
    for info in infos:
        for speaker in info.speakers:
            source = speaker.source
            words = source.name.split()
            if source.known or source.kind not in {"person", "organization"} or len(words) < 2:
                continue
            if words[-1].lower() not in ROLE_NOUNS:
                continue  # only a bare title ("defence minister") is looked up
            if country_in(words[0]):
                words = words[1:]  # "Polish defence minister" is "Poland's ... Defence Minister" elsewhere
            role = r"\s+".join(re.escape(w) for w in words)
            for ent in people:
                line_start = doc.text.rfind("\n", 0, ent.start_char) + 1
                before = doc.text[max(line_start, ent.start_char - 80) : ent.start_char]
                if re.search(rf"(?i)\b{role},?\s+$", before) and country_in(before) == source.country:
                    speaker.source = registry.resolve(ent.text, is_person=True)
                    break


def _name_call_signs(infos: list[SentenceInfo]) -> None:
    """ "A Ukrainian special forces officer ... told the Guardian ..." and, a paragraph later, "The officer, who asked
    to be identified only by his call sign, Hrim, said ...": the anonymous officer quoted before is Hrim."""
    for position, info in enumerate(infos):
        for speaker in info.speakers:
            source = speaker.source
            if source.kind != "person" or source.type != "military" or not source.mention.endswith(f"({source.name})"):
                continue
            head = source.mention[: -len(source.name) - 2].split()[-1].lower()
            for earlier in infos[max(0, position - 8) : position]:
                for other in earlier.speakers:
                    unnamed = not other.source.known and other.source.kind not in {"country", "media"}
                    if unnamed and other.source.name.lower().endswith(head) and other.source.name != source.name:
                        other.source = source
    # "... says the commander of a drone unit. He goes by the call sign "Leleka."": the commander is Leleka, in
    # the sentences before and after
    for position, info in enumerate(infos):
        text = span_text(info.span)
        if not _CALL_SIGN_SENTENCE.match(text) or (found := _CALL_SIGN.search(text)) is None:
            continue
        before = [
            s
            for earlier in infos[max(0, position - 2) : position]
            for s in earlier.speakers
            if not s.source.known and s.source.kind in {"person", "anonymous"}
        ]
        if not before:
            continue
        old = before[-1].source
        named = Source(found.group(1), f"{old.mention} ({found.group(1)})", "military", old.country, "person")
        for other in infos[max(0, position - 2) : position + 8]:
            for speaker in other.speakers:
                if speaker.source.name == old.name:
                    speaker.source = named


QUESTION_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "MODERATOR", "OPERATOR", "AUDIENCE MEMBER"})
# An interview's answer label: the turn belongs to the interviewee the introduction named.
ANSWER_LABELS = frozenset({"A", "ANSWER"})
# A fact-check's ruling labels: the article's own voice.
VERDICT_LABELS = frozenset({"VERDICT", "OUR VERDICT", "RATING", "RULING", "THE FACTS", "FACT CHECK", "CONTEXT"})
HONORIFICS = frozenset(
    """
MR MS MRS MISS DR GEN GENERAL ADM ADMIRAL SECRETARY SEC AMB AMBASSADOR SEN SENATOR REP COL LT MAJ CAPT PRESIDENT
MINISTER SPOKESMAN SPOKESWOMAN SPOKESPERSON DEPUTY DIRECTOR CHAIRMAN PROF
""".split()
)
# Ranks and titles that put a name after them ("Colonel Andriy Marchenko", "Sgt. Oleh Koval").
RANKS = frozenset(
    """
colonel col lieutenant lt major maj captain capt sergeant sgt general gen commander private corporal cpl
admiral adm dr professor prof
""".split()
)
# The role after a transcript label's name, and a stage note: ", CNN CORRESPONDENT", " (through translator)".
TURN_ROLE = r"(?:,[ \t]*([A-Z][A-Z.'’\-/ ]{1,80}?))?[ \t]*(?:\([^)\n]{1,40}\))?"
_TURN_LABEL = re.compile(rf"\s*([A-Z][A-Z.'’\- ]{{0,70}}?){TURN_ROLE}\s*:(?:\s|$)")
# Minutes and Hansard: "Ms Rhiannon Cole (Stroud) (Lab): ...", "Rep. Han Jae-won (Democratic Party): ...", and
# "The Minister for the Armed Forces (Luke Pollard): ..." (the name in brackets).
_MINUTES_LABEL = re.compile(
    r"[ \t]*(?:(?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame|Lord|Baroness|Rep\.|Sen\.)\s+)?"
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})\s*(?:\([^)\n]{1,60}\)\s*){1,3}:\s"
    r"|[ \t]*The\s+[^:(\n]{3,80}\((?P<bracketed>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})\)\s*:\s"
)
_MINUTES_LINE = re.compile(rf"^(?:{_MINUTES_LABEL.pattern})", re.MULTILINE)
# Plain role labels in mixed case: "Question: ...", "Host: ...", "Spokesperson: ...".
_LABEL_ROLES = (
    r"Question|Answer|Q|A|Host|Anchor|Presenter|Interviewer|Moderator|Reporter|Spokesperson|Spokesman|Spokeswoman"
)
_ROLE_LABEL = re.compile(rf"[ \t]*({_LABEL_ROLES})[ \t]*:[ \t]")
_ROLE_LINE = re.compile(rf"^(?:{_ROLE_LABEL.pattern})", re.MULTILINE)
# A person's name as a mixed-case turn label: "Kim Min-ji, Asan Institute:", "Mr. Graham Pearce:".
_LABEL_TITLES = frozenset("Mr Ms Mrs Dr Hon Sen Rep BGen MGen LGen Gen Col Lt Maj Capt Prof Amb".split())
_PERSON_NAME = (
    rf"(?:(?:{'|'.join(sorted(_LABEL_TITLES, key=lambda title: (-len(title), title)))})\.?\s+)?"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}"
)
_PERSON_LABEL = re.compile(rf"[ \t]*({_PERSON_NAME})(?:,[ \t]*([^:\n]{{2,80}}?))?[ \t]*:[ \t]")
_PERSON_LINE = re.compile(rf"^(?:{_PERSON_LABEL.pattern})", re.MULTILINE)
# A broadcast transcript's own staff ("LAURA HARLAN, CNN ANCHOR:"): their lines are the outlet's voice.
STAFF_ROLES = re.compile(r"\b(?:ANCHOR|CORRESPONDENT|REPORTER|HOST|PRESENTER|CO-HOST|NEWSREADER)\b")


class TranscriptTurns:
    """Speaker turns of a briefing transcript: "MS. SINGH: ..." lines make every sentence up to the next label
    that speaker's ("we assess", "our number"); "Q: ..." lines are a reporter's question with no source."""

    def __init__(self, doc: Doc, registry: ActorRegistry):
        self.doc = doc
        self.registry = registry
        self.current: Source | None = None
        self.question = False
        self.label_span: tuple[int, int] = (0, 0)
        self.seen: list[Source] = []
        self.interviewee: Source | None = None
        self.staff: set[str] = set()
        self.staff_line = -1  # the line a staff label opens: its "NAME, CNN ANCHOR:" is no source either
        self._line_done = -1
        # minutes-style labels count only in a record made of them (two or more)
        self.minutes = any(i == 1 for i, _ in enumerate(_MINUTES_LINE.finditer(doc.text)))
        # so do plain role labels ("Question:", "Spokesperson:") and people's names in mixed case
        self.role_labels = any(i == 1 for i, _ in enumerate(_ROLE_LINE.finditer(doc.text)))
        self.person_labels = any(i == 1 for i, _ in enumerate(_PERSON_LINE.finditer(doc.text)))
        self.person_line: int | None = None

    def update(self, line_start: int, line: str, memory: SpeakerMemory) -> None:
        """Start a new turn when ``line`` (beginning at ``line_start``) opens with an all-caps speaker label."""
        if line_start == self._line_done:
            return
        self._line_done = line_start
        if self.minutes and (minutes := _MINUTES_LABEL.match(line)) is not None:
            group = "name" if minutes.group("name") else "bracketed"
            source = self.registry.resolve(minutes.group(group), is_person=True)
            if source.name:
                self.current, self.question = source, False
                self.label_span = (line_start + minutes.start(group), line_start + minutes.end(group))
                self.seen.append(source)
                memory.remember(source, spoke=True)
                return
        if self.role_labels and (role := _ROLE_LABEL.match(line)) is not None:
            self._role_turn(role, line_start, memory)
            return
        if self.person_line is not None:
            # a mixed-case "Name:" turn holds its own paragraph only: news copy quotes people that way too, and
            # goes back to its own voice after them
            self.current, self.person_line = None, None
        if self.person_labels and (named := _PERSON_LABEL.match(line)) is not None:
            guest = self._labelled_person(named, line_start)
            if guest is not None:
                self.person_line = line_start
                self.current, self.question = guest, False
                self.label_span = (line_start + named.start(1), line_start + named.end(1))
                self.seen.append(guest)
                memory.remember(guest, spoke=True)
                return
        match = _TURN_LABEL.match(line)
        if not match or match.group(1) != match.group(1).upper():
            return
        label = re.sub(r"\s+", " ", match.group(1)).strip()
        role = match.group(2) or ""
        if label in QUESTION_LABELS:
            self.current, self.question = None, True
            return
        if STAFF_ROLES.search(role) or label in self.staff or STAFF_ROLES.fullmatch(label):
            # the anchor's and correspondent's lines: the broadcaster's own voice, like a reporter's question
            self.staff.add(label)
            self.staff.add(label.split()[-1])
            self.current, self.question = None, True
            self.staff_line = line_start
            return
        if role and len(label.split()) <= 3 and not self.registry.find_in(label.title()):
            # "KABAN, UKRAINIAN DRONE OPERATOR:", "REBECCA STONE, FORMER ... ANALYST:": a guest named by the label
            guest = Source(label.title(), f"{label.title()}, {role.lower()}", None, country_in(role.title()), "person")
            self.current, self.question = guest, False
            self.label_span = (line_start + match.start(1), line_start + match.end(1))
            self.seen.append(guest)
            memory.remember(guest, spoke=True)
            return
        if label in VERDICT_LABELS:
            # the fact-checker's own ruling: "the figure" there is not the last claimant's any more
            self.current, self.question, memory.last_speaker = None, False, None
            return
        source = self._interviewee(line_start, memory) if label in ANSWER_LABELS else self._resolve(label, memory)
        if source is None:
            return
        self.current, self.question = source, False
        self.label_span = (line_start + match.start(1), line_start + match.end(1))
        self.seen.append(source)
        memory.remember(source, spoke=True)

    def _labelled_person(self, label: re.Match[str], line_start: int) -> Source | None:
        """ "Kim Min-ji, Asan Institute:", "Mr. Graham Pearce:", "BGen Pascale Landry:": a person's turn, when the
        name is a person (recognised as one, titled, or labelled before), not a place or a rubric."""
        if label.group(1) == label.group(1).upper():
            return None  # "DANIEL KWON:", "CLAIM:": the capitalised labels have rules of their own
        words = label.group(1).split()
        titled = words[0].rstrip(".") in _LABEL_TITLES
        name = " ".join(words[1:] if titled else words)
        for source in reversed(self.seen):
            if source.name == name or re.split(r"[\s\-]+", source.name)[-1] == name:
                return source
        start = line_start + label.start(1)
        person = any(e.label_ == "PERSON" and start <= e.start_char < line_start + label.end(1) for e in self.doc.ents)
        known = self.registry.resolve(name, is_person=True)
        if known.known and known.kind == "person":
            return known
        if not (titled or person):
            return None
        return Source(name, label.group(0).strip(" :"), None, country_in(label.group(2) or ""), "person")

    def _role_turn(self, role: re.Match[str], line_start: int, memory: SpeakerMemory) -> None:
        """ "Question: ..." is the reporter's, "Host: ..." the outlet's, "Answer: ..." the interviewee's, and
        "Spokesperson: ..." the spokesperson's of the body the page is from."""
        word = role.group(1).lower()
        self.label_span = (line_start + role.start(1), line_start + role.end(1))
        if word in {"question", "q", "interviewer", "moderator", "reporter", "host", "anchor", "presenter"}:
            self.current, self.question = None, True
            return
        source = self._interviewee(line_start, memory) if word in {"answer", "a"} else self._role_holder(word, memory)
        if source is None:
            return
        self.current, self.question = source, False
        self.seen.append(source)
        memory.remember(source, spoke=True)

    @staticmethod
    def _role_holder(role: str, memory: SpeakerMemory) -> Source:
        """The person named earlier in that role, else the role of the last body named ("Ministry of Foreign
        Affairs spokesperson"), kept as a person."""
        for source in reversed(memory.history):
            # the role labels are all spokes-: "spokesman" in a mention also names a "Spokesperson:" turn
            if source.kind == "person" and role[:6] in source.mention.lower():
                return source
        bodies = [s for s in reversed(memory.history) if s.kind == "organization"]
        body = next((s for s in bodies if s.known), bodies[0] if bodies else None)
        if body is None:
            return Source(role, role, "government", None, "person")
        name = f"{body.name} {role}"
        return Source(name, name, "government", body.country, "person")

    def _interviewee(self, line_start: int, memory: SpeakerMemory) -> Source | None:
        """ "A: ..." answers the person the introduction named ("Colonel X commands ... He spoke to us"): the
        first answer fixes them, from the people remembered so far; their country, if the name does not carry
        it, is the introduction's ("a Ukrainian battalion"), so a later "our intelligence" finds its agency."""
        if self.interviewee is None:
            intro = self.doc.text[:line_start]
            first_label = re.search(r"(?m)^\s*(?:Q|QUESTION|A|ANSWER)\s*:", intro)
            intro = intro[: first_label.start()] if first_label else intro
            person = self._introduced(len(intro)) or memory.recall("person")
            if person is None:
                return None
            if person.country is None:
                country = country_in(intro)
                person = Source(person.name, person.mention, person.type, country, person.kind, person.known)
            self.interviewee = person
        return self.interviewee

    def _introduced(self, intro_end: int) -> Source | None:
        """The person the introduction is about: of the people it names (a PERSON entity, or a proper name after
        a rank: "Major Olena Kravets"), the one the article names most often."""
        doc = self.doc
        bylines = {m.group(1) for m in _BYLINE.finditer(doc.text[:intro_end])}
        names = [
            e.text.strip()
            for e in doc_entities(doc)
            if e.label_ == "PERSON" and e.end_char <= intro_end and e.text.strip() not in bylines
        ]
        # "Ingrid Solberg, a senior analyst at ...": the recognizer does not read every sentence
        names += [m.group(1) for m in _INTRODUCED.finditer(doc.text[:intro_end]) if m.group(1) not in bylines]
        for token in doc:
            if token.idx >= intro_end:
                break
            if token.lower_.rstrip(".") in RANKS and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
                end = token.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].idx < intro_end:
                    end += 1
                names.append(doc[token.i + 1 : end].text)
        if not names:
            return None
        best = max(names, key=lambda n: (doc.text.count(n.split()[-1]), -names.index(n)))
        return self.registry.resolve(best, is_person=True)

    def _resolve(self, label: str, memory: SpeakerMemory) -> Source | None:
        """ "DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH" / "MS. SINGH" / "SECRETARY AUSTIN" -> the person."""
        words = label.replace(".", " ").split()
        for source in reversed(self.seen):
            if len(words) == 1 and re.split(r"[\s\-]+", source.name)[-1].upper() == words[0]:
                return source  # "STONE:" after "REBECCA STONE, FORMER ... ANALYST:"
        titled = " ".join(w.capitalize() for w in label.split())
        people = [h for h in self.registry.find_in(titled) if h[2].kind == "person"]
        honorific = words[0] in HONORIFICS or any(w in HONORIFICS for w in words[:-1])
        if not (people or (honorific and len(words) >= 2)):
            return None  # "SEOUL:", "UPDATE:": a dateline or a rubric, not a speaker
        if people:
            start, end, _actor = people[-1]
            return self.registry.resolve(titled[start:end], is_person=True)
        surname = words[-1].capitalize()
        for source in reversed(self.seen):
            if re.split(r"[\s\-]+", source.name)[-1].lower() == surname.lower():
                return source
        if (earlier := memory.last_full_name(surname)) is not None:
            return earlier
        for ent in doc_entities(self.doc):
            if ent.label_ == "PERSON" and ent.text.split()[-1].lower() == surname.lower() and len(ent.text.split()) > 1:
                return self.registry.resolve(ent.text, is_person=True)
        return Source(surname, label, None, None, "person")

    def speaker(self) -> Speaker | None:
        """The turn's speaker for a sentence that names nobody itself."""
        if self.current is None or self.question:
            return None
        return Speaker(self.current, self.label_span[0], self.label_span[1], "colon")


# "By Tomas Ferreira" on a line of its own: the writer, not the interviewee.
_BYLINE = re.compile(r"(?m)^[ \t]*[Bb]y ([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){1,3})[ \t]*$")
# A person introduced by their role: "Ingrid Solberg, a senior analyst at the Nordic Institute".
_INTRODUCED = re.compile(
    r"\b([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,2}), (?:a|an|the) [^.]{0,80}?\b(?:analyst|researcher|fellow|"
    r"professor|expert|director|commander|officer|scholar|head|chief|soldier|official)\b"
)
_SOURCE_LINE = re.compile(r"[ \t]*Sources?[ \t]*:[ \t]*")
_QUOTE_LINE = re.compile(r"[ \t]*(?:Quote|Direct speech)[ \t]*:")
_SOURCE_MENTION_END = re.compile(r",|;|\(|\s[-–—]\s|\s+(?:on|in|during|via|at|speaking|told|quoted|cited|said)\s+")


# "[In October, ]The Wall Street Journal, citing Ukrainian soldiers, reported that ..."
_CITING_TAG = re.compile(
    r"\s*(?:(?:In|On|Last|Earlier|Late)\b[^,]{0,30},?\s+)?(?P<who>(?:[Tt]he\s+|[Aa]n?\s+)?[^,]{2,80}?),\s+citing\s+"
    r"(?P<relay>[^,]{2,120}?),\s+(?P<verb>reported|reports|said|says|wrote|writes|claimed|claims|added|adds)\b"
)


# "the Ukrainians" speaking: the country.
_PEOPLE_OF = {
    "ukrainians": "Ukraine",
    "russians": "Russia",
    "americans": "United States",
    "koreans": "South Korea",
    "japanese": "Japan",
    "poles": "Poland",
}
# A quote box caption: a name in capitals, then role, date or venue, on a line of its own.
_QUOTE_CAPTION = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){1,3}),\s+[A-Z0-9][A-Z0-9 ,.'’&()\-]{3,}")
# The end of a reprinted statement: a rule or an "ends" mark.
_RELEASE_END = re.compile(r"(?:\*{3,}|-{3,}|#{3}|_{3,}|ENDS|-ENDS-|Background:?|BACKGROUND:?)")


class QuoteBlocks:
    """Ukrainian wire layout: a "Source: Andrii Yusov, representative of ..." line names who speaks, and the
    "Quote: ..." paragraphs after it are that speaker's words ("according to our data, almost 4,000 ...")."""

    def __init__(self, registry: ActorRegistry):
        self.registry = registry
        self.source: Speaker | None = None
        self.quoting = False
        self.release: Speaker | None = None  # the letterhead of a statement reprinted in full
        self.caption: Speaker | None = None  # "VOLODYMYR ZELENSKY, UKRAINIAN PRESIDENT, NOV. 4" over a quotation
        self.captioned = False  # this line is the quotation under a caption
        self._line_done = -1

    def update(self, line_start: int, line: str, memory: SpeakerMemory) -> None:
        if line_start == self._line_done:
            return
        self._line_done = line_start
        self.quoting = bool(_QUOTE_LINE.match(line))
        stripped = line.strip()
        self.captioned = self.caption is not None and stripped[:1] in {'"', "“", "'", "‘"}
        if not self.captioned:
            self.caption = None
        if (caption := _QUOTE_CAPTION.fullmatch(stripped)) is not None:
            name = " ".join(w.capitalize() if w.isupper() else w for w in caption.group(1).split())
            source = self.registry.resolve(name, is_person=True)
            if source.name and (source.known or source.kind == "person"):
                start = line_start + line.index(stripped)
                self.caption = Speaker(source, start, start + len(caption.group(1)), "quote block")
                memory.remember(source, spoke=True)
        if _RELEASE_END.fullmatch(stripped):
            self.release = None
        elif (letterhead := self._letterhead(stripped)) is not None:
            start = line_start + line.index(stripped)
            self.release = Speaker(letterhead, start, start + len(stripped), "statement")
            memory.remember(letterhead, spoke=True)
        label = _SOURCE_LINE.match(line)
        if label is None:
            return
        rest = line[label.end() :]
        mention = _SOURCE_MENTION_END.split(rest, maxsplit=1)[0].strip().rstrip(".")
        if not mention:
            return
        person = bool(re.fullmatch(r"(?:[A-Z][\w'’\-]+\s+){1,3}[A-Z][\w'’\-]+", mention)) and not self.registry.get(
            mention
        )
        source = self.registry.resolve(mention, is_person=person)
        if not source.name:
            return
        if not source.known and source.country is None:
            # "Andrii Yusov, representative of Ukraine's Defence Intelligence": the role line gives the country
            source = Source(source.name, source.mention, source.type, country_in(rest), source.kind, source.known)
        start = line_start + label.end()
        self.source = Speaker(source, start, start + len(mention), "source line")
        memory.remember(source, spoke=True)

    def _letterhead(self, line: str) -> Source | None:
        """ "DEFENCE INTELLIGENCE OF UKRAINE" alone on a line, in capitals: the body whose statement follows."""
        words = line.split()
        if not 2 <= len(words) <= 8 or line != line.upper() or not re.fullmatch(r"[A-Z' ’\-]+", line):
            return None
        hits = self.registry.find_in(line)
        if len(hits) != 1 or hits[0][1] - hits[0][0] < len(line) - 1 or hits[0][2].kind not in {"organization"}:
            return None
        return self.registry._source(hits[0][2], line)

    def speaker(self, speakers: list[Speaker], heading: bool = False) -> list[Speaker]:
        """Inside a "Quote:" paragraph, the block's speaker stands for "we"/"our data" and for a sentence that
        names nobody; inside a reprinted statement, its letterhead does for the body text (not for its title,
        dateline or date lines, which state nothing)."""
        if self.captioned and self.caption is not None and not any(s.verb_i is not None for s in speakers):
            return [self.caption]  # a quote box: the caption's speaker says the whole quotation
        if self.release is not None and not self.quoting and not speakers and not heading:
            return [self.release]
        if not self.quoting or self.source is None:
            return speakers
        if all(s.source.mention.lower().startswith(("our ", "we")) and not s.source.known for s in speakers):
            return [Speaker(self.source.source, self.source.start_char, self.source.end_char, "quote block")]
        return speakers


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
    turns = TranscriptTurns(doc, attributor.registry)
    blocks = QuoteBlocks(attributor.registry)
    import bisect

    for index, sent in enumerate(doc.sents):
        stripped = span_text(sent).strip()
        if not stripped:
            continue
        start = sent.start_char
        paragraph = bisect.bisect_right(para_starts, start) - 1
        line_start, line_end, whole_line = _line_of(sent)
        words = len(stripped.split())
        heading = whole_line and words <= 30 and not _TERMINAL.search(stripped)
        skip_kind = next((s.kind for s in furniture if s.start <= start < max(s.end, s.start + 1)), None)
        caption = skip_kind == "boilerplate" and bool(re.match(r"(?i)in this .*photo|.*\((?:AP|AFP)", stripped))
        info = SentenceInfo(index, sent, paragraph, heading, skip_kind is not None, caption)
        blocks.update(line_start, text[line_start:line_end], memory)
        if not info.skip:
            turns.update(line_start, text[line_start:line_end], memory)
            info.speakers = attributor.sentence_speakers(sent, memory)
            if (
                not info.speakers
                and turns.staff_line != line_start
                and (
                    # a source note in brackets at the end beats a label before a colon ("KPA strength: 1.2m (IISS)")
                    colon := attributor.table_speaker(sent, memory)
                    or attributor.parenthetical_speaker(sent, memory)
                    or attributor.colon_speaker(sent, memory)
                )
            ):
                info.speakers = [colon]
            if not any(s.verb_i is not None for s in info.speakers) and (
                tag := attributor.citing_speaker(sent, memory) or attributor.trailing_speaker(sent, memory)
            ):
                info.speakers.append(tag)
            if not info.speakers and (turn := turns.speaker()) is not None:
                info.speakers = [turn]  # "We now assess that 11,000 ..." inside "MS. SINGH:"'s turn
            elif (turn := turns.speaker()) is not None and all(
                not s.source.known and s.source.mention.lower().startswith(("our ", "we")) for s in info.speakers
            ):
                # "MR MILLER: Our assessment is more than 10,000": the turn's speaker owns "our"
                info.speakers = [
                    Speaker(turn.source, turn.start_char, turn.end_char, s.cue, s.verb_i) for s in info.speakers
                ]
            info.speakers = blocks.speaker(info.speakers, info.heading)
            attributor.remember_subjects(sent, memory)
            attributor.remember_mentions(sent, memory)
            memory.previous = [s.source for s in info.speakers]
            if infos:
                _share_across_colon(infos[-1], info, attributor, memory)
        infos.append(info)
    _name_role_holders(doc, infos, attributor.registry)
    _name_call_signs(infos)
    doc.user_data["workbench_sentences"] = infos
    return infos
