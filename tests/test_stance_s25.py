"""Stance readings of session 25 (issue #14): an appeal to fight on is no call for the truce, and a series of earlier
truces used to rearm is a doubt.
Every sentence here is written for these tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # the speaker's side told to fight on despite the truce: it rejects the truce in deed
    ("\u201cWe urge our river brigades to attack the army's posts despite the ceasefire,\u201d said Mayor Olga "
     "Brandt.", "oppose"),
    ("\u201cWe call on our fighters to keep up the offensive whatever the truce says,\u201d said Mayor Olga Brandt.",
     "oppose"),
    # asking others not to fight, or to keep the truce, is a call for it
    ("Mayor Olga Brandt said the council would keep the truce and called on the other brigades not to attack the "
     "ferry.", "support"),
    ("\u201cWe urge both sides to respect the ceasefire,\u201d said Mayor Olga Brandt.", "support"),
])
def test_an_appeal_to_fight_on_rejects_the_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a series of earlier truces used by a party for its own ends, cited by a speaker: a doubt
    ("\u201cThe militias have used every previous pause to move guns closer to the ferry,\u201d said Mayor Olga "
     "Brandt.", "oppose"),
    ("Mayor Olga Brandt told the Courier that the militias had used past holiday truces to rest and recruit.",
     "oppose"),
    # one truce ("the last"), or the speaker's side using them: no record of abuse cited
    ("\u201cThey used the last truce to bring up shells, and they are doing it again now,\u201d said Mayor Olga "
     "Brandt.", "neutral"),
    ("\u201cWe used every previous pause to rebuild the school,\u201d said Mayor Olga Brandt.", "neutral"),
])
def test_earlier_truces_used_to_rearm_are_a_doubt(paragraph, expected):
    assert stance_of(paragraph) == expected
