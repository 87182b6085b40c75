"""Appeals and merit said of the truce (issue #14): "call upon" is the guidelines' "calls for" as "call on" is, and
a truce said to deserve something ("it deserves the chance to hold") is valued (support), unless what it deserves
is blame or the merit is denied. Every sentence here is written for these tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph", [
    "\u201cI call upon the militias, and upon all who carry arms, to answer this gesture in kind,\u201d said Mayor Olga Brandt.",
    "The council calls upon the mediators to send monitors to the river towns to watch the truce.",
])
def test_call_upon_is_an_appeal(paragraph):
    assert stance_of(paragraph) == "support"


@pytest.mark.parametrize("paragraph, expected", [
    ("\u201cThe truce has held for a month, and it deserves the chance to hold,\u201d said Mayor Olga Brandt.", "support"),
    ("\u201cThis ceasefire deserves better than the scorn of the capital,\u201d said Mayor Olga Brandt.", "support"),
    ("\u201cThe truce does not deserve our trust,\u201d said Mayor Olga Brandt.", "oppose"),  # denied: doubt
])
def test_a_truce_that_deserves_something_is_valued(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_deserving_blame_is_no_praise():
    assert stance_of("\u201cThis truce deserved to fail,\u201d said Mayor Olga Brandt.") != "support"
