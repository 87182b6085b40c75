"""Who speaks when a body's role is named with its holder in apposition, and a coalition's slash-joined name.
Every sentence here is written for these tests."""

from __future__ import annotations

from conftest import resolved_article, speaker_starting, war_speakers


def test_the_person_in_apposition_to_a_bodys_role_speaks_not_the_body_before_it():
    # the model may read the unfamiliar body's name before "spokesman" as a person's
    found = war_speakers(
        "An Ubangi Kpa Lomo spokesman, Jean-Marc Ndoye, said the group had signed the ceasefire for the sake of "
        "the river villages.",
    )
    assert speaker_starting(found, "An Ubangi Kpa Lomo spokesman") == "Jean-Marc Ndoye"


def test_a_subject_after_an_opening_participle_phrase_is_the_speaker():
    # the small model hangs "a deputy information minister, X," on "Lagos" as an apposition
    found = war_speakers(
        "Speaking by phone from Lagos, a deputy information minister, Ada Nwosu Okafor, said the rebels had used "
        "the ceasefire to rearm.",
    )
    assert speaker_starting(found, "Speaking by phone") == "Ada Nwosu Okafor"


def test_an_opening_participle_phrase_without_a_set_off_subject_changes_nothing():
    found = war_speakers("Speaking in Geneva on Monday, the envoy said the ceasefire had held along the river.")
    assert speaker_starting(found, "Speaking in Geneva") != "Geneva"


def test_a_body_speaking_through_its_named_official_gives_the_officials_words():
    found = war_speakers(
        "The government said through its defence minister, Omar Haddad, that it would respect the ceasefire.",
        "In a press statement signed by its deputy spokesman, Paul Deng Malual, the movement said the ceasefire "
        "was a trick to buy time.",
    )
    assert speaker_starting(found, "The government said through") == "Omar Haddad"
    assert speaker_starting(found, "In a press statement") == "Paul Deng Malual"


def test_a_body_speaking_through_an_unnamed_role_stays_the_source():
    found = war_speakers(
        "The Northern Riverine Front said through its spokesman that it would respect the ceasefire.",
        "In a communiqué signed by its central command, the Northern Riverine Front said the ceasefire was a trick.",
    )
    assert speaker_starting(found, "The Northern Riverine Front said") == "Northern Riverine Front"
    assert speaker_starting(found, "In a communiqué") == "Northern Riverine Front"


def test_a_slash_joined_coalition_name_is_one_name_as_written():
    # the name list calls the coalition by one of its halves; the article writes the whole, its fullest name
    _, nlp = resolved_article(
        "The Alliance Fleuve Congo/March 23 Movement said on Sunday it would respect the ceasefire in the hills.",
        "Eight days after Kinshasa and the M23/Alliance Fleuve Congo signed the ceasefire, shelling resumed.",
    )
    names = {m.name for m in nlp.mentions if m.label == "ORG"}
    assert "Alliance Fleuve Congo/March 23 Movement" in names
    assert "M23/Alliance Fleuve Congo" in names
    assert speaker_starting({s.text: s.speaker for s in nlp.statements}, "The Alliance Fleuve Congo") \
        == "Alliance Fleuve Congo/March 23 Movement"


def test_slash_joined_places_and_acronym_pairs_are_not_joined():
    from types import SimpleNamespace

    from pipeline.nlp.analyse import _slash_joined, _slash_written

    assert not _slash_written("ORG", "AFC/M23")
    assert not _slash_written("ORG", "SPLM/A-in-Opposition")
    assert not _slash_written("GPE", "North Vale/South Vale")
    assert _slash_written("ORG", "the Popular Alliance for Liberty/National Movement")
    text = "KYIV/MOSCOW"
    places = [SimpleNamespace(start=0, end=4, label="GPE"), SimpleNamespace(start=5, end=11, label="GPE")]
    assert len(_slash_joined(places, text)) == 2


def test_the_publications_own_reporter_is_no_speaker():
    found = war_speakers(
        "Our correspondent in Marlow reports that the ceasefire is holding, with no shelling since midday.",
        "The two armies reaffirmed the ceasefire on their hotline last week, according to your own correspondent.",
        "The army's spokesman told our correspondent that the ceasefire would hold until the spring.",
    )
    assert speaker_starting(found, "Our correspondent in Marlow") is None
    assert speaker_starting(found, "The two armies reaffirmed") is None
    # the reporter who is told is no source either way: the one who tells speaks
    assert speaker_starting(found, "The army's spokesman told") is not None
