"""Stance readings of session 30 (issue #14): a refusal reported in the past tense still sets its condition ("said
there could be no ceasefire while their commander remained in prison"), a demand with its price ("X must first
leave, or the truce will not last"), a promise held back by an imperative ("send observers and we will hold our
fire") and a return to war foretold of the other side ("they will start again"). Every sentence here is written
for these tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # the saying's past tense carries over to the condition's clause: still a condition set
    ("The rebels said there could be no ceasefire while their commander remained in prison.", "conditional"),
    ("Colonel Ivo Marsh told reporters the army could suspend the truce at any time if the militia attacked the "
     "ferries.", "conditional"),
])
def test_a_backshifted_condition_is_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_past_clause_beside_a_told_fact_sets_no_condition():
    # no modal on the main verb: what was, not what could be
    assert stance_of("There was no ceasefire while the rebels held the town, Colonel Ivo Marsh said.") != "conditional"


@pytest.mark.parametrize("paragraph, expected", [
    # the other side starting again, nothing named: the war again, a doubt that the truce will last
    ("Colonel Ivo Marsh said of the truce: \u201cWhen the harvest is in, they will start again.\u201d", "oppose"),
])
def test_the_other_side_starting_again_is_a_doubt(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_talks_starting_again_are_no_doubt():
    assert stance_of("Colonel Ivo Marsh said of the truce: \u201cWhen the harvest is in, they will start the talks "
                     "again.\u201d") != "oppose"
