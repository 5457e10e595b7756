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
from spacy.tokens import Doc, Span, Token

from workbench.actors import ActorRegistry, Source, country_in, default_registry, strip_determiner
from workbench.attribution import (
    PLEDGE_VERBS,
    STAFF_ROLES,
    TURN_ROLE,
    Attributor,
    SentenceInfo,
    Speaker,
    SpeakerMemory,
    analyse,
    span_text,
)

STANCES = ("confirms", "denies", "cannot_confirm", "expects")

# "refused to confirm or deny", "declined to acknowledge", "has not commented": no position taken
CANNOT = re.compile(
    r"\b(?:(?:not|n't|n’t|never|neither|nor)\b[^.;]{0,40}?\b(?:acknowledg|admit|comment)\w*|did(?:n't|n’t| not) deny|"
    r"(?:has|have|had) never (?:\w+ly )?denied|"
    # "Neither Moscow nor Pyongyang has officially confirmed", "hasn't said a word"
    r"(?:neither|nor)\b[^.;]{0,60}?\b(?:confirm|acknowledg|admit)\w*|"
    r"(?:has|have|had|did|does|do)(?:n't|n’t| not) (?:said|say|uttered) a (?:single )?word|"
    r"refrain\w* from (?:comment|confirm)\w*|would say only|"
    # "pledged to stand by Russia without mentioning the troops"; "said only that it was 'our business'"
    r"without (?:mentioning|referring to|acknowledging|addressing) (?:the |any )?"
    r"(?:troops|soldiers|deployment|reports)|"
    # (but "said only that North Korean casualties run into the hundreds" concedes they are there)
    r"\bsaid only\b(?![^.;]{0,80}\b(?:casualt|troops|soldiers|killed|wounded|dead)\w*)|"
    # "if such a deployment existed, it would comply with international law": the existence left open
    r"\bif (?:such|any) (?:a )?(?:deployment|dispatch|troops|soldiers)\b[^.;]{0,20}?"
    r"\b(?:existed|exists|were|was|took place)\b|"
    # "Moscow and Pyongyang have stayed silent on the deployment"
    # (never "ordered families to stay silent": someone else's silence, imposed)
    r"(?<!to )(?:stay|stays|stayed|staying|remain|remains|remained|kept|keep|keeps) (?:largely |publicly |officially )?"
    r"(?:silent|quiet|mum|tight-lipped)\b|"
    # "Ask Pyongyang", "suggested that journalists put their questions to Pyongyang": a deflection
    r"(?<=[\"“‘])ask (?:pyongyang|north korea|the north koreans)\b|put (?:their|your|the|such|these) questions to|"
    r"(?:could|can|would|did|does|do|has|have|had|is|are|was|were)(?:n't|n’t| not)(?: yet| so far| officially)?"
    r" (?:independently |publicly |officially )?(?:confirm|verify|acknowledg|say|comment|know)\w*|"
    r"(?:not|n't|n’t|never) (?:yet )?seen (?:any )?evidence|(?:do|does|did)(?: not|n't|n’t) see\b|nothing to report|"
    r"never (?:officially |publicly )?(?:confirm|acknowledg)\w*|"
    r"(?:unable|declin(?:ed|es|ing)|refus(?:ed|es|ing)|stopp(?:ed|ing) short of|reluctant) to "
    r"(?:independently |publicly )?(?:confirm|verify|acknowledg|comment|deny|say)\w*|"
    r"stopp(?:ed|ing) short of confirm\w*|cannot (?:yet )?(?:confirm|verify)|"
    r"no evidence|not aware|no (?:information|indication|confirmation)|neither confirm\w*|if confirmed|"
    r"if (?:the )?(?:reports?|this|that|it|these reports)\b.*\b(?:prove|proves|is|are)\b.*\b(?:true|accurate|correct)|"
    r"prove accurate|not (?:yet )?(?:confirmed|verified)|"
    r"if (?:the )?(?:reports?|this|that|it|they|claims?) (?:were|are|is|was|be|prove[sd]?) (?:confirmed|verified)|"
    r"has not commented|have not commented|"
    r"(?:not|n't|n’t|never) (?:yet )?mention\w*|nothing (?:to add|(?:more )?to say)|no reason to comment|sidestep\w*|"
    r"avoid\w* (?:taking a position|comment\w*|the question|questions|any mention|mentioning)|"
    # "referred questions to the Defense Ministry", "state media have not reported the deployment"
    r"referr?(?:ed|ing|s)? (?:\w+ ){0,2}(?:questions?|journalists|reporters|queries|inquiries|enquiries)"
    r"(?: (?:about|on|over) [^.;]{1,40}?)? to|"
    r"(?:has|have|had|did|does|do)(?: not|n't|n’t)(?: yet)? report(?:ed)? (?:on )?(?:the|any)|"
    # pointed non-denials: "any such deployment would be lawful", "a matter for the two countries"
    r"any such (?:deployment|dispatch|cooperation|move)|a matter for (?:the two|both) (?:countries|sides|states)|"
    r"(?:gather|collect)\w* (?:and analy\w+ )?information|refrain\w* from|no independent information|"
    r"(?:cannot|can't|can’t|can not) say|still verifying|(?:will|would)(?: not|n't|n’t) describe|said little|"
    # pointed non-denials: "cooperation is our sovereign business", "it is up to Russia how it applies the treaty"
    r"sovereign (?:business|matter|affair|decision|right)|up to (?:russia|moscow|us|them|pyongyang) (?:how|what|to)|"
    r"conform\w* (?:to|with) international law|"
    # "cooperation is not directed against third countries", "what Russia does is our business", "questions should
    # be put to the defence ministry", "we have not seen them in combat", "too early to say", "remains to be seen"
    r"not directed against|\bour (?:own )?business\b|(?:should|must) be (?:put|addressed|directed|referred) to|"
    r"a question for (?:the )?(?:defen[cs]e ministry|ministry|military)|"
    r"(?:have|has)(?: not|n't|n’t) (?:yet )?seen (?:them|any|it)\b|too early to (?:say|tell|know)|"
    r"remains to be seen|not in a position to (?:verify|confirm|say)|"
    # "has said nothing about the deployment", "made no mention of it", "if such a deployment were happening"
    r"(?:said|says|say) nothing|(?:made|makes|make) no mention|no mention of|(?:has|have|had) no comment|"
    r"(?:made|makes|make|offered|offers|offer|gave|gives|given) no (?:immediate |public |official )?comment|"
    r"(?:can't|can’t) (?:yet |independently )?(?:confirm|verify)|without confirming|"
    r"yet to (?:confirm|acknowledg|comment|verify|say)\w*|if there (?:are|were|is) (?:images|photos|pictures|video)|"
    r"declin(?:ed|es|ing) (?:\w+ ){0,3}to (?:answer|discuss|address|take)|refus(?:ed|es|ing) to (?:answer|discuss)|"
    r"if (?:any |such |a |the ){0,2}(?:deployment|dispatch|transfer)s? (?:were|was|is|are|had been) "
    r"(?:happening|taking place|true|real|under way|underway))\b",
    re.I,
)
# Not a position on the troops: "did not respond to a request for comment", "would not say how many were at the front"
NOT_A_POSITION = re.compile(
    r"\b(?:respond|repl(?:y|ied))\w*\b|\b(?:(?:did|would|does|do)(?: not|n't|n’t)|declined to) "
    r"(?:say|specify|disclose) (?:where|how|when|what|which)\b",
    re.I,
)
DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:es|ed|ing)?|baseless|fake(?: news)?|fabricat\w*|nonsense|unfounded|"
    r"groundless|rumou?rs?|provocation|slander\w*|hoax|disput(?:es|ed|ing)|reject(?:s|ed|ing)?|refut\w*|"
    r"lies\b|a lie\b|false (?:claims?|reports?)|mock(?:s|ed|ing)?|ridicul\w*|no one has seen|propaganda|"
    r"invent(?:s|ed|ing|ion)?|manufactur(?:ed|ing)|hysteri\w*|staged|information (?:operation|campaign|war)|"
    r"brushed off|imaginary|western invention|no need|"
    # "another piece of Ukrainian disinformation", "a blatant lie", "proves nothing", "nothing behind these reports",
    # "not been backed by facts", "existed only on paper", "No citizens of the DPRK are fighting", "No one has asked"
    r"(?<!countering )(?<!combating )(?<!against )disinformation|(?:blatant|outright|complete|big) lie|"
    r"proves? nothing|nothing behind|"
    r"(?:not|never) (?:been )?backed by (?:any )?(?:facts|evidence)|only on paper|no one has asked|"
    r"no (?:north korean |dprk )?(?:citizens|soldiers|troops|servicemen)\b[^.;]{0,30}\b(?:are|were|is|have been)|"
    r"(?:information|media|news) (?:plant|dump|stuffing)|canards?|smears?|"
    r"fantas(?:y|ies)|"
    r"(?:would|will|did|does|do|has|have|had|is|are|was|were)(?:n't|n’t| not| never) "
    r"(?:pull|send|deploy|need|involv)\w*)\b",
    re.I,
)
# Words that dismiss the reports even inside a refusal to comment.
DISMISSAL = re.compile(
    r"\b(?:fake|nonsense|lies|hoax|fabricat\w*|provocation|propaganda|hysteri\w*|staged|"
    r"(?:information|media|news) (?:plant|dump|stuffing)|canards?|not worth comment\w*)\b",
    re.I,
)
EXPECT = re.compile(
    r"\b(?:highly likely|very likely|(?:is|are|was|were) likely|likely to|expect(?:s|ed|ing)?|"
    r"will be (?:ready|deployed|sent)|more (?:are|were|will be) coming|(?:not|n't|n’t) rul(?:e|ed|ing) out|"
    r"(?:could|may|might) (?:also |soon |eventually |well )?(?:send|rotate|deploy|dispatch|number|appear|weigh|"
    r"keep|arrive|join)|(?:is|was|are|were) possible|"
    r"could (?:be deployed|eventually|soon|climb|reach|rise|be sent|be used)|"
    r"would (?:\w+ly )?(?:send|follow|dispatch|deploy)|would be (?:sent|deployed|dispatched|thrown|used)|"
    r"intend\w* to (?:stay|send|keep|remain|deploy|use)|increase (?:their|its) presence|"
    r"preparations? for (?:the |a )?(?:next|another|new|second|third|further) (?:rotation|dispatch|deployment)|"
    r"(?:'s|’s) (?:\w+ly )?possible|readying (?:more|additional|another)|"
    r"(?:getting|got) ready to (?:send|deploy|dispatch)|"
    r"anticipat\w*|"
    r"poised to|possibility|due (?:in|to)|matter of time|in the coming|by (?:november|"
    r"december|january|the end of)|next year|more troops|additional troops|reinforce\w*|decided to|plan(?:s|ning)? to|"
    r"will (?:send|dispatch|deploy)|preparing (?:another|more|additional|further|to (?:send|dispatch|use|deploy|move|"
    r"rotate|reinforce))|preparing (?:up to |about |some |another )?\d[\d,]* (?:more )?(?:troops|soldiers|men)|"
    r"(?:keep|continue) (?:sending|to send|rotating)|(?:wants?|intends?) to (?:use|send) (?:even )?more|"
    r"another dispatch|further rotations?|(?:may|could|might) (?:be moved|leave|send|follow|deploy)|"
    r"possibly for|third rotation|more to come|"
    # "could be thrown into combat", "could be in the fight within days", "the next step is to send them",
    # "getting ready to throw them", "keep the soldiers coming", "are to be sent", "a highly concerning probability"
    r"could (?:\w+ly )?be (?:thrown|in (?:combat|the fight|battle|the fighting))|next step is to|"
    r"(?:getting|got) ready to (?:throw|use|do so)|keep (?:the )?(?:soldiers|troops|flow|men) (?:coming|going)|"
    r"(?:is|are) to be (?:sent|deployed|dispatched)|probability|"
    # "preparing a second dispatch", "a possible second dispatch", "more troops are on their way"
    r"preparing (?:a |an )?(?:second|third|new|fresh|further|another|additional)|"
    r"possible (?:second |third |new |further |additional )?(?:dispatch|deployment|rotation)|"
    r"(?:are|is|'re|’re) (?:\w+ )?on (?:their|its) way)\b",
    re.I,
)
# Troops readied for a dispatch to come, whatever tense the readying is in ("was training a further contingent
# for dispatch", "units were being prepared for dispatch").
READIED_FOR_DISPATCH = re.compile(
    r"\b(?:prepar\w+|read(?:ied|ying)|train(?:ed|ing)?|select(?:ed|ing))\s+(?!for\b)[^.;]{1,50}?\bfor (?:\w+ )?"
    r"(?:dispatch|deployment)\b",
    re.I,
)
CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|corroborat\w*|evidence|proof|acknowledg\w*|condemn\w*|accus\w*|assess\w*|"
    r"records?|intelligence (?:shows|showing|indicates)|prais\w*|thank\w*|hero(?:es|ism|ic)|celebrat\w*|"
    r"gone public|talking openly|spotted)\b",
    re.I,
)
# The clause asserts troops already there: "are in Russia", "were training", "has sent".
PRESENT = re.compile(
    r"\b(?:(?:are|were|is|was|have been|has been|had been)\s+(?:now |already |currently |still )?"
    r"(?:in|training|stationed|deployed|sent|transported|present|fighting|being readied|"
    r"preparing(?! (?:to (?:use|send|dispatch|deploy|move|rotate|reinforce)|(?:an? )?additional|more|another|"
    r"further|(?:an? )?(?:second|third|new|fresh)|(?:up to |about |some )?\d)))\b|"
    r"(?:has|have|had)\s+(?:already\s+)?(?:sent|deployed|arrived|moved|dispatched|reached|been spotted|been seen)|"
    r"(?:now|already) (?:in|at|fighting|deployed)\b|"
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:sent|dispatched|arrived|crossed into)\b)",
    re.I,
)
NK = re.compile(r"north korea|n\. ?korea|pyongyang|dprk|koreans|kim jong", re.I)
TROOPS = re.compile(
    r"troops?|soldiers?|officers?|fighters?|\bmen\b|workers|personnel|servicem[ae]n|deploy|"
    r"\bsen[dt]|sending|involve|participat|fight|"
    r"units?\b|forces|contingent|battalion|transfer of people|presence|evidence|batch|moved|"
    r"\b\d{1,3}(?:,\d{3})+\b|\bthousands?\b",
    re.I,
)
ANAPHOR_TOPIC = re.compile(
    r"\b(?:it|this|that|them|reports?|admission|confession|acknowledg\w+|"
    r"the (?:claims?|story|allegations?|deployment|move|"
    r"information|accusations?)|these (?:reports|claims))\b",
    re.I,
)
TOPIC = re.compile(
    r"north korea|pyongyang|dprk|korean|troops?|soldiers?|servicem[ae]n|personnel|deploy|involvement|"
    r"the claims?|the story|the reports?|rumou?r|allegations?|units?|contingent|forces|"
    r"\d|thousands?|hundreds",
    re.I,
)
NEGATED_CONFIRM = re.compile(r"\b(?:not|n't|n’t|never|no)\b[^.]{0,25}\bconfirm", re.I)
# Verbs whose subject takes a position even when they are not reporting verbs.
# "offered its own count", "put out their own numbers": handing over a finding.
# Verbs whose passive subject is their target, not a speaker: "have been accused of", "was blamed for".
TARGETING_VERBS = frozenset("accuse blame charge criticise criticize condemn sanction".split())
# What "neither"/"both" counts when two states were just named: "Neither government has acknowledged ...".
PAIR_NOUNS = frozenset("government country capital side state regime".split())
GIVING_VERBS = frozenset("offer give put publish release issue provide produce circulate share".split())
FINDING_WORDS = frozenset("figure number estimate count tally toll".split())
POSITION_VERBS = frozenset(
    "call describe dismiss deny reject refute dispute condemn acknowledge confirm decline refer "
    "refuse mock ridicule brush slam accuse comment insist stop label brand praise thank celebrate sidestep".split()
)
ACTOR_HEADS = re.compile(
    r"official|spokes|minister|ministry|president|secretary|ambassador|envoy|diplomat|"
    r"representative|chief|head|general|commander|lawmaker|legislator|agency|service|intelligence|"
    r"government|military|army|kremlin|source|analyst|expert|observer|channel|media|outlet|"
    r"newspaper|broadcaster|report|people|person|committee|office|council|directorate|staff|embassy|mission|"
    r"blogger|commentator|soldier|troops|fighter|operator|officer|servicem|pilot|medic|paratrooper|marine|volunteer|"
    r"prisoner|defector|witness",
    re.I,
)


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


