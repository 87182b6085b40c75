"""Speakers named as a reader expects them: timestamps, ranks, ages and possessive delegations. Every sentence here
is written for these tests."""

from __future__ import annotations

from conftest import speaker_starting, war_speakers


def test_a_live_blogs_time_dash_is_no_part_of_the_name_after_it():
    found = war_speakers(
        "14:20 GMT - Hezbollah says it will respect the ceasefire as long as the strikes on the south stop.",
    )
    assert speaker_starting(found, "14:20 GMT") == "Hezbollah"


def test_a_given_name_between_a_rank_and_the_surname_stays_in_the_name():
    # the small model may read "Brigadier General" as a body and keep only the last two words as the person
    found = war_speakers(
        "The army's spokesman, Brigadier General Than Zaw Htet, said there was no ceasefire with the rebels.",
    )
    assert speaker_starting(found, "The army's spokesman") == "Than Zaw Htet"


def test_a_description_by_age_is_the_person_the_story_named():
    found = war_speakers(
        "Amina Bello Yusuf walked to her maize field on Monday for the first time since the raids began.",
        "“The ceasefire has held in our village for a month,” said the 61-year-old village chairwoman.",
        "“If the gunmen keep to the truce, we will harvest everything,” the 61-year-old said.",
    )
    assert speaker_starting(found, "“The ceasefire has held") == "Amina Bello Yusuf"
    assert speaker_starting(found, "“If the gunmen") == "Amina Bello Yusuf"


def test_a_delegation_or_office_owned_by_a_person_speaks_for_that_person():
    found = war_speakers(
        "Ambassador Ingrid Halvorsen Moe said the council would meet again on Friday to discuss the ceasefire.",
        "Her delegation would not support any ceasefire text that left the siege of the city in place.",
    )
    assert speaker_starting(found, "Her delegation") == "Ingrid Halvorsen Moe"
