"""The table-driven attribute ruler against spaCy's own: identical POS, morphology, lemmas, tags and arcs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from workbench import paths
from workbench.attribute_rules import FastAttributeRuler, accelerate
from workbench.pipeline import model_name

EVAL = Path(__file__).parent / "eval"
# Multi-token rules ("gonna", "there is", "y'all", "let's"), whitespace tokens, negation and auxiliaries.
AWKWARD = (
    "Y'all gonna see. Let's go, c'mon: there are 3,000 troops, and they ain't nothin' but conscripts.\n\n"
    "It is I who did n't know.   You gotta  be there;  \n  \t the officers have had it, does it?\n"
)


def _texts() -> list[str]:
    files = sorted(paths.SEEDS_DIR.glob("*.txt")) + sorted(EVAL.glob("dev*/*.txt"))
    return [AWKWARD, *(f.read_text(encoding="utf-8") for f in files)]


def _view(doc) -> list[tuple]:
    return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_, t.head.i, t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def parsed():
    """A stock pipeline, and docs it tagged and parsed (before the attribute ruler)."""
    nlp = spacy.load(model_name(), exclude=["ner"])
    upstream = [nlp.get_pipe(name) for name in ("tok2vec", "tagger", "parser")]
    docs = []
    for text in _texts():
        doc = nlp.make_doc(text)
        for component in upstream:
            doc = component(doc)
        docs.append(doc)
    return nlp, docs


def test_fast_ruler_gives_the_stock_annotations(parsed):
    nlp, docs = parsed
    stock = nlp.get_pipe("attribute_ruler")
    assert type(stock) is AttributeRuler
    lemmatizer = nlp.get_pipe("lemmatizer")
    expected = [_view(lemmatizer(stock(doc.copy()))) for doc in docs]
    accelerate(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler is stock
    for _ in range(2):  # the second pass runs from the cache
        got = [_view(lemmatizer(ruler(doc.copy()))) for doc in docs]
        assert got == expected
    assert sum(len(d) for d in docs) > 20_000


def test_multi_token_rules_still_apply(parsed):
    nlp, docs = parsed
    accelerate(nlp)
    doc = nlp.get_pipe("attribute_ruler")(docs[0].copy())
    lemmas = {t.text.lower(): t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"  # two-token rule, index 0 and 1
    assert lemmas["nothin'"] == "nothing"  # a REGEX rule
    assert any(t.is_space and t.dep_ == "dep" for t in doc)  # the whitespace rule rewrites DEP


def test_rules_seen_first_in_a_multi_token_doc_are_cached(parsed):
    """A doc that takes the stock path still teaches the cache; the next doc reads it."""
    nlp = spacy.load(model_name(), exclude=["ner"])
    accelerate(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    first = nlp("They gonna say it is I who did n't know.")  # "gon na": the stock path
    second = nlp("It is I who did n't know.")  # only keys first seen in the doc above
    stock = spacy.load(model_name(), exclude=["ner"])
    assert _view(second) == _view(stock(second.text)) and ruler is nlp.get_pipe("attribute_ruler")
    assert [t.lemma_ for t in first][1:3] == ["go", "to"]


def test_accelerate_leaves_other_pipelines_alone():
    blank = spacy.blank("en")
    accelerate(blank)  # no attribute ruler: nothing to do, no error
    assert "attribute_ruler" not in blank.component_names