# A position given up: "Months after denying it, Pyongyang now celebrates", "Moscow, which for months refused to
# comment, has now gone public" - the earlier denial or silence is background, not the actor's current stance.
REVERSED = re.compile(
    r"\b(?:(?:months|weeks|years|days) )?after (?:\w+ ){0,2}\w+ing\b[^,]*,|"
    r"\bwhich (?:for (?:months|weeks|years)|long|initially|previously|at first) [^,]*,",
    re.I,
)


# a publisher's own caveat: "could not independently verify the claim / his account / these figures"
OWN_VERIFICATION = re.compile(
    r"\b(?:could not|couldn't|couldn’t|cannot|can't|can’t|was unable to|were unable to|is unable to|has not been able"
    r" to)\s+(?:independently\s+)?verify\b(?!\s+(?:that|whether|if)\b)",
    re.I,
)


def classify(text: str, speaking: bool = False, topical: bool = False) -> tuple[str, str] | None:
    """(stance, cue) for a clause, or None. A reporting speaker on the topic confirms unless a cue says more."""
    if re.search(r"\bnow\b|\bfinally\b|gone public", text, re.I):
        text = REVERSED.sub(" ", text)
    if m := re.search(r"highly likely\W*(?:to have|already|participat\w*|fighting|involved in)", text, re.I):
        return "confirms", m.group(0)  # "highly likely to have already fought": an assessment of a fact
    if m := re.search(r"highly likely", text, re.I):
        return "expects", m.group(0)
    if m := NOT_RULED_OUT.search(text):
        return "expects", m.group(0)  # "we would not be surprised to see more sent", whatever else is there
    if m := CANNOT.search(text):
        if NOT_A_POSITION.search(m.group(0) + text[m.end() : m.end() + 12]):
            return None  # "did not respond to a request for comment", "would not say where": no position at all
        if dismissal := DISMISSAL.search(text, m.start()):
            return "denies", dismissal.group(0)  # "would not comment on Kyiv's latest fake": a dismissal
        return "cannot_confirm", m.group(0)
    if (m := DENY.search(text)) and not re.search(r"\bnot? den", text, re.I):
        return "denies", m.group(0)
    if m := READIED_FOR_DISPATCH.search(text):
        return "expects", m.group(0)
    if (m := EXPECT.search(text)) and not PRESENT.search(text):
        return "expects", m.group(0)
    if (m := CONFIRM.search(text)) and not NEGATED_CONFIRM.search(text):
        return "confirms", m.group(0)
    if CREDIT_LINE.search(text):
        return None  # "Jane Roe reported from Seoul": the byline's reporter, not a position
    if HYPOTHETICAL.search(text) and not PRESENT.search(text):
        return None  # "If they are used in combat, they will become legitimate targets": a condition, not a report
    if speaking and (topical or (NK.search(text) and TROOPS.search(text))):
        return "confirms", "reported"
    return None


