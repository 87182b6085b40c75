"""Transcript and debate speaker labels: who speaks a labelled turn. Every sentence here is written for these
tests."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import speaker_starting, war_speakers


def test_a_debate_members_label_with_constituency_and_party_names_the_speaker():
    found = war_speakers(
        "Orla Kestrel (Dravenmoor North) (Lab): The ceasefire on the river has held for a month. It must now be "
        "extended to the hill districts before the winter.",
    )
    assert speaker_starting(found, "Orla Kestrel (Dravenmoor North)") == "Orla Kestrel"
    # the turn goes on over the paragraph's sentences
    assert speaker_starting(found, "It must now be extended") == "Orla Kestrel"


def test_a_label_bracket_the_parse_takes_for_a_subject_is_no_third_party():
    # "(SNP): The figures show ...": the small model may make the party the subject of "show"
    found = war_speakers(
        "Tomas Brenner (Riverside East) (SNP): The mission's own figures show that since the ceasefire began, "
        "shelling of the river towns has fallen by half.",
    )
    assert speaker_starting(found, "Tomas Brenner (Riverside East)") == "Tomas Brenner"


def test_the_hon_member_addressed_in_a_question_is_not_the_speaker():
    found = war_speakers(
        "Tomas Brenner (Riverside East) (Con): Does the hon. Lady accept that the rebels have used the ceasefire "
        "to rearm along the river?",
    )
    assert all(s == "Tomas Brenner" for s in found.values()), found


def test_a_shouted_label_the_model_cuts_short_is_the_whole_name():
    found = war_speakers(
        "PRESENTER: Our guest is the army's spokesman. Will you keep to the ceasefire?",
        "ORLA MAIREAD KESTREL: Completely. Our units pulled back from the river on Sunday night under the "
        "ceasefire, and they are there now.",
    )
    speaker = speaker_starting(found, "Our units pulled back")
    assert speaker is not None and speaker.casefold() == "orla mairead kestrel"


def test_a_shouted_label_with_a_role_in_brackets_is_the_name_not_the_role():
    found = war_speakers(
        "PRESENTER: A caller from the river towns. Go ahead.",
        "MAIREAD (caller, Dravenmoor): Every night I pray that this ceasefire holds along the river.",
    )
    speaker = speaker_starting(found, "MAIREAD (caller")
    assert speaker is not None and speaker.casefold() == "mairead"


def test_a_shouted_label_is_read_whole_unless_an_entity_spans_it():
    from types import SimpleNamespace

    from pipeline.nlp.attribution import _shouted_label
    assert _shouted_label("ORLA MAIREAD KESTREL", 0, 20, [SimpleNamespace(start=0, end=12)]) == "Orla Mairead Kestrel"
    assert _shouted_label("GENERAL ORLA KESTREL", 0, 20, []) == "Orla Kestrel"  # the title is no part of the name
    assert _shouted_label("ORLA KESTREL", 0, 12, [SimpleNamespace(start=0, end=12)]) is None  # the entity's reading
    assert _shouted_label("Orla Kestrel", 0, 12, []) is None  # not shouted


def test_a_source_inside_the_label_is_not_a_third_party_the_turn_reports():
    from pipeline.nlp.attribution import _Event, _inside_turn
    turn = _Event(30, 120, (28, 29), None, (0, 12), "label:colon")
    in_label = _Event(45, 120, (40, 44), None, (20, 23), "verb")
    in_words = _Event(60, 120, (55, 59), None, (30, 40), "verb")
    assert not _inside_turn(in_label, [turn])
    assert _inside_turn(in_words, [turn])


def test_a_members_later_labels_by_title_and_surname_name_the_member_in_full():
    found = war_speakers(
        "SENATOR ORLA KESTREL: The ceasefire in the river districts has held for a month and must be renewed.",
        "SENATOR TOMAS BRENNER: Will the lady yield?",
        "SENATOR KESTREL: Gladly. The rebels have kept to the ceasefire since the monitors returned.",
        "SENATOR BRENNER: The ceasefire is cover for rearming, and I will not vote to renew it.",
    )
    assert speaker_starting(found, "SENATOR ORLA KESTREL").casefold() == "orla kestrel"
    assert speaker_starting(found, "The rebels have kept").casefold() == "orla kestrel"
    assert speaker_starting(found, "SENATOR BRENNER").casefold() == "tomas brenner"


def test_a_shouted_label_drops_its_title_down_to_the_surname():
    from pipeline.nlp.attribution import _shouted_label
    assert _shouted_label("SENATOR KESTREL", 0, 15, []) == "Kestrel"
    # the model's body read in a titled label's capitals is not the name
    assert _shouted_label("SENATOR ORLA KESTREL", 0, 20, [SimpleNamespace(start=0, end=20)]) == "Orla Kestrel"
    assert _shouted_label("PRESIDENT", 0, 9, []) == "President"  # a title alone stays what it is


def test_a_source_described_by_the_reporters_own_clause_is_a_third_party_in_a_turn():
    # "a farmer I met": the "I" is the correspondent describing the source, not the source speaking for itself
    found = war_speakers(
        "PRESENTER: What are people saying by the river?",
        "MAIREAD KESTREL: A ferryman I met this morning, Tomas Brenner, told me the ceasefire had let him "
        "cross the river for the first time in a year.",
    )
    assert speaker_starting(found, "MAIREAD KESTREL: A ferryman").casefold() == "tomas brenner"


def test_a_delegate_shouted_before_the_delegation_is_the_speaker_not_the_delegation():
    # a meeting summary: "NAME (Country) said ...", then "he" in the same paragraph is the delegate
    found = war_speakers(
        "The Council met on Tuesday to consider the proposed truce along the river.",
        "TOMASZ WIERZBICKI (Norland) said his delegation would fund the monitors of the truce. The parties must "
        "\u201chold their fire first and talk later\u201d, he said.",
    )
    for start in ("TOMASZ WIERZBICKI", "The parties must"):
        speaker = speaker_starting(found, start)
        assert speaker is not None and speaker.casefold() == "tomasz wierzbicki", found


def test_a_surname_label_the_model_ran_into_the_turns_words_is_the_member_named_in_full_before():
    # the small model may tag "AL-RASHID: Monitors" as one body: the label's words stop at the colon, so the
    # later surname turn is the speaker the earlier turn named in full
    from pipeline.nlp.resolve import _label_person, _label_words
    assert _label_words("AL-RASHID: Monitors") == "AL-RASHID"
    assert _label_words("Karim al-Rashid") == "Karim al-Rashid"
    earlier = [SimpleNamespace(rule="label:colon", speaker="Karim Hassan al-Rashid", speaker_entity_id="p1")]
    turn = SimpleNamespace(speaker_name="AL-RASHID: Monitors", speaker_text="AL-RASHID")
    assert _label_person(turn, earlier, []) == ("Karim Hassan al-Rashid", "p1")
