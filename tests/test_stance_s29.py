"""Stance readings of session 29 (issue #14): the truce's lasting that times another plan ("classes would restart as
long as the ceasefire holds"), a wish for the fighting to stop, a time shut off from any earlier one ("when they
disarm, not before") and an obligation first ("they have to leave first"). Every sentence here is written for these
tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # the truce's lasting times someone else's plan: told, no term set for the truce
    ("The school director said lessons would resume on Monday as long as the ceasefire holds.", "neutral"),
    ("Colonel Ivo Marsh said the ferry would run again if the truce holds beyond the harvest.", "neutral"),
    # the speaker's own plan counting on it: a welcome, as a plan for the truce's arrival is
    ("Asked about the truce, Colonel Ivo Marsh said: If the truce holds, we will rebuild the bridge this summer.",
     "support"),
    # a halt or a keeping bound to the lasting of a truce is a condition still
    ("The rebels said they would halt attacks on shipping for as long as the truce in the valley holds.",
     "conditional"),
    ("Colonel Ivo Marsh said his men would respect the pause as long as the truce holds.", "conditional"),
    ("Colonel Ivo Marsh said the army would not fire as long as the ceasefire lasts.", "conditional"),
    # the other side's conduct is the condition, not the truce's lasting
    ("Colonel Ivo Marsh said the ferry would run as long as the militia stays off the river.", "conditional"),
])
def test_the_truce_lasting_times_another_plan(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_state_judged_on_the_lasting_is_no_plan():
    # "I will be" judges the lasting, it plans nothing: no welcome read (the lasting stays the condition)
    assert stance_of("Asked about the truce, Colonel Ivo Marsh said: If the truce survives the winter, I will be "
                     "amazed.") != "support"


@pytest.mark.parametrize("paragraph, expected", [
    # a wish for the fighting itself to stop welcomes what the truce brings
    ("Asked about the truce, Colonel Ivo Marsh said: We want the guns to stop.", "support"),
    ("Asked about the truce, Colonel Ivo Marsh said the villagers wanted the shelling to end.", "support"),
    # something else stopping is no such wish; a denied wish is none either
    ("Asked about the truce, Colonel Ivo Marsh said: We want the convoys to stop.", "neutral"),
    ("Asked about the truce, Colonel Ivo Marsh said: We do not want the shelling to stop.", "neutral"),
])
def test_a_wish_for_the_fighting_to_stop(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the time is made the only one: what it waits for is a condition
    ("Asked about the truce, Colonel Ivo Marsh said: We will leave the bridge when the militia disarms, not before.",
     "conditional"),
    ("Asked about the truce, Colonel Ivo Marsh said: The convoys will move the day the hostages are freed, "
     "not a day earlier.", "conditional"),
    # without the shutting-out, the time is only a time
    ("Asked about the truce, Colonel Ivo Marsh said: We will leave the bridge when the militia disarms.", "neutral"),
])
def test_a_time_shut_off_from_any_earlier(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "have to" / "need to" with "first" or "before" is "must first": an order of acts demanded, a condition
    ("Asked about the truce, Colonel Ivo Marsh said: Our prisoners have to come home first.", "conditional"),
    ("Asked about the truce, Colonel Ivo Marsh said: The militia needs to leave the bridge before any talks.",
     "conditional"),
    # the fight falling silent first is the truce itself, a call for it
    ("Asked about the truce, Colonel Ivo Marsh said: The guns have to fall silent first.", "support"),
    # told in the past it is what was done; without an order of acts there is none
    ("Asked about the truce, Colonel Ivo Marsh said: Our men had to leave the bridge first.", "neutral"),
    ("Asked about the truce, Colonel Ivo Marsh said: Our prisoners have to come home.", "neutral"),
])
def test_an_obligation_first_is_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a thing denied the name the clause just gave it: a dismissal, with breaches in its description or not
    ("Asked about the truce, Colonel Ivo Marsh said: A commission that only counts our breaches is not a commission.",
     "oppose"),
    ("Asked about the truce, Colonel Ivo Marsh said: Talks that leave out the villages are not talks.", "oppose"),
    # another name denied is a distinction, not a dismissal
    ("Asked about the truce, Colonel Ivo Marsh said: The commission is not a court.", "neutral"),
])
def test_a_thing_denied_its_own_name(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a truce as one of a series, and what it should have ended back "again": the record cited, a doubt
    ("Asked about the truce, Colonel Ivo Marsh said: We had a truce last winter too, and by March the mortars were "
     "firing again.", "oppose"),
    ("Asked about the truce, Colonel Ivo Marsh said: Every spring there is a truce and every summer the raids start "
     "again.", "oppose"),
    # one truce and life coming back is no record of failure; a meeting planned again is a plan
    ("Asked about the truce, Colonel Ivo Marsh said: There was a truce in May, and the schools opened again.",
     "neutral"),
    ("Asked about the truce, Colonel Ivo Marsh said: We had a truce last winter too, and we will meet again in "
     "March.", "neutral"),
])
def test_a_series_of_truces_and_the_war_back_again(paragraph, expected):
    assert stance_of(paragraph) == expected