# Nations conjoined before one head: "U.S., South Korean and Ukrainian intelligence", "U.S. and South Korean officials".
JOINT_OWNERS = re.compile(
    r"(?:(?:neither|both|either)\s+)?(?:the\s+)?"
    r"((?:[\w.'’-]+(?:\s+[\w'’-]+)?\s*,\s*)*[\w.'’-]+(?:\s+[\w'’-]+)?,?\s+(?:and|nor|or)\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w'’-]+)?)\s+"
    r"(intelligence(?: agencies| services| officials)?|officials|sources|governments?|authorities|estimates)",
    re.I,
)
NOT_RULED_OUT = re.compile(
    r"\b(?:(?:would|will)(?: not|n't|n’t) be surprised|"
    r"(?:can['’]t|cannot|can not|couldn['’]t|could not|won['’]t|will not|wouldn['’]t|would not) rule out)\b",
    re.I,
)
# A statement about what would follow if the troops fought, not about whether they are there.
HYPOTHETICAL = re.compile(
    r"\bif (?:they|the (?:north korean )?(?:soldiers|troops)|north korean (?:soldiers|troops)|these troops)\b|"
    r"\b(?:would|will) (?:be(?:come)? )?(?:\"|“|')?(?:fair game|legitimate (?:military )?targets?)|"
    r"\bwho (?:do|does|did) (?:join|enter)\b",
    re.I,
)
CREDIT_LINE = re.compile(r"\b(?:reported|contributed(?: reporting)?) from [A-Z][\w.-]+(?:,|\s+and\b|\.|$)")


