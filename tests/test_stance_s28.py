"""Stance readings of session 28 (issue #14): a reservation after "but" that shares the commitment's "would" ("would
keep to the truce but answer any attack"), a promise held back "once" the other side acts, told in
reported speech too ("would accept it once the militia left"). Every sentence here is written for these tests (none
comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # the reservation's verb shares the commitment's "would": it answers force, so the truce holds only while the
    # other side keeps it
    ("Colonel Ivo Marsh said his soldiers would observe the truce but respond to any attack.", "conditional"),
    # firing back and neutralising a threat answer force too
    ("Colonel Ivo Marsh said his soldiers would respect the ceasefire but fire back at the first shot.",
     "conditional"),
    ("Colonel Ivo Marsh said the militia remained committed to the truce but would neutralise any threat.",
     "conditional"),
    # a shared "would" on a verb that answers nothing, or a negated answer, keeps the commitment whole
    ("Colonel Ivo Marsh said his soldiers would respect the ceasefire but return to their barracks.", "support"),
    ("Colonel Ivo Marsh said his soldiers would respect the ceasefire but would not fire first.", "support"),
])
def test_a_reservation_sharing_the_commitments_would(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "once" the other side acts: the promise waits for it, a condition
    ("Colonel Ivo Marsh said the army will accept the truce once the militia leaves the bridge.", "conditional"),
    # reported speech shifts the awaited act into the past tense: after "would" it is still ahead
    ("Colonel Ivo Marsh said the army would accept the truce once the militia left the bridge.", "conditional"),
    ("Colonel Ivo Marsh said the army would accept the truce when the militia left the bridge.", "conditional"),
    # the truce's own arrival is its time, not a condition
    ("Colonel Ivo Marsh said the army will extend the truce once it takes effect.", "support"),
    ("Colonel Ivo Marsh said the army would honour the ceasefire once it took effect.", "support"),
])
def test_a_promise_held_until_the_other_side_acts(paragraph, expected):
    assert stance_of(paragraph) == expected
