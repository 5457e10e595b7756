"""Personnel figures -> claim records: value, counted noun, category, status, source, place, time, hedging.

A figure becomes a claim only when it counts people (a noun from PERSONNEL, or an implied one: "brings the
total contingent to 3,000"); dates, shells, kilometres, money and populations never do. Category and status
come from the verbs that govern the counted noun; the source comes from attribution.py.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from workbench.attribution import SentenceInfo, Speaker, analyse, span_entities, span_text, table_row
from workbench.numbers import Figure, find_figures
from workbench.places import Gazetteer, default_gazetteer

PERSONNEL = frozenset(
    """
soldier troop personnel officer fighter serviceman servicemen servicemember reservist worker laborer labourer
recruit conscript infantry infantryman commando paratrooper marine sailor pilot sniper instructor operative
force contingent men mercenary volunteer combatant trainee cadet specialist guard deserter casualty prisoner
pow captive observer engineer staff korean koreans north-korean militant gunner crew death general
wounded injured hurt dead comrade rifleman replacement reinforcement serviceperson
sapper deminer defector desertion loss body builder
""".split()
)
# Nouns that look like units but count something else.
NOT_PEOPLE = frozenset(
    """
year month week day hour minute time km kilometre kilometer mile metre meter round shell missile rocket drone
tank vehicle dollar won rouble ruble euro percent per cent country people population person citizen resident
child ton tonne container artillery gun weapon rifle mortar battery village town city km2 square
equipment aircraft helicopter plane jet armour armor ammunition
""".split()
)
# "the number of deserters", "the toll among conscripts": nouns that stand for a count of what follows
TALLY_NOUNS = frozenset("number figure count toll tally total estimate".split())
# "puts the losses at", "placed casualties at": verbs that give a tally of their object
PUT_AT_VERBS = frozenset("put place estimate peg".split())
LOSS_NOUNS = frozenset("loss casualty death toll".split())
FORMATIONS = frozenset("army force contingent unit battalion brigade corps division regiment group".split())
FIGURE_MODIFIERS = {
    "military",
    "active",
    "infantry",
    "special",
    "combat",
    "regular",
    "elite",
    "army",
    "active-duty",
    "reserve",
    "frontline",
    "front-line",
}
NK_WORDS = re.compile(
    r"north korea|north korean|pyongyang|dprk|\bkim jong|\bn\.? ?korea|koreans?\b|\bkpa\b|"
    r"korean people's army",
    re.I,
)
OTHER_NATIONALITY = re.compile(
    r"\b(?:russian|ukrainian|belarusian|american|chechen|buryat|wagner|british|german|polish|chinese|syrian|"
    r"cuban|nepalese|indian|african|foreign|ukraine's|russia's)\b",
    re.I,
)

CASUALTY = frozenset(
    """
kill die dead death wound injure hurt casualty lose lost slay perish
""".split()
)
DESERTION = frozenset(
    """
desert deserter defect flee abscond abandon escape
""".split()
)
CAPTURE = frozenset(
    """
capture surrender detain imprison seize
""".split()
)
TRAINING = frozenset(
    """
train prepare ready drill learn undergo acclimate acclimatize orient
""".split()
)
FRONT = frozenset(
    """
fight engage attack assault battle combat storm advance participate face
""".split()
)
SENT = frozenset(
    """
send deploy transport arrive station move dispatch transfer ship fly deliver base bring gather mass assemble
join relocate redeploy carry ferry airlift
""".split()
)
FUTURE_CUES = re.compile(
    r"\b(?:will|would|'ll|expected|expects?|expect(?:ing)?|plan(?:s|ned|ning)?|intend(?:s|ed)?|set to|"
    r"poised to|(?<!never )(?<!not )going to|to be (?:deployed|sent)|decided to (?:send|deploy|dispatch)|"
    r"by (?:the end of )?(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december|year-end|the end)|could be (?:deployed|sent)|"
    r"may be (?:deployed|sent)|in the coming|soon|next (?:week|month|year))\b",
    re.I,
)
TRAINING_CUES = re.compile(
    r"\b(?:train(?:ing|ed|s)?|prepar(?:ing|ed|es|e)\b|being readied|readied|drill(?:s|ing)?|"
    r"orientation|acclimati[sz]ation)\b",
    re.I,
)
FRONT_CUES = re.compile(
    r"\b(?:fighting|fought|in combat|combat operations|combat positions|front ?lines?|frontline|"
    r"(?:on|at|to|toward|towards|positions near) the front(?! of| page| door)|(?:drone|artillery) strikes? against|"
    r"on the battlefield|in battle|(?:in|into) the (?:fight|fighting)\b|engaged|assault(?:s|ing)?|"
    r"attack(?:ing|ed)?|in action|"
    # descriptions of combat: "human waves", "came out of the tree line", "walking across open fields"
    r"(?:human|assault) waves?|tree ?lines?|under fire|"
    r"(?:across|crossing|through) (?:an? |the )?(?:open|frozen|snowy|muddy) (?:fields?|ground|terrain)|at a time|"
    r"(?:came|come|coming|walked|ran|running|charged|charging) at (?:us|our))\b",
    re.I,
)
HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|alleged|claim(?:s|ed|ing)?|believed?|believes|could|may|might|possibly|"
    r"probably|likely|unclear|uncertain|unconfirmed|purportedly|suspected|expected|estimated|estimates?|"
    r"said to|thought to|appears?|apparently|if|rumou?red|assess(?:es|ed)?)\b",
    re.I,
)
ARMY_CUES = re.compile(
    r"\b(?:army|armies|armed forces|standing|active[- ]duty|active personnel|reservists?|"
    r"military of|strong military|in uniform|under arms)\b",
    re.I,
)
DATE_PREFIX = re.compile(r"(?:\b(?:by|as of|since|until|till|from|before|after|in|on|between)\s+)$", re.I)


@dataclass
class ClaimRecord:
    """One personnel figure (a row of the claims table)."""

    claim_id: str
    doc_id: str
    number_text: str
    start_char: int
    end_char: int
    sentence: str
    low: int
    high: int
    qualifier: str | None
    unit: str | None
    category: str
    status: str | None
    source: str | None
    source_mention: str | None
    source_type: str | None
    source_country: str | None
    via: str | None
    place: str | None
    date_text: str | None
    hedged: bool
    reported_by: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    heading: bool = False
    attribution: str | None = None  # how the source was found: said / according to / carried / headline...


# ------------------------------------------------------------------------------------------- the unit


def _tokens_for(sent: Span, start: int, end: int) -> list[Token]:
    return [t for t in sent if t.idx < end and t.idx + len(t.text) > start]


# Words between a figure and the noun it counts: "1,500 more", "thousands of its", "a 3,000-strong".
UNIT_SKIP = frozenset(
    {
        "of",
        "-",
        "–",
        "strong",
        "additional",
        "more",
        "other",
        "further",
        "new",
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
        "its",
        "their",
        "his",
        "her",
        "the",
        "these",
        "those",
    }
)


# determiners that, right after a figure, open a reduced relative clause ("the 3,000 the agency estimated")
REDUCED_RELATIVE_OPENERS = frozenset({"the", "its", "his", "her", "their"})
# words that stand for the people they describe right after a figure ("2,700 wounded", "1,000 hurt")
BARE_CASUALTY_WORDS = frozenset({"wounded", "injured", "hurt", "dead", "killed"})


def _opens_reduced_relative(fig_tokens: list[Token]) -> bool:
    """ "up from the roughly 3,000 the agency had estimated": a determiner right after the figure opens a reduced
    relative clause, so the noun after it is not what the figure counts (its subject may be who gave it)."""
    doc, last = fig_tokens[-1].doc, fig_tokens[-1]
    return (
        last.i + 1 < len(doc)
        and doc[last.i + 1].lower_ in REDUCED_RELATIVE_OPENERS
        and doc[last.i + 1].head.i != last.i
    )


def _unit_after(tokens: list[Token], sent: Span) -> Token | None:
    """The noun a figure counts, scanning right: "1,500 North Korean troops", "thousands of soldiers"."""
    last = tokens[-1]
    i = last.i + 1
    doc = sent.doc
    steps = 0
    if i < sent.end and doc[i].text == ":":
        i += 1  # "15,000: North Korean troops sent ..." (a list or a fact box)
        if i == sent.end and i < len(doc) and "\n" not in doc[i - 1].whitespace_:
            sent = doc[i].sent  # "• 2: POWs held by Ukraine": the parser ends the sentence at the colon
    # "a 1.2 million-man army", "a 3,000-strong force": the formation is the counted unit
    if i + 1 < sent.end and doc[i].text in {"-", "–"} and doc[i + 1].lower_ in {"man", "strong", "member"}:
        for j in range(i + 2, min(sent.end, i + 6)):
            if doc[j].lemma_.lower() in FORMATIONS | PERSONNEL:
                return doc[j]
    # "300 killed and 2,700 wounded fighting for Russia": the casualty word stands for the people; a gerund
    # after it is what they were doing, not what the figure counts
    if i < sent.end and doc[i].lower_ in BARE_CASUALTY_WORDS:
        after = doc[i + 1] if i + 1 < sent.end else None
        if after is not None and (after.tag_ == "VBG" or after.lower_.endswith("ing")):
            return doc[i]
    # a partitive "about 40 of the roughly 120 men", "6,000 of an estimated 9,000 soldiers": the noun after "of"
    partitive = i < sent.end and doc[i].lower_ == "of"
    while i < sent.end and steps < 7:
        token = doc[i]
        lower = token.lower_
        nxt = doc[i + 1] if i + 1 < sent.end else None
        if partitive and lower in PERSONNEL and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "ADJ"}):
            return token  # "2,000 of the wounded have been treated": the adjective stands for the people
        if partitive and (token.pos_ in {"DET", "NUM", "ADV"} or lower in {"an", "a", "estimated", "some"}):
            i += 1
            steps += 1
            continue
        if lower in UNIT_SKIP or token.pos_ in {"ADJ", "PROPN"} or token.dep_ in {"compound", "amod"}:
            if token.pos_ == "PROPN" and (lower in PERSONNEL | {"koreans"} or lower.rstrip("s") in PERSONNEL):
                return token  # Title Case headlines tag "Soldiers" as a proper noun
            i += 1
            steps += 1
            continue
        if token.pos_ in {"NOUN", "PROPN"}:
            # the last noun of a compound chain: "infantry troops"
            while i + 1 < sent.end and doc[i + 1].pos_ == "NOUN" and doc[i].dep_ == "compound":
                i += 1
            return doc[i]
        return None
    return None


# Plural-present verbs a headline puts right after a bare number ("as 11,000 gather in Kursk")
VERBLIKE = frozenset(
    "gather mass arrive fight train deploy advance attack die desert flee remain wait assemble move head".split()
)


def _verb_misread(noun: Token, fig_tokens: list[Token]) -> bool:
    """A verb right after the figure that the tagger read as a noun: "as 11,000 gather in Kursk"."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return (
        noun.i == fig_tokens[-1].i + 1
        and noun.lower_ in VERBLIKE
        and (nxt is None or nxt.pos_ in {"ADP", "ADV", "PUNCT", "SPACE"})
        and (nxt is None or nxt.lower_ != "of")
    )


def _unit_by_dependency(tokens: list[Token]) -> Token | None:
    """The noun a number modifies; never a word of the figure itself ("tens of thousands") nor a noun before a
    number ("Kyiv's 11,000" in a headline, which the parser reads as a modifier of "Kyiv")."""
    last = tokens[-1].i
    for token in tokens:
        if token.dep_ in {"nummod", "quantmod", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}:
            if token.head.i <= last and (token.dep_ != "amod" or token.head.i >= tokens[0].i):
                continue
            if token.head.i > last and any(t.is_punct for t in token.doc[last + 1 : token.head.i]):
                continue  # "Taken prisoner: two (Kyiv, January)": a bracket is no noun phrase
            return token.head
    return None


def _implied_unit(tokens: list[Token]) -> Token | None:
    """ "brings the total contingent to 3,000": a personnel noun that the figure's verb governs."""
    token = tokens[-1]
    for _ in range(4):
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            for child in token.children:
                if child.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and child.lemma_.lower() in PERSONNEL:
                    return child
                # "put the number of deserters at seven", "estimates the toll among conscripts at 300"
                if child.dep_ in {"dobj", "nsubj", "nsubjpass"} and child.lemma_.lower() in TALLY_NOUNS:
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in {"of", "among"}:
                            for counted in prep.children:
                                if counted.lemma_.lower() in PERSONNEL or counted.lower_ in PERSONNEL:
                                    return counted
            # "had killed 21 North Korean soldiers and wounded five more": the first verb's people
            # (a casualty verb only: in "has sent 3,000 troops and may send 10,000" the noun's verbs would decide
            # the status of the second figure)
            if (
                token.dep_ == "conj"
                and token.lemma_.lower() in CASUALTY | CAPTURE
                and tokens[-1].dep_ == "dobj"
                and tokens[-1].head.i == token.i
            ):
                for child in token.head.children:
                    if child.dep_ == "dobj" and child.lemma_.lower() in PERSONNEL:
                        return child
            return None
        if token.dep_ == "ROOT":
            break
    # "forces – 1,500 soldiers –" / appositions
    head = tokens[-1].head
    if tokens[-1].dep_ == "appos" and head.lemma_.lower() in PERSONNEL:
        return head
    return None


