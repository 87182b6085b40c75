"""Session 30 (issue #14): a prediction that this truce will go as the others went ("this one will be no
different"), said after a record of broken truces, is a doubt; a comparison that names its comparand ("no different
from those agreed in May") or a hope ("it will be different") is not. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from conftest import RIVER_TRUCE, last_paragraph_stance

RECORD = "Colonel Ivo Marsh said the militias had broken every truce since the spring."


def stance_after_record(paragraph: str) -> str:
    return last_paragraph_stance(RIVER_TRUCE, RECORD, paragraph)


@pytest.mark.parametrize("paragraph", [
    "\u201cThis one will be no different,\u201d he said.",
    "\u201cIt will not be different this time,\u201d he said.",
])
def test_a_truce_foretold_to_go_as_the_others_is_a_doubt(paragraph):
    assert stance_after_record(paragraph) == "oppose"


@pytest.mark.parametrize("paragraph", [
    "\u201cThe terms of the truce will be no different from those agreed in May,\u201d he said.",
    "\u201cThis time it will be different,\u201d he said.",
])
def test_a_named_comparison_or_a_hope_is_no_doubt(paragraph):
    assert stance_after_record(paragraph) != "oppose"
