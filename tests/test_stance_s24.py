"""Stance readings of session 24 (issue #14): a question that asks the one addressed to act is a call, a refusal
reported in a clause on a noun belongs to that clause's party, the truce weighed against its alternative is
defended, a refusal negated is openness, and an appeal in the speaker's own voice is a call. Every sentence here is
written for these tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # "will" before the addressee and a verb of acting: a request, the guidelines' "calls for"
    ("Will the Minister urge the river council to extend the truce before the winter?", "support"),
    ("Will the Secretary press the mediators to send monitors to the river towns?", "support"),
    # other questions stay rhetorical doubt
    ("Will the Minister accept that the truce exists only on paper?", "oppose"),
    ("Will the river council accept the truce?", "oppose"),
    ("Does the Secretary agree that the truce is a sham?", "oppose"),
    # a wh-word opens a challenge, not a request; "support", "use" ask what the addressee thinks or will do with
    # the truce, not that it act for it
    ("\u201cWhy would the Minister back a truce that hands the river towns to the militias?\u201d", "oppose"),
    ("\u201cWill the Secretary use this truce to arm the river brigades?\u201d", "oppose"),
    ("\u201cWould the Chancellor support a truce that rewards the shelling of the towns?\u201d", "oppose"),
    # "make" asks to act only in "make clear"
    ("Will the Secretary make clear to the militias that they must respect the truce?", "support"),
    ("\u201cWill the Government make this truce a cover for arming the river brigades?\u201d", "oppose"),
])
def test_a_request_put_as_a_question_is_a_call(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a named other party's refusal, told in a clause on a noun, is not the speaker's
    ("The brigade said it would halt attacks for the holidays, a move the government dismissed as a ploy.",
     "support"),
    # a forecast in that clause is the speaker's own judgement
    ("\u201cThe truce is a pause which the regime will use to rearm,\u201d said Mayor Olga Brandt.", "oppose"),
])
def test_a_refusal_in_a_clause_on_a_noun_is_its_subjects(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("But the alternative to an imperfect truce on the river is not a perfect one.", "support"),
    ("\u201cThe alternative to this truce is a return to the trenches,\u201d said Mayor Olga Brandt.", "support"),
    # the truce dismissed in the alternative's own phrase: the speaker does not defend it
    ("\u201cThe alternative to this farce of a truce is more pressure on the river militias,\u201d said Mayor Olga "
     "Brandt.", "oppose"),
    ("\u201cThe alternative to this sham ceasefire is tougher sanctions on the brigades,\u201d said Mayor Olga Brandt.",
     "oppose"),
])
def test_the_truce_weighed_against_its_alternative(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a refusal negated is openness to the truce
    ("\u201cWe do not reject a ceasefire on the river,\u201d said Mayor Olga Brandt.", "support"),
    ("\u201cWe are not against a ceasefire on the river,\u201d said Mayor Olga Brandt.", "support"),
    # any other negated predicate over the truce is still a refusal
    ("\u201cWe do not negotiate ceasefires with bandits,\u201d said Mayor Olga Brandt.", "oppose"),
    # a doubt in another clause speaks first: the refusal denied is only a concession before it
    ("\u201cWe do not reject the truce on the river, but it will not survive the spring floods,\u201d said Mayor Olga "
     "Brandt.", "oppose"),
    ("\u201cWe do not oppose this ceasefire, but we will not honour it either,\u201d said Mayor Olga Brandt.", "oppose"),
])
def test_a_refusal_negated_is_openness(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("\u201cWe invite the militias to do the same on the river,\u201d said Mayor Olga Brandt.", "support"),
    ("\u201cWe are pressing both parties to move to the second phase without delay,\u201d said Mayor Olga Brandt.",
     "support"),
    ("Mayor Olga Brandt said she would ask the truce committee to widen the pullback zone to three more villages.",
     "support"),
    # an appeal told in the perfect reports an act; asking others to verify is the truce's mechanics
    ("“We have asked the agency to send monitors to the river towns,” said Mayor Olga Brandt.", "neutral"),
    ("“We ask the mission to monitor compliance with the truce on the river,” said Mayor Olga Brandt.",
     "neutral"),
])
def test_an_appeal_in_the_speakers_own_voice_is_a_call(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph", [
    # asking one's own side to fight on is no call for the truce (what it is, the rules read elsewhere)
    "\u201cI ask our units to resume the offensive at dawn despite the truce,\u201d said Mayor Olga Brandt.",
    "\u201cWe ask the river brigades to keep fighting whatever the truce says,\u201d said Mayor Olga Brandt.",
])
def test_an_appeal_to_fight_on_is_no_call_for_the_truce(paragraph):
    assert stance_of(paragraph) != "support"