def _unit_text(noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if noun.lower_ in {"personnel", "men", "servicemen", "koreans"}:
        lemma = {"koreans": "north korean"}.get(noun.lower_, noun.lower_)
    modifiers = [c.lower_ for c in noun.lefts if c.dep_ in {"compound", "amod"} and c.lower_ in FIGURE_MODIFIERS]
    return " ".join([*modifiers[-1:], lemma])


PEOPLE_CONTEXT = re.compile(
    r"\b(?:casualt\w*|killed|wounded|dead|troops?|soldiers?|army|dispatch\w*|deploy\w*|"
    r"military|servicem[ae]n|in uniform|under arms)\b",
    re.I,
)


_MILITARY_FORMATION = re.compile(
    r"\b(?:corps|brigades?|divisions?|battalions?|regiments?|units?|special forces)\b", re.I
)


def _counts_people(noun: Token, sent: Span) -> bool:
    """ "4,000 people" are personnel in a casualty or deployment sentence, never in a population figure."""
    if noun.lemma_.lower() not in {"people", "person"} or not PEOPLE_CONTEXT.search(span_text(sent)):
        return False
    after = noun.doc[noun.i + 1 : noun.i + 3].text.lower()
    if re.match(r"(?:under arms|in uniform)\b", after):
        return True  # "1.2 million people under arms", whatever the sentence says of the population
    if re.match(r"(?:familiar|close|briefed|with knowledge|who spoke|aware)", after):
        return False  # "two people familiar with the matter" are sources, not a headcount
    return not re.search(
        r"\b(?:population|citizens|inhabitants|residents|civilians|refugees|live in|lives in)\b", span_text(sent), re.I
    )


TIME_WORDS = frozenset("tomorrow today yesterday tonight now overnight".split())
PERIODS = frozenset("day week weekend month year spring summer autumn fall winter".split())


def _spaced_dash_after(fig_tokens: list[Token], sent: Span) -> bool:
    """Is the figure followed by a free-standing dash ("9,000 - total", "9,000+ - total"), not a hyphen?"""
    i = fig_tokens[-1].i + 1
    doc = sent.doc
    if i < sent.end and doc[i].text == "+":
        i += 1
    return i < sent.end and doc[i].text in {"-", "–", "—"} and bool(doc[i - 1].whitespace_ and doc[i].whitespace_)


def _rest_of_line(token: Token) -> str:
    """The text after ``token`` up to the end of its line: a fact box's description of its figure."""
    text = token.doc.text
    line_end = text.find("\n", token.idx)
    return text[token.idx + len(token.text) : line_end if line_end >= 0 else len(text)]


def _fact_box_colon(fig_tokens: list[Token], sent: Span) -> bool:
    """ "• 12,000: the total the NIS says ...": a figure heading a list item, described after a colon."""
    last = fig_tokens[-1]
    if last.i + 1 >= sent.end or sent.doc[last.i + 1].text != ":":
        return False
    line_start = sent.doc.text.rfind("\n", 0, fig_tokens[0].idx) + 1
    return re.fullmatch(r"\W*", sent.doc.text[line_start : fig_tokens[0].idx]) is not None


def find_unit(fig_tokens: list[Token], sent: Span) -> tuple[Token | None, bool, bool]:
    """(counted noun, implied?, blocked?) for a figure. ``blocked``: it counts something that is not people
    (shells, kilometres, guns), so no implied headcount may be read into it either."""
    relative = _opens_reduced_relative(fig_tokens)
    noun = None if relative else _unit_after(fig_tokens, sent)
    if noun is not None and _verb_misread(noun, fig_tokens):
        noun = None  # "as 11,000 gather in Kursk": a headline verb the tagger read as a noun
    if _spaced_dash_after(fig_tokens, sent) or _fact_box_colon(fig_tokens, sent):
        # a fact box or an enumeration ("* 9,000+ - total now in Russia", "2,000, then 9,000 - has come from"):
        # the words after the dash describe the figure; only a counted noun or a non-personnel one decides
        if noun is None or noun.lemma_.lower() in PERSONNEL or noun.lower_ in PERSONNEL:
            return noun, False, False
        return None, False, noun.lemma_.lower() in NOT_PEOPLE
    if noun is not None and noun.lemma_.lower() not in PERSONNEL and noun.lower_ not in PERSONNEL:
        by_dep = _unit_by_dependency(fig_tokens)
        noun = by_dep if by_dep is not None and by_dep.lemma_.lower() in PERSONNEL else noun
    if noun is None:
        noun = _unit_by_dependency(fig_tokens)
        noun = None if noun is not None and _verb_misread(noun, fig_tokens) else noun
        if relative and noun is not None and noun.i > fig_tokens[-1].i:
            noun = None  # "up from the 3,000 the agency had estimated": the parser counts the agency
    if noun is not None and (
        noun.lower_ in TIME_WORDS
        or (noun.lemma_.lower() in PERIODS and noun.i > 0 and noun.nbor(-1).lower_ in {"next", "last", "this"})
    ):
        noun = None  # "could send another 10,000 tomorrow", "another 5,000 next week"
    if noun is not None and noun.lemma_.lower() in TALLY_NOUNS and noun.i == fig_tokens[-1].i + 1:
        return None, False, False  # "the 1,200 figure", "the 9,000 estimate": a headcount named by its tally
    if (
        noun is not None
        and noun.lemma_.lower() in {"loss", "body", "casualty"}
        and any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in NOT_PEOPLE for c in noun.lefts)
    ):
        return None, False, True  # "300 tank losses", "equipment losses": not people
    if noun is not None:
        lemma = noun.lemma_.lower()
        formation = (
            lemma in FORMATIONS and noun.i > fig_tokens[-1].i + 1 and sent.doc[fig_tokens[-1].i + 1].text in {"-", "–"}
        )
        if (
            lemma in PERSONNEL
            or noun.lower_ in PERSONNEL
            # "28,500 U.S. service members"
            or (lemma == "member" and any(c.lower_ == "service" for c in noun.lefts))
            # "an elite unit estimated at around 45,000 members": the members of a military formation
            or (lemma == "member" and _MILITARY_FORMATION.search(span_text(sent)) is not None)
            # "the North's 1.2 million-strong military": a strength counts people, whatever the noun
            or re.match(r"[-–](?:strong|man)\b", sent.doc.text[fig_tokens[-1].idx + len(fig_tokens[-1].text) :])
            or noun.lower_.rstrip("s") in PERSONNEL
            or re.sub(r"[^a-z].*$", "", noun.lower_) in PERSONNEL  # "dead.[2": a footnote glued to the noun
            or _counts_people(noun, sent)
            or formation
            # "100 killed and nearly 1,000 others wounded": "others" stands for the people the sentence counts
            # "killed 21 North Korean soldiers and wounded five more": "more" too
            or (noun.lower_ in {"others", "more"} and PERSONNEL_CONTEXT.search(span_text(sent)) is not None)
        ):
            return noun, False, False
        return None, False, True
    last = fig_tokens[-1]
    followed_by_of = last.i + 1 < len(last.doc) and last.doc[last.i + 1].lower_ == "of"
    if followed_by_of and last.i + 1 < len(last.doc):
        # "more than 10,000 of Pyongyang's soldiers", "several thousand of the 11,000 troops": a part of people
        whole = next((c for c in last.doc[last.i + 1].children if c.dep_ == "pobj"), None)
        people = whole is not None and (whole.lemma_.lower() in PERSONNEL or whole.lower_ in PERSONNEL)
        if people and whole.tag_ == "NNS":
            return whole, False, False
    if followed_by_of or (last.like_num and last.lower_ in {"one", "two", "three"}):
        return None, False, False  # "one of the world's largest"
    implied = _implied_unit(fig_tokens)
    return (implied, True, False) if implied is not None else (None, False, False)


# ---------------------------------------------------------------------------------- category and status


def _governing_verbs(noun: Token, fig_tokens: list[Token]) -> list[Token]:
    """Verbs from the counted noun up to the clause root, nearest first, plus the noun's own clauses."""
    verbs: list[Token] = []
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and child.pos_ in {"VERB", "AUX"}:
            verbs.append(child)
    token = noun
    for _ in range(6):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            verbs.append(token)
    if not verbs:
        for t in fig_tokens:
            if t.head.pos_ in {"VERB", "AUX"}:
                verbs.append(t.head)
    return verbs


def _verb_window(noun: Token, sent: Span) -> str:
    """Text of the clause around the counted noun (its verbs and their children) for cue matching."""
    verbs = _governing_verbs(noun, [noun])
    if not verbs:
        return span_text(sent)
    nearest = verbs[0]
    # "has sent 15,000 troops ... and 4,700 of them have been killed": the second clause is not this figure's
    skip = {t.i for c in nearest.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} for t in c.subtree}
    return " ".join(t.text for t in sent.doc[nearest.left_edge.i : nearest.right_edge.i + 1] if t.i not in skip)


# A vague size given to losses: "casualties in the thousands", "losses running into the hundreds".
_LOSS_RANGE_LEAD = r"\b(?:loss(?:es)?|casualties|deaths|toll)\s+(?:running\s+)?in(?:to)?\s+the\s+"
LOSS_RANGE = re.compile(_LOSS_RANGE_LEAD + r"(?:hundreds|thousands|dozens)\b", re.I)
# Words between a country's name and its army: "Britain's own regular army", "Japan's standing military".
_ARMY_ADJECTIVES = r"(?:(?:own|regular|standing|active|professional|entire|whole) ){0,2}"


def categorize(noun: Token | None, fig: Figure, fig_tokens: list[Token], sent: Span, context: str) -> str:
    anchor = noun if noun is not None else fig_tokens[-1]
    lemmas = {anchor.lemma_.lower()} if noun is not None else {t.head.lemma_.lower() for t in fig_tokens}
    whole = _partitive_whole(anchor, fig_tokens)
    for verb in [] if whole else _governing_verbs(anchor, fig_tokens)[:3]:
        lemmas.add(verb.lemma_.lower())
        for child in verb.children:
            if child.dep_ in {"acomp", "conj", "xcomp", "oprd"} and not _own_subject(child):
                lemmas.add(child.lemma_.lower())
    if _subject_of(anchor, {"lose", "suffer"}):
        lemmas -= CASUALTY  # "a group of two dozen lost all but three men": the group is not the losses
    if noun is not None:
        # "11,000 troops killed in Kursk", but not "a force of 11,000 that loses several hundred men a week"
        lemmas.update(
            c.lemma_.lower()
            for c in noun.children
            if c.dep_ in {"acl", "relcl"} and not any(g.dep_ == "dobj" for g in c.children)
        )
    # the figure's own clause, plus the words right after it ("4,700: killed or wounded"), across a list colon
    after_end = sent.end
    if fig_tokens[-1].i + 2 >= sent.end and sent.doc[sent.end - 1].text == ":":
        after_end = len(sent.doc)
    local = (
        _verb_window(anchor, sent) + " " + sent.doc[fig_tokens[-1].i + 1 : min(after_end, fig_tokens[-1].i + 6)].text
    )
    if whole:  # "Of the 11,000 sent, 4,000 were killed": the verb counts the part, the whole keeps its own words
        local = " ".join(t.text for t in anchor.subtree)
    # "enough to replace the dead", "lost all but three": casualty words that do not count this figure
    local = re.sub(
        r"\b(?:replace|replenish|offset|make up for|compensate for)\s+(?:(?:the|those|these|its|their)\s+)?"
        r"(?:dead|wounded|killed|losses|"
        r"casualties)(?:\s+and\s+(?:the\s+)?(?:dead|wounded|injured))?",
        " ",
        local,
        flags=re.I,
    )
    # "where Ukrainian forces captured a swathe of territory": ground taken, not people
    local = TERRITORY_TAKEN.sub(" ", local)
    # "11,000 soldiers in Kursk, casualties in the thousands": the losses phrase sizes its own vague figure
    # (settled by _loss_in_range before this), not the figure next to it
    local = LOSS_RANGE.sub(" ", local)
    for verb in [] if whole else _governing_verbs(anchor, fig_tokens)[:3]:
        if verb.lemma_.lower() in CAPTURE and any(
            c.dep_ == "dobj" and TERRITORY_TAKEN.search(f"captured {c.text}") for c in verb.children
        ):
            lemmas.discard(verb.lemma_.lower())
    before_fig = sent.doc[max(sent.start, fig_tokens[0].i - 3) : fig_tokens[0].i].text.lower()
    # "lost all but three men"; "Two soldiers, although wounded, survived": the figure counts who lived
    survivors = "all but" in before_fig or any(
        v.lemma_.lower() == "survive" for v in ([] if whole else _governing_verbs(anchor, fig_tokens)[:2])
    )
    army_phrase = re.search(
        rf"\b(?:(\w+)(?:'s|’s) {_ARMY_ADJECTIVES})?"
        r"(?:army|armies|armed forces|military)\b"
        r"(?! intelligence| spokes| officials?| sources?| analysts?| command| leadership| experts?| said| says)"
        r"(?: of| numbers?)?",
        sent.doc[max(sent.start, fig_tokens[0].i - 6) : min(sent.end, fig_tokens[-1].i + 4)].text,
        re.I,
    )
    if (
        army_phrase
        and army_phrase.group(1)
        and not NK_WORDS.search(army_phrase.group(1))
        and re.search(
            r"\b(?:poland|russia|ukraine|china|japan|south korea|germany|us|america|britain)\b",
            army_phrase.group(1),
            re.I,
        )
    ):
        return "other"  # "Poland's army now numbers about 200,000 soldiers"
    foreign_army = re.search(
        rf"\b(\w+)(?:'s|’s) {_ARMY_ADJECTIVES}"
        r"(?:army|armed forces|military)\b(?! intelligence| spokes| officials?| sources?| command)",
        span_text(sent),
    )
    if (
        foreign_army
        and not NK_WORDS.search(span_text(sent))
        and _country_named(foreign_army.group(1)) not in {None, "North Korea"}
    ):
        return "other"  # "Poland's army numbers 200,000, and the government wants it to reach 300,000"
    under_arms = re.search(r"\b(?:under arms|in uniform|active[- ]duty|standing army)\b", local, re.I)
    if (
        fig.low >= 500_000
        and under_arms
        and NK_WORDS.search(context)
        and not OTHER_NATIONALITY.search(before_fig)
        and not (noun is not None and OTHER_NATIONALITY.search(" ".join(t.text for t in noun.lefts)))
    ):
        return "army_size"  # "a partner with 1.2 million soldiers under arms"
    nk_group = _counts_north_koreans(noun, fig_tokens, sent, context)
    if not nk_group:
        return "other"  # Russian or Ukrainian losses are background counts, not this story's casualties
    if (army_phrase or ARMY_CUES.search(local)) and fig.low >= 100_000 and NK_WORDS.search(span_text(sent)):
        return "army_size"  # "an army of roughly 1.2 million": checked before casualties in the same sentence
    if HISTORICAL.search(SINCE_CLAUSE.sub(" ", local)):
        return "other"  # "a few hundred of its pilots flew missions in the 1960s": a past war
    text_before = sent.doc.text[sent.start_char : fig_tokens[0].idx]
    text_after = sent.doc.text[fig_tokens[-1].idx + len(fig_tokens[-1].text) : sent.end_char]
    if (
        _formation_size(anchor, fig_tokens, fig)
        or _formation_strength(text_before, fig)
        or (FORMATION_HAS.search(text_before) and NK_WORDS.search(context))
        # "the Storm Corps, which he describes as 40,000 to 50,000 men strong": a standing formation's strength
        or (PREDICATIVE_STRONG.match(text_after) and STANDING_FORMATION.search(text_before))
        # "the Storm Corps, an elite formation of 40,000 to 50,000 soldiers": far more than any dispatch
        # "an elite unit with an estimated 40,000 to 50,000 troops": a count far above any dispatch
        or (fig.low >= 20_000 and FORMATION_OF.search(text_before) and NK_WORDS.search(context))
    ):
        return "army_size"  # "the elite corps, estimated to number 40,000 to 50,000"
    if (
        noun is not None
        and noun.lemma_.lower() in {"army", "force", "military"}
        and fig.low >= 100_000
        and re.match(r"[-–](?:strong|man)\b", sent.doc.text[fig_tokens[-1].idx + len(fig_tokens[-1].text) :])
    ):
        return "army_size"  # "a 1.2 million-strong army": a North Korean formation's strength
    # "Pyongyang's losses in the Kursk region are approaching 4,000": the clause's subject is the losses
    tallied = {
        c.lemma_.lower()
        for verb in ([] if whole else _governing_verbs(anchor, fig_tokens)[:2])
        for c in verb.children
        # "losses ... are approaching 4,000", "Seoul puts Pyongyang's toll at 3,000"
        if c.dep_ in {"nsubj", "nsubjpass"}
        or (c.dep_ == "dobj" and verb.lemma_.lower() in {"put", "estimate", "place"})
    }
    if (tallied & LOSS_NOUNS or _loss_in_range(fig_tokens)) and not survivors:
        return "casualty"
    if not whole and not survivors and _counted_casualties(anchor, fig_tokens):
        return "casualty"  # "the number of soldiers killed and wounded had reached 3,800"
    if not whole and not survivors and _struck(anchor):
        return "casualty"  # "his unit has hit more than 150 North Koreans", "we saw 40 of them go down"
    if noun is not None and noun.lemma_.lower() in {"prisoner", "pow", "captive"}:
        return "captured"  # "two prisoners in Kyiv and a handful of deserters": the noun decides
    if noun is not None and noun.lower_ in BARE_CASUALTY_WORDS and noun.i == fig_tokens[-1].i + 1 and not survivors:
        return "casualty"  # "2,700 wounded", "1,000 hurt": the word standing for the people decides
    if (
        lemmas & {"deserter"}
        or lemmas & DESERTION
        or re.search(
            r"\b(?:walked away|slipped away|went missing|gone missing|awol|abandon\w*|desert\w*|fled|"
            r"(?:went|gone|going|go|are|were|been) absent)\b",
            local,
            re.I,
        )
    ):
        return "desertion"
    if (
        lemmas & {"prisoner", "pow", "captive"}
        or lemmas & CAPTURE
        or re.search(r"\b(?:taken|took) prisoner|prisoners? of war|\bpows?\b|captured\b", local, re.I)
        or re.search(r"\b(?:taken|captured) alive|\bin (?:\w+ )?(?:custody|captivity)\b", local, re.I)
        or re.search(
            r"\b(?:kyiv|ukraine)\b(?: \w+){0,2} (?:holds?|held|is holding|has held)\b(?! territory| ground| the line"
            r"| positions| land| parts| part| an? )",
            local,
            re.I,
        )
        # "the two men being questioned", "the two soldiers could be brought to the South": the captives the
        # article has already told of
        or (
            fig.high <= 10
            and sent.doc[fig_tokens[0].i - 1].lower_ in {"the", "both", "these", "those"}
            and CAPTIVES.search(sent.doc.text[max(0, sent.start_char - 4000) : sent.start_char])
            and not re.search(r"\b(?:killed|dead|died|bodies)\b", local, re.I)
        )
        # "captured North Korean personnel. Two soldiers, although wounded, survived": the few taken alive
        or (
            fig.high <= 10
            and survivors
            and "all but" not in before_fig
            and CAPTIVES.search(sent.doc.text[max(0, sent.start_char - 4000) : sent.start_char])
        )
        # "announced the captures, posting photos of the two men": a few people in a sentence about captures
        or (
            fig.high <= 10
            and re.search(r"\bcaptur(?:e|es|ed)\b|\bprisoners?\b|\bPOWs?\b", span_text(sent), re.I)
            and not re.search(r"\b(?:killed|dead|died)\b", local, re.I)
        )
    ):
        return "captured"
    if survivors:
        pass  # "lost all but three men": the three survived
    elif (
        lemmas & {"casualty"}
        or lemmas & CASUALTY
        or re.search(r"\b(?:killed or wounded|killed|wounded|casualt\w*|dead|died|injured|bodies|body)\b", local, re.I)
        or re.search(  # "a loss of 4,000 men", "losses are in the hundreds", "who did not survive", "the toll"
            r"\b(?:(?:loss|losses|toll)\b(?:\s+\S+){0,4}?\s+(?:of|at|stood|stands?|are|is|were|was|reached|rose|"
            r"climbed|totall?ed|numbere?d?|nears?|tops?|hit|hits|exceeds?|exceeded|pass(?:es|ed)?|approach(?:es|ed)?|"
            r"reach(?:es)?|"
            r"surpass(?:es|ed)?)|(?:did not|didn't|never|failed to) (?:surviv\w*|return\w*|c[ao]me back|"
            r"ma[dk]e it))\b",
            local,
            re.I,
        )
    ):
        return "casualty"
    if noun is not None and noun.lemma_.lower() in {"worker", "laborer", "labourer"}:
        return "other"  # workers sent to Russia are not troops
    window = span_text(sent)
    if (
        # the army word in the figure's own clause: "a former U.S. Army officer told VOA" in a tag is no army size
        (ARMY_CUES.search(_clause_text(noun, sent)) or (fig.low >= 100_000 and ARMY_CUES.search(window)))
        and not re.search(
            r"\b(?:sent|send|deploy|deployed|transport|arriv|russia|kursk|ukraine)\w*", _clause_text(noun, sent), re.I
        )
        and NK_WORDS.search(window)
        and not _compared_to_bigger(fig, sent)
    ) or (fig.low >= 500_000 and NK_WORDS.search(window)):
        return "army_size"
    return "deployment"


