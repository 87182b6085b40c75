"""Long names of bodies the small model cuts (pipeline.nlp.model): a body "on" a subject, names in another
language defined by their acronym, a describing word between "the" and a body's name. Every sentence here is
written for these tests (invented bodies, real-world shapes)."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.model import load_nlp


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """The repairs of ``newsdesk_places`` over ``model_output`` (the NER's spans, surface -> label): surface -> label."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    doc = nlp.get_pipe("newsdesk_places")(doc)
    return {e.text: e.label_ for e in doc.ents}


def _names(text: str) -> dict[str, str]:
    [analysis] = analyse_paragraphs([("p0", text)])
    return {e.name: e.label for e in analysis.entities}


# ------------------------------------------------------------------------------------------ a body on a subject
@pytest.mark.parametrize("text, model_output, name", [
    ("The Joint Committees on the Release of Detainees met in Aden on Monday.",
     [("Joint Committees", "ORG"), ("the Release of Detainees", "ORG")],
     "Joint Committees on the Release of Detainees"),
    ("Delegates of the Standing Commission on the Return of Refugees walked out.",
     [("Standing Commission", "ORG"), ("the Return of Refugees", "ORG")],
     "Standing Commission on the Return of Refugees"),
])
def test_a_body_on_a_subject_the_model_read_as_a_body_is_one_name(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


@pytest.mark.parametrize("text, model_output", [
    ("Envoy Marsh briefed the Security Council on the United Nations Office for Project Services.",
     [("Security Council", "ORG"), ("the United Nations Office for Project Services", "ORG")]),
    ("The Joint Commission on the Organisation of Islamic Cooperation summit issued no statement.",
     [("Joint Commission", "ORG"), ("the Organisation of Islamic Cooperation", "ORG")]),
])
def test_a_body_briefed_on_another_body_stays_apart(text, model_output):
    found = _repaired(text, model_output)
    assert found.get(model_output[0][0]) == "ORG" and found.get(model_output[1][0]) == "ORG", found


# ------------------------------------------------------------------------------ acronyms of names in another language
@pytest.mark.parametrize("text, name, short", [
    ("Fighters of the Front pour la Libération du Sahel (FLS) attacked a convoy near Gao.",
     "Front pour la Libération du Sahel", "FLS"),
    ("Talks between the Ejército de Liberación Nacional y Popular (ELNP) and the army resumed on Friday.",
     "Ejército de Liberación Nacional y Popular", "ELNP"),
])
def test_a_name_in_another_language_is_spelt_by_its_acronym_over_its_function_words(text, name, short):
    found = _names(text)
    assert found.get(name) == "ORG", found


def test_function_words_of_another_language_do_not_make_initials_that_do_not_spell_the_acronym():
    text = "Fighters of the Front pour la Libération du Sahel (XQZ) attacked a convoy near Gao."
    assert "Front pour la Libération du Sahel" not in _names(text)


def test_two_bodies_listed_before_an_unspelled_acronym_are_two_names_the_acronym_the_seconds():
    text = ("Talks resumed under the auspices of the Velmar Union and the Regional Council for Coastal Security "
            "(RCSE), with observers from Chile.")
    found = _repaired(text, [("Velmar Union", "ORG"), ("Regional Council for Coastal Security", "ORG")])
    assert found.get("Velmar Union") == "ORG", found
    assert found.get("Regional Council for Coastal Security") == "ORG", found
    assert found.get("RCSE") == "ORG", found


def test_and_the_inside_one_name_before_its_unspelled_acronym_keeps_the_name_whole():
    # the words after "and the" alone ("Lakes Institute") are too short to be the name the acronym stands for
    text = "Envoys of the Council for Peace and the Lakes Institute (CPLI) arrived in Gao."
    assert _names(text).get("Council for Peace and the Lakes Institute") == "ORG"


# -------------------------------------------------------------------------------- a describing word before a name
@pytest.mark.parametrize("text, model_output, name", [
    ("Lawyers for the rival Transitional Council filed the appeal.",
     [("the rival Transitional Council", "ORG")], "Transitional Council"),
    ("Riders left the older Union of Velodrome Clubs last spring.",
     [("the older Union of Velodrome Clubs", "ORG")], "Union of Velodrome Clubs"),
])
def test_a_lower_case_word_after_the_is_no_part_of_a_bodys_name(text, model_output, name):
    found = _repaired(text, model_output)
    assert found.get(name) == "ORG", found


@pytest.mark.parametrize("text, surface", [
    ("Fighters of the al-Nusra Front withdrew on Monday.", "the al-Nusra Front"),
    ("Delegates of the de Gaulle Foundation arrived on Monday.", "the de Gaulle Foundation"),
])
def test_a_particle_after_the_stays_in_the_name(text, surface):
    assert _repaired(text, [(surface, "ORG")]).get(surface) == "ORG"


# ------------------------------------------------------------------------------------ the last word of a club's name
@pytest.mark.parametrize("text, surface", [
    ("Kilnsey Athletic and Dunmore Rovers have agreed to share the ground.", "Dunmore Rovers"),
    ("Fans of Ashby Wanderers marched on the town hall.", "Ashby Wanderers"),
    ("Analysts at Kestrel Securities said the truce held.", "Kestrel Securities"),
])
def test_a_club_or_a_firm_the_model_read_as_a_person_is_an_organisation_by_its_last_word(text, surface):
    assert _repaired(text, [(surface, "PERSON")]).get(surface) == "ORG"


def test_a_club_word_opening_a_name_does_not_end_it():
    text = "Athletic Bilbao Garcia scored twice."
    assert _repaired(text, [("Bilbao Garcia", "PERSON")]).get("Bilbao Garcia") == "PERSON"