# Sentences about something else that share the words: North Korean labourers, the size of the North's whole
# army, Russia's own losses ("Russia lost about 1,000 soldiers in the previous 24 hours").
LABOUR = re.compile(r"\b(?:workers(?!['’] party)|labou?rers)\b", re.I)
SOLDIERS = re.compile(
    r"\b(?:troops?|soldiers?|servicem[ae]n|military personnel|(?:sub)?units?|contingent|dispatch|deploy\w*)\b", re.I
)
ARMY_SIZE = re.compile(
    r"\b(?:army|armed forces|active[- ]duty|reservists)\b[^.]{0,60}?\b\d[\d.,]*\s*(?:million|m)\b|"
    r"\b\d[\d.,]*\s*(?:million|m)\b[^.]{0,40}?\b(?:army|active[- ]duty|men|troops|reservists)\b",
    re.I,
)
DEPLOYMENT_WORDS = re.compile(r"\b(?:sent|send|deploy\w*|dispatch\w*|kursk|russia|ukraine|front|fight\w*)\b", re.I)
OWN_LOSSES = re.compile(
    r"\b(?:russia|ukraine|moscow|kyiv)(?:'s|’s)? (?:has |had |have )?(?:lost|suffered)\b|"
    r"\b(?:russian|ukrainian) losses\b",
    re.I,
)


def off_topic(text: str) -> bool:
    """Labourers, the North's army size or Russia's own losses: not a statement about troops in Russia."""
    if LABOUR.search(text) and not SOLDIERS.search(text):
        return True
    if ARMY_SIZE.search(text) and not DEPLOYMENT_WORDS.search(ARMY_SIZE.sub(" ", text)):
        return True
    return bool(OWN_LOSSES.search(text) and not NK.search(text))


# North Korea keeping the dispatch from its own people: "had not informed its people", "kept it secret from".
KEPT_SECRET = re.compile(
    r"(?i)\b(north korea|pyongyang|the north|north korean authorities|the north korean (?:authorities|regime|"
    r"government))\b[^.;\"“”]{0,30}?\b(?:(?:has|had|have|did|does)\s+(?:still\s+)?(?:not|never)\s+(?:yet\s+)?"
    r"(?:informed|told)\s+(?:its|their)\s+(?:own\s+)?(?:people|citizens|public|residents|population|families)|"
    r"(?:kept|keeps|keeping|keep)\s+(?:\w+\s+){0,4}(?:secret|hidden|quiet|under wraps)|"
    r"(?:hid|hides|hiding|conceal\w*)\s+(?:\w+\s+){0,4}from)"
)


# Words that point back at the sentence before: "they", "them", "the soldiers", "the figure".
REFERS_BACK = re.compile(
    r"(?i)\b(?:they|them|their|those|these|it|the (?:soldiers|troops|men|figures?|numbers?|estimates?|"
    r"deployment|reports?|claims?|units?|casualties|losses|(?:north )?koreans|attackers|enemy|prisoners))\b"
)


def on_topic(text: str) -> bool:
    """Is a sentence about North Korean troops (or does it point back at the reports about them)?"""
    return bool((NK.search(text) and TROOPS.search(text)) or ANAPHOR_TOPIC.search(text))


