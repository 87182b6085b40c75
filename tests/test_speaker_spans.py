"""An unnamed source is named as a reader sees it: the noun phrase up to its head noun, without what only says
where or when the source is or what it took part in (house convention, 2026-12-07). Resolution still reads the
whole phrase. Every sentence here is written for these tests."""

from __future__ import annotations

from conftest import speaker_starting, war_speakers


def test_a_participle_of_taking_part_is_no_part_of_an_unnamed_sources_name():
    found = war_speakers(
        "A Norwegian official involved in the mediation said the ceasefire had held along the lake shore.",
        "Two Kenyan diplomats involved in drafting the text said the truce would be extended by a week.",
    )
    assert speaker_starting(found, "A Norwegian official") == "Norwegian official"
    assert speaker_starting(found, "Two Kenyan diplomats") == "Kenyan diplomats"


def test_a_named_place_time_or_role_after_the_head_noun_is_cut():
    found = war_speakers(
        "Village chiefs in Tanzania's Kigoma region said the ceasefire had let farmers return to the fields.",
        "The rebel commander for the northern sector said his fighters would respect the truce.",
        "Chad's defence minister at the time said the ceasefire was a trap for the army.",
    )
    assert speaker_starting(found, "Village chiefs") == "Village chiefs"
    assert speaker_starting(found, "The rebel commander") == "rebel commander"
    assert speaker_starting(found, "Chad's defence minister") == "Chad's defence minister"


def test_a_body_an_unnamed_spokesman_speaks_for_still_speaks():
    # the phrase after the head noun is cut from the name only when it names no body the source speaks for
    found = war_speakers(
        "The Lakeside Liberation Front attacked two villages on Monday.",
        "A spokesman for the Lakeside Liberation Front said the group would respect the ceasefire.",
    )
    assert speaker_starting(found, "A spokesman for") == "Lakeside Liberation Front"


def test_a_phrase_that_says_which_body_the_source_belongs_to_stays():
    found = war_speakers(
        "Members of the negotiating committee said the ceasefire would be signed on Friday in Arusha.",
    )
    assert speaker_starting(found, "Members of the") == "Members of the negotiating committee"


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
