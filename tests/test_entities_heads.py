"""A body of another named before the other's acronym, broadcasters named by their medium, buildings named by
their head noun, and general titles before a name (pipeline.nlp.model, data/titles.txt, data/org_heads.txt).
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.model import load_nlp


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """``newsdesk_places`` over ``model_output`` as the NER's spans: surface text -> label of doc.ents."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    return {e.text: e.label_ for e in nlp.get_pipe("newsdesk_places")(doc).ents}


def test_a_body_of_another_before_the_others_acronym_is_two_bodies():
    text = "Diplomats welcomed a note from the Mediation Board of the Coastal States League (CSL) on Friday."
    ents = _repaired(text, [("Mediation Board of the Coastal States League", "ORG")])
    assert ents.get("Mediation Board") == "ORG"
    assert ents.get("Coastal States League") == "ORG"
    assert ents.get("CSL") == "ORG"


def test_a_name_the_acronym_spells_whole_stays_whole():
    text = "Diplomats welcomed a note from the Mediation Board of the Coastal States (MBCS) on Friday."
    ents = _repaired(text, [("Mediation Board of the Coastal States", "ORG")])
    assert ents.get("Mediation Board of the Coastal States") == "ORG"
    assert "Mediation Board" not in ents


@pytest.mark.parametrize("text, model_output, name", [
    ("Speaking to Ridge FM on Monday, the mayor said the shelling had stopped.", [("Ridge FM", "WORK_OF_ART")],
     "Ridge FM"),
    ("A clip aired by Delta TV showed the convoy.", [("Delta", "GPE")], "Delta TV"),
    ("A post by the channel Marsh Valley Now claimed the truce had failed.", [("Marsh Valley", "GPE")],
     "Marsh Valley Now"),
])
def test_a_broadcaster_named_by_its_medium_is_a_body(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


def test_now_opening_a_sentence_or_in_lower_case_names_nothing():
    text = "Now the talks resume. Officials in Delta now say the truce holds."
    ents = _repaired(text, [("Delta", "GPE")])
    assert ents == {"Delta": "GPE"}


@pytest.mark.parametrize("text, name, label", [
    ("The debate in Harcourt Hall ran past midnight.", "Harcourt Hall", "PERSON"),
    ("In a statement from Vellora Palace, the president urged calm.", "Vellora Palace", "ORG"),
    ("The leaders met at the Union Buildings on Monday.", "the Union Buildings", "ORG"),
])
def test_a_name_ending_in_a_buildings_head_is_a_facility(text, name, label):
    assert _repaired(text, [(name, label)])[name] == "FAC"


def test_a_buildings_head_in_lower_case_or_alone_is_left_to_the_model():
    text = "Mr Harcourt spoke in the hall. Palace officials declined to comment."
    ents = _repaired(text, [("Harcourt", "PERSON"), ("Palace", "ORG")])
    assert ents == {"Harcourt": "PERSON", "Palace": "ORG"}


@pytest.mark.parametrize("title", ["Magistrate", "Garaad", "Ugaas", "Suldaan"])
def test_a_general_title_is_no_part_of_the_name(title):
    text = f"{title} Warsame Cali Nuur told the elders the truce would hold."
    ents = _repaired(text, [(f"{title} Warsame Cali Nuur", "PERSON")])
    assert ents.get("Warsame Cali Nuur") == "PERSON"
