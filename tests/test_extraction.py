"""Extraction on real spaCy parses: each attribution pattern, categories, statuses, stances, places, offsets.

The sentences here are our own (not the seeds'), one per construction, so a rule that only fits a seed's
wording fails here. The scored checks at the bottom run the shipped scorer on the labelled sets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.places import extract_places
from workbench.stances import StanceExtractor

EVAL = Path(__file__).parent / "eval"


def claims_of(nlp, text):
    doc = nlp(text)
    return doc._.claims


def one_claim(nlp, text):
    found = claims_of(nlp, text)
    assert len(found) == 1, [(c.number_text, c.unit) for c in found]
    claim = found[0]
    assert text[claim.start_char : claim.end_char] == claim.number_text
    return claim


ATTRIBUTION = [
    # (text, source, via)
    (
        "Seoul's spy agency told lawmakers on Tuesday that roughly 4,000 North Korean troops had reached Russia.",
        "South Korea NIS",
        None,
    ),
    (
        "About 7,000 North Korean soldiers are now in the Kursk region, according to Ukraine's military intelligence.",
        "Ukraine HUR",
        None,
    ),
    ("North Korea has shipped some 2,000 soldiers to Vladivostok, Lloyd Austin said on Friday.", "Lloyd Austin", None),
    (
        "A senior Western official said about 5,000 North Korean troops were training near Khabarovsk.",
        "senior Western official",
        None,
    ),
    (
        "The New York Times, citing two U.S. officials, reported that 8,000 North Korean troops were in Kursk.",
        "New York Times",
        "U.S. officials",
    ),
    (
        "Volodymyr Zelensky visited Kharkiv on Monday. He said 12,000 North Korean soldiers were preparing to fight.",
        "Volodymyr Zelensky",
        None,
    ),
    (
        "North Korea has one of the largest armies in the world, with about 1.2 million active-duty soldiers.",
        None,
        None,
    ),
    ("By the Pentagon's count, 10,000 North Korean soldiers are now in eastern Russia.", "Pentagon", None),
    ("Some 3,000 North Korean troops have reached Russia, the spy agency NIS said on Monday.", "NIS", None),
    # a reporting tag wedged mid-sentence ("..., X said, ...") reports the clause it hangs on
    (
        "Near the village of Olhivka, Sergeant Bohdan Koval said, a column of roughly 40 North Korean soldiers "
        "was destroyed.",
        "Bohdan Koval",
        None,
    ),
    # a long sentence-final tag the parser attaches as a conjunct
    (
        "Pyongyang has moved about 2,500 more soldiers to Khabarovsk and is training them on drones, the Lithuanian "
        "Defence Ministry told reporters on Tuesday, a week after the NATO summit ended.",
        "Lithuanian Defence Ministry",
        None,
    ),
    # a role phrase whose holder is named in apposition after it
    (
        "According to the spokesman for Ukraine's border guard service, Andriy Demchenko, some 4,000 North Korean "
        "troops are stationed near the Sumy border.",
        "Andriy Demchenko",
        None,
    ),
    # "the assessment" points back to whoever gave it
    (
        "Japanese officials briefed allies on the numbers last week. The assessment puts North Korean losses at "
        "about 2,500 soldiers.",
        "Japanese officials",
        None,
    ),
    # an inverted subject after a quotation, lost by the parser to a relative clause
    (
        '"About 900 North Korean soldiers were lost in a single week," said a senior NATO diplomat, who asked not '
        "to be named.",
        "senior NATO diplomat",
        None,
    ),
    # a headline that credits its source after a colon, and a line split at its colon with a bracketed credit
    ("Russian losses near Pokrovsk top 2,000 soldiers: Ukraine's General Staff\n", "Ukraine General Staff", None),
    ("• 2,300: North Korean wounded soldiers flown home (NIS briefing, May 2)\n", "South Korea NIS", None),
    # a bracketed source note beats a topic label before the colon
    ("- Russian army reserve: about 2 million soldiers (IISS)\n", "IISS", None),
    # a body the registry lacks, named after its country's possessive
    (
        "Ukraine's Center for Strategic Communications claimed that 25 North Korean soldiers had deserted.",
        "Center for Strategic Communications",
        None,
    ),
    # a metonym's tally after that country's body spoke
    (
        "Russia lost 1,100 soldiers in a day, Ukraine's General Staff said. Kyiv's tally puts Russian losses since "
        "2022 at more than 800,000 soldiers.",
        "Ukraine General Staff",
        None,
    ),
    # "the figures were provided by X" credits the sentence before
    (
        "About 9,000 North Korean soldiers are thought to be near Kursk. The figures were provided by a State "
        "Department spokesman, Matthew Miller.",
        "Matthew Miller",
        None,
    ),
    ("North Korea has sent about 2,000 more troops to Russia, South Korea's military said.", "South Korea JCS", None),
    # a headline title resolves to the person the article names in that role
    (
        "German defence minister warns Pyongyang could send 6,000 more soldiers\nBerlin. Germany's Defence Minister "
        "Boris Pistorius told reporters that Russia would keep asking for more men.",
        "Boris Pistorius",
        None,
    ),
    # "had for weeks written of": the subject of "had", not the time phrase
    ("Several newspapers had for weeks written of 15,000 North Korean troops.", "newspapers", None),
    # the claimant of "the claims of X about N"
    (
        'Peskov scoffed at the claims of British tabloids about "5,000 Korean soldiers" fighting near Bryansk.',
        "British tabloids",
        None,
    ),
    # "two of the people" is the group called "people", not the officials named before it
    (
        "Retired generals have told the committee that the brigade is depleted, according to four people who "
        "attended. Fewer than 3,000 soldiers, two of the people said, remain fit for combat.",
        "people",
        None,
    ),
    # an estimate verb the tagger reads as a plural noun ("intelligence estimates roughly N")
    ("Lithuania's intelligence service estimates roughly 9,000 North Korean troops in Russia.", "Lithuania", None),
    # a figure noun owned by a modifier; a date in "from late March" is not the owner
    (
        "A Pentagon figure from late March put the contingent at 8,000 North Korean soldiers, most of them near Kursk.",
        "Pentagon",
        None,
    ),
    ("By British estimates, Russia is losing about 1,200 soldiers a day in the east.", "United Kingdom", None),
    # the subject of a verb whose object is "a figure of N"
    ("Tokyo has held to a figure of about 6,000 North Korean soldiers since spring.", "Japan", None),
    (
        "Polish officials have floated an estimate of 20,000 North Korean troops for next year.",
        "Polish officials",
        None,
    ),
    # "credits X with N", a mis-tagged "credits" in a relative clause
    (
        "The North, which the Japanese defence white paper credits with 1.1 million soldiers, keeps silent.",
        "white paper",
        None,
    ),
    # "A quoted B as saying": B speaks, A relays
    ("Kim quoted the JCS as saying that about 2,500 North Korean troops had been wounded.", "South Korea JCS", "Kim"),
    # "it put the number ... at N" with "at" hung on a participle; "it" is the body named before
    (
        "The Estonian intelligence service briefed reporters on Monday. It put the number of North Korean troops "
        "already deployed at roughly 7,000.",
        "Estonia",
        None,
    ),
    # "That estimate, N ..., came in an interview": whoever gave the last figure
    (
        "Kyrylo Budanov has put the figure lower. That estimate, about 2,000 North Korean soldiers killed, came in "
        "a radio interview.",
        "Kyrylo Budanov",
        None,
    ),
    # a role title resolved to the holder in the registry
    ("In Vilnius, the NATO secretary general said about 10,000 North Korean troops were fighting.", "Mark Rutte", None),
    # a reporting relative clause covers the noun it hangs on
    (
        "He was one of about 2,000 North Korean soldiers that Tokyo and Seoul believe were sent to Vladivostok.",
        "Tokyo and Seoul",
        None,
    ),
    # "A cited B as saying": B speaks
    (
        "CNN cited two Western officials as saying that 5,000 North Korean soldiers had reached the front.",
        "officials",
        "CNN",
    ),
    # "he" after a quotation is the quoted speaker, not a person named inside the quote
    (
        'Zelensky addressed parliament on Tuesday. "Putin is running out of men. North Korea has sent him 12,000 '
        'soldiers," he said.',
        "Zelensky",
        None,
    ),
    # a media report that modifies its own noun, inside another speaker's sentence: the report's figure
    (
        "Asked about a German press report that 40 North Korean officers had defected, Kim said he could not "
        "confirm it.",
        "German press",
        None,
    ),
    # a member of a group, named generically
    (
        "One of the defectors, a former army captain, told a Seoul newspaper that 60 North Korean soldiers from "
        "his battalion had been sent.",
        "defector",
        None,
    ),
    # a transcript turn: every sentence up to the next label is the speaker's; "Q:" is never a source
    (
        "MR. KIRBY: We believe there are about 3,000 of them in eastern Russia.\nQ: Reuters reported 5,000 North "
        "Korean troops yesterday. Is that right?\nMR. KIRBY: I won't confirm that. We still have about 3,000 North "
        "Korean soldiers.",
        "John Kirby",
        None,
    ),
    ("Q: Reuters reported 5,000 North Korean troops in Kursk yesterday. Is that right?", "Reuters", None),
    # a quotation running on without a tag; a name inside the neighbour's quote is not the tag
    (
        '"Every unit the enemy adds matters," Melnyk said. "Even 400 more North Korean soldiers would tip the '
        'balance."',
        "Melnyk",
        None,
    ),
    (
        '"The first wave was 300 North Korean soldiers. The second was 500 North Korean soldiers. Nobody stopped '
        'them," said the commander, Taras Melnyk.',
        "Taras Melnyk",
        None,
    ),
    # a narrative subject telling "a story" is nobody's report
    ("Diaries from the battlefield, three North Korean deserters and a medic tell a story Moscow denies", None, None),
    # an interview: "A:" answers are the interviewee's; "our intelligence" is his country's agency
    (
        "Lieutenant Taras Hnatiuk leads a Ukrainian assault company in Kursk. We talked to him last week.\n"
        "Q: What did the first clashes look like?\nA: They came in waves. We killed perhaps 150 North Korean "
        "soldiers that night.",
        "Taras Hnatiuk",
        None,
    ),
    (
        "Sergeant Mykola Dub serves with a Ukrainian artillery unit. He answered our questions by email.\n"
        "Q: Are more coming?\nA: Yes. Our intelligence says some 3,500 North Korean soldiers are being readied.",
        "Ukraine HUR",
        None,
    ),
    # a speaker who goes on acting: the act verb's clause holds the figure
    (
        "Zelensky spoke to reporters in Lviv on Tuesday. He then proposed trading the three North Korean soldiers "
        "for Ukrainian captives.",
        "Volodymyr Zelensky",
        None,
    ),
    ("Maria Petrenko runs a bakery in Sumy. She proposed feeding the 40 soldiers stationed nearby.", None, None),
    # a relative clause with a giving verb: the giver made the finding
    (
        "That matches the estimate of roughly 9,000 North Korean soldiers that South Korea's spy agency has provided "
        "since May.",
        "South Korea NIS",
        None,
    ),
    ("Observers cited the tally of 700 North Korean casualties that Tokyo released on Friday.", "Observers", "Japan"),
    # "claims" read as a noun after a long subject
    (
        "A Russian military blog popular with frontline troops claims that 600 North Korean soldiers have "
        "reached Kursk.",
        "Russian military blog",
        None,
    ),
    # a fact-check: the claim line's bracket names the claimant; the verdict is the article's voice
    ('CLAIM (video on TikTok, viewed 2 million times): "30,000 North Korean soldiers died in Kursk."', "video", None),
    (
        'CLAIM (Telegram post): "20,000 North Korean troops surrendered."\nVERDICT: False. The figure of 20,000 '
        "North Korean troops appears nowhere else.",
        None,
        None,
    ),
    # "One" right after a group spoke is one of that group
    (
        "Four Ukrainian drone operators said they expected more assaults. One put the number of North Korean "
        "soldiers opposite them at 1,800.",
        "drone operators",
        None,
    ),
    # an anonymous voice inside a named body keeps the body as via
    (
        "An official at Ukraine's military intelligence said 250 North Korean soldiers had been wounded.",
        "official",
        "Ukraine HUR",
    ),
    # a source named once goes on with its account in the same paragraph
    (
        "Ukraine's General Staff said 4,200 North Korean soldiers were fighting near Sudzha. Another 900 are held "
        "in reserve behind the line.",
        "General Staff",
        None,
    ),
    (
        "North Korean troops are in Russia. Japanese officials said on Tuesday the first units had reached the "
        "front. Roughly 2,500 are already there.",
        "Japanese officials",
        None,
    ),
    # ...but an inference of the writer's after it stays in the article's voice
    (
        "Ukraine's General Staff said 4,200 North Korean soldiers were fighting near Sudzha. It means the losses "
        "rose by about 600 men in a month.",
        None,
        None,
    ),
    # as does a figure after a denial
    (
        "North Korean troops are in Russia. The Russian embassy in Seoul rejected the reports. About 4,000 North "
        "Korean soldiers have died, in a war Moscow calls an operation.",
        None,
        None,
    ),
    # a bulleted list under a lead-in with a colon is the lead-in's speaker's
    (
        "Lithuania's defence intelligence briefed journalists on Monday. Its main findings:\n\n- About 6,000 North "
        "Korean soldiers are in the Kursk region.\n- Some 300 of them have been killed.",
        "Lithuania",
        None,
    ),
    # a definite anaphor with nobody before it still names a speaker, never drops it
    (
        "Pyongyang has moved 9,000 soldiers to the Kursk region, the ministry told reporters.",
        "ministry",
        None,
    ),
    # "the diplomat" after a named diplomat is that diplomat
    (
        "Ambassador Georgy Zinoviev spoke in Seoul. About 3,500 North Korean soldiers are in Russia, the diplomat "
        "said.",
        "Georgy Zinoviev",
        None,
    ),
    # a closing tag with the speaker after the verb, which the parser reads as an object
    ("Some 2,600 North Korean soldiers were moved to Primorye, reported the Kyodo news agency.", "Kyodo", None),
    # one soldier is a witness who speaks
    (
        "A Ukrainian marine who served near Sudzha told the Guardian that about 70 North Korean soldiers stormed "
        "his trench.",
        "Ukrainian marine",
        None,
    ),
    (
        "A Ukrainian soldier who was wounded near Sudzha told Reuters that about 60 North Koreans attacked his trench.",
        "Ukrainian soldier",
        None,
    ),
    # whoever cannot confirm a figure is not its source
    ("The Guardian could not verify reports that 2,300 North Korean soldiers had been wounded.", None, None),
    # a clause with its own speaker inside another speaker's sentence
    (
        "Kyiv says 2,800 North Korean soldiers have been wounded, while Seoul puts the number at about 1,900.",
        "South Korea",
        None,
    ),
    # "the South" in Korean usage
    (
        "North Korean troops are in Russia. The South believes about 2,700 more North Korean soldiers could follow.",
        "South Korea",
        None,
    ),
    # Ukrainian wire layout: a "Source:" line names the speaker of the "Quote:" paragraphs after it
    (
        "North Korean troops in Kursk keep losing men.\n\nSource: Oksana Hrytsenko, spokesperson for Ukraine's "
        'Northern Command, on national television\n\nQuote: "They attack on foot. By our count, about 2,300 '
        'have been killed or wounded since December."',
        "Oksana Hrytsenko",
        None,
    ),
    # joint sources keep every owner as written
    (
        "North Korea has 9,000 soldiers in Russia, according to figures from Tokyo, London, and Kyiv.",
        "Tokyo, London, and Kyiv",
        None,
    ),
    (
        "North Korea has 9,000 soldiers in Russia, according to Japanese, British and Ukrainian estimates.",
        "Japanese, British and Ukrainian estimates",
        None,
    ),
    # lower-case and British spellings of registry bodies
    (
        "North Korean troops are in Russia. Seoul's joint chiefs of staff said 1,300 North Korean soldiers had "
        "been wounded.",
        "South Korea JCS",
        None,
    ),
    (
        "North Korean troops are in Russia. The US defence department said 7,000 North Korean soldiers were near "
        "Kursk.",
        "Pentagon",
        None,
    ),
    # a believer reported by an anonymous speaker holds the estimate; a named spokesman's "the U.S. believes"
    # stays his
    (
        "North Korean troops are in Russia. A senior official said London believed that some 7,500 North Korean "
        "soldiers had been sent.",
        "United Kingdom",
        "senior official",
    ),
    (
        "North Korean troops are in Russia. Pentagon spokesman Pat Ryder said the U.S. believes that 7,500 North "
        "Korean soldiers are in Kursk.",
        "Pat Ryder",
        None,
    ),
    # a soldier quoted under a call sign is that person, also for the quotation that goes on
    (
        '"They have changed," said a Ukrainian drone pilot, who gave only his call sign, Bober. "In January they '
        'came at us in groups of about 40 men."',
        "Bober",
        None,
    ),
    # an anonymous soldier named by call sign a paragraph later is that person from the start
    (
        "A Ukrainian drone operator who has flown over Sudzha told Reuters that about 90 North Korean soldiers had "
        "attacked in one wave.\n\nThe operator, who gave only his call sign, Orel, said the assaults had slowed.",
        "Orel",
        None,
    ),
    # broadcast transcripts: a guest named by the label speaks; the anchor's and correspondent's lines are the
    # broadcaster's own voice
    (
        "North Korean troops are in Kursk.\n\nMARTA NOWAK, BBC PRESENTER: What are you seeing?\n\nOREL, UKRAINIAN "
        "DRONE OPERATOR (through translator): They come at us in groups of about 40 men.",
        "Orel",
        None,
    ),
    (
        "North Korean troops are in Kursk.\n\nMARTA NOWAK, BBC PRESENTER: Some 7,000 are now believed to be near "
        "the front.",
        None,
        None,
    ),
    # a statement reprinted in full under its letterhead is the body's
    (
        "FULL TEXT: Kyiv's intelligence on the Kursk fighting\n\n***\n\nDEFENCE INTELLIGENCE OF UKRAINE\n\n"
        "North Korean units attacked near Sudzha. At least 45 servicemen were killed or wounded.",
        "Ukraine HUR",
        None,
    ),
    # a body that raises or puts its estimate gives the figure
    ("- Tokyo raises its estimate to about 9,000 North Korean soldiers", "Japan", None),
    # a relative clause right after the figure names who gave it
    (
        'Spokesman Pat Ryder said 9,000 North Korean soldiers were in Kursk, up from the "at least 2,000" that '
        "Lithuanian officials cited in October.",
        "Lithuanian officials",
        None,
    ),
    # "the ministry" is the last body called a ministry, not the last organization
    (
        "Russia's Defence Ministry issued its daily briefing. Ukraine's General Staff said the front was calm. "
        "The enemy has lost more than 36,000 servicemen in Kursk, according to the ministry.",
        "Defense Ministry",
        None,
    ),
    # a quoted word before an inverted tag is what was said, not the speaker
    (
        'North Korean troops are in Kursk.\n\n"Koreans," says the gunner, a sergeant who goes by the call sign Lys. '
        '"About 300 came at us in one night."',
        "Lys",
        None,
    ),
    # a name met before speaks again as "he"
    (
        "The commander, who goes by the call sign Tur, spoke to us. A Ukrainian source later confirmed his account."
        "\n\nTur keeps his own tally. His battalion, he says, has killed about 170 North Koreans.",
        "Tur",
        None,
    ),
    # the parser folds the subject into an opening time phrase ("In December a news site, citing ..., reported")
    (
        "North Korean troops are in Kursk. In January a Lithuanian news portal, citing a source in the army, "
        "reported that about 30 North Korean soldiers had deserted.",
        "Lithuanian news portal",
        None,
    ),
    (
        "In Tokyo, Japan's Defense Ministry, which has tracked the transfers, told reporters that about 4,500 North "
        "Korean soldiers had arrived.",
        "Japan",
        None,
    ),
    # several nations' bodies speaking together are kept as written
    (
        "Western and Japanese intelligence agencies estimate that about 9,500 North Korean soldiers are in Russia.",
        "Western and Japanese intelligence agencies",
        None,
    ),
    # an outlet named in apposition to its kind
    (
        "North Korean troops are in Kursk. Another channel, Zona Boyevykh, claimed that 160 North Korean soldiers "
        "had been killed.",
        "Zona Boyevykh",
        None,
    ),
    # a role only the registry's holder has
    (
        '"More than 2,900 North Korean soldiers have been killed or wounded," the Ukrainian head of state said.',
        "Volodymyr Zelensky",
        None,
    ),
    # a quotation running over three sentences keeps the speaker tagged in the first
    (
        'North Korean troops are in Kursk.\n\n"They attack in lines," said a Ukrainian sergeant who gave his name '
        'only as Taras. "Nobody retreats. We saw maybe 60 of them fall in a morning."',
        "Taras",
        None,
    ),
    # the small model reads the cited group as the reporter's subject; the phrase before "citing" speaks
    (
        "The Financial Times, citing Ukrainian officers fighting near Sudzha, reported last week that North Korean "
        "units attacked in groups of 30 to 50 men.",
        "Financial Times",
        "Ukrainian officers",
    ),
    # a crossing arc from a date after the verb must not stretch the speaker's phrase over the figure
    (
        "North Korean troops are in Russia. Ukrainian President Volodymyr Zelensky said Jan. 14 that Ukrainian "
        "forces had captured three North Korean soldiers in Kursk, the first prisoners taken since the deployment "
        "began.",
        "Volodymyr Zelensky",
        None,
    ),
    # a person speaking in an institutional role keeps the institution as via
    (
        "In a closed-door briefing, NIS Director Cho Tae-yong told lawmakers that about 9,500 North Korean troops "
        "were in Russia.",
        "Cho Tae-yong",
        "South Korea NIS",
    ),
    # lawmakers relaying a body's briefing
    (
        "North Korean troops are in Russia. Lawmakers who attended the NIS briefing said 1,700 more had arrived.",
        "Lawmakers",
        "South Korea NIS",
    ),
    # a transcript guest's later turns under the surname alone
    (
        "North Korean troops are in Kursk.\n\nANNA BERG, FORMER NATO ANALYST: They learn fast.\n\nHOST: And next?\n\n"
        "BERG: I expect another 6,000 before summer.",
        "Anna Berg",
        None,
    ),
    # a claim "in" the media is the media's figure, whoever dismisses it
    (
        "Reports in Western media that 9,000 North Korean servicemen are in the Kursk region are a fabrication, "
        "Maria Zakharova said on Wednesday.",
        "Western media",
        None,
    ),
    # ... and a possessor's claim "of" a figure, dismissed by the speaker, stays the possessor's
    (
        "Igor Volkov, a member of the Duma's defence committee, told the TASS agency that Kyiv's claim of 5,000 "
        'North Korean losses was "pure invention."',
        "Ukraine",
        None,
    ),
    # a deadline after "by" is no agent
    ("About 5,000 more North Korean soldiers are expected by the end of the year.", None, None),
    # a possessor's claim, statement or assessment "that ..." is the possessor's figure, whoever relays it
    (
        "Coverage this week. The Kyiv Post opens with Budanov's claim that 9,000 North Korean soldiers are "
        "training in the Primorye region.",
        "Kyrylo Budanov",
        None,
    ),
    # ... also when a time phrase pushes the that-clause onto the verb
    (
        "Hartmann points to the NIS assessment this week that more than 2,000 North Koreans have been killed.",
        "South Korea NIS",
        None,
    ),
    # "the agency" right after an agency named in the same sentence is that agency, not the last one that spoke
    (
        "Ukraine's HUR said 8,000 North Koreans were in Kursk. In Tokyo, the Asahi Shimbun runs a report on a "
        "closed-door NIS briefing, in which the agency said that about 7,000 North Korean soldiers had reached Russia.",
        "South Korea NIS",
        None,
    ),
    # "the paper" is the last newspaper named, even one the registry does not know
    (
        "The Hindustan Times carries a long piece on the war. Citing a senior diplomat it does not name, the "
        "paper says that about 4,000 North Korean troops have been sent to Russia.",
        "Hindustan Times",
        "senior diplomat",
    ),
    # a nationality adjective owning a figure names that country
    (
        "North Korean troops in Russia. The British figure of roughly 4,000 North Korean casualties is higher.",
        "United Kingdom",
        None,
    ),
    # "putting the number above N"
    (
        "By late November the Pentagon was putting the number of North Korean troops in Russia above 11,000.",
        "Pentagon",
        None,
    ),
    # a speaker label before a colon is not the subject of the sentence after it
    (
        "North Korean troops in Russia: committee minutes.\n\nRep. Kang Min-ho (People Power Party): The "
        "ministry's own white paper puts the North's special operations forces at 200,000.",
        "ministry",
        None,
    ),
    # a reporting tag wedged inside the clause ("..., she says, and ...")
    (
        "Host Dana Holt spoke to researchers. The first group of roughly 2,000 North Korean special forces arrived "
        "in Vladivostok in October, she says, and was moved west by train.",
        "Dana Holt",
        None,
    ),
    # a footnote mark after a full stop ends the sentence: the next one has its own subject
    (
        "North Korea sent troops to Russia.[1] Most came from one corps and trained in the Far East.[2] South "
        "Korea's National Intelligence Service assessed in November that more than 10,000 had arrived in Russia.[3]",
        "South Korea NIS",
        None,
    ),
    # a second report coordinated after the first keeps its own speaker
    (
        "North Korean troops in Russia. Britain's defence ministry said 9,000 were in Russia, and Japan's defence "
        "ministry gave a figure of about 10,000.",
        "Japan",
        None,
    ),
    # "the paper" when the parser drops its article
    (
        "North Korean troops in Russia. The Dong-A Ilbo takes a different line. Quoting an official it does not "
        "name, the paper reports that North Korea could send up to 6,000 more troops by spring.",
        "Dong-A Ilbo",
        None,
    ),
    # a call sign given in quotation marks
    (
        "North Korean troops in Russia. A Ukrainian drone operator in the Kursk region, who asked to be identified "
        'only by his call sign "Sokil", told the BBC the North Koreans attacked in groups of 30 to 50 men.',
        "Sokil",
        None,
    ),
    # a person named before a role apposition with a relative clause: the person, not "the minister"
    (
        "Yoon Suk Yeol spoke on Monday. Kim Yong-hyun, the defense minister who had warned in October that Pyongyang "
        "could send as many as 10,000 troops to Russia by December, is now in detention.",
        "Kim Yong-hyun",
        None,
    ),
    # soldiers of the other side as witnesses; "with X reporting that ..."
    (
        "North Korean troops in Russia. Ukrainian soldiers have described North Korean infantry attacking in groups "
        "of 20 to 30 across open fields.",
        "Ukrainian soldiers",
        None,
    ),
    (
        "North Korean troops in Russia. The week opened with Ukraine's military intelligence agency, HUR, reporting "
        "that at least 30 North Korean soldiers had been killed or wounded.",
        "Ukraine HUR",
        None,
    ),
    # a clause before a colon is no speaker label; a TV correspondent's turn is the broadcaster's voice
    (
        "North Korean troops in Russia. Kim Jong Un can afford it, at least in raw numbers: he commands an army of "
        "about 1.2 million.",
        None,
        None,
    ),
    (
        "North Korean troops in Russia.\n\nANTONY BLINKEN, U.S. SECRETARY OF STATE: We expect combat soon.\n\n"
        "CORRESPONDENT: North Korea's army is one of the largest in the world, with about 1.2 million troops.\n",
        None,
        None,
    ),
    # Hansard and minutes: "Name (Constituency) (Party):" and "The Minister for X (Name):" labels
    (
        "North Korean troops in Russia\n\nMr Simon Hale (Gosport) (Con): To ask the Secretary of State for Defence "
        "for a statement.\n\nThe Minister for the Armed Forces (Luke Pollard): Our assessment is that North Korea "
        "has sent around 11,000 military personnel to Russia.\n",
        "Luke Pollard",
        None,
    ),
    # a figure cited by someone in a relative clause with no relative pronoun
    (
        "North Korean troops in Russia. Singh said the total had grown to more than 11,000, up from the 10,000 the "
        "Pentagon cited a week earlier.",
        "Pentagon",
        None,
    ),
    # "the source" after "a source in <place>"
    (
        "North Korean troops in Russia. People familiar with the matter said the troops were in Kursk. A source in "
        "Ryanggang Province said the orders came in December. The source estimated that about 200 young men from "
        "the province had been sent to Russia.",
        "Ryanggang Province source",
        None,
    ),
    # speculation is a report; "our" in a briefing turn is the speaker's
    (
        "North Korean troops in Russia. Some analysts have speculated that Pyongyang could eventually rotate as "
        "many as 90,000 troops through Russia.",
        "analysts",
        None,
    ),
    (
        "North Korean troops in Russia.\n\nQUESTION: How many?\n\nMS. LANE: Our assessment is more than 10,000 "
        "troops, theirs is a little higher.",
        "Lane",
        None,
    ),
    # a quote box: the capitals caption over the quotation names its speaker
    (
        "What officials have said about North Korean troops\n\nOLENA VASYLENKO, UKRAINIAN DEPUTY DEFENCE MINISTER, "
        'NOV. 4, ON NATIONAL TELEVISION\n"There are already 9,000 North Korean soldiers in the Kursk region. Russia '
        'is getting ready to use them."\n',
        "Olena Vasylenko",
        None,
    ),
    # Q&A: "A:" is the person the introduction presents, never the byline
    (
        "INTERVIEW\n\nBy Marco Lindqvist\n\nHelga Brandt, a senior analyst at the Baltic Institute for Defence "
        "Studies, spoke to us about the numbers.\n\nQ: How many North Korean soldiers are in Russia?\n\nA: The "
        "figure almost everyone uses is about 11,000.\n",
        "Helga Brandt",
        None,
    ),
    # a fact-box bullet: the description's speaker, else the credit in brackets after it
    (
        "North Korean troops in Russia\n\n• 12,000: the total the NIS says Pyongyang has decided to send. (Yonhap)\n",
        "South Korea NIS",
        None,
    ),
    (
        "North Korean troops in Russia\n\n• 28,500: U.S. service members stationed in South Korea. (U.S. Forces "
        "Korea)\n",
        "U.S. Forces Korea",
        None,
    ),
    # a people named in the plural speaks as its country
    (
        "North Korean troops in Russia. QUESTION: The Ukrainians have been saying for a week that 11,000 are there.",
        "Ukraine",
        None,
    ),
    # rows of a plain-text table: the cell under the SOURCE header, known actor or not
    (
        "North Korean troops in Russia, by source.\n\nDATE     SOURCE             FIGURE    WHAT\n"
        "Nov 4    Zelensky           11,000    troops in Kursk region\n"
        "Nov 9    Mariana Koval      7,000     troops in Kursk region\n",
        "Mariana Koval",
        None,
    ),
    (
        "North Korean troops in Russia, by source.\n\nDATE     SOURCE             FIGURE    WHAT\n"
        "Nov 4    Zelensky           11,000    troops in Kursk region\n",
        "Volodymyr Zelensky",
        None,
    ),
    # a wire dateline and its credit are not the speaker the parser hangs after them
    (
        "SEOUL (AP) — South Korea's spy agency said Thursday that about 2,000 more North Korean troops had left.",
        "South Korea NIS",
        None,
    ),
    (
        "KYIV, Ukraine (Reuters) - Ukraine's military intelligence agency said 9,000 North Korean soldiers were "
        "near Kursk.",
        "Ukraine HUR",
        None,
    ),
    # a conjoined "said" after an appositive actor is that actor's, not the first clause's subject
    (
        "North Korea has lost about 900 soldiers, South Korea's Joint Chiefs of Staff (JCS) said in a message "
        "to reporters.",
        "South Korea JCS",
        None,
    ),
    # Korean usage: "the South's spy agency", "per South Korea's intelligence"
    ("The South's spy agency said 2,500 North Korean troops had been shipped to Russia.", "South Korea NIS", None),
    (
        "North Korean troops are in Russia. Pyongyang has sent around 2,500 commandos, per South Korea's intelligence.",
        "South Korea NIS",
        None,
    ),
    # "the lawmakers were told": by whoever briefed them
    (
        "The NIS briefed lawmakers on Friday.\n\nThe NIS said Pyongyang had sent 3,000 men. About 8,000 more "
        "would follow by January, the lawmakers were told.",
        "South Korea NIS",
        None,
    ),
    # a body's own count of people is its finding, relayed by whoever reports it
    (
        "Kyiv's envoy told the Security Council that Ukrainian intelligence had counted some 7,000 North Korean "
        "soldiers near Kursk.",
        "Ukraine HUR",
        "envoy",
    ),
    (
        "The NIS says 10,000 North Korean troops were sent. Ukraine's military intelligence puts the number closer "
        "to 13,000.",
        "HUR",
        None,
    ),
    # a drone or a satellite sees, it does not speak
    ("Ukrainian drones recorded 40 North Korean soldiers crossing a field near Sudzha.", None, None),
    # a figure "claimed by X" inside someone else's dismissal is X's
    (
        "North Korean troops are in Kursk. A pro-Kremlin blogger wrote that the 7,000 Koreans reported by Kyiv "
        "were a myth.",
        "Ukraine",
        None,
    ),
    # "This number ..." points back at the tally before it and its source
    (
        "Russian losses passed 700,000, according to Ukraine's General Staff. This figure includes 1,400 "
        "killed or wounded on Sunday.",
        "Ukraine General Staff",
        None,
    ),
    # "the unit said" is the military unit named before, not any earlier body
    (
        "Kyiv praised Ukraine's Special Operations Forces on Monday. The unit said its snipers had killed 15 "
        "North Korean soldiers near Sudzha.",
        "Special Operations Forces",
        None,
    ),
    # a headline's second verb shares the person subject of the first; a month never speaks
    (
        "- Zelensky praises the army, says Russia has massed 45,000 troops near Kursk",
        "Volodymyr Zelensky",
        None,
    ),
    # the writer's own judgement after a source's account stays in the article's voice
    (
        "The NIS said 11,000 North Korean soldiers were in Russia. A third rotation of 4,000 more by summer "
        "seems likely.",
        None,
        None,
    ),
    # a participle of estimation names no speaker ("a unit estimated at 40,000"); bloggers keep their own name
    (
        "About 6,000 North Korean troops were sent, most from the Storm Corps, an elite unit estimated at 40,000.",
        None,
        None,
    ),
    (
        "Russian military bloggers said North Korean troops attacked in groups of 40 to 50.",
        "Russian military bloggers",
        None,
    ),
    # a that-clause the parser hangs on the main verb still belongs to the reporting verb it follows
    (
        "After Polish radio reported on Friday that 40 North Korean gunners had died in a drone strike, the "
        "Kremlin called the story a fabrication.",
        "Polish radio",
        None,
    ),
    # conjoined capitals with floating "now all" / "both" are one joint source
    (
        "Tokyo, Seoul and Washington have all now said that some 9,000 North Korean soldiers are in Russia.",
        "Tokyo, Seoul and Washington",
        None,
    ),
    # a headline credits its source after a dash, or with an inverted "says X"
    ("North Korean dead in Kursk pass 500 – Budanov\n\nFighting went on near Sudzha.", "Kyrylo Budanov", None),
    ("Some 4,000 more North Korean troops head to Russia, says NIS\n\nFighting went on.", "South Korea NIS", None),
    # "announced this", "said so" in the next sentence vouch for the figure before
    (
        "About 1,200 North Korean soldiers have been wounded near Sudzha. Kyrylo Budanov announced this on "
        "television on Sunday.",
        "Kyrylo Budanov",
        None,
    ),
    # a lower-case title the tagger calls a proper noun still points back at the person named before
    (
        'President Volodymyr Zelensky spoke on Telegram.\n\n"We have confirmed that 600 North Korean soldiers '
        'were wounded this week," the president wrote.',
        "Volodymyr Zelensky",
        None,
    ),
    # "the commander of a ... unit" introduces someone new; "He goes by the call sign X" names him
    (
        'Pyongyang\'s leader Kim Jong Un has not commented.\n\n"They walk in columns," says the commander of a '
        'Ukrainian artillery battery near Sudzha. He goes by the call sign "Sych."\n\nHis gunners, he says, '
        "counted about 70 North Korean infantrymen in one assault.",
        "Sych",
        None,
    ),
    (
        'A Ukrainian medic called "Lastivka" said about 25 North Korean wounded had been brought in overnight.',
        "Lastivka",
        None,
    ),
    # a second subject the parser hangs on "said" that holds a count is not the speaker
    (
        "Some 250 North Korean troops have been killed and 2,300 wounded fighting for Moscow against Kyiv, "
        "Ukraine's military intelligence said.\n",
        "Ukraine HUR",
        None,
    ),
    # a spokesman relaying his country's assessment: the country is the origin, whatever his department
    (
        "In Washington, State Department spokesman Vedant Patel told reporters on Monday that the United States "
        "assessed that about 11,000 North Korean troops were in Kursk.",
        "Vedant Patel",
        "United States",
    ),
    (
        "An American defence official, speaking on condition of anonymity, put North Korean losses in the hundreds.",
        "defence official",
        None,
    ),
    # a passive hedge carries the last speaker only when it points back at what was said
    (
        "The JCS said the North appeared to be preparing to rotate its units. North Korea is estimated to have "
        "sent about 11,000 soldiers to Russia since October.",
        None,
        None,
    ),
    (
        "Britain's defence ministry said 3,000 North Koreans had been sent to Kursk. Of those, some 800 are "
        "believed to have been killed.",
        "UK Ministry of Defence",
        None,
    ),
    # a public figure's offer is his statement, even after someone else's quotation
    (
        'North Korean troops are in Russia. Ukrainian forces captured two North Korean soldiers.\n\n"They are '
        'ready to talk," Zelensky wrote. "The world must hear them."\n\nHe also offered to hand the two '
        "prisoners over to Kim Jong Un in exchange for Ukrainians held in Russia.",
        "Volodymyr Zelensky",
        None,
    ),
    (
        "North Korean troops are in Russia. The NIS confirmed the capture of two soldiers.\n\nZelensky later "
        "offered to return the two soldiers to North Korea in exchange for Ukrainian prisoners.",
        "Volodymyr Zelensky",
        None,
    ),
    # "killed 21 North Korean soldiers and wounded five more": the second verb counts the same people
    (
        "North Korean troops are in Russia. Ukraine's special forces said its fighters had killed 21 North Korean "
        "soldiers and wounded five more in Kursk.",
        "Ukraine",
        None,
    ),
    # a conjoined "said" the parser hangs on a non-speaker's verb: the clause before it has the speaker
    (
        "North Korean troops went to Russia.\n\nThe assault began a day after Ukraine's military intelligence "
        "released footage it said showed North Korean soldiers under fire near Sudzha, and said 30 of them had "
        "been killed.\n",
        "Ukraine HUR",
        None,
    ),
    # "up from the roughly 3,000 the NIS cited": a reduced relative clause names who gave the figure
    (
        "South Korea's National Intelligence Service first disclosed the deployment. About 11,000 North Korean "
        "soldiers are now in Russia, the JCS said on Friday, up from the roughly 3,000 the spy agency cited in "
        "October.",
        "South Korea NIS",
        None,
    ),
    # a civilian quoted by role, then "She said"
    (
        "A woman in Hyesan, who asked not to be named for safety reasons, told the station that families had not "
        "heard from their sons. She said about 40 young soldiers from her district alone had gone to Russia.",
        "woman",
        None,
    ),
    # "said the soldier" points back at the soldier quoted before, not at another anonymous voice
    (
        "A Ukrainian intelligence officer described the North Korean units. A Russian contract soldier serving near "
        'Sudzha said the Koreans kept to themselves. "About 300 of them came through our village," said the '
        "soldier, who asked not to be named.",
        "Russian contract soldier",
        None,
    ),
    # a list of owners the parser splits into two subjects is one joint speaker
    (
        "Pyongyang began moving soldiers west in October, and US, South Korean, and Japanese officials have since "
        "stated that it sent between 10,000 and 12,000 personnel.",
        "US, South Korean, and Japanese officials",
        None,
    ),
    # a tag wedged after a colon reports the words before it; "he" is the person whose clause it interrupts
    (
        "Officials in Washington described the deployment in detail. Pentagon press secretary Pat Ryder then gave a "
        "figure: about 5,000 North Korean troops, he said, had reached the Kursk region by the end of the month.",
        "Pat Ryder",
        None,
    ),
    # a transcript turn labelled "Name, Affiliation:" is the guest's, not the place the affiliation names
    (
        "Oksana Hrytsenko, Kyiv Centre for Security Studies: At this point there are thousands of North Korean "
        "soldiers in the trenches.",
        "Oksana Hrytsenko",
        None,
    ),
    # "said the 41-year-old" is the private person the story quoted before, not the president named between
    (
        '"We hold the line every night," Oleksiy Kovalenko, a sergeant in the 80th brigade, told reporters near '
        "Sudzha. President Zelensky said on Monday that the fighting in Kursk was intense.\n\n"
        '"They walked toward us in a line of about 60 North Koreans, in daylight," said the 41-year-old.',
        "Oleksiy Kovalenko",
        None,
    ),
    # a soldier "with one of Ukraine's brigades" is one person, not Ukraine
    (
        '"They walked toward us in a line of about 60 North Koreans, in daylight," said the drone pilot with one '
        "of Ukraine's mechanised brigades.",
        "drone pilot",
        None,
    ),
    # "believed to number" is a passive aside: the force it describes is not a speaker
    (
        "British defence intelligence said the North Korean force – believed to number about 12,000 – had taken "
        "heavy losses and was unlikely to be pulled out soon.",
        "Defence",
        None,
    ),
    # wire headline abbreviations name the two Koreas
    (
        "N. Korea has sent 1,500 special forces troops to Russia, S. Korea's spy agency said Friday.",
        "South Korea NIS",
        None,
    ),
    # a bare "Spy agency says" names no owner: it is the intelligence body the article has named
    (
        "North Korean troops join combat in Kursk: NIS\n\nSpy agency says 2,000 more North Korean soldiers may "
        "follow by spring\n\n",
        "South Korea NIS",
        None,
    ),
    # "the agency" after such a headline is the body named since, not the headline's generic words
    (
        "- Spy agency also confirms two captures\n\nSouth Korea's National Intelligence Service briefed "
        "lawmakers on Monday. North Korean troops are in Kursk, the agency said, and about 300 of them have been "
        "killed.",
        "South Korea NIS",
        None,
    ),
    # "by the count of X": the finding's maker speaks
    (
        "By the count of Seoul's intelligence service, about 250 North Korean soldiers have been killed in Kursk.",
        "South Korea NIS",
        None,
    ),
    # a state that "has not commented" gives none of the figures its own relative clause holds
    (
        "North Korean soldiers are in Kursk. North Korea, which has an army of some 1.2 million, has not commented "
        "on the reports.",
        None,
        None,
    ),
    # whoever publishes the evidence gives its count
    (
        "North Korean soldiers are in Kursk. The security service released a video of three North Korean soldiers "
        "captured near Sudzha.",
        "security service",
        None,
    ),
    # a bracketed credit the registry lacks, named by what it is
    (
        "Key facts\n\n* 1.2 million - soldiers in the Korean People's Army (Japanese defence white paper)\n",
        "Japanese defence white paper",
        None,
    ),
    # a body's own count with the figure as its object is its finding
    (
        "North Korean troops are in Kursk. Per a Kyiv daily, Ukraine's military intelligence now counts 12,000 in "
        "total.",
        "Ukraine HUR",
        None,
    ),
    # plain role labels in mixed case: the spokesperson's turn owns "our information", the question is nobody's
    (
        "Statement by the Ministry of Foreign Affairs of Latvia\n\nQuestion: How many North Korean soldiers have "
        "been killed?\nSpokesperson: According to our information, about 300 have died.\nQuestion: Will more "
        "come?\nSpokesperson: We expect about 2,000 more North Korean soldiers by spring.\n",
        "spokesperson",
        None,
    ),
    # a figure opening a paragraph, named again ("the pair") by the source the next sentence gives
    (
        "North Korean troops are in Kursk.\n\nAt least two North Koreans have been taken alive. Ukraine's "
        "security service said on Saturday that paratroopers had captured the pair near Sudzha.",
        "Ukraine SBU",
        None,
    ),
    # mixed-case name labels: the guest's turn holds the rest of the paragraph
    (
        "Interview\n\nAnchor: How many North Korean soldiers have died in Kursk?\n\nPark Hye-won, Sejong "
        "Institute: The intelligence service says about 300. My own view is that the true number is closer to 500 "
        "by now.\n\nAnchor: Will more come?\n\nPark Hye-won: Perhaps.",
        "Park Hye-won",
        None,
    ),
    # a fact-box line credited after a dash with a name and its role; a bracket naming a person and a country
    (
        "Key facts\n\n- 2,000: North Korean troops that had arrived in Russia by mid-October — John Kirby, White "
        "House national security spokesman.\n",
        "John Kirby",
        None,
    ),
    (
        "Key facts\n\n- 9,000: North Korean soldiers moved to the Kursk region by early November (US Secretary of "
        "State Antony Blinken).\n",
        "Antony Blinken",
        None,
    ),
    # the writer's arithmetic after a source's figure stays in the article's voice
    (
        "People familiar with the intelligence said Moscow was paying about $2,000 a month for each North Korean "
        "soldier. At that rate, a force of 11,000 would generate about $264mn a year for Pyongyang.",
        None,
        None,
    ),
    # a title-case dateline with an agency credit is no speaker: the subject after the dash is
    (
        "Seoul, Nov 4, 2024 (AFP) - Ukraine's military said on Monday that 40 North Korean soldiers had been killed "
        "in Kursk.",
        "Ukraine",
        None,
    ),
    # "X quoted Y as estimating": Y's figure, X relays it
    (
        "Park Sun-won quoted the National Intelligence Service as estimating that about 1,100 North Korean soldiers "
        "had been killed or wounded.",
        "South Korea NIS",
        "Park Sun-won",
    ),
    # a finding moved to a new figure by someone else in a relative clause: the reviser's
    (
        "Kyiv first said 500 North Korean soldiers had died, a figure Seoul has since raised to about 1,000.",
        "South Korea",
        None,
    ),
    (
        "Zelensky said 2,000 North Korean soldiers had been killed or wounded, a toll Kyiv later revised to about "
        "3,500.",
        "Ukraine",
        None,
    ),
    # a pipe table whose header has a source column: the row's cell in that column, by position
    (
        "Table 2. Reported North Korean troop numbers\n\nMonth | Who | Figure\nOctober | Pentagon | about 3,000 in "
        "Vladivostok\nNovember | Volodymyr Zelensky | 11,000 in Kursk\n",
        "Volodymyr Zelensky",
        None,
    ),
    # "its spokesman <Name>" is the named person, whatever organization was mentioned last
    (
        "The Pentagon spoke first. South Korea's Joint Chiefs of Staff has given the most detailed figures; its "
        "spokesman Lee Sung-jun said 1,500 North Korean troops were in Kursk.",
        "Lee Sung-jun",
        None,
    ),
    # the next sentence names the figure again ("That figure was first given by ...")
    (
        "North Korean troops are in Russia. The estimate most often quoted is 7,000 to 8,000 North Korean soldiers. "
        "That range was first given by the Pentagon in November.",
        "Pentagon",
        None,
    ),
    # whose footage shows the dead
    (
        "North Korean troops are fighting in Kursk. In a clash near Sudzha shown in Ukrainian drone unit footage, "
        "about 30 North Korean soldiers appear to have been killed.",
        "Ukrainian drone unit",
        None,
    ),
    # a bare "Ministry of Defence" after a minister who just spoke: his country's ministry
    (
        "Defence Secretary John Healey told MPs that North Korean troops were fighting in Kursk. The Ministry of "
        "Defence said about 1,000 of them had been killed or wounded.",
        "UK Ministry of Defence",
        None,
    ),
    # "news that N ..." someone reacts to is not that person's figure
    (
        "A retired nurse in Busan says news that 10,000 North Korean soldiers are in Russia has frightened her.",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "source", "via"), ATTRIBUTION)
def test_attribution_patterns(nlp, text, source, via):
    claim = [c for c in claims_of(nlp, text)][-1]
    if source is None:
        assert claim.source is None
    else:
        assert claim.source is not None and source.lower() in claim.source.lower()
    if via:
        assert claim.via and via.lower() in claim.via.lower()


def test_an_estimate_in_a_relative_clause_sizes_only_its_own_noun(nlp):
    text = (
        "Seven thousand North Korean soldiers are a modest contingent beside the roughly 550,000 troops Moscow has "
        "in Ukraine, but they come as Russia faces losses that British officials estimate at about 1,200 a day."
    )
    sources = {c.number_text: c.source for c in claims_of(nlp, text)}
    assert sources["Seven thousand"] is None and sources["550,000"] is None
    assert sources["1,200"] == "British officials"


def test_lawmaker_relaying_a_briefing_keeps_both(nlp):
    text = (
        "Lawmaker Lee Seong-kweun said, after a closed-door briefing by the National Intelligence Service, "
        "that 1,500 more North Korean soldiers had been sent to Russia."
    )
    claim = one_claim(nlp, text)
    assert {claim.source, claim.via} & {"South Korea NIS"} or "Lee" in (claim.source or "")


def test_next_sentence_attribution(nlp):
    text = (
        "North Korea moved another 2,000 soldiers across the border last week. The figure was based on South "
        "Korean intelligence, officials in Seoul said."
    )
    claim = claims_of(nlp, text)[0]
    assert claim.source is not None


@pytest.mark.parametrize(
    ("text", "category", "status"),
    [
        ("The NIS said 3,000 North Korean troops have already been deployed to Russia.", "deployment", "sent"),
        ("Kyiv says 11,000 North Korean troops are training at ranges in Russia's Far East.", "deployment", "training"),
        (
            "Seoul expects up to 10,000 North Korean soldiers to be sent to Russia by December.",
            "deployment",
            "expected",
        ),
        ("About 500 North Korean troops are fighting in Kursk, Ukrainian commanders said.", "deployment", "front"),
        ("Ukraine said 200 North Korean soldiers were killed in an artillery strike.", "casualty", None),
        ("Eighteen North Korean soldiers deserted their unit near the border, Suspilne reported.", "desertion", None),
        ("Ukraine said it had captured two North Korean soldiers in Kursk.", "captured", None),
        ("Russia has lost more than 600,000 soldiers since 2022, the Ukrainian general staff said.", "other", None),
        # a conjoined clause with its own subject ("... and 2,100 of them were wounded") is not this figure's
        (
            "Pyongyang has shipped about 9,000 soldiers to Russia and some 2,100 of them have been wounded, "
            "officials said.",
            "deployment",
            "sent",
        ),
        # the reporting verb's subject is the speaker, not the nationality of the casualties
        (
            '"Some 3,500 casualties, of whom maybe 500 are dead," a Ukrainian commander told reporters about the '
            "North Korean units.",
            "casualty",
            None,
        ),
        ("At least four North Korean soldiers have been taken alive near Sudzha.", "captured", None),
        # a few people in a sentence about captures are the captured; holding territory is not holding prisoners
        (
            "North Korean troops are in Kursk. Kyiv announced the captures, releasing photos of the two men in a "
            "hospital.",
            "captured",
            None,
        ),
        (
            "Zelensky said 8,000 North Korean soldiers are now in the region, where Ukraine has held territory since "
            "August.",
            "deployment",
            "sent",
        ),
        # a toll put at a figure is a casualty count even in a sentence about captures
        ("Tokyo puts Pyongyang's toll at 2,400 as Kyiv says it has captured North Korean soldiers", "casualty", None),
        # replacing "those losses" is not a casualty count; a force that loses men is not itself the losses
        (
            "An official said North Korea could send a further 6,000 soldiers by spring to replace those losses.",
            "deployment",
            "expected",
        ),
        # "getting ready to send" is a plan
        (
            "Kyiv said North Korea was getting ready to send 7,000 soldiers to fight for Russia.",
            "deployment",
            "expected",
        ),
        # a formation's size in other words
        (
            "North Korean troops are in Kursk. The Storm Corps has between 35,000 and 45,000 troops, according to "
            "Japanese estimates.",
            "army_size",
            None,
        ),
        (
            "North Korean troops are in Kursk. Tokyo estimates North Korea's special operations forces at about "
            "180,000 troops.",
            "army_size",
            None,
        ),
        # a clause whose subject is the losses; "others" standing for the people counted
        ("Kyiv says Pyongyang's losses in Russia's Kursk region are approaching 2,600.", "casualty", None),
        ("North Korean troops are in Kursk. The NIS said nearly 2,100 others had been wounded.", "casualty", None),
        # small bare numbers are headcounts when they are captured, killed or deserted
        ("North Korean troops are fighting in Kursk. Three have been captured alive by Ukraine.", "captured", None),
        # where the troops are settles the status, whatever another clause expects of them
        (
            "Officials said 6,500 North Korean soldiers were in Kursk and that Moscow expected them to fight soon.",
            "deployment",
            "sent",
        ),
        # "are to follow", "is to be trained": a plan
        ("A further 2,500 North Korean soldiers are to follow in the spring.", "deployment", "expected"),
        ("Another 700 North Korean soldiers are to be trained near Ussuriysk.", "deployment", "training"),
        ("Kyiv still holds three North Korean soldiers, the ombudsman noted.", "captured", None),
        ("During the 1970s a few hundred North Korean pilots flew missions over Egypt.", "other", None),
        # the subject of "lost" is the group, not the losses; "all but four" are survivors
        (
            "An assault group of some 30 North Korean soldiers lost all but four men near the trench.",
            "deployment",
            "front",
        ),
        (
            "South Korean intelligence says Pyongyang has committed about 8,000 North Korean troops in total.",
            "deployment",
            "expected",
        ),
        (
            "Ukrainian officials say 9,000 North Korean soldiers are now in Kursk; Washington expects them to attack "
            "within days.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops are in Russia. Moscow is courting a partner with 1.3 million soldiers under arms.",
            "army_size",
            None,
        ),
        ("North Korean units are in Kursk. Russian losses yesterday stood at 1,240 killed and wounded.", "other", None),
        (
            "A Kremlin decree raised the army's authorised strength by 150,000 servicemen, as North Korean troops "
            "arrived.",
            "other",
            None,
        ),
        (
            "If several thousand North Korean soldiers join the fighting, the war will escalate, a diplomat said.",
            "deployment",
            "expected",
        ),
        (
            "Officials said 7,000 North Korean soldiers were sent to Russia, and some of them were moved to the "
            "front line in Kursk.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops fight in Kursk. The 8th Corps, which is believed to number about 30,000 to 35,000 "
            "men, is an elite unit.",
            "army_size",
            None,
        ),
        # a standing formation's strength, however the parser tags "numbers"/"estimates"
        (
            "North Korean troops are in Kursk. The unit comes from the 9th Corps, an elite formation that Seoul "
            "believes numbers between 30,000 and 35,000 soldiers.",
            "army_size",
            None,
        ),
        (
            "For Pyongyang, the casualties are small next to a reconnaissance force that Kyiv estimates at "
            "150,000 men.",
            "army_size",
            None,
        ),
        (
            "North Korean troops are in Kursk. Compared with a 900,000-strong army, the setback barely matters.",
            "army_size",
            None,
        ),
        # loss nouns and "never came back" make a casualty count
        (
            "North Korean troops are in Kursk. Compared with their army, a loss of two thousand men barely matters.",
            "casualty",
            None,
        ),
        ('North Korean losses near Sudzha are "in the dozens", a US official said.', "casualty", None),
        ("Kyiv estimates the toll among North Korean conscripts at 300.", "casualty", None),
        # the speaker's own forces, a mixed Russian force, a pronoun for Russia
        (
            'North Korean troops are in Kursk, the general said. "We have about 4,000 soldiers in Estonia," he added.',
            "other",
            None,
        ),
        (
            "North Korean troops are in Kursk. The Times reported that Russia has amassed about 40,000 troops, "
            "including North Koreans, near Sudzha.",
            "other",
            None,
        ),
        (
            "North Korean troops are in Kursk. Moscow, meanwhile, is short of men. It is losing about 1,200 soldiers "
            "killed or wounded a day.",
            "other",
            None,
        ),
        # the whole of a partitive keeps its own words; the part takes the verb
        (
            "Of the 12,000 North Korean soldiers first deployed, some 3,500 have been killed or wounded, "
            "officials said.",
            "deployment",
            "sent",
        ),
        (
            "A captured North Korean soldier said 40 of the roughly 120 men in his platoon were killed in the assault.",
            "casualty",
            None,
        ),
        # "had moved toward" is an arrival; "are being moved toward" is still en route
        (
            "Officials said at least 6,000 of an estimated 9,000 North Korean soldiers in Russia had moved toward the "
            "border and that Kyiv expected them to attack soon.",
            "deployment",
            "sent",
        ),
        ("The Pentagon says 2,000 North Korean troops are being moved toward Kursk.", "deployment", "expected"),
        # status stays in the figure's own clause ("while", semicolon)
        (
            "Kyiv says about 2,000 North Korean troops are taking part in the offensive near Sudzha, while another "
            "3,000 are being trained in Primorsky Krai.",
            "deployment",
            "front",
        ),
        (
            "Kyiv says 2,000 North Korean troops are in Russia; another 3,000 are training near Vladivostok.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops are in Kursk. Ukrainian gunners described waves of 40 to 50 North Korean soldiers "
            "crossing snowy fields.",
            "deployment",
            "front",
        ),
        (
            "North Korean troops are in Kursk. Russia's training camps near Vladivostok have struggled to absorb the "
            "first 6,000.",
            "deployment",
            "training",
        ),
        ("Two North Korean prisoners and a few deserters told their story to Kyiv reporters.", "captured", None),
        # a formation's strength, however the estimate is phrased
        (
            "North Korean troops are in Kursk. The colonel led a commando unit that Tokyo puts at about 20,000 "
            "soldiers.",
            "army_size",
            None,
        ),
        (
            "North Korean troops are in Kursk. Its light infantry brigade, whose strength was put by analysts in "
            "Seoul at about 6,000, stayed home.",
            "army_size",
            None,
        ),
        # Russia's and Ukraine's own losses are background counts
        (
            "North Korean troops are in Kursk. Kyiv says Moscow's losses exceed 1,300 killed and wounded daily.",
            "other",
            None,
        ),
        (
            "North Korean troops are in Kursk. The Russians want them badly, since they have lost tens of thousands "
            "of their own men.",
            "other",
            None,
        ),
        ("Seoul's estimate of 3,500 North Korean losses was called low by Kyiv.", "casualty", None),
        # a standing formation's predicative strength, and a white paper's count of a component of the army
        (
            "North Korean troops in Russia. The men came from North Korea's 11th Corps, which the analyst "
            "describes as perhaps 30,000 to 40,000 men strong.",
            "army_size",
            None,
        ),
        (
            "North Korean troops in Russia. Seoul's white paper puts the North's special operations forces at 200,000.",
            "army_size",
            None,
        ),
        ("North Korean troops in Russia. The brigade sent to Kursk is 3,000 men strong.", "deployment", "sent"),
        (
            "North Korean troops in Russia. The troops come largely from the 11th Corps, an elite formation of "
            "40,000 to 50,000 soldiers, according to South Korean military estimates.",
            "army_size",
            None,
        ),
        # ground captured near the troops is not a capture of troops
        (
            "Some 9,000 North Korean soldiers are believed to have been deployed to Russia since October, with most "
            "of them in Kursk, where Ukrainian forces captured a swathe of territory in August.",
            "deployment",
            "sent",
        ),
        # what a speaker adds, or a part of the force, does not set the whole figure's status
        (
            "North Korean troops in Russia. Austin put the total number of North Korean soldiers in Russia at about "
            "10,000, adding that Washington was still trying to determine how Moscow planned to use them.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops in Russia. South Korea's spy agency has said Pyongyang has sent more than 9,000 "
            "troops to Russia, and told lawmakers that some of them were believed to have moved to the front line.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops in Russia. In purely military terms, 11,000 men were never going to change the "
            "course of the war.",
            "deployment",
            "sent",
        ),
        # a fact-box bullet about another country's troops, and one about a decided total
        (
            "North Korean troops in Russia\n\n• 28,500: U.S. service members stationed in South Korea. (USFK)\n",
            "other",
            None,
        ),
        (
            "North Korean troops in Russia\n\n• 12,000: the total the NIS says Pyongyang has decided to send.\n",
            "deployment",
            "expected",
        ),
        # a unit "with" a corps-sized strength; another country's service members; columns of men in an attack
        (
            "North Korean troops in Russia. The 11th Corps is an elite special operations unit with an estimated "
            "40,000 to 50,000 troops.",
            "army_size",
            None,
        ),
        (
            "North Korean troops in Russia. About 28,500 U.S. service members are stationed in South Korea.",
            "other",
            None,
        ),
        (
            "North Korean troops in Russia. 'They come in columns of 40 or 50 men, walking across the snow,' said a "
            "company commander.",
            "deployment",
            "front",
        ),
        # people hit, or seen going down, are casualties
        (
            "North Korean troops in Russia. His unit has hit more than 120 North Koreans since December.",
            "casualty",
            None,
        ),
        (
            'North Korean troops in Russia. "In one attack we saw maybe 30 of them go down in an hour."',
            "casualty",
            None,
        ),
        # a second statement by the same speaker does not set the first figure's status
        (
            "North Korean troops in Russia. Last week the agency told lawmakers the number had doubled to about "
            "3,000, and it predicted some 10,000 would be there by December.",
            "deployment",
            "sent",
        ),
        # "the two men" after the article told of captures are the captives
        (
            "North Korean troops in Russia. Ukraine said it had captured two North Korean soldiers in Kursk. The SBU "
            "later released a video of the two men being questioned.",
            "captured",
            None,
        ),
        # a verdict on the force there is no plan
        (
            'North Korean troops in Russia. "Nine thousand soldiers will not turn this war around," a former '
            "intelligence officer told the BBC.",
            "deployment",
            "sent",
        ),
        # assault groups are combat, even when the counters are Ukrainian
        (
            "North Korean troops in Russia. North Korean infantry have been thrown at Ukrainian positions, advancing "
            "in groups that Ukrainian drone operators describe as 20 to 40 men.",
            "deployment",
            "front",
        ),
        # a count of the killed and wounded, and losses "nearing" a figure in a headline
        (
            "North Korean troops in Russia. Zelensky said on Saturday that the number of North Korean soldiers "
            "killed and wounded in Kursk had reached 3,800.",
            "casualty",
            None,
        ),
        ("North Korea's Losses in Kursk Near 2,500, Kyiv Says", "casualty", None),
        # combat in a later reported clause of the same sentence is not the figure's status
        (
            "North Korean troops in Russia. The spokesman told reporters Tuesday that more than 9,000 North Korean "
            "troops had been sent to eastern Russia, that most had moved to Kursk and that they had begun engaging "
            "in combat operations.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops in Russia. Quoting an intelligence officer, the paper says about 2,000 of the North "
            "Koreans are already in positions near the front in Kursk.",
            "deployment",
            "front",
        ),
        (
            "North Korean troops in Russia. Ukraine's HUR puts the total at 12,000, some of them already near the "
            "front.",
            "deployment",
            "sent",
        ),
        ("Kyiv says scores of North Korean conscripts have gone absent without leave since March.", "desertion", None),
        (
            "North Korean troops are in Kursk. They ran at our trench across the beet fields, fifteen or twenty at a "
            "time.",
            "deployment",
            "front",
        ),
        # what the North can do or could go on doing is expected, not done
        (
            "North Korean troops are in Kursk. The minister said Pyongyang was capable of sending 6,000 more "
            "soldiers to Russia.",
            "deployment",
            "expected",
        ),
        (
            "North Korean troops are in Kursk. Analysts say North Korea could afford to send 20,000 more troops.",
            "deployment",
            "expected",
        ),
        (
            "North Korean troops are in Kursk. Seoul believes Pyongyang could keep sending 2,000 soldiers a month.",
            "deployment",
            "expected",
        ),
        # the strength of a standing formation: its members, "numbered", "-strong"
        (
            "North Korea sent troops from its Storm Corps, a unit estimated at 40,000 members.",
            "army_size",
            None,
        ),
        ("Seoul said North Korea's special forces numbered roughly 180,000.", "army_size", None),
        (
            "North Korean troops are in Kursk. Park expects Pyongyang to keep rotating brigades of 3,000 men "
            "through the front.",
            "deployment",
            "expected",
        ),
        (
            "North Korean troops are in Russia. Officials said the total had reached 10,000, with the rest still "
            "at training grounds in the Far East.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops are in Russia. Seoul estimates 9,000 North Korean troops are in Russia, with some "
            "deployed to the front in Kursk.",
            "deployment",
            "sent",
        ),
        (
            "North Korean troops are in Russia. Seoul says Russian ships carried 1,500 North Korean commandos to "
            "Vladivostok, the start of a deployment that will reach 12,000.",
            "deployment",
            "sent",
        ),
        ("North Korean troops are in Kursk, a fraction of the North's 1.1-million-strong military.", "army_size", None),
        # a past war as a reference point ("since ... ended in 1975") does not make the figure historical
        (
            "North Korea sent roughly 12,000 troops to Russia in the autumn, in its first foreign deployment since "
            "the Vietnam War ended in 1975.",
            "deployment",
            "sent",
        ),
        # "preparing N troops to send": the infinitive on the noun still looks ahead
        (
            "North Korean troops are in Russia. Zelensky said North Korea was preparing 10,000 troops to send to "
            "Russia.",
            "deployment",
            "expected",
        ),
        ("Zelensky: North Korea readying 12,000 soldiers to fight for Russia", "deployment", "training"),
        # a figure whose people are implied from another clause has its own verb
        (
            "North Korean troops are in Russia. Seoul says Pyongyang has shipped about 3,000 soldiers so far, with "
            "another 2,000 expected to follow next month.",
            "deployment",
            "sent",
        ),
        # the same speaker's next statement, after "and said", does not set the first figure's status
        (
            "North Korean troops are in Russia. The agency put the number at 3,000 in late October and said about "
            "10,000 would be there by December.",
            "deployment",
            "sent",
        ),
        # moving toward someone's trenches is an assault, not a transfer
        (
            "North Korean troops are in Russia. A Ukrainian platoon commander said his men saw about 50 North Korean "
            "soldiers moving toward their positions at dawn.",
            "deployment",
            "front",
        ),
        # a formation's strength is an army-size figure
        ("North Korean troops are in Russia. The NIS puts the corps' strength at about 45,000 men.", "army_size", None),
        # "many of whom have since moved to the front" is a part of the force, not the figure's status
        (
            "North Korean troops are in Russia. The HUR estimates that some 12,000 North Korean troops have been "
            "deployed to Russia, many of whom have since moved to the front in Kursk.",
            "deployment",
            "sent",
        ),
        # a tally of losses: the one who puts it is the counter, not the side counted
        (
            "North Korean troops have suffered heavy losses in Kursk. Zelensky put the losses at about 3,800 killed "
            "and wounded.",
            "casualty",
            None,
        ),
        (
            "North Korean troops are in Kursk. Meanwhile, Ukraine's General Staff put Russian losses over the "
            "previous 24 hours at 1,580 soldiers killed or wounded.",
            "other",
            None,
        ),
        # "Losses in the thousands": the vague figure sizes the losses
        (
            "North Korean units are fighting in Kursk. Reporters could not verify the claims.\n\nLosses in the "
            "thousands\n\nThe toll among Pyongyang's soldiers keeps climbing.\n",
            "casualty",
            None,
        ),
        # combat still ahead does not put troops who have arrived at the front
        (
            "Roughly 9,000 North Korean soldiers have moved into Russia's Kursk region and are expected to join "
            "Russian units in combat soon, the State Department said.",
            "deployment",
            "sent",
        ),
        # after a comma, a clause with its own subject is another statement
        ("Pentagon: 9,000 North Korean troops in Kursk, combat expected 'in the coming days'\n", "deployment", "sent"),
        (
            "About 3,000 North Korean soldiers reached Russia in October, more are expected by December.",
            "deployment",
            "sent",
        ),
        # a figure in a dashed aside with its own verb has the aside as its statement; a "force" of 12,000 is the
        # deployment, not a standing formation
        (
            "British defence intelligence said the North Korean force – believed to number about 12,000 – had taken "
            "heavy losses and was unlikely to be pulled out soon.",
            "deployment",
            "sent",
        ),
        # only a part of the force is fighting
        (
            "With more than 9,000 North Korean soldiers now in Russia and some of them already fighting near "
            "Sudzha, the debate in Seoul has moved on.",
            "deployment",
            "sent",
        ),
        # troops readied for a deployment are still to go
        (
            "North Korean troops are in Kursk. An official said Pyongyang had been asked to prepare as many as 2,000 "
            "more soldiers for possible deployment early next year.",
            "deployment",
            "expected",
        ),
        # a standing formation's strength, however it is phrased
        (
            "North Korean troops are in Kursk. The Storm Corps, the North's main special operations unit, is "
            "estimated to have about 40,000 to 45,000 troops.",
            "army_size",
            None,
        ),
        (
            "North Korean troops are in Kursk. The Defense Ministry puts the North's special operations forces as a "
            "whole at some 200,000.",
            "army_size",
            None,
        ),
        # a counter named before the figure is the speaker, not the side counted
        (
            "North Korean troops are in Kursk. Per a Kyiv daily, Ukraine's military intelligence now counts 12,000 "
            "in total.",
            "deployment",
            "sent",
        ),
        # an army word outside the figure's clause (in the speaker's description) makes no army size
        (
            'North Korean troops are in Kursk. "Eight thousand soldiers will not turn this war around," a former '
            "U.S. Army intelligence officer told a Korean-language radio station.",
            "deployment",
            "sent",
        ),
        (
            "A former instructor at a training ground in Primorye, who left the army last year, told reporters that "
            "about 2,500 North Koreans were trained there.",
            "deployment",
            "training",
        ),
        # shipped to training sites: training
        (
            "The White House later said that at least 2,000 North Korean soldiers had been moved to training grounds "
            "in eastern Russia.",
            "deployment",
            "training",
        ),
        # what a force would earn is arithmetic on the force there, not a deployment to come
        (
            "North Korean troops are in Kursk. At that price, a contingent of 12,000 would generate roughly $280mn a "
            "year.",
            "deployment",
            "sent",
        ),
        # facing them in combat; committed to assaults; a guess about now ("could be in combat already")
        ("One platoon leader said his company faced about 300 North Korean soldiers last week.", "deployment", "front"),
        (
            "North Korean units fight in Kursk. The number committed to assault operations at any one time is "
            "thought to range from 5,000 to 7,000.",
            "deployment",
            "front",
        ),
        ("Officials say several hundred North Korean soldiers could be in combat already.", "deployment", "front"),
        # a believer's subject is a speaker, not the side the people belong to
        (
            "North Korean troops are in Kursk. Ukrainian intelligence expects a new rotation of several thousand men "
            "by summer.",
            "deployment",
            "expected",
        ),
        # "of them" takes up the subject before, and where they are settles the status
        (
            "North Korean troops have begun fighting alongside Russian forces. Officials say there are now about "
            "8,000 of them in the region.",
            "deployment",
            "sent",
        ),
        # another country's own forces, possessed or with adjectives before "army"
        (
            "North Korean troops are in Kursk. Taiwan's armed forces, by comparison, have about 150,000 active "
            "personnel.",
            "other",
            None,
        ),
        (
            "North Korean troops are in Kursk. Germany's own professional army numbers about 60,000 full-time "
            "soldiers, the smallest in decades.",
            "other",
            None,
        ),
        # losses sized in a headline the parser leaves in pieces; the whole war's toll is background
        ("HUR update: North Korean units hold positions in Kursk, losses in the thousands", "casualty", None),
        # the losses phrase sizes its own vague figure, not the headcount before it
        ("Kyiv update: some 9,000 North Korean soldiers in Kursk, casualties in the hundreds", "deployment", "sent"),
        (
            "North Korean troops are in Kursk. The war has already caused hundreds of thousands of casualties on both "
            "sides.",
            "other",
            None,
        ),
        # the few taken alive, though wounded, are prisoners
        (
            "Kyiv said its forces had captured North Korean soldiers. Three soldiers, though wounded, survived and "
            "were flown to Kyiv.",
            "captured",
            None,
        ),
    ],
)
def test_category_and_status(nlp, text, category, status):
    claim = next(iter(claims_of(nlp, text)))
    assert (claim.category, claim.status) == (category, status)


def test_a_spaced_footnote_mark_ends_the_sentence_before_it(nlp):
    text = (
        "NATO confirmed the deployment of North Korean troops. [4] Moscow has never acknowledged the presence of "
        "the troops."
    )
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][1].startswith("Moscow")
    russia = [r for r in StanceExtractor()(doc, "t") if r.actor == "Russia"]
    assert russia and text[russia[0].start_char :].startswith("Moscow")


def test_a_transcript_position_starts_after_the_speaker_label(nlp):
    text = (
        "HOST: North Korean troops are in Russia.\n\nREPORTER (Kyiv): Well, Ukrainian intelligence believes about "
        "11,000 North Korean soldiers are in Kursk.\n\n(Seoul): Officials here have been saying this for weeks.\n"
    )
    records = StanceExtractor()(nlp(text), "t")
    starts = {text[r.start_char : r.start_char + 6] for r in records}
    assert "Well, " in starts and not any(s.startswith(("REPORT", "(Seoul")) for s in starts), starts
    assert all(text[r.start_char :].startswith(r.sentence) for r in records)


def test_an_outlet_credited_with_according_to_is_the_paper_that_adds(nlp):
    text = (
        "According to the Korea Herald, about 2,000 North Korean soldiers are in Kursk. The newspaper adds that 150 "
        "of them have been killed."
    )
    claim = next(c for c in claims_of(nlp, text) if c.number_text == "150")
    assert claim.source == "Korea Herald"


def test_a_force_that_loses_men_is_the_deployment_not_the_losses(nlp):
    text = (
        "North Korean troops are in Kursk. A contingent of 9,000 that loses two hundred men a week will be exhausted "
        "by summer."
    )
    claim = next(c for c in claims_of(nlp, text) if c.number_text == "9,000")
    assert (claim.category, claim.status) == ("deployment", "sent")


def test_neither_government_is_each_of_the_two_states_named_before(nlp):
    text = (
        "Moscow and Pyongyang signed a defence treaty in June. Neither government has acknowledged the presence of "
        "North Korean troops."
    )
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t") if r.start_char > 40}
    assert rows == {("Russia", "cannot_confirm"), ("North Korea", "cannot_confirm")}


def test_the_accused_hold_no_position_by_being_accused(nlp):
    text = "Russia and North Korea have been accused of trading North Korean soldiers for oil and missile technology."
    assert [(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")] == []


def test_a_body_named_for_countering_disinformation_does_not_deny(nlp):
    text = "Ukraine's Center for Countering Disinformation said 200 North Korean soldiers had been killed in Kursk."
    assert all(r.stance != "denies" for r in StanceExtractor()(nlp(text), "t"))


def test_a_toll_revised_by_another_speaker_stays_a_toll_of_theirs(nlp):
    text = (
        "Zelensky said last week that 2,500 of them had been killed or wounded, a toll Kyiv has since revised to "
        "nearly 3,200."
    )
    claim = next(c for c in claims_of(nlp, "North Korean troops are in Kursk. " + text) if c.number_text == "3,200")
    assert (claim.category, claim.source) == ("casualty", "Ukraine")


@pytest.mark.parametrize(
    "text",
    [
        "The talks began on October 8 and ended on October 13 in Pyongyang.",
        "Russia fired 3,000 shells a day along the front line.",
        "The convoy travelled 400 kilometres to the border.",
        "North Korea is paid $2,000 a month per soldier, officials said.",
        "North Korea, a country of 26 million people, has few allies.",
        "It was the first such visit in 24 years.",
        # ages, pronoun "one", civilians left behind
        "North Korean troops are fighting in Kursk. The prisoner, who is about 24, said he was a sniper.",
        "North Korean troops are fighting in Kursk. One of the captured men was treated in Kyiv.",
        "North Korean troops are fighting in Kursk. Before the war the town had 9,000 inhabitants; about 2,000 are "
        "left.",
        "North Korean troops are fighting in Kursk. The drone unit said 40 of its 60 drones were lost.",
        # ratios, money, ages in apposition, tallies of things, fact boxes that count things
        "North Korean troops are fighting in Kursk. Roughly one in five of the conscripts came back.",
        "North Korean troops are fighting in Kursk. Moscow pledged 700 billion won in aid.",
        "North Korean troops are fighting in Kursk. The private, then 22, wrote home weekly.",
        "North Korean troops are fighting in Kursk. The total of artillery rounds fired climbed to 12,000 a day.",
        "North Korean troops are fighting in Kursk. Kyiv put the number of Russian missiles shot down at 900.",
        "North Korean troops are fighting in Kursk.\n\n• 170: self-propelled guns shipped to Russia\n",
        "North Korean troops are fighting in Kursk. Half the recruits were under 19.",
        # a bare number right after counted materiel counts it; calibres are measures
        # money in other currencies
        "North Korean troops are fighting in Kursk. Warsaw is spending 12 billion zloty on border defences.",
        # footnote markers and numeric dates
        "North Korean troops are fighting in Kursk. Kyiv reported heavy fighting near Sudzha on Monday.[14]",
        "North Korean troops are fighting in Kursk.\n\nUpdated: 14/11/2024 - 09:41",
        "North Korean troops are fighting in Kursk. Overnight, Russia launched 52 attack drones at Ukraine, the air "
        "force said, adding that 41 had been shot down.",
        "North Korean troops are fighting in Kursk. Pyongyang has also supplied Moscow with 170 mm self-propelled "
        "guns and 240 mm rocket launchers.",
        # timestamps, and a bare figure paired with a measured one
        "North Korean troops are fighting in Kursk.\n\nPosted : 2024-11-16 17:24 | Updated : 2024-11-16 19:02",
        "North Korean troops are fighting in Kursk. The assembly impeached him on December 14 by 204 votes to 85.",
        "North Korean troops are fighting in Kursk. The area still under Ukrainian control has shrunk to roughly 400 "
        "square kilometers from a peak of about 1,200 in August.",
        # a fraction with no scale word counts no one
        "North Korean troops are in Kursk. The benchmark KOSPI edged down 0.1% to 2,583.27 on foreign selling.",
        # vague millions are money or population
        "Pyongyang stands to earn hundreds of millions from troops sent to Russia",
        # a population in apposition, whatever follows it
        "North Korean troops are fighting in Kursk. North Korea, a nation of some 26 million people whose army is "
        "huge, has not commented.",
    ],
)
def test_non_personnel_numbers_are_not_claims(nlp, text):
    assert all(
        c.number_text
        not in {"8", "13", "3,000", "400", "$2,000", "2,000", "26 million", "24", "One", "40", "60"}
        | {"five", "700 billion", "22", "12,000", "900", "170", "19", "52", "41", "240", "14", "11", "12 billion"}
        | {"16", "17", "85", "1,200", "millions", "hundreds", "2,583.27"}
        for c in claims_of(nlp, text)
    )


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # a bare number that is the subject of its clause stands for the troops the text is about
        ("Kyiv warns of new offensive as 9,000 gather near Sudzha\n\nNorth Korean troops are in Kursk.", ["9,000"]),
        (
            "North Korean troops are in Kursk, officials said. Another 2,000 or so are still being trained near "
            "Vladivostok, the diplomat said.",
            ["2,000"],
        ),
        # partitives: the part and the whole
        (
            "Officials said at least 6,000 of an estimated 9,000 North Korean soldiers in Russia had reached the "
            "front.",
            ["6,000", "9,000"],
        ),
        ("North Korean troops are in Kursk. Roughly 1,500 of the wounded have been flown to Moscow.", ["1,500"]),
        # counted nouns: comrades, replacements, "the number of deserters ... at"
        ('"Yesterday we lost seven comrades," the North Korean soldier wrote.', ["seven"]),
        (
            'The commander said Pyongyang would send "several hundred" North Korean replacements by March.',
            ["several hundred"],
        ),
        ("A Ukrainian newspaper put the number of North Korean deserters in the region at twelve.", ["twelve"]),
        # estimate frames with no counted noun: "put the number at", "spoken of", "the X figure", "claim of"
        ("North Korean troops are in Kursk. London now puts the number near Sudzha at about 7,000.", ["7,000"]),
        ("North Korean troops are in Kursk. Its spy service has talked of roughly 13,000.", ["13,000"]),
        ("North Korean troops are in Kursk. The 2,500 estimate went stale within a fortnight.", ["2,500"]),
        ("North Korean troops are in Kursk. First we heard 1,000, then 4,000.", ["1,000", "4,000"]),
        # "another N" in a troop story is more of the same people
        ("North Korean troops are in Kursk. If Pyongyang sends another 7,000, Kyiv will need more drones.", ["7,000"]),
        # a part of people named with a possessive
        ("Seoul says more than 9,000 of Pyongyang's soldiers are now in Kursk", ["9,000"]),
        # a capitalised approximation word opening the sentence is no label ("Around 3,000 are there")
        ("North Korean troops have reached the front. Around 2,200 are already there.", ["2,200"]),
        # headlines with a possessive or a bare vague figure, and a number before "tomorrow"
        ("Tokyo's 8,000\n\nNorth Korean troops are in Kursk.", ["8,000"]),
        (
            "North Korean troops are in Kursk. Would Kyiv hold if Pyongyang sent tens of thousands?",
            ["tens of thousands"],
        ),
        ("North Korean troops are in Kursk. Pyongyang could ship another 5,000 next week and not notice.", ["5,000"]),
        # enumerations, fact boxes with a spaced dash or colon
        (
            "North Korean troops are in Kursk. Each figure since - 1,000, then 2,000 to 4,000, then 9,000 - came from "
            "Kyiv.",
            ["1,000", "2,000 to 4,000", "9,000"],
        ),
        (
            "North Korean troops are in Kursk.\n\n* 12,000+ - total now near Sudzha, per Kyiv\n"
            "* 1.3 million - active-duty strength of the KPA (white paper)\n",
            ["12,000", "1.3 million"],
        ),
        (
            "Estimates so far:\n\n- Seoul (Nov. 4): around 9,000 in the Kursk region\n- Kyiv (Nov. 6): 12 thousand at "
            "ranges near Vladivostok\n\nNorth Korean troops are in Kursk.",
            ["9,000", "12 thousand"],
        ),
        ("North Korean troops are in Kursk.\n\n• 3: POWs held by Kyiv since March\n", ["3"]),
        # combat descriptions, answers, bodies, the rest of a group
        ('Ukrainian medics logged "a few hundred" North Korean bodies near the river.', ["a few hundred"]),
        (
            "North Korean troops are in Kursk. A drone found six soldiers in the trench. The other four were killed by "
            "mortar fire.",
            ["six", "four"],
        ),
        ('North Korean troops are in Kursk. "Pyongyang has 1.1 million people in uniform," she said.', ["1.1 million"]),
        # an increase and the new total are two figures
        (
            "North Korean troops are in Kursk. Putin signed a decree raising the number of Russian troops by 150,000 "
            "to 1.3 million.",
            ["150,000", "1.3 million"],
        ),
        # "taken prisoner" says what happened to the people left unnamed
        ("North Korean soldiers have fought in Kursk since November. Two were taken prisoner on Monday.", ["Two"]),
    ],
)
def test_implicit_and_partitive_figures_are_found(nlp, text, numbers):
    assert [c.number_text for c in claims_of(nlp, text)] == numbers


@pytest.mark.parametrize(
    ("text", "number", "category", "status"),
    [
        # an answer takes the people (and the category) of the question it answers
        (
            "North Korean troops are in Kursk.\n\nQ: How many North Korean deserters have you seen?\n\nA: Perhaps "
            "five or six.",
            "five or six",
            "desertion",
            None,
        ),
        (
            "North Korean troops are in Kursk.\n\nQ: How many North Korean soldiers attack your positions?\n\nA: On "
            "our flank I'd say 700, perhaps 900.",
            "700, perhaps 900",
            "deployment",
            "front",
        ),
        # "of them" across a sentence: the people named before
        (
            "Kyiv says its troops took three North Korean soldiers prisoner in March. Two of them are in a camp near "
            "Lviv.",
            "Two",
            "captured",
            None,
        ),
        # a state named as the counter ("By Ukraine's count") does not make the next figures another side's
        (
            "North Korean troops went to Russia. By Ukraine's count nearly 3,000 of them have been killed or "
            "wounded. Seoul's spy agency, always more cautious, reckons that some 200 have died.",
            "200",
            "casualty",
            None,
        ),
        (
            "North Korean troops are in Russia. Seoul says Pyongyang has shipped about 3,000 soldiers so far, with "
            "another 2,000 expected to follow next month.",
            "2,000",
            "deployment",
            "expected",
        ),
        # a tally in the sentence after an expectation sizes what is expected
        (
            "North Korean troops are in Kursk. Analysts said they expected another wave by summer. One put its "
            "likely size at 6,000.",
            "6,000",
            "deployment",
            "expected",
        ),
        # a speaker's title ("Ukraine's president") does not make the next tally another side's losses
        (
            "North Korean troops joined the fighting in December.\n\nIt has not gone well for them. Volodymyr "
            "Zelensky, Ukraine's president, says that some 3,800 have been killed or wounded since they went into "
            "battle. American officials put the toll at more than 1,000 in a single week.",
            "1,000",
            "casualty",
            None,
        ),
        # "decided on 10,000 in total": a total still to come
        (
            "NIS: N. Korea has sent 1,500 special forces to Russia, decided on 10,000 in total\n",
            "10,000",
            "deployment",
            "expected",
        ),
        # the witness named before a quote is the "us" it speaks for, not the side the quote counts
        (
            "North Korean infantry attacked near Sudzha.\n\nA Ukrainian assault-brigade corporal described the "
            "fighting to a radio station's Ukrainian service by phone.\n\n"
            '"They come at us in groups of 15 to 25 men across open fields," he said.',
            "15 to 25",
            "deployment",
            "front",
        ),
        # a clause hung on the speaker ("speaking a few miles from the Russian border") does not make him Russian
        (
            "North Korean infantry attacked near Sudzha.\n\n"
            '"They came in a column of about 50 men, across an open field," said the gunner, speaking a few miles '
            "from the Russian border.",
            "50",
            "deployment",
            "front",
        ),
    ],
)
def test_figures_that_take_their_people_from_the_sentence_before(nlp, text, number, category, status):
    claim = next(c for c in claims_of(nlp, text) if c.number_text == number)
    assert (claim.category, claim.status) == (category, status)


@pytest.mark.parametrize(
    "text",
    [
        "Some 250 North Korean soldiers have been killed and 2,300 wounded fighting for Moscow, Kyiv said.\n",
        "At least 60 North Korean soldiers killed in Kursk, nearly 700 hurt: Ukraine\n\nThe toll is rising.\n",
    ],
)
def test_a_casualty_word_stands_for_the_people(nlp, text):
    """ "2,300 wounded fighting for Moscow", "700 hurt": the wounded are counted even with no noun after them."""
    found = claims_of(nlp, text)
    assert [c.category for c in found] == ["casualty", "casualty"]
    assert found[1].number_text in {"2,300", "700"}


def test_headline_figure_counts_and_borrows_the_body_source(nlp):
    text = (
        "Another 1,500 Soldiers Arrive\n\nNorth Korea has sent another 1,500 soldiers to Russia, South "
        "Korea's spy agency said on Wednesday.\n"
    )
    found = claims_of(nlp, text)
    assert [c.number_text for c in found] == ["1,500", "1,500"]
    assert found[0].heading and found[0].source == found[1].source == "South Korea NIS"


def test_boilerplate_numbers_are_skipped(nlp):
    text = "Troops\n\nNorth Korea sent 3,000 soldiers, NATO said.\n\nVisited 12 times, 3 visit(s) today\n"
    assert [c.number_text for c in claims_of(nlp, text)] == ["3,000"]


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("Kremlin spokesman Dmitry Peskov dismissed the reports as a hoax.", "Dmitry Peskov", "denies"),
        ("North Korea's foreign ministry called the reports groundless rumours.", "North Korea", "denies"),
        (
            "The Pentagon said it could not confirm that North Korean troops were in Russia.",
            "Pentagon",
            "cannot_confirm",
        ),
        (
            "Mark Rutte said the alliance had no evidence of North Korean troops fighting.",
            "Mark Rutte",
            "cannot_confirm",
        ),
        (
            "Japan's defence minister said it was highly likely that more North Korean troops would follow.",
            "Japan",
            "expects",
        ),
        ("NATO confirmed that North Korean units had been deployed to the Kursk region.", "NATO", "confirms"),
        ("The Kremlin said it had nothing to add on reports of North Korean troops.", "Kremlin", "cannot_confirm"),
        (
            "China's foreign ministry sidestepped questions about North Korean troops in Russia.",
            "China",
            "cannot_confirm",
        ),
        (
            "Asked about North Korean troops, Dmitry Peskov said cooperation with Pyongyang was Russia's sovereign "
            "business.",
            "Dmitry Peskov",
            "cannot_confirm",
        ),
        (
            "Poland's foreign minister said Warsaw was still verifying reports of North Korean soldiers in Russia.",
            "minister",
            "cannot_confirm",
        ),
        ("North Korea has not mentioned its soldiers in Russia in state media.", "North Korea", "cannot_confirm"),
        (
            "Maria Zakharova called reports of North Korean soldiers in Kursk Western fantasies.",
            "Maria Zakharova",
            "denies",
        ),
        (
            "A senior US official said North Korea could rotate up to 4,000 fresh troops into Russia.",
            "official",
            "expects",
        ),
        (
            "Seoul's spy agency did not rule out a further dispatch of North Korean troops.",
            "South Korea NIS",
            "expects",
        ),
        (
            "Japan's defence minister said North Korean soldiers were highly likely to have already fought in Kursk.",
            "Japan",
            "confirms",
        ),
        ("Months after denying it, Pyongyang now praises its soldiers fighting in Kursk.", "North Korea", "confirms"),
        (
            "Kim Jong Un praised the heroism of the North Korean soldiers who fought in Kursk.",
            "Kim Jong Un",
            "confirms",
        ),
        (
            "Ukrainian officials say North Korean troops have been spotted near Kursk and expect them to attack soon.",
            "officials",
            "confirms",
        ),
        ("Russia has yet to confirm that North Korean troops are in Kursk.", "Russia", "cannot_confirm"),
        ("The Kremlin has no comment on reports of North Korean soldiers dying in Kursk.", "Kremlin", "cannot_confirm"),
        (
            "Dmitry Peskov declined on Monday to answer a question about North Korean casualties in Kursk.",
            "Dmitry Peskov",
            "cannot_confirm",
        ),
        ("US can't confirm North Korean troops are fighting in Kursk", "United States", "cannot_confirm"),
        (
            "Pyongyang's deputy foreign minister said any deployment would be lawful, without confirming that North "
            "Korean troops were in Russia.",
            "minister",
            "cannot_confirm",
        ),
        # silence and conditionals take no position
        ("Pyongyang has said nothing about its soldiers in Kursk.", "North Korea", "cannot_confirm"),
        ("Russian state media made no mention of North Korean troops in Kursk.", "state media", "cannot_confirm"),
        ("North Korean troops are reported in Kursk. Moscow has offered no comment.", "Russia", "cannot_confirm"),
        # preparations for another dispatch look ahead, whatever tense the preparing is in
        (
            "South Korea's military said Pyongyang appeared to be preparing a third dispatch of troops.",
            "JCS",
            "expects",
        ),
        (
            "Seoul's spy agency told lawmakers that the North was training another brigade of soldiers for dispatch.",
            "NIS",
            "expects",
        ),
        ("Kyiv warned that more North Korean troops are on their way.", "Ukraine", "expects"),
        # the North keeping the dispatch from its own people is its silence, whoever reports it
        (
            "North Korean troops are in Kursk. A ministry spokesman said the North had not informed its own citizens "
            "of the deployment.",
            "North Korea",
            "cannot_confirm",
        ),
        # a speaker pointing back at the troops of the sentence before reports them
        (
            "North Korean troops are fighting in Kursk. Analyst Laura Keane said they were learning fast.",
            "Keane",
            "confirms",
        ),
        (
            "A North Korean diplomat said that if such a deployment were taking place it would be lawful.",
            "diplomat",
            "cannot_confirm",
        ),
        # "nothing to say", a denial never made, "not worth commenting on" (a dismissal)
        (
            "Asked about the North Korean soldiers, Kremlin spokesman Dmitry Peskov said he had nothing to say on the "
            "matter.",
            "Peskov",
            "cannot_confirm",
        ),
        (
            "The Kremlin called the report about North Korean troops a fabrication, though Putin himself has never "
            "publicly denied it.",
            "Putin",
            "cannot_confirm",
        ),
        (
            "Maria Zakharova said the reports about North Korean troops were not worth commenting on.",
            "Zakharova",
            "denies",
        ),
        # what is still to come: units that "would be sent", a plan "to use" them, preparations for a new rotation
        (
            "Zelensky claimed the first North Korean units would be sent into battle within days.",
            "Zelensky",
            "expects",
        ),
        (
            "The Pentagon said it was concerned that Russia intended to use the North Korean soldiers in combat.",
            "Pentagon",
            "expects",
        ),
        (
            '"We are watching preparations for a new rotation of North Korean soldiers," Budanov said.',
            "Budanov",
            "expects",
        ),
        # readying more, in whatever words: an additional contingent, a number, a rotation, sending on
        (
            "Seoul's spy agency said the North was preparing an additional contingent of North Korean troops.",
            "NIS",
            "expects",
        ),
        ("The JCS said Pyongyang was preparing to rotate its North Korean troops in Kursk.", "JCS", "expects"),
        (
            "Budanov said on Friday that, according to his agency, North Korea was preparing 5,000 troops to send to "
            "Russia.",
            "Budanov",
            "expects",
        ),
        (
            '"He will keep sending North Korean soldiers as long as Moscow pays," analyst Kim Do-yun said.',
            "Kim Do-yun",
            "expects",
        ),
        # pointed non-answers: "not directed against", "our business", "should be addressed to", "not seen them"
        (
            "Peskov said military cooperation with Pyongyang, including on North Korean troops, was not directed "
            "against any third country.",
            "Peskov",
            "cannot_confirm",
        ),
        (
            'Asked about North Korean troops, Putin said how Russia applied the treaty was "our business".',
            "Putin",
            "cannot_confirm",
        ),
        (
            "Peskov said questions about North Korean soldiers should be addressed to the defence ministry.",
            "Peskov",
            "cannot_confirm",
        ),
        (
            '"We have not seen them in combat yet," Pentagon spokesman Pat Ryder said of the North Korean troops.',
            "Ryder",
            "cannot_confirm",
        ),
        # dismissals in other words
        ("Zakharova called the reports of North Korean troops Ukrainian disinformation.", "Zakharova", "denies"),
        (
            '"Everything said here about North Korean battalions is a blatant lie," Vassily Nebenzia said.',
            "Nebenzia",
            "denies",
        ),
        ("Zelensky said North Korean soldiers could be thrown into combat within days.", "Zelensky", "expects"),
    ],
)
def test_stances(nlp, text, actor, stance):
    doc = nlp(text)
    records = StanceExtractor()(doc, "t")
    assert any(r.stance == stance and actor.split()[-1].lower() in r.actor.lower() for r in records), [
        (r.actor, r.stance) for r in records
    ]


@pytest.mark.parametrize(
    ("text", "marker", "actor", "stance"),
    [
        # a multi-sentence quotation: the speaker credited where it closes holds the earlier sentences too
        (
            "Russia's ambassador Pavel Orlov spoke to reporters about North Korean troops.\n\n"
            '"Kyiv keeps inventing new Korean battalions every week. Nobody here believes it," Orlov said.',
            "Kyiv keeps",
            "Pavel Orlov",
            "denies",
        ),
        # a transcript turn: the label speaks each sentence of the answer
        (
            "Press secretary Evan Doyle briefed reporters.\n\n"
            "Q: Where are the North Korean soldiers now?\n\n"
            "MR. DOYLE: Our figure has not changed. We have watched them move closer to the front every week.\n\n"
            "Q: Thank you.\n\nMR. DOYLE: Thanks, everyone.\n",
            "We have watched",
            "Evan Doyle",
            "confirms",
        ),
        # "the Russian side" is Russia speaking
        (
            "North Korean troops were reported in Kursk.\n\n"
            "The Russian side once more dismissed the reports as a provocation.",
            "The Russian side",
            "Russia",
            "denies",
        ),
        (
            "Estonia's intelligence chief said in March that Pyongyang would probably send another 5,000 soldiers.",
            "Estonia",
            "chief",
            "expects",
        ),
        (
            '"As of this morning we do not see any Korean units on our flank," border guard spokesman Ivan Koval said.',
            "As of",
            "Ivan Koval",
            "cannot_confirm",
        ),
        (
            "Asked about the captured North Koreans, the Russian envoy Oleg Tarasov said he would not comment on "
            '"another staged fake".',
            "Asked",
            "Oleg Tarasov",
            "denies",
        ),
        (
            "Moscow's embassy said the stories about North Korean casualties were manufactured in Warsaw.",
            "Moscow",
            "embassy",
            "denies",
        ),
        (
            "A Latvian defence official said roughly 1,200 North Korean infantrymen had joined assaults near Sudzha.",
            "A Latvian",
            "official",
            "confirms",
        ),
    ],
)
def test_stances_in_context(nlp, text, marker, actor, stance):
    """Quotations spanning sentences, transcript turns, stand-in names and hedged or dismissive wording."""
    doc = nlp(text)
    start = text.index(marker)
    records = [r for r in StanceExtractor()(doc, "t") if r.start_char <= start < r.end_char]
    assert any(r.stance == stance and actor.split()[-1].lower() in r.actor.lower() for r in records), [
        (r.actor, r.stance, r.cue) for r in StanceExtractor()(doc, "t")
    ]


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        # passing questions on, avoiding the subject, saying nothing in one's own media
        (
            "North Korean troops in Russia. Kremlin spokesman Dmitry Peskov referred reporters to the ministry.",
            "Dmitry Peskov",
            "cannot_confirm",
        ),
        (
            "North Korean troops in Russia. Pro-war military bloggers have acknowledged losses near Sudzha but have "
            "avoided mentioning the North Koreans.",
            "Pro-war military bloggers",
            "cannot_confirm",
        ),
        (
            "North Korean troops in Russia. In Pyongyang, state media have not reported the deployment.",
            "state media",
            "cannot_confirm",
        ),
        # "neither ... nor ... has confirmed", not a word said, a conditional deployment, no surprise expected
        (
            "North Korean troops in Russia. Neither Moscow nor Pyongyang has publicly confirmed that North Korean "
            "soldiers are in Russia.",
            "Russia",
            "cannot_confirm",
        ),
        ("North Korean troops in Russia. Pyongyang hasn't said a word about them.", "North Korea", "cannot_confirm"),
        (
            "North Korean troops in Russia. Kim Jong Gyu said that if any such deployment were happening, it would "
            "be lawful.",
            "Kim Jong Gyu",
            "cannot_confirm",
        ),
        (
            'North Korean troops in Russia. "We would not be surprised to see more North Korean troops sent," '
            "State Department spokesman Matthew Miller said.",
            "Matthew Miller",
            "expects",
        ),
        # getting ready to send more
        (
            "North Korean troops in Russia. South Korea has said Pyongyang may be getting ready to send more.",
            "South Korea",
            "expects",
        ),
        # not reporting, pointed non-denials
        (
            "North Korean troops in Russia. North Korean state media did not report on the deployment.",
            "North Korean state media",
            "cannot_confirm",
        ),
        (
            "North Korean troops in Russia. Dmitry Peskov keeps saying that military cooperation with Pyongyang is a "
            "matter for the two countries.",
            "Dmitry Peskov",
            "cannot_confirm",
        ),
        # a body "quoted as saying"
        (
            'North Korean troops in Russia. "They have joined Russian airborne units and begun fighting," the NIS was '
            "quoted as saying.",
            "South Korea NIS",
            "confirms",
        ),
    ],
)
def test_stances_of_silence_and_quoted_bodies(nlp, text, actor, stance):
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t") if r.start_char > 30}
    assert (actor, stance) in rows, rows


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        # a first name the recognizer misses, known by its apposition; an inverted tag after a quotation
        (
            "North Korean troops attack in Kursk. Taras, a mortar gunner who gave only his first name, said the "
            "Koreans had walked straight into the minefield.",
            "Taras",
            "confirms",
        ),
        ('North Korean troops attack in Kursk. "They are Koreans, no doubt," said Ostap.', "Ostap", "confirms"),
        # soldiers of another side who say what they saw hold a position
        (
            "North Korean troops attack in Kursk. Ukrainian marines who fought them say the attackers spoke Korean.",
            "Ukrainian marines",
            "confirms",
        ),
        # "an information plant", a deflection to Pyongyang, questions referred elsewhere
        (
            "The ministry spokeswoman called the reports of North Korean troops in Russia a Western information plant.",
            "spokeswoman",
            "denies",
        ),
        ('Asked about North Korean troops in Kursk, Lavrov said: "Ask Pyongyang."', "Sergei Lavrov", "cannot_confirm"),
        (
            "North Korean troops in Russia. Peskov referred questions about the North Korean soldiers to the "
            "Defence Ministry.",
            "Dmitry Peskov",
            "cannot_confirm",
        ),
    ],
)
def test_stances_of_named_witnesses_and_deflections(nlp, text, actor, stance):
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert any(a.lower().endswith(actor.split()[-1].lower()) and s == stance for a, s in rows), rows


def test_a_figure_given_outweighs_an_expectation_added_to_it(nlp):
    text = (
        "About 9,000 North Korean soldiers are now in Kursk, Secretary of State Antony Blinken said, adding that he "
        "expected them to enter combat soon."
    )
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert ("Antony Blinken", "confirms") in rows, rows


def test_a_publishers_verification_caveat_is_no_position(nlp):
    """ "Reuters could not independently verify the figures" qualifies the article's sources; an official who
    cannot verify that troops are there does take a position."""
    text = (
        "Kyiv says 11,000 North Korean soldiers are in Kursk. The Kyiv Independent could not independently verify "
        "the claim.\n\nThe Pentagon said it could not verify that North Korean troops were fighting."
    )
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert not any(a == "Kyiv Independent" for a, _ in rows), rows
    assert any("Pentagon" in a and s == "cannot_confirm" for a, s in rows), rows


def test_a_wire_update_note_credits_nobody(nlp):
    """ "(Updates with Kremlin comment in 17th paragraph.)" on its own line is not a source note for the line above."""
    text = (
        "North Korean troops are in Russia.\n\nNorth Korea's state media has made no mention of the troops.\n\n"
        "(Updates with Kremlin comment in 17th paragraph.)\n"
    )
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert not any(a == "Kremlin" for a, _ in rows), rows


def test_an_offer_about_prisoners_is_no_position_but_a_pledge_to_send_expects(nlp):
    offer = (
        "North Korean troops are in Russia. The NIS confirmed the capture of two soldiers.\n\nZelensky later "
        "offered to return the two soldiers to North Korea in exchange for Ukrainian prisoners."
    )
    assert not any(r.actor == "Volodymyr Zelensky" for r in StanceExtractor()(nlp(offer), "t"))
    pledge = "North Korean troops are in Russia. Kim Jong Un pledged to send 6,000 more soldiers to Kursk."
    assert ("Kim Jong Un", "expects") in {(r.actor, r.stance) for r in StanceExtractor()(nlp(pledge), "t")}


@pytest.mark.parametrize(
    ("text", "givers"),
    [
        (
            "Seoul, Washington and Kyiv have each released their own numbers.",
            {"South Korea", "United States", "Ukraine"},
        ),
        ("Washington has given a slightly lower estimate.", {"United States"}),
        ("Kyiv's numbers are the highest.", {"Ukraine"}),
        ("Ukraine's military intelligence agency has offered its own count.", {"Ukraine HUR"}),
        ("Moscow has given no figures.", set()),
    ],
)
def test_giving_figures_about_the_troops_confirms(nlp, text, givers):
    """In an article about the troops, an actor that puts out a count vouches that they are there."""
    doc = nlp("North Korean troops are in Russia.\n\n" + text)
    rows = {r.actor for r in StanceExtractor()(doc, "t") if r.stance == "confirms" and r.start_char > 30}
    assert rows == givers, rows


def test_the_troops_themselves_hold_no_stance(nlp):
    text = "Borrell said that North Korean troops fighting in Ukraine would mark a dangerous escalation."
    assert not any(r.actor.startswith("North Korean") for r in StanceExtractor()(nlp(text), "t"))


@pytest.mark.parametrize(
    ("text", "silent"),
    [
        # "neither ... nor": each government
        (
            "North Korean troops in Russia. Neither the Russian nor the North Korean government has publicly "
            "acknowledged that any soldiers were sent.",
            {"Russia", "North Korea"},
        ),
        # silence, and a joint subject with no speech verb: each state, never "Moscow and Pyongyang" as one actor
        (
            "North Korean troops are in Russia. Moscow and Pyongyang have stayed silent on the deployment.",
            {"Russia", "North Korea"},
        ),
        # a medium in a clause of its own, conjoined with another's, speaks for itself rather than relaying
        (
            "North Korean troops are in Russia. North Korean state media has not mentioned the deployment, and "
            "Russia has not officially confirmed it.",
            {"North Korean state media", "Russia"},
        ),
    ],
)
def test_each_holder_of_a_joint_silence_cannot_confirm(nlp, text, silent):
    actors = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert {(a, "cannot_confirm") for a in silent} <= actors, actors
    assert not any(" and " in a for a, _ in actors), actors


def test_each_state_of_a_joint_dismissal_denies(nlp):
    """ "Moscow and Pyongyang have called the reports fake": a row for each state, none for the pair."""
    text = "North Korean troops are in Kursk, Kyiv says. Moscow and Pyongyang have called the reports fake."
    rows = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t") if r.start_char > 40}
    assert rows == {("Russia", "denies"), ("North Korea", "denies")}, rows


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        (
            "North Korea's foreign minister Choe Son Hui pledged to stand by Russia until victory without mentioning "
            "the troops.",
            "Choe Son Hui",
            "cannot_confirm",
        ),
        (
            "Pyongyang's vice foreign minister, Kim Jong Gyu, said that if such a deployment existed it would comply "
            "with international law.",
            "Kim Jong Gyu",
            "cannot_confirm",
        ),
        (
            "Asked about the reports, Putin said only that what Russia did with its partner was its own business.",
            "Vladimir Putin",
            "cannot_confirm",
        ),
        ("The US has said only that North Korean casualties run into the hundreds.", "United States", "confirms"),
    ],
)
def test_evasions_leave_the_question_open(nlp, text, actor, stance):
    doc = nlp("North Korean troops are in Russia. " + text)
    assert (actor, stance) in {(r.actor, r.stance) for r in StanceExtractor()(doc, "t")}


def test_a_silence_imposed_on_others_is_not_the_speakers(nlp):
    text = "North Korea orders families of soldiers sent to Russia to stay silent, sources say\n\nText.\n"
    assert ("sources", "confirms") in {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}


def test_an_embassy_speaks_for_its_own_country(nlp):
    text = "The Belarusian Embassy in Seoul called reports of North Korean troops in Russia a fabrication."
    rows = [(r.actor, r.actor_country, r.stance) for r in StanceExtractor()(nlp(text), "t")]
    assert ("Belarusian Embassy in Seoul", "Belarus", "denies") in rows, rows


def test_nations_conjoined_before_one_head_each_hold_the_stance(nlp):
    text = (
        "North Korean troops in Russia. North Korea has sent about 9,000 troops to Russia, according to Japanese "
        "and South Korean officials."
    )
    actors = {(r.actor, r.stance) for r in StanceExtractor()(nlp(text), "t")}
    assert {("Japanese officials", "confirms"), ("South Korean officials", "confirms")} <= actors, actors


def test_no_stance_for_transcript_questions(nlp):
    """A reporter's question ("Q: ...?") is no one's position."""
    text = "Q: Are North Korean troops fighting in Kursk, and has Russia confirmed it?\n\nMS. LANE: Next question.\n"
    assert not StanceExtractor()(nlp(text), "t")


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops are in Kursk. The Pentagon did not respond to a request for comment about the troops.",
        "North Korean troops are in Kursk. Russia lost 1,200 soldiers in the past day, Ukraine's general staff said.",
        "North Korean troops are in Kursk. The minister did not say how many North Korean troops had been wounded.",
        "North Korean troops are in Kursk. Seoul says thousands of North Korean labourers work in Russia.",
        # a question asks, it takes no side
        "North Korean troops are in Kursk. Do you expect Pyongyang to keep sending soldiers to Russia?",
        # a broadcaster's own anchor is no actor
        "North Korean troops are in Kursk.\n\nJANE ROE, CNN ANCHOR: North Korean soldiers are now fighting in "
        "Kursk.\n\nROE: Thank you.",
        # what would follow if the troops fought is a condition, not a report; a byline's reporter is no actor
        'North Korean troops are in Kursk. "If they are used in combat against Ukraine, they will become legitimate '
        'military targets," the minister said.',
        'North Korean troops are in Kursk. Any North Korean soldiers who do join the fighting would be "fair game," '
        "she said.",
        "North Korean troops are in Kursk.\n\nMina Park reported from Seoul, and Tom Hale from London.",
        # a credit in brackets on its own, and an interviewee's small talk
        "North Korean troops are in Kursk. Seoul says 3,000 are there.\n(Yonhap)",
        "North Korean troops are in Kursk.\n\nBy Ann Lee\n\nHelga Brandt, a senior analyst at the Baltic Institute, "
        "spoke to us.\n\nQ: Is the war going well for Russia?\n\nA: Militarily, yes.",
        # a speaker after a sentence about the troops, on another matter and not pointing back at them
        "North Korean troops are fighting in Kursk. Laura Keane, an analyst in London, said the precedent mattered "
        "more than anything.",
    ],
)
def test_no_stance_on_other_matters(nlp, text):
    """No reply, a detail withheld, Russia's own losses, labourers: no position on the troops in Russia."""
    doc = nlp(text)
    second = list(doc.sents)[-1]
    records = [r for r in StanceExtractor()(doc, "t") if r.start_char >= second.start_char]
    assert not records, [(r.actor, r.stance, r.cue) for r in records]


