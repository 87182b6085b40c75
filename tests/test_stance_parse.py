"""Stance read through the parse rather than off cue words alone: what a verb of leaving acts on, the scope of a
negation, tense in a clause that looks like a condition, cue words inside names, and the polarity of what the
truce is called. Every sentence here is written for these tests (none comes from an evaluation set)."""

from __future__ import annotations

import pytest

from conftest import article_statements


def stance_of(paragraph: str, *context: str) -> str:
    found = [s for s in article_statements(*context, paragraph) if s.text.startswith(paragraph[:12])]
    assert len(found) == 1, [s.text for s in article_statements(*context, paragraph)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # a verb of leaving opposes only when what is left or suspended is the truce, the deal or the talks
    ("\u201cWe are pulling out of the truce tonight,\u201d said Commander Aksel Brun.", "oppose"),
    ("Under the ceasefire, the militia was to withdraw from the river villages within ten days.", "neutral"),
    ("The foreign ministry said the ceasefire was holding but that cross-border trade with its neighbour "
     "remained suspended.", "neutral"),
    # suspending the fighting is the truce itself; refusing to suspend it is a refusal
    ("Commander Aksel Brun said his brigades would suspend all offensive actions along the river from Sunday, "
     "as the ceasefire requires.", "support"),
    ("The defence ministry said operations against the militia would not be suspended for the ceasefire talks.",
     "oppose"),
])
def test_leaving_acts_read_their_object(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # refusing to let the truce be harmed defends it
    ("The ministry said the government remained committed to the ceasefire and would not let saboteurs "
     "undermine it.",
     "support"),
    # a past halt denied is an accusation or a fact, not a refusal
    ("\u201cTheir gunners did not stop firing for a single night of the truce,\u201d said Commander Aksel Brun.",
     "neutral"),
    ("An earlier holiday truce did not halt the fighting around the port.", "neutral"),
    # the same words about the future are a refusal
    ("\u201cWe will not stop the fighting for a ceasefire they will use to rearm,\u201d said Commander Aksel Brun.",
     "oppose"),
])
def test_negation_scope(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "if"/"while" with a past clause and no modal on the main line tells what happened: no condition
    ("\u201cIf anyone broke the ceasefire on the ridge last night, it was not one of our units,\u201d said "
     "Commander Aksel Brun.", "neutral"),
    ("\u201cOur medics treated the wounded while the ceasefire held,\u201d said Doctor Hanne Lie.", "neutral"),
    # indirect speech shifts the tense back: still a condition
    ("The army said it was ready to extend the truce by a week if the militia released its prisoners.",
     "conditional"),
    # a breach inside the condition is a threat, not an accusation
    ("Commander Aksel Brun said his units would return fire at once if the truce was broken.", "conditional"),
])
def test_tense_of_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a standing offer is its owner's position
    ("The foreign ministry said its offer of a 20-day ceasefire remained on the table until the end of May.",
     "support"),
    # a declaration named as a thing (a date, an object noted) is nobody's declaring
    ("Since the ceasefire declaration, the movement says, it has not launched a single raid across the border.",
     "neutral"),
    # an oppose cue word inside an organisation's name takes no position
    ("The Joint Public Relations Office of the army said on Monday that the ceasefire took effect at noon.",
     "neutral"),
    # "X, not Y" denies Y
    ("\u201cThey treat the truce as a breathing space, not a commitment,\u201d said Doctor Hanne Lie.", "oppose"),
])
def test_what_the_cue_word_is(paragraph, expected):
    assert stance_of(paragraph) == expected