# "a corps that Seoul believes numbers 40,000", "a force Kyiv estimates at 150,000": a standing formation's
# strength (the parser often tags "numbers"/"estimates" as nouns here, so this reads the words)
FORMATION_STRENGTH = re.compile(
    r"\b(?:corps|army|armies|force|forces|division|brigade|formation|regiment|unit)\b"
    r"(?:(?!\b(?:sent|deployed|dispatched|expeditionary|contingent|group|in|near)\b)[^.;:]){0,60}?"
    r"\b(?:numbers?|numbered|numbering|estimated to number|estimated? at|estimates? (?:it |them )?at|puts? (?:it )?at|"
    # "whose strength was estimated by the Joint Chiefs of Staff at roughly 30,000"
    r"(?:strength|size) (?:is|was|has been|had been) (?:estimated|put|assessed)(?: by [^.;:,]{1,60}?)? at|"
    # "estimates the corps' strength at 40,000 to 50,000"
    r"(?:strength|size) at)"
    r"(?:\s+[a-z]+){0,2}\s+$",
    re.I,
)


# "The Storm Corps has between 40,000 and 50,000 troops", "estimates North Korea's special operations forces at
# about 200,000": a standing formation's size in other words
FORMATION_HAS = re.compile(
    r"(?:\b(?:corps|division|brigade|army|forces)\s+(?:has|have|had|comprises|numbers)|"
    r"\bestimates?\s+(?:(?!casualt|loss|dead|killed|toll|wound)[^.;:]){0,60}?\b(?:forces|corps|army|troops)\s+at|"
    # "the white paper puts the North's special operations forces at 200,000" (never "the number of ... forces")
    r"\bputs?\s+(?:(?!casualt|loss|dead|killed|toll|wound|number|contingent|total)[^.;:]){0,60}?\b(?:forces|corps|army)"
    r"(?:\s+as a whole|\s+in total|\s+combined)?\s+at)"
    r"\s+(?:(?:between|about|around|some|roughly|nearly|up to|more than|over|an estimated|approximately)\s+)?$",
    re.I,
)


# "the Storm Corps, an elite formation of 40,000 to 50,000", "a unit with an estimated 40,000 to 50,000 troops"
FORMATION_OF = re.compile(
    r"\b(?:corps|division|formation|unit)\s+(?:of|with|(?:estimated|believed|thought|said) (?:at|to (?:number|have)))"
    r"\s+(?:(?:about|around|some|roughly|between|up to|an estimated|nearly|more than|over|perhaps)\s+)?$",
    re.I,
)
PREDICATIVE_STRONG = re.compile(r"\s+(?:(?:men|troops|soldiers)\s+)?strong\b")
CAPTIVES = re.compile(r"\bcaptur(?:e|ed|es|ing)\b|\bprisoners?\b|\bPOWs?\b|\btaken alive\b|\bcaptives?\b", re.I)
TERRITORY_TAKEN = re.compile(
    r"\b(?:captured|captures?|capturing|seized?|seizing)\s+(?:[\w-]+\s+){0,3}?(?:territory|ground|land|villages?|"
    r"towns?|settlements?|positions?|areas?|parts?|swathes?|swaths?|city|cities|square)\b",
    re.I,
)
# A standing formation named before a predicative "N strong", with nothing between that makes it a dispatch.
STANDING_FORMATION = re.compile(
    r"\b(?:corps|division|brigade|regiment|army)\b(?:(?!\b(?:sent|deployed|dispatched|expeditionary|contingent)\b)"
    r"[^.;:]){0,80}$",
    re.I,
)


# A past war or decade: "fighter pilots flew missions in the 1960s", "during the Korean War".
HISTORICAL = re.compile(
    r"\b(?:in|during) the (?:19\d0s|korean war|vietnam war)|\bin (?:vietnam|19[0-8]\d)\b|\bthe war in vietnam\b",
    re.I,
)


# "its first war since the Korean War ended in 1953": a past event as a reference point, not the figure's time
SINCE_CLAUSE = re.compile(r"\bsince\b[^,;.]*", re.I)
RUSSIAN_SIDE = r"\b(?:russian?|moscow|kremlin|belarus\w*|minsk)\b"
# "The Russians need them, because they have lost ...": the pronoun's antecedent is another side
OTHER_SIDE = re.compile(r"\b(?:russians?|ukrainians?|russia|ukraine|moscow|kyiv|kremlin)(?:'s|’s)?\b", re.I)


def _speaker_phrase(subject: Token) -> str:
    """A speaker's own words, without the clauses hung on it ("a gunner ..., speaking a few miles from the
    Russian border" is no Russian speaker)."""
    dropped = {t.i for c in subject.children if c.dep_ in {"acl", "relcl", "advcl"} for t in c.subtree}
    return " ".join(t.text for t in subject.subtree if t.i not in dropped)


def _formation_strength(text_before: str, fig: Figure) -> bool:
    """ "the corps, which numbers 40,000": a standing formation's strength. "The North Korean force - believed to
    number about 12,000" is the deployment itself: a "force" counts as standing only at army scale."""
    match = FORMATION_STRENGTH.search(text_before)
    if match is None:
        return False
    return fig.low >= 20_000 or not re.match(r"(?i)forces?\b", match.group(0))


def _loss_in_range(fig_tokens: list[Token]) -> bool:
    """ "Losses in the thousands", "casualties running into the hundreds": a vague figure that sizes losses."""
    last = fig_tokens[-1]
    prep = last.head
    doc = last.doc
    before = doc.text[max(last.sent.start_char, fig_tokens[0].idx - 40) : fig_tokens[0].idx]
    if re.search(_LOSS_RANGE_LEAD + "$", before, re.I):
        return True  # "..., losses in the hundreds" in a headline the parser leaves in pieces
    if last.dep_ != "pobj" or prep.lower_ not in {"in", "into"}:
        return False
    owner = prep.head
    if owner.pos_ in {"VERB", "AUX"}:  # "casualties running into the hundreds", "losses are in the thousands"
        owner = next((c for c in owner.children if c.dep_ in {"nsubj", "nsubjpass"}), owner)
    return owner.lemma_.lower() in LOSS_NOUNS


def _struck(anchor: Token) -> bool:
    """Were the counted people hit: the object of "hit/strike/eliminate", or the subject of "go down"?"""
    verb = anchor.head
    if anchor.dep_ == "dobj" and verb.lemma_.lower() in {"hit", "strike", "eliminate", "neutralize", "neutralise"}:
        return not any(c.dep_ == "nsubj" and c.lemma_.lower() in TALLY_NOUNS for c in verb.children)
    if anchor.dep_ in {"nsubj", "dobj"} and verb.lemma_.lower() == "go":
        return any(c.dep_ in {"prt", "advmod"} and c.lower_ == "down" for c in verb.children)
    return False


def _counted_casualties(anchor: Token, fig_tokens: list[Token]) -> bool:
    """Is the figure the value of a "number / total of ... killed or wounded" subject? Read from the words, as the
    parser often makes "killed" the verb of "the number"."""
    sent = anchor.sent
    before = sent.doc.text[sent.start_char : fig_tokens[0].idx]
    return bool(COUNTED_CASUALTIES.search(before))


# "has sent 10,000 ... and said some of them had moved to the front line": the front is the part's, not the whole's
PART_WORDS = frozenset("some many most part half several few others rest".split())
PART_OF_THEM = re.compile(r"\b(?:some|part|a portion|a few|a fraction|many|most) of (?:them|those|these)\b", re.I)
# "the number of North Korean soldiers killed and wounded in Kursk had reached 3,800"
COUNTED_CASUALTIES = re.compile(
    r"\b(?:number|total|tally|count) of (?:(?!\b(?:sent|deployed|dispatched|arrived)\b)[^.;:]){0,60}?"
    r"\b(?:killed|wounded|dead|casualties|injured)\b[^.;:]{0,40}?\b(?:has|had|have)?\s*"
    r"(?:reached|rose to|risen to|climbed to|hit|topped|stood at|stands at|is|was|passed|exceeded|neared)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|more than|over|at least)\s+)?$",
    re.I,
)


def _partitive_whole(anchor: Token, fig_tokens: list[Token]) -> bool:
    """ "90 of the 100 men", "Of the 11,000 troops sent, 4,000 ...": the figure counts the whole a part is taken
    from, so the clause's verb ("were killed") describes the part, not this figure."""
    doc = anchor.doc
    start = fig_tokens[0].sent.start
    j = fig_tokens[0].i - 1  # back over "the roughly", "an estimated" to the "of" (the parse is often wrong here)
    while j > start and (doc[j].pos_ in {"DET", "ADV"} or doc[j].lower_ in {"estimated", "some", "about"}):
        j -= 1
    if j < start or doc[j].lower_ != "of":
        return False
    opens_clause = j == start or doc[j - 1].text in {",", ";", ":", "that", '"', "“"}
    return opens_clause or doc[j - 1].like_num or doc[j - 1].pos_ == "NUM"


def _own_subject(verb: Token) -> bool:
    """A conjoined verb with a subject of its own ("... and 4,700 of them were killed") is another clause."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _subject_of(token: Token, lemmas: set[str]) -> bool:
    """Is the token (or the noun phrase it sits in: "a group of two dozen") the subject of one of these verbs?"""
    for _ in range(5):
        if any(
            # "a force of 11,000 that loses several hundred men a week": the relative pronoun is the subject
            c.dep_ == "relcl"
            and c.lemma_.lower() in lemmas
            and any(g.dep_ == "nsubj" and g.lower_ in {"that", "which", "who"} for g in c.children)
            for c in token.children
        ):
            return True
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return token.head.lemma_.lower() in lemmas
        if token.dep_ not in {"pobj", "prep", "nummod", "compound", "amod", "appos"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def _formation_size(anchor: Token, fig_tokens: list[Token], fig: Figure) -> bool:
    """ "a corps estimated to number 40,000": the strength of a standing formation is an army-size figure."""
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    # "the Storm Corps ... is estimated to have about 40,000 troops": a strength far above any dispatch
    held = verb.lemma_.lower() in {"have", "comprise", "field"} and min(t.i for t in fig_tokens) > verb.i
    if verb.lemma_.lower() != "number" and not (held and fig.low >= 20_000):
        return False
    if held and verb.dep_ == "xcomp":  # "is estimated to have": the subject is the governing verb's
        verb = verb.head
    holder = next((t for t in verb.ancestors if t.pos_ in {"NOUN", "PROPN"}), None)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    candidates = [*subjects, *([holder] if holder is not None else [])]
    return any(
        c.lemma_.lower() in {"corps", "division", "brigade", "unit", "army", "regiment"}
        and not any(k.lower_ in {"dispatched", "deployed", "sent", "expeditionary"} for k in c.children)
        for c in candidates
    )


def _compared_to_bigger(fig: Figure, sent: Span) -> bool:
    """ "Three thousand is nothing for a 1.2 million-man army": the small figure is not the army's size."""
    return fig.low < 100_000 and any(f.low >= 500_000 for f in find_figures(span_text(sent)))


def _clause_text(noun: Token | None, sent: Span) -> str:
    if noun is None:
        return span_text(sent)
    return _verb_window(noun, sent)


def _country_named(text: str) -> str | None:
    """The country a subject names ("Estonia", "Poland's army"), from the gazetteer."""
    bare = re.sub(r"^(?:the\s+)|\s+(?:itself|alone|too)$", "", text.strip(), flags=re.I)
    place = default_gazetteer().lookup(bare)
    return place.place if place is not None and place.kind == "country" else None