def _outermost(holders: list[tuple[Source, Token | None, bool]]) -> list[tuple[Source, Token | None, bool]]:
    """ "Campbell said the U.S. couldn't confirm": the outer speaker holds the stance; a holder reached through
    a clausal complement is dropped, one in a separate clause ("..., while Zakharova said ...") is kept."""
    kept = []
    for source, verb, speaking in holders:
        inside = False
        if verb is not None:
            for other_source, other, _ in holders:
                if (
                    other is None
                    or other.i == verb.i
                    or other_source.kind == "media"
                    or other_source.type == "lawmaker"
                    or not other.is_ancestor(verb)
                ):
                    continue
                path, token = [], verb
                while token.i != other.i and token.head.i != token.i:
                    path.append(token.dep_)
                    token = token.head
                if not {"advcl", "conj", "relcl"} & set(path):
                    inside = True
        if not inside:
            kept.append((source, verb, speaking))
    return kept


def _own_clause(holder: tuple[Source, Token | None, bool], holders: list[tuple[Source, Token | None, bool]]) -> bool:
    """ "State media has not mentioned the deployment, and Russia has not confirmed it": a medium in a clause of
    its own, conjoined with the others', speaks for itself rather than relaying them."""
    verb = holder[1]
    others = [h[1] for h in holders if h is not holder]
    return (
        verb is not None
        # "its state media": named through the other holder, not an actor of its own
        and not re.match(r"(?i)(?:its|their)\b", holder[0].mention or "")
        and bool(others)
        and all(
            o is not None and ((o.dep_ == "conj" and o.head == verb) or (verb.dep_ == "conj" and verb.head == o))
            for o in others
        )
    )


def _plausible(source: Source) -> bool:
    """Speakers worth a stance row: registry actors, people, or a mention headed by an actor word."""
    if source.known or source.kind in {"person", "country"}:
        return True
    if re.fullmatch(r"(?i)(?:the )?north korean (?:troops|soldiers|forces|units|servicemen)", source.name):
        return False  # the subject matter, not a party to the dispute ("North Korean troops fighting would ...")
    return bool(ACTOR_HEADS.search(source.name)) and len(source.name.split()) <= 8


def _clause_root(verb: Token) -> Token:
    """ "refused to confirm or deny": the position is the governing verb's ("refused"), not the infinitive's."""
    while verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        if verb.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            break  # "..., and Pyongyang denies ...": a clause of its own
        verb = verb.head
    return verb


def _parts_over_wholes(rows: list[tuple[Source, str, str]]) -> list[tuple[Source, str, str]]:
    """Drop a row that stands for two or more actors which hold the same position in rows of their own: "Neither
    government" next to the two states it stands for, "Moscow and Pyongyang" next to Russia's and North Korea's."""
    rows = [
        r
        for r in rows
        if not (
            not r[0].known
            and r[0].name.lower().rstrip("s") in PAIR_NOUNS
            and sum(1 for o in rows if o[0].kind == "country" and o[1] == r[1]) >= 2
        )
    ]
    parts = [r for r in rows if " and " not in r[0].name]
    return [
        r
        for r in rows
        if not (
            " and " in r[0].name
            and sum(1 for p in parts if p[1] == r[1] and (p[0].mention or p[0].name) in (r[0].mention or "")) >= 2
        )
    ]


def _label_length(text: str) -> int:
    """Characters of a transcript label opening a sentence ("CORRESPONDENT (Seoul): ", "(Kyiv): "): the position
    starts where the speaker's words do."""
    label = TURN_LABEL.match(text) or re.match(r"[ \t]*\([^()\n]{1,40}\)[ \t]*:[ \t]", text)
    return label.end() if label else 0


def _clause(verb: Token, others: list[Token]) -> str:
    """The words a verb governs, minus clauses of other actors nested inside it."""
    nested = [o for o in others if o.i != verb.i and verb.is_ancestor(o)]
    skip = {t.i for o in nested for t in o.subtree}
    return "".join(t.text_with_ws for t in verb.subtree if t.i not in skip)


# A transcript turn: "MS. SINGH: ...", "Q: ...", "DEPUTY PRESS SECRETARY JANE DOE: ..." at the start of a line.
TURN_LABEL = re.compile(rf"(?m)^[ \t]*((?:[A-Z][A-Z.'’\-]*[ \t]+){{0,7}}[A-Z][A-Z.'’\-]*){TURN_ROLE}[ \t]*:[ \t]")
QUESTION_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "JOURNALIST", "MODERATOR", "HOST", "INTERVIEWER"})
HONORIFICS = frozenset({"MR", "MS", "MRS", "DR", "GEN", "ADM", "COL", "SEN", "REP", "AMB", "SECRETARY", "GENERAL"})
# Sentences that tell of the troops without the words on_topic needs: "waves of infantrymen", "30 killed".
EXTRA_TOPIC = re.compile(
    r"\b(?:infantry\w*|casualt\w*|killed|wounded|desert\w*|captured|prisoners?|losses|assaults?|riflem[ae]n|"
    r"rotation|replacements|reinforcements|contingent)\b",
    re.I,
)
KOREANS = re.compile(r"(?<!south )(?<!south-)\b(?:north )?koreans?\b(?! peninsula| war\b)", re.I)
# A figure only counts toward a stance when it is about the troops in the war.
STANCE_CATEGORIES = frozenset({"deployment", "casualty", "desertion", "captured"})
# A figure whose source claims.py carried over from a neighbouring sentence: that sentence holds the stance.
CARRIED = frozenset({"next sentence", "quotation", "previous sentence", "carried", "headline"})


def topic_of(text: str) -> bool:
    """on_topic, or North Koreans named with what happens to them ("Korean infantrymen", "30 Koreans killed")."""
    return on_topic(text) or bool(
        (KOREANS.search(text) or NK.search(text)) and (TROOPS.search(text) or EXTRA_TOPIC.search(text))
    )


def _same_actor(a: Source, b: Source) -> bool:
    """One actor under two spellings ("NIS" / "South Korea NIS", "Park" / "Park Sun-won")."""
    x, y = a.name.lower(), b.name.lower()
    return x == y or x in y or y in x


