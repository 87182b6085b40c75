"""A speaker named by the fullest name the article gives: a given name the small model leaves out at a sentence's
start, a name written again without its middle name, two defined acronyms joined by a slash (pipeline.nlp.model,
pipeline.nlp.resolve). Every sentence here is written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import speaker_starting as speaker_of
from conftest import war_speakers as speakers
from pipeline.nlp.model import load_nlp
from pipeline.nlp.resolve import _middle_dropped, _slash_pair


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """``newsdesk_places`` over ``model_output`` as the NER's spans: surface text -> label of doc.ents."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    return {e.text: e.label_ for e in nlp.get_pipe("newsdesk_places")(doc).ents}


@pytest.mark.parametrize("text, cut, whole", [
    # given names that end like an agent noun ("-ist", "-ian", "-er") but are no English noun
    ("Tirunesh Bekele Amsalu, who runs a tea stall by the depot, lost her shop in the shelling.",
     "Bekele Amsalu", "Tirunesh Bekele Amsalu"),
    ("Kristian Moller Dahl, who farms near the border, said the guns were quiet.",
     "Moller Dahl", "Kristian Moller Dahl"),
])
def test_a_given_name_opening_the_sentence_that_only_looks_like_a_role_is_part_of_the_name(text, cut, whole):
    assert _repaired(text, [(cut, "PERSON")]) == {whole: "PERSON"}


@pytest.mark.parametrize("text, name", [
    ("Curator Helen Ashdown said the exhibition would reopen.", "Helen Ashdown"),
    ("Guitarists Leon Marsh and Ada Crane played on.", "Leon Marsh"),
])
def test_a_real_role_noun_opening_the_sentence_stays_out_of_the_name(text, name):
    assert _repaired(text, [(name, "PERSON")]) == {name: "PERSON"}


def test_a_name_written_without_its_middle_name_is_the_person_named_in_full():
    assert _middle_dropped(["Farid Salem Haddad", "Nadia Osman"], "Farid Haddad") == "Farid Salem Haddad"
    # two people it could be, or none: left as written
    assert _middle_dropped(["Farid Salem Haddad", "Farid Omar Haddad"], "Farid Haddad") is None
    assert _middle_dropped(["Farid Salem Haddad"], "Omar Haddad") is None
    assert _middle_dropped(["Farid Salem Haddad"], "Haddad") is None


def test_a_later_mention_without_the_middle_name_speaks_as_the_full_name():
    found = speakers(
        "The commander of the Northern Front, Yusuf Abdi Warsame, said the ceasefire had been broken twice.",
        "Yusuf Warsame said on Friday that his fighters would respect the truce if the shelling stopped.",
    )
    assert speaker_of(found, "Yusuf Warsame said") == "Yusuf Abdi Warsame"


def test_two_defined_acronyms_joined_by_a_slash_name_the_first_body():
    defined = {"CUA": "Coastal Unity Alliance", "VLF": "Valley Liberation Front"}
    same = lambda name, label: name  # noqa: E731 - no name list in the way
    assert _slash_pair(SimpleNamespace(text="the CUA/VLF"), defined, same) == "Coastal Unity Alliance"
    # a half the article never defined, or both halves one body: the name lists decide, as before
    assert _slash_pair(SimpleNamespace(text="CUA/NDF"), defined, same) is None
    assert _slash_pair(SimpleNamespace(text="CUA/CUA"), defined, same) is None
    # the name list's name of a half is resolved to the article's ("AFC" -> a list's name -> the one written)
    listed = {"CUA": "Coast Alliance", "Coast Alliance": "Coastal Unity Alliance", "VLF": "Valley Liberation Front"}
    assert _slash_pair(SimpleNamespace(text="CUA/VLF"), listed, lambda n, label: listed.get(n, n)) \
        == "Coastal Unity Alliance"


def test_a_negation_inside_what_a_source_says_is_no_silence_of_the_source():
    found = speakers(
        "A Danish officer serving with the monitoring mission said his patrol had not been told of any truce "
        "in the valley.",
    )
    assert speaker_of(found, "A Danish officer") == "Danish officer serving with the monitoring mission"


def test_a_source_who_did_not_say_is_still_a_silence():
    found = speakers("The army did not say whether its troops would observe the ceasefire in the valley.")
    assert speaker_of(found, "The army did not say") is None


def test_a_cue_set_off_mid_sentence_with_its_source_described_is_that_source_s_say():
    found = speakers(
        "If the bridge stays open through the winter, said Pavel Marek Novak, a member of the village council, "
        "the elders will ask both sides to make the ceasefire permanent.",
    )
    assert speaker_of(found, "If the bridge stays open") == "Pavel Marek Novak"


def test_the_army_is_the_one_army_named_even_when_named_only_inside_someone_s_words():
    found = speakers(
        "Amina Yusuf Hassan runs a clinic in the camp. She told us by telephone that the Veldaran Armed Forces "
        "(VAF) and the Northern Front had both accepted the truce last week.",
        "Q: Who is flying the drones?",
        "A: People here say the drones are the army's. The army says it only strikes military targets and that "
        "the Northern Front broke the ceasefire first.",
    )
    assert speaker_of(found, "The army says") == "Veldaran Armed Forces"