def _counts_north_koreans(noun: Token | None, fig_tokens: list[Token], sent: Span, context: str) -> bool:
    """Is the counted group North Korean? Modifiers first, then the actor, then the surrounding text."""
    if noun is not None:
        start = min(t.i for t in fig_tokens)
        # an implied unit before the figure ("the number of North Korean deserters ... at seven"): its own words
        start = noun.left_edge.i if noun.i < start else start
        modifiers = sent.doc[start : noun.i + 1].text
        after = [c for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"from", "among"}]
        modifiers += " " + " ".join(" ".join(t.text for t in c.subtree) for c in after)
        if NK_WORDS.search(modifiers):
            return True
        if OTHER_NATIONALITY.search(modifiers) or re.search(r"\bU\.S\.|\bUS\b", modifiers):
            return False  # "28,500 U.S. service members" (case-sensitive: never the pronoun "us")
        following = sent.doc.text[noun.idx + len(noun.text) : noun.idx + len(noun.text) + 40]
        if re.match(r"\s*,?\s*(?:including|among them|alongside)\b", following) and NK_WORDS.search(following):
            return False  # "50,000 troops, including North Koreans": a mixed (Russian) force
        if re.match(r"\s*(?:on|among|for) (?:both|all|each|either) (?:sides?|armies)\b", following, re.I):
            return False  # "hundreds of thousands of casualties on both sides": the whole war's toll
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if any(re.search(r"\b(?:russia|ukraine|moscow|kyiv)\b", c.text, re.I) for c in owners):
            return False  # "Moscow's losses run at 1,000 a day": the possessor's own people
        # the actor: "North Korea has sent ...", "Russia was assembling ..."; a reporting verb's subject is the
        # speaker ("..., a Ukrainian officer told reporters"), not the actor
        for verb in _governing_verbs(noun, fig_tokens)[:2]:
            tally = any(
                c.dep_ == "dobj"
                and (
                    c.lemma_.lower() in TALLY_NOUNS
                    # "Zelensky has put the losses higher, at nearly 4,000": the subject tallies, it is not the side
                    or (verb.lemma_.lower() in PUT_AT_VERBS and c.lemma_.lower() in LOSS_NOUNS)
                )
                for c in verb.children
            )
            # "a Kyiv paper put the number of deserters at", "groups that Ukrainian operators describe as 20 to 40"
            if verb.lemma_.lower() in REPORTING_TAGS | BELIEF_VERBS | {"describe"} or tally:
                # a subject that holds the counted noun is the parser's mistake, not a speaker
                speakers = [
                    c for c in verb.children if c.dep_ == "nsubj" and not c.left_edge.i <= noun.i <= c.right_edge.i
                ]
                if any(re.search(RUSSIAN_SIDE, _speaker_phrase(c), re.I) for c in speakers):
                    return False  # "the enemy has lost 28,000 servicemen, the Russian Defence Ministry reported"
                tallied = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in LOSS_NOUNS]
                if any(
                    OTHER_NATIONALITY.search(words) and not NK_WORDS.search(words)
                    for words in (" ".join(t.text for t in c.subtree if t.i < c.i + 1) for c in tallied)
                ):
                    return False  # "the General Staff put Russian losses at 1,580": another side's losses
                continue
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i != noun.i:
                    subject = " ".join(t.text for t in child.subtree)
                    if NK_WORDS.search(subject):
                        return True
                    if child.lower_ == "we" and verb.lemma_.lower() in {"have", "keep", "maintain", "station"}:
                        return False  # "We have 28,000 troops on the peninsula": the speaker's own forces
                    if child.lower_ in {"it", "they"} and not NK_WORDS.search(span_text(sent)):
                        opening = sent.doc.text[sent.start_char : child.idx]
                        if _previous_names_other(sent) or OTHER_SIDE.search(opening):
                            return False  # "Russia needs bodies. It is losing 1,500 soldiers a day"
                    owner = next(
                        (
                            c
                            for c in child.children
                            if c.dep_ == "poss" and {child.lemma_.lower(), child.lower_.rstrip("s")} & FORMATIONS
                        ),
                        None,
                    )
                    # "Japan's Self-Defense Forces have about 247,000 personnel": the owner's own forces
                    subject_country = _country_named(subject) or (_country_named(owner.text) if owner else None)
                    if (
                        subject_country
                        and subject_country != "North Korea"
                        and not NK_WORDS.search(modifiers)
                        and not re.search(r"\b(?:russia|ukraine|moscow|kyiv|putin|kremlin)\b", subject, re.I)
                    ):
                        return False  # "Estonia itself has only about 7,000 active-duty personnel"
                    if OTHER_NATIONALITY.search(subject) or re.search(
                        r"\b(?:russia|ukraine|moscow|kyiv|putin|kremlin|zelensky\w*)\b", subject, re.I
                    ):
                        if not NK_WORDS.search(span_text(sent)):
                            return False
                        return verb.lemma_.lower() in SENT | TRAINING | FRONT and not re.search(
                            r"\b(?:assembl|recruit|form|mass|amass|gather|concentrat)", verb.lemma_.lower()
                        )
    if noun is None and _fact_box_colon(fig_tokens, sent):
        # "• 28,500: U.S. service members stationed in South Korea": the description says whose people
        description = _rest_of_line(fig_tokens[-1])
        if not NK_WORDS.search(description) and (
            OTHER_NATIONALITY.search(description) or re.search(r"\bU\.?S\.? (?:service|troops|forces)", description)
        ):
            return False
    antecedent = _of_them_antecedent(fig_tokens, sent) if noun is None else None
    if antecedent is not None:
        # "fired on a unit of Chechen fighters, killing eight of them": the group counted is the antecedent's
        phrase = sent.doc[antecedent.left_edge.i : antecedent.i + 1].text
        if NK_WORDS.search(phrase):
            return True
        if OTHER_NATIONALITY.search(phrase):
            return False
    if NK_WORDS.search(span_text(sent)):
        return True
    if noun is None:
        # "Russia has lost 706,950 troops ..., including 1,320 over the past day": the actor is not North Korea
        before = sent.doc[max(sent.start, fig_tokens[0].i - 6) : fig_tokens[0].i].text
        # "training grounds in the Russian Far East, with 2,600 earmarked": a place, not the people's side
        before = re.sub(r"\b(?:russian|ukrainian) (?:far east|border|territory|soil|side)\b", " ", before, flags=re.I)
        nationality = list(OTHER_NATIONALITY.finditer(before))
        if (
            nationality
            and not re.search(  # "Ukraine's intelligence says 11,000 are in Kursk": the speaker's
                r"\b(?:says?|said|told|tells|reports?|reported|estimates?|estimated|claims?|claimed|believes?|"
                r"assess(?:es|ed)?|describes?|described|counts?|counted|records?|recorded|puts?|"
                r"revised|raised|lowered|updated)\b",
                before[nationality[-1].end() :],
            )
        ):
            return False
        from workbench.attribution import REVISING_VERBS, SPEECH_VERBS

        for verb in _governing_verbs(fig_tokens[-1], fig_tokens)[:2]:
            if verb.lemma_.lower() in SPEECH_VERBS | REVISING_VERBS or any(
                c.dep_ == "dobj" and c.lemma_.lower() in TALLY_NOUNS for c in verb.children
            ):
                # "Ukraine's intelligence puts the figure at 11,000", "... gave a figure of 11,000": the subject
                # is the speaker
                continue
            if verb.lemma_.lower() in TRAINING | HOSTING and fig_tokens[-1].dep_ in {"dobj", "pobj"}:
                break  # "Russia's camps struggled to absorb the first 6,000": the host's guests, not its own
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subjects and verb.dep_ == "conj":  # "Estonia has ... and relies on a reserve of 43,000"
                subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if any(re.search(r"\b(?:russia|ukraine|moscow|kyiv)\b", c.text, re.I) for c in subjects):
                return False
            # "Russian losses stood at 1,680", "Estonia relies on a reserve of some 43,000"
            for subject in subjects:
                phrase = sent.doc[subject.left_edge.i : subject.i + 1].text
                country = _country_named(phrase)
                if OTHER_NATIONALITY.search(phrase) or (country and country != "North Korea"):
                    return False
        if (
            not NK_WORDS.search(span_text(sent))
            and _previous_names_other(sent)
            and re.search(r"\b(?:lost|losses|killed|casualties)\b", sent.doc[sent.start - 1].sent.text, re.I)
        ):
            return False  # "Russian forces lost 1,330 troops ... Kyiv's tally puts the total at 710,000"
        if re.search(
            r"\b(?:(?:russia|ukraine|moscow|kyiv)(?:'s|’s)?|russian|ukrainian)(?: own)? "
            r"(?:has |have )?(?:lost|losses)\b",
            span_text(sent),
            re.I,
        ):
            return False  # "Russia's own losses have been put at 1,200 a day"
    return bool(NK_WORDS.search(context))


# Verbs whose object is a force taken in by its host: "Russia's camps absorbed the first 6,000".
HOSTING = frozenset("absorb receive host house accommodate integrate equip feed arm welcome".split())


# A speaker's title that names a state: "Ukraine's president", "Russia's foreign ministry", "Ukrainian officials".
SPEAKER_TITLE = re.compile(
    r"(?i)\b(?:(?:russia|ukraine)(?:'s|’s)|russian|ukrainian) (?:(?:military|defen[cs]e|foreign) )?"
    r"(?:president|leader|prime minister|minister|ministry|intelligence|general staff|spokes(?:man|woman|person)|"
    r"officials?|envoy|ambassador|government)\b|"
    # "A Ukrainian special-forces sergeant ... described the fighting": a witness, the "us" of the next quote
    r"\bukrainian (?:[\w-]+ ){0,2}(?:sergeant|corporal|private|lieutenant|captain|major|colonel|general|veteran|"
    r"volunteer|soldier|commander|officer|operator|pilot|gunner|fighter|medic|"
    r"serviceman|servicemen|marine|paratrooper|sniper|scout|service|media|outlet|broadcaster|channel|"
    r"journalist|reporter)s?\b"
)


def _previous_names_other(sent: Span) -> bool:
    """Does the sentence before name another state and no North Korean? ("Russia needs bodies. It is losing ...")"""
    if sent.start == 0:
        return False
    previous = sent.doc[sent.start - 1].sent.text
    # "By Ukraine's count nearly 4,000 of them ...": a state named as the counter, not as the side counted
    previous = re.sub(
        r"(?i)\b(?:by|according to|in|on) (?:russia|ukraine|moscow|kyiv)(?:'s|’s) "
        r"(?:own )?(?:count|estimate|tally|figures?|reckoning|numbers?)\b",
        " ",
        previous,
    )
    # "Volodymyr Zelensky, Ukraine's president, says that some 3,800 ...": a speaker's title names his state
    previous = SPEAKER_TITLE.sub(" ", previous)
    other = re.search(r"\b(?:russia|ukraine|moscow|kyiv)\b", previous, re.I) or OTHER_NATIONALITY.search(previous)
    return bool(other) and not NK_WORDS.search(previous)


def _of_them_antecedent(fig_tokens: list[Token], sent: Span) -> Token | None:
    """ "eight of them": the nearest personnel noun before the figure in the same sentence."""
    last = fig_tokens[-1]
    doc = sent.doc
    if not (last.i + 2 < sent.end and doc[last.i + 1].lower_ == "of" and doc[last.i + 2].lower_ in {"them", "those"}):
        return None
    for token in reversed(doc[sent.start : fig_tokens[0].i]):
        if token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in PERSONNEL or token.lower_ in PERSONNEL):
            return token
    return None


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    """A cue that is not negated: "used in combat" yes, "not yet seen them used in combat" no."""
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 45) : match.start()]
        if not re.search(r"\b(?:not|n't|n’t|never|no|yet to|without)\b", before, re.I):
            return True
    return False


# ... and between reported clauses in a row: "told reporters that 10,000 had been sent, that most had moved to
# Kursk and that they had begun combat operations"
CLAUSE_BOUNDARY = re.compile(
    r";|,\s+(?:while|whereas|but)\b|,\s+that\s|\s+and\s+that\s|,\s+(?:adding|noting|warning)\b|"
    # "..., with the remainder still at training sites": the rest of the force, not the figure
    r",\s+with\s+(?:the\s+(?:remainder|rest|others)|some|part|many|most|a few|several)\b|"
    # "..., most of whom have since moved to the front": a part of the force, not the figure
    r",\s+(?:most|many|some|several|part|half|a few|hundreds|thousands)\s+of\s+(?:whom|them)\b|"
    # "..., and it predicted some 10,000 would be there": a second statement by the same speaker
    r",\s+and\s+(?:it|he|she|they)\s+(?:predicted|predicts|expects|expected|warned|warns|forecast|added|said)\b|"
    # "raised its estimate to 3,000 a week later and said roughly 10,000 would be there": the same speaker again
    r"\s+and\s+(?:said|predicted|warned|forecast|added)\s+(?:that\s+)?(?:some|about|around|roughly|another|up to|"
    r"more than|nearly|\d)",
    re.I,
)


def _own_bounds(fig_tokens: list[Token], sent: Span) -> tuple[int, int]:
    """Character bounds (in the doc) of the stretch of the sentence between clause boundaries that holds the
    figure: "11,000 now in Kursk; Pentagon expects them in battle", "1,500 are in assaults, while 1,000 are being
    trained" -- the clause after a semicolon or a contrastive "while" is another statement."""
    text = span_text(sent)
    offset = fig_tokens[0].idx - sent.start_char
    starts = [m.end() for m in CLAUSE_BOUNDARY.finditer(text, 0, offset)]
    cut = CLAUSE_BOUNDARY.search(text, offset)
    begin = sent.start_char + (starts[-1] if starts else 0)
    end = sent.start_char + (cut.start() if cut else len(text))
    if (inserted := _dashed_insert(fig_tokens, sent)) is not None:
        return max(begin, inserted[0]), min(end, inserted[1])
    if (subject := _new_subject_after(fig_tokens, sent)) is not None:
        end = min(end, subject.left_edge.idx)
    return begin, end


def _dashed_insert(fig_tokens: list[Token], sent: Span) -> tuple[int, int] | None:
    """ "the contingent – believed to number around 11,000 – has suffered losses and is unlikely to be
    withdrawn": a figure in a dashed aside with a verb of its own has that aside as its statement."""
    doc = sent.doc
    dashes = [t.i for t in sent if t.text in {"–", "—", "--"} or (t.text == "-" and t.whitespace_)]
    before = [i for i in dashes if i < fig_tokens[0].i]
    after = [i for i in dashes if i > fig_tokens[-1].i]
    if not before or not after:
        return None
    inside = doc[before[-1] + 1 : after[0]]
    if not any(t.pos_ == "VERB" for t in inside):
        return None
    return inside.start_char, inside.end_char


def _new_subject_after(fig_tokens: list[Token], sent: Span) -> Token | None:
    """ "8,000 North Korean troops in Kursk, combat expected in the coming days": after a comma, a clause with a
    subject of its own that does not govern the figure is another statement."""
    first = fig_tokens[0]
    for token in sent.doc[fig_tokens[-1].i + 1 : sent.end]:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if token.pos_ not in {"NOUN", "PROPN"} and token.lower_ not in {"more", "others", "another", "many", "some"}:
            continue
        verb = token.head
        start = token.left_edge.i
        if verb.i <= token.i or start == 0 or sent.doc[start - 1].text != ",":
            continue
        if verb.lemma_.lower() in _SPEAKERS_VERBS:
            continue  # "3,000 arrived, officials believe": the figure's speaker, not another statement
        if verb.is_ancestor(first) and not any(c.dep_ == "ccomp" and c.is_ancestor(first) for c in verb.children):
            continue  # the parser may make the clause before the comma a complement: "..., more are expected"
        return token
    return None