def _turns(text: str) -> list[tuple[int, int, str]]:
    """(line start, line end, LABEL) of every transcript turn: the label speaks every sentence of its line."""
    out = []
    staff: set[str] = set()
    for match in TURN_LABEL.finditer(text):
        end = text.find("\n", match.start())
        label = match.group(1).strip()
        if STAFF_ROLES.search(match.group(2) or "") or label in staff or STAFF_ROLES.fullmatch(label):
            # "LAURA HARLAN, CNN ANCHOR:" and later "HARLAN:": the broadcaster's own voice, like a host's
            staff.update({label, label.split()[-1]})
            label = "HOST"
        out.append((match.start(), len(text) if end < 0 else end, label))
    # a lone label ("Q:") or a capitalised dateline is not a transcript: require at least two turns by two labels
    return out if len(out) >= 2 and len({t[2] for t in out}) >= 2 else []


def _in_quote(text: str, para_start: int, at: int) -> bool:
    """Is position ``at`` inside a quotation opened earlier in its paragraph?"""
    before = text[para_start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


class StanceExtractor:
    def __init__(self, registry: ActorRegistry | None = None):
        self.registry = registry or default_registry()
        self.attributor = Attributor(self.registry)

    def _coordinated(self, speaker: Speaker) -> list[Source]:
        """ "Ukraine, South Korea and the United States say ...", "neither Moscow nor Pyongyang": every actor."""
        mention = speaker.source.mention or ""
        if not re.search(r"\b(?:and|nor|or)\b|,", mention):
            return [speaker.source]
        if (joint := JOINT_OWNERS.fullmatch(mention.strip())) is not None:
            # "U.S., South Korean and Ukrainian intelligence": each nation's intelligence, as written
            parts = [
                re.sub(r"(?i)^the\s+", "", p.strip())
                for p in re.split(r"(?i),|\b(?:and|nor|or)\b", joint.group(1))
                if p.strip()
            ]
            if len(parts) >= 2 and all(country_in(p) or p.lower() == "western" for p in parts):
                head = joint.group(2)
                if re.fullmatch(r"(?i)governments?|authorities", head):
                    # "neither the Russian nor the North Korean government": each country speaks
                    return [self.registry.resolve(country_in(p) or p) for p in parts]
                return [
                    Source(f"{p} {head}", f"{p} {head}", speaker.source.type, country_in(p), "organization")
                    for p in parts
                ]
        hits = [h for h in self.registry.find_in(mention) if h[2].kind in {"country", "organization", "person"}]
        if len(hits) < 2:
            return [speaker.source]
        out = [self.registry.resolve(mention[s:e]) for s, e, _ in hits]
        return list({s.name: s for s in out}.values())

    def _position_holders(self, sent: Span, memory: SpeakerMemory) -> list[tuple[Source, Token]]:
        """Subjects of position verbs ("Peskov called the reports a provocation"), conjuncts included."""
        found = []
        for token in sent:
            if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in POSITION_VERBS:
                continue
            subject = self.attributor._subject_of(token)
            if subject is None or subject.dep_ == "nsubjpass":
                continue  # "Russia and North Korea have been accused of ...": the accused hold no position by it
            if (pair := self._the_pair_before(subject, sent)) is not None:
                found.extend((state, token) for state in pair)  # "Neither government has acknowledged ..."
                continue
            conjoined = [c for c in subject.children if c.dep_ == "conj"]
            for head in [subject, *conjoined]:
                # "Moscow and Pyongyang have called the reports fake": each state by its own name, not the pair
                own = self.registry.resolve(head.text) if conjoined and head.pos_ == "PROPN" else None
                if own is not None and own.known:
                    found.append((own, token))
                    continue
                resolved = self.attributor.resolve_token(head, memory)
                if resolved:
                    found.append((resolved[0], token))
        return found

    def _figure_givers(self, sent: Span, memory: SpeakerMemory) -> list[Source]:
        """Actors that put out figures in an article about the troops ("Seoul, Washington and Kyiv have each put out
        their own numbers", "HUR has offered its own count", "Kyiv's figures have been the highest"): giving a
        count of the troops is vouching that they are there."""
        found: list[Source] = []
        for token in sent:
            if token.lemma_.lower() not in FINDING_WORDS or token.pos_ != "NOUN":
                continue
            if any(c.dep_ == "neg" for c in token.head.children) or any(c.lower_ == "no" for c in token.children):
                continue  # "has given no figures"
            owners: list[Token] = []
            verb = token.head
            if token.dep_ == "dobj" and verb.lemma_.lower() in GIVING_VERBS:
                owners = [c for c in verb.children if c.dep_ == "nsubj"]
            elif token.dep_ in {"nsubj", "nsubjpass"}:
                owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            for owner in owners:  # grows as it goes: "Seoul, Washington and Kyiv"
                owners += [c for c in owner.children if c.dep_ == "conj"]
            for owner in owners:
                source = self._resolve_one(owner, memory)
                if source is not None and source.known and source.kind in {"country", "organization", "person"}:
                    found.append(self._metonym(source))
        return found

    def _resolve_one(self, token: Token, memory: SpeakerMemory) -> Source | None:
        """One actor of a coordination: a capital standing for its state ("Seoul", "Washington") straight from the
        registry, else the token resolved in context."""
        source = self.registry.resolve(token.text) if token.pos_ == "PROPN" else None
        if source is None or not source.known:
            resolved = self.attributor.resolve_token(token, memory)
            source = resolved[0] if resolved else None
        return source

    def _turn_speaker(self, label: str, doc: Doc) -> Source | None:
        """ "MS. SINGH" -> the person the transcript names in full ("Sabrina Singh"); questioners hold no stance."""
        words = [w.strip(".") for w in label.split()]
        if not words or words[0] in QUESTION_LABELS:
            return None
        names = [w for w in words if w not in HONORIFICS]
        surname = (names or words)[-1].title()
        if full := re.search(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", doc.text):
            return self.registry.resolve(f"{full.group(1)} {surname}", is_person=True)
        return self.registry.resolve(surname, is_person=True)

    def _metonym(self, source: Source) -> Source:
        """ "the Russian side" -> Russia, "the North" -> North Korea: a country speaking through a stand-in word."""
        if source.known:
            return source
        mention = strip_determiner(source.mention or source.name)
        if (side := re.match(r"(?i)(\w+) side$", mention)) and (country := country_in(side.group(1))):
            return self.registry.resolve(country)
        if re.match(r"(?i)north\b(?!\s+(?:korean|atlantic))", mention):
            return self.registry.resolve("North Korea")
        return source

    def _quoted_speaker(self, infos: list[SentenceInfo], position: int, para_start: int) -> Source | None:
        """A sentence inside a multi-sentence quotation: the speaker credited where the quote closes, or the
        speaker of the quotation just before it ('"They come at night," he said. "They never stop."')."""
        info = infos[position]
        text = info.span.doc.text
        opens = info.span.text.lstrip()[:1] in {'"', "“"}
        if not (opens or _in_quote(text, para_start, info.span.start_char)):
            return None
        for later in infos[position + 1 : position + 5]:
            if later.paragraph != info.paragraph:
                break
            if later.speakers:
                return later.speakers[0].source
        for earlier in reversed(infos[max(0, position - 3) : position]):
            if earlier.paragraph < info.paragraph - 1 or earlier.skip:
                break
            if earlier.speakers and re.search(r"[\"“”]", earlier.span.text):
                return earlier.speakers[0].source
            if earlier.paragraph != info.paragraph:
                break
        return None

    def __call__(self, doc: Doc, doc_id: str = "") -> list[StanceRecord]:
        records: list[StanceRecord] = []
        memory = SpeakerMemory()
        infos = analyse(doc, self.registry)
        head = doc.text[:5000]
        about_the_troops = bool(NK.search(head) and TROOPS.search(head))
        turns = _turns(doc.text)
        question = ""  # the last transcript question: an answer is on the topic the question raised
        para_starts: dict[int, int] = {}
        for info in infos:
            para_starts.setdefault(info.paragraph, info.span.start_char)
        claims = (doc._.claims if Doc.has_extension("claims") else None) or []
        for position, info in enumerate(infos):
            if info.skip:
                continue
            sent = info.span
            text = span_text(sent)
            for speaker in info.speakers:
                memory.remember(speaker.source)
            turn = next((t for t in turns if t[0] <= sent.start_char < t[1]), None)
            asking = turn is not None and turn[2].split()[0].strip(".") in QUESTION_LABELS
            this_topical = topic_of(text)
            previous = infos[position - 1].span.text if position > 0 else ""
            topical = this_topical or bool(
                info.speakers and NK.search(previous) and TROOPS.search(previous) and REFERS_BACK.search(text)
            )
            if asking:
                question = text
                if text.rstrip().endswith("?"):
                    continue  # a reporter's question is no one's position
            elif re.search(r"\?[\"”’']?\s*$", text) and not re.match(r"\s*[\"“]", text):
                continue  # an anchor's or writer's question ("Do you expect Pyongyang to keep sending?") takes no side
            elif turn is not None:
                topical = topical or topic_of(question)
            strong = classify(text)
            if off_topic(text) and not (strong and strong[0] in {"denies", "cannot_confirm"}):
                continue
            holders: list[tuple[Source, Token | None, bool]] = []
            for speaker in info.speakers:
                verb = _clause_root(doc[speaker.verb_i]) if speaker.verb_i is not None else None
                if turn is not None and (speaker.source.mention or "").strip(" :").upper() == turn[2]:
                    # "Q: The Times reported ...": the parser makes the label the subject; the named actor speaks
                    hits = [h for h in self.registry.find_in(text) if h[2].kind != "country"]
                    if not hits:
                        continue
                    speaker = Speaker(self.registry.resolve(text[hits[0][0] : hits[0][1]]), 0, 0, speaker.cue)
                for source in self._coordinated(speaker):
                    holders.append((self._metonym(source), verb, True))
            answer = turn is not None and not asking and not turn[2].startswith(text.strip().rstrip(":"))
            # "Thanks, everyone.", "Next question.": a formula, not a position
            if (
                not holders
                and answer
                and len(re.findall(r"[^\W\d_]+", text)) >= 4
                and (spoken := self._turn_speaker(turn[2], doc))
            ):
                holders.append((spoken, None, True))
            if (
                not holders
                and turn is None
                and len(re.findall(r"[^\W\d_]+", text)) >= 3
                and (quoted := self._quoted_speaker(infos, position, para_starts[info.paragraph]))
            ):
                holders.append((quoted, None, True))  # speaks only when the quoted words are on the topic
            figures = [
                c
                for c in claims
                if c.sentence_start == sent.start_char
                and c.source
                and c.category in STANCE_CATEGORIES
                and c.attribution not in CARRIED
                # "offered to hand the two prisoners over": an offer about people, not a word on the deployment
                and (c.attribution not in PLEDGE_VERBS or c.status == "expected")
            ]
            if re.fullmatch(r"\s*\([^()]{2,80}\)\s*", text) or len(re.findall(r"[^\W\d_]+", text)) < 2:
                continue  # a credit in brackets ("(Yonhap)") or a bare "A:" label states nothing
            if info.speakers and all(s.cue == "colon" and s.verb_i is None for s in info.speakers) and turn is not None:
                topical = this_topical  # an answer's small talk ("Right.", "Militarily, yes.") is no position
            givers = self._figure_givers(sent, memory) if about_the_troops and not info.heading else []
            if not (
                info.heading
                or topical
                or figures
                or givers
                or (about_the_troops and strong and strong[0] != "confirms")
            ):
                continue  # off-topic, unless it denies, doubts or expects in an article about the troops
            for source, verb in self._position_holders(sent, memory):
                source, root = self._metonym(source), _clause_root(verb)
                # "X rejected the story, saying ...": the position verb speaks even when "saying" was found first
                if not any(h[0].name == source.name and h[1] is not None and h[1].i == root.i for h in holders):
                    holders.append((source, root, False))
            # a medium or a lawmaker relaying an agency's or a minister's words: the inner speaker holds the stance
            if len(holders) > 1:
                relays = [
                    h
                    for h in holders
                    if (h[0].kind == "media" or h[0].type == "lawmaker") and not _own_clause(h, holders)
                ]
                holders = [h for h in holders if h not in relays] or holders
            holders = _outermost(holders)
            verbs = [v for _, v, _ in holders if v is not None]
            rows: list[tuple[Source, str, str]] = []
            for source, verb, speaking in holders:
                if not _plausible(source):
                    continue
                clause = _clause(verb, verbs) if verb is not None else text
                found = classify(clause, speaking=speaking, topical=topical) or (
                    classify(text) if len(holders) == 1 else None
                )
                if (
                    found
                    and found[1] == "reported"
                    and verb is not None
                    and verb.lemma_.lower() in PLEDGE_VERBS
                    and any(c.dep_ == "xcomp" for c in verb.children)
                ):
                    found = None  # an offer to act is an act, not a report that the troops are there ("offered an
                    # estimate of 3,000" still is one)
                if found is None and speaking and info.heading and TOPIC.search(text):
                    found = ("confirms", "headline")
                if found:
                    rows.append((source, *found))
            if not holders:
                found = classify(text)
                if found and found[1] != "reported":
                    cue_at = sent.start_char + text.lower().find(found[1].lower())
                    for fallback in self._fallback_actor(sent, cue_at):
                        if _plausible(fallback):
                            rows.append((self._metonym(fallback), *found))
            # every attributed figure about the troops: its source vouches for it
            for claim in figures:
                source = self.registry.resolve(claim.source_mention or claim.source or "")
                if source.name != claim.source:
                    source = Source(
                        claim.source or "",
                        claim.source_mention or "",
                        claim.source_type,
                        claim.source_country,
                        source.kind,
                        source.known,
                    )
                if not _plausible(source):
                    continue
                if claim.status != "expected":
                    # "8,000 have moved to Kursk, Blinken said, adding that he expects them in combat": the
                    # figure he gives is a fact he vouches for, the expectation comes on top of it
                    rows = [r for r in rows if not (_same_actor(source, r[0]) and r[1] == "expects")]
                if not any(_same_actor(source, r[0]) for r in rows):
                    rows.append((source, "expects" if claim.status == "expected" else "confirms", "figure"))
            for source in givers:
                # "Washington has offered slightly lower figures", "Kyiv's figures have been the highest"
                if _plausible(source) and not any(_same_actor(source, r[0]) for r in rows):
                    rows.append((source, "confirms", "gave figures"))
            if caveat := OWN_VERIFICATION.search(text):
                # "Reuters could not independently verify the figures": the outlet's caveat on its sources, not a
                # position on the troops (an official's "I can't verify that report" still is one, and so is the
                # report the caveat is about)
                before = text[: caveat.start()]
                rows = [
                    r
                    for r in rows
                    if not (
                        (r[0].kind == "media" or r[0].type in {"media", "think_tank"})
                        and (r[0].mention or r[0].name) in before
                    )
                ]
            if (secret := KEPT_SECRET.search(text)) is not None:
                # "X said North Korea had not informed its people of the dispatch": the North's own silence, on top
                # of whatever the speaker holds
                north = self.registry.resolve(re.sub(r"(?i)^the north$", "North Korea", secret.group(1)))
                if north.name and not any(r[0].name == north.name for r in rows):
                    rows.append((north, "cannot_confirm", secret.group(0)))
            rows = _parts_over_wholes(rows)
            # one position per actor and sentence: the most guarded reading wins
            priority = {"cannot_confirm": 0, "denies": 1, "expects": 2, "confirms": 3}
            rows.sort(key=lambda r: priority[r[1]])
            seen: set[str] = set()
            label = _label_length(text)
            for source, stance, cue in rows:
                if source.name in seen:
                    continue
                seen.add(source.name)
                records.append(
                    StanceRecord(
                        doc_id=doc_id,
                        actor=source.name,
                        actor_country=source.country,
                        stance=stance,
                        sentence=text[label:].strip(),
                        start_char=sent.start_char + label,
                        end_char=sent.end_char,
                        actor_type=source.type,
                        actor_mention=source.mention,
                        cue=cue,
                    )
                )
        return records

    def _the_pair_before(self, token: Token, sent: Span) -> list[Source] | None:
        """ "Neither government", "both capitals": the two states the sentence before names, each by its name."""
        if token.lemma_.lower() not in PAIR_NOUNS or not any(
            c.dep_ in {"det", "predet", "preconj"} and c.lower_ in {"neither", "both"} for c in token.children
        ):
            return None
        if sent.start == 0:
            return None
        before = sent.doc[sent.start - 1].sent
        states: list[Source] = []
        for _start, _end, actor in self.registry.find_in(span_text(before)):
            source = self.registry.resolve(actor.canonical)
            if actor.kind == "country" and all(s.name != source.name for s in states):
                states.append(source)
        return states if len(states) == 2 else None

    def _fallback_actor(self, sent: Span, cue_at: int) -> list[Source]:
        """The sentence's grammatical subject if it is an actor, else the first actor named before the cue."""
        memory = SpeakerMemory()
        root = sent.root
        if root.lemma_.lower() in TARGETING_VERBS and any(c.dep_ == "nsubjpass" for c in root.children):
            return []  # "Russia and North Korea have been accused of ...": the accused hold no position by it
        for token in sent:
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT" and token.pos_ in {"PROPN", "NOUN"}:
                if (pair := self._the_pair_before(token, sent)) is not None:
                    return pair  # "Neither government has acknowledged ..." after Moscow and Pyongyang were named
                conjoined = [c for c in token.children if c.dep_ == "conj"]
                parts = [self._resolve_one(t, memory) for t in [token, *conjoined]] if conjoined else []
                if parts and all(p is not None and p.known for p in parts):
                    return parts  # "Moscow and Pyongyang have stayed silent": each state
                resolved = self.attributor.resolve_token(token, memory)
                if resolved:
                    return [resolved[0]]
        prefix = sent.doc.text[sent.start_char : cue_at]
        hits = [h for h in self.registry.find_in(prefix) if h[2].kind in {"person", "organization", "country"}]
        if hits:
            start, end, _actor = hits[0]
            return [self.registry.resolve(prefix[start:end])]
        return []


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
