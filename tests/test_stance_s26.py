"""Stance readings of session 26 (issue #14): a call to leave the truce rejects it, a "must" beside a commitment sets
a condition, a "so-called" that introduces a proper name doubts no truce, what a truce trades is its terms, a
self-defence group's name keeps no truce, "answer to" someone is no threat, what is asked to be extended is the
appeal's, and a past passive of keeping tells what was done. Every sentence here is written for these tests (none
comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # a call on others to scrap or abandon the truce: who calls for it to go rejects it
    ("River nationalist groups have called on the government to scrap the ceasefire and retake the islands.",
     "oppose"),
    ("The mayor urged the council to abandon the truce.", "oppose"),
    # a call to keep it is a call for it
    ("\u201cWe urge both sides to respect the ceasefire,\u201d said Mayor Olga Brandt.", "support"),
])
def test_a_call_to_leave_the_truce_rejects_it(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a "must" asked of another beside the commitment: a condition
    ("\u201cWe are ready to extend the truce to every front, but the blockade on the port must end,\u201d said Mayor "
     "Olga Brandt.", "conditional"),
    ("Mayor Olga Brandt said the council was ready to study any proposal on the truce, but it must take into account "
     "the realities on the ground.", "conditional"),
    ("Mayor Olga Brandt said the council remained committed to the truce but would continue to act against any "
     "immediate threat.", "conditional"),
    # a "must" that wants the truce kept, or the speaker's own duty, sets no condition
    ("Mayor Olga Brandt said the council welcomed the truce but it must hold.", "support"),
    ("Mayor Olga Brandt said the council welcomed the truce but we must stay vigilant.", "support"),
    # the fight stopping first is the truce itself: a call for it
    ("\u201cWe say the guns must fall silent first, and then the airport can be discussed,\u201d said Mayor Olga "
     "Brandt.", "support"),
])
def test_a_must_beside_a_commitment_is_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "so-called" before a proper name introduces the name
    ("Neither side has signed the so-called Harbour proposal for a longer ceasefire.", "neutral"),
    # the truce's own name disowned: a doubt
    ("Mayor Olga Brandt said the so-called truce was a business deal between the generals.", "oppose"),
])
def test_a_so_called_name_doubts_no_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # what the arrangement trades: its terms
    ("The understanding committed the river militias to stop attacking the ferries in exchange for a halt to army "
     "airstrikes.", "neutral"),
    # an offer trading it, or a party's own trade, asks for it: a condition
    ("The offer proposed a 40-day pause in exchange for the withdrawal of the militias.", "conditional"),
    ("\u201cWe would accept a truce in return for the release of our prisoners,\u201d said Mayor Olga Brandt.",
     "conditional"),
])
def test_what_a_truce_trades_is_its_terms(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a self-defence group's name, and self-defence told in the past: no commitment
    ("The army said troops had acted in self-defence after an attack on a convoy during the truce.", "neutral"),
    # held to account by the elders: no threat of one's own
    ("\u201cWhoever breaks the truce first will answer to all the clans,\u201d said Mayor Olga Brandt.", "neutral"),
    ("\u201cIf they break the truce, we will answer any attack,\u201d said Mayor Olga Brandt.", "conditional"),
    # keeping told in the past passive: a claim, not a commitment
    ("\u201cThe truce was respected by our units,\u201d said Mayor Olga Brandt.", "neutral"),
    ("\u201cOur units will respect the truce,\u201d said Mayor Olga Brandt.", "support"),
    ("\u201cThe previous commitments under the truce were not honoured,\u201d said Mayor Olga Brandt.", "neutral"),
    # "out of respect for" tells why, and keeps the acceptance a position
    ("Mayor Olga Brandt said the council had accepted the truce out of respect for the elders.", "support"),
    # what an appeal asks to be extended is the appeal's: a call
    ("Mayor Olga Brandt said she would ask the committee to extend the truce zone to three more villages.",
     "support"),
])
def test_told_keeping_and_accountability_are_no_positions(paragraph, expected):
    assert stance_of(paragraph) == expected