# What troops are readied for when they are still to go: "prepare 3,000 soldiers for deployment".
DISPATCH_NOUNS = frozenset("deployment dispatch transfer departure rotation posting".split())
# Combat still ahead: "have moved into Kursk and are expected to join Russian forces in combat".
PROSPECT = re.compile(r"\bcould|may|might|would|\b(?:expected|set|poised|due|likely|about|ready) to\b", re.I)
OPINION_VERBS = frozenset("say guess think estimate reckon imagine".split())
# "in groups of 20 or 30", "in small groups of 10 to 15": assault groups (a single "group of 1,500" is a batch)
ATTACK_GROUPS = re.compile(
    r"\b(?:groups|columns|waves|squads) (?:of|that [^.;]{0,60}? as)\s+"
    r"(?:(?:about|around|some|roughly|up to|perhaps|maybe|between)\s+)?$",
    re.I,
)
# What a force earns its sender: "a force of 11,000 would generate $264mn".
EARNING_VERBS = frozenset("generate earn fetch yield net".split())
# What the war will do to a force already there: "a force of 11,000 ... will be spent by spring".
ATTRITION_VERBS = frozenset("spend exhaust deplete destroy annihilate decimate grind bleed".split())
# Verbs of a force's effect on the war: "will not change the war", "won't tip the balance".
IMPACT_VERBS = frozenset("change turn alter decide tip shift swing win save transform".split())


def status_of(noun: Token | None, fig_tokens: list[Token], sent: Span, date_text: str | None) -> str:
    """sent / training / expected / front from the verbs nearest the counted noun, then the sentence."""
    if (
        noun is not None
        and not any(t.head.i == noun.i for t in fig_tokens)
        and any(c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "AUX"} for c in fig_tokens[-1].children)
    ):
        # "sent 3,000 soldiers ..., with a further 2,000 expected to be shipped": a figure whose people are
        # implied from another clause has its own verb
        noun = None
    verbs = _governing_verbs(noun if noun is not None else fig_tokens[-1], fig_tokens)
    anchor = noun if noun is not None else fig_tokens[-1]
    if _partitive_whole(anchor, fig_tokens):
        own = " ".join(t.text for t in anchor.subtree)
        if TRAINING_CUES.search(own):
            return "training"
        if _affirmed(FRONT_CUES, own) or (
            _affirmed(FRONT_CUES, span_text(sent)) and not FUTURE_CUES.search(span_text(sent))
        ):
            return "front"  # "90 of the 100 men in his company ... in their first week of fighting"
        return "sent"
    before_fig = sent.doc.text[max(sent.start_char, fig_tokens[0].idx - 40) : fig_tokens[0].idx]
    if ATTACK_GROUPS.search(before_fig) and not FUTURE_CUES.search(span_text(sent)):
        return "front"  # "they come in groups of 20 or 30": small assault groups are a combat description
    right_after = sent.doc[anchor.i + 1 : min(sent.end, anchor.i + 5)].text
    # "11,000 North Korean soldiers now in Kursk; Pentagon expects them in battle": present, whatever comes next
    present = re.match(
        r"\W*(?:are |were |is )?(?:now|already|currently) (?:in|inside|at|stationed|based)\b", right_after, re.I
    )
    own_begin, own_end = _own_bounds(fig_tokens, sent)
    if (
        noun is not None
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in {"prepare", "ready"}
        and any(
            prep.dep_ == "prep"
            and prep.lower_ == "for"
            and any(g.lemma_.lower() in DISPATCH_NOUNS for g in prep.children)
            for prep in (*noun.head.children, *noun.children)
        )
    ):
        return "expected"  # "asked to prepare as many as 3,000 more soldiers for possible deployment"
    if noun is not None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"prepare", "ready", "train"}:
        # "preparing 10,000 troops to send to Russia" looks ahead; "... troops to fight for Russia" is training
        purpose = next((c for c in noun.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"), None)
        if purpose is not None and any(a.lower_ == "to" for a in purpose.children if a.dep_ == "aux"):
            if purpose.lemma_.lower() in SENT:
                return "expected"
            if purpose.lemma_.lower() in FRONT:
                return "training"
    for verb in verbs[:3]:
        lemma = verb.lemma_.lower()
        if not own_begin <= verb.idx < own_end:
            continue  # a verb across a semicolon or "while" belongs to another statement
        if present and lemma in {"expect", "plan", "intend", "anticipate", "forecast", "project", "say", "tell"}:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in PART_WORDS and c.i != anchor.i for c in verb.children):
            continue  # "9,000 soldiers now in Russia and some of them already fighting": a part's own verb
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        # the verb's own clause: "11,000 have been dispatched, and a part of them were deployed to the front" -
        # the second clause, with its own subject, is about the part, not this figure
        own = {t.i for c in verb.children if c.dep_ == "conj" and _own_subject(c) for t in c.subtree}
        clause = " ".join(
            t.text
            for t in sent.doc[verb.left_edge.i : verb.right_edge.i + 1]
            if t.i not in own and own_begin <= t.idx < own_end
        )
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if marks & {"if", "unless", "once"} and "because" not in marks:  # "if only because" is no hypothetical
            return "expected"  # "if thousands of troops join the conflict": a hypothetical
        if (
            lemma == "commit"
            and verb.i + 1 < len(verb.doc)
            and verb.doc[verb.i + 1].lower_ == "to"
            and _affirmed(FRONT_CUES, clause)
        ):
            return "front"  # "the number committed to assault operations": already thrown into combat
        if lemma in {"commit", "pledge", "promise", "earmark"} or (lemma == "decide" and anchor.head.lower_ == "on"):
            # "Pyongyang has committed between 10,000 and 12,000", "decided on 12,000 in total": still to come
            return "expected"
        modal = {"will", "would", "'ll", "could", "may", "might", "shall"}
        # "could keep sending several thousand": the modal sits on the verb the figure's verb completes
        head_aux = {c.lower_ for c in verb.head.children if c.dep_ == "aux"} if verb.dep_ == "xcomp" else set()
        future = (
            bool((aux | head_aux) & modal)
            or _capable_of(verb)
            or _expected_by(verb)
            or (
                "to" in aux
                and verb.head.lemma_.lower()
                in {
                    "afford",
                    "able",
                    "threaten",
                    "offer",
                    "seek",
                    "hope",
                    "plan",
                    "expect",
                    "intend",
                    "set",
                    "prepare",
                    "ready",
                    "poised",
                    "going",
                    "be",
                    "aim",
                    "decide",
                    "agree",
                    "pledge",
                    "promise",
                    "want",
                }
            )
        )
        if lemma in TRAINING or verb.lower_ in {"readied", "training", "preparing"}:
            return "training"
        if lemma == "be" and (planned := _be_to(verb)) is not None:
            return "training" if planned.lemma_.lower() in TRAINING else "expected"  # "1,500 are to follow"
        if lemma in {"expect", "plan", "intend", "anticipate", "forecast", "project"}:
            return "expected"
        if (
            future
            and any(c.dep_ == "advmod" and c.lower_ == "already" for c in verb.children)
            and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.left_edge.i <= anchor.i <= c.right_edge.i for c in verb.children
            )
        ):
            future = False  # "a couple thousand of them could be in the fight already": a guess about now
        if future and lemma in OPINION_VERBS:
            continue  # "I would say 1,200": a hedge on the estimate, not a future deployment
        if future and lemma in IMPACT_VERBS and any(c.dep_ == "neg" for c in verb.children):
            return "sent"  # "Ten thousand soldiers will not turn this war around": a verdict on the force there
        if future and lemma in EARNING_VERBS | ATTRITION_VERBS:
            # "a force of 11,000 would generate about $264mn a year", "... will be spent by spring": arithmetic
            # on the force there
            return "sent"
        if future:
            if present:
                continue  # "10,000 now in Kursk, could fight soon": the hypothetical does not settle the status
            return "expected"
        if lemma == "be" and any(
            c.dep_ == "prep" and c.lower_ in {"in", "inside", "near", "at", "among"} for c in verb.children
        ):
            # "11,000 were in Kursk and Washington expected them to fight": where they are settles it
            if TRAINING_CUES.search(clause):
                return "training"  # "are in Russia for training"
            return "front" if _affirmed(FRONT_CUES, clause) else "sent"
        if lemma in FRONT or (lemma == "take" and any(c.lower_ == "part" for c in verb.children)):
            return "front"  # "are taking part in assaults"
        if lemma in SENT:
            if re.search(
                r"\b(?:for training|to train|for drills|"
                r"to (?:\w+ )?training (?:sites?|grounds?|camps?|facilities|bases?))\b",
                clause,
                re.I,
            ):
                return "training"
            moving = verb.tag_ == "VBG" or "being" in aux  # "are being moved toward"; "had moved toward" arrived
            if re.search(
                r"\b(?:toward|towards|on)\s+(?:(?:their|our|its|the|enemy|ukrainian)\s+)+(?:trenches|positions|lines|dugouts)\b",
                clause,
                re.I,
            ):
                return "front"  # "60 soldiers moving toward their trenches": an assault, not a transfer
            if re.search(r"\b(?:en route|heading for|heading to|on (?:their|its) way)\b", clause, re.I) or (
                moving and re.search(r"\b(?:toward|towards)\b", clause, re.I)
            ):
                return "expected"
            if _affirmed(FRONT_CUES, clause) and not PROSPECT.search(clause) and not PART_OF_THEM.search(clause):
                return "front"
            return "sent"
        if lemma == "be" and TRAINING_CUES.search(clause) and TRAINING_CUES.search(sent.doc.text[own_begin:own_end]):
            return "training"
    text = sent.doc.text[own_begin:own_end]
    # "after short training": the training is over
    text = re.sub(r"\bafter (?:\w+ ){0,2}training\b", " ", text, flags=re.I)
    # "I would say 1,200", "several thousand would be a fair characterization": hedges, not the future
    text = re.sub(
        r"\b(?:would|'d|’d) (?:say|guess|think|estimate|reckon|imagine)\b|\bwould be (?:a |an )?(?:fair|reasonable|"
        r"accurate|good|safe)\b",
        " ",
        text,
        flags=re.I,
    )
    if (
        not present
        and date_text
        and re.match(r"(?i)by\b", date_text)
        and not re.search(r"\b(?:already|were|was|had|has been|have been|arrived|reached)\b", text, re.I)
    ):
        return "expected"
    if TRAINING_CUES.search(text):
        return "training"
    if (
        not present
        and FUTURE_CUES.search(text)
        and not re.search(
            r"\b(?:has|have|had) (?:already )?(?:been )?(?:sent|deployed|reached|arrived|grown|risen|climbed|moved)\b",
            text,
            re.I,
        )
    ):
        return "expected"
    if _affirmed(FRONT_CUES, text) and not PROSPECT.search(text) and not PART_OF_THEM.search(text):
        return "front"  # "with 10,000 now in Russia and some of them already fighting": only a part fights
    return "sent"


# ------------------------------------------------------------------------------------------ place, time


