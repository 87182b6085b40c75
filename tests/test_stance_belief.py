"""Belief in a truce withheld (stance_frames.toml [doubt] wagering/believing) and a truce called a trick or a
tactic (evaluation.toml [condemned]). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import last_paragraph_stance

stance_of = last_paragraph_stance


TRUCE = "The army and the rebels agreed a three-day ceasefire around the river port of Kesh on Monday."


@pytest.mark.parametrize("paragraph, expected", [
    # a negated staking of plans on it: doubt
    ("\u201cI would not bet on the ceasefire,\u201d said Ida Moll, a grain trader in Kesh.", "oppose"),
    ("\u201cNobody here should count on this ceasefire,\u201d said Ida Moll, a grain trader in Kesh.", "oppose"),
    # staked on it, not negated: no doubt
    ("\u201cWe are counting on the ceasefire to get the harvest in,\u201d said Ida Moll, a grain trader in Kesh.",
     "neutral"),
    # belief put off to a later moment: doubt
    ("\u201cI will believe in the ceasefire when my sons come home,\u201d said Ida Moll, a grain trader in Kesh.",
     "oppose"),
    # a belief that is not put off says no doubt
    ("\u201cI believe the ceasefire will give us a quiet week,\u201d said Ida Moll, a grain trader in Kesh.",
     "neutral"),
])
def test_belief_withheld(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the truce called a trick, a manoeuvre or a tactic: a condemnation
    ("\u201cThe ceasefire is a cheap trick,\u201d said the opposition leader Tomas Reyl.", "oppose"),
    ("\u201cThis ceasefire is a stalling tactic,\u201d said the opposition leader Tomas Reyl.", "oppose"),
    # manoeuvres held elsewhere in the sentence are exercises, not a verdict on the truce
    ("During the ceasefire, troops held manoeuvres near the port, the defence ministry said.", "neutral"),
])
def test_called_a_trick(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a lifespan granted the truce ([doubt] lifespan): doubt
    ("\u201cI give the ceasefire until the first rains,\u201d said Ida Moll, a grain trader in Kesh.", "oppose"),
    ("Traders in Kesh give the ceasefire until the end of the harvest at best.", "oppose"),
    # given something, no span: no doubt
    ("\u201cWe will give the ceasefire every chance,\u201d said Ida Moll, a grain trader in Kesh.", "neutral"),
    # a deadline given people to act: no lifespan of the truce
    ("\u201cWe give them until Friday to withdraw from the bridge,\u201d said Mayor Olga Brandt.", "neutral"),
    ("\u201cWe give it until Friday to withdraw from the bridge,\u201d said Mayor Olga Brandt.", "neutral"),
])
def test_a_lifespan_granted(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected

