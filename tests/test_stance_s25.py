"""Stance readings of session 25 (issue #14): an appeal to fight on is no call for the truce, a charge
denied under the speaker's own name for it is a claim of compliance, a
"so-called" line of the map doubts no truce, a party announcing its truce prolonged declares it again, and a
participle before the truce ("the proposed truce") tells which truce. Every sentence here is written for these tests
(none comes from a set)."""

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
    # the charge denied, under the speaker's own name for it: a claim of compliance
    ("The militias' spokesman rejected what he called \u201cthe recycled accusations\u201d of the army.", "neutral"),
    ("The militias' spokesman said they had observed the ceasefire and rejected what he called baseless "
     "accusations of shelling the ferry.", "neutral"),
    # what is so named is the truce: a refusal
    ("The militias' spokesman rejected what he called a sham truce.", "oppose"),
])
def test_a_charge_denied_by_its_own_name_is_a_claim_of_compliance(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the irony disowns a line of the map's name, not the truce
    ("\u201cEvery day fishermen are shot near the so-called blue line, and every day we remind the army of its "
     "obligations under the truce,\u201d said Mayor Olga Brandt.", "neutral"),
    # the truce's own name disowned: a doubt
    ("Mayor Olga Brandt said the so-called truce was a business deal between the generals.", "oppose"),
])
def test_a_so_called_line_doubts_no_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a party announcing its truce prolonged, in the passive: its truce declared again
    ("The army command announces that the ceasefire with the river militias will be extended for 90 days from 5 "
     "December.", "support"),
    ("The river council announces that the truce is extended until 31 December.", "support"),
    # a mediator announcing it: an announcement
    ("The mediators announced that the ceasefire will be extended by 48 hours.", "neutral"),
])
def test_a_party_announcing_its_truce_prolonged_declares_it(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a participle before the truce tells which truce: nobody proposes it in this sentence
    ("The council met this morning to consider the proposed thirty-day truce on the river, as fighting went on near "
     "the ferry.", "neutral"),
    # a proposal made is still one
    ("\u201cWe have proposed a thirty-day truce on the river,\u201d said Mayor Olga Brandt.", "support"),
])
def test_a_participle_before_the_truce_names_it(paragraph, expected):
    assert stance_of(paragraph) == expected
