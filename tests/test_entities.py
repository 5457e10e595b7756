"""Entities only where the extractors read them: which sentences the recognizer sees, and what the rest get."""

from __future__ import annotations

import pytest

from workbench.actors import default_registry
from workbench.entities import DocFacts, needs_entities
from workbench.places import default_gazetteer


@pytest.mark.parametrize(
    ("sentence", "needed"),
    [
        ("About 3,000 troops arrived on Friday.", True),  # a figure: its date is read
        ("Eighteen of them deserted last week.", True),  # a spelled figure
        ("Heavy fighting continued near Kursk and Bryansk on Saturday.", False),  # places and the calendar
        ("The Kremlin and NATO traded accusations in August.", False),  # registry organisations
        ("Tomasz Wierzbicki, a Warsaw analyst, disagreed.", True),  # an unknown name: a person?
        ("", False),
    ],
)
def test_needs_entities(nlp, sentence, needed):
    doc = nlp(sentence)
    sents = list(doc.sents) or [doc[:]]
    facts = DocFacts(doc, default_gazetteer(), default_registry())
    assert any(needs_entities(s, facts) for s in sents) is needed


def test_registry_people_are_persons_without_the_recognizer(nlp):
    doc = nlp("Heavy fighting continued in Kursk, Kyrylo Budanov said.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Kyrylo Budanov", "PERSON")]


def test_figure_sentences_get_the_models_dates_and_people(nlp):
    doc = nlp(
        "Some 3,000 North Korean soldiers reached Kursk on October 28, "
        "Ukrainian officer Oleksandr Petrenko told the BBC."
    )
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("October 28") == "DATE" and labels.get("Oleksandr Petrenko") == "PERSON"


def test_other_sentences_have_no_entities(nlp):
    doc = nlp("Shelling damaged a school in Kursk on Friday night.")
    assert not doc.ents and all(t.ent_iob_ == "O" for t in doc)


def test_the_pipeline_runs_the_recognizer_through_the_component(nlp):
    assert "ner" not in nlp.pipe_names and "ner" in nlp.component_names
    assert nlp.pipe_names.index("workbench_entities") < nlp.pipe_names.index("workbench_claims")
