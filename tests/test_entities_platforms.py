"""Names found by their context or their head word (pipeline.nlp.model): "X" the platform where something is
posted, events and accords named by their head noun. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs


def _mentions(text: str) -> set[tuple[str, str]]:
    """(name, label) of every entity mention the pipeline keeps in one paragraph."""
    [analysis] = analyse_paragraphs([("p0", text)])
    return {(e.name, e.label) for e in analysis.entities}


@pytest.mark.parametrize("text", [
    "The rebel commander said in a post on X that his fighters would hold their fire.",
    "The coastguard wrote on X, hours after the talks ended, that two boats had been seized.",
    "Her deputy answered the charge in a long post on X. Nobody replied.",
    "The brigade shared the map on its X account on Sunday.",
])
def test_x_where_something_is_posted_is_the_platform(text):
    assert ("X", "ORG") in _mentions(text)


@pytest.mark.parametrize("text", [
    "Article X of the accord bars heavy guns from the valley.",
    "Doctors took an X-ray of the wounded driver.",
    "On X Street the bakeries reopened.",
    "The envoys agreed on X, Y and Z before the summit.",
    "Clause X was dropped on Monday.",
])
def test_the_letter_x_elsewhere_is_no_platform(text):
    assert not any(name == "X" for name, _ in _mentions(text))


# ------------------------------------------------------------------------------------------------ named events


@pytest.mark.parametrize("text, event", [
    ("The documentary took the jury prize at the Marrow Valley Film Festival in Lusaka on Sunday.",
     "Marrow Valley Film Festival"),
    ("Both teams reached the Pacific Rim Cup final.", "Pacific Rim Cup"),
    ("The singers made up backstage at the Sunline Music Awards.", "Sunline Music Awards"),
    ("Both armies said they would honour the 2019 Tessaly Agreement's withdrawal clause.", "Tessaly Agreement"),
    ("The Cessation of Hostilities Accord signed in Arusha ended the war.", "Cessation of Hostilities Accord"),
    ("In line with the Dunmore Declaration, the militia handed over its guns.", "Dunmore Declaration"),
    ("Riot police stood between the stands during the Old Harbour Derby.", "Old Harbour Derby"),
])
def test_capitalised_words_ending_in_an_event_head_are_an_event(text, event):
    assert (event, "EVENT") in _mentions(text)


def test_the_place_an_event_is_held_in_is_no_part_of_its_name():
    found = _mentions("The documentary took the jury prize at the Marrow Valley Film Festival in Lusaka on Sunday.")
    assert ("Lusaka", "GPE") in found and not any(name.endswith("in Lusaka") for name, _ in found), found


@pytest.mark.parametrize("text", [
    "The Agreement was signed on Monday.",  # the head alone names nothing
    "Ironbell Games released the strategy title on Friday.",  # "Games" is no event head: a studio's name
    "The envoys signed an agreement with the Ministry of Defence.",  # lower case: no name
])
def test_an_event_head_without_a_name_before_it_makes_no_event(text):
    assert not any(label == "EVENT" for _, label in _mentions(text))


# ------------------------------------------------------------------------------------------------ datelines, acronyms


@pytest.mark.parametrize("text, outlet", [
    ("Gulu, March 4 (Acholi Evening Courier) - The rebels said on Monday they would hold their fire.",
     "Acholi Evening Courier"),
    ("Malakal (Radio Nileside English) — The governor said the road would reopen.", "Radio Nileside"),
])
def test_the_outlet_in_brackets_before_a_dateline_dash_is_an_organisation(text, outlet):
    assert (outlet, "ORG") in _mentions(text)


def test_brackets_after_the_opening_words_without_a_dateline_dash_name_no_outlet():
    found = _mentions("Officials (Some Of Them Armed) met the envoys on Monday.")
    assert not any(name.startswith("Some Of") for name, _ in found), found


@pytest.mark.parametrize("text, long_form, acronym, label", [
    ("Shelling went on along the Line of Contact (LoC), with both armies blaming the other.",
     "Line of Contact", "LoC", "LOC"),
    ("The Cessation of Hostilities Accord (CoHA) signed in Arusha ended the war.",
     "Cessation of Hostilities Accord", "CoHA", "EVENT"),
])
def test_a_mixed_case_acronym_a_name_defines_takes_the_names_label_and_the_bracket_ends_the_name(
        text, long_form, acronym, label):
    found = _mentions(text)
    assert (long_form, label) in found and (acronym, label) in found, found


@pytest.mark.parametrize("text, name, label", [
    ("Moscow wants Kyiv out of the Luhansk People's Republic before any talks.", "Luhansk People's Republic", "GPE"),
    ("Clan militias and Jubaland forces agreed a local truce.", "Jubaland", "GPE"),
    ("The envoy said the displaced must go home to Western Tigray first.", "Western Tigray", "LOC"),
    ("The statement was signed for the Sahrawi Arab Democratic Republic.", "Sahrawi Arab Democratic Republic", "GPE"),
])
def test_states_and_zones_of_current_conflicts_are_in_the_gazetteer(text, name, label):
    assert (name, label) in _mentions(text)


@pytest.mark.parametrize("text, name, label", [
    ("Trucks were turned back at Zikim and at Kerem Shalom on Friday.", "Zikim", "FAC"),
    ("Tanks stayed along the Netzarim corridor overnight.", "Netzarim Corridor", "LOC"),
    ("A nurse in Mocímboa da Praia said the clinic had reopened.", "Mocímboa da Praia", "GPE"),
])
def test_crossings_corridors_and_towns_of_current_conflicts_are_found_whole(text, name, label):
    found = _mentions(text)
    assert (name, label) in found and ("Praia", "GPE") not in found, found


def test_a_listed_crossing_opening_a_crossings_name_stays_a_facility():
    found = _mentions("Convoys queued at the Zikim crossing from dawn.")
    assert ("Zikim", "FAC") in found and ("Zikim", "GPE") not in found, found


# ------------------------------------------------------------------------------------------------ small repairs


def test_the_year_after_an_events_name_is_no_part_of_it():
    found = _mentions("The first match was played on Armistice Day 1931 behind the mill.")
    assert ("Armistice Day", "EVENT") in found, found


def test_a_stadium_the_model_read_as_an_event_is_a_facility():
    found = _mentions("Tickets for the final at the Harbourside International Stadium sold out within an hour.")
    assert ("Harbourside International Stadium", "FAC") in found, found


@pytest.mark.parametrize("text, person", [
    ("By Kofi Mensah-Boateng | The Tamale Herald | Opinion", "Kofi Mensah-Boateng"),
    ("By Lucia Ferrante", "Lucia Ferrante"),
])
def test_the_name_in_a_byline_is_a_person(text, person):
    assert (person, "PERSON") in _mentions(text)


def test_by_opening_a_sentence_is_no_byline():
    assert not any(label == "PERSON" for _, label in _mentions("By Air Tanzania, the envoys flew to Dodoma."))


def test_two_events_joined_by_and_are_two_events_and_the_paragraph_is_analysed():
    # the second head's name once ran back over the first event: two spans on one word stopped the whole run
    found = _mentions("Tickets sold out for the Harbour Cup and Lakeside Cup Finals this week.")
    assert ("Harbour Cup", "EVENT") in found and ("Lakeside Cup", "EVENT") in found, found


# ------------------------------------------------------------------------------------ transcript speaker labels


def _people(text: str) -> set[str]:
    return {name.casefold() for name, label in _mentions(text) if label == "PERSON"}


@pytest.mark.parametrize("text, person", [
    ("SENATOR MARISOL DEVANTERA: Mr. President, I rise to support the resolution on the truce.", "Marisol Devantera"),
    ("COUNCILLOR DEVANTERA: I will vote for it, but only if the monitors go back.", "Devantera"),
    ("OKELLO (CALLER, GULU): The shelling stopped on Tuesday night and we slept.", "Okello"),
    ("LINA OKAFOR, PRESENTER: Good evening, and welcome to the programme.", "Lina Okafor"),
    ("HASSAN BARRE-WALI (Kenya), speaking for the regional bloc, said the truce had held.", "Hassan Barre-Wali"),
    ("BRIGADIER GENERAL TOMAS ARDEN: Our units are holding their positions.", "Tomas Arden"),
])
def test_a_transcripts_speaker_label_in_capitals_is_a_person(text, person):
    assert person.casefold() in _people(text), _mentions(text)


@pytest.mark.parametrize("text", [
    "PRESENTER: Welcome back to the programme after the news.",
    "UPDATE: The talks resumed in the capital on Monday.",
    "OKELLO: The shelling stopped on Tuesday night.",  # a lone word with nothing to say it is a name
    "KAMPALA: Talks between the two sides resumed on Monday.",
    "UNITED NATIONS (Reuters): The council met behind closed doors.",
    "SITUATION OVERVIEW: Fighting eased in the north after the truce.",  # a section's heading
])
def test_a_label_that_names_no_one_is_no_person(text):
    label = text.split(":")[0].split(" (")[0].casefold()
    assert label not in _people(text), _mentions(text)


def test_a_shouted_speakers_name_is_written_as_a_name():
    found = _mentions("MURAD SAEED AL-ABSI (driver): The road to the port opened on Monday.")
    assert ("Murad Saeed al-Absi", "PERSON") in found, found


@pytest.mark.parametrize("text, name", [
    ("TOMASZ WIERZBICKI (Norland) said his delegation would fund the monitors along the river.", "Tomasz Wierzbicki"),
    ("ILSE MARGARETHE KORHONEN (Republic of Veldara) agreed, adding that the truce was holding.",
     "Ilse Margarethe Korhonen"),
])
def test_a_delegate_shouted_before_the_delegation_in_brackets_is_a_person(text, name):
    # a meeting summary's "NAME (Country) said": the capitals are the delegate, the bracket the delegation
    found = _mentions(text)
    assert (name, "PERSON") in found, found