def test_places_resolve_regions_and_skip_demonyms_and_outlets():
    text = (
        "North Korean troops reached the Kursk Oblast and Bryansk region, the Kyiv Independent reported, "
        "while others stayed in Donetsk. A Korea Herald editor in Seoul disagreed."
    )
    places = {p.place: p for p in extract_places(text, "t")}
    assert {"Kursk", "Bryansk", "Donetsk", "Seoul"} <= set(places)
    assert "Kyiv" not in places and "North Korea" not in places
    assert places["Kursk"].kind == "region" and places["Donetsk"].country == "Ukraine"
    assert 47 < places["Donetsk"].lat < 49 and 37 < places["Donetsk"].lon < 38.5
    for name in ("Kursk", "Bryansk"):
        assert places[name].lat and places[name].lon


def test_components_work_for_any_spacy_user():
    import spacy

    import workbench.claims  # noqa: F401 - registers the factory
    from workbench.pipeline import model_name

    nlp = spacy.load(model_name())
    nlp.add_pipe("workbench_claims")
    doc = nlp("Seoul said North Korea had sent 3,000 soldiers to Russia.")
    assert [c.number_text for c in doc._.claims] == ["3,000"]


def _score(kind: str, gold: Path, articles: Path, tmp_path: Path) -> dict:
    from workbench.ledger import build_ledger

    ledger = build_ledger(sorted(articles.glob("*.txt")), use_cache=False, progress=False)
    table = {"claims": ledger.claims, "places": ledger.places, "stances": ledger.stances}[kind]
    out = tmp_path / f"{kind}.jsonl"
    table.to_json(out, orient="records", lines=True, force_ascii=False)
    if kind == "claims":
        cmd = [sys.executable, str(EVAL / "score_claims.py"), str(gold), str(articles), str(out), "--json"]
    elif kind == "places":
        cmd = [sys.executable, str(EVAL / "score_aux.py"), "places", str(gold), str(out)]
    else:
        cmd = [sys.executable, str(EVAL / "score_aux.py"), "stances", str(gold), str(articles), str(out)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


@pytest.mark.slow
def test_seed_scores_meet_the_bar(tmp_path, seeds_dir):
    claims = _score("claims", EVAL / "seeds", seeds_dir, tmp_path)
    assert claims["precision"] >= 0.97 and claims["recall"] >= 0.97, claims
    assert claims["source_acc"] >= 0.95 and claims["category_acc"] >= 0.9, claims
    places = _score("places", EVAL / "seeds", seeds_dir, tmp_path)
    assert places["f1"] >= 0.85 and places["kursk_bryansk_donetsk_recall"] == 1.0, places
    stances = _score("stances", EVAL / "seeds", seeds_dir, tmp_path)
    assert stances["f1"] >= 0.75 and stances["recall_by_stance"]["denies"] >= 0.9, stances


# Floors a little under each labelled set's scores (claims F1, source accuracy, stances F1): a change that
# breaks a phenomenon one set exercises fails here. The closing notes hold the scores themselves.
DEV_FLOORS = {
    "dev": (0.95, 0.93, 0.70),
    "dev2": (0.95, 0.9, 0.72),
    "dev3": (0.95, 0.9, 0.65),
    "dev4": (0.95, 0.93, 0.67),
    "dev5": (0.88, 0.88, 0.55),
    "dev6": (0.93, 0.94, 0.6),
    "dev7": (0.95, 0.95, 0.65),
    "dev8": (0.95, 0.94, 0.63),
    "dev9": (0.95, 0.94, 0.57),
    "dev10": (0.94, 0.9, 0.55),
    "dev11": (0.94, 0.92, 0.57),
    "dev12": (0.95, 0.92, 0.75),
    "dev13": (0.95, 0.95, 0.72),
    "dev14": (0.95, 0.93, 0.7),
    "dev15": (0.94, 0.85, 0.7),
    "dev16": (0.93, 0.9, 0.6),
    "dev17": (0.95, 0.85, 0.6),
    "dev18": (0.95, 0.93, 0.68),
    "dev19": (0.95, 0.93, 0.65),
    "dev20": (0.95, 0.93, 0.72),
    "dev21": (0.95, 0.93, 0.68),
    "dev22": (0.95, 0.93, 0.66),
    "dev23": (0.95, 0.93, 0.68),
    "dev24": (0.95, 0.95, 0.62),
    "dev25": (0.95, 0.93, 0.66),
    "dev26": (0.95, 0.77, 0.6),
    "dev27": (0.95, 0.93, 0.66),
}


@pytest.mark.slow
@pytest.mark.parametrize("set_name", sorted(DEV_FLOORS))
def test_dev_set_scores_do_not_regress(tmp_path, set_name):
    from workbench.ledger import build_ledger

    folder = EVAL / set_name
    ledger = build_ledger(sorted(folder.glob("*.txt")), use_cache=False, progress=False)
    scores = {}
    for kind, table in (("claims", ledger.claims), ("places", ledger.places), ("stances", ledger.stances)):
        out = tmp_path / f"{kind}.jsonl"
        table.to_json(out, orient="records", lines=True, force_ascii=False)
        if kind == "claims":
            cmd = [sys.executable, str(EVAL / "score_claims.py"), str(folder), str(folder), str(out), "--json"]
        elif kind == "places":
            cmd = [sys.executable, str(EVAL / "score_aux.py"), "places", str(folder), str(out)]
        else:
            cmd = [sys.executable, str(EVAL / "score_aux.py"), "stances", str(folder), str(folder), str(out)]
        scores[kind] = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    claims_f1, source, stances_f1 = DEV_FLOORS[set_name]
    assert scores["claims"]["f1"] >= claims_f1 and scores["claims"]["source_acc"] >= source, scores["claims"]
    assert scores["places"]["f1"] >= 0.9, scores["places"]
    assert scores["stances"]["f1"] >= stances_f1, scores["stances"]


def test_small_front_line_settlements_are_kept_without_coordinates():
    text = "Fighting raged near the village of Nikolayevo-Darino. Later, Nikolayevo-Darino was shelled again."
    places = {p.place: p for p in extract_places(text, "t")}
    assert places["Nikolayevo-Darino"].mentions == 2
    assert places["Nikolayevo-Darino"].lat is None
