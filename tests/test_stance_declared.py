"""A party's own truce declared again (stance_frames.toml [declaring]): prolonged by the party ("the council has
extended its truce"), or announced in the passive with the party for agent ("the pause was announced by the
front"); and words discounted against deeds ([doubt] judging). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import last_paragraph_stance

stance_of = last_paragraph_stance


BACKDROP = "Fighting between the army and the Orun Front has displaced thousands around the town of Velt this year."


@pytest.mark.parametrize("paragraph, expected", [
    # the party prolongs its own truce: its truce declared again
    ("The Military Council has extended its unilateral ceasefire around Velt until the end of March.", "support"),
    ("The Military Council has extended the ceasefire period for all armed groups until 30 April, it was learnt.",
     "support"),
    # both sides prolong it: an announcement of a joint act
    ("The army and the Orun Front extended the ceasefire around Velt by two weeks on Friday.", "neutral"),
    # a plan put under a condition, or a question debated: no truce declared
    ("The Military Council said it would extend the ceasefire if the Orun Front withdrew from the bridge.",
     "conditional"),
    ("Lawmakers in the capital argued on Tuesday over whether the cabinet should extend the ceasefire.", "neutral"),
])
def test_own_truce_prolonged(paragraph, expected):
    assert stance_of(BACKDROP, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the party for agent of a passive announcement: its own truce
    ("The ceasefire was announced by the Orun Front's military commander in a radio broadcast.", "support"),
    ("A three-day pause in the fighting was announced by the Orun Front after heavy shelling near Velt.",
     "support"),
    # an agreement announced by someone: its broker may announce it, no position
    ("The ceasefire agreement was announced by the foreign minister of a neighbouring state after talks.",
     "neutral"),
])
def test_passive_announcement(paragraph, expected):
    assert stance_of(BACKDROP, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # deeds set against words under a negation: the announcement not taken at its word
    ("A government spokesman said the army would judge the Orun Front by its actions, not its promises of a "
     "truce.", "oppose"),
    # a measure with no words discounted says no doubt
    ("A government spokesman said the army would judge the Orun Front by its deeds after the ceasefire "
     "announcement.", "neutral"),
])
def test_judged_by_deeds(paragraph, expected):
    assert stance_of(BACKDROP, paragraph) == expected