def _be_to(verb: Token) -> Token | None:
    """The planned action of "are to follow", "is to be deployed": a "be" with a to-infinitive complement."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            return child
    return None


def _date_near(sent: Span, fig_start: int) -> str | None:
    dates = [e for e in span_entities(sent) if e.label_ in {"DATE", "TIME"} and not re.fullmatch(r"\d+", e.text)]
    dates = [e for e in dates if not (e.start_char <= fig_start < e.end_char)]
    if not dates:
        return None
    best = min(dates, key=lambda e: abs(e.start_char - fig_start))
    prefix = DATE_PREFIX.search(sent.doc.text[max(0, best.start_char - 10) : best.start_char])
    text = best.text
    if prefix and prefix.group(0).strip().lower() in {"by", "as of", "since", "until", "till", "before"}:
        return prefix.group(0) + text
    return text


def _place_near(
    sent: Span, fig_end: int, gazetteer: Gazetteer, blocked: list[tuple[int, int]], previous: Span | None
) -> str | None:
    def places_in(span: Span) -> list[tuple[int, str]]:
        found = []
        for mention in gazetteer.find(span.text, [(s - span.start_char, e - span.start_char) for s, e in blocked]):
            start = span.start_char + mention.start
            before = span.doc.text[max(0, start - 40) : start]
            # "North Korea has sent" names the sender, not where troops are: prefer places after prepositions
            direction = re.search(r"(?:(?:eastern|western|northern|southern|far[- ]eastern)\s+)$", before, re.I)
            name = mention.place.place
            if direction:
                name = f"{direction.group(0).strip().lower()} {name}"
            prep = re.search(
                r"\b(?:to|in|into|near|at|inside|from|across|toward|towards)\s+(?:the\s+)?"
                r"(?:(?:eastern|western|northern|southern|far[- ]eastern)\s+)?$",
                before,
                re.I,
            )
            is_possessive = span.doc.text[mention.end + span.start_char :].startswith(("'s", "’s"))
            if prep or is_possessive:
                found.append((start, name))
        return found

    here = places_in(sent)
    if here:
        # the most specific place (region/city over country) near the figure
        here.sort(
            key=lambda p: (
                gazetteer.lookup(p[1].split()[-1]) is not None
                and (gazetteer.lookup(p[1].split()[-1]).kind == "country"),
                abs(p[0] - fig_end),
            )
        )
        return here[0][1]
    if previous is not None:
        earlier = places_in(previous)
        if earlier:
            return earlier[-1][1]
    return None


# -------------------------------------------------------------------------------------------- sources


BELIEF_VERBS = frozenset("believe think know assess understand estimate expect count record".split())


# What people hear rather than find: "news that thousands are fighting", "word that 3,000 had died".
HEARSAY_NOUNS = frozenset("news word rumour rumor".split())


def _heard_news(figure: Token, verb: Token) -> bool:
    """Is the figure inside a "news that ..." clause the speaker only reacts to (between it and the verb)?"""
    token = figure
    for _ in range(12):
        if token.i == verb.i or token.head.i == token.i:
            return False
        if token.dep_ in {"acl", "ccomp"} and token.head.lemma_.lower() in HEARSAY_NOUNS and token.head.i != verb.i:
            return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
        token = token.head
    return False


def _speaker_for(info: SentenceInfo, fig_tokens: list[Token]) -> Speaker | None:
    """The speaker of a figure: the outermost speech verb whose clause holds it (an inner speaker it relays
    becomes ``via``), else "according to"/"based on", else any speaker the sentence names."""
    if not info.speakers:
        return None
    figure_i = fig_tokens[0].i
    if (cited := _cited_figure_speaker(info, fig_tokens)) is not None:
        return cited
    if (stranded := _stranded_complement_speaker(info, figure_i)) is not None:
        return stranded
    if (relative := _reduced_relative_speaker(info, fig_tokens)) is not None:
        return relative
    verbal: list[tuple[int, Speaker]] = []
    for speaker in info.speakers:
        if speaker.verb_i is None:
            continue
        verb = info.span.doc[speaker.verb_i]
        if verb.lemma_.lower() in UNVOUCHED | UNSAID and any(c.dep_ == "neg" for c in verb.children):
            # "The BBC could not verify claims that 3,000 ...": who cannot confirm a figure is not its source;
            # "North Korea, which has an army of 1.2 million, has not commented": nor is who kept silent
            continue
        if speaker.start_char <= fig_tokens[0].idx < speaker.end_char:
            continue  # the figure is inside the speaker mention itself
        if _heard_news(fig_tokens[0], verb):
            continue  # "says news that thousands of soldiers are fighting has left her fearing": not her figure
        inserted = (
            # "The first group of 2,000 arrived in October, she says, and was moved west": a tag wedged in the clause
            verb.dep_ == "parataxis"
            and verb.lemma_.lower() in REPORTING_TAGS
            and verb.head.left_edge.i <= figure_i < verb.i
        ) or any(
            # the tag's speaker is kept on the clause it reports ("had reached" of "5,000 troops, he said, had
            # reached"), which the parser may hang after the figure
            tag.dep_ == "parataxis" and tag.lemma_.lower() in REPORTING_TAGS and _wedged_after(tag, figure_i)
            for tag in (verb, *verb.children)
        )
        if inserted or verb.left_edge.i <= figure_i <= verb.right_edge.i:
            depth, token = 0, verb
            while token.head.i != token.i and depth < 40:
                token = token.head
                depth += 1
            verbal.append((depth, speaker))
    if verbal:
        verbal.sort(key=lambda pair: pair[0])
        outer, inner = verbal[0][1], verbal[-1][1]
        if inner is not outer and inner.cue in {"claim of", "revise"}:
            # "Kartsev said Kyiv's claim of 4,000 losses was a fantasy", "..., a toll Kyiv has since revised to
            # 4,000": the figure is the claimant's, the reviser's
            return inner
        if inner is not outer and _side_clause(info.span.doc[outer.verb_i], inner):
            return inner  # "Ukraine says 3,000, while South Korea puts it at 1,100": a speaker of its own
        if outer.source.kind == "media" and inner is not outer and outer.cue in {"state", "report", "say"}:
            inner.reported_by = outer.source
            return inner
        if inner is not outer and inner.source.name != outer.source.name:
            verb = info.span.doc[inner.verb_i] if inner.verb_i is not None else None
            believer = inner.source.kind
            if (
                verb is not None
                and verb.lemma_.lower() in BELIEF_VERBS
                and believer != "person"
                # a count is a named body's finding ("Ukrainian intelligence had counted"), not "his gunners'"
                and (verb.lemma_.lower() not in {"count", "record"} or inner.source.known)
                and not (outer.source.kind == "person" and believer == "country")
            ):
                # "An official said Washington believed that 11,000 ...", "Park said the agency believed ...": the
                # estimate is the believer's and the speaker relays it; a named spokesman's "the U.S. believes"
                # stays his
                inner.via = inner.via or outer.source
                return inner
            # "spokesperson Matthew Miller told reporters that the United States assessed ...": the country whose
            # assessment he relays outranks his own department as the figure's origin
            believes = verb is not None and verb.lemma_.lower() in BELIEF_VERBS and believer == "country"
            if outer.via is None or believes:
                outer.via = inner.source
        return outer
    if _fact_box_colon(fig_tokens, info.span):
        # "• 12,000: the total the NIS says Pyongyang has decided to send": the description's speaker
        described = [s for s in info.speakers if s.verb_i is not None and s.start_char > fig_tokens[-1].idx]
        if described:
            return described[0]
    for cue in ("according to", "based on", "estimate", "agent", "colon", "trailing", "quote block", "statement"):
        for speaker in info.speakers:
            if speaker.cue == cue and not _other_nouns_relative(speaker, info):
                return speaker
    # clause-final attribution the parse did not attach: "..., South Korea's spy agency said on Friday."
    for speaker in info.speakers:
        if speaker.verb_i is None or speaker.start_char <= fig_tokens[0].idx:
            continue
        verb = info.span.doc[speaker.verb_i]
        tail = [t for t in info.span.doc[verb.i + 1 : info.span.end] if not (t.is_punct or t.is_space)]
        if len(tail) <= 4 and verb.lemma_.lower() in REPORTING_TAGS:
            return speaker
    return None


def _other_nouns_relative(speaker: Speaker, info: SentenceInfo) -> bool:
    """ "... losses that Western officials estimate at more than 1,000 a day": a verb in a relative clause sizes
    its own noun; it says nothing of the figures elsewhere in the sentence (its own were matched by scope)."""
    if speaker.verb_i is None:
        return False
    verb = info.span.doc[speaker.verb_i]
    return verb.pos_ == "VERB" and verb.dep_ == "relcl"


def _wedged_after(tag: Token, figure_i: int) -> bool:
    """ "He gave a number: about 5,000 troops, he said, had reached Kursk": a tag set off by commas reports the
    words before it back to the last colon, even when the parser hangs it elsewhere."""
    doc = tag.doc
    sent = tag.sent
    words = [t.i for t in tag.subtree if not t.is_punct]
    first, last = words[0], words[-1]
    if first <= sent.start or last + 1 >= sent.end or doc[first - 1].text != "," or doc[last + 1].text != ",":
        return False
    start = max((t.i for t in doc[sent.start : tag.i] if t.text in {":", ";"}), default=sent.start)
    return start <= figure_i < first


def _reduced_relative_speaker(info: SentenceInfo, fig_tokens: list[Token]) -> Speaker | None:
    """ "up from the roughly 3,000 the spy agency cited": whoever the relative clause right after the figure
    names as giving it."""
    if not _opens_reduced_relative(fig_tokens):
        return None
    after = fig_tokens[-1].i + 1
    gap_start = info.span.doc[after].idx
    for speaker in info.speakers:
        # the mention starts at the determiner, or (as the parser joins them) spans the figure and the name
        if (
            speaker.verb_i is not None
            and speaker.verb_i > after
            and speaker.start_char <= gap_start + 5 < speaker.end_char
        ):
            return speaker
    return None


def _stranded_complement_speaker(info: SentenceInfo, figure_i: int) -> Speaker | None:
    """ "When Ukrainian media reported in October that six officers were killed, Peskov dismissed the story": the
    parser hangs the that-clause on the main verb, but it follows the reporting verb's own words directly, so
    it is what that verb reports."""
    doc = info.span.doc
    for speaker in info.speakers:
        if speaker.verb_i is None:
            continue
        verb = doc[speaker.verb_i]
        if verb.lemma_.lower() not in REPORTING_TAGS or any(c.dep_ in {"ccomp", "dobj"} for c in verb.children):
            continue
        after = verb.right_edge.i + 1
        if after >= info.span.end or doc[after].lower_ != "that" or doc[after].dep_ != "mark":
            continue
        clause = doc[after].head
        if clause.i > verb.i and clause.head.i != verb.i and clause.left_edge.i <= figure_i <= clause.right_edge.i:
            return speaker
    return None


def _cited_figure_speaker(info: SentenceInfo, fig_tokens: list[Token]) -> Speaker | None:
    """'up from the "at least 3,000" that John Kirby cited': a relative clause right after the figure names who
    gave it, whatever the sentence's main speaker says."""
    doc = info.span.doc
    for speaker in info.speakers:
        if speaker.verb_i is None:
            continue
        verb = doc[speaker.verb_i]
        if verb.dep_ == "relcl" and verb.head.i == fig_tokens[-1].i and speaker.start_char > fig_tokens[-1].idx:
            return speaker  # "up from the 10,000 the Pentagon cited a week earlier": no relative pronoun
        counted = verb.head  # the figure itself, or the noun it counts a few words on
        if (
            verb.dep_ == "acl"
            and speaker.cue == "agent"
            and 0 <= counted.i - fig_tokens[-1].i <= 4
            and (counted.i == fig_tokens[-1].i or counted.is_ancestor(fig_tokens[-1]))
        ):
            return speaker  # 'the "12,000 North Koreans" claimed by Kyiv': the figure is the claimant's
        first = verb.left_edge
        if first.lower_ not in {"that", "which"} or not speaker.start_char > first.idx:
            continue
        before = first.i - 1
        while before >= info.span.start and (doc[before].is_punct or doc[before].is_space):
            before -= 1
        if before == fig_tokens[-1].i:
            return speaker
    return None


def _side_clause(outer: Token, inner: Speaker) -> bool:
    """Does the inner speaker's verb hang on ``outer`` through a clause of its own ("..., while Seoul puts it at",
    "and Seoul estimates ...") rather than through what ``outer`` reports? The inner speaker must be its verb's
    subject: "Asked about a report that ..., Kim said" stays Kim's."""
    verb = outer.doc[inner.verb_i]
    if not any(c.dep_ == "nsubj" and inner.start_char <= c.idx < inner.end_char for c in verb.children):
        return False
    token = verb
    while token.head.i != token.i and token.i != outer.i:
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if token.dep_ == "advcl" and marks & {"while", "whereas", "although", "though"}:
            return True
        if token.i == verb.i and token.dep_ == "conj" and token.head.i != outer.i:
            return True  # "The NIS said 10,000 had arrived, and Kyiv's intelligence gave 11,000": a report of its own
        if token.head.i == outer.i:
            return token.dep_ in {"advcl", "conj"}
        token = token.head
    return False


# Verbs that, negated, disown the figure they govern.
UNVOUCHED = frozenset("verify confirm corroborate substantiate".split())
# Verbs that, negated, say nothing at all.
UNSAID = frozenset("comment disclose reveal specify elaborate respond discuss".split())
REPORTING_TAGS = frozenset("say tell add report state claim confirm estimate note warn write announce".split())
# A speaker's own verbs after a comma ("3,000 arrived, officials believe"); "more are expected" is a new statement.
_SPEAKERS_VERBS = REPORTING_TAGS | BELIEF_VERBS - {"expect"}


class ClaimExtractor:
    """Reads the claims of one parsed Doc."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()

    def __call__(self, doc: Doc, doc_id: str = "") -> list[ClaimRecord]:
        infos = analyse(doc)
        outlets = _outlet_spans(doc)
        context = doc.text[:3000]
        records: list[tuple[ClaimRecord, SentenceInfo]] = []
        for position, info in enumerate(infos):
            if info.skip:
                continue
            sent = info.span
            for fig in find_figures(span_text(sent)):
                start, end = sent.start_char + fig.start, sent.start_char + fig.end
                fig_tokens = _tokens_for(sent, start, end)
                if not fig_tokens:
                    continue
                if _date_like(fig, fig_tokens, sent, start) or _counts_speakers(fig_tokens):
                    continue
                noun, _implied, blocked = find_unit(fig_tokens, sent)
                if (
                    fig.low == 1
                    and fig_tokens[0].i > sent.start
                    and sent.doc[fig_tokens[0].i - 1].lower_ in {"the", "this", "that", "which", "no"}
                ) or (
                    fig.low == 1 and fig_tokens[-1].i + 1 < sent.end and sent.doc[fig_tokens[-1].i + 1].lower_ == "of"
                ):
                    continue  # "the one most Western observers predicted", "One of the prisoners": a pronoun
                antecedent = (
                    None if noun is not None or blocked else _antecedent_before(fig_tokens, sent, infos, position)
                )
                if noun is None and antecedent is None:
                    around = _neighbourhood(infos, position)
                    if blocked or (
                        not _bare_casualty(fig_tokens, sent, around)
                        and not _bare_headcount(fig, fig_tokens, sent, around)
                    ):
                        continue
                counted = noun if noun is not None else antecedent
                unit = _unit_text(counted) if counted is not None else "soldier"
                if (
                    noun is not None
                    and noun.lower_ in {"staff", "guard", "force"}
                    and not re.search(r"troop|soldier|militar|army|force|battalion|korea", span_text(sent), re.I)
                ):
                    continue
                if noun is not None and _population_of(noun, fig_tokens):
                    continue  # "a nation of some 26 million people": the population, not a force
                date_text = _date_near(sent, start)
                category = categorize(noun, fig, fig_tokens, sent, context)
                if antecedent is not None and category == "deployment":
                    # the sentence's own words settle it first ("eighteen of them slipped away"), else the people
                    # named before ("Two of them are in Kyiv" after a capture, an answer to "How many deserters")
                    category = categorize(antecedent, fig, fig_tokens, sent, context)
                if fig.high == 1 and category not in {"casualty", "captured", "desertion"}:
                    continue  # a lone "one" (or "alert(1)") is a headcount only when someone died, fled or was taken
                status = status_of(noun, fig_tokens, sent, date_text) if category == "deployment" else None
                if (
                    status == "sent"
                    and antecedent is not None
                    and _in_combat(antecedent)
                    # "ten thousand of them in the country": where they are settles it
                    and not re.match(
                        r"\W*(?:of (?:them|those|these)\s+)?(?:in|inside)\b", doc.text[end : end + 30], re.I
                    )
                ):
                    status = "front"  # "How many attack your sector each day?" - "I would say 800"
                if status == "sent" and noun is None and _expected_before(fig_tokens, sent, infos, position):
                    status = "expected"  # "They expect a third wave. One put its likely size at 5,000."
                speaker = _speaker_for(info, fig_tokens)
                previous = (
                    infos[position - 1].span
                    if position > 0 and infos[position - 1].paragraph == info.paragraph
                    else None
                )
                place = _place_near(sent, end, self.gazetteer, outlets, previous)
                hedged = bool(HEDGES.search(span_text(sent))) or (fig.qualifier in {"an estimated", "estimated"})
                record = ClaimRecord(
                    claim_id=f"{doc_id}:{start}",
                    doc_id=doc_id,
                    number_text=fig.number_text,
                    start_char=start,
                    end_char=end,
                    sentence=span_text(sent).strip(),
                    low=fig.low,
                    high=fig.high,
                    qualifier=fig.qualifier,
                    unit=unit,
                    category=category,
                    status=status,
                    source=None,
                    source_mention=None,
                    source_type=None,
                    source_country=None,
                    via=None,
                    place=place,
                    date_text=date_text,
                    hedged=hedged,
                    sentence_start=sent.start_char,
                    sentence_end=sent.end_char,
                    heading=info.heading,
                )
                _set_source(record, speaker)
                records.append((record, info))
        _carry_sources(records, infos)
        return [r for r, _ in records]


PERSONNEL_CONTEXT = re.compile(
    r"\b(?:troops?|soldiers?|personnel|servicem[ae]n|fighters?|forces|contingent|"
    r"reinforcements?|killed|wounded|taken prisoner|prisoners?|strength|"
    r"deploy\w*|casualt\w*|deserter\w*|north korean?s?|pyongyang)\b",
    re.I,
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
NOT_A_HEADCOUNT = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}}\s*(?:to|-|–|and|through)\s*$|\d{{4}}\s*[-–]\s*$|[A-Za-z][-–]$|\d[:.]$|"
    rf"\baged?\s+(?:\d+\s+and\s+)?$|\b{_MONTH}\s*$|\bArticle\s*$|[$€£₩]\s*$|\bNo\.\s*$|"
    r"#\s*$|\bpage\s*$)",
    re.I,
)


def _counts_speakers(fig_tokens: list[Token]) -> bool:
    """ "two of the people said", "one Ukrainian intelligence officer told": the figure counts the sources."""
    from workbench.attribution import SPEECH_VERBS

    speaker_nouns = {
        "official",
        "officer",
        "source",
        "people",
        "person",
        "diplomat",
        "analyst",
        "expert",
        "lawmaker",
        "aide",
        "insider",
        "commander",
        "resident",
    }
    figure = fig_tokens[-1]
    for token in (figure, figure.head):
        if token.dep_ != "nsubj" or token.head.lemma_.lower() not in SPEECH_VERBS or token.head.pos_ != "VERB":
            continue
        of_whom = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if token.lemma_.lower() in speaker_nouns or any(g.lemma_.lower() in speaker_nouns for g in of_whom):
            return True
    return False


CURRENCY_AFTER = re.compile(
    r"\s*(?:(?:trillion|billion|million|thousand|bn|mn)\s+)?(?:won|dollars?|euros?|roubles?|rubles?|yuan|yen|"
    r"hryvnias?|hryvnia|pounds?|usd|zlot(?:y|ys|ych)|zł|rupees?|francs?|kroner?|krona|kronor)\b",
    re.I,
)


def _date_like(fig: Figure, fig_tokens: list[Token], sent: Span, start: int) -> bool:
    """ "October 8 to 13", "Article 5", "$3,000", "in 2024": numbers that are never headcounts."""
    year = re.fullmatch(r"\d{4}", fig.number_text)  # "two thousand men" is never a year
    if 1900 <= fig.low <= 2100 and fig.low == fig.high and year and not fig.vague:
        nxt = sent.doc[fig_tokens[-1].i + 1] if fig_tokens[-1].i + 1 < sent.end else None
        if nxt is None or (nxt.lemma_.lower() not in PERSONNEL and nxt.lower_ not in PERSONNEL):
            return True
    before = sent.doc.text[max(sent.start_char, start - 25) : start]
    if NOT_A_HEADCOUNT.search(before):
        return True
    after_text = sent.doc.text[start + len(fig.number_text) : start + len(fig.number_text) + 30]
    if fig.high < 100 and re.search(r"\w,\s*(?:then|now|aged)?\s*$", before) and after_text.startswith(","):
        return True  # "the soldier, then 21, joined": an age in apposition
    if (
        fig.high < 100
        and re.search(r"\b(?:are|were)\s+(?:under|over|below|above|barely|just)\s+$", before)
        and re.match(r"\s*(?:[.,;)]|$|years)", after_text)
    ):
        return True  # "half the recruits were under 19": an age
    if CURRENCY_AFTER.match(after_text):
        return True  # "300 billion won", "40 million roubles"
    if re.match(r"\s+in\s+(?:every\s+)?(?:\d|two|three|four|five|six|seven|eight|nine|ten)\b", after_text, re.I) or (
        re.search(r"\b(?:one|\d+|two|three|four|five)\s+in\s+$", before, re.I)
    ):
        return True  # "one in three of the soldiers": a ratio, not a headcount
    if re.fullmatch(r"\d{1,2}[.:]\d{2}", fig.number_text) or re.match(
        r"[:.]\d{2}\b", sent.doc.text[start + len(fig.number_text) : start + len(fig.number_text) + 3]
    ):
        return True  # "12.30 GMT", "18:05": clock times
    if sent.doc.text[start - 1 : start] == "[" and after_text.startswith("]"):
        return True  # "... over the past day.[12]": a footnote marker
    around = sent.doc.text[max(0, start - 6) : start + len(fig.number_text) + 6]
    if re.search(r"\d/\d|\d\.\d{1,2}\.\d{2}", around) and re.fullmatch(r"\d{1,4}", fig.number_text):
        return True  # "18/10/2024", "18.10.2024": numeric dates
    after = sent.doc.text[start + len(fig.number_text) : start + len(fig.number_text) + 8]
    # "KN-23", "Su-34", "F-16": model numbers; "3,000-strong" is a headcount
    return bool(re.match(r"[-–][A-Za-z]", after)) and not re.match(r"[-–](?:strong|man|member|person)", after)


def doc_text_before(sent: Span, token: Token) -> str:
    return sent.doc.text[sent.start_char : token.idx]


# Things counted near troop figures: a bare number right after them counts them, not people.
MATERIEL = frozenset(
    """
