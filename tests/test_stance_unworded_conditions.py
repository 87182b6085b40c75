"""Conditions set with no condition word: what an arrangement still to come would have to hold, and orders joined
to a "then" that promises talk or a truce. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements

TRUCE = "The army and the rebels agreed a three-day ceasefire around the river port of Kesh on Monday."
LEAD = "\u201cThe ceasefire is too narrow."
SAID = "\u201d said Commander Aksel Brun."


def stance_of(paragraph: str, start: str) -> str:
    found = [s for s in article_statements(TRUCE, paragraph, conflict=True) if s.text.startswith(start)]
    assert len(found) == 1, [s.text for s in article_statements(TRUCE, paragraph, conflict=True)]
    return found[0].stance


@pytest.mark.parametrize("quoted, expected", [
    # an arrangement still to come ("any new", "a future") that would have to hold something: a condition
    ("Any new arrangement would have to cover the mountain villages", "conditional"),
    # the arrangement in force: its terms; and what a truce does by itself is no demand
    ("The arrangement would have to cover the mountain villages", "neutral"),
    ("Any new arrangement would have to start at dawn", "neutral"),
])
def test_what_an_arrangement_to_come_must_hold(quoted, expected):
    assert stance_of(f"{LEAD} {quoted},{SAID}", quoted[:12]) == expected


@pytest.mark.parametrize("quoted, expected", [
    # orders, then a "then" clause with a modal: what must come first
    ("Pull your guns back from the river, free the fishermen, and then we can talk about a longer ceasefire",
     "conditional"),
    ("Let them pull back, let the monitors in, and then there can be a discussion about the ceasefire",
     "conditional"),
    # no "then": two orders and a plan; told in the past: a story; "then we will see": wait and see, no condition
    ("Pull your guns back from the river, free the fishermen, and we will talk about a longer ceasefire", "neutral"),
    ("We pulled our guns back from the river, freed the fishermen, and then we could talk about the ceasefire",
     "neutral"),
    ("Let them sign something first, and then we will see who keeps the ceasefire", "neutral"),
])
def test_orders_first_then_a_truce(quoted, expected):
    assert stance_of(f"\u201c{quoted},{SAID}", "\u201c" + quoted[:11]) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a promise held back until the other side acts first: "when" in the present sets a condition
    ("\u201cWe will extend the truce when their drones stop flying over the valley,\u201d said Commander Aksel Brun.",
     "conditional"),
    # "when" the truce itself comes due tells the time of the promise, and "even when" concedes: no condition
    ("\u201cWe will extend the truce when it expires on Friday,\u201d said Commander Aksel Brun.", "support"),
    ("\u201cWe will extend the truce even when their drones fly over the valley,\u201d said Commander Aksel Brun.",
     "support"),
])
def test_a_promise_held_until_the_other_side_acts(paragraph, expected):
    assert stance_of(paragraph, paragraph[:12]) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a commitment kept with a reservation after "but": answering force, or refusing to hold back, is a condition
    ("Commander Aksel Brun said the brigade remained committed to the truce but would defend its positions "
     "against any attack.", "conditional"),
    ("\u201cWe remain committed to the truce, but we will not sit and watch our villages burn,\u201d said Commander "
     "Aksel Brun.", "conditional"),
    # a "but" that reserves nothing of the truce leaves the welcome
    ("\u201cWe welcome the truce, but we will not forget the dead,\u201d said Commander Aksel Brun.", "support"),
])
def test_a_commitment_with_a_reservation(paragraph, expected):
    assert stance_of(paragraph, paragraph[:12]) == expected


@pytest.mark.parametrize("quoted, expected", [
    # opening on "without" what was just named: those things are the terms
    ("Without them, a truce only helps the militias", "conditional"),
    ("But without those guards on the bridge, this ceasefire will go the way of the last one", "conditional"),
    # without a new thing, no term is set
    ("Without an extension, the grain barges will stay in port", "neutral"),
])
def test_without_what_was_named(quoted, expected):
    assert stance_of(f"{LEAD} We asked for monitors and a map. {quoted},{SAID}", quoted[:12]) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # an order of acts wanted or demanded: what must come first is a condition
    ("The militias want the army to leave the bridge before any truce, their spokesman Olaf Berg said.",
     "conditional"),
    ("Commander Olaf Berg said the militias wanted the ferry landings cleared first and the truce signed after.",
     "conditional"),
    # told in the past and negated: a denial, no demand
    ("Commander Olaf Berg insisted his men had not fired first on the ferry during the truce.", "neutral"),
    # a "before" on the demanding verb that names an audience, not an act: where it was said, no order of acts
    ("Mayor Olga Brandt insisted before reporters on Tuesday that the truce must be respected.", "support"),
    ("Mayor Olga Brandt demanded before the council an immediate extension of the truce.", "support"),
    # on the verb, an act: what must come first
    ("Mayor Olga Brandt insisted, before signing anything, on monitors for the truce.", "conditional"),
])
def test_demanded_first(paragraph, expected):
    assert stance_of(paragraph, paragraph[:12]) == expected
