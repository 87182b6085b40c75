"""A call made with no cue word (pipeline.nlp.stance._urges): a modal of obligation on the main line ("the army
must now pull back", "the pause should be protected") is the guidelines' "calls for". Hindsight, guesses,
schedules, "nobody should", negated or conditional modals are not calls. Every sentence here is written for these
tests."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph", [
    "\u201cThe army must now pull its tanks out of the market towns,\u201d said Mayor Olga Brandt.",
    "\u201cThis pause should be protected by everyone on the river, not exploited,\u201d said Mayor Olga Brandt.",
    "Mayor Olga Brandt said the militias should open the ferry crossings during the pause.",
])
def test_obligation_on_the_main_line_is_a_call(paragraph):
    assert stance_of(paragraph) == "support"


@pytest.mark.parametrize("paragraph, expected", [
    ("\u201cNobody should be surprised by this pause,\u201d said Mayor Olga Brandt.", "neutral"),  # of nobody
    ("\u201cWe should have seen this pause coming months ago,\u201d said Mayor Olga Brandt.", "neutral"),  # hindsight
    ("\u201cThe militias must be exhausted after this winter,\u201d said Mayor Olga Brandt.", "neutral"),  # a guess
    ("The pause should take effect at noon on Friday, the ministry said.", "neutral"),  # a schedule
    ("\u201cIf the militias cross the bridge, the army must answer,\u201d said Mayor Olga Brandt.", "conditional"),
    ("\u201cThe army must not treat this pause as a chance to advance,\u201d said Mayor Olga Brandt.", "oppose"),
])
def test_modals_that_call_for_nothing(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the publicity frame reads the plural as the singular ("audiences" as "audience")
    ("\u201cThe ceasefire offer is staged for foreign audiences,\u201d said Colonel Piet Varga.", "oppose"),
    # a verb of doubt on the truce's worth or on whether it holds
    ("Senator Ines Moll questioned the sincerity of the ceasefire offer.", "oppose"),
    ("Senator Ines Moll questioned whether the ceasefire would survive the harvest.", "oppose"),
    # "only once", like "only if" and "only when", sets a condition
    ("Mayor Olga Brandt said the militias would sign the ceasefire only once the mines were cleared.",
     "conditional"),
    # ... a bare "once" only says when
    ("Mayor Olga Brandt said the ferries would sail once the ceasefire took effect.", "support"),
])
def test_general_members_of_known_classes(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the first person halting the fight in the present simple announces it: its own truce
    ("\u201cFrom tonight we halt all offensive operations along the river,\u201d the militia statement said.",
     "support"),
    ("\u201cWe cease offensive operations for the harvest,\u201d said Commander Ilse Norr.", "support"),
    # ... told as a habit it announces nothing
    ("\u201cEvery winter we halt offensive operations for the harvest,\u201d said Commander Ilse Norr.", "neutral"),
])
def test_present_announcement_of_own_halt(paragraph, expected):
    assert stance_of(paragraph) == expected
