"""Forecasts of a truce's failure (stance_frames.toml [doubt] outliving, the violation rule yielding to a
forecast). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import last_paragraph_stance

stance_of = last_paragraph_stance


TRUCE = "The army and the rebels agreed a three-day ceasefire around the river port of Kesh on Monday."


@pytest.mark.parametrize("paragraph, expected", [
    # a verb that outlives a time, negated ahead, with the truce for subject: a doubt that it lasts
    ("\u201cThis ceasefire will not survive the first market day,\u201d said Ida Moll, a grain trader in Kesh.",
     "oppose"),
    ("\u201cI fear the ceasefire will not outlast the rains,\u201d said Ida Moll, a grain trader in Kesh.", "oppose"),
    # the same verb not negated: no doubt
    ("\u201cThis ceasefire will outlast the rains,\u201d said Ida Moll, a grain trader in Kesh.", "neutral"),
    # said of people, not of the truce: no forecast about it
    ("\u201cThe ceasefire is in force, but the old men here fear they will not survive the winter,\u201d said "
     "Ida Moll, a grain trader in Kesh.", "neutral"),
])
def test_a_truce_that_will_not_outlive_a_time(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # past breaches joined to a forecast: the forecast is the position (doubt)
    ("The mayor Rolf Han said the rebels had broken the ceasefire twice and that it would not hold until Friday.",
     "oppose"),
    # past breaches alone: an accusation of violation (neutral)
    ("The mayor Rolf Han said the rebels had broken the ceasefire twice since Monday.", "neutral"),
])
def test_a_forecast_joined_to_a_violation(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # indirect speech: "she did not expect" reports her present "I do not expect"; the quiet stands for the truce
    ("In Kesh, the grain trader Ida Moll said she did not expect the ceasefire to last.", "oppose"),
    ("In Kesh, the grain trader Ida Moll said she did not expect the calm of the ceasefire to last.", "oppose"),
    # expecting it to last, reported: no doubt
    ("In Kesh, the grain trader Ida Moll said she expected the ceasefire to last.", "neutral"),
])
def test_a_doubt_reported_in_the_past(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a thing put beyond bargaining: a demand set before the truce, a condition
    ("\u201cThe bridge at Kesh is not negotiable,\u201d the rebel commander Odo Brand said of the ceasefire.",
     "conditional"),
    # open to bargaining: no demand
    ("\u201cThe bridge at Kesh is negotiable,\u201d the rebel commander Odo Brand said of the ceasefire.", "neutral"),
])
def test_a_demand_put_beyond_bargaining(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected
