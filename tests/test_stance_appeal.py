"""An appeal on the main line decides the stance (issue #14): a sentence whose main verb calls on, urges or asks
others to do something ("we call on the guarantors to make the militias stop their violations") is the speaker's
call (support), even when it names breaches of the truce: they are what is asked or why, not the speaker's
accusation. A breach told without an appeal stays an accusation (neutral). Every sentence here is written for
these tests (none comes from a set)."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph", [
    "\u201cWe call on the guarantors to compel the militias to stop their violations of the truce,\u201d said Mayor Olga Brandt.",
    "Mayor Olga Brandt urged the militias to respect the truce as monitors reported repeated violations.",
])
def test_an_appeal_is_the_position(paragraph):
    assert stance_of(paragraph) == "support"


@pytest.mark.parametrize("paragraph", [
    "Mayor Olga Brandt said the militias had violated the truce twice since Monday.",
    "\u201cThe militias have respected the truce since Monday,\u201d said Mayor Olga Brandt.",
])
def test_without_an_appeal_breaches_and_keeping_are_reports(paragraph):
    assert stance_of(paragraph) == "neutral"
