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


@pytest.mark.parametrize("paragraph, expected", [
    # a demand with its price for refusing it: the guidelines' "must first"
    ("The militia must first leave the bridges, or the truce will not last the month, Colonel Ivo Marsh said.",
     "conditional"),
    ("\u201cThe army must first hand back the villages it took, or this truce is only half a truce,\u201d said "
     "Colonel Ivo Marsh.", "conditional"),
])
def test_a_demand_with_its_price_is_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_the_fight_halting_with_its_price_is_no_condition():
    # what must happen is the truce itself: a call for it, whatever the price of not doing it
    assert stance_of("\u201cThe guns must fall silent by Friday, or the harvest will rot in the fields,\u201d said "
                     "Colonel Ivo Marsh of the truce.") != "conditional"


@pytest.mark.parametrize("paragraph, expected", [
    # the imperative asks first, the promise follows: a condition
    ("\u201cSend observers to the river and we will hold our fire the same night,\u201d said Colonel Ivo Marsh.",
     "conditional"),
    # the same promise with nothing asked first is a commitment
    ("\u201cWe will hold our fire from tonight,\u201d said Colonel Ivo Marsh.", "support"),
])
def test_a_promise_held_back_by_an_imperative(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_wish_with_let_is_no_condition():
    assert stance_of("\u201cLet the truce last until spring and we will rebuild the school,\u201d said Colonel Ivo "
                     "Marsh.") != "conditional"
