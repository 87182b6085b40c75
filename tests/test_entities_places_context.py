"""English entities: places the model guessed were people or bodies, named by the words around them (lists,
"the edge of", "N km north of"), and parliamentary seats (sentences written for these tests; the towns are
invented so no place list knows them)."""

from __future__ import annotations

import pytest

from test_entities import _repaired


def test_a_hyphenated_list_member_after_a_place_is_a_place():
    found = _repaired("Clashes went on in Marib, Taiz and al-Qarnah through the week.",
                      [("Marib", "GPE"), ("Taiz", "GPE"), ("al-Qarnah", "ORG")])
    assert found.get("al-Qarnah") == "GPE", found


# ------------------------------------------------------------------------------------------- parliamentary seats


def test_a_seat_in_a_speaker_label_is_a_place():
    found = _repaired("Amelia Thorncroft (Wexley Marsh) (Lab): I thank the Minister for his answer.",
                      [("Amelia Thorncroft", "PERSON"), ("Wexley Marsh", "PERSON")])
    assert found.get("Wexley Marsh") == "GPE" and found.get("Amelia Thorncroft") == "PERSON", found


def test_a_seat_of_two_names_before_the_colon_is_one_place():
    found = _repaired("Sir Roland Quaife (Ashby and Fenton): Will she give way?",
                      [("Roland Quaife", "PERSON"), ("Fenton", "PERSON")])
    assert found.get("Ashby and Fenton") == "GPE" and found.get("Roland Quaife") == "PERSON", found


def test_a_party_alone_in_brackets_is_no_seat():
    found = _repaired("Jane Orlick (Con): No.", [("Jane Orlick", "PERSON"), ("Con", "ORG")])
    assert found.get("Con") == "ORG" and found.get("Jane Orlick") == "PERSON", found


def test_the_member_for_a_seat_names_a_place():
    found = _repaired("The debate was opened by Dafydd Rees, the Member for Carnbrook West.",
                      [("Dafydd Rees", "PERSON"), ("West", "NORP")])
    assert found.get("Carnbrook West") == "GPE" and found.get("Dafydd Rees") == "PERSON", found


@pytest.mark.parametrize("text, model_output, name", [
    ("The strike hit a farm on the edge of Tal Varesh before dawn.", [("Tal Varesh", "ORG")], "Tal Varesh"),
    ("Troops dug in 12 km north of Kessomar overnight.", [("Kessomar", "PERSON")], "Kessomar"),
])
def test_a_guess_placed_relative_to_by_of_is_a_place(text, model_output, name):
    found = _repaired(text, model_output)
    assert found.get(name) == "GPE", found


@pytest.mark.parametrize("text, model_output, name", [
    ("The village head of Tudun Varesh said the gunmen had left.", [("Tudun Varesh", "PERSON")], "Tudun Varesh"),
    ("The district chief of Rigar Kessom told reporters the road was open.", [("Rigar Kessom", "PERSON")],
     "Rigar Kessom"),
    ("The mayor of Dalvoni Kessa said the market had reopened.", [("Dalvoni Kessa", "PERSON")], "Dalvoni Kessa"),
])
def test_a_guess_a_local_office_is_of_is_a_place(text, model_output, name):
    # a village's head or a mayor heads a place: the name after "of" is no person
    found = _repaired(text, model_output)
    assert found.get(name) == "GPE", found


def test_the_head_of_a_name_with_no_unit_before_keeps_the_models_reading():
    # "the head of X" alone may head a body or a family: only a unit before the head makes X a place
    found = _repaired("The head of Ilsa Varenko's office said the talks would go on.",
                      [("Ilsa Varenko", "PERSON")])
    assert found.get("Ilsa Varenko") == "PERSON", found