drone missile shell rocket tank gun howitzer launcher vehicle aircraft plane helicopter jet ship vessel bomb round
mine munition weapon system battery artillery
""".split()
)
# Things counted in a figure that a following bare figure also counts ("204 votes to 85").
PAIRED_MEASURES = frozenset("vote seat kilometer kilometre mile hectare acre village settlement percent".split())
# Units after a bare number that make it a measure, not a headcount ("170 mm guns", "40 km", "3 p.m.").
MEASURE_WORDS = frozenset(
    "percent per times km kilometres kilometers miles mile mm cm kg tons tonnes metres meters p.m. a.m.".split()
)


def _bare_headcount(fig: Figure, fig_tokens: list[Token], sent: Span, context: str) -> bool:
    """A figure with its noun left implicit: "puts the figure at 11,000", "3,000 already sent", "eighteen of them",
    "a second batch of 1,500" -- counted people when the sentence is about troops and nothing else is counted."""
    last_tok = fig_tokens[-1]
    of_them = (
        last_tok.i + 2 < sent.end
        and sent.doc[last_tok.i + 1].lower_ == "of"
        and sent.doc[last_tok.i + 2].lower_ in {"them", "those", "these"}
    )
    label = re.match(
        r"\W*([A-Z][^:]{2,60}):\s*(?:some |about |roughly |around )?$", doc_text_before(sent, fig_tokens[0])
    )
    listed = bool(label and PERSONNEL_CONTEXT.search(label.group(1)))  # "- Taken prisoner by Ukraine: two"
    if fig.high < 10 and fig.vague is False and not of_them and not listed:
        return False
    bare_sentence = not re.search(r"[^\W\d_]", span_text(sent).replace(fig.number_text, ""))
    fig_end = fig_tokens[-1].idx + len(fig_tokens[-1].text)
    described = re.match(r"\+?\s*[:\-–]", sent.doc.text[fig_end : fig_end + 4])  # "4,700: killed or wounded"
    if re.search(r"\d", fig.number_text) and bare_sentence and not described:
        return False  # a sentence that is only a number ("20" split off a dateline) counts nothing; "4,700:" does
    if 1900 <= fig.low <= 2100 and fig.low == fig.high and "," not in fig.number_text:
        return False  # a year
    if re.fullmatch(r"[\d,]*\.\d+", fig.number_text):
        return False  # "the KOSPI edged down to 2,583.27": a fraction with no scale word counts no one
    if fig.vague and re.search(r"(?i)\b(?:millions|billions)\b", fig.number_text):
        return False  # "stands to earn hundreds of millions": money or a population, never a force left unnamed
    doc = sent.doc
    before = doc.text[max(sent.start_char, fig_tokens[0].idx - 25) : fig_tokens[0].idx]
    if NOT_A_HEADCOUNT.search(before):
        return False
    last = fig_tokens[-1]
    nxt = doc[last.i + 1] if last.i + 1 < sent.end else None
    if nxt is not None:
        # "9,000 - total now in Russia" (a spaced dash in a fact box) is no "9,000-ton" compound
        dash = nxt.text in {"-", "–"} and not (last.whitespace_ and nxt.whitespace_)
        if dash or nxt.text == "%" or nxt.lower_ in MEASURE_WORDS:
            return False
        if (
            nxt.pos_ in {"NOUN", "PROPN"}
            and nxt.lower_ not in {"of"}
            and nxt.lemma_.lower() not in TALLY_NOUNS
            and nxt.lower_ not in TIME_WORDS
            and not _verb_misread(nxt, fig_tokens)
        ):
            return False  # it counts that noun, which find_unit rejected
        if nxt.lower_ == "of" and last.i + 2 < sent.end:
            after = doc[last.i + 2]
            if after.lower_ not in {"them", "those", "these", "whom", "which"}:
                return False
    if (
        fig_tokens[0].i > sent.start
        and doc[fig_tokens[0].i - 1].pos_ == "NUM"
        and not doc[fig_tokens[0].i - 1].is_punct
    ):
        return False  # "12 000" read as two numbers; a bullet ("* 1.3 million") the tagger calls NUM is no number
    item_head = re.fullmatch(r"\W*", doc.text[sent.start_char : fig_tokens[0].idx])
    if item_head and nxt is not None and (nxt.text == ":" or _spaced_dash_after(fig_tokens, sent)):
        # a fact box "9,000+ - total now in Russia", "250: self-propelled guns": the description says what counts
        description = _rest_of_line(last)
        return _describes_people(description)
    previous = doc[fig_tokens[0].i - 1] if fig_tokens[0].i > sent.start else None
    qualifier_words = set((fig.qualifier or "").lower().split())
    if (
        previous is not None
        and previous.lower_ not in qualifier_words
        and previous.text != "|"  # a table cell's first word
        and (
            previous.pos_ in {"NOUN", "PROPN"}
            or (previous.i == sent.start and previous.is_title and previous.pos_ not in {"DET", "ADV", "ADJ"})
        )
    ):
        return False  # "on day 12", "Phase 2", "Report 11": a label, not a headcount ("Another 2,000" is one)
    after = doc.text[last.idx + len(last.text) : last.idx + len(last.text) + 2]
    if (
        re.search(r"\b(?:is|was|aged|age|ages)\s+$", before)
        or (
            fig.high < 100
            and re.search(
                r"\b(?:is|was|are|were|aged)\s+(?:about|around|roughly|only|just|barely|under|over|below)\s+$", before
            )
        )
        or (re.search(r",\s*$", before) and after.startswith(","))
        or re.search(r"\bpopulation\b", span_text(sent), re.I)
    ):
        return False  # ages ("Kim Soon-ja, 81, fled", "is 19", "was about 20") and populations
    # "had 14,000 residents; fewer than 5,000 remain": the nearest counted group before the figure is civilian
    earlier = re.findall(
        r"\b(residents|inhabitants|civilians|refugees|villagers|evacuees|locals|"
        r"troops|soldiers|servicem[ae]n|fighters|personnel|men)\b",
        doc.text[sent.start_char : fig_tokens[0].idx],
        re.I,
    )
    if earlier and earlier[-1].lower() in CIVILIAN_NOUNS:
        return False
    # "launched 39 attack drones ..., adding that 30 had been shot down": the last thing counted before it
    counted = [
        t for t in sent if t.i < fig_tokens[0].i and t.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in t.children)
    ]
    if counted and counted[-1].lemma_.lower() in MATERIEL:
        return False
    # "204 votes to 85", "400 square kilometers from a peak of 1,200": the paired figure counts the same thing
    if (
        counted
        and fig_tokens[0].i - counted[-1].i <= 8
        and (counted[-1].lemma_.lower() in PAIRED_MEASURES or counted[-1].lower_ in MEASURE_WORDS)
    ):
        return False
    # a bare figure that is the subject of its clause ("as 11,000 gather in Kursk", "says 7,000 are already
    # there") stands for the people the whole article is about
    if _tally_counts(fig_tokens, sent) is False:
        return False  # "put the number of drones shot down at 1,200"
    subject = last.dep_ in {"nsubj", "nsubjpass"}
    # "if they send another 10,000", "to see a further 5,000 before spring": more of the same people
    more = re.search(r"\b(?:another|a further|an additional|an extra)\s+$", before, re.I) is not None
    # a row of a table with a header ("Date | Source | Estimate"): the caption and header say what it counts
    if (subject or more or _in_headed_table(sent) or _estimate_frame(fig_tokens, sent)) and PERSONNEL_CONTEXT.search(
        sent.doc.text[:3000]
    ):
        return True
    return bool(PERSONNEL_CONTEXT.search(context))


def _in_headed_table(sent: Span) -> bool:
    """Does the sentence start a row of a table that has a header line?"""
    return (row := table_row(sent)) is not None and row[3] is not None


def _describes_people(description: str) -> bool:
    """Does a fact-box description name people ("total now in Russia", "killed or wounded") before it names
    things ("170-mm self-propelled guns")? The first telling word decides."""
    if re.match(r"\W*(?:[A-Z][\w.]*\s+)?service ?(?:members?|men|women|personnel)\b", description, re.I):
        return True  # "U.S. service members stationed in South Korea"
    for word in re.findall(r"[a-z]+(?:-[a-z]+)?", description.lower()):
        bases = {word, word.removesuffix("s"), re.sub(r"ies$", "y", word)}
        if bases & NOT_PEOPLE:
            return False
        if bases & PERSONNEL or FACT_BOX_WORDS.fullmatch(word) or word in {"killed", "wounded", "captured", "deserted"}:
            return True
    return False


FACT_BOX_WORDS = re.compile(
    r"\b(?:total|number|strength|figure|estimate|size|army|armed forces|active[- ]duty|in uniform|under arms)\b", re.I
)
LIST_ITEM = re.compile(r"\s*(?:[-–—•*·]\s|\d[\d,.]*\+?\s*[:–—-]\s|[A-Z][^:?!\n]{2,60}:\s)")


def _estimate_frame(fig_tokens: list[Token], sent: Span) -> bool:
    """Is the figure an estimate of the article's subject by its frame: a tally ("the total had reached 10,000",
    "the 1,200 figure", "a claim of 6,000"), or an item of a list or fact box ("- Ukraine HUR (Oct. 24): 11 thousand
    at training grounds")? Such figures count the people the article is about, whatever the nearby sentences say."""
    return bool(LIST_ITEM.match(span_text(sent))) or _tally_frame(fig_tokens, sent)


def _tally_frame(fig_tokens: list[Token], sent: Span) -> bool:
    """ "put the likely size at 3,000", "the 1,200 figure", "a claim of 6,000": the figure is a tally's value."""
    return _tally_counts(fig_tokens, sent) is True


def _tally_counts(fig_tokens: list[Token], sent: Span) -> bool | None:
    """Does a tally the figure is the value of count people (True), things ("the number of shells fired reached
    10,000", False), or is there no tally (None)?"""
    last = fig_tokens[-1]
    doc = sent.doc
    tallies = [doc[last.i + 1]] if last.i + 1 < sent.end else []
    token = last
    for _ in range(5):  # up to the verb, or past a participle ("the number of drones shot down at 1,200")
        if token.head.i == token.i:
            break
        token = token.head
        tallies.append(token)
        if token.pos_ in {"VERB", "AUX"}:
            tallies.extend(c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"})
            if token.dep_ not in {"acl", "advcl", "conj", "xcomp"}:
                break
    for tally in tallies:
        if tally.lemma_.lower() not in TALLY_NOUNS | {"claim", "size", "strength"}:
            continue
        counted = [g for c in tally.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        # "the size of the second rotation" counts people; "the number of shells" does not
        return not any(g.i < last.i and g.lemma_.lower() in NOT_PEOPLE for g in counted)
    return None


CIVILIAN_NOUNS = frozenset("residents inhabitants civilians refugees villagers evacuees locals".split())


def _neighbourhood(infos: list[SentenceInfo], position: int) -> str:
    """The sentence with its neighbours: "3,000 already sent" in a headline counts the troops of the lede.
    A speaker label ("A:", "Q:") is no neighbour: the question before it is."""
    before = position - 1
    while before > 0 and _is_label(infos[before].span):
        before -= 1
    parts = [infos[i].span.text for i in (before, position, position + 1) if 0 <= i < len(infos)]
    return " ".join(parts)


def _is_label(span: Span) -> bool:
    """A transcript speaker label on its own: "A:", "Q:", "MS. SINGH:"."""
    return len(span) <= 4 and span.text.rstrip().endswith(":")


POPULATED = frozenset("nation country state city town region republic population".split())


def _population_of(noun: Token, fig_tokens: list[Token]) -> bool:
    """ "a nation of some 26 million people", "a city of 400,000 inhabitants": the people who live there."""
    return (
        noun.lemma_.lower() in {"people", "person", "inhabitant", "resident", "citizen", "soul"}
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in POPULATED
        and fig_tokens[-1].head.i == noun.i
    )


def _antecedent_before(fig_tokens: list[Token], sent: Span, infos: list[SentenceInfo], position: int) -> Token | None:
    """The people a bare figure counts when an earlier sentence names them: "Two of them are in Kyiv" after a
    sentence about captured soldiers, "I know of four." answering "How many deserters ...?"."""
    doc = sent.doc
    last = fig_tokens[-1]
    of_them = (
        last.i + 2 < sent.end
        and doc[last.i + 1].lower_ == "of"
        and doc[last.i + 2].lower_ in {"them", "those", "these"}
        and _of_them_antecedent(fig_tokens, sent) is None
    )
    before = position - 1
    while before >= 0 and _is_label(infos[before].span):
        before -= 1
    if before < 0 or infos[before].skip:
        return None
    previous = infos[before].span
    people = [t for t in previous if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in PERSONNEL]
    if not people:
        return None
    if of_them:
        # "North Korean troops have begun engaging alongside Russian forces. ... ten thousand of them": the
        # pronoun takes up the North Koreans named before over whatever noun the sentence happens to end on
        north_korean = [t for t in people if NK_WORDS.search(previous.doc[t.left_edge.i : t.i + 1].text)]
        return (north_korean or people)[-1]
    many = next(
        (t for t in previous if t.lower_ == "many" and t.i > previous.start and t.nbor(-1).lower_ == "how"), None
    )
    if many is not None and previous.text.rstrip().endswith("?"):
        asked = [t for t in people if t.i > many.i]
        return asked[0] if asked else None
    return None


def _expected_before(fig_tokens: list[Token], sent: Span, infos: list[SentenceInfo], position: int) -> bool:
    """A bare tally with no movement verb of its own ("One put the likely size at 3,000") sizes what the sentence
    before expects."""
    if (
        position == 0
        or infos[position - 1].paragraph != infos[position].paragraph
        or not _tally_frame(fig_tokens, sent)
    ):
        return False
    if any(t.pos_ == "VERB" and t.lemma_.lower() in SENT | FRONT | TRAINING for t in sent):
        return False
    previous = infos[position - 1].span.text
    return bool(FUTURE_CUES.search(previous)) and not FUTURE_CUES.search(span_text(sent))


def _in_combat(noun: Token) -> bool:
    """Does the clause that names these people put them in combat ("How many ... attack your positions?")"""
    verbs = _governing_verbs(noun, [noun])[:2]
    return any(v.lemma_.lower() in FRONT for v in verbs) or _affirmed(FRONT_CUES, _verb_window(noun, noun.sent))


def _bare_casualty(fig_tokens: list[Token], sent: Span, around: str) -> bool:
    """ "about 1,000 have been killed or wounded", "the other two were killed by a drone": a casualty count with
    the noun left implicit (the people may be named in the sentence before)."""
    head = fig_tokens[-1].head
    # "Two were taken prisoner": the verb and its complement say it
    taken = head.lemma_.lower() == "take" and any(
        c.dep_ in {"oprd", "dobj", "attr"} and c.lemma_.lower() in {"prisoner", "captive", "hostage"}
        for c in head.children
    )
    return (
        fig_tokens[-1].dep_ in {"nsubj", "nsubjpass"}
        and (head.lemma_.lower() in CASUALTY | CAPTURE | DESERTION or taken)
        and bool(NK_WORDS.search(around) or re.search(r"troops|soldiers", around, re.I))
    )


def _set_source(record: ClaimRecord, speaker: Speaker | None, how: str | None = None) -> None:
    if speaker is None:
        return
    source = speaker.source
    record.source = source.name
    record.source_mention = source.mention
    record.source_type = source.type
    record.source_country = source.country
    record.via = speaker.via.name if speaker.via and speaker.via.name != source.name else None
    record.reported_by = speaker.reported_by.name if speaker.reported_by else None
    record.attribution = how or speaker.cue


def _carry_sources(records: list[tuple[ClaimRecord, SentenceInfo]], infos: list[SentenceInfo]) -> None:
    """Attribution that spans sentences: headlines, "based on ..." in the next sentence, "reports emerged"."""
    from workbench.attribution import in_quotation, unquoted_speaker

    by_index = {info.index: pos for pos, info in enumerate(infos)}
    for record, info in records:
        if record.source is not None:
            continue
        if record.category == "army_size" and not in_quotation(info):
            continue  # a background army size stands in the article's own voice, unless someone is quoted
        if info.heading:
            # A headline figure summarises the body: the first later claim of the same value lends its source.
            for other, other_info in records:
                if (
                    other_info.index > info.index
                    and other.source
                    and (other.low, other.high) == (record.low, record.high)
                ):
                    _copy_source(record, other, "headline")
                    break
            continue
        pos = by_index[info.index]
        reported = re.search(r"\breports?\b|\breportedly\b|\bsaid to\b", info.span.text, re.I)
        spoken_before = pos > 0 and infos[pos - 1].paragraph == info.paragraph and bool(infos[pos - 1].speakers)
        # the next sentence credits the run: "..., based on South Korean intelligence" / "..., X reported."
        for step in (1, 2):
            if pos + step >= len(infos):
                break
            nxt = infos[pos + step]
            if nxt.skip or nxt.heading:
                continue
            same_paragraph = nxt.paragraph == info.paragraph
            cues = [
                s
                for s in nxt.speakers
                if s.cue in {"according to", "based on", "figures from"}
                or (reported and s.cue in {"report", "say"})
                or _points_back(nxt, s)
                # a figure opening its paragraph's account, named again by the source that follows
                or (not spoken_before and _names_it_again(nxt, s))
            ]
            if cues and (same_paragraph or reported) and step == 1:
                _set_source(record, cues[0], "next sentence")
                break
            break
        if record.source is None and in_quotation(info):
            # a sentence that is all quotation: the speaker is named in the next sentence (or, while the quote
            # runs on, the one after), else the one before; a name inside the neighbour's quotes is not the tag
            neighbours = [pos + 1, pos + 2, pos - 1] if pos + 1 < len(infos) and in_quotation(infos[pos + 1]) else []
            for neighbour in neighbours or [pos + 1, pos - 1]:
                if not 0 <= neighbour < len(infos) or infos[neighbour].skip:
                    continue
                if infos[neighbour].paragraph != info.paragraph and neighbour > pos:
                    continue
                if (tag := unquoted_speaker(infos[neighbour])) is not None:
                    _set_source(record, tag, "quotation")
                    break
            back = pos - 2
            while record.source is None and back >= max(0, pos - 5) and infos[back].paragraph == info.paragraph:
                # a quotation that runs on for several sentences: the tag is further back in the paragraph
                if (tag := unquoted_speaker(infos[back])) is not None:
                    _set_source(record, tag, "quotation")
                elif not in_quotation(infos[back]):
                    break
                back -= 1
        if record.source is None and pos > 0:
            prev = infos[pos - 1]
            # "added", or a passive report with no agent ("are believed to", "is estimated"): the last speaker's
            # report is carried only when the sentence points back at what was said ("Of those, some 1,000 are
            # believed to have died"); "North Korea is believed to have sent 11,000" is the writer's own hedge
            carried = re.search(r"(?i)\b(?:added|adding)\b", info.span.text) or (
                _PASSIVE_REPORT.search(info.span.text) and _POINTS_BACK.match(span_text(info.span))
            )
            if prev.paragraph == info.paragraph and prev.speakers and carried:
                _set_source(record, prev.speakers[0], "previous sentence")
        if record.source is None and (speaker := _continued_account(record, info, pos, infos, records)):
            _set_source(record, speaker, "continued account")
        if record.source is None and (speaker := _list_lead_in(pos, infos)):
            _set_source(record, speaker, "list lead-in")
        if record.source is None and _TALLY_ANAPHOR.match(span_text(info.span)):
            # "Russia has lost 781,000 troops, according to the General Staff. This number includes 1,530 ...":
            # the tally pointed back at is the source's
            earlier = [
                other
                for other, other_info in records
                if other.source and other_info.paragraph == info.paragraph and other_info.index == info.index - 1
            ]
            if earlier:
                _copy_source(record, earlier[-1], "previous sentence")


_PASSIVE_REPORT = re.compile(r"(?i)\b(?:is|are|was|were) (?:now )?(?:believed|estimated|thought|said|reported) to\b")


def _own_hedge(text: str) -> bool:
    """ "North Korea is believed to have sent 11,000": a passive report with no agent that does not point back at
    what was just said is the writer's own hedged statement."""
    return bool(_PASSIVE_REPORT.search(text)) and not _POINTS_BACK.match(text)


# A sentence that opens with the people or account just mentioned: "Of those, ...", "Most of them ...", "They ..."
_POINTS_BACK = re.compile(
    r"\W*(?:(?:of|among) (?:those|them|these)\b|(?:they|these|those)\b|"
    r"(?:most|many|some|half|all|several) (?:of )?(?:them|those|these)\b)",
    re.I,
)
# A sentence that opens by pointing back at the figure before it.
_TALLY_ANAPHOR = re.compile(r"\W*(?:This|That|The|These)\s+(?:number|figure|total|tally|toll|count|estimate)s?\b")
_BULLET_LINE = re.compile(r"[ \t]*[-*•–—▪·][ \t]")


def _list_lead_in(pos: int, infos: list[SentenceInfo]) -> Speaker | None:
    """A bulleted list under a lead-in that ends with a colon ("The NIS told lawmakers:", "Among its findings:")
    is the lead-in's speaker's account: the speaker of the lead-in, or of the sentence it continues."""
    text = infos[pos].span.doc.text

    def bulleted(info: SentenceInfo) -> bool:
        start = info.span.start_char
        line_start = text.rfind("\n", 0, start) + 1
        return bool(_BULLET_LINE.match(text, line_start)) or text[line_start:start].strip() in {"-", "*", "•", "–"}

    if not bulleted(infos[pos]):
        return None
    lead = pos - 1
    while lead >= 0 and (bulleted(infos[lead]) or not span_text(infos[lead].span).strip("-*•–—▪· \n")):
        lead -= 1
    if lead < 0 or infos[lead].skip or not span_text(infos[lead].span).rstrip().endswith(":"):
        return None
    lead_in = infos[lead]
    if lead_in.speakers:
        return lead_in.speakers[0]
    before = infos[lead - 1] if lead > 0 else None
    if before is not None and before.paragraph == lead_in.paragraph and not before.skip:
        return next((s for s in before.speakers if s.verb_i is not None), None)
    return None


# Sentences the writer speaks in even after a source: inferences, conditionals, the writer's own "I".
_OWN_VOICE_OPENING = re.compile(
    r"(?i)^\W*(?:it|that|this|which|so|but even|even so|yet)\s+(?:means|suggests)\b|^\W*if\b|"
    # "At that rate, a force of 11,000 would bring in ...", "Taken together, ...": the writer's own arithmetic
    r"^\W*(?:at (?:that|this|those|these) (?:rates?|prices?|pace|levels?)|on (?:that|this) (?:basis|reckoning)|"
    r"by (?:that|this) (?:measure|reckoning|arithmetic)|taken together)\b|"
    # "A second contingent of several thousand by the spring seems likely.": the writer's judgement
    r"\b(?:seems?|appears?|looks?)\s+(?:\w+ly\s+)?(?:likely|probable|plausible|inevitable)\b"
)
_WRITER_FIRST_PERSON = re.compile(r"\b(?:I|my|we|our)\b")


def _continued_account(
    record: ClaimRecord,
    info: SentenceInfo,
    pos: int,
    infos: list[SentenceInfo],
    records: list[tuple[ClaimRecord, SentenceInfo]],
) -> Speaker | None:
    """Wire copy names a source once and goes on with its account: "The NIS said ... 12,000 ... . Another 1,500
    are to follow." A figure about the troops in the next sentence of the same paragraph, with no speaker of its
    own, is that source's when the source already gave a figure in the paragraph. Background (army size, other
    armies), inferences ("It means ...", "If ...") and the writer's own "I" stay in the article's voice."""
    if pos == 0 or record.category not in {"deployment", "casualty", "desertion", "captured"}:
        return None
    prev = infos[pos - 1]
    if prev.skip or prev.heading or prev.paragraph != info.paragraph or not prev.speakers:
        return None
    text = span_text(info.span).strip()
    if _OWN_VOICE_OPENING.search(text) or _WRITER_FIRST_PERSON.search(text) or _own_hedge(text):
        return None
    speaker = next((s for s in prev.speakers if s.verb_i is not None or s.cue in {"according to", "based on"}), None)
    if speaker is None or speaker.cue in {"deny", "dismiss", "reject", "refute", "dispute"}:
        return None
    gave_figure = any(
        other.source == speaker.source.name and other_info.paragraph == info.paragraph and other_info.index < info.index
        for other, other_info in records
    )
    reported = speaker.verb_i is not None and info.span.doc[speaker.verb_i].lemma_.lower() in REPORTING_TAGS
    return speaker if gave_figure or reported else None


def _expected_by(verb: Token) -> bool:
    """ "Choi expects Pyongyang to keep sending men in rotations of several thousand": the figure's verb completes
    an expectation or a plan further up."""
    token = verb
    for _ in range(3):
        infinitive = token.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if not (token.dep_ == "xcomp" or infinitive) or token.head.i == token.i:
            return False  # "expects Pyongyang to keep sending": the parser makes "to keep" a clausal complement
        token = token.head
        if token.lemma_.lower() in {"expect", "plan", "intend", "want", "hope", "aim"}:
            return True
    return False


def _capable_of(verb: Token) -> bool:
    """ "capable of sending several thousand more", "the capacity to send": what the North can do, not what it did."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "of":
        head = head.head
    return head.i != verb.i and head.lemma_.lower() in {"capable", "capacity", "ability"}


def _points_back(info: SentenceInfo, speaker: Speaker) -> bool:
    """ "Zelensky announced this on Telegram", "Budanov said so", "This was reported by the General Staff": the
    speaker vouches for what the sentence before said."""
    if speaker.verb_i is None:
        return False
    verb = info.span.doc[speaker.verb_i]
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "Moscow and Pyongyang still won't say so"
    return any(
        (c.dep_ in {"dobj", "nsubjpass", "ccomp"} and c.lower_ in {"this", "that"} and not list(c.children))
        or (c.dep_ == "advmod" and c.lower_ == "so")
        # "That range was first given by the NIS", "Budanov gave this figure"
        or (c.dep_ in {"dobj", "nsubjpass"} and _back_head(c, _DEMONSTRATIVES))
        for c in verb.children
    )


def _names_it_again(info: SentenceInfo, speaker: Speaker) -> bool:
    """ "At least two North Koreans have been taken alive. Ukraine's SBU said ... it had captured the pair": what
    the speaker reports names the figure before it again, by a definite word for it."""
    if speaker.verb_i is None:
        return False
    verb = info.span.doc[speaker.verb_i]
    if verb.lemma_.lower() not in REPORTING_TAGS or any(c.dep_ == "neg" for c in verb.children):
        return False
    subject_tokens = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    return any(t.i not in subject_tokens and _back_head(t, _DEMONSTRATIVES | {"the"}) for t in verb.subtree)


# Definite words that name a figure given just before: "the pair", "that estimate", "the bracket".
_BACK_HEADS = frozenset("pair estimate figure bracket tally toll range number".split())
_DEMONSTRATIVES = frozenset("this that these those".split())


def _back_head(token: Token, determiners: frozenset[str] | set[str]) -> bool:
    """ "That range", "the pair": a word for a figure given before, with one of these determiners."""
    return token.lemma_.lower() in _BACK_HEADS and any(
        d.dep_ == "det" and d.lower_ in determiners for d in token.children
    )


def _copy_source(record: ClaimRecord, other: ClaimRecord, how: str) -> None:
    for column in ("source", "source_mention", "source_type", "source_country", "via", "reported_by"):
        setattr(record, column, getattr(other, column))
    record.attribution = how


def _outlet_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of outlet names ("Kyiv Independent"), which must not yield places."""
    from workbench.actors import default_registry

    cached = doc.user_data.get("workbench_outlets")
    if cached is not None:
        return cached
    registry = default_registry()
    spans = [(s, e) for s, e, actor in registry.find_in(doc.text) if actor.kind == "media"]
    doc.user_data["workbench_outlets"] = spans
    return spans


@Language.factory("workbench_claims")
def make_claims_component(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()


class ClaimsComponent:
    """spaCy component: ``doc._.claims`` = list of ClaimRecord (doc_id from ``doc.user_data['doc_id']``)."""

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)
        doc._.claims = ClaimExtractor()(doc, doc.user_data.get("doc_id", ""))
        return doc


def records_to_dicts(records: list[ClaimRecord]) -> list[dict]:
    return [asdict(r) for r in records]
